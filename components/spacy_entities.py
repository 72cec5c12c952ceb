"""spaCy's named entities from the parse SpacyNLP already made, instead of a second parse.

Rasa 3.6.21's SpacyEntityExtractor parses every message again, because SpacyNLP lower-cases text by
default and lower-cased text spoils spaCy's NER. With `case_sensitive: true` on SpacyNLP the
message's doc is the original text, so this extractor reads its entities: one spaCy parse per
message instead of two (about 3 ms of each message's time on the benchmark machine). It parses
again only when the doc is missing or is not the message's text, so it stays right if the
SpacyNLP setting is changed back.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP")
class SpacyDocEntityExtractor(SpacyEntityExtractor):
    """SpacyEntityExtractor that reuses the message's spaCy doc when it holds the original text."""

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None or doc.text != text:
                doc = model.model(text)
            extracted = self.filter_irrelevant_entities(
                self.add_extractor_name(self._extract_entities(doc)), self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages
