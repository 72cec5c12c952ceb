"""NLU quality of our pipeline (config.yml) and of Rasa's default one (what `rasa init` ships) on the
same data: the held-out test set, and k-fold cross-validation of the training data."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
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
    confusion_png: Path | None = None
    seconds: float = 0.0


def _json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


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
    seconds = run_timed(RASA, "test", "nlu", "--nlu", str(HELDOUT), "--model", str(model), "--out", str(out))
    quality = read_reports(out)
    quality.seconds = seconds
    return quality


def train_nlu(config: Path, out: Path, name: str) -> Path:
    run_timed(RASA, "train", "nlu", "--config", str(config), "--nlu", str(DATA), "--domain", str(DOMAIN),
              "--out", str(out), "--fixed-model-name", name)
    return out / f"{name}.tar.gz"


def cross_validation(config: Path, folds: int, out: Path) -> Quality:
    seconds = run_timed(RASA, "test", "nlu", "--nlu", str(DATA), "--config", str(config), "--domain", str(DOMAIN),
                        "--cross-validation", "--folds", str(folds), "--out", str(out))
    quality = read_reports(out)
    quality.seconds = seconds
    return quality

