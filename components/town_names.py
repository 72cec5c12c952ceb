"""Towns that spaCy's named-entity recogniser misses: a place name typed in lower case, or one it never saw.

Owners on a phone type "farm shop nr timaru, 6 of us" or "dairy farm out by Ashburton": spaCy's NER finds
neither (it leans on capitals and on names it knows), nor does the CRF, and the bot then asks where the company is
after being told. A word that is also a town is usually a word first ("in reading", "by mobile", "near bath"), which
is why the form takes a bare untagged name only for a large city (advisor.places.widely_known). A name with no
word vector in en_core_web_md (its 20,000 vectors cover the everyday words, "timaru", "ballarat" and "whangarei"
are not among them) is no everyday word: after a word that places something ("in", "near", "nr", "by", "around",
"outside", "from") and spelt as the map spells a town of its own, it is tagged as a place (`GPE`), and the form
then weighs it as it weighs spaCy's places (said of the company, not a destination).
"""

from __future__ import annotations

import re
from typing import Any, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from advisor.places import resolve_place

PLACING = frozenset({"in", "near", "nr", "by", "around", "round", "outside", "from", "of", "at"})
GUESSES = frozenset({"PERSON", "NORP", "ORG", "PRODUCT", "WORK_OF_ART"})
NAME = re.compile(r"[a-z][a-z'-]{3,}", re.I)  # a name of four letters or more: "ely" is no town to guess


def _unseen(token: Any) -> bool:
    """Whether a token is a word the vectors do not know, and so no everyday word."""
    vectors = token.vocab.vectors
    return bool(NAME.fullmatch(token.text)) and token.vocab.strings[token.lower_] not in vectors.key2row


def towns(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, name) of each town of one or two words after a placing word that spaCy did not tag and whose
    words the vectors do not know (the second may be known: "palmerston north"), unless spaCy tagged it a place or
    a number."""
    # spaCy's places and numbers stand; a person or nationality it guessed after "in" may be a town ("out by
    # Ashburton" is a PERSON to it, "a bakery in ballarat" a NORP)
    taken = {token.i for entity in doc.ents if entity.label_ not in GUESSES for token in entity}
    found = []
    for token in doc:
        if token.i in taken or not _unseen(token) or token.i == 0 or doc[token.i - 1].lower_ not in PLACING:
            continue
        for end in (token.i + 2, token.i + 1):  # the longer name first
            if end > len(doc) or any(t.i in taken or not t.is_alpha for t in doc[token.i:end]):
                continue
            span = doc[token.i:end]
            place = resolve_place(span.text, exact=True)
            if place and place.city and place.city.lower() == span.text.lower():
                found.append((span.start_char, span.end_char, span.text))
                break
    return found


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class TownNameExtractor(GraphComponent, EntityExtractorMixin):
    """Adds `GPE` entities for the towns spaCy's NER missed (see the module's docstring)."""

    @classmethod
    def create(cls, config: dict, model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TownNameExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            added = [{"entity": "GPE", "start": start, "end": end, "value": name, "confidence": None}
                     for start, end, name in towns(doc)]
            if added:
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(added),
                            add_to_output=True)
        return messages
