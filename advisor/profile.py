"""The company profile the conversation gathers, and the vocabulary its fields take."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Callable

_LABELS = {
    "employees": "your head-count",
    "goals": "your goals",
    "function": "the work to move",
    "location": "your location",
    "target_location": "where the work would go",
    "control": "how much control you need",
    "proximity": "how close the team must be",
    "industry": "your industry",
}


@dataclass(frozen=True)
class Profile:
    employees: int | None = None
    goals: tuple[str, ...] = ()
    function: str | None = None
    industry: str | None = None
    location: str | None = None
    target_location: str | None = None
    control: str | None = None
    proximity: str | None = None
    assumed: tuple[str, ...] = ()  # fields the user did not know, filled with defaults

    def to_dict(self) -> dict:
        data = asdict(self)
        data["goals"] = list(self.goals)
        data["assumed"] = list(self.assumed)
        return data

    def assumed_labels(self) -> list[str]:
        return [_LABELS[name] for name in self.assumed]

    def differences(self, other: "Profile", describe: Callable[[str, Any], str] | None = None) -> list[str]:
        """Phrases such as "2,000 people instead of 40" for each field that differs; `describe` words a
        choice or the goals as the advice does ("people who can come on site")."""
        words = describe or (lambda name, value: ", ".join(str(v).replace("_", " ") for v in value)
                             if isinstance(value, (list, tuple)) else str(value).replace("_", " "))
        changes = []
        for item in fields(self):
            if item.name == "assumed":
                continue
            old, new = getattr(self, item.name), getattr(other, item.name)
            if old == new:
                continue
            if item.name == "employees":
                changes.append(f"{new:,} people instead of {old:,}" if old else f"{new:,} people")
            elif item.name == "goals":
                changes.append(f"{words('goals', new)} as your goals" if new else "no goal given")
            elif item.name == "target_location":
                changes.append(f"the work moving to {new}")
            elif item.name in ("function", "control", "proximity") and new:
                changes.append(f"{words(item.name, new)} instead of {words(item.name, old)}" if old
                               else words(item.name, new))
            else:
                before = f" instead of {str(old).replace('_', ' ')}" if old else ""
                changes.append(f"{_LABELS[item.name]} as {str(new).replace('_', ' ')}{before}")
        return changes
