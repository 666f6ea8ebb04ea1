"""Downloads of what a view shows: events CSV, aid CSV, GeoJSON, ACLED- and UCDP-style CSV.

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
TABLE_ROWS = 5_000
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
    """Safe CSV (formulas neutralised, ISO dates, UTF-8) of any table."""
    return neutralise_formulas(_dates_as_text(df)).to_csv(index=False).encode("utf-8")


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
