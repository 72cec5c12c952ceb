"""The learned slot readers (understanding/reader.py) inside the NLU pipeline.

Trained by `rasa train` from the annotated NLU examples of answer-like intents, the owners' answers in
understanding/answers.yml and owner_answers*.yml, their first messages in owner_openers*.yml and the phrases of
advisor/vocabulary.yml; every message's parse then
carries `readings`: for each choice question (goals, function, control, proximity) the values it may
answer, most likely first, with their confidence; and `clause_readings`, the same with each value at its
surest in any clause, for facts a long message tells beside others. The readings fill no slot by themselves: the
profile form takes them for the question it asked, or for facts stated unasked when they are sure
(actions/form.py). They need SpacyNLP's parse (word vectors: en_core_web_md) before them.

A further reader says how likely a reply answers nothing at all (`unsure`: "the board is still arguing about
it", "depends if you count the contractors"), learned from the `dont_know` examples and understanding/dont_know.yml
against the replies that answer; the intent re-labelling (components/stated_facts.py) and the form read it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from advisor import vocabulary as vocabulary_module
from advisor.vocabulary import VOCABULARY_FILE, canonical, vocabulary
from understanding import negation as negation_module
from understanding import reader as reader_module
from understanding.reader import (KINDS, Parses, Reader, company_itself, not_set_ups, speaker, trades, train_readers,
                                  train_unsure_reader)

logger = logging.getLogger(__name__)

# Owners' answers: ours, and more written blind by a helper (understanding/owner_answers.yml's header).
ANSWERS_FILES = tuple(Path(__file__).resolve().parent.parent / "understanding" / name
                      for name in ("answers.yml", "owner_answers.yml", "owner_answers_3.yml",
                                   "owner_answers_4.yml", "owner_answers_5.yml", "owner_answers_6.yml",
                                   "owner_answers_7.yml", "owner_answers_8.yml", "owner_answers_9.yml"))
# Owners' first messages, written blind, each with every value it states (each file's header says how).
OPENERS_FILES = tuple(Path(__file__).resolve().parent.parent / "understanding" / name
                      for name in ("owner_openers.yml", "owner_openers_2.yml", "owner_openers_3.yml",
                                   "owner_openers_4.yml"))
# Replies that answer nothing, written blind: training material for the unsure reader.
UNSURE_FILE = Path(__file__).resolve().parent.parent / "understanding" / "dont_know.yml"
UNSURE = "unsure"  # the parse's probability that the reply answers nothing
# Examples that neither answer nor fail to ("skip" is a deny to the classifier; "what would you suggest?" leaves the
# choice to us)
NEITHER = frozenset({"dont_know", "deny", "ask_recommendation"})
READINGS = "readings"
CLAUSE_READINGS = "clause_readings"  # each value at its surest over the whole message and each of its clauses
ENTITY_KINDS = {"goal": "goals", "function": "function", "control": "control", "proximity": "proximity"}
ANSWER_INTENTS = ("inform", "correct", "what_if")


def answer_examples(paths: tuple[Path, ...] = ANSWERS_FILES) -> list[tuple[str, dict[str, list[str]]]]:
    """(text, {kind: values}) from the owners' answers (understanding/answers.yml, owner_answers.yml); None for the
    kinds a file says its answers are no examples against (`unlabelled`: answers told through the owner's situation
    name pains that are goals beside the work they answer)."""
    examples = []
    for path in paths:
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        unlabelled = dict.fromkeys(written.pop("unlabelled", None) or ())  # kinds its answers are no examples against
        for kind, by_value in written.items():
            for value, texts in by_value.items():
                for text in texts:
                    if value == "several":
                        listed, _, text = text.partition(":")
                        examples.append((text.strip(), {**unlabelled, kind: [v.strip() for v in
                                                                             listed.strip("[] ").split(",")]}))
                    else:
                        examples.append((text, {**unlabelled, kind: [value]}))
    return examples


def unanswering_replies() -> list[str]:
    """The replies of understanding/dont_know.yml, which answer nothing."""
    return [text for texts in yaml.safe_load(UNSURE_FILE.read_text(encoding="utf-8")).values() for text in texts]


def opener_examples(paths: tuple[Path, ...] = OPENERS_FILES) -> list[tuple[str, dict[str, list[str]]]]:
    """(text, {kind: values}) from the owners' first messages: every kind is given, an empty list where the message
    states none of it; None for the kinds a file says it does not label (`unlabelled`)."""
    examples = []
    for path in paths:
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        unlabelled = set(written.get("unlabelled") or ())
        examples += [(item["text"], {kind: None if kind in unlabelled else list(item.get(kind) or [])
                                     for kind in KINDS}) for item in written["openers"]]
    return examples


def unsure_examples(training_data: TrainingData,
                    paths: tuple[Path, ...] = ANSWERS_FILES) -> tuple[list[str], list[str]]:
    """Replies that answer nothing (the NLU's `dont_know` examples and understanding/dont_know.yml) and replies that
    do (every other example but those of NEITHER, and the owners' answers)."""
    unsure = [m.get(TEXT) for m in training_data.intent_examples if m.get(INTENT) == "dont_know"]
    unsure += unanswering_replies()
    answers = [m.get(TEXT) for m in training_data.intent_examples if m.get(INTENT) not in NEITHER]
    answers += [text for text, _ in answer_examples(paths)] + [text for text, _ in opener_examples()]
    return unsure, answers


def nlu_examples(training_data: TrainingData) -> list[tuple[str, dict[str, list[str]]]]:
    """(text, {kind: values}) from the annotated examples of answer-like intents; a kind the example
    does not annotate is a "none" for that kind."""
    examples = []
    for message in training_data.intent_examples:
        if message.get(INTENT) not in ANSWER_INTENTS:
            continue
        found: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for entity in message.get(ENTITIES) or []:
            kind = ENTITY_KINDS.get(entity.get("entity"))
            vocab_kind = "goal" if kind == "goals" else kind
            value = canonical(vocab_kind, str(entity.get("value"))) if kind else None
            if value and value not in found[kind]:
                found[kind].append(value)
        examples.append((message.get(TEXT), found))
    return examples


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True, model_from="SpacyNLP")
class SlotReaders(GraphComponent):
    """Adds `readings` to every message's parse: the learned readers' values for the choice questions."""

    @staticmethod
    def required_components() -> List[type]:
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"top": 3}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 readers: Optional[Dict[str, Reader]] = None) -> None:
        self._config, self._storage, self._resource = config, model_storage, resource
        self.readers = readers or {}  # the four choice readers, and the unsure reader (UNSURE)

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """The answers, the vocabulary and how the readers learn are in files Rasa does not know of: a
        change to them must train the readers again instead of taking them from Rasa's cache."""
        sources = (*ANSWERS_FILES, *OPENERS_FILES, UNSURE_FILE, VOCABULARY_FILE, Path(__file__),
                   Path(vocabulary_module.__file__), Path(reader_module.__file__), Path(negation_module.__file__))
        return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SlotReaders":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        examples = nlu_examples(training_data) + answer_examples() + opener_examples()
        parse = Parses(model.model)  # the unsure reader learns from the answers the choice readers learn from
        self.readers = train_readers(parse, examples, vocabulary())
        self.readers[UNSURE] = train_unsure_reader(parse, *unsure_examples(training_data))
        with self._storage.write_to(self._resource) as folder:
            for kind, reader in self.readers.items():
                settings, arrays = reader.to_arrays()
                (folder / f"{kind}.json").write_text(json.dumps(settings), encoding="utf-8")
                np.savez(folder / f"{kind}.npz", **arrays)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SlotReaders":
        readers = {}
        try:
            with model_storage.read_from(resource) as folder:
                for kind in (*KINDS, UNSURE):
                    if kind == UNSURE and not (folder / f"{kind}.json").exists():
                        continue  # a model trained before the unsure reader: its parses carry no `unsure`
                    settings = json.loads((folder / f"{kind}.json").read_text(encoding="utf-8"))
                    with np.load(folder / f"{kind}.npz", allow_pickle=False) as arrays:
                        readers[kind] = Reader.from_arrays(settings, dict(arrays))
        except ValueError:
            logger.warning("No slot readers stored in the model: messages get no readings")
        return cls(config, model_storage, resource, readers)

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                doc = model.model(message.get(TEXT) or "")
            top = self._config["top"]
            choices = {kind: reader for kind, reader in self.readers.items() if kind != UNSURE}
            message.set(READINGS, {kind: reader.read(doc)[:top] for kind, reader in choices.items()},
                        add_to_output=True)
            if UNSURE in self.readers:
                message.set(UNSURE, self.readers[UNSURE].scores(doc)[UNSURE], add_to_output=True)
            # The company's trade ("a 40-person accounting firm") names what it does, not the work it would
            # hand over: no group of nouns inside it tells the work.
            trade = trades(doc, [(e["start"], e["end"]) for e in message.get(ENTITIES) or []
                                 if e.get("entity") == "industry" and isinstance(e.get("start"), int)])
            # ... nor, said of the company itself ("a global logistics company"), a goal.
            # ... nor our own product ("we're building our own patient app") or the business the owner owns ("I own
            # three guesthouses") a team of our own.
            # ... nor the writer saying who they are ("Dana here, ...") a closeness.
            besides = {"function": trade, "goals": company_itself(doc), "control": not_set_ups(doc),
                       "proximity": speaker(doc)}
            message.set(CLAUSE_READINGS, {
                kind: reader.read(doc, by_part=True, besides=besides.get(kind, ()))[:top]
                for kind, reader in choices.items()}, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData, model: SpacyModel) -> TrainingData:
        return training_data
