"""validate_profile_form: fills the profile from whatever the user says, checks it, asks only what matters."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.slots import (UNKNOWN, check_choice, check_employees, check_location, profile_from_slots,
                           whole_number)
from actions.user_text import quoted
from advisor.decision import default_value, describe_value, offshoring_plausible
from advisor.headcount import (PREMISES, counts_other_things, headcounts_in, leading_count, one_of_something_else,
                               people_counted, said_as_year, size_we_are, total_said)
from advisor.places import (HEAD_OFFICE, NOT_THE_ONE, destinations, home_country_named, is_region, moved_home,
                            negated_countries, resolve_place, same_region, town_of_the_one, unaccented, widely_known)
from advisor.vocabulary import blanked, named_values, only_negated, people_short_of, phrase_value, phrases_said
from understanding.adding import adds
from understanding.hedges import (ASKS_FOR_ADVICE, DECLINES, NOT_ASKING, SKIPS, UNSURE, WANTS_ADVICE, only_unsure,
                                  skips)
from understanding.negation import dismissed, negated_before, set_aside, taken_back
from understanding.questions import ABOUT_OPTIONS, ASKS_MEANING, QUESTION, SENTENCE_START, of_companies_in_general
from understanding.reader import SITES, TO_COME
from understanding.readings import (GUESS, LEANING, SURE, UNSURE_READ, answer, guess, proposed, says_little,
                                    told_readings, unasked, with_named, with_named_first)

OPTIONAL_QUESTIONS = ["control", "proximity"]  # asked only where offshoring is plausible
_UNREADABLE = {"employees": "utter_invalid_employees_unparsed"}
# Intents of a reply that reads as an answer to the pending question.
ANSWER_INTENTS = {"inform", "dont_know", "correct", "affirm", "deny", "nlu_fallback"}
# Of those, the ones whose reply names a value (not "no" or "no idea"): read with the answer's lower bar.
VALUE_INTENTS = {"inform", "correct", "affirm"}
# A reading this sure outweighs a tagged value it gives less than OVERRULED.
OVERRULING, OVERRULED = 0.9, 0.05
SKIPPING_INTENTS = {"deny", "dont_know"}  # "skip", "no idea": a value is taken at once
# A reply of no more words than this that does not say it is unsure ("pass", "you decide"), or a sentence asking to
# skip ("can we skip that one?"), tells nothing of the head-count it skips.
BARE_SKIP = 4
SENTENCE_END = re.compile(r"[.!?;]+")
# "Gothenburg-based online retailer", opening a sentence or said of us ("we're a Leeds-based agency"); not a third party
# ("a Manila-based partner", "our clients are mostly Paris-based")
BASED_AFTER = re.compile(r"^\s*[-–]?\s*based\b", re.I)
BASED_OTHER = re.compile(r"^\s*[-–]?\s*based\s+(?:[\w-]+\s+)?(?:partners?|providers?|vendors?|suppliers?|agency|agencies|"
                         r"accountants?|clients?|customers?|contractors?|freelancers?|firms?|teams?|developers?)\b", re.I)
BASED_OURS = re.compile(r"\b(?:we(?:'re|’re| are)|i(?:'m|’m| am)? (?:run|own)|our company is|we run)(?:\s+(?:an?|the))?"
                        r"(?:\s+[\w-]+){0,2}?$|\bour$", re.I)  # "Our Houston-based oil services firm"
AREA_AFTER = re.compile(r"^\s+(?:region|area|metro(?:politan)? area|metro)\b", re.I)  # "Eindhoven region"
# Intents of a reply that, unless the readers are sure of a value in it, count as a failed answer (a
# hint, then an assumption): an answer the classifier cannot place often lands off topic or in chitchat.
# An FAQ, "why?" or a request for a person is answered instead, and the question comes again.
MISS_INTENTS = ANSWER_INTENTS | {"out_of_scope", "chitchat"}
ASKING_BACK_INTENTS = {"faq", "ask_recommendation", "ask_why", "chitchat", "out_of_scope", "nlu_fallback"}
OF_US = re.compile(r"\b\d+\s+of\s+us\b", re.I)  # "small firm, 8 of us, in cork": a head-count
# A place no tagger found, named at the end of a clause in which we have something there ("we've got 4 bakeries round
# adelaide"); not a third party's or a trade's ("a firm in manila", "we buy our parts in china", "hiring in manila").
# A town named after a word that places the company, ending the clause or before the next one begins: typed by voice,
# a description has no commas ("we install solar panels around regina were about twenty five people").
UNTAGGED_HOME = re.compile(r"\b(?:in|around|round|near|outside|across|based (?:in|at)|(?:based )?out of|from|"
                           r"hq(?: in)?|head office(?: in)?|headquartered in)\s*:?\s+"
                           r"([^\W\d_](?:[^\W\d_]|['-])*(?:\s+[^\W\d_](?:[^\W\d_]|['-])*){0,2}?)\s*"
                           r"(?=[,.;:!()\n]|$|\s(?:we|we're|were|weve|we've|"
                           r"i|i'm|im|our|and|with|about|around|roughly|so|but|its|it's|\d))", re.I)
# ... or before a word that makes it our head office, opening a sentence or a part ("toronto head office on bay
# street.", "oslo hq, 300 staff").
TOWN_THEN_HQ = re.compile(r"(?:^|[.;:!?,]\s*)([^\W\d_](?:[^\W\d_]|['-])*(?:\s+[^\W\d_](?:[^\W\d_]|['-])*){0,2}?)\s+"
                          r"(?:head ?office|hq|headquarters|head-?quartered)\b", re.I)
# What "we" are, right before a "from" (WE_ARE_FROM): "we are rubber glove maker from KL"; not "calls from london".
WE_ARE_FROM = re.compile(r"\bwe(?:'re|’re| are)\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}from\s+$", re.I)
# ... or a greeting sent from there, opening the message: "hello from santiago de chile. 70 workers, ..."
GREETING_FROM = re.compile(r"^\W*(?:hi|hello|hey|hiya|greetings|hola|ciao|bonjour|salut|g'?day|(?:good )?(?:morning|"
                           r"afternoon|evening))\W*(?:(?:all|everyone|there|team|folks)\W*)?from\s+$", re.I)
# ... or our premises counted, opening the message: "2 shops in cape town, 11 staff total"
OUR_PREMISES = re.compile(r"^\W*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a (?:couple|few)(?: of)?)\s+"
                          + PREMISES + r"\s+$", re.I)  # not "3 client sites", "2 more shops": another's, or to come
PLANNED = re.compile(r"\b(?:think\w*|consider\w*|maybe|plan\w*|open\w*|start(?!-?ups?\b)\w*|set(?:ting)? up|"
                     r"want\w*|would|could|might|hir\w*|buy\w*|look\w* (?:for|at))\b", re.I)
WE_HAVE = re.compile(r"\b(?:we|we've|we're|i've|i have|i own|i run|our)\b", re.I)
# Who the writer is at the company, said first ("vp eng at a b2b saas co in austin", "hi, I'm the owner of a bakery
# in york"); not someone else's role ("my brother is a manager at a bank in singapore", "the manager at an IT
# provider in leeds").
ROLE_AT = re.compile(r"^\W*(?:(?:hi|hey|hello|hiya|morning|good morning|afternoon)\b\W*)?(?:(?:i'?m|i am|as)\s+)?"
                     r"(?:(?:the|a|an)\s+)?(?:ceo|cto|cfo|coo|cio|ciso|vp|svp|evp|owner|founder|co-?founder|director|"
                     r"manager|head|principal|president|md|gm)\b[\w\s&-]{0,30}?\b(?:at|of)\s+(?:a|an|the|our)\b",
                     re.I)
PROVIDERS = re.compile(r"\b(?:provider|partner|vendor|supplier|contractor|agency|outsourc\w*|msp|consultan\w*)\b",
                       re.I)
SOMEONE_ELSE = re.compile(r"\b(?:firm|provider|partner|vendor|supplier|contractor|agency|outsourc\w*|hir\w*|recruit\w*|"
                          r"buy\w*|bought|import\w*|sell\w*|sold|ship\w*|work\w*|thinking|consider\w*|maybe)\b", re.I)
# A description typed without commas: the company, its town (a large one, as no everyday word is one) and its
# head-count, one after another ("salmon farming company bergen 2000 employees", "bakery chain manchester 80 people").
COMPANY_PLACE_COUNT = re.compile(
    r"\b(?:company|firm|business|group|chain|shop|practice|agency|studio|start-?up|co|ltd|llc|outfit)\s+"
    r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)\s+(?:about\s+|around\s+|roughly\s+|~)?\d[\d,.]*k?\s*"
    r"(?:people|persons|staff|employees|ppl|workers|fte|heads)\b", re.I)
# The parts of a description, each with what ends it ("40 ppl, toronto, we want ..."; the point of "~4.5k ppl" ends
# none), and one that is only a place ("in cork", "Kent based", "sydney hq", "HQ dubai", "based in florianópolis").
PART = re.compile(r"(.*?)((?:(?<!\d),|,(?!\d{3}\b)|[;:!?()\n]|\.(?!\d))+|\s+-+\s+|$)")  # not "2,100"
LONE_PLACE = re.compile(r"(?:(?:based |located )?(?:in|from|out of) |(?:hq|head office)(?: in)?:? )?"
                        r"([^\W\d_](?:[^\W\d_]|[' -])*?)(?:[ -]based| hq| head office)?", re.I)
# Words for a business that end the name of a trade ("design studio", "law firm"), shared by the patterns below.
BUSINESS = (r"company|firm|business|agency|consultancy|shop|studio|maker|manufacturer|roastery|brewery|bakery|clinic|"
            r"practice|restaurant|cafe|hotel|school|store|salon|garage|workshop|factory|distributor|retailer")
# A part that names the trade, then the town, with no word between ("design studio dubai, 12 ppl", "coffee roastery
# melbourne"): the town one well known by its own name (checked where it is used), after a word for a business; not a
# partner's firm ("partner agency manila"), nor a town that is an everyday word ("app studio mobile").
TRADE_THEN_TOWN = re.compile(r"(?:(?!(?:partner|provider|vendor|supplier|contractor|outsourc\w*|offshore|call)\b)"
                             rf"[a-z&'-]+ ){{0,2}}(?:{BUSINESS}|startup|start-up|co|group|platform) "
                             r"((?!(?:in|from|to|into|near|outside|for|and|or|with|mobile|split|nice|reading|orange|"
                             r"surprise)\b)[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2})", re.I)
# ... or the town, in capitals, then the trade ("Windy City insurer, ~3,500 staff", "Leeds law firm, 40 people"), a word
# for a business last: not a plan for the place ("India offshore", "Mexico nearshoring plan") nor a team there.
TOWN_THEN_TRADE = re.compile(r"([A-Z][^\W\d_]*(?:[ -][A-Z][^\W\d_]*){0,2}) (?:[a-z&'-]+ ){0,2}"
                             rf"(?:{BUSINESS}|winery|insurer|bank|lender|carrier|hospital|chain|group|co-op|cooperative)")
NOT_OUR_TRADE = re.compile(r"\b(?:partner|provider|vendor|supplier|contractor|outsourc\w*|offshor\w*|nearshor\w*|team|"
                           r"office|hub|plan\w*|project|expansion|sourcing)\b", re.I)
TIME_OF_DAY = re.compile(r"\d{1,2}(?:[:.]\d{2}|\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|"
                         r"in the (?:morning|afternoon|evening|night)|at night)\b|"
                         r"\s*(?:-|to|till|until)\s*\d{1,2}\b)", re.I)
TIME_BEFORE = re.compile(r"\d(?:[:.]|\s*(?:-|to|till|until)\s*)$", re.I)  # the "30" of "8:30", the "5" of "9-5"
AT_HOURS = re.compile(r"\bat\s+(?:\d{1,2}\s*(?:and|&|or|,)\s*)?$", re.I)  # "shift changes are at 7 and 19"
# How far a vague reading of the whole message ("two hundred odd": 221) may lie from the number said of people, when the
# message also gives hours ("approx. 4'000 employees worldwide. Our service desk runs 8 to 18 CET": not their mean; a range
# of people, "between 100 and 300 employees", is its middle).
NEAR_ENOUGH = 0.25
HOURS_SPAN = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:-|–|to|till|until)\s*\d{1,2}(?:[:.]\d{2})?\b(?!\s*(?:people|persons?|"
                        r"staff|employees|ppl|workers|fte|of us|heads)\b)", re.I)
STATING_INTENTS = {"inform", "correct"}  # messages that may state facts nobody asked for yet
CHOICE_SLOTS = ("goals", "function", "control", "proximity")
BOOKKEEPING = {"requested_slot", "assumed", "employees_approximate", "unplaced_location"}  # slots no answer fills
# A town said as a city ("galway city, just off shop st."): a place, in whatever case.
CITY_SAID = re.compile(r"[a-z][a-z' -]*\s+city", re.I)
# The words before the place where a company is, not where the work would go.
HOME_PLACE = re.compile(r"\b(in|near|nr|(?:out|up|down|over) by|outside|based (?:in|at)|based out of|from|out of|"
                        r"headquartered in|hq|hq in|hq'd in|head office|around|round|of)\s*:?\s+(the\s+)?"
                        r"(?:(?:rural|regional|outback|coastal|upstate|downstate|downtown|inner|greater|central|"
                        r"(?:north|south|east|west)(?:ern)?)\s+)?$", re.I)  # "out in rural Saskatchewan"
ON_THE = re.compile(r"\bon\s+(?:the\s+)?$", re.I)  # "on the Sunshine Coast" (spaCy's LOC may hold the "the")
# A town in brackets after the words that place the company ("a dental practice on the Island (Nanaimo)")
PLACED_THEN_BRACKET = re.compile(r"\b(?:in|on|near|outside|around|at)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,2}\s*\(\s*$",
                                 re.I)
COMPOSED = re.compile(r"\b(and|plus|total|in all|altogether|all told|nearly|almost|under|over|odd|ish|less|more|"
                      # a range, the people listed one by one, the exact number beside a rough one
                      r"to|until|till|between|or|me|myself|dozen|say|exactly|payroll|last count)\b|\+|\d\s*[-–]\s*\d",
                      re.I)  # an answer whose number is more than the number tagged in it
# An answer that turns on "but" or a condition means what comes after it ("remote can sit anywhere, but someone
# must be in the hotel within the hour", "remote is ok as long as they work our hours"); the reader weighs
# that part (understanding/reader.py), the tagger does not.
TURNING = re.compile(r"\b(but|however|except|as long as|so long as|provided|providing|only if)\b", re.I)
# After the turn of a partner's answer, our own people kept beside it ("with a partner, but we keep our own
# supervisors", "..., as long as our own leads stay in charge"): both, not our own people instead of the partner.
OWN_PEOPLE_BESIDE = re.compile(r"^\W*(?:(?:as|so) long as|only if|\w+)\W+"
                               r"(?:(?:we|i)(?:'ll| will| would|'d)? (?:still |also )?(?:keep|have|put)|our own)\b"
                               r"(?=[^.;!?]*\b(?:supervis\w*|lead\w*|managers?|in charge|oversight|oversee\w*|on top|"
                               r"coordinat\w*|people (?:on|in) (?:it|the team))\b)", re.I)

# ... unless the partner is turned away after all: "..., but our own managers would run it, not them", "... instead",
# "..., but we have no managers"
PARTNER_REJECTED = re.compile(r"\b(?:instead|rather than|not (?:them|the partner|a partner|the provider|a provider)|"
                              r"no (?:\w+ )?(?:managers?|leads?|supervisors?|partner)|ourselves|on our own)\b", re.I)


def partner_beside_own_people(text: str) -> bool:
    """Whether an answer on control names a partner, then turns to our own people kept beside it ("with a partner, but
    we keep our own supervisors"): a partnership with our people in it, which the readers hear as our own people
    alone."""
    turns = [m.start() for m in TURNING.finditer(text)]
    return bool(turns) and OWN_PEOPLE_BESIDE.search(text[turns[-1]:]) is not None \
        and not PARTNER_REJECTED.search(text[turns[-1]:]) \
        and named_values("control", text[:turns[-1]], taken_back) == ["shared"]


# A message that says the company is somewhere else now: "we've moved to Leeds", "we're based in Porto".
MOVED = re.compile(r"\b(?:we(?:'re| are)? (?:now |actually )?(?:based|located|headquartered|in|from)|here in|"
                   r"we(?:'ve| have)? (?:just )?(?:moved|relocated)|"
                   r"(?:our|the) (?:head office|hq|headquarters|main office|office|company) "
                   r"(?:is|has (?:just )?(?:moved|relocated)|(?:just )?(?:moved|relocated))|"
                   r"based (?:in|out of)|no longer (?:in|based))\b", re.I)
# Markup and code, whose words the readers would still weigh: "<script>", "'; DROP TABLE x; --", "OR 1=1".
# Not "<1 hour" or "hands off -- we trust them".
CODE_LIKE = re.compile(r"<\s*/?\s*[a-z][^>]*>|\b(?:drop|select|insert|delete)\s+(?:table|from|into)\b|"
                       r"\b\d+\s*=\s*\d+\b|[{}\\]", re.I)
# Where the company itself is, said again in another answer: "we're a Melbourne firm", "we're an online shop out
# of Nairobi", "we are company from Osaka", "we're about 30 people in Dublin" (the place follows these words).
OUR_HOME = re.compile(
    r"\b(?:we'?re|we are|i'?m|i am|i run|we run)\s+(?:(?:a|an)\s+(?:[\d,]+[- ]?(?:person|people|staff|strong)\s+)?$|"
    # a description of the company in up to six words ("a 200-person logistics firm in"), with no verb or
    # preposition that would make it someone else ("we're ok with support people in Manila")
    r"(?:(?!(?:with|to|for|of|ok|okay|happy|fine|thinking|hiring|considering|looking|have|having|want|wanting|"
    r"need|needing|like|open|opening|using|moving|building|setting)\b)[\w,'-]+\s+){0,6}?"
    r"(?:firm|company|business|shop|agency|practice|startup|start-up|group|broker\w*|studio|office|"
    r"outfit|organi[sz]ation|charity|clinic|manufacturer|retailer|store|people|staff|folks|employees|team)s?\s+"
    r"(?:(?:based|located)\s+)?(?:in|from|out of)\s+$)", re.I)
# Who a head-count counts: "the two part-timers", "team leaders and support staff", "the drivers".
COUNTED = re.compile(r"\b(?:people|persons?|staff|employees?|workers?|folks?|ppl|fte|colleagues|"
                     r"part-?timers?|full-?timers?|contractors?|temps?|freelancers?|drivers?|team leaders?|"
                     r"students?|seasonals?|interns?|agents?|riders?|couriers?|on (?:the |our )?payroll)\b", re.I)
PEOPLE = re.compile(r"\b(people|persons?|staff|employees?|workers?|folks?|ppl|head-?count|fte|colleagues|team of|"
                    r"of us)\b", re.I)
# a number in words ("thirty", "forty-two", "a hundred")
NUMBER_WORD = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|two|three|four|five|six|seven|" \
              r"eight|nine|ten|eleven|twelve|\w+teen|(?:\w+ )?(?:hundred|thousand|dozen))"
# A number said of a part of the company, not of all of it: "we keep our team of 30 people", "my team of four", "our IT
# team is 4 people", "400 of them in customer service" (not "we're a team of 45", nor "our team has 3 offices and 400
# people").
PART_OF_US = re.compile(
    # ("our claims processing and member admin team is 420 people": a team named by its work, up to five words; not
    # the company said to be one: "my business is a small team of 8")
    r"\b(?:our|the|my|their|its|this)\s+"
    r"(?:(?!(?:is|are|was|were|has|have|a|an|now|just|be|basically|only|really|still|whole|entire|full|total)\b)"
    r"[\w-]+\s+){0,5}?(?:team|department|dept|unit|division|desk|crew|squad)\s+"
    r"(?:of\s+(?:\w+\s+)?(?:\d[\d,.]*|" + NUMBER_WORD + r"\b)"
    r"|(?:is|are|has|have)\s+(?:\w+\s+)?(?:\d[\d,.]*|" + NUMBER_WORD + r")\s+(?:people|persons|staff|employees|ppl|"
    r"folks|members|engineers|"
    r"agents|developers|heads|fte)\b)|(?:\d[\d,.]*|\b" + NUMBER_WORD + r")\s+(?:\w+\s+)?"
    r"(?:of them|of those)\b"
    # "our IT people are 6 persons", "the support staff is 12": people of one kind of work (not "our people are 60",
    # nor "our full-time staff are 40")
    r"|\b(?:our|the|my)\s+(?!(?:full|part|total|whole|entire|overall|global|company|combined|wider|current|"
    r"permanent|paid|regular|own)\b)[\w-]+\s+(?:people|staff|guys|folks)\s+(?:is|are)\s+(?:only\s+|just\s+|about\s+)?"
    r"\d[\d,.]*"
    # "our 20-person finance team", "our 4-person helpdesk": a team named by its work (not "our 8-person team", nor "our
    # 12-person remote team", which may be the whole company)
    r"|\b(?:our|the|my|their)\s+(?:\d[\d,.]*|" + NUMBER_WORD + r")[- ](?:person|people|man|member|woman)\s+"
    r"(?:(?:[\w-]+\s+){0,2}?(?:it|ict|tech|technical|finance|financial|accounts|accounting|support|sales|marketing|dev|"
    r"development|engineering|ops|operations|customer|service|admin|hr|payroll|security|data|design|product|qa|"
    r"testing|logistics|legal|compliance|claims|billing|back-office|infrastructure|network|systems|software|web|"
    r"digital|analytics|procurement|purchasing)\s+(?:[\w-]+\s+)?(?:team|department|dept|unit|division|desk|crew|squad)"
    r"|(?:it\s+)?(?:help\s?desk|service\s?desk|support\s+desk))\b"
    # "our security monitoring is done by 2 people", "it's handled by two guys": the people doing one job
    r"|\b(?:done|handled|run|covered|managed|looked after|taken care of|dealt with|staffed|manned|monitored|"
    r"supported|maintained)\s+by\s+(?:only\s+|just\s+|about\s+|around\s+)?(?:\d[\d,.]*|" + NUMBER_WORD + r")\s+"
    r"(?:\w+\s+)?(?:people|persons|staff|guys|folks|employees|ppl|members|engineers|techs|technicians|admins)\b", re.I)
# A few of our people named by what they are or do ("our IT team 4 person stay", "we keep our two people for the
# factories"): while a size is known and another question waits, a part of the company, not a new size of it.
OUR_FEW = re.compile(r"\b(?:our|my)\s+(?:(?!(?:company|business|firm|whole|total|entire|all|staff|people|employees|"
                     r"headcount|workforce|organi[sz]ation|practice|clinic|agency|shop|store|office|restaurant|group|"
                     r"has|have|is|are|was|were)\b)[\w-]+\s+){0,3}?(?:\d[\d,.]*|" + NUMBER_WORD + r")\b", re.I)
# "we keep 2 people as coordinators", "leaving just three staff in-house": people kept for a part of the work; "6 people
# on support desk": the people of one job (not "15 people in the team": all of us)
KEPT_OR_ON = re.compile(
    r"\b(?:(?:keep|keeping|retain|retaining|leave|leaving)\s+(?:only\s+|just\s+|about\s+)?(?:\d[\d,.]*|"
    + NUMBER_WORD + r")\s+(?:\w+\s+)?(?:people|persons|staff|ppl|employees|guys|folks)\s+(?:as|in-house|in house|"
    r"on|for|to (?:coordinate|manage|run|oversee|supervise))\b"
    r"|(?:\d[\d,.]*|\b" + NUMBER_WORD + r")\s+(?:people|persons|staff|ppl|guys|folks|agents)\s+(?:on|in)\s+"
    r"(?:the\s+|our\s+)?(?:(?:(?!(?:the|our|a|my|whole|entire|one|same|single|every|each|total|full|office|"
    r"company)\b)[\w-]+\s+){1,2}?(?:desk|team|department)|helpdesk|help\s+desk|servicedesk)\b)", re.I)
# "lower cost than hiring 5 more security people": people still to be hired
TO_HIRE = re.compile(r"\b(?:hir(?:e|ing)|recruit(?:ing)?)\s+(?:another\s+|about\s+|around\s+)?(?:\d[\d,.]*|"
                     + NUMBER_WORD + r")\s+(?:more|extra|additional|new)\b", re.I)


def _beside_the_size(tracker: Tracker) -> str:
    """The latest message without its parts (between full stops, commas, "and", "but") that tell a head-count or who
    is counted in it: "It's eight, I forgot the two part-timers in the back office" leaves "It's eight" out, and the
    part-timers; "it's 300 people not 30, and we'd rather share the control" keeps the control."""
    text = tracker.latest_message.get("text") or ""
    starts = [start for start, _ in _spans(tracker, "headcount")]
    kept, at = [], 0
    for part in re.split(r"[.!?;,]+|\s(?:and|but|plus)\s", text):
        found = text.find(part, at)
        at = found + len(part) if found >= 0 else at
        if found >= 0 and not any(found <= start < at for start in starts) and not COUNTED.search(part):
            kept.append(part)
    return " ".join(kept)


def _said_of_the_counted(tracker: Tracker, slot: str, value: Any) -> bool:
    """Whether a choice is told only where a message tells a head-count again, of the people counted: "Scrap the 2,400,
    that's seats. Headcount's nearer 2,700 with team leaders and support staff", "It's eight, I forgot the two
    part-timers in the back office" tell no work; a part apart from them may ("300 people, and we'd rather share the
    control")."""
    text = tracker.latest_message.get("text") or ""
    counts = [(start, end) for start, end in _spans(tracker, "headcount")
              if not one_of_something_else(text, start, end)]  # not the "One" of "One change — ..."
    return slot != "goals" and bool(counts) and bool(COUNTED.search(text)) \
        and check_choice(_kind(slot), _beside_the_size(tracker)).value != check_choice(_kind(slot), value).value


# Whom the work is for ("the help desk for our own employees"), which the control reader hears as keeping it in-house.
SERVED = re.compile(r"\bfor (?:all )?(?:of )?(?:our|my) (?:own )?(?:employees|staff|people|users|colleagues|workers)\b",
                    re.I)
_KEPT_OURS = re.compile(r"\b(?:own|in-house|in house|payroll|employ\w*|subsidiary|ourselves|keep\w*|control\w*|"
                        r"internal\w*|hire|hiring|recruit\w*|hands|ours|inside)\b", re.I)


def _only_served(text: str) -> bool:
    """Whether the only words of a message that keep the work in-house say whom it serves (SERVED)."""
    return bool(SERVED.search(text)) and not _KEPT_OURS.search(SERVED.sub(" ", text))


def _parts_counted(text: str) -> set[int]:
    """The numbers a message says of a part of the company (PART_OF_US, KEPT_OR_ON)."""
    return {number for pattern in (PART_OF_US, KEPT_OR_ON) for match in pattern.finditer(text)
            for number, _ in headcounts_in(match.group(0))}


def _part_of_the_known(text: str, number: Any, known: int) -> bool:
    """Whether a number is a few of our people told beside a known, much larger size (OUR_FEW)."""
    counted = check_employees(number).value
    return bool(counted) and counted * 3 <= known and any(
        check_employees(match.group(0).split()[-1]).value == counted for match in OUR_FEW.finditer(text))


def _town_before_code(before: str, place: str) -> tuple[str, str]:
    """A province's code that spaCy took for a place, with the town of one or two words said before it ("gym owner in
    wagga NSW": "wagga NSW", which resolves to the province when the map lacks the town), and the text before the town;
    else the two as they were."""
    if not re.fullmatch(r"[A-Z]{2,3}", place):
        return before, place
    for words in (1, 2):
        town = re.search(r"\b[A-Za-z][\w'-]*" + r"\s+[A-Za-z][\w'-]*" * (words - 1) + r",?\s+$", before)
        if town and HOME_PLACE.search(before[:town.start()]) and resolve_place(town.group(0) + place):
            return before[:town.start()], town.group(0) + place
    return before, place


def as_said(text: str) -> str:
    """The user's words in quotes for a reply, safe to render; "that place" if nothing is left."""
    safe = quoted(text)
    return f'"{safe}"' if safe else "that place"


def _sentence_naming(text: str, value: Any) -> str:
    """Of a message of several sentences, the one that names `value`, without its stop ("The Black Country. That's as
    much as you're getting." -> "The Black Country"); else the whole message ("Narnia and beyond")."""
    sentences = SENTENCE_START.split(text.strip())
    named = [s for s in sentences if value and str(value).lower() in s.lower()]
    return named[0].rstrip(".!?") if len(sentences) > 1 and named else text


def before_this_turn(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the user's latest message (extraction has already set this turn's)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


_TAGGED_AS = {"employees": ("headcount",), "location": ("location", "GPE", "LOC"), "goals": ("goal",)}


def _said_this_turn(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message set the slot: not when Rasa hands back a value known before, as it does with every
    known one when the form starts again after the advice (FormAction.activate validates them as prefilled), unless the
    message tags it again."""
    if slot not in tracker.slots_to_validate():
        return False
    return tracker.get_slot(slot) != before_this_turn(tracker, slot) \
        or bool(_entity_values(tracker, *_TAGGED_AS.get(slot, (slot,))))


# The replies that ask the visitor to describe the company (how many people, where, what they hope to gain): the
# greeting, the invitation after a reply beside the questions (the second, without a button, follows a reply that has
# one), and the offer of a call back made before any advice, which offers the advice too
INVITED = ("utter_invite_profile", "utter_invite_profile_too")
INVITATIONS = ("utter_greet", *INVITED, "utter_offer_lead")


def _describes_when_invited(tracker: Tracker) -> bool:
    """Whether the message is the visitor's first, or follows a reply that asked them to describe the company: its
    parts may then answer the invitation's questions in its order ("Roughly two thousand six hundred across the
    shafts. Rustenburg. ...")."""
    users = [at for at, event in enumerate(tracker.events) if event.get("event") == "user"]
    for event in reversed(tracker.events[:users[-1]] if users else []):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action") in INVITATIONS
    return True


def _opens_with_its_name(said: str) -> bool:
    """Whether the words are a place that they open with the name of (its town, province or country: "dayton ohio",
    "Swift Current, Saskatchewan"), a big city's short name ("nyc"), or a town the map lacks before its province
    ("Hexham, Northumberland"); not words that only end on one ("Our printers hate us")."""
    place = resolve_place(said, exact=True)
    if place is None:
        return False
    if len(said.split()) == 1 and widely_known(said):  # "nyc", "KL"
        return True
    opening = unaccented(said).lower()
    names = [unaccented(name).lower() for name in (place.city, place.region, place.country) if name]
    parts = [part.strip() for part in said.split(",")]
    return any(opening.startswith(name) for name in names) or (
        len(parts) == 2 and parts[0].istitle() and len(parts[0].split()) <= 2 and place.region is not None
        and unaccented(parts[1]).lower() == unaccented(place.region).lower())


def _span_of(text: str, said: str) -> Tuple[int, int]:
    start = text.find(said)
    return start, start + len(said)


def _asking(tracker: Tracker, slot: str) -> bool:
    """True when this turn answers the question for `slot` and the NLU found nothing for it."""
    return (
        tracker.get_slot("requested_slot") == slot
        and not _said_this_turn(tracker, slot)
        and (tracker.latest_message.get("intent") or {}).get("name") != "dont_know"
    )


def _kind(slot: str) -> str:
    """The vocabulary kind of a choice slot: the goals slot holds values of kind "goal"."""
    return "goal" if slot == "goals" else slot


def _states_facts(tracker: Tracker) -> bool:
    """Whether the message may state facts nobody asked for: a statement or a correction; or a question about a topic
    told with the company's facts ("we're 2,400 people in Hamburg moving invoicing to our own centre abroad: is that
    offshoring?"), as the questions start after its answer (actions/conversation.py)."""
    return _intent(tracker) in STATING_INTENTS or (
        _intent(tracker) == "faq" and tracker.get_slot("requested_slot") is None  # the questions about to start
        and told_of_us(tracker))


def told_of_us(tracker: Tracker) -> bool:
    """Whether the message tells facts of the visitor's own company ("we're 2,400 people in Hamburg ...", "Accounting
    firm, 25 people, Bristol. Is offshoring cheaper?"), not of companies in general ("do companies of 500 people
    usually offshore?")."""
    return bool(_entity_values(tracker, "headcount", "location", "function", "goal", "control", "proximity")) and \
        not of_companies_in_general(tracker.latest_message.get("text") or "")


def _intent(tracker: Tracker) -> Optional[str]:
    """The message's intent; when the classifier was unsure (nlu_fallback), its own best guess, which
    for a short reply to a question is still the best reading of it ("no idea tbh" -> dont_know)."""
    name = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") in CHOICE_SLOTS and name in ASKING_BACK_INTENTS \
            and ASKS_FOR_ADVICE.search(text) and not NOT_ASKING.search(text.split(",")[-1]):
        return "dont_know"  # "not sure, what would you suggest?" to a question: it leaves the choice to us
    if name == "ask_recommendation" and tracker.get_slot("requested_slot"):
        # No rule answers a request for the advice while a question is pending, and a form that rejected it would
        # leave the fallback to ask the same question again and again. "so what would you recommend for us?" leaves
        # the question to us; a statement the classifier took for a request ("We decide together with the company,
        # I want to say what I like") is an answer it could not place.
        return "dont_know" if WANTS_ADVICE.search(text) else "nlu_fallback"
    if name == "nlu_fallback":
        guesses = [i for i in tracker.latest_message.get("intent_ranking") or [] if i.get("name") != "nlu_fallback"]
        if guesses and guesses[0].get("name") in ANSWER_INTENTS:
            return guesses[0]["name"]
    return name


def _reading(tracker: Tracker, slot: str) -> Optional[list]:
    """What the learned reader makes of the latest message for `slot` (components/slot_readers.py); nothing
    of code or markup, whose words the readers would still weigh ("'; DROP TABLE events; --")."""
    if CODE_LIKE.search(tracker.latest_message.get("text") or ""):
        return None
    return (tracker.latest_message.get("readings") or {}).get(slot)


def _told_reading(tracker: Tracker, slot: str) -> Optional[list]:
    """The reading for a fact told unasked: each value as sure as its surest clause, since a message
    that tells several facts reads like none of them as a whole."""
    if CODE_LIKE.search(tracker.latest_message.get("text") or ""):
        return None
    return told_readings(tracker.latest_message).get(slot)


# The words before a country or region the work would not go to: "a centre of our own outside Mexico", "anywhere but
# India".
_NOT_THERE = re.compile(r"\b(?:outside(?:\s+of)?|beyond|away from|anywhere but|except(?:\s+in)?|other than)\s+"
                        r"(?:the\s+)?$", re.I)


def _no_destination(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The destination tagged this turn taken back when the message says the work would go anywhere but there ("our own
    service centre outside Mexico"). The slot is filled outside the form's questions, so no validator of the form's
    sees it; Rasa keeps what the form returns for it over what it extracted."""
    text = tracker.latest_message.get("text") or ""
    spans = _spans(tracker, "target_location")
    if spans and tracker.get_slot("target_location") in _entity_values(tracker, "target_location") and all(
            _NOT_THERE.search(text[:start]) and not getattr(resolve_place(text[start:end]), "city", None)
            for start, end in spans):  # "just outside Lisbon" is its outskirts
        return [SlotSet("target_location", before_this_turn(tracker, "target_location"))]
    return []


def _spans(tracker: Tracker, *types: str) -> List[Tuple[int, int]]:
    """Where the latest message names entities of these types: (start, end), in order, each once."""
    return sorted({(e["start"], e["end"]) for e in tracker.latest_message.get("entities", [])
                   if e.get("entity") in types and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)})


def _whole_number(tracker: Tracker, value: Any) -> Any:
    """The whole number where the tagger took a part of it (slots.whole_number)."""
    message = tracker.latest_message
    return whole_number(message.get("text") or "", message.get("entities") or [], value)


def _ours_of_several(tracker: Tracker, value: Any) -> Any:
    """Of several head-counts tagged, one said of the company, where Rasa keeps the last tagged: not a number of other
    things ("still emailing 2GB files around") nor someone else's ("our big rival in Limerick has 90 people")."""
    text = tracker.latest_message.get("text") or ""
    tagged = [e for e in tracker.latest_message.get("entities", []) if e.get("entity") == "headcount"
              and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
    ours = [e.get("value") for e in tagged if not counts_other_things(text, e["start"], e["end"])
            and not ELSEWHERE_BEFORE.search(_clause_before(text, e["start"]))]
    return ours[0] if len(tagged) > 1 and ours and value not in ours else value


SIGNED = re.compile(r"^(?:(?:kind|warm|best|many)\s+)?(?:thanks?|thank you|thx|ta|cheers|regards|wishes|best|"
                    r"sincerely|yours|love)$", re.I)


def _named_before_comma(before: str) -> bool:
    """Whether the part of a sentence before its last comma is a name (a word in capitals after the sentence's first:
    "Swift Current") or signs the message ("Thanks", "Kind regards")."""
    part = SENTENCE_END.split(before.rstrip(" ,"))[-1].split(",")[-1].strip()
    starts = not SENTENCE_END.split(before.rstrip(" ,"))[-1].split(",")[:-1]  # the part opens its sentence
    words = part.split()
    return bool(SIGNED.match(part)) or any(word[:1].isupper() for word in (words[1:] if starts else words))


def _home_restated(tracker: Tracker) -> bool:
    """Whether the message says where the company itself is ("we're a Melbourne firm"), not where work would go."""
    text = tracker.latest_message.get("text") or ""
    spans = _spans(tracker, "location", "GPE")
    going = destinations(text, spans)
    return any(not away and OUR_HOME.search(text[:start]) for (start, _), away in zip(spans, going))


def _one_goal_told_unasked(tracker: Tracker) -> bool:
    """Whether the owner told one goal before the goals question came, and "anything else?" has not been asked: an
    opener names what weighs most on the owner ("we cannot find developers"), not always all they want, and a second
    goal of the other side makes a mix of both. Not after the advice: a goal told then is a correction, which changes
    the advice at once."""
    goals = [goal for goal in tracker.get_slot("goals") or [] if goal != UNKNOWN]
    return len(goals) == 1 and tracker.get_slot("more_goals") is None and not tracker.get_slot("recommendation") \
        and "goals" not in (tracker.get_slot("assumed") or []) \
        and not times_asked(tracker, "goals") and not times_asked(tracker, "more_goals")


def times_asked(tracker: Tracker, slot: str) -> int:
    """How often the question for `slot` was asked since the conversation last started over, in any of its wordings."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") in ("reset_slots", "restart"):
            break
        said = (event.get("metadata") or {}).get("utter_action")
        count += event.get("event") == "bot" and said in (f"utter_ask_{slot}", f"utter_ask_{slot}_unplaced")
    return count


# Who else a place may be said of, in the clause before it: "customers in the Algarve", "a partner agency in Jozi".
OTHERS_THERE = re.compile(r"\b(?:customers?|clients?|guests?|tourists?|visitors?|users?|buyers?|markets?|suppliers?|"
                          r"partners?|vendors?|providers?|contractors?|agency|agencies)\b", re.I)


FROM_OR_OF = re.compile(r"(?<!\bout )\b(?:from|of)\s+(?:the\s+)?$", re.I)  # not "out of", which places us


def _unplaced(tracker: Tracker, events: List[Dict]) -> List[Dict]:
    """The place the owner named as the company's that the map does not know ("holiday villas in the Algarve", "a
    mining services mob out of Brissie", "a family hotel on Crete"), kept so that the location question can ask which
    country it is in (actions/asking.py) rather than ask again, as if unheard, where the company is. A plain statement
    only, as a question hangs on it: a place of spaCy's or the town tagger's (the CRF's alone is often a stray word:
    "Health" of "Health plan administrator"), right after a word that places the company (not "from" or "of": "our MD
    is from Yorkshire"), or an island it is on; not a destination, nor a place of customers or partners; in a message
    that states facts, told unasked, while the location is unknown."""
    if tracker.get_slot("location") or tracker.get_slot("requested_slot") == "location" \
            or _intent(tracker) not in STATING_INTENTS or any(
            e.get("event") == "slot" and e.get("name") == "location" and e.get("value") for e in events):
        return []
    text = tracker.latest_message.get("text") or ""
    for entity in tracker.latest_message.get("entities", []):
        start, end = entity.get("start"), entity.get("end")
        if entity.get("entity") not in ("GPE", "LOC") or not isinstance(start, int) or not isinstance(end, int):
            continue
        name, before = text[start:end], text[:start]
        clause = SENTENCE_END.split(before)[-1]
        placed = (HOME_PLACE.search(before) and not FROM_OR_OF.search(before)) or (
            entity.get("entity") == "GPE" and re.search(r"\bon\s+$", before, re.I))  # "on Crete", not "on the Rhine"
        if not placed or OTHERS_THERE.search(clause) or resolve_place(name) or is_region(name) \
                or destinations(text, [(start, end)])[0] or negated_before(before):
            continue
        return [SlotSet("unplaced_location", name)]
    return []


def _nothing_new(earlier: Any, value: Any) -> bool:
    """Whether a place restated as home says no more than the one known: "someone here in South Africa" when
    Stellenbosch is known names its country and no town."""
    known, said = resolve_place(str(earlier)), resolve_place(str(value))
    return bool(known and said and said.country_code == known.country_code and not said.city)


def _not_ruled_out(tracker: Tracker, value: Any) -> Any:
    """Of the places a message names, one it does not rule out: "we're in Lisbon now, not Porto" is
    Lisbon, though Rasa keeps the place tagged last."""
    text = tracker.latest_message.get("text") or ""
    spans = _spans(tracker, "location", "GPE", "LOC")
    said = [start for start, end in spans if text[start:end] == str(value)]
    if not said or not all(negated_before(text[:start]) for start in said):
        return value
    kept = [(start, end) for start, end in spans if not negated_before(text[:start])]
    for (start, end), (after, last) in zip(kept, kept[1:]):  # "London, Ontario, not the one in England"
        if text[end:after].strip() in ("", ",") and resolve_place(f"{text[start:end]}, {text[after:last]}"):
            return f"{text[start:end]}, {text[after:last]}"
    for start, end in reversed(kept):
        if resolve_place(text[start:end]):
            return text[start:end]
    return value


def _home_spans(tracker: Tracker, *types: str) -> List[Tuple[int, int]]:
    """Where the message names places of these types said as where the company is, not where work would go."""
    text = tracker.latest_message.get("text") or ""
    spans = _spans(tracker, *types)
    return [span for span, away in zip(spans, destinations(text, spans)) if not away]


def _home_tagged_as_target(tracker: Tracker, home: str) -> bool:
    """Whether the message tags the company's own place as where the work would go, where it says no such thing
    ("a group of private schools here in manila": the tagger's destination, said as home)."""
    text = tracker.latest_message.get("text") or ""
    place = resolve_place(home)
    return place is not None and any(
        entity.get("entity") == "target_location" and isinstance(entity.get("start"), int)
        and resolve_place(str(entity.get("value"))) == place
        and not destinations(text, [(entity["start"], entity.get("end", entity["start"]))])[0]
        for entity in tracker.latest_message.get("entities", []))


def _place_candidates(text: str, spans: List[Tuple[int, int]]) -> List[str]:
    """The places at these spans to try in turn: the first two together ("Perth", "Western Australia"), then each;
    last, of a longer name that is no place as a whole, each of its words that is a well-known town's ("Seoul
    Gangnam", "Greater Toronto Area"). ("Hong Kong" is no town called Kong, "British Columbia" none called British.)"""
    names = [text[start:end] for start, end in spans]
    words = [word for name in names if len(name.split()) > 1 and not resolve_place(name) for word in name.split()]
    return [", ".join(names[:2])] + names + [word for word in words if len(word) >= 4 and word[:1].isupper()
                                              and word[1:].islower() and widely_known(word)]


def _place_beside_headcount(text: str, trades: Sequence[str] = (), places: Sequence[str] = ()) -> Dict[Text, Any]:
    """A place that is a part of the description of its own, next to the part that gives the head-count or names the
    company's trade (`trades`, as tagged), whether or not a tagger found it ("40 ppl, toronto, ...", "cape town, 22
    staff.", "small firm, 8 of us, in cork.", "Group IT director, shipping company, Oslo."), or, tagged as a place
    (`places`), before the trade ("Windy City insurer, ~3,500 staff"; not "Mobile game studio, 25 people")."""
    # Each part with the text after it: a place asked about ("25 people, manila?") is no home.
    parts = [(match.group(1), match.group(2)) for match in PART.finditer(text)]
    for at, (part, _) in enumerate(parts):
        if not (people_counted(part) or OF_US.search(part) or (  # ... or of whoever it counts: "16 agents", not
                # agents someone else has or we would hire ("our vendor has 300 agents, Manila", "Thinking offshore:
                # Cebu, 15 agents")
                headcounts_in(part) and COUNTED.search(part) and not SOMEONE_ELSE.search(text)
                and not PLANNED.search(text))
                or any(trade.lower() == part.strip().lower() for trade in trades)):
            continue
        for beside, after in parts[max(at - 1, 0):at] + parts[at + 1:at + 2]:
            lone = LONE_PLACE.fullmatch(beside.strip())
            place = resolve_place(lone.group(1)) if lone and "?" not in after else None
            # the part is the place's own name, no words around it ("thinking of india", "india or philippines")
            if place and (lone.group(1).lower() in {(place.city or "").lower(), place.country.lower()}
                          or widely_known(lone.group(1)) == place  # "korea", with its state: "portland OR"
                          or (place.city and resolve_place(lone.group(1), exact=True) == place
                              and unaccented(lone.group(1)).isalpha())):  # the town's other spelling: "wroclaw"
                return {"location": lone.group(1)}
            after_trade = TRADE_THEN_TOWN.fullmatch(beside.strip()) if "?" not in after else None
            if after_trade and widely_known(after_trade.group(1)):  # "design studio dubai, 12 ppl"
                return {"location": after_trade.group(1)}
            before_trade = TOWN_THEN_TRADE.fullmatch(beside.strip()) if "?" not in after else None
            name = before_trade.group(1) if before_trade and not NOT_OUR_TRADE.search(beside) else ""
            town = widely_known(name) if name.lower() in {place.lower() for place in places} else None
            # by its own name, or by another of more than a word ("Windy City"; not "Google", a town's prank name)
            if town and (name.lower() in {(town.city or "").lower(), town.country.lower()} or " " in name) \
                    and not destinations(text, [_span_of(text, name)])[0]:
                return {"location": name}
    for said in COMPANY_PLACE_COUNT.finditer(text):  # "salmon farming company bergen 2000 employees"
        if widely_known(said.group(1)):
            return {"location": said.group(1)}
    return {}


def _with_qualifier(name: str, after: str) -> str:
    """The town with the region or country said right after it, when they make one place: the whole part after the
    comma ("perth, scotland", "london, ontario"), or its first words in capitals, a code only before what ends the
    place's words ("springfield, IL with about 240 employees"; not "columbus, in the short north", "portland, me and 8
    others", "dublin, PR and comms mostly"); else the town alone."""
    said = re.match(r"\s*,\s*([^,.;:!?\n]+)", after)
    words = said.group(1).split() if said else []
    for count in range(len(words), 0, -1):
        if not _may_qualify(words, count):
            continue
        qualified = f"{name}, {' '.join(words[:count])}"
        place = resolve_place(qualified, exact=count < len(words))
        if place and unaccented(place.city or "").lower() == unaccented(name).lower():
            return qualified
    return name


# What may follow a state's or province's code after a town: "springfield, IL with about 240 employees".
_AFTER_CODE = re.compile(r"with|we|we're|we’re|\d[\d,.]*\w*|about|around|approx\w*|roughly|some|over", re.I)


def _may_qualify(words: List[str], count: int) -> bool:
    """Whether the first `count` of the words after a town's comma may name its region: all of them, or up to three in
    capitals, a code of two or three letters in upper case only and before a word that ends the place's name."""
    if count == len(words):
        return True
    if count > 3 or not all(word[:1].isupper() for word in words[:count]):
        return False
    return count > 1 or len(words[0]) > 3 or (words[0].isupper() and bool(_AFTER_CODE.fullmatch(words[1])))


def _town_before_qualifier(text: str) -> List[str]:
    """ "timaru, sth canterbury": the town, spelt as the map spells it, before a few words the map does not know; not
    a word that is also a town ("okay, the Midlands", "Mobile, we don't have an office")."""
    first, comma, rest = text.partition(",")
    place = resolve_place(first, exact=True) if comma and len(rest.split()) <= 3 else None
    if place and place.city and place.city.lower() == first.strip().lower() \
            and not re.search(r"\b(?:we|i|the|our|my|it|as|near|in)\b", rest, re.I):
        return [first]
    return []


def _lone_places(text: str) -> List[str]:
    """The answer's first part when it is a place's name and no more, spelt as the map spells it, before words that
    place it further: "Saint-Malo, in Brittany, intra-muros.", "Nuevo León, in the north. I prefer not to say the
    city." (not one asked about: "Lyon?"). Not a name of one word in plain letters, which is a word first ("Mobile, we
    don't have an office", "Same, as I said: ...")."""
    match = PART.match(text)
    lone = LONE_PLACE.fullmatch(match.group(1).strip()) if match else None
    name = lone.group(1) if lone else ""
    place = resolve_place(name, exact=True) if name and not re.fullmatch(r"[A-Za-z]+", name) \
        and "?" not in match.group(2) else None
    # the place's own name, not another it is known by ("Old Town" is a name of Las Vegas)
    if place and unaccented(name).lower() in {unaccented(n).lower() for n in (place.city, place.region, place.country)
                                               if n}:
        return [name]
    return []


def _only_a_time(text: str, value: Any) -> bool:
    """Whether the number `value` is said in `text` only as a time of day ("call at 8:30", "from 7am", "9-5")."""
    number = str(value).strip()
    said = list(re.finditer(rf"(?<![\d,]){re.escape(number)}(?![\d,])", text)) if number.isdigit() else []
    return bool(said) and all(TIME_OF_DAY.match(text, m.start()) or TIME_BEFORE.search(text[:m.start()])
                              or (AT_HOURS.search(text[:m.start()]) and int(number) <= 24
                                  and not COUNTED.match(text[m.end():].lstrip()))
                              for m in said)


def _not_wanted(text: str, start: int, end: int) -> bool:
    """Whether the goal said at text[start:end] is set aside or taken back."""
    return set_aside(text, start, end) or taken_back(text, start, end)


def _given_up(text: str, start: int, end: int) -> bool:
    """Whether the value said at text[start:end] is taken back, or, a goal, dismissed in so many words ("forget the
    costs thing", "the money part is fine")."""
    return taken_back(text, start, end) or dismissed(text, start, end)


COMPANY_WORDS = frozenset({"company", "companies", "firm", "business", "vendor", "provider", "house", "agency",
                           "startup", "start-up", "co", "corp", "group", "consultancy", "shop", "studio", "maker",
                           "manufacturer"})


def _named_only_in_the_work(text: str, trades: Sequence[Tuple[int, int]] = ()) -> set[str]:
    """The goals whose words the message says only inside the name of the work or of the company's trade (`trades`):
    "We need security monitoring around the clock" names the security work, "a security software company" the trade,
    neither a wish for security beside the cover asked for. People the company cannot find are a wish for skilled people
    whatever their work's name ("We cannot find enough software engineers in Japan")."""
    inside = set(named_values("goal", text, _not_wanted)) - set(named_values(
        "goal", blanked(text, [*trades, *phrases_said("function", text, keeping="goal")]), _not_wanted))
    return inside - {"skilled_talent"} if people_short_of("function", text) else inside


def _wanted_goals(goals: List[str], read: List[str], text: str, or_all: bool = True) -> List[str]:
    """The goals without those the message names only to set aside ("security's fine tbh, what we need is ...",
    "not so fussed about saving money") or only negated, unless the reader hears a negated one as the most wanted
    ("make sure we don't get hacked") and it is not dismissed in so many words ("cost isn't actually a factor", "drop
    the backups bit"); if that leaves none, all of them (`or_all`: an answer to the goals question names some) or
    none."""
    def unwanted(goal: str) -> bool:
        return only_negated("goal", goal, text, dismissed) or (only_negated("goal", goal, text, _not_wanted) and (
            goal not in read[:1] or not only_negated("goal", goal, text, taken_back)))
    wanted = [goal for goal in goals if not any(unwanted(named) for named in check_choice("goal", goal).value or [])]
    return wanted or (goals if or_all else [])


def _place_named(tracker: Tracker) -> Optional[str]:
    """A place the message names as where the company is (not where work would go, not ruled out) that the
    gazetteer knows."""
    text = tracker.latest_message.get("text") or ""
    spans = [(start, end) for start, end in _home_spans(tracker, "location", "GPE", "LOC")
             if not negated_before(text[:start])]
    return next((name for name in _place_candidates(text, spans) if name and resolve_place(name)), None)


def _same_town_elsewhere(tracker: Tracker, earlier: Any) -> Optional[str]:
    """The known town's namesake in another country when the message names the town with a region or country
    of its own ("the Boston in Lincolnshire, England" after Boston, Massachusetts); else None."""
    known = resolve_place(earlier)
    if not known or not known.city:
        return None
    text = tracker.latest_message.get("text") or ""
    spans = _spans(tracker, "location", "GPE", "LOC")
    for town_start, town_end in spans:
        if text[town_start:town_end].lower() != known.city.lower():
            continue
        # the county, state or country said right after the town ("Boston in Lincolnshire, England", "Perth,
        # Scotland"): the places that follow it with only "in" or commas between; not another town, nor a place
        # further on ("Perth is pricey, maybe a team in Scotland")
        end = town_end
        for start, stop in spans:
            if start >= end and text[end:start].strip(" ,").lower() in ("", "in"):
                end = stop
        region_text = text[town_end:end].strip(" ,")
        region_text = region_text[3:] if region_text.lower().startswith("in ") else region_text
        region = resolve_place(region_text) if region_text else None
        if not region or region.city:
            continue
        place = resolve_place(f"{known.city}, {region_text}")
        if place and place.city == known.city and place.country_code != known.country_code:
            return place.name
    return None


# A place named as where a part of the company is: "our Montréal office", "the Lille warehouse", "our other site in
# Graz".
_SITE = (r"(?:office|branch|site|plant|factory|warehouse|depot|store|shop|team|subsidiary|clinic|lab|studio|hub|centre|"
         r"center)s?")
_SITE_AFTER = re.compile(rf"\s+{_SITE}\b", re.I)
_OURS_BEFORE = re.compile(r"\b(?:our|the|my)\s+$", re.I)  # "our Montréal office", not "we're a Lisbon studio"
_SITE_BEFORE = re.compile(rf"\b(?:other|second|another|branch|satellite|regional)\s+{_SITE}\s+(?:in|at)\s+$", re.I)


def _spans_of(tracker: Tracker, value: Any) -> List[Tuple[int, int]]:
    """Where the latest message names the place `value` as a place, in order."""
    text = tracker.latest_message.get("text") or ""
    return [(start, end) for start, end in _spans(tracker, "location", "GPE", "LOC") if text[start:end] == str(value)]


def _only_a_site(tracker: Tracker, value: Any, earlier: Any) -> bool:
    """Whether the place `value` is named in the latest message only as where a part of the company is ("Forgot our
    Montréal office, they're on the same payroll"), no home of its own; not when the message speaks of the head
    office, says what was meant or rules the place known out ("sorry, I meant the Bristol office, not Bath")."""
    text = tracker.latest_message.get("text") or ""
    if HEAD_OFFICE.search(text) or re.search(r"\bi meant\b", text, re.I) or _ruled_out(text, str(earlier)):
        return False
    said = _spans_of(tracker, value)
    return bool(said) and all((_SITE_AFTER.match(text[end:]) and _OURS_BEFORE.search(text[:start]))
                              or _SITE_BEFORE.search(text[:start]) for start, end in said)


_OUTSIDE = re.compile(r"\b(?:outside(?:\s+of)?|beyond|away from|anywhere but|other than)\s+(?:the\s+)?$", re.I)


def _only_outside(tracker: Tracker, value: Any) -> bool:
    """Whether the place `value`, where it is named last, is named as where the work would not go ("most of them in
    Switzerland. I want to set up our own IT service desk outside Switzerland"): no destination."""
    text = tracker.latest_message.get("text") or ""
    said = _spans_of(tracker, value)
    return bool(said) and bool(_OUTSIDE.search(text[:said[-1][0]]))


_CODE_FIRST = re.compile(r"(?:^|\b(?:a|an|our|we'?re an?|we are an?)\s+)([A-Z]{2,4})[\s-]+(?:based\s+)?$")


def _code_before_trade(tracker: Tracker) -> Dict[Text, Any]:
    """A large city's code right before the company's trade, which no tagger takes for a place ("BNE accountancy
    practice, 12 staff", "a KL logistics firm"): the city. In capitals only: "IT consultancy" and "HR firm" are no
    places, nor is a word in lower case."""
    text = tracker.latest_message.get("text") or ""
    for start, _ in _spans(tracker, "industry"):
        code = _CODE_FIRST.search(text[:start])
        place = widely_known(code.group(1)) if code else None
        if place and place.city and not destinations(text, [(code.start(1), code.end(1))])[0]:
            return {"location": code.group(1)}
    return {}


def _town_at_home(tracker: Tracker, earlier: Optional[str], value: Any) -> Optional[str]:
    """The town of that name in the region we had, when a correction names a town alone ("I said Dundee earlier. Our
    head office moved to Perth last year": Perth in Scotland, not the larger one in Australia; "... we moved the whole
    office to Westport" from Castlebar: Westport in Ireland, not the part of Kansas City the map also calls so); not
    when the message names another place of the larger one's country ("Perth, WA")."""
    text = tracker.latest_message.get("text") or ""
    before, now = resolve_place(earlier) if earlier else None, resolve_place(str(value))
    if not (before and before.city and now and now.city) or now.country_code == before.country_code \
            or re.search(rf"\b{re.escape(now.country)}\b", text, re.I):
        return None
    names = _entity_values(tracker, "location", "GPE", "LOC")
    # the name the message says, which the value may have become qualified by the map ("Kansas City, Missouri")
    said = next((name for name in names if "," not in name and resolve_place(name) == now),
                None if "," in str(value) else str(value))
    if said is None or any((other := resolve_place(name)) and other.country_code == now.country_code
                           and name != said for name in names):
        return None
    place = resolve_place(f"{said}, {before.country}")
    same_name = place and place.city and unaccented(place.city).lower() == unaccented(said).lower()
    return place.name if same_name and same_region(place, before) else None


def _only_a_destination(tracker: Tracker, value: Any) -> bool:
    """Whether the place `value` is named in the latest message only where the work or a new site would go."""
    text = tracker.latest_message.get("text") or ""
    spans = _spans(tracker, "location", "GPE", "LOC")
    going = dict(zip(spans, destinations(text, spans)))
    said = _spans_of(tracker, value)
    return bool(said) and all(going[span] for span in said)


def _place_outside(tracker: Tracker, value: Any, excluded: frozenset[str]) -> Optional[str]:
    """The place a message names outside the countries it rules out: a city with the qualifier said
    beside it ("Valencia", "Venezuela"), or the largest city of that name elsewhere."""
    named = [str(value)] + _entity_values(tracker, "location", "GPE", "LOC")
    kept = [n for n in dict.fromkeys(named) if (resolve_place(n) is None or
                                                 resolve_place(n).country_code not in excluded)]
    text = tracker.latest_message.get("text") or ""
    # ... or typed after it, which no tagger found ("perth scotland not the one in australia lol")
    typed = [(name, " ".join(after.group(1).split()[:size])) for name in dict.fromkeys(named)
             for after in [re.search(rf"\b{re.escape(name)}[,\s]+([^\W\d_]+(?:\s+[^\W\d_]+)?)", text, re.I)] if after
             for size in (2, 1)]
    typed = [(city, qualifier) for city, qualifier in typed  # a country or region ("scotland"), not "in the"
             if (region := resolve_place(qualifier)) and not region.city]
    for city, qualifier in list(zip(kept, kept[1:])) + typed:
        place = resolve_place(f"{city}, {qualifier}")
        if place and place.city and place.country_code not in excluded:
            return place.name
    for name in kept + named:
        place = resolve_place(name, excluded)
        if place and place.country_code not in excluded:
            return place.name
    return None


def _rules_out_home(earlier: Any, text: str) -> bool:
    """Whether a message rules out the country of the place we have ("Hyderabad in Pakistan, not India" after
    Hyderabad, India); not another one ("Gulf hours or close, India or Egypt would work, not the US" from Dubai)."""
    home = resolve_place(str(earlier)) if earlier else None
    return bool(home) and home.country_code in negated_countries(text)


def _town_in_country(earlier: Optional[str], value: Any, text: str) -> Optional[str]:
    """The town we had, in the country a correction names beside it when the tagger found only the country ("that's
    hamilton new zealand, not the one in canada" after "hamilton": Hamilton, New Zealand, not New Zealand)."""
    before, now = resolve_place(earlier) if earlier else None, resolve_place(str(value))
    if not (before and before.city and now) or now.city or not re.search(rf"\b{re.escape(before.city)}\b", text, re.I):
        return None
    place = resolve_place(f"{before.city}, {now.country}")
    return place.name if place and place.city and place.country_code == now.country_code else None


def _most_read(tracker: Tracker) -> Optional[str]:
    """The choice question the latest message reads most surely as an answer to; none when it names a head-count or a
    place ("I wrote 600, it is 6,000 employees. A zero was missing.") and no choice reads sure or is named in it.
    First the choices the message speaks of both as known and as something else, surely: "scratch the
    hiring-our-own-devs thing. we'd rather give the whole backend to a studio" reads as the known work and the known
    control, and as another control only; "customer service was wrong, i meant the helpdesk for our own staff" as the
    known work and another, and as a control never told (of the staff's help desk)."""
    readings = {slot: _told_reading(tracker, slot) or [] for slot in CHOICE_SLOTS}
    tops = {slot: reading[0]["confidence"] if reading else 0.0 for slot, reading in readings.items()}
    retold = _retold(tracker)
    best = max(retold, key=lambda slot: retold[slot]) if retold else max(tops, key=lambda slot: tops[slot])
    text = tracker.latest_message.get("text") or ""
    if _entity_values(tracker, "headcount", "location", "GPE", "LOC") \
            and unasked(best, _told_reading(tracker, best)) is None and not named_values(_kind(best), text, taken_back):
        return None
    return best if tops[best] else None


def _retold(tracker: Tracker) -> Dict[str, float]:
    """The choice questions (not the goals) whose known answer the latest message speaks of surely and of another
    answer as surely ("not helpdesk. i meant infrastructure operations": the help desk and the servers), each with how
    surely it reads the other."""
    retold = {}
    for slot in CHOICE_SLOTS:
        reading = _told_reading(tracker, slot) or []
        earlier = before_this_turn(tracker, slot) if slot != "goals" else None
        known = next((r["confidence"] for r in reading if r["value"] == earlier), 0.0)
        other = next((r for r in reading if r["value"] != earlier), {"value": None, "confidence": 0.0})
        if earlier is not None and known >= SURE and other["confidence"] >= SURE \
                and not (slot == "function" and _goal_read_as_work(tracker, other["value"])):
            retold[slot] = other["confidence"]
    return retold


def _goal_read_as_work(tracker: Tracker, work: Any) -> bool:
    """Whether the security work reads only through the goal of security that the message tags and takes back
    ("Actually, scratch what I said about security, our CISO has that covered": the goal set aside, not the security
    work told; not "not the back office, I meant our cybersecurity")."""
    text = tracker.latest_message.get("text") or ""
    return work == "cybersecurity" and "security" in _goals_tagged(tracker) and only_negated("goal", "security", text, _given_up) \
        and work not in named_values("function", text, _not_wanted)


def _tells(tracker: Tracker, slot: str, value: Any) -> bool:
    """Whether the latest message itself tells `value` for `slot`: a tag of its kind, or a sure reading of it."""
    kind = "headcount" if slot == "employees" else _kind(slot)
    if any(e.get("entity") == kind for e in tracker.latest_message.get("entities") or []):
        return True
    told = _told(tracker, slot) if slot in CHOICE_SLOTS else None
    return told == value or (slot == "goals" and bool(told) and set(told) == set(value or []))


# Words that say what the owner wants or needs, which an answer to the size or place question tells beside them (not
# a guess at the answer itself: "should be near enough", "I need to count the partners too").
WISHED = re.compile(
    r"\b(?:want\w*|(?:need|needs|needing)(?!\s+to\s+(?:be|count|say|add|include|check)\b)"
    r"|(?:(?:'|’|woul)d (?:like|love|prefer|rather)|prefer\w*|would rather)(?!\s+not\b)|looking (?:for|to)"
    r"|hop(?:e|es|ing)|(?:must|should|(?:has|have|got) to|gotta)(?!\s+(?:be|count|say|add|include|check)\b)"
    r"|requir\w*|wish\w*|ideally|keen|priority|would be (?:great|good|nice|ideal|better)|our (?:goal|aim)|aim\w*"
    r"|we(?:'re|’re| are) after"
    r"|hand (?:it|them|everything|the \w+)(?: all)? (?:over|off)|main (?:thing|goal|worry|concern)"
    r"|can(?:no|'|’)t (?:find|hire|get|afford|keep))\b", re.I)


def _describes_the_answer(tracker: Tracker, slot: str) -> bool:
    """Whether the message answers how many or where, and its words read as the work, control or closeness only as
    they describe the answer ("Nine thousand, near enough", "Lyon, the site is in the east of the city", "Eighteen,
    including the two partners"): such facts count told as a wish ("Manila, and we'd like them on our hours"). Goals
    count either way: a pain told beside the size is one ("about 300, we got hacked last month")."""
    return tracker.get_slot("requested_slot") in ("employees", "location") and slot != "goals" \
        and _intent(tracker) != "correct" and not WISHED.search(tracker.latest_message.get("text") or "")


# A site or team of the company's own that it wants ("we want our own customer support hub overseas", "to open our own
# engineering centre"), up to three words between "own" and the site, or a site "of our own"; not one it set up before
# ("we set up our own team in Cebu"), nor a team to do something else ("we need our own team to focus on the product").
OWN_SITE_TO_COME = re.compile(r"\b(?:" + "|".join(sorted(TO_COME - {"set"})) + r"|to set up)\s+(?:our|my)\s+own\s+"
                              r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(SITES)) + r")\b(?!\s+to\b)"
                              # ("... consolidate finance and HR admin into one lower-cost hub of our own")
                              r"|\b(?:an?|one)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(SITES - {"people", "staff"}))
                              + r")\s+of\s+(?:our|my)\s+own\b", re.I)


def _own_site_wanted(text: str) -> bool:
    """Whether the text wants a site or team of its own to come (OWN_SITE_TO_COME), not turned down, nor asked about
    as one option ("Should we open our own office in Manila or outsource?")."""
    for match in OWN_SITE_TO_COME.finditer(text):
        sentence = SENTENCE_START.split(text[match.start():], maxsplit=1)[0]
        # (a site "of our own" only when the sentence wants it: not "we had a team of our own in Cebu but closed it")
        said_before = SENTENCE_START.split(text[:match.start()])[-1]
        wanted = not match.group().lower().endswith("own") or WISHED.search(said_before)
        if wanted and not _not_wanted(text, *match.span()) and "?" not in sentence:
            return True
    return False


def _told(tracker: Tracker, slot: str) -> Any:
    """The value the latest message tells for `slot` unasked: a sure reading; in a correction, which
    puts its value forward on purpose as a what-if does, a probable one for the question it most likely
    corrects."""
    reading = _told_reading(tracker, slot)
    if _intent(tracker) == "correct":
        if _most_read(tracker) != slot:
            return unasked(slot, reading, aside=True)
        # "I said hand it off but actually we want a say": the value taken back is no reading of it
        earlier = before_this_turn(tracker, slot)
        return proposed(slot, [r for r in reading or [] if slot == "goals" or r["value"] != earlier])
    # Beside the answer to another question ("callers from every time zone, so the phones answered round
    # the clock" to the goals question), or about a fact already known (an aside after the advice), the
    # plain bar: the message is about something else first.
    aside = tracker.get_slot("requested_slot") not in (None, slot) or before_this_turn(tracker, slot) is not None \
        or _intent(tracker) == "faq"  # facts told with a question of the owner's: only sure ones
    told = unasked(slot, reading, aside=aside)
    if slot == "goals" and not aside:
        text = tracker.latest_message.get("text") or ""
        # (not a goal's word inside the name of the work: "a 24/7 security operations centre"); people the company
        # cannot find name the wish for skilled people ("security analysts are impossible to hire here")
        named = named_values("goal", blanked(text, phrases_said("function", text, keeping="goal")), _not_wanted)
        named += ["skilled_talent"] if people_short_of("function", text) and "skilled_talent" not in named else []
        told = with_named(told, reading, named)
    if slot == "function" and not aside:
        # its phrases outside the company's trade ("a software company" names no work to move)
        text = blanked(tracker.latest_message.get("text") or "", _spans(tracker, "industry"))
        told = with_named_first(told, reading, named_values("function", text, _not_wanted))
        # "Cannot find enough developers here": the readers hear a goal (skilled people) and no work, but the work to
        # move is what the people it lacks do (one kind of them)
        short_of = people_short_of("function", text)
        told = told or (short_of[0] if len(short_of) == 1 else None)
    if slot == "control" and not aside:
        # "We want our own customer support hub overseas": a site or team of our own to come, named whatever words
        # stand between "own" and the site (the reader hears the work's words and leans to our own people only)
        text = tracker.latest_message.get("text") or ""
        told = with_named_first(told, reading, ["full"] if _own_site_wanted(text) else [])
    if slot == "function" and aside and told and not _said_beside(tracker, "goal"):
        # "security" to the goals question names a goal, not the security work as well
        return None
    if slot == "proximity" and told == "same_hours" and unasked(slot, reading, aside=True) is None \
            and _wants_round_the_clock(tracker):
        # "Our service desk runs 8 to 18 CET and our sites in Asia are unsupported at night": hours told beside a wish
        # for cover around the clock are the gap to fill, not hours the team must keep; only a plain statement counts
        return None
    return told


def _owner_messages(tracker: Tracker) -> List[Tuple[Optional[str], Dict[Text, Any]]]:
    """The owner's messages since the conversation last started over, each with the question pending when it came."""
    pending, said = None, []
    for event in tracker.events:
        if event.get("event") in ("reset_slots", "restart"):
            pending, said = None, []
        elif event.get("event") == "slot" and event.get("name") == "requested_slot":
            pending = event.get("value")
        elif event.get("event") == "user":
            said.append((pending, event.get("parse_data") or {}))
    return said


# The protection itself named beside the threat ("I need proper protection against this", "whether we're protected"),
# not the threat alone ("a dental practice worried about ransomware", "a phishing incident, never again"), which as
# often means all of the company's IT.
PROTECTION = re.compile(r"\b(?:protect\w*|secur(?:e|ed|ing)|(?:cyber ?)?security(?!\s+(?:breach|incident|scare|issue|"
                        r"problem|nightmare|hole|flaw|leak|attack|threat)))\b", re.I)
# "Our bank says we need better IT security": the security of the company's IT, not its IT support; "our SOC 2 audit"
# is an audit, not the security operations centre.
IT_SECURITY = re.compile(r"\bIT(?=[\s-]+(?:security|protection|safety)\b)|\bSOC[\s-]?[12]\b", re.I)


def _security_work_meant(tracker: Tracker) -> bool:
    """Whether the owner's words point to the security work as the work to move, though none named a work for sure: a
    wish for protection told unasked with no other work named ("One of our clients got hacked ... I need proper cyber
    security", "I need proper protection against this"), or the security work named by names the readers weigh little
    beside the rest ("need 24/7 SOC"). In the blind owners' first messages such a wish with no work named meant the
    security work about three times in four; the owner may say otherwise, and the assumption says so."""
    if tracker.get_slot("function") is not None or times_asked(tracker, "function"):
        return False
    worried = security_work_named = False
    for pending, message in _owner_messages(tracker):
        text = message.get("text") or ""
        if CODE_LIKE.search(text) or pending in ("employees", "location") \
                or (message.get("intent") or {}).get("name") not in STATING_INTENTS:
            continue  # (the answer to how many or where: "Twenty-two, counting the cleaner, who is on the payroll"; a
            # question asked in passing: "what does a SOC cost?")
        trades = [(e["start"], e["end"]) for e in message.get("entities") or [] if e.get("entity") == "industry"
                  and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
        works = set(named_values("function", blanked(text, trades + [m.span() for m in IT_SECURITY.finditer(text)]),
                                 _not_wanted))
        if works - {"cybersecurity"}:
            return False
        security_work_named |= bool(works)
        worried |= pending not in ("goals", "more_goals") and bool(PROTECTION.search(text)) \
            and "security" in (unasked("goals", told_readings(message).get("goals")) or [])
    goals = tracker.get_slot("goals") or []
    return security_work_named or (worried and "security" in goals
                                   and "goals" not in (tracker.get_slot("assumed") or []))


def _wants_round_the_clock(tracker: Tracker) -> bool:
    """Whether the owner wants cover around the clock: a goal known, or the goal the latest message reads most like, if
    at all likely ("... our sites in Asia are basically unsupported at night": 0.22)."""
    reading = _told_reading(tracker, "goals")
    goals = [*(tracker.get_slot("goals") or []), *(unasked("goals", reading) or []), *(guess("goals", reading) or [])]
    return "round_the_clock" in goals


FILLER = frozenset({"and", "the", "our", "for", "more", "better", "mostly", "mainly", "just", "really", "please",
                    "want", "need", "also", "too", "main", "one", "thing", "that", "would", "like"})


def _said_beside(tracker: Tracker, kind: str) -> bool:
    """Whether the latest message says more than the entities of `kind` it names ("security" is all goal; "security,
    our SOC is a mess" says more)."""
    text = blanked(tracker.latest_message.get("text") or "", _spans(tracker, kind))
    return any(word not in FILLER for word in re.findall(r"[a-z]{3,}", text.lower()))


OTHER_FACTS = {"location", "target_location", "GPE", "LOC", "goal", "function", "control", "proximity", "industry"}
SHORT_CORRECTION = 8  # words: a longer message's numbers are more often something else ("24/7", "3 offices")


def _bare_number(number: int) -> re.Pattern:
    """The number written as digits on its own or said of people ("whoops, 120", "it's 800 staff"), not of
    something else ("2 offices") nor a year ("we started in 2015")."""
    return re.compile(rf"(?<![\w.,])(?<!in )(?<!since )(?:{number:,}|{number})(?![\d,.]\d)"
                      r"(?=\s*(?:$|[,.;:!?)-]|(?:people|staff|employees|ppl|folks|of us|heads|fte|not)\b))", re.I)


def _counts_only_other_things(text: str, number: int) -> bool:
    """Whether the number, each time the message writes it in digits, counts something other than people ("we moved
    down to townsville 2 yrs ago")."""
    spans = [m.span() for m in re.finditer(rf"(?<![\d,.])(?:{number:,}|{number})(?![\d,.]?\d)", text)]
    return bool(spans) and all(counts_other_things(text, start, end) for start, end in spans)


def _other_facts(tracker: Tracker) -> bool:
    """Whether the message names a fact other than a head-count (a tagged value or a sure reading)."""
    tagged = any(e.get("entity") in OTHER_FACTS for e in tracker.latest_message.get("entities", []))
    return tagged or any(unasked(kind, _told_reading(tracker, kind), aside=True) for kind in CHOICE_SLOTS)


def _answers_question_asked(tracker: Tracker) -> bool:
    """Whether the latest message reads as an answer to the choice question asked."""
    asked = tracker.get_slot("requested_slot")
    if asked not in CHOICE_SLOTS or _said_this_turn(tracker, asked):
        return asked in CHOICE_SLOTS
    if _corrects_another(tracker, asked):
        return unasked(asked, _reading(tracker, asked), aside=True) is not None
    return answer(asked, _reading(tracker, asked)) is not None


def _corrects_another(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message, while the question for `slot` waits, corrects the answer to another, speaking of the
    known answer and of the new one ("correction: not helpdesk. i meant infrastructure operations. servers, cloud
    platform, monitoring." to the goals question): then it answers the question asked only if it reads as a whole
    surely as an answer to it. (An answer the classifier took for a correction, which reads as another question's
    answer without speaking of the known one, answers the question asked as before: "I don't want to wait till
    tomorrow for an answer because they're all asleep".)"""
    return _intent(tracker) == "correct" and any(other != slot for other in _retold(tracker))


def _tells_another(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message tells a new head-count while `slot` is asked ("oh, it's 3,500 people,
    not 350"). Not a place: answers about where the team may be name places ("someone on CET, like
    Berlin"); not a choice word, which in an answer to another choice question is more often the answer
    misread than a new fact; and not a bare number ("100%", "24/7") unless said of people or as a correction; nor a
    number of a part of the company ("we keep our team of 30 people") unless as a correction."""
    text = tracker.latest_message.get("text") or ""
    value = check_employees(tracker.slots_to_validate().get("employees")).value  # not "9-5", no head-count
    if slot == "employees" or value in (None, before_this_turn(tracker, "employees")):
        return False
    return _intent(tracker) == "correct" or (bool(PEOPLE.search(text)) and not PART_OF_US.search(text))


def _stated(tracker: Tracker, slot: str) -> bool:
    """Whether the owner has told the form `slot` (earlier, or in this message, tagged or surely read)."""
    return (tracker.get_slot(slot) is not None or slot in tracker.slots_to_validate()
            or _told(tracker, slot) is not None)


def _hint_for(slot: str, response: Optional[str]) -> bool:
    """Whether a response says an answer to the question for `slot` could not be used, or what its choices mean
    (either way the question comes once more, and not a third time)."""
    return bool(response) and response.startswith((f"utter_invalid_{slot}", f"utter_options_{slot}"))


def _asks_about_choices(tracker: Tracker) -> bool:
    """"what counts as back office exactly?", "what's the difference between sharing it and handing it off?", "not
    sure what you mean by control": a question about what the choices of the question asked mean, which names them
    and chooses none."""
    text = tracker.latest_message.get("text") or ""
    return _intent(tracker) not in VALUE_INTENTS and bool(ABOUT_OPTIONS.search(text)) and bool(
        QUESTION.search(text) or ASKS_MEANING.search(text))


def _misses(tracker: Tracker, slot: str) -> int:
    """How often an answer to the question for `slot` could not be used, since the form asked it."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "requested_slot" \
                and event.get("value") not in (slot, None):
            break
        if event.get("event") == "bot" and _hint_for(slot, (event.get("metadata") or {}).get("utter_action")):
            count += 1
    return count


def _places_named(tracker: Tracker) -> tuple[dict[tuple[int, int], str], list[tuple[int, int]], list[bool]]:
    """The places the latest message names, by span, the spans in order, and whether each is a destination."""
    text = tracker.latest_message.get("text") or ""
    spans: dict[tuple[int, int], str] = {}
    for entity in tracker.latest_message.get("entities", []):
        start, end = entity.get("start"), entity.get("end")
        if entity.get("entity") in ("location", "target_location", "GPE", "LOC") and isinstance(start, int) \
                and isinstance(end, int) and not any(s < end and start < e for s, e in spans):
            said, value = text[start:end], str(entity.get("value"))
            # a small town, whose value names its country ("Morrinsville, New Zealand"; components/town_names.py)
            spans[(start, end)] = value if value != said and not resolve_place(said) and resolve_place(value) else said
    order = sorted(spans)
    return spans, order, destinations(text, order)


def _one_destination(tracker: Tracker) -> bool:
    """Whether the latest message names at most one place the work would go to: "expanding to Kuwait, Bahrain and
    Egypt", "support hubs in Dallas and Chicago" name markets or sites, no one place for the work."""
    spans, order, going = _places_named(tracker)
    places = [place for span, goes in zip(order, going) if goes and (place := resolve_place(spans[span]))]
    # "Santiago, Chile" is one place: a town and its country
    return len({p.country_code for p in places}) <= 1 and len({p.city for p in places if p.city}) <= 1


def _home_beside_destination(tracker: Tracker, value: Any) -> Optional[str]:
    """When the place taken as the company's is where the work would go ("HQ in Lyon, thinking about our
    own plant in Morocco": the tagger took the last place), the place named as the company's, if any."""
    text = tracker.latest_message.get("text") or ""
    spans, order, going = _places_named(tracker)
    chosen = [i for i, span in enumerate(order) if spans[span] == str(value)]
    if not chosen or not going[chosen[-1]]:
        return None
    excluded = negated_countries(text)
    for i, span in enumerate(order):
        if going[i] or not resolve_place(spans[span]) or resolve_place(spans[span]).country_code in excluded \
                or negated_before(text[:span[0]]):
            continue
        nxt = order[i + 1] if i + 1 < len(order) else None
        if nxt and not going[i + 1] and text[span[1]:nxt[0]].strip() == ",":  # "Santiago, Chile"
            joined = f"{spans[span]}, {spans[nxt]}"
            if resolve_place(joined):
                return joined
        return spans[span]
    return None


# Words before a place or a number, in its clause, that make it someone else's or a former one, not the company's: "our
# biggest client is in London", "a supplier in Vietnam", "our old office was in Edinburgh", "previously part of a Sydney
# group", "used to be in Bristol", "Main factory is in Thailand", "our big rival in Limerick has 90 people", "our
# supplier (they are 400 people in Bergen)" (not words a company may say of itself: "we're a small factory in Stoke",
# "an old family firm in Cork", "we run holiday cottages in Cornwall"). A bracket goes on with its clause.
ELSEWHERE_BEFORE = re.compile(
    r"\b(?:clients?|customers?|suppliers?|providers?|vendors?|previous(?:ly)?|former(?:ly)?|used to|originally|"
    r"(?:our|my|the) (?:last|old) (?:office|premises|site|base|building|location|it guy|provider)|(?:our|my|the) last|"
    r"moved (?:up |down |over )?from|part of|showrooms?|sales (?:team|office)|(?:biggest|main|key) markets?|"
    r"(?:factory|plant|factories|plants) (?:is|are)|rivals?|competitors?|parent (?:company|group)|"
    # (words that may be the company's own trade, only with their owner: "our bank", not "a firm of accountants")
    r"(?:our|my|their) (?:[\w-]+ )?(?:banks?|accountants?|distributors?|lawyers?|solicitors?)|"
    r"sister (?:company|firm|business))\b"
    r"[^.;:!?)]*$", re.I)
# ... or after it, in its clause: "Germany is our biggest market", "Kendal is where our accountant is"
ELSEWHERE_AFTER = re.compile(r"^[^.;:!?()]{0,20}?\b(?:is|are)\s+(?:(?:our|my)\s+(?:biggest|main|largest|key)\s+"
                             r"(?:market|client|customer|supplier)s?|where (?:our|my|the) (?:[\w-]+ )?(?:accountants?|"
                             r"banks?|lawyers?|solicitors?|suppliers?|clients?|customers?|parent company|rivals?|"
                             r"competitors?))\b", re.I)


def _clause_before(text: str, start: int) -> str:
    """The clause that text[start:] continues: from the last full stop, semicolon, closing bracket or turn ("..., but",
    "..., while"), a bracket going on with its clause ("our supplier (they are 400 people in Bergen") unless it opens
    on us ("Most of our clients are in London (we're in Brighton ourselves)")."""
    return re.split(r"[.;:!?)]|\((?=\s*(?:we|i|our|my)\b)|,\s+(?:but|though|although|and|while)\b", text[:start],
                    flags=re.I)[-1]


def _a_town(name: str) -> bool:
    """Whether the map knows a town spelt as `name` (not a word it merely resembles)."""
    place = resolve_place(name, exact=True)
    return bool(place and place.city and unaccented(place.city).lower() == unaccented(name).lower())


def _head_office(tracker: Tracker, answering: bool = True) -> Optional[str]:
    """Of several places in an answer to where the company is ("HQ is in Frankfurt, we also have a sales
    office in Vienna"), the one said as the head office, else the first that is no one else's nor a former one ("based
    in denver, though most of our customers are up in canada"); a city with its qualifier ("Perth, Scotland") as one
    place. Rasa keeps the last tagged. Not `answering` (a first message), only a place said as the head office or one
    beside others that are someone else's or former, and never where the work would go."""
    text = tracker.latest_message.get("text") or ""
    # ("we moved up to Limerick in 2015"; a town only spaCy found: "... in Galway (Salthill side). Our big rival in
    # Limerick ...", where the tagger found only Limerick)
    kinds = ("location",) if answering else ("location", "target_location", "GPE", "LOC")
    tagged = sorted((e for e in tracker.latest_message.get("entities", [])
                     if e.get("entity") in kinds and isinstance(e.get("start"), int)
                     and isinstance(e.get("end"), int)), key=lambda e: e["start"])
    places: list[tuple[int, int]] = []  # "Perth, Scotland" is one place: a city and its qualifier
    for entity in tagged:
        if places and re.fullmatch(r"\s*,?\s*", text[places[-1][1]:entity["start"]]):
            places[-1] = (places[-1][0], entity["end"])
        else:
            places.append((entity["start"], entity["end"]))
    places = [(start, end) for start, end in places if resolve_place(text[start:end])]
    if answering and len(places) == 1 and len(tagged) > 1:  # a city with its qualifier, where Rasa keeps the qualifier
        return text[places[0][0]:places[0][1]]
    if len({text[start:end] for start, end in places}) < 2:
        return None
    if not answering:
        places = [span for span, away in zip(places, destinations(text, places)) if not away]
    cued = [(start, end) for start, end in places if HEAD_OFFICE.search(text[max(0, start - 40):start])
            or moved_home(SENTENCE_END.split(text[max(0, start - 80):start])[-1])]
    ours = [(start, end) for start, end in places if not ELSEWHERE_BEFORE.search(_clause_before(text, start))
            and not ELSEWHERE_AFTER.match(text[end:])]
    if not answering and not cued and (len(ours) == len(places) or not ours):
        return None
    start, end = (cued or ours or places)[0]
    return text[start:end]


def _corrected_values(tracker: Tracker, slot: str, earlier: Any) -> List[Any]:
    """The values a correction tags for `slot`, without those it negates ("not the IT") and, for a
    single answer, the earlier one it names only to take back ("I said hands off but ...")."""
    text = tracker.latest_message.get("text") or ""
    kind = _kind(slot)
    fresh: List[Any] = []
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") != kind or not isinstance(entity.get("start"), int):
            continue
        checked = check_choice(kind, entity.get("value"))
        if checked.error or taken_back(text, entity["start"], entity.get("end", entity["start"])):
            continue
        values = checked.value if isinstance(checked.value, list) else [checked.value]
        if slot != "goals" and earlier in values:
            continue
        fresh += [v for v in values if v not in fresh]
    return fresh


def _ruled_out(text: str, name: Optional[str]) -> bool:
    """Whether the text names `name` only after a negation ("I meant Porto, not Prato"; "not Montreal" rules out the
    gazetteer's Montréal)."""
    text, name = unaccented(text), unaccented(name or "")
    said = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.I)] if name else []
    return bool(said) and all(negated_before(text[:start]) for start in said)


def _entity_values(tracker: Tracker, *types: str) -> List[str]:
    return [str(e["value"]) for e in tracker.latest_message.get("entities", []) if e.get("entity") in types]


def _goals_tagged(tracker: Tracker) -> List[str]:
    """The goals the tagger found in the latest message, by their values."""
    said = _entity_values(tracker, "goal")
    return (check_choice("goal", said).value or []) if said else []


# A reply that picks one of the question's buttons by its place ("the second one", "option 3", "the last one").
_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4,
           "5th": 4, "sixth": 5, "6th": 5, "last": -1, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5}
BUTTON_BY_PLACE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|um+|hmm+|yeah|probably|maybe|i'?d (?:say|go with|pick|choose)|i (?:pick|choose|guess)|"
    r"let'?s (?:say|go with)|go with)\W+)*(?:the\s+)?"
    r"(?:(?P<word>first|second|third|fourth|fifth|sixth|last|1st|2nd|3rd|4th|5th|6th|middle)"
    r"(?:\s+(?:one|option|choice|button))?|(?:option|number|no\.?|#)\s*(?P<digit>[1-6]))"
    r"(?:\W+(?:please|pls|i guess|i think|probably))?\W*$", re.I)


def _button_picked(tracker: Tracker, slot: str, domain: DomainDict) -> Dict[Text, Any]:
    """The value of the button a reply to the question for `slot` picks by its place, if it does."""
    picked = BUTTON_BY_PLACE.match(tracker.latest_message.get("text") or "")
    if not picked or not _asking(tracker, slot):
        return {}
    buttons = next(iter((domain.get("responses") or {}).get(f"utter_ask_{slot}") or []), {}).get("buttons") or []
    place = (picked.group("word") or picked.group("digit")).lower()
    index = len(buttons) // 2 if place == "middle" else _PLACES[place]
    if not buttons or not -len(buttons) <= index < len(buttons) or (place == "middle" and len(buttons) % 2 == 0):
        return {}
    value = re.search(r'"\w+"\s*:\s*"(\w+)"', buttons[index].get("payload") or "")
    if not value:
        return {}
    return {slot: [value.group(1)] if slot == "goals" else value.group(1)}


class ValidateProfileForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_profile_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events = await self._validated(dispatcher, tracker, domain)
        taken = await self._security_work_taken(dispatcher, tracker, domain, events)  # (takes the question from events)
        return events + taken

    async def _security_work_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                                   events: List[Dict]) -> List[Dict]:
        """Instead of asking which work to move, the security work taken for it, said in one line and kept as assumed,
        when the owner's own words point to it (`_security_work_meant`): "I need proper cyber security" followed by
        "Which work would you hand over?" reads as not listening. Events to add; `events` loses the question."""
        tracker.add_slots([e for e in events if e.get("event") == "slot"])
        if tracker.get_slot("function") is not None or (not tracker.active_loop_name
                                                         and not tracker.get_slot("requested_slot")):
            return []  # (most turns: the work known, no need to work out the next question)
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        following = next((slot for slot in required if tracker.slots.get(slot) is None), None)
        if following != "function" or not _security_work_meant(tracker):
            return []
        events[:] = [e for e in events if not (e.get("event") == "slot" and e.get("name") == "requested_slot")]
        taken = self._assume(tracker, "function", dispatcher, "cybersecurity", response="utter_taken_function")
        tracker.add_slots([SlotSet(slot, value) for slot, value in taken.items()])
        after = await self.next_requested_slot(dispatcher, tracker, domain)
        return [SlotSet(slot, value) for slot, value in taken.items()] + ([after] if after else [])

    async def _validated(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        asked = tracker.get_slot("requested_slot")
        if asked in CHOICE_SLOTS and _asks_about_choices(tracker):
            if not _misses(tracker, asked):
                # What each choice means, then the question once more (counted as its first miss; named, or Rasa
                # would ask the domain's first empty slot, "anything else?" among them).
                dispatcher.utter_message(response=f"utter_options_{asked}")
                # A question about the choices tells no fact: what the taggers found in it is put back ("Boh, we
                # still discuss this. What is the difference in the practice?", with "Boh" tagged as a place)
                kept = [SlotSet(slot, before_this_turn(tracker, slot)) for slot in tracker.slots_to_validate()
                        if slot not in (asked, "requested_slot")]
                return kept + [SlotSet(asked, None), SlotSet("requested_slot", asked)]
            return await self._assume_and_go_on(dispatcher, tracker, domain, asked)  # explained already: no third time
        said = bool(tracker.slots_to_validate())
        events = await super().run(dispatcher, tracker, domain) + _no_destination(tracker)
        events += _unplaced(tracker, events)
        intent = _intent(tracker)
        slots = [e for e in events if e.get("event") == "slot" and e.get("name") not in BOOKKEEPING]
        answered = any(e["name"] == asked and e.get("value") is not None for e in slots)
        refused = any(e["name"] == asked and e.get("value") is None for e in slots)  # an impossible value
        told_else = any(e["name"] != asked and e.get("value") not in (None, before_this_turn(tracker, e["name"]))
                        for e in slots)  # something new about another question
        # "hard to say, we're fully remote across six countries" to the location question: no answer to come,
        # whatever else it tells
        unsure = bool(UNSURE.match(tracker.latest_message.get("text") or "")) and not refused
        if asked == "more_goals" and not answered and (refused or intent in MISS_INTENTS):
            # "anything else?" has no wrong answer and no default: whatever could not be read is "no more"
            tracker.add_slots([SlotSet(asked, "answered")])
            following = await self.next_requested_slot(dispatcher, tracker, domain)
            return [e for e in events if not (e.get("event") == "slot" and e.get("name") in (asked, "requested_slot"))
                    ] + [SlotSet(asked, "answered")] + ([following] if following else [])
        skipped = (intent in SKIPPING_INTENTS or skips(tracker.latest_message.get("text") or "")) and not refused
        if asked and not answered and (not told_else or unsure) and (refused or intent in MISS_INTENTS):
            if (unsure or skipped) and self._rough_size_first(dispatcher, tracker):
                return [e for e in events if not (e.get("event") == "slot" and e.get("name") == asked)
                        ] + [SlotSet(asked, None)]
            if _misses(tracker, asked) or unsure or skipped:
                # Asked twice in vain, or "no" / "skip" / "not sure, we have loads of part-timers" to the
                # question: no third time. The likeliest reading, else the default, said in one line.
                dispatcher.messages[:] = [m for m in dispatcher.messages if not _hint_for(asked, m.get("response"))]
                events = [e for e in events
                          if not (e.get("event") == "slot" and e.get("name") in (asked, "requested_slot"))]
                # (a "not sure" or "skip" leans only by a likely reading: "what would you advise?" reads faintly
                # as hands-off)
                leaning = unsure or skipped
                return events + await self._assume_and_go_on(dispatcher, tracker, domain, asked,
                                                             LEANING if leaning else GUESS)
            if not refused:
                # An answer that fits no question: say what kind of answer works; the form asks again.
                text = tracker.latest_message.get("text") or ""
                dispatcher.utter_message(response=_UNREADABLE.get(asked, f"utter_invalid_{asked}"),
                                         location=as_said(text))
                events.append(SlotSet(asked, None))
            return events
        # A FAQ, "why?" or a request for a person must let the form reject, so that the interruption rules
        # answer them.
        if said or slots or intent not in MISS_INTENTS:
            return events
        if not asked:
            # The form was started by a message that told nothing usable (often keyboard noise that the
            # classifier still took for an answer): admit it before the first question, guess nothing.
            dispatcher.utter_message(response="utter_not_understood")
        return events

    def _assume_after_misses(self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str,
                             least: float = GUESS) -> List[Dict]:
        guessed = guess(slot, _reading(tracker, slot), least) if slot in CHOICE_SLOTS else None
        values = self._assume(tracker, slot, dispatcher, guessed)
        return [SlotSet(name, value) for name, value in values.items()]

    async def _assume_and_go_on(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                                slot: str, least: float = GUESS) -> List[Dict]:
        """The value taken for a question not to be asked a third time, and the question after it: the likeliest
        reading of at least `least`, else the default."""
        assumed = self._assume_after_misses(dispatcher, tracker, slot, least)
        tracker.add_slots(assumed)
        following = await self.next_requested_slot(dispatcher, tracker, domain)
        return assumed + ([following] if following else [])

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        current = dict(tracker.slots)
        current["employees"] = check_employees(current.get("employees")).value
        plausible = offshoring_plausible(profile_from_slots(current))
        asked = tracker.get_slot("requested_slot")
        slots = [slot for slot in domain_slots if slot != "more_goals" or (plausible and _one_goal_told_unasked(
            tracker)) or (asked == slot and (times_asked(tracker, slot) < 2 or slot in tracker.slots_to_validate()))]
        if plausible:
            return slots
        # Not worth asking, but read when the owner says it anyway (and then perhaps worth asking the other).
        return [slot for slot in slots if slot not in OPTIONAL_QUESTIONS or _stated(tracker, slot)
                or slot == asked]  # the question just asked is read, whatever else

    # --- answers the NLU did not tag: read them from the whole reply to the question asked ---

    async def extract_employees(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not _asking(tracker, "employees"):
            # A number said of people that the tagger missed ("26 person startup in Nashville"), in a message
            # that states facts, while the head-count is unknown.
            text = tracker.latest_message.get("text") or ""
            counted = people_counted(text) or size_we_are(text, past=False) or (  # "we're 75ish in chicago"
                leading_count(text) if _describes_when_invited(tracker) else None)  # "Forty, all out of the yard."
            if (counted and not tracker.get_slot("employees") and not _said_this_turn(tracker, "employees")
                    and _intent(tracker) in STATING_INTENTS):
                return {"employees": counted}
            known = check_employees(tracker.get_slot("employees")).value
            if known and _intent(tracker) == "correct" and not _said_this_turn(tracker, "employees") \
                    and len(text.split()) <= SHORT_CORRECTION and not _other_facts(tracker):
                # "whoops, 120", "no its 54, typo", "btw I said 80 earlier, it's 800": a short correction whose one
                # new number the tagger missed
                fresh = [number for number, negated in headcounts_in(text) if not negated and number != known]
                if len(fresh) == 1 and _bare_number(fresh[0]).search(text):
                    return {"employees": fresh[0]}
            return {}
        for candidate in _entity_values(tracker, "CARDINAL") + [tracker.latest_message.get("text") or ""]:
            checked = check_employees(candidate)
            if checked.error != "utter_invalid_employees_unparsed":
                return {"employees": candidate}
        return {}

    async def extract_location(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not _asking(tracker, "location"):
            return self._place_said_in_passing(tracker) or self._place_corrected(tracker)
        places = _entity_values(tracker, "GPE", "LOC")
        text = tracker.latest_message.get("text") or ""
        for candidate in [text, ", ".join(places)] + places + _town_before_qualifier(text) + _lone_places(text):
            if candidate and resolve_place(candidate):
                return {"location": candidate}
        # "We're Swedish": the country, when no place is named
        home = home_country_named(text, tuple(map(str, _entity_values(tracker, "industry"))), answering=True)
        return {"location": home.name} if home else {}

    @staticmethod
    def _place_said_in_passing(tracker: Tracker, mistagged: bool = False) -> Dict[Text, Any]:
        """A place spaCy found where the tagger found none, said as where the company is ("a co-op outside
        Des Moines", "based in bristol"), in a message that states facts, while the location is unknown.
        `mistagged`: the tagger found a place the map lacks ("Group" of "Group CFO, hospitality, HQ dubai")."""
        known = before_this_turn(tracker, "location") if mistagged else tracker.get_slot("location")
        if (known or (_said_this_turn(tracker, "location") and not mistagged)
                or _intent(tracker) not in STATING_INTENTS):
            return {}
        text = tracker.latest_message.get("text") or ""
        for entity in tracker.latest_message.get("entities", []):
            before, after = text[:entity.get("start", 0)], text[entity.get("end", 0):]
            place = str(entity.get("value"))
            before, place = _town_before_code(before, place)
            # or a sentence of its own ("17 if you count me. perth. the scottish one not australia"), or the last part of
            # a description told in parts ("hey mate, farm supplies store, Ballarat"), or the town's region ("around
            # 800 fte, Eindhoven region.")
            rest = AREA_AFTER.sub("", after, count=1)
            said_before = SENTENCE_END.split(before)[-1].strip()
            alone = not (said_before or SENTENCE_END.split(rest)[0].strip()) or (
                before.rstrip().endswith(",") and not SENTENCE_END.split(rest)[0].strip()
                and _describes_when_invited(tracker)  # (not the province after its town: "Swift Current, Saskatchewan";
                # the first word of a sentence is capitalised whatever it is: "Small e-learning company, Graz.", but not
                # a signature: "Thanks, Florence", "Kind regards, Kendal")
                and not _named_before_comma(before))
            # ... or a town that ends its sentence right after the trade, which only the town tagger finds ("8 ppl
            # design studio braga.": components/town_names.py)
            alone = alone or (entity.get("extractor") == "TownNameExtractor" and not SENTENCE_END.split(rest)[0].strip()
                              and _describes_when_invited(tracker))
            based = BASED_AFTER.match(after) and (BASED_OURS.search(said_before) or (
                not said_before and not BASED_OTHER.match(after)))
            # ... or a coast, a valley or the like that the company is on ("four clinics on the Sunshine Coast")
            on_it = entity.get("entity") == "LOC" and ON_THE.search(before)
            # ... or in brackets after the words that place it, not others ("clients in Europe (Germany)")
            bracketed = after.lstrip().startswith(")") and PLACED_THEN_BRACKET.search(before) \
                and not OTHERS_THERE.search(said_before) and not PROVIDERS.search(said_before)
            if entity.get("entity") in ("GPE", "LOC") \
                    and (HOME_PLACE.search(before) or alone or based or on_it or bracketed) \
                    and resolve_place(place) \
                    and not destinations(text, [(entity.get("start", 0), entity.get("end", 0))])[0]:
                return {"location": _with_qualifier(place, after)}
        if _describes_when_invited(tracker):
            # a sentence that is only a place, which no tagger found whole ("9 incl me. dayton ohio. im the one ...",
            # "Forty. Swift Current, Saskatchewan. Small place."); a lone word first is more likely a reply ("Nice.")
            # or its first part before a comma, a name ("Toowoomba, up the range from Brissie.") or, in lower case, one
            # a tagger found or said as a city ("riga, the bakery is in Plavnieki.", "galway city, just off shop st.";
            # not "reading, writing and sums are what we teach")
            tagged_places = {str(name).lower() for name in _entity_values(tracker, "GPE", "LOC", "location")}
            for at, sentence in enumerate(SENTENCE_END.split(text)):
                whole = sentence.strip(" ,:-–—\n")
                first = whole.split(",")[0].strip()
                named = first != whole and (first.istitle() or (at and len(first.split()) <= 2 and (
                    first.lower() in tagged_places or CITY_SAID.fullmatch(first))))
                for said in (whole, first) if named else (whole,):
                    if 0 < len(said.split()) <= 4 and (at or len(said.split()) > 1) \
                            and _opens_with_its_name(said) and not destinations(text, [_span_of(text, said)])[0]:
                        return {"location": said}
        if tracker.get_slot("requested_slot") is None:
            for name in UNTAGGED_HOME.finditer(text):  # "4 bakeries round adelaide", "8 pharmacies around KL, ..."
                clause = SENTENCE_END.split(text[:name.start()])[-1]
                if re.match(r"hq|head|based", name.group(0), re.I):  # "850 people, HQ Eindhoven": ours by the word
                    ours = not PROVIDERS.search(clause) and not PLANNED.search(clause) \
                        and not re.search(r"\btheir\b", clause, re.I)
                elif name.group(0).lower().startswith("from"):  # "we are rubber glove maker from KL"
                    ours = (WE_ARE_FROM.search(text[:name.start(1)]) and not SOMEONE_ELSE.search(clause)
                            and not PLANNED.search(clause)) or GREETING_FROM.match(text[:name.start(1)])
                else:
                    # "we've got 4 bakeries round adelaide", our premises counted first ("2 shops in cape town"), the
                    # writer's job there ("vp eng at a saas co in austin"), or the trade right before ("small
                    # bookkeeping biz in austin"), not one still to come ("thinking of opening a bakery in leeds")
                    ours = (WE_HAVE.search(clause) and not SOMEONE_ELSE.search(clause)) \
                        or OUR_PREMISES.match(text[:name.start()]) or (
                        ROLE_AT.search(clause) and not PLANNED.search(clause) and not PROVIDERS.search(clause)) or (any(
                        re.search(rf"{re.escape(str(trade))}\s*$", text[:name.start()], re.I)
                        for trade in _entity_values(tracker, "industry")) and not PLANNED.search(clause))
                # a town of any size in a greeting: "Hello from Akureyri!" (spaCy calls it a language)
                greeted = bool(GREETING_FROM.match(text[:name.start(1)])) and _a_town(name.group(1))
                if ours and (widely_known(name.group(1)) or greeted) \
                        and not negated_before(text[:name.start()]) \
                        and not destinations(text, [(name.start(1), name.end(1))])[0]:
                    return {"location": _with_qualifier(name.group(1), text[name.end(1):])}
            for name in TOWN_THEN_HQ.finditer(text):
                if widely_known(name.group(1)) and not destinations(text, [(name.start(1), name.end(1))])[0]:
                    return {"location": name.group(1)}
        trades = [str(value) for value in _entity_values(tracker, "industry")]
        beside = tracker.get_slot("requested_slot") in (None, "employees")
        found = (_place_beside_headcount(text, trades, [str(v) for v in _entity_values(tracker, "GPE", "LOC")])
                 or _code_before_trade(tracker)) if beside else {}
        # no place named, but a nationality said of the company ("CFO at a Swedish industrial group"): its country
        named = _entity_values(tracker, "GPE", "LOC", "location")
        home = None if found or named else home_country_named(text, tuple(trades))
        return found or ({"location": home.name} if home else {})

    @staticmethod
    def _place_corrected(tracker: Tracker) -> Dict[Text, Any]:
        """The place a correction names where the tagger found none ("perth scotland not the one in australia
        lol", "no, Cambridge Massachusetts"): spaCy's places, or the words before what it rules out. Ruling
        a country out is a correction whatever the intent."""
        known = tracker.get_slot("location")
        before = resolve_place(known) if known else None
        text = tracker.latest_message.get("text") or ""
        excluded = negated_countries(text)
        if not before or _said_this_turn(tracker, "location") or not (_intent(tracker) == "correct" or excluded):
            return {}
        ruled_out = NOT_THE_ONE.search(text)
        candidates = _place_candidates(text, _home_spans(tracker, "GPE", "LOC")) + (
            [text[:ruled_out.start()]] if excluded and ruled_out else [])
        for candidate in candidates:
            place = resolve_place(candidate, excluded) if candidate.strip() else None
            # the other town of the name ("Perth in Scotland, not the one in Australia"), the place said in
            # place of the known one ("I meant Porto in Portugal not Prato") or as the company's own ("we
            # moved - we're in Leeds now"); not "not India, maybe Krakow" for the work
            if place and place.city and place != before and place.country_code not in excluded and (
                    before.country_code in excluded or place.city == before.city or MOVED.search(text)
                    or _ruled_out(text, before.city)):
                return {"location": place.name}
        return {}

    async def extract_goals(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "goals", domain)

    async def extract_function(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "function", domain)

    async def extract_control(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "control", domain)

    async def extract_proximity(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._extract_choice(tracker, "proximity", domain)

    @staticmethod
    def _extract_choice(tracker: Tracker, slot: str, domain: DomainDict) -> Dict[Text, Any]:
        """The reply to the question for `slot`: a button picked by its place, else as the learned reader understands
        it (the phrase list when the reader is unsure); a fact stated unasked only when the reader is sure of it."""
        picked = _button_picked(tracker, slot, domain)
        if picked:
            return picked
        reading = _reading(tracker, slot)
        if _asking(tracker, slot):
            if _tells_another(tracker, slot):
                # "Oh, it's 3,500 people, not 350" while another question waits: an answer to it only if sure.
                value = unasked(slot, _told_reading(tracker, slot))
            elif _corrects_another(tracker, slot):
                value = unasked(slot, reading, aside=True)  # (not by the phrase list: its words are the other's)
                return {slot: value} if value else {}
            else:
                value = answer(slot, reading, as_answer=_intent(tracker) in VALUE_INTENTS)
                told = _told_reading(tracker, slot)
                if slot != "goals" and told and says_little(reading) \
                        and told[0]["value"] != value and told[0]["confidence"] >= SURE:
                    # "It must remain our company, our employees, our training. We had a bad experience with an external
                    # call centre": the whole reads as nothing much, or as two values alike ("Don't care where. Our night
                    # shift is someone else's daytime"), one of its sentences plainly says the answer
                    value = told[0]["value"]
            if value is None:
                value = check_choice(_kind(slot), tracker.latest_message.get("text") or "").value
            return {slot: value} if value else {}
        # A fact nobody asked for: a new one, or a change to a known one when the owner corrects it or
        # tells it with no question pending ("actually, we'd like some oversight").
        revising = _intent(tracker) == "correct" or tracker.get_slot("requested_slot") is None
        if revising and tracker.get_slot(slot) and _answers_question_asked(tracker):
            # "I don't want to wait till tomorrow for an answer because they're all asleep" to the proximity
            # question, which the classifier took for a correction: it answers that question; a known value changes
            # only when the message names it (a tagged value, checked in validate_<slot>).
            return {}
        if (_states_facts(tracker) and (not tracker.get_slot(slot) or revising)
                and not _said_this_turn(tracker, slot) and not _describes_the_answer(tracker, slot)):
            value = _told(tracker, slot)
            if value and (tracker.get_slot(slot) or _intent(tracker) == "correct") \
                    and _said_of_the_counted(tracker, slot, value):
                return {}
            if slot == "control" and value == "full" and _only_served(tracker.latest_message.get("text") or ""):
                return {}  # "i mean the help desk for our own employees": whom the work serves, not who employs them
            return {slot: value} if value and value != tracker.get_slot(slot) else {}
        return {}

    # --- checks ---

    async def validate_employees(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if value == UNKNOWN:
            if self._rough_size_first(dispatcher, tracker):
                return {"employees": None}
            return self._assume(tracker, "employees", dispatcher)
        earlier = before_this_turn(tracker, "employees")
        text = tracker.latest_message.get("text") or ""
        value = _whole_number(tracker, _ours_of_several(tracker, value))
        if (earlier and tracker.get_slot("requested_slot") not in (None, "employees") and _intent(tracker) != "correct"
                and (not PEOPLE.search(text) or PART_OF_US.search(text) or KEPT_OR_ON.search(text)
                     or _only_a_time(text, value)
                     or (TO_HIRE.search(text) and not size_we_are(text, past=False))
                     or not (people_counted(text) or size_we_are(text, past=False))
                     or (_part_of_the_known(text, value, earlier) and not size_we_are(text, past=False)))):
            # a number in another answer ("100%", "24/7", "when my staff call at 8:30", "we keep our team of 30
            # people", "hiring takes us seven or eight months ... needs people awake") is no head-count of the company
            return {"employees": earlier}
        if not earlier and tracker.get_slot("requested_slot") != "employees" and _intent(tracker) != "correct":
            told = [number for number, negated in headcounts_in(text) if not negated]
            if told and set(told) <= _parts_counted(text):
                # "Our security monitoring is done by 2 people and it is not enough", "my team of four is stretched":
                # the people of one job, told before the company's size, which is still to be asked
                return {"employees": None}
        if tracker.get_slot("requested_slot") != "employees" and said_as_year(text, str(value)):
            # "I want modern systems, not from 2009", even in what reads as a correction, or "2024 was a tough year for
            # us" first: a year, no new size; first told, the one other number if any ("We are 11 architects ... Our
            # whole IT setup is from 2014")
            # ("... has 2,400 employees ... handles roughly 30,000 claims ... in 2019": the number said of people)
            said = check_employees(value).value
            others = [number for number, negated in headcounts_in(text) if not negated and number != said]
            return {"employees": earlier or people_counted(text) or (others[0] if len(others) == 1 else None)}
        spans = _spans(tracker, "headcount")
        if spans and all(counts_other_things(text, start, end) for start, end in spans) and not people_counted(text) \
                and tracker.get_slot("requested_slot") != "employees":
            # "hotel group based in Dubai, five properties": a count of something else told in passing ("we're 75ish,
            # five venues": the size said otherwise)
            return {"employees": earlier or size_we_are(text, past=False)}
        if spans and earlier and _intent(tracker) == "correct" and not people_counted(text) and all(
                counts_other_things(text, start, end) or text[start:end].strip().lower() == "one"
                for start, end in spans):
            # "One correction: I said same time zone ... Bengaluru is 3.5 hours ahead": a correction of something else
            return {"employees": earlier}
        if str(value).strip().lower() == "one" and tracker.get_slot("requested_slot") != "employees" \
                and not people_counted(text):
            # "One thing I got wrong earlier: ...": no head-count; "we're five. One of our clients ...": the other
            # number
            others = {number for number, negated in headcounts_in(text) if number != 1 and not negated}
            value = None if earlier else size_we_are(text, past=False) or (others.pop() if len(others) == 1 else None) \
                or (leading_count(text) if _describes_when_invited(tracker) else None)  # "22 with technicians. ..."
            if value is None:
                return {"employees": earlier}
        people = [(start, end) for start, end in spans if not counts_other_things(text, start, end)]
        if people and len(people) < len(spans) and any(
                text[start:end] == str(value) and counts_other_things(text, start, end) for start, end in spans):
            # "between four and five hundred, we have 38 shops": the number that counts people, whole
            start, end = people[0]
            value = next((text[s:e] for s, e in _spans(tracker, "CARDINAL") if s <= start and end <= e),
                         text[start:end])
        tagged = _entity_values(tracker, "headcount")
        if len(tagged) > 1 and check_employees(value).error:  # "Sixteen people ... zero IT people"
            value = next((t for t in tagged if not check_employees(t).error), value)
        read = [number for number, negated in headcounts_in(text) if not negated]
        parts = _parts_counted(text) if len(read) > 1 else set()
        # "800 employees in high season. Our IT people are 6 persons": not the part's number
        read = [number for number in read if number not in parts] or read
        if len(tagged) > 1 and len(read) == 1 and check_employees(value).value != read[0] \
                and (read[0] in {check_employees(t).value for t in tagged} or check_employees(value).value in parts) \
                and _intent(tracker) != "correct":
            # "6 of us. ... lost 3 yrs of records": the one number that counts people, of those tagged; "about sixteen
            # hundred staff and our cloud team is three people short" (the tagger took "sixteen"): not the part's
            value = read[0]
        counted = people_counted(text)
        if counted and counted != check_employees(value).value and _intent(tracker) != "correct" and not (
                tracker.get_slot("requested_slot") == "employees" and COMPOSED.search(text)):
            # "three thousand employees, four hospitals", "four" tagged of "four thousand employees": the
            # number said of people (the whole message's reading when it agrees or is a vague one near it: not the mean
            # of "4'000 employees" and the hours of "runs 8 to 18 CET").
            whole = check_employees(text)
            value = text if whole.value == counted or (whole.approximate and (
                not HOURS_SPAN.search(text) or abs((whole.value or 0) - counted) <= NEAR_ENOUGH * counted)) else counted
        if _intent(tracker) == "correct" and earlier:
            # "Sorry, it's 5,000 - I typed 500", "not 40, 400": the number that is neither negated nor the old one.
            fresh = [number for number, negated in headcounts_in(text) if not negated and number != earlier
                     and not _only_a_time(text, number)  # not "at 3 pm"
                     and not _counts_only_other_things(text, number)]  # not "we moved down to townsville 2 yrs ago"
            if not fresh and _only_a_time(text, check_employees(value).value):
                # "they need to work our hours, shift changes at the mines are at 7 and 19": a correction of another
                # fact, whose numbers are hours
                return {"employees": earlier}
            total = total_said(text)  # "15 FTE plus about 30 contractors, so ~45 really": the sum, not a part
            # ... or the number said as what we are ("Sorry I wrote 12000, is one zero too much, we are 1200")
            ours = people_counted(text) or size_we_are(text, past=False)
            value = (total if total in fresh and total == max(fresh) else ours if ours in fresh else fresh[0]) \
                if fresh else value
        elif tracker.get_slot("requested_slot") == "employees" and (
                COMPOSED.search(text) or len(headcounts_in(text)) == 1):
            # "40 in the office and 200 drivers", "nearly 1000", "three hundred, give or take" (the tagger took
            # "three"), "about 75 - been going 20 years": the whole answer, not the number tagged.
            value = text if check_employees(text).value else value
        if tracker.get_slot("requested_slot") == "employees" and _intent(tracker) != "correct" and len(read) == 1 \
                and check_employees(value).value in _parts_counted(text):
            value = read[0]  # "Our IT team is 6 people; the whole company is about 140."
        checked = check_employees(value)
        if checked.error and earlier and tracker.get_slot("requested_slot") != "employees" and (
                _intent(tracker) != "correct" or not (PEOPLE.search(text) or len(text.split()) <= SHORT_CORRECTION)):
            # "9-5" in "the people should be online 9-5", "We post job for one year, zero applicant" (even in what
            # reads as a correction, unless it is said of people or short: "sorry typo, we're 40000000 people")
            return {"employees": earlier}
        if checked.error:
            dispatcher.utter_message(response=checked.error)
            return {"employees": None}
        if self._corrects(tracker, "headcount"):
            people = "just you" if checked.value == 1 else f"{checked.value:,} people"
            dispatcher.utter_message(response="utter_noted_employees", employees=people)
        return {**self._known(tracker, "employees", checked.value), "employees_approximate": checked.approximate}

    async def validate_location(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        text = tracker.latest_message.get("text") or ""
        if value == UNKNOWN:
            # "We're Swedish, I'd rather not say which city": the country, though the city stays unsaid
            home = home_country_named(text, tuple(map(str, _entity_values(tracker, "industry"))), answering=True)
            if not home:
                return self._assume(tracker, "location", dispatcher)
            value = home.name
        earlier = before_this_turn(tracker, "location")
        if earlier and tracker.get_slot("requested_slot") != "location" and _intent(tracker) != "correct" \
                and (not (MOVED.search(text) or _home_restated(tracker)) or _nothing_new(earlier, value)) \
                and not _rules_out_home(earlier, text):  # "Hyderabad in Pakistan, not India"
            # "we want to start selling into Germany and France" to the goals question: a place named in the
            # answer to another question, or after the advice ("Time zone does matter actually": Time, Norway), is no
            # move of the company; "the Boston in Lincolnshire, England" when
            # Boston, Massachusetts is known says which Boston
            elsewhere = _same_town_elsewhere(tracker, earlier)
            if not elsewhere:
                return {"location": earlier}
            dispatcher.utter_message(response="utter_noted_location", location=elsewhere)
            return {"location": elsewhere}
        if earlier and _intent(tracker) == "correct" and not MOVED.search(text) \
                and _only_a_site(tracker, value, earlier):
            return {"location": earlier}
        if earlier and _intent(tracker) == "correct" and not MOVED.search(text) and _only_a_destination(tracker, value):
            # "I must correct myself: no partner, we will set up our own subsidiary in Manila": where the work would go,
            # not where the company is
            going = check_location(value).value
            return {"location": earlier, **({"target_location": going} if going and not _said_this_turn(
                tracker, "target_location") else {})}
        if earlier and _intent(tracker) == "correct" and not MOVED.search(text) and _nothing_new(earlier, value) \
                and len(_spans(tracker, "location", "GPE", "LOC")) == 1:
            # "I need to correct the goals: ... security analysts we can't find in Sweden" when Gothenburg is known: the
            # one place of a correction of something else, our country, which says no more than the town
            return {"location": earlier}
        moved = {}
        if tracker.get_slot("requested_slot") == "location":
            value = _head_office(tracker) or value
        home = _home_beside_destination(tracker, value)
        if not home and tracker.get_slot("requested_slot") is None and not earlier:
            # "based in denver, though most of our customers are up in canada": not the last place named
            value = _head_office(tracker, answering=False) or value
        if home:
            if not _said_this_turn(tracker, "target_location") and check_location(value).value \
                    and _one_destination(tracker) and not _only_outside(tracker, value):
                moved = {"target_location": check_location(value).value}
            value = home
        value = _not_ruled_out(tracker, value)
        # "perth. the scottish one not australia"
        the_one = next(filter(None, (town_of_the_one(name, text) for name in _entity_values(
            tracker, "location", "GPE", "LOC") + ([str(value)] if value else []))), None)
        value = the_one.name if the_one else value
        excluded = negated_countries(text)
        if excluded and not the_one:  # "Valencia in Venezuela, not the one in Spain"
            value = _place_outside(tracker, value, excluded) or value
        if excluded or _intent(tracker) == "correct":
            value = _town_in_country(earlier, value, text) or value
        if _intent(tracker) == "correct" and not excluded and not the_one:
            value = _town_at_home(tracker, earlier, value) or value
        checked = check_location(value)
        if checked.error:
            # "Perth, Western" cut short, "Howdy" in "Howdy from Dallas!": another place the message names; or one
            # said in passing that no tagger found ("Group CFO, hospitality, HQ dubai", with "Group" tagged)
            other = _place_named(tracker) or (None if earlier or tracker.get_slot("requested_slot") == "location"
                                              else self._place_said_in_passing(tracker, mistagged=True).get("location"))
            checked = check_location(other) if other else checked
        if checked.error:
            answering = tracker.get_slot("requested_slot") == "location"
            if earlier and not answering:
                if _intent(tracker) == "correct" and (MOVED.search(text) or _ruled_out(text, str(earlier))):
                    # "Actually we're based in Wanaka, not Queenstown": a town the map lacks, said in place of the
                    # known one; kept, but not in silence
                    known = resolve_place(str(earlier))
                    dispatcher.utter_message(response="utter_location_not_found_kept",
                                             earlier=known.name if known else str(earlier),
                                             location=as_said(str(value)))
                # A stray place-like word in another answer ("Location is flexible", even in a message
                # read as a correction): keep the place we have.
                return {"location": earlier}
            if not answering:  # told unasked and not found: the question comes in its turn, without a complaint
                return {"location": None}
            said = tracker.latest_message.get("text")
            dispatcher.utter_message(response=checked.error,
                                     location=as_said(_sentence_naming(said, value) if said else str(value)))
            return {"location": None}
        if self._corrects(tracker, "location") or ((_intent(tracker) == "correct" or excluded) and earlier
                                                   and resolve_place(earlier) != resolve_place(checked.value)):
            dispatcher.utter_message(response="utter_noted_location", location=resolve_place(checked.value).name)
        target = tracker.get_slot("target_location")
        if not moved and target and resolve_place(str(target)) == resolve_place(checked.value) \
                and _home_tagged_as_target(tracker, checked.value):
            # (what the slot held before this message: a destination told earlier, or none)
            moved = {"target_location": before_this_turn(tracker, "target_location")}
        return {"location": checked.value, **moved}

    async def validate_goals(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "goals", dispatcher, tracker)

    async def validate_more_goals(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """The reply to "anything else?": the goals it adds to the one told ("no, that's the main thing": none, and a
        "no, but security too" keeps the one told). Whatever the reply, it is read once; the question comes again only
        after an interruption (a FAQ, "why do you ask?"), and not a third time."""
        before = before_this_turn(tracker, "goals") or []
        known = list(dict.fromkeys(goal for goal in [*before, *(tracker.get_slot("goals") or [])] if goal != UNKNOWN))
        if _intent(tracker) not in VALUE_INTENTS:
            return {"more_goals": "answered", **({"goals": known} if known != tracker.get_slot("goals") else {})}
        text = tracker.latest_message.get("text") or ""
        read = answer("goals", _reading(tracker, "goals")) or []
        new = _wanted_goals([goal for goal in dict.fromkeys(_goals_tagged(tracker) + read) if goal not in known], read, text,
                            or_all=False)
        return {"more_goals": "answered", **({"goals": known + new} if new else {})}

    async def validate_function(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "function", dispatcher, tracker)

    async def validate_control(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "control", dispatcher, tracker)

    async def validate_proximity(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        return self._validate_choice(value, "proximity", dispatcher, tracker)

    def _validate_choice(self, value, slot: str, dispatcher, tracker: Tracker) -> Dict[Text, Any]:
        if UNKNOWN in (value if isinstance(value, list) else [value]):
            # "doesn't matter" to how close the team must be is one of the phrase list's words for remote: an answer
            said = phrase_value(_kind(slot), tracker.latest_message.get("text"))
            if said and slot == tracker.get_slot("requested_slot") and slot != "goals" \
                    and guess(slot, _reading(tracker, slot), SURE) == said:
                return {slot: said}
            # "not sure, probably a partner" leans one way; "no idea really" says nothing to read: the default.
            said_nothing = only_unsure(tracker.latest_message.get("text") or "") or (
                tracker.latest_message.get("unsure") or 0.0) >= UNSURE_READ  # "the board is still arguing about it"
            guessed = None if said_nothing else guess(slot, _reading(tracker, slot), LEANING)
            return self._assume(tracker, slot, dispatcher, guessed)
        earlier = before_this_turn(tracker, slot)
        tagged_value = check_choice(_kind(slot), value).value if slot != "goals" else None
        if slot != "goals" and earlier is not None and _intent(tracker) != "correct" \
                and slot not in (tracker.get_slot("assumed") or []) \
                and tracker.get_slot("requested_slot") not in (None, slot) and _said_this_turn(tracker, slot) \
                and tagged_value != earlier and unasked(slot, _told_reading(tracker, slot), aside=True) != tagged_value:
            # "we want the dealers on a proper modern app with live data and cloud, not this 2014 portal" to "anything
            # else?", with software development known: a work tagged in passing in the answer to another question
            # changes a known one only when the readers are sure of it (a correction says so); an assumed one is there
            # to be corrected
            return {slot: earlier}
        if _intent(tracker) == "correct" and _said_this_turn(tracker, slot) \
                and tracker.get_slot("requested_slot") != slot and _said_of_the_counted(tracker, slot, value):
            return {slot: earlier}
        if _intent(tracker) == "correct" and _said_this_turn(tracker, slot) and (
                earlier is not None or tracker.get_slot("requested_slot") != slot):
            # "it's production, not the IT", "I said hands off but ...": what is named only to be taken
            # back is no answer; the correction's value is what is left, or else what the readers make of it.
            # (A "correction" of the question asked, with nothing to take back, is its answer.)
            text = tracker.latest_message.get("text") or ""
            fresh = _corrected_values(tracker, slot, earlier)
            if not fresh or slot == "goals":
                # what the readers make of it; for goals also those the tagger missed ("it's about cost and getting
                # 24/7 coverage"), unless named only to be taken back
                told = _told(tracker, slot)
                fresh = list(dict.fromkeys(fresh + [value for value in (told if isinstance(told, list) else [told])
                                                    if value and not only_negated(_kind(slot), value, text,
                                                                                  _given_up)]))
            # the earlier goals the message does not take back
            kept = [goal for goal in earlier if not only_negated("goal", goal, text, _given_up)] \
                if slot == "goals" and earlier else []
            if not fresh and slot == "goals" and earlier:
                return {slot: kept or earlier}  # "take expertise off the list": the goals left
            if not fresh:
                return {slot: earlier} if earlier else {slot: None}
            if slot == "goals" and earlier and (adds(text) or _most_read(tracker) != "goals"):
                # "and backups too, forgot to say": one more; "security as well, not cost": not the one taken back;
                # "I said all ourselves, but we don't have the people ... together with a partner": the correction
                # of another answer, beside which a wish heard joins the goals told
                fresh = list(dict.fromkeys(kept + fresh))
            value = fresh if slot == "goals" else fresh[0]
        if slot != "goals" and tracker.get_slot("requested_slot") == slot and _intent(tracker) in VALUE_INTENTS:
            value = self._one_meant(tracker, slot, value)
        if slot == "goals" and tracker.get_slot("requested_slot") == "goals" and _intent(tracker) in VALUE_INTENTS:
            # An answer may name more goals than the tagger found: "cheaper, and people who know the tech".
            read = answer("goals", _reading(tracker, "goals")) or []
            value = list(dict.fromkeys((value if isinstance(value, list) else [value]) + read))
            value = _wanted_goals(value, read, tracker.latest_message.get("text") or "")
        elif slot == "goals" and _intent(tracker) in STATING_INTENTS and _intent(tracker) != "correct":
            # So may a message that tells them unasked ("spend less on IT and get some expert advice").
            read = _told(tracker, "goals") or []
            value = list(dict.fromkeys((value if isinstance(value, list) else [value]) + read))
            text = tracker.latest_message.get("text") or ""
            wanted = _wanted_goals(value, read, text, or_all=False)
            # (a trade tagged as one of a company: "a security software company", not "a horrible phishing incident")
            trades = [(start, end) for start, end in _spans(tracker, "industry")
                      if (text[start:end].split() or [""])[-1].lower() in COMPANY_WORDS]
            inside = _named_only_in_the_work(text, trades)
            wanted = [goal for goal in wanted if goal not in inside]
            if not wanted:  # "20 staff in Leeds, security is handled": no goal told
                return {slot: before_this_turn(tracker, slot)}
            value = wanted
            if earlier and tracker.get_slot("requested_slot") not in (None, slot):
                # "The security part. Monitoring, patching" to the work question: a goal named in the answer to
                # another question adds to the goals told before; it does not replace them.
                kept = _wanted_goals(earlier, read, tracker.latest_message.get("text") or "", or_all=False)
                value = list(dict.fromkeys(kept + value))  # not those it takes back ("cost isn't a factor")
        text = tracker.latest_message.get("text") or ""
        tagged = [e for e in tracker.latest_message.get("entities", [])
                  if e.get("entity") == _kind(slot) and isinstance(e.get("start"), int)]
        if slot != "goals" and tagged and _intent(tracker) != "correct" \
                and all(negated_before(text[:e["start"]]) for e in tagged):
            value = None  # "I don't need to employ them": what is tagged is what is not wanted
        checked = check_choice(_kind(slot), value)
        if checked.error:
            # The NLU may cut a phrase short ("skilled" of "skilled developers"): read the whole message.
            checked = check_choice(_kind(slot), text)
        if checked.error and tracker.get_slot("requested_slot") == slot:
            # A tag the phrase list does not know ("maximum control"): what the reader makes of the reply.
            read = answer(slot, _reading(tracker, slot), as_answer=_intent(tracker) in VALUE_INTENTS,
                          tagged=bool(_entity_values(tracker, _kind(slot))))
            checked = check_choice(_kind(slot), read) if read else checked
        elif checked.error and _intent(tracker) != "correct":
            # Said in passing and not clear ("our reservations and support desk"): a sure reading, else
            # nothing said about it; its question comes in its turn. (A correction hears what was unclear.)
            told = _told(tracker, slot)
            checked = check_choice(_kind(slot), told) if told else checked
            if checked.error:
                return {slot: before_this_turn(tracker, slot)}
        if checked.error:
            dispatcher.utter_message(response=checked.error)
            return {slot: None}
        if slot == "control" and checked.value == "full" and partner_beside_own_people(text):
            return self._known(tracker, slot, "shared")
        return self._known(tracker, slot, checked.value)

    @staticmethod
    def _one_meant(tracker: Tracker, slot: str, value: Any) -> Any:
        """Of an answer that tags several values ("IT support for the hotels: front desk, point of sale,
        back office PCs"), turns on "but", or tags a phrase the reader all but rules out, the value the reader
        makes of the whole answer: the tagger only lists what it names, and Rasa keeps the last."""
        reading = _reading(tracker, slot) or []
        read = answer(slot, reading)
        if not read or read == check_choice(slot, value).value:
            return value
        tagged = {check_choice(slot, v).value for v in _entity_values(tracker, slot)} - {None}
        turns = [m.start() for m in TURNING.finditer(tracker.latest_message.get("text") or "")]
        ends = [e.get("end") for e in tracker.latest_message.get("entities", []) if e.get("entity") == slot]
        turned = bool(turns) and all(isinstance(end, int) and end <= turns[-1] for end in ends)  # all tags before it
        # "remote works, we haven't seen our IT guy in person in years": a phrase tagged in a story the reader,
        # all but certain of another value, hears as none of it
        shares = {r["value"]: r["confidence"] for r in reading}
        overruled = reading[0]["confidence"] >= OVERRULING and all(shares.get(v, 0.0) < OVERRULED for v in tagged)
        return read if (len(tagged) > 1 and read in tagged) or turned or overruled else value

    @staticmethod
    def _corrects(tracker: Tracker, entity: str) -> bool:
        """The user's correction names this value (the others are only checked again as the form restarts)."""
        return (tracker.latest_message.get("intent") or {}).get("name") == "correct" and bool(
            _entity_values(tracker, entity))

    @staticmethod
    def _rough_size_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """Whether an owner unsure of the head-count ("not sure of the exact number, HR would know", "depends how you
        count contractors. Skip for now?", "hmm do contractors count? idk") is offered sizes to pick from before a
        size is assumed: the size weighs most in the advice, and most who cannot count their people know the rough
        size. Once; not to someone who would rather not say, nor for a bare "skip" or "pass", which take the default at
        once as for any question."""
        text = tracker.latest_message.get("text") or ""
        if tracker.get_slot("requested_slot") != "employees" or _misses(tracker, "employees") or DECLINES.search(text) \
                or not (UNSURE.match(text) or ("?" in text and len(text.split()) > 2 and not SKIPS.search(text))
                        or any(len(part.split()) > BARE_SKIP and not SKIPS.search(part)  # "do contractors count? idk"
                               for part in SENTENCE_END.split(text))):
            return False
        assumed = describe_value("employees", default_value("employees", profile_from_slots(
            tracker.current_slot_values())))
        dispatcher.utter_message(response="utter_invalid_employees_rough", assumption=assumed)
        return True

    @staticmethod
    def _assume(tracker: Tracker, slot: str, dispatcher: CollectingDispatcher, value: Any = None,
                response: Optional[str] = None) -> Dict[Text, Any]:
        """A value for a question the user could not or would not answer, or that their words answer only by inference
        (`value`, else the default), said in one line (`response`, else the slot's own) and remembered for the
        explanation. A location is left open instead."""
        if slot == "location":
            dispatcher.utter_message(response="utter_assumed_location")
            return {"location": UNKNOWN}
        value = value if value is not None else default_value(slot, profile_from_slots(tracker.current_slot_values()))
        dispatcher.utter_message(response=response or f"utter_assumed_{slot}", assumption=describe_value(slot, value))
        assumed = list(tracker.get_slot("assumed") or [])
        return {slot: value, "assumed": assumed + [slot] if slot not in assumed else assumed}

    @staticmethod
    def _known(tracker: Tracker, slot: str, value: Any) -> Dict[Text, Any]:
        """A real answer replaces an earlier default: another value, or the same one when the message tells it ("the
        front desk PCs" after we assumed IT support). A value only checked again (after the advice the form validates
        every answer with each message) stays assumed."""
        assumed = list(tracker.get_slot("assumed") or [])
        if slot in assumed and (value != before_this_turn(tracker, slot) or _tells(tracker, slot, value)):
            assumed.remove(slot)
        return {slot: value, "assumed": assumed}
