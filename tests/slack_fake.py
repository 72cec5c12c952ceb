"""Slack as the tests play it: a fake Web API that records the bot's posts, and signed Events API and
interactivity requests sent to a real `rasa run`, as Slack signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import yaml

from tests.rasa_cli import ROOT
from tests.recording_server import RecordingServer

SECRET = "test-signing-secret-not-secret"
TOKEN = "xoxb-test-token-not-secret"
BOT_USER = "UBOT"
REPLY_TIMEOUT = 30
ENV = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET}  # what the bot needs to turn Slack on


class FakeSlackAPI(RecordingServer):
    """chat.postMessage on 127.0.0.1, remembering every call."""

    def __init__(self) -> None:
        super().__init__("/api/", lambda call: {"ok": True, "channel": call.get("channel"), "ts": f"{time.time():.6f}"})

    def wait_for_post(self, channel: str, contains: str, since: int = 0) -> dict:
        """The first post to `channel` after index `since` whose text contains `contains`."""
        return self.wait_for(lambda post: post.get("channel") == channel and contains in post.get("text", ""),
                             since, REPLY_TIMEOUT)

    def credentials(self, folder: Path, use_threads: bool = True) -> Path:
        """The repo's credentials.yml (all its channels), with Slack's Web API calls sent here."""
        channels = yaml.safe_load((ROOT / "credentials.yml").read_text())
        channels["channels.slack.SlackEventsInput"].update(use_threads=use_threads, api_url=self.url)
        path = folder / "credentials.yml"
        path.write_text(yaml.safe_dump(channels))
        return path


def signed_headers(body: bytes, timestamp: int | None = None, secret: str = SECRET,
                   content_type: str = "application/json; charset=utf-8") -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": f"v0={digest}"}


def post(bot, body: bytes, headers: dict) -> tuple[int, str]:
    """POST to the bot's Slack webhook: (status, body text)."""
    request = urllib.request.Request(f"{bot.url}/webhooks/slack/webhook", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def dm_event(user: str, text: str, event_id: str | None = None) -> bytes:
    ts = f"{time.time():.6f}"
    return json.dumps({
        "type": "event_callback", "team_id": "T1", "api_app_id": "A1",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}", "event_time": int(time.time()),
        "authorizations": [{"user_id": BOT_USER, "is_bot": True}],
        "event": {"type": "message", "channel_type": "im", "channel": f"D{user}", "user": user, "text": text,
                  "ts": ts, "event_ts": ts},
    }).encode()


def button_click(user: str, button: dict) -> bytes:
    """The form body Slack sends when `user` clicks `button` (as the bot posted it) in their DM."""
    click = {"type": "block_actions", "user": {"id": user}, "channel": {"id": f"D{user}"},
             "message": {"ts": "1700000000.000100"}, "trigger_id": f"{uuid.uuid4().int % 10**12}.1.{uuid.uuid4().hex}",
             "actions": [{"type": "button", "action_id": button["action_id"], "value": button["value"],
                          "action_ts": f"{time.time():.6f}"}]}
    return urllib.parse.urlencode({"payload": json.dumps(click)}).encode()


def say(bot, user: str, text: str) -> None:
    body = dm_event(user, text)
    assert post(bot, body, signed_headers(body)) == (200, "")


def new_user() -> str:
    return f"U{uuid.uuid4().hex[:8].upper()}"
