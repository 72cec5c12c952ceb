"""NLU quality on the held-out test set, which training never sees.

The issue's targets, asserted: intent macro-F1 >= 0.95 and entity F1 >= 0.90. The seeded model
measures intent macro-F1 0.972, CRF entity micro-F1 0.964 and FAQ selection macro-F1 0.952 on 276
held-out sentences (0.976 / 0.963 / 0.926 when first measured; the intents move a point or two with
any change to the training data; an FAQ question read as another intent gets no selection, as in the
bot); the FAQ floor (0.90) sits under that to catch regressions.
"""

from __future__ import annotations

import json
import re

import pytest

from bench.nlu import learned_extractor
from components.faq_selector import QUESTIONS_FILES
from components.intent_classifier import followups
from components.slot_readers import answer_examples, opener_examples, unanswering_replies
from tests.rasa_cli import HELDOUT, MODEL, ROOT, run_rasa

INTENT_FLOOR = 0.95
ENTITY_FLOOR = 0.90
FAQ_FLOOR = 0.90


def _sentences(path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    plain = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return {line.strip()[2:].strip().lower() for line in plain.splitlines() if line.strip().startswith("- ")
            and not line.strip().startswith("- intent")}


def test_heldout_sentences_are_not_in_the_training_data():
    generated = {"lookups.yml", "synonyms.yml"}  # place names and synonyms, not example sentences
    training = set().union(*(_sentences(p) for p in (ROOT / "data" / "nlu").glob("*.yml") if p.name not in generated),
                           *map(_sentences, QUESTIONS_FILES))  # the FAQ questions written blind
    # ... and the other blind texts the intent classifier learns
    training |= {text.strip().lower() for text, _ in (*answer_examples(), *opener_examples(), *followups())}
    training |= {text.strip().lower() for text in unanswering_replies()}
    assert not _sentences(HELDOUT) & training


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("nlu-results")
    run = run_rasa("test", "nlu", "--nlu", str(HELDOUT), "--model", str(MODEL), "--out", str(out))
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def test_intent_macro_f1(reports):
    report = json.loads((reports / "intent_report.json").read_text())
    f1 = report["macro avg"]["f1-score"]
    print(f"intent macro-F1 = {f1:.3f}")
    assert f1 >= INTENT_FLOOR, {k: v for k, v in report.items() if isinstance(v, dict) and v.get("f1-score", 1) < 1}


def test_response_selector_picks_the_right_faq(reports):
    report = json.loads((reports / "response_selection_report.json").read_text())
    f1 = report["macro avg"]["f1-score"]
    print(f"FAQ response selection macro-F1 = {f1:.3f}")
    assert f1 >= FAQ_FLOOR


def test_entity_f1(reports):
    extractor = learned_extractor(reports)
    report = json.loads((reports / f"{extractor}_report.json").read_text())
    f1 = report["micro avg"]["f1-score"]
    print(f"{extractor} entity micro-F1 = {f1:.3f}; per entity: "
          + ", ".join(f"{k}={v['f1-score']:.2f}" for k, v in report.items() if isinstance(v, dict) and "avg" not in k))
    assert f1 >= ENTITY_FLOOR, report
