"""Downloads of what a view shows: events CSV, aid CSV and GeoJSON of the events.

CSV cells a spreadsheet would run as a formula (first character =, +, -, @, tab or
carriage return) get a leading single quote (OWASP "CSV injection"); numeric columns
are written as numbers and left alone.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix a single quote to text cells that start like a spreadsheet formula."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
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


def events_geojson(events: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection: one Point per event (geometry null when it has no coordinates)."""
    table = _dates_as_text(events)
    properties = table.drop(columns=["latitude", "longitude"])
    # JSON has no NaN: missing values become null.
    properties = properties.astype(object).where(properties.notna(), None)
    records = properties.to_dict(orient="records")
    lon = events["longitude"].to_numpy(float)
    lat = events["latitude"].to_numpy(float)
    located = ~(np.isnan(lon) | np.isnan(lat))
    features = [
        {"type": "Feature",
         "geometry": {"type": "Point", "coordinates": [round(float(x), 6), round(float(y), 6)]} if ok else None,
         "properties": {k: _plain(v) for k, v in record.items()}}
        for record, x, y, ok in zip(records, lon, lat, located)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, allow_nan=False).encode("utf-8")


def _plain(value):
    """numpy/pandas scalars -> plain JSON values."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value
