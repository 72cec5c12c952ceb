"""`make serve` (scripts/serve.sh) as a user runs it: Rasa's HTTP API stays off unless
RASA_ENABLE_API=true, and then every API call needs the token from RASA_AUTH_TOKEN; the action server
listens on loopback and answers only Rasa, with a token made for the run when none is set."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from runtime.blas_threads import LIMITED
from runtime.frozen_heap import FROZEN
from tests.hostile import PROFILE
from tests.rasa_cli import ROOT, rasa_env
from tests.servers import free_port, http, listening_addresses, sqlite_endpoints

SECRET = "serve-test-token-not-secret"
READY = "Rasa server is up and running"  # logged once the model is loaded; "/" answers before that


def status_of(method: str, url: str) -> int:
    return http(method, url, {"text": "hi"} if method == "POST" else None, timeout=30)[0]


@pytest.fixture()
def serve(tmp_path):
    """Start scripts/serve.sh with extra environment; stopped (whole process group) afterwards."""
    started = []

    def start(**env) -> str:
        port, actions = free_port(), free_port()
        endpoints = sqlite_endpoints(tmp_path, f"http://127.0.0.1:{actions}")
        full = {**rasa_env(), "RASA_PORT": str(port), "ACTIONS_PORT": str(actions), "RASA_ENDPOINTS": str(endpoints),
                **env}
        for name in ("RASA_ENABLE_API", "RASA_AUTH_TOKEN", "ACTION_SERVER_TOKEN", "SANIC_HOST"):
            if name not in env:
                full.pop(name, None)
        log = tmp_path / "serve.log"
        process = subprocess.Popen(["scripts/serve.sh"], cwd=ROOT, env=full, stdout=log.open("w"),
                                   stderr=subprocess.STDOUT, start_new_session=True)
        started.append(process)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            if READY in log.read_text():
                start.actions_url = f"http://127.0.0.1:{actions}"
                return f"http://127.0.0.1:{port}"
            time.sleep(0.5)
        raise AssertionError(log.read_text()[-3000:])

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)


def test_the_api_is_off_by_default_and_the_channels_work(serve):
    url = serve()
    for method, path in (("GET", "/status"), ("GET", "/conversations/someone/tracker"), ("POST", "/model/parse"),
                         ("GET", f"/status?token={SECRET}")):
        assert status_of(method, url + path) == 404, path
    status, replies = http("POST", url + "/webhooks/rest/webhook", {"sender": "visitor", "message": "hello"})
    assert status == 200 and "Your IT Partner" in replies[0]["text"]


def test_both_servers_keep_what_they_loaded_out_of_full_collections(serve, tmp_path):
    serve()
    logs = (tmp_path / "serve.log", ROOT / ".rasa" / "actions.log")  # Rasa's, and scripts/with_actions.sh's
    deadline, lines = time.monotonic() + 60, [[], []]
    while not all(lines) and time.monotonic() < deadline:  # Rasa freezes once the server has started
        lines = [[line for line in log.read_text().splitlines() if FROZEN in line] for log in logs]
        time.sleep(0.5)
    counts = [int(line.split(FROZEN)[0].split()[-1]) for found in lines for line in found]
    assert all(lines) and min(counts) > 100_000, lines  # a line from each server (each worker, with several)


def test_the_rasa_server_multiplies_on_one_blas_thread(serve, tmp_path):
    url = serve()
    deadline, lines = time.monotonic() + 60, []
    while not lines and time.monotonic() < deadline:  # limited once the server has started, as the heap is frozen
        lines = [line for line in (tmp_path / "serve.log").read_text().splitlines() if LIMITED in line]
        time.sleep(0.5)
    assert lines, "no BLAS limit logged"
    counts = [int(count) for line in lines for count in line.split(LIMITED)[1].strip(": []\n").split(",")]
    assert counts and set(counts) == {1}, lines  # numpy's OpenBLAS started one a core
    status, replies = http("POST", url + "/webhooks/rest/webhook", {"sender": "visitor", "message": PROFILE})
    assert status == 200 and replies[-1]["text"].startswith("Which work would you")  # the readers still read


def test_the_action_server_answers_rasa_only_with_a_token_made_for_the_run(serve):
    url = serve()  # no ACTION_SERVER_TOKEN set: scripts/with_actions.sh makes one for both servers
    status, replies = http("POST", url + "/webhooks/rest/webhook", {"sender": "visitor", "message": PROFILE})
    assert status == 200 and replies[-1]["text"].startswith("Which work would you")  # the form's action ran
    port = int(serve.actions_url.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only
    assert status_of("GET", serve.actions_url + "/actions") == 401
    assert status_of("GET", serve.actions_url + "/health") == 200


def test_an_enabled_api_needs_the_token(serve):
    url = serve(RASA_ENABLE_API="true", RASA_AUTH_TOKEN=SECRET)
    assert status_of("GET", url + "/status") == 401
    assert status_of("GET", url + "/status?token=wrong") == 401
    assert status_of("POST", url + "/model/parse?token=wrong") == 401
    assert status_of("GET", url + "/conversations/someone/tracker?token=wrong") == 401
    assert status_of("GET", url + f"/status?token={SECRET}") == 200


def test_enabling_the_api_without_a_token_is_refused():
    env = {**rasa_env(), "RASA_ENABLE_API": "true"}
    env.pop("RASA_AUTH_TOKEN", None)
    run = subprocess.run(["scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and "RASA_AUTH_TOKEN" in run.stderr
