"""Which words of a message a negation governs: "without any outside firm", "we don't want to own it".

A reader that only sees words would take "no outside company" for the same answer as "an outside
company". Every word from a negation cue to the end of its clause is marked negated, as sentiment
analysis has long done (Das & Chen's scope marking); the readers then learn what a negated word
means ("not offshore", "without a third party") from examples instead of from a list of phrasings.
"""

from __future__ import annotations

import re
from typing import Iterable, Protocol

# "nt" is how spaCy splits a negation typed without its apostrophe: "didnt" is "did" + "nt", "cant" "ca" + "nt".
CUES = frozenset({"not", "n't", "nt", "no", "never", "without", "nothing", "none", "neither", "nor", "nobody",
                  "cannot", "dont", "wont", "avoid"})
# ... after the words it splits from ("NT" in "Darwin NT" is a place)
SPLIT_FROM = frozenset({"do", "does", "did", "ca", "wo", "is", "are", "was", "were", "have", "has", "had", "would",
                        "should", "could", "must", "need", "ai"})
# "rather than X", "instead of X": X is what the owner does not want ("I'd rather keep it" is not); "stop doing our
# own payroll": no more of our own ("stop" alone is no cue: "stop the hackers" wants security).
PAIRED_CUES = frozenset({("rather", "than"), ("instead", "of"), ("stop", "doing"), ("stop", "running"),
                         ("stop", "managing"), ("stop", "handling"), ("quit", "doing"), ("quit", "running")})
# "no more than an hour apart", "not later than nine": a limit, not a negation.
LIMITS = frozenset({"more", "less", "longer", "later", "further", "farther", "bigger", "greater", "fewer"})
# "cost and security, not just cost": the value is kept, with more beside it.
ADDITIVE = frozenset({"just", "only", "merely", "simply", "solely"})
# A clause ends at punctuation or a word that turns the sentence around: the negation stops there.
ENDS = frozenset({"but", "and", "so", "because", "while", "though", "yet", "we", "i", "-", "–", "—"})


class Token(Protocol):
    lower_: str
    is_punct: bool


def negated(tokens: Iterable[Token]) -> list[bool]:
    """For each token, whether a negation cue earlier in its clause governs it (the cue itself is not), or a
    dismissal later in it ("the hours don't matter", "time zones aren't an issue")."""
    tokens = list(tokens)
    marks, inside, clause = [], False, 0
    for index, token in enumerate(tokens):
        word = token.lower_
        before = tokens[index - 1].lower_ if index else ""
        if word in ENDS or token.is_punct:
            inside = False
            marks.append(False)
            clause = index + 1
        elif (word in CUES and not _limit(tokens, index) and (word != "nt" or before in SPLIT_FROM)
              and not _praises(tokens, index)) or (before, word) in PAIRED_CUES:
            if _dismisses(tokens, index):
                marks[clause:index] = [True] * (index - clause)
            inside = True
            marks.append(False)
        else:
            marks.append(inside)
    return marks


# What a negation says of the words before it: "... don't matter", "... isn't an issue", "... is no problem".
DISMISSED = frozenset({"matter", "matters", "issue", "problem", "concern", "object", "important", "priority", "big",
                       "point", "worry", "driver", "focus"})


def _dismisses(tokens: list[Token], index: int) -> bool:
    """Whether the cue at `index` dismisses what comes before it in its clause ("the hours don't matter")."""
    following = [token.lower_ for token in tokens[index + 1:index + 4]]
    after = tokens[index + 3] if index + 3 < len(tokens) else None
    ends = after is None or after.is_punct or after.lower_ in ENDS
    return (any(word in DISMISSED for word in following[:3]) and following[:1] != ["more"]) \
        or (following[:2] == ["so", "much"] and ends)  # "security not so much", not "... not so much security"


# "nothing beats someone turning up", "nobody does it better than a local firm": praise, not a negation.
PRAISED = frozenset({"beats", "beat", "compares", "better"})


def _praises(tokens: list[Token], index: int) -> bool:
    """Whether the cue at `index` opens praise of what follows ("nothing beats ...")."""
    following = [token.lower_ for token in tokens[index + 1:index + 3]]
    return tokens[index].lower_ in ("nothing", "nobody", "none") and bool(following) and (
        following[0] in PRAISED or following[:2] == ["does", "it"])


def _limit(tokens: list[Token], index: int) -> bool:
    """Whether the cue at `index` opens a limit ("no more than", "not later than") or adds to what it names
    ("not just cost")."""
    following = [token.lower_ for token in tokens[index + 1:index + 3]]
    if following and tokens[index].lower_ in ("not", "n't", "nt") and following[0] in ADDITIVE:
        return True
    return len(following) == 2 and following[0] in LIMITS and following[1] == "than"


# The same idea on plain text, for a value the NLU tagged: a negation cue at most three words before it
# ("not the IT", "instead of Vietnam", "not about saving money", "didn't need to come on site").
# Not across a word that ends the clause ("not sure but probably remote"), nor after a "no" that dismisses
# a worry ("no problem with the remote set-up").
_NEGATED_BEFORE = re.compile(
    # "forget about saving money", "what if we forgot about cost", "I take back the full control bit" (not "I
    # forgot to mention backups", nor "I forgot about backups too")
    r"(?:\b(?:not|no|never|without|nothing to do with|rather than|"
    r"(?:nobody|no one|no-one) (?:ever )?(?:has to|had to|needs|needed|must|should|will have to|would have to)(?: to)?|"
    r"instead of|dont|doesnt|didnt|wont|cant|"
    r"wouldnt|shouldnt|couldnt|"
    r"isnt|arent|wasnt|werent|havent|hasnt|forget (?:about|the)|(?<=if we )forgot about|take back|took back|"
    # "what if we dropped the security angle", "stopped caring about the hassle", "scratch cost"
    r"drop(?:ped)? (?:the|our)(?! ball)|scrap(?:ped)? (?:the|our)|ditch(?:ed)?|(?<!from )scratch|"
    # "scratch what I said about security", "ignore what we wrote about backups"
    r"(?:scratch|forget|ignore|disregard) what (?:i|we) (?:said|wrote|told you|put) about|"
    r"(?:shelve[ds]?|abandon(?:ed|s)?|park(?:ed|s)?) (?:the|our)|"
    r"stop(?:ped)? (?:caring|worrying) about|"
    r"(?:no longer|not) (?:care|bothered|worried) about)|n't)"
    # ... not "no its 54" (the "no" of a correction)
    r"(?!\s+(?:just|only|merely|simply|solely|problem|issue|worries|doubt|matter|it'?s|its|we'?re|i meant)\b)"
    r"\s+(?:(?!(?:but|and|so|because|while|though|yet)\b)\w+\s+){0,3}$", re.I)


# Two things dropped at once: "what if we forgot about the hours and the expertise" drops the expertise too (not "forget
# about cost and focus on security", which turns to another, nor "drop the on-site bit and security becomes the focus",
# whose second thing is said to stay: the list must end with it, _LIST_ENDS).
_DROPPED_BOTH = re.compile(r"\b(?:forget (?:about|the)|(?<=if we )forgot about|drop(?:ped)? (?:the|our)|"
                           r"scrap(?:ped)? (?:the|our)|ditch(?:ed)?)\s+(?:[\w/-]+\s+){0,3}?(?:and|&)\s+"
                           r"(?:the\s+|our\s+|all the\s+)?$", re.I)
_LIST_ENDS = re.compile(r"^\s*(?:$|and\b|or\b|[,.;:?!])", re.I)


def negated_before(text_before: str) -> bool:
    """Whether the text just before a tagged value negates it."""
    return bool(_NEGATED_BEFORE.search(text_before))


# A negation just after a tagged value: "cost isn't really the point", "price doesn't matter", "if money were no
# object".
_NEGATED_AFTER = re.compile(r"^\W*but (?:that|it|this) (?:was|is) (?:wrong|a mistake|a typo)\b|"  # "cost but that was wrong"
                            # "security mattered and cost didn't at all": the verb said before, left out, right after
                            # the value (not "... 24/7 support and we don't.", a lack)
                            r"^\s+(?:do|does|did)(?:n'?t| not) (?:at all|really|much|so much)(?=\s*(?:$|[.,;!?]))|"
                            # "cost, not so much", or one word between ("backups and recovery werent", "thing
                            # stopped mattering") but not past a comma: "only for the cost, and far is not a problem"
                            # says nothing of the cost
                            r"^(?:\W*|[^\w,;.!?]*(?:(?:and|or|&)\s+\w+[^\w,;.!?]+|\w+[^\w,;.!?]+))"
                            r"(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not|weren'?t|were not|"
                            r"aside(?!\s+from)|off the list|"  # "set cost aside", "take expertise off the list"
                            r"doesn'?t matter|does not matter|didn'?t matter|matters less|"
                            r"stopped mattering|no longer matter(?:s|ed)?|"
                            r"(?:was|is) (?:wrong|a mistake|a typo)|"  # "customer service was wrong"
                            r"(?:is |was |were )?not (?:the point|important|an issue|a priority|so much)|"
                            r"(?:is|was|were|be) no (?:object|issue|problem|concern))\b", re.I)


def negated_after(text_after: str) -> bool:
    """Whether the text just after a tagged value takes it back."""
    return bool(_NEGATED_AFTER.search(text_after))


# "I said cost earlier but really it's the backups": what was said, turned away from (not "I said cost, but security too").
_SAID_BEFORE = re.compile(r"\b(?:i|we) (?:said|told you|picked|chose|clicked|wrote|typed|answered|selected)\s+$",
                          re.I)  # "i wrote customer service but i mean the help desk" (not "we put security first")
# ... or with words between, then called wrong: "I said they can be anywhere but that is not right" (not "as I said we
# need 24/7 but the budget is tight", which says it again)
_SAID_WITH_WORDS = re.compile(r"(?<!as )(?<!like )\b(?:i|we) (?:said|told you)\s+(?:[\w']+\s+){1,3}$", re.I)
_CALLED_WRONG = re.compile(r"^\W*(?:\w+\W+)?but\s+(?:that(?:'s|’s| is| was)\s+(?:not (?:right|true|correct)|wrong|a mistake)|"
                           r"actually|really|no\b|i meant|on second thought)", re.I)
_BUT_AFTER = re.compile(r"^\W*(?:\w+\W+)?but\b(?![^.,;]*\b(?:too|also|as well)\b)", re.I)


def taken_back(text: str, start: int, end: int) -> bool:
    """Whether the value said at text[start:end] is negated before it or taken back after it ("not the IT",
    "cost isn't really the point", "I said cost earlier but ...")."""
    return negated_before(text[:start]) or negated_after(text[end:]) or (
        bool(_DROPPED_BOTH.search(text[:start])) and bool(_LIST_ENDS.match(text[end:]))) or (
        bool(_SAID_BEFORE.search(text[:start])) and bool(_BUT_AFTER.search(text[end:]))) or (
        bool(_SAID_WITH_WORDS.search(text[:start])) and bool(_CALLED_WRONG.search(text[end:])))


# A goal set aside on purpose, beside the one wanted: "security's fine tbh", "cost cutting is not the aim", "going abroad
# is years away", "we already have decent backups", "less about price, more about ...", "not so fussed about saving
# money", "money doesn't matter". Stronger than a negation ("make sure we don't get hacked" wants security), and only for
# goals ("remote is fine" is a wish for the closeness it names). Said of the goal itself: no punctuation between.
_SET_ASIDE_BEFORE = re.compile(r"\bnot really (?:about )?$|\b(?:already (?:have|has|got)|"
                               r"(?<!worry )(?<!think )(?<!stress )(?<!care )less about|not chasing|"
                               r"not (?:so |too |that |really |all that )?(?:fussed|bothered|worried|concerned|focused) "
                               r"(?:about|with|on)|(?:it'?s|its|it is) not (?:really |so much )?about)\s+"
                               r"(?:(?!(?:but|and|so|because|while|though|yet)\b)\w+\s+){0,3}$", re.I)
_SET_ASIDE_AFTER = re.compile(r"^(?:'s|’s|\s+(?:\w+\s+)?(?:is|are|was|were))\s+(?:already\s+|really\s+)?"
                              r"(?:fine(?!\s+(?:by|with|for)\b)|sorted|covered|handled|ok|okay|taken care of|in hand|under control|years away|"
                              r"on hold|(?:not|n't) (?:really |actually )?(?:the|our|a|an) (?:aim|goal|priority|focus|"
                              r"driver|main thing|issue|concern|point|problem|worry|factor))\b|"
                              r"^\s+(?:\w+\s+)?(?:(?:is|are)n'?t (?:really |actually )?(?:the|our|a|an) (?:aim|goal|priority|"
                              r"focus|driver|main thing|issue|concern|point|problem|worry|factor)|"
                              r"(?:does|do)(?:n'?t| not) (?:really )?matter|can wait|not so much|less so)\b", re.I)
# "... so we're not worried about ransomware any more": a purpose, not a goal set aside; "we already have a skills gap":
# a problem had, not a remedy in place.
_PURPOSE = re.compile(r"\bso(?: that)? (?:we|i|they)\b[^.,;]*$", re.I)
_PROBLEM = re.compile(r"\b(?:gap|shortage|overhead|too|problem|issue)", re.I)


# A goal dropped in so many words, before it: "drop the backups bit", "forget about cost", "scrap the 24/7 idea" (unlike
# "don't get hacked" or "never lose data", a wish said with a negation).
_DROPPED_BEFORE = re.compile(r"(?<!n't )(?<!dont )(?<!not )(?<!never )\b(?:drop(?:ped)?|scrap(?:ped)?|ditch(?:ed)?|"
                             r"forget(?: about)?|shelve[ds]?|take back|took back|stop(?:ped)? (?:caring|worrying) about|"
                             r"(?:scratch|forget|ignore|disregard) what (?:i|we) (?:said|wrote|told you|put) about|"
                             r"no longer (?:care|worried) about)\s+(?:the\s+|our\s+|that\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def dismissed(text: str, start: int, end: int) -> bool:
    """Whether the goal said at text[start:end] is dismissed in so many words, which no reading of the words can outweigh:
    set aside ("cost isn't actually a factor", "we've got backups covered already") or dropped before it ("drop the
    backups bit"); not a complaint ("our security isn't good enough") nor a wish ("don't forget backups")."""
    return set_aside(text, start, end) or bool(_DROPPED_BEFORE.search(text[:start]))


def set_aside(text: str, start: int, end: int) -> bool:
    """Whether the goal said at text[start:end] is set aside on purpose ("security's fine", "we already have decent
    backups", "not so fussed about saving money"), not only negated."""
    before = _SET_ASIDE_BEFORE.search(text[:start])
    if before and not _PURPOSE.search(text[:before.start()]) and not (
            before.group(0).lower().startswith("already") and _PROBLEM.search(text[before.start():end])):
        return True
    return bool(_SET_ASIDE_AFTER.search(text[end:]))
