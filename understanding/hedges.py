"""Replies that say the owner does not know ("not sure", "no idea really, that's why I'm here") or ask the
bot back for its advice ("what would you suggest?").

Shared by the intent re-labelling (components/stated_facts.py), which makes such a reply a `dont_know`,
and the profile form (actions/form.py), which then takes the default instead of a value read into the
words of the hedge: the control reader takes "no idea really" for "none really", hands-off.
"""

from __future__ import annotations

import re

# "not sure, never actually counted", "tricky one... honestly not sure": no answer, whatever follows
UNSURE = re.compile(
    r"^\W*(?:(?:hmm+|well|tricky one|good question|honestly|genuinely|tbh|erm?|um+|sorry|oh|"
    r"ich weiss nicht|je ne sais pas|no s[ée])\W+)*"
    r"(?:i'?m |i am |we'?re )?(?:honestly |genuinely |really |truly )?"
    r"(?:not (?:sure|certain)|no idea|no clue|not a clue|hard to (?:say|tell)|(?:i |we )?(?:genuinely |really )?"
    r"don'?t know|dunno|idk|unsure|beats me|haven'?t a clue|no (?:real )?preference|"
    r"torn(?: between (?:them|the (?:two|three)|those|these|the options))?(?! between)|"
    r"too early to (?:say|tell)|(?:i |we )?(?:can'?t|cannot) (?:choose|decide|pick|answer (?:that|this|it))|"
    r"(?:i )?(?:couldn'?t|can'?t|cannot) (?:tell you|say)|(?:i |we )?(?:haven'?t|have not) decided|undecided|"
    # "haven't really thought about it tbh", "haven't thought about that one"
    r"(?:i |we )?(?:haven'?t|have not|hadn'?t|never) (?:really |actually )?(?:thought|considered|discussed|talked)"
    r"(?: about)?(?: (?:it|that|this)|(?=\s+(?:how|what|which|where|whether)\b)))\b", re.I)
# Declining to answer rather than not knowing: "I'd rather not say", "pass on this one", at any length; "skip for now?",
# "can we move on?", "next question", in a short reply only (a longer one tells something else: "we want to move on
# from our current provider", "we can't skip security").
_NOT = r"(?<!can't )(?<!can’t )(?<!cant )(?<!cannot )(?<!don't )(?<!don’t )(?<!dont )"
DECLINES = re.compile(r"\b(?:pass on (?:this|that)|(?:rather|prefer) not (?:to )?(?:say|tell|share|answer|disclose)|"
                      r"won'?t say|won’t say|(?:don'?t|don’t|do not) want to (?:say|tell|share|answer))\b", re.I)
SKIPS = re.compile(_NOT + r"\b(?:skip|next question|move on(?! from (?!(?:this|that|the)\b))|leave (?:it|that|this) (?:out|blank|for now|open))\b",
                   re.I)
SHORT_SKIP = 8  # words


def skips(text: str) -> bool:
    """Whether a reply declines the question: "I'd rather not say how many we are", or a short "skip for now?"."""
    return bool(DECLINES.search(text)) or (len(text.split()) <= SHORT_SKIP and bool(SKIPS.search(text)))


# What may follow "no idea" without saying anything more: "not sure really", "no clue at all tbh".
NOTHING_MORE = re.compile(r"^(?:\W|really|at all|tbh|honestly|to be honest|sorry|mate|yet|either|lol|haha|tho|"
                          r"no idea|not sure|internally|(?:so |and )?(?:i |we )?(?:can'?t|cannot) "
                          r"(?:choose|decide|pick|say|answer(?: that| this| it)?)|"
                          r"though|for now|right now|atm|"
                          # "no clue what we want", "hard to say until I see the price": what is not known, or when
                          r"(?:(?:what|which|how|where|whether|until|till|before|unless|without)\b[^.?!,;]*?)|"
                          r"(?:that'?s|that is|which is|hence) why "
                          r"(?:i'?m|i am|we'?re|we are|i|we) (?:here|asking|came|ask|talking to you))*$", re.I)


# A hedge that leans one way all the same: "not sure, probably let them run it".
LEANS = re.compile(r"\b(?:probably|maybe|perhaps|likely|leaning|lean towards|i guess|i think|i'?d say|preferably|"
                   r"ideally)\b", re.I)


def only_unsure(text: str) -> bool:
    """Whether a reply says that the owner does not know, and nothing more."""
    found = UNSURE.search(text)
    return bool(found) and bool(NOTHING_MORE.match(text[found.end():]))


# Asked back for advice on the question just asked ("what would you suggest?", "what do most firms do?"),
# the whole message or its end; not "what do most companies pay for ...", not "I don't need your advice".
ASKS_FOR_ADVICE = re.compile(
    r"(?:\b(?:what|which)(?: one)? (?:would|do|should|could|can) you (?:suggest|recommend|advise|propose|pick|choose)"
    r"|\bwhat(?:'s| is) (?:usual|normal|typical|common|standard|recommended|best practice)"
    r"|\bwhat do (?:most|other|similar) (?:companies|firms|businesses|people|clients) (?:usually |normally |"
    r"typically )?(?:do|go for|choose|pick|want|need|prefer|hand over|outsource|offshore|move)"
    r"|\bwhat do people (?:usually |normally |typically )(?:do|go for|choose|pick|want|need|prefer|hand over|"
    r"outsource|offshore|move)"
    r"|^\W*(?:any|your) (?:suggestions?|recommendations?|advice))\W*$", re.I)
# Words that ask for the advice itself ("so what would you recommend for us?", "just give me your verdict"), said
# while a question of the profile is pending.
WANTS_ADVICE = re.compile(r"\b(?:recommend\w*|advi[cs]\w*|suggest\w*|verdict|opinion|bottom line|your (?:view|take)"
                          r"|what (?:should|would) (?:we|i) do|what(?:'s| is) best"
                          r"|which (?:is|one is) (?:best|better))", re.I)
NOT_ASKING = re.compile(r"\b(?:don'?t|do not|no|not|never)\b", re.I)
