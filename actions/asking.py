"""action_ask_location: the location question, asked about the place the owner named when the map does not know it.

An owner who wrote "holiday villas in the Algarve" or "a mining services mob out of Brissie" has told where the
company is; asking "Where is your company based?" as if unheard reads as not listening. When the form kept such a name
(slot `unplaced_location`, set by validate_profile_form), the first time it asks it says which name it could not place
and asks for the country; otherwise, and when asking again, it asks the plain question (utter_ask_location). Either
wording counts as the location question (actions/form.py, `times_asked`).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.form import as_said, times_asked


class ActionAskLocation(Action):
    def name(self) -> Text:
        return "action_ask_location"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        unplaced = tracker.get_slot("unplaced_location")
        if unplaced and not tracker.get_slot("location") and not times_asked(tracker, "location"):
            dispatcher.utter_message(response="utter_ask_location_unplaced", place=as_said(str(unplaced)))
        else:
            dispatcher.utter_message(response="utter_ask_location")
        return []
