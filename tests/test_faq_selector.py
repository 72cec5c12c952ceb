"""components/faq_selector.py: the FAQ answer for a question classified as an FAQ, learned from the FAQ
training data and the selector's own questions, stored in the model and loaded as trained; nothing for
a message of any other intent."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.resource import Resource
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.importers.importer import ResponsesSyncImporter
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.faq_selector import FaqSelector, more_questions

ROOT = Path(__file__).resolve().parent.parent
FAQ_FILE = ROOT / "data" / "nlu" / "faq.yml"


@pytest.fixture(scope="module")
def faq_data(spacy_model) -> TrainingData:
    # As `rasa train` reads them: the domain's responses joined to the NLU examples.
    importer = ResponsesSyncImporter(RasaFileImporter(domain_path=str(ROOT / "domain.yml"),
                                                      training_data_paths=[str(FAQ_FILE)]))
    data = importer.get_nlu_data()
    SpacyNLP(spacy_model, {}).process_training_data(data, spacy_model)
    return data


@pytest.fixture(scope="module")
def trained(faq_data, storage, spacy_model) -> FaqSelector:
    context = ExecutionContext(GraphSchema({}), "test")
    selector = FaqSelector.create(FaqSelector.get_default_config(), storage, Resource("faq"), context)
    selector.train(faq_data, spacy_model)
    return selector


def parsed(selector: FaqSelector, spacy_model: SpacyModel, text: str, intent: str) -> dict:
    message = Message({TEXT: text, INTENT: {"name": intent, "confidence": 0.9}})
    SpacyNLP(spacy_model, {}).process([message], spacy_model)
    selector.process([message])
    return message.as_dict(only_output_properties=True).get("response_selector", {})


def answer(selection: dict) -> dict:
    return selection["default"]["response"]


@pytest.mark.parametrize("text, key", [
    ("what is outsorcing", "faq/what_is_outsourcing"),  # misspelt: its letters still say which
    ("what's ofshoring?", "faq/what_is_offshoring"),
    ("how much would it set us back per month?", "faq/cost"),
    ("what are the pitfalls?", "faq/risks"),
    ("will they understand our accents on the phone?", "faq/language"),
])
def test_a_question_classified_as_an_faq_gets_its_answer(trained, spacy_model, domain, text, key):
    selection = parsed(trained, spacy_model, text, "faq")
    selected = answer(selection)
    action = "utter_" + key
    assert (selected["intent_response_key"], selected["utter_action"]) == (key, action)
    assert selected["responses"] == domain["responses"][action]  # what utter_faq will say
    assert selection["all_retrieval_intents"] == ["faq"]
    ranking = selection["default"]["ranking"]
    assert ranking[0]["intent_response_key"] == key and ranking[0]["confidence"] == selected["confidence"]
    assert len(ranking) == 10 and [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking),
                                                                                reverse=True)


def test_other_intents_get_no_faq_answer(trained, spacy_model):
    assert parsed(trained, spacy_model, "we are 40 people in Leeds", "inform") == {}
    assert parsed(trained, spacy_model, "what is outsourcing?", "greet") == {}


def test_the_stored_selector_answers_as_the_trained_one(trained, storage, spacy_model, faq_data):
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = FaqSelector.load(FaqSelector.get_default_config(), storage, Resource("faq"), context)
    questions = [m.get(TEXT) for m in faq_data.intent_examples][::25]
    for text in questions:
        assert parsed(loaded, spacy_model, text, "faq") == parsed(trained, spacy_model, text, "faq")


def test_no_answers_to_learn_means_no_selection(spacy_model, storage):
    context = ExecutionContext(GraphSchema({}), "test")
    selector = FaqSelector.create(FaqSelector.get_default_config(), storage, Resource("none"), context)
    selector.train(TrainingData([Message({TEXT: "hello", INTENT: "greet"})]), spacy_model)
    loaded = FaqSelector.load(FaqSelector.get_default_config(), storage, Resource("none"), context)
    assert parsed(loaded, spacy_model, "what is outsourcing?", "faq") == {}



def test_the_selectors_own_questions_are_learned_too(trained, spacy_model):
    # Questions of the selector's own file, not in data/nlu: each gets its answer (most of them would
    # not from data/nlu alone, docs/understanding.md), and all of them are FAQ questions with a key.
    questions = more_questions(spacy_model)
    assert len(questions) >= 400 and {q.get(INTENT) for q in questions} == {"faq"}
    right = [answer(parsed(trained, spacy_model, q.get(TEXT), "faq"))["intent_response_key"]
             == q.get("intent_response_key") for q in questions]
    assert sum(right) / len(right) > 0.95



def unsure_of(selector: FaqSelector, spacy_model: SpacyModel, text: str, runner_up: str) -> Message:
    """A message the intent classifier was unsure of: the FallbackClassifier's intent, then its ranking."""
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": runner_up, "confidence": 0.47},
               {"name": "inform", "confidence": 0.3}]
    message = Message({TEXT: text, INTENT: ranking[0], "intent_ranking": ranking})
    SpacyNLP(spacy_model, {}).process([message], spacy_model)
    selector.process([message])
    return message


def test_a_question_the_classifier_was_unsure_of_is_answered_as_the_faq_it_most_likely_is(trained, spacy_model):
    message = unsure_of(trained, spacy_model, "do you test the backups?", "faq")
    assert message.get(INTENT)["name"] == "faq"
    assert message.get("response_selector")["default"]["response"]["intent_response_key"] == "faq/disaster_recovery"


@pytest.mark.parametrize("text, runner_up", [
    ("backups mostly", "faq"),  # no question: an answer the form reads
    ("what are you up to?", "chitchat"),  # a question, but no FAQ the most likely
    ("is it?", "faq"),  # no answer the selector is sure of
])
def test_an_unsure_message_stays_unsure_unless_it_asks_an_faq_whose_answer_is_clear(trained, spacy_model, text,
                                                                                     runner_up):
    message = unsure_of(trained, spacy_model, text, runner_up)
    assert message.get(INTENT)["name"] == "nlu_fallback" and not message.get("response_selector")
