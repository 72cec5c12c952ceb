"""What the assistant costs to build: full training from a cold cache, a retrain with nothing
changed, and the model's size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.nlu import run_timed


@dataclass(frozen=True)
class Training:
    full_seconds: float
    noop_seconds: float
    model_mb: float


def training(folder: Path) -> Training:
    """Train twice into `folder` with a cache of its own: first cold (everything trained), then again
    with nothing changed (Rasa finds every component in its cache)."""
    env = {"RASA_CACHE_DIRECTORY": str(folder / "cache")}
    args = ("train", "--out", str(folder / "models"), "--fixed-model-name", "bench")
    full = run_timed(*args, env=env)
    noop = run_timed(*args, env=env)
    return Training(full, noop, (folder / "models" / "bench.tar.gz").stat().st_size / 1e6)
