"""Head-counts as people type them."""

import pytest

from advisor.headcount import (HeadcountError, headcounts_in, leading_count, parse_headcount, people_counted,
                               relative_size, size_we_are)


@pytest.mark.parametrize(
    "text, employees, approximate",
    [
        ("12", 12, False),
        ("12-person", 12, False),
        ("forty", 40, False),
        ("about forty people", 40, True),
        ("fourty", 40, False),  # typo
        ("twenty-five", 25, False),
        ("couple dozen", 24, True),
        ("we are 40, making 3 products", 40, False),  # a "total" smaller than a number said is none
        ("Actually we're 60 people, that's 4 teams", 60, False),
        ("4'000", 4000, False),
        ("two hundred and fifty", 250, False),
        ("5k", 5000, False),
        ("5K employees", 5000, False),
        ("1.5k", 1500, False),
        ("2,000", 2000, False),
        ("about 6.500 employees", 6500, True),  # a dot for thousands, as much of Europe writes
        ("we have 2.400 employees", 2400, False),
        ("10000", 10000, False),
        ("a couple hundred", 200, True),
        ("A Few Hundred", 300, True),
        ("a dozen", 12, True),
        ("just me", 1, True),
        ("50-100", 75, True),
        ("between 200 and 300", 250, True),
        ("40 or 50", 45, True),
        ("we're 60 strong", 60, False),
        ("sorry, 400 people not 40", 400, False),
        ("three thousand", 3000, False),
        (40, 40, False),
        ("40 in the office and 200 drivers", 240, False),  # parts add up
        ("30 full-time plus 10 part-time", 40, False),
        ("400 here and 100 at the other site, so 500 total", 500, False),  # the total said
        ("around 200 in total, 40 of them office based", 200, False),
        ("nearly 1000", 950, True),  # a little fewer
        ("a bit less than 50", 47, True),
        ("just over 100", 105, True),
        ("forty-odd", 44, True),
        ("10 000 employees", 10000, False),  # a space between the thousands
        ("About 2 dozen", 24, True),
        ("just shy of 500", 475, True),
        ("tbh we're tiny - 3", 3, False),  # a dash between words, no minus
        ("just me and 3 others", 4, False),
        ("just me and my wife really", 2, False),  # people listed one by one
        ("Myself, my business partner and three staff.", 5, False),
        ("me and 2 lads on the vans", 3, False),
        ("10 staff + me", 11, False),
        ("my wife, me and our son who joined last year", 3, False),
        ("4 full time + a saturday girl who works one day a week", 5, False),
        ("we have 5 trucks and 7 drivers, plus me and one lady in the office", 9, False),
        ("half a dozen", 6, False),
        ("half a dozen plus 2 part-timers", 8, False),  # not "a dozen"
        ("12 people, me and my partner included", 12, False),  # a list of people counted already
        ("50 staff, me and my wife own it", 50, False),
        ("just me, myself and I", 1, True),
        ("my wife and I plus 3 staff", 5, False),
        ("me, my wife and our 2 sons", 4, False),
        ("400 agents and 40 office staff", 440, False),
        ("400 workers in plant plus 50 in office", 450, False),  # the first are a part too, said where they work
        ("two and a half thousand staff", 2500, False),  # the half of the scale too
        ("twelve branches with about fifteen staff each", 180, True),  # the places times the people of each
        ("We run 4 hospitals with about 300 staff each", 1200, True),
        ("MRO firm in Dallas with 120 aircraft technicians", 120, False),  # people of a kind, no aircraft counted
        ("about 200 in hospitals across Leeds", 200, True),  # where they work, no count of hospitals
        ("6 clinics with 9 people each, plus 20 in the head office", 74, False),  # ... and the others added
        ("we have 5 vans, 4 of us", 4, False),  # no "each": no product
        ("15 staff, we work 7 until 3", 15, False),  # hours, no range
        ("around 25, used to be 40 before covid", 25, True),  # "to" between no numbers
        ("30 in the office and say 10 on the road", 40, False),  # "say" beside no rough figure
        ("we're 50, say 60 in summer", 50, False),
        ("Is somewhere around 500 until 600.", 550, True),
        ("nearly a hundred, 96 on the payroll right now", 96, False),  # the exact figure beside a rough one
        ("Forty-odd. Let's say 42.", 42, False),
        ("a hospital group in Istanbul (4 hospitals, ~2,200 staff)", 2200, False),  # the number said of people
        ("somewhere in the 3 to 4 hundred range, let's say 350", 350, False),  # ... or a range
        ("just over 50 - 52 at the last count", 52, False),
        ("20 of us at the moment, hiring 5 more next month", 20, False),  # people still to be hired
        ("12. we use about 40 subcontractors on site jobs too", 12, True),  # other firms' people
        ("There are 65 of us. Twenty years of growth and three acquisitions got us here.", 65, False),
        ("2 founders + 14 employees", 16, False),
        ("about 75 - been going 20 years now", 75, True),  # 20 years count no people
        ("140 people spread over 2 factories and a head office", 140, False),
        ("We have 48 employees, plus a couple of freelancers we use now and then", 48, False),  # "then" is no "ten"
        ("around 3.5 thousand", 3500, True),
        ("founded in 1998, 45 staff", 45, False),  # a year counts no people
        ("we started in 2009 with 4 people, grew to 70, and now we're back down to 55", 55, False),  # now
        ("we were 40 in 2019, now 65", 65, False),
        ("now 30 or 40", 35, True),  # the range said now
        ("we sell online and have 20 people", 20, False),  # "online" is no misspelt "nine"
        ("right now there are 12 of us", 12, False),  # "right" no "eight", "there" no "three"
        ("fourty staff", 40, False),  # a misspelling beside a word for people
        ("fourty or fifty", 45, True),
        ("we've seen and heard it all, 30 staff", 30, False),  # "seen" is no misspelt "seven"
        ("between four and five hundred", 450, True),  # the scale said once, after the range's second end
        ("two or three thousand people", 2500, True),
        ("just under a grand of staff", 950, True),  # "a grand" said of people
        ("4 sites, our new 3d printers, 25 people", 25, False),  # "3d" counts nothing
        ("~1.2k headcount", 1200, False),  # the trade's word for its people
    ],
)
def test_parses(text, employees, approximate):
    parsed = parse_headcount(text)
    assert (parsed.employees, parsed.approximate) == (employees, approximate)


@pytest.mark.parametrize(
    "text, reason",
    [("0", "zero"), ("zero", "zero"), ("nobody yet", "zero"), ("-5", "negative"),
     ("10000000", "absurd"), ("8 billion", "absurd")],
)
def test_refuses_impossible_headcounts(text, reason):
    with pytest.raises(HeadcountError) as error:
        parse_headcount(text)
    assert error.value.reason == reason


@pytest.mark.parametrize("text", [None, "", "hello", "Boston", "we care about security"])
def test_no_number_is_none(text):
    assert parse_headcount(text) is None


@pytest.mark.parametrize("text, found", [
    ("Sorry, it's 5,000 staff - I typed 500", [(5000, False), (500, False)]),
    ("not 40, 400", [(40, True), (400, False)]),
    ("two thousand people, I wrote two hundred by accident", [(2000, False), (200, True)]),
    ("Correction on headcount: I said two thousand, it's closer to 2,600.", [(2000, True), (2600, False)]),
    ("as I said, 40 people", [(40, False)]),  # said again, not taken back
    ("No, I said 40 people, not 400", [(40, False), (400, True)]),  # ... nor here
    ("no numbers here", []),
    ("not 3.5 thousand, 35 thousand", [(3500, True), (35000, False)]),  # a number and its scale word as one
    ("i said 24/7 but that was wrong", []),  # hours, no count
    ("9-5 eastern, 30 staff", [(30, False)]),
    ("24x7 support, 60 people", [(60, False)]),
    ("between 40-50 people", [(40, False), (50, False)]),  # a range climbs
    ("about 10-12", [(10, False), (12, False)]),
    # a time of day, no count
    ("around 900 people. Our customers call us at 3 in the night and get voicemail", [(900, False)]),
    ("the phones ring at 6 in the morning, 40 staff", [(40, False)]),
    ("about 60 at night and 200 during the day", [(60, False), (200, False)]),  # no hour of the clock
    # a sum of money, no count
    ("about 130 of us. Last month we nearly paid 40k to a scammer", [(130, False)]),
    ("we spent $2,500 on laptops, 25 staff", [(25, False)]),
    ("45 people and a budget of about 80,000 euros", [(45, False)]),
    ("paid 300 quid for a fix, we're 12", [(12, False)]),
    ("we paid a grand for the new server, we're 12", [(12, False)]),  # "a grand" of money
    ("we pay 40 people and spend a fortune on IT", [(40, False)]),  # paid people are counted
    ("we've had 40 open eng reqs for 6 months, 1200 staff", [(1200, False)]),  # jobs to fill, no people
    # an ordinal, no count
    ("I said 6,500 but we picked up a fifth hospital, so it's more like 7,200 now", [(6500, True), (7200, False)]),
    ("our 15th site opens in May", []),
    ("100% remote, 40 staff", [(40, False)]),  # a share, no count
    ("correction x2: forget the backups. also we're 23 not 19", [(23, False), (19, True)]),  # a multiplier, no count
    # digits told of as typed, no count
    ("Sorry, I see I wrote 90 people. It is 900 - one zero is missing.", [(90, False), (900, False)]),
    ("sorry I missed a zero, 4000", [(4000, False)]),
])
def test_every_number_of_a_correction_with_its_negation(text, found):
    assert headcounts_in(text) == found


@pytest.mark.parametrize("text, counted", [
    ("a hospital group, three thousand employees, four hospitals", 3000),
    ("3 salons in glasgow like 40 ppl", 40),
    ("eleven hotels, roughly 1,500 colleagues", 1500),
    ("we have 2 offices and 120 staff", 120),
    ("a 110-person engineering consultancy", 110),
    ("we have around four thousand employees", 4000),  # a tagger may take "four" alone
    ("2.5k staff, HQ Toronto", 2500),
    ("we're a couple of hundred people in Krakow, two offices", 200),  # not "hundred" alone
    ("a few thousand employees across 4 sites", 3000),
    ("40 staff, 2 of us in IT", 40),
    ("what would you say to a 20 person company in the same spot", 20),
    ("we run 3 sites", None),  # no number said of people
    ("40 in the office and 200 drivers", 240),  # a list of the company's parts, added up
    ("a call centre company in Bucharest with 400 agents and 40 office staff", 440),
    ("company of 2 brothers and 10 employees in Izmir", 12),
    ("small translation agency, 6 translators plus me, in Ghent", 7),
    ("a little online shop in galway, just me and my sister", 2),
    ("200 employees and 12 developers in the IT team", 200),  # the company, then a part of it
    ("Textile mill near Bursa. 300 workers in the mill plus 35 in the office.", 335),
    ("me and my co-founder run a 40-person agency", 40),  # the list counts fewer than the size said
    ("an engineering consultancy, 22 people, and I'd like someone to take over", 22),  # "I" goes on with no list
    ("marketing agency, 40 people, melbourne. want our servers run by experts", 40),  # "me" of no "melbourne"
    ("200 staff here and 40 staff in Lyon", None),  # both are: no single one to prefer
    ("Ag contractor in Morrinsville, couple dozen staff. Server on its last legs.", 24),
    ("insurance broker based in Dundee, headcount's 350ish. Our claims team", 350),  # the size said after its word
    ("our workforce of 1,200 and three plants", 1200),
    ("a pharmaceutical company in Hyderabad, total strength approx 6,500", 6500),  # Indian English for the head-count
    ("total strength approx. 6,500 across plants", 6500),
    ("our strength is 20 years of experience", None),  # a strength of the company's, no size
    ("a remote workforce of 20 in the Philippines", None),  # the team wanted, maybe: no size of the company
    ("Law firm in Leeds. We want an offshore team, team size is 6", None),
    ("Basel, with about 4'000 employees", 4000),  # the Swiss mark thousands with an apostrophe
])
def test_the_number_said_of_people_among_several(text, counted):
    assert people_counted(text) == counted


@pytest.mark.parametrize("text, now, then", [
    ("what if we halved", 100, 50),
    ("what if we were twice the size", 50, 100),
    ("would it change if we had ten times as many staff?", 15, 150),
    ("what if we were three times bigger", 60, 180),
    ("3x the people, software development instead", 90, 270),
    ("what if we were a tenth of the size", 600, 60),
    ("what if we were a quarter of the size", 140, 35),
    ("what if we took on another 20 staff", 40, 60),
    ("say we were 50 people smaller", 200, 150),
    ("what if we lost 30 staff", 100, 70),
    ("what if we grew by 50%", 100, 150),
    ("what if we had 2,000 employees?", 50, None),  # a head-count of its own
    ("what if we had 3 offices", 50, None),
    ("what if we had 24/7 cover", 50, None),
    ("what if we grew tenfold", 10, 100),
    ("what if we halved the team", 10, 5),
    ("what if we were ten times smaller", 60, 6),  # divides
    ("what if we was only a third of this size", 300, 100),
    ("what if we shrank by half", 250, 125),
    ("cut costs by half", 100, None),  # not said of the size
    ("and if we were another 50 bigger?", 50, 100),
    ("and after we hire another 15, same answer?", 20, 35),
    ("what if we hire 5 more person", 10, 15),
    ("what if 20 people left", 100, 80),
    ("what if we opened 2 larger offices", 100, None),  # not people
    ("what if our revenue shrank by half", 100, None),
    ("suppose we have to halve headcount after this year", 120, 60),
    ("it would cost 3x as much", 50, None),  # not said of the size
    ("outages 3 times a year", 50, None),
    ("what if we were 40 people and doubled our IT budget", 40, None),
    ("3 fewer vendors", 100, None),
    ("took on 2 more clients", 100, None),
    ("100000x the staff", 100, None),  # more than any company has
    ("what if headcount tripled in the next two years?", 48, 144),
    ("our team doubled last year", 10, 20),
    ("and if we shrank by a third after the restructuring?", 150, 100),
    ("what if we grew by a quarter", 40, 50),
    ("what if we were 20% bigger", 25, 30),
    ("what if we had 20% more staff", 50, 60),
    ("what if we were 30% smaller", 100, 70),
    ("cut costs by 20% more", 10, None),  # not people
    ("we doubled our IT budget", 10, None),
    ("what if staff costs doubled", 100, None), ("what if team salaries tripled", 100, None),
    ("what if revenue shrank by a third", 100, None), ("what if prices grew by 10 per cent", 100, None),
    ("a 20% bigger budget", 100, None),
    ("and if we were half that, like 1.600?", 3200, 1600), ("what if we were twice that", 40, 80),
    ("what if we spent half that", 100, None),  # not said of us
    ("what if we put on another 10 blokes next yr, same answer?", 14, 24),  # people in the owner's own word
])
def test_a_head_count_said_relative_to_the_current_one(text, now, then):
    assert relative_size(text, now) == then


@pytest.mark.parametrize("text, size, now", [
    ("we're 75ish in chicago. 24/7 monitoring is what we're after", 75, 75), ("and if we are only 10?", 10, 10),
    ("what if theres 700 of us", 700, 700), ("we are 40 in Leeds", 40, 40), ("what if we were 1.5k", 1500, None),
    ("we were 2 when we started", 2, None), ("there were 20 when we started", 20, None),
    ("we were 12 of us when we started", 12, None), ("we were 20 last year, we are 40 now", 20, 40),
    ("we're 3 years old", None, None), ("we were 20% over budget", None, None), ("we are 24/7", None, None),
    ("full control please, we're a team of 45 btw", 45, 45), ("we are a company of about 300", 300, 300),
    ("we're a group of 12 hotels", None, None),  # hotels, not people
])
def test_a_size_said_as_what_we_are(text, size, now):
    assert size_we_are(text) == size  # a what-if may speak in the past tense
    assert size_we_are(text, past=False) == now  # the company as it is now may not


@pytest.mark.parametrize("text, number, year", [
    ("I want modern systems, not from 2009, and people who really know them", "2009", True),
    ("the booking program is from 2009", "2009", True),
    ("Actually we're a team of 2000 people, not 200", "2000", False),  # people after it
    ("a company of 1950 employees", "1950", False),
    ("we have 2009 staff since 2009", "2009", False),  # a count too
    ("we are 400", "400", False),
    ("2024 was a tough year for us", "2024", True),  # a year that was
])
def test_a_number_said_only_as_a_year(text, number, year):
    from advisor.headcount import said_as_year
    assert said_as_year(text, number) is year


def test_a_number_with_several_thousands_spaces():
    assert parse_headcount("1 200 000").employees == 1_200_000
    assert parse_headcount("12 000 staff").employees == 12_000


@pytest.mark.parametrize("text, number, other", [
    ("Hi there, I own 3 pharmacies in Mallow", "3", True),  # premises, not people
    ("we run 4 fashion boutiques and 2 cafés", "4", True),
    ("we're 40 staff across 3 practices", "40", False),
    # nor of time, homes, customers or regions
    ("nobody answer, the waiting is 25 minutes and our score is terrible", "25", True),
    ("We manage holiday houses in the Algarve, about 80 villas, and the phone", "80", True),
    ("our platform team babysits ~2k servers across 3 regions", "3", True),
    ("a startup from Bengaluru having 45 members", "45", False),  # members of the team
    ("we have 40 customer service agents", "40", False),  # a word of those kinds before people: people
    ("we employ 25 home care workers", "25", False),
    ("4 second-line engineers", "4", False),
    ("There are 22 on the payroll, plus about forty volunteers who aren't staff", "forty", True),  # no employees
    ("I meant our client call centre. Nothing to do with IT! Two projects on my desk, shame.", "Two", True),
    ("we're 12 projects engineers and a designer", "12", False),  # the people of projects
])
def test_a_number_of_premises_counts_no_people(text, number, other):
    from advisor.headcount import counts_other_things

    start = text.index(number)
    assert counts_other_things(text, start, start + len(number)) is other


@pytest.mark.parametrize("text, employees", [
    # a description that opens on its count, as the greeting asks: size, place, aims
    ("Roughly two thousand six hundred across the shafts and head office, contractors excluded. Rustenburg.", 2600),
    ("Approximately two thousand, including the port staff. Doha.", 2000),
    ("Forty, all running out of the yard here - but thirty of them are drivers", 40),
    ("9 incl me. dayton ohio", 9),
    ("50-60 depending on the season, in Cork", 55),
    ("A hundred and twenty, in Leeds", 120),
    # no count said first, or a count of something else
    ("3 shops in Leeds", None),
    ("10 years in business, 40 staff", None),
    ("In 2019 we started", None),
    ("24/7 support is what we need", None),
    ("We have 3 offices", None),
    ("100% remote", None),
    ("2024 was a tough year for us", None),  # a number followed by anything but people or how they are counted
    ("2 questions: is offshoring cheaper?", None),
    ("30 minutes ago our server died", None),
])
def test_the_count_a_description_opens_on(text, employees):
    assert leading_count(text) == employees


@pytest.mark.parametrize("text, total", [
    ("15 FTE plus about 30 contractors, all on client work, so ~45 really", 45),
    ("400 here and 100 there, 500 in total", 500),
    ("Correction: 45 people, that's 15 FTE plus 30 contractors", None),  # "that's" before a part, not the sum
    ("correction - 25 staff, so 5 per shop", None),
])
def test_the_sum_a_message_gives_of_its_numbers(text, total):
    from advisor.headcount import total_said

    assert total_said(text) == total


@pytest.mark.parametrize("text, parts", [
    ("Together with a provider. We keep 2 people as coordinators, they do the rest", {2}),  # kept for a part
    ("We have 6 people on support desk and they are drowning", {6}),  # the people of one job
    ("Our 20-person finance team is overloaded", {20}), ("our 4-person helpdesk", {4}),  # a team named by its work
    ("Our 8-person team is drowning", set()), ("our 12-person remote team", set()),  # maybe the whole company
    ("we are 40 people in Leeds", set()), ("15 people in the team", set()),  # the team that is all of us
    ("12 people on the helpdesk", {12}),
    ("We want to keep 100 employees and not lay anyone off", set()), ("we have 50 people in one team", set()),
])
def test_the_people_of_a_part_of_the_company(text, parts):
    from actions.form import _parts_counted

    assert _parts_counted(text) == parts
