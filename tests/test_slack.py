"""The Slack channel (channels/slack.py), fully offline: signed Events API and interactivity requests
go to a real `rasa run`; the bot's chat.postMessage calls land in a fake Slack Web API on 127.0.0.1
(the test credentials point the client there with `api_url`)."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import yaml

from channels.slack import SeenEvents, media_type, mrkdwn_escape, recommendation_blocks
from tests.hostile import LOCATION, PROFILE, TEXTS
from tests.rasa_cli import ROOT
from tests.servers import Bot, start_bot
from tests.slack_fake import ENV, button_click, dm_event, new_user, post, say, signed_headers


@pytest.fixture(scope="module")
def bot(tmp_path_factory, slack_api) -> Bot:
    workdir = tmp_path_factory.mktemp("slack-bot")
    running = start_bot(workdir, env=ENV, credentials=slack_api.credentials(workdir))
    yield running
    running.stop()


def test_a_signed_direct_message_gets_a_block_kit_reply(bot, slack_api):
    user, since = new_user(), slack_api.count()
    started = time.monotonic()
    say(bot, user, "hi")
    reply = slack_api.wait_for_post(f"D{user}", "Your IT Partner", since)
    print(f"Slack round trip (signed event in -> chat.postMessage out): {time.monotonic() - started:.2f} s")
    assert reply["_method"] == "chat.postMessage" and reply["_auth"] == f"Bearer {ENV['SLACK_BOT_TOKEN']}"
    assert reply["blocks"][0]["type"] == "section" and "Your IT Partner" in reply["blocks"][0]["text"]["text"]


def test_a_conversation_ends_in_a_recommendation_card(bot, slack_api):
    user, since = new_user(), slack_api.count()
    say(bot, user, "We're a 12-person dental practice in Worcester, MA, worried about ransomware")
    slack_api.wait_for_post(f"D{user}", "Which work would you", since)
    say(bot, user, "our help desk")
    card = slack_api.wait_for_post(f"D{user}", "My recommendation: Outsourcing", since)
    assert card["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "My recommendation: Outsourcing"}}
    headings = [b["text"]["text"].split("\n")[0] for b in card["blocks"] if b["type"] == "section"]
    assert headings[0] == "*Why*" and "*Next steps*" in headings


def test_buttons_are_block_kit_buttons_and_a_click_continues(bot, slack_api):
    user, since = new_user(), slack_api.count()
    say(bot, user, "We're a software company of 300 people in Boston and want skilled developers in Poland")
    say(bot, user, "software development")
    question = slack_api.wait_for_post(f"D{user}", "How much control", since)
    buttons = question["blocks"][1]["elements"]
    keep = next(b for b in buttons if b["text"]["text"] == "Keep it in-house")
    assert keep["type"] == "button" and keep["value"] == '/inform{"control":"full"}'
    body = button_click(user, keep)
    assert post(bot, body, signed_headers(body, content_type="application/x-www-form-urlencoded"))[0] == 200
    slack_api.wait_for_post(f"D{user}", "How close", since)
    bot.wait_for_slot(user, "control", "full")


def test_replies_go_to_the_thread_when_threads_are_on(bot, slack_api):
    user, since = new_user(), slack_api.count()
    body = dm_event(user, "hello")
    ts = json.loads(body)["event"]["ts"]
    assert post(bot, body, signed_headers(body))[0] == 200
    assert slack_api.wait_for_post(f"D{user}", "Your IT Partner", since)["thread_ts"] == ts


def test_a_retry_is_answered_once(bot, slack_api):
    user, since = new_user(), slack_api.count()
    body = dm_event(user, "hello there", event_id="EvRETRY" + uuid.uuid4().hex[:6])
    assert post(bot, body, signed_headers(body))[0] == 200
    for number, reason in ((1, "http_error"), (2, "http_timeout"), (3, "some_new_reason")):
        retry = {**signed_headers(body), "X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": reason}
        assert post(bot, body, retry)[0] == 200
    slack_api.wait_for_post(f"D{user}", "Your IT Partner", since)
    time.sleep(3)
    assert len([p for p in slack_api.posts[since:] if p.get("channel") == f"D{user}"]) == 1
    assert bot.user_texts(user) == ["hello there"]


@pytest.mark.parametrize("case", list(TEXTS))
def test_hostile_texts_get_an_answer_and_keep_the_conversation(bot, slack_api, case):
    user, since = new_user(), slack_api.count()
    say(bot, user, PROFILE)
    slack_api.wait_for_post(f"D{user}", "Which work would you", since)
    before = slack_api.count()
    say(bot, user, TEXTS[case])  # answered 200 at once (Slack's 3 s rule); the reply is posted after
    slack_api.wait_for_post(f"D{user}", "", before)
    after = slack_api.count()
    say(bot, user, "our help desk")
    slack_api.wait_for_post(f"D{user}", "", after)
    assert bot.user_texts(user)[0] == PROFILE
    assert bot.tracker(user)["slots"]["location"] == LOCATION


def test_url_verification_answers_the_challenge(bot):
    body = json.dumps({"type": "url_verification", "token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}).encode()
    status, text = post(bot, body, signed_headers(body, content_type="application/json"))
    assert status == 200 and json.loads(text) == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


@pytest.mark.parametrize("case", ["wrong secret", "tampered body", "no headers", "six minutes old", "bad timestamp"])
def test_unsigned_or_stale_requests_get_400_and_nothing_is_posted(bot, slack_api, case):
    user, since = new_user(), slack_api.count()
    body = dm_event(user, "hi")
    headers = {
        "wrong secret": signed_headers(body, secret="not-the-secret"),
        "tampered body": signed_headers(body.replace(b'"hi"', b'"bye"')),
        "no headers": {"Content-Type": "application/json"},
        "six minutes old": signed_headers(body, timestamp=int(time.time()) - 360),
        "bad timestamp": {**signed_headers(body), "X-Slack-Request-Timestamp": "yesterday"},
    }[case]
    status, _ = post(bot, body, headers)
    assert status == 400
    time.sleep(2)
    assert [p for p in slack_api.posts[since:] if p.get("channel") == f"D{user}"] == []


@pytest.mark.parametrize("body, content_type", [
    (b"{not json", "application/json"),
    (b"[1, 2]", "application/json"),
    (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
])
def test_signed_but_unreadable_requests_get_400(bot, body, content_type):
    assert post(bot, body, signed_headers(body, content_type=content_type))[0] == 400


@pytest.mark.asyncio
async def test_seen_events_forget_after_their_time():
    seen = SeenEvents(ttl=60, limit=3)
    assert await seen.first_time("a", now=0) and not await seen.first_time("a", now=30)
    assert await seen.first_time("a", now=61)  # forgotten after the ttl
    for name in "bcd":
        await seen.first_time(name, now=62)
    assert await seen.first_time("a", now=63)  # pushed out by the size limit


def test_content_type_parameters_and_case_are_ignored():
    class Fake:
        headers = {"content-type": "Application/JSON; charset=utf-8"}
    assert media_type(Fake()) == "application/json"


def test_the_card_escapes_slack_control_characters():
    blocks = recommendation_blocks({"strategy": "hybrid", "title": "A hybrid of both", "confidence": 0.6, "reasons": ["R&D <b>"],
                                    "caveats": [], "next_steps": ["Call us"]})
    assert blocks[0]["text"]["text"] == "My recommendation: A hybrid of both"
    assert "R&amp;D &lt;b&gt;" in blocks[2]["text"]["text"]
    assert mrkdwn_escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"


def test_the_app_manifest_subscribes_to_what_the_channel_reads():
    manifest = yaml.safe_load((ROOT / "deploy" / "slack-app-manifest.yml").read_text())
    settings, scopes = manifest["settings"], set(manifest["oauth_config"]["scopes"]["bot"])
    assert set(settings["event_subscriptions"]["bot_events"]) == {"message.im", "app_mention"}
    assert {"chat:write", "im:history", "app_mentions:read"} <= scopes
    assert settings["interactivity"]["is_enabled"] and not settings["socket_mode_enabled"]
    for url in (settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"]):
        assert url.startswith("https://") and url.endswith("/webhooks/slack/webhook")
