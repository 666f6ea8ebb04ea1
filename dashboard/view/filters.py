"""Which events a view shows: country, topic, date range and free-text search.

Every filter is a vectorised boolean mask over the whole table (no per-row Python),
so the same code serves the seed table and a million-row one. Text tests run once per
distinct value of a column (loading.per_value), then spread to the rows by code.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import re
import weakref

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.view.loading import concat_events, per_value

# Columns the free-text search looks in: what the event says and where and who. Not the article's
# title: one name in a title would match every event of that article.
SEARCH_COLUMNS = ["summary", "evidence", "location", "admin1", "country_iso3", "actors"]
PLACE_COLUMNS = ["location", "admin1"]
# A query is cut to this many characters and distinct words: each word is a scan of the table.
MAX_QUERY_CHARS, MAX_QUERY_WORDS = 200, 8
# How a country filter matches: the event's place, one of its actors, or either (the default).
ROLES = {"either": "place or actor", "place": "place only", "actor": "actor only"}


@dataclass(frozen=True)
class FilterState:
    """One view of the table; empty fields mean 'no restriction'."""

    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    role: str = "either"                     # a key of ROLES
    organisations: tuple[str, ...] = ()      # actors such as UN, EU, G7 (never a place)


def split_codes(series: pd.Series) -> pd.Series:
    """`;`-separated codes -> one row per code (index repeated), upper-cased, blanks dropped."""
    codes = series.fillna("").astype(str).str.split(";").explode().str.strip().str.upper()
    return codes[codes != ""]


def _distinct(series: pd.Series) -> pd.Series:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return pd.Series(series.cat.categories.astype("str"))
    return pd.Series(series.dropna().unique())


def country_options(df: pd.DataFrame) -> list[str]:
    """Every code a user can filter on: location countries and actors (countries and organisations)."""
    codes = pd.concat([split_codes(_distinct(df["country_iso3"])), split_codes(_distinct(df["actors"]))])
    return sorted(codes.unique().tolist())


def split_options(codes, country_codes: set[str]) -> tuple[list[str], list[str]]:
    """Codes -> (countries, organisations): a code is a country when `country_codes` (ISO 3166 alpha-3
    codes, data/countries.csv) holds it; G7, UN, EU, NATO... are organisations."""
    codes = sorted(set(codes))
    return [c for c in codes if c in country_codes], [c for c in codes if c not in country_codes]


def country_mask(df: pd.DataFrame, countries, role: str = "either") -> pd.Series:
    """An event matches when its location country (role "place"), one of its actors ("actor"), or
    either ("either") is among `countries`."""
    wanted = sorted({c.strip().upper() for c in countries if c and c.strip()})
    if not wanted:
        return pd.Series(True, index=df.index)
    if role not in ROLES:
        raise ValueError(f"unknown country role {role!r}: use one of {', '.join(ROLES)}")
    in_place = per_value(df["country_iso3"], lambda v: v.str.strip().str.upper().isin(wanted))
    if role == "place":
        return in_place.astype(bool)

    def acted(actors: pd.Series) -> pd.Series:
        # ";PRK;RUS;" holds ";PRK;" exactly when PRK is one whole code (plain substring search is fast)
        padded = ";" + actors.str.replace(" ", "", regex=False).str.upper() + ";"
        found = pd.Series(False, index=actors.index)
        for code in wanted:
            found |= padded.str.contains(f";{code};", regex=False)
        return found
    as_actor = per_value(df["actors"], acted).astype(bool)
    return as_actor if role == "actor" else (in_place | as_actor).astype(bool)


def topic_mask(df: pd.DataFrame, topics) -> pd.Series:
    wanted = set(topics)
    if not wanted:
        return pd.Series(True, index=df.index)
    return df["topic"].isin(wanted).astype(bool)


def date_mask(df: pd.DataFrame, date_from: date | None, date_to: date | None) -> pd.Series:
    """An event matches when its span [date_start, date_end] overlaps the range; undated events never do."""
    if date_from is None and date_to is None:
        return pd.Series(True, index=df.index)
    start = df["date_start"]
    end = df["date_end"].fillna(start)
    end = end.where(end >= start, start)
    mask = start.notna()
    if date_from is not None:
        mask &= end >= pd.Timestamp(date_from)
    if date_to is not None:
        mask &= start <= pd.Timestamp(date_to)
    return mask


def query_words(text: str) -> list[str]:
    """The words a query searches for: at most MAX_QUERY_WORDS distinct ones of its first
    MAX_QUERY_CHARS characters (a pasted paragraph must not cost seconds on every rerun)."""
    return list(dict.fromkeys(str(text or "")[:MAX_QUERY_CHARS].split()))[:MAX_QUERY_WORDS]


def bounded_query(text: str) -> tuple[list[str], bool]:
    """The words a search uses (query_words), and whether the query was clipped to get them."""
    text = str(text or "")
    return query_words(text), len(text) > MAX_QUERY_CHARS or len(dict.fromkeys(text.split())) > MAX_QUERY_WORDS


def place_spellings(word: str) -> tuple[str, ...]:
    """Other spellings of a place name as the curation writes it: the gazetteer's names for the places
    `word` names ("Odessa" -> "Odesa", "Kiev" -> "Kyiv", "Zaporizhia" -> "Zaporizhzhia"), folded as the
    engine folds transliterations. Words under four letters and non-place words give ()."""
    if len(word) < 4 or not any(ch.isalpha() for ch in word):
        return ()
    from dashboard.curation.gazetteer import load_gazetteer
    try:
        places = load_gazetteer().lookup(word)
    except Exception:  # noqa: BLE001 - without a gazetteer the search is only literal
        return ()
    names = dict.fromkeys(p.name for p in places[:5] if p.kind in ("city", "admin1", "country", "sea"))
    return tuple(n for n in names if n.lower() != word.lower())


def text_mask(df: pd.DataFrame, text: str) -> pd.Series:
    """Case-insensitive match of every word of `text` (see query_words) somewhere in the searchable
    columns; a place name also matches its other spellings (place_spellings), and the place columns
    are compared folded, as the engine compares names."""
    words = query_words(text)
    if not words:
        return pd.Series(True, index=df.index)
    columns = [df[c] for c in SEARCH_COLUMNS if c in df.columns]
    places = [df[c] for c in PLACE_COLUMNS if c in df.columns]
    mask = pd.Series(True, index=df.index)
    for word in words:
        anywhere = pd.Series(False, index=df.index)
        for column in columns:
            anywhere |= _contains(column, word)
        spellings = place_spellings(word)
        for spelling in spellings:
            for column in columns:
                anywhere |= _contains(column, spelling)
        if any(ch.isalpha() for ch in word):
            anywhere |= _folded_contains(places, [word, *spellings])
        mask &= anywhere
    return mask


def _folded_contains(columns: list[pd.Series], words: list[str]) -> pd.Series:
    """Rows whose place columns, folded like the engine's names, hold one of `words` folded."""
    from dashboard.curation.gazetteer import fold
    keys = [k for k in {fold(w) for w in words} if k]
    found = pd.Series(False, index=columns[0].index if columns else None)
    if not keys:
        return found
    for column in columns:
        found |= per_value(column, lambda v: v.map(lambda s: any(k in fold(str(s)) for k in keys)).astype(bool))
    return found


def _each(column: pd.Series, test) -> pd.Series:
    """A text test over a column: once per category of a categorical, else straight over the rows
    (evidence is nearly unique, so finding its distinct values would only add work)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return per_value(column, test).astype(bool)
    return test(column.fillna("").astype(str)).astype(bool)


def _contains(column: pd.Series, word: str) -> pd.Series:
    """Rows whose text holds `word`, ignoring case. A large plain-text column (the evidence of a
    million events) is searched in its cached lower-case bytes (_Haystack), several times faster
    than a per-row search; anything else, or a word found in very many rows, per row."""
    if (not isinstance(column.dtype, pd.CategoricalDtype) and len(column) >= HAYSTACK_MIN_ROWS
            and column.dtype == "str"):
        rows = _Haystack.of(column).rows_with(word.lower())
        if rows is not None:
            mask = np.zeros(len(column), dtype=bool)
            mask[rows] = True
            return pd.Series(mask, index=column.index)
    return _each(column, lambda v: v.str.contains(word, case=False, regex=False))


HAYSTACK_MIN_ROWS = 50_000
HAYSTACK_MAX_HITS = 200_000   # a word found more often than this is faster found row by row


class _Haystack:
    """A text column lower-cased into one UTF-8 buffer with each row's offsets, built once per column
    object (the app's shared table keeps its columns) and searched by one C-level scan."""

    _cache: dict[int, tuple[weakref.ref, "_Haystack"]] = {}

    def __init__(self, column: pd.Series):
        lowered = pa.array(column.fillna("").str.lower().array)
        if isinstance(lowered, pa.ChunkedArray):
            lowered = lowered.combine_chunks()
        lowered = lowered.cast(pa.large_string())
        offsets = np.frombuffer(lowered.buffers()[1], dtype=np.int64)[lowered.offset:lowered.offset + len(lowered) + 1]
        self.starts = offsets - offsets[0]
        data = lowered.buffers()[2]
        self.blob = data.to_pybytes()[offsets[0]:offsets[-1]] if data is not None else b""

    @classmethod
    def of(cls, column: pd.Series) -> "_Haystack":
        array = column.array
        hit = cls._cache.get(id(array))
        if hit is not None and hit[0]() is array:
            return hit[1]
        haystack = cls(column)
        key = id(array)
        cls._cache[key] = (weakref.ref(array, lambda _ref, key=key: cls._cache.pop(key, None)), haystack)
        return haystack

    def rows_with(self, word: str) -> np.ndarray | None:
        """Positions of the rows holding `word` (already lower case); None when it occurs too often."""
        needle, starts, blob = word.encode("utf-8"), self.starts, self.blob
        found = blob.count(needle)
        if found > HAYSTACK_MAX_HITS:
            return None
        at = np.fromiter((m.start() for m in re.finditer(re.escape(needle), blob)), dtype=np.int64, count=found)
        rows = np.searchsorted(starts, at, side="right") - 1
        inside = at + len(needle) <= starts[rows + 1]      # not across the end of its row
        # a hit across a row's end hides any overlapping one that starts before it ends: look again
        again = []
        for start in at[~inside].tolist():
            near = blob.find(needle, start + 1)
            while 0 <= near < start + len(needle):
                again.append(near)
                near = blob.find(needle, near + 1)
        if again:
            extra = np.asarray(again, dtype=np.int64)
            extra_rows = np.searchsorted(starts, extra, side="right") - 1
            rows = np.concatenate([rows[inside], extra_rows[extra + len(needle) <= starts[extra_rows + 1]]])
            return np.unique(rows)
        return np.unique(rows[inside])


def filter_events(df: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The rows of `df` that the view `state` shows, in date order."""
    mask = (country_mask(df, state.countries, state.role) & country_mask(df, state.organisations, "actor")
            & topic_mask(df, state.topics) & date_mask(df, state.date_from, state.date_to)
            & text_mask(df, state.text))
    keep = mask.to_numpy()
    days = df["date_start"].to_numpy()
    if keep.all() and _in_date_order(days):
        return df   # nothing to drop or move: the same table (a copy would cost as much as the rest)
    rows = np.flatnonzero(keep)
    # one take of the matching rows in date order (undated last), ties kept in table order
    if not _in_date_order(days[rows]):
        rows = rows[np.argsort(days[rows], kind="stable")]
    return df.take(rows)


def filter_tables(tables: Sequence[pd.DataFrame], state: FilterState) -> pd.DataFrame:
    """filter_events over the tables one after another, without joining the tables first: the
    loaded table is large and shared (its caches stay valid), the articles added in a session small."""
    parts = [filter_events(table, state) for table in tables]
    return parts[0] if len(parts) == 1 else sort_by_date(concat_events(parts))


def _in_date_order(days: np.ndarray) -> bool:
    """Whether the dates already run in filter_events's order (undated last): a check costs far less
    than a sort, and the dashboard keeps its table in that order (sort_by_date)."""
    if len(days) < 2:
        return True
    key = days.view("i8")
    key = np.where(np.isnat(days), np.iinfo(np.int64).max, key)
    return bool((key[1:] >= key[:-1]).all())


def sort_by_date(df: pd.DataFrame) -> pd.DataFrame:
    """The table in filter_events's order (by date_start, undated last, ties in table order)."""
    days = df["date_start"].to_numpy()
    return df if _in_date_order(days) else df.take(np.argsort(days, kind="stable"))


def date_bounds(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day any event touches, or None for an undated table."""
    start = df["date_start"].dropna()
    if start.empty:
        return None
    end = df["date_end"].dropna()
    last = max(start.max(), end.max()) if not end.empty else start.max()
    return start.min().date(), last.date()
