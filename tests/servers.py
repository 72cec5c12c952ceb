"""Start the real action server and `rasa run` on free loopback ports, and talk to them over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.rasa_cli import MODEL, RASA, ROOT, rasa_env

TOKEN = "test-token-not-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(method: str, url: str, body: dict | None = None, timeout: float = 60) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode(errors="replace")


def _wait(url: str, process: subprocess.Popen, log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if http("GET", url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {seconds}s:\n{log.read_text()[-4000:]}")


@dataclass
class Bot:
    url: str
    actions_url: str
    workdir: Path
    processes: list

    def say(self, sender: str, text: str) -> list[dict]:
        status, replies = http("POST", f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": text})
        assert status == 200, (status, replies)
        return replies

    def tracker(self, sender: str) -> dict:
        status, tracker = http("GET", f"{self.url}/conversations/{sender}/tracker?token={TOKEN}")
        assert status == 200, tracker
        return tracker

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def start_bot(workdir: Path, env: dict | None = None, credentials: Path = ROOT / "credentials.yml") -> Bot:
    """The action server and Rasa with the channels of `credentials` and the API, a SQLite tracker
    store in workdir; `env` adds environment variables (e.g. RASA_CORS_ORIGIN)."""
    action_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / 'rasa.db'}\n"
    )
    env = {**rasa_env(), **(env or {})}
    actions_log, rasa_log = workdir / "actions.log", workdir / "rasa.log"
    actions = subprocess.Popen(
        [RASA, "run", "actions", "--actions", "actions", "--port", str(action_port)],
        cwd=ROOT, env=env, stdout=actions_log.open("w"), stderr=subprocess.STDOUT)
    rasa = subprocess.Popen(
        [RASA, "run", "--model", str(MODEL), "--endpoints", str(endpoints), "--credentials",
         str(credentials), "--interface", "127.0.0.1", "--port", str(rasa_port),
         "--enable-api", "--auth-token", TOKEN, "--cors", env.get("RASA_CORS_ORIGIN", "http://127.0.0.1:8080")],
        cwd=ROOT, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT)
    bot = Bot(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", workdir, [actions, rasa])
    try:
        _wait(f"{bot.actions_url}/health", actions, actions_log)
        _wait(f"{bot.url}/status?token={TOKEN}", rasa, rasa_log)
    except Exception:
        bot.stop()
        raise
    return bot
