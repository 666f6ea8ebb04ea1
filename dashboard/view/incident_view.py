"""The dashboard's incident view: a view's reports grouped into incidents, and an incident's panel.

The grouping itself is dashboard/curation/incidents.py; this module decides when the page groups
(up to INCIDENT_MAX_REPORTS reports: grouping compares reports pairwise within a topic family,
a country and overlapping dates, which a million rows would make too slow for a page), and shapes
what the panel and the split/join controls show. No Streamlit here: app.py draws it.
"""
from __future__ import annotations

import pandas as pd

from dashboard.curation import incidents
from dashboard.view import filters

INCIDENT_MAX_REPORTS = 5_000
UNITS = ("incidents", "reports")
IncidentError = incidents.IncidentError
PANEL_COLUMNS = ["publisher", "published", "article_title", "date_start", "location", "killed", "injured",
                 "amount", "currency", "evidence"]


def unit_from_params(params: dict[str, list[str]]) -> str:
    """What a shared link counts: `?count=reports`, else incidents (the default, left out of links)."""
    wanted = (params.get("count") or [UNITS[0]])[-1]
    return wanted if wanted in UNITS else UNITS[0]


def unit_params(unit: str) -> dict[str, str]:
    return {} if unit == UNITS[0] else {"count": unit}


def corrections_key(corrections) -> tuple:
    """A hashable version of a list of correction records (for the page's caches)."""
    return tuple((c["kind"], tuple(c["event_ids"]), tuple(c.get("apart_from") or ()), c.get("field", ""))
                 for c in corrections)


def incidents_of(reports: pd.DataFrame, corrections=()) -> pd.DataFrame | None:
    """The reports grouped into incidents, in date order; None when there are too many to group here."""
    if len(reports) > INCIDENT_MAX_REPORTS:
        return None
    return filters.sort_by_date(incidents.group_incidents(reports.reset_index(drop=True), corrections)
                                ).reset_index(drop=True)


def panel(reports: pd.DataFrame, grouped: pd.DataFrame, incident_id: str) -> pd.DataFrame:
    """An incident's reports for its panel: who published what, when, with which figures and evidence."""
    table = incidents.incident_reports(reports, grouped, incident_id)
    for column in ("published", "date_start"):
        if pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
    return table[["event_id"] + PANEL_COLUMNS]


def report_labels(table: pd.DataFrame) -> dict[str, str]:
    """event_id -> 'publisher · date · place' for choosing reports to split off."""
    return {row.event_id: f"{row.publisher} · {row.published} · {row.location}" for row in table.itertuples()}


def incident_labels(grouped: pd.DataFrame, except_id: str) -> dict[str, str]:
    """incident_id -> a short label, for choosing the incident to join with."""
    others = grouped[grouped["incident_id"] != except_id]
    days = pd.to_datetime(others["date_start"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("undated")
    return dict(zip(others["incident_id"], days + " · " + others["summary"].astype(str).str.slice(0, 80)))


def split_correction(grouped: pd.DataFrame, incident_id: str, taken: list[str], editor: str = "") -> dict:
    """The record that takes `taken` reports out of an incident (apart from the rest of it)."""
    ids = _report_ids(grouped, incident_id)
    rest = [e for e in ids if e not in set(taken)]
    if not taken or not rest:
        raise incidents.IncidentError("choose some of the incident's reports to split off, not none or all")
    return incidents.correction("split", taken, apart_from=rest, editor=editor)


def join_correction(grouped: pd.DataFrame, incident_id: str, other_id: str, editor: str = "") -> dict:
    """The record that joins two incidents (every report of both)."""
    return incidents.correction("join", _report_ids(grouped, incident_id) + _report_ids(grouped, other_id),
                                editor=editor)


def best_choices(table: pd.DataFrame, field: str) -> dict[str, str]:
    """event_id -> 'figure · publisher · date' of the panel's reports that state `field`."""
    stated = table[pd.to_numeric(table[field], errors="coerce").notna()]
    return {row["event_id"]: f"{int(float(row[field]))} · {row['publisher']} · {row['published']}"
            for _, row in stated.iterrows()}


def best_correction(table: pd.DataFrame, event_id: str, field: str, editor: str = "") -> dict:
    """The record that makes one report's figure its incident's best."""
    if event_id not in set(table["event_id"]):
        raise incidents.IncidentError(f"report {event_id!r} is not one of this incident's; choose a listed one")
    return incidents.correction("best", [event_id], field=field, editor=editor)


_ANCHOR_COLUMNS = ["event_id", "article_id", "char_start", "char_end", "location", "engine_location"]


def _anchor_rows(events: pd.DataFrame) -> list[dict]:
    """What a store's correction targets need of each row, as text ('' for a missing offset)."""
    table = events[[c for c in _ANCHOR_COLUMNS if c in events.columns]]
    return table.astype("string").fillna("").to_dict("records")


def store_records(events: pd.DataFrame, corrections) -> list[dict]:
    """A store's splits and joins (dashboard.store corrections of kind join/split) as incident records,
    their reports resolved to the current event ids, so they hold after re-curation."""
    from dashboard import store as stx
    groups = [c for c in corrections if c.kind in stx.GROUP_KINDS]
    if not groups:
        return []
    out = []
    for c, ids in stx.resolve_groups(_anchor_rows(events), groups):
        record = incidents.from_store_group(c.kind, ids, c.new or "", c.note, c.author, c.created_at)
        if record is not None:
            out.append(record)
    return out


def save_to_store(target: str, editor: str, events: pd.DataFrame, record: dict) -> None:
    """Save a split or join record into the store as one group correction (targets: event_ids, then
    apart_from; incidents.store_label says how many were taken out)."""
    from dashboard import store as stx
    ids = record["event_ids"] + record["apart_from"]
    by_id = {row["event_id"]: row for row in _anchor_rows(events[events["event_id"].isin(ids)])}
    rows = [by_id[e] for e in ids if e in by_id]
    correction = stx.group_correction(rows, record["kind"], editor, note=record.get("note", ""),
                                      label=incidents.store_label(record))
    with stx.open_store(target) as store:
        stx.save_corrections(store, [correction])


def _report_ids(grouped: pd.DataFrame, incident_id: str) -> list[str]:
    found = grouped.loc[grouped["incident_id"] == incident_id, "report_ids"]
    if found.empty:
        raise incidents.IncidentError(f"no incident {incident_id!r} in this view; choose a listed one")
    return str(found.iloc[0]).split(";")
