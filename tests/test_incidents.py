"""Incidents: reports of one incident from different articles become one row, near-misses stay apart.

Every article here is written for these tests and curated by the real engine (curate_text), so a
change in what the engine extracts shows up here as well as a change in the grouping.
"""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from dashboard.curation import curate_text, schema
from dashboard.curation.errors import IncidentError
from dashboard.curation.incidents import (INCIDENT_COLUMNS, check_correction, correction, correction_from_row,
                                          correction_row, from_store_group, group_incidents, incident_reports,
                                          store_label)
from dashboard.view.loading import normalise_events

ARTICLES = {
    # one hospital strike, three articles, different wording and figures
    "hosp_a": ("2025-03-11", "A Russian missile struck a hospital in Kharkiv on Monday, killing two people and "
                             "injuring 11, the regional governor said.", "https://news.example.com/a"),
    "hosp_b": ("2025-03-11", "Three people were killed and 14 injured when a missile hit a hospital in Kharkiv "
                             "on Monday, officials said.", "https://www.wire.example.org/b"),
    # a roundup with two strikes on the same city and day, told apart by their targets
    "two_strikes": ("2025-03-11", "On Monday a missile hit a hospital in Kharkiv, killing two people. Later on "
                                  "Monday a drone struck a power plant in Kharkiv, injuring three workers.", ""),
    "plant": ("2025-03-11", "A Russian drone struck a power plant in Kharkiv on Monday, injuring three workers.", ""),
    # spellings: Kiev / Kyiv, Odessa / Odesa (and a town inside the oblast another report names)
    "kiev": ("2025-03-11", "Drones attacked Kiev overnight, injuring four people, the city's mayor said.", ""),
    "kyiv": ("2025-03-12", "On Tuesday, a drone attack on Kyiv injured five people.", ""),
    "odessa": ("2025-03-10", "A Russian drone strike damaged the port of Odessa on Sunday, injuring one worker.", ""),
    "odesa_oblast": ("2025-03-10", "On Sunday, a drone hit port facilities in Odesa Oblast, injuring one person.", ""),
    # a planned meeting and the report of it
    "meeting_planned": ("2025-05-05", "The foreign ministers of Turkey and Ukraine are set to meet in Ankara on "
                                      "Wednesday.", ""),
    "meeting_held": ("2025-05-08", "Ukraine's foreign minister met his Turkish counterpart in Ankara on "
                                   "Wednesday.", ""),
    # a loan reported three times is one loan
    "loan_a": ("2025-04-18", "Japan will lend Ukraine $3 billion backed by frozen Russian assets, Tokyo said on "
                             "Friday.", ""),
    "loan_b": ("2025-04-19", "Tokyo has agreed a loan of $3 billion to Ukraine, the finance ministry said on "
                             "Friday.", ""),
    "loan_c": ("2025-04-20", "On Friday Japan agreed to lend $3 billion to Ukraine.", ""),
    # near-misses
    "aid_400": ("2025-03-11", "The United States announced a $400 million military aid package for Ukraine on "
                              "Monday.", ""),
    "aid_725": ("2025-03-11", "On Monday the US announced a $725 million military aid package for Ukraine.", ""),
    "kharkiv_thursday": ("2025-03-14", "A Russian missile struck a hospital in Kharkiv on Thursday, injuring "
                                       "seven people.", ""),
    "kherson_monday": ("2025-03-11", "A Russian missile struck a hospital in Kherson on Monday, killing two "
                                     "people.", ""),
    "mall": ("2025-03-11", "A Russian missile struck a shopping mall in Kharkiv on Monday, killing two "
                           "people.", ""),
    "power_station": ("2025-03-11", "A Russian drone struck a power station in Kharkiv on Monday, injuring three "
                                    "workers.", ""),
    "rail_station": ("2025-03-11", "A Russian drone hit a railway station in Kharkiv on Monday, injuring three "
                                   "workers.", ""),
    "talks_swiss": ("2025-03-11", "Ukraine's foreign minister met his Swiss counterpart in Kyiv on Monday.", ""),
    "talks_turkish": ("2025-03-11", "Ukraine's foreign minister met his Turkish counterpart in Kyiv on Monday.", ""),
    "roundup_mon": ("2025-03-11", "Over the past day, Russian shelling of Kherson injured two people, the "
                                  "governor said.", ""),
    "roundup_tue": ("2025-03-12", "Over the past day, Russian shelling of Kherson injured three people, the "
                                  "governor said.", ""),
    "bucha": ("2025-03-11", "A Russian drone hit Bucha on Monday, injuring two people.", ""),
    "irpin": ("2025-03-11", "A Russian drone hit Irpin on Monday, injuring two people.", ""),
    "kharkiv_toll": ("2025-03-11", "Forty people were killed when a missile hit a hospital in Kharkiv on "
                                   "Monday.", ""),
}


def curate(*names: str) -> pd.DataFrame:
    frames = [curate_text(ARTICLES[n][1], ARTICLES[n][0], n, title=f"Report {n}", url=ARTICLES[n][2])
              for n in names]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return curate(*ARTICLES)


def groups_of(incidents: pd.DataFrame, events: pd.DataFrame) -> set[frozenset[str]]:
    """The incidents as sets of article ids (one per report), to compare without event ids."""
    article = dict(zip(events["event_id"], events["article_id"]))
    return {frozenset(article[e] for e in ids.split(";")) for ids in incidents["report_ids"]}


def incident_of(incidents: pd.DataFrame, events: pd.DataFrame, article_id: str) -> pd.Series:
    ids = set(events.loc[events["article_id"] == article_id, "event_id"])
    hits = incidents[incidents["report_ids"].str.split(";").map(lambda r: bool(ids & set(r)))]
    assert len(hits) == 1
    return hits.iloc[0]


@pytest.mark.parametrize("names", [
    ("hosp_a", "hosp_b"),
    ("kiev", "kyiv"),
    ("odessa", "odesa_oblast"),
    ("meeting_planned", "meeting_held"),
    ("loan_a", "loan_b", "loan_c"),
    ("two_strikes", "plant"),
])
def test_reports_of_one_incident_are_joined(names):
    events = curate(*names)
    incidents = group_incidents(events)
    assert len(incidents) == len(events) - len(names) + 1, incidents["joined_because"].tolist()
    joined = incidents[incidents["n_reports"] == len(names)]
    assert len(joined) == 1
    assert set(joined.iloc[0]["report_ids"].split(";")) <= set(events["event_id"])
    assert "dates overlap" in joined.iloc[0]["joined_because"]


@pytest.mark.parametrize("names, why", [
    (("aid_400", "aid_725"), "different amounts"),
    (("hosp_a", "kharkiv_thursday"), "different days"),
    (("hosp_a", "kherson_monday"), "different cities"),
    (("hosp_a", "kharkiv_toll"), "tolls no update explains"),
    (("odessa", "kiev"), "different cities, same weapon"),
    (("hosp_a", "mall"), "same city, day and weapon, different targets"),
    (("power_station", "rail_station"), "a power station and a railway station"),
    (("talks_swiss", "talks_turkish"), "one minister's two meetings"),
    (("roundup_mon", "roundup_tue"), "a city shelled on two days, in two days' roundups"),
    (("bucha", "irpin"), "two neighbouring towns, a few km apart"),
])
def test_near_misses_stay_apart(names, why):
    events = curate(*names)
    assert len(group_incidents(events)) == len(events), why


def test_two_strikes_on_one_city_and_day_stay_apart_and_each_finds_its_report():
    events = curate("two_strikes", "plant", "hosp_b")
    incidents = group_incidents(events)
    assert groups_of(incidents, events) == {frozenset({"two_strikes", "plant"}),
                                            frozenset({"two_strikes", "hosp_b"})}
    plant = incidents[incidents["joined_because"].str.contains("target energy")]
    hospital = incidents[incidents["joined_because"].str.contains("target hospital")]
    assert len(plant) == 1 and len(hospital) == 1
    assert plant.iloc[0]["injured"] == 3 and hospital.iloc[0]["killed_high"] == 3


def test_the_whole_table_groups_as_a_desk_would(table):
    incidents = group_incidents(table)
    joined = {g for g in groups_of(incidents, table) if len(g) > 1}
    assert joined == {
        frozenset({"hosp_a", "hosp_b", "two_strikes"}), frozenset({"two_strikes", "plant", "power_station"}),
        frozenset({"kiev", "kyiv"}), frozenset({"odessa", "odesa_oblast"}),
        frozenset({"meeting_planned", "meeting_held"}), frozenset({"loan_a", "loan_b", "loan_c"}),
    }
    # the same grouping whatever order the rows come in
    rows = list(range(len(table)))
    random.Random(7).shuffle(rows)
    shuffled = table.iloc[rows].reset_index(drop=True)
    assert groups_of(group_incidents(shuffled), shuffled) == groups_of(incidents, table)


def test_an_incident_carries_its_span_place_and_figures(table):
    incidents = group_incidents(table)
    hospital = incident_of(incidents, table, "hosp_a")
    assert (hospital["killed_low"], hospital["killed"], hospital["killed_high"]) == (2, 3, 3)
    assert (hospital["injured_low"], hospital["injured"], hospital["injured_high"]) == (11, 14, 14)
    assert hospital["location"] == "Kharkiv" and "missile" in hospital["evidence"]
    odesa = incident_of(incidents, table, "odesa_oblast")
    assert (odesa["location"], odesa["geo_precision"]) == ("Odessa", "point")   # the best precision
    assert "inside Odesa Oblast" in odesa["joined_because"]
    kyiv = incident_of(incidents, table, "kiev")
    assert str(kyiv["date_start"]) == "2025-03-10" and str(kyiv["date_end"]) == "2025-03-11"
    assert kyiv["injured"] == 5 and kyiv["article_id"] == "kyiv"   # the latest report's words and figure
    meeting = incident_of(incidents, table, "meeting_planned")
    assert meeting["status"] == "occurred" and "planned, then reported" in meeting["joined_because"]
    loan = incident_of(incidents, table, "loan_a")
    assert loan["amount_usd"] == 3e9 and "same amount" in loan["joined_because"]
    usd = pd.to_numeric(incidents["amount_usd"])
    assert usd.sum() == pd.to_numeric(table.loc[~table["article_id"].isin(["loan_b", "loan_c"]), "amount_usd"]).sum()
    assert list(incidents.columns) == list(table.columns) + INCIDENT_COLUMNS
    assert incidents["incident_id"].is_unique and (incidents["incident_id"] == incidents["event_id"]).all()


def test_best_is_the_latest_report_even_when_it_is_lower():
    early = curate_text("A missile hit a hospital in Kharkiv on Monday, killing three people.", "2025-03-11", "early")
    later = curate_text("On Monday a missile hit a hospital in Kharkiv, killing two people, officials said after "
                        "revising the toll.", "2025-03-12", "later")
    incidents = group_incidents(pd.concat([early, later], ignore_index=True))
    assert len(incidents) == 1
    row = incidents.iloc[0]
    assert (row["killed_low"], row["killed"], row["killed_high"]) == (2, 2, 3)


def test_loaded_dtypes_work_alike(table):
    loaded = normalise_events(table)
    raw, typed = group_incidents(table), group_incidents(loaded)
    assert raw["report_ids"].tolist() == typed["report_ids"].tolist()
    assert pd.api.types.is_datetime64_any_dtype(typed["date_start"])
    assert typed["killed"].sum() == pd.to_numeric(raw["killed"]).sum() > 0


def test_reports_of_an_incident_list_article_publisher_and_evidence(table):
    incidents = group_incidents(table)
    hospital = incident_of(incidents, table, "hosp_b")
    reports = incident_reports(table, incidents, hospital["incident_id"])
    assert set(reports["article_id"]) == {"hosp_a", "hosp_b", "two_strikes"}
    assert set(reports["publisher"]) == {"news.example.com", "wire.example.org", "two_strikes"}
    assert reports["evidence"].str.contains("hospital").all()
    with pytest.raises(IncidentError, match="no incident"):
        incident_reports(table, incidents, "nope")


def test_split_join_and_best_corrections(table):
    incidents = group_incidents(table)
    hospital = incident_of(incidents, table, "hosp_a")
    ids = hospital["report_ids"].split(";")
    hosp_a = table.loc[table["article_id"] == "hosp_a", "event_id"].iloc[0]
    rest = [e for e in ids if e != hosp_a]
    split = correction("split", [hosp_a], apart_from=rest, note="a different hospital")
    after = group_incidents(table, [split])
    assert frozenset({"hosp_a"}) in groups_of(after, table)
    assert frozenset({"hosp_b", "two_strikes"}) in groups_of(after, table)
    # an editor joins two reports the rules keep apart
    aid = table.loc[table["article_id"].isin(["aid_400", "aid_725"]), "event_id"].tolist()
    joined = group_incidents(table, [split, correction("join", aid)])
    both = incident_of(joined, table, "aid_400")
    assert both["n_reports"] == 2 and "joined by an editor" in both["joined_because"]
    # an editor picks the earlier report's figure as the best one
    best = group_incidents(table, [correction("best", [hosp_a], field="killed")])
    assert incident_of(best, table, "hosp_a")["killed"] == 2
    # a later join undoes an earlier split, for the pairs it names
    rejoined = group_incidents(table, [split, correction("join", [hosp_a, rest[0]])])
    assert incident_of(rejoined, table, "hosp_a")["n_reports"] == 2
    rejoined = group_incidents(table, [split, correction("join", ids)])
    assert incident_of(rejoined, table, "hosp_a")["n_reports"] == 3


def test_corrections_survive_re_curation(table):
    hosp_a = table.loc[table["article_id"] == "hosp_a", "event_id"].iloc[0]
    records = [correction_row(correction("split", [hosp_a]))]   # as a store keeps them: text cells
    again = curate(*ARTICLES)                                    # the same articles curated again
    kept = group_incidents(again, [correction_from_row(r) for r in records])
    assert frozenset({"hosp_a"}) in groups_of(kept, again)
    assert group_incidents(again, [correction_from_row(r) for r in records])["report_ids"].tolist() \
        == kept["report_ids"].tolist()


def test_correction_rows_round_trip():
    record = correction("split", ["e1", "e2"], apart_from=["e3"], note="two hospitals", editor="desk",
                        created="2025-03-12T08:00:00Z")
    row = correction_row(record)
    assert row == {"kind": "split", "event_ids": "e1;e2", "apart_from": "e3", "field": "",
                   "note": "two hospitals", "editor": "desk", "created": "2025-03-12T08:00:00Z"}
    assert correction_from_row(row) == record


@pytest.mark.parametrize("record, message", [
    ({"kind": "merge", "event_ids": ["a", "b"]}, "kind 'merge' is unknown"),
    ({"kind": "join", "event_ids": ["a"]}, "at least two reports"),
    ({"kind": "join", "event_ids": "a;b"}, "a list of the reports"),
    ({"kind": "split", "event_ids": ["a"], "apart_from": ["a"]}, "both in"),
    ({"kind": "best", "event_ids": ["a"], "field": "amount"}, "killed or injured"),
    ("join a b", "must be a record"),
])
def test_bad_corrections_are_named(record, message):
    with pytest.raises(IncidentError, match=message):
        check_correction(record)


def test_no_events_no_incidents():
    empty = pd.DataFrame(columns=schema.COLUMNS)
    assert list(group_incidents(empty).columns) == schema.COLUMNS + INCIDENT_COLUMNS


# --- the dashboard ----------------------------------------------------------

@pytest.fixture
def app_on(monkeypatch, tmp_path):
    """The dashboard on a table of curated test articles (the real engine's rows)."""
    from streamlit.testing.v1 import AppTest
    import streamlit as st

    def start(*names, params=None):
        path = tmp_path / "events.csv"
        curate(*names).to_csv(path, index=False)
        st.cache_data.clear()
        st.cache_resource.clear()
        monkeypatch.setenv("WARNEWS_EVENTS", str(path))
        at = AppTest.from_file(str(Path(__file__).parents[1] / "dashboard" / "app.py"), default_timeout=60)
        at.query_params.update(params or {})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return start


def test_the_dashboard_counts_incidents_and_switches_to_reports(app_on):
    at = app_on("hosp_a", "hosp_b", "kiev", "kyiv", "aid_400")
    assert "5 of 5 events" in at.caption[0].value and "counted as 3 incident(s)" in at.caption[0].value
    assert at.metric[0].label == "Incidents" and at.metric[0].value == "3"
    assert at.metric[1].value == "3"      # killed: the best figure of the hospital strike, not 2 + 3
    table = at.dataframe(key="events_table").value
    assert sorted(table["n_reports"]) == [1, 2, 2]
    at.radio(key="f_unit").set_value("reports").run()
    assert at.metric[0].label == "Events" and at.metric[0].value == "5" and at.metric[1].value == "5"
    assert len(at.dataframe(key="events_table").value) == 5


def test_the_switch_is_kept_in_the_link(app_on):
    at = app_on("hosp_a", "hosp_b")
    assert "count" not in at.query_params                     # incidents: the default, not in the link
    at.radio(key="f_unit").set_value("reports").run()
    assert at.query_params["count"] == "reports"
    shared = app_on("hosp_a", "hosp_b", params={"count": "reports"})   # a link opens as it was shared
    assert shared.radio(key="f_unit").value == "reports" and shared.metric[0].label == "Events"
    from dashboard.view.incident_view import unit_from_params
    assert unit_from_params({"count": ["reports"]}) == "reports"
    assert unit_from_params({"count": ["nonsense"]}) == unit_from_params({}) == "incidents"


def test_an_incident_panel_lists_its_reports_and_an_editor_splits_and_joins(app_on):
    at = app_on("hosp_a", "hosp_b", "aid_400")
    table = at.dataframe(key="events_table").value
    incident = table.loc[table["n_reports"] == 2, "event_id"].iloc[0]
    at.selectbox(key="event_pick").set_value(incident).run()
    reports = next(d.value for d in at.dataframe if "publisher" in d.value.columns)   # the panel's table
    assert len(reports) == 2 and reports["evidence"].str.contains("hospital").all()
    assert any("for this session only" in c.value for c in at.caption)
    assert any("Joined because: " in c.value and "same place (Kharkiv)" in c.value for c in at.caption)
    at.multiselect(key="inc_split_ids").set_value([reports["event_id"].iloc[0]]).run()
    at.button(key="inc_split").click().run()
    assert not at.exception
    assert "counted as 3 incident(s)" in at.caption[0].value
    # join the two parts again: each is an incident of one report now, named by that report
    taken, other = reports["event_id"].iloc[0], reports["event_id"].iloc[1]
    at.selectbox(key="event_pick").set_value(taken).run()
    at.selectbox(key="inc_join_id").set_value(other).run()
    at.button(key="inc_join").click().run()
    assert "counted as 2 incident(s)" in at.caption[0].value
    at.button(key="inc_undo").click().run()
    assert "counted as 3 incident(s)" in at.caption[0].value


def test_a_store_group_correction_maps_back_to_the_record():
    split = correction("split", ["e1"], apart_from=["e2", "e3"], note="two strikes", editor="desk",
                       created="2025-03-12T08:00:00Z")
    label = store_label(split)
    assert label == "taken=1"
    back = from_store_group("split", split["event_ids"] + split["apart_from"], label, "two strikes", "desk",
                            "2025-03-12T08:00:00Z")
    assert back == split
    join = correction("join", ["e1", "e2"], created="2025-03-12T08:00:00Z")
    assert from_store_group("join", ["e1", "e2"], store_label(join), created="2025-03-12T08:00:00Z") == join
    # a report gone from the table (None) is dropped; a join left with one report means nothing
    assert from_store_group("split", ["e1", None, "e3"], "taken=1")["apart_from"] == ["e3"]
    assert from_store_group("join", ["e1", None]) is None
    assert from_store_group("split", [None, "e2"], "taken=1") is None


def test_categorical_tables_group_alike(table):
    """A large loaded table keeps its text columns as categoricals; a view of it groups the same."""
    plain, categorical = normalise_events(table), normalise_events(table, categories=True)
    assert any(isinstance(categorical[c].dtype, pd.CategoricalDtype) for c in categorical.columns)
    assert group_incidents(categorical)["report_ids"].tolist() == group_incidents(plain)["report_ids"].tolist()


def test_the_command_line_writes_one_row_per_incident(tmp_path):
    import subprocess
    import sys
    for name in ("hosp_a", "hosp_b", "aid_400"):
        published, text, url = ARTICLES[name]
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.json").write_text(f'{{"published": "{published}", "url": "{url}"}}', encoding="utf-8")
    out = tmp_path / "incidents.csv"
    run = subprocess.run([sys.executable, "-m", "dashboard.curate", str(tmp_path), "--incidents", "-o", str(out)],
                         cwd=Path(__file__).parents[1], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "wrote 2 incidents from 3 events" in run.stderr
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == schema.COLUMNS + INCIDENT_COLUMNS
    assert sorted(written["n_reports"]) == ["1", "2"]
    assert written.loc[written["n_reports"] == "2", ["killed_low", "killed", "killed_high"]].values.tolist() \
        == [["2", "3", "3"]]


def test_an_editor_picks_the_best_figure_in_the_panel(app_on):
    at = app_on("hosp_a", "hosp_b")
    assert at.metric[1].value == "3"                       # killed: the higher same-day figure
    incident = at.dataframe(key="events_table").value["event_id"].iloc[0]
    at.selectbox(key="event_pick").set_value(incident).run()
    assert sorted(at.selectbox(key="inc_best_id").options) == ["2 · news.example.com · 2025-03-11",
                                                               "3 · wire.example.org · 2025-03-11"]
    reports = next(d.value for d in at.dataframe if "publisher" in d.value.columns)
    lower = reports.loc[reports["killed"].astype(str) == "2", "event_id"].iloc[0]
    at.selectbox(key="inc_best_id").set_value(lower).run()
    at.button(key="inc_best").click().run()
    assert not at.exception
    assert at.metric[1].value == "2"


def test_splits_and_joins_live_in_the_store_and_survive_re_curation(tmp_path):
    from dashboard import store as stx
    from dashboard.curate import main
    from dashboard.view import incident_view
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("hosp_a", "hosp_b", "aid_400", "aid_725"):
        published, text, url = ARTICLES[name]
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(f'{{"published": "{published}", "url": "{url}"}}', encoding="utf-8")
    target = str(tmp_path / "desk.sqlite")
    assert main([str(folder), "--store", target]) == 0

    def reviewed():
        with stx.open_store(target, readonly=True) as store:
            snapshot = stx.load_snapshot(store)
        rows, _ = stx.apply_corrections(snapshot.events, snapshot.corrections)
        events = normalise_events(pd.DataFrame(rows).astype(str))
        return events, incident_view.store_records(events, snapshot.corrections)

    events, records = reviewed()
    assert records == []
    grouped = group_incidents(events, records)
    hospital = incident_of(grouped, events, "hosp_a")
    taken = events.loc[events["article_id"] == "hosp_a", "event_id"].iloc[0]
    incident_view.save_to_store(target, "desk", events, incident_view.split_correction(
        grouped, hospital["incident_id"], [taken]))
    aid = grouped[grouped["summary"].str.contains("400|725")]["incident_id"].tolist()
    incident_view.save_to_store(target, "desk", events, incident_view.join_correction(grouped, aid[0], aid[1]))
    picked = events.loc[events["article_id"] == "hosp_b", "event_id"].iloc[0]
    incident_view.save_to_store(target, "desk", events, incident_view.best_correction(events, picked, "killed"))
    for _ in range(2):   # as saved, then after the articles are curated into the store again
        events, records = reviewed()
        assert [r["kind"] for r in records] == ["split", "join", "best"]
        assert records[2]["field"] == "killed"
        assert records[2]["event_ids"] == [events.loc[events["article_id"] == "hosp_b", "event_id"].iloc[0]]
        assert groups_of(group_incidents(events, records), events) == {
            frozenset({"hosp_a"}), frozenset({"hosp_b"}), frozenset({"aid_400", "aid_725"})}
        assert main([str(folder), "--store", target]) == 0


def test_an_editor_splits_an_incident_into_the_store_from_the_page(tmp_path, monkeypatch):
    import sys
    import streamlit as st
    from streamlit.testing.v1 import AppTest
    from dashboard import store as stx
    from dashboard.curate import main
    from dashboard.view import editors
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("hosp_a", "hosp_b"):
        published, text, url = ARTICLES[name]
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(f'{{"published": "{published}", "url": "{url}"}}', encoding="utf-8")
    target = tmp_path / "desk.sqlite"
    assert main([str(folder), "--store", str(target)]) == 0
    passwords = tmp_path / "editors.txt"
    editors.save_password(passwords, "ana", "correct horse")

    def page(*flags):
        st.cache_data.clear()
        st.cache_resource.clear()
        monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(target), *flags])
        at = AppTest.from_file(str(Path(__file__).parents[1] / "dashboard" / "app.py"), default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    viewer = page()
    incident = viewer.dataframe(key="events_table").value["event_id"].iloc[0]
    viewer.selectbox(key="event_pick").set_value(incident).run()
    assert any(c.value.startswith("View only") for c in viewer.caption)
    assert viewer.button(key="inc_split").disabled
    at = page("--edit", "--passwords", str(passwords))
    at.text_input(key="rv_user").input("ana")
    at.text_input(key="rv_password").input("correct horse")
    at.button(key="rv_sign_in_submit").click().run()
    assert "counted as 1 incident(s)" in at.caption[0].value
    at.selectbox(key="event_pick").set_value(incident).run()
    assert any("saved in the store as corrections by ana" in c.value for c in at.caption)
    reports = next(d.value for d in at.dataframe if "publisher" in d.value.columns)
    at.multiselect(key="inc_split_ids").set_value([reports["event_id"].iloc[0]]).run()
    at.button(key="inc_split").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "counted as 2 incident(s)" in at.caption[0].value
    with stx.open_store(target, readonly=True) as store:
        kinds = [(c.kind, c.author, c.new) for c in stx.load_corrections(store)]
    assert kinds == [("split", "ana", "taken=1")]
    assert "counted as 2 incident(s)" in page().caption[0].value     # a new session reads it from the store
