"""Leads and privacy: the lead form's checks, storing a lead with consent, and "delete my data".

Thin glue around leads/: the contact checks live in leads.contact, the table in leads.store (the
tracker store's database), the Slack message in leads.notify. Database calls run in a worker
thread so that the action server keeps answering other conversations meanwhile.
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
from leads.contact import SKIP, clean_email, clean_name, clean_phone, region_of
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
        try:
            removed = await asyncio.to_thread(lead_store().delete_for_sender, tracker.sender_id)
        except SQLAlchemyError as error:
            logger.error("Could not delete a person's leads: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_delete_failed")
            return []
        logger.info("Deleted %d lead(s) and the conversation on request", removed)
        dispatcher.utter_message(response="utter_data_deleted")
        return [AllSlotsReset(), SlotSet(ERASE_SLOT, True)]
