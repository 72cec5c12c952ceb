"""What every input channel does to a user's text before Rasa sees it.

- Control characters (null bytes included) and bidirectional overrides are removed; the text is
  trimmed. Nothing is left: the caller answers politely without running the bot.
- Longer than MAX_CHARS: refused with a polite reply instead of being parsed.
- Rasa's slash syntax (`/intent{"slot": "value"}`) sets intents and slots directly. A user must not
  be able to do that by typing it, so only the exact payloads of the assistant's own buttons (and
  the widget's start payload) pass; any other leading slashes are dropped and the rest is read as
  ordinary text.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

MAX_CHARS = 2000
START_PAYLOAD = "/greet"
DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"
TOO_LONG = (f"That's a long message! Could you say it in fewer than {MAX_CHARS:,} characters? "
            "A sentence or two about your company is plenty.")
EMPTY = "I didn't get any text there. Tell me a little about your company, or ask me a question."


@dataclass(frozen=True)
class Checked:
    text: Optional[str]  # what Rasa should read, or None when `reply` answers instead
    reply: Optional[str] = None


@lru_cache(maxsize=1)
def button_payloads(domain_file: str = "") -> frozenset[str]:
    """Every payload of the domain's buttons, as Rasa renders it ({{ }} become { })."""
    path = Path(domain_file or os.environ.get("ADVISOR_DOMAIN", DOMAIN_FILE))
    responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
    payloads = {START_PAYLOAD}
    for variants in responses.values():
        for variant in variants or []:
            for button in variant.get("buttons") or []:
                payloads.add(str(button["payload"]).replace("{{", "{").replace("}}", "}"))
    return frozenset(payloads)


def _printable(char: str) -> bool:
    category = unicodedata.category(char)
    if char in "\n\t":
        return True
    # Cc: control characters (NUL, escape, ...); Cf: format characters, among them the
    # bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and zero-width marks.
    return category not in ("Cc", "Cf")


def check_text(raw: str) -> Checked:
    """The text to hand to Rasa, or the reply that answers it instead."""
    text = "".join(ch for ch in raw if _printable(ch)).strip()
    if not text:
        return Checked(None, EMPTY)
    if len(text) > MAX_CHARS:
        return Checked(None, TOO_LONG)
    if text.startswith("/") and text not in button_payloads():
        text = text.lstrip("/").strip()
        if not text:
            return Checked(None, EMPTY)
    return Checked(text)
