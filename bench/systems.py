"""The systems under test, started and stopped by the bench: our assistant (action server + Rasa)
and the stock `rasa init` assistant, each with SQLite or with PostgreSQL + Redis (optionally with
several Sanic workers), on free loopback ports. Also what they cost: memory and start-up time."""

from __future__ import annotations

import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tests.rasa_cli import MODEL, RASA, ROOT, rasa_env
from tests.servers import RASA_READY, free_port, launch_actions, launch_rasa, sqlite_endpoints


@dataclass(frozen=True)
class Config:
    name: str
    stores: str  # "sqlite" or "scaled" (PostgreSQL + Redis)
    workers: int = 1


@dataclass
class Running:
    url: str
    rasa_pid: int
    actions_pid: int | None
    startup_seconds: float


def process_rss_mb(pid: int) -> list[float]:
    """Resident memory of a process and of each of its descendants (Sanic's workers), in MB, one figure each."""
    figures, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        figures.append(next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024)
        pending += [int(child) for child in children]
    return figures


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants together, in MB."""
    return sum(process_rss_mb(pid))


def baseline_project(folder: Path) -> Path:
    """`rasa init` into `folder` (created and trained by the same Rasa); the trained model's path."""
    if not list((folder / "models").glob("*.tar.gz")):
        folder.mkdir(parents=True, exist_ok=True)  # rasa init wants an existing, empty folder
        run = subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder.parent,
                             env=rasa_env(), capture_output=True, text=True, timeout=1800)
        if run.returncode != 0:
            raise RuntimeError(f"rasa init failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return sorted((folder / "models").glob("*.tar.gz"))[-1]


@contextmanager
def serve(config: Config, workdir: Path, services_env: dict, baseline: Path | None = None,
          model: Path = MODEL) -> Iterator[Running]:
    """Start one configuration (our bot with `model`, or the baseline model when given) and stop it
    afterwards. The baseline runs under the bare `rasa` command, as its users would start it; ours
    through runtime/."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**rasa_env(), **services_env, "SANIC_WORKERS": str(config.workers)}
    processes = []
    try:
        actions_port = free_port()
        actions_url = f"http://127.0.0.1:{actions_port}"
        if config.stores == "sqlite":
            endpoints = sqlite_endpoints(workdir, actions_url)
        else:
            endpoints = ROOT / "endpoints.scaled.yml"
            env["ACTION_SERVER_URL"] = f"{actions_url}/webhook"
        env["RASA_ENDPOINTS"] = str(endpoints)
        actions = None
        if baseline is None:
            actions = launch_actions(workdir, env, actions_port)
            processes.append(actions.process)
            actions.wait("/health")
        started = time.perf_counter()
        if baseline is None:
            rasa = launch_rasa(workdir, endpoints, env, model=model)
        else:
            rasa = launch_rasa(workdir, endpoints, env, credentials=baseline.parent.parent / "credentials.yml",
                               model=baseline, stock=True)
        processes.append(rasa.process)
        rasa.wait(RASA_READY)
        yield Running(rasa.url, rasa.process.pid, actions.process.pid if actions else None,
                      time.perf_counter() - started)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
