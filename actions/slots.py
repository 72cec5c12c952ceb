"""Between the tracker's raw slot values and the advisor's Profile: check, normalise and convert."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from actions.user_text import quoted
from advisor.headcount import HeadcountError, parse_headcount
from advisor.places import resolve_place
from advisor.profile import Profile
from advisor.vocabulary import canonical, canonical_all
from understanding.negation import negated_before

UNKNOWN = "unknown"  # what the slot mappings set when the user says they don't know


@dataclass(frozen=True)
class Checked:
    """A checked slot value, or the response that explains why it was refused."""

    value: Any = None
    error: str | None = None  # name of the utter_invalid_* response
    approximate: bool = False


def check_employees(raw: Any) -> Checked:
    try:
        parsed = parse_headcount(raw)
    except HeadcountError as error:
        return Checked(error=f"utter_invalid_employees_{error.reason}")
    if parsed is None:
        return Checked(error="utter_invalid_employees_unparsed")
    return Checked(parsed.employees, approximate=parsed.approximate)


def check_location(raw: Any) -> Checked:
    text = " ".join(str(raw).split()).strip(" ,.;:!?") if raw else ""  # "Worcester, MA," -> "Worcester, MA"
    if text and resolve_place(text):
        return Checked(text)
    return Checked(error="utter_invalid_location")


def check_choice(kind: str, raw: Any) -> Checked:
    """A goal list ("goal"), or one of function / control / proximity."""
    if kind == "goal":
        values = canonical_all("goal", raw if isinstance(raw, list) else [raw])
        return Checked(values) if values else Checked(error="utter_invalid_goals")
    value = canonical(kind, raw[0] if isinstance(raw, list) and raw else raw, negated=negated_before)
    return Checked(value) if value else Checked(error=f"utter_invalid_{kind}")


_SCALE_AFTER = re.compile(r"[\s-]*(?:hundred|thousand|million|dozen|k\b)", re.I)


def whole_number(text: str, entities: list, value: Any) -> Any:
    """The whole number where the tagger took a part of it: "two" of "two thousand give or take", "fifteen" of "like
    fifteen hundred people", as spaCy's number around it (a CARDINAL entity) says."""
    spans = [(e.get("entity"), e.get("start"), e.get("end")) for e in entities
             if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
    for kind, start, end in spans:
        if kind == "headcount" and text[start:end] == str(value):
            whole = next((text[s:e] for other, s, e in spans
                          if other == "CARDINAL" and s <= start and end < e and _SCALE_AFTER.match(text[end:e])), None)
            if whole and check_employees(whole).value:
                return whole
    return value


def _plain(value: Any) -> Any:
    return None if value == UNKNOWN else value


def profile_from_slots(slots: dict[str, Any]) -> Profile:
    """The Profile that checked slot values describe; unchecked raw values are ignored."""
    employees = slots.get("employees")
    goals = slots.get("goals") or []
    return Profile(
        employees=employees if isinstance(employees, int) and not isinstance(employees, bool) else None,
        goals=tuple(canonical_all("goal", [g for g in goals if g != UNKNOWN])),
        function=canonical("function", _plain(slots.get("function"))),
        industry=quoted(str(slots.get("industry") or "")) or None,  # repeated in the reasons
        location=_plain(slots.get("location")),
        target_location=slots.get("target_location") or None,
        control=canonical("control", _plain(slots.get("control"))),
        proximity=canonical("proximity", _plain(slots.get("proximity"))),
        assumed=tuple(slots.get("assumed") or ()),
    )


def profile_from_dict(data: dict[str, Any]) -> Profile:
    """The Profile stored in a recommendation payload."""
    return Profile(**{**data, "goals": tuple(data.get("goals") or ()), "assumed": tuple(data.get("assumed") or ())})
