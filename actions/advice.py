"""The advice itself: the recommendation, the reasoning behind it, and what-if comparisons."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.provider import load_provider
from actions.slots import (check_choice, check_employees, check_location, profile_from_dict, profile_from_slots,
                           whole_number)
from advisor.decision import Recommendation, describe_change, describe_value, join_words, recommend
from advisor.headcount import (counts_other_things, one_of_something_else, people_counted, relative_size,
                               size_we_are)
from advisor.places import HEAD_OFFICE, resolve_place, town_near_home, what_if_destinations
from advisor.profile import Profile
from advisor.vocabulary import blanked, named_in, named_values, only_negated, phrases_said, vocabulary
from understanding.adding import adds
from understanding.negation import dismissed, negated_before, taken_back
from understanding.readings import GUESS, proposed, told_readings

# "What if a local firm handled our payroll?", "... wanting a local firm to handle their books": an outside company
# doing the work, which is handing it off, not keeping it (the readers can hear "our payroll" as one's own); not a
# partner (shared), nor beside a set-up of one's own ("our own centre, with a firm to recruit")
_FIRM = r"(?:firm|company|provider|vendor|agency|contractor|outsourcer|msp|bpo)"
FIRM_DOES_IT = re.compile(rf"\b(?:an?|some|the)\s+(?:[\w-]+\s+){{0,2}}?{_FIRM}\s+(?:to\s+|that\s+|who\s+|would\s+|could\s+)?"
                          r"(?:handl\w*|run\w*|ran|do|does|did|doing|manag\w*|take|takes|took|taking|look\w* after|"
                          r"deal\w*)\b"
                          # "we want only specialist help from local company near our office"
                          r"|\b(?:help|support|services?|expertise)\s+from\s+(?:an?\s+|some\s+|the\s+)?"
                          rf"(?:(?!parent\b|group\b|sister\b|holding\b|mother\b|our\b|own\b)[\w-]+\s+){{0,2}}?{_FIRM}\b",
                          re.I)
# A firm working beside the owner's own people: "keep my own accounts clerk and just have the firm work with her".
FIRM_WITH_OURS = re.compile(rf"\b(?:{_FIRM}|partner)s?\s+(?:to\s+)?(?:work|works|working|help|helps|helping)\s+"
                            r"(?:together\s+)?(?:with|alongside|beside)\s+(?:her|him|them|us|our|my)\b", re.I)
OWN_SETUP = re.compile(r"\b(?:our own|in-house|in house|own (?:team|people|staff|centre|center|entity|hub))\b"
                       # "What if we keep full control but get expertise from a provider for the hard stuff?"
                       r"|\b(?:keep\w*|retain\w*)\s+(?:(?:full|total|all the|the|our)\s+)?control\b|\bourselves\b",
                       re.I)
# A what-if whose goals are all there is: "if it was just about expert help", "purely to save money".
ONLY = re.compile(r"\b(?:just|only|purely|solely|all about|mainly|mostly|simply)\b", re.I)
# (_only_for_a_goal; "to" only after "only", "purely" or "solely": "just to be sure, ..." asks, it narrows nothing)
ONLY_FOR = re.compile(r"(?<!\bnot )\b(?:(?:only|just|purely|solely)\s+(?:for|about)|(?:only|purely|solely)\s+to)\s+",
                      re.I)
# A number that counts time, not people: "five" in "what if theres 700 of us in five years".
_DURATION = re.compile(r"\W*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?)\b", re.I)
_WHAT_IF_PHRASES = {
    "function": "the work were {}",
    "control": "you went for {}",
    "proximity": "you needed {}",
    "goals": "your goals were {}",
}


def _what_if_phrase(kind: str, value: Any) -> str:
    """How the reply names a what-if's change of a choice: "you went for handing the work off ..."."""
    return _WHAT_IF_PHRASES[kind].format(describe_value(kind, value))


def _bullets(lines) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _percent(confidence: float) -> str:
    return f"{confidence:.0%}"


def _wants_payload(tracker: Tracker) -> bool:
    """Front ends render the card payload; the terminal would only print it as raw JSON."""
    return tracker.get_latest_input_channel() != "cmdline"


def _payload(tracker: Tracker, payload: dict) -> dict:
    """The custom payload to send with a message, where the front end can render it."""
    return {"json_message": payload} if _wants_payload(tracker) else {}


def send_recommendation(dispatcher: CollectingDispatcher, rec: Recommendation, tracker: Tracker) -> None:
    """The recommendation as readable text with the machine-readable card payload, in one message, so
    that a channel can show either or both (Slack shows the card, with the text as its fallback)."""
    dispatcher.utter_message(
        response="utter_recommendation",
        strategy_title=rec.title,
        confidence=_percent(rec.confidence),
        reasons=_bullets(rec.reasons),
        caveats=_bullets(rec.caveats),
        next_steps="\n".join(f"{i}. {step}" for i, step in enumerate(rec.next_steps, 1)),
        **_payload(tracker, {"recommendation": rec.to_dict()}),
    )


def _advise(profile: Profile, approximate: bool = False) -> Recommendation:
    return recommend(profile, provider_name=load_provider().name, approximate=approximate)


def _stored(tracker: Tracker) -> Recommendation | None:
    """The recommendation given earlier in this conversation, worked out again from its profile."""
    payload = tracker.get_slot("recommendation")
    if not isinstance(payload, dict) or "profile" not in payload:
        return None
    return _advise(profile_from_dict(payload["profile"]))


class ActionRecommend(Action):
    def name(self) -> Text:
        return "action_recommend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        profile = profile_from_slots(tracker.current_slot_values())
        rec = _advise(profile, approximate=bool(tracker.get_slot("employees_approximate")))
        before = _stored(tracker)
        if before and before.profile != rec.profile:
            dispatcher.utter_message(response="utter_change_explained", change=describe_change(before, rec))
        send_recommendation(dispatcher, rec, tracker)
        return [SlotSet("recommendation", rec.to_dict())]


class ActionExplain(Action):
    """"Why?": why a question is asked during the form, or how each answer weighed in afterwards."""

    def name(self) -> Text:
        return "action_explain"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        asking = tracker.get_slot("requested_slot")
        if tracker.active_loop_name == "profile_form" and asking:
            dispatcher.utter_message(response=f"utter_why_{asking}")
            return []
        rec = _stored(tracker)
        if not rec:
            dispatcher.utter_message(response="utter_why_general")
            return []
        lines = [
            f"{c.leans if c.leans != 'neutral' else 'neither way'} ({abs(c.weight):g}): {c.reason}"
            for c in sorted(rec.contributions, key=lambda c: -abs(c.weight))
        ]
        dispatcher.utter_message(response="utter_explain_factors", factors=_bullets(lines), strategy=rec.strategy)
        return []


# A reason given right before a goal's words: "to do the papers cheaper", "cause its cheaper".
_AS_A_REASON = re.compile(r"\b(?:to|so|cause|cuz|coz|because|since)\b(?:\s+[\w']+){0,4}\s*$", re.I)
# The closeness set aside in a what-if: "what if we forgot about the hours", "forget the time zone", "drop the on-site
# bit".
CLOSENESS_DROPPED = re.compile(r"\b(?:forget|forgot|drop(?:ped)?|scrap(?:ped)?|ditch(?:ed)?)\s+(?:about\s+)?"
                               r"(?:the\s+|our\s+)?(?:(?:same|working|office)\s+)?(?:hours|time\s*zones?|"
                               r"on[- ]site(?:\s+(?:bit|thing|part))?|being (?:close|near|local|nearby))\b", re.I)


def _scenario(entities: list, readings: dict | None = None, text: str = "",
              now: Profile | None = None) -> tuple[dict, dict, str | None]:
    """The profile changes a what-if message names, each phrased for the reply, or the response refusing them.
    The learned readers (components/slot_readers.py) add what no entity names when they are sure of it:
    "what if we ran our own centre in Manila" changes control as well as the place; the vocabulary's phrases
    what neither found ("if the support staff had to be in our time zone"). `now`: the owner's own profile."""
    changes: dict = {}
    phrases: dict[str, str] = {}
    goals: list[str] = []
    goals_dropped: list[str] = []
    goals_unmeant: list[str] = []  # goals' words that name the work or the team, read by the reader as goals too
    for entity in entities:
        kind, value = entity.get("entity"), entity.get("value")
        start, end = entity.get("start"), entity.get("end")
        spanned = isinstance(start, int) and isinstance(end, int)
        if (kind == "goal" or kind in _WHAT_IF_PHRASES) and spanned and taken_back(text, start, end):
            # "what if budget wasn't an issue", "if they didn't need to come on site": no such change
            if kind == "goal":
                goals_dropped += check_choice("goal", value).value or []
            continue
        if kind == "headcount":
            if spanned and _DURATION.match(text[end:]):
                continue  # "five" in "what if theres 700 of us in five years"
            if spanned and one_of_something_else(text, start, end):
                continue  # "One more question please. If we choose Vietnam instead of Thailand, ...": no size
            if spanned and counts_other_things(text, start, end) and any(
                    other is not entity and other.get("entity") == "headcount" for other in entities):
                continue  # "twenty" in "if we were 2,000 agents across twenty countries"
            checked = check_employees(whole_number(text, entities, value))
            if checked.error and any(other is not entity and other.get("entity") == "headcount"
                                     and not check_employees(other.get("value")).error for other in entities):
                continue  # "a" tagged beside "6" in "what if we lost a few people and were down to 6"
            if checked.error:
                return {}, {}, checked.error
            changes["employees"] = checked.value
            phrases["employees"] = f"you had {checked.value:,} people"
        elif kind in ("target_location", "location"):
            checked = check_location(_place_meant(value, now, text[:start] if spanned else ""))
            if spanned:
                # "what if we used a partner firm in Romania?": where the work goes, unless said of the company
                # ("what if we were based in Toronto?"); a place tagged as where the work goes stays so unless
                # said as the head office ("what if we moved HQ to London?")
                if kind == "location":
                    kind = "target_location" if what_if_destinations(text, [(start, end)])[0] else "location"
                elif HEAD_OFFICE.search(text[:start]):
                    kind = "location"
            if checked.value and kind not in changes and not (
                    spanned and negated_before(text[:start])):  # "Morocco instead of Vietnam"
                changes[kind] = checked.value
                phrases[kind] = (f"the work moved to {checked.value}" if kind == "target_location"
                                 else f"you were based in {checked.value}")
        elif kind == "goal":
            named = check_choice("goal", value).value or []
            if spanned and any(a <= start and end <= b for a, b in phrases_said("function", text, keeping="goal")):
                goals_unmeant += named
                continue  # "our own security operations centre": the work's name, no wish for security
            if spanned and _NAMES_A_TEAM.match(text[end:]) and set(named) <= {"security", "disaster_recovery"}:
                goals_unmeant += named
                continue  # "our own security team in another country": who does the work, no wish for security
            goals += named
        elif kind in _WHAT_IF_PHRASES:
            checked = check_choice(kind, value)
            if checked.value:
                changes[kind] = checked.value
                phrases[kind] = _what_if_phrase(kind, checked.value)
    if not {"location", "target_location"} & set(changes):
        changes, phrases = _places_untagged(entities, text, changes, phrases, now)
    counted = people_counted(text) or size_we_are(text)
    if "employees" not in changes and counted:
        changes["employees"] = counted  # "what would you say to a 20 person company?", "if we are only 10?": untagged
        phrases["employees"] = f"you had {counted:,} people"
    resized = relative_size(text, now.employees if now else None)
    if resized:  # "what if we halved in size?"; "ten times as many staff" is no head-count of ten
        changes["employees"] = resized
        phrases["employees"] = f"you had {resized:,} people"
    by_reader = set()  # the kinds the reader alone put forward
    for kind in ("function", "control", "proximity"):
        reading = (readings or {}).get(kind) or []
        read = proposed(kind, reading)
        if read:
            by_reader.add(kind)
        if not read and reading:
            # a phrase only when the reader leans its way too: "doesn't matter" in "what if money doesn't
            # matter?" names no closeness
            named = named_in(kind, text, negated_before)
            read = named if named == reading[0]["value"] else None
            if read and kind == "function" and now and now.function and not named_in(
                    kind, _IT_TEAM.sub(" ", text), negated_before):
                read = None  # "our own IT team in another country": the owner's IT, whichever work it is
        if read and kind not in changes and not only_negated(kind, read, text, taken_back):
            changes[kind] = read
            phrases[kind] = _what_if_phrase(kind, read)
    dropped = CLOSENESS_DROPPED.search(text)
    if "proximity" not in changes and now and now.proximity in ("same_hours", "on_site") and dropped \
            and not negated_before(text[:dropped.start()]):  # not "what if we don't forget the hours"
        # "What if we forgot about the hours ...": the closeness wanted set aside, the team may be anywhere
        changes["proximity"] = "remote_ok"
        phrases["proximity"] = _what_if_phrase("proximity", "remote_ok")
    if changes.get("control") == "full" and FIRM_WITH_OURS.search(text) and not OWN_SETUP.search(text):
        # "If I decide to keep my own accounts clerk and just have the firm work with her": the two together
        changes["control"] = "shared"
        phrases["control"] = _what_if_phrase("control", "shared")
    firm = FIRM_DOES_IT.search(text)
    if firm and not negated_before(text[:firm.start()]) and not OWN_SETUP.search(text) and (
            changes.get("control") == "full" or ("control" not in changes and now and now.control == "full")):
        changes["control"] = "hands_off"
        phrases["control"] = _what_if_phrase("control", "hands_off")
    home = resolve_place(now.location) if now and now.location else None
    place = resolve_place(changes["target_location"]) if "target_location" in changes else None
    work_abroad = place is not None and not (home and place.country_code == home.country_code)
    abroad = "location" in changes or work_abroad
    goal_reading = (readings or {}).get("goals") or []
    # beside the goals tagged, those the reader is as sure of that the phrase list names ("to cut cost and work day and
    # night": only the first tagged), not as the name of the work or a team ("our own security team"), nor set aside
    phrased = named_values("goal", blanked(text, phrases_said("function", text, keeping="goal")),
                           lambda said, start, end: taken_back(said, start, end) or dismissed(said, start, end)
                           or bool(_NAMES_A_TEAM.match(said[end:]))) if goals else None
    goals_read = [goal for goal in proposed("goals", goal_reading) or []
                  if goal not in goals_dropped and goal not in goals_unmeant and (phrased is None or goal in phrased)]
    if not goals and not goals_read and goal_reading:
        # ... or the one its phrases name as the reason, which the reader puts first ("our own office in another country
        # to do the papers cheaper": 0.36; not "if we were 500 people with a bigger IT budget?")
        goals_read = [goal for goal in named_values("goal", text, lambda said, start, end: taken_back(said, start, end)
                                                    or not _AS_A_REASON.search(said[:start]))
                      if goal == goal_reading[0]["value"]]
    goals = goals + [goal for goal in goals_read or []
                     if goal not in goals and not only_negated("goal", goal, text, taken_back)
                     # "Would it change if we open the two new clinics next year?", "... when we open in Abuja"
                     # (from Lagos) grow at home: no growing abroad read unless it says so or names a place abroad
                     and (goal != "global_expansion" or ELSEWHERE.search(text) or abroad)]
    said_goals = list(goals)  # (before the owner's own join them)
    if now and now.goals:  # the goals it sets aside, tagged or named ("what if money were no object?")
        goals_dropped += [goal for goal in vocabulary()["goal"] if only_negated("goal", goal, text, taken_back)]
    if goals and now and now.goals and not ONLY.search(text) and set(goals_dropped) & set(now.goals):
        # "if security became the priority instead of saving money": the goal set aside gives way to the new one,
        # the others stay (not when the new one is all there is: "if it was really just about expert help")
        goals = [goal for goal in now.goals if goal not in goals_dropped] + goals
    if goals:
        changes["goals"] = tuple(dict.fromkeys(goals))
        phrases["goals"] = _what_if_phrase("goals", changes["goals"])
    elif now and now.goals:
        # "what if money were no object?": the owner's goals without the one set aside
        dropped = [goal for goal in now.goals if goal in goals_dropped]
        if dropped:
            changes["goals"] = tuple(goal for goal in now.goals if goal not in dropped)
            phrases["goals"] = f"you set aside {describe_value('goals', tuple(dropped))}"
    if "round_the_clock" in said_goals and changes.get("proximity") == "same_hours" and "proximity" in by_reader \
            and not named_in("proximity", text, negated_before):
        # "my own team in india to cut cost and work day and night": the hours of the clock, not the owner's hours
        del changes["proximity"], phrases["proximity"]
    own_team = "control" in changes or (now is not None and "control" not in now.assumed)
    if "round_the_clock" in said_goals and not (now and "round_the_clock" in now.goals) and "proximity" not in changes \
            and now and changes.get("control", now.control) == "full" and own_team and work_abroad:
        # ... and the closeness the owner wanted of a provider today (or none asked of a small firm) says nothing of a
        # team of its own abroad working around the clock: none is said, the advice assumes the one factors.yml implies
        # for that goal (ActionWhatIf)
        changes["proximity"] = None
    if home and home.city and place and (place.city, place.country_code) == (home.city, home.country_code):
        # "Suppose our Hamburg offices also need a local firm ...": the work stays in the owner's own town
        phrases["target_location"] = f"the work stayed in {changes['target_location']}"
    return changes, phrases, None


# The words after a goal's word that make it the name of a team ("security team", "backup staff").
_NAMES_A_TEAM = re.compile(r"\s+(?:teams?|departments?|dept|staff|people|guys|crew|units?|analysts?|engineers?)\b", re.I)


# "IT" naming the team or the department rather than the work: a what-if's "own IT team abroad" moves the owner's IT.
_IT_TEAM = re.compile(r"\b(?:IT|It|it)(?=\s+(?i:teams?|departments?|dept|staff|people|guys|crew|functions?|units?|"
                      r"centres?|centers?|hubs?|shops?|operations?)\b)")


def _only_for_a_goal(text: str) -> bool:
    """Whether the what-if says its goal is the only one: "only for cost" (not "not just for cost", "just to check",
    "only for the first year")."""
    said = ONLY_FOR.search(text)
    # the words after it up to the clause's end ("only to double-check: also cheaper?" names no goal it is for)
    clause = re.split(r"[,.;:?!]", text[said.end():said.end() + 30])[0] if said else ""
    return bool(said) and bool(named_in("goal", clause, negated_before))


# Words that take growth beyond the home country.
ELSEWHERE = re.compile(r"\b(?:abroad|overseas|offshore|international\w*|global\w*|foreign|worldwide|export\w*|"
                       r"cross-border|(?:other|another|new|more) (?:countr\w+|markets?)|region\w*)\b", re.I)


# The words right before a place said as near the owner's own: "the new branch over in belgrade", "a shop nearby in".
_SAID_AS_NEAR = re.compile(r"\b(?:(?:over|down|up|out)\s+(?:in|at)|nearby\s+(?:in|at)|down the road\s+(?:in|at))\s+$",
                           re.I)


def _place_meant(value: Any, now: Profile | None, before: str = "") -> Any:
    """The place a what-if names, as the owner means it: "the new branch over in belgrade" of a firm in Bozeman is the
    town of that name near home, not Serbia's capital (only a place said as near, by the words `before` it)."""
    home = resolve_place(now.location) if now and now.location and _SAID_AS_NEAR.search(before) else None
    return (home and town_near_home(str(value), home)) or value


def _places_untagged(entities: list, text: str, changes: dict, phrases: dict,
                     now: Profile | None = None) -> tuple[dict, dict]:
    """A place spaCy found where the tagger found none: where the company would be when the words before it
    say so ("what if we were a firm in Dublin?"), else where the work would go."""
    places = [e for e in entities if e.get("entity") in ("GPE", "LOC") and isinstance(e.get("start"), int)
              and isinstance(e.get("end"), int)]
    places.sort(key=lambda e: e["start"])
    for entity, going in zip(places, what_if_destinations(text, [(e["start"], e["end"]) for e in places])):
        kind = "target_location" if going else "location"
        checked = check_location(_place_meant(entity.get("value"), now, text[:entity["start"]]))
        if checked.value and kind not in changes:
            changes = {**changes, kind: checked.value}
            said = f"the work moved to {checked.value}" if going else f"you were based in {checked.value}"
            phrases = {**phrases, kind: said}
    return changes, phrases


# The factor of the advice (advisor/decision.py's contributions) that each profile field makes.
_FACTOR_OF = {"employees": "size", "goals": "goal", "function": "function", "control": "control",
              "proximity": "proximity", "target_location": "target"}


def _leaning(readings: dict, text: str, now: Profile) -> tuple[dict, dict]:
    """The one work, control or closeness a what-if's readings lean to most, at least GUESS and other than the owner's
    own, as a change and its phrase; none when none does."""
    leanings = [(reading[0]["confidence"], kind, reading[0]["value"]) for kind in ("function", "control", "proximity")
                for reading in [readings.get(kind) or []] if reading and reading[0]["confidence"] >= GUESS
                and reading[0]["value"] != getattr(now, kind) and not only_negated(kind, reading[0]["value"], text,
                                                                                     taken_back)]
    if not leanings:
        return {}, {}
    _, kind, value = max(leanings)
    return {kind: value}, {kind: _what_if_phrase(kind, value)}


def _main_reason(scenario: Recommendation, original: Recommendation, changes: Dict[Text, Any]) -> str:
    """The reason a what-if's advice gives first: the strongest of its reasons that the change brought ("With 2,500
    people you are large enough ..." for a bigger firm), else its strongest."""
    before = original.profile
    brought = [c.reason for c in sorted(scenario.contributions, key=lambda c: -abs(c.weight))
               if c.reason in scenario.reasons and any(
                   _FACTOR_OF.get(field) == c.factor and value != getattr(before, field)
                   and (c.factor != "goal" or c.value not in before.goals) for field, value in changes.items())]
    return (brought or list(scenario.reasons) or [""])[0]


# Another company of the group: "our Norwegian subsidiary is only 35 people in Stavanger", "a little sister business, a
# solar installer in Geelong", "We spin off the design studio into its own company"; not one of our own to be set up
# ("our own subsidiary in Romania", "say we had 1200 people and a subsidiary in Bangalore").
OF_THE_GROUP = re.compile(r"\b(?:sister (?:business|company|firm|brand)|(?:our|my|the)\s+(?:(?!own\b|new\b)[\w-]+\s+){0,3}?"
                          r"subsidiary|spin(?:[- ])?off|daughter company|(?:into|as) (?:its|their) own company)\b",
                          re.I)
# ... asked about as a company with needs of its own ("If they wanted someone local ...", "their payroll", "What if it
# was just our small exploration subsidiary"), not one that would serve us ("give the help desk to our sister company",
# "our sister company in Cluj does the helpdesk", "... did our bookkeeping for us"), be merged, sold, closed or set up.
_ITS_OWN_NEEDS = re.compile(r"\b(?:they|their|its own)\b|\bthem\b(?<!\bof them)|\b(?:it|we) (?:was|were|is) (?:just |only )?"
                            r"(?:our|the|a)\b", re.I)
_SERVES_US_BEFORE = re.compile(r"\b(?:to|into|with|by|through|via)\s+(?:our|the|a|my)\s+(?:[\w-]+\s+){0,3}$", re.I)
_SERVES_US_AFTER = re.compile(r"^(?:\s+(?:in|at|from)\s+[\w-]+(?:\s+[\w-]+)?)?,?\s+(?:would |could |will |can )?"
                              r"(?:do|does|did|doing|run|runs|ran|handl\w*|manag\w*|take over|takes over|took over)\b",
                              re.I)
_NOT_AS_IT_IS = re.compile(r"\b(?:merg\w*|join\w*|acquir\w*|buy\w*|bought|absorb\w*|sell\w*|sold|clos(?:e|es|ed|ing)|"
                           r"shut\w*|open\w*|set(?:ting)? up|establish\w*|creat\w*|found(?:ed|ing)?)\b|\bfor us\b", re.I)


def _of_the_group(text: str) -> Optional[re.Match]:
    """Where a what-if speaks of another company of the owner's group as a case of its own (OF_THE_GROUP)."""
    said = OF_THE_GROUP.search(text)
    if not said or _NOT_AS_IT_IS.search(text) or _SERVES_US_BEFORE.search(text[:said.start()]) \
            or _SERVES_US_AFTER.match(text[said.end():]) or not _ITS_OWN_NEEDS.search(text):
        return None
    return said


# What a company of the group would do somewhere ("... subsidiary, which would open a centre in Manila"): no place of its
# own.
_SITE_TO_COME = re.compile(r"\b(?:open\w*|set(?:ting)? up|build\w*|mov\w*|relocat\w*|send\w*|(?:their|our|its) own\s+"
                           r"(?:\w+\s+)?(?:cent(?:re|er)|team|plant|factory|site|office|hub|desk))\b", re.I)
# "What if we were a 40-person shop that just wanted someone local?", "what if we were only 150 people and just wanted
# an agency ...": another company, not this one with a change: what it does not say (the control, goals and closeness
# of the owner's own company) does not carry over. ("What if we had 2,000 people and ...?" is this one, grown.)
ANOTHER_COMPANY = re.compile(r"\b(?:if|suppose|imagine|say)\s+we\s+were\s+(?:(?:just|only|still)\s+)?(?:a|an)\b|"
                             r"\b(?:if|suppose|imagine|say)\s+we\s+were\s+(?:just|only)\s+(?:about\s+)?"
                             r"(?:\d[\d,.]*|a few|a handful|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                             r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[\w-]*)"
                             r"[\s-]*(?:people|persons?|staff|employees|of us)\b", re.I)


def _where_the_other_company_is(text: str, group: Optional[re.Match], changes: dict,
                                phrases: dict) -> tuple[dict, dict]:
    """A place named after a company of the group (`group`, its mention), with nothing to set up or move between them,
    is where that company is, not where the work would go: "our Norwegian subsidiary is only 35 people in Stavanger"."""
    going = changes.get("target_location")
    if not group or not going or "location" in changes:
        return changes, phrases
    said = re.search(rf"\b{re.escape(str(going).split(',')[0])}\b", text[group.end():], re.I)
    between = text[group.end():group.end() + said.start()] if said else ""
    if not said or _SITE_TO_COME.search(between) or re.search(r"[.!?;]", between):
        return changes, phrases
    changes = {**{k: v for k, v in changes.items() if k != "target_location"}, "location": going}
    phrases = {**{k: v for k, v in phrases.items() if k != "target_location"}, "location": f"you were based in {going}"}
    return changes, phrases


class ActionWhatIf(Action):
    """Re-evaluates a changed scenario and compares it with the user's own, which stays as it was."""

    def name(self) -> Text:
        return "action_what_if"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        original = _stored(tracker)
        if not original:  # nothing to compare with yet: the profile's questions come next
            dispatcher.utter_message(response="utter_what_if_needs_profile")
            return [FollowupAction("profile_form")]
        text = tracker.latest_message.get("text") or ""
        changes, phrases, error = _scenario(tracker.latest_message.get("entities", []),
                                            told_readings(tracker.latest_message), text, original.profile)
        if error:
            dispatcher.utter_message(response=error)
            return []
        if not changes:
            # nothing put forward surely: the set-up it leans to most, if any ("And if the company could send someone
            # over when there is a problem?"); the reply says what it took
            changes, phrases = _leaning(told_readings(tracker.latest_message), text, original.profile)
        if not changes:
            dispatcher.utter_message(response="utter_what_if_unclear")
            return []
        if "goals" in changes and adds(text) and not _only_for_a_goal(text):
            # "what if we also needed 24/7 cover?": a goal more (not "..., only for cost, time diff also ok?")
            kept = tuple(goal for goal in original.profile.goals  # not one set aside ("set cost aside and ...")
                         if not only_negated("goal", goal, text, taken_back))
            changes["goals"] = tuple(dict.fromkeys(kept + changes["goals"]))
            phrases["goals"] = _what_if_phrase("goals", changes["goals"])
        base = original.profile
        group = _of_the_group(text)
        if len(changes) >= 2 and (ANOTHER_COMPANY.search(text) or group):
            base = Profile(employees=base.employees, location=base.location)
            changes, phrases = _where_the_other_company_is(text, group, changes, phrases)
        # (a value the what-if names is no longer one we assumed; one it sets aside is assumed)
        assumed = tuple(a for a in base.assumed if changes.get(a) is None) + tuple(
            kind for kind, value in changes.items() if value is None and kind not in base.assumed)
        scenario = _advise(replace(base, **changes, assumed=assumed))
        same = scenario.strategy == original.strategy
        # Say only what differs from the owner's own profile ("if the work were manufacturing" is no change
        # for a manufacturer), unless nothing does.
        differing = [phrase for kind, phrase in phrases.items() if changes.get(kind) != getattr(original.profile, kind)]
        dispatcher.utter_message(
            response="utter_what_if",
            what_if=join_words(differing or phrases.values()),
            strategy=scenario.strategy,
            confidence=_percent(scenario.confidence),
            comparison="the same as for you today." if same else f"instead of {original.strategy}.",
            reason=_main_reason(scenario, original, changes),
            original=original.strategy,
            **_payload(tracker, {"what_if": scenario.to_dict(), "original": original.strategy}),
        )
        return []
