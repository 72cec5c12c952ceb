"""Small conversational actions that need the provider's details or reset the conversation."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from actions.provider import load_provider


class ProviderMessage(Action, ABC):
    """Sends one response whose {provider_*} placeholders come from the provider config."""

    response: Text

    @abstractmethod
    def name(self) -> Text: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response=self.response, **load_provider().template_vars())
        return []


class ActionGreet(ProviderMessage):
    response = "utter_greet"

    def name(self) -> Text:
        return "action_greet"


class ActionContact(ProviderMessage):
    response = "utter_contact"

    def name(self) -> Text:
        return "action_contact"


class ActionOfferContact(ProviderMessage):
    response = "utter_offer_contact"

    def name(self) -> Text:
        return "action_offer_contact"


class ActionStartOver(Action):
    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_start_over")
        return [AllSlotsReset()]
