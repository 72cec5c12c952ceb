"""Replies that say the owner does not know ("not sure", "no idea really, that's why I'm here").

Shared by the intent re-labelling (components/stated_facts.py), which makes such a reply a `dont_know`,
and the profile form (actions/form.py), which then takes the default instead of a value read into the
words of the hedge: the control reader takes "no idea really" for "none really", hands-off.
"""

from __future__ import annotations

import re

# "not sure, never actually counted", "tricky one... honestly not sure": no answer, whatever follows
UNSURE = re.compile(
    r"^\W*(?:(?:hmm+|well|tricky one|good question|honestly|tbh|erm?|um+|sorry|oh)\W+)*(?:i'?m |i am |we'?re )?"
    r"(?:not (?:sure|certain)|no idea|no clue|not a clue|hard to (?:say|tell)|can'?t say|(?:i )?don'?t know|dunno|"
    r"unsure|beats me|haven'?t a clue|no (?:real )?preference)\b", re.I)
# What may follow "no idea" without saying anything more: "not sure really", "no clue at all tbh".
NOTHING_MORE = re.compile(r"^(?:\W|really|at all|tbh|honestly|to be honest|sorry|mate|yet|either|lol|haha|tho|"
                          r"though|for now|right now|atm|(?:that'?s|that is|which is|hence) why "
                          r"(?:i'?m|i am|we'?re|we are|i|we) (?:here|asking|came|ask|talking to you))*$", re.I)


def only_unsure(text: str) -> bool:
    """Whether a reply says that the owner does not know, and nothing more."""
    found = UNSURE.search(text)
    return bool(found) and bool(NOTHING_MORE.match(text[found.end():]))
