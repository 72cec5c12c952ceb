"""Check the contact details a person types: a name, an email address and a phone number.

Each function takes the whole message ("my email is jane@firm.com") and returns the cleaned value,
or None when it cannot be used, so the form can ask again. Email addresses are checked by
email-validator (syntax only: no DNS lookups from the chat), phone numbers by phonenumbers.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

MAX_NAME = 100
SKIP = "none"  # the phone slot's value when the person gives no number
_NAME_PREFIX = re.compile(r"^(?:my name is|my name's|name:|i am|i'm|im|it's|it is|this is|call me)\s+", re.I)
_NAME = re.compile(r"^[^\W\d_]+(?:(?:\. ?|[ '’\-])[^\W\d_]+)*\.?$")  # letters; words joined by . ' - or a space
_SKIP_WORDS = {"skip", "none", "no", "no phone", "no number", "n/a", "-"}


def valid_name(name: str) -> bool:
    """Whether `name` is a name as the lead form keeps it: letters and words joined by ' . - or a space."""
    return 0 < len(name) <= MAX_NAME and bool(_NAME.match(name))


def clean_name(text: str) -> str | None:
    """"I'm Jane O'Neil" -> "Jane O'Neil"; None for anything that is not letters, spaces, ' . -"."""
    name = _NAME_PREFIX.sub("", " ".join(str(text).split())).strip(" ,;:!?")
    return name if valid_name(name) else None


def clean_email(text: str) -> str | None:
    """The one address in the message, normalised; None when there is none, several, or it is invalid."""
    words = [w.strip(".,;:!?()<>\"'") for w in str(text).split() if "@" in w]
    candidate = words[0] if len(words) == 1 else str(text).strip()
    try:
        return validate_email(candidate, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def clean_phone(text: str, region: str) -> str | None:
    """The first valid number in the message in E.164 form (+442079460958), read as a number of
    `region` when it has no country code; SKIP when the person declines; None when unreadable."""
    raw = " ".join(str(text).split()).strip(" .!")
    if raw.lower() in _SKIP_WORDS:
        return SKIP
    for match in phonenumbers.PhoneNumberMatcher(raw, region):
        return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    return None


def region_of(phone: str) -> str:
    """The country (ISO code) of an international number, e.g. "US" for "+1 201 555 0123"."""
    return phonenumbers.region_code_for_number(phonenumbers.parse(phone, None)) or "US"
