"""Read an event table (CSV or Parquet) into the dtypes the dashboard works with.

Columns are read by name: a table may carry extra columns, and optional columns it
lacks are added empty. An ACLED export or a UCDP GED CSV is recognised by its own columns and
converted (dashboard/curation/interop.py). Text cells are never missing (empty string); numbers are
nullable; dates become datetime64 so filtering is vectorised.

Large tables (CATEGORY_MIN_ROWS rows or more) keep their repetitive text columns (topic,
place, actors, article...) as pandas categoricals: a million events then take a fraction of
the memory, and a filter or a parse runs once per distinct value instead of once per row
(see `per_value`). Code that builds strings from a column takes `plain()` text first.
"""
from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.curation import interop, schema

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EVENTS = ROOT / "data" / "events.csv"
EVENTS_ENV = "WARNEWS_EVENTS"

# Without these a row cannot be placed on any view.
REQUIRED_COLUMNS = ["event_id", "topic", "date_start"]
DATE_COLUMNS = ["date_start", "date_end", "published"]
NUMERIC_COLUMNS = schema.INT_COLUMNS + schema.FLOAT_COLUMNS
TEXT_COLUMNS = [c for c in schema.COLUMNS if c not in NUMERIC_COLUMNS + DATE_COLUMNS]
# Text that may repeat from row to row ("Attack: Kharkiv" as a summary); evidence and event_id are
# unique per event. A column becomes categorical only where it pays (CATEGORY_MAX_DISTINCT).
CATEGORY_COLUMNS = [c for c in TEXT_COLUMNS if c not in ("event_id", "evidence")]
# Below this many rows plain strings are as fast and simpler to work with.
CATEGORY_MIN_ROWS = 20_000
# A column becomes categorical only if it pays: at most this share of its cells are distinct.
CATEGORY_MAX_DISTINCT = 0.5


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


def _read_csv(path: Path) -> pd.DataFrame:
    """Every cell as text; pyarrow's parser first (several times faster on big files), pandas' own
    for anything it refuses, so that a broken file gets pandas' precise error. A UTF-8 byte order mark
    (the dashboard's own downloads start with one, for Excel) is dropped, never glued to the first
    header: pandas' parser is told "utf-8-sig"; pyarrow's drops the mark by itself and, given
    "utf-8", reads the bytes as they are instead of transcoding them through Python."""
    options = dict(dtype=str, keep_default_na=False, na_values=[])
    try:
        return pd.read_csv(path, engine="pyarrow", encoding="utf-8", **options)
    except Exception:  # noqa: BLE001 - pandas' parser below reports the problem
        return pd.read_csv(path, encoding="utf-8-sig", **options)


def _read_parquet(path: Path) -> pd.DataFrame:
    """Parquet through pyarrow, repetitive text columns read straight into categoricals."""
    import pyarrow.parquet as pq
    names = set(pq.read_schema(path).names)
    return pd.read_parquet(path, read_dictionary=[c for c in CATEGORY_COLUMNS if c in names])


def load_events(path: str | os.PathLike) -> pd.DataFrame:
    """Read a CSV or Parquet event table; raise EventTableError naming the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise EventTableError(path, "the file does not exist (give another with `-- --data PATH`)")
    if path.is_dir():
        raise EventTableError(path, "this is a folder, not a CSV or Parquet file")
    if not path.is_file():  # a FIFO would hang the page, a device never end
        raise EventTableError(path, "this is not a regular file (a FIFO, device or socket); give a CSV or Parquet file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = _read_csv(path)
        elif suffix in (".parquet", ".pq"):
            raw = _read_parquet(path)
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
    if interop.detect_format(raw.columns) in ("acled", "ucdp"):   # their own column names, converted
        try:
            raw = interop.recognise(raw)
        except interop.InteropError as exc:
            raise EventTableError(path, str(exc)) from None
    try:
        return normalise_events(raw)
    except ValueError as exc:
        problem = str(exc)
        if problem.startswith("missing required column"):
            problem += f" ({interop.expected_columns()})"
        raise EventTableError(path, problem) from None


def normalise_events(raw: pd.DataFrame, categories: bool | None = None) -> pd.DataFrame:
    """Schema columns in the dashboard's dtypes; ValueError names the first bad column and value.

    `categories`: keep CATEGORY_COLUMNS as categoricals where they pay; None decides by size
    (CATEGORY_MIN_ROWS), False never, True whenever they pay.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"missing required column(s) {', '.join(missing)}")
    if categories is None:
        categories = len(raw) >= CATEGORY_MIN_ROWS
    df = raw.copy()
    for column in schema.COLUMNS:
        if column not in df.columns:
            df[column] = pd.Series([None] * len(df), index=df.index, dtype=object)
    for column in TEXT_COLUMNS:
        df[column] = _text(df[column], categorical=categories and column in CATEGORY_COLUMNS)
    for column in NUMERIC_COLUMNS:
        df[column] = _numbers(df[column], column, integer=column in schema.INT_COLUMNS)
    for column in DATE_COLUMNS:
        df[column] = _dates(df[column], column)
    extra = [c for c in df.columns if c not in schema.COLUMNS]
    return df[schema.COLUMNS + extra].reset_index(drop=True)


def _text(series: pd.Series, categorical: bool = False) -> pd.Series:
    """Stripped text, '' for missing; categorical when asked and it pays, else plain strings."""
    if isinstance(series.dtype, pd.CategoricalDtype):   # e.g. read from Parquet: clean each value once
        cleaned = np.asarray(series.cat.categories.astype("str").str.strip().tolist() + [""], dtype=object)
        codes = series.cat.codes.to_numpy()
        codes = np.where(codes < 0, len(cleaned) - 1, codes)
        used = np.bincount(codes, minlength=len(cleaned)) > 0      # (np.unique would sort every row)
        categories, inverse = np.unique(cleaned[used].astype(str), return_inverse=True)
        remap = np.full(len(cleaned), -1, dtype=np.int64)
        remap[used] = inverse
        text = pd.Series(pd.Categorical.from_codes(remap[codes], categories=pd.Index(categories, dtype="str")),
                         index=series.index)
        if categorical and len(categories) <= CATEGORY_MAX_DISTINCT * len(text):
            return text
        return text.astype("str")
    if series.dtype != "str":
        series = series.astype(object).where(series.notna(), "").astype(str)
    text = series.fillna("").str.strip()
    if categorical and len(text):
        as_category = text.astype("category")
        if len(as_category.cat.categories) <= CATEGORY_MAX_DISTINCT * len(text):
            return as_category
    return text


def concat_events(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Tables one after another, index renumbered. A categorical column of the first table stays
    categorical (pandas would turn it into strings, row by row): the other tables' values join its
    categories, after the first table's own, so that its codes stay as they are."""
    first, rest = tables[0].copy(), [table.copy() for table in tables[1:]]   # shallow: copy-on-write
    for column in first.columns:
        if not rest or not isinstance(first[column].dtype, pd.CategoricalDtype):
            continue
        values = [table[column].astype("str") for table in rest if column in table.columns]
        if not values:
            continue
        new = pd.Index(pd.concat(values).unique()).difference(first[column].cat.categories)
        if len(new):
            first[column] = first[column].cat.add_categories(new)
        for table in rest:
            if column in table.columns:
                table[column] = pd.Categorical(table[column].astype("str"), dtype=first[column].dtype)
    return pd.concat([first, *rest], ignore_index=True)


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """The table with categorical columns as plain strings, for code that builds text from them."""
    columns = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    return df.astype({c: "str" for c in columns}) if columns else df


def per_value(series: pd.Series, func) -> pd.Series:
    """func (distinct strings -> values) applied once per distinct value, spread back to every row.

    For a categorical the distinct values are its categories; a plain column is factorised first.
    A mask or a parse of a million rows then costs as much as one over their few thousand values.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, values = series.cat.codes.to_numpy(), pd.Series(series.cat.categories.astype("str"))
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        values = pd.Series(uniques, dtype="str") if len(uniques) else pd.Series([], dtype="str")
    result = pd.Series(func(values.fillna(""))).to_numpy()
    missing = codes < 0
    if missing.any():   # a missing cell counts as ''
        result = np.append(result, pd.Series(func(pd.Series([""], dtype="str"))).to_numpy())
        codes = np.where(missing, len(values), codes)
    return pd.Series(result[codes], index=series.index)


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype(str).str.strip() == "")


def _first_bad(series: pd.Series, parsed: pd.Series) -> str:
    bad = parsed.isna() & ~_blank(series)
    position = int(bad.to_numpy().argmax())
    return f"{series.iloc[position]!r} (data row {position + 1})"


def _numbers(series: pd.Series, column: str, integer: bool) -> pd.Series:
    if pd.api.types.is_numeric_dtype(series):
        parsed = series
        if integer and ((parsed.dropna() % 1) != 0).any():
            raise ValueError(f"column {column!r} must hold whole numbers")
        if integer and (parsed.abs() >= 2 ** 63).any():
            raise ValueError(f"column {column!r} holds a number too large for a count or an offset")
        return parsed.astype("Int64" if integer else "float64")
    else:
        text = _text(series).str.replace(",", "", regex=False)  # "12,000" is a number
        parsed = pd.to_numeric(text.where(text != "", None), errors="coerce")
    if (parsed.isna() & ~_blank(series)).any():
        raise ValueError(f"column {column!r} holds a non-number: {_first_bad(series, parsed)}")
    if integer:
        if ((parsed.dropna() % 1) != 0).any():
            raise ValueError(f"column {column!r} must hold whole numbers")
        huge = parsed.abs() >= 2 ** 63
        if huge.any():
            raise ValueError(f"column {column!r} holds a number too large: {_first_bad(series, parsed.where(~huge))}")
        return parsed.astype("Int64")
    return parsed.astype("float64")


def _is_iso_day(value: str) -> bool:
    import datetime as dt
    try:
        dt.date.fromisoformat(str(value)[:10])
        return True
    except ValueError:
        return False


def _parse_days(days: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(days.where(days != "", None), errors="coerce", format="ISO8601")
    # pandas keeps 9999-12-31 at a coarser unit, but the dashboard's nanosecond dates stop in 2262
    return parsed.where(parsed.isna() | parsed.dt.year.between(1678, 2261))


def _dates(series: pd.Series, column: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_localize(None)
        return parsed.dt.normalize().astype("datetime64[ns]")
    text = _text(series)
    # a table has a few thousand distinct days: parse each once
    parsed = per_value(text, _parse_days)
    parsed = pd.to_datetime(parsed)
    # A real date outside pandas' 1677-2262 (a typo such as 9999-12-31) leaves its event undated
    # instead of refusing the whole table; text that is no date at all still does.
    unread = parsed.isna() & (text != "")
    if unread.any():
        unread &= ~per_value(text.where(unread, ""), lambda days: days.map(_is_iso_day))
    if unread.any():
        raise ValueError(f"column {column!r} holds a date that is not ISO (YYYY-MM-DD): "
                         f"{_first_bad(text, pd.Series(np.where(unread, np.nan, 0.0), index=text.index))}")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed.dt.normalize().astype("datetime64[ns]")
