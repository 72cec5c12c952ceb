"""A loopback HTTP server that records every POST it gets: stands in for Slack's Web API and for a
Slack incoming webhook, so the tests see exactly what the bot sent out."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from tests.servers import free_port


class RecordingServer:
    """POSTs to 127.0.0.1, each kept as a dict: the JSON or form body, plus `_method` (the last part
    of the path) and `_auth` (the Authorization header). `answer(call)` gives the reply: bytes are sent
    as text, anything else as JSON."""

    def __init__(self, path: str, answer: Callable[[dict], object]) -> None:
        self.posts: list[dict] = []
        self.lock = threading.Condition()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    call = json.loads(body)
                else:
                    call = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
                call["_method"] = self.path.rsplit("/", 1)[-1]
                call["_auth"] = self.headers.get("Authorization")
                with recorder.lock:
                    recorder.posts.append(call)
                    recorder.lock.notify_all()
                reply = answer(call)
                kind = "text/plain" if isinstance(reply, bytes) else "application/json"
                reply = reply if isinstance(reply, bytes) else json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}{path}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, seen: Callable[[dict], bool], since: int = 0, seconds: float = 30) -> dict:
        """The first post after index `since` that `seen` accepts."""
        deadline = time.monotonic() + seconds
        with self.lock:
            while True:
                for post in self.posts[since:]:
                    if seen(post):
                        return post
                if not self.lock.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"no such post within {seconds} s: {self.posts[since:]}")

    def count(self) -> int:
        with self.lock:
            return len(self.posts)

    def stop(self) -> None:
        self.server.shutdown()
