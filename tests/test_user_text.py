"""What the bot repeats of the user's words carries no link or markup (actions/user_text.py)."""

from __future__ import annotations

import pytest

from actions.slots import profile_from_slots
from actions.user_text import MAX_CHARS, quoted


@pytest.mark.parametrize("said, repeated", [
    ("Worcester, MA", "Worcester, MA"),
    ("St. Louis", "St. Louis"),
    ("Washington D.C.", "Washington D.C."),
    ("São Paulo", "São Paulo"),
    ("Narnia and beyond", "Narnia and beyond"),
    ("see http://evil.example/x", "see"),
    ("[click here](http://evil.example)", "click here"),
    ("write to boss@evil.example", "write to"),
    ("evil.example/login", ""),
    ("www.evil.example", ""),
    ("javascript:alert(1)", ""),
    ("<img src=x onerror=alert(1)>", "img src=x onerror=alert 1"),
    ("**bold** _it_ `code`", "bold it code"),
    ("", ""),
])
def test_links_and_markup_are_dropped(said, repeated):
    assert quoted(said) == repeated


def test_long_answers_are_cut():
    text = quoted("a very long place name " * 10)
    assert len(text) == MAX_CHARS and text.endswith("…")


def test_a_link_in_the_industry_never_reaches_the_reasons():
    profile = profile_from_slots({"industry": "[bank](http://evil.example) bank", "employees": 40})
    assert profile.industry == "bank bank"
