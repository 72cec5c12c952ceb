"""What makes a message a question, and a question about what a word or an option means.

Both the intent (components/stated_facts.py) and the profile form (actions/form.py) must tell an answer from a
question: "what counts as back office exactly?" names an option of the question asked and answers nothing; and a
question about the visitor's own company from one about companies in general.
"""

from __future__ import annotations

import re

# Words that put a message in the visitor's own company: "we're 500 people, do firms like us offshore?" tells of it.
SAID_OF_US = re.compile(
    r"\b(we|we're|we are|our|ours|us|i run|i own|i manage|i lead|i oversee|i head|i'm the|i am the|"
    r"my (company|firm|business|practice|clinic|shop|agency|team|store|studio|startup))\b", re.I)
# Companies in general: "do companies of 500 people usually offshore?", "should a firm with 40 staff outsource?" tell
# nothing of the visitor's own (unless it also speaks of "we" or "our").
IN_GENERAL = re.compile(r"\b(?:companies|firms|businesses|organi[sz]ations|employers|(?:an?|any)\s+(?:\w+\s+)?"
                        r"(?:company|firm|business|organi[sz]ation))\s+(?:of|with|that (?:has|have)|having|employing)\b",
                        re.I)


def of_companies_in_general(text: str) -> bool:
    """Whether a message speaks of companies in general and not of the visitor's own."""
    return bool(IN_GENERAL.search(text)) and not SAID_OF_US.search(text)
# Where one sentence ends and the next begins (the pipeline has no parser to split them).
SENTENCE_START = re.compile(r"(?<=[.!?])\s+")
QUESTION = re.compile(r"\?\s*$|^\s*(what|why|how|when|where|which|who|is|are|can|could|should|would|do|does|will)\b",
                      re.I)
# "not sure what you mean by control", "dunno, explain nearshoring", "what counts as back office?", "what's the
# difference between sharing it and handing it off?": a question about a word, not a "don't know" nor an answer.
CLARIFYING = re.compile(r"\b(?:you mean|mean by|means|meaning|explain|what (?:is|are|does)|what'?s|difference|"
                        r"how (?:does|do)|counts? as|what do(?:es)? \w+ (?:\w+ )?(?:mean|cover|include))\b", re.I)
# Of those, one about what the options of a question mean ("what counts as back office?", "what's the difference
# between sharing it and handing it off?"), not a question back for advice ("don't know, what's normal?", "you tell
# me, what's realistic for a firm like ours?").
_ADVICE_WORDS = r"(?:usual|normal|typical|realistic|common|standard|best|most|right|better|recommended|sensible)"
_ADVICE = rf"(?!\s+(?:the\s+|a\s+)?(?:most\s+)?{_ADVICE_WORDS}\b)"
# ... nor one about a price or a time ("Full handover, with an SLA. What does that usually cost per month?")
_PRICE = r"(?!(?:\s+[\w']+){0,3}\s+(?:cost|costs|charge|take|run)\b)"
ABOUT_OPTIONS = re.compile(rf"\b(?:difference|differ|mean by|means|meaning|counts? as|explain|"
                           rf"what (?:is|are|does)\b{_ADVICE}{_PRICE}|what'?s\b{_ADVICE})", re.I)
# ... which asks even without a question mark: "not sure what you mean by control", "explain hands off please".
ASKS_MEANING = re.compile(r"\b(?:mean by|explain|counts? as|difference between)\b", re.I)
