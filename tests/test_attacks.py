"""The attack suite: every door found open when the project was probed as an attacker on the same
network would (issue 19), replayed against the real servers, with the answer that now shuts it.

One bot for the whole module, started as `make web` starts it plus every option a deployer would set:
the action server (runtime/action_server.py), `rasa run` with REST (REST_TOKEN set), socket.io
(signed sessions) and Slack (signed requests to a fake Slack API), and the demo page server.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from channels.webchat import SESSION_ID
from leads.store import Lead, LeadStore
from tests.hostile import PROFILE
from tests.rasa_cli import ACTION_SERVER, ACTION_TOKEN, ROOT, rasa_env
from tests.servers import (Bot, Server, free_port, greets, listening_addresses, start_bot, start_site,
                           wait_until)
from tests.slack_fake import ENV as SLACK_ENV
from tests.slack_fake import button_click, new_user, post as slack_post, say as slack_say
from tests.slack_fake import signed_headers
from tests.widget_client import SITE, Widget, texts

REST_TOKEN = "rest-token-of-the-tests-not-secret"
EVIL = "http://evil.example"
FORMULA_EMAIL = "-1+cmd|'/Ccalc'!A0@example.com"  # a valid address, and a formula in a spreadsheet
DEEP = "[" * 1000 + "]" * 1000


@pytest.fixture(scope="module")
def bot(tmp_path_factory, slack_api) -> Bot:
    workdir = tmp_path_factory.mktemp("attacked-bot")
    env = {**SLACK_ENV, "REST_TOKEN": REST_TOKEN, "RASA_CORS_ORIGIN": SITE,
           "WEBCHAT_SESSION_SECRET": "webchat-secret-of-the-tests-not-secret"}
    running = start_bot(workdir, env=env, credentials=slack_api.credentials(workdir))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory, bot) -> Server:
    page = start_site(tmp_path_factory.mktemp("attacked-site"), bot.url)
    yield page
    page.process.terminate()
    page.process.wait(timeout=10)


def request(url: str, body: bytes | None = None, headers: dict | None = None,
            method: str | None = None) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one HTTP request, errors included."""
    call = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(call, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def rest(bot: Bot, body: bytes, token: str | None = REST_TOKEN) -> tuple[int, object]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    status, _, raw = request(f"{bot.url}/webhooks/rest/webhook", body, headers)
    return status, json.loads(raw)


def log_of(bot: Bot, name: str = "rasa") -> str:
    return (bot.workdir / f"{name}.log").read_text()


# 1. High: the action server was open to the network without authentication ---------------------------

def forged_call(action: str, sender: str, slots: dict | None = None) -> bytes:
    """A made-up action call as an attacker would send it: a tracker with no conversation behind it."""
    tracker = {"sender_id": sender, "slots": slots or {}, "latest_message": {"intent": {"name": "affirm"}},
               "events": [], "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "action_listen"}
    return json.dumps({"next_action": action, "sender_id": sender, "tracker": tracker,
                       "domain": {}, "version": "3.6.21"}).encode()


FORGED_LEAD = {"lead_name": "<script>alert(1)</script>", "lead_email": FORMULA_EMAIL, "lead_phone": "none",
               "lead_consent": True}


def test_the_action_server_listens_on_loopback_only(bot):
    port = int(bot.actions_url.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1; before: 00000000 (0.0.0.0)


@pytest.mark.parametrize("case, suffix, headers", [
    ("no token", "", {"Content-Type": "application/json"}),
    ("a wrong token", "?token=guess", {"Content-Type": "application/json"}),
    ("a wrong bearer", "", {"Content-Type": "application/json", "Authorization": "Bearer guess"}),
    ("a cross-site text/plain POST", "", {"Content-Type": "text/plain", "Origin": EVIL}),
])
def test_a_forged_action_call_without_the_token_gets_401_and_stores_nothing(bot, case, suffix, headers):
    sender = f"forger-{uuid.uuid4().hex[:8]}"
    status, reply_headers, body = request(f"{bot.actions_url}/webhook{suffix}",
                                          forged_call("action_save_lead", sender, FORGED_LEAD), headers)
    assert status == 401, (case, body)  # before: 200 and a lead with a <script> name and a formula email
    assert "Access-Control-Allow-Origin" not in reply_headers and b"script" not in body
    assert [lead for lead in bot.leads() if lead["sender_id"] == sender] == []


def test_the_action_list_and_erasure_need_the_token_too(bot):
    store = LeadStore(f"sqlite:///{bot.workdir / 'rasa.db'}")
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    store.add(Lead(victim, "Jane Doe", "jane@example.com", None, None, {}))
    store.dispose()
    assert request(f"{bot.actions_url}/actions")[0] == 401
    status, _, _ = request(f"{bot.actions_url}/webhook", forged_call("action_delete_my_data", victim),
                           {"Content-Type": "application/json"})
    assert status == 401  # before: 200, and the victim's lead was erased
    assert [lead["sender_id"] for lead in bot.leads() if lead["sender_id"] == victim] == [victim]
    assert request(f"{bot.actions_url}/health")[0] == 200  # for start-up checks and load balancers


def test_with_the_token_a_forged_tracker_still_stores_and_erases_nothing(bot):
    store = LeadStore(f"sqlite:///{bot.workdir / 'rasa.db'}")
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    store.add(Lead(victim, "Jane Doe", "jane@example.com", None, None, {}))
    store.dispose()
    with_token = f"{bot.actions_url}/webhook?token={ACTION_TOKEN}"
    status, _, body = request(with_token, forged_call("action_save_lead", victim, FORGED_LEAD),
                              {"Content-Type": "application/json"})
    assert status == 200 and [r["response"] for r in json.loads(body)["responses"]] == ["utter_lead_not_saved"]
    status, _, body = request(with_token, forged_call("action_delete_my_data", victim),
                              {"Content-Type": "application/json"})
    assert status == 200 and [r["response"] for r in json.loads(body)["responses"]] == ["utter_data_kept"]
    assert [(lead["name"], lead["email"]) for lead in bot.leads() if lead["sender_id"] == victim] == [
        ("Jane Doe", "jane@example.com")]  # nothing stored from the forgery, nothing erased
    log = log_of(bot, "actions")
    assert "Refused to store a lead" in log and "Refused to erase a conversation" in log


def test_a_failing_action_call_is_not_echoed_back(bot):
    marker = "private-words-of-a-visitor"
    call = json.dumps({"next_action": "action_save_lead", "tracker": [marker]})  # not a tracker: the action fails
    status, _, body = request(f"{bot.actions_url}/webhook?token={ACTION_TOKEN}", call.encode(),
                              {"Content-Type": "application/json"})
    assert status == 500 and json.loads(body) == {"error": "internal error"}  # before: the request, echoed
    assert marker not in log_of(bot, "actions")


@pytest.mark.parametrize("env, problem", [
    ({"SANIC_HOST": "0.0.0.0"}, "ACTION_SERVER_TOKEN is not set"),
    ({}, "ACTION_SERVER_TOKEN is not set"),
    ({"ACTION_SERVER_TOKEN": "short"}, "at least 16 characters"),
])
def test_the_action_server_does_not_start_without_a_token(env, problem):
    full = {key: value for key, value in rasa_env().items() if key != "ACTION_SERVER_TOKEN"}
    run = subprocess.run([*ACTION_SERVER, "--port", str(free_port())], cwd=ROOT, env={**full, **env},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and problem in run.stderr


# 2. Medium: the CSV export left formulas live ------------------------------------------------------

def test_a_formula_left_as_an_email_in_the_chat_is_exported_as_text(bot):
    sender = f"+1+cmd|' /C calc'!A0-{uuid.uuid4().hex[:6]}"  # a REST back-end may pass any sender id
    assert any(t.startswith("My recommendation") for t in bot.chat(sender, PROFILE, "our help desk"))
    assert any("Shall I?" in t for t in bot.chat(sender, "yes please"))
    bot.chat(sender, "yes", "Jane Doe", FORMULA_EMAIL, "skip")
    assert bot.chat(sender, "yes, I agree")[0].startswith("Thank you, Jane Doe!")
    export = subprocess.run([sys.executable, "-m", "leads", "--endpoints", str(bot.workdir / "endpoints.yml"),
                             "export"], cwd=ROOT, env=rasa_env(), capture_output=True, text=True, timeout=60)
    [row] = [row for row in csv.DictReader(io.StringIO(export.stdout)) if row["sender_id"] == "'" + sender]
    assert row["email"] == "'" + FORMULA_EMAIL  # before: the email as it was, a live formula
    assert (row["name"], row["phone"]) == ("Jane Doe", "")


# 3. Medium: a widget session could be taken over ---------------------------------------------------

@pytest.mark.asyncio
async def test_a_session_id_the_server_did_not_issue_is_not_confirmed(bot):
    chosen = "visitor-1"  # any id a client picks: before, the server confirmed it to whoever asked
    victim, attacker = Widget(bot.url), Widget(bot.url)
    victim_session = await victim.open(chosen)
    attacker_session = await attacker.open(chosen)
    assert SESSION_ID.fullmatch(victim_session) and SESSION_ID.fullmatch(attacker_session)
    assert len({chosen, victim_session, attacker_session}) == 3
    assert "What do you most want" in texts(await victim.say("We have 40 employees in Denver"))
    assert await attacker.silent_for(2)  # before: the attacker received the victim's replies
    forged = victim_session.split("-")[0] + "-" + "0" * 32  # the victim's key with a made-up signature
    assert await Widget(bot.url).open(forged) != forged
    for widget in (victim, attacker):
        await widget.close()


@pytest.mark.asyncio
async def test_a_socket_may_send_only_into_its_own_session(bot):
    victim = Widget(bot.url)
    session = await victim.open()
    await victim.say("We have 40 employees in Denver")
    stranger, intruder = Widget(bot.url), Widget(bot.url)
    await stranger.connect()  # never asked for a session
    await intruder.open()  # has a session of its own
    for socket in (stranger, intruder):
        await socket.client.emit("user_uttered", {"message": "start over", "session_id": session})
        assert await socket.silent_for(2)
    assert bot.user_texts(session) == ["We have 40 employees in Denver"]  # before: "start over" got in
    assert "Which work would you" in texts(await victim.say("we need expert help"))  # the profile is intact
    for socket in (victim, stranger, intruder):
        await socket.close()


# 4. Medium: metadata was stored without a limit ----------------------------------------------------

def test_rest_bodies_and_metadata_are_limited(bot):
    sender = f"meta-{uuid.uuid4().hex[:8]}"
    huge = json.dumps({"sender": sender, "message": "hi", "metadata": {"x": "y" * 10_000_000}}).encode()
    assert rest(bot, huge)[0] == 413  # before: 200, and 42 MB more in the database
    status, answer = rest(bot, json.dumps({"sender": sender, "message": "hi", "metadata": {"x": "y" * 9000}}).encode())
    assert (status, answer) == (400, {"error": "'metadata' must be at most 8192 bytes"})
    status, _ = rest(bot, json.dumps({"sender": sender, "message": "hi", "metadata": {"page": "/pricing"}}).encode())
    assert status == 200
    [said] = [e for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    assert said["metadata"]["page"] == "/pricing"  # metadata that fits is kept


@pytest.mark.asyncio
async def test_socket_metadata_over_the_limit_is_dropped_and_oversized_packets_close_the_socket(bot):
    widget = Widget(bot.url)
    session = await widget.open()
    await widget.client.emit("user_uttered", {"message": "hello", "session_id": session,
                                              "metadata": {"x": "y" * 9000}})
    assert greets(texts(await widget.collect()))  # answered, without the metadata
    [said] = [e for e in bot.tracker(session)["events"] if e["event"] == "user"]
    assert "x" not in said["metadata"]  # only what Rasa adds itself (the model's id)
    assert "Dropped a socket.io message's metadata" in log_of(bot)
    await widget.client.emit("user_uttered", {"message": "x" * 70_000, "session_id": session})
    await asyncio.sleep(2)
    assert not widget.client.connected or await widget.silent_for(1)
    await widget.close()
    assert bot.user_texts(session) == ["hello"]
    again = Widget(bot.url)  # the server still answers, in the same conversation
    assert await again.open(session) == session and texts(await again.say("hi"))
    await again.close()
    assert bot.user_texts(session) == ["hello", "hi"]


# 5. Low: deep JSON, odd file names, framing, replayed clicks, the shared conversation, banners ------

def test_deeply_nested_json_gets_400_on_rest_and_slack(bot):
    status, answer = rest(bot, DEEP.encode())
    assert (status, answer) == (400, {"error": "JSON may nest at most 20 levels deep"})  # before: 500
    body = json.dumps({"type": "event_callback", "event": json.loads("[" * 30 + "]" * 30)}).encode()
    assert slack_post(bot, body, signed_headers(body))[0] == 400
    body = DEEP.encode()
    assert slack_post(bot, body, signed_headers(body))[0] == 400  # before: 500 and a 2,000-line traceback
    assert "Traceback" not in log_of(bot) and "RecursionError" not in log_of(bot)


@pytest.mark.asyncio
async def test_deeply_nested_json_on_a_socket_is_answered_politely(bot):
    widget = Widget(bot.url)
    session = await widget.open()
    await widget.client.emit("user_uttered", {"message": "hi", "session_id": session,
                                              "metadata": json.loads("[" * 100 + "]" * 100)})
    assert texts(await widget.collect()).startswith("I couldn't read that message")
    await widget.client.eio.send(f'42["user_uttered",{DEEP}]')  # deeper than Python's recursion limit
    assert texts(await widget.collect()).startswith("I couldn't read that message")  # before: a handler error
    assert greets(texts(await widget.say("hello")))
    await widget.close()
    log = log_of(bot)
    assert "Refused a socket.io packet" in log and "handler error" not in log and "Traceback" not in log


def test_a_replayed_slack_button_click_is_processed_once(bot, slack_api):
    user, since = new_user(), slack_api.count()
    slack_say(bot, user, "We're a software company of 300 people in Boston and want skilled developers in Poland")
    slack_say(bot, user, "software development")
    question = slack_api.wait_for_post(f"D{user}", "How much control", since)
    keep = next(b for b in question["blocks"][1]["elements"] if b["text"]["text"] == "Keep it in-house")
    click = button_click(user, keep)
    headers = signed_headers(click, content_type="application/x-www-form-urlencoded")
    assert slack_post(bot, click, headers)[0] == 200
    slack_api.wait_for_post(f"D{user}", "How close", since)
    assert slack_post(bot, click, headers)[0] == 200  # the same signed request again, within 5 minutes
    since = slack_api.count()
    slack_say(bot, user, "thanks")  # queued behind the replay, had it been taken in
    slack_api.wait_for_post(f"D{user}", "", since)
    wait_until(lambda: bot.user_texts(user)[-1:] == ["thanks"], "the later message stored")
    assert bot.user_texts(user).count('/inform{"control":"full"}') == 1  # before: twice


def test_rest_needs_a_sender_and_the_bearer_token(bot):
    status, answer = rest(bot, b'{"message": "hello"}')
    assert status == 400 and "'sender'" in answer["error"]  # before: the shared "default" conversation
    body = json.dumps({"sender": f"rest-{uuid.uuid4().hex[:6]}", "message": "hello"}).encode()
    for token in (None, "guess"):
        assert rest(bot, body, token) == (401, {"error": "This endpoint needs 'Authorization: Bearer <REST_TOKEN>'"})
    assert rest(bot, body)[0] == 200


def test_no_version_banners_on_the_public_ports(bot, site):
    status, headers, body = request(f"{bot.url}/")
    assert (status, json.loads(body)) == (200, {"status": "ok"})  # before: "Hello from Rasa: 3.6.21"
    assert "Server" not in headers
    _, headers, _ = request(f"{site.url}/")
    assert headers["Server"] == "sourcing-advisor"  # before: Python/3.10 aiohttp/3.9.5


@pytest.mark.parametrize("path", ["/static/" + "a" * 256, "/static/../server.py", "/static/%2e%2e/server.py",
                                  "/static/", "/nothing-here", "/static/app.js/x"])
def test_the_page_server_answers_404_with_its_headers_for_impossible_names(site, path):
    status, headers, _ = request(site.url + path)
    assert status == 404, path  # before: 500 without the security headers for a 256-character name
    assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_every_page_response_refuses_framing(site):
    for path in ("/", "/static/app.js", "/static/webchat.js", "/static/site.css"):
        status, headers, _ = request(site.url + path)
        assert status == 200 and headers["X-Frame-Options"] == "DENY", path  # before: none
