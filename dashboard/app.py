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
from dashboard.view import (aggregate, exports, figures, filters, incident_view, loading, names,  # noqa: E402
                            reading, review, uploads, viewstate)
from dashboard.curation.errors import CurationError  # noqa: E402

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


# Bounded: every entry holds a curated article's rows, and the cache is shared by all sessions.
@st.cache_data(show_spinner="Curating the article…", max_entries=uploads.CURATION_CACHE_ENTRIES,
               ttl=uploads.CURATION_CACHE_SECONDS)
def cached_curation(text: str, published: str, article_id: str, title: str, url: str) -> pd.DataFrame:
    return loading.normalise_events(uploads.curate_article(text, published, article_id, title, url))


# A view's aid table and figures cost about 0.4 s of CPU even for a small view, and every rerun of
# every session would pay it; users of one table look at the same views (the default one above all),
# so they are kept per view: the table's version, the articles added in the session and the filters.
# cache_resource, not cache_data: nothing here mutates a chart or the aid table (the page draws a
# chart through figures.drawable, a new top-level dict, which is all st.vega_lite_chart changes).
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


# Grouping a view's reports into incidents compares them pairwise: kept per view and corrections.
@st.cache_resource(show_spinner="Grouping reports into incidents…", max_entries=32, ttl=3600)
def cached_incidents(view: tuple, corrections: tuple, _reports: pd.DataFrame, _records: list) -> pd.DataFrame | None:
    return incident_view.incidents_of(_reports, _records)


@st.fragment
def map_panel(chart: dict) -> None:
    """The map. Its zoom is a selection Streamlit keeps when the data change (selection_mode); a zoom
    reruns only this fragment, whose chart is unchanged, so the page does not redraw."""
    st.vega_lite_chart(figures.drawable(chart), key="map_chart", width="stretch", on_select="rerun",
                       selection_mode=[figures.MAP_ZOOM])


def chart(spec: dict, key: str) -> None:
    """A chart in a container of this key (a class on the page for the browser test and benchmark)."""
    with st.container(key=key):
        st.vega_lite_chart(spec, width="stretch")


def start_session(bounds: tuple[date, date]) -> None:
    """A session's first run: filter widgets from the link it was opened with, no added articles yet."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    state = viewstate.state_from_params(params, names.country_codes())
    st.session_state.update(f_country=list(state.countries), f_topic=list(state.topics),
                            f_dates=viewstate.date_range(state, bounds), f_text=state.text, f_role=state.role,
                            f_org=list(state.organisations), event_pick=viewstate.event_from_params(params),
                            f_unit=incident_view.unit_from_params(params),
                            added_articles={}, added_events={}, seeded=True)


def reset_filters() -> None:
    st.session_state.update(f_country=[], f_topic=[], f_dates=(), f_text="", f_role="either", f_org=[],
                            event_pick=None)


def pick_from_table(event_ids: list[str]) -> None:
    rows = st.session_state["events_table"].selection.rows
    if rows:
        st.session_state["event_pick"] = event_ids[rows[0]]


def incident_panel(reports: pd.DataFrame, grouped: pd.DataFrame, incident_id: str, records: list, save,
                   where: str) -> None:
    """An incident's reports with their evidence, why they were joined, and the split/join controls;
    `save` keeps a correction record (None: this session may only view), `where` says where."""
    incident = grouped[grouped["incident_id"] == incident_id].iloc[0]
    with st.container(key="incident_panel", border=True):
        st.subheader(f"Incident: {incident['n_reports']} report(s)", anchor=False)
        if incident["joined_because"]:
            st.caption("Joined because: " + incident["joined_because"])
        table = incident_view.panel(reports, grouped, incident_id)
        st.dataframe(table, key="incident_reports", hide_index=True)
        st.caption(where)
        left, right = st.columns(2)
        labels = incident_view.report_labels(table)
        taken = left.multiselect("Reports to split off", list(labels), format_func=labels.get, key="inc_split_ids",
                                 disabled=save is None)
        others = incident_view.incident_labels(grouped, incident_id)
        other = right.selectbox("Join with incident", list(others), format_func=others.get, index=None,
                                key="inc_join_id", placeholder="choose an incident", disabled=save is None)
        try:
            if left.button("Split", key="inc_split", disabled=save is None or not taken):
                save(incident_view.split_correction(grouped, incident_id, taken))
                st.rerun()
            if right.button("Join", key="inc_join", disabled=save is None or other is None):
                save(incident_view.join_correction(grouped, incident_id, other))
                st.rerun()
            choices = incident_view.best_choices(table, "killed")
            if len(choices) > 1:
                pick = st.selectbox("Best killed figure (default: the latest report's)", list(choices),
                                    format_func=choices.get, index=None, key="inc_best_id")
                if st.button("Use as best", key="inc_best", disabled=pick is None):
                    save(incident_view.best_correction(table, pick, "killed"))
                    st.rerun()
        except incident_view.IncidentError as exc:   # a split of none or all of the reports
            st.error(str(exc), icon="⚠️")
        if save == records.append and records and st.button(f"Undo the last of {len(records)} correction(s)",
                                                            key="inc_undo"):
            records.pop()
            st.rerun()


st.set_page_config(page_title="War news events", layout="wide")
st.title("War news events", anchor="war-news-events")

path = loading.events_path(sys.argv[1:], os.environ)
modified = path.stat().st_mtime if path.is_file() else 0.0   # the table's version, for the caches
options = review.app_options(sys.argv[1:], os.environ)   # a store (-- --store PATH) replaces the table
review.sign_in_form(options)
reviewed = None
try:
    if options.store:
        reviewed = review.load_reviewed(options)
        base, path, modified = reviewed.events, options.store, float(reviewed.revision)
    else:
        base = cached_events(str(path), modified)
except (loading.EventTableError, CurationError) as exc:
    st.error(reading.plain(exc))
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
    st.multiselect("Organisation or armed group (as actor)", sorted(set(organisations) | set(st.session_state["f_org"])),
                   key="f_org", format_func=names.code_label, placeholder="all (UN, EU, G7, Hezbollah…)")
    st.multiselect("Topic", schema.TOPICS, key="f_topic", format_func=figures.topic_label,
                   placeholder="all topics")
    lo, hi = (filters.date_bounds(pd.concat([t[["date_start", "date_end"]] for t in tables]))
              or (today - timedelta(days=365), today))
    first_day, last_day = viewstate.picker_bounds((lo, hi), today, [d for d in st.session_state["f_dates"] if d])
    st.date_input("Date range", key="f_dates", min_value=first_day, max_value=last_day)
    st.text_input("Search", key="f_text", placeholder="words in summary, evidence, place, actors…",
                  max_chars=filters.MAX_QUERY_CHARS)
    if filters.bounded_query(st.session_state["f_text"])[1]:
        st.caption(f"The search uses the first {filters.MAX_QUERY_WORDS} words of its first "
                   f"{filters.MAX_QUERY_CHARS} characters.")
    st.button("Clear filters", key="f_clear", on_click=reset_filters)
    st.radio("Count", incident_view.UNITS, key="f_unit", horizontal=True,
             help="Incidents: the reports of different articles about one incident count once.")

picked_dates = list(st.session_state["f_dates"]) + [None, None]
state = filters.FilterState(tuple(st.session_state["f_country"]), tuple(st.session_state["f_topic"]),
                            picked_dates[0], picked_dates[1], st.session_state["f_text"],
                            st.session_state["f_role"], tuple(st.session_state["f_org"]))
shown = filters.filter_tables(tables, state).reset_index(drop=True)
view = (str(path), modified, uploads.added_key(st.session_state["added_articles"]), state.countries, state.topics,
        str(state.date_from), str(state.date_to), state.text, state.role, state.organisations)
reports = shown   # splits and joins: a store's corrections when the page shows one, else the session's
records = (incident_view.store_records(reviewed.everything, reviewed.corrections) if reviewed is not None
           else st.session_state.setdefault("incident_corrections", []))
grouped = (cached_incidents(view, incident_view.corrections_key(records), reports, records)
           if st.session_state["f_unit"] == "incidents" else None)
if grouped is not None:   # every figure, total, table and download below counts incidents
    shown = grouped
    view = (*view, "incidents", incident_view.corrections_key(records))
aid, figs = cached_view(view, shown, cached_extent(str(path), modified, base))

st.caption(f"{len(reports)} of {total} events · table: {reading.plain(path)}"
           + (f" · {len(added)} article(s) added in this session" if added else "")
           + (f" · counted as {len(shown)} incident(s)" if grouped is not None else "")
           + (f" · more than {incident_view.INCIDENT_MAX_REPORTS:,} reports: counted as reports, not grouped"
              if grouped is None and st.session_state["f_unit"] == "incidents" else ""))
if reviewed is not None:
    st.caption(review.reviewed_caption(reviewed))

if total == 0:
    st.info("The table has no events yet. Add an article below to curate one.", icon="📰")
elif shown.empty:
    st.info("No events match these filters. Widen the date range, remove a country or topic, "
            "or clear the search (sidebar → Clear filters).", icon="🔎")
else:
    aid_usd = {k: aggregate.format_money(pd.Series([v])).iloc[0] for k, v in aggregate.aid_totals(aid).items()}
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric("Incidents" if grouped is not None else "Events", f"{len(shown):,}")
    m2.metric("Killed", f"{int(shown['killed'].sum()):,}")
    m3.metric("Injured", f"{int(shown['injured'].sum()):,}")
    m4.metric("Aid delivered, USD", aid_usd["delivered"],
              help="Aid delivered, committed or under way, in USD at the event's date; a share of a larger "
                   "package is counted once.")
    m5.metric("Aid planned, USD", aid_usd["planned"],
              help="Announced plans and pledges not yet delivered, less their shares counted as delivered.")

    st.header("Map", anchor="map")
    map_meta = figs["map"]["usermeta"]
    map_panel(figs["map"])
    st.caption("Wheel or pinch to zoom, drag to pan, double-click to go back to the whole view.")
    if map_meta["aggregated"]:
        st.caption(f"Aggregated: {map_meta['events']:,} events are more than {figures.MAP_MARKER_LIMIT:,}, so "
                   f"the map counts them in cells of about {map_meta['cell_km']:,} km at the finest, coarser on "
                   "a wide view and splitting as you zoom in (hover a circle for its count and topics). "
                   "Narrow the filters to see single events.")
    unplaced = int(shown["latitude"].isna().sum())
    if unplaced:
        st.caption(f"{unplaced} event(s) without a place are not on the map.")

    events_column, casualties_column = st.columns([3, 2])
    with events_column:
        st.header("Timeline", anchor="timeline")
        timeline_meta = figs["timeline"]["usermeta"]
        chart(figures.drawable(figs["timeline"]), "timeline_chart")
        if timeline_meta["aggregated"]:
            st.caption(f"Aggregated: more than {figures.TIMELINE_EVENT_LIMIT:,} events, so the timeline counts "
                       f"them per {timeline_meta['bin']} and topic, each on its first day.")
        elif timeline_meta["continuing"]:
            st.caption(f"{timeline_meta['continuing']} long span(s) run past the edge (◀ ▶): the "
                       "timeline opens on the days the other events fall on. Zoom out (wheel) to see them whole.")
    with casualties_column:
        st.header("Killed and injured", anchor="casualties")
        per_column, by_column = st.columns(2)
        per = per_column.radio("per", list(aggregate.CASUALTY_BINS), key="cas_bin", horizontal=True)
        by = by_column.radio("by", list(aggregate.CASUALTY_GROUPS), key="cas_by", horizontal=True)
        casualties_fig = cached_casualties(view, per, by, shown)
        if casualties_fig is None:
            st.info("No killed or injured stated in this view.")
        else:
            chart(figures.drawable(casualties_fig), "casualties_chart")
            if casualties_fig["usermeta"]["bin"] != per:
                st.caption(f"Per {casualties_fig['usermeta']['bin']}: too many {per}s to draw one by one.")

    left, right = st.columns(2)
    with left:
        st.header("Aid by donor", anchor="aid")
        if figs["aid"] is None:
            st.info("No aid money in this view.")
        else:
            chart(figures.drawable(figs["aid"]), "aid_chart")
            inside = int((~aid["counted"]).sum())
            if inside:
                st.caption(f"{inside} share(s) of a larger package are inside that package's total, not added again.")
    with right:
        st.header("Munitions and troops", anchor="quantities")
        quantities_fig = figs["quantities"]
        if quantities_fig is None:
            st.info("No munitions or troop figures in this view.")
        else:
            chart(figures.drawable(quantities_fig), "quantities_chart")
            if quantities_fig["usermeta"]["aggregated"]:
                st.caption(f"Aggregated: {figs['quantity_rows']:,} figures, so each bar sums one actor's.")

    st.header("Events", anchor="events")
    listed = shown.head(exports.TABLE_ROWS)   # the browser gets at most this many rows
    if len(listed) < len(shown):
        st.caption(f"The table lists the first {len(listed):,} of {len(shown):,} events in date order; "
                   "narrow the filters to list the others.")
    ids = listed["event_id"].astype(str).tolist()
    st.dataframe(exports.event_table(listed, ["n_reports"] if grouped is not None else []), key="events_table",
                 on_select=partial(pick_from_table, ids),
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
        article = (review.load_article(options, row["article_id"]) if reviewed is not None else None) \
            or reading.load_article(row["article_id"], reading.seed_dirs(os.environ), st.session_state["added_articles"])
        if article is None:
            st.warning(reading.plain(f"The text of article {row['article_id']!r} is not available; "
                                     f"the evidence is: {row['evidence']}"))
        else:
            with st.container(key="article_view", border=True):
                st.markdown(reading.article_html(article, row["char_start"], row["char_end"], row["evidence"]),
                            unsafe_allow_html=True)
        if grouped is not None:
            editor = review.signed_in_editor(options) if reviewed is not None else None
            if reviewed is None:
                save, where = records.append, "Splits and joins are kept for this session only: no store is configured."
            elif editor:
                save = partial(incident_view.save_to_store, options.store, editor, reviewed.everything)
                where = f"Splits and joins are saved in the store as corrections by {editor}."
            else:
                save, where = None, "View only: start the page with --edit (and sign in) to split or join incidents."
            incident_panel(reports, grouped, event, records, save, where)

    st.header("Downloads", anchor="downloads")
    if len(shown) > exports.DOWNLOAD_ROWS:
        st.caption(f"Each download holds at most {exports.DOWNLOAD_ROWS:,} rows, the first in date order: "
                   "narrow the filters to download the others (the loaded file has them all).")
    d1, d2, d3, d4, d5 = st.columns(5)
    first = shown.head(exports.DOWNLOAD_ROWS)   # made only when a button is pressed
    d1.download_button("Events (CSV)", partial(exports.events_csv, first), "events.csv", "text/csv",
                       key="dl_events", on_click="ignore")
    d2.download_button("Aid (CSV)", partial(exports.aid_csv, aid.head(exports.DOWNLOAD_ROWS)), "aid.csv",
                       "text/csv", key="dl_aid", on_click="ignore")
    d3.download_button("Events (GeoJSON)", partial(exports.events_geojson, first), "events.geojson",
                       "application/geo+json", key="dl_geojson", on_click="ignore")
    d4.download_button("ACLED-style CSV", partial(exports.acled_csv, first), "events-acled.csv", "text/csv",
                       key="dl_acled", on_click="ignore")
    d5.download_button("UCDP-style CSV", partial(exports.ucdp_csv, first), "events-ucdp.csv", "text/csv",
                       key="dl_ucdp", on_click="ignore")

if reviewed is not None:
    review.render_review(options, reviewed)

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
        uploads.check_room(st.session_state["added_articles"], article_id)
        new_events = cached_curation(text, day, article_id, title, url)
        saved = review.save_added_article(options, text, day, article_id, title, url, new_events) if reviewed else ""
    except (uploads.UploadError, ValueError, CurationError) as exc:
        st.error(reading.plain(exc), icon="⚠️")
    else:
        if saved:   # into the store: every session sees it, and so does the next start
            st.session_state["flash"] = saved
            st.rerun()
        st.session_state["added_articles"][article_id] = reading.Article(article_id, text, title, url, day)
        st.session_state["added_events"][article_id] = new_events
        st.session_state["flash"] = f"Added {len(new_events)} event(s) from the article (this session only)."
        st.rerun()

st.query_params.from_dict({**viewstate.params_from_state(state, st.session_state.get("event_pick")),
                           **incident_view.unit_params(st.session_state["f_unit"])})
