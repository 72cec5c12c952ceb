"""`make shell` in a real pseudo-terminal (pexpect): a conversation to a recommendation, quick-reply
buttons chosen with the keyboard, a clean exit, and no action server left behind."""

from __future__ import annotations

import os
import re
import socket

import pexpect

from tests.rasa_cli import ROOT, rasa_env
from tests.servers import free_port, sqlite_endpoints

PROMPT = "Your input ->"
ENTER, DOWN = "\r", "\x1b[B"


def command_lines() -> list[str]:
    """The command line of every process on this machine."""
    lines = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            lines.append(open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            pass
    return lines


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_make_shell_reaches_a_recommendation_and_leaves_nothing_running(tmp_path):
    port = free_port()
    endpoints = sqlite_endpoints(tmp_path, f"http://127.0.0.1:{port}")
    env = {**rasa_env(), "ACTIONS_PORT": str(port), "RASA_ENDPOINTS": str(endpoints), "TERM": "xterm",
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    log = (tmp_path / "shell.log").open("w")
    shell = pexpect.spawn("make", ["shell"], cwd=str(ROOT), env=env, encoding="utf-8", timeout=240,
                          dimensions=(60, 200), logfile=log)
    try:
        shell.expect("Bot loaded")
        shell.expect(PROMPT)
        shell.sendline("We're a 12-person dental practice in Worcester, MA, worried about ransomware")
        shell.expect("Which work would you hand over or move")  # asked with buttons: an arrow-key menu
        shell.expect("IT support / helpdesk")
        shell.send(ENTER)  # the first button
        shell.expect("My recommendation: Outsourcing")
        shell.expect(re.escape("Yes, please"))  # the contact offer, a menu again
        shell.send(DOWN)
        shell.send(ENTER)  # "No, thanks"
        shell.expect(PROMPT)
        shell.sendline("/stop")
        shell.expect(pexpect.EOF)
    finally:
        shell.close()
        log.close()
    assert shell.exitstatus == 0, (tmp_path / "shell.log").read_text()[-3000:]
    assert not listening(port)
    assert [cmd for cmd in command_lines() if "actions" in cmd and str(port) in cmd] == []
    assert "Traceback" not in (tmp_path / "shell.log").read_text()
    assert os.path.exists(tmp_path / "rasa.db")  # the conversation went to the configured store
