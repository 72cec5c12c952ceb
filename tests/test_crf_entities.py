"""components/crf_entities.py: the CRF's trained taggers are stored in the model and loaded as they are —
the same entities as Rasa's CRFEntityExtractor, no training at load, and no file left in the temp folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message

from components.crf_entities import StoredCRFEntityExtractor

TRAINING = """
version: "3.1"
nlu:
- intent: inform
  examples: |
    - we are [40](headcount) people in [Denver](location)
    - a [12](headcount) person firm in [Leeds](location)
    - about [300](headcount) staff based in [Lyon](location)
    - we have [8](headcount) employees in [Austin](location)
    - our office is in [Porto](location)
    - [25](headcount) people
    - based in [Oslo](location) with [60](headcount) staff
- intent: greet
  examples: |
    - hello there
    - good morning
"""
NO_ENTITIES = """
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello there
    - good morning
"""
# Rasa's default features need spaCy's parts of speech; these need only the words.
FEATURES = [["low", "title"], ["low", "title", "upper", "suffix3", "digit", "bias"], ["low", "title"]]
MESSAGES = ["we are 90 people in Boston", "a 15 person team in Madrid", "hello", "offices in Quito"]


class Pipeline:
    """Whitespace tokens and word counts (the CRF needs features present), and a CRF trained after them."""

    def __init__(self, folder: Path, training_yaml: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.storage = LocalModelStorage(folder)
        self.context = ExecutionContext(GraphSchema({}), "test")
        self.tokenizer = WhitespaceTokenizer.create(
            WhitespaceTokenizer.get_default_config(), self.storage, Resource("tokens"), self.context)
        self.featurizer = CountVectorsFeaturizer.create(
            CountVectorsFeaturizer.get_default_config(), self.storage, Resource("counts"), self.context)
        self.data = RasaYAMLReader().reads(training_yaml)
        self.tokenizer.process_training_data(self.data)
        self.featurizer.train(self.data)
        self.featurizer.process_training_data(self.data)

    def config(self, extractor: type[CRFEntityExtractor]) -> dict:
        return {**extractor.get_default_config(), "features": FEATURES}

    def train_and_load(self, extractor: type[CRFEntityExtractor]) -> CRFEntityExtractor:
        resource = Resource(extractor.__name__)
        extractor.create(self.config(extractor), self.storage, resource, self.context).train(self.data)
        return extractor.load(self.config(extractor), self.storage, resource, self.context)

    def entities(self, extractor: CRFEntityExtractor, text: str) -> list[tuple]:
        message = Message({TEXT: text})
        self.tokenizer.process([message])
        self.featurizer.process([message])
        extractor.process([message])
        return [(e["entity"], e["value"], e["start"], e["end"], round(e["confidence_entity"], 6))
                for e in message.get(ENTITIES)]


@pytest.fixture
def own_temp_folder(tmp_path, monkeypatch) -> Path:
    """The temporary folder that sklearn-crfsuite and everything else uses in this test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_stored_taggers_find_what_rasa_s_retrained_ones_find(tmp_path, own_temp_folder):
    pipeline = Pipeline(tmp_path / "storage", TRAINING)
    stored, rasas = pipeline.train_and_load(StoredCRFEntityExtractor), pipeline.train_and_load(CRFEntityExtractor)
    found = [pipeline.entities(stored, text) for text in MESSAGES]
    assert found == [pipeline.entities(rasas, text) for text in MESSAGES]
    assert [entity[:2] for entity in found[0]] == [("headcount", "90"), ("location", "Boston")]


def test_loading_trains_nothing_and_leaves_no_file_behind(tmp_path, own_temp_folder, monkeypatch):
    pipeline = Pipeline(tmp_path / "storage", TRAINING)
    resource = Resource("crf")
    config = pipeline.config(StoredCRFEntityExtractor)
    trained = StoredCRFEntityExtractor.create(config, pipeline.storage, resource, pipeline.context)
    trained.train(pipeline.data)
    # sklearn-crfsuite deletes its temporary model file when the tagger is garbage-collected, which a
    # stopped server's never is: it must be gone while the tagger is still alive
    assert list(own_temp_folder.iterdir()) == []
    assert [entity[:2] for entity in pipeline.entities(trained, "offices in Quito")] == [("location", "Quito")]

    def no_training(*args, **kwargs):
        raise AssertionError("the CRF was trained again at load")
    monkeypatch.setattr(StoredCRFEntityExtractor, "train_model", classmethod(no_training))
    loaded = StoredCRFEntityExtractor.load(config, pipeline.storage, resource, pipeline.context)
    assert [entity[:2] for entity in pipeline.entities(loaded, "a 15 person team in Madrid")] == [
        ("headcount", "15"), ("location", "Madrid")]
    assert list(own_temp_folder.iterdir()) == []


def test_training_data_without_entities_gives_an_extractor_that_finds_none(tmp_path):
    pipeline = Pipeline(tmp_path / "storage", NO_ENTITIES)
    assert pipeline.entities(pipeline.train_and_load(StoredCRFEntityExtractor), "we are 90 people in Boston") == []


@pytest.mark.parametrize("text, tagged, values", [
    ("we are around 1 500 collaborators", [(14, 15)], ["1 500"]),  # the groups untagged
    ("we are around 1 500 collaborators", [(14, 15), (16, 19)], ["1 500"]),  # tagged the same
    ("we are 1 200 000 people", [(7, 8), (9, 12), (13, 16)], ["1 200 000"]),
    ("12\u00a0000 staff in Oslo", [(0, 2)], ["12\u00a0000"]),  # a no-break space
    ("between 40 and 50 people", [(8, 10), (15, 17)], ["40", "50"]),
    ("40 people, 2 sites", [(0, 2)], ["40"]),
    ("1 500.5 hours", [(0, 1)], ["1"]),  # no number of people
    ("we are 25 100% remote", [(7, 9)], ["25"]),  # a share after it
    ("about 150 365 days a year", [(6, 9)], ["150"]),
])
def test_a_number_split_at_a_thousands_space_is_one(text, tagged, values):
    from components.crf_entities import joined_thousands
    entities = [{"entity": "headcount", "start": a, "end": b, "value": text[a:b]} for a, b in tagged]
    assert [e["value"] for e in joined_thousands(entities, text)] == values
