"""From a message's readings (components/slot_readers.py) to a slot value: how sure is sure enough.

A reading is a list of {"value", "confidence"}, most likely first; the confidences are the reader's
probabilities, "none of these" included (for goals, each goal's own yes/no). How sure the form must be
depends on the moment:
- the question was just asked and the message reads as an answer: the reply almost surely names a
  value, so the most likely value wins when it holds most of the values' share, unless every value is
  improbable (keyboard noise);
- the question was asked but the message reads as something else (a question, chitchat): only a
  reading that is sure by itself turns it into an answer;
- the fact was not asked for: in a first message only a sure reading fills it (goals and proximity a
  probable one); beside the answer to another question or in a correction of another, only a sure one;
- a what-if puts values forward on purpose: a probable reading is one of them;
- the question was asked twice in vain: the most likely value, if it is at all likely (the form
  says it assumed it).
"""

from __future__ import annotations

from typing import Any, Optional

SHARE = 0.5  # the top value's share of all values' probability, for an answer
FLOOR = 0.02  # below this for every value, a reply is no answer at all
SURE = 0.6  # a reading this probable counts without being asked for
WEAK = 0.1  # an answer whose whole reads no surer than this for any value says less than a part of it that is SURE
# ... as does one whose whole reads two values nearly alike, the second at least this fraction of the first ("Don't care
# where. Our night shift is someone else's daytime": same hours 0.27, remote 0.27; its first sentence remote 0.98)
TORN = 0.8
# ... or this probable, for the kinds whose probable readings are mostly right (the field set's dev third,
# openers: goals recall 0.75 -> 0.84 at precision 0.89 -> 0.84; proximity recall 0.70 -> 0.80, precision 1.0; the
# seven dev sets' openers, with NAMED below, goals at 0.3 rather than 0.4: found 111 -> 114 of 122, wrong 10 -> 12).
SURE_OF = {"goals": 0.3, "proximity": 0.4}
# ... and, told beside the answer to another question, the set-up this probable: "the young people do not want to learn
# this work" (a goal answer) read as hands off 0.601, "it should be Czech company, not somewhere abroad" as our own
# 0.601 (the dev sets unchanged)
SURE_ASIDE_OF = {"control": 0.65}
PROPOSED = 0.5  # a what-if puts values forward on purpose: a reading this probable is one of them
PROPOSED_OF = {"goals": 0.4, "proximity": 0.4}  # ... or this probable, for the kinds whose probable readings count
NAMED = 0.1  # a goal told unasked that the phrase list names counts when the reader gives it this much (the seven dev
# sets' openers, at the bar of 0.4: goals found 105 -> 110 of 122, wrong 8 -> 10: "move our support somewhere cheaper")
NAMED_FIRST = 0.25  # a work (or a site of our own, actions/form.py) told unasked that the phrase list names counts when
# the reader puts it first this surely
# ("Need our SOC staffed 24/7 with analysts": cybersecurity 0.53, below the bar of a reading alone; "We need a SOC 24/7,
# co-managed with an MSSP": 0.29)
GUESS = 0.15  # the least a last guess may have; also what a supposition after the advice puts forward, when it puts
# nothing forward more surely ("And if the company could send someone over when there is a problem?": on site 0.30
# with one model, 0.19 with another trained from the same inputs: a bar of 0.25 sat inside the readings' drift)
LEANING = 0.5  # ... and the least a "not sure" may lean by: "not sure, probably a partner" reads 0.86 for shared,
# "I haven't made up my mind, what would you advise?" 0.18 for hands off (the words of asking read as leaving it to us)
UNSURE_READ = 0.35  # the unsure reader's bar for a reply that answers nothing (no dev-set answer reads above 0.25)
GOAL_NEAR = 0.6  # a further goal counts when at least this fraction of the first goal's probability (dev sets' goals
# answers right: 96 of 108 at 0.4, 102 at 0.6, 100 at 0.5 and 0.7)


def told_readings(parse: Any) -> dict:
    """A parse's readings for facts told unasked: each value at its surest in any clause (a message that
    tells several facts reads like none of them as a whole), or the whole message's where there are none."""
    return parse.get("clause_readings") or parse.get("readings") or {}


def _goals(reading: list[dict], least: float) -> list[str]:
    if not reading or reading[0]["confidence"] < least:
        return []
    top = reading[0]["confidence"]
    return [r["value"] for r in reading if r["confidence"] >= max(least, GOAL_NEAR * top)]


def answer(kind: str, reading: Optional[list[dict]], as_answer: bool = True, tagged: bool = False) -> Any:
    """The value a reply to the question for `kind` gives, or None. `as_answer`: the intent is an
    answer's (inform, ...), not a question's or chitchat's. `tagged`: the tagger found a value of the kind
    in it that the phrase list does not know ("in the office with us"): no keyboard noise, whatever the
    intent, so any share-holding value counts (short replies read improbable for every value)."""
    if not reading:
        return None
    if not as_answer and not tagged:
        return unasked(kind, reading)
    floor = 0.0 if tagged else FLOOR
    if kind == "goals":
        return _goals(reading, floor) or None
    total = sum(r["confidence"] for r in reading)
    top = reading[0]
    return top["value"] if top["confidence"] >= floor and top["confidence"] >= SHARE * total else None


def says_little(reading: Optional[list[dict]]) -> bool:
    """Whether a whole answer's reading says less than a sure part of it would: weak for every value, or torn
    between two (WEAK, TORN)."""
    if not reading:
        return False
    return reading[0]["confidence"] < WEAK or (len(reading) > 1 and reading[1]["confidence"] >= TORN
                                               * reading[0]["confidence"])


def _sure_enough(kind: str, reading: Optional[list[dict]], bar: float) -> Any:
    if not reading:
        return None
    if kind == "goals":
        return _goals(reading, bar) or None
    return reading[0]["value"] if reading[0]["confidence"] >= bar else None


def unasked(kind: str, reading: Optional[list[dict]], aside: bool = False) -> Any:
    """The value a message states without being asked, when the reader is sure of it; else None.
    `aside`: the message is about something else (it answers or corrects another question): the plain bar, or the
    higher one of its kind."""
    return _sure_enough(kind, reading, SURE_ASIDE_OF.get(kind, SURE) if aside else SURE_OF.get(kind, SURE))


def with_named(goals: Any, reading: Optional[list[dict]], named: list[str]) -> Any:
    """Goals told unasked, with those the phrase list names in the message (`named`) that the reader finds at all
    likely: a goal said in passing beside other facts reads weakly as a whole, but its own words are plain."""
    likely = {r["value"]: r["confidence"] for r in reading or []}
    taken = list(goals or [])
    return taken + [goal for goal in named if goal not in taken and likely.get(goal, 0.0) >= NAMED] or None


def with_named_first(value: Any, reading: Optional[list[dict]], named: list[str]) -> Any:
    """A value told unasked, or else the one the phrase list names in the message (`named`) when the reader puts it
    first at NAMED_FIRST or more."""
    if value is not None or not reading:
        return value
    top = reading[0]
    return top["value"] if top["value"] in named and top["confidence"] >= NAMED_FIRST else None


def proposed(kind: str, reading: Optional[list[dict]]) -> Any:
    """The value a what-if puts forward ("what if we ran our own centre there"), or None."""
    return _sure_enough(kind, reading, PROPOSED_OF.get(kind, PROPOSED))


def guess(kind: str, reading: Optional[list[dict]], least: float = GUESS) -> Any:
    """The most likely value after the question was asked twice in vain, if it is at all likely; with
    `least=LEANING`, the value a "not sure" leans to, if it leans at all."""
    if not reading or reading[0]["confidence"] < least:
        return None
    return [reading[0]["value"]] if kind == "goals" else reading[0]["value"]
