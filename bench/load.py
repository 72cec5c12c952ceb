"""Scripted conversations driven through a bot's REST channel: one after another, or many at once.

Each conversation has its own sender id and sends its messages one at a time (a person waits for
the answer); concurrency means several such conversations at once. Every request is bounded by a
timeout; a failed request is an error of the run, never retried.
"""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from bench.stats import Run

# The realistic 8-turn conversation: greeting, rich description, a question answered (which
# completes the profile), the recommendation asked for, why, a what-if, thanks, goodbye.
OURS = [
    "hello",
    "We're a 40-person accounting firm in Denver and we worry about ransomware",
    "our help desk",
    "so what do you recommend?",
    "why?",
    "what if we had 2,000 employees?",
    "thanks, that helps",
    "bye",
]
# A comparable 8 turns for the stock `rasa init` assistant (its intents: greet, moods, affirm/deny,
# bot challenge, goodbye).
BASELINE = [
    "hello",
    "I am feeling sad today",
    "yes, that helped",
    "are you a bot?",
    "hi again",
    "I'm great now",
    "am I talking to a human?",
    "bye",
]
TIMEOUT = 60


class RequestFailed(RuntimeError):
    pass


def send(url: str, sender: str, text: str) -> float:
    """POST one message; its latency in seconds (the bot's whole answer received)."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
        answer = json.loads(reply.read() or b"[]")
        if reply.status != 200 or not answer:
            raise RequestFailed(f"{reply.status}: {answer!r} for {text!r}")
    return time.perf_counter() - started


def converse(url: str, script: list[str]) -> list[float]:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    return [send(url, sender, text) for text in script]


def sequential(url: str, script: list[str], messages: int) -> Run:
    """Whole conversations one after another until at least `messages` messages were sent."""
    latencies: list[float] = []
    started = time.perf_counter()
    while len(latencies) < messages:
        latencies += converse(url, script)
    return Run(tuple(latencies), time.perf_counter() - started)


def concurrent(url: str, script: list[str], conversations: int) -> Run:
    """`conversations` conversations at the same time, each at a person's pace (one message at a time)."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=conversations) as pool:
        results = list(pool.map(lambda _: converse(url, script), range(conversations)))
    return Run(tuple(latency for result in results for latency in result), time.perf_counter() - started)


def warm_up(url: str, script: list[str], conversations: int = 4, seconds: float = 300) -> None:
    """Load what each bot loads lazily (models, place tables) before anything is timed. With several
    Sanic workers `/status` answers as soon as one of them has its model, so failures are retried
    until `conversations` whole conversations in a row succeed."""
    deadline, in_a_row = time.monotonic() + seconds, 0
    while in_a_row < conversations:
        try:
            converse(url, script)
            in_a_row += 1
        except (OSError, RequestFailed):
            if time.monotonic() > deadline:
                raise
            in_a_row = 0
            time.sleep(1)
