"""Downloads of what a view shows: events CSV, aid CSV, GeoJSON, ACLED- and UCDP-style CSV.

CSV files start with a UTF-8 byte order mark, so Excel opens them as UTF-8.
CSV cells a spreadsheet would run as a formula (first character =, +, -, @, tab or
carriage return) get a leading single quote (OWASP "CSV injection"); numeric columns
are written as numbers and left alone. GeoJSON properties are neutralised alike, since
GIS tools turn them into spreadsheet columns.

A view of a million events is not sent whole: the page lists at most TABLE_ROWS of them and
a download holds at most DOWNLOAD_ROWS rows (a 250,000-row CSV is already ~100 MB in memory).
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from dashboard.curation import interop

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# 1,000 rows of the event table are about 0.7 MB over the websocket on every rerun (5,000 were 3.4 MB,
# the most of a filter change's bytes at 200,000 events); the downloads hold the rest.
TABLE_ROWS = 1_000
DOWNLOAD_ROWS = 250_000


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix a single quote to text cells that start like a spreadsheet formula."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
            continue
        if isinstance(series.dtype, pd.CategoricalDtype):   # quote each distinct value once
            values = series.cat.categories.astype("str")
            quoted = np.where(values.str.startswith(FORMULA_START), "'" + values, values)
            if (quoted != values).any():
                out[column] = series.cat.rename_categories(list(quoted))
            continue
        text = series.astype("string")
        risky = text.str.startswith(FORMULA_START).fillna(False).astype(bool)
        if risky.any():
            out[column] = text.where(~risky, "'" + text)
    return out


def _dates_as_text(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Safe CSV (formulas neutralised, ISO dates) of any table, in UTF-8 with a byte order mark: without
    it Excel reads the file as the system's legacy code page and shows "£" and "’" as garbage. Read it
    back with encoding="utf-8-sig" (pandas' readers also drop the mark with "utf-8")."""
    return neutralise_formulas(_dates_as_text(df)).to_csv(index=False).encode("utf-8-sig")


def events_csv(events: pd.DataFrame) -> bytes:
    """The shown events as CSV, in the event table's own columns."""
    return to_csv_bytes(events)


def aid_csv(aid: pd.DataFrame) -> bytes:
    """The aid table (see aggregate.aid_table) as CSV; `counted` says whether a row enters totals."""
    return to_csv_bytes(aid)


def acled_csv(events: pd.DataFrame) -> bytes:
    """The shown events (or incidents) in ACLED's columns, our evidence in `notes` (interop.to_acled)."""
    return to_csv_bytes(interop.to_acled(events))


def ucdp_csv(events: pd.DataFrame) -> bytes:
    """The shown attacks and combat in UCDP GED's columns, our evidence in `source_article`; best/low/high
    from an incident's figures (interop.to_ucdp). GED records violence only: other topics are left out."""
    return to_csv_bytes(interop.to_ucdp(events))


def events_geojson(events: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection: one Point per event (geometry null when it has no coordinates).

    Properties are every column but latitude/longitude, text neutralised as in the CSV; they are
    serialised by pandas' JSON writer (one string per event), not as a dict per event.
    """
    table = neutralise_formulas(_dates_as_text(events.drop(columns=["latitude", "longitude"])))
    lon = events["longitude"].to_numpy(float)
    lat = events["latitude"].to_numpy(float)
    located = ~(np.isnan(lon) | np.isnan(lat))
    if len(table) == 0:
        return json.dumps({"type": "FeatureCollection", "features": []}).encode("utf-8")
    # JSON has no NaN: missing values become null (pandas writes NaN and NA as null)
    # one record per "\n": pandas escapes that in strings, but not U+2028, U+0085 and the other
    # characters str.splitlines() also breaks on
    properties = table.to_json(orient="records", lines=True, force_ascii=False, double_precision=15,
                               date_format="iso").rstrip("\n").split("\n")
    if len(properties) != len(table):
        raise ValueError(f"GeoJSON: {len(properties)} records for {len(table)} events")
    point = ('{"type": "Point", "coordinates": [' + pd.Series(np.round(lon, 6)).astype(str) + ", "
             + pd.Series(np.round(lat, 6)).astype(str) + "]}")
    geometry = point.where(located, "null")
    features = ('{"type": "Feature", "geometry": ' + geometry + ', "properties": '
                + pd.Series(properties, dtype="str") + "}")
    return ('{"type": "FeatureCollection", "features": [' + ", ".join(features.tolist()) + "]}").encode("utf-8")


# The event table as the page lists it: money as text with its currency ("GBP 2.26 bn"), its value in
# USD, who gives and who gets; raw numbers of ten digits would be clipped in a narrow column.
TABLE_COLUMNS = ["event_id", "date_start", "date_end", "status", "topic", "location", "country_iso3", "actors",
                 "killed", "injured", "amount", "amount_usd", "donor", "recipient", "quantities", "summary",
                 "evidence"]


def event_table(events: pd.DataFrame, extra: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """The listed events in TABLE_COLUMNS (then the `extra` columns, such as an incident's n_reports),
    with `amount` and `amount_usd` formatted as money text."""
    from dashboard.view.aggregate import format_money
    from dashboard.view.loading import plain
    # plain strings: a categorical column of a big table would carry every category of the whole table
    # to the browser (2.4 MB for 1,000 rows of 200,000), not only the listed rows' values
    table = plain(events[[c for c in [*TABLE_COLUMNS, *extra] if c in events.columns]]).copy()
    table["amount"] = format_money(events["amount"], events["currency"])
    table["amount_usd"] = format_money(events["amount_usd"], pd.Series("USD", index=events.index))
    for column in ("donor", "recipient"):
        table[column] = events[column].astype("string").fillna("").str.replace(";", ", ", regex=False)
    return table


def event_labels(events: pd.DataFrame, width: int = 90) -> dict[str, str]:
    """event_id -> a label for the event picker: date · place · summary, unique (a repeated label gets
    its event id), so two events of one article on one day can be told apart."""
    date = events["date_start"].dt.strftime("%Y-%m-%d").fillna("undated")
    place = events["location"].astype("string").fillna("")
    summary = events["summary"].astype("string").fillna("").str.slice(0, width)
    label = (date + " · " + place.where(place == "", place + " · ") + summary).astype(str)
    ids = events["event_id"].astype(str)
    label = label.where(~label.duplicated(keep=False), label + " [" + ids + "]")
    return dict(zip(ids, label))
