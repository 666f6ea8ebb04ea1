"""Read an event table (CSV or Parquet) into the dtypes the dashboard works with.

Columns are read by name: a table may carry extra columns, and optional columns it
lacks are added empty. Text cells are never missing (empty string); numbers are
nullable; dates become datetime64 so filtering is vectorised.
"""
from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from dashboard import schema

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVENTS = ROOT / "data" / "events.csv"
EVENTS_ENV = "WARNEWS_EVENTS"

# Without these a row cannot be placed on any view.
REQUIRED_COLUMNS = ["event_id", "topic", "date_start"]
DATE_COLUMNS = ["date_start", "date_end", "published"]
NUMERIC_COLUMNS = schema.INT_COLUMNS + schema.FLOAT_COLUMNS
TEXT_COLUMNS = [c for c in schema.COLUMNS if c not in NUMERIC_COLUMNS + DATE_COLUMNS]


class EventTableError(ValueError):
    """An event table is missing or malformed; the message names the file and the problem."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"Cannot read the event table {self.path}: {problem}")


def events_path(argv: Sequence[str], environ: Mapping[str, str]) -> Path:
    """The table to show: `-- --data PATH`, else $WARNEWS_EVENTS, else data/events.csv."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(list(argv))
    chosen = known.data or environ.get(EVENTS_ENV) or DEFAULT_EVENTS
    return Path(chosen).expanduser()


def empty_events() -> pd.DataFrame:
    """A table with every schema column and no rows, in the loaded dtypes."""
    return normalise_events(pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.COLUMNS}))


def load_events(path: str | os.PathLike) -> pd.DataFrame:
    """Read a CSV or Parquet event table; raise EventTableError naming the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise EventTableError(path, "the file does not exist (give another with `-- --data PATH`)")
    if path.is_dir():
        raise EventTableError(path, "this is a folder, not a CSV or Parquet file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
        elif suffix in (".parquet", ".pq"):
            raw = pd.read_parquet(path)
        else:
            raise EventTableError(path, f"unknown file type {suffix or '(none)'!r}; use .csv or .parquet")
    except EventTableError:
        raise
    except UnicodeDecodeError:
        raise EventTableError(path, "the file is not UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise EventTableError(path, "the file is empty (no header row)") from None
    except Exception as exc:  # pandas/pyarrow raise many types for a broken file
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EventTableError(path, f"the file is not a readable {suffix[1:]} table ({first_line})") from None
    try:
        return normalise_events(raw)
    except ValueError as exc:
        raise EventTableError(path, str(exc)) from None


def normalise_events(raw: pd.DataFrame) -> pd.DataFrame:
    """Schema columns in the dashboard's dtypes; ValueError names the first bad column and value."""
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"missing required column(s) {', '.join(missing)}")
    df = raw.copy()
    for column in schema.COLUMNS:
        if column not in df.columns:
            df[column] = pd.Series([None] * len(df), index=df.index, dtype=object)
    for column in TEXT_COLUMNS:
        df[column] = _text(df[column])
    for column in NUMERIC_COLUMNS:
        df[column] = _numbers(df[column], column, integer=column in schema.INT_COLUMNS)
    for column in DATE_COLUMNS:
        df[column] = _dates(df[column], column)
    extra = [c for c in df.columns if c not in schema.COLUMNS]
    return df[schema.COLUMNS + extra].reset_index(drop=True)


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str).str.strip()


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype(str).str.strip() == "")


def _first_bad(series: pd.Series, parsed: pd.Series) -> str:
    bad = parsed.isna() & ~_blank(series)
    position = int(bad.to_numpy().argmax())
    return f"{series.iloc[position]!r} (data row {position + 1})"


def _numbers(series: pd.Series, column: str, integer: bool) -> pd.Series:
    if pd.api.types.is_numeric_dtype(series):
        parsed = series
    else:
        text = _text(series).str.replace(",", "", regex=False)  # "12,000" is a number
        parsed = pd.to_numeric(text.where(text != "", None), errors="coerce")
    if (parsed.isna() & ~_blank(series)).any():
        raise ValueError(f"column {column!r} holds a non-number: {_first_bad(series, parsed)}")
    if integer:
        if ((parsed.dropna() % 1) != 0).any():
            raise ValueError(f"column {column!r} must hold whole numbers")
        return parsed.astype("Int64")
    return parsed.astype("float64")


def _dates(series: pd.Series, column: str) -> pd.Series:
    text = _text(series)
    parsed = pd.to_datetime(text.where(text != "", None), errors="coerce", format="ISO8601")
    if (parsed.isna() & (text != "")).any():
        raise ValueError(f"column {column!r} holds a date that is not ISO (YYYY-MM-DD): "
                         f"{_first_bad(text, parsed)}")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed.dt.normalize().astype("datetime64[ns]")
