"""Conversational actions that change the conversation's state: starting over, and the last resort when
no policy knows what to do next.

Responses that quote the provider's details (greeting, contact) need no action: the Rasa server
fills their {provider_*} placeholders (nlg/provider.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher


class ActionStartOver(Action):
    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_start_over")
        return [AllSlotsReset()]


class ActionDefaultFallback(Action):
    """Rasa's last resort when no policy is sure what comes next. Rasa's own says it did not understand
    and stops there; in the middle of a form that leaves the visitor without the question they were
    answering, a dead end. This one says so in a line and asks the pending question again. The message
    is taken back (as Rasa's own does), so it counts for nothing."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        asked = tracker.get_slot("requested_slot")
        question = f"utter_ask_{asked}" if tracker.active_loop_name and asked else None
        if question and question in (domain.get("responses") or {}):
            dispatcher.utter_message(response="utter_not_understood")
            dispatcher.utter_message(response=question)
        else:
            dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted()]
