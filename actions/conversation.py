"""Conversational actions: starting over, what follows an FAQ answered before the advice (an invitation, or the
questions when the company was described with it), and the last resort when no policy knows what to do next.

Responses that quote the provider's details (greeting, contact) need no action: the Rasa server
fills their {provider_*} placeholders (nlg/provider.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.form import INVITED, before_this_turn, told_of_us


class ActionStartOver(Action):
    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_start_over")
        return [AllSlotsReset()]


class ActionInviteProfile(Action):
    """After an FAQ answered, or a question about the bot or a remark beside the point, outside the questions and with
    no advice given yet (a website chat is often opened with "how does this work?" or "is this a real person?", and
    the reply alone would leave the visitor nowhere to go): when the visitor has told something of their
    company with the question ("we're 2,400 people in Hamburg, moving invoicing to our own centre abroad: is that
    offshoring?"), the questions for their own advice start, the facts told kept; when nothing yet, one line saying
    what to tell for a recommendation of their own, with a button to start, said once a conversation, so a visitor
    who only wants answers is not pressed."""

    def name(self) -> Text:
        return "action_invite_profile"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        if tracker.active_loop_name or tracker.get_slot("recommendation"):
            return []
        profile = ((domain.get("forms") or {}).get("profile_form") or {}).get("required_slots") or []
        # (not after "Sorry, I didn't quite get that": the questions would start on what was not understood)
        understood = (tracker.latest_message.get("intent") or {}).get("name") != "nlu_fallback"
        if understood and told_of_us(tracker) and any(tracker.get_slot(slot) not in (None, []) for slot in profile):
            dispatcher.utter_message(response="utter_lead_into_profile")
            return [FollowupAction("profile_form")]
        # a fact of companies in general ("do companies of 500 people usually offshore?") is none of the visitor's
        set_now = _set_this_turn(tracker)
        taken_back = [SlotSet(slot, before_this_turn(tracker, slot)) for slot in profile if slot in set_now]
        said = [(event.get("metadata") or {}).get("utter_action") for event in tracker.events
                if event.get("event") == "bot"]
        if not set(INVITED) & set(said):
            # "Sorry, I didn't quite get that" comes with its own button to start: the line without a second one
            dispatcher.utter_message(response="utter_invite_profile_too" if said and said[-1] == "utter_please_rephrase"
                                     else "utter_invite_profile")
        return taken_back


def _set_this_turn(tracker: Tracker) -> set[str]:
    """The slots set since the visitor's latest message."""
    names: set[str] = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return names
        if event.get("event") == "slot":
            names.add(event.get("name"))
    return names


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
