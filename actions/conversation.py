"""Conversational actions that change the conversation's state: starting over.

Responses that quote the provider's details (greeting, contact) need no action: the Rasa server
fills their {provider_*} placeholders (nlg/provider.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher


class ActionStartOver(Action):
    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_start_over")
        return [AllSlotsReset()]
