"""The Rasa server loads the NLU models for prediction only (runtime/model_loading.py).

Each way of loading runs in its own process on the trained model: ours must parse every held-out
message exactly as Rasa's loading does (intent, confidence, entities, FAQ answer), build no
optimizer, and take less memory (with DIET the only TensorFlow model, measured 158 MB less; ≈ 600 MB
when Rasa's ResponseSelector was a second one; the floor below is 100 MB). Either way the process holds
one spaCy pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.rasa_cli import MODEL, ROOT, rasa_env

SAVED_AT_LEAST_MB = 100


def probe(way: str) -> dict:
    run = subprocess.run([sys.executable, "-m", "tests.model_probe", way, str(MODEL)], cwd=ROOT, env=rasa_env(),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def loaded() -> dict[str, dict]:
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(("rasa", "prediction"), pool.map(probe, ("rasa", "prediction"))))


def test_predictions_are_the_same_as_with_rasas_loading(loaded):
    ours, rasas = loaded["prediction"]["parses"], loaded["rasa"]["parses"]
    assert len(ours) > 250  # the whole held-out file, FAQ questions and entities included
    assert sum(1 for p in ours if p["faq"]) > 40 and sum(1 for p in ours if p["entities"]) > 80
    assert ours == rasas


def test_no_optimizer_is_built(loaded):
    # The TensorFlow model of DIETClassifier (the FAQ selector is a linear model without TensorFlow).
    assert {m["class"] for m in loaded["prediction"]["models"]} == {"DIET"}
    assert not any(m["optimizer"] for m in loaded["prediction"]["models"])
    assert all(m["optimizer"] for m in loaded["rasa"]["models"])  # the probe does see Rasa's training step


def test_one_spacy_pipeline_serves_both_spacy_nodes(loaded):
    # Rasa's SpacyNLP loaded en_core_web_md once for each of its two graph nodes (components/spacy_nlp.py).
    assert loaded["prediction"]["spacy_pipelines"] == loaded["rasa"]["spacy_pipelines"] == 1


def test_the_server_needs_far_less_memory(loaded):
    rasas, ours = loaded["rasa"]["rss_mb_loaded"], loaded["prediction"]["rss_mb_loaded"]
    print(f"RSS after loading: Rasa's way {rasas:.0f} MB, for prediction {ours:.0f} MB")
    assert rasas - ours >= SAVED_AT_LEAST_MB
