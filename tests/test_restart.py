"""A restarted server continues the conversation from the SQLite tracker store."""

from __future__ import annotations

from tests.servers import start_bot


def test_conversation_survives_a_restart(tmp_path):
    bot = start_bot(tmp_path)
    try:
        bot.say("returning-user", "We're a 12-person dental practice in Worcester, MA, worried about ransomware")
        assert bot.tracker("returning-user")["slots"]["employees"] == 12
    finally:
        bot.stop()
    bot = start_bot(tmp_path)  # same folder, same rasa.db
    try:
        reply = bot.say("returning-user", "our help desk")
        assert any(m.get("text", "").startswith("My recommendation: Outsourcing") for m in reply), reply
    finally:
        bot.stop()
