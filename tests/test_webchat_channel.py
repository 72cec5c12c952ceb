"""The socket.io channel (channels/webchat.py) at the protocol level, with python-socketio's client
against the real `rasa run`: persistent sessions, custom payloads, origin checks, bad data."""

from __future__ import annotations

import asyncio
import time
import urllib.request

import pytest

from channels.webchat import SESSION_ID, SessionIds, allowed_origins
from tests.hostile import LOCATION, PROFILE, TEXTS
from tests.servers import Bot, start_bot
from tests.widget_client import REPLY_TIMEOUT, SITE, Widget, texts


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    running = start_bot(tmp_path_factory.mktemp("socket-bot"), env={"RASA_CORS_ORIGIN": SITE})
    yield running
    running.stop()


@pytest.mark.asyncio
async def test_a_new_socket_with_the_same_session_continues_the_conversation(bot: Bot):
    first = Widget(bot.url)
    session = await first.open()
    assert "Your IT Partner" in texts(await first.say("/greet"))
    assert "What do you most want" in texts(await first.say("We have 40 employees in Denver"))
    await first.close()

    second = Widget(bot.url)  # a page reload: new socket, the session id the widget stored
    assert await second.open(session) == session
    assert "Which work would you" in texts(await second.say("we need expert help"))
    await second.close()
    assert bot.user_texts(session) == ["/greet", "We have 40 employees in Denver", "we need expert help"]


@pytest.mark.asyncio
async def test_the_recommendation_arrives_as_text_and_as_a_payload(bot: Bot):
    widget = Widget(bot.url)
    await widget.open()
    replies = await widget.say("We're a 12-person dental practice in Worcester, MA, worried about ransomware")
    replies += await widget.say("our help desk")
    await widget.close()
    assert "My recommendation: Outsourcing" in texts(replies)
    payloads = [r["recommendation"] for r in replies if "recommendation" in r]
    assert payloads and payloads[0]["strategy"] == "outsourcing"
    assert payloads[0]["profile"]["employees"] == 12


@pytest.mark.asyncio
async def test_buttons_arrive_as_quick_replies(bot: Bot):
    widget = Widget(bot.url)
    await widget.open()
    replies = await widget.say("We're 300 people in Boston and want skilled developers in Poland for software development")
    await widget.close()
    asks = [r for r in replies if "quick_replies" in r]
    # one goal told by a firm that could offshore: "anything else?", its buttons as quick replies
    assert asks and asks[-1]["text"].startswith("Is there anything else you hope to gain")
    assert {"content_type": "text", "title": "That's the main aim", "payload": "/deny"} in asks[-1]["quick_replies"]
    assert {"content_type": "text", "title": "Cut costs", "payload": '/inform{"goal":"cost_reduction"}'} \
        in asks[-1]["quick_replies"]


@pytest.mark.asyncio
async def test_malformed_messages_are_ignored_and_the_server_keeps_answering(bot: Bot):
    widget = Widget(bot.url)
    session = await widget.open()
    for bad in (None, "just a string", {"message": 5}, {"message": "hi"}):  # last: no session_id
        await widget.client.emit("user_uttered", bad)
    assert await widget.silent_for(3)
    assert texts(await widget.say(" \u202e\x00 ")).startswith("I didn't get any text")  # answered, not run
    assert "Your IT Partner" in texts(await widget.say("hello"))
    await widget.close()
    assert bot.user_texts(session) == ["hello"]
    log = (bot.workdir / "rasa.log").read_text()
    assert "Traceback" not in log and "Exception" not in log


@pytest.mark.asyncio
async def test_a_session_id_that_is_not_an_id_is_replaced(bot: Bot):
    widget = Widget(bot.url)
    session = await widget.open("../../etc/passwd")
    await widget.close()
    assert session != "../../etc/passwd" and SESSION_ID.fullmatch(session)


def test_session_ids_are_signed_by_the_secret():
    ids, other = SessionIds("secret-one-" * 3), SessionIds("secret-two-" * 3)
    session = ids.new()
    key, signature = session.split("-")
    assert ids.issued(session) and not other.issued(session)
    assert session != ids.new()
    assert not ids.issued(f"{key}-{'0' * 32}")  # the key with a signature of the visitor's making
    assert not ids.issued(f"{'a' * 32}-{signature}")  # another key under this signature
    for bad in (None, 42, "", key, session.upper(), session + "0", "../../etc/passwd"):
        assert not ids.issued(bad)


@pytest.mark.asyncio
async def test_sockets_from_other_sites_are_refused(bot: Bot):
    stranger = Widget(bot.url, origin="http://evil.example")
    refused: asyncio.Queue = asyncio.Queue()
    stranger.client.on("connect_error", refused.put_nowait)
    await stranger.client.connect(bot.url, headers={"Origin": stranger.origin}, transports=["polling"], wait=False)
    await asyncio.wait_for(refused.get(), REPLY_TIMEOUT)  # the server said no to the socket.io connection
    assert not stranger.client.connected
    await stranger.close()


def test_http_cors_is_limited_to_the_site(bot: Bot):
    def allow_origin(origin: str) -> str | None:
        request = urllib.request.Request(f"{bot.url}/", headers={"Origin": origin})
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.headers.get("Access-Control-Allow-Origin")

    assert allow_origin(SITE) == SITE
    assert allow_origin("http://evil.example") is None


@pytest.mark.parametrize("raw, expected", [
    ("http://127.0.0.1:8080", {"http://127.0.0.1:8080"}),
    ("https://www.example.com/ http://localhost:8080", {"https://www.example.com", "http://localhost:8080"}),
    ("", set()),
])
def test_allowed_origins_are_read_from_the_setting(raw, expected):
    assert allowed_origins(raw) == expected


@pytest.mark.asyncio
@pytest.mark.parametrize("case", list(TEXTS))
async def test_hostile_texts_get_an_answer_and_keep_the_conversation(bot: Bot, case):
    widget = Widget(bot.url)
    session = await widget.open()
    try:
        await widget.say(PROFILE)
        started = time.monotonic()
        replies = await widget.say(TEXTS[case], quiet_for=1.0)
        assert replies and all(r.get("text") or r.get("quick_replies") for r in replies), replies
        assert time.monotonic() - started < 20
        assert await widget.say("our help desk", quiet_for=1.0)  # still answering
    finally:
        await widget.close()
    assert bot.user_texts(session)[0] == PROFILE
    assert bot.tracker(session)["slots"]["location"] == LOCATION
