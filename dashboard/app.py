"""War-news events dashboard: `streamlit run dashboard/app.py [-- --data PATH]`.

This file only composes widgets; loading, filtering, aggregation, figures and exports
are plain functions in their own modules. The view (filters and the selected event)
lives in the URL query parameters, so it can be shared as a link.
"""
from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `streamlit run` puts only dashboard/ on the path

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard.curation import schema  # noqa: E402
from dashboard.view import (aggregate, exports, figures, filters, loading, names, reading,  # noqa: E402
                            uploads, viewstate)

# The loaded table is cached with cache_resource, not cache_data, on purpose. cache_data keeps the
# table pickled and hands every rerun a fresh unpickled copy: for a million events (300 MB) that is
# 0.2 s of every filter change and twice the memory (the pickle and the copy). The table is data,
# not a connection, but it is safe to share between sessions because nothing mutates it: the
# dashboard's functions return new frames (tests/test_scale.py checks that they leave their input
# unchanged) and pandas' copy-on-write keeps a derived frame from writing into it. Keyed by path
# and modification time, so an edited file is read again; max_entries bounds the versions kept.
@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def cached_events(path: str, modified: float) -> pd.DataFrame:
    return filters.sort_by_date(loading.load_events(path))   # in view order: a view is a mask, not a sort


@st.cache_data(show_spinner="Curating the article…")
def cached_curation(text: str, published: str, article_id: str, title: str, url: str) -> pd.DataFrame:
    return loading.normalise_events(uploads.curate_article(text, published, article_id, title, url))


# A view's aid table and figures cost about 0.4 s of CPU even for a small view, and every rerun of
# every session would pay it; users of one table look at the same views (the default one above all),
# so they are kept per view: the table's version, the articles added in the session and the filters.
# cache_resource, not cache_data: unpickling a cached plotly figure re-validates it (0.1 s), and
# nothing here mutates a figure or the aid table (st.plotly_chart copies a figure to serialise it).
@st.cache_resource(show_spinner=False, max_entries=32, ttl=3600)
def cached_view(view: tuple, _shown: pd.DataFrame, _extent: tuple) -> tuple[pd.DataFrame, dict]:
    aid = aggregate.aid_table(_shown)
    return aid, figures.view_figures(_shown, aid, _extent)


@st.cache_resource(show_spinner=False, max_entries=32, ttl=3600)
def cached_casualties(view: tuple, per: str, by: str, _shown: pd.DataFrame):
    return figures.casualties_figure(_shown, per, by)


# The map opens on the whole table's events in every view, so a filter change keeps the user's zoom.
@st.cache_resource(show_spinner=False, max_entries=2)
def cached_extent(path: str, modified: float, _base: pd.DataFrame) -> tuple:
    return figures.map_extent(_base)


def start_session(bounds: tuple[date, date]) -> None:
    """A session's first run: filter widgets from the link it was opened with, no added articles yet."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    state = viewstate.state_from_params(params, names.country_codes())
    st.session_state.update(f_country=list(state.countries), f_topic=list(state.topics),
                            f_dates=viewstate.date_range(state, bounds), f_text=state.text, f_role=state.role,
                            f_org=list(state.organisations), event_pick=viewstate.event_from_params(params),
                            added_articles={}, added_events={}, seeded=True)


def reset_filters() -> None:
    st.session_state.update(f_country=[], f_topic=[], f_dates=(), f_text="", f_role="either", f_org=[],
                            event_pick=None)


def pick_from_table(event_ids: list[str]) -> None:
    rows = st.session_state["events_table"].selection.rows
    if rows:
        st.session_state["event_pick"] = event_ids[rows[0]]


st.set_page_config(page_title="War news events", layout="wide")
st.title("War news events", anchor="war-news-events")

path = loading.events_path(sys.argv[1:], os.environ)
modified = path.stat().st_mtime if path.is_file() else 0.0   # the table's version, for the caches
try:
    base = cached_events(str(path), modified)
except loading.EventTableError as exc:
    st.error(str(exc))
    base = loading.empty_events()

today = date.today()
if "seeded" not in st.session_state:
    start_session(filters.date_bounds(base) or (today - timedelta(days=365), today))
added = st.session_state["added_events"]
tables = [base, *added.values()]   # filtered one by one: the loaded table is never copied to add to it
total = sum(len(table) for table in tables)

with st.sidebar:
    st.header("Filters", anchor="filters")
    countries, organisations = filters.split_options(
        set().union(*(filters.country_options(table) for table in tables)), names.country_codes())
    st.multiselect("Country", sorted(set(countries) | set(st.session_state["f_country"])), key="f_country",
                   format_func=names.searchable_label, placeholder="all countries (name, UK, British…)")
    st.radio("…as the event's", list(filters.ROLES), key="f_role", format_func=filters.ROLES.get, horizontal=True)
    st.multiselect("Organisation (as actor)", sorted(set(organisations) | set(st.session_state["f_org"])),
                   key="f_org", format_func=names.code_label, placeholder="all organisations (UN, EU, G7…)")
    st.multiselect("Topic", schema.TOPICS, key="f_topic", format_func=figures.topic_label,
                   placeholder="all topics")
    lo, hi = (filters.date_bounds(pd.concat([t[["date_start", "date_end"]] for t in tables]))
              or (today - timedelta(days=365), today))
    first_day, last_day = viewstate.picker_bounds((lo, hi), today, [d for d in st.session_state["f_dates"] if d])
    st.date_input("Date range", key="f_dates", min_value=first_day, max_value=last_day)
    st.text_input("Search", key="f_text", placeholder="words in summary, evidence, place, actors…",
                  max_chars=filters.MAX_QUERY_CHARS)
    st.button("Clear filters", key="f_clear", on_click=reset_filters)

picked_dates = list(st.session_state["f_dates"]) + [None, None]
state = filters.FilterState(tuple(st.session_state["f_country"]), tuple(st.session_state["f_topic"]),
                            picked_dates[0], picked_dates[1], st.session_state["f_text"],
                            st.session_state["f_role"], tuple(st.session_state["f_org"]))
shown = filters.filter_tables(tables, state).reset_index(drop=True)
view = (str(path), modified, tuple(added), state.countries, state.topics,
        str(state.date_from), str(state.date_to), state.text, state.role, state.organisations)
aid, figs = cached_view(view, shown, cached_extent(str(path), modified, base))

st.caption(f"{len(shown)} of {total} events · table: {path}"
           + (f" · {len(added)} article(s) added in this session" if added else ""))

if total == 0:
    st.info("The table has no events yet. Add an article below to curate one.", icon="📰")
elif shown.empty:
    st.info("No events match these filters. Widen the date range, remove a country or topic, "
            "or clear the search (sidebar → Clear filters).", icon="🔎")
else:
    aid_usd = {k: aggregate.format_money(pd.Series([v])).iloc[0] for k, v in aggregate.aid_totals(aid).items()}
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric("Events", f"{len(shown):,}")
    m2.metric("Killed", f"{int(shown['killed'].sum()):,}")
    m3.metric("Injured", f"{int(shown['injured'].sum()):,}")
    m4.metric("Aid delivered, USD", aid_usd["delivered"],
              help="Aid delivered, committed or under way, in USD at the event's date; a share of a larger "
                   "package is counted once.")
    m5.metric("Aid planned, USD", aid_usd["planned"],
              help="Announced plans and pledges not yet delivered, less their shares counted as delivered.")

    st.header("Map", anchor="map")
    map_fig = figs["map"]
    st.plotly_chart(map_fig, key="map_chart", config=figures.MAP_CONFIG)
    st.html(viewstate.map_view_script("map_chart"), unsafe_allow_javascript=True)   # zoom kept across reruns
    if map_fig.layout.meta["aggregated"]:
        st.caption(f"Aggregated: {map_fig.layout.meta['events']:,} events are more than "
                   f"{figures.MAP_MARKER_LIMIT:,}, so the map counts them in {map_fig.layout.meta['marks']:,} "
                   "cells (hover a circle for its count and topics). Narrow the filters to see single events.")
    unplaced = int(shown["latitude"].isna().sum())
    if unplaced:
        st.caption(f"{unplaced} event(s) without a place are not on the map.")

    events_column, casualties_column = st.columns([3, 2])
    with events_column:
        st.header("Timeline", anchor="timeline")
        timeline_fig = figs["timeline"]
        st.plotly_chart(timeline_fig, key="timeline_chart")
        if timeline_fig.layout.meta["aggregated"]:
            st.caption(f"Aggregated: more than {figures.TIMELINE_EVENT_LIMIT:,} events, so the timeline counts "
                       f"them per {timeline_fig.layout.meta['bin']} and topic, each on its first day.")
        elif timeline_fig.layout.meta["continuing"]:
            st.caption(f"{timeline_fig.layout.meta['continuing']} long span(s) run past the edge (◀ ▶): the "
                       "timeline opens on the days the other events fall on. Zoom out to see them whole.")
    with casualties_column:
        st.header("Killed and injured", anchor="casualties")
        per_column, by_column = st.columns(2)
        per = per_column.radio("per", list(aggregate.CASUALTY_BINS), key="cas_bin", horizontal=True)
        by = by_column.radio("by", list(aggregate.CASUALTY_GROUPS), key="cas_by", horizontal=True)
        casualties_fig = cached_casualties(view, per, by, shown)
        if casualties_fig is None:
            st.info("No killed or injured stated in this view.")
        else:
            st.plotly_chart(casualties_fig, key="casualties_chart")
            if casualties_fig.layout.meta["bin"] != per:
                st.caption(f"Per {casualties_fig.layout.meta['bin']}: too many {per}s to draw one by one.")

    left, right = st.columns(2)
    with left:
        st.header("Aid by donor", anchor="aid")
        if figs["aid"] is None:
            st.info("No aid money in this view.")
        else:
            st.plotly_chart(figs["aid"], key="aid_chart")
            inside = int((~aid["counted"]).sum())
            if inside:
                st.caption(f"{inside} share(s) of a larger package are inside that package's total, not added again.")
    with right:
        st.header("Munitions and troops", anchor="quantities")
        quantities_fig = figs["quantities"]
        if quantities_fig is None:
            st.info("No munitions or troop figures in this view.")
        else:
            st.plotly_chart(quantities_fig, key="quantities_chart")
            if quantities_fig.layout.meta["aggregated"]:
                st.caption(f"Aggregated: {figs['quantity_rows']:,} figures, so each bar sums one actor's.")

    st.header("Events", anchor="events")
    listed = shown.head(exports.TABLE_ROWS)   # the browser gets at most this many rows
    if len(listed) < len(shown):
        st.caption(f"The table lists the first {len(listed):,} of {len(shown):,} events in date order; "
                   "narrow the filters to list the others.")
    ids = listed["event_id"].astype(str).tolist()
    st.dataframe(exports.event_table(listed), key="events_table", on_select=partial(pick_from_table, ids),
                 selection_mode="single-row", hide_index=True, placeholder="",
                 column_config={"date_start": st.column_config.DateColumn("date"),
                                "date_end": st.column_config.DateColumn("until"),
                                "amount": st.column_config.TextColumn("amount", width="small"),
                                "amount_usd": st.column_config.TextColumn("USD", width="small")})
    if st.session_state.get("event_pick") not in ids:
        st.session_state["event_pick"] = None
    labels = exports.event_labels(listed)
    event = st.selectbox("Show the article of event (or select a table row)", ids, key="event_pick",
                         index=None, format_func=labels.get, placeholder="choose an event")
    if event:
        row = listed[listed["event_id"] == event].iloc[0]
        article = reading.load_article(row["article_id"], reading.seed_dirs(os.environ),
                                       st.session_state["added_articles"])
        if article is None:
            st.warning(f"The text of article {row['article_id']!r} is not available; the evidence is: "
                       f"{row['evidence']}")
        else:
            with st.container(key="article_view", border=True):
                st.markdown(reading.article_html(article, row["char_start"], row["char_end"], row["evidence"]),
                            unsafe_allow_html=True)

    st.header("Downloads", anchor="downloads")
    if len(shown) > exports.DOWNLOAD_ROWS:
        st.caption(f"Each download holds at most {exports.DOWNLOAD_ROWS:,} rows, the first in date order: "
                   "narrow the filters to download the others (the loaded file has them all).")
    d1, d2, d3 = st.columns(3)
    first = shown.head(exports.DOWNLOAD_ROWS)   # made only when a button is pressed
    d1.download_button("Events (CSV)", partial(exports.events_csv, first), "events.csv", "text/csv",
                       key="dl_events", on_click="ignore")
    d2.download_button("Aid (CSV)", partial(exports.aid_csv, aid.head(exports.DOWNLOAD_ROWS)), "aid.csv",
                       "text/csv", key="dl_aid", on_click="ignore")
    d3.download_button("Events (GeoJSON)", partial(exports.events_geojson, first), "events.geojson",
                       "application/geo+json", key="dl_geojson", on_click="ignore")

st.header("Add an article", anchor="add-article")
if "flash" in st.session_state:
    st.success(st.session_state.pop("flash"))
with st.form("add_article"):
    pasted = st.text_area("Article text", key="add_text", height=180)
    upload = st.file_uploader("…or upload a .txt file", type=["txt"], key="add_file",
                              max_upload_size=uploads.MAX_ARTICLE_BYTES // 1_000_000)
    published = st.date_input("Publication date", value=None, key="add_published")
    title = st.text_input("Title (optional)", key="add_title")
    url = st.text_input("URL (optional)", key="add_url")
    submitted = st.form_submit_button("Curate and add", key="add_submit")
if submitted:
    try:
        text = uploads.article_text(pasted, upload.getvalue() if upload else None, upload.name if upload else "")
        day = uploads.published_iso(published)
        article_id = uploads.new_article_id(text, day)
        new_events = cached_curation(text, day, article_id, title, url)
    except (uploads.UploadError, ValueError) as exc:
        st.error(str(exc), icon="⚠️")
    else:
        st.session_state["added_articles"][article_id] = reading.Article(article_id, text, title, url, day)
        st.session_state["added_events"][article_id] = new_events
        st.session_state["flash"] = f"Added {len(new_events)} event(s) from the article (this session only)."
        st.rerun()

st.query_params.from_dict(viewstate.params_from_state(state, st.session_state.get("event_pick")))
