"""Score a company profile against the tunable factors in factors.yml and explain the outcome."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from advisor.places import Distance, Place, compare_places, is_region, resolve_place
from advisor.profile import Profile

FACTORS_FILE = Path(__file__).with_name("factors.yml")


@dataclass(frozen=True)
class Contribution:
    factor: str  # "size", "goal", "function", "control", "proximity", "target", "industry"
    value: str
    weight: float
    reason: str

    @property
    def leans(self) -> str:
        if self.weight > 0:
            return "offshoring"
        return "outsourcing" if self.weight < 0 else "neutral"


TITLES = {"outsourcing": "Outsourcing", "offshoring": "Offshoring", "hybrid": "A hybrid of both"}


@dataclass(frozen=True)
class Recommendation:
    strategy: str
    confidence: float
    score: float
    contributions: tuple[Contribution, ...]
    reasons: tuple[str, ...]
    caveats: tuple[str, ...]
    next_steps: tuple[str, ...]
    profile: Profile
    distance: Distance | None = field(default=None)

    @property
    def title(self) -> str:
        return TITLES[self.strategy]

    def to_dict(self) -> dict:
        """The payload front ends render: the recommendation contract of the bot."""
        return {
            "strategy": self.strategy,
            "title": self.title,
            "confidence": self.confidence,
            "score": self.score,
            "reasons": list(self.reasons),
            "caveats": list(self.caveats),
            "next_steps": list(self.next_steps),
            "factors": [
                {"factor": c.factor, "value": c.value, "weight": c.weight, "leans": c.leans, "reason": c.reason}
                for c in self.contributions
            ],
            "profile": self.profile.to_dict(),
            "distance": asdict(self.distance) if self.distance else None,
        }


@lru_cache(maxsize=4)
def load_factors(path: Path = FACTORS_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _hours(value: float) -> str:
    value = abs(value)
    number = f"{value:g}"
    return f"{number} hour" if value == 1 else f"{number} hours"


class _Phrases(dict):
    """Template values from the profile; a placeholder with no value stays readable."""

    def __missing__(self, key: str) -> str:
        return "that"


def with_article(noun: str) -> str:
    """The noun with "a" or "an" before it, by how its first word is said: "an insurance broker", "a university",
    "an hour"."""
    word = noun.strip().lower()
    vowel_sound = (word[:1] in tuple("aeiou") and not word.startswith(("uni", "use", "usu", "eu", "one", "once"))) \
        or word.startswith(("hour", "honest", "heir"))
    return f"{'an' if vowel_sound else 'a'} {noun.strip()}"


def _phrases(profile: Profile, home: Place | None, target: Place | None, distance: Distance | None,
             provider_name: str) -> _Phrases:
    return _Phrases(
        employees=f"{profile.employees:,}" if profile.employees else "your",
        location=home.name if home else (profile.location or "your location"),
        target=target.name if target else (profile.target_location or "abroad"),
        industry=profile.industry or "business",
        a_industry=with_article(profile.industry or "business"),
        hours_apart=_hours(distance.hours_apart) if distance else "",
        overlap=(f"{_hours(distance.overlap_hours)} of shared office time" if distance.overlap_hours
                 else "no shared office hours") if distance else "",
        provider_name=provider_name,
    )


def _contributions(profile: Profile, factors: dict, distance: Distance | None, words: _Phrases) -> list[Contribution]:
    found: list[Contribution] = []

    def add(factor: str, value: str, spec: dict) -> None:
        found.append(Contribution(factor, value, float(spec["weight"]), spec["reason"].format_map(words)))

    if profile.employees:
        band = next(b for b in factors["size"] if b["max"] is None or profile.employees <= b["max"])
        add("size", str(profile.employees), band)
    for goal in profile.goals:
        if goal in factors["goals"]:
            add("goal", goal, factors["goals"][goal])
    if profile.function in factors["functions"]:
        spec = factors["functions"][profile.function]  # a work may weigh otherwise with a set-up ("with_control")
        add("function", profile.function, (spec.get("with_control") or {}).get(profile.control, spec))
    if profile.control in factors["control"]:
        add("control", profile.control, factors["control"][profile.control])
    if profile.proximity in factors["proximity"]:
        add("proximity", profile.proximity, factors["proximity"][profile.proximity])
    if distance:
        add("target", distance.relation, factors["target"][distance.relation])
        little = factors["target"]["little_overlap"]
        if distance.relation == "overseas" and distance.overlap_hours < little["max_overlap_hours"] \
                and profile.proximity not in little.get("not_for_proximity", ()):
            add("target", "little_overlap", little)
    if _regulated(profile, factors):
        add("industry", profile.industry, factors["regulated_industries"])
    return [c for c in found if c.weight != 0]


def _regulated(profile: Profile, factors: dict) -> bool:
    words = factors["regulated_industries"]["words"]
    return bool(profile.industry) and any(word in profile.industry.lower().split() for word in words)


def _weigh(profile: Profile, factors: dict, on: date | None, provider_name: str):
    """The places, their distance, the template values and the contributions of a profile."""
    home = resolve_place(profile.location)
    target = resolve_place(profile.target_location)
    distance = compare_places(home, target, on) if home and target else None
    words = _phrases(profile, home, target, distance, provider_name)
    return distance, words, _contributions(profile, factors, distance, words)


def offshoring_plausible(profile: Profile, factors: dict | None = None) -> bool:
    """Whether anything the user said pulls toward offshoring, so control and proximity are worth asking."""
    _, _, contributions = _weigh(profile, factors or load_factors(), None, "")
    return any(c.weight > 0 for c in contributions)


def _strategy(contributions: list[Contribution], rules: dict, partnership: bool = False,
              provided: bool = False, owned: bool = False) -> tuple[str, float, float]:
    """The strategy, its confidence and the score. `partnership`: the owner wants to run the work with a partner,
    which is itself a mix: a hybrid unless the pull to a provider is strong, and never offshoring, a site of one's
    own without a third party. `provided`: a firm of the smallest size that chose to hand the work to a provider or to
    share it with one (not a default assumed), which both sides pulling hard does not make a mix (its pull abroad, say
    skilled people, is met by its provider's); only a score near nothing does. `owned`: a firm not known to be of the
    smallest size chose to keep the work in its own company and said distance does not matter, which is offshoring as
    the article draws it, not a mix of a provider and a site of one's own: offshoring unless the pull to a provider is
    beyond a near tie."""
    pull_off = sum(c.weight for c in contributions if c.weight > 0)
    pull_out = -sum(c.weight for c in contributions if c.weight < 0)
    total = pull_off + pull_out
    score = (pull_off - pull_out) / total if total else 0.0
    mixed = not provided and min(pull_off, pull_out) >= rules["both_sides_min"] \
        and abs(score) < rules["both_sides_band"]
    band = rules.get("partnership_band") if partnership else None  # (a data file of an earlier release lacks it)
    if band is not None and score > -band:
        strategy = "hybrid"
        confidence = 0.55 + 0.4 * (1 - min(abs(score), band) / band)
    elif (abs(score) < rules["hybrid_band"] or mixed) and not (owned and score > -rules["hybrid_band"]):
        strategy = "hybrid"
        confidence = 0.55 + 0.4 * (1 - abs(score) / rules["both_sides_band"]) if total else 0.5
    else:
        strategy = "offshoring" if score > 0 or (owned and score > -rules["hybrid_band"]) else "outsourcing"
        confidence = 0.5 + 0.45 * (max(score, 0.0) if strategy == "offshoring" else abs(score))
    return strategy, round(min(max(confidence, 0.5), 0.95), 2), round(score, 3)


def _reasons(strategy: str, contributions: list[Contribution], partnership_reason: str = "") -> list[str]:
    """The reasons shown, strongest first; for a hybrid the strongest of each side, and `partnership_reason` (shared
    control's, which weighs nothing either way) when the owner asked for a partnership."""
    ranked = sorted(contributions, key=lambda c: -abs(c.weight))
    if strategy == "hybrid":
        out = [c for c in ranked if c.leans == "outsourcing"][:2]
        off = [c for c in ranked if c.leans == "offshoring"][:2]
        return [c.reason for c in out + off] + ([partnership_reason] if partnership_reason else []) or [
            "Your answers pull neither way strongly, so a mix keeps both options open."]
    return [c.reason for c in ranked if c.leans == strategy][:4]


def _caveats(strategy: str, profile: Profile, distance: Distance | None, factors: dict,
             words: _Phrases, approximate: bool) -> list[str]:
    texts = factors["caveats"]
    caveats = []
    if distance and distance.relation != "domestic" and strategy != "outsourcing":
        if distance.overlap_hours < factors["target"]["little_overlap"]["max_overlap_hours"]:
            caveats.append(texts["little_overlap"])
        if not distance.shared_language:
            caveats.append(texts["language"])
        if distance.relation == "overseas":
            caveats.append(texts["travel"])
    if strategy == "offshoring":
        caveats.append(texts["offshoring_setup"])
    else:
        caveats.append(texts["outsourcing_sla"])
    if _regulated(profile, factors):
        caveats.append(texts["regulated"])
    if approximate:
        caveats.append(texts["approximate"])
    if profile.target_location and not distance:
        caveats.append(texts["region_target" if is_region(profile.target_location) else "unknown_target"])
    if profile.assumed:
        values = [_assumed_value(name, profile) for name in profile.assumed]
        caveats.append(texts["assumed"].format(fields=join_words(profile.assumed_labels()),
                                               values=join_words(values)))
    return [c.format_map(words) for c in caveats]


def _assumed_value(name: str, profile: Profile) -> str:
    return describe_value(name, getattr(profile, name))


def describe_value(name: str, value) -> str:
    """A profile value in words, as the user reads it: "25 people", "getting expert help", "a team
    that can work from anywhere" (never an internal name such as back_office)."""
    factors = load_factors()
    if name == "employees":
        return f"{value:,} people" if isinstance(value, int) else f"{value} people"
    if name == "goals":
        return join_words([factors["goals"][g]["label"] for g in value] if isinstance(value, (list, tuple)) else
                          [factors["goals"][value]["label"]])
    section = {"function": "functions", "control": "control", "proximity": "proximity"}.get(name)
    if section and value in factors[section] and "label" in factors[section][value]:
        return factors[section][value]["label"]
    return str(value).replace("_", " ")


def join_words(items) -> str:
    """"a, b and c": items as a sentence lists them."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def default_value(name: str, known: Profile, factors: dict | None = None):
    """The value assumed for a question the owner could not answer: the first of the data file's implied defaults
    whose condition the owner's other answers meet ("cover around the clock": a team far away will do; a list of
    values: any of them; a firm of 250 or more: cutting costs), else the plain default."""
    factors = factors or load_factors()
    for implied in (factors.get("implied_defaults") or {}).get(name) or []:
        if all(_meets(getattr(known, field), wanted) for field, wanted in implied["when"].items()):
            return implied["value"]
    return factors["defaults"][name]


def _meets(have: Any, wanted: Any) -> bool:
    """Whether an answer meets an implied default's condition: at least `min` ({"min": 250}), or any of the values."""
    if isinstance(wanted, dict):
        return isinstance(have, (int, float)) and have >= wanted["min"]
    return bool(set(wanted if isinstance(wanted, list) else [wanted])
                & set(have if isinstance(have, (list, tuple)) else [have]))


def with_defaults(profile: Profile, factors: dict | None = None) -> Profile:
    """Fill each unanswered field the user said they did not know with its default, and record it. (A value the form
    assumed stays as it was assumed: it may be one the owner leaned to, "not sure, probably remote".)"""
    factors = factors or load_factors()
    changes = {}
    for name in profile.assumed:
        if getattr(profile, name) in (None, (), []):
            value = default_value(name, profile, factors)
            changes[name] = tuple(value) if isinstance(value, list) else value
    return replace(profile, **changes) if changes else profile


def recommend(profile: Profile, provider_name: str = "a local provider", on: date | None = None,
              factors: dict | None = None, approximate: bool = False) -> Recommendation:
    """The strategy that fits a profile, with the reasons, caveats and next steps behind it."""
    factors = factors or load_factors()
    profile = with_defaults(profile, factors)
    distance, words, contributions = _weigh(profile, factors, on, provider_name)
    # A partnership asked for (not our default), by a firm above the smallest size (a small firm's partner is its
    # provider: outsourcing)
    small = (profile.employees or 0) <= (factors["size"][0]["max"] or 0)
    partnership = profile.control == "shared" and "control" not in profile.assumed and not small
    provided = small and profile.control in ("hands_off", "shared") and "control" not in profile.assumed
    # A team of one's own where distance does not matter, chosen by a firm not known to be of the smallest size band
    owned = profile.control == "full" and profile.proximity == "remote_ok" \
        and not {"control", "proximity"} & set(profile.assumed) and not (small and "employees" not in profile.assumed)
    strategy, confidence, score = _strategy(contributions, factors["decision"], partnership, provided, owned)
    return Recommendation(
        strategy=strategy,
        confidence=confidence,
        score=score,
        contributions=tuple(contributions),
        reasons=tuple(_reasons(strategy, contributions, factors["control"]["shared"]["reason"].format_map(words)
                               if partnership else "")),
        caveats=tuple(_caveats(strategy, profile, distance, factors, words, approximate)),
        next_steps=tuple(step.format_map(words) for step in factors["next_steps"][strategy]),
        profile=profile,
        distance=distance,
    )


def describe_change(before: Recommendation, after: Recommendation) -> str:
    """One sentence saying how a changed answer moved the recommendation."""
    changed = before.profile.differences(after.profile, describe=describe_value)
    what = join_words(changed) if changed else "your answers"
    if before.strategy == after.strategy:
        sure = (f"{after.confidence:.0%} confident" if f"{before.confidence:.0%}" == f"{after.confidence:.0%}"
                else f"confidence {before.confidence:.0%} → {after.confidence:.0%}")
        return f"With {what}, my recommendation stays {after.strategy} ({sure})."
    return f"With {what}, my recommendation changes from {before.strategy} to {after.strategy}."
