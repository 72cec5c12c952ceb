"""Which FAQ answer a question classified as an FAQ gets: a linear classifier over lemmas and letters.

Rasa's ResponseSelector (a DIET network that embeds each answer key) picked the right one of the 13
FAQ answers for 0.69 of the FAQ examples in 5-fold cross-validation, and for 0.71 of 430 questions
written apart from them by a helper who had not seen the training data. A logistic regression over
tf-idf of the question's lemmas and of its character 2–4-grams picks 0.73 and 0.78; with the helper's
questions (understanding/faq_questions.yml) learned too, 0.87 of the examples' folds
(docs/understanding.md, "FAQ answers"). The letters carry misspellings ("outsorcing") and word parts
("offshor-"), the lemmas the words in any form. The blind questions (understanding/faq_questions*.yml) also teach the
intent classifier, which decides whether a message is an FAQ at all (components/intent_classifier.py).

The selector answers only messages the intent classifier before it put into a retrieval intent
(`faq`): only `utter_faq` uses the answer, and the rules run that only for the `faq` intent; every
other message's parse carries no `response_selector` entry. For an FAQ question it carries what Rasa's
ResponseSelector puts there (the answer key, its responses and confidence, a ranking), so that
`utter_faq` and `rasa test nlu` read it as they read Rasa's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
    SPACY_DOCS,
)
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data import util
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components import linear_text
from components.linear_text import LinearText
from understanding.questions import QUESTION

# FAQ questions written blind, beside data/nlu's (each file's header says how).
QUESTIONS_FILES = tuple(Path(__file__).resolve().parent.parent / "understanding" / name
                        for name in ("faq_questions.yml", "faq_questions_2.yml", "faq_questions_3.yml"))


def more_questions(model: SpacyModel, paths: tuple[Path, ...] = QUESTIONS_FILES) -> list[Message]:
    """The FAQ questions of `paths`, parsed by spaCy as SpacyNLP parses a message."""
    questions = [question for path in paths
                 for question in RasaYAMLReader().reads(path.read_text(encoding="utf-8")).intent_examples]
    for question, doc in zip(questions, model.model.pipe(question.get(TEXT) for question in questions)):
        question.set(SPACY_DOCS[TEXT], doc)
    return questions


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True, model_from="SpacyNLP")
class FaqSelector(GraphComponent):
    """Selects the FAQ answer for messages classified into a retrieval intent."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # C: weak regularisation suits many short, one-off questions (5 folds over both question files:
        # C=3 0.817, C=10 0.823, C=30 0.823).
        return {"C": 30.0, "word_ngrams": [1, 1], "char_ngrams": [2, 4], "vector_weight": 0, "class_weight": None,
                "ranking_length": 10, "sure_answer": 0.5}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self._config, self._storage, self._resource = config, model_storage, resource
        self._model: Optional[LinearText] = None  # over the answer keys ("faq/cost")
        self.responses: Dict[Text, List[Dict[Text, Any]]] = {}
        self.all_retrieval_intents: list[str] = []

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """How the selector learns and its own questions are in files Rasa does not know of: a change to
        them must train the selector again instead of taking it from Rasa's cache."""
        return hashlib.sha256(Path(__file__).read_bytes() + Path(linear_text.__file__).read_bytes()
                              + b"".join(path.read_bytes() for path in QUESTIONS_FILES)).hexdigest()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> FaqSelector:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        self.all_retrieval_intents = sorted(training_data.retrieval_intents)
        self.responses = training_data.responses
        examples = [m for m in training_data.intent_examples if m.get(INTENT_RESPONSE_KEY)]
        if examples:
            examples += [m for m in more_questions(model) if m.get(INTENT) in self.all_retrieval_intents]
        if len({m.get(INTENT_RESPONSE_KEY) for m in examples}) >= 2:
            self._model = LinearText(self._config)
            self._model.fit(examples, [m.get(INTENT_RESPONSE_KEY) for m in examples])
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._storage.write_to(self._resource) as folder:
            linear_text.write(folder, self._model, retrieval_intents=self.all_retrieval_intents,
                              responses=self.responses)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> FaqSelector:
        selector = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as folder:
            selector._model, settings = linear_text.read(folder, config)
        selector.all_retrieval_intents = settings["retrieval_intents"]
        selector.responses = settings["responses"]
        return selector

    def _unsure_faq(self, message: Message) -> Optional[Dict[Text, Any]]:
        """The intent classifier's guess for a question it was unsure of (`nlu_fallback`) when that guess is a
        retrieval intent ("do you test the backups?", an FAQ at 0.47): answered as that FAQ once this selector is sure
        of the answer; such a visitor would otherwise be told the bot did not understand."""
        if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME \
                or not QUESTION.search(message.get(TEXT) or ""):
            return None
        guess = next((intent for intent in message.get(INTENT_RANKING_KEY) or []
                      if intent.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME), None)
        return guess if guess and guess[INTENT_NAME_KEY] in self.all_retrieval_intents else None

    def process(self, messages: List[Message], model: Optional[SpacyModel] = None) -> List[Message]:
        """Adds the FAQ answer to each message classified into a retrieval intent (`model`, the spaCy
        pipeline the recipe hands every component that takes it from SpacyNLP, is not needed here: the
        message carries SpacyNLP's parse)."""
        for message in messages:
            if not self._model:
                continue
            ranking = None
            if guess := self._unsure_faq(message):
                ranking = self._model.ranking(message)
                if ranking[0][1] >= self._config["sure_answer"]:
                    message.set(INTENT, {INTENT_NAME_KEY: guess[INTENT_NAME_KEY],
                                         PREDICTED_CONFIDENCE_KEY: guess.get(PREDICTED_CONFIDENCE_KEY)},
                                add_to_output=True)
            if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) not in self.all_retrieval_intents:
                continue
            ranking = ranking or self._model.ranking(message)
            key, confidence = ranking[0]
            utter_action = util.intent_response_key_to_template_key(key)
            selected = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(utter_action) or [{TEXT: key}],
                    PREDICTED_CONFIDENCE_KEY: confidence,
                    INTENT_RESPONSE_KEY: key,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter_action,
                },
                RESPONSE_SELECTOR_RANKING_KEY: [
                    {"id": self._model.labels.index(k), PREDICTED_CONFIDENCE_KEY: p, INTENT_RESPONSE_KEY: k}
                    for k, p in ranking[:self._config["ranking_length"]]],
            }
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME,
                        {RESPONSE_SELECTOR_RETRIEVAL_INTENTS: self.all_retrieval_intents,
                         RESPONSE_SELECTOR_DEFAULT_INTENT: selected},
                        add_to_output=True)
        return messages
