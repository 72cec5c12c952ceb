"""Place resolution and time-zone comparison on real geodata."""

from datetime import date

import pytest

from advisor.places import (compare_places, destinations, home_country_named, negated_countries, resolve_place,
                            what_if_destinations, widely_known)

WINTER = date(2026, 11, 25)  # a Wednesday, outside daylight-saving time in both hemispheres' north


@pytest.mark.parametrize(
    "text, country, timezone, region",
    [
        ("Worcester, MA", "US", "America/New_York", "Massachusetts"),
        ("Austin, Texas", "US", "America/Chicago", "Texas"),
        ("Texas", "US", "America/Chicago", "Texas"),
        ("Denver", "US", "America/Denver", "Colorado"),
        ("Manchester UK", "GB", "Europe/London", None),
        ("the UK", "GB", "Europe/London", None),
        ("Mexico", "MX", "America/Mexico_City", None),
        ("India", "IN", "Asia/Kolkata", None),
        ("Bangalore", "IN", "Asia/Kolkata", None),
        ("Sao Paulo", "BR", "America/Sao_Paulo", None),
        ("Gemany", "DE", "Europe/Berlin", None),  # typo
        ("US", "US", "America/New_York", None),
        ("NYC", "US", "America/New_York", "New York"),  # a big city's acronym
        ("KL", "MY", "Asia/Kuala_Lumpur", None),
        ("Deutschland", "DE", "Europe/Berlin", None),  # a country in its own language
        ("Polska", "PL", "Europe/Warsaw", None),
        ("Jo'burg", "ZA", "Africa/Johannesburg", None),
        ("Kingston, Ontario", "CA", "America/Toronto", None),  # a province as the qualifier
        ("Boston, Lincolnshire", "GB", "Europe/London", None),
        ("Kendal", "GB", "Europe/London", None),  # its own name, not Kendall, Florida's other spelling
        ("Zaragoza", "ES", "Europe/Madrid", None),  # not Tijuana's
        ("Hull", "GB", "Europe/London", None),  # Kingston upon Hull, a word of its name
        ("Pittsburg", "US", "America/New_York", "Pennsylvania"),  # Pittsburgh misspelt, in the same country
    ],
)
def test_resolves(text, country, timezone, region):
    place = resolve_place(text)
    assert (place.country_code, place.timezone, place.region) == (country, timezone, region)


@pytest.mark.parametrize("text, name, timezone", [
    ("Waikato", "Waikato, New Zealand", "Pacific/Auckland"),
    ("Lincolnshire", "Lincolnshire, United Kingdom", "Europe/London"),
    ("Gauteng", "Gauteng, South Africa", "Africa/Johannesburg"),
    ("maharashtra", "Maharashtra, India", "Asia/Kolkata"),  # without its accents, in lower case
    ("Bayern", "Bayern, Germany", "Europe/Berlin"),
    ("Galicia", "Galicia, Spain", "Europe/Madrid"),  # a few islands on another clock do not count
    ("Queensland", "Queensland, Australia", "Australia/Brisbane"),  # a country of several clocks: the province's
    ("Alberta", "Alberta, Canada", "America/Edmonton"),  # ... from "Mountain - AB; BC (E); ..."
    ("Baja California Sur", "Baja California Sur, Mexico", "America/Mazatlan"),  # not "Baja California"'s clock
    ("Northumberland", "Northumberland, United Kingdom", "Europe/London"),  # a county that is a unitary authority
    ("Fife", "Fife, United Kingdom", "Europe/London"),  # a Scottish council area
    ("the Ashanti Region", "Ashanti, Ghana", "Africa/Accra"),  # with its kind after it
    ("Limpopo province", "Limpopo, South Africa", "Africa/Johannesburg"),
    ("New York State", "New York, United States", "America/New_York"),
])
def test_a_province_or_region_named_alone_is_in_its_country(text, name, timezone):
    place = resolve_place(text)
    assert (place.name, place.timezone, place.region) == (name, timezone, name.split(",")[0])


@pytest.mark.parametrize("text", ["Fès", "Fès, Morocco"])
def test_a_town_spelt_with_an_accent_the_map_lacks_is_the_town(text):
    assert resolve_place(text).name == "Fes, Morocco"  # not the country alone


@pytest.mark.parametrize("text", [
    "the Lake District", "Kansai region",
    "the Midlands region", "Gulf region",  # provinces of that name are of another kind (Zimbabwe's, Papua New Guinea's)
    "Punjab province",  # India's Punjab is a state; the map's Punjab is India's
    "the" + " " * 1600 + "xyz", " " * 1600 + "x region",  # at once, however many spaces
])
def test_a_kind_after_a_name_that_is_no_province_of_that_kind_names_no_place(text):
    assert resolve_place(text) is None


def test_a_province_with_its_kind_outside_the_countries_ruled_out_is_no_place():
    assert resolve_place("the Ashanti Region", exclude=frozenset({"GH"})) is None


@pytest.mark.parametrize("text, region", [
    ("Otterburn, Northumberland", "Northumberland"),  # a village below even the small towns' 5,000
    ("Tahuna, Waikato", "Waikato"),
    ("Smallville, Texas", "Texas"),
])
def test_a_town_the_gazetteer_lacks_in_a_province_it_knows_is_that_province(text, region):
    place = resolve_place(text)
    assert place is not None and (place.region, place.city) == (region, None)


@pytest.mark.parametrize("text, region", [
    ("wagga wagga, NSW", "New South Wales"),
    ("Smithers BC", "British Columbia"),  # a code several countries' provinces share: Canada's, as people write them
    ("Nowhereville, SA", "South Australia"),
    ("Someplace, QC", "Quebec"),
    ("Nowhereville, NL", None),  # also the Netherlands' code, and no Canadian or Australian province's
    ("Nowhereville, MH", None),  # Meath or Maharashtra
    ("paris ok", None),  # lower case: no code
])
def test_a_town_the_gazetteer_lacks_beside_a_province_code_is_that_province(text, region):
    place = resolve_place(text)
    assert (place.region if place else None) == region


@pytest.mark.parametrize("text", [
    "Jawa Barat",  # a province of a country of several clocks that the time-zone database gives no clock of its own
    "Western", "Centre", "Lakes", "Upper East",  # a province's name that is only a direction or a kind of land
])
def test_no_province_is_taken_where_its_name_alone_cannot_place_a_company(text):
    assert resolve_place(text) is None


@pytest.mark.parametrize("text", [None, "", "us", "Narnia and beyond", "asdfgh",
                                  "Asia", "Africa", "Latin America", "North America"])  # regions, not a town of the name
def test_unknown_places(text):
    assert resolve_place(text) is None


@pytest.mark.parametrize(
    "home, target, relation, hours_apart, overlap, shared_language",
    [
        ("Worcester, MA", "Denver", "domestic", -2, 6, True),
        ("Worcester, MA", "Mexico", "nearshore", -1, 7, False),  # neighbours
        ("Worcester, MA", "Toronto", "nearshore", 0, 8, True),
        ("Worcester, MA", "India", "overseas", 10.5, 0, True),
        ("Worcester, MA", "Manila", "overseas", 13, 0, True),
        ("Worcester, MA", "Poland", "overseas", 6, 2, False),
        ("London", "Warsaw", "nearshore", 1, 7, False),  # same continent, an hour apart
    ],
)
def test_compare(home, target, relation, hours_apart, overlap, shared_language):
    distance = compare_places(resolve_place(home), resolve_place(target), WINTER)
    assert (distance.relation, distance.hours_apart, distance.overlap_hours, distance.shared_language) == (
        relation, hours_apart, overlap, shared_language)


def test_daylight_saving_changes_the_gap():
    summer = compare_places(resolve_place("London"), resolve_place("New York"), date(2026, 7, 1))
    spring_gap = compare_places(resolve_place("London"), resolve_place("New York"), date(2026, 3, 20))
    assert summer.hours_apart == -5 and spring_gap.hours_apart == -4  # US switches 3 weeks before the UK


@pytest.mark.parametrize("text, excluded", [
    ("we're in Paris, France - not the one in Texas", {"US"}),
    ("Valencia in Venezuela, not the one in Spain", {"ES"}),
    ("Kingston, Ontario, not Jamaica", {"JM"}),
    ("Boston, Lincolnshire, not Boston in the US!", {"US"}),
    ("not 40, 400", set()),
    ("we don't want them in the office", set()),
    ("we're in Lisbon now, not Porto", set()),  # the city ruled out, not its district's country
    ("Kingston, not the one in Ontario", {"CA"}),
    ("Manchester UK, not the one in New Hampshire", {"US"}),  # no Hampshire in England
    ("Perth, Scotland - not the Australian one!", {"AU"}),  # a nationality's country
    ("Newport in Shropshire, not the Welsh one", set()),  # a nation of the UK rules out no whole country
    ("we want to be real player in Southeast Asia market, not only export from Japan.", set()),  # "not only" is more
])
def test_the_countries_a_correction_rules_out(text, excluded):
    assert negated_countries(text) == excluded


def test_a_city_outside_the_excluded_countries():
    assert resolve_place("Boston", frozenset({"US"})).country_code == "GB"
    assert resolve_place("Leeds is where we are") is None  # a region names a city's place, never alone


@pytest.mark.parametrize("text, name", [
    ("Melborne", "Melbourne, Australia"),  # misspelt: the big city it is nearest to
    ("Nottingam", "Nottingham, United Kingdom"),
    ("München", "Munich, Germany"),  # the city's own name in Latin letters
    ("Göteborg", "Gothenburg, Sweden"),
    ("Porto", "Porto, Portugal"),  # not Bordeaux, whose list of names holds a romanised "porto"
    ("Luanda", "Luanda, Angola"),
])
def test_misspelt_and_local_names_of_cities(text, name):
    assert resolve_place(text).name == name


@pytest.mark.parametrize("text, name", [
    ("East Nashville", "Nashville, Tennessee"),  # a part of a city: the city
    ("Central London", "London, United Kingdom"),
    ("Greater Manchester", "Manchester, United Kingdom"),
    ("downtown Toronto", "Toronto, Canada"),
    ("North Carolina", "North Carolina, United States"),  # a place of its own, whatever its first word
    ("East London", "East London, South Africa"),
    ("North Manchester", "Manchester, United Kingdom"),
])
def test_a_part_of_a_city(text, name):
    assert resolve_place(text).name == name


@pytest.mark.parametrize("text, name", [
    ("the Windy City", "Chicago, Illinois"),  # a city's other name, with its article
    ("the Sunshine Coast", "Sunshine Coast, Australia"),
    ("on the Sunshine Coast", "Sunshine Coast, Australia"),
    ("The Woodlands", "The Woodlands, Texas"),  # a name with its article stays whole ("Woodlands" is Singapore's)
    ("The Hague", "The Hague, The Netherlands"),
])
def test_a_place_named_with_its_article(text, name):
    assert resolve_place(text).name == name


@pytest.mark.parametrize("text", ["in the north", "in the bush", "at the port", "the rest", "the Metroplex", "the Rest",
                                  "in the Bush", "the Victoria"])
def test_words_after_an_article_that_only_a_small_town_abroad_is_called_are_no_place(text):
    assert resolve_place(text) is None


@pytest.mark.parametrize("text", ["East Bay", "West Side", "West Asia", "Central Africa", "East Kent", "East Surrey"])
def test_no_city_is_read_into_a_part_of_somewhere_else(text):
    assert resolve_place(text) is None  # a town's other name, a region, a county that is a city elsewhere


@pytest.mark.parametrize("text, name", [
    ("Perth, WA", "Perth, Australia"),  # Western Australia, though WA is also Washington's code
    ("adelaide, SA", "Adelaide, Australia"),  # South Australia, though SA is also Saudi Arabia's
    ("Sydney NSW", "Sydney, Australia"),
    ("Toronto, ON", "Toronto, Canada"),
    ("Berlin, DE", "Berlin, Germany"),  # Germany's code too (it was Delaware, the state, before)
    ("Lyon, FR", "Lyon, France"),  # a country's code
    ("Seattle, WA", "Seattle, Washington"),  # a US state's town
    ("Paris, TX", "Paris, Texas"),
    ("Paris, KY", "Paris, Kentucky"),  # a US state's town of under 15,000 people
    ("Hood River, OR", "Hood River, Oregon"),
    ("Nowhereville, KY", "Kentucky, United States"),  # a town no list holds: its state
])
def test_a_city_with_the_code_of_its_province_or_country(text, name):
    assert resolve_place(text).name == name


@pytest.mark.parametrize("text, name", [("dallas tx", "Dallas, Texas"), ("portland me", "Portland, Maine"),
                                        ("denver, co", "Denver, Colorado"),
                                        ("brattleboro vt", "Brattleboro, Vermont")])  # a small town of that state
def test_a_lower_case_us_state_code_after_a_town_of_that_state(text, name):
    assert resolve_place(text).name == name


@pytest.mark.parametrize("text, name", [("adelaide", "Adelaide, Australia"), ("austin tx", "Austin, Texas"),
                                        ("in time", None), ("time norway", None),
                                        ("west london", None),  # no qualifier: not East London, South Africa
                                        ("dallas or", None)])  # the small Dallas of Oregon
def test_a_widely_known_place_alone_or_with_its_state_or_country(text, name):
    place = widely_known(text)
    assert (place.name if place else None) == name


@pytest.mark.parametrize("text, name", [("paris ok", "Paris, France"), ("london on", "London, United Kingdom"),
                                        ("peru in", "Peru"), ("talent or", None), ("poland me", "Poland")])
def test_a_lower_case_word_after_a_town_is_no_code(text, name):
    place = resolve_place(text)
    assert place is None or place.name == name


@pytest.mark.parametrize("text", ["hmm", "yes", "dunno"])
def test_a_short_word_is_no_misspelt_city(text):
    assert resolve_place(text) is None


@pytest.mark.parametrize("text, name", [
    ("Manchster", "Manchester, United Kingdom"),  # a letter left out, added or swapped
    ("Barcelonna", "Barcelona, Spain"), ("Edinbrugh", "Edinburgh, United Kingdom"),
    ("Phillipines", "Philippines"),  # two in a long name
    ("Catalonia", None), ("Normandy", None), ("Provence", None),  # another name: not Catania, Norman, Providence
])
def test_a_misspelling_is_a_letter_or_two_from_the_name(text, name):
    place = resolve_place(text)
    assert (place.name if place else None) == name


@pytest.mark.parametrize("text, name", [
    ("Český Krumlov, South Bohemia", "Český Krumlov, Czechia"),  # a region the map lacks after a town it knows
    ("Mallow, Co Cork", "Mallow, Ireland"),
    ("Springfield, the one in the north", None),  # words, not a region's name
])
def test_a_known_town_before_a_region_the_map_lacks(text, name):
    place = resolve_place(text)
    assert (place.name if place else None) == name


@pytest.mark.parametrize("text, country", [("Bavaria", "DE"), ("Lapland", "FI")])
def test_a_region_by_the_english_name_pycountry_gives_it(text, country):
    assert resolve_place(text).country_code == country


@pytest.mark.parametrize("text, place, going", [
    ("what if we used a partner firm in Romania", "Romania", True),
    ("suppose we gave it to a firm in Manila and let them run the whole thing", "Manila", True),
    ("what if we were 8,000 strong with our own factory in Mexico?", "Mexico", True),
    ("what if the work was done in Poland instead?", "Poland", True),
    ("what if we were doing it in Vietnam", "Vietnam", True),
    ("what if we moved HQ to London", "London", False),
    ("what if we were a 50 person firm in Dublin?", "Dublin", False),
    ("would it change if we were twice as big and in Dublin", "Dublin", False),
    ("what if we were half as big, based in Brisbane, and wanted it hands off", "Brisbane", False),
])
def test_a_place_in_a_what_if_is_where_the_work_goes_unless_said_of_the_company(text, place, going):
    start = text.index(place)
    assert what_if_destinations(text, [(start, start + len(place))]) == [going]


@pytest.mark.parametrize("text, trades, answering, country", [
    ("Hi. CFO at a Swedish industrial group, roughly 7,000 people.", (), False, "SE"),
    ("Canadian company, 18 staff. Security keeps me up at night", (), False, "CA"),
    ("hello, we are polish e-commerce company from warsaw", ("e-commerce company",), False, "PL"),
    ("Head of IT at a Kenyan bank, 900 staff", (), False, "KE"),
    ("I run a small Irish accountancy firm", (), False, "IE"),
    ("Hi, Canadian company, 18 staff", (), False, "CA"),
    ("Danish fintech, ~1,100 people. Need more engineers", (), False, "DK"),  # a trade of its own
    ("we hired a Danish agency last year", (), False, None),
    ("Not expansion, we're staying Danish.", (), False, "DK"),
    ("We're Swedish - I'd rather not say which city.", (), True, "SE"),
    ("swedish, rather not say", (), True, "SE"),
    ("an Indian company", (), False, "IN"),  # the most populous of the countries sharing the nationality
    ("a Saudi contractor firm", (), False, "SA"),  # countryinfo's "Saudi Arabian"
    ("we're a uk ecommerce brand, about 30 of us", (), False, "GB"),  # the short name said as a nationality
    ("we stock Italian brands", (), False, None),  # what it sells
    ("Hi. Danish furniture webshop group, roughly 1,200 employees", (), False, "DK"),  # goods, then the company
    ("we sell Danish furniture online", (), False, None),  # goods it sells
    ("I run an Italian wines shop", (), False, None),
    # of anyone else: our team, a partner, a firm we would use, a market, a time, a language
    ("our Indian team is 40 people", (), False, None),
    ("we work with a German partner", (), False, None),
    ("We're looking at a Polish firm to run it", (), False, None),
    ("We want to hire a Polish company for it", (), False, None),
    ("We plan to enter the German and Swiss market next spring.", (), False, None),
    ("strengthening our competitiveness against Chinese manufacturers.", (), False, None),
    ("Our customers call between 9am and 6pm Nigerian time", (), False, None),
    ("within a couple of hours of German time please", (), True, None),
    ("we need customer service in English for that", (), False, None),
    ("Hello, sorry for my English. I run small traditional inn", (), True, None),
    ("swedish, rather not say", (), False, None),  # a nationality alone is an answer only to the question
    # a cuisine, a style, a region, a parent company, a negation, someone else's, a verb
    ("I run a Thai restaurant, 15 staff", ("Thai restaurant",), False, None),
    ("Korean BBQ chain, 40 staff", (), False, None),
    ("We're not Swedish, we're Norwegian. 50 staff", (), False, "NO"),
    ("We're a Latin American fintech company", (), False, None),
    ("We're a Northern Irish company", (), False, None),
    ("We are the UK subsidiary of a French group", (), False, None),
    ("Chinese manufacturers are undercutting us", (), False, None),
    ("we're a distributor of Italian furniture brands", (), False, None),
    ("we polish marble for hotels", (), False, None),
    ("we are an İndian company", (), False, None),  # a letter that lower-cases otherwise: no error
])
def test_the_home_country_a_nationality_said_of_the_company_names(text, trades, answering, country):
    place = home_country_named(text, trades, answering)
    assert (place.country_code if place else None) == country
    assert place is None or place.city is None


@pytest.mark.parametrize("town, text, place", [
    ("Perth", "perth. the scottish one not australia", "Perth, United Kingdom"),
    ("London", "London - the Canadian one", "London, Canada"),
    ("London", "London, not the canadian one", None),  # ruled out, not picked
    ("Perth", "perth, the nice one", None),  # no nationality
])
def test_a_nationality_picks_the_town_of_a_shared_name(town, text, place):
    from advisor.places import town_of_the_one

    found = town_of_the_one(town, text)
    assert (found.name if found else None) == place


@pytest.mark.parametrize("text, name", [
    ("Morrinsville, New Zealand", "Morrinsville, New Zealand"),  # a town of 5,000 to 15,000, with its country
    ("Morrinsville, Waikato", "Morrinsville, New Zealand"),  # ... or its province
    ("Hexham, Northumberland", "Hexham, United Kingdom"),
    ("Røros, Norway", "Røros, Norway"),
    ("Morrinsville", None),  # bare, a small town's name is left to the taggers (components/town_names.py)
    ("Lakes", None),
    ("Hope", None),
])
def test_a_small_town_is_placed_when_its_country_or_province_is_named(text, name):
    place = resolve_place(text)
    assert (place.name if place else None) == name


@pytest.mark.parametrize("text, places, going", [
    ("My dad started the business in Cork and we moved up to Limerick in 2015", ("Cork", "Limerick"), [False, False]),
    ("We used to be in Bristol but moved the whole company to Cardiff", ("Bristol", "Cardiff"), [False, False]),
    ("We moved from San Francisco to Austin", ("San Francisco", "Austin"), [False, False]),
    ("What if we moved to Manchester", ("Manchester",), [True]),  # supposed, not done
    ("we have moved our support desk to Manila", ("Manila",), [True]),  # the work moved, not the company
    ("We moved to Leeds and want to open an office in Manila", ("Leeds", "Manila"), [False, True]),
    # what we make is no site to build ("we want to build a team in Pune" is one)
    ("We build measurement equipment, around 800 fte, Eindhoven region.", ("Eindhoven",), [False]),
    ("we want to build a team in Pune", ("Pune",), [True]),
    ("Hi, we are 50 people. Should we build a team in Manila?", ("Manila",), [True]),
    ("if we build it in Romania", ("Romania",), [True]),
])
def test_the_company_s_own_move_told_as_done_is_where_it_is(text, places, going):
    assert destinations(text, [(text.index(p), text.index(p) + len(p)) for p in places]) == going


@pytest.mark.parametrize("name, home, meant", [
    ("belgrade", "Bozeman, Montana", "Belgrade, Montana, United States"),  # a town down the road, not Serbia's capital
    ("Perth", "Dundee", "Perth, United Kingdom"),  # Scotland's, from Scotland
    ("Billings", "Bozeman, Montana", None),  # the bare name means it already
    ("Bozeman", "Bozeman, Montana", None),  # home itself
    ("Vietnam", "Bozeman, Montana", None),  # no town
    ("Manchester", "Leeds", None),  # no other town of the name near
    ("Mexico", "St. Louis, Missouri", None),  # a country's name, never Mexico, Missouri
    ("Birmingham", "Atlanta", None),  # a town known also by that name is not it
])
def test_a_town_of_a_name_near_home_is_the_one_meant(name, home, meant):
    from advisor.places import resolve_place, town_near_home

    assert town_near_home(name, resolve_place(home)) == meant
