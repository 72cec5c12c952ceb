"""components/spacy_entities.py: spaCy's entities read from SpacyNLP's parse (one parse per message),
and a second parse only when that doc was made from lower-cased text."""

from __future__ import annotations

import pytest
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.spacy_entities import SpacyDocEntityExtractor

TEXT_WITH_PLACE = "We are 40 people in Denver and want help with our servers"


def counting(model: SpacyModel, parsed: list) -> SpacyModel:
    """The same spaCy pipeline, noting each text it is asked to parse."""
    def parse(text):
        parsed.append(text)
        return model.model(text)
    return SpacyModel(model=parse, model_name=model.model_name)


def entities_of(spacy_model: SpacyModel, case_sensitive: bool) -> tuple[list[dict], list[str]]:
    message = Message({TEXT: TEXT_WITH_PLACE})
    SpacyNLP(spacy_model, {"case_sensitive": case_sensitive}).process([message], spacy_model)
    parsed: list[str] = []
    extractor = SpacyDocEntityExtractor({"dimensions": ["GPE", "CARDINAL"]})
    extractor.process([message], counting(spacy_model, parsed))
    return message.get(ENTITIES), parsed


@pytest.mark.parametrize("case_sensitive, parses", [(True, 0), (False, 1)])
def test_entities_come_from_the_message_doc_unless_it_was_lower_cased(spacy_model, case_sensitive, parses):
    entities, parsed = entities_of(spacy_model, case_sensitive)
    assert len(parsed) == parses
    assert [(e["entity"], e["value"], e["start"], e["end"], e["extractor"]) for e in entities] == [
        ("CARDINAL", "40", 7, 9, "SpacyDocEntityExtractor"),
        ("GPE", "Denver", 20, 26, "SpacyDocEntityExtractor"),
    ]


def test_a_message_without_a_doc_is_parsed(spacy_model):
    message = Message({TEXT: "an office in Leeds"})
    assert message.get(SPACY_DOCS[TEXT]) is None
    SpacyDocEntityExtractor({"dimensions": ["GPE"]}).process([message], spacy_model)
    assert [e["value"] for e in message.get(ENTITIES)] == ["Leeds"]
