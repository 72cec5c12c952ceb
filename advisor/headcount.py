"""Turn the ways people state a head-count ("forty", "5k", "50-100", "a couple hundred") into an int."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit, text2num

MAX_EMPLOYEES = 3_000_000  # larger than any employer on earth: anything above is a typo or a joke

# Vague quantities that no number parser knows; values are what people usually mean by them.
_VAGUE = {
    "a couple hundred": 200,
    "a couple of hundred": 200,
    "couple of hundred": 200,
    "a couple of thousand": 2000,
    "couple of thousand": 2000,
    "couple hundred": 200,
    "a few hundred": 300,
    "few hundred": 300,
    "several hundred": 500,
    "hundreds": 300,
    "a couple thousand": 2000,
    "couple thousand": 2000,
    "a few thousand": 3000,
    "few thousand": 3000,
    "several thousand": 5000,
    "thousands": 3000,
    "a dozen": 12,
    "dozen": 12,
    "dozens": 36,
    "a couple dozen": 24,
    "couple dozen": 24,
    "a couple of dozen": 24,
    "couple of dozen": 24,
    "few dozen": 36,
    "a few dozen": 36,
    "a handful": 5,
    "handful": 5,
    "a couple": 2,
    "a few": 4,
    "just me": 1,
    "only me": 1,
    "myself": 1,
    "solo": 1,
}

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion"
).split()

_SUFFIX = {"k": 1_000, "hundred": 100, "thousand": 1_000, "m": 1_000_000, "mm": 1_000_000, "million": 1_000_000,
           "bn": 1_000_000_000, "billion": 1_000_000_000, "dozen": 12}
_SCALE = r"(?:hundred|thousand|million|billion|bn|mm|k|m|dozen)"
_NUMBER = r"\d+(?:\.\d+)?"

# "nearly 1000" means a little fewer than 1000, "just over 50" a little more than 50.
_NEARLY = ((rf"{_NUMBER}\s*-?\s*odd\b", 1.1),  # "forty-odd": forty and some
           (r"\b(nearly|almost|just under|a bit under|a bit less than|a little under|slightly under|"
            r"a little less than|not quite|under|just shy of|shy of|just below|a shade under)\s+(?=\d)", 0.95),
           (r"\b(just over|a bit over|a bit more than|a little over|slightly over|a little more than|over|"
            r"more than)\s+(?=\d)", 1.05))


# A number followed by one of these counts something else: "20 years", "2 factories", "3 offices".
# Premises and things a business has, also after a word of their kind: "I own 3 pharmacies", "4 fashion shops".
PREMISES = (r"(?:sites?|offices?|factor(?:y|ies)|plants?|locations?|branch(?:es)?|stores?|shops?|hotels?|clinics?|"
            r"propert(?:y|ies)|venues?|restaurants?|outlets?|campus(?:es)?|warehouses?|buildings?|pharmac(?:y|ies)|"
            r"practices|surgeries|schools|farms|salons|studios|gyms|garages|bakeries|caf[eé]s|bars|pubs|"
            r"dealerships|depots|mines|labs|kitchens|franchises|boutiques|cent(?:re|er)s|vineyards|breweries|"
            r"mills|workshops|showrooms|terminals|premises|yards|hospitals|quarries|sawmills|docks|hubs|lodges|resorts|"
            r"motels|hostels|wineries|distilleries|nurseries|colleges|malls|galleries|agencies|stations|riads|"
            r"guesthouses|inns|chalets|cabins|campsites|marinas|kiosks|stalls|canteens|cinemas|theat(?:re|er)s|"
            r"museums)")
# (a word of their kind may stand before the premises, not a word saying where people are: "200 in hospitals")
_UNIT_WORDS = (r"\s*(?:%|(?:-\s*)?(?:(?:(?!(?:in|at|across|over|between|from|for)\b)[a-z]+\s+)?" + PREMISES +
               r"|years?|yrs?|months?|weeks?|days?|hours?|hrs?|"
               r"percent|per ?cent|countries|regions|markets|vessels?|ships?|beds?|trucks?|vans?|shifts?|floors?|"
               r"cities|states|continents|time ?zones?|am|pm|units|rooms|buses|coaches|taxis|cabs|cars|lorries|"
               # places a company spans and what it has or handles: "branches in 12 governorates", "20 tractors"
               r"provinces|governorates|counties|districts|towns|villages|islands|emirates|prefectures|cantons|"
               r"municipalities|suburbs|territories|acres|hectares|tonnes|tons|containers|pallets|vehicles|tractors|"
               r"boats|planes|routes|languages|"
               r"machines|servers|computers|pcs|laptops|devices|tills|o'?clock|minutes?|mins?|seconds|secs|"
               r"[kmgt]b|gigs?|gigabytes?|terabytes?|megabytes?|mbps|gbps|"  # "emailing 2GB files around"
               # plural only: "40 customer service agents", "6 house cleaners" count people
               r"villas|houses|homes|apartments|flats|cottages|customers|clients|patients|guests|subscribers|visitors|"
               r"tickets|calls|orders|emails|products|items|parcels|deliveries|volunteers|acquisitions|brands|"
               # other firms' people, which the company uses but does not employ
               r"sub-?contractors|subbies|freelancers|"
               r"projects(?!\s+(?:engineers?|managers?|team|staff|people|leads?)\b))\b)")
_OTHER_UNITS = re.compile(_UNIT_WORDS)
# A sum of money, no count of people: "we nearly paid 40k to a scammer", "$250", "spent 30 grand", "50,000 euros".
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:paid|pay|paying|pays|spent|spend|spending|spends|cost|costs|costing|"
                           r"worth|owe|owed|saved|save|saving|budget(?: of)?|fined|charged|billed|usd|eur|gbp|aud|cad|"
                           r"nzd|chf|inr|zar)(?:\s+(?:us|about|around|roughly|nearly|almost|over|under|like))?)\s*$")
# A number of jobs to fill, no count of people: "40 open eng reqs", "12 unfilled positions", "30 open roles".
_OPENINGS = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:reqs?|requisitions?|roles|positions|vacancies|openings|open jobs)\b")
_MONEY_AFTER = re.compile(r"\s*(?:[$€£¥₹]|(?:dollars?|euros?|pounds?|quid|grand|bucks|usd|eur|gbp|aud|cad|nzd|chf|"
                          r"rupees?|rand|yen|francs?|kroner?|kronor|zloty)\b)")
# ... and a clock's hour before these: "they call us at 3 in the night" (not "about 60 at night and 200 by day")
_HOUR_OF_DAY = re.compile(r"\s*(?:in the (?:morning|afternoon|evening|night)|at night)\b")


# Clock and week spans: "24/7", "24x7", "9-5", "9 to 5".
_HOURS = re.compile(r"\s*(/|x|-|to|until|till)\s*(\d{1,2})\b(?![.,]?\d)", re.I)
_HOURS_END = re.compile(r"\b(\d{1,2})\s*(/|x|-|to|until|till)\s*$", re.I)
# A year ("started in 2009", "since 1998", "2024 was a tough year"), no count of anything.
_YEAR = re.compile(r"\b(?:in|since|from|of|until|till|by|around|circa|back in)\s+$")
_YEAR_BEFORE = re.compile(r"\s*(?:was|were|has been|had been|will be|is going to be|saw|brought|hit us)\b", re.I)


def said_as_year(text: str, number: str) -> bool:
    """Whether `number` stands in the text only as a year ("the booking program is from 2009"), not as a count of
    people ("a team of 2000 people")."""
    spots = [m for m in re.finditer(rf"(?<![\d.,]){re.escape(number.strip())}(?![\d.,]\d)", text)] \
        if re.fullmatch(r"(?:19|20)\d\d", number.strip()) else []
    return bool(spots) and all((_YEAR.search(text[:m.start()]) or _YEAR_BEFORE.match(text[m.end():]))
                               and not _OF_PEOPLE.match(text[m.end():]) for m in spots)


def _counts(digits: str) -> list[re.Match]:
    """The numbers of a digit-normalised phrase, without those that count something other than people, sums of
    money and years, unless nothing else is left."""
    # (not an ordinal: "a fifth hospital", "our 3rd site"; nor a dimension: "the new 3d printers")
    found = list(re.finditer(rf"{_NUMBER}(?:\s*{_SCALE}\b)?\+?(?!\d|st\b|nd\b|rd\b|th\b|d\b)", digits))
    # (nor a multiplier: "correction x2")
    found = [m for m in found if not re.search(r"(?:\bx|×)$", digits[:m.start()])]
    kept = [m for m in found if not _counts_other_things(digits, m.start(), m.end())
            and not (_HOUR_OF_DAY.match(digits[m.end():]) and re.fullmatch(r"(?:[1-9]|1[0-2])", m.group(0)))
            and not (re.fullmatch(r"(?:19|20)\d\d", m.group(0))
                     and (_YEAR.search(digits[:m.start()]) or _YEAR_BEFORE.match(digits[m.end():])))]
    # "24/7", "24x7", "9-5": hours, whatever else is left
    return [m for m in kept or found if not _hours(digits, m)]


# What a "one" counts when it counts no people: "One more question", "one thing", "one of the options", "One change".
_ONE_OF_ELSE = re.compile(r"\s+(?:more|thing|question|last|day|time|zero|point|option|moment|sec|second|minute|other|"
                          r"another|change|correction|detail|of (?:the|those|these|your|my)\b)", re.I)


def one_of_something_else(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a "one" that counts something other than people ("One more question", "One change
    — ...")."""
    return text[start:end].strip().lower() == "one" and bool(_ONE_OF_ELSE.match(text[end:]))


def counts_other_things(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] counts something other than people: "five properties", "3 offices", "40
    open roles", or is a sum of money: "paid 40k", "30 grand"."""
    return _counts_other_things(text.lower(), start, end)


# People still to be hired: "20 of us at the moment, hiring 5 more next month" (not a what-if's size: relative_size).
_TO_HIRE = re.compile(r"\b(?:hiring|recruiting|to hire|will hire|taking on|to take on)\s+(?:another\s+|an extra\s+|"
                      r"about\s+|around\s+)?$")
_MORE_TO_COME = re.compile(r"\s*more\s+(?:\w+\s+)?(?:next|soon|this|later|by)\b")


def _counts_other_things(lowered: str, start: int, end: int) -> bool:
    after = lowered[end:]
    if _TO_HIRE.search(lowered[max(0, start - 40):start]) or _MORE_TO_COME.match(after):
        return True
    # "we pay 40 people" counts them
    money = _MONEY_BEFORE.search(lowered[:start]) and not _OF_PEOPLE.match(after) or _MONEY_AFTER.match(after)
    return bool(_OTHER_UNITS.match(after) or _OPENINGS.match(after) or money)


def _hours(digits: str, match: re.Match) -> bool:
    """Whether the number is a side of a span of hours or days: "24/7", "24x7", and "9-5", "9 to 5" (a range
    of head-counts climbs: "40-50")."""
    number = float(match.group(0)) if re.fullmatch(_NUMBER, match.group(0)) else None
    if number is None:
        return False
    if after := _HOURS.match(digits[match.end():]):
        return after.group(1) in ("/", "x") or float(after.group(2)) < number
    if before := _HOURS_END.search(digits[:match.start()]):
        return before.group(2) in ("/", "x") or number < float(before.group(1))
    return False


class HeadcountError(ValueError):
    """A head-count that was understood but cannot be right (zero, negative, absurd)."""

    def __init__(self, reason: str, value: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.value = value


@dataclass(frozen=True)
class Headcount:
    employees: int
    approximate: bool = False  # from a range or a vague phrase


# Words a letter away from a number word that are words of their own ("now and then" is no "ten").
_NOT_NUMBERS = frozenset({"then", "them", "tree", "free", "fort", "forth", "force", "often", "teen", "nice",
                          "tent", "none", "nines"})


# Where a misspelt number word stands: near a number or a word for people ("fourty staff", "two hundered",
# "fourty or fifty"). Elsewhere a word a letter off a number is an English word ("online", "there", "seen").
_BESIDE_NUMBERS = frozenset(_NUMBER_WORDS) | {"people", "staff", "employees", "ppl", "folks", "workers",
                                              "persons", "strong", "heads", "headcount", "fte", "odd", "ish"}


def _fix_typos(text: str) -> str:
    """Correct misspelt number words ("fourty", "hundered") against the English number vocabulary: a word of
    the same first letter, alone or beside a number or a word for people (or a range's other end)."""
    words = text.split()
    fixed = []
    for index, word in enumerate(words):
        if word.isalpha() and len(word) > 3 and word not in _NUMBER_WORDS and word not in _NOT_NUMBERS:
            beside = words[max(index - 1, 0):index] + words[index + 1:index + 2]
            if words[index + 1:index + 2] in (["or"], ["to"]):  # a range: "fourty or fifty"
                beside += words[index + 2:index + 3]
            if len(words) == 1 or any(w in _BESIDE_NUMBERS or w[:1].isdigit() for w in beside):
                word = _number_word_meant(word)
        fixed.append(word)
    return " ".join(fixed)


@lru_cache(maxsize=4096)
def _number_word_meant(word: str) -> str:
    """The number word a word of the same first letter misspells ("fourty"), or the word itself."""
    close = difflib.get_close_matches(word, _NUMBER_WORDS, n=1, cutoff=0.8)
    return close[0] if close and close[0][0] == word[0] else word


# Kept per text: a form's turn reads the same message's head-count several times (extraction, validation, the
# profile), and the rewriting below is most of what each reading costs.
@lru_cache(maxsize=256)
def _normalise(text: str) -> str:
    text = text.lower().strip()
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 2,000 -> 2000
    text = re.sub(r"(?<=\d)['’](?=\d{3}(?!\d))", "", text)  # 4'000 -> 4000: the Swiss mark thousands so
    text = re.sub(r"\b(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)\b", lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)),
                  text)  # 10 000 -> 10000, 1 200 000 -> 1200000
    # 6.500 -> 6500: much of Europe marks thousands with a dot; three digits after it and no scale word is no fraction
    text = re.sub(r"(?<![\d.,])([1-9]\d{0,2})\.(\d{3})(?![\d.,]?\d)(?!\s*(?:k|thousand|million|bn|m)\b)", r"\1\2", text)
    text = re.sub(r"[~≈]", " ", text)
    text = re.sub(r"-(odd|ish)\b", r" \1", text)  # "forty-odd" -> "forty odd"
    text = re.sub(r"\bhalf (?:a )?dozen\b", "6", text)  # not "a dozen" in it
    text = _EACH.sub(_each_multiplied, text)
    text = _AND_A_HALF.sub(lambda m: f"{alpha2digit(m.group(1), 'en', threshold=0)}.5 {m.group(2)}", text)
    text = re.sub(r"(\d)\s*(?:-|–|—)\s*(?=person|people|man|strong|staff|employee)", r"\1 ", text)
    text = _SHARED_SCALE.sub(r"\1 \4 to \3 \4", text)  # "four and five hundred" -> "four hundred to five hundred"
    text = _GRAND_OF_PEOPLE.sub("1000", text)  # "just under a grand of staff"; "paid a grand" stays a sum
    text = _DIGITS_TYPED.sub(" ", text)
    return _fix_typos(" ".join(text.split()))


# Digits told of as typed, no count: "It is 900 - one zero is missing", "I missed a zero", "a 0 too many".
_DIGITS_TYPED = re.compile(r"\b(?:(?:missed|forgot|dropped|lost|added|left off|left out)\s+(?:out\s+)?{n}|{n}\s+"
                           r"(?:(?:is|was|are|were)\s+)?(?:missing|too many|too much|short|less|more|extra|off)\b)"
                           .format(n=r"(?:one|a|an|1|two|2)\s+(?:extra\s+)?(?:zero|0|nought|digit)s?\b"))


# A range whose scale word is said once, after its second end: "between four and five hundred", "2 to 3 thousand".
_SMALL = r"(?:" + "|".join(_NUMBER_WORDS[1:20]) + r"|1?\d)"
# "40 stores with more or less 18 persons each", "3 sites of about 20 staff each": the places times the people of each.
_WORD_NUMBER = "(?:(?:" + "|".join(_NUMBER_WORDS[20:28]) + ")(?:[- ](?:" + "|".join(_NUMBER_WORDS[1:10]) + "))?|" \
    + "|".join(_NUMBER_WORDS[1:20]) + ")"
_EACH = re.compile(r"\b(\d+|" + _WORD_NUMBER + r")\s+(?:[\w-]+\s+){0,2}?(?:stores|shops|branches|sites|offices|clinics|"
                   r"restaurants|locations|outlets|hotels|venues|practices|pharmacies|schools|depots|warehouses|plants|"
                   r"factories|shifts|teams|crews|salons|cafes|bars|gyms|studios|franchises|farms|surgeries|"
                   r"dealerships|workshops|hospitals|nurseries|yards|hubs|colleges|galleries|lodges|resorts),?\s+"
                   r"(?:with|of|having)?\s*(about|around|roughly|approximately|approx|"
                   r"more or less|maybe|some|say)?\s*(\d+|" + _WORD_NUMBER + r")\s+(?:[\w-]+\s+)?(?:people|persons|"
                   r"staff|employees|workers|ppl|heads|agents|nurses|drivers|teachers|doctors|developers|devs|"
                   r"engineers|technicians|techs|cooks|chefs|cleaners|operators|pharmacists|mechanics|stylists)\s+each\b")


def _each_multiplied(match: re.Match) -> str:
    places, people = (alpha2digit(match.group(i), "en", threshold=0) for i in (1, 3))
    if not (places.isdigit() and people.isdigit()):
        return match.group(0)
    rough = f"{match.group(2)} " if match.group(2) else ""
    return f"{rough}{int(places) * int(people)} people"


# "two and a half thousand", "1 and a half million": the half of the scale too.
_AND_A_HALF = re.compile(r"\b(\d+|" + _WORD_NUMBER + r")\s+and\s+a\s+half\s+(hundred|thousand|million)\b")
# "a grand" said of people: a thousand of them.
_GRAND_OF_PEOPLE = re.compile(r"\b(?:a|one)\s+grand\b(?=\s+(?:of\s+)?(?:staff|people|employees|ppl|folks|workers|heads|"
                              r"souls)\b|\s+of us\b)")
_SHARED_SCALE = re.compile(rf"\b({_SMALL})\s*(and|to|or|-|–)\s*({_SMALL})\s+(hundred|thousand)\b")


def _scaled(phrase: str) -> str:
    """ "8 billion", "3.5 thousand", "2 dozen" as one number: alpha2digit would make "8 1000000000" of them."""
    return re.sub(rf"({_NUMBER})\s*(hundred|thousand|million|billion|bn|dozen)\b",
                  lambda m: f"{_to_number(m.group(1) + m.group(2)):.0f}", phrase)


def _to_number(token: str) -> float:
    match = re.fullmatch(rf"({_NUMBER})\s*({_SCALE})?\+?", token)
    if not match:
        raise ValueError(token)
    return float(match.group(1)) * _SUFFIX.get(match.group(2) or "", 1)


# A number said as the sum of the others: "400 here and 100 there, so 500 total", "so ~45 really".
_TOTAL = re.compile(rf"({_NUMBER})\s*(?:people\s*|staff\s*|employees\s*)?(?:in total|total|in all|altogether|"
                    rf"all told)\b|\b(?:so|total of|totals?|makes?|making|that'?s)\s*(?:about |around |roughly |like )?"
                    rf"({_NUMBER})")


# A number given as the exact one beside a rough one: "just over 50 - 52 at the last count", "forty-odd. let's say 42."
_EXACT_BEFORE = re.compile(r"\b(?:let'?s say|say|exactly|precisely|to be (?:exact|precise),?|officially)\s*$")
_ROUGH_BEFORE = re.compile(r"\b(?:nearly|almost|about|around|roughly|approx\w*|some|just over|just under|over|under|"
                           r"a bit (?:over|under)|close to|circa)(?:\s+a)?\s*$")
_EXACT_AFTER = re.compile(r"\s*(?:(?:people|staff|employees|ppl)\s+)?(?:at (?:the )?last count|on (?:the|our) payroll|"
                          r"exactly|to be (?:exact|precise)|precisely|officially|on paper)\b")


def parse_headcount(text: str | int | float | None) -> Headcount | None:
    """Return the head-count a phrase states, None when it states none.

    Raises HeadcountError for a number that cannot be a head-count.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _checked(float(text), approximate=False)
    phrase = _normalise(str(text))
    if not phrase:
        return None
    phrase = _scaled(phrase)
    others = _listed_people(phrase)
    if others:  # "just me and two others": not "just me"
        return _checked(others, approximate=False)
    has_digits = bool(re.search(r"\d", phrase))
    for vague in sorted(_VAGUE, key=len, reverse=True):
        # "48 employees, plus a couple of freelancers": a small vague word beside a number adds nothing
        if re.search(rf"\b{re.escape(vague)}\b", phrase) and not (has_digits and _VAGUE[vague] < 12):
            return _checked(_VAGUE[vague], approximate=True)
    if re.search(r"\b(zero|nobody|no one|no employees|no staff)\b", phrase):
        raise HeadcountError("zero", 0)
    digits = alpha2digit(phrase, "en")
    # "-5", but not a dash between words ("we're tiny - 3")
    negative = re.search(rf"(?:^|\s)-{_NUMBER}", digits) and not re.search(rf"{_NUMBER}\s*-", digits)
    counted = _counts(digits)
    numbers = [m.group(0) for m in counted]
    if not numbers:
        return _single_word(phrase)
    values = [_to_number(n.replace(" ", "")) for n in numbers]
    if negative:
        raise HeadcountError("negative", -values[0])
    now = re.search(rf"\b(?:now|currently|today|at present|at the moment|these days)\b\D{{0,30}}?({_NUMBER})", digits)
    if now and len(values) > 1 and now.start(1) > digits.find(numbers[0]):  # "began with 4, now we're 55"
        return _checked(_to_number(now.group(1)), approximate=False)
    total = _sum_said(digits, values)
    if total is not None and len(values) > 1:  # "400 here and 100 there, so 500 total"
        return _checked(total, approximate=False)
    exact = [m for m in counted if _EXACT_BEFORE.search(digits[max(0, m.start() - 30):m.start()])
             or _EXACT_AFTER.match(digits[m.end():])]
    rough = [m for m in counted if _ROUGH_BEFORE.search(digits[max(0, m.start() - 30):m.start()])
             or re.match(r"\s*(?:odd|ish)\b", digits[m.end():])]
    ranges = re.search(rf"{_NUMBER}\s*(?:-|–|\bto\b|\bor\b|\buntil\b|\btill\b)|\bbetween\b", digits)
    if len(values) > 1 and len(exact) == 1 and (rough or ranges) and exact[0] not in rough:
        # "nearly a hundred, 96 on the payroll", "forty-odd. let's say 42.", "the 3 to 4 hundred range, let's say 350"
        # (not "we're 50, say 60 in summer")
        return _checked(_to_number(exact[0].group(0).replace(" ", "")), approximate=False)
    if len(values) >= 2 and re.search(rf"{_NUMBER}\D*?(?:\band\b|\bplus\b|\+)\D*?{_NUMBER}", digits) \
            and not re.search(r"\bbetween\b", digits):  # "40 in the office and 200 drivers"
        return _checked(sum(values), approximate=False)
    ranged = len(values) >= 2 and ranges
    if ranged:
        low, high = sorted(values[:2])
        return _checked(round((low + high) / 2), approximate=True)
    for pattern, factor in _NEARLY:
        # "nearly 1000" is fewer than 1000: a little below it; "spread over 2 sites" is no "over" of a count
        said = re.search(pattern, digits)
        counted_after = not pattern.startswith(_NUMBER)  # "nearly 1000"; "forty-odd" says its number first
        if said and not (counted_after and _OTHER_UNITS.match(re.sub(rf"^{_NUMBER}", "", digits[said.end():]))):
            return _checked(float(math.floor(values[0] * factor) if factor < 1 else math.ceil(values[0] * factor)),
                            approximate=True)
    # of several numbers, the one said of people ("4 hospitals, ~2,200 staff"), else the first
    said_of_people = people_counted(phrase) if len(values) > 1 else None
    first = said_of_people if said_of_people in values else values[0]
    return _checked(first, approximate=bool(re.search(r"\b(about|around|roughly|approx|ish)\b", phrase)))


# The people a list names one by one: "me and my wife", "myself, my business partner and three staff", "10 staff + me",
# "4 full time + a saturday girl", "7 drivers, plus me and one lady in the office", "400 agents and 40 office staff".
_KIN = (r"(?:wife|husband|partner|son|daughter|brother|sister|dad|father|mum|mom|mother|cousin|nephew|niece|uncle|aunt|"
        r"co-?founder|business partner|apprentice|assistant|bookkeeper|secretary|receptionist|office manager)")
_ONE_PERSON = (r"(?:girl|lady|guy|bloke|lad|woman|man|person|apprentice|assistant|receptionist|admin|bookkeeper|"
               r"secretary|manager|technician|tech|helper|employee|worker|intern|trainee|accountant|designer|developer|"
               r"engineer|driver|cleaner|salesperson|other)")
_PERSONS = (r"(?:people|persons|staff|employees|ppl|folks|workers|others|more|lads|guys|girls|ladies|men|women|blokes|"
            r"colleagues|agents|drivers|translators|technicians|techs|engineers|developers|devs|nurses|doctors|"
            r"teachers|lawyers|accountants|consultants|designers|chefs|cooks|waiters|cleaners|operators|reps|managers|"
            r"admins|clerks|brothers|sisters|sons|daughters|kids|children|partners|founders|co-?founders|directors|"
            r"apprentices|assistants|interns|trainees|part[- ]?timers|full[- ]?timers|fte|members|heads|souls|"
            r"(?:full|part)[- ]?time(?:rs)?|ft|pt)")
_WHO = r"(?:\s+(?:who|that)\s+[^,+&]*?(?=\s+(?:and|plus)\b|[,+&]|$))?"  # "... a saturday girl who works one day a week"


# Where people work, as a list's item says it: "40 in the office", "50 in the head office".
_WORKPLACE = r"(?:office|shop|warehouse|field|plant|factory|yard|kitchen|workshop|store|hq|headquarters)"


def _list_item(named: bool) -> str:
    """One person or count of people in a list; `named`, with groups saying which kind it is."""
    def group(name: str) -> str:
        return f"(?P<{name}>" if named else "(?:"
    # ("i" only where a list goes on or ends: "my wife and i plus 3 staff", not "22 people, and i'd like ...")
    return (rf"(?:{group('me')}\b(?:me\b|myself\b|i(?=\s*(?:,|\+|&|\band\b|\bplus\b|$))))"
            rf"|\b(?:my|our|the)\s+(?:[\w-]+\s+)?{group('kin')}{_KIN})\b{_WHO}"
            rf"|\b(?:an?|one|1)\s+(?:[\w-]+\s+){{0,2}}?{group('one')}{_ONE_PERSON})\b{_WHO}"
            rf"|(?:\b(?:my|our)\s+)?{group('count')}\b{_NUMBER})\s+(?:(?:[\w-]+\s+){{0,2}}?{_PERSONS}\b|in\s+"
            rf"(?:the\s+|our\s+)?(?:head\s+|main\s+|back\s+)?{_WORKPLACE}\b)"
            rf"(?:\s+(?:in|on|at)\s+(?:the\s+)?[\w-]+)?)")


_LIST_JOIN = r"\s*(?:,\s*(?:and\s+|plus\s+)?|\s(?:and|plus|&)\s+|\s*\+\s*)"
_ITEM = re.compile(_list_item(named=True))
_PEOPLE_LIST = re.compile(rf"{_list_item(named=False)}(?:{_LIST_JOIN}{_list_item(named=False)})+")
# The company's people said first, then a part of them: "200 employees and 12 developers in the IT team".
_WHOLE = re.compile(rf"{_NUMBER}\s+(?:people|persons|staff|employees|ppl|folks|workers|colleagues|souls)\b")
# ... unless the first are a part too, said where they work ("400 workers in plant plus 50 in office"), or the others
# are said to be added ("720 people, plus 180 in the head office").
_PLACED = re.compile(r"\s(?:in|on|at)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:" + _WORKPLACE
                     + r"|site|floor|mill|depot|road|vans?|trucks?)\b")
_ADDED = re.compile(r"\bplus\b|\+")
# A list said of people already counted: "12 people, me and my partner included", "50 staff, me and my wife own it".
_COUNTED_ALREADY = re.compile(r"^\s*(?:included|including|incl\w*|too|counted|among (?:them|those)|"
                              r"(?:are|were)\s+(?:the\s+)?(?:directors|owners|founders|partners|bosses)|"
                              r"owns?|run|runs|manage|manages|lead|leads)\b")


def _listed_people(phrase: str) -> int | None:
    """The people a list names one by one, added up ("just me and 3 others" -> 4, "me and my wife" -> 2, "10 staff + me"
    -> 11, "400 agents and 40 office staff" -> 440); None when the phrase lists no one, when the list is of people
    counted beside it ("12 people, me and my partner included"), when it counts more people elsewhere ("me and my
    co-founder run a 40-person agency"), or when the company's people come first and a part of them after."""
    digits = alpha2digit(phrase, "en", threshold=0)  # "two" as 2 too
    for listed in _PEOPLE_LIST.finditer(digits):
        items = list(_ITEM.finditer(listed.group(0)))
        singly = [m for m in items if m.group("me") or m.group("kin") or m.group("one")]
        counts = [int(float(m.group("count"))) for m in items if m.group("count")]
        if len(items) < 2 or _COUNTED_ALREADY.match(digits[listed.end():]) or (
                not singly and _WHOLE.match(items[0].group(0).removeprefix("our ").removeprefix("my "))
                and counts[0] == max(counts) and not _PLACED.search(items[0].group(0))
                and not _ADDED.search(listed.group(0))):
            continue
        writer = any(m.group("me") for m in singly)  # "me, myself and I" is one person
        others = [m for m in singly if not m.group("me")]
        total = sum(counts) + len(others) + writer
        rest = digits[:listed.start()] + " " + digits[listed.end():]
        if len(counts) + len(others) + writer < 2 or any(
                _to_number(m.group(0).replace(" ", "")) > total for m in _counts(rest)):
            return None
        return total
    return None


def _sum_said(digits: str, values: list[float]) -> float | None:
    """The number a digit-normalised phrase says is the sum of its numbers (`values`), when no number is larger: a sum
    is no smaller than its parts ("we are 40, making 3 products" gives none)."""
    total = _TOTAL.search(digits)
    said = float(total.group(1) or total.group(2)) if total else None
    return said if said is not None and all(said >= value for value in values) else None


def total_said(text: str) -> int | None:
    """The number a message gives as the sum of the others ("15 FTE plus about 30 contractors, so ~45 really", "400
    here and 100 there, 500 in total"), None when it gives none."""
    digits = alpha2digit(_scaled(_normalise(str(text))), "en")
    said = _sum_said(digits, [_to_number(m.group(0).replace(" ", "")) for m in _counts(digits)])
    return int(said) if said is not None else None


# A number the writer takes back as what they said before: "I said two thousand, it's closer to 2,600" (not "as I said,
# 40 people", nor "No, I said 40 people, not 400", which say it again): before a turn to the new number.
_SAID_BEFORE = r"(?<!as )(?<!like )\b(?:i|we)\s+(?:said|wrote|typed|put|put down|entered)\s+"
_TURN_AFTER = re.compile(r"^[^.;!?]{0,25}?\b(?:but|actually|it'?s|it is|closer to|(?:i )?meant|should (?:be|have been)|"
                         r"wrong|typo|instead|by (?:accident|mistake))\b", re.I)


def headcounts_in(text: str) -> list[tuple[int, bool]]:
    """Every number a message states, in order, each with whether a negation precedes it ("not 40, 400")."""
    digits = alpha2digit(_scaled(_normalise(str(text))), "en")
    found = []
    for match in _counts(digits):
        value = _to_number(match.group(0).replace(" ", ""))
        # "not 40, 400" takes 40 back; "no its 54" (a correction's "no") does not
        negated = bool(re.search(r"\b(not|n't|no|instead of|rather than|never)\s+(?!(?:it'?s|its|we'?re|i meant)\b)"
                                 r"(?:\w+\s+){0,2}$", digits[:match.start()])
                       or (re.search(_SAID_BEFORE + r"(?:\w+\s+){0,2}$", digits[:match.start()])
                           and _TURN_AFTER.match(digits[match.end():])
                           and not re.match(r"\W*(?:\w+\s+){0,2}not\b", digits[match.end():])))
        if 1 <= value <= MAX_EMPLOYEES:
            found.append((int(round(value)), negated))
    return found


# The vague quantities that scale a number word ("a couple of hundred"), longest first: without them the
# number word alone ("hundred") would be taken for the count.
_VAGUE_SCALED = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in _VAGUE if " " in k and re.search(
    r"hundred|thousand|dozen", k)), key=len, reverse=True)) + r")\b")
# The word for employees in the owner's own language, which second-language writers slip in ("around 1.100
# dipendenti", "4'000 Mitarbeitende", "350 funcionários").
STAFF_ELSEWHERE = (r"dipendenti|collaboratori|mitarbeiter(?:innen|n)?|mitarbeitenden?|beschäftigten?|angestellten?|"
                   r"empleados|trabajadores|colaboradores|funcion[aá]rios|empregados|employ[ée]s?|salari[ée]s|"
                   r"collaborateurs|medewerkers|werknemers|ansatte|anställda|medarbejdere|medarbetare|pracownik[óo]w|"
                   r"zaměstnanc[ůu]|çalışan(?:lar)?|karyawan|pegawai|työntekijää|υπάλληλοι")
_OF_PEOPLE = re.compile(r"^\s*(?:-?\s*(?:person|people|strong|staff|employees?|ppl|folks?|workers?|colleagues|"
                        r"persons|heads?|head ?count|fte|souls|" + STAFF_ELSEWHERE + r")(?!\w)"
                        r"|(?:\w+\s+)?(?:people|staff|employees|ppl|folks|workers|colleagues)\b)")
# A size said after a word for it: "headcount's 350ish", "our workforce of 1200", "staff count: 40", "total strength
# approx 6,500" (Indian English) (not "a remote workforce of 20 in the Philippines", "team size is 6", which may be the
# team wanted).
_SIZE_BEFORE = re.compile(r"\b(?:head ?count|staff count|employee count|number of (?:employees|staff|people)|"
                          r"(?:our|total|whole|entire) workforce|(?:total|staff|employee|company) strength)"
                          r"\s*(?:'s|’s|is|of|:|=|at|are)?\s*(?:about |around |roughly |approx\w*\.? |just |only |"
                          r"nearly |almost |over |under )?$")
# A size said as what "we" are: "we're 75ish in Chicago", "and if we are only 10?", "what if theres 700 of us", "we're a
# team of 45" (not "we're 3 years old", "we were 20% over budget", "we're a group of 12 hotels")
WE_ARE_N = re.compile(r"\bwe(?:'re|’re| are| were| was|re)\s+(?:only |just |about |around |like |now |down to )?"
                      r"(?:a (?:team|company|firm|business|crew) of (?:only |just |about |around )?)?"
                      r"(\d[\d,.]*\s*k?)(?:ish)?\b(?!\s*(?:/|%|percent|years?|months?|weeks?|days?|hours?|minutes?|mins?|"
                      r"miles?|km|kilomet\w*|offices?|sites?|countries|time ?zones?|times?|of\b|[a-z]+ (?:late|away)))"
                      r"|\b(\d[\d,.]*\s*k?)\s+of us\b", re.I)
# A size said in the past tense, in the same clause: "we were 2 when we started", "there were 20", "we were 12 of us"
_PAST = re.compile(r"\b(?:were|was)\b(?:(?![,;]|[.!?](?:\s|$)).)*$", re.I)


def size_we_are(text: str, *, past: bool = True) -> int | None:
    """The head-count a message gives as what "we" are ("we're 75ish in chicago", "12 of us"), None when it gives
    none; with `past` False, the first one not said in the past tense ("we were 20 last year, we are 40 now": 40),
    since a what-if may suppose one ("what if we were 300?") but a description of the company now may not."""
    for found in WE_ARE_N.finditer(text):
        if not past and _PAST.search(text[:found.end()]):
            continue
        try:
            said = parse_headcount(found.group(1) or found.group(2))
        except HeadcountError:
            continue
        if said:
            return said.employees
    return None


def people_counted(text: str) -> int | None:
    """The number a message gives as its people ("three thousand employees, four hospitals" -> 3000),
    when exactly one of its numbers is followed by a word for people; else None. The whole number, where
    a tagger may have taken a part of it ("four" of "four thousand employees")."""
    phrase = _scaled(_normalise(str(text)))
    phrase = _VAGUE_SCALED.sub(lambda m: str(_VAGUE[m.group(0)]), phrase)  # "a couple of hundred people" -> 200
    others = _listed_people(phrase)
    if others:
        return others
    digits = alpha2digit(phrase, "en", threshold=0)  # "one person" too
    matches = list(re.finditer(rf"{_NUMBER}(?:\s*{_SCALE}\b)?", digits))
    counted = [m for m in matches if _OF_PEOPLE.match(digits[m.end():]) or _SIZE_BEFORE.search(digits[:m.start()])]
    if len(counted) != 1:
        return None
    value = _to_number(counted[0].group(0).replace(" ", ""))
    return int(round(value)) if 1 <= value <= MAX_EMPLOYEES else None


# Words that may come before a count said first: "roughly two thousand six hundred", "~40", "maybe 30-ish", "between
# four and five hundred".
_BEFORE_COUNT = re.compile(r"^\W*(?:(?:roughly|approximately|approx\.?|about|around|circa|ca\.?|maybe|probably|"
                           r"nearly|almost|just|over|under|some|like|only|exactly|between|we'?re|we are|i'?d say)\s+)*",
                           re.I)


# What may follow a count said first: nothing, people, or words about how it is counted or where ("across the shafts",
# "incl me", "depending on the season"), not another noun ("2 questions", "2024 was a tough year", "30 minutes ago").
_AFTER_COUNT = re.compile(r"\s*(?:$|[-–]?\s*(?:person|people|staff|employees?|ppl|folks?|workers?|heads?|head ?count|"
                          r"fte|souls|of us|strong|odd|ish|or so|more or less|give or take|in total|total|all told|"
                          r"incl\w*|counting|across|in|at|on|between|over|with|plus|depending|if you count|here|now|"
                          r"today|currently)\b|[+~])")
# A number word opening the part ("forty", "a hundred and twenty"), before the digits are made of it.
_WORD_FIRST = re.compile(r"(?:a |one )?(?:" + "|".join(_NUMBER_WORDS[1:]) + r")", re.I)


def leading_count(text: str) -> int | None:
    """The head-count a description gives by opening on a number, when its first part is that count and no count of
    anything else ("Roughly two thousand six hundred across the shafts and head office, contractors excluded. ...",
    "Forty, all running out of the yard here"), as an answer to "how many people, where you are and what you hope to
    gain"; None otherwise ("3 shops in Leeds", "In 2019 we started", "24/7 support is what we need")."""
    first = re.split(r"[.;:!?\n]\s|,\s|\s[-–—]\s|[;:!?\n]", str(text).strip(), maxsplit=1)[0]
    rest = first[_BEFORE_COUNT.match(first).end():]
    if not rest[:1].isdigit() and not _WORD_FIRST.match(rest):
        return None
    digits = alpha2digit(_scaled(_normalise(first)), "en")
    numbers = list(re.finditer(rf"{_NUMBER}(?:\s*{_SCALE}\b)?", digits))
    if not numbers or len(numbers) > 2 or any(_counts_other_things(digits, m.start(), m.end()) for m in numbers) \
            or not _AFTER_COUNT.match(digits[numbers[-1].end():]):
        return None
    try:
        said = parse_headcount(first)
    except HeadcountError:
        return None
    return said.employees if said else None


def _single_word(phrase: str) -> Headcount | None:
    """alpha2digit leaves a lone "one" or "two" alone (it could be a pronoun); as an answer it is a number."""
    words = [w for w in phrase.split() if w not in ("people", "staff", "employees", "of", "us")]
    try:
        return _checked(text2num(" ".join(words), "en"), approximate=False) if words else None
    except ValueError:
        return None


def _checked(value: float, approximate: bool) -> Headcount:
    if value < 0:
        raise HeadcountError("negative", value)
    if value < 1:
        raise HeadcountError("zero", value)
    if value > MAX_EMPLOYEES:
        raise HeadcountError("absurd", value)
    return Headcount(employees=int(round(value)), approximate=approximate)


# What a change of size is said of: "doubled in size", "halved the team", "twice as many staff"; not "doubled
# our IT budget", "staff costs doubled" or "3 times a year".
_OF_SIZE = (r"(?:in size|(?:our |the )?(?:size|team|staff|headcount|head count|workforce|people|employees)|"
            r"as (?:big|large|many)(?: \w+)?|bigger|larger|smaller)")
_NOT_OF_MONEY = "".join(f"(?<!{word} )" for word in ("cost", "costs", "salaries", "wages", "prices", "bills", "budget",
                                                      "revenue", "turnover", "sales", "fees", "spend", "rent"))
_RESIZED = re.compile(rf"{_NOT_OF_MONEY}\b(halv|doubl|tripl|quadrupl)(?:e|ed|es|ing)\b(?=\s*(?:$|[?.!,;:]|{_OF_SIZE}))"
                      rf"|\b(half|twice) (?:{_OF_SIZE})|\b(ten) ?-?fold\b"
                      # "and if we were half that, like 1.600?"
                      rf"|\b(?:we|were|are|was|be)\s+(half|twice)\s+(?:of\s+)?that\b"
                      # "we shrank by half"; not "cut costs by half", "revenue shrank by half"
                      rf"|\b(?:we|team|staff|headcount|workforce|company|firm|business)\s+(?:\w+\s+)?shr[aiu]nk\w*"
                      rf"\s+by (half)\b"
                      # "if headcount tripled in the next two years"
                      rf"|\b(?:team|staff|headcount|head count|workforce|size)\s+"
                      rf"(?:(?:has|have|had|would|will|could|were|was|then|suddenly|just)\s+)?"
                      rf"(halv|doubl|tripl|quadrupl)(?:e|ed|es|ing)\b")
_FACTORS = {"halv": 0.5, "half": 0.5, "doubl": 2.0, "twice": 2.0, "tripl": 3.0, "quadrupl": 4.0, "ten": 10.0}
_PEOPLE_WORDS = r"(?:people|persons?|staff|employees|ppl|folks|heads|hires|workers|colleagues|blokes|guys|lads)"
# "3x the people", "ten times as many staff", "three times bigger" (alpha2digit has made digits of the words)
_TIMES = re.compile(rf"\b({_NUMBER})\s*(?:x|times|-?fold)\s+{_OF_SIZE}")
# "a tenth of the size", "a quarter the size" (alpha2digit writes "a 10th", "a quarter")
_FRACTION = re.compile(r"\b(?:a|one)\s+(half|third|3rd|quarter|fifth|5th|tenth|10th)\s+(?:of\s+)?"
                       r"(?:the|our|this|that)\s+"
                       r"(?:size|people|staff|employees|headcount|team|workforce)")
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "3rd": 1 / 3, "quarter": 0.25, "fifth": 0.2, "5th": 0.2, "tenth": 0.1,
              "10th": 0.1}
# "another 20 staff", "20 more people", "took on 20 people", "50 people bigger", "after we hire another 15",
# "another 50 bigger"
_MORE = re.compile(rf"\b(?:another|an? (?:extra|additional|further)|(?:hired|hire|hiring|took on|take on|taking on|"
                   rf"added|add|adding)(?: another| an? extra)?)\s+({_NUMBER})\s+(?:more |new |extra )?{_PEOPLE_WORDS}"
                   rf"|\b({_NUMBER})\s+more\s+{_PEOPLE_WORDS}"
                   rf"|\b({_NUMBER})\s+{_PEOPLE_WORDS}\s+(?:bigger|larger)\b"
                   rf"|\banother\s+({_NUMBER})\s+(?:bigger|larger)\b"
                   rf"|\b(?:hired|hire|hiring|took on|take on|taking on)\s+(?:another|an? extra)\s+({_NUMBER})\b")
# "grew by 50%", "shrank by a third", "20% bigger"
_SIZE_SUBJECT = (r"\b(?:we|us|team|staff|headcount|head count|workforce|company|firm|business)\s+"
                 r"(?:(?:had|have|has|would|will|could|were|was|then|suddenly|just)\s+)?")
_GROWTH = re.compile(_SIZE_SUBJECT + r"(grew|grow|growing|grown|shrank|shrink|shrinking|shrunk)\s+by\s+(\d+)\s*"
                     r"(?:%|percent|per cent)")
_BY_FRACTION = re.compile(_SIZE_SUBJECT + r"(grew|grow|growing|grown|shrank|shrink|shrinking|shrunk)\s+by\s+"
                          r"(?:a|one)\s+(half|third|3rd|quarter|fifth|5th|tenth|10th)\b")
_PERCENT = re.compile(rf"\b(\d+)\s*(?:%|percent|per cent)\s+(?:(bigger|larger|smaller)\b"
                      rf"(?!\s+(?:budget|bill|costs?|revenue|prices?|spend|turnover|office|premises)\b)|"
                      rf"(more|fewer|less)\s+{_PEOPLE_WORDS})")
# "50 people smaller", "30 fewer staff", "lost 30 staff"
_FEWER = re.compile(rf"\b({_NUMBER})\s+{_PEOPLE_WORDS}\s+(?:smaller|fewer|less|left|quit)\b"
                    rf"|\b({_NUMBER})\s+fewer\s+{_PEOPLE_WORDS}"
                    rf"|\b(?:lost|lose|losing|cut|cutting|let go|laid off|lay off)\s+({_NUMBER})\s+(?:of our\s+)?"
                    rf"{_PEOPLE_WORDS}")


def relative_size(text: str, employees: int | None) -> int | None:
    """A head-count stated relative to the current one: "if we halved", "twice the size", "ten times as many
    staff", "a quarter of the size", "another 20 staff", "50 people smaller", "grew by 50%"; None when the
    text says none, or one no company has."""
    if not employees:
        return None
    phrase = alpha2digit(_normalise(str(text)), "en")
    if resized := _RESIZED.search(phrase):
        value = employees * _FACTORS[next(g for g in resized.groups() if g)]
    elif times := _TIMES.search(phrase):  # "ten times smaller" divides
        factor = float(times.group(1))
        value = employees / factor if times.group(0).endswith("smaller") else employees * factor
    elif fraction := _FRACTION.search(phrase):
        value = employees * _FRACTIONS[fraction.group(1)]
    elif more := _MORE.search(phrase):
        value = employees + float(next(g for g in more.groups() if g))
    elif fewer := _FEWER.search(phrase):
        value = employees - float(next(g for g in fewer.groups() if g))
    elif growth := _GROWTH.search(phrase):
        value = employees * (1 + (1 if growth.group(1).startswith("gr") else -1) * int(growth.group(2)) / 100)
    elif bigger := _PERCENT.search(phrase):
        way = bigger.group(2) or bigger.group(3)
        value = employees * (1 + (1 if way in ("bigger", "larger", "more") else -1) * int(bigger.group(1)) / 100)
    elif share := _BY_FRACTION.search(phrase):
        value = employees * (1 + (1 if share.group(1).startswith("gr") else -1) * _FRACTIONS[share.group(2)])
    else:
        return None
    try:
        return _checked(max(1.0, value), approximate=False).employees
    except HeadcountError:
        return None
