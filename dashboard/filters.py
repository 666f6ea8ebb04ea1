"""Which events a view shows: country, topic, date range and free-text search.

Every filter is a vectorised boolean mask over the whole table (no per-row Python),
so the same code serves the seed table and a million-row one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

# Columns the free-text search looks in.
SEARCH_COLUMNS = ["summary", "evidence", "location", "admin1", "country_iso3", "actors",
                  "donor", "recipient", "part_of", "quantities", "article_title", "topic"]


@dataclass(frozen=True)
class FilterState:
    """One view of the table; empty fields mean 'no restriction'."""

    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


def split_codes(series: pd.Series) -> pd.Series:
    """`;`-separated codes -> one row per code (index repeated), upper-cased, blanks dropped."""
    codes = series.fillna("").astype(str).str.split(";").explode().str.strip().str.upper()
    return codes[codes != ""]


def country_options(df: pd.DataFrame) -> list[str]:
    """Every code a user can filter on: location countries and actors (countries and organisations)."""
    codes = pd.concat([split_codes(df["country_iso3"]), split_codes(df["actors"])])
    return sorted(codes.unique().tolist())


def country_mask(df: pd.DataFrame, countries) -> pd.Series:
    """An event matches when its location country or one of its actors is among `countries`."""
    wanted = sorted({c.strip().upper() for c in countries if c and c.strip()})
    if not wanted:
        return pd.Series(True, index=df.index)
    in_place = df["country_iso3"].fillna("").astype(str).str.strip().str.upper().isin(wanted)
    # ";PRK;RUS;" holds ";PRK;" exactly when PRK is one whole code (plain substring search is fast)
    padded = ";" + df["actors"].fillna("").astype(str).str.replace(" ", "", regex=False).str.upper() + ";"
    for code in wanted:
        in_place |= padded.str.contains(f";{code};", regex=False)
    return in_place


def topic_mask(df: pd.DataFrame, topics) -> pd.Series:
    wanted = set(topics)
    if not wanted:
        return pd.Series(True, index=df.index)
    return df["topic"].isin(wanted)


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


def text_mask(df: pd.DataFrame, text: str) -> pd.Series:
    """Case-insensitive match of every word of `text` somewhere in the searchable columns."""
    words = text.split()
    if not words:
        return pd.Series(True, index=df.index)
    columns = [df[c].fillna("").astype(str) for c in SEARCH_COLUMNS if c in df.columns]
    mask = pd.Series(True, index=df.index)
    for word in words:
        anywhere = pd.Series(False, index=df.index)
        for column in columns:
            anywhere |= column.str.contains(word, case=False, regex=False)
        mask &= anywhere
    return mask


def filter_events(df: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The rows of `df` that the view `state` shows, in date order."""
    mask = (country_mask(df, state.countries) & topic_mask(df, state.topics)
            & date_mask(df, state.date_from, state.date_to) & text_mask(df, state.text))
    rows = np.flatnonzero(mask.to_numpy())
    # one take of the matching rows in date order (undated last), ties kept in table order
    order = np.argsort(df["date_start"].to_numpy()[rows], kind="stable")
    return df.take(rows[order])


def date_bounds(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day any event touches, or None for an undated table."""
    start = df["date_start"].dropna()
    if start.empty:
        return None
    end = df["date_end"].dropna()
    last = max(start.max(), end.max()) if not end.empty else start.max()
    return start.min().date(), last.date()
