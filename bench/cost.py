"""What the assistant costs to build: full training from a cold cache, Rasa's retrain with every
component cached, the project's retrain when nothing changed, and the model's size; and, for scale, the
stock `rasa init` assistant's cold training on the same machine in the same run (a shared machine's speed
varies from day to day by more than a change of ours moves the training time)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bench.nlu import run_timed
from tests.rasa_cli import RASA, ROOT


@dataclass(frozen=True)
class Training:
    full_seconds: float  # `rasa train` from a cold cache
    cached_seconds: float  # `rasa train` again: every component from Rasa's cache, the model packed again
    noop_seconds: float  # `make train` after its inputs were touched but not changed (scripts/train.sh)
    model_mb: float
    stock_seconds: float | None = None  # `rasa train` of the stock `rasa init` project from a cold cache


def training(folder: Path, stock_project: Path | None = None) -> Training:
    """Train twice into `folder` with a cache of its own, first cold, then with nothing changed; then
    time the project's own retrain of an unchanged project (a checkout touches files, changes nothing),
    and the stock project's cold training when its folder is given."""
    stock = None
    if stock_project:
        stock = run_timed(RASA, "train", "--out", str(folder / "stock-models"), cwd=stock_project,
                          env={"RASA_CACHE_DIRECTORY": str(folder / "stock-cache")})
    env = {"RASA_CACHE_DIRECTORY": str(folder / "cache")}
    args = (RASA, "train", "--out", str(folder / "models"), "--fixed-model-name", "bench")
    full = run_timed(*args, env=env)
    cached = run_timed(*args, env=env)
    run_timed("make", "-s", "train")  # the repo's model is current after this (trains only if it was not)
    os.utime(ROOT / "config.yml")
    os.utime(ROOT / "domain.yml")
    noop = run_timed("make", "-s", "train")
    return Training(full, cached, noop, (folder / "models" / "bench.tar.gz").stat().st_size / 1e6, stock)
