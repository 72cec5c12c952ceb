"""Towns that spaCy's named-entity recogniser misses: a place name typed in lower case, or one it never saw.

Owners on a phone type "farm shop nr timaru, 6 of us" or "dairy farm out by Ashburton": spaCy's NER finds
neither (it leans on capitals and on names it knows), nor does the CRF, and the bot then asks where the company is
after being told. A word that is also a town is usually a word first ("in reading", "near bath", "by mobile"), which
is why the form takes a bare untagged name only for a large city (advisor.places.widely_known). A name that
en_core_web_md has no word vector for (its vectors cover the everyday words and common names; "timaru", "ballarat"
and "whangarei" are not among them) is no everyday word: right after a word that places something ("in", "near",
"nr", "around", "outside", "across", "out by", "out of", or "from" after a greeting or "we run ...") and spelt as the map
spells a town, it is tagged as a place (`GPE`); the form then weighs it as it weighs spaCy's places (said of the
company, not a destination). Not after "by", "from" or "of" alone: "recommended by Ikeda", "an email from ogawa" name
people. A name written with its capital after a comma that ends the trade told without a verb, and its clause
("bakery, 4 shops, Tomar."), is tagged so whatever the vectors know of it ("tomar" is a Spanish verb). A town of
5,000 to 15,000 people, which the map knows only by its country (advisor.places.small_town), is tagged so, or spaCy's
place of that name given so, with the country in its value ("Morrinsville, New Zealand"), so that the form can place
it. A place the CRF found where spaCy reads a date ("hacked in March") is taken out.
"""

from __future__ import annotations

import itertools
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

from advisor.places import resolve_exact, resolve_place, small_town, town_named, unaccented, warm_up

PLACING = frozenset({"in", "near", "nr", "around", "round", "outside", "across"})
PLACING_BY = frozenset({"out", "up", "down", "over"})  # "out by ashburton", "out of queenstown"; not "recommended by
# ikeda", "an email from ogawa"
# A part of a town before "of" and the town: "in the medina of Fès", "in the heart of Ronda", "the old town of Tallinn"
PART_OF_TOWN = frozenset({"medina", "centre", "center", "heart", "middle", "outskirts", "edge", "suburbs", "town",
                          "city", "port", "village", "harbour", "harbor"})
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})  # the pipeline has no parser to split sentences
GREETINGS = frozenset({"hello", "hi", "hey", "greetings", "howdy", "hiya", "hola", "cheers", "regards", "salutations"})
# Words before a name that signs or introduces the writer: "Thanks, Orla", "Kind regards, Selby", "manager Kendal."
SIGNING = frozenset({"thanks", "thank", "thx", "ta", "cheers", "regards", "wishes", "best", "sincerely", "yours",
                     "love", "owner", "founder", "manager", "contact", "person", "ceo", "md", "director", "boss",
                     "name"})
RUN_FROM = frozenset({"run", "runs", "running", "operate", "operates", "operating", "trade", "trades", "trading"})
# What spaCy's NER may call a town it does not know, after a placing word: "out by Ashburton" is a PERSON to it,
# "a bakery in ballarat" a NORP. Its places, numbers, dates and the like stand.
GUESSES = frozenset({"PERSON", "NORP", "ORG", "PRODUCT", "WORK_OF_ART"})
# a name of four letters or more ("ely" is no town to guess), accents too: "Røros"; of three with an accent: "Fès"
NAME = re.compile(r"[^\W\d_]{4,}|(?=[^\W\d_]*[^\W\d_a-zA-Z])[^\W\d_]{3}")


def _unseen(token: Any) -> bool:
    """Whether a token is a word the vectors do not know (no row for its lower case), and so no everyday word."""
    return bool(NAME.fullmatch(token.text)) and token.vocab.strings[token.lower_] not in token.vocab.vectors.key2row


def _after_the_trade(doc: Any, index: int) -> bool:
    """Whether doc[index] follows the trade told without a verb and ends its clause, after a comma (a town of a word
    or two) or right after the trade (of one word): "Small travel agency, Český Krumlov.", "8 ppl design studio
    braga". Not after a verb ("We sell to hotels, Lars and me ..."), a name greeted ("hi Anna, whakatane office here")
    or a word that signs or introduces a name ("Thanks, Orla", "manager Kendal.")."""
    comma = doc[index - 1].text == ","
    noun = index - 2 if comma else index - 1
    # the town (of a word or two) ends its clause: not "Cafe, Kendal does the books"
    ends = index + 1 == len(doc) or doc[index + 1].is_punct or (
        comma and (index + 2 == len(doc) or doc[index + 2].is_punct))
    if doc[noun].pos_ not in (("NOUN", "PROPN") if comma else ("NOUN",)) or not ends \
            or doc[noun].lower_ in SIGNING or noun and doc[noun - 1].lower_ in GREETINGS:
        return False
    start = max((token.i + 1 for token in doc[:noun] if token.text in SENTENCE_ENDS), default=0)
    return not any(token.pos_ in ("VERB", "AUX") for token in doc[start:noun + 1])


def _placed(doc: Any, index: int) -> bool:
    """Whether the word before doc[index] places it: "in", "near", ..., or "by" or "of" after "out", "up", ..., or
    "from" after a greeting ("Hello from Akureyri!") or in a sentence that says where the business is run from ("we run a
    smokehouse from Kirkwall"), or the trade told without a verb ("Dairy farm, Timaru.", see _after_the_trade)."""
    before = doc[index - 1].lower_ if index else ""
    if before == "from" and index > 1:
        # ... the verb of running within eight words before "from", and no other verb between ("we run a studio and got
        # an email from Ogawa", "we've been trading ten years, the owner is from Ashburton" name people)
        window = doc[max(0, index - 10):index - 1]
        runs = [token.i for token in window if token.lower_ in RUN_FROM]
        return doc[index - 2].lower_ in GREETINGS or bool(runs) and not any(
            token.pos_ in ("VERB", "AUX") for token in doc[runs[-1] + 1:index - 1])
    if index > 1 and _after_the_trade(doc, index):
        return True
    return before in PLACING or (before in ("by", "of") and index > 1 and doc[index - 2].lower_ in PLACING_BY) or (
        before == "of" and index > 2 and doc[index - 2].lower_ in PART_OF_TOWN
        and any(token.lower_ in PLACING for token in doc[max(0, index - 5):index - 2]))


# Verbs of working from a place, before "out of" ("we operate out of Nelson"): not "run", whose "run out of" is also
# running short, nor those of leaving ("we moved out of Mallow")
WORK_FROM = RUN_FROM - {"run", "runs", "running"} | {"based", "work", "works", "working"}


def _named_as_our_base(doc: Any, index: int) -> bool:
    """Whether doc[index] is a name written with its capital right after "out of" said of where the business works
    from, after its trade ("a wee winery out of Nelson") or a verb of working from a place, and ending its phrase (not
    "out of Progress reports"): a town even where the vectors know the word as a name or a word ("Nelson")."""
    token = doc[index]
    if not (token.is_title and NAME.fullmatch(token.text)) or index < 3 \
            or (doc[index - 2].lower_, doc[index - 1].lower_) != ("out", "of") \
            or index + 1 < len(doc) and not (doc[index + 1].is_punct or doc[index + 1].is_stop):
        return False
    before = doc[index - 3]
    return before.lower_ in WORK_FROM or before.pos_ not in ("VERB", "AUX")


def _titled_after_the_trade(doc: Any, index: int) -> bool:
    """Whether doc[index] is a name written with its capital after a comma that ends the trade told without a verb
    ("bakery, 4 shops, Tomar."): a town even where the vectors know the word ("tomar" is also a Spanish verb)."""
    token = doc[index]
    ends = index + 1 == len(doc) or doc[index + 1].is_punct  # (a name its region follows is placed as such)
    return token.is_title and bool(NAME.fullmatch(token.text)) and index > 1 and doc[index - 1].text == "," and ends \
        and _after_the_trade(doc, index)


def towns(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, value) of each town of one or two words right after a placing word, whose first word the vectors
    do not know (the second may be known: "palmerston north") or that is named as where the business works from (see
    _named_as_our_base) or written with its capital after the trade (see _titled_after_the_trade), and that spaCy did
    not tag otherwise; a small town's value names its country ("near morrinsville": "Morrinsville, New Zealand")."""
    taken = {token.i for entity in doc.ents if entity.label_ not in GUESSES for token in entity}
    found = []
    for token in doc:
        if token.i in taken or not (_unseen(token) or _named_as_our_base(doc, token.i) or _titled_after_the_trade(
                doc, token.i)) or not _placed(doc, token.i):
            continue
        for end in (token.i + 2, token.i + 1):  # the longer name first
            if end > len(doc) or any(t.i in taken or not t.is_alpha for t in doc[token.i:end]):
                continue
            span = doc[token.i:end]
            place = resolve_place(span.text, exact=True)
            if place and place.city and (unaccented(place.city).lower() == unaccented(span.text).lower()
                                         or town_named(span.text) == place):  # "aarhus", as Århus is also written
                found.append((span.start_char, span.end_char, span.text))
                break
            town = small_town(span.text) if place is None else None  # not "bogota" for Bogotá
            if town:
                found.append((span.start_char, span.end_char, town.name))
                break
    return found


# Two-letter words that are also a state's code typed small ("me" Maine, "or" Oregon, "oh" Ohio): words first.
WORDS_NOT_CODES = frozenset({"me", "or", "in", "oh", "hi", "ok", "la", "pa", "ma", "al", "de", "id", "co", "on", "as",
                             "so", "no", "we", "us", "go", "to", "up", "an", "am"})


def towns_qualified(doc: Any, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, value) of each town of one or two words right after a placing word that its state, region or country
    follows and confirms ("in bozeman mt", "in Steyr, Upper Austria", "in hood river oregon"): the value is the map's
    name of that town in that place ("Bozeman, Montana"), or, for a town the map lacks whose name is no everyday word,
    the town with its region ("in gimli manitoba": "gimli, Manitoba", which places it in the region). spaCy may tag the
    region alone, or the two as a facility ("bozeman mt."); the town is what the owner said first."""
    taken = {token.i for entity in doc.ents if entity.label_ not in GUESSES | {"FAC"} for token in entity} \
        | {token.i for token in doc if any(a <= token.idx < b for a, b, _ in found)}
    qualified = []
    for token in doc:
        if token.i in taken or not NAME.fullmatch(token.text) or not _placed(doc, token.i):
            continue
        for size in (2, 1):  # the longer name first: "hood river"
            words = doc[token.i:token.i + size]
            if len(words) < size or any(t.i in taken or not t.is_alpha or t.is_stop for t in words):
                continue
            place = _confirmed_by_region(doc, words)
            if place:
                qualified.append((words.start_char, words.end_char, place))
                break
    return qualified


def _confirmed_by_region(doc: Any, words: Any) -> str | None:
    """The town `words` name, as the state, region or country said right after them confirms it (see
    towns_qualified), or None."""
    after = words.end + (words.end < len(doc) and doc[words.end].text == ",")
    for end in (after + 2, after + 1):
        if end > len(doc) or after >= len(doc) or not all(t.is_alpha for t in doc[after:end]):
            continue
        said = doc[after:end].text
        if said in WORDS_NOT_CODES:
            continue  # "a shop in bath, me and two others" is no Bath, Maine
        region = resolve_place(said.upper() if len(said) == 2 else said, exact=True)  # "mt" typed for "MT"
        if region is None or region.city:
            continue
        within = region.region or region.country
        town = resolve_place(f"{words.text}, {within}", exact=True)  # (the region alone when the map lacks the town)
        town = town if town and town.city else small_town(words.text, region.country_code)
        if town and town.country_code == region.country_code \
                and unaccented(town.city).lower() == unaccented(words.text).lower():
            return town.name
        if town is None and all(_unseen(t) for t in words) and region.region:
            return f"{words.text}, {region.region}"
    return None


def small_towns_tagged(doc: Any, entities: list[dict]) -> list[dict]:
    """spaCy's places that the map knows only as small towns ("Morrinsville", "Røros"), their value qualified by the
    town's country ("Morrinsville, New Zealand") so that the form can place them; a name the vectors know is left as
    it is ("Hope", "Lakes" are words first)."""
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if entity.get("entity") not in ("GPE", "LOC") or not isinstance(start, int) or not isinstance(end, int) \
                or resolve_place(doc.text[start:end]):
            continue
        span = doc.char_span(start, end)
        town = small_town(span.text) if span is not None and _unseen(span[0]) else None
        if town:
            entity["value"] = town.name
    return entities


HYPHENATED_AFTER = re.compile(r"(?:-[^\W\d_]+)+")
HYPHENATED_BEFORE = re.compile(r"(?:[^\W\d_]+-)+$")
PLACE_ENTITIES = frozenset({"location", "target_location", "GPE", "LOC"})


def whole_hyphenated(text: str, entities: list[dict]) -> list[dict]:
    """Towns the tokeniser cut at a hyphen ("Saint" of "Saint-Malo", "Stratford" of "Stratford-upon-Avon") given
    whole, when the map knows a town of the whole name. (Not a province: "Durban, KwaZulu-Natal" says the town first,
    which the form takes when "KwaZulu" alone names no place.)"""
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if entity.get("entity") not in PLACE_ENTITIES or not isinstance(start, int) or not isinstance(end, int):
            continue
        after, before = HYPHENATED_AFTER.match(text, end), HYPHENATED_BEFORE.search(text[:start])
        new_start = before.start() if before else start
        # the longest name the map knows a town of, a hyphen's part at a time ("Saint-Malo" of "Saint-Malo-based")
        ends = [end + part.end() for part in re.finditer(r"-[^\W\d_]+", after.group(0))][::-1] if after else []
        for new_end in ends + ([end] if new_start != start else []):
            if getattr(resolve_place(text[new_start:new_end], exact=True), "city", None):
                entity.update(start=new_start, end=new_end, value=text[new_start:new_end])
                break
    return entities


QUALIFIER_AFTER = re.compile(r"\s*,\s*([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2})")  # ", Cambridgeshire"


def not_dates(doc: Any, entities: list[dict]) -> list[dict]:
    """The entities without a place the CRF found in what spaCy's NER reads as a date ("our online shop got hacked in
    March", "since May"): a month is a town's name too (March, Cambridgeshire), but said so it is the month, unless the
    town's county or country follows it ("a bakery in March, Cambridgeshire"; not "hacked in March, I think")."""
    dates = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    kept = []
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if entity.get("entity") in PLACE_ENTITIES and isinstance(start, int) and isinstance(end, int) \
                and any(first <= start and end <= last for first, last in dates) \
                and not _qualified(doc.text[start:end], doc.text, end):
            continue
        kept.append(entity)
    return kept


def _qualified(name: str, text: str, end: int) -> bool:
    """Whether a county, province or country after a comma makes the name a town's ("March, Cambridgeshire")."""
    after = QUALIFIER_AFTER.match(text, end)
    if not after:
        return False
    words = list(itertools.takewhile(lambda word: word[:1].isupper() and len(word) > 1, after.group(1).split()))
    # (the map's own reading of "town, region": not a town with whatever capitalised words follow, "March, Dave")
    return any(getattr(resolve_exact(f"{name}, {' '.join(words[:count])}"), "city", None)
               for count in range(len(words), 0, -1))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class TownNameExtractor(GraphComponent, EntityExtractorMixin):
    """Adds `GPE` entities for the towns spaCy's NER missed (see the module's docstring)."""

    @classmethod
    def create(cls, config: dict, model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TownNameExtractor":
        warm_up()  # the place tables load in seconds: at start-up, not in the first visitor's turn
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text, doc = message.get(TEXT) or "", message.get(SPACY_DOCS[TEXT])
            if doc is None or doc.text != text:  # no parse, or one of lower-cased text (offsets would not hold)
                continue
            found = towns(doc)
            found += towns_qualified(doc, found)
            added = [{"entity": "GPE", "start": start, "end": end, "value": value, "confidence": None}
                     for start, end, value in found]
            entities = whole_hyphenated(text, small_towns_tagged(doc, not_dates(doc, message.get(ENTITIES) or [])))
            message.set(ENTITIES, entities + self.add_extractor_name(added), add_to_output=True)
        return messages
