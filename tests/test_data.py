"""The training data: Rasa's validator, the generated files, and the vocabulary behind the entities."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
import subprocess
import sys
import warnings

import pytest
import yaml

from advisor.headcount import parse_headcount
from advisor.places import resolve_place
from advisor.vocabulary import canonical, vocabulary
from bench.field import DEV_SETS, FIELD_SET, load_items
from components.faq_selector import QUESTIONS_FILES
from components.intent_classifier import FOLLOWUPS_FILE, followups
from components.slot_readers import ANSWERS_FILES, OPENERS_FILES, UNSURE_FILE, answer_examples, opener_examples
from tests.owners import load_owners
from tests.rasa_cli import FAQ_SET, HELDOUT, ROOT, rasa_env


def test_rasa_data_validate_is_clean():
    run = subprocess.run([sys.executable, "scripts/validate_data.py"], cwd=ROOT, env=rasa_env(),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert "validation clean" in run.stdout


def test_generated_nlu_files_are_up_to_date(tmp_path):
    subprocess.run([sys.executable, "scripts/generate_nlu_data.py", "--out", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)
    for name in ("lookups.yml", "synonyms.yml"):
        fresh = (tmp_path / "data" / "nlu" / name).read_text()
        assert fresh == (ROOT / "data" / "nlu" / name).read_text(), f"run `make nlu-data`: {name} is stale"


ANNOTATED = sorted({
    (match.group(2), match.group(1))
    for path in sorted((ROOT / "data").rglob("*.yml")) + [HELDOUT]
    for match in re.finditer(r"\[([^\]]+)\]\((\w+)\)", path.read_text())
})


def test_every_opener_lists_each_kind_with_known_values():
    """understanding/owner_openers*.yml: every kind given as a list of the vocabulary's values (a typo such as
    "hands-off" would teach a value no slot holds), one at most for the single-valued kinds."""
    known = {kind: set(vocabulary()["goal" if kind == "goals" else kind]) for kind in ("goals", "function", "control",
                                                                                     "proximity")}
    items = [item for path in OPENERS_FILES for item in yaml.safe_load(path.read_text(encoding="utf-8"))["openers"]]
    wrong = [(item["text"][:40], kind, item.get(kind)) for item in items for kind in known
             if not isinstance(item.get(kind), list) or not set(item[kind]) <= known[kind]
             or (kind != "goals" and len(item[kind]) > 1)]
    assert len(items) >= 480 and wrong == []


@pytest.mark.parametrize("kind, text", [a for a in ANNOTATED if a[0] in ("goal", "function", "control", "proximity")])
def test_every_annotated_phrase_has_a_canonical_value(kind, text):
    assert canonical(kind, text), f"add '{text}' to advisor/vocabulary.yml under {kind}"


@pytest.mark.parametrize("text", [t for k, t in ANNOTATED if k in ("location", "target_location")])
def test_every_annotated_place_resolves(text):
    assert resolve_place(text), text


@pytest.mark.parametrize("text", [t for k, t in ANNOTATED if k == "headcount"])
def test_every_annotated_headcount_parses(text):
    assert parse_headcount(text), text


def test_at_least_twenty_examples_per_intent():
    counts: dict[str, int] = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        intent = None
        for line in path.read_text().splitlines():
            if line.startswith("- intent:"):
                intent = line.split(":", 1)[1].strip()
            elif line.startswith("- "):
                intent = None
            elif intent and line.strip().startswith("- "):
                counts[intent] = counts.get(intent, 0) + 1
    assert len([i for i in counts if i.startswith("faq/")]) >= 12
    assert {i: n for i, n in counts.items() if n < 20} == {}


def test_places_in_off_topic_examples_are_also_company_locations():
    """A place named only in off-topic questions ("what language do they speak in Brazil?") teaches
    DIET that the place itself means off-topic, and "we're in Brazil" is then refused."""
    data = yaml.safe_load((ROOT / "data" / "nlu" / "off_topic.yml").read_text())
    off_topic = next(item["examples"] for item in data["nlu"] if item.get("intent") == "out_of_scope")
    places = [line.strip()[2:] for line in (ROOT / "data" / "nlu" / "lookups.yml").read_text().splitlines()
              if line.startswith("    - ")]
    named = {p for p in places if re.search(rf"\b{re.escape(p)}\b", off_topic)}
    located = {t for k, t in ANNOTATED if k == "location"}
    assert named and named <= located, named - located


def test_synonyms_leave_every_canonical_value_as_it_is():
    """Rasa's synonym mapper is one table for every entity: a phrase of one value that is another value's
    name ("cybersecurity", the function, listed under the security goal) would rename that value."""
    from rasa.nlu.extractors.entity_synonyms import EntitySynonymMapper
    from rasa.shared.nlu.training_data.loading import load_data

    mapper = EntitySynonymMapper.__new__(EntitySynonymMapper)
    mapper.synonyms = {}
    synonyms = load_data(str(ROOT / "data" / "nlu")).entity_synonyms
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        for phrase, value in synonyms.items():
            mapper._add_entities_if_synonyms(phrase, value)
    assert [str(w.message) for w in warned if "conflicting synonym" in str(w.message)] == []
    values = {value for kind in vocabulary().values() for value in kind}
    assert {v: mapper.synonyms[v] for v in values if mapper.synonyms.get(v, v) != v} == {}


def _normal(text: str) -> str:
    """A text as the overlap check compares it: lower case, words only."""
    return " ".join(re.sub(r"[^\w\s]", " ", str(text).lower()).split())


def training_texts() -> dict[str, str]:
    """Every example sentence the models learn from (the NLU examples without their annotations, the FAQ
    selector's own questions and the readers' answers; not the lookup tables of place names, nor the
    vocabulary's terms), normalised: where each comes from."""
    texts = {}
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) + list(QUESTIONS_FILES):
        if path.name in ("lookups.yml", "synonyms.yml"):  # place names; the vocabulary's terms
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("    - "):
                texts[_normal(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line[6:]))] = path.name
    for path in ANSWERS_FILES:
        texts.update({_normal(text): path.name for text, _ in answer_examples((path,))})
    for path in OPENERS_FILES:
        texts.update({_normal(text): path.name for text, _ in opener_examples((path,))})
    for lines in yaml.safe_load(UNSURE_FILE.read_text(encoding="utf-8")).values():
        texts.update({_normal(line): UNSURE_FILE.name for line in lines})
    texts.update({_normal(text): FOLLOWUPS_FILE.name for text, _ in followups()})
    return texts


def faq_set_texts() -> set[str]:
    """The questions of the blind FAQ set, normalised."""
    from rasa.shared.nlu.training_data.loading import load_data
    return {_normal(m.get("text")) for m in load_data(str(FAQ_SET)).intent_examples}


def blind_texts() -> set[str]:
    """The messages of the blind field set, the dev sets and the simulated owners, normalised."""
    field = [item for path in (FIELD_SET, *DEV_SETS.values())
             for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]]
    owners = load_owners()
    texts = {item["text"] for item in field}
    for owner in owners:
        texts |= {owner["opener"], owner.get("why") or ""} | {t for ts in owner["answers"].values() for t in ts}
        texts |= {(owner.get(part) or {}).get("text") or "" for part in ("correction", "what_if")}
    return {_normal(t) for t in texts if t}


def reported_texts() -> set[str]:
    """The messages whose reading the project reports: the field set's test two thirds and the simulated owners',
    normalised. (The dev sets and the field set's dev third are for tuning: their errors may teach.)"""
    texts = {item.text for item in load_items() if item.split == "test"} | faq_set_texts()
    for owner in load_owners():
        texts |= {owner["opener"], owner.get("why") or ""} | {t for ts in owner["answers"].values() for t in ts}
        texts |= {(owner.get(part) or {}).get("text") or "" for part in ("correction", "what_if")}
    return {_normal(t) for t in texts if t}


def near_copies(training: Iterable[str], reported: Iterable[str], at_least: float = 0.8,
                words: int = 6) -> list[tuple[float, str, str]]:
    """(similarity, reported message, training text) for each message of `words` words or more that a training
    text all but repeats: difflib's ratio over the texts without apostrophes ("dont" is "don't") at least
    `at_least`. Shorter messages share the language's common frames with any writer ("why do you think so"), and
    taking those out of training cost more understanding than it made the figures honest (docs/understanding.md).
    A text is compared when it shares at least half the message's rarer words, or, for a message made of common
    words only, when difflib's quick upper bound allows the ratio; that keeps it to seconds."""
    def bare(text: str) -> str:
        return re.sub(r"(\w) (t|s|ll|re|ve|d|m)\b", r"\1\2", text)
    training = sorted({bare(t) for t in training})
    by_word = defaultdict(set)
    for index, text in enumerate(training):
        for word in set(text.split()):
            by_word[word].add(index)
    found = []
    for message in sorted({bare(t) for t in reported}):
        if len(message.split()) < words:
            continue
        rare = {word for word in message.split() if len(by_word[word]) < 300}
        shared = Counter(i for word in rare for i in by_word[word])
        candidates = [i for i, count in shared.items() if 2 * count >= len(rare) - 1] if rare else [
            i for i in range(len(training)) if SequenceMatcher(None, message, training[i]).real_quick_ratio() >= at_least]
        ratios = [(SequenceMatcher(None, message, training[i]).ratio(), training[i]) for i in candidates]
        best = max(ratios, default=(0.0, ""))
        if best[0] >= at_least:
            found.append((round(best[0], 2), message, best[1]))
    return found


@pytest.mark.parametrize("training, reported, expected", [
    (["we got hit by ransomware last spring never again"], ["we got hit by ransomware last year never again"], 1),
    (["i dont want to manage anyone"], ["i don t want to manage anyone"], 1),
    (["we want someone local"], ["we got hit by ransomware last year never again"], 0),
    (["why do you think that"], ["why do you think so"], 0),  # five words: the language's common frames
])
def test_near_copies_are_found(training, reported, expected):
    assert len(near_copies(training, reported)) == expected


def test_no_training_text_all_but_repeats_a_reported_message():
    """A training text that differs from a message (six words or more) of the field set's test two thirds or of the
    simulated owners by a word or two ("we got hit by ransomware last spring, never again") flattens the figures as
    an exact copy does: both writers were given the same questions and article and sometimes wrote alike; such a
    text is rewritten or left out of training."""
    training = training_texts()
    buttons = {_normal(button["title"]) for variants in yaml.safe_load((ROOT / "domain.yml").read_text(
        encoding="utf-8"))["responses"].values() for variant in variants for button in variant.get("buttons") or []}
    assert near_copies(training, reported_texts() - buttons) == []


def test_no_training_text_is_a_blind_evaluation_message():
    """The field set and the owners measure how the bot reads people it never learned from: a training
    example equal to one of their messages of three words or more (case and punctuation aside) would
    make that measure flatter. Shorter ones ("not sure", "Leeds", "security") are the language's
    atoms, which any two writers share; the bot's own button titles ("IT support / helpdesk"), which an owner
    may type as they are, are no one's own words."""
    training = training_texts()
    buttons = {_normal(button["title"]) for variants in yaml.safe_load((ROOT / "domain.yml").read_text(
        encoding="utf-8"))["responses"].values() for variant in variants for button in variant.get("buttons") or []}
    overlap = {text: training[text] for text in blind_texts() - buttons if text in training and len(text.split()) >= 3}
    assert overlap == {}, overlap


def test_an_openers_file_may_leave_a_kind_out_of_its_readers_training():
    """understanding/owner_openers_4.yml labels no goals (its header says why): None, which train_readers leaves out,
    not an empty list, which would teach the goals reader that its messages state no goal."""
    from components.slot_readers import opener_examples

    fourth = [found for _, found in opener_examples((OPENERS_FILES[-1],))]
    assert OPENERS_FILES[-1].name == "owner_openers_4.yml" and len(fourth) == 90
    assert all(found["goals"] is None and isinstance(found["function"], list) for found in fourth)
    assert all(found["goals"] is not None for _, found in opener_examples(OPENERS_FILES[:-1]))
