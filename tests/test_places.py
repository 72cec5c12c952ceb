"""Place resolution and time-zone comparison on real geodata."""

from datetime import date

import pytest

from advisor.places import compare_places, resolve_place

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
    ],
)
def test_resolves(text, country, timezone, region):
    place = resolve_place(text)
    assert (place.country_code, place.timezone, place.region) == (country, timezone, region)


@pytest.mark.parametrize("text", [None, "", "us", "Narnia and beyond", "asdfgh"])
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
