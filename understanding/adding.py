"""Words that add a value to those the owner already gave instead of replacing them: "what if we also
needed 24/7 cover?", "and backups too, forgot to say", "I'd add staying ahead of competitors", "what if we add
security to the list".

Shared by the what-if (actions/advice.py) and the correction of goals (actions/form.py): without them a
goal said as one more would take the place of the owner's own.
"""

from __future__ import annotations

import re

# "too" only ends a clause: "too expensive" adds nothing.
# "cost AND security, not just cost": the first kept, the second beside it.
# "also" of the advice ("would this also be offshoring?") and "plus" between two goals ("cost plus backups that work")
# add nothing to the owner's own ("it would also be great to have ...", "and plus 24/7", "so that also." do).
ADDING = re.compile(r"\b(?:(?<!\bthis\s)(?<!\bthat\s)(?<!\bit\s)also|as well|in addition|on top|besides|"
                    r"(?:(?<![\w'’]\s)|(?<=\band\s)|(?<=\boh\s)|(?<=\bbut\s))plus|i'?d add|add(?:ing)? that|"
                    r"not (?:just|only)|"
                    # "I forgot the most important one", "forgot to tell you", "I forget to say" (not "forgot the
                    # question")
                    r"forg[eo]t(?:ten)?\s+to\s+(?:say|mention|add|tell)|forgot\s+(?:the|one|another|a)\s+"
                    r"(?:(?:most\s+)?(?:important|main|big|key|other)\s+)?(?:one|thing|goal|reason|aim|point)s?|"
                    # "... So that also.": "also" of the owner's words, not of the advice ("would you still recommend
                    # that also?")
                    r"(?:this|that|it)\s+also(?=\s*(?:$|[,.;:!]))|"
                    r"(?:to|on) the list|add(?:ed|ing)?\s+(?:\w+\s+){0,4}?to (?:it|that|them|those|the goals))\b"
                    r"|\btoo\b(?=\W*(?:$|[,.;:!?–—-]))", re.I)


def adds(text: str) -> bool:
    """Whether the text says its value comes on top of the owner's own."""
    return bool(ADDING.search(text or ""))
