"""NLU quality of our pipeline (config.yml) and of Rasa's default one (what `rasa init` ships) on the
same data: the held-out test set, and k-fold cross-validation of the training data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.rasa_cli import HELDOUT, RASA, ROOT, rasa_env

DATA = ROOT / "data" / "nlu"
DOMAIN = ROOT / "domain.yml"
RASA_INIT_CONFIG = "rasa/cli/initial_project/config.yml"


@dataclass
class Quality:
    """What `rasa test nlu` reports, boiled down."""

    intent_macro_f1: float
    intent_f1: dict[str, float]
    entity_micro_f1: float | None
    entity_f1: dict[str, float]
    response_accuracy: float | None
    faq_answered: float | None
    confusion_png: Path | None = None
    seconds: float = 0.0


def _json(path: Path) -> dict | list:
    return json.loads(path.read_text()) if path.exists() else {}


def faq_answered(folder: Path) -> float | None:
    """The share of FAQ questions the user gets the right answer to: classified into the retrieval intent
    (only then does the bot utter the selected answer) and given the right one. Rasa's selector accuracy
    also counts a right selection for a question the intent classifier sent elsewhere."""
    selected = _json(folder / "response_selection_successes.json") or []
    wrong = _json(folder / "response_selection_errors.json") or []
    if not selected and not wrong:
        return None
    retrieval_intents = {answer["intent_response_key_target"].split("/")[0] for answer in selected + wrong}
    misrouted = Counter(error["text"] for error in _json(folder / "intent_errors.json") or []
                        if error["intent"] in retrieval_intents)
    answered = 0
    for success in selected:
        if misrouted[success["text"]]:
            misrouted[success["text"]] -= 1
        else:
            answered += 1
    return answered / (len(selected) + len(wrong))


def read_reports(folder: Path) -> Quality:
    intents = _json(folder / "intent_report.json")
    entities = _json(folder / "DIETClassifier_report.json")
    responses = _json(folder / "response_selection_report.json")
    per_intent = {k: v["f1-score"] for k, v in intents.items() if isinstance(v, dict) and "avg" not in k}
    per_entity = {k: v["f1-score"] for k, v in entities.items()
                  if isinstance(v, dict) and "avg" not in k and k != "no_entity"}
    confusion = folder / "intent_confusion_matrix.png"
    return Quality(
        intent_macro_f1=intents["macro avg"]["f1-score"],
        intent_f1=per_intent,
        entity_micro_f1=entities["micro avg"]["f1-score"] if "micro avg" in entities else None,
        entity_f1=per_entity,
        response_accuracy=responses.get("accuracy", responses.get("micro avg", {}).get("f1-score")),
        faq_answered=faq_answered(folder),
        confusion_png=confusion if confusion.exists() else None,
    )


def default_config(folder: Path) -> Path:
    """The config.yml of `rasa init` (its empty pipeline means Rasa's default pipeline), copied."""
    import rasa

    target = folder / "default-config.yml"
    shutil.copy(Path(rasa.__file__).parent.parent / RASA_INIT_CONFIG, target)
    return target


def run_timed(*command: str, env: dict | None = None) -> float:
    """Run a command in the project folder (failing loudly, with the tail of its output); its wall time
    in seconds."""
    started = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, env={**rasa_env(), **(env or {})}, capture_output=True, text=True,
                         timeout=7200)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    return time.perf_counter() - started


def heldout(model: Path, out: Path) -> Quality:
    seconds = run_timed(RASA, "test", "nlu", "--nlu", str(HELDOUT), "--model", str(model), "--out", str(out),
                        "--successes")
    quality = read_reports(out)
    quality.seconds = seconds
    return quality


def train_nlu(config: Path, out: Path, name: str) -> Path:
    run_timed(RASA, "train", "nlu", "--config", str(config), "--nlu", str(DATA), "--domain", str(DOMAIN),
              "--out", str(out), "--fixed-model-name", name)
    return out / f"{name}.tar.gz"


def cross_validation(config: Path, folds: int, out: Path) -> Quality:
    """k-fold cross-validation, on the same folds for every pipeline and run (bench/same_folds.py)."""
    seconds = run_timed(sys.executable, "-m", "bench.same_folds", "test", "nlu", "--nlu", str(DATA),
                        "--config", str(config), "--domain", str(DOMAIN), "--cross-validation", "--folds", str(folds),
                        "--out", str(out), "--successes")
    quality = read_reports(out)
    quality.seconds = seconds
    return quality

