"""Run the venv's `rasa` command (or Rasa through runtime/) from the tests, quietly, from the repo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "advisor.tar.gz"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"  # NLU test set, never trained on
FAQ_SET = ROOT / "tests" / "field" / "faq_set.yml"  # blind FAQ questions, never trained on
RASA = str(Path(sys.executable).with_name("rasa"))
RASA_SERVER = [sys.executable, "-m", "runtime"]  # Rasa's command line with our action calls (runtime/)
ACTION_SERVER = [sys.executable, "-m", "runtime.action_server"]
ACTION_TOKEN = "test-action-token-not-secret"  # what the endpoints files' ${ACTION_SERVER_TOKEN} reads


def rasa_env() -> dict:
    return {**os.environ, "ACTION_SERVER_TOKEN": ACTION_TOKEN, "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONPATH": str(ROOT)}


def run_rasa(*args: str, timeout: int = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([RASA, *args], cwd=ROOT, env={**rasa_env(), **(env or {})}, capture_output=True,
                          text=True, timeout=timeout)
