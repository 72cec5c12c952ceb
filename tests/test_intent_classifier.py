"""components/intent_classifier.py and components/linear_text.py: the intent of a message, learned from data/nlu and
the blind examples beside it, stored in the model as arrays and loaded as trained."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.resource import Resource
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

from components.intent_classifier import IntentClassifier, blind_examples
from components.linear_text import LinearText

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def nlu_data(spacy_model) -> TrainingData:
    data = RasaFileImporter(training_data_paths=[str(ROOT / "data" / "nlu")]).get_nlu_data()
    SpacyNLP(spacy_model, {}).process_training_data(data, spacy_model)
    return data


@pytest.fixture(scope="module")
def trained(nlu_data, storage, spacy_model) -> IntentClassifier:
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = IntentClassifier.create(IntentClassifier.get_default_config(), storage, Resource("intents"), context)
    classifier.train(nlu_data, spacy_model)
    return classifier


def parsed(classifier: IntentClassifier, spacy_model: SpacyModel, text: str) -> dict:
    message = Message({TEXT: text})
    SpacyNLP(spacy_model, {}).process([message], spacy_model)
    classifier.process([message])
    return message.as_dict(only_output_properties=True)


@pytest.mark.parametrize("text, intent", [
    ("hello there", "greet"),
    ("what's the difference between outsourcing and offshoring?", "faq"),
    ("what is outsorcing", "faq"),  # misspelt: its letters still say which
    ("we're 40 people in Leeds", "inform"),
    ("what if we were 500 people?", "what_if"),
    ("can I talk to a real person?", "request_human"),
    ("delete my data", "delete_data"),
])
def test_a_message_gets_its_intent_and_a_ranking(trained, spacy_model, text, intent):
    parse = parsed(trained, spacy_model, text)
    ranking = parse["intent_ranking"]
    assert parse["intent"]["name"] == intent == ranking[0]["name"]
    assert parse["intent"]["confidence"] == ranking[0]["confidence"]
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True) and len(ranking) == 10 and sum(confidences) <= 1.0 + 1e-9


def test_the_stored_classifier_reads_as_the_trained_one(trained, storage, spacy_model):
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = IntentClassifier.load(IntentClassifier.get_default_config(), storage, Resource("intents"), context)
    for text in ("hi", "we want someone local to fix our laptops", "is offshoring cheaper?", "start over"):
        assert parsed(loaded, spacy_model, text) == parsed(trained, spacy_model, text)


@pytest.mark.parametrize("labels", [["a", "b"], ["a", "b", "c"]])
def test_the_stored_arrays_give_sklearns_probabilities(spacy_model, labels):
    """Two labels are one row of coefficients in sklearn, more one row each: either way the ranking is sklearn's."""
    texts = ["cut our costs", "backups that work", "cheaper please", "we lost our files", "hire people abroad",
             "find engineers", "spend less", "restore after a crash", "skilled staff"]
    messages = [Message({TEXT: t}) for t in texts]
    SpacyNLP(spacy_model, {}).process(messages, spacy_model)
    y = [labels[i % len(labels)] for i in range(len(texts))]
    config = {"C": 10.0, "class_weight": None, "word_ngrams": [1, 2], "char_ngrams": [2, 4], "vector_weight": 1.0}
    model = LinearText(config)
    model.fit(messages, y)
    reference = LogisticRegression(C=10.0, max_iter=5000).fit(model._features(messages), y)
    stored = LinearText.from_stored(config, *model.stored())
    for message, expected in zip(messages, reference.predict_proba(model._features(messages))):
        ours = dict(stored.ranking(message))
        assert np.allclose([ours[label] for label in reference.classes_], expected)
    # Messages it never saw, with words and letters outside its vocabularies, one twice over, and none at all.
    unseen = [Message({TEXT: t}) for t in ("cut cut costs costs, then cut them again", "zzz qqq", "", "Backups!!")]
    SpacyNLP(spacy_model, {}).process(unseen, spacy_model)
    for message, expected in zip(unseen, reference.predict_proba(model._features(unseen))):
        ours = dict(stored.ranking(message))
        assert np.allclose([ours[label] for label in reference.classes_], expected)
        assert dict(model.ranking(message)) == pytest.approx(ours)


def test_the_blind_examples_come_with_their_intents_and_parses(spacy_model):
    examples = blind_examples(spacy_model)
    by_intent = Counter(m.get(INTENT) for m in examples)
    assert by_intent["faq"] >= 700 and by_intent["inform"] >= 4000 and by_intent["dont_know"] >= 250
    assert by_intent["ask_why"] >= 140 and by_intent["what_if"] >= 140 and by_intent["correct"] >= 90
    assert all(m.get(SPACY_DOCS[TEXT]) is not None for m in examples)


@pytest.mark.parametrize("text, intent", [
    # FAQ questions in words data/nlu's FAQ examples do not use, which the blind FAQ questions taught
    ("any gotchas we should watch for before we sign with someone?", "faq"),
    ("roughly what does managed IT cost a month for a dozen laptops?", "faq"),
    ("who is behind this website?", "faq"),
    # ... while answers stay answers, and whys and what-ifs keep their intents beside the many answers
    ("two offices, one in Bristol and one in Bath, 18 of us all told", "inform"),
    ("we'd want them to keep copies of everything off site", "inform"),
    ("why a provider and not just a freelancer we trust?", "ask_why"),
    ("suppose we grew to 900 people, what then?", "what_if"),
])
def test_the_blind_examples_are_learned(trained, spacy_model, text, intent):
    assert parsed(trained, spacy_model, text)["intent"]["name"] == intent


def test_small_training_data_is_learned_as_it_is(storage, spacy_model):
    # Without the intents the blind examples are of, only the given examples are learned
    data = TrainingData([Message({TEXT: "hello", INTENT: "greet"}), Message({TEXT: "bye", INTENT: "goodbye"})])
    SpacyNLP(spacy_model, {}).process_training_data(data, spacy_model)
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = IntentClassifier.create(IntentClassifier.get_default_config(), storage, Resource("two"), context)
    classifier.train(data, spacy_model)
    ranking = parsed(classifier, spacy_model, "hello")["intent_ranking"]
    assert {r["name"] for r in ranking} == {"greet", "goodbye"}
