"""A logistic regression over what a message says: the model the intent classifier and the FAQ selector share.

Features, side by side: tf-idf of the message's lemmas (word n-grams of them), tf-idf of its character n-grams
(misspellings, "offshor-" in any form), and, where configured, its mean word vector from SpacyNLP's parse
(scaled to length 1: "drawbacks", "pitfalls" and "cons" lie close). Training is sklearn's; what is stored and
used afterwards is only arrays (vocabularies, idf weights, coefficients), so a model holds no pickle and
reading a message is a sum over the columns of its terms (for one message sklearn's `transform` and its checks took
nine tenths of the intent classifier's time). `write` and `read` keep a model (or its absence) in a component's folder
of the model archive, with the component's own settings beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text

import numpy as np
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

SETTINGS_FILE = "settings.json"
ARRAYS_FILE = "arrays.npz"


def lemmas(message: Message) -> str:
    """The message's lemmas, lower case, punctuation left out, from the parse SpacyNLP made."""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is None:
        return (message.get(TEXT) or "").lower()
    return " ".join(token.lemma_.lower() for token in doc if not (token.is_punct or token.is_space))


def _vector(message: Message, size: int) -> np.ndarray:
    """The message's mean word vector, of length 1 (zeros when it has none)."""
    doc = message.get(SPACY_DOCS[TEXT])
    vector = np.zeros(size) if doc is None or not doc.has_vector else np.asarray(doc.vector, dtype=float)
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


class LinearText:
    """Labels and their probabilities for messages. `config`: `C` (sklearn's inverse regularisation),
    `word_ngrams` and `char_ngrams` ([low, high]), `vector_weight` (0: no word vectors), `class_weight`
    (sklearn's: None or "balanced")."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config
        self.labels: list[str] = []
        self._vectorizers: list[TfidfVectorizer] = []
        self._weights = np.zeros((0, 0))
        self._bias = np.zeros(0)
        self._vector_size = 0
        self._analyzers: list[tuple[Any, Dict[str, int], np.ndarray]] = []

    def _make_vectorizers(self, vocabularies: Optional[Sequence[Optional[dict]]] = None) -> list[TfidfVectorizer]:
        words, letters = vocabularies or (None, None)
        return [TfidfVectorizer(analyzer="word", token_pattern=r"\S+", lowercase=False,
                                ngram_range=tuple(self._config["word_ngrams"]), sublinear_tf=True, vocabulary=words),
                TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self._config["char_ngrams"]), sublinear_tf=True,
                                vocabulary=letters)]

    def _features(self, messages: List[Message]) -> Any:
        """A sparse row per message: its lemmas' and letters' tf-idf and its weighted word vector."""
        texts = ([lemmas(m) for m in messages], [m.get(TEXT) or "" for m in messages])
        parts = [v.transform(t) for v, t in zip(self._vectorizers, texts)]
        if self._vector_size:
            vectors = np.array([_vector(m, self._vector_size) for m in messages]) * self._config["vector_weight"]
            parts.append(csr_matrix(vectors))
        return hstack(parts).tocsr()

    def fit(self, messages: List[Message], labels: List[str]) -> None:
        self._vectorizers, self._analyzers = self._make_vectorizers(), []
        for vectorizer, texts in zip(self._vectorizers, ([lemmas(m) for m in messages],
                                                         [m.get(TEXT) or "" for m in messages])):
            vectorizer.fit(texts)
        docs = [m.get(SPACY_DOCS[TEXT]) for m in messages]
        self._vector_size = (max((d.vector.shape[0] for d in docs if d is not None and d.has_vector), default=0)
                             if self._config.get("vector_weight") else 0)
        classifier = LogisticRegression(C=self._config["C"], class_weight=self._config.get("class_weight"),
                                        max_iter=5000)
        classifier.fit(self._features(messages), labels)
        self.labels = [str(label) for label in classifier.classes_]
        self._weights, self._bias = classifier.coef_, classifier.intercept_
        if len(self.labels) == 2:  # sklearn keeps one row for two classes: the second's score against the first
            self._weights = np.vstack([-self._weights, self._weights]) / 2
            self._bias = np.concatenate([-self._bias, self._bias]) / 2

    def _scores(self, message: Message) -> np.ndarray:
        """Each label's score for one message: the weights of its terms' columns, summed as `_features` weighs them
        (sublinear tf times idf, each block of length 1), plus the word vector's part and the bias."""
        if len(self._analyzers) != len(self._vectorizers):
            self._analyzers = [(v.build_analyzer(), v.vocabulary_, v.idf_) for v in self._vectorizers]
        scores = self._bias.astype(float)
        offset = 0
        for (analyzer, vocabulary, idf), text in zip(self._analyzers, (lemmas(message), message.get(TEXT) or "")):
            counts: Dict[int, int] = {}
            for term in analyzer(text):
                column = vocabulary.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if counts:
                columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
                values = (np.log(np.fromiter(counts.values(), dtype=float, count=len(counts))) + 1) * idf[columns]
                scores = scores + self._weights[:, offset + columns] @ (values / np.linalg.norm(values))
            offset += len(vocabulary)
        if self._vector_size:
            vector = _vector(message, self._vector_size) * self._config["vector_weight"]
            scores = scores + self._weights[:, offset:] @ vector
        return scores

    def ranking(self, message: Message) -> list[tuple[str, float]]:
        """Every label with its probability, most likely first."""
        scores = self._scores(message)
        probabilities = np.exp(scores - scores.max())
        probabilities /= probabilities.sum()
        return sorted(zip(self.labels, probabilities.tolist()), key=lambda pair: -pair[1])

    def stored(self) -> tuple[Dict[Text, Any], Dict[Text, np.ndarray]]:
        """What to store: settings (JSON) and arrays (numpy)."""
        settings = {"labels": self.labels, "vector_size": self._vector_size,
                    "vocabularies": [{term: int(i) for term, i in v.vocabulary_.items()} for v in self._vectorizers]}
        arrays = {"weights": self._weights, "bias": self._bias}
        arrays.update({f"idf{i}": v.idf_ for i, v in enumerate(self._vectorizers)})
        return settings, arrays

    @classmethod
    def from_stored(cls, config: Dict[Text, Any], settings: Dict[Text, Any], arrays: Any) -> LinearText:
        model = cls(config)
        model.labels, model._vector_size = settings["labels"], settings["vector_size"]
        model._weights, model._bias = arrays["weights"], arrays["bias"]
        if settings["vocabularies"]:
            model._vectorizers = model._make_vectorizers(settings["vocabularies"])
            for i, vectorizer in enumerate(model._vectorizers):
                vectorizer.idf_ = arrays[f"idf{i}"]
        return model


def write(folder: Path, model: Optional[LinearText], **settings: Any) -> None:
    """Store `model` (None: there was too little to learn from) and a component's JSON-able `settings` in `folder`."""
    stored, arrays = model.stored() if model else ({}, {})
    (folder / SETTINGS_FILE).write_text(json.dumps({"model": stored, **settings}), encoding="utf-8")
    np.savez(folder / ARRAYS_FILE, **arrays)


def read(folder: Path, config: Dict[Text, Any]) -> tuple[Optional[LinearText], Dict[Text, Any]]:
    """What `write` stored: the model (or None) and the component's settings."""
    settings = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    stored = settings.pop("model")
    with np.load(folder / ARRAYS_FILE) as arrays:
        return (LinearText.from_stored(config, stored, arrays) if stored else None), settings
