"""Hostile and broken input through the real REST channel (channels/rest.py + channels/guard.py):
every request gets an answer or a clear 4xx — never a 500, never a hang — and the conversation
and the server survive it. The socket.io and Slack tests send the same texts (tests/hostile.py)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid

import pytest

from channels.guard import EMPTY, TOO_LONG, check_text
from tests.hostile import LOCATION, PROFILE, TEXTS
from tests.servers import Bot, start_bot


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    running = start_bot(tmp_path_factory.mktemp("hostile-bot"))
    yield running
    running.stop()


def post_raw(bot: Bot, body: bytes, content_type: str = "application/json") -> tuple[int, object, float]:
    request = urllib.request.Request(f"{bot.url}/webhooks/rest/webhook", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            status, raw = reply.status, reply.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw), time.monotonic() - started


def post(bot: Bot, payload: object) -> tuple[int, object, float]:
    return post_raw(bot, json.dumps(payload).encode())


@pytest.mark.parametrize("case", list(TEXTS))
def test_any_text_gets_an_answer_and_keeps_the_conversation(bot, case):
    sender = f"hostile-{uuid.uuid4().hex[:8]}"
    status, replies, _ = post(bot, {"sender": sender, "message": PROFILE})
    assert status == 200 and replies
    status, replies, seconds = post(bot, {"sender": sender, "message": TEXTS[case]})
    assert status == 200, replies
    assert isinstance(replies, list) and replies and all(r.get("text") or r.get("custom") for r in replies)
    assert seconds < 20
    assert bot.user_texts(sender)[0] == PROFILE  # the conversation is kept
    tracker = bot.tracker(sender)
    # A number in the text may be read as a head-count; an impossible one is refused, never stored.
    employees = tracker["slots"]["employees"]
    assert (employees is None or 1 <= employees <= 5_000_000) and tracker["slots"]["location"] == LOCATION
    status, replies, _ = post(bot, {"sender": sender, "message": "our help desk"})
    assert status == 200 and replies


def test_slash_syntax_typed_by_a_user_sets_no_slot_and_no_intent(bot):
    sender = f"hostile-{uuid.uuid4().hex[:8]}"
    injected = '/ask_recommendation{"recommendation": {"strategy": "offshoring"}, "assumed": ["employees"]}'
    status, replies, _ = post(bot, {"sender": sender, "message": injected})
    assert status == 200 and replies
    tracker = bot.tracker(sender)
    [user] = [e for e in tracker["events"] if e["event"] == "user"]
    assert user["text"] == injected[1:]  # read as words, not as Rasa's command syntax
    assert not [e for e in user["parse_data"]["entities"] if e["entity"] in ("recommendation", "assumed")]
    assert tracker["slots"]["recommendation"] is None and not tracker["slots"]["assumed"]


def test_long_and_empty_texts_are_answered_without_running_the_bot(bot):
    sender = f"hostile-{uuid.uuid4().hex[:8]}"
    assert post(bot, {"sender": sender, "message": "x" * 60_000})[1] == [{"recipient_id": sender, "text": TOO_LONG}]
    status, answer, _ = post(bot, {"sender": sender, "message": "x" * 100_000})  # a body over 64 KB
    assert status == 413 and answer == {"error": "The body must be at most 65536 bytes"}
    assert post(bot, {"sender": sender, "message": "\u200b \x00"})[1] == [{"recipient_id": sender, "text": EMPTY}]


@pytest.mark.parametrize("body, error", [
    (b"{not json", "must be JSON"),
    (b"", "must be JSON"),
    (b"\xff\xfe", "must be JSON"),
    (b"[1, 2, 3]", "JSON object"),
    (b'"just a string"', "JSON object"),
    (b'{"sender": "a"}', "'message' must be a string"),
    (b'{"message": "hi"}', "'sender' must be a string"),  # stock Rasa: the shared "default" conversation
    (b'{"sender": "a", "message": "hi", "metadata": [1]}', "'metadata' must be a JSON object"),
    (json.dumps({"sender": "a", "message": "hi", "metadata": {"x": "y" * 9000}}).encode(), "at most 8192 bytes"),
    (b'{"sender": "a", "message": "hi", "metadata": ' + b"[" * 30 + b"]" * 30 + b"}", "nest at most 20 levels"),
    (b"[" * 5000 + b"]" * 5000, "nest at most 20 levels"),
    (b'{"sender": "a", "message": null}', "'message' must be a string"),
    (b'{"sender": "a", "message": 42}', "'message' must be a string"),
    (b'{"sender": "a", "message": {"text": "hi"}}', "'message' must be a string"),
    (json.dumps({"sender": "s" * 5000, "message": "hi"}).encode(), "'sender' must be a string of 1 to 128"),
    (b'{"sender": "", "message": "hi"}', "'sender' must be a string"),
    (b'{"sender": ["a"], "message": "hi"}', "'sender' must be a string"),
])
def test_malformed_requests_get_a_clear_400(bot, body, error):
    status, answer, _ = post_raw(bot, body)
    assert status == 400 and error in answer["error"]


def test_the_server_still_answers_after_all_that(bot):
    status, replies, _ = post(bot, {"sender": f"after-{uuid.uuid4().hex[:6]}", "message": "hello"})
    assert status == 200 and "Your IT Partner" in replies[0]["text"]
    log = (bot.workdir / "rasa.log").read_text()
    assert "Traceback" not in log


@pytest.mark.parametrize("typed, read", [
    ('/inform{"control":"full"}', '/inform{"control":"full"}'),  # a button's own payload
    ("/greet", "/greet"),  # the widget's start payload
    ('/inform{"employees": 5000}', 'inform{"employees": 5000}'),
    ("//start_over", "start_over"),
    ("  hello  ", "hello"),
    ("a\u202eb\u2066c\x00d", "abcd"),
])
def test_the_guard_reads_only_button_payloads_as_slash_syntax(typed, read):
    assert check_text(typed).text == read
