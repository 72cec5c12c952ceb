"""Start the real action server and `rasa run` on free loopback ports, and talk to them over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from leads.store import LeadStore
from tests.rasa_cli import ACTION_SERVER, MODEL, RASA, RASA_SERVER, ROOT, rasa_env

TOKEN = "test-token-not-secret"
T = TypeVar("T")


def greets(text: str) -> bool:
    """Whether `text` is one of the domain's greetings (Rasa picks one of its variants at random): the words of a
    variant before its first placeholder open it."""
    variants = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]["utter_greet"]
    return any(text.startswith(variant["text"].split("{")[0]) for variant in variants)


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A port free now on 127.0.0.1 and never handed out before by this process: two servers started one after the
    other ask for theirs before either binds it, and the system once gave both the same (Rasa then could not bind)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def wait_until(check: Callable[[], T], what: str, seconds: float = 15) -> T:
    """Ask `check` every 0.2 s until it gives something true, and return that; fail after `seconds`.
    The HTTP channels answer before Rasa saves the tracker, so what a reply implies is stored soon after."""
    deadline = time.monotonic() + seconds
    while not (result := check()):
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.2)
    return result


def _decoded(raw: bytes) -> object:
    """A response body: JSON when it is JSON (None when empty), else its text (Rasa's "/" answers text)."""
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")


def http(method: str, url: str, body: dict | None = None, timeout: float = 60,
         headers: dict | None = None) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _decoded(response.read())
    except urllib.error.HTTPError as error:
        return error.code, _decoded(error.read())


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
    rest_token: str | None = None  # the bot's REST_TOKEN, sent as a bearer token when set

    def say(self, sender: str, text: str) -> list[dict]:
        headers = {"Authorization": f"Bearer {self.rest_token}"} if self.rest_token else None
        status, replies = http("POST", f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": text},
                               headers=headers)
        assert status == 200, (status, replies)
        return replies

    def chat(self, sender: str, *messages: str) -> list[str]:
        """Send the messages in turn; the bot's texts of the last one."""
        for text in messages:
            replies = self.say(sender, text)
        return [r.get("text", "") for r in replies]

    def leads(self) -> list[dict]:
        """The leads stored in the bot's SQLite database."""
        store = LeadStore(f"sqlite:///{self.workdir / 'rasa.db'}")
        try:
            return store.all()
        finally:
            store.dispose()

    def tracker(self, sender: str) -> dict:
        status, tracker = http("GET", f"{self.url}/conversations/{sender}/tracker?token={TOKEN}")
        assert status == 200, tracker
        return tracker

    def user_texts(self, sender: str) -> list[str]:
        """What the user said, as the tracker store has it."""
        return [e["text"] for e in self.tracker(sender)["events"] if e["event"] == "user"]

    def wait_for_slot(self, sender: str, slot: str, value) -> None:
        """Until the stored tracker has slot == value."""
        wait_until(lambda: self.tracker(sender)["slots"].get(slot) == value, f"{slot} = {value!r} stored")

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def wait(self, path: str) -> "Server":
        _wait(self.url + path, self.process, self.log)
        return self


def launch_actions(workdir: Path, env: dict, port: int | None = None, name: str = "actions") -> Server:
    """The action server (runtime/action_server.py) on `port` or a free one (not yet waited for; log:
    workdir/<name>.log); `env` carries its token, as rasa_env() does."""
    port, log = port or free_port(), workdir / f"{name}.log"
    process = subprocess.Popen([*ACTION_SERVER, "--port", str(port)],
                               cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return Server(f"http://127.0.0.1:{port}", process, log)


def launch_rasa(workdir: Path, endpoints: Path, env: dict, credentials: Path = ROOT / "credentials.yml",
                name: str = "rasa", model: Path = MODEL, stock: bool = False) -> Server:
    """`rasa run` (through runtime/, or the bare command if `stock`) with the API on a free port (not yet
    waited for; log: workdir/<name>.log)."""
    port, log = free_port(), workdir / f"{name}.log"
    command = [RASA] if stock else RASA_SERVER
    process = subprocess.Popen(
        [*command, "run", "--model", str(model), "--endpoints", str(endpoints), "--credentials",
         str(credentials), "--interface", "127.0.0.1", "--port", str(port),
         "--enable-api", "--auth-token", TOKEN, "--cors", env.get("RASA_CORS_ORIGIN", "http://127.0.0.1:8080")],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return Server(f"http://127.0.0.1:{port}", process, log)


RASA_READY = f"/status?token={TOKEN}"


def sqlite_endpoints(workdir: Path, actions_url: str) -> Path:
    """The repo's endpoints.yml with the given action server and its SQLite store in workdir."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    config["action_endpoint"]["url"] = f"{actions_url}/webhook"
    config["tracker_store"]["db"] = str(workdir / "rasa.db")
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(config))
    return endpoints


def start_bot(workdir: Path, env: dict | None = None, credentials: Path = ROOT / "credentials.yml") -> Bot:
    """The action server and Rasa with the channels of `credentials` and the API, a SQLite tracker
    store in workdir; `env` adds environment variables (e.g. RASA_CORS_ORIGIN)."""
    port = free_port()
    endpoints = sqlite_endpoints(workdir, f"http://127.0.0.1:{port}")
    env = {**rasa_env(), "RASA_ENDPOINTS": str(endpoints), **(env or {})}  # the action server's leads DB
    actions = launch_actions(workdir, env, port)
    rasa = launch_rasa(workdir, endpoints, env, credentials)
    bot = Bot(rasa.url, actions.url, workdir, [actions.process, rasa.process], env.get("REST_TOKEN"))
    try:
        actions.wait("/health")
        rasa.wait(RASA_READY)
    except Exception:
        bot.stop()
        raise
    return bot


def start_site(workdir: Path, socket_url: str, port: int | None = None) -> Server:
    """The demo provider page (web/server.py) on `port` or a free one, its widget talking to `socket_url`."""
    port, log = port or free_port(), workdir / "site.log"
    env = {**rasa_env(), "WEB_PORT": str(port), "RASA_SOCKET_URL": socket_url}
    process = subprocess.Popen([sys.executable, "-m", "web.server"], cwd=ROOT, env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    return Server(f"http://127.0.0.1:{port}", process, log).wait("/")
