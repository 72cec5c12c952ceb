"""Leads end to end through the real REST channel, action server and SQLite database: details
checked and asked again, stored with consent and the assessment, posted to the provider's Slack
webhook, never written to the logs, and erased on "delete my data"."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest

from tests.hostile import PROFILE
from tests.rasa_cli import ROOT
from tests.recording_server import RecordingServer
from tests.servers import Bot, start_bot, wait_until

NAME, EMAIL, PHONE = "Jane Doe", "jane.doe@example.com", "+44 20 7946 0958"


@pytest.fixture(scope="module")
def webhook():
    """A Slack incoming webhook on 127.0.0.1 that remembers what it was sent."""
    hook = RecordingServer("/services/T1/B1/x", lambda call: b"ok")  # as Slack answers
    yield hook
    hook.stop()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, webhook) -> Bot:
    running = start_bot(tmp_path_factory.mktemp("lead-bot"), env={"LEADS_SLACK_WEBHOOK_URL": webhook.url})
    yield running
    running.stop()


def to_the_lead_form(bot: Bot, sender: str) -> None:
    assert any(t.startswith("My recommendation: Outsourcing") for t in bot.chat(sender, PROFILE, "our help desk"))
    assert any("Shall I?" in t for t in bot.chat(sender, "yes please"))  # contact details + the offer
    assert bot.chat(sender, "yes") == ["Great. What's your name?"]


def test_a_lead_is_checked_stored_with_its_assessment_and_sent_to_slack(bot, webhook):
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    to_the_lead_form(bot, sender)
    assert bot.chat(sender, f"I'm {NAME}") == [f"Thanks, {NAME}. Which email address should the expert write to?"]
    assert bot.chat(sender, "jane.doe@example")[0].startswith("That doesn't look like an email address")
    assert "phone number" in bot.chat(sender, EMAIL)[0]
    assert bot.chat(sender, "12")[0].startswith("I couldn't read that as a phone number")
    assert "may Your IT Partner keep your name" in bot.chat(sender, PHONE)[0]
    reply = bot.chat(sender, "yes, I agree")
    assert reply == [f"Thank you, {NAME}! An expert from Your IT Partner will get in touch at {EMAIL}, usually "
                     "within one working day. They'll have your assessment, so you won't need to repeat yourself."]

    [lead] = [row for row in bot.leads() if row["sender_id"] == sender]
    assert (lead["name"], lead["email"], lead["phone"], lead["strategy"]) == (NAME, EMAIL, "+442079460958", "outsourcing")
    details = json.loads(lead["assessment"])
    assert details["profile"]["employees"] == 12 and details["profile"]["location"] == "Worcester, MA"
    assert details["recommendation"]["strategy"] == "outsourcing"
    assert bot.tracker(sender)["slots"]["lead_email"] is None  # the form's slots are cleared after saving

    [post] = wait_until(lambda: [p for p in webhook.posts if f"#{lead['id']} " in p["text"]], "the Slack post")
    assert NAME in post["text"] and EMAIL in post["text"] and "outsourcing" in post["text"]

    export = subprocess.run([sys.executable, "-m", "leads", "--endpoints", str(bot.workdir / "endpoints.yml"),
                             "export"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert export.returncode == 0 and f"{NAME},{EMAIL},'+442079460958" in export.stdout


def test_without_consent_nothing_is_kept(bot):
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    to_the_lead_form(bot, sender)
    bot.chat(sender, "Bob Ray", "bob@example.com", "skip")
    assert bot.chat(sender, "no")[0].startswith("No problem: I haven't kept your details.")
    assert [row for row in bot.leads() if row["sender_id"] == sender] == []


def test_declining_to_give_a_name_stops_the_form(bot):
    """"I'd rather not say" is a don't-know (the profile form takes it so); here it is a no, as a deny is."""
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    to_the_lead_form(bot, sender)
    assert bot.chat(sender, "I'd rather not say") == [
        "OK, no details taken. Is there anything else I can help you weigh up?"]
    assert bot.tracker(sender)["latest_message"]["intent"]["name"] == "dont_know"


def test_saying_no_stops_the_form(bot):
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    to_the_lead_form(bot, sender)
    assert bot.chat(sender, "no, forget it") == ["OK, no details taken. Is there anything else I can help you weigh up?"]
    assert bot.tracker(sender)["active_loop"] in ({}, None, {"name": None})


def test_delete_my_data_erases_the_lead_and_the_conversation(bot):
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    to_the_lead_form(bot, sender)
    bot.chat(sender, NAME, EMAIL, "no phone, thanks", "yes")
    assert [row["email"] for row in bot.leads() if row["sender_id"] == sender] == [EMAIL]

    assert bot.chat(sender, "please delete my data")[0].startswith("Shall I delete this conversation")
    assert bot.chat(sender, "yes")[0].startswith("Done: your contact details and this conversation have been deleted")
    wait_until(lambda: bot.user_texts(sender) == [], "the conversation erased")
    assert NAME not in json.dumps(bot.tracker(sender))
    assert [row for row in bot.leads() if row["sender_id"] == sender] == []

    assert "Your IT Partner" in bot.chat(sender, "hello")[0]  # a fresh start
    assert bot.tracker(sender)["slots"]["employees"] is None


def test_keeping_the_data_after_all(bot):
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    bot.chat(sender, PROFILE)
    assert bot.chat(sender, "delete my details")[0].startswith("Shall I delete")
    assert bot.chat(sender, "no") == ["OK, nothing has been deleted."]
    assert bot.user_texts(sender)[0] == PROFILE


def test_no_personal_data_in_the_logs(bot):
    """Run last in this module: everything above went through these logs at Rasa's default level."""
    for log in ("rasa.log", "actions.log"):
        text = (bot.workdir / log).read_text()
        for secret in (NAME, EMAIL, "7946", "Bob Ray", "bob@example.com"):
            assert secret not in text, f"{secret!r} in {log}"
