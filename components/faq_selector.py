"""A ResponseSelector that selects an answer only for messages classified into a retrieval intent.

Rasa 3.6.21 runs the ResponseSelector on every message, yet only `utter_faq` uses what it selects,
and the rules run that only for the `faq` intent. Selecting an FAQ answer for "hello" or "we're 40
people in Denver" was 3.5 ms of the 17 ms a message took to parse on the benchmark machine. This
selector trains exactly as Rasa's and skips the messages whose intent, as classified by the
components before it, is none of its retrieval intents; so it must come after the intent
classifier in the pipeline. What a user hears does not change: a message DIET does not classify as
an FAQ never gets an FAQ answer either way. The parse of such a message (`/model/parse`, the
tracker's events) no longer carries a `response_selector` entry, and `rasa test nlu` counts an FAQ
question that DIET classified otherwise as a wrong answer, as the user would experience it.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class RetrievalIntentResponseSelector(ResponseSelector):
    """ResponseSelector for the messages whose classified intent is one of its retrieval intents."""

    def process(self, messages: List[Message]) -> List[Message]:
        super().process([message for message in messages
                         if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) in self.all_retrieval_intents])
        return messages
