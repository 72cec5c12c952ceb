"""What the bot may repeat of a user's own words: no links, no markup, not too long.

Front ends render bot text as Markdown (the web widget) or mrkdwn (Slack), so a place answer like
"[our site](http://evil.example)" repeated verbatim would become a link the bot appears to send.
"""

from __future__ import annotations

import re

MAX_CHARS = 60
# Anything that a renderer could turn into a link: schemes, www., e-mail addresses, bare domains.
_LINK = re.compile(r"(?i)\S*(?:[a-z][a-z0-9+.-]*:/*|www\.|@)\S*|\S*\w\.(?:[a-z]{2,})(?:[/?#]\S*)?(?=\s|$)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[<>\[\]()*_~`#|\\{}!]")


def quoted(text: str) -> str:
    """The user's text made safe to repeat in a bot message."""
    text = _LINK.sub(" ", _MARKDOWN_LINK.sub(r"\1", text or ""))
    text = " ".join(_MARKUP.sub(" ", text).split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"
