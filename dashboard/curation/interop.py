"""ACLED and UCDP GED tables in and out: their own column names, our precision codes mapped to theirs.

Import (`from_acled`, `from_ucdp`, or `recognise` for a table of any of the three shapes) gives the
event table's columns as text cells, like a table the command line writes, so the dashboard shows
an ACLED export or a UCDP GED file beside curated data. Export (`to_acled`, `to_ucdp`) writes a
view in their columns, our evidence in ACLED's `notes` and in UCDP's `source_article`. Column
lists follow the public codebooks (ACLED Codebook 2023, UCDP GED Codebook 24.1); the README's
"ACLED and UCDP" section documents every mapping. No ACLED or UCDP data ships with the project.
"""
from __future__ import annotations

import calendar
import csv
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import schema
from .errors import TableError
from .gazetteer import fold

COUNTRIES_CSV = Path(__file__).resolve().parents[2] / "data" / "countries.csv"

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
ACLED_REQUIRED = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "location",
                  "latitude", "longitude", "fatalities"]
UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "gwnoa", "gwnob", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
    "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
    "high", "low",
]
UCDP_REQUIRED = ["id", "type_of_violence", "where_prec", "date_prec", "date_start", "date_end", "best",
                 "latitude", "longitude", "country"]
EVENTS_REQUIRED = ["event_id", "topic", "date_start"]

# ACLED event_type (and, for strategic developments, sub_event_type) -> our topic.
ACLED_TOPICS = {
    "battles": "combat",
    "explosions/remote violence": "attack",
    "violence against civilians": "attack",
    "protests": "other",
    "riots": "other",
}
ACLED_STRATEGIC_TOPICS = {
    "agreement": "diplomacy",
    "headquarters or base established": "troop_movement",
    "non-violent transfer of territory": "troop_movement",
    "disrupted weapons use": "attack",
}
# our topic -> ACLED (disorder_type, event_type, sub_event_type)
TOPIC_TO_ACLED = {
    "attack": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "combat": ("Political violence", "Battles", "Armed clash"),
    "troop_movement": ("Strategic developments", "Strategic developments", "Headquarters or base established"),
    "diplomacy": ("Strategic developments", "Strategic developments", "Agreement"),
}
ACLED_OTHER = ("Strategic developments", "Strategic developments", "Other")
# ACLED geo_precision: 1 the town itself, 2 near a town or a small part of a region, 3 a larger region.
ACLED_GEO = {"1": "point", "2": "near", "3": "admin1"}
GEO_TO_ACLED = {"point": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3, "sea": 3}
# UCDP where_prec 1..7 -> ours (5, "part of a country", has no closer match than a region).
UCDP_GEO = {"1": "point", "2": "near", "3": "admin2", "4": "admin1", "5": "admin1", "6": "country", "7": "sea"}
# UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
UCDP_TOPICS = {"1": "combat", "2": "combat", "3": "attack"}
TOPIC_TO_UCDP = {"combat": 1, "attack": 3}


class InteropError(TableError):
    """A table is neither an event table nor an ACLED or UCDP GED export."""


def expected_columns() -> str:
    """The one-line list of what a table must have, for error messages."""
    return (f"an event table needs {', '.join(EVENTS_REQUIRED)}; an ACLED export "
            f"{', '.join(ACLED_REQUIRED)}; a UCDP GED file {', '.join(UCDP_REQUIRED)}")


def detect_format(columns) -> str | None:
    """'events', 'acled' or 'ucdp' by the columns a table has; None for an unknown shape."""
    names = {str(c).strip().lower() for c in columns}
    if set(EVENTS_REQUIRED) <= names:
        return "events"
    if set(ACLED_REQUIRED) <= names:
        return "acled"
    if set(UCDP_REQUIRED) <= names:
        return "ucdp"
    return None


def recognise(raw: pd.DataFrame) -> pd.DataFrame:
    """An event table as it is; an ACLED or UCDP table converted; else InteropError naming the columns."""
    kind = detect_format(raw.columns)
    if kind == "events":
        return raw
    if kind is None:
        raise InteropError(f"unknown table shape ({expected_columns()})")
    raw = raw.rename(columns={c: str(c).strip().lower() for c in raw.columns})
    return from_acled(raw) if kind == "acled" else from_ucdp(raw)


def load_foreign(path: str) -> pd.DataFrame:
    """Read an ACLED or UCDP CSV file (or an event table) into the event table's columns."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InteropError(f"{path}: the file does not exist; check the path") from None
    except UnicodeDecodeError:
        raise InteropError(f"{path}: the file is not UTF-8 text; save it as UTF-8 CSV") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InteropError(f"{path}: not a readable CSV table ({first})") from None
    try:
        table = recognise(raw)
    except InteropError as e:
        raise InteropError(f"{path}: {e}") from None
    return table.reindex(columns=schema.COLUMNS + [c for c in table.columns if c not in schema.COLUMNS],
                         fill_value="")


# --- countries ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name, alias or demonym -> ISO3, ISO3 -> English name) from data/countries.csv."""
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    with open(COUNTRIES_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["iso3"].strip().upper()
            names[iso3] = row["name"].strip()
            for word in [row["name"], *row.get("aliases", "").split("|"), *row.get("demonyms", "").split("|")]:
                if fold(word):
                    keys.setdefault(fold(word), iso3)
    return keys, names


@lru_cache(maxsize=4096)
def country_code(name: str) -> str:
    """ISO3 of a country name ("Russia (Soviet Union)" -> RUS), '' when unknown."""
    keys, _ = _countries()
    return keys.get(fold(re.sub(r"\(.*?\)", "", str(name))), "")


@lru_cache(maxsize=4096)
def actor_codes(text: str) -> tuple[str, ...]:
    """The countries an actor's name states ("Military Forces of Russia (2000-)" -> RUS)."""
    keys, _ = _countries()
    folded = f" {fold(str(text))} "
    found = []
    for key in sorted((k for k in keys if len(k) > 2), key=len, reverse=True):   # "north korea" before "korea"
        if f" {key} " in folded:
            folded = folded.replace(f" {key} ", "  ")
            if keys[key] not in found:
                found.append(keys[key])
    return tuple(found)


def country_name(iso3: str) -> str:
    return _countries()[1].get(str(iso3).upper(), str(iso3))


def _join_codes(*texts: str) -> str:
    codes: list[str] = []
    for text in texts:
        for part in str(text or "").split(";"):
            codes += [c for c in actor_codes(part.strip()) if c not in codes]
    return ";".join(codes)


# --- import ------------------------------------------------------------------

def _filled(table: pd.DataFrame) -> pd.DataFrame:
    """Columns a source has no value for become '' (text cells, as the command line writes them)."""
    table = table.astype(object)
    return table.where(table.notna(), "")


def _iso_day(text: str) -> str:
    """ISO day of '2024-10-21', '2024-10-21 00:00:00.000' or ACLED's older '21 October 2024'; '' if none."""
    text = str(text or "").strip()
    if not text:
        return ""
    day = pd.to_datetime(text[:10], errors="coerce", format="%Y-%m-%d")
    if pd.isna(day):
        day = pd.to_datetime(text, errors="coerce", format="mixed", dayfirst=True)
    return "" if pd.isna(day) else f"{day:%Y-%m-%d}"


def _shift(day: str, days: int) -> str:
    return f"{pd.Timestamp(day) + pd.Timedelta(days=days):%Y-%m-%d}" if day else ""


def _acled_row(row: dict) -> dict:
    day = _iso_day(row["event_date"])
    if not day:
        raise InteropError(f"ACLED event {row['event_id_cnty']!r}: event_date {row['event_date']!r} is not a date")
    precision = str(row.get("time_precision") or "1").strip()
    if precision == "2":      # "within a week": ACLED gives its middle day
        start, end, ours = _shift(day, -3), _shift(day, 3), "range"
    elif precision == "3":    # "within a month": the month of the day given
        first = pd.Timestamp(day).replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        start, end, ours = f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}", "month"
    else:
        start = end = day
        ours = "day"
    event_type = str(row["event_type"]).strip()
    sub = str(row["sub_event_type"]).strip()
    topic = ACLED_TOPICS.get(event_type.lower()) or ACLED_STRATEGIC_TOPICS.get(sub.lower(), "other")
    stamp = str(row.get("timestamp") or "").strip()
    published = (f"{pd.Timestamp(int(stamp), unit='s'):%Y-%m-%d}" if stamp.isdigit() else end)
    location = str(row["location"]).strip()
    return {
        "event_id": f"acled-{row['event_id_cnty']}", "article_id": "acled",
        "article_title": f"ACLED: {row.get('source') or 'export'}", "article_url": "", "published": published,
        "date_start": start, "date_end": end, "date_precision": ours,
        "date_text": f"ACLED time_precision {precision}", "date_method": "explicit", "status": "occurred",
        "topic": topic, "summary": f"{sub or event_type}: {location}", "location": location,
        "admin1": str(row.get("admin1") or "").strip(), "country_iso3": country_code(row["country"]),
        "latitude": row["latitude"], "longitude": row["longitude"],
        "geo_precision": ACLED_GEO.get(str(row.get("geo_precision") or "").strip(), "point"),
        "actors": _join_codes(row.get("actor1"), row.get("actor2"), row.get("assoc_actor_1"),
                              row.get("assoc_actor_2")),
        "killed": str(row["fatalities"]).strip(), "evidence": str(row.get("notes") or "").strip(),
        "char_start": 0, "char_end": 0,   # no article text: the evidence is the whole source
        "source_format": "acled",
    }


def from_acled(raw: pd.DataFrame) -> pd.DataFrame:
    """An ACLED export (its codebook's columns) as event table rows, text cells."""
    rows = [_acled_row(r) for r in raw.fillna("").astype(str).to_dict("records")]
    return _filled(pd.DataFrame(rows, columns=schema.COLUMNS + ["source_format"]))


def _ucdp_row(row: dict) -> dict:
    start, end = _iso_day(row["date_start"]), _iso_day(row["date_end"])
    if not start:
        raise InteropError(f"UCDP event {row['id']!r}: date_start {row['date_start']!r} is not a date")
    end = end or start
    prec = str(row.get("date_prec") or "1").strip()
    ours = {"1": "day", "2": "range", "3": "range", "4": "month", "5": "year"}.get(prec, "range")
    if ours == "day" and start != end:
        ours = "range"
    place = re.sub(r"\s+(town|city|village|settlement)$", "", str(row.get("where_coordinates") or "").strip()) \
        or str(row.get("adm_1") or "").strip() or str(row["country"]).strip()
    evidence = str(row.get("source_article") or "").strip() or str(row.get("where_description") or "").strip()
    return {
        "event_id": f"ucdp-{row['id']}", "article_id": "ucdp-ged",
        "article_title": str(row.get("source_headline") or "").strip() or f"UCDP GED: {row.get('conflict_name', '')}",
        "article_url": "", "published": _iso_day(row.get("source_date", "")[:10]) or end,
        "date_start": start, "date_end": end, "date_precision": ours, "date_text": f"UCDP date_prec {prec}",
        "date_method": "explicit", "status": "occurred",
        "topic": UCDP_TOPICS.get(str(row["type_of_violence"]).strip(), "combat"),
        "summary": f"{str(row.get('dyad_name') or row.get('conflict_name') or '').strip()}: {place}".strip(": "),
        "location": place, "admin1": str(row.get("adm_1") or "").strip(), "country_iso3": country_code(row["country"]),
        "latitude": row["latitude"], "longitude": row["longitude"],
        "geo_precision": UCDP_GEO.get(str(row["where_prec"]).strip(), "country"),
        "actors": _join_codes(row.get("side_a"), row.get("side_b")),
        "killed": str(row["best"]).strip(), "evidence": evidence, "char_start": 0, "char_end": 0,
        "killed_low": str(row.get("low") or "").strip(), "killed_high": str(row.get("high") or "").strip(),
        "source_format": "ucdp",
    }


def from_ucdp(raw: pd.DataFrame) -> pd.DataFrame:
    """A UCDP GED file (its codebook's columns) as event table rows; low/high kept as killed_low/high."""
    rows = [_ucdp_row(r) for r in raw.fillna("").astype(str).to_dict("records")]
    return _filled(pd.DataFrame(rows, columns=schema.COLUMNS + ["killed_low", "killed_high", "source_format"]))


# --- export ------------------------------------------------------------------

def _day_text(series: pd.Series) -> pd.Series:
    days = pd.to_datetime(series, errors="coerce")
    return days.dt.strftime("%Y-%m-%d").fillna("")


def _span_days(events: pd.DataFrame) -> pd.Series:
    start = pd.to_datetime(events["date_start"], errors="coerce")
    end = pd.to_datetime(events["date_end"], errors="coerce")
    return ((end.fillna(start) - start).dt.days + 1).fillna(1)


def acled_time_precision(events: pd.DataFrame) -> pd.Series:
    """Ours -> ACLED's time_precision: a day 1, a span of up to a week 2, anything longer 3."""
    span = _span_days(events)
    precision = events["date_precision"].astype(str)
    out = pd.Series(3, index=events.index)
    out[(precision == "day") & (span <= 1)] = 1
    out[(span > 1) & (span <= 7) & precision.isin(["day", "range"])] = 2
    return out


def ucdp_date_prec(events: pd.DataFrame) -> pd.Series:
    """Ours -> UCDP's date_prec: 1 a day, 2 up to 6 days, 3 a week, 4 a month, 5 longer."""
    span = _span_days(events)
    out = pd.Series(5, index=events.index)
    out[span <= 31] = 4
    out[span <= 7] = 3
    out[span <= 6] = 2
    out[span <= 1] = 1
    precision = events["date_precision"].astype(str)
    out[precision == "month"] = 4
    out[precision == "year"] = 5
    return out


def _text(events: pd.DataFrame, column: str) -> pd.Series:
    if column not in events.columns:
        return pd.Series("", index=events.index)
    return events[column].astype("str").replace({"nan": "", "<NA>": "", "None": ""})


def _publisher(events: pd.DataFrame) -> pd.Series:
    from .incidents import publisher
    return pd.Series([publisher(u, a) for u, a in zip(_text(events, "article_url"), _text(events, "article_id"))],
                     index=events.index)


def _figure(events: pd.DataFrame, column: str) -> pd.Series:
    if column not in events.columns:
        return pd.Series(pd.NA, index=events.index, dtype="Int64")
    return pd.to_numeric(events[column].astype("str").str.replace(",", ""), errors="coerce").round().astype("Int64")


def to_acled(events: pd.DataFrame) -> pd.DataFrame:
    """The events in ACLED's columns; evidence in `notes`, publisher and title in `source`."""
    topics = _text(events, "topic")
    kinds = topics.map(lambda t: TOPIC_TO_ACLED.get(t, ACLED_OTHER))
    actors = _text(events, "actors").str.split(";")
    first = actors.map(lambda a: a[0] if a and a[0] else "")
    second = actors.map(lambda a: a[1] if len(a) > 1 else "")
    rest = actors.map(lambda a: ";".join(a[2:]))
    start = _day_text(events["date_start"])
    n = _figure(events, "n_reports")
    notes = _text(events, "evidence") + n.map(lambda k: f" [{k} reports]" if pd.notna(k) and k > 1 else "")
    out = pd.DataFrame({
        "event_id_cnty": _text(events, "event_id"), "event_date": start, "year": start.str[:4],
        "time_precision": acled_time_precision(events),
        "disorder_type": kinds.str[0], "event_type": kinds.str[1], "sub_event_type": kinds.str[2],
        "actor1": first.map(lambda c: country_name(c) if c else ""),
        "assoc_actor_1": rest.map(lambda r: ";".join(map(country_name, r.split(";"))) if r else ""),
        "inter1": "", "actor2": second.map(lambda c: country_name(c) if c else ""), "assoc_actor_2": "",
        "inter2": "", "interaction": "", "civilian_targeting": "", "iso": "", "region": "",
        "country": _text(events, "country_iso3").map(lambda c: country_name(c) if c else ""),
        "admin1": _text(events, "admin1"), "admin2": "", "admin3": "", "location": _text(events, "location"),
        "latitude": events["latitude"], "longitude": events["longitude"],
        "geo_precision": _text(events, "geo_precision").map(GEO_TO_ACLED).fillna(3).astype(int),
        "source": _publisher(events) + ": " + _text(events, "article_title"), "source_scale": "",
        "notes": notes, "fatalities": _figure(events, "killed").fillna(0), "tags": "topic=" + topics,
        "timestamp": "",
    }, index=events.index)
    return out[ACLED_COLUMNS].reset_index(drop=True)


def to_ucdp(events: pd.DataFrame) -> pd.DataFrame:
    """The violent events (attack, combat: what GED records) in UCDP GED's columns; evidence in
    `source_article`, best/low/high from killed (and an incident's killed_low/killed_high)."""
    violent = events[_text(events, "topic").isin(list(TOPIC_TO_UCDP))]
    best = _figure(violent, "killed")
    low = _figure(violent, "killed_low").fillna(best) if "killed_low" in violent.columns else best
    high = _figure(violent, "killed_high").fillna(best) if "killed_high" in violent.columns else best
    sources = _figure(violent, "n_reports").fillna(1) if "n_reports" in violent.columns else 1
    actors = _text(violent, "actors").str.split(";")
    start = _day_text(violent["date_start"])
    end = _day_text(violent["date_end"]).where(lambda s: s != "", start)
    out = pd.DataFrame({
        "id": _text(violent, "event_id"), "relid": _text(violent, "event_id"), "year": start.str[:4],
        "active_year": "", "code_status": "", "type_of_violence": _text(violent, "topic").map(TOPIC_TO_UCDP),
        "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "", "dyad_dset_id": "",
        "dyad_new_id": "", "dyad_name": "", "side_a_dset_id": "", "side_a_new_id": "",
        "side_a": actors.map(lambda a: country_name(a[0]) if a and a[0] else ""),
        "side_b_dset_id": "", "side_b_new_id": "",
        "side_b": actors.map(lambda a: country_name(a[1]) if len(a) > 1 else ""),
        "number_of_sources": sources, "source_article": _text(violent, "evidence"),
        "source_office": _publisher(violent), "source_date": _day_text(violent["published"]),
        "source_headline": _text(violent, "article_title"), "source_original": "",
        "where_prec": _text(violent, "geo_precision").map(schema.GEO_PRECISIONS).fillna(6).astype(int),
        "gwnoa": "", "gwnob": "", "where_coordinates": _text(violent, "location"),
        "where_description": _text(violent, "summary"), "adm_1": _text(violent, "admin1"), "adm_2": "",
        "latitude": violent["latitude"], "longitude": violent["longitude"], "geom_wkt": "", "priogrid_gid": "",
        "country": _text(violent, "country_iso3").map(lambda c: country_name(c) if c else ""),
        "country_id": "", "region": "", "event_clarity": "", "date_prec": ucdp_date_prec(violent),
        "date_start": start, "date_end": end, "deaths_a": "", "deaths_b": "", "deaths_civilians": "",
        "deaths_unknown": "", "best": best, "high": high, "low": low,
    }, index=violent.index)
    return out[UCDP_COLUMNS].reset_index(drop=True)
