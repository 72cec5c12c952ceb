"""Rasa's CRF entity extractor, stored as its trained taggers instead of trained again at every load.

Rasa 3.6.21's `CRFEntityExtractor` stores its training data in the model and trains the CRF anew each
time the model is loaded: seconds of every server's (and every Sanic worker's) start-up, and a
temporary model file left in /tmp per load, since sklearn-crfsuite deletes that file only when the
tagger is garbage-collected, which a stopped server never gets to. This extractor stores each trained
tagger's crfsuite model in the Rasa model and loads it into memory as it is: the same taggers, so the
same entities, with no training and no file outside the model.

It also joins a number that the tokenizer split at a thousands space ("1 500 collaborators", "12 000
staff", as French, Scandinavian and many other owners write): the taggers tag each part, and "1" alone
would be a company of one.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Text

import pycrfsuite
import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor, CRFToken
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

logger = logging.getLogger(__name__)

ORDER_FILE = "crf_order.json"
# a space, a no-break space or a narrow no-break space, then three digits that end the number ("25 100% remote", "150
# 365 days a year" are two numbers)
THOUSANDS_GROUP = re.compile(r"[ \u00a0\u202f]\d{3}(?![\d.,]\d|\d|\s*(?:%|percent|per cent|/|-|days?\b))", re.I)


class StoredTagger:
    """A trained crfsuite tagger held in memory; predicts as sklearn-crfsuite's `CRF` does."""

    def __init__(self, model: bytes) -> None:
        self._model = model  # crfsuite may read the model from this buffer: it lives as long as the tagger
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)
        self._labels = self._tagger.labels()

    def predict_marginals_single(self, xseq: List[Dict[Text, Any]]) -> List[Dict[Text, float]]:
        """Each token's probability of every label."""
        self._tagger.set(xseq)
        return [{label: self._tagger.marginal(label, i) for label in self._labels} for i in range(len(xseq))]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class StoredCRFEntityExtractor(CRFEntityExtractor):
    """CRFEntityExtractor whose model holds the trained taggers, loaded without training."""

    def persist(self, dataset: List[List[CRFToken]]) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            for tag_name, tagger in self.entity_taggers.items():
                (model_dir / f"{tag_name}.crfsuite").write_bytes(open_and_release(tagger))
            rasa.shared.utils.io.dump_obj_as_json_to_file(model_dir / ORDER_FILE, self.crf_order)

    def extract_entities(self, message: Message) -> List[Dict[Text, Any]]:
        return joined_thousands(super().extract_entities(message), message.get(TEXT) or "")

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> StoredCRFEntityExtractor:
        try:
            with model_storage.read_from(resource) as model_dir:
                crf_order = rasa.shared.utils.io.read_json_file(model_dir / ORDER_FILE)
                taggers = {name: StoredTagger((model_dir / f"{name}.crfsuite").read_bytes()) for name in crf_order}
        except ValueError:  # nothing stored: the training data had no entities, as in Rasa's own load
            logger.warning(f"Failed to load {cls.__name__} from model storage. Resource "
                           f"'{resource.name}' doesn't exist.")
            return cls(config, model_storage, resource)
        extractor = cls(config, model_storage, resource, taggers)
        extractor.crf_order = crf_order
        return extractor


def joined_thousands(entities: List[Dict[Text, Any]], text: str) -> List[Dict[Text, Any]]:
    """Entities whose value is a number of one to three digits, running on over the groups of three digits one space
    after it ("1" in "1 500" -> "1 500", "1 200 000"), whether the taggers tagged those groups or not: a group they
    tagged the same is taken into the number."""
    joined: List[Dict[Text, Any]] = []
    for entity in entities:
        last = joined[-1] if joined else None
        if last is not None and isinstance(entity.get("start"), int) and entity["start"] < last["end"] \
                and last.get("entity") == entity.get("entity"):
            continue  # a group the number before it has taken in
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and re.fullmatch(r"\d{1,3}", str(entity.get("value"))):
            while (more := THOUSANDS_GROUP.match(text, end)) is not None:
                end = more.end()
            if end != entity["end"]:
                entity = {**entity, "end": end, "value": text[start:end]}
        joined.append(entity)
    return joined


def open_and_release(tagger: Any) -> bytes:
    """The crfsuite model of an sklearn-crfsuite `CRF` just trained. Its temporary file is deleted
    here; the `CRF` keeps predicting from the tagger it opened first."""
    with open(tagger.modelfile.name, "rb") as model_file:
        model = model_file.read()
    tagger.tagger_  # noqa: B018 (opens the tagger while the file is still there)
    tagger.modelfile.cleanup()
    return model
