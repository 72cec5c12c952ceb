"""Learned readers of the answers to the four choice questions: goals, function, control, proximity.

An owner rarely answers in the words of a list ("someone answering at 3am", "it'd be our own
subsidiary"). Each reader is a logistic regression over what the message means and says:
- its words' vectors (spaCy's en_core_web_md), averaged, once over the words a negation governs and
  once over the others;
- how close its words and word pairs come to the phrases that name each value (vocabulary.yml), by
  cosine similarity, again apart for negated words: "without an outside firm" is near "outside firm"
  but negated, which the reader learns means control of one's own;
- its lemmas and lemma pairs, negated ones marked (negation.py).
Goals are read as a set (one yes/no reader per goal: an answer may name two); the other three as one
value or "none". Training uses scikit-learn; a trained reader is plain arrays, and reading a message
is a few dot products (no pickle: `to_arrays` / `from_arrays`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Iterable, Protocol, Sequence

import numpy as np

from understanding.negation import negated

KINDS = ("goals", "function", "control", "proximity")
MULTI = frozenset({"goals", "unsure"})  # "unsure": whether a reply answers nothing (train_unsure_reader)
NONE = "none"
NEGATED = "NOT_"


class Doc(Protocol):  # a spaCy Doc: iterable tokens with lemma_, lower_, vector, has_vector, ...
    def __iter__(self) -> Iterable[Any]: ...


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def content(doc: Doc) -> list[tuple[Any, bool]]:
    """The message's words that carry meaning, each with whether a negation governs it."""
    tokens = list(doc)
    return [(token, neg) for token, neg in zip(tokens, negated(tokens))
            if (any(c.isalpha() for c in token.text) or token.like_num) and not token.is_punct]  # "R&D" too


def terms(doc: Doc) -> list[str]:
    """Lemmas and lemma pairs, negated ones marked (stop words count: "our own", "no one")."""
    words = [(NEGATED if neg else "") + token.lemma_.lower() for token, neg in content(doc)]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def windows(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors of the message's words and word pairs (stop words left out), plain and negated."""
    words = [(token, neg) for token, neg in content(doc) if token.has_vector and not token.is_stop]
    if not words:
        width = len(doc.vocab.vectors.data[0]) if len(doc.vocab.vectors) else 300
        return np.zeros((0, width)), np.zeros((0, width))
    # All windows in a few array operations instead of several per window: the words, then each pair's mean, in
    # that order; each scaled to unit length as `_unit` does, norm by norm (the same figures to the last bit).
    vectors = np.array([token.vector for token, _ in words])
    rows = np.concatenate([vectors, (vectors[:-1] + vectors[1:]) / 2])
    norms = np.array([np.sqrt(row.dot(row)) for row in rows], dtype=rows.dtype)
    rows = rows / np.where(norms == 0, 1, norms)[:, None]
    flags = [neg for _, neg in words]
    negated_rows = np.array(flags + [a or b for a, b in zip(flags, flags[1:])])
    return rows[~negated_rows], rows[negated_rows]


def means(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """The unit mean of the message's plain windows and of its negated ones (zeros for none), as every reader weighs
    them."""
    plain, negs = _memo("windows", windows, doc)
    width = plain.shape[1]
    return (_unit(plain.mean(axis=0)) if len(plain) else np.zeros(width),
            _unit(negs.mean(axis=0)) if len(negs) else np.zeros(width))


def _memo(name: str, compute: Callable[[Doc], Any], doc: Doc) -> Any:
    """`compute(doc)`, kept in the parse's `user_data` for the span: the four readers and the whole-message
    and clause readings of one message read the same spans (the readers took a third of an opener's parse
    time, half of it computing the same windows again)."""
    whole = getattr(doc, "doc", doc)
    store = getattr(whole, "user_data", None)
    if not isinstance(store, dict):
        return compute(doc)
    key = ("understanding.reader", name, getattr(doc, "start", 0), getattr(doc, "end", None))
    if key not in store:
        store[key] = compute(doc)
    return store[key]


SPLITS = frozenset({"and", "plus", "also", "as", "well", ",", ";", ":", "(", ")", "&", "+", "/", ".", "!", "?", "–",
                    "—", "but", "because", "so", "though", "while"})


def clauses(doc: Doc) -> list[Any]:
    """The message's parts between "and", commas, full stops, brackets, "but" and the like, when there are
    several."""
    parts, start = [], 0
    tokens = list(doc)
    for index, token in enumerate(tokens):
        # A hyphen splits only as a dash between spaces ("cheap - and local"), not inside "e-commerce".
        if token.lower_ in SPLITS or (token.lower_ == "-" and index and tokens[index - 1].whitespace_):
            if index > start:
                parts.append(doc[start:index])
            start = index + 1
    if parts and start < len(tokens):
        parts.append(doc[start:])
    return [part for part in parts if any(t.is_alpha and not t.is_stop for t in part)
            and not SAME_ADVICE.match(part.text) and not _greeting(part)] + sentences(doc)


# The words of a greeting that is a part of its own ("Good day. Mining services company, ..."): the proximity reader
# hears "day" as working hours.
GREETING_WORDS = frozenset({"howdy", "g'day", "gday", "good", "day", "there", "all", "everyone", "dear", "sir", "madam",
                            "greetings"})  # with GREETINGS (below)


def _greeting(part: Any) -> bool:
    """Whether a part of a message is a greeting and nothing else."""
    words = [t.lower_ for t in part if not t.is_punct and not t.is_space]
    return bool(words) and all(word in GREETING_WORDS or word in GREETINGS for word in words)


# "Same answer?", "still the same result?": a question about the advice after a change, which says nothing of the
# company (the proximity reader hears "same" as the same working hours).
SAME_ADVICE = re.compile(r"^\W*(?:(?:is it|would it be|is that|still|so)\s+)*(?:the\s+)?same\s+(?:answer|result|"
                         r"recommendation|advice|outcome|verdict|conclusion|thing|again)\b", re.I)


def sentences(doc: Doc) -> list[Any]:
    """The message's sentences of three words or more that say something, when there are several: a sentence can say a
    goal that its clauses say only together ("our managers spend whole day on IT problems, not on business") and the
    whole message drowns. A greeting or "Two problems." is no sentence of its own: the rest would read as the whole."""
    parts, start = [], 0
    tokens = list(doc)
    for index, token in enumerate(tokens):
        if token.lower_ in (".", "!", "?", ";") or index == len(tokens) - 1:
            end = index if token.is_punct else index + 1  # as a clause ends: one reading for both when they are one
            if sum(t.is_alpha and not t.is_stop for t in doc[start:end]) >= 3:
                parts.append(doc[start:end])
            start = index + 1
    return parts if len(parts) > 1 else []


NOMINAL = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
# The kinds whose values a group of nouns names by itself: the work ("our claims admin") and the set-up
# ("our own plant", "an outside firm"). Goals and closeness are said by the words around the nouns:
# "callers from every time zone" is no wish for the same hours.
NAMED_BY_NOUNS = frozenset({"function", "control"})
# "Our company is in Osaka": the company itself says nothing of who would employ the people doing the work ("our own
# company", "an outside firm" do).
THE_COMPANY = frozenset({"company", "business", "firm", "organisation", "organization", "shop", "agency", "startup",
                         "group", "practice"})
OURS = frozenset({"our", "my", "the", "this"})
# "an agency in our own time zone": a group that ends in a time names when the work is done, not who does it or what
# it is.
TIMES = frozenset({"zone", "zones", "timezone", "timezones", "time", "hours", "hour", "day", "days", "week", "weeks",
                   "shift", "shifts", "morning", "mornings", "evening", "evenings", "night", "nights"})

# "we are building our own patient app": a group that ends in what the work makes or runs on says whose product it is,
# not who would employ the people doing the work (the set-up): `products`.
PRODUCTS = frozenset({"app", "apps", "application", "applications", "portal", "portals", "platform", "platforms",
                      "software", "website", "websites", "product", "products", "tool", "tools", "code", "codebase",
                      "system", "systems", "database", "databases", "server", "servers", "cloud", "crm", "erp", "data",
                      "brand", "brands", "range", "design", "designs",
                      # ... or its own affairs ("we're terrible at our own admin: payroll, HR paperwork, our own books")
                      "admin", "books", "accounts", "bookkeeping", "paperwork", "payroll", "files", "records"})


def noun_groups(doc: Doc, besides: Sequence[tuple[int, int]] = (), work: bool = False,
                set_up: bool = False) -> list[Any]:
    """The message's runs of nouns with their determiners, possessives and adjectives ("our own
    manufacturing site", "the claims admin"): where a long message names the work or the set-up it
    means, which the clause around it ("wanting to outsource our helpdesk to someone local") dilutes.
    A group a negation governs is left out: alone it would read as wanted ("not the helpdesk, the payroll");
    so is one that overlaps a span in `besides` (character offsets), one that names only the company itself, and one
    that ends in a time ("our own time zone"). For the set-up's reader (`set_up`), our own work said to be in a sorry
    state ("our own admin is a disaster") says whose the work is, not who should do it, unless it ends in who or where
    ("our own team is overloaded") or in whose hands it is; "what if we ran our own support" and "our own IT is
    non-negotiable" still say who."""
    groups, start = [], None
    tokens = list(doc)
    negations = negated(tokens)
    for index, token in enumerate(tokens + [None]):
        if token is not None and (token.pos_ in NOMINAL or token.tag_ == "PRP$"):
            start = index if start is None else start
            continue
        group = tokens[start:index] if start is not None else []
        nouns = [t for t in group if t.pos_ in ("NOUN", "PROPN")]
        only_the_company = all(t.lower_ in THE_COMPANY or t.lower_ in OURS for t in group)
        # "our own admin is a disaster": the sorry state of our own work, not who should do it
        owned_work = set_up and bool(nouns) and any(t.lower_ == "own" for t in group) \
            and nouns[-1].lower_ not in HELD and token is not None and token.lemma_ == "be" \
            and any(t.lower_ in SORRY_STATES for t in tokens[index + 1:index + 5])
        if nouns and not only_the_company and nouns[-1].lower_ not in TIMES and not any(negations[start:index]) \
                and not owned_work:
            first, last = tokens[start].idx, tokens[index - 1].idx + len(tokens[index - 1])
            if not any(a < last and first < b for a, b in besides):
                groups.append(doc[start:index])
                # "our own engineering hub", "a support centre of our own": the words before who or where say the
                # work, which "own" and "hub" drown (`work`: for the work's reader; not "a software company")
                if work and nouns[-1].lower_ in SITES and any(t.lower_ == "own" for t in tokens[start:index + 3]):
                    named = [i for i in range(start, index - 1) if tokens[i].pos_ in ("NOUN", "PROPN", "ADJ")
                             and tokens[i].lower_ not in OURS and tokens[i].lower_ != "own"]
                    if named:
                        groups.append(doc[named[0]:index - 1])
        start = None
    return groups


# What the company is ("a cybersecurity product company", "we're a global logistics firm", "a 24 hour plumbing
# business") names its trade, not what it wants: no goal is read from those words. The words before the group tell
# its role (Rasa's spaCy runs without the parser): a fragment of its own, what we are, run or own, where someone works
# ("CTO at a payments company"); not what we want to become ("become a global company", "to be a global business").
TRADE_HEADS = THE_COMPANY | frozenset({"consultancy", "studio", "chain", "brand", "charity", "manufacturer", "maker",
                                       "retailer", "wholesaler", "distributor", "operator", "brokerage", "insurer",
                                       "vendor", "supplier"})  # "we're a security software vendor"
OWNED = frozenset({"run", "own", "manage"})
WORK_AT = frozenset({"at", "of"})  # "CTO at a payments company", "director of a furniture factory"
WORK_IN = frozenset({"for", "in"})  # ... after "work": "I work for a bank"; not "looking for a cheaper IT firm"
WE_ARE = frozenset({"we", "i", "it", "this", "which", "who", "company", "business", "firm"})  # "we're a", "it is a"
GREETINGS = frozenset({"hi", "hello", "hey", "hiya", "morning", "afternoon", "evening"})


def _says_what_we_are(tokens: list[Any], start: int) -> bool:
    """Whether the group of nouns at tokens[start] says what the company is, by the words before it."""
    before = start - 1
    while before >= 0 and tokens[before].pos_ == "ADV":  # "we're just a small ..."
        before -= 1
    if before < 0 or tokens[before].is_punct or tokens[before].lower_ in GREETINGS:
        return True
    word = tokens[before]
    if word.lemma_ == "be":  # what we are, not what we need ("what we need is a 24/7 support firm") or would be
        return before == 0 or tokens[before - 1].lower_ in WE_ARE
    return word.lemma_ in OWNED or word.lower_ in WORK_AT or (
        word.lower_ in WORK_IN and before > 0 and tokens[before - 1].lemma_ == "work")


def company_itself(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of the groups of nouns that say what the company is (TRADE_HEADS above)."""
    tokens = list(doc)
    spans = []
    for index, token in enumerate(tokens):
        if token.pos_ != "NOUN" or token.lower_ not in TRADE_HEADS:
            continue
        start = index
        while start and (tokens[start - 1].pos_ in NOMINAL or tokens[start - 1].tag_ == "PRP$") \
                and tokens[start - 1].lower_ not in TRADE_HEADS:
            start -= 1
        named = any(t.pos_ != "DET" and t.lower_ not in OURS for t in tokens[start:index])  # not "our company" alone
        if named and _says_what_we_are(tokens, start):
            spans.append((tokens[start].idx, token.idx + len(token)))
    return spans


# Who does the work or where: a group naming one of these is a set-up, whatever product it names beside it ("our own
# staff and systems over there").
SET_UP = frozenset({"team", "teams", "staff", "people", "engineers", "developers", "employees", "centre", "center",
                    "office", "offices", "subsidiary", "site", "sites", "entity", "hub", "branch", "plant", "factory",
                    "unit", "department", "company", "operation", "studio", "studios"})
SITES = SET_UP - THE_COMPANY  # a set-up that is a site or a team, not the company itself ("our own hub", "a studio")
HELD = SET_UP | frozenset({"hands", "roof", "control", "folks", "workers", "analysts", "agents", "crew"})
SORRY_STATES = frozenset({"disaster", "mess", "nightmare", "chaos", "shambles", "joke", "broken", "slow", "outdated",
                          "old", "ancient", "unreliable", "terrible", "awful", "bad", "horrible", "hopeless",
                          "overloaded", "struggling", "behind", "expensive", "costly", "failing", "down", "poor",
                          "painful", "headache", "burden", "problem", "killing", "drowning"})


# What a company does to a site of its own still to come ("to open our own engineering hub", "we want our own studio
# there"), as against one it already runs ("I run my own accounting firm", "I started my own practice").
TO_COME = frozenset({"open", "set", "build", "establish", "launch", "create", "want", "need", "start", "get"})


def trades(doc: Doc, tagged: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the character spans tagged as the company's trade, those that are not a site of its own still to come: "a
    40-person accounting firm" is the company, "to open our own engineering hub" the work it would move."""
    kept = []
    for start, end in tagged:
        before = [t for t in doc if t.idx < start][-4:]  # Rasa's spaCy runs without the parser: the words before
        to_come = any(t.lemma_ in TO_COME and t.tag_ not in ("VBD", "VBN") for t in before)
        site = [t.lower_ for t in doc if start <= t.idx < end][-1:]  # a hub, a studio; not "my own accounting firm"
        ours = any(t.lower_ == "own" for t in before[-2:])
        if not (to_come and ours and site and site[0] in SITES):
            kept.append((start, end))
    return kept


def products(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of the groups of nouns, "and" or "or" between them, that say "own" and end in a product, a
    system or the company's own affairs ("our own BIM and simulation software", "our own patient app and portal", "our
    own books"), and name no people or site."""
    tokens = list(doc)
    spans, start = [], None
    for index, token in enumerate(tokens + [None]):
        joins = token is not None and token.pos_ == "CCONJ" and start is not None and index + 1 < len(tokens) \
            and tokens[index + 1].pos_ in NOMINAL
        if token is not None and (token.pos_ in NOMINAL or token.tag_ == "PRP$" or joins):
            start = index if start is None else start
            continue
        group = tokens[start:index] if start is not None else []
        if group and group[-1].lower_ in PRODUCTS and any(t.lower_ == "own" for t in group) \
                and not any(t.lower_ in SET_UP for t in group):
            spans.append((group[0].idx, group[-1].idx + len(group[-1])))
        start = None
    return spans


# "I own three guesthouses", "we own two hotels and a spa": the business the owner has, not a wish to keep the work in
# their own hands ("we want to own it", "to own the centre" are wishes; "we own a subsidiary in Manila" is a set-up);
# also said for someone else ("I'm doing this for my dad, he owns a small vineyard near Nelson").
OWNERS = frozenset({"i", "we", "family", "he", "she", "dad", "mum", "mom", "father", "mother", "husband", "wife",
                    "brother", "sister", "uncle", "aunt", "boss"})
OWNER_ADVERBS = frozenset({"also", "already", "currently", "jointly", "now", "still"})
COUNTING = frozenset({"a", "an", "several", "many", "some"})


def businesses_owned(doc: Doc) -> list[tuple[int, int]]:
    """The character spans from "own" through the group of nouns after it, counted ("a", a number), where the owner
    says what they own ("I own three guesthouses"); not people or a set-up ("we own a subsidiary", HELD), nor "own
    it", "own the process"."""
    tokens = list(doc)
    spans = []
    for index, token in enumerate(tokens[:-1]):
        if token.lemma_ != "own" or token.pos_ not in ("VERB", "AUX"):
            continue
        before = index - 1
        while before >= 0 and tokens[before].lower_ in OWNER_ADVERBS:
            before -= 1
        counted = tokens[index + 1].pos_ == "NUM" or tokens[index + 1].lower_ in COUNTING
        if before < 0 or tokens[before].lower_ not in OWNERS or not counted:
            continue
        end = index + 1
        while end < len(tokens) and (tokens[end].pos_ in NOMINAL or tokens[end].tag_ == "PRP$" or (
                tokens[end].pos_ == "CCONJ" and end + 1 < len(tokens) and tokens[end + 1].pos_ in NOMINAL) or (
                # the hyphen inside a word of the group: "an agro-inputs distribution company"
                tokens[end].text == "-" and not tokens[end - 1].whitespace_ and end + 1 < len(tokens)
                and tokens[end + 1].pos_ in NOMINAL)):
            end += 1
        nouns = [t for t in tokens[index + 1:end] if t.pos_ in ("NOUN", "PROPN")]
        if nouns and not any(t.lower_ in HELD - THE_COMPANY for t in nouns):
            spans.append((token.idx, tokens[end - 1].idx + len(tokens[end - 1])))
    return spans


def not_set_ups(doc: Doc) -> list[tuple[int, int]]:
    """The spans the set-up's reader leaves out: our own product ("we're building our own patient app"), the
    business the owner owns ("I own three guesthouses"), a shared-services department ("VP shared services") and a
    partner of the firm itself ("the managing partner of a law firm") say nothing of who should do the work."""
    return sorted(products(doc) + businesses_owned(doc) + shared_services(doc) + partners_of_the_firm(doc))


# Who is writing, said first ("Dana here, VP ...", "Hi, Lars here.", "CTO here, ..."): the proximity reader hears
# "here" as on site. At the start of the message or after a greeting only, and a name or a role ("Onsite here, please",
# "Ideally here." and "One guy here, rest can be remote" are wishes).
SPEAKER = re.compile(r"^\W*(?:(?:hi|hey|hello|hiya|hei|hallo|ola|olá|oi|morning|"
                     r"good (?:morning|afternoon|evening|day))\W+(?:there\W+|all\W+)?)?"
                     r"((?:[\w'.&-]+\s+){1,3}?here)(?=\s*(?:[,.!:;(-]|$))", re.I)
ROLES = frozenset({"ceo", "cto", "cfo", "coo", "cio", "ciso", "cmo", "md", "gm", "vp", "owner", "founder",
                   "co-founder", "cofounder", "manager", "director", "head", "admin", "administrator", "accountant",
                   "bookkeeper", "lead", "president", "partner", "chairman", "secretary", "controller"})
# "VP shared services", "head of shared services", "finance shared services": a department that runs the work for the
# whole group, not the control shared with a partner (not "we want a shared service with our MSP", nor "our own shared
# services centre", a set-up the set-up's reader reads whole).
SHARED_SERVICES = re.compile(r"\b(?:vp|svp|evp|head|director|manager|lead|finance|financial|accounting|hr|it|global|"
                             r"group|business)\s+(?:of\s+|for\s+|,\s*)?(shared[- ]services?)\b"
                             r"(?!\s+(?:centre|center|centres|centers|hub|office|unit|organi[sz]ation|team|company|"
                             r"entity|site|operation)\b)", re.I)


def speaker(doc: Doc) -> list[tuple[int, int]]:
    """The character span in which the writer says who they are (SPEAKER): a name or a role before "here"."""
    found = SPEAKER.match(doc.text)
    if not found:
        return []
    words = [t for t in doc if found.start(1) <= t.idx < found.end(1) and t.lower_ != "here"]
    # a person's name to spaCy, or a name that is no everyday word ("Mikko"; "Onsite" is a word), or a role
    named = bool(words) and (all(t.ent_type_ == "PERSON" or (
        t.pos_ == "PROPN" and t.vocab.strings[t.lower_] not in t.vocab.vectors.key2row) for t in words)
        or words[-1].lower_ in ROLES)
    return [found.span(1)] if named else []


def shared_services(doc: Doc) -> list[tuple[int, int]]:
    """The character spans naming a shared-services department (SHARED_SERVICES)."""
    return [found.span(1) for found in SHARED_SERVICES.finditer(doc.text)]


# A partner of the firm itself, the writer's rank or one of the owners ("the managing partner of a law firm", "I'm one of
# the partners", "a founding partner"): no partner to share the work with (not "a partner firm", "a partner to share
# it").
FIRM_PARTNER = re.compile(r"\b(?:managing|founding|senior|junior|equity|salaried|name|named|co-managing)\s+partners?\b|"
                          r"\b(?:i'?m|i am|we(?:'re| are)) (?:a|the|one of the|two of the) (?:\w+ )?partners?\b"
                          r"(?!\s+(?:firm|company|agency|provider|vendor|to|who|that|for)\b)", re.I)


def partners_of_the_firm(doc: Doc) -> list[tuple[int, int]]:
    """The character spans naming a partner of the firm itself (FIRM_PARTNER)."""
    return [found.span() for found in FIRM_PARTNER.finditer(doc.text)]


def outside(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Any]:
    """The parts of `doc` between the character `spans`, those that say something."""
    tokens = list(doc)
    parts, start = [], 0
    for index, token in enumerate(tokens + [None]):
        inside = token is not None and any(a <= token.idx < b for a, b in spans)
        if token is None or inside:
            if index > start:
                parts.append(doc[start:index])
            start = index + 1
    return [part for part in parts if any(t.is_alpha and not t.is_stop for t in part)]


CONTRAST = frozenset({"but", "however", "although", "except"})
# "provided they work our hours"; not "the IT currently provided in-house"
CONDITION = frozenset({"provided", "providing"})
CONDITION_SUBJECTS = frozenset({"that", "they", "we", "it", "you", "someone", "somebody", "there", "the", "our"})
WEIGHS_MORE = 0.5  # how probable a value must be in the clause after "but" to outweigh the whole message
# A closeness the whole message reads this surely is not overturned by a part of it: "... the tax reports take all my
# evenings. Somebody can do this for us, they can be anywhere" (remote 0.77 as a whole; "evenings" reads as our hours).
# The work and the set-up are named by nouns, which a long message dilutes, and goals are a set: their parts count.
WHOLE_HOLDS = 0.6


def _turns_at(tokens: list[Any], index: int) -> bool:
    """Whether the message turns at tokens[index]: "but", "however", ..., "provided they ...", or the last word of "as
    long as", "so long as" ("remote is fine as long as they work our hours": the condition is what is meant)."""
    if tokens[index].lower_ in CONTRAST:
        return True
    if tokens[index].lower_ in CONDITION:
        return index + 1 < len(tokens) and tokens[index + 1].lower_ in CONDITION_SUBJECTS
    return index >= 2 and tokens[index].lower_ == "as" and tokens[index - 1].lower_ == "long" \
        and tokens[index - 2].lower_ in ("as", "so")


# Words right after "but" that take back what came before: "maybe a partner could do it... but no, our own people"
RETRACTING = frozenset({"no", "nah", "actually", "honestly", "realistically", "rather", "instead", "then"})
# ... and words after it that state a wish or a change rather than a part kept: "a partnership sounds nice but we want
# our own team", "we run it ourselves now, but we'd prefer a provider to take it over", "but in the end ..."
WISHING = frozenset({"want", "wants", "wanted", "prefer", "prefers", "rather", "now", "instead", "eventually", "end",
                     "hope", "wish", "plan", "plans", "future", "anymore", "longer", "switch", "move"})
# ... and, beside one end of the set-up, the other end kept in part: "... but our supervisor stays to control the
# quality", "our engineers must check all they do, but they can have their own team leader"
KEEPING = frozenset({"keep", "keeps", "keeping", "stay", "stays", "staying", "check", "checks", "control", "controls",
                     "oversee", "oversees", "overseeing", "supervise", "supervises", "supervisor", "supervisors",
                     "decide", "decides", "decisions", "say", "charge", "loop", "involved", "review", "reviews"})
SET_UP_ENDS = frozenset({"full", "hands_off"})  # the set-ups at either end: all ours, all theirs


def _splits_the_work(head: dict[str, float], tail: dict[str, float], turn: Any, words: Any,
                     words_before: Any = ()) -> bool:
    """Whether a set-up answer shares the work out across "but" rather than changing its mind: a partnership, then
    the part one side keeps ("with a partner, but we keep our own supervisors"; "my team keeps the architecture
    decisions, but the provider does the heavy lifting"), or one end and then the other, with a part kept on either
    side ("a company that runs it with us, but our supervisor stays to control the quality"); not a first part taken
    back ("... but no, we want our own people") or a wish or change after it ("I thought about a partnership but we'd
    rather keep it in-house", "our own team does it now, but we want a provider to take it all"). In the blind owners'
    answers with a "but", the clause after it named one end in ten answers whose writer meant a partnership (eight of
    them now read so) and in one that meant that end, which took the first part back. `words_before`: the words before
    "but"."""
    after = {token.lower_ for token in words}
    first = next((token.lower_ for token in words if token.is_alpha), None)
    if turn.lower_ not in CONTRAST or first is None or first in RETRACTING or WISHING & after \
            or "like" in after and {"'d", "’d", "would"} & after:
        return False
    said_first, said_after = (max((label for label in part if label != NONE), key=part.get) for part in (head, tail))
    if head[said_first] < WEIGHS_MORE or tail[said_after] < WEIGHS_MORE or said_after not in SET_UP_ENDS:
        return False
    kept = KEEPING & (after | {token.lower_ for token in words_before})
    return said_first == "shared" or ({said_first, said_after} == SET_UP_ENDS and bool(kept))


def after_contrast(doc: Doc) -> Any:
    """The part after the message's last "but" ("remote is fine, but someone must be in the hotel
    within the hour") or "as long as", when it says something; else None. The clause after it is the one meant."""
    tokens = list(doc)
    turns = [index for index in range(len(tokens)) if _turns_at(tokens, index)]
    if not turns:
        return None
    tail = doc[turns[-1] + 1:]
    return tail if any(t.is_alpha and not t.is_stop for t in tail) else None


@dataclass
class Reader:
    """One kind's reader: its labels and the weights over its features."""

    kind: str
    labels: list[str]  # single-label: the values and NONE; goals: the values
    prototypes: list[np.ndarray]  # per value (labels without NONE, in order): unit vectors of its phrases
    vocabulary: dict[str, int]  # sparse term -> column
    weights: np.ndarray  # labels x features
    bias: np.ndarray  # labels

    @property
    def values(self) -> list[str]:
        return [label for label in self.labels if label != NONE]

    @cached_property
    def _all_prototypes(self) -> tuple[np.ndarray, np.ndarray]:
        """Every value's prototypes in one matrix, and the row where each value's rows begin: one product per span
        instead of one per value. A value without prototypes gets a row of zeros (a cosine of 0), as `train_reader`
        gives it."""
        width = max((p.shape[1] for p in self.prototypes if p.ndim == 2 and len(p)), default=300)
        rows = [p if len(p) else np.zeros((1, width)) for p in self.prototypes]
        return np.vstack(rows), np.cumsum([0] + [len(p) for p in rows[:-1]])

    def _nearest(self, rows: np.ndarray) -> np.ndarray:
        """Per value, the highest cosine between one of `rows` and one of its prototypes (0 without rows)."""
        if not len(rows) or not self.prototypes:
            return np.zeros(len(self.prototypes))
        stacked, starts = self._all_prototypes
        return np.maximum.reduceat((rows @ stacked.T).max(axis=0), starts)

    def dense(self, doc: Doc) -> np.ndarray:
        plain, negs = _memo("windows", windows, doc)
        return np.concatenate([*_memo("means", means, doc), self._nearest(plain), self._nearest(negs)])

    def features(self, doc: Doc) -> tuple[np.ndarray, list[int]]:
        columns = sorted({self.vocabulary[t] for t in _memo("terms", terms, doc) if t in self.vocabulary})
        return self.dense(doc), columns

    def scores(self, doc: Doc) -> dict[str, float]:
        """Each label's probability: softmax over labels, or for goals each goal's own yes/no. Once per span: the
        whole-message and the clause readings of one message score the same spans."""
        return dict(_memo(f"scores {self.kind} {id(self)}", self._scores, doc))

    def _scores(self, doc: Doc) -> dict[str, float]:
        dense, columns = self.features(doc)
        width = len(dense)
        logits = self.weights[:, :width] @ dense + self.weights[:, width + np.array(columns, dtype=int)].sum(axis=1) \
            + self.bias if columns else self.weights[:, :width] @ dense + self.bias
        if self.kind in MULTI:
            probabilities = 1 / (1 + np.exp(-logits))
        else:
            shifted = np.exp(logits - logits.max())
            probabilities = shifted / shifted.sum()
        return {label: round(float(p), 4) for label, p in zip(self.labels, probabilities)}

    def read(self, doc: Doc, by_part: bool = False, besides: Sequence[tuple[int, int]] = ()) -> list[dict[str, Any]]:
        """The values, most likely first, with their confidence (NONE left out). Goals are also read
        clause by clause ("cut costs and get the know-how we lack"): a goal counts as sure as its
        surest reading, since an answer that names two goals reads like neither as a whole. One value
        of the other kinds: the clause after "but", when it names one, outweighs the rest, parts too. `by_part`
        reads the other kinds so too: a message that tells several facts ("60 staff in Cardiff, we need
        helpdesk support, someone local") reads like none of them as a whole, but each clause may say one,
        and for the work and the set-up each group of nouns ("our helpdesk", "our own plant") outside the
        `besides` spans. Goals and the set-up with `besides` read no surer than the words outside those spans."""
        if self.kind in ("goals", "control", "proximity") and besides:
            return self._read_outside(doc, besides)
        return self._read(doc, by_part, besides)

    def _read(self, doc: Doc, by_part: bool, besides: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
        scores = self.scores(doc)
        tail = after_contrast(doc) if self.kind not in MULTI else None
        read_from = doc
        if tail is not None:
            weighed = self.scores(tail)
            if max(p for label, p in weighed.items() if label != NONE) >= WEIGHS_MORE:
                scores, read_from = weighed, tail  # its parts too: "no need to come on site but ... our hours"
            head = doc[:tail.start - 1]
            # (a reply to the question, read whole: a message read by its parts is read for each fact it tells)
            if self.kind == "control" and not by_part and len(head) \
                    and _splits_the_work(head_read := self.scores(head), weighed, doc[tail.start - 1], tail, head):
                # as sure as the less sure of its two parts
                sure = min(max(p for label, p in part.items() if label != NONE) for part in (head_read, weighed))
                scores, read_from = {**{label: 0.0 for label in scores}, "shared": sure}, doc
        first = max(scores, key=scores.get) if scores else None
        if self.kind in MULTI or by_part:
            grouped = noun_groups(read_from, besides, work=self.kind == "function", set_up=self.kind == "control") \
                if by_part and self.kind in NAMED_BY_NOUNS else []
            holds = self.kind not in MULTI and self.kind not in NAMED_BY_NOUNS and first != NONE \
                and scores[first] >= WHOLE_HOLDS
            self._raise_by_parts(scores, clauses(read_from) + grouped,
                                 {label: 1.0 if label == first else scores[first] for label in scores} if holds else None)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0] != first))
        return [{"value": label, "confidence": p} for label, p in ranked if label != NONE]

    def _read_outside(self, doc: Doc, besides: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
        """Goals, the set-up and the closeness read as the whole message reads them, but no surer than the words outside
        the `besides` spans read, each part and its clauses: leaving words out may only take a value away (a shorter
        part reads surer)."""
        whole = {read["value"]: read["confidence"] for read in self._read(doc, True, ())}
        scores = {label: 0.0 for label in whole}
        parts = [part for piece in outside(doc, besides) for part in [piece] + clauses(piece)]
        self._raise_by_parts(scores, parts, whole)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        return [{"value": label, "confidence": p} for label, p in ranked]

    def _raise_by_parts(self, scores: dict[str, float], parts: Sequence[Doc],
                        cap: dict[str, float] | None = None) -> None:
        """Each value's score raised to its surest reading in any of `parts`, no higher than `cap` gives it."""
        for part in parts:
            for label, p in self.scores(part).items():
                if label != NONE:
                    scores[label] = max(scores[label], p if cap is None else min(p, cap[label]))

    def to_arrays(self) -> tuple[dict, dict[str, np.ndarray]]:
        """JSON-able settings and the arrays to store beside them."""
        arrays = {"weights": self.weights, "bias": self.bias}
        arrays.update({f"prototype_{i}": p for i, p in enumerate(self.prototypes)})
        return {"kind": self.kind, "labels": self.labels, "vocabulary": self.vocabulary}, arrays

    @classmethod
    def from_arrays(cls, settings: dict, arrays: dict[str, np.ndarray]) -> "Reader":
        values = [label for label in settings["labels"] if label != NONE]
        return cls(settings["kind"], settings["labels"], [arrays[f"prototype_{i}"] for i in range(len(values))],
                   settings["vocabulary"], arrays["weights"], arrays["bias"])


def train_reader(kind: str, docs: Sequence[Doc], labels: Sequence[list[str]], phrases: dict[str, list[Doc]],
                 regularisation: float = 4.0, min_count: int = 2) -> Reader:
    """A reader of `kind` from parsed examples and each example's values ([] when it names none).
    `phrases` gives, per value, the parsed phrases that name it (its prototypes)."""
    from scipy import sparse  # noqa: PLC0415 (training only)
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    values = sorted(phrases)
    prototypes = [np.array([_unit(p.vector) for p in phrases[v] if p.has_vector] or [np.zeros(300)])
                  for v in values]
    counts: dict[str, int] = {}
    for doc in docs:
        for term in set(terms(doc)):
            counts[term] = counts.get(term, 0) + 1
    vocabulary = {term: i for i, term in enumerate(sorted(t for t, c in counts.items() if c >= min_count))}
    reader = Reader(kind, values if kind in MULTI else values + [NONE], prototypes, vocabulary,
                    np.zeros((0, 0)), np.zeros(0))
    dense = np.array([reader.dense(doc) for doc in docs])
    rows, cols = [], []
    for row, doc in enumerate(docs):
        for column in {vocabulary[t] for t in terms(doc) if t in vocabulary}:
            rows.append(row)
            cols.append(column)
    bag = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocabulary)))
    x = sparse.hstack([sparse.csr_matrix(dense), bag]).tocsr()
    fit = lambda y: LogisticRegression(C=regularisation, max_iter=2000).fit(x, y)  # noqa: E731
    if kind in MULTI:
        models = [fit(np.array([value in example for example in labels])) for value in values]
        reader.weights = np.vstack([m.coef_[0] for m in models])
        reader.bias = np.array([m.intercept_[0] for m in models])
    else:
        y = np.array([example[0] if example else NONE for example in labels])
        model = fit(y)
        order = [list(model.classes_).index(label) for label in reader.labels]
        if len(model.classes_) == 2:  # scikit-learn keeps one row for two classes
            coef = np.vstack([-model.coef_[0], model.coef_[0]]) / 2
            bias = np.array([-model.intercept_[0], model.intercept_[0]]) / 2
        else:
            coef, bias = model.coef_, model.intercept_
        reader.weights, reader.bias = coef[order], bias[order]
    return reader


class Parses:
    """spaCy's parses of texts, each text parsed once and many at a time: the readers learn from thousands of texts,
    several readers from the same ones, and spaCy parses a batch several times faster than one text at a time."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.docs: dict[str, Doc] = {}

    def __call__(self, text: str) -> Doc:
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[Doc]:
        new = [text for text in dict.fromkeys(texts) if text not in self.docs]
        self.docs.update(zip(new, self.nlp.pipe(new, batch_size=256)))
        return [self.docs[text] for text in texts]


FRAMES = ("our {}", "the {} work")
# How an owner strings two goals together; a pair of single-goal answers joined so teaches each goal's reader
# that another goal's words beside its own take nothing away ("cut costs, and also keep our developers").
JOINS = (", and also ", ". Also ", " and ", ", plus ", ". ", "; and ")


def paired(examples: Sequence[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Two-goal answers made of the single-goal ones: each joined with one a few places on (in a fixed order) that
    names another goal. Without them, every answer naming one goal is a no for all the others, and a second goal
    told beside a first reads improbable ("we need to cut costs badly, and keep our good developers")."""
    singles = sorted((text.strip().rstrip(".!"), goals[0]) for text, goals in examples if len(goals) == 1)
    pairs = []
    for index, (text, goal) in enumerate(singles):
        step = 1 + index % 7  # partners at several distances, so that no two goals are always paired
        other = next(((t, g) for t, g in singles[index + step:] + singles[:index] if g != goal), None)
        if other is not None:
            pairs.append((text + JOINS[index % len(JOINS)] + other[0], [goal, other[1]]))
    return pairs


def train_readers(parse: Parses, examples: Iterable[tuple[str, dict[str, list[str]]]],
                  vocabulary: dict[str, dict[str, list[str]]]) -> dict[str, Reader]:
    """One reader per kind, from (text, {kind: values}) examples (a kind missing from an example: it
    says nothing of that kind; None: not labelled for it) and the vocabulary's phrases (also examples of their
    value)."""
    examples = list(examples)
    parsed = parse.many([text for text, _ in examples])
    readers = {}
    for kind in KINDS:
        # an example whose kind is None was not labelled for it (a set written for other kinds): left out of its reader
        told = [i for i, (_, found) in enumerate(examples) if found.get(kind, []) is not None]
        vocab_kind = "goal" if kind == "goals" else kind
        phrases = {value: parse.many([value.replace("_", " ")] + synonyms)
                   for value, synonyms in vocabulary[vocab_kind].items()}
        # The work is named in a message as "our bookkeeping", "the accounting work": the phrases so too,
        # or the words around them would read as none of the values.
        framed = {value: parse.many([frame.format(p) for p in [value.replace("_", " ")] + synonyms for frame in FRAMES
                                     if len(p) > 2 and not p.startswith(("our ", "the ", "my "))])
                  for value, synonyms in vocabulary[vocab_kind].items()} if kind == "function" else {}
        docs = [parsed[i] for i in told] + [doc for docs in phrases.values() for doc in docs] + [
            doc for docs in framed.values() for doc in docs]
        labels = [examples[i][1].get(kind, []) for i in told] + [
            [value] for value, docs_ in phrases.items() for _ in docs_] + [
            [value] for value, docs_ in framed.items() for _ in docs_]
        if kind in MULTI:
            pairs = paired([(text, found[kind]) for text, found in examples if found.get(kind)])
            docs += parse.many([text for text, _ in pairs])
            labels += [goals for _, goals in pairs]
        readers[kind] = train_reader(kind, docs, labels, phrases)
    return readers


# Words that say a reply answers nothing: the unsure reader's prototypes.
UNSURE_PHRASES = ("not sure", "no idea", "don't know", "you decide", "skip", "rather not say", "up to you", "depends",
                  "can't say", "haven't decided", "later", "no preference")


def train_unsure_reader(parse: Parses, unsure: Iterable[str], answers: Iterable[str]) -> Reader:
    """A reader of whether a reply to a question answers nothing ("hmm depends if you count the contractors,
    I'd rather not guess", "the board is still arguing about it"), from such replies and from replies that answer: one
    yes/no over the same features as the choice readers'. Its `scores(doc)["unsure"]` is the probability."""
    unsure, answers = list(unsure), list(answers)
    docs = parse.many(unsure + answers)
    labels = [["unsure"]] * len(unsure) + [[]] * len(answers)
    return train_reader("unsure", docs, labels, {"unsure": parse.many(list(UNSURE_PHRASES))})
