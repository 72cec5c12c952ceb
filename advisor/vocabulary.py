"""Map the words a user chose ("ransomware", "help desk", "hands-off") to the profile's canonical values."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
KINDS = ("goal", "function", "control", "proximity")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, list[str]]]:
    with open(VOCABULARY_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# Phrases that are also pronouns: inside a longer message they name a value only written as the value ("IT").
_PRONOUNS = frozenset({"it"})


@lru_cache(maxsize=None)
def _said(phrase: str) -> re.Pattern:
    """The phrase as whole words. Compiled once and kept here: the vocabulary's ~480 phrases are more than the
    `re` module's own cache holds (512 patterns, shared with everything else), so going through it every one
    was compiled again on every message (25-30 ms of a form's turn on the action server)."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


_JOINED = re.compile(r"(?<=[a-z])-(?=[a-z])")  # a hyphen joining two words


def _clean(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s/'-]", " ", text.lower()).split())


def canonical(kind: str, text: str | None, negated: Callable[[str], bool] | None = None) -> str | None:
    """The canonical value a phrase names, or None when it names none of this kind. `negated`, given the
    words before a known phrase inside a longer one, tells whether they take it back ("i don't need to
    employ them" names no wish to employ them)."""
    if not text:
        return None
    values = vocabulary()[kind]
    phrase = _clean(str(text))
    if phrase in values:
        return phrase
    if phrase.replace(" ", "_") in values:
        return phrase.replace(" ", "_")
    exact = {synonym: value for value, synonyms in values.items() for synonym in synonyms}
    if phrase in exact:
        return exact[phrase]
    inside = named_in(kind, str(text), negated)
    if inside:
        return inside
    # Typos: compare every run of one to three words with the known phrases.
    words = phrase.split()
    runs = [("", phrase)] + [(" ".join(words[:i]) + " ", " ".join(words[i:i + n]))
                             for n in (3, 2, 1) for i in range(len(words) - n + 1)]
    for before, run in runs:
        close = _typo_of(run, exact)
        if close and len(run) > 5 and not (negated and negated(before)):  # "on it" is no typo of "own it"
            return exact[close]
    return None


def _typo_of(run: str, phrases) -> str | None:
    """The known phrase `run` is a typo of, if any. A slip of the keys changes letters, not whole words ("does it
    matter" is a question, not "does not matter" mistyped); it may run two words together ("remote isfine") or split
    one ("custo mer support"), but adds no word. Words that another phrase uses as they stand are meant as typed ("own
    site", of "our own site", is no "on site")."""
    close = difflib.get_close_matches(run, list(phrases), n=1, cutoff=0.85)
    if not close or _inside_another_phrase(run, phrases[close[0]]):
        return None
    said, known = run.split(), close[0].split()
    if len(said) == len(known):
        alike = all(a == b or difflib.SequenceMatcher(None, a, b).ratio() >= _SAME_WORD for a, b in zip(said, known))
    elif len(said) > len(known):
        alike = difflib.SequenceMatcher(None, "".join(said), "".join(known), autojunk=False).ratio() >= _SPLIT_WORD
    else:
        alike = True
    return close[0] if alike else None


def _inside_another_phrase(run: str, value: str) -> bool:
    """Whether `run`, of more than one word, stands as whole words inside a phrase of another value than the one it is
    close to ("bit of both" is "a bit of both" cut short; "own site" is in "our own site")."""
    return " " in run and any(its_value != value and run in phrase and _said(run).search(phrase)
                              for phrase, its_value in _all_phrases())


@lru_cache(maxsize=1)
def _all_phrases() -> tuple[tuple[str, str], ...]:
    """Every phrase of every kind, as _clean makes a text, with its value."""
    return tuple((_clean(phrase), value) for kind in vocabulary().values() for value, phrases in kind.items()
                 for phrase in phrases)


_SAME_WORD = 0.5  # how alike a word must stay to its place in the phrase ("it" and "not": 0.4; "of" and "off": 0.8)
_SPLIT_WORD = 0.95  # how alike a run with a word more must be to the phrase, spaces aside ("does it matter": 0.92)


def phrase_value(kind: str, text: str | None) -> str | None:
    """The value of which the whole text is one of the phrases, typos aside ("Doesnt matter." -> remote_ok); None
    when it says more or other ("not sure, probably a partner")."""
    phrase = _clean(str(text or ""))
    exact = {synonym: value for value, synonyms in vocabulary()[kind].items() for synonym in synonyms}
    close = _typo_of(phrase, exact) if len(phrase) > 5 and phrase not in exact else None
    return exact.get(phrase) or (exact[close] if close else None)


def named_in(kind: str, text: str, negated: Callable[[str], bool] | None = None) -> str | None:
    """The value of the longest known phrase inside `text` ("protect us from ransomware" -> security) that
    `negated`, given the words before it, does not take back; no typos."""
    phrase = _clean(text)
    exact = {synonym: value for value, synonyms in vocabulary()[kind].items() for synonym in synonyms}
    for synonym in sorted(exact, key=len, reverse=True):
        if synonym in _PRONOUNS and not re.search(rf"\b{synonym.upper()}\b", text):
            continue  # "it's 3,500 people": the pronoun, not IT
        found = _said(synonym).search(phrase) if synonym in phrase else None
        if found and not (negated and negated(phrase[:found.start()])):
            return exact[synonym]
    return None


def canonical_all(kind: str, texts) -> list[str]:
    """Canonical values of several phrases, in order, without repeats or unknowns."""
    if isinstance(texts, str):
        texts = [texts]
    found: list[str] = []
    for text in texts or []:
        value = canonical(kind, text)
        if value and value not in found:
            found.append(value)
    return found


def named_values(kind: str, text: str, taken_back: Callable[[str, int, int], bool]) -> list[str]:
    """The values whose phrases the text says, in the vocabulary's order, but for those it says only to take back."""
    lowered = text.lower()
    spaced = _JOINED.sub(" ", lowered)  # "our own claims-processing operation" says "claims processing"
    versions = {lowered, spaced}
    return [value for value, phrases in vocabulary()[kind].items()
            if any(any(phrase in said and _said(phrase).search(said) for said in versions)
                   for phrase in phrases
                   if phrase not in _PRONOUNS or re.search(rf"\b{phrase.upper()}\b", text))  # "it's", not IT
            and not only_negated(kind, value, text, taken_back)]


def _phrase_spans(kind: str, lowered: str, words: int = 1) -> list[tuple[int, int]]:
    return [m.span() for phrases in vocabulary()[kind].values() for phrase in phrases
            if len(phrase.split()) >= words and phrase in lowered for m in _said(phrase).finditer(lowered)]


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans blanked out, the rest where it was."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def phrases_said(kind: str, text: str, keeping: str) -> list[tuple[int, int]]:
    """Where the text says phrases of `kind` of two words or more, but for those a phrase of `keeping` reaches beyond:
    "a 24/7 security operations centre" names the security work, which says no wish for security as well; "a file
    server failure" still says the backups goal."""
    lowered = text.lower()
    kept = _phrase_spans(keeping, lowered)
    return [(start, end) for start, end in _phrase_spans(kind, lowered, words=2)
            if not any(a < end and start < b and (a < start or b > end) for a, b in kept)]


# Words before the people a company cannot find: "Cannot find enough developers here", "we can't hire backend engineers
# fast enough", "not enough security analysts".
_SHORT_OF = re.compile(r"(?:\b(?:can'?t|cannot|can not|unable to|hard to|impossible to|difficult to|struggl\w* to|"
                       r"fail\w* to)\s+(?:\w+\s+)?(?:find|hire|get|recruit|keep)|\bnot enough|\bshortage of|"
                       r"\bshort of|\black of)\s+(?:enough\s+)?(?:[\w+#/-]+\s+){0,3}$", re.I)
_SHORT_OF_AFTER = re.compile(r"\s+(?:are|is)\s+(?:\w+\s+)?(?:impossible|hard|difficult|tough|a nightmare)\s+to\s+"
                             r"(?:find|hire|get|recruit|keep)\b")
_PEOPLE_PHRASE = re.compile(r"(?:ers|sts|devs|agents|staff)$")  # "developers", "security analysts", "support agents"
# ... or the work's phrase said of its people, when the company cannot hire or find them ("can't hire senior backend
# folks", "cannot find helpdesk people"; not "can't get our finance people to close the month")
_PEOPLE_AFTER = re.compile(r"\s+(?:folks|people|guys|talent|staff|hires|engineers|devs|developers|specialists|experts|"
                           r"techs|technicians)\b(?!\s+to\s)")
_HIRING = re.compile(r"\b(?:hire|hiring|recruit\w*|find|finding|shortage|short|lack|enough)\b")


def people_short_of(kind: str, text: str) -> list[str]:
    """The values whose people the text says the company cannot find or hire enough of ("Cannot find enough developers
    here", "security analysts are impossible to hire": software_development, cybersecurity): the work those people do
    is the work to move."""
    lowered = text.lower()
    return [value for value, phrases in vocabulary()[kind].items()
            if any(_SHORT_OF.search(lowered[:m.start()]) or _SHORT_OF_AFTER.match(lowered[m.end():])
                   for phrase in phrases if phrase in lowered and phrase not in _PRONOUNS  # "IT people": any IT
                   for m in _said(phrase).finditer(lowered)
                   if _PEOPLE_PHRASE.search(phrase) or (_PEOPLE_AFTER.match(lowered[m.end():])
                                                        and _HIRING.search(lowered[max(0, m.start() - 40):m.start()])))]


def only_negated(kind: str, value: str, text: str, taken_back: Callable[[str, int, int], bool]) -> bool:
    """Whether the text names `value` only to take it back ("what if budget wasn't an issue", "security as
    well, not cost"): each of the value's phrases it says is, by `taken_back(text, start, end)`. A reader's
    reading does not tell the words it came from."""
    lowered = text.lower()
    said = [m for phrase in vocabulary()[kind][value] if phrase in lowered for m in _said(phrase).finditer(lowered)]
    return bool(said) and all(taken_back(lowered, m.start(), m.end()) for m in said)
