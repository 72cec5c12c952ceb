"""The custom actions, run with rasa_sdk's own Tracker and CollectingDispatcher; exact events asserted."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import AllSlotsReset, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.advice import ActionExplain, ActionRecommend, ActionWhatIf
from actions.conversation import ActionDefaultFallback, ActionInviteProfile, ActionStartOver
from actions.form import ValidateProfileForm, partner_beside_own_people
from tests.conftest import make_tracker

pytestmark = pytest.mark.asyncio

SMALL_DENTIST = {
    "employees": 12, "location": "Worcester, MA", "goals": ["security"], "function": "it_support",
    "industry": "dental practice", "assumed": [],
}


def responses(dispatcher: CollectingDispatcher) -> list:
    return [m.get("response") for m in dispatcher.messages]


async def run_form(domain, **tracker_args):
    dispatcher = CollectingDispatcher()
    events = await ValidateProfileForm().run(dispatcher, make_tracker(**tracker_args), domain)
    return dispatcher, events


async def test_rich_first_message_fills_everything_and_asks_only_the_rest(domain):
    dispatcher, events = await run_form(
        domain,
        text="We're a 12-person dental practice in Worcester, MA, worried about ransomware",
        new_slots={"employees": "12", "location": "Worcester, MA,", "goals": ["ransomware"],
                   "industry": "dental practice"},
    )
    assert events == [
        SlotSet("employees", 12), SlotSet("location", "Worcester, MA"), SlotSet("goals", ["security"]),
        SlotSet("assumed", []), SlotSet("employees_approximate", False),
        SlotSet("requested_slot", "function"),
    ]
    assert dispatcher.messages == []


async def test_a_wish_heard_in_the_correction_of_another_answer_joins_the_goals(domain):
    """"I said all ourselves, but ... we don't have the people. We want to do it together with a partner company" after
    the advice: the control is corrected; the wish the readers hear beside it takes no goal back."""
    told = {"employees": 1000, "location": "Izmir", "goals": ["global_expansion", "expertise"],
            "function": "software_development", "control": "full", "proximity": "same_hours"}
    text = ("Ah wait, I said all ourselves, but my IT manager says we don't have the people. We want to do it together "
            "with a partner company: they build, we work with them.")
    readings = {"control": [{"value": "shared", "confidence": 0.97}, {"value": "full", "confidence": 0.02}],
                "goals": [{"value": "reduce_management_burden", "confidence": 0.69}]}
    _, events = await run_form(domain, text=text, intent="correct", earlier_slots=told, readings=readings)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert (slots["control"], slots["goals"]) == ("shared", ["global_expansion", "expertise", "reduce_management_burden"])


@pytest.mark.parametrize("text, town, place", [
    # the state's code after the town ("springfield" alone is Missouri's)
    ("we're an insurance carrier out of springfield, IL with about 240 employees", "springfield", "springfield, IL"),
    ("law firm out of columbus, in the short north, 40 of us", "columbus", "columbus"),  # "in" is no Indiana
    ("family insurance agency out of portland, me and 8 others", "portland", "portland"),  # "me" is no Maine
    ("boutique agency out of dublin, PR and comms mostly, 25 people", "dublin", "dublin"),  # public relations
])
async def test_a_town_said_in_passing_keeps_the_state_code_after_it(domain, text, town, place):
    _, events = await run_form(domain, text=text, entities=_tagged(text, "GPE", (town, town)))
    assert [e["value"] for e in events if e.get("name") == "location"] == [place]


@pytest.mark.parametrize("text, tagged, place", [
    ("Howdy from Dallas! 65 folks here", (("location", "Howdy"), ("GPE", "Dallas")), "Dallas"),  # a greeting tagged
    ("a 90-person consultancy in Perth, Western Australia",
     (("location", "Perth, Western"), ("GPE", "Perth"), ("GPE", "Western Australia")), "Perth"),  # cut short
    ("Howdy folks, 65 of us here", (("location", "Howdy"),), None),  # nothing found: asked in its turn, no complaint
    # a word tagged that the map lacks, and a place no tagger found, placed by the word before it
    ("Group CFO, hospitality, HQ dubai, ~7k employees across 30 hotels.", (("location", "Group"),), "dubai"),
])
async def test_a_place_told_unasked_that_the_tagger_got_wrong(domain, text, tagged, place):
    dispatcher, events = await run_form(domain, text=text, new_slots={"location": tagged[0][1]},
                                        entities=[e for kind, name in tagged
                                                  for e in _tagged(text, kind, (name, name))])
    [location] = [e["value"] for e in events if e.get("name") == "location"]
    assert location is None if place is None else str(location).startswith(place)
    assert not any(r.startswith("utter_invalid_location") for r in responses(dispatcher))


@pytest.mark.parametrize("text, tagged, place", [
    ("9 of us incl the two dentists. galway city, just off shop st. we got a scary email", None, "galway city"),
    ("between four and five hundred, we have 38 shops. riga, the bakery is in Plavnieki.", "riga", "riga"),  # tagged
    ("We are 9 teachers at a small school. reading, writing and sums are what we teach.", None, None),  # a word
])
async def test_a_town_in_lower_case_opening_a_sentence_of_a_description(domain, text, tagged, place):
    _, events = await run_form(domain, text=text, entities=_tagged(text, "GPE", (tagged, tagged)) if tagged else [],
                               earlier_events=[
        {"event": "bot", "text": "Hello!", "metadata": {"utter_action": "utter_greet"}}])
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


async def test_a_town_right_after_the_trade_that_only_the_town_tagger_found(domain):
    text = "hi, 8 ppl design studio braga. need IT off my back"
    entities = [{**_tagged(text, "GPE", ("braga", "braga"))[0], "extractor": "TownNameExtractor"}]
    _, events = await run_form(domain, text=text, entities=entities)
    assert [e["value"] for e in events if e.get("name") == "location"] == ["braga"]


@pytest.mark.parametrize("text, tagged, place", [
    ("hey mate, farm supplies store, Ballarat", "Ballarat", "Ballarat"),  # the last part of a description in parts
    ("hey mate, farm supplies store, want to open in Ballarat", "Ballarat", None),  # where it may go
    ("Forty of us. Swift Current, Saskatchewan", "Saskatchewan", "Swift Current, Saskatchewan"),  # its town first
    ("Small e-learning company, Graz. Want better security for our course servers.", "Graz", "Graz"),  # capitalised
    ("We need help with backups for 20 people. Thanks, Florence", "Florence", None),  # a signature
    ("We need help with backups for 20 people. Kind regards, Florence", "Florence", None),
    ("We build vision software. 850 people, HQ Eindhoven. Problem: hiring", "Eindhoven", "Eindhoven"),  # its HQ
    # a word for the land between "in" and its name
    ("I own a farm equipment dealership out in rural Saskatchewan, 48 people", "Saskatchewan", "Saskatchewan"),
    # beside a head-count with a thousands comma, or "based at" it
    ("Grüezi. Specialty chemicals, Basel, 2,100 people. We are looking at a development centre of our own in Poland.",
     "Basel", "Basel"),
    ("We are manufacturer of bicycles, based at Pune, approx 3500 employees. We plan our own factory abroad.", "Pune",
     "Pune"),
])
async def test_a_place_that_ends_a_description_told_in_parts(domain, text, tagged, place):
    _, events = await run_form(domain, text=text, entities=_tagged(text, "GPE", (tagged, tagged)))
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, code, place", [
    ("hey there, gym owner in wagga NSW lol, the computers are doing my head in", "NSW", "wagga NSW"),
    ("a sawmill out by Smithers BC, 40 guys", "BC", "Smithers BC"),
    ("we love NSW", "NSW", None),  # no town before it, nor said as where we are
])
async def test_a_town_the_map_lacks_beside_the_province_code_spacy_took(domain, text, code, place):
    _, events = await run_form(domain, text=text, entities=_tagged(text, "GPE", (code, code)))
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, place", [
    ("hey! 40 ppl, toronto, we want to build an app", "toronto"),  # lower case: no tagger finds it
    ("Brokerage, Dubai Marina, 16 agents. Quick question.", "Dubai Marina"),  # beside whoever the count counts
    ("small firm, 8 of us, in cork. we'd need someone on site", "cork"),
    ("cape town, 22 staff. need cheaper bookkeeping", "cape town"),
    ("we have 30 staff, thinking of india", None),  # words around it: where the work might go
    ("25 people, manila?", None),  # asked about
    ("50 employees, india or philippines", None),
    ("salmon farming company bergen 2000 employees. want our own centre in the baltics", "bergen"),  # no commas
    ("bakery chain manchester 80 people", "manchester"),
    ("design studio just 12 people", None),  # words between the company and its size, no town
    ("online shop, wroclaw, 700 staff. chat support", "wroclaw"),  # typed without the accent
    ("small fashion label here, portland OR, ~20 of us", "portland OR"),  # with its state's code
    ("8 incl me and my wife. hood river OR. stop being the guy who fixes the printer", "hood river OR"),  # a small town
    ("fintech, toronto, ~4.5k ppl. want a nearshore dedicated team", "toronto"),  # the point of "4.5k" ends no part
    ("commercial bank, korea, 8k employees. need 24/7 SOC.", "korea"),  # a country by its everyday name
    ("telco, sydney hq, 5k FTE. want to move our service desk", "sydney"),  # placed by the word after it
    ("hey, ecommerce, 25 ppl, based in florianópolis. had an attack", "florianópolis"),  # its accent typed
    ("saas co, gothenburg, ~1.2k headcount. we can't hire", "gothenburg"),  # "headcount" counts people
])
async def test_a_place_standing_beside_the_head_count_is_the_company_s_own(domain, text, place):
    _, events = await run_form(domain, text=text)
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, place", [
    ("we have 3 cafes round adelaide", "adelaide"),  # where the company is, in lower case
    ("hello, we run 5 clinics around KL, 60 staff", "KL"),
    ("we have two cafes around perth, scotland", "perth, scotland"),  # with the country right after it
    ("2 shops in cape town, 11 staff total. need someone who can come in", "cape town"),  # our premises, counted
    ("i own a plumbing business in dayton, like 20 guys.", "dayton"),
    ("hello from santiago de chile. 70 workers, we make furniture.", "santiago de chile"),  # a greeting from there
    ("thinking of opening 2 shops in leeds", None),
    ("we're a small team, all working in mobile.", None),  # a town that is a word: not where we have something
    ("our support is handled by a firm in manila.", None),  # someone else's place
    ("we want to open a site in manila", None),  # where the work would go
    ("not in london, we're in reading", "reading"),  # ruled out, then ours
    ("hey - vp eng at a b2b saas co in austin, ~1200 ppl", "austin"),  # the writer's job there
    ("cto at a startup that wants to hire in lisbon, 40 of us", None),  # where the work would go
    ("I'm the manager at an IT provider in leeds.", None),  # a provider's, not the company's
    ("my brother is a manager at a bank in singapore, he said ask you", None),  # someone else's role
    ("cto at a startup in lisbon, 40 of us", "lisbon"),  # a start-up is no plan
    # dictated by voice: no comma or full stop after the town
    ("we install solar panels around regina were about twenty five people", "regina"),
    ("we manage rentals across hobart and the huon valley weve got thirty five FTE", "hobart"),
    ("we run a small ski field out of adelaide about forty staff", "adelaide"),
    # a town before the word that makes it our head office
    ("we're about five thousand people give or take. toronto head office on bay street. we want it cheaper", "toronto"),
    ("we opened our new head office last year, 300 staff", None),
    ("we're a small team, all working in mobile games", None),  # a town that is a word, before more words
    ("hi, we are rubber glove maker from KL, around 5,000 workers", "KL"),  # what we are, from where
    ("we get calls from london all day", None),  # not what we are
    ("We build vision software. 850 people, HQ eindhoven. Problem: hiring", "eindhoven"),  # ours by the word
    ("our provider's hq in london.", None),
    # the trade, then the town, beside the head-count: the town well known, after a word for a business
    ("hi in a rush. design studio dubai, 12 ppl. our render files are huge", "dubai"),
    ("coffee roastery melbourne, about 30 staff", "melbourne"),
    ("small team mobile, 12 ppl", None),  # no business word before it
    ("app studio mobile, 12 ppl", None),  # a town that is an everyday word
    ("we're 40 staff. partner agency manila", None),  # a partner's firm
])
async def test_a_place_no_tagger_found_said_as_where_the_company_is(domain, text, place):
    _, events = await run_form(domain, text=text)
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, trade, place", [
    ("hi, need help with IT. small accounting biz in denver co", "accounting biz", "denver co"),
    ("Morning. Office manager, logistics company, Rotterdam. Our printers hate us.", "logistics company",
     "Rotterdam"),
    ("Morning. Office manager, logistics company, thinking of Rotterdam.", "logistics company", None),
    ("we're 30 people, thinking of opening a bakery in leeds", "bakery", None),  # a trade still to come
])
async def test_a_place_right_after_or_beside_the_company_s_trade_is_its_own(domain, text, trade, place):
    start = text.index(trade)
    entities = [{"entity": "industry", "value": trade, "start": start, "end": start + len(trade)}]
    _, events = await run_form(domain, text=text, entities=entities)
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, named, place", [
    ("Hi! I'm the office manager at a dental practice on the Island (Nanaimo). We're worried about our records!",
     "Nanaimo", "Nanaimo"),
    ("We sell to clients in Europe (Germany) from our office.", "Germany", None),  # others' place
    ("We want a provider on the coast (Nanaimo).", "Nanaimo", None),  # a provider's
])
async def test_a_town_in_brackets_after_the_words_that_place_the_company(domain, text, named, place):
    start = text.index(named)
    entities = [{"entity": "GPE", "value": named, "start": start, "end": start + len(named)}]
    _, events = await run_form(domain, text=text, entities=entities)
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


async def test_a_goal_told_unasked_only_to_set_it_aside_is_no_goal(domain):
    _, events = await run_form(domain, text="20 staff in Leeds, security is handled already",
                               new_slots={"employees": "20", "location": "Leeds", "goals": ["security"]})
    assert [e["value"] for e in events if e.get("name") in ("goals", "requested_slot")] == [None, "goals"]


async def test_a_goal_named_in_the_answer_to_another_question_adds_to_the_goals(domain):
    text = "The security part. Monitoring, patching, somebody watching the alerts"
    entities = [{"entity": "goal", "value": "security", "start": 4, "end": 12},
                {"entity": "function", "value": "cybersecurity", "start": 4, "end": 17}]
    _, events = await run_form(domain, text=text, entities=entities, requested_slot="function",
                               new_slots={"goals": ["security"], "function": "cybersecurity"},
                               earlier_slots={"employees": 650, "location": "Rotterdam",
                                              "goals": ["security", "cost_reduction"]})
    assert [e["value"] for e in events if e.get("name") == "goals"] == [["security", "cost_reduction"]]


async def test_a_goal_taken_back_beside_the_answer_to_another_question_is_not_kept(domain):
    text = "oh one thing, cost isn't actually a factor for us. only the 24/7 part"
    entities = [{"entity": "goal", "value": "cost", "start": 14, "end": 18},
                {"entity": "goal", "value": "24/7", "start": 61, "end": 65}]
    _, events = await run_form(domain, text=text, entities=entities, requested_slot="control",
                               new_slots={"goals": ["cost", "24/7"]},
                               earlier_slots={"employees": 75, "location": "Nairobi",
                                              "goals": ["round_the_clock", "cost_reduction"],
                                              "function": "customer_service"})
    assert [e["value"] for e in events if e.get("name") == "goals"] == [["round_the_clock"]]


@pytest.mark.parametrize("text, trade, value, read, told", [
    ("We run a managed detection company out of Tel Aviv. Need our SOC staffed 24/7.", None, "cybersecurity", 0.53,
     True),
    ("We need a SOC 24/7, co-managed with an MSSP", None, "cybersecurity", 0.29, True),
    ("We run a managed detection company out of Tel Aviv. Need our SOC staffed 24/7.", None, "cybersecurity", 0.2,
     False),  # the reader unsure
    ("We're a software company in Leeds, 40 of us.", "software company", "software_development", 0.53,
     False),  # the trade, no work to move
    ("We're a 25-person dental group in Leeds, it's all a bit of a mess", None, "it_support", 0.4,
     False),  # "it", not IT
])
async def test_a_work_told_unasked_that_the_phrase_list_names(domain, text, trade, value, read, told):
    start = text.index(trade) if trade else 0
    entities = [{"entity": "industry", "value": trade, "start": start, "end": start + len(trade)}] if trade else []
    readings = {"function": [{"value": value, "confidence": read}, {"value": "back_office", "confidence": 0.01}]}
    _, events = await run_form(domain, text=text, entities=entities, readings=readings)
    assert [e["value"] for e in events if e.get("name") == "function"] == ([value] if told else [])


@pytest.mark.parametrize("text, read, told", [
    ("COO at a payments company, Melbourne, 2,200 staff. We want our own customer support hub overseas so we can cover "
     "the overnight hours.", 0.5, True),  # words between "own" and the site
    ("We want our own customer support hub overseas.", 0.2, False),  # the reader unsure
    ("We don't want our own support hub overseas, too much hassle.", 0.5, False),  # turned down
    ("We have our own support team but it is swamped.", 0.5, False),  # one it has, not one to come
    ("We set up our own support team in Cebu in 2019.", 0.5, False),
    ("Should we open our own office in Manila or outsource?", 0.5, False),  # an option asked about
    ("We need our own team to focus on the product.", 0.5, False),  # a team for something else
])
async def test_a_site_of_our_own_to_come_told_unasked_is_our_own_control(domain, text, read, told):
    readings = {"control": [{"value": "full", "confidence": read}, {"value": "shared", "confidence": 0.19}]}
    _, events = await run_form(domain, text=text, readings=readings, clause_readings=readings)
    assert [e["value"] for e in events if e.get("name") == "control"] == (["full"] if told else [])


@pytest.mark.parametrize("text, known, function", [
    ("Scrap the 2,400, that's seats. Headcount's nearer 2,700 with team leaders and support staff.", "customer_service",
     None),
    ("Sorry, I said 2,400 earlier. It's 2,700, I forgot the part-timers in the back office.", None, None),
    ("Sorry, 2,700 people. And it's the helpdesk we'd move, not the phones.", "customer_service", "it_support"),
])
async def test_a_size_told_again_changes_a_work_only_by_naming_it_apart(domain, text, known, function):
    number = "2,700"
    start = text.index(number)
    reading = {"function": [{"value": "it_support" if known else "back_office", "confidence": 0.61},
                            {"value": "manufacturing", "confidence": 0.4}]}
    _, events = await run_form(domain, text=text, intent="correct", requested_slot="proximity",
                               entities=[{"entity": "headcount", "value": number, "start": start,
                                          "end": start + len(number)}],
                               readings=reading, clause_readings=reading, earlier_events=asked("proximity"),
                               earlier_slots={"employees": 2400, "location": "Manchester", "goals": ["cost_reduction"],
                                              "function": known, "control": "full"})
    assert [e["value"] for e in events if e.get("name") == "function"] == ([function] if function else [])


async def test_a_size_told_again_with_the_people_on_payroll_tells_no_payroll_work(domain):
    text = "oh sorry its 22 not 12, i forgot the riders r on payroll now"
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, form_active=False,
                               entities=_tagged(text, "headcount", ("22", "22")) + _tagged(
                                   text, "function", ("payroll", "back_office")),
                               new_slots={"employees": "22", "function": "back_office"},
                               earlier_slots={"employees": 12, "location": "Nairobi", "goals": ["disaster_recovery"],
                                              "function": "cloud_infrastructure"})
    assert [e["value"] for e in events if e.get("name") in ("employees", "function")] == [22, "cloud_infrastructure"]


async def test_a_correction_of_the_hours_with_the_hours_said_as_numbers_keeps_the_size(domain):
    text = ("Actually no, I take back the distance part - they need to work our hours, shift changes at the mines are "
            "at 7 and 19 and that's exactly when things break.")
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, form_active=False,
                               entities=_tagged(text, "headcount", ("7", "7"), ("19", "19")),
                               new_slots={"employees": "7"},
                               earlier_slots={"employees": 2000, "location": "Santiago", "goals": ["cost_reduction"]})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [2000]


async def test_a_correction_of_something_else_with_a_number_of_hours_keeps_the_size(domain):
    text = "One correction: I said same time zone, that was nonsense. Pune is 3.5 hours ahead and that is fine."
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, form_active=False,
                               entities=_tagged(text, "headcount", ("One", "one"), ("3.5", "3.5")),
                               new_slots={"employees": "3.5"},
                               earlier_slots={"employees": 3500, "location": "Eindhoven", "goals": ["skilled_talent"]})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [3500]


async def test_a_work_tagged_in_who_a_size_told_again_counts_is_no_answer(domain):
    text = "Sorry, I said six earlier. It's eight, I forgot the two part-timers in the back office."
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, form_active=False,
                               entities=_tagged(text, "headcount", ("eight", "eight"))
                               + _tagged(text, "function", ("back office", "back_office")),
                               new_slots={"employees": "eight", "function": "back_office"},
                               earlier_slots={"employees": 6, "location": "Aberystwyth", "goals": ["security"]})
    assert SlotSet("employees", 8) in events
    assert [e["value"] for e in events if e.get("name") == "function"] in ([], [None])


@pytest.mark.parametrize("whole, part, control", [
    (0.03, 0.69, "full"),  # the whole says little, one sentence says it plainly
    (0.3, 0.69, "shared"),  # the whole says something: its answer stands
    (0.03, 0.5, "shared"),  # no part sure either
])
async def test_an_answer_whose_whole_says_little_is_read_by_the_part_that_is_sure(domain, whole, part, control):
    text = "It must stay our own people and our training. Years ago an outside call centre let us down."
    readings = {"control": [{"value": "shared", "confidence": whole}, {"value": "full", "confidence": whole / 2}]}
    clauses = {"control": [{"value": "full", "confidence": part}, {"value": "shared", "confidence": whole}]}
    _, events = await run_form(domain, text=text, readings=readings, clause_readings=clauses, requested_slot="control",
                               earlier_slots={"employees": 2300, "location": "Milan", "goals": ["cost_reduction"],
                                              "function": "customer_service"}, earlier_events=asked("control"))
    assert [e["value"] for e in events if e.get("name") == "control"] == [control]


@pytest.mark.parametrize("text, number, headcount", [
    ("Finance director here, hotel group based in Dubai, five properties.", "five", None),
    ("We run 3 restaurants in Lyon", "3", None),
    ("Three hotels and 240 staff in Lisbon", "Three", 240),
    ("we're 75ish, five venues in Dubai", "five", 75),  # the size said otherwise
    ("We sell and service tractors out of Timaru, three yards across South Canterbury", "three", None),
    ("a consumer finance company in Cairo with branches in 12 governorates", "12", None),  # regions it spans
    ("Salam, I have 3 riads in the medina of Fès. The wifi and the computers are always a problem", "3", None),
])
async def test_a_count_of_other_things_told_in_passing_is_no_head_count(domain, text, number, headcount):
    start = text.index(number)
    entities = [{"entity": "headcount", "value": number, "start": start, "end": start + len(number)}]
    _, events = await run_form(domain, text=text, entities=entities, new_slots={"employees": number})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [headcount]


@pytest.mark.parametrize("text, tagged, headcount", [
    # a sum of money told beside the head-count
    ("I run a building contractor in Cork, about 130 of us between the office and the sites. A fella on site "
     "clicked a fake invoice link and we nearly paid 40k to a scammer.", ("130", "40k"), 130),
    # the people a team is short of, beside a size the tagger took in part
    ("yeah hi it's grant from a health fund in melbourne we've got about sixteen hundred staff and our cloud and data "
     "centre team is three people short", ("sixteen", "three"), 1600),
])
async def test_a_number_tagged_beside_the_head_count_that_counts_something_else_gives_way(domain, text, tagged,
                                                                                          headcount):
    entities = [{"entity": "headcount", "value": value, "start": text.index(value), "end": text.index(value) + len(value)}
                for value in tagged]
    _, events = await run_form(domain, text=text, entities=entities, new_slots={"employees": tagged[-1]})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [headcount]


async def test_jobs_to_fill_and_what_they_cost_in_another_answer_change_no_head_count(domain):
    text = "we've had 40 open eng reqs for 6 months. can't find people, and when we do they cost 250k+"
    entities = [{"entity": "headcount", "value": value, "start": text.index(value), "end": text.index(value) + len(value)}
                for value in ("40", "250k+")]
    _, events = await run_form(domain, text=text, entities=entities, requested_slot="more_goals",
                               new_slots={"employees": "250k+"},
                               earlier_slots={"employees": 1200, "location": "Austin", "goals": ["skilled_talent"]})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [1200]


@pytest.mark.parametrize("text", ["When my staff call at 8:30 with a login problem, somebody needs to pick up",
                                  "our staff work 9-5 so they need to be up then"])
async def test_a_time_of_day_in_another_answer_is_no_head_count(domain, text):
    number = "8" if "8:30" in text else "5"
    _, events = await run_form(domain, text=text, requested_slot="proximity", new_slots={"employees": number},
                               earlier_slots={"employees": 300, "location": "London", "goals": ["cost_reduction"],
                                              "function": "it_support", "control": "shared"})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [300]


@pytest.mark.parametrize("readings, function", [
    (None, None),  # unclear, and the reader unsure: nothing said of it, asked in its turn
    ({"function": [{"value": "customer_service", "confidence": 0.8}]}, "customer_service"),
])
async def test_work_named_in_passing_that_the_phrase_list_does_not_know_is_read_or_left_for_its_question(
        domain, readings, function):
    dispatcher, events = await run_form(
        domain, text="We're 6,000 staff in Doha and our reservations desk needs rethinking",
        new_slots={"employees": "6,000", "location": "Doha", "function": "reservations desk"}, readings=readings)
    assert responses(dispatcher) == []
    assert SlotSet("function", function) in events and SlotSet("employees", 6000) in events


@pytest.mark.parametrize(
    "raw, response",
    [("0", "utter_invalid_employees_zero"), ("-20", "utter_invalid_employees_negative"),
     ("90000000", "utter_invalid_employees_absurd")],
)
async def test_impossible_headcounts_are_refused_politely(domain, raw, response):
    dispatcher, events = await run_form(domain, text=raw, new_slots={"employees": raw}, requested_slot="employees")
    assert responses(dispatcher) == [response]
    assert SlotSet("employees", None) in events


async def test_a_year_tagged_last_beside_the_size_first_told_leaves_the_size(domain):
    text = "Hej. We are 11 architects in Copenhagen. Our whole IT setup is from 2014 and you can feel it."
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": "2014"},
                                        entities=_tagged(text, "headcount", ("11", "11"), ("2014", "2014")))
    assert SlotSet("employees", 11) in events


async def test_a_year_tagged_among_many_numbers_leaves_the_one_said_of_people(domain):
    text = ("Some background: the company dates from 1952, has 2,400 employees across 11 branch offices and handles "
            "roughly 30,000 claims a month. We had a bad experience in 2019 with a vendor.")
    _, events = await run_form(domain, text=text, new_slots={"employees": "2019"},
                               entities=_tagged(text, "headcount", ("1952", "1952"), ("2,400", "2,400"),
                                                ("30,000", "30,000"), ("2019", "2019")))
    assert [e["value"] for e in events if e.get("name") == "employees"] == [2400]


@pytest.mark.parametrize("text, spans, value, headcount", [
    # a range first, then a count of shops (Rasa takes the last tagged)
    ("between four and five hundred, we have 38 shops and the central bakery. riga.",
     (("four and five", "four and five"), ("38", "38")), "38", 450),
    # "one" tagged, and a description that opens on its count ("3d" is no number of anything)
    ("22 with techncians. kaunas LT. our files are on one old server. also want cloud for the new 3d printers.",
     (("22", "22"), ("one", "one")), "one", 22),
])
async def test_a_description_s_count_of_people_beats_the_other_numbers_tagged(domain, text, spans, value, headcount):
    cardinals = [{"entity": "CARDINAL", "value": "between four and five hundred", "start": 0, "end": 29}] \
        if text.startswith("between") else []
    _, events = await run_form(domain, text=text, new_slots={"employees": value},
                               entities=_tagged(text, "headcount", *spans) + cardinals, earlier_events=[
                                   {"event": "bot", "text": "Hello!", "metadata": {"utter_action": "utter_greet"}}])
    assert [e["value"] for e in events if e.get("name") == "employees"] == [headcount]


@pytest.mark.parametrize("text, spans, headcount", [
    # the size with a Swiss thousands mark, and hours after it: not the mean of the size and the hours
    ("Grüezi. Specialty chemicals group, HQ Basel, approx. 4'000 employees worldwide. Our service desk runs 8 to 18 "
     "CET.", (("4'000", "4'000"), ("8", "8"), ("18", "18")), 4000),
    ("between 40 and 50 people, based in Leeds", (("40", "40"),), 45),  # a range: the vague size near the count
    ("between 100 and 300 employees, HQ in Lyon, we want cheaper IT", (("100", "100"),), 200),  # a wide one too
])
async def test_a_vague_reading_of_the_whole_counts_only_near_the_number_said_of_people(domain, text, spans, headcount):
    _, events = await run_form(domain, text=text, new_slots={"employees": spans[-1][1]},  # Rasa takes the last tagged
                               entities=_tagged(text, "headcount", *spans))
    assert [e["value"] for e in events if e.get("name") == "employees"] == [headcount]


async def test_a_size_told_with_the_owner_s_own_word_for_employees(domain):
    text = "We are producer of ski boots in Montebelluna, around 1.100 dipendenti. We want to open production abroad."
    _, events = await run_form(domain, text=text, entities=_tagged(text, "location", ("Montebelluna", "Montebelluna")),
                               new_slots={"location": "Montebelluna"})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [1100]


@pytest.mark.parametrize("text, town, ours", [
    ("Hi. Gothenburg-based online retailer. We're rethinking our customer support.", "Gothenburg", True),
    ("we're a Leeds-based agency, 30 staff", "Leeds", True),
    ("Our Houston-based oil services firm has about 900 employees.", "Houston", True),
    ("We are 40 people and we want a Manila-based partner", "Manila", False),  # a third party's
    ("We work with a Dublin-based accountant already, 12 of us", "Dublin", False),
])
async def test_a_town_said_as_where_the_company_is_based_in_one_word(domain, text, town, ours):
    _, events = await run_form(domain, text=text, entities=_tagged(text, "GPE", (town, town)))
    assert [e["value"] for e in events if e.get("name") == "location"] == ([town] if ours else [])


async def test_a_town_told_as_its_region_in_passing(domain):
    text = "We build measurement equipment, around 800 fte, Eindhoven region. We cannot find enough developers here."
    _, events = await run_form(domain, text=text, entities=_tagged(text, "GPE", ("Eindhoven", "Eindhoven")))
    assert [e["value"] for e in events if e.get("name") == "location"] == ["Eindhoven"]


async def test_a_reply_with_nothing_usable_is_explained_and_asked_again(domain):
    dispatcher, events = await run_form(domain, text="hmm, good question", requested_slot="employees")
    assert responses(dispatcher) == ["utter_invalid_employees_unparsed"]
    assert events[-1] == SlotSet("employees", None)


async def test_a_question_about_what_the_choices_mean_is_answered_and_chooses_none(domain):
    dispatcher, events = await run_form(
        domain, text="what's the practical difference between sharing it and handing it off?", intent="faq",
        requested_slot="control", earlier_slots={"employees": 300, "location": "Leeds", "goals": ["cost_reduction"],
                                                 "function": "it_support"},
        entities=[{"entity": "control", "value": "hands_off", "start": 54, "end": 69}],
        new_slots={"control": "hands_off"})
    assert responses(dispatcher) == ["utter_options_control"]
    assert events == [SlotSet("control", None), SlotSet("requested_slot", "control")]  # the same question again
    # asked once more after it, then not a third time: a reply it cannot use now takes the default
    explained = [{"event": "bot", "text": "Keeping it in-house means ...",
                  "metadata": {"utter_action": "utter_options_control"}}]
    dispatcher, events = await run_form(domain, text="zzkx blorp", intent="nlu_fallback", requested_slot="control",
                                        earlier_slots={"employees": 300, "location": "Leeds",
                                                       "goals": ["cost_reduction"], "function": "it_support"},
                                        earlier_events=explained)
    assert responses(dispatcher)[0] == "utter_assumed_control"
    # ... and so does a second question about them
    dispatcher, events = await run_form(domain, text="not sure what you mean by hands off", intent="dont_know",
                                        requested_slot="control",
                                        earlier_slots={"employees": 300, "location": "Leeds",
                                                       "goals": ["cost_reduction"], "function": "it_support"},
                                        earlier_events=explained)
    assert responses(dispatcher)[0] == "utter_assumed_control"
    assert SlotSet("assumed", ["control"]) in events


async def test_a_question_about_the_choices_tells_no_fact_the_tagger_found_in_it(domain):
    text = "Boh, we still discuss this with my brother. What is the difference in the practice?"
    dispatcher, events = await run_form(
        domain, text=text, intent="faq", requested_slot="control",
        earlier_slots={"employees": 1100, "location": "Montebelluna", "goals": ["cost_reduction"]},
        entities=_tagged(text, "location", ("Boh", "Boh")), new_slots={"location": "Boh"})
    assert responses(dispatcher) == ["utter_options_control"]
    assert events == [SlotSet("location", "Montebelluna"), SlotSet("control", None),
                      SlotSet("requested_slot", "control")]


async def test_a_question_about_the_choices_without_a_question_mark(domain):
    dispatcher, events = await run_form(domain, text="not sure what you mean by control", intent="dont_know",
                                        requested_slot="control", new_slots={"control": "unknown"})
    assert responses(dispatcher) == ["utter_options_control"]
    assert events == [SlotSet("control", None), SlotSet("requested_slot", "control")]  # the same question again


async def test_a_start_that_says_nothing_usable_is_admitted(domain):
    dispatcher, events = await run_form(domain, text="sdfkj weoiru", requested_slot=None)
    assert responses(dispatcher) == ["utter_not_understood"]
    assert not any(e["name"] in ("employees", "location", "goals", "function") for e in events)


CORRECTING_CONTROL = "One thing I got wrong earlier: I said partner, but we'd want our own employees, not a vendor."


@pytest.mark.parametrize("text, requested, expected", [
    (CORRECTING_CONTROL, "proximity", 600),  # "One thing" is no head-count: the 600 stay
    ("one", "employees", 1),  # the answer to the head-count question: a one-person business
    ("actually one person, just me", "proximity", 1),
])
async def test_one_is_a_head_count_only_when_asked_or_said_of_people(domain, text, requested, expected):
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot=requested,
                                        earlier_slots={"employees": 600}, new_slots={"employees": "one"})
    assert [e["value"] for e in events if e["name"] == "employees"] == [expected]


async def test_a_plain_answer_the_nlu_missed_is_read_from_the_text(domain):
    dispatcher, events = await run_form(
        domain, text="roughly a couple hundred", slots={"location": None}, requested_slot="employees")
    assert SlotSet("employees", 200) in events and SlotSet("employees_approximate", True) in events
    assert dispatcher.messages == []


async def test_the_place_where_the_work_would_go_is_not_taken_for_the_company_s(domain):
    text = "We're 2,000 people, HQ in Johannesburg, and want our own development centre in Nairobi"

    def at(value, entity):
        return {"entity": entity, "value": value, "start": text.index(value), "end": text.index(value) + len(value)}

    dispatcher, events = await run_form(
        domain, text=text, new_slots={"employees": "2,000", "location": "Nairobi"},
        entities=[at("2,000", "headcount"), at("Johannesburg", "GPE"), at("Nairobi", "location")])
    assert SlotSet("location", "Johannesburg") in events
    assert SlotSet("target_location", "Nairobi") in events
    assert not any(e["name"] == "location" and e["value"] == "Nairobi" for e in events if e["event"] == "slot")


@pytest.mark.parametrize("text, tagged, earlier, noted", [
    ("sorry, we moved - we're in Lisbon now, not Porto", ["Lisbon", "Porto"], "Porto", "Lisbon, Portugal"),
    ("sorry should have said - London, Ontario, not the one in England", ["London", "Ontario", "England"], "London",
     "London, Canada"),
])
async def test_a_correction_takes_the_place_it_does_not_rule_out(domain, text, tagged, earlier, noted):
    def at(value):
        return {"entity": "location", "value": value, "start": text.index(value), "end": text.index(value) + len(value)}

    dispatcher, events = await run_form(
        domain, text=text, intent="correct", new_slots={"location": tagged[-1]}, requested_slot="goals",
        earlier_slots={"employees": 60, "location": earlier}, entities=[at(t) for t in tagged])
    assert responses(dispatcher) == ["utter_noted_location"]
    assert dispatcher.messages[0]["location"] == noted


async def test_a_correction_naming_where_a_new_site_would_go_keeps_where_the_company_is(domain):
    text = "I must correct myself: no partner. We will set up our own subsidiary in Manila with our own employees."
    start = text.index("Manila")
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", new_slots={"location": "Manila"}, requested_slot=None,
        earlier_slots={"employees": 1800, "location": "Bergen", "control": "shared"},
        entities=[{"entity": "location", "value": "Manila", "start": start, "end": start + 6}])
    assert SlotSet("location", "Bergen") in events and SlotSet("target_location", "Manila") in events
    assert "utter_noted_location" not in responses(dispatcher)


@pytest.mark.parametrize("text, place, said", [
    ("international growth. we're a Melbourne firm and want a foothold overseas", "Melbourne", "Melbourne"),
    ("we are company from Osaka, we want reduce the cost of IT very much", "Osaka", "Osaka"),
    ("we want to start selling into Germany and France", "London", "France"),  # where it sells, not where it is
    ("we're ok with support people in Manila", "London", "Manila"),  # someone else's people
])
async def test_where_the_company_is_said_again_in_another_answer(domain, text, place, said):
    start = text.index(said)
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"location": said}, requested_slot="goals",
        earlier_slots={"employees": 300, "location": "London"},
        entities=[{"entity": "location", "value": said, "start": start, "end": start + len(said)}])
    assert SlotSet("location", place) in events


@pytest.mark.parametrize("text, tagged, value, kept", [
    # the country of the town known, and no town: nothing new
    ("someone here in South Africa working our hours", ["South Africa"], "South Africa", "Stellenbosch"),
    ("we're in Cape Town actually, Stellenbosch is our guesthouse", ["Cape Town"], "Cape Town", "Cape Town"),  # a town
])
async def test_home_said_again_with_no_more_than_its_country_keeps_the_town(domain, text, tagged, value, kept):
    def at(name):
        return {"entity": "location", "value": name, "start": text.index(name), "end": text.index(name) + len(name)}

    dispatcher, events = await run_form(
        domain, text=text, new_slots={"location": value}, requested_slot="proximity",
        earlier_slots={"employees": 14, "location": "Stellenbosch"}, entities=[at(name) for name in tagged])
    assert SlotSet("location", kept) in events


async def test_the_head_count_is_the_number_said_of_people(domain):
    text = "Hospital group in Sao Paulo, three thousand employees, four hospitals"
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": "four", "location": "Sao Paulo"})
    assert SlotSet("employees", 3000) in events


async def test_the_home_town_tagged_as_where_the_work_would_go_is_home_only(domain):
    text = "hello po we are a group of private schools here in manila around 900 teachers and staff"
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"target_location": "Manila", "employees": "900"},
        entities=_tagged(text, "target_location", ("manila", "Manila")) + _tagged(text, "GPE", ("manila", "Manila"))
        + _tagged(text, "headcount", ("900", "900")))
    assert SlotSet("location", "Manila") in events and SlotSet("target_location", None) in events


async def test_the_home_town_tagged_as_a_destination_leaves_the_real_destination(domain):
    text = "we are a group of private schools here in manila, 900 staff, and would move the helpdesk to vietnam"
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"target_location": "Vietnam", "employees": "900"},
        entities=_tagged(text, "target_location", ("manila", "Manila"), ("vietnam", "Vietnam"))
        + _tagged(text, "GPE", ("manila", "Manila")) + _tagged(text, "headcount", ("900", "900")))
    assert SlotSet("location", "Manila") in events
    assert not any(e.get("name") == "target_location" for e in events)


@pytest.mark.parametrize("text, tagged, size", [
    # a team named by its work, up to five words, is a part of the company
    ("2,500 employees. Our claims processing and member admin team is 420 people in Docklands.", ["2,500", "420"],
     2500),
    ("My business is a small team of 8 people in Cork", ["8"], 8),  # the company said to be a team: the whole
    # ... its size in words too
    ("we have 1200 employees between the office and the three mills and my helpdesk team is only four people",
     ["1200", "four"], 1200),
])
async def test_a_team_named_by_its_work_is_a_part_of_the_company(domain, text, tagged, size):
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": tagged[-1]},
                                        entities=_tagged(text, "headcount", *[(said, said) for said in tagged]))
    assert SlotSet("employees", size) in events


async def test_a_new_size_told_in_another_answer_replaces_the_known_one(domain):
    text = "we have 3 offices now and 80 staff, and we want full control"
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": "3"}, requested_slot="control",
                                        earlier_slots={**KNOWN, "employees": 40},
                                        entities=_tagged(text, "headcount", ("3", "3")))
    assert SlotSet("employees", 80) in events


@pytest.mark.parametrize("text, part, size", [
    ("our IT team 4 person stay, they work with partner company together", "4", 70),
    ("We keep our two people for the factories, the partner does the rest with them, common process.", "two", 1100),
    # not a size said as what we are, nor one a third of the known size or more
    ("we are 12 people now, hand it off", "12", 12),
    ("our 40 people in the office would share it with a partner", "40", 40),
])
async def test_a_few_of_our_people_told_in_another_answer_leave_the_known_size(domain, text, part, size):
    earlier = {"employees": 70 if part in ("4", "12", "40") else 1100}
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": part}, requested_slot="control",
                                        earlier_slots={**KNOWN, **earlier},
                                        entities=_tagged(text, "headcount", (part, part)))
    assert SlotSet("employees", size) in events


@pytest.mark.parametrize("part", ["6", "12"])
async def test_the_number_of_a_part_of_the_company_is_not_its_head_count(domain, part):
    text = f"Group of 9 hotels, head office in Malaga, 800 employees in high season. Our IT people are {part} persons."
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": part},
                                        entities=_tagged(text, "headcount", ("800", "800"), (part, part)))
    assert SlotSet("employees", 800) in events


async def test_a_year_the_first_message_opens_on_is_no_head_count(domain):
    text = "2024 was a tough year for us, our server died twice"
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": "2024"},
                                        entities=_tagged(text, "headcount", ("2024", "2024")))
    assert SlotSet("employees", None) in events


@pytest.mark.parametrize("text", ["We're a logistics firm in Leeds. Our entire staff are 120 people.",
                                  "We're a logistics firm in Leeds. Our company people are 120 in all."])
async def test_the_number_of_the_whole_company_is_its_head_count(domain, text):
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": "120"},
                                        entities=_tagged(text, "headcount", ("120", "120")))
    assert SlotSet("employees", 120) in events


async def test_a_time_of_day_in_a_correction_after_the_advice_is_no_head_count(domain):
    text = "wait, not anywhere: when news breaks at 3 pm they need to answer, so the same hours"
    # (after the advice the form checks every known answer again with each message)
    dispatcher, events = await run_form(domain, text=text, intent="correct", new_slots={"employees": 350},
                                        earlier_slots={**KNOWN, "employees": 350})
    assert SlotSet("employees", 3) not in events


async def test_a_head_count_the_tagger_missed_is_read_from_the_words_for_people(domain):
    dispatcher, events = await run_form(
        domain, text="hey - 26 person startup in Nashville, we want IT handled entirely by a provider",
        new_slots={"location": "Nashville"})
    assert SlotSet("employees", 26) in events


async def test_location_from_spacy_when_diet_found_none(domain):
    dispatcher, events = await run_form(
        domain, text="we're based out of Leeds", requested_slot="location", slots={"employees": 20},
        entities=[{"entity": "GPE", "value": "Leeds", "start": 19, "end": 24, "extractor": "SpacyEntityExtractor"}],
    )
    assert SlotSet("location", "Leeds") in events


async def test_unknown_place_is_questioned(domain):
    dispatcher, events = await run_form(
        domain, text="Narnia and beyond", new_slots={"location": "Narnia and beyond"}, requested_slot="location")
    assert dispatcher.messages[0]["response"] == "utter_invalid_location"
    assert dispatcher.messages[0]["location"] == '"Narnia and beyond"'
    assert SlotSet("location", None) in events


async def test_a_stray_unknown_place_in_another_answer_keeps_the_known_place(domain):
    dispatcher, events = await run_form(
        domain, text="<img src=x onerror=alert(1)>", new_slots={"location": "img src"}, requested_slot="function",
        earlier_slots={"location": "Worcester, MA", "employees": 12})
    assert SlotSet("location", "Worcester, MA") in events
    assert "utter_invalid_location" not in responses(dispatcher)


async def test_a_link_given_as_a_place_is_not_repeated(domain):
    said = "[our office](http://evil.example/login)"
    dispatcher, events = await run_form(domain, text=said, new_slots={"location": said}, requested_slot="location")
    assert dispatcher.messages[0]["response"] == "utter_invalid_location"
    assert dispatcher.messages[0]["location"] == '"our office"'
    assert SlotSet("location", None) in events


async def test_dont_know_takes_the_default_and_remembers_it(domain):
    dispatcher, events = await run_form(
        domain, text="no idea", intent="dont_know", new_slots={"goals": ["unknown"]}, requested_slot="goals",
        slots={"employees": 25, "location": "Leeds"},
    )
    assert SlotSet("goals", ["expertise"]) in events
    assert SlotSet("assumed", ["goals"]) in events


async def test_a_correction_mid_form_is_acknowledged(domain):
    dispatcher, events = await run_form(
        domain, text="sorry, 400 people not 40", intent="correct",
        new_slots={"employees": "400", "location": "Boston"},  # location: checked again, not corrected
        slots={"employees": 40}, requested_slot="goals",
        entities=[{"entity": "headcount", "value": "400"}],
    )
    assert responses(dispatcher) == ["utter_noted_employees"]
    assert dispatcher.messages[0]["employees"] == "400 people"
    assert SlotSet("employees", 400) in events


@pytest.mark.parametrize(
    "slots, asked",
    [({"employees": 12, "goals": ["security"], "function": "it_support"}, False),
     ({"employees": 5000, "goals": ["cost_reduction"], "function": "manufacturing"}, True),
     ({"employees": "forty", "goals": ["cost_reduction"]}, True)],
)
async def test_control_and_proximity_only_where_offshoring_is_plausible(domain, slots, asked):
    form = ValidateProfileForm()
    required = await form.required_slots(
        form.domain_slots(domain), CollectingDispatcher(), make_tracker(slots=slots), domain)
    assert ("control" in required and "proximity" in required) is asked
    # one goal told unasked, where offshoring is plausible: "anything else?" after it
    assert required[:4] == ["employees", "location", "goals", "more_goals" if asked else "function"]


@pytest.mark.parametrize("slots, events, more", [
    ({"employees": 5000, "goals": ["cost_reduction"]}, [], True),
    ({"employees": 5000, "goals": ["cost_reduction", "security"]}, [], False),  # more than one told
    ({"employees": 5000, "goals": ["cost_reduction"]},
     [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_ask_goals"}}], False),  # the goals question
    ({"employees": 5000, "goals": ["cost_reduction"], "more_goals": "answered"}, [], False),  # asked once only
    ({"employees": 5000, "goals": ["expertise"], "assumed": ["goals"]}, [], False),  # assumed, not told
    ({"employees": 12, "goals": ["security"], "function": "it_support"}, [], False),  # offshoring implausible
    ({"employees": 5000, "goals": ["cost_reduction"]},  # asked before the owner started over
     [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_ask_more_goals"}}, {"event": "reset_slots"}],
     True),
])
async def test_anything_else_follows_one_goal_told_unasked(domain, slots, events, more):
    form = ValidateProfileForm()
    required = await form.required_slots(
        form.domain_slots(domain), CollectingDispatcher(), make_tracker(slots=slots, earlier_events=events), domain)
    assert ("more_goals" in required) is more


@pytest.mark.parametrize("times, read", [(1, True), (2, False)])
async def test_anything_else_waiting_is_read_and_not_asked_a_third_time(domain, times, read):
    asked_before = [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_ask_more_goals"}}] * times
    form = ValidateProfileForm()
    waiting = make_tracker(slots={"employees": 5000, "goals": ["cost_reduction"]}, requested_slot="more_goals",
                           earlier_events=asked_before)
    required = await form.required_slots(form.domain_slots(domain), CollectingDispatcher(), waiting, domain)
    assert ("more_goals" in required) is read
    answered = make_tracker(slots={"employees": 5000, "goals": ["cost_reduction"]}, requested_slot="more_goals",
                            earlier_events=asked_before, new_slots={"more_goals": "no"}, text="no")
    assert "more_goals" in await form.required_slots(form.domain_slots(domain), CollectingDispatcher(), answered,
                                                     domain)  # a reply to it is read, the second time too


@pytest.mark.parametrize("text, intent", [("not sure really", "chitchat"), ("zzkx blorp", "nlu_fallback"),
                                          ("hmm", "out_of_scope")])
async def test_anything_else_unreadable_is_no_more_and_the_form_goes_on(domain, text, intent):
    dispatcher, events = await run_form(domain, text=text, intent=intent, requested_slot="more_goals",
                                        earlier_slots={"employees": 1200, "location": "Austin",
                                                       "goals": ["skilled_talent"]},
                                        earlier_events=asked("more_goals"))
    assert SlotSet("more_goals", "answered") in events
    # the next question (Rasa's own order, once every slot the form asks for is one of the domain's), no default taken
    assert not any(e.get("name") == "requested_slot" and e.get("value") == "more_goals" for e in events)
    assert not any(e.get("name") == "assumed" and e.get("value") for e in events)


@pytest.mark.parametrize("text, intent, entities, readings, goals", [
    ("No, that's the main thing", "deny", [], None, ["skilled_talent"]),
    ("and to stay ahead of the competition", "inform", [],
     {"goals": [{"value": "competitive_edge", "confidence": 0.9}, {"value": "expertise", "confidence": 0.1}]},
     ["skilled_talent", "competitive_edge"]),
    ("/inform{\"goal\":\"security\"}", "inform", [{"entity": "goal", "value": "security"}], None,
     ["skilled_talent", "security"]),  # a button
    ("not cost, if that's what you mean", "inform", [{"entity": "goal", "value": "cost_reduction"}], None,
     ["skilled_talent"]),  # named only to be set aside
])
async def test_the_reply_to_anything_else_adds_goals_once(domain, text, intent, entities, readings, goals):
    tracker = make_tracker(text=text, intent=intent, new_slots={"more_goals": text}, requested_slot="more_goals",
                           earlier_slots={"employees": 1200, "location": "Austin", "goals": ["skilled_talent"]},
                           entities=entities, readings=readings, earlier_events=asked("more_goals"))
    events = await ValidateProfileForm().run(CollectingDispatcher(), tracker, domain)
    assert SlotSet("more_goals", "answered") in events
    assert ([e["value"] for e in events if e.get("name") == "goals"] or [["skilled_talent"]])[-1] == goals


async def test_recommendation_text_and_payload(domain, test_provider):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=SMALL_DENTIST, form_active=False)
    events = await ActionRecommend().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages  # one message: the text and the card payload
    assert message["response"] == "utter_recommendation" and message["strategy_title"] == "Outsourcing"
    assert "12 people" in message["reasons"]
    assert "Harbour IT" in message["next_steps"]
    payload = message["custom"]["recommendation"]
    assert payload["strategy"] == "outsourcing"
    assert payload["profile"]["employees"] == 12 and payload["profile"]["goals"] == ["security"]
    assert events == [SlotSet("recommendation", payload)]


async def test_the_terminal_gets_text_without_the_raw_payload(domain, test_provider):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=SMALL_DENTIST, form_active=False, input_channel="cmdline")
    events = await ActionRecommend().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_recommendation"]
    assert dispatcher.messages[0]["custom"] == {}
    assert events[0]["value"]["strategy"] == "outsourcing"


async def test_a_changed_answer_after_the_advice_is_explained(domain, test_provider):
    first = CollectingDispatcher()
    tracker = make_tracker(slots=SMALL_DENTIST, form_active=False)
    [stored] = await ActionRecommend().run(first, tracker, domain)
    second = CollectingDispatcher()
    tracker = make_tracker(slots={**SMALL_DENTIST, "employees": 2000, "recommendation": stored["value"]},
                           form_active=False)
    await ActionRecommend().run(second, tracker, domain)
    assert second.messages[0]["response"] == "utter_change_explained"
    assert second.messages[0]["change"].startswith("With 2,000 people instead of 12, my recommendation")
    assert second.messages[1]["response"] == "utter_recommendation"


async def test_why_do_you_ask_mid_form(domain):
    dispatcher = CollectingDispatcher()
    await ActionExplain().run(dispatcher, make_tracker(requested_slot="goals", intent="ask_why"), domain)
    assert responses(dispatcher) == ["utter_why_goals"]


async def test_why_after_the_advice_lists_every_factor(domain, test_provider):
    stored = CollectingDispatcher()
    [event] = await ActionRecommend().run(stored, make_tracker(slots=SMALL_DENTIST, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**SMALL_DENTIST, "recommendation": event["value"]}, intent="ask_why",
                           form_active=False)
    await ActionExplain().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_explain_factors" and message["strategy"] == "outsourcing"
    assert message["factors"].count("•") == len(event["value"]["factors"]) == 4


async def test_what_if_compares_without_touching_the_profile(domain, test_provider):
    stored = CollectingDispatcher()
    [event] = await ActionRecommend().run(stored, make_tracker(slots=SMALL_DENTIST, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={**SMALL_DENTIST, "recommendation": event["value"]}, intent="what_if", form_active=False,
        text="what if we had 2,000 employees?", entities=[{"entity": "headcount", "value": "2,000"}])
    events = await ActionWhatIf().run(dispatcher, tracker, domain)
    assert events == []
    [message] = dispatcher.messages  # the text and the scenario payload
    assert message["response"] == "utter_what_if" and message["what_if"] == "you had 2,000 people"
    assert message["original"] == "outsourcing"
    assert message["custom"]["what_if"]["profile"]["employees"] == 2000
    assert message["custom"]["original"] == "outsourcing"


async def test_a_what_if_gives_first_the_reason_its_change_brought(domain, test_provider):
    owner = {"employees": 1200, "location": "Ho Chi Minh City", "goals": ["reduce_management_burden", "round_the_clock"],
             "function": "it_support", "control": "shared", "assumed": []}
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(slots=owner, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**owner, "recommendation": event["value"]}, intent="what_if", form_active=False,
                           text="what if we are 2,500 people after the merger?",
                           entities=[{"entity": "headcount", "value": "2,500"}])
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    scenario = message["custom"]["what_if"]
    assert scenario["strategy"] == "hybrid" and not scenario["reasons"][0].startswith("With 2,500 people")
    assert message["reason"].startswith("With 2,500 people")  # not the strongest reason, but the one the change brought


async def test_a_what_if_that_names_a_value_we_assumed_no_longer_calls_it_assumed(domain, test_provider):
    stored = CollectingDispatcher()
    owner = {**SMALL_DENTIST, "control": "shared", "assumed": ["control"]}
    [event] = await ActionRecommend().run(stored, make_tracker(slots=owner, form_active=False), domain)
    assert event["value"]["profile"]["assumed"] == ["control"]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"recommendation": event["value"]}, intent="what_if", form_active=False,
                           text="what if we ran it with a partner?",
                           entities=[{"entity": "control", "value": "partner"}])
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["custom"]["what_if"]["profile"]["assumed"] == []
    assert not any("did not state outright" in caveat for caveat in message["custom"]["what_if"]["caveats"])


async def test_a_conversation_met_again_compiles_no_pattern_again(domain, test_provider, monkeypatch):
    """The patterns a conversation uses stay compiled, even beside a hundred patterns of other code (a server's
    libraries have theirs): the vocabulary's phrases alone are nearly as many as the `re` module's own cache holds
    (512, shared by everything), and while they went through it, they were compiled again on every message (25-30 ms
    of a form's turn on the action server; README, "Benchmarks")."""
    import re
    import sre_compile

    async def conversation():
        for number in range(100):
            re.compile(f"other code's pattern {number}")
        read = {kind: [{"value": value, "confidence": 0.1}] for kind, value in (
            ("goals", "security"), ("function", "back_office"), ("control", "hands_off"), ("proximity", "on_site"))}
        await run_form(domain, text="We're a 12-person dental practice in Worcester, MA, worried about ransomware",
                       new_slots={"employees": "12", "location": "Worcester, MA,", "goals": ["ransomware"],
                                  "industry": "dental practice"}, readings=read)
        for asked, text in (("function", "our help desk"), ("control", "shared with a partner, we decide together"),
                            ("proximity", "someone close by, in our hours")):
            await run_form(domain, slots=SMALL_DENTIST, requested_slot=asked, text=text)
        await _what_if(domain, [{"entity": "headcount", "value": "2,000"}], text="what if we had 2,000 employees?")

    await conversation()
    await conversation()
    compiled = []
    compile_ = sre_compile.compile
    monkeypatch.setattr(sre_compile, "compile", lambda *args: compiled.append(args[0]) or compile_(*args))
    await conversation()
    assert compiled == []


def _goal_tags(text: str, *said: str) -> list[dict]:
    """The goals the tagger found where the text says them."""
    return [{"entity": "goal", "value": value, "start": text.index(value), "end": text.index(value) + len(value)}
            for value in said]


async def _what_if(domain, entities: list[dict], text: str = "", readings: dict | None = None,
                   goals: list[str] | None = None, **slots: Any) -> dict:
    """The what-if reply (text and scenario payload) for a small dentist's advice (with these goals, else its own;
    with these other slots) and this message."""
    stored = CollectingDispatcher()
    owner = {**SMALL_DENTIST, **({"goals": goals} if goals else {}), **slots}
    [event] = await ActionRecommend().run(stored, make_tracker(slots=owner, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"recommendation": event["value"]}, intent="what_if", form_active=False,
                           text=text, entities=entities, readings=readings)
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    return message


async def test_what_if_with_another_country_and_goal(domain, test_provider):
    message = await _what_if(domain, [{"entity": "target_location", "value": "Mexico"},
                                      {"entity": "goal", "value": "cheaper"}])
    assert message["what_if"] == "the work moved to Mexico and your goals were cutting costs"
    scenario = message["custom"]["what_if"]
    assert scenario["profile"]["target_location"] == "Mexico" and scenario["profile"]["goals"] == ["cost_reduction"]
    assert scenario["distance"]["relation"] == "nearshore"


async def test_what_if_with_three_changes_lists_them_as_a_sentence_does(domain, test_provider):
    message = await _what_if(domain, [{"entity": "headcount", "value": "3,000"},
                                      {"entity": "target_location", "value": "Mexico"},
                                      {"entity": "goal", "value": "cheaper"}])
    assert message["what_if"] == "you had 3,000 people, the work moved to Mexico and your goals were cutting costs"


@pytest.mark.parametrize("text, goals", [
    ("Would it change if we open the two new clinics next year? Then we are maybe 60 people.", None),  # at home
    ("what if we opened two new clinics abroad?", ["global_expansion"]),
])
async def test_a_what_if_grows_abroad_only_when_it_says_so(domain, test_provider, text, goals):
    readings = {"goals": [{"value": "global_expansion", "confidence": 0.48}, {"value": "new_technology",
                                                                             "confidence": 0.02}]}
    start = text.index("60") if "60" in text else 0
    entities = [{"entity": "headcount", "value": "60", "start": start, "end": start + 2}] if "60" in text else []
    message = await _what_if(domain, entities, text, readings=readings)
    assert message["custom"]["what_if"]["profile"]["goals"] == (goals or SMALL_DENTIST["goals"])


async def test_a_what_if_that_opens_a_site_at_home_grows_no_abroad(domain, test_provider):
    text = "What if we grow to 80 people next year when we open in Boston?"  # the dentist is in Worcester, MA
    readings = {"goals": [{"value": "global_expansion", "confidence": 0.48}]}
    entities = [{"entity": "headcount", "value": "80", "start": text.index("80"), "end": text.index("80") + 2},
                {"entity": "target_location", "value": "Boston", "start": text.index("Boston"),
                 "end": text.index("Boston") + 6}]
    message = await _what_if(domain, entities, text, readings=readings)
    assert message["custom"]["what_if"]["profile"]["goals"] == SMALL_DENTIST["goals"]


async def test_a_what_if_goal_it_takes_back_is_no_goal(domain, test_provider):
    text = "what if budget wasn't an issue and we just wanted the latest technology?"
    message = await _what_if(domain, [{"entity": "goal", "value": "budget", "start": 8, "end": 14},
                                      {"entity": "goal", "value": "latest technology", "start": text.index("latest"),
                                       "end": text.index("latest") + 17}], text)
    assert message["custom"]["what_if"]["profile"]["goals"] == ["new_technology"]



async def test_a_what_if_goal_read_from_words_it_takes_back_is_no_goal(domain, test_provider):
    text = "what if budget wasn't an issue and we just wanted better security?"
    message = await _what_if(domain, [], text, readings={"goals": [{"value": "cost_reduction", "confidence": 0.8},
                                                                    {"value": "security", "confidence": 0.7}]})
    assert message["custom"]["what_if"]["profile"]["goals"] == ["security"]


async def test_a_what_if_choice_it_takes_back_is_no_change(domain, test_provider):
    text = "what if they didnt need to come on site but still had to work irish business hours"
    start = text.index("on site")
    message = await _what_if(domain, [{"entity": "proximity", "value": "on site", "start": start, "end": start + 7}],
                             text, readings={"proximity": [{"value": "same_hours", "confidence": 0.7}]})
    assert message["custom"]["what_if"]["profile"]["proximity"] == "same_hours"


async def test_a_what_if_goal_beside_a_clause_that_negates_something_else_is_its_goal(domain, test_provider):
    text = "And if we are 2500 employees and want our own centre abroad, only for the cost, and far is not a problem?"
    message = await _what_if(domain, [{"entity": "headcount", "value": "2500"}], text,
                             readings={"goals": [{"value": "cost_reduction", "confidence": 0.9}]},
                             goals=["expertise", "new_technology"])
    assert message["custom"]["what_if"]["profile"]["goals"] == ["cost_reduction"]


async def test_a_what_if_that_sets_a_goal_aside_keeps_the_others(domain, test_provider):
    message = await _what_if(domain, [], "what if money were no object?", goals=["cost_reduction", "security"])
    assert message["what_if"] == "you set aside cutting costs"
    assert message["custom"]["what_if"]["profile"]["goals"] == ["security"]


async def test_a_what_if_naming_the_owners_own_town_keeps_the_work_there(domain, test_provider):
    text = "Suppose our Worcester office also needs a local firm that comes on site - what then?"
    message = await _what_if(domain, [{"entity": "target_location", "value": "Worcester", "start": 12, "end": 21}],
                             text, readings={"proximity": [{"value": "on_site", "confidence": 0.9}]})
    assert "the work stayed in Worcester" in message["what_if"] and "moved to" not in message["what_if"]
    assert message["custom"]["what_if"]["profile"]["target_location"] == "Worcester"


async def test_a_what_if_that_forgets_about_expanding_abroad_drops_that_goal(domain, test_provider):
    text = "And if we forget about expanding abroad, and we are just a small company of 120 people?"
    message = await _what_if(domain, [{"entity": "headcount", "value": "120"}], text,
                             goals=["global_expansion", "cost_reduction"])
    assert message["custom"]["what_if"]["profile"]["goals"] == ["cost_reduction"]


async def test_a_what_if_that_sets_a_goal_aside_and_adds_others(domain, test_provider):
    text = "Suppose we set cost aside and cared about global expansion as well as the 24/7 coverage."
    message = await _what_if(domain, _goal_tags(text, "cost", "global expansion", "24/7"), text,
                             goals=["cost_reduction", "security"])
    assert message["custom"]["what_if"]["profile"]["goals"] == ["security", "global_expansion", "round_the_clock"]


async def test_a_what_if_goal_the_reader_is_sure_of_joins_the_one_tagged(domain, test_provider):
    """"to cut cost and work day and night": the tagger finds the first, the reader both; the hours of the clock are no
    wish for the owner's own hours, which the reader hears in them (own34-21)."""
    text = "if my business grow big, like 1500 workers, and i want my own team in india to cut cost and work day and night"
    entities = [{"entity": "headcount", "value": "1500", "start": text.index("1500"), "end": text.index("1500") + 4},
                *_goal_tags(text, "cut cost")]
    readings = {"goals": [{"value": "cost_reduction", "confidence": 0.99}, {"value": "round_the_clock", "confidence": 0.7}],
                "proximity": [{"value": "same_hours", "confidence": 0.41}]}
    message = await _what_if(domain, entities, text, readings=readings)
    profile = message["custom"]["what_if"]["profile"]
    assert profile["goals"] == ["cost_reduction", "round_the_clock"]
    assert profile["proximity"] is None  # (the dentist said none)


async def test_a_what_if_team_of_our_own_abroad_around_the_clock_may_be_anywhere(domain, test_provider):
    """A small firm that wanted someone on site, supposing itself large with its own team abroad working day and night:
    the closeness it wanted of a provider says nothing of that team (own34-21, own37-39); not when it keeps the work at
    home."""
    text = "and if we were 1500 with our own team in India to cut costs, working day and night?"
    entities = [{"entity": "headcount", "value": "1500", "start": text.index("1500"), "end": text.index("1500") + 4},
                {"entity": "target_location", "value": "India", "start": text.index("India"),
                 "end": text.index("India") + 5}, *_goal_tags(text, "cut costs")]
    readings = {"goals": [{"value": "cost_reduction", "confidence": 0.99}, {"value": "round_the_clock", "confidence": 0.8}],
                "control": [{"value": "full", "confidence": 0.9}]}
    message = await _what_if(domain, entities, text, readings=readings, proximity="on_site")
    profile = message["custom"]["what_if"]["profile"]
    # none said: the closeness factors.yml implies for cover around the clock, as assumed
    assert (profile["control"], profile["proximity"], profile["assumed"]) == ("full", "remote_ok", ["proximity"])
    assert message["what_if"] == ("you had 1,500 people, the work moved to India, you went for keeping the team inside "
                                  "your own company and your goals were cutting costs and round-the-clock coverage")
    assert message["strategy"] == "offshoring"
    message = await _what_if(domain, entities, text, readings=readings, proximity="same_hours", assumed=["proximity"])
    profile = message["custom"]["what_if"]["profile"]  # a closeness we had assumed is assumed anew
    assert (profile["proximity"], profile["assumed"]) == ("remote_ok", ["proximity"])
    message = await _what_if(domain, entities, text, readings=readings)  # as is one never asked
    assert message["custom"]["what_if"]["profile"]["proximity"] == "remote_ok"
    at_home = text.replace(" in India", "")
    message = await _what_if(domain, entities[:1] + _goal_tags(at_home, "cut costs"), at_home, readings=readings,
                             proximity="on_site")
    assert message["custom"]["what_if"]["profile"]["proximity"] == "on_site"


@pytest.mark.parametrize("text, tagged", [
    ("what if we had our own security team in another country, to cut costs?", ("security", "cut costs")),
    ("what if we had our own security team in another country, to cut costs?", ("cut costs",)),  # untagged team
    ("what if we ran our own security operations centre abroad to cut costs?", ("cut costs",)),  # the work's name
    ("what if we moved it to India to cut costs? security's fine already", ("cut costs",)),  # set aside
])
async def test_a_what_if_goal_word_naming_the_team_or_set_aside_is_no_goal_for_the_reader_either(
        domain, test_provider, text, tagged):
    readings = {"goals": [{"value": "security", "confidence": 0.9}, {"value": "cost_reduction", "confidence": 0.9}]}
    message = await _what_if(domain, _goal_tags(text, *tagged), text, readings=readings)
    assert message["custom"]["what_if"]["profile"]["goals"] == ["cost_reduction"]


async def test_a_what_if_size_the_tagger_took_from_other_words(domain, test_provider):
    text = "what if we lost a few people and were down to 6"
    message = await _what_if(domain, [{"entity": "headcount", "value": "a", "start": 16, "end": 17},
                                      {"entity": "headcount", "value": "6", "start": 47, "end": 48}], text)
    assert message["custom"]["what_if"]["profile"]["employees"] == 6


async def test_a_what_if_choice_only_the_vocabulary_names(domain, test_provider):
    leaning = {"proximity": [{"value": "same_hours", "confidence": 0.2}, {"value": "on_site", "confidence": 0.05}]}
    message = await _what_if(domain, [], "what if the support staff had to be in our time zone?", readings=leaning)
    assert message["custom"]["what_if"]["profile"]["proximity"] == "same_hours"  # the reader leans so, unsure
    message = await _what_if(domain, [{"entity": "headcount", "value": "300"}],
                             "what if being on site didn't matter and we had 300 people?")
    assert message["custom"]["what_if"]["profile"]["proximity"] is None  # named to be taken back


@pytest.mark.parametrize("text, employees", [
    ("would it change if we had ten times as many staff?", 120),  # the dentist has 12
    ("what if we took on another 20 staff", 32),
    ("what if we were ten times smaller?", 1),  # divides (at least one person)
])
async def test_a_what_if_head_count_said_relative_to_the_owners(domain, test_provider, text, employees):
    message = await _what_if(domain, [{"entity": "headcount", "value": "ten" if "ten" in text else "20"}], text)
    assert message["custom"]["what_if"]["profile"]["employees"] == employees


async def test_a_what_if_size_beside_a_span_of_time_and_one_the_tagger_missed(domain, test_provider):
    text = "what if theres 700 of us in five years"
    message = await _what_if(domain, [{"entity": "headcount", "value": "700", "start": 15, "end": 18},
                                      {"entity": "headcount", "value": "five", "start": 28, "end": 32}], text)
    assert message["custom"]["what_if"]["profile"]["employees"] == 700  # "five years" counts no people
    message = await _what_if(domain, [], "what would you say to a 20 person company in the same spot")
    assert message["custom"]["what_if"]["profile"]["employees"] == 20  # untagged, said of people
    message = await _what_if(domain, [{"entity": "proximity", "value": "on site", "start": 61, "end": 68}],
                             "what if we were 5 minutes away from a provider and wanted it on site")
    assert message["custom"]["what_if"]["profile"]["employees"] == 12  # minutes count no one: the dentist's own
    text = "And if we were 2,000 agents across twenty countries and wanted our own back office team abroad?"
    message = await _what_if(domain, _tagged(text, "headcount", ("2,000", "2,000"), ("twenty", "twenty")), text)
    assert message["custom"]["what_if"]["profile"]["employees"] == 2000  # "twenty countries" counts no people


async def test_a_what_if_that_sets_the_closeness_aside_lets_the_team_be_anywhere(domain, test_provider):
    text = "What if we forgot about the hours and just set up our own centre in Manila, our own staff?"
    message = await _what_if(domain, _tagged(text, "target_location", ("Manila", "Manila")), text,
                             proximity="same_hours")
    assert message["custom"]["what_if"]["profile"]["proximity"] == "remote_ok"
    text = "What if we kept the hours and just set up our own centre in Manila, our own staff?"
    message = await _what_if(domain, _tagged(text, "target_location", ("Manila", "Manila")), text,
                             proximity="same_hours")
    assert message["custom"]["what_if"]["profile"]["proximity"] == "same_hours"


@pytest.mark.parametrize("text, goals", [
    ("one day we are 1,500 people and we open our own office in another country to do the papers cheaper",
     ["cost_reduction"]),
    ("what if we got bought by a group of 3,000 people who want their own team abroad cause its cheaper",
     ["cost_reduction"]),
    ("and if we were 1,500 people with a bigger IT budget?", SMALL_DENTIST["goals"]),  # no reason: the owner's goals
])
async def test_a_what_if_goal_its_phrases_give_as_the_reason_counts_when_the_reader_puts_it_first(
        domain, test_provider, text, goals):
    said = "1,500" if "1,500" in text else "3,000"
    leaning = {"goals": [{"value": "cost_reduction", "confidence": 0.33}, {"value": "global_expansion",
                                                                            "confidence": 0.27}]}
    message = await _what_if(domain, _tagged(text, "headcount", (said, said)), text, readings=leaning)
    assert message["custom"]["what_if"]["profile"]["goals"] == goals


async def test_a_what_if_that_adds_goals_to_the_list_keeps_the_owners(domain, test_provider):
    text = "what if we add backups and newer tech to the list"
    message = await _what_if(domain, _goal_tags(text, "backups", "newer tech"), text)
    assert message["custom"]["what_if"]["profile"]["goals"] == ["security", "disaster_recovery", "new_technology"]


async def test_a_what_if_goal_in_place_of_one_set_aside_keeps_the_others(domain, test_provider):
    text = "ok and if security became the priority instead of saving money?"
    message = await _what_if(domain, _goal_tags(text, "security", "saving money"), text,
                             goals=["cost_reduction", "new_technology"])
    assert message["custom"]["what_if"]["profile"]["goals"] == ["new_technology", "security"]


async def test_a_what_if_goal_tagged_in_the_name_of_the_work_is_no_goal(domain, test_provider):
    """"our own security operations centre ... mainly for 24x7 cover and lower cost": the goals are the reasons given,
    not the security the work's name says."""
    text = ("Suppose we built our own security operations centre in another country, fully owned by us, time zone no "
            "issue, mainly for 24x7 cover and lower cost. Then?")
    read = {"goals": [{"value": "cost_reduction", "confidence": 0.99},
                      {"value": "round_the_clock", "confidence": 0.97}]}
    message = await _what_if(domain, _goal_tags(text, "security"), text, readings=read)
    assert message["custom"]["what_if"]["profile"]["goals"] == ["cost_reduction", "round_the_clock"]


async def test_a_what_if_goal_word_in_the_name_of_a_team_is_no_goal(domain, test_provider):
    """"our own security team in another country, only to reduce cost": who would do the work, and the one reason
    given is all the goals there are (the owner's own security and cover are set aside)."""
    text = "And if we made our own security team in another country, only to reduce cost?"
    message = await _what_if(domain, _goal_tags(text, "security", "reduce cost"), text,
                             goals=["round_the_clock", "security"])
    assert message["custom"]["what_if"]["profile"]["goals"] == ["cost_reduction"]


async def test_a_what_if_size_in_words_the_tagger_took_a_part_of(domain, test_provider):
    """"like fifteen hundred people": the tagger took "fifteen", spaCy's number is the whole."""
    text = "ok but say we grow to like fifteen hundred people then what"
    start = text.index("fifteen")
    entities = [{"entity": "headcount", "value": "fifteen", "start": start, "end": start + 7},
                {"entity": "CARDINAL", "value": "fifteen hundred", "start": start, "end": start + 15}]
    message = await _what_if(domain, entities, text)
    assert message["custom"]["what_if"]["profile"]["employees"] == 1500


async def test_a_what_if_size_said_as_what_we_are(domain, test_provider):
    message = await _what_if(domain, [], "and if we are only 10? we may reduce next year")
    assert message["custom"]["what_if"]["profile"]["employees"] == 10


async def test_a_what_if_that_drops_a_goal_keeps_only_the_rest(domain, test_provider):
    text = "what if we dropped the security angle and it was really just about getting expert help"
    message = await _what_if(domain, _goal_tags(text, "security", "expert help"), text)
    assert message["custom"]["what_if"]["profile"]["goals"] == ["expertise"]


@pytest.mark.parametrize("text, goals", [
    ("what if we also needed 24/7 cover?", ["security", "round_the_clock"]),  # one goal more
    ("what if all we wanted was 24/7 cover?", ["round_the_clock"]),  # in place of the owner's own
    # the advice's "also"
    ("what if we were 40 and just wanted 24/7 cover, would this also be offshoring?", ["round_the_clock"]),
    ("and if the point was 24/7 cover plus the hiring?", ["round_the_clock"]),  # "plus" between two said together
    ("and if we needed it cheap, and plus 24/7 cover?", ["security", "round_the_clock"]),  # "and plus": one more
    ("ok if it were only for 24/7 cover, time diff also ok?", ["round_the_clock"]),  # only for it: in place
    ("what if we also needed 24/7 cover, just to be safe?", ["security", "round_the_clock"]),  # "just to": one more
])
async def test_a_what_if_goal_said_as_one_more_adds_to_the_owners(domain, test_provider, text, goals):
    message = await _what_if(domain, [{"entity": "goal", "value": "24/7"}], text)
    assert message["custom"]["what_if"]["profile"]["goals"] == goals


@pytest.mark.parametrize("text, kept", [
    # Another company: only what it says counts, not the dentist's own goals and trade.
    ("what if we were a 2,000-person firm that wanted developers abroad?", {"goals": [], "industry": None}),
    ("what if we were only 2,000 people and just wanted developers abroad?", {"goals": [], "industry": None}),
    ("what if we were still a 2,000-person firm that only wanted developers abroad?", {"goals": [], "industry": None}),
    ("what if we were still 2,000 people and wanted developers abroad?",  # this one at the size it has
     {"goals": ["security"], "industry": "dental practice"}),
    # This company with two changes: the rest of its profile stays.
    ("what if we had 2,000 people and wanted developers abroad?",
     {"goals": ["security"], "industry": "dental practice"}),
])
async def test_a_what_if_about_another_company_keeps_only_what_it_says(domain, test_provider, text, kept):
    message = await _what_if(domain, [{"entity": "headcount", "value": "2,000"},
                                      {"entity": "function", "value": "software development"}], text)
    profile = message["custom"]["what_if"]["profile"]
    assert (profile["employees"], profile["function"]) == (2000, "software_development")
    assert {name: profile[name] for name in kept} == kept
    assert profile["location"] == "Worcester, MA"  # where the company is stays


@pytest.mark.parametrize("text, place, kind, said", [
    ("what if we were a 50 person firm in Dublin?", "Dublin", "location", "you were based in Dublin"),
    ("what if we set up our own team in Manila?", "Manila", "target_location", "the work moved to Manila"),
])
async def test_what_if_with_a_place_only_spacy_found(domain, test_provider, text, place, kind, said):
    stored = CollectingDispatcher()
    [event] = await ActionRecommend().run(stored, make_tracker(slots=SMALL_DENTIST, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    start = text.index(place)
    tracker = make_tracker(
        slots={"recommendation": event["value"]}, intent="what_if", form_active=False, text=text,
        entities=[{"entity": "GPE", "value": place, "start": start, "end": start + len(place)}])
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert said in message["what_if"]
    assert message["custom"]["what_if"]["profile"][kind] == place


async def test_what_if_names_only_what_changes_and_not_the_place_it_rules_out(domain, test_provider):
    profile = {**SMALL_DENTIST, "function": "manufacturing"}
    stored = CollectingDispatcher()
    [event] = await ActionRecommend().run(stored, make_tracker(slots=profile, form_active=False), domain)
    text = "And if we put the new factory in Morocco instead of Vietnam?"

    def at(value, entity):
        return {"entity": entity, "value": value, "start": text.index(value), "end": text.index(value) + len(value)}

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**profile, "recommendation": event["value"]}, intent="what_if", form_active=False,
                           text=text, entities=[at("factory", "function"), at("Morocco", "target_location"),
                                                at("Vietnam", "target_location")])
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["what_if"] == "the work moved to Morocco"
    assert message["custom"]["what_if"]["profile"]["target_location"] == "Morocco"


async def test_what_if_before_any_advice(domain):
    dispatcher = CollectingDispatcher()
    await ActionWhatIf().run(dispatcher, make_tracker(intent="what_if", form_active=False), domain)
    assert responses(dispatcher) == ["utter_what_if_needs_profile"]


async def test_what_if_with_an_impossible_number(domain, test_provider):
    stored = CollectingDispatcher()
    [event] = await ActionRecommend().run(stored, make_tracker(slots=SMALL_DENTIST, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"recommendation": event["value"]}, intent="what_if", form_active=False,
                           entities=[{"entity": "headcount", "value": "0"}])
    assert await ActionWhatIf().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_invalid_employees_zero"]


async def test_start_over_clears_everything(domain):
    dispatcher = CollectingDispatcher()
    events = await ActionStartOver().run(dispatcher, make_tracker(slots=SMALL_DENTIST), domain)
    assert events == [AllSlotsReset()]
    assert responses(dispatcher) == ["utter_start_over"]


def asked(slot: str, hints: int = 0) -> list[dict]:
    """Events of a question the form asked, and of `hints` answers to it that could not be used."""
    bot = lambda response: {"event": "bot", "text": "...", "metadata": {"utter_action": response}}  # noqa: E731
    return ([{"event": "slot", "name": "requested_slot", "value": slot}, bot(f"utter_ask_{slot}")]
            + [event for _ in range(hints) for event in (bot(f"utter_invalid_{slot}"), bot(f"utter_ask_{slot}"))])


KNOWN = {"employees": 40, "location": "Leeds", "goals": ["cost_reduction"], "function": "software_development"}
UNSURE = {"function": [{"value": "customer_service", "confidence": 0.2}, {"value": "it_support", "confidence": 0.15},
                       {"value": "back_office", "confidence": 0.1}]}  # likeliest, but not most of the share


async def test_a_first_unusable_answer_gets_a_hint_and_the_question_again(domain):
    dispatcher, events = await run_form(domain, text="hmm well", requested_slot="goals", earlier_slots=KNOWN,
                                        earlier_events=asked("goals"))
    assert responses(dispatcher) == ["utter_invalid_goals"]
    assert events[-1] == SlotSet("goals", None)


@pytest.mark.parametrize("readings, value", [(UNSURE, "customer_service"), (None, "it_support")])
async def test_a_second_unusable_answer_takes_the_likeliest_reading_else_the_default(domain, readings, value):
    known = {k: v for k, v in KNOWN.items() if k != "function"}
    dispatcher, events = await run_form(domain, text="blah blah", requested_slot="function", earlier_slots=known,
                                        earlier_events=asked("function", hints=1), readings=readings)
    assert responses(dispatcher) == ["utter_assumed_function"]
    assert SlotSet("function", value) in events and SlotSet("assumed", ["function"]) in events
    assert SlotSet("function", None) not in events


async def test_an_unsure_reading_is_no_answer_the_first_time(domain):
    known = {k: v for k, v in KNOWN.items() if k != "function"}
    dispatcher, events = await run_form(domain, text="blah blah", requested_slot="function", earlier_slots=known,
                                        earlier_events=asked("function"), readings=UNSURE)
    assert responses(dispatcher) == ["utter_invalid_function"] and events[-1] == SlotSet("function", None)


async def test_a_second_impossible_head_count_takes_the_default_without_the_refusal(domain):
    dispatcher, events = await run_form(domain, text="-5", new_slots={"employees": "-5"}, requested_slot="employees",
                                        earlier_events=asked("employees", hints=1))
    assert responses(dispatcher) == ["utter_assumed_employees"]
    assert dispatcher.messages[0]["assumption"] == "25 people"
    assert SlotSet("employees", 25) in events and SlotSet("employees", None) not in events


@pytest.mark.parametrize("text, intent", [("skip", "dont_know"), ("no", "deny"), ("you pick", "dont_know"),
                                          ("not sure, what would you suggest?", "faq"),  # asked back for advice
                                          ("what do most companies do?", "ask_recommendation"),
                                          ("Skip for now?", "nlu_fallback")])  # a skip the classifier missed
async def test_skipping_a_question_takes_a_value_at_once_and_says_so(domain, text, intent):
    new = {"control": "unknown"} if intent == "dont_know" else {}
    dispatcher, events = await run_form(domain, text=text, intent=intent, new_slots=new, requested_slot="control",
                                        earlier_slots={**KNOWN, "employees": 400}, earlier_events=asked("control"))
    assert responses(dispatcher) == ["utter_assumed_control"]
    assert dispatcher.messages[0]["assumption"] == "sharing control with a partner"  # the default, in words
    assert SlotSet("control", "shared") in events and SlotSet("assumed", ["control"]) in events


@pytest.mark.parametrize("text, intent, new", [
    ("honestly not sure, we have loads of part timers and contractors", "inform", {}),  # a hedge DIET calls a statement
    ("Not sure of the exact number today, HR would know", "dont_know", {"employees": "unknown"}),
    ("Depends how you count contractors. Skip for now?", "nlu_fallback", {}),
    ("hmm do contractors count? idk", "dont_know", {"employees": "unknown"}),  # with a question back
])
async def test_an_owner_unsure_of_the_head_count_is_offered_sizes_once_then_it_is_assumed(domain, text, intent, new):
    dispatcher, events = await run_form(domain, text=text, intent=intent, new_slots=new, requested_slot="employees",
                                        earlier_events=asked("employees"))
    assert responses(dispatcher) == ["utter_invalid_employees_rough"]
    assert dispatcher.messages[0]["assumption"] == "25 people"  # what "skip" would take, said beside the sizes
    assert [e["value"] for e in events if e.get("name") == "employees"] == [None]
    assert not [e for e in events if e.get("name") == "assumed"]
    dispatcher, events = await run_form(domain, text=text, intent=intent, new_slots=new, requested_slot="employees",
                                        earlier_events=asked("employees", hints=1))
    assert responses(dispatcher) == ["utter_assumed_employees"]
    assert SlotSet("employees", 25) in events and SlotSet("assumed", ["employees"]) in events


@pytest.mark.parametrize("text, intent", [("I'd rather not say how many we are", "dont_know"), ("skip", "dont_know"),
                                          ("Skip for now?", "nlu_fallback"), ("pass", "deny"),
                                          ("can we skip that one?", "dont_know")])
async def test_a_head_count_declined_or_skipped_bare_is_not_asked_for_again(domain, text, intent):
    new = {"employees": "unknown"} if intent == "dont_know" else {}
    dispatcher, events = await run_form(domain, text=text, intent=intent, new_slots=new, requested_slot="employees",
                                        earlier_events=asked("employees"))
    assert responses(dispatcher) == ["utter_assumed_employees"] and SlotSet("employees", 25) in events


@pytest.mark.parametrize("text, slot, known, told", [
    ("haven't decided, could be almost anything really", "function",
     {k: v for k, v in KNOWN.items() if k != "function"}, {}),
    ("hard to say, we're fully remote across like 6 countries", "location", {"employees": 40},
     {"proximity": "remote_ok"}),  # what else it tells is kept
])
async def test_a_hedge_with_no_answer_after_it_takes_a_value_at_once(domain, text, slot, known, told):
    # DIET calls these statements: the hedge they open with says there is no answer to come
    dispatcher, events = await run_form(domain, text=text, intent="inform", requested_slot=slot, earlier_slots=known,
                                        new_slots=told, earlier_events=asked(slot))
    assert responses(dispatcher) == [f"utter_assumed_{slot}"]
    assert [e["value"] is not None for e in events if e.get("name") == slot] == [True]  # a value, said to be assumed
    assert all(SlotSet(name, value) in events for name, value in told.items())


async def test_a_hedge_before_an_answer_is_an_answer(domain):
    dispatcher, events = await run_form(domain, text="not sure, maybe 50", intent="inform",
                                        new_slots={"employees": "50"}, requested_slot="employees",
                                        earlier_events=asked("employees"))
    assert SlotSet("employees", 50) in events and SlotSet("assumed", ["employees"]) not in events


HANDS_OFF_READ = {"control": [{"value": "hands_off", "confidence": 0.85}, {"value": "full", "confidence": 0.01}]}


@pytest.mark.parametrize("text, value", [
    ("no idea really, that's why I'm here", "shared"),  # the reader's "none really" is no lean: the default
    ("not sure, I guess we'd hand most of it over", "hands_off"),  # a hedge that leans: the likeliest reading
])
async def test_a_dont_know_that_says_nothing_more_takes_the_default(domain, text, value):
    dispatcher, events = await run_form(domain, text=text, intent="dont_know", new_slots={"control": "unknown"},
                                        requested_slot="control", earlier_slots={**KNOWN, "employees": 400},
                                        earlier_events=asked("control"), readings=HANDS_OFF_READ)
    assert responses(dispatcher) == ["utter_assumed_control"]
    assert SlotSet("control", value) in events and SlotSet("assumed", ["control"]) in events


@pytest.mark.parametrize("text, read, answered", [
    ("doesn't matter", 0.92, True),  # the phrase list's words for remote, to how close the team must be
    ("Doesnt matter.", 0.92, True),
    ("doesn't matter", 0.3, False),  # the reader unsure of it: a don't-know, its lean assumed
    ("not sure, anywhere I guess", 0.92, False),  # says more than the phrase: a hedge that leans
])
async def test_a_dont_know_that_is_one_of_the_asked_question_s_phrases_answers_it(domain, text, read, answered):
    dispatcher, events = await run_form(
        domain, text=text, intent="dont_know", new_slots={"proximity": "unknown"}, requested_slot="proximity",
        earlier_slots={**KNOWN, "employees": 1100}, earlier_events=asked("proximity"),
        readings={"proximity": [{"value": "remote_ok", "confidence": read}, {"value": "same_hours", "confidence": 0.02}]})
    assert SlotSet("proximity", "remote_ok" if read > 0.5 else "same_hours") in events or not answered
    assert (responses(dispatcher) == []) is answered
    assert (SlotSet("assumed", ["proximity"]) in events) is not answered


async def test_a_dont_know_that_asks_for_advice_takes_the_default_not_the_faint_reading_of_its_words(domain):
    # "advise" and "suggest" read faintly as handing off (leaving it to others): no lean of the owner's
    dispatcher, events = await run_form(
        domain, text="I haven't made up my mind, what would you advise?", intent="dont_know",
        new_slots={"control": "unknown"}, requested_slot="control", earlier_slots={**KNOWN, "employees": 400},
        earlier_events=asked("control"),
        readings={"control": [{"value": "hands_off", "confidence": 0.18}, {"value": "full", "confidence": 0.07}]})
    assert responses(dispatcher) == ["utter_assumed_control"]
    assert SlotSet("control", "shared") in events and SlotSet("assumed", ["control"]) in events


async def test_an_answer_that_names_the_value_we_assumed_makes_it_the_owner_s(domain):
    # we assumed IT support; the owner then tells the work after all, and it is IT support
    dispatcher, events = await run_form(
        domain, text="the front desk PCs and the staff laptops", new_slots={"function": "PCs"},
        earlier_slots={**KNOWN, "function": "it_support", "assumed": ["function"]},
        readings={"function": [{"value": "it_support", "confidence": 0.9}]})
    assert SlotSet("function", "it_support") in events and SlotSet("assumed", []) in events


async def test_an_assumed_value_only_checked_again_stays_assumed(domain):
    # after the advice the form validates every answer with each message: the goals we assumed, not told again
    dispatcher, events = await run_form(
        domain, text="the front desk PCs and the staff laptops", new_slots={"goals": ["expertise"]},
        earlier_slots={**KNOWN, "goals": ["expertise"], "assumed": ["goals"]},
        readings={"function": [{"value": "it_support", "confidence": 0.9}]})
    assert SlotSet("assumed", ["goals"]) in events


@pytest.mark.parametrize("intent", ["ask_recommendation", "dont_know"])
async def test_an_owner_unsure_who_asks_for_advice_gets_the_default_not_a_faint_reading(domain, intent):
    # no slot filled by the message: the form's "not sure" branch, which takes a value at once
    dispatcher, events = await run_form(
        domain, text="I haven't made up my mind, what would you advise?", intent=intent,
        requested_slot="control", earlier_slots={**KNOWN, "employees": 6000}, earlier_events=asked("control"),
        readings={"control": [{"value": "hands_off", "confidence": 0.18}, {"value": "full", "confidence": 0.07}]})
    assert "utter_assumed_control" in responses(dispatcher)
    assert SlotSet("control", "shared") in events


@pytest.mark.parametrize("text, intent, slot", [
    ("what do most companies pay for offshore support?", "faq", "control"),  # a question of its own
    ("I don't need your advice", "chitchat", "control"),
    ("what would you suggest?", "faq", "employees"),  # a number is no choice to leave to us
    ("what would you suggest if we had 2,000 people?", "what_if", "control"),  # a what-if of its own
])
async def test_a_question_that_is_no_request_for_advice_leaves_the_question_open(domain, text, intent, slot):
    dispatcher, events = await run_form(domain, text=text, intent=intent, requested_slot=slot,
                                        earlier_slots={**KNOWN, "employees": 400}, earlier_events=asked(slot))
    assert not any(r.startswith("utter_assumed") for r in responses(dispatcher))
    assert not any(e.get("name") == slot and e.get("value") is not None for e in events)


async def test_a_time_in_another_answer_that_speaks_of_people_leaves_the_head_count_alone(domain):
    text = ("Hiring a senior backend engineer here takes us seven or eight months. And the platform needs people awake "
            "when Asia is processing payments.")
    dispatcher, events = await run_form(domain, text=text, new_slots={"employees": "seven"}, requested_slot="goals",
                                        earlier_slots={"employees": 1800, "location": "Gothenburg"},
                                        entities=_tagged(text, "headcount", ("seven", "seven")))
    assert SlotSet("employees", 1800) in events


async def test_a_number_in_another_answer_leaves_the_head_count_alone(domain):
    dispatcher, events = await run_form(
        domain, text="100%", new_slots={"employees": "100"}, requested_slot="control",
        earlier_slots={**KNOWN, "employees": 400},
        readings={"control": [{"value": "full", "confidence": 0.4}, {"value": "shared", "confidence": 0.1}]})
    assert SlotSet("employees", 400) in events and SlotSet("control", "full") in events


@pytest.mark.parametrize("unsure, assumed", [(0.8, "shared"), (0.1, "full")])
async def test_a_reply_heard_as_no_answer_takes_the_default_not_a_guess_from_its_words(domain, unsure, assumed):
    # "that's above my pay grade": the control reader leans to full control, the unsure reader hears no answer
    known = {k: v for k, v in KNOWN.items() if k != "control"}
    dispatcher, events = await run_form(
        domain, text="that's above my pay grade, my boss would have to answer it", intent="dont_know",
        new_slots={"control": "unknown"}, requested_slot="control", earlier_slots=known,
        earlier_events=asked("control"), unsure=unsure,
        readings={"control": [{"value": "full", "confidence": 0.5}, {"value": "shared", "confidence": 0.1}]})
    assert SlotSet("control", assumed) in events


@pytest.mark.parametrize("remote, taken", [(1.0, "remote_ok"), (0.6, "on_site")])
async def test_a_tagged_phrase_the_reader_all_but_rules_out_gives_way(domain, remote, taken):
    text = "honestly remote works, we haven't seen our current IT guy in person in years"
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"proximity": "in person"}, requested_slot="proximity",
        earlier_slots={**KNOWN, "control": "shared"}, entities=_tagged(text, "proximity", ("in person", "in person")),
        readings={"proximity": [{"value": "remote_ok", "confidence": remote},
                                {"value": "on_site", "confidence": 0.01}]})
    assert SlotSet("proximity", taken) in events  # only a reader all but certain outweighs the tag


async def test_a_span_of_hours_said_of_people_leaves_the_head_count_alone(domain):
    text = "the people should be online when our office is open, 9-5 eastern"
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"employees": "9-5"}, requested_slot="proximity",
        earlier_slots={**KNOWN, "employees": 400}, entities=_tagged(text, "headcount", ("9-5", "9-5")),
        readings={"proximity": [{"value": "same_hours", "confidence": 0.39}, {"value": "on_site", "confidence": 0.01}]})
    # read as the answer it is, not as a fact told beside a new head-count (with the surer bar that needs), nor
    # as "our office" in the phrase list
    assert SlotSet("employees", 400) in events and SlotSet("proximity", "same_hours") in events
    assert not any(r.startswith("utter_invalid_employees") for r in responses(dispatcher))
    # ... and after the advice, with no question pending
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"employees": "9-5"}, requested_slot=None, earlier_slots={**KNOWN, "employees": 40},
        entities=_tagged(text, "headcount", ("9-5", "9-5")))
    assert SlotSet("employees", 40) in events and not responses(dispatcher)


async def test_a_count_of_none_told_in_a_correction_of_something_else_leaves_the_head_count_alone(domain):
    text = ("In Japan, embedded software engineers are very few. We post job for one year, zero applicant. Also we "
            "want to be real player in Southeast Asia market")
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", new_slots={"employees": "zero"}, requested_slot="goals",
        earlier_slots={**KNOWN, "employees": 3200}, entities=_tagged(text, "headcount", ("zero", "zero")))
    assert SlotSet("employees", 3200) in events
    assert not any(r.startswith("utter_invalid_employees") for r in responses(dispatcher))


async def test_a_goal_named_only_to_be_set_aside_is_no_answer(domain):
    text = "its not really about saving money tbh. its the ransomware stories"
    known = {k: v for k, v in KNOWN.items() if k not in ("goals", "function", "control", "proximity")}
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"goals": ["saving money", "ransomware"]}, requested_slot="goals",
        earlier_slots=known, earlier_events=asked("goals"),
        entities=[*_tagged(text, "goal", ("saving money", "saving money")),
                  *_tagged(text, "goal", ("ransomware", "ransomware"))],
        readings={"goals": [{"value": "security", "confidence": 0.97}, {"value": "cost_reduction", "confidence": 0.2}]})
    assert SlotSet("goals", ["security"]) in events


async def test_a_correction_changes_the_answer_it_most_likely_corrects(domain):
    dispatcher, events = await run_form(
        domain, text="sorry, I'd rather have a partner share it", intent="correct", requested_slot=None,
        earlier_slots={**KNOWN, "control": "hands_off"},
        readings={"control": [{"value": "shared", "confidence": 0.55}], "goals": [{"value": "expertise", "confidence": 0.5}]})
    assert SlotSet("control", "shared") in events
    assert not any(e.get("name") == "goals" for e in events)  # probable, but not what it corrects


@pytest.mark.parametrize("text, slot, named, earlier, expected", [
    ("actually it would be the production line, not the IT", "function",
     [("production line", "production line"), ("IT", "it")], "it_support", "manufacturing"),
    ("I said hands off but really I'd like some oversight", "control",
     [("hands off", "hands off"), ("some oversight", "some oversight")], "hands_off", "shared"),
    ("correction: not about saving money at all, it's about skilled people", "goals",
     [("saving money", "saving money"), ("skilled people", "skilled people")], ["cost_reduction"], ["skilled_talent"]),
])
async def test_a_correction_drops_what_it_names_only_to_take_back(domain, text, slot, named, earlier, expected):
    kind = "goal" if slot == "goals" else slot
    entities = [{"entity": kind, "value": value, "start": text.index(said), "end": text.index(said) + len(said)}
                for said, value in named]
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", requested_slot=None, entities=entities,
        earlier_slots={**KNOWN, "control": "hands_off", slot: earlier},
        new_slots={slot: [v for _, v in named] if slot == "goals" else named[-1][1]})
    assert SlotSet(slot, expected) in events


async def test_a_new_head_count_while_another_question_waits_is_no_answer_to_it(domain):
    probable = {"function": [{"value": "it_support", "confidence": 0.4}, {"value": "back_office", "confidence": 0.1}]}
    dispatcher, events = await run_form(
        domain, text="oh, I fat-fingered that, it's 3,500 people, not 350", intent="correct",
        requested_slot="function", earlier_slots={"employees": 350, "location": "Leeds", "goals": ["cost_reduction"]},
        new_slots={"employees": "3,500"}, readings=probable)
    assert SlotSet("employees", 3500) in events
    assert not any(e.get("name") == "function" and e.get("value") for e in events)  # asked again, not guessed
    dispatcher, events = await run_form(  # the people of a team are no new size of the company
        domain, text="a partner, but our own team of 12 people stays in charge", requested_slot="control",
        earlier_slots={**KNOWN, "employees": 900}, new_slots={"employees": "12"},
        readings={"control": [{"value": "shared", "confidence": 0.8}, {"value": "full", "confidence": 0.1}]})
    assert SlotSet("control", "shared") in events
    assert not any(e.get("name") == "employees" and e.get("value") == 12 for e in events)
    dispatcher, events = await run_form(  # ... but a team that is the whole company is its size
        domain, text="full control please, we're a team of 45 btw", requested_slot="control",
        earlier_slots={**KNOWN, "employees": 12}, new_slots={"employees": "45"},
        readings={"control": [{"value": "full", "confidence": 0.9}, {"value": "shared", "confidence": 0.05}]})
    assert SlotSet("employees", 45) in events
    dispatcher, events = await run_form(  # a year beside a word for people is no size
        domain, text="I want modern systems, not from 2009, and people who really know the technology",
        requested_slot="more_goals", earlier_slots={**KNOWN, "employees": 35},
        new_slots={"employees": "2009", "more_goals": "I want modern systems"})
    assert not any(e.get("name") == "employees" and e.get("value") == 2009 for e in events)
    dispatcher, events = await run_form(  # ... also when it reads as a correction: only named to be set aside
        domain, text="I want modern systems, not from 2009, and people who really know the technology",
        intent="correct", requested_slot="more_goals", earlier_slots={**KNOWN, "employees": 35},
        new_slots={"employees": "2009", "more_goals": "I want modern systems"})
    assert not any(e.get("name") == "employees" and e.get("value") == 2009 for e in events)
    dispatcher, events = await run_form(  # a place in an answer about where the team may be is no new fact
        domain, text="somewhere on CET, like Berlin", requested_slot="proximity", earlier_slots=KNOWN,
        new_slots={"location": "Berlin"},
        readings={"proximity": [{"value": "same_hours", "confidence": 0.45}, {"value": "remote_ok", "confidence": 0.2}]})
    assert SlotSet("proximity", "same_hours") in events


async def test_a_sure_reading_fills_a_fact_nobody_asked_for(domain):
    dispatcher, events = await run_form(
        domain, text="we'd run our own office there", requested_slot="goals", earlier_slots=KNOWN,
        readings={"control": [{"value": "full", "confidence": 0.9}], "goals": [{"value": "security", "confidence": 0.01}]})
    assert SlotSet("control", "full") in events


@pytest.mark.parametrize("form_active, requested, said", [
    (True, "control", ["utter_not_understood", "utter_ask_control"]),  # the question comes again: no dead end
    (False, None, ["utter_default"]),
])
async def test_the_last_resort_asks_the_pending_question_again(domain, form_active, requested, said):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="I haven't made up my mind, what would you advise?", intent="ask_recommendation",
                           requested_slot=requested, form_active=form_active)
    events = await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == said
    assert events == [UserUtteranceReverted()]


INVITED = {"event": "bot", "text": "If you'd like advice...", "metadata": {"utter_action": "utter_invite_profile"}}


OURS = "We're 40 people in Leeds. What is offshoring?"
TERSE = "Accounting firm, 25 people, Bristol. Is offshoring cheaper?"  # the visitor's own firm, no "we" said
GENERAL = "Do companies of 500 people usually offshore?"


@pytest.mark.parametrize("text, earlier, new, earlier_events, form_active, said, events", [
    ("what is offshoring?", {}, {}, [], False, ["utter_invite_profile"], []),  # nothing known: what to tell for advice
    ("what is offshoring?", {}, {}, [INVITED], False, [], []),  # once a conversation
    # the company told with the question: the questions start, whenever it is told
    (OURS, {}, {"employees": "40"}, [], False, ["utter_lead_into_profile"], [FollowupAction("profile_form")]),
    (OURS, {}, {"employees": "40"}, [INVITED], False, ["utter_lead_into_profile"], [FollowupAction("profile_form")]),
    (TERSE, {}, {"employees": "25"}, [], False, ["utter_lead_into_profile"], [FollowupAction("profile_form")]),
    # a number of companies in general is none of the visitor's: taken back, and the earlier answer stands
    (GENERAL, {}, {"employees": "500"}, [], False, ["utter_invite_profile"], [SlotSet("employees", None)]),
    (GENERAL, {"employees": 40}, {"employees": "500"}, [INVITED], False, [], [SlotSet("employees", 40)]),
    ("what is offshoring?", {}, {}, [], True, [], []),  # the form asks its question itself
    ("what is offshoring?", {"recommendation": {"strategy": "outsourcing"}}, {}, [], False, [], []),  # advised
])
async def test_an_faq_before_the_advice_invites_a_description_once_or_starts_the_questions(
        domain, text, earlier, new, earlier_events, form_active, said, events):
    dispatcher = CollectingDispatcher()
    numbers = [(word, word) for word in ("40", "25", "500") if word in text]
    tracker = make_tracker(text=text, intent="faq", earlier_slots=earlier, new_slots=new,
                           entities=_tagged(text, "headcount", *numbers), earlier_events=earlier_events,
                           form_active=form_active)
    assert await ActionInviteProfile().run(dispatcher, tracker, domain) == events
    assert responses(dispatcher) == said


REPHRASE = {"event": "bot", "text": "Sorry, I didn't quite get that...", "metadata": {"utter_action": "utter_please_rephrase"}}
BOT_CHALLENGED = {"event": "bot", "text": "I'm the virtual assistant of ...", "metadata": {"utter_action": "utter_iamabot"}}


@pytest.mark.parametrize("intent, earlier_events, said", [
    ("bot_challenge", [BOT_CHALLENGED], ["utter_invite_profile"]),  # "is this a real person?" as a first message
    ("nlu_fallback", [REPHRASE], ["utter_invite_profile_too"]),  # its reply has the button to start: no second one
    ("nlu_fallback", [INVITED, REPHRASE], []),  # once a conversation
])
async def test_a_reply_beside_the_questions_before_the_advice_invites_a_description(domain, intent, earlier_events,
                                                                                    said):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="hola, do you work with hotels?", intent=intent, earlier_events=earlier_events,
                           form_active=False)
    assert await ActionInviteProfile().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == said


@pytest.mark.parametrize("text, both", [
    ("with a partner, but we keep our own supervisors", True),
    ("shared with a partner as long as our own leads stay in charge", True),
    ("a partner maybe, but really we want our own team", False),  # our own people instead
    ("not a partner, but our own people in charge", False),  # the partner taken back
    ("our own supervisors, but no partner", False),  # no partner before the turn
    # the partner turned away after all
    ("partner but our own managers would run it, not them", False),
    ("with a partner but I have our own managers doing it instead", False),
    ("a partner, but we have no managers", False),
])
async def test_a_partner_with_our_own_people_kept_beside_it_is_a_partnership(text, both):
    assert partner_beside_own_people(text) is both


async def test_facts_told_with_a_question_are_taken_as_the_questions_start_when_sure(domain):
    # the form activated after the FAQ's answer (ActionInviteProfile): what the company told counts, not a faint reading
    text = "We're 2,400 people in Hamburg and would move invoicing to our own centre abroad. Is that offshoring?"
    dispatcher, events = await run_form(
        domain, text=text, intent="faq", new_slots={"employees": "2,400"},
        entities=_tagged(text, "headcount", ("2,400", "2,400")),
        readings={"control": [{"value": "full", "confidence": 0.95}],
                  "proximity": [{"value": "same_hours", "confidence": 0.45}]})
    assert SlotSet("employees", 2400) in events and SlotSet("control", "full") in events
    assert not any(e.get("name") == "proximity" for e in events)


def _tagged(text: str, kind: str, *spans: tuple[str, str]) -> list[dict]:
    return [{"entity": kind, "value": value, "start": text.index(said), "end": text.index(said) + len(said)}
            for said, value in spans]


FRONT_DESK = "IT support for the shops: tills, Wi-Fi, the back office PCs"
TURNS = "remote is fine for most of it, but someone must be in the warehouse within the hour when scanners break"


@pytest.mark.parametrize("slot, text, spans, read, expected", [
    # Several tagged: the one the reader makes of the whole answer, not the last (Rasa's pick).
    ("function", FRONT_DESK, [("IT support", "it_support"), ("back office", "back_office")], "it_support",
     "it_support"),
    # One tagged before "but": what the answer turns to.
    ("proximity", TURNS, [("remote", "remote_ok")], "on_site", "on_site"),
    # One tagged, no turn: the tag stands, whatever the reader leans to.
    ("proximity", "remote, and on site now and then", [("remote", "remote_ok")], "on_site", "remote_ok"),
])
async def test_an_answer_that_tags_several_values_or_turns_on_but_takes_the_one_meant(
        domain, slot, text, spans, read, expected):
    entities = _tagged(text, slot, *spans)
    dispatcher, events = await run_form(
        domain, text=text, entities=entities, new_slots={slot: entities[-1]["value"]}, requested_slot=slot,
        earlier_slots={**KNOWN, "employees": 400}, earlier_events=asked(slot),
        readings={slot: [{"value": read, "confidence": 0.8}]})
    assert SlotSet(slot, expected) in events


async def test_after_the_advice_only_a_sure_reading_changes_a_known_answer(domain):
    """A probable reading fills a fact told unasked in a first message; it does not overwrite one the
    owner gave earlier ("we also have a small office in York" is no new goal or closeness)."""
    earlier = {**KNOWN, "goals": ["cost_reduction"], "proximity": "remote_ok"}
    dispatcher, events = await run_form(
        domain, text="we also have a small office in York", requested_slot=None, earlier_slots=earlier,
        readings={"goals": [{"value": "security", "confidence": 0.45}],
                  "proximity": [{"value": "on_site", "confidence": 0.45}]})
    assert not any(e.get("name") in ("goals", "proximity") and e.get("value") != earlier[e["name"]] for e in events)


def _places(text: str, *names: str) -> list[dict]:
    return [{"entity": "location", "value": n, "start": text.index(n), "end": text.index(n) + len(n)} for n in names]


@pytest.mark.parametrize("text, names, expected", [
    ("HQ is in Frankfurt, we also have a small sales office in Vienna", ("Frankfurt", "Vienna"), "Frankfurt"),
    ("offices in London and Paris, but the head office is in Paris", ("London", "Paris"), "Paris"),
    ("Perth, Scotland", ("Perth", "Scotland"), "Perth, Scotland"),  # a city and its qualifier: one place
    ("Most of our clients are in London (we're in Brighton ourselves)", ("London", "Brighton"), "Brighton"),
])
async def test_of_several_places_the_answer_takes_the_head_office(domain, text, names, expected):
    entities = _places(text, *names)
    if expected == "Paris":  # the second "Paris" is the one said as the head office
        entities[-1] = {**entities[-1], "start": text.rindex("Paris"), "end": text.rindex("Paris") + 5}
    dispatcher, events = await run_form(domain, text=text, entities=entities, requested_slot="location",
                                        new_slots={"location": entities[-1]["value"]}, earlier_slots={"employees": 40},
                                        earlier_events=asked("location"))
    assert SlotSet("location", expected) in events


async def test_a_first_message_s_place_only_spacy_found_beside_another_s(domain):
    text = "a 16-person architecture studio in Galway (Salthill side). Our big rival in Limerick has 90 people"
    entities = _places(text, "Limerick") + [{**_places(text, "Galway", "Limerick")[0], "entity": "GPE"},
                                            {**_places(text, "Limerick")[0], "entity": "GPE"}]
    _, events = await run_form(domain, text=text, entities=entities, requested_slot=None,
                               new_slots={"location": "Limerick"})
    assert SlotSet("location", "Galway") in events


@pytest.mark.parametrize("text, names, last_tag, expected", [
    ("based in denver, though most of our customers are up in canada. about 30 staff", ("denver", "canada"),
     "location", "denver"),
    ("I manage a 10-person estate agency in Glasgow (our old office was in Edinburgh)", ("Glasgow", "Edinburgh"),
     "location", "Glasgow"),
    ("We import furniture from a supplier in Vietnam, our company is in Leeds, 35 staff", ("Vietnam", "Leeds"),
     "location", "Leeds"),
    ("We used to be in Bristol but moved the whole company to Cardiff last year. 50 people.", ("Bristol", "Cardiff"),
     "target_location", "Cardiff"),  # the company's own move, told as done
    ("we're a 5 man joinery in york and in leeds", ("york", "leeds"), "location", "leeds"),  # no cue: Rasa's last
    ("Germany is our biggest market; we're a small factory in Stoke", ("Germany", "Stoke"), "location", "Stoke"),
    ("Dublin is where most of our work is, we're an old family firm in Cork", ("Dublin", "Cork"), "location", "Cork"),
    # a rival's, a supplier's in brackets
    ("a 16-person architecture studio in Galway. Our big rival in Limerick has 90 people", ("Galway", "Limerick"),
     "location", "Galway"),
    ("We sell marine equipment in Tromsø. Fake invoices came from our supplier (they are 400 people in Bergen)",
     ("Tromsø", "Bergen"), "location", "Tromsø"),
    # a trade of the company's own is no one else's; a place named as ours is
    ("We're a small firm of accountants in Leeds; our biggest client is in York", ("Leeds", "York"), "location",
     "Leeds"),
    ("We're a food distributor in Leeds, and our biggest customer is in York", ("Leeds", "York"), "location", "Leeds"),
    ("We're the biggest bank in Lagos, and our main market is in Abuja", ("Lagos", "Abuja"), "location", "Lagos"),
    ("Leeds is where our offices are, most of our customers are in York", ("Leeds", "York"), "location", "Leeds"),
])
async def test_a_first_message_s_place_is_the_company_s_not_another_s(domain, text, names, last_tag, expected):
    entities = _places(text, *names)
    entities[-1] = {**entities[-1], "entity": last_tag}
    tagged = entities[0]["value"] if last_tag != "location" else entities[-1]["value"]
    dispatcher, events = await run_form(domain, text=text, entities=entities, requested_slot=None,
                                        new_slots={"location": tagged,
                                                   **({last_tag: entities[-1]["value"]} if last_tag != "location"
                                                      else {})})
    assert SlotSet("location", expected) in events
    assert not any(e.get("name") == "target_location" and e.get("value") for e in events)


@pytest.mark.parametrize("text, counts, expected", [
    ("a 16-person architecture studio in Galway. Our big rival in Limerick has 90 people and we're still emailing 2GB "
     "files around", ("16", "90", "2"), 16),
    ("We sell marine equipment, 30 employees. Fake invoices came from our supplier (they are 400 people in Bergen)",
     ("30", "400"), 30),
    ("we're 45 people and our biggest customer has 3000 staff", ("45", "3000"), 45),  # a customer's
])
async def test_of_several_head_counts_the_company_s_not_another_s(domain, text, counts, expected):
    """Rasa keeps the last number tagged; a rival's, a supplier's or a file's size is not the company's."""
    _, events = await run_form(domain, text=text, requested_slot=None,
                               entities=_tagged(text, "headcount", *((n, n) for n in counts)),
                               new_slots={"employees": counts[-1]})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [expected]


async def test_a_one_that_counts_no_people_leaves_a_control_told_beside_people(domain):
    """"One more thing: we would employ the people ourselves": "one" counts no people, so the control is no part of a
    head-count told again (all the message would be, with "one" for a head-count)."""
    text = "One more thing: we would employ the people ourselves"
    _, events = await run_form(domain, text=text, requested_slot=None, earlier_slots={**KNOWN, "control": "shared"},
                               entities=_tagged(text, "headcount", ("One", "one")), new_slots={"employees": "one"},
                               readings={"control": [{"value": "full", "confidence": 0.9}]})
    assert SlotSet("control", "full") in events


async def test_after_the_advice_a_known_value_rasa_hands_back_is_no_answer_of_the_message(domain):
    """When the form starts again after the advice, Rasa validates every known value as prefilled, as if set this
    turn: the control the message reads sure ("No partner: we set up our own subsidiary") still replaces the known."""
    known = {**KNOWN, "control": "shared", "proximity": "remote_ok"}
    text = "No partner: we set up our own subsidiary and employ the people directly."
    _, events = await run_form(domain, text=text, requested_slot=None, earlier_slots=known, new_slots=known,
                               readings={"control": [{"value": "full", "confidence": 1.0},
                                                     {"value": "shared", "confidence": 0.3}]})
    assert SlotSet("control", "full") in events


async def test_a_correction_reads_past_the_value_it_takes_back(domain):
    dispatcher, events = await run_form(
        domain, text="I said hand it off but actually we want a say in how it's run", intent="correct",
        requested_slot=None, earlier_slots={**KNOWN, "control": "hands_off"},
        readings={"control": [{"value": "hands_off", "confidence": 0.8}, {"value": "shared", "confidence": 0.6}]})
    assert SlotSet("control", "shared") in events


async def test_a_what_if_place_where_people_would_be_hired_is_where_the_work_goes(domain, test_provider):
    text = "what if we hired our own people in Chennai?"
    start = text.index("Chennai")
    message = await _what_if(domain, [{"entity": "location", "value": "Chennai", "start": start, "end": start + 7}],
                             text)
    assert message["custom"]["what_if"]["profile"]["target_location"] == "Chennai"
    assert "the work moved to Chennai" in message["what_if"]


@pytest.mark.parametrize("text, expected", [
    ("We want to start selling into Germany and France", "Leeds"),  # a place in a goals answer: no move
    ("cheaper IT - oh and we've moved, we're based in York now", "York"),
    ("they need to work our hours, we're on Eastern time here in York", "York"),
])
async def test_a_place_in_the_answer_to_another_question_moves_the_company_only_when_said_so(domain, text, expected):
    place = "France" if "France" in text else "York"
    start = text.index(place)
    dispatcher, events = await run_form(
        domain, text=text, requested_slot="goals", earlier_slots={"employees": 40, "location": "Leeds"},
        entities=[{"entity": "location", "value": place, "start": start, "end": start + len(place)}],
        new_slots={"location": place}, earlier_events=asked("goals"))
    assert SlotSet("location", expected) in events


async def test_a_value_tagged_only_to_be_negated_is_no_answer(domain):
    text = "i want to pick who works on it and review their work, but i dont need to employ them"
    start = text.index("employ them")
    dispatcher, events = await run_form(
        domain, text=text, requested_slot="control", earlier_slots={**KNOWN, "employees": 400},
        entities=[{"entity": "control", "value": "employ them", "start": start, "end": start + 11}],
        new_slots={"control": "employ them"}, earlier_events=asked("control"),
        readings={"control": [{"value": "shared", "confidence": 0.5}, {"value": "full", "confidence": 0.2}]})
    assert SlotSet("control", "shared") in events


async def test_an_answer_taken_for_a_correction_answers_the_question_asked(domain):
    """DIET often calls an answer with a negation a correction: it answers the question pending, and a known
    value of another question changes only when the message names one."""
    readings = {"control": [{"value": "hands_off", "confidence": 0.89}, {"value": "full", "confidence": 0.01}],
                "proximity": [{"value": "same_hours", "confidence": 0.35}, {"value": "remote_ok", "confidence": 0.3}]}
    known = {k: v for k, v in KNOWN.items() if k != "proximity"}
    dispatcher, events = await run_form(
        domain, text="I don't want to wait till tomorrow for an answer because they're all asleep", intent="correct",
        requested_slot="proximity", earlier_slots={**known, "employees": 300, "control": "shared"},
        earlier_events=asked("proximity"), readings=readings)
    assert SlotSet("proximity", "same_hours") in events
    assert not any(e["name"] == "control" for e in events if e["event"] == "slot")


async def test_a_condition_after_a_tagged_value_is_what_the_answer_means(domain):
    text = "remote is ok as long as they work our hours"
    readings = {"proximity": [{"value": "same_hours", "confidence": 0.74}, {"value": "remote_ok", "confidence": 0.26}]}
    known = {k: v for k, v in KNOWN.items() if k != "proximity"}
    dispatcher, events = await run_form(
        domain, text=text, new_slots={"proximity": "remote"}, requested_slot="proximity",
        earlier_slots={**known, "employees": 300}, earlier_events=asked("proximity"), readings=readings,
        entities=[{"entity": "proximity", "value": "remote", "start": 0, "end": 6}])
    assert SlotSet("proximity", "same_hours") in events


@pytest.mark.parametrize("text, places, known, corrected", [
    ("perth scotland not the one in australia lol", ["australia"], "Perth, Australia", "Perth, United Kingdom"),
    ("no, Cambridge Massachusetts. we're a US company", ["Cambridge", "Massachusetts", "US"],
     "Cambridge, United Kingdom", "Cambridge, Massachusetts"),
])
async def test_a_correction_of_place_the_tagger_missed(domain, text, places, known, corrected):
    entities = [{"entity": "GPE", "value": p, "start": text.index(p), "end": text.index(p) + len(p)} for p in places]
    intent = "inform" if "not the one" in text else "correct"  # ruling a country out is correction enough
    dispatcher, events = await run_form(domain, text=text, intent=intent, requested_slot="goals",
                                        earlier_slots={"employees": 22, "location": known}, entities=entities)
    assert SlotSet("location", corrected) in events
    assert responses(dispatcher)[0] == "utter_noted_location"


@pytest.mark.parametrize("text, tagged, known, corrected", [
    ("perth scotland not the one in australia lol", (("location", "perth", "Perth"), ("GPE", "australia", "Australia")),
     "Perth, Australia", "Perth, United Kingdom"),
    # the words after the town are no country: the country tagged stands
    ("we're in Newcastle in the UK, not the one in Australia",
     (("location", "Newcastle", "Newcastle"), ("GPE", "UK", "UK"), ("GPE", "Australia", "Australia")),
     "Newcastle, Australia", "Newcastle upon Tyne, United Kingdom"),
])
async def test_a_correction_of_place_whose_country_is_typed_after_the_town_untagged(domain, text, tagged, known,
                                                                                    corrected):
    entities = [e for kind, said, value in tagged for e in _tagged(text, kind, (said, value))]
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="goals",
                                        new_slots={"location": tagged[0][2]}, entities=entities,
                                        earlier_slots={"employees": 22, "location": known})
    assert SlotSet("location", corrected) in events


@pytest.mark.parametrize("text, places, known, corrected", [
    ("no, Seoul Gangnam, not Busan", ["Seoul Gangnam", "Busan"], "Busan", "Seoul, South Korea"),  # town, district
    ("no, the Greater Toronto Area, not Montreal", ["Greater Toronto Area", "Montreal"], "Montreal", "Toronto, Canada"),
    # a name that is a place as a whole is no town called by one of its words (Bandar-e Kong, Lanka in India)
    ("sorry, I meant Hong Kong, not Singapore", ["Hong Kong", "Singapore"], "Singapore", None),
    ("no, we're in Sri Lanka, not the Maldives", ["Sri Lanka", "Maldives"], "Male, Maldives", None),
])
async def test_a_correction_tries_a_word_of_a_name_only_when_the_whole_is_no_place(domain, text, places, known,
                                                                                    corrected):
    entities = [{"entity": "GPE", "value": p, "start": text.index(p), "end": text.index(p) + len(p)} for p in places]
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="goals",
                                        earlier_slots={"employees": 22, "location": known}, entities=entities)
    changed = [e["value"] for e in events if e.get("name") == "location"]
    assert changed == ([corrected] if corrected else []) or (not corrected and changed == [places[0]])


async def test_a_goal_added_in_a_correction_keeps_the_others(domain):
    text = "and backups too, forgot to say"
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", requested_slot="function", new_slots={"goals": ["backups"]},
        earlier_slots={"employees": 18, "location": "Boise", "goals": ["security"]},
        entities=[{"entity": "goal", "value": "backups", "start": 4, "end": 11}])
    assert SlotSet("goals", ["security", "disaster_recovery"]) in events


@pytest.mark.parametrize("text, code", [("'; DROP TABLE events; -- \" OR 1=1", True),
                                        ("<script>alert(1)</script>", True), ("a partner -- we keep a say", False)])
async def test_code_and_markup_are_no_answer_whatever_the_readers_make_of_them(domain, text, code):
    readings = {"function": [{"value": "cloud_infrastructure", "confidence": 0.3},
                             {"value": "software_development", "confidence": 0.02}]}
    known = {k: v for k, v in KNOWN.items() if k != "function"}
    dispatcher, events = await run_form(domain, text=text, requested_slot="function", earlier_slots=known,
                                        earlier_events=asked("function"), readings=readings)
    if code:
        assert responses(dispatcher) == ["utter_invalid_function"] and events[-1] == SlotSet("function", None)
    else:
        assert SlotSet("function", "cloud_infrastructure") in events


async def test_ruling_out_a_country_for_the_work_moves_no_company(domain):
    text = "not India, maybe Krakow"
    start = text.index("Krakow")
    dispatcher, events = await run_form(
        domain, text=text, intent="inform", requested_slot="proximity", earlier_slots={**KNOWN, "location": "London"},
        entities=[{"entity": "GPE", "value": "India", "start": 4, "end": 9},
                  {"entity": "GPE", "value": "Krakow", "start": start, "end": start + 6}])
    assert not any(e["name"] == "location" and e["value"] != "London" for e in events if e["event"] == "slot")


async def test_a_goal_added_in_a_correction_drops_the_one_it_takes_back(domain):
    text = "security as well, not cost cutting"
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", requested_slot="function",
        new_slots={"goals": ["security", "cost cutting"]},
        earlier_slots={"employees": 18, "location": "Boise", "goals": ["cost_reduction"]},
        entities=[{"entity": "goal", "value": "security", "start": 0, "end": 8},
                  {"entity": "goal", "value": "cost cutting", "start": 22, "end": 34}])
    assert SlotSet("goals", ["security"]) in events


async def test_the_known_town_named_with_another_country_is_that_one(domain):
    text = "the Boston in Lincolnshire, England"
    entities = [{"entity": kind, "value": name, "start": text.index(name), "end": text.index(name) + len(name)}
                for kind, name in (("location", "Boston"), ("GPE", "Lincolnshire"), ("GPE", "England"))]
    dispatcher, events = await run_form(domain, text=text, intent="inform", requested_slot="function",
                                        new_slots={"location": "Boston"}, entities=entities,
                                        earlier_slots={"employees": 62, "location": "Boston, Massachusetts",
                                                       "goals": ["expertise"]})
    assert SlotSet("location", "Boston, United Kingdom") in events
    assert responses(dispatcher)[0] == "utter_noted_location"


@pytest.mark.parametrize("text, reply", [
    ("Actually we're based in Wanaka, not Queenstown", ["utter_location_not_found_kept"]),  # said, not found: kept aloud
    ("Sorry, the goals: Wanaka is where our lodge is, cost matters most", []),  # no place put right: kept quietly
])
async def test_a_town_the_map_lacks_said_in_place_of_the_known_one_keeps_it_but_says_so(domain, text, reply):
    entities = _tagged(text, "location", ("Wanaka", "Wanaka"))
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot=None, form_active=False,
                                        new_slots={"location": "Wanaka"}, entities=entities,
                                        earlier_slots={"employees": 40, "location": "Queenstown", "goals": ["expertise"]})
    assert [e["value"] for e in events if e.get("name") == "location"] == ["Queenstown"]
    assert [r for r in responses(dispatcher) if "location" in r] == reply
    if reply:
        assert '"Wanaka"' in dispatcher.messages[0]["location"] and "Queenstown" in dispatcher.messages[0]["earlier"]


@pytest.mark.parametrize("text, place, quoted", [
    ("The Black Country. That's as much as you're getting.", "Black Country", '"The Black Country"'),
    ("Narnia and beyond", "Narnia", '"Narnia and beyond"'),  # one sentence: all of it
])
async def test_a_place_the_map_lacks_is_quoted_by_the_sentence_that_names_it(domain, text, place, quoted):
    dispatcher, events = await run_form(domain, text=text, intent="inform", requested_slot="location",
                                        new_slots={"location": place}, entities=_tagged(text, "location", (place, place)),
                                        earlier_slots={"employees": 1900})
    assert [e["value"] for e in events if e.get("name") == "location"] == [None]
    assert responses(dispatcher) == ["utter_invalid_location"]
    assert dispatcher.messages[0]["location"] == quoted


@pytest.mark.parametrize("text, names", [("we sell into Germany and France", ("Germany", "France")),
                                         ("customers in Boston and Manchester", ("Boston", "Manchester")),
                                         ("Boston is pricey, maybe a team in England", ("Boston", "England"))])
async def test_a_place_in_another_answer_is_no_move_of_the_company(domain, text, names):
    entities = [{"entity": "location", "value": name, "start": text.index(name), "end": text.index(name) + len(name)}
                for name in names]
    dispatcher, events = await run_form(domain, text=text, intent="inform", requested_slot="function",
                                        new_slots={"location": "France"}, entities=entities,
                                        earlier_slots={"employees": 62, "location": "Boston, Massachusetts",
                                                       "goals": ["expertise"]})
    assert not any(e.get("name") == "location" and e.get("value") != "Boston, Massachusetts" for e in events)


async def test_a_correction_that_only_takes_a_goal_back_keeps_the_others(domain):
    text = "take expertise off the list"
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", requested_slot="function", new_slots={"goals": ["expertise"]},
        earlier_slots={"employees": 410, "location": "Antwerp", "goals": ["cost_reduction", "expertise", "security"]},
        entities=[{"entity": "goal", "value": "expertise", "start": 5, "end": 14}])
    assert SlotSet("goals", ["cost_reduction", "security"]) in events


async def test_a_correction_that_drops_a_goal_in_so_many_words_leaves_it_out(domain):
    text = ("Actually forget the costs thing, I said it wrong - it's really about getting people who know the newest "
            "tech. The money part is fine, we can pay.")
    reading = {"goals": [{"value": "new_technology", "confidence": 0.8}, {"value": "cost_reduction", "confidence": 0.7},
                         {"value": "expertise", "confidence": 0.6}]}
    _, events = await run_form(
        domain, text=text, intent="correct", requested_slot=None, form_active=False,
        new_slots={"goals": ["costs"]}, readings=reading, clause_readings=reading,
        earlier_slots={"employees": 15, "location": "Medellín", "goals": ["cost_reduction", "new_technology"],
                       "function": "software_development"},
        entities=_tagged(text, "goal", ("costs", "costs")))
    [goals] = [e["value"] for e in events if e.get("name") == "goals"]
    assert "cost_reduction" not in goals and "new_technology" in goals


@pytest.mark.parametrize("text, number", [("no its 54, typo", 54), ("btw I said 80 earlier, it's 800", 800)])
async def test_a_short_correction_of_the_head_count_the_tagger_missed(domain, text, number):
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="location",
                                        earlier_slots={"employees": 80 if "80" in text else 45})
    assert SlotSet("employees", number) in events


@pytest.mark.parametrize("text", ["whoops, we have 2 offices", "typo, we started in 2015"])
async def test_a_number_of_something_else_in_a_short_correction_is_no_head_count(domain, text):
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="location",
                                        earlier_slots={"employees": 45})
    assert not any(e.get("name") == "employees" for e in events)


async def test_a_number_in_a_longer_correction_of_something_else_is_no_head_count(domain):
    dispatcher, events = await run_form(domain, text="actually we need 24/7 cover and someone local for the servers",
                                        intent="correct", requested_slot="location", earlier_slots={"employees": 45},
                                        entities=[{"entity": "goal", "value": "24/7", "start": 17, "end": 21}])
    assert not any(e.get("name") == "employees" for e in events)


@pytest.mark.parametrize("text, tagged, earlier, goals", [
    ("to be clear, our goal is cost AND security, not just cost", "security", ["cost_reduction"],
     ["cost_reduction", "security"]),  # "not just": the first kept
    ("no, I never said talent - it's about cost and getting 24/7 coverage", "24/7", ["skilled_talent"],
     ["round_the_clock", "cost_reduction"]),  # a goal only the readers found
])
async def test_a_correction_of_goals_keeps_what_the_readers_found_beside_the_tagged(domain, text, tagged, earlier,
                                                                                     goals):
    readings = {"goals": [{"value": "cost_reduction", "confidence": 0.97}, {"value": "security", "confidence": 0.84},
                          {"value": "round_the_clock", "confidence": 0.9 if "24/7" in text else 0.01},
                          {"value": "skilled_talent", "confidence": 0.02}]}
    if "24/7" in text:
        readings["goals"] = [r for r in readings["goals"] if r["value"] != "security"]
    start = text.index(tagged)
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", requested_slot=None, new_slots={"goals": [tagged]},
        earlier_slots={"employees": 45, "location": "Cork", "goals": earlier, "function": "it_support",
                       "control": "hands_off", "proximity": "on_site"},
        entities=[{"entity": "goal", "value": tagged, "start": start, "end": start + len(tagged)}], readings=readings)
    assert SlotSet("goals", goals) in events


@pytest.mark.parametrize("text, place", [
    ("oh and that's hamilton new zealand, not the one in canada", "Hamilton, New Zealand"),  # only the country tagged
    ("actually we're in new zealand", "new zealand"),  # no town said: the country, as said
])
async def test_a_correction_naming_only_the_country_beside_our_town_keeps_the_town(domain, text, place):
    start = text.index("new zealand")
    entities = [{"entity": "location", "value": "new zealand", "start": start, "end": start + len("new zealand")}]
    dispatcher, events = await run_form(domain, text=text, intent="correct", form_active=False,
                                        new_slots={"location": "new zealand"},
                                        earlier_slots={**KNOWN, "location": "hamilton"}, entities=entities)
    assert SlotSet("location", place) in events


async def test_a_correction_of_the_goals_naming_our_country_keeps_our_town(domain):
    text = "Let me correct the goals: cost is not it. We want analysts we can't hire in Sweden."
    start = text.index("Sweden")
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="proximity",
                                        new_slots={"location": "Sweden"}, earlier_events=asked("proximity"),
                                        earlier_slots={**KNOWN, "location": "Gothenburg"},
                                        entities=[{"entity": "location", "value": "Sweden", "start": start,
                                                   "end": start + len("Sweden")}])
    assert SlotSet("location", "Gothenburg") in events
    assert "utter_noted_location" not in responses(dispatcher)


async def test_a_correction_naming_the_known_place_negated_takes_the_other(domain):
    text = "ugh autocorrect, I meant Porto in Portugal not Prato"
    entities = [{"entity": "GPE", "value": p, "start": text.index(p), "end": text.index(p) + len(p)}
                for p in ("Porto", "Portugal", "Prato")]
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="control",
                                        earlier_slots={**KNOWN, "location": "Prato"}, entities=entities)
    assert SlotSet("location", "Porto, Portugal") in events


@pytest.mark.parametrize("text", ["Hi, small law office in Haifa, we're 5. One of our clients got hacked",
                                  "Small law office, we're five. One of our clients got hacked"])
async def test_a_one_of_something_else_tagged_leaves_the_size_we_said(domain, text):
    _, events = await run_form(domain, text=text, new_slots={"employees": "One"},
                               entities=_tagged(text, "headcount", ("One", "One")))
    assert [e["value"] for e in events if e.get("name") == "employees"] == [5]


@pytest.mark.parametrize("text, place", [
    # in a first message, a nationality said of the company
    ("Hi. CFO at a Swedish industrial group, roughly 7,000 people.", "Sweden"),
    ("Canadian company, 18 staff. Security keeps me up at night", "Canada"),
    ("we're 40 people and want a German partner for our helpdesk", None),  # someone else's
])
async def test_a_nationality_said_of_the_company_is_its_country(domain, text, place):
    _, events = await run_form(domain, text=text)
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, intent, new_slots", [
    ("We're Swedish - I'd rather not say which city, if that's all right.", "dont_know", {"location": "unknown"}),
    ("swedish company", "inform", {}),
])
async def test_a_nationality_in_answer_to_the_location_question_is_the_country(domain, text, intent, new_slots):
    dispatcher, events = await run_form(domain, text=text, intent=intent, new_slots=new_slots,
                                        requested_slot="location", earlier_slots={"employees": 500})
    assert [e["value"] for e in events if e.get("name") == "location"][-1:] == ["Sweden"]
    assert "utter_assumed_location" not in responses(dispatcher)


@pytest.mark.parametrize("text, place", [
    ("timaru, sth canterbury", "timaru"),  # the town, spelt as the map spells it
    ("okay, the Midlands", None),  # a word some town is also called
    ("Mobile, we don't have an office", None),
    ("Same, as I said: we're in the city centre", None),
])
async def test_a_town_before_a_qualifier_the_map_does_not_know(domain, text, place):
    _, events = await run_form(domain, text=text, requested_slot="location", earlier_slots={"employees": 6})
    assert [e["value"] for e in events if e.get("name") == "location" and e["value"]] == ([place] if place else [])


@pytest.mark.parametrize("text, place", [
    ("Old Town, near the station. I'd rather not name the city.", None),  # another name of a city (Las Vegas)
    ("Saint-Malo, in Brittany, intra-muros.", "Saint-Malo"),  # the first part, a place, before words placing it
    ("Nuevo León, in the north. I prefer not to say the city.", "Nuevo León"),  # a state, the city kept back
    ("Fès, in the old medina.", "Fès"),  # spelt with its accent, which the map lacks
    ("Victoria, Gozo. Rabat, as we say.", None),  # a later part is no home: "Rabat" alone is Morocco's
    ("Nuevo León? we're near Monterrey", None),  # asked about
])
async def test_a_place_first_in_an_answer_before_words_that_place_it(domain, text, place):
    _, events = await run_form(domain, text=text, requested_slot="location", earlier_slots={"employees": 300})
    assert [e["value"] for e in events if e.get("name") == "location" and e["value"]] == ([place] if place else [])


@pytest.mark.parametrize("asked, text, read, slot, value", [
    # an answer to how many or where describes the company: its words are no closeness, work or control
    ("employees", "Nine thousand, near enough.", {"proximity": [{"value": "on_site", "confidence": 0.95}]},
     "proximity", None),
    ("employees", "About 45 on the books, the cleaners included",
     {"function": [{"value": "back_office", "confidence": 0.94}]}, "function", None),
    ("employees", "Nine, including me and my partner Jonas.", {"control": [{"value": "shared", "confidence": 0.93}]},
     "control", None),
    ("location", "Lyon, the site is in the east of the city", {"proximity": [{"value": "on_site", "confidence": 0.96}]},
     "proximity", None),
    ("location", "Nuevo León, in the north. I prefer not to say the city.",
     {"proximity": [{"value": "on_site", "confidence": 0.63}]}, "proximity", None),
    # ... unless it says so as a wish
    ("location", "portland oregon, and we'd want someone who can actually pop in when stuff breaks",
     {"proximity": [{"value": "on_site", "confidence": 0.9}]}, "proximity", "on_site"),
    ("employees", "Eighteen, I need to count the two partners too",  # a need of the count, no wish
     {"control": [{"value": "shared", "confidence": 0.9}]}, "control", None),
    ("location", "Sydney, hand it all over to someone and forget about it",
     {"control": [{"value": "hands_off", "confidence": 0.9}]}, "control", "hands_off"),
    # a goal counts either way: a pain told beside the size is one
    ("employees", "about 20 ppl and we really need better security, got phished twice this yr",
     {"goals": [{"value": "security", "confidence": 0.9}]}, "goals", ["security"]),
    ("employees", "about 300, we got hacked last month and lost a week of data",
     {"goals": [{"value": "disaster_recovery", "confidence": 0.9}]}, "goals", ["disaster_recovery"]),
])
async def test_an_answer_to_the_size_or_place_question_tells_a_choice_only_as_a_wish(domain, asked, text, read, slot,
                                                                                    value):
    earlier = {"employees": 300} if asked == "location" else {"location": "Leeds"}
    _, events = await run_form(domain, text=text, requested_slot=asked, earlier_slots=earlier, readings=read,
                               clause_readings=read)
    assert [e["value"] for e in events if e.get("name") == slot] == ([value] if value else [])


@pytest.mark.parametrize("text, earlier, read, changed", [
    # the known work and the known control both read surely (in the words taken back), another control only
    ("hmm actually no, scratch the hiring-our-own-devs thing. we'd rather give the whole backend to a studio that does "
     "this for a living, we're not a server company", {"function": "software_development", "control": "full"},
     {"function": [{"value": "software_development", "confidence": 0.96}],
      "control": [{"value": "full", "confidence": 0.94}, {"value": "hands_off", "confidence": 0.91}]},
     ("control", "hands_off")),
    # the known work and another read surely; a control never told reads surer (of the staff's help desk)
    ("hmm customer service was wrong, i meant the helpdesk for our own staff",
     {"function": "customer_service", "control": "hands_off"},
     {"function": [{"value": "customer_service", "confidence": 0.988}, {"value": "it_support", "confidence": 0.969}],
      "control": [{"value": "full", "confidence": 0.987}]},
     ("function", "it_support")),
])
async def test_a_correction_changes_the_choice_it_reads_both_as_known_and_otherwise(domain, text, earlier, read,
                                                                                   changed):
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, clause_readings=read,
                               earlier_slots={"employees": 30, "location": "Malmö", "goals": ["expertise"],
                                              "proximity": "same_hours", **earlier})
    assert [(e["name"], e["value"]) for e in events if e.get("name") == changed[0]] == [changed]


@pytest.mark.parametrize("text", [
    "we want full control, it's the service desk for our employees",
    "it must stay in our hands, the help desk is for our staff",
])
async def test_control_kept_in_house_is_read_beside_whom_the_work_serves(domain, text):
    _, events = await run_form(domain, text=text, intent="inform", requested_slot=None,
                               clause_readings={"control": [{"value": "full", "confidence": 0.95}]},
                               earlier_slots={"employees": 850, "location": "Medellin"})
    assert [e["value"] for e in events if e.get("name") == "control"] == ["full"]


async def test_a_correction_of_the_work_for_our_own_staff_keeps_the_control(domain):
    text = "perdon, i wrote customer service but i mean the help desk for our own employees, IT support, not for customers"
    entities = _tagged(text, "function", ("customer service", "customer_service"), ("IT support", "it_support"))
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, entities=entities,
                               new_slots={"function": "it_support"},
                               clause_readings={"control": [{"value": "full", "confidence": 0.95}]},
                               earlier_slots={"employees": 850, "location": "Medellin", "goals": ["round_the_clock"],
                                              "function": "customer_service", "control": "shared",
                                              "proximity": "same_hours"})
    assert [e["value"] for e in events if e.get("name") == "function"] == ["it_support"]  # not the one "i wrote"
    assert [e["value"] for e in events if e.get("name") == "control"] in ([], ["shared"])  # whom it serves


@pytest.mark.parametrize("read, function", [
    ({"function": [{"value": "cloud_infrastructure", "confidence": 0.3}]}, "software_development"),  # in passing
    ({"function": [{"value": "cloud_infrastructure", "confidence": 0.95}]}, "cloud_infrastructure"),  # read surely
])
async def test_a_known_work_tagged_in_passing_in_another_answer_stays(domain, read, function):
    text = "we want the dealers on a proper modern app with live data and cloud, not this 2014 portal"
    _, events = await run_form(domain, text=text, requested_slot="more_goals", clause_readings=read, readings=read,
                               entities=_tagged(text, "function", ("cloud", "cloud_infrastructure")),
                               new_slots={"function": "cloud_infrastructure"},
                               earlier_slots={"employees": 1100, "location": "Pune", "goals": ["skilled_talent"],
                                              "function": "software_development"})
    assert [e["value"] for e in events if e.get("name") == "function"] == [function]


@pytest.mark.parametrize("text, earlier, now, read, control", [
    # a choice the readers are unsure of: no change ("zero" read as hands-off)
    ("Correction: I wrote 600, it is 6,000 employees. A zero was missing.", "600", "6,000",
     {"control": [{"value": "hands_off", "confidence": 0.56}, {"value": "full", "confidence": 0.01}]}, [[], ["full"]]),
    # ... unless the phrase list names it
    ("Sorry, it's 300 people not 30, and we'd rather share the control with a partner", "30", "300",
     {"control": [{"value": "shared", "confidence": 0.55}, {"value": "full", "confidence": 0.01}]}, [["shared"]]),
])
async def test_a_correction_of_the_head_count_changes_a_choice_only_when_it_tells_it(domain, text, earlier, now, read,
                                                                                      control):
    _, events = await run_form(domain, text=text, intent="correct", requested_slot=None, new_slots={"employees": now},
                               earlier_slots={"employees": int(earlier), "control": "full"}, readings=read,
                               entities=_tagged(text, "headcount", (earlier, earlier), (now, now)))
    assert [e["value"] for e in events if e.get("name") == "control"] in control
    assert [e["value"] for e in events if e.get("name") == "employees"] == [int(now.replace(",", ""))]


async def test_a_word_tagged_as_a_place_after_the_advice_moves_nobody(domain):
    text = "Time zone does matter actually. They need to be working our hours."
    _, events = await run_form(domain, text=text, requested_slot=None, new_slots={"location": "Time"},
                               earlier_slots={"employees": 62, "location": "Lyon", "proximity": "remote_ok"},
                               entities=[{"entity": "location", "value": "Time", "start": 0, "end": 4}])
    assert [e["value"] for e in events if e.get("name") == "location"] in ([], ["Lyon"])


@pytest.mark.parametrize("text, place", [
    ("we're actually in Leeds now", "Leeds"),
    ("Please update: our head office moved to Leeds last month, we are no longer in Lyon", "Leeds"),
])
async def test_a_move_told_after_the_advice_is_taken(domain, text, place):
    start = text.index(place)
    _, events = await run_form(domain, text=text, requested_slot=None, new_slots={"location": place},
                               earlier_slots={"employees": 62, "location": "Lyon"},
                               entities=[{"entity": "location", "value": place, "start": start,
                                          "end": start + len(place)}])
    assert [e["value"] for e in events if e.get("name") == "location"] == [place]


@pytest.mark.parametrize("text, earlier, read, expected", [
    # dismissed in so many words, however surely the reader hears the goal
    ("oh one thing, cost isn't actually a factor for us. only the 24/7 part", ["round_the_clock", "cost_reduction"],
     [{"value": "cost_reduction", "confidence": 0.99}, {"value": "round_the_clock", "confidence": 0.4}],
     ["round_the_clock"]),
    ("drop the backups bit, we've got that covered already. security is the only thing",
     ["disaster_recovery", "security"],
     [{"value": "disaster_recovery", "confidence": 0.97}, {"value": "security", "confidence": 0.63}], ["security"]),
])
async def test_a_goal_dismissed_in_so_many_words_is_dropped(domain, text, earlier, read, expected):
    tag = "24/7" if "24/7" in text else "security"
    _, events = await run_form(domain, text=text, requested_slot=None, new_slots={"goals": [tag]},
                               earlier_slots={"employees": 60, "location": "Leeds", "goals": earlier},
                               entities=_tagged(text, "goal", (tag, tag)), readings={"goals": read})
    assert [e["value"] for e in events if e.get("name") == "goals"] == [expected]


async def test_a_no_with_a_goal_to_anything_else_keeps_the_goal_told(domain):
    # the goals slot's own mapping takes the tagged goal as the goals; the one told before stays beside it
    tracker = make_tracker(text="No, but security too", intent="deny", requested_slot="more_goals",
                           new_slots={"goals": ["security"], "more_goals": "No, but security too"},
                           earlier_slots={"employees": 1200, "location": "Austin", "goals": ["skilled_talent"]},
                           entities=[{"entity": "goal", "value": "security", "start": 13, "end": 21}],
                           earlier_events=asked("more_goals"))
    events = await ValidateProfileForm().run(CollectingDispatcher(), tracker, domain)
    assert [e["value"] for e in events if e.get("name") == "goals"][-1] == ["skilled_talent", "security"]


MID_PROFILE = {"employees": 30, "location": "Porto", "goals": ["competitive_edge"], "more_goals": "answered",
               "function": "software_development"}
SHARED_READ = {"control": [{"value": "shared", "confidence": 0.52}, {"value": "full", "confidence": 0.45}]}


async def test_a_request_for_the_advice_while_a_question_waits_leaves_it_to_us(domain):
    # No rule answers ask_recommendation in the middle of the profile: the form must not reject it, or the fallback
    # would ask the same question again and again.
    dispatcher, events = await run_form(domain, text="so what would you recommend for us?",
                                        intent="ask_recommendation", requested_slot="control",
                                        earlier_slots=MID_PROFILE)
    assert responses(dispatcher) == ["utter_assumed_control"]
    assert SlotSet("assumed", ["control"]) in events and SlotSet("requested_slot", "proximity") in events


async def test_a_statement_taken_for_a_request_for_the_advice_is_an_answer_it_could_not_place(domain):
    text = "We decide with the company, I want to say what I like"
    dispatcher, events = await run_form(domain, text=text, intent="ask_recommendation", requested_slot="control",
                                        earlier_slots=MID_PROFILE, readings=SHARED_READ)
    assert responses(dispatcher) == ["utter_invalid_control"]
    assert events == [SlotSet("requested_slot", "control"), SlotSet("control", None)]
    # the second time, not a third question: its likeliest reading
    hinted = [{"event": "bot", "text": "I didn't catch that.", "metadata": {"utter_action": "utter_invalid_control"}}]
    dispatcher, events = await run_form(domain, text=text, intent="ask_recommendation", requested_slot="control",
                                        earlier_slots=MID_PROFILE, readings=SHARED_READ, earlier_events=hinted)
    assert responses(dispatcher) == ["utter_assumed_control"]
    assert SlotSet("control", "shared") in events


@pytest.mark.parametrize("text, slot, value", [
    ("the second one", "control", "shared"),
    ("ok the last one please", "proximity", "remote_ok"),
    ("option 4", "function", "customer_service"),
    ("first one", "goals", ["cost_reduction"]),
    ("the middle one", "control", "shared"),
])
async def test_a_reply_that_picks_a_button_by_its_place_gives_its_value(domain, text, slot, value):
    earlier = {"employees": 500, "location": "Bucharest", "goals": ["round_the_clock"], "more_goals": "answered",
               "function": "customer_service", "control": "shared"}
    earlier = {name: known for name, known in earlier.items() if name != slot}
    _, events = await run_form(domain, text=text, requested_slot=slot, earlier_slots=earlier)
    assert SlotSet(slot, value) in events


async def test_a_place_of_a_button_the_question_does_not_have_is_no_answer(domain):
    dispatcher, events = await run_form(domain, text="the fifth one", requested_slot="control",
                                        earlier_slots=MID_PROFILE)
    assert responses(dispatcher) == ["utter_invalid_control"]
    assert not any(e.get("name") == "control" and e.get("value") for e in events)


@pytest.mark.parametrize("text, known", [
    ("perth. the scottish one not australia.", {"employees": 17}),  # the answer to the question
    ("17 if you count me and the 2 on dispatch. perth. the scottish one not australia. never again.", {}),  # unasked
])
async def test_a_nationality_picks_which_town_of_a_shared_name(domain, text, known):
    entities = _tagged(text, "GPE", ("perth", "Perth"), ("australia", "Australia"))
    _, events = await run_form(domain, text=text, entities=entities, earlier_slots=known,
                               requested_slot="location" if known else None)
    assert SlotSet("location", "Perth, United Kingdom") in events


async def test_a_country_ruled_out_for_the_team_keeps_the_company_where_it_is(domain):
    text = "Gulf hours or close — India or Egypt would work, not the US"
    entities = _tagged(text, "location", ("India", "India"), ("Egypt", "Egypt")) + _tagged(text, "GPE", ("US", "US"))
    _, events = await run_form(domain, text=text, entities=entities, requested_slot="proximity",
                               new_slots={"location": "Egypt"},
                               earlier_slots={"employees": 1100, "location": "Dubai", "goals": ["global_expansion"],
                                              "more_goals": "answered", "function": "software_development",
                                              "control": "shared"})
    assert [e["value"] for e in events if e.get("name") == "location"] in ([], ["Dubai"])


@pytest.mark.parametrize("text, places, location, target, its_own", [
    # a company of the group, where it is: its own profile, not the owner's goals, control and closeness
    ("Follow-up: our Norwegian subsidiary is only 35 people in Stavanger, and their manager does the IT himself. If they "
     "wanted someone local to take it off his hands, who can come to the office, what would you recommend for them?",
     ("Stavanger",), "Stavanger", None, True),
    ("Hypothetical: we've also got a little sister business, a solar installer in Geelong, about 40 people. If they "
     "just wanted a local mob to take the phones off them, same hours as them, what would you say?", ("Geelong",),
     "Geelong", None, True),
    # ... or where it would set up
    ("What if our subsidiary of 300 people opened its own centre in Manila?", ("Manila",), None, "Manila", False),
    # a subsidiary of our own to be set up, or a sister company merged with: this company, changed
    ("And if we grew to 2,000 people and wanted our own subsidiary in Romania, without a partner?", ("Romania",), None,
     "Romania", False),
    ("If we merge with our sister company in Malmö and become 2,500 people, is it still the same?", ("Malmö",), None,
     "Malmö", False),
    ("say we had 2,000 people and a subsidiary in Bangalore, what then?", ("Bangalore",), None, "Bangalore", False),
    # one that would serve us, or be closed
    ("What if we give the help desk to our sister company in Krakow?", ("Krakow",), None, "Krakow", False),
    ("If our sister company in Cluj does the helpdesk, 40 of them, cheaper?", ("Cluj",), None, "Cluj", False),
    ("what if we close our subsidiary in Porto, we'd be 300", ("Porto",), None, "Porto", False),
])
async def test_a_what_if_about_another_company_of_the_group_is_its_own_case(domain, test_provider, text, places,
                                                                             location, target, its_own):
    owner = {"employees": 1100, "location": "Jönköping", "goals": ["round_the_clock", "cost_reduction"],
             "function": "it_support", "control": "full", "proximity": "remote_ok", "assumed": []}
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(slots=owner, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    numbers = [n for n in ("35", "40", "300", "2,000", "2,500") if f" {n} " in text]
    tracker = make_tracker(slots={**owner, "recommendation": event["value"]}, intent="what_if", form_active=False,
                           text=text, entities=_tagged(text, "headcount", *[(n, n) for n in numbers])
                           + _tagged(text, "target_location", *[(p, p) for p in places]))
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    profile = message["custom"]["what_if"]["profile"]
    assert (profile["location"], profile["target_location"]) == (location or "Jönköping", target)
    assert (profile["goals"] != owner["goals"] and profile["control"] != "full") == its_own


async def test_a_what_if_after_one_more_question_keeps_the_size(domain, test_provider):
    owner = {"employees": 6000, "location": "Hamamatsu", "goals": ["cost_reduction", "global_expansion"],
             "function": "manufacturing", "control": "full", "proximity": "remote_ok", "assumed": []}
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(slots=owner, form_active=False), domain)
    text = ("One more question please. If we choose Vietnam instead of Thailand, and we also wish the new factory to "
            "run 24 hours in three shifts, does your advice change?")
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**owner, "recommendation": event["value"]}, intent="what_if", form_active=False,
                           text=text, entities=_tagged(text, "headcount", ("One", "One"))
                           + _tagged(text, "target_location", ("Vietnam", "Vietnam")))
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["custom"]["what_if"]["profile"]["employees"] == 6000


@pytest.mark.parametrize("text", ["What if we were a one-man band?", "what if it was just one of us?"])
async def test_a_what_if_of_one_person_is_one(domain, test_provider, text):
    owner = {"employees": 40, "location": "Leeds", "goals": ["security"], "function": "it_support",
             "control": "hands_off", "proximity": "on_site", "assumed": []}
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(slots=owner, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**owner, "recommendation": event["value"]}, intent="what_if", form_active=False,
                           text=text, entities=_tagged(text, "headcount", ("one", "one")))
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["custom"]["what_if"]["profile"]["employees"] == 1


@pytest.mark.parametrize("text, control", [
    ("What if it was just our small exploration subsidiary — 30 people — wanting a local firm to handle their "
     "payroll and books?", "hands_off"),  # an outside firm doing the work, whatever the readers hear in "our payroll"
    ("what if we kept our own team and a firm handled the recruiting?", "full"),  # beside a set-up of our own
    # help from a firm, said without an article
    ("If we are small company, only 40 persons, and we want only specialist help from local company near our office, "
     "what do you recommend?", "hands_off"),
    ("what if we got help from our own company's shared service centre?", "full"),
    # our own people with a firm beside them: the two together
    ("If I decide to keep my own accounts clerk and just have the firm work with her, does that change your advice?",
     "shared"),
    # a control kept, said so
    ("What if we keep full control but get expertise from a provider for the hard stuff?", "full"),
    ("What if we get help from our parent company in Germany?", "full"),
])
async def test_a_what_if_of_an_outside_firm_doing_the_work_hands_it_off(domain, test_provider, text, control):
    owner = {"employees": 4200, "location": "Perth, Australia", "goals": ["cost_reduction", "global_expansion"],
             "function": "back_office", "control": "full", "proximity": "remote_ok", "assumed": []}
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(slots=owner, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    read_full = {"control": [{"value": "full", "confidence": 0.51}, {"value": "hands_off", "confidence": 0.03}]}
    tracker = make_tracker(slots={**owner, "recommendation": event["value"]}, intent="what_if", form_active=False,
                           text=text, readings=read_full, entities=_tagged(text, "headcount", ("30", "30"))
                           if "30" in text else [])
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["custom"]["what_if"]["profile"]["control"] == control


async def test_a_number_the_tagger_took_in_part_is_taken_whole(domain):
    text = "Hi. Internet and TV provider, HQ in the GTA, two thousand give or take. Our support lines close at 9pm."
    _, events = await run_form(domain, text=text, intent="inform", requested_slot=None,
                               entities=_tagged(text, "headcount", ("two", "two"))
                               + _tagged(text, "CARDINAL", ("two thousand", "two thousand")),
                               new_slots={"employees": "two"})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [2000]


@pytest.mark.parametrize("text, tagged, earlier, now", [
    # the number said before, taken back by "I said"
    ("Correction on headcount: I said two thousand, it's closer to 2,600.", ("2,600", "2,600"), 2000, 2600),
    # the sum of the parts, not a part
    ("oh btw should have said, 15 FTE plus about 30 contractors, all on client work, so ~45 really", ("30", "30"), 15,
     45),
    # the number said as what we are, not the "one" of "one zero too much"
    ("Sorry I wrote 12000, is one zero too much, we are 1200", ("1200", "1200"), 12000, 1200),
    ("Sorry, I see I wrote 90 people. It is 900 - one zero is missing.", ("900", "900"), 90, 900),  # no "one" either
    ("sorry, it's 450 people overall; we are 12 in the IT team", ("450", "450"), 40, 450),  # "we are" of a part
])
async def test_a_corrected_head_count_is_the_new_whole(domain, text, tagged, earlier, now):
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="control",
                                        entities=_tagged(text, "headcount", tagged), new_slots={"employees": tagged[1]},
                                        earlier_slots={"employees": earlier, "location": "Mumbai"})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [now]
    assert responses(dispatcher) == ["utter_noted_employees"]


async def test_a_correction_naming_another_site_of_the_company_keeps_where_it_is(domain):
    text = "Correction on headcount: it's closer to 2,600. Forgot our Montréal office, they're on the same payroll."
    _, events = await run_form(domain, text=text, intent="correct", requested_slot="goals",
                               entities=_tagged(text, "GPE", ("Montréal", "Montréal")),
                               new_slots={"location": "Montréal"},
                               earlier_slots={"employees": 2000, "location": "Mississauga"})
    assert [e["value"] for e in events if e.get("name") == "location"] == ["Mississauga"]


async def test_a_town_corrected_alone_is_the_one_in_the_country_we_had(domain):
    text = ("Apologies, I said Dundee earlier. Our head office moved to Perth last year; Dundee is only the old claims "
            "office now.")
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="proximity",
                                        entities=_tagged(text, "location", ("Perth", "Perth")),
                                        new_slots={"location": "Perth"},
                                        earlier_slots={"employees": 350, "location": "Dundee"})
    assert responses(dispatcher) == ["utter_noted_location"]
    assert dispatcher.messages[0]["location"] == "Perth, United Kingdom"


async def test_a_town_a_correction_moves_to_is_the_one_near_the_town_we_had(domain):
    """Only spaCy tags "Westport", which the map also calls a part of Kansas City; the move said after a "should" of
    the correction itself is done."""
    text = ("Sorry, I should correct something - I said Castlebar but we moved the whole office to Westport back in "
            "April. Castlebar is only on our old letterhead!")
    dispatcher, _ = await run_form(domain, text=text, intent="correct", requested_slot=None,
                                   entities=_tagged(text, "GPE", ("Westport", "Westport")),
                                   earlier_slots={"employees": 12, "location": "Castlebar, Ireland"})
    assert responses(dispatcher) == ["utter_noted_location"]
    assert dispatcher.messages[0]["location"] == "Westport, Ireland"


async def test_a_country_the_work_should_leave_is_no_destination(domain):
    text = ("We are a supplier of pharmaceutical ingredients in Basel with about 4'000 employees, most of them in "
            "Switzerland. I want to set up our own IT service desk outside Switzerland.")
    start = text.rindex("Switzerland")
    entities = _tagged(text, "location", ("Basel", "Basel")) + [
        {"entity": "location", "value": "Switzerland", "start": start, "end": start + len("Switzerland")}]
    _, events = await run_form(domain, text=text, intent="inform", requested_slot=None, entities=entities,
                               new_slots={"location": "Switzerland"})
    assert [e["value"] for e in events if e.get("name") == "location"] == ["Basel"]
    assert not [e for e in events if e.get("name") == "target_location"]


@pytest.mark.parametrize("text, trade, place", [
    ("BNE accountancy practice, 12 staff. Need someone to look after our cyber stuff.", "accountancy practice", "BNE"),
    ("we're a KL logistics firm, 300 people", "logistics firm", "KL"),
    ("IT consultancy, 12 staff, need help with security", "consultancy", None),  # "IT" is no place
])
async def test_a_city_s_code_right_before_the_trade_is_where_the_company_is(domain, text, trade, place):
    _, events = await run_form(domain, text=text, intent="inform", requested_slot=None,
                               entities=_tagged(text, "industry", (trade, trade)))
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


async def test_people_still_to_be_hired_in_another_answer_leave_the_head_count_alone(domain):
    text = "- lower cost than hiring 5 more security people in Riga\n- proper security, the inspectorate asks questions"
    _, events = await run_form(domain, text=text, intent="inform", requested_slot="goals",
                               entities=_tagged(text, "headcount", ("5", "5")), new_slots={"employees": "5"},
                               earlier_slots={"employees": 750, "location": "Riga"})
    assert [e["value"] for e in events if e.get("name") == "employees"] == [750]


@pytest.mark.parametrize("text, tagged, earlier, noted", [
    # the namesake in the region known: Perth of Scotland after Dundee
    ("Apologies, I said Dundee earlier. Our head office moved to Perth last year.", "Perth", "Dundee",
     "Perth, United Kingdom"),
    # no namesake of the region: the town said (Manchester, New Hampshire is in another state than Boston)
    ("Sorry, we moved - we're actually in Manchester now", "Manchester", "Boston", "Manchester, United Kingdom"),
    # a site word after a place said as what the company is: a move all the same
    ("Correction: we're a Lisbon studio now, not Porto", "Lisbon", "Porto", "Lisbon, Portugal"),
])
async def test_a_town_corrected_alone(domain, text, tagged, earlier, noted):
    dispatcher, events = await run_form(domain, text=text, intent="correct", requested_slot="proximity",
                                        entities=_tagged(text, "location", (tagged, tagged)),
                                        new_slots={"location": tagged},
                                        earlier_slots={"employees": 350, "location": earlier})
    assert responses(dispatcher) == ["utter_noted_location"]
    assert dispatcher.messages[0]["location"] == noted


@pytest.mark.parametrize("text, trade", [
    ("an LED lighting manufacturer, 40 staff", "lighting manufacturer"),  # an airport's code, a trade's word here
    ("a DIY retail chain, 300 staff", "retail chain"),
])
async def test_a_trade_s_capitals_before_its_name_are_no_city(domain, text, trade):
    _, events = await run_form(domain, text=text, intent="inform", requested_slot=None,
                               entities=_tagged(text, "industry", (trade, trade)))
    assert not [e for e in events if e.get("name") == "location"]


async def test_a_small_town_beside_where_the_work_would_go_is_where_the_company_is(domain):
    text = "dairy farm near morrinsville, 30 staff, want our own bookkeeping team in Manila"
    town, manila = text.index("morrinsville"), text.index("Manila")
    entities = [{"entity": "GPE", "value": "Morrinsville, New Zealand", "start": town, "end": town + 12},
                {"entity": "location", "value": "Manila", "start": manila, "end": manila + 6}]
    _, events = await run_form(domain, text=text, intent="inform", requested_slot=None, entities=entities,
                               new_slots={"location": "Manila"})
    assert [e["value"] for e in events if e.get("name") == "location"] == ["Morrinsville, New Zealand"]
    assert [e["value"] for e in events if e.get("name") == "target_location"] == ["Manila"]


async def test_a_destination_said_as_where_the_work_would_not_go_is_none(domain):
    text = "We make cement, 14 plants, and we want to move payroll to our own service centre outside Mexico."
    start = text.index("Mexico")
    tagged = {"entity": "target_location", "value": "Mexico", "start": start, "end": start + 6}
    _, events = await run_form(domain, text=text, entities=[tagged], new_slots={"target_location": "Mexico"})
    assert SlotSet("target_location", None) in events
    text = "We make cement, 14 plants, and we want to move payroll to our own service centre in Poland."
    start = text.index("Poland")
    tagged = {"entity": "target_location", "value": "Poland", "start": start, "end": start + 6}
    _, events = await run_form(domain, text=text, entities=[tagged], new_slots={"target_location": "Poland"})
    assert not [e for e in events if e.get("name") == "target_location" and e.get("value") is None]
    text = "We'd like our own small dev office just outside Lisbon."  # its outskirts
    start = text.index("Lisbon")
    tagged = {"entity": "target_location", "value": "Lisbon", "start": start, "end": start + 6}
    _, events = await run_form(domain, text=text, entities=[tagged], new_slots={"target_location": "Lisbon"})
    assert not [e for e in events if e.get("name") == "target_location" and e.get("value") is None]


async def test_a_goal_told_after_the_advice_asks_no_more_goals(domain, test_provider):
    """"Anything else?" follows one goal told unasked before the advice; told after it, the goal is a correction, which
    changes the advice at once."""
    owner = {"employees": 1000, "location": "Bogotá", "function": "customer_service", "control": "shared",
             "proximity": "same_hours", "assumed": []}
    form = ValidateProfileForm()
    told = make_tracker(text="beating the competition", earlier_slots=owner, new_slots={"goals": ["competitive_edge"]})
    assert "more_goals" in await form.required_slots(form.domain_slots(domain), CollectingDispatcher(), told, domain)
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(
        slots={**owner, "goals": ["cost_reduction"]}, form_active=False), domain)
    corrected = make_tracker(text="actually what matters most is beating the competition", intent="correct",
                             earlier_slots={**owner, "goals": ["cost_reduction"], "recommendation": event["value"]},
                             new_slots={"goals": ["competitive_edge"]})
    assert "more_goals" not in await form.required_slots(form.domain_slots(domain), CollectingDispatcher(), corrected,
                                                         domain)


async def _what_if_of(domain, owner: dict, text: str, entities: list[dict], readings: dict | None = None) -> dict:
    """The what-if reply for this owner's advice and this message."""
    [event] = await ActionRecommend().run(CollectingDispatcher(), make_tracker(slots=owner, form_active=False), domain)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"recommendation": event["value"]}, intent="what_if", form_active=False, text=text,
                           entities=entities, readings=readings)
    await ActionWhatIf().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    return message


async def test_a_what_if_s_own_it_team_abroad_names_no_work(domain, test_provider):
    owner = {**SMALL_DENTIST, "function": "cloud_infrastructure"}
    size = [{"entity": "headcount", "value": "4,000"}]
    message = await _what_if_of(domain, owner, "If we become 4,000 people and want our own IT team in another country?",
                                size, {"function": [{"value": "it_support", "confidence": 0.28}]})
    assert message["custom"]["what_if"]["profile"]["function"] == "cloud_infrastructure"  # the owner's own work
    message = await _what_if_of(domain, owner, "If we become 4,000 people and want our own IT Dept. abroad?", size,
                                {"function": [{"value": "it_support", "confidence": 0.28}]})
    assert message["custom"]["what_if"]["profile"]["function"] == "cloud_infrastructure"
    message = await _what_if_of(domain, owner, "If we become 4,000 people and want IT support in another country?",
                                size, {"function": [{"value": "it_support", "confidence": 0.28}]})
    assert message["custom"]["what_if"]["profile"]["function"] == "it_support"  # the work named


async def test_a_what_if_s_town_of_a_name_near_home_is_that_one(domain, test_provider):
    text = "what if we grow to sixty guys next year with the new branch over in belgrade"
    start = text.index("belgrade")
    message = await _what_if_of(domain, {**SMALL_DENTIST, "location": "Bozeman, Montana"}, text,
                                [{"entity": "headcount", "value": "sixty"},
                                 {"entity": "GPE", "value": "belgrade", "start": start, "end": start + 8}])
    assert "Belgrade, Montana" in message["what_if"] and message["custom"]["what_if"]["strategy"] == "outsourcing"


async def test_a_what_if_s_place_not_said_as_near_is_its_own(domain, test_provider):
    text = "what if we moved the call centre to Mexico?"
    start = text.index("Mexico")
    message = await _what_if_of(domain, {**SMALL_DENTIST, "location": "St. Louis, Missouri"}, text,
                                [{"entity": "target_location", "value": "Mexico", "start": start, "end": start + 6}])
    assert message["custom"]["what_if"]["profile"]["target_location"] == "Mexico"
    assert "Missouri" not in message["what_if"]


@pytest.mark.parametrize("goals, proximity, read_as", [
    # the hours of today's desk, told beside a wish for cover at night: the gap, not hours the team must keep
    ([{"value": "round_the_clock", "confidence": 0.22}], [{"value": "same_hours", "confidence": 0.58}], None),
    # ... a plain statement of our hours counts all the same
    ([{"value": "round_the_clock", "confidence": 0.22}], [{"value": "same_hours", "confidence": 0.65}], "same_hours"),
    # no such wish: the hours told count at the bar of a first message
    ([{"value": "cost_reduction", "confidence": 0.7}], [{"value": "same_hours", "confidence": 0.58}], "same_hours"),
    # a team far away is no gap to fill
    ([{"value": "round_the_clock", "confidence": 0.9}], [{"value": "remote_ok", "confidence": 0.58}], "remote_ok"),
])
async def test_working_hours_told_beside_a_wish_for_cover_around_the_clock_need_a_plain_statement(domain, goals,
                                                                                                   proximity, read_as):
    text = ("Chemicals group in Basel, 4,000 employees. Our service desk runs 8 to 18 CET and our sites in Asia are "
            "unsupported at night.")
    read = {"goals": goals, "proximity": proximity}
    _, events = await run_form(domain, text=text, new_slots={"employees": "4000", "location": "Basel"}, readings=read,
                               clause_readings=read)
    assert [e["value"] for e in events if e.get("name") == "proximity"] == ([read_as] if read_as else [])


def place_entity(text: str, name: str, kind: str = "GPE", extractor: str = "SpacyDocEntityExtractor") -> dict:
    start = text.index(name)
    return {"entity": kind, "value": name, "start": start, "end": start + len(name), "extractor": extractor}


@pytest.mark.parametrize("text, tagged, place", [
    ("Windy City insurer, ~3,500 staff. Claims hotline needs 24/7.", "Windy City", "Windy City"),  # the town, the trade
    ("Leeds law firm, 40 people. We need a helpdesk.", "Leeds", "Leeds"),
    ("India team, 40 agents. We want them ours.", "India", None),  # a team of the place's, not the company's trade
    ("India offshore, 40 staff.", "India", None),  # a plan for the place
    ("Mexico nearshoring plan, 200 people.", "Mexico", None),
    ("Google certified agency, 12 people.", "Google", None),  # a town's prank name, a brand
    ("Mobile game studio, 25 people.", None, None),  # a town's name as an everyday word, no place to spaCy
])
async def test_a_town_before_the_trade_beside_the_head_count_is_the_company_s_own(domain, text, tagged, place):
    entities = [place_entity(text, tagged)] if tagged else []
    _, events = await run_form(domain, text=text, entities=entities)
    assert [e["value"] for e in events if e.get("name") == "location"] == ([place] if place else [])


@pytest.mark.parametrize("text, name, kind, extractor, kept", [
    ("We manage holiday villas in the Algarve, about 80 of them.", "Algarve", "GPE", "SpacyDocEntityExtractor",
     "Algarve"),  # a region the map lacks, said as where the company is
    ("Kalimera! We have a family hotel on Crete, 60 people.", "Crete", "GPE", "SpacyDocEntityExtractor", "Crete"),
    ("A mining services mob out of Brissie, 40 of us.", "Brissie", "GPE", "SpacyDocEntityExtractor", "Brissie"),
    ("River cruises on the Rhine, 26 of us.", "the Rhine", "LOC", "SpacyDocEntityExtractor", None),  # a river
    ("Our MD is from Yorkshire, we are 40.", "Yorkshire", "GPE", "SpacyDocEntityExtractor", None),  # someone's origin
    ("Most of our customers are in the Algarve, we are 12.", "Algarve", "GPE", "SpacyDocEntityExtractor", None),
    ("We're thinking of opening a plant in the Algarve.", "Algarve", "GPE", "SpacyDocEntityExtractor", None),  # to come
    ("Health plan administrator out of Narnia.", "Narnia", "location", "StoredCRFEntityExtractor", None),  # the CRF's
    ("Is outsourcing common for companies in the Algarve?", "Algarve", "GPE", "SpacyDocEntityExtractor", None),  # faq
    ("We are in Lisbon, 80 people.", "Lisbon", "GPE", "SpacyDocEntityExtractor", None),  # the map knows it
])
async def test_a_place_the_map_lacks_told_as_the_company_s_is_kept_to_ask_its_country(
        domain, text, name, kind, extractor, kept):
    _, events = await run_form(domain, text=text, entities=[place_entity(text, name, kind, extractor)],
                               intent="faq" if text.endswith("?") else "inform",
                               new_slots={"location": name} if kind == "location" else None)
    assert [e["value"] for e in events if e.get("name") == "unplaced_location"] == ([kept] if kept else [])


async def test_the_location_question_asks_the_country_of_a_place_the_map_lacks_once(domain):
    from actions.asking import ActionAskLocation

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"unplaced_location": "the Algarve"}, requested_slot="location")
    assert await ActionAskLocation().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[0]["response"] == "utter_ask_location_unplaced"
    assert dispatcher.messages[0]["place"] == '"the Algarve"'
    asked = [{"event": "bot", "text": "I couldn't find ...",
              "metadata": {"utter_action": "utter_ask_location_unplaced"}}]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"unplaced_location": "the Algarve"}, requested_slot="location", earlier_events=asked)
    await ActionAskLocation().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_location"]  # asked again: the plain question


async def test_a_correction_of_another_answer_while_a_question_waits_answers_it_only_if_plain(domain):
    """"correction: not helpdesk. i meant infrastructure operations ..." to the goals question, speaking of the known
    work and of another: the work changes; the faint goal the readers hear in it answers nothing (no "I didn't catch a
    goal there" either), and the goals question comes again."""
    told = {"employees": 2900, "location": "Tampere", "function": "it_support"}
    readings = {"function": [{"value": "cloud_infrastructure", "confidence": 0.99},
                             {"value": "it_support", "confidence": 0.84}],
                "goals": [{"value": "new_technology", "confidence": 0.24}]}
    dispatcher, events = await run_form(
        domain, intent="correct", earlier_slots=told, readings=readings, requested_slot="goals",
        text="correction: not helpdesk. i meant infrastructure operations. servers, cloud platform, monitoring.")
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["function"] == "cloud_infrastructure" and slots.get("goals") is None
    assert "utter_invalid_goals" not in responses(dispatcher)


async def test_a_coast_the_company_is_on_is_its_place(domain):
    """"four physio clinics on the Sunshine Coast": spaCy's LOC (with its "the") after "on" is where the company is,
    once the map knows it without the article."""
    text = "G'day, practice manager for four physio clinics on the Sunshine Coast. 27 staff."
    _, events = await run_form(domain, text=text, new_slots={"employees": "27"},
                               entities=[place_entity(text, "the Sunshine Coast", "LOC")])
    assert [e["value"] for e in events if e.get("name") == "location"] == ["the Sunshine Coast"]


async def test_a_goal_set_aside_in_a_correction_is_no_new_work(domain):
    """"Scratch what I said about security": the security read in it is the goal taken back, not the security work
    in place of the known one, though the reader hears both works surely (own40-13)."""
    text = ("Actually, scratch what I said about security, our CISO has that covered. The real drivers are cost and "
            "getting claims processed around the clock.")
    start = text.index("security")
    dispatcher, events = await run_form(
        domain, text=text, intent="correct", requested_slot=None,
        earlier_slots={"employees": 3500, "location": "Toronto", "goals": ["security"], "function": "back_office",
                       "control": "full", "proximity": "remote_ok"},
        entities=[{"entity": "goal", "value": "security", "start": start, "end": start + len("security")}],
        new_slots={"goals": ["security"]},
        readings={"function": [{"value": "back_office", "confidence": 0.72}, {"value": "cybersecurity", "confidence": 0.68}],
                  "goals": [{"value": "security", "confidence": 0.99}, {"value": "round_the_clock", "confidence": 0.98},
                            {"value": "cost_reduction", "confidence": 0.97}]})
    assert not any(e.get("name") == "function" for e in events)
    assert SlotSet("goals", ["round_the_clock", "cost_reduction"]) in events


SECURITY_WORRY = {"goals": [{"value": "security", "confidence": 0.99}]}


@pytest.mark.parametrize("text, goals, readings, known, after", [
    # a security worry told unasked, no work named: the security work, said and kept as assumed
    ("Small law office in Haifa, we're 5. A client got hacked. I need proper cyber security.", ["security"],
     SECURITY_WORRY, {"employees": 5}, None),
    # ... the security of the company's IT, which names no IT support
    ("Tromsø, 30 employees. Our bank says we need better IT security after someone sent us fake invoices.",
     ["security"], SECURITY_WORRY, {"employees": 5}, None),
    # the security work named by words the readers weigh little beside the rest, whatever the goal
    ("Logistics group in Casablanca, 900 employees. We need a SOC 24/7.", ["round_the_clock"], None,
     {"employees": 900, "more_goals": "answered"}, "control"),
])
async def test_the_security_work_is_taken_when_the_owner_s_words_point_to_it(domain, text, goals, readings, known,
                                                                              after):
    dispatcher, events = await run_form(domain, text=text, readings=readings, earlier_slots=known,
                                        new_slots={"location": "Haifa", "goals": goals})
    assert responses(dispatcher) == ["utter_taken_function"]
    assert dispatcher.messages[0]["assumption"] == "cybersecurity"
    assert events[-3:] == [SlotSet("function", "cybersecurity"), SlotSet("assumed", ["function"]),
                           SlotSet("requested_slot", after)]


@pytest.mark.parametrize("text, requested_slot, earlier_events", [
    # another work named beside the worry: the question is asked
    ("Small law office in Haifa, we're 5. A client got hacked and our IT is a mess.", None, []),
    # the worry told only to the goals question, where it is a goal like any other
    ("better security, we got hacked", "goals", asked("goals")),
    # the threat alone, which as often means all of the company's IT, even called "security"
    ("We're a 12-person dental practice in Worcester, MA, worried about ransomware", None, []),
    ("We're 5 people in Haifa. Last month we had a security breach.", None, []),
    # an audit, not the security operations centre
    ("We're 5 in Haifa and our SOC 2 audit is next month.", None, []),
])
async def test_the_work_is_asked_when_the_owner_s_words_do_not_point_to_the_security_work(
        domain, text, requested_slot, earlier_events):
    dispatcher, events = await run_form(domain, text=text, readings=SECURITY_WORRY, requested_slot=requested_slot,
                                        earlier_events=earlier_events, earlier_slots={"employees": 5},
                                        new_slots={"location": "Haifa", "goals": ["security"]})
    assert responses(dispatcher) == []
    assert events[-1] == SlotSet("requested_slot", "function")



async def test_a_work_said_right_after_it_was_assumed_corrects_the_assumption(domain):
    text = "Actually the help desk is what we want to move. Shared control is fine"
    start = text.index("help desk")
    entities = [{"entity": "function", "value": "it_support", "start": start, "end": start + len("help desk")}]
    _, events = await run_form(domain, text=text, entities=entities, requested_slot="control",
                               earlier_slots={"employees": 900, "location": "Leeds", "goals": ["security"],
                                              "more_goals": "answered", "function": "cybersecurity",
                                              "assumed": ["function"]},
                               earlier_events=asked("control"), new_slots={"function": "it_support"})
    assert SlotSet("function", "it_support") in events and SlotSet("assumed", []) in events


@pytest.mark.parametrize("text, number, other_things", [
    ("oh n i said cairns before, thats wrong, we moved down to townsville 2 yrs ago lol", 2, True),
    ("sorry, we are 2 people now", 2, False),
    ("not 40, 400", 400, False),
])
def test_a_correction_s_number_of_other_things_is_no_size(text, number, other_things):
    from actions.form import _counts_only_other_things
    assert _counts_only_other_things(text, number) is other_things
