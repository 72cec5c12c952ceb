"""validate_profile_form: fills the profile from whatever the user says, checks it, asks only what matters."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.slots import UNKNOWN, check_choice, check_employees, check_location, profile_from_slots
from actions.user_text import quoted
from advisor.decision import load_factors, offshoring_plausible
from advisor.places import resolve_place

OPTIONAL_QUESTIONS = ["control", "proximity"]  # asked only where offshoring is plausible
_UNREADABLE = {"employees": "utter_invalid_employees_unparsed"}
ANSWER_INTENTS = {"inform", "dont_know", "correct", "affirm", "deny", "nlu_fallback"}


def _as_said(text: str) -> str:
    """The user's words in quotes for a reply, safe to render; "that place" if nothing is left."""
    safe = quoted(text)
    return f'"{safe}"' if safe else "that place"


def _before_this_turn(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the user's latest message (extraction has already set this turn's)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def _said_this_turn(tracker: Tracker, slot: str) -> bool:
    return slot in tracker.slots_to_validate()


def _asking(tracker: Tracker, slot: str) -> bool:
    """True when this turn answers the question for `slot` and the NLU found nothing for it."""
    return (
        tracker.get_slot("requested_slot") == slot
        and not _said_this_turn(tracker, slot)
        and (tracker.latest_message.get("intent") or {}).get("name") != "dont_know"
    )


def _kind(slot: str) -> str:
    """The vocabulary kind of a choice slot: the goals slot holds values of kind "goal"."""
    return "goal" if slot == "goals" else slot


def _entity_values(tracker: Tracker, *types: str) -> List[str]:
    return [str(e["value"]) for e in tracker.latest_message.get("entities", []) if e.get("entity") in types]


class ValidateProfileForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_profile_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        asked = tracker.get_slot("requested_slot")
        said = bool(tracker.slots_to_validate())
        events = await super().run(dispatcher, tracker, domain)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        filled = any(e.get("event") == "slot" and e.get("name") != "requested_slot" for e in events)
        # Only answer-like intents: a FAQ, "why?" or chitchat must let the form reject, so that the
        # interruption rules answer them.
        if said or filled or intent not in ANSWER_INTENTS:
            return events
        if asked:
            # An answer that fits no question: say what kind of answer works; the form asks again.
            text = tracker.latest_message.get("text") or ""
            dispatcher.utter_message(response=_UNREADABLE.get(asked, f"utter_invalid_{asked}"), location=_as_said(text))
            events.append(SlotSet(asked, None))
        else:
            # The form was started by a message that told nothing usable (often keyboard noise that the
            # classifier still took for an answer): admit it before the first question, guess nothing.
            dispatcher.utter_message(response="utter_not_understood")
        return events

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        current = dict(tracker.slots)
        current["employees"] = check_employees(current.get("employees")).value
        if offshoring_plausible(profile_from_slots(current)):
            return list(domain_slots)
        return [slot for slot in domain_slots if slot not in OPTIONAL_QUESTIONS]

    # --- answers the NLU did not tag: read them from the whole reply to the question asked ---

    async def extract_employees(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not _asking(tracker, "employees"):
            return {}
        for candidate in _entity_values(tracker, "CARDINAL") + [tracker.latest_message.get("text") or ""]:
            checked = check_employees(candidate)
            if checked.error != "utter_invalid_employees_unparsed":
                return {"employees": candidate}
        return {}

    async def extract_location(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not _asking(tracker, "location"):
            return {}
        places = _entity_values(tracker, "GPE", "LOC")
        for candidate in [tracker.latest_message.get("text") or "", ", ".join(places)] + places:
            if candidate and resolve_place(candidate):
                return {"location": candidate}
        return {}

    async def extract_goals(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "goals")

    async def extract_function(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "function")

    async def extract_control(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "control")

    async def extract_proximity(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "proximity")

    @staticmethod
    def _extract_choice(tracker: Tracker, slot: str) -> Dict[Text, Any]:
        if not _asking(tracker, slot):
            return {}
        checked = check_choice(_kind(slot), tracker.latest_message.get("text") or "")
        return {slot: checked.value} if checked.value else {}

    # --- checks ---

    async def validate_employees(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if value == UNKNOWN:
            return self._assume(tracker, "employees")
        checked = check_employees(value)
        if checked.error:
            dispatcher.utter_message(response=checked.error)
            return {"employees": None}
        if self._corrects(tracker, "headcount"):
            dispatcher.utter_message(response="utter_noted_employees", employees=f"{checked.value:,}")
        return {**self._known(tracker, "employees", checked.value), "employees_approximate": checked.approximate}

    async def validate_location(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if value == UNKNOWN:
            return {"location": UNKNOWN}
        checked = check_location(value)
        if checked.error:
            answering = tracker.get_slot("requested_slot") == "location"
            earlier = _before_this_turn(tracker, "location")
            if earlier and not answering and not self._corrects(tracker, "location"):
                return {"location": earlier}  # a stray place-like word in another answer: keep the place we have
            said = tracker.latest_message.get("text") if answering else None
            dispatcher.utter_message(response=checked.error, location=_as_said(said or str(value)))
            return {"location": None}
        if self._corrects(tracker, "location"):
            dispatcher.utter_message(response="utter_noted_location", location=resolve_place(checked.value).name)
        return {"location": checked.value}

    async def validate_goals(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "goals", dispatcher, tracker)

    async def validate_function(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "function", dispatcher, tracker)

    async def validate_control(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "control", dispatcher, tracker)

    async def validate_proximity(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "proximity", dispatcher, tracker)

    def _validate_choice(self, value, slot: str, dispatcher, tracker: Tracker) -> Dict[Text, Any]:
        if UNKNOWN in (value if isinstance(value, list) else [value]):
            return self._assume(tracker, slot)
        checked = check_choice(_kind(slot), value)
        if checked.error:
            # The NLU may cut a phrase short ("skilled" of "skilled developers"): read the whole message.
            checked = check_choice(_kind(slot), tracker.latest_message.get("text") or "")
        if checked.error:
            dispatcher.utter_message(response=checked.error)
            return {slot: None}
        return self._known(tracker, slot, checked.value)

    @staticmethod
    def _corrects(tracker: Tracker, entity: str) -> bool:
        """The user's correction names this value (the others are only checked again as the form restarts)."""
        return (tracker.latest_message.get("intent") or {}).get("name") == "correct" and bool(
            _entity_values(tracker, entity))

    @staticmethod
    def _assume(tracker: Tracker, slot: str) -> Dict[Text, Any]:
        """The default for a question the user could not answer, remembered for the explanation."""
        default = load_factors()["defaults"][slot]
        assumed = list(tracker.get_slot("assumed") or [])
        return {slot: default, "assumed": assumed + [slot] if slot not in assumed else assumed}

    @staticmethod
    def _known(tracker: Tracker, slot: str, value: Any) -> Dict[Text, Any]:
        """A real answer replaces an earlier default; the default itself, checked again, stays assumed."""
        assumed = list(tracker.get_slot("assumed") or [])
        default = load_factors()["defaults"].get(slot)
        if slot in assumed and value != default:
            assumed.remove(slot)
        return {slot: value, "assumed": assumed}
