"""A real action server that is stopped, answers with errors or hangs: the user gets an apology
within seconds (not silence), the failure is logged at ERROR, and the conversation continues, with
nothing lost, once the action server is back (runtime/action_calls.py)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tests.rasa_cli import rasa_env
from tests.servers import Bot, greets, launch_actions, start_bot

APOLOGY = "Sorry, something went wrong on my side"
SENDER = "fault-user"


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    running = start_bot(tmp_path_factory.mktemp("faults"))
    yield running
    running.stop()


def restart_actions(bot: Bot, extra_env: dict | None = None, name: str = "actions") -> None:
    """Stop the action server and start a new one on the same port."""
    old = bot.processes[0]
    old.terminate()
    old.wait(timeout=30)
    port = int(bot.actions_url.rsplit(":", 1)[1])
    env = {**rasa_env(), **(extra_env or {})}
    server = launch_actions(bot.workdir, env, port, name=name)
    bot.processes[0] = server.process
    server.wait("/health")


def timed_say(bot: Bot, text: str) -> tuple[list[str], float]:
    start = time.monotonic()
    replies = bot.say(SENDER, text)
    return [m.get("text", "") for m in replies], time.monotonic() - start


def errors_logged(bot: Bot) -> list[str]:
    return [line for line in (bot.workdir / "rasa.log").read_text().splitlines()
            if "ERROR" in line and "Custom action" in line]


def test_action_server_faults_get_an_apology_and_the_conversation_continues(bot, tmp_path):
    assert any(greets(t) for t in timed_say(bot, "hello")[0])

    # 1. Stopped: connection refused.
    bot.processes[0].terminate()
    bot.processes[0].wait(timeout=30)
    texts, seconds = timed_say(bot, "We're a 40-person accounting firm in Denver")
    [apology] = [t for t in texts if t.startswith(APOLOGY)]
    assert "+1 201-555-0123" in apology, apology  # the provider's phone
    assert texts[-1] == "How many people work at your company, roughly?"  # nothing unchecked was kept
    assert seconds < 3, seconds
    assert len(errors_logged(bot)) == 1
    print(f"action server stopped: apology after {seconds:.2f} s")

    # Back again: the next message is handled normally, and the earlier one was kept.
    restart_actions(bot)
    texts, _ = timed_say(bot, "We're a 40-person accounting firm in Denver")
    assert not any(t.startswith(APOLOGY) for t in texts), texts
    assert any("What do you most want to get out of the change?" in t for t in texts), texts
    bot.wait_for_slot(SENDER, "employees", 40)

    # 2. Hanging: the process is frozen, so connections are accepted and never answered.
    os.kill(bot.processes[0].pid, signal.SIGSTOP)
    try:
        texts, seconds = timed_say(bot, "we want better security")
    finally:
        os.kill(bot.processes[0].pid, signal.SIGCONT)
    assert [t for t in texts if t.startswith(APOLOGY)] and seconds < 8, (texts, seconds)
    assert len(errors_logged(bot)) == 2
    print(f"action server hanging: apology after {seconds:.2f} s")

    texts, _ = timed_say(bot, "we want better security")
    assert any("Which work would you hand over" in t for t in texts), texts

    # 3. Erroring: every action fails inside the action server (a broken provider file), HTTP 500.
    broken = tmp_path / "provider.yml"
    broken.write_text("name: Broken\n")
    restart_actions(bot, {"PROVIDER_CONFIG": str(broken)}, name="actions-broken")
    texts, seconds = timed_say(bot, "our help desk")
    assert [t for t in texts if t.startswith(APOLOGY)] and seconds < 3, (texts, seconds)
    assert len(errors_logged(bot)) >= 3
    print(f"action server erroring (HTTP 500): apology after {seconds:.2f} s")

    restart_actions(bot)
    texts, _ = timed_say(bot, "our help desk")
    assert any(t.startswith("My recommendation:") for t in texts), texts

    said = bot.user_texts(SENDER)
    for text in ("We're a 40-person accounting firm in Denver", "we want better security", "our help desk"):
        assert said.count(text) == 2, said  # once during each fault, once after: nothing lost
