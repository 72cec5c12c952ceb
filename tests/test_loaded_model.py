"""What the trained model holds once loaded as the Rasa server loads it: one spaCy pipeline for both of SpacyNLP's
graph nodes (components/spacy_nlp.py; Rasa 3.6.21 loaded en_core_web_md once for each, 240 MB more), and no
TensorFlow model: the intents are a linear model (components/intent_classifier.py), as are the FAQ selector and the
slot readers. DIET, the last TensorFlow model, cost 158 MB of the server's memory loaded for prediction only, and
more the way Rasa loads it (an optimizer and a training step per model)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.rasa_cli import MODEL, ROOT, rasa_env


@pytest.fixture(scope="module")
def loaded() -> dict:
    run = subprocess.run([sys.executable, "-m", "tests.model_probe", str(MODEL)], cwd=ROOT, env=rasa_env(),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_the_loaded_model_parses_every_kind_of_message(loaded):
    assert {"inform", "faq", "what_if", "correct", "greet", "dont_know"} <= set(loaded["intents"])
    assert loaded["faqs"] > 40  # FAQ questions get their answer
    assert loaded["with_entities"] > 80  # and facts their entities


def test_no_tensorflow_model_is_loaded(loaded):
    assert loaded["tensorflow_models"] == []


def test_one_spacy_pipeline_serves_both_spacy_nodes(loaded):
    assert loaded["spacy_pipelines"] == 1
    print(f"RSS after loading: {loaded['rss_mb_loaded']:.0f} MB")
