"""Leads and privacy: the lead form's checks, storing a lead with consent, and "delete my data".

Thin glue around leads/: the contact checks live in leads.contact, the table in leads.store (the
tracker store's database), the Slack message in leads.notify. Database calls run in a worker
thread so that the action server keeps answering other conversations meanwhile.

The two actions that write or erase check that the tracker they were sent shows the conversation
that leads to them (a lead only from a lead form completed in this turn, with consent and details
that pass the form's checks; an erasure only right after the person confirmed it), whatever called
them: the action server answers Rasa only (runtime/action_server.py), and these checks hold even if
a request got past that.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.provider import load_provider
from actions.slots import profile_from_slots
from leads.contact import SKIP, clean_email, clean_name, clean_phone, region_of, valid_name
from leads.notify import post_in_background
from leads.store import Lead, LeadStore

logger = logging.getLogger(__name__)
LEAD_SLOTS = ("lead_name", "lead_email", "lead_phone", "lead_consent")
ERASE_SLOT = "erase_conversation"  # read by stores.tracker_store when saving


@lru_cache(maxsize=1)
def lead_store() -> LeadStore:
    """The leads table in the database of RASA_ENDPOINTS (made on first use)."""
    return LeadStore.from_endpoints()


def _checked(slot: str, value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if value is None:
        dispatcher.utter_message(response=f"utter_invalid_{slot}")
    return {slot: value}


class ValidateLeadForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_lead_form"

    def validate_lead_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return _checked("lead_name", clean_name(value), dispatcher)

    def validate_lead_email(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return _checked("lead_email", clean_email(value), dispatcher)

    def validate_lead_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return _checked("lead_phone", clean_phone(value, region_of(load_provider().phone)), dispatcher)


def _latest_index(events: list, matches) -> int:
    return max((i for i, event in enumerate(events) if matches(event)), default=-1)


def completed_lead_form(tracker: Tracker) -> bool:
    """Whether the tracker ends as a lead form completed in this turn: the form was the last loop to run
    and ended with no message since, consent was given while it ran, and every detail passes the form's
    own check unchanged."""
    events = tracker.events
    ended = _latest_index(events, lambda e: e.get("event") == "active_loop")
    started = _latest_index(events, lambda e: e.get("event") == "active_loop" and e.get("name"))
    if ended < 0 or events[ended].get("name") is not None or started < 0 or events[started]["name"] != "lead_form":
        return False
    if _latest_index(events, lambda e: e.get("event") == "user") > ended:
        return False
    consented = any(e.get("event") == "slot" and e.get("name") == "lead_consent" and e.get("value") is True
                    for e in events[started:ended])
    name, email, phone = (tracker.get_slot(slot) for slot in LEAD_SLOTS[:3])
    region = region_of(load_provider().phone)
    return (consented and isinstance(name, str) and valid_name(name)
            and isinstance(email, str) and clean_email(email) == email
            and (phone == SKIP or isinstance(phone, str) and clean_phone(phone, region) == phone))


def confirmed_erasure(tracker: Tracker) -> bool:
    """Whether the person just said yes to the question "Shall I delete this conversation ...?"."""
    events = tracker.events
    said = _latest_index(events, lambda e: e.get("event") == "user")
    asked = _latest_index(events[:max(said, 0)], lambda e: e.get("event") == "action"
                          and e.get("name") not in ("action_listen", None))
    return (said >= 0 and asked >= 0 and events[asked]["name"] == "utter_ask_confirm_delete"
            and (tracker.latest_message.get("intent") or {}).get("name") == "affirm")


def assessment(tracker: Tracker) -> dict:
    """What the expert needs: the recommendation given (it holds its profile), else the profile so far."""
    recommendation = tracker.get_slot("recommendation")
    if isinstance(recommendation, dict) and "profile" in recommendation:
        return {"profile": recommendation["profile"], "recommendation": recommendation}
    return {"profile": profile_from_slots(tracker.current_slot_values()).to_dict(), "recommendation": None}


class ActionSaveLead(Action):
    """Stores the lead only with consent; the form's slots are cleared either way."""

    def name(self) -> Text:
        return "action_save_lead"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        cleared = [SlotSet(slot, None) for slot in LEAD_SLOTS]
        if tracker.get_slot("lead_consent") is not True:
            dispatcher.utter_message(response="utter_lead_not_saved")
            return cleared
        if not completed_lead_form(tracker):
            logger.warning("Refused to store a lead: the tracker shows no completed, consented lead form")
            dispatcher.utter_message(response="utter_lead_not_saved")
            return cleared
        phone = tracker.get_slot("lead_phone")
        details = assessment(tracker)
        lead = Lead(sender_id=tracker.sender_id, name=tracker.get_slot("lead_name"),
                    email=tracker.get_slot("lead_email"), phone=None if phone in (None, SKIP) else phone,
                    strategy=(details["recommendation"] or {}).get("strategy"), assessment=details)
        try:
            lead_id = await asyncio.to_thread(lead_store().add, lead)
        except SQLAlchemyError as error:
            logger.error("Could not store a lead: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_lead_save_failed")
            return cleared
        logger.info("Stored lead #%s", lead_id)
        post_in_background(lead, lead_id)
        dispatcher.utter_message(response="utter_lead_saved")
        return cleared


class ActionDeleteMyData(Action):
    """Deletes the conversation's leads; the tracker store erases the conversation as it saves."""

    def name(self) -> Text:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        if not confirmed_erasure(tracker):
            logger.warning("Refused to erase a conversation: the tracker shows no confirmed request")
            dispatcher.utter_message(response="utter_data_kept")
            return []
        try:
            removed = await asyncio.to_thread(lead_store().delete_for_sender, tracker.sender_id)
        except SQLAlchemyError as error:
            logger.error("Could not delete a person's leads: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_delete_failed")
            return []
        logger.info("Deleted %d lead(s) and the conversation on request", removed)
        dispatcher.utter_message(response="utter_data_deleted")
        return [AllSlotsReset(), SlotSet(ERASE_SLOT, True)]
