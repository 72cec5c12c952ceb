"""The white-label settings: the provider's name, town, contact details and opening hours.

Read from the YAML file that PROVIDER_CONFIG names (default: provider.yml at the repo root) and
checked once, so that a typo in a phone number or time zone stops start-up with a clear message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
import yaml
from email_validator import EmailNotValidError, validate_email

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "provider.yml"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ProviderConfigError(ValueError):
    """The provider file is missing a field or holds a value that cannot be right."""


@dataclass(frozen=True)
class Provider:
    name: str
    town: str
    phone: str
    email: str
    timezone: str
    days: tuple[str, ...]
    opens: time
    closes: time

    def is_open(self, now: datetime | None = None) -> bool:
        local = (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(self.timezone))
        return WEEKDAYS[local.weekday()] in self.days and self.opens <= local.time() < self.closes

    def hours_phrase(self, now: datetime | None = None) -> str:
        span = f"{self.days[0]} to {self.days[-1]}, {self.opens:%H:%M}–{self.closes:%H:%M} ({self.timezone})"
        state = "open right now" if self.is_open(now) else "closed right now, so leave a message"
        return f"{span}; they're {state}"

    def template_vars(self, now: datetime | None = None) -> dict[str, str]:
        """Values for the {provider_*} placeholders of the responses."""
        return {
            "provider_name": self.name,
            "provider_town": self.town,
            "provider_phone": self.phone,
            "provider_email": self.email,
            "provider_hours": self.hours_phrase(now),
        }


def _required(data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProviderConfigError(f"provider config: '{key}' is missing or empty")
    return value.strip()


def parse_provider(data: dict) -> Provider:
    """Check a provider mapping and build a Provider; ProviderConfigError says what is wrong."""
    if not isinstance(data, dict):
        raise ProviderConfigError("provider config: expected a mapping of settings")
    try:
        phone = phonenumbers.parse(_required(data, "phone"), None)
    except phonenumbers.NumberParseException as error:
        raise ProviderConfigError(f"provider config: phone: {error}") from error
    if not phonenumbers.is_valid_number(phone):
        raise ProviderConfigError("provider config: phone is not a valid number (use +country code)")
    try:
        email = validate_email(_required(data, "email"), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ProviderConfigError(f"provider config: email: {error}") from error
    zone = _required(data, "timezone")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ProviderConfigError(f"provider config: unknown timezone '{zone}'") from error
    hours = data.get("opening_hours") or {}
    days = tuple(hours.get("days") or WEEKDAYS[:5])
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown:
        raise ProviderConfigError(f"provider config: unknown days {unknown}")
    try:
        opens = time.fromisoformat(str(hours.get("open", "09:00")))
        closes = time.fromisoformat(str(hours.get("close", "17:00")))
    except ValueError as error:
        raise ProviderConfigError(f"provider config: opening hours: {error}") from error
    return Provider(
        name=_required(data, "name"),
        town=_required(data, "town"),
        phone=phonenumbers.format_number(phone, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        email=email,
        timezone=zone,
        days=days,
        opens=opens,
        closes=closes,
    )


@lru_cache(maxsize=4)
def _load(path: Path) -> Provider:
    with open(path, encoding="utf-8") as handle:
        return parse_provider(yaml.safe_load(handle))


def load_provider() -> Provider:
    """The provider this deployment speaks for (PROVIDER_CONFIG or provider.yml)."""
    return _load(Path(os.environ.get("PROVIDER_CONFIG", DEFAULT_FILE)))
