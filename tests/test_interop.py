"""ACLED and UCDP GED: their files open in the dashboard and the CLI, and a view exports in their columns.

The fixture files are made-up rows written from the codebooks' column lists; no ACLED or UCDP
data is used.
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.curation import curate_text, interop, schema
from dashboard.curation.incidents import group_incidents
from dashboard.view import exports
from dashboard.view.loading import EventTableError, load_events, normalise_events

FIXTURES = Path(__file__).parent / "fixtures"
ACLED = FIXTURES / "acled_sample.csv"
UCDP = FIXTURES / "ucdp_sample.csv"
ROOT = Path(__file__).parents[1]


def test_fixtures_use_the_codebooks_columns():
    assert next(csv.reader(open(ACLED, encoding="utf-8"))) == interop.ACLED_COLUMNS
    assert next(csv.reader(open(UCDP, encoding="utf-8"))) == interop.UCDP_COLUMNS


def test_an_acled_export_opens_as_an_event_table():
    events = load_events(ACLED).set_index("event_id")
    strike, clash, talks = events.loc["acled-UKR900001"], events.loc["acled-UKR900002"], events.loc["acled-RUS900003"]
    assert (strike["topic"], strike["geo_precision"], strike["date_precision"]) == ("attack", "point", "day")
    assert str(strike["date_start"].date()) == str(strike["date_end"].date()) == "2025-03-10"
    assert (strike["killed"], strike["country_iso3"], strike["actors"]) == (2, "UKR", "RUS;UKR")
    assert strike["evidence"].startswith("On 10 March 2025, a made-up missile strike")
    assert str(strike["published"].date()) == "2025-03-11"          # from ACLED's timestamp
    # time_precision 2: the week around the day given; geo_precision 2: near the town
    assert (clash["topic"], clash["geo_precision"], clash["date_precision"]) == ("combat", "near", "range")
    assert (str(clash["date_start"].date()), str(clash["date_end"].date())) == ("2025-03-06", "2025-03-12")
    # strategic development "Agreement", an older export's date, time_precision 3 (the month), geo 3
    assert (talks["topic"], talks["geo_precision"], talks["date_precision"]) == ("diplomacy", "admin1", "month")
    assert (str(talks["date_start"].date()), str(talks["date_end"].date())) == ("2025-02-01", "2025-02-28")
    assert talks["actors"] == "RUS;PRK"      # "North Korea", not "Korea" (South Korea's alias)


def test_a_ucdp_ged_file_opens_with_its_low_and_high():
    events = load_events(UCDP).set_index("event_id")
    state, civilians = events.loc["ucdp-990001"], events.loc["ucdp-990002"]
    assert (state["topic"], state["geo_precision"], state["location"]) == ("combat", "point", "Kharkiv")
    assert (state["killed"], state["killed_low"], state["killed_high"]) == (3, "2", "4")
    assert state["evidence"].startswith("Made-up Wire, 2025-03-11")
    assert (civilians["topic"], civilians["geo_precision"], civilians["date_precision"]) \
        == ("attack", "admin1", "range")
    assert (str(civilians["date_start"].date()), str(civilians["date_end"].date())) == ("2025-03-01", "2025-03-07")
    incident = group_incidents(events.reset_index()).set_index("event_id").loc["ucdp-990001"]
    assert (incident["killed_low"], incident["killed"], incident["killed_high"]) == (2, 3, 4)


def test_unknown_shapes_get_one_line_naming_the_expected_columns(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("when,where,what\n2025-01-01,Kyiv,strike\n", encoding="utf-8")
    with pytest.raises(EventTableError) as caught:
        load_events(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    for column in ("event_id, topic, date_start", "event_id_cnty", "sub_event_type", "where_prec", "best"):
        assert column in message
    cli = subprocess.run([sys.executable, "-m", "dashboard.curate", "--import", str(path)], cwd=ROOT,
                         capture_output=True, text=True)
    assert cli.returncode == 2 and cli.stdout == ""
    assert cli.stderr.count("\n") == 1 and "unknown table shape" in cli.stderr and "event_id_cnty" in cli.stderr


def test_a_bad_acled_date_is_named(tmp_path):
    rows = ACLED.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([rows[0], rows[1].replace("2025-03-10", "someday", 1)]) + "\n", encoding="utf-8")
    with pytest.raises(EventTableError, match="event_date 'someday' is not a date"):
        load_events(path)


@pytest.mark.parametrize("source", [ACLED, UCDP])
def test_the_cli_imports_into_a_table_it_can_merge(tmp_path, source):
    out = tmp_path / "events.csv"
    first = subprocess.run([sys.executable, "-m", "dashboard.curate", "--import", str(source), "-o", str(out)],
                           cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == schema.COLUMNS
    assert table["event_id"].str.startswith(("acled-", "ucdp-")).all()
    merged = []
    for _ in range(2):   # merged into itself twice: the same rows (merging sorts them), the same table
        again = subprocess.run([sys.executable, "-m", "dashboard.curate", "--import", str(source), "-o", str(out),
                                "--merge"], cwd=ROOT, capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        merged.append(pd.read_csv(out, dtype=str, keep_default_na=False))
    assert merged[0].equals(merged[1])
    assert sorted(merged[0]["event_id"]) == sorted(table["event_id"])


def test_the_cli_wants_an_article_or_an_import():
    both = subprocess.run([sys.executable, "-m", "dashboard.curate", "seeds", "--import", str(ACLED)], cwd=ROOT,
                          capture_output=True, text=True)
    assert both.returncode == 2 and "not both" in both.stderr


@pytest.mark.parametrize("ours, acled, ucdp", [
    ("point", 1, 1), ("near", 2, 2), ("admin2", 2, 3), ("admin1", 3, 4), ("country", 3, 6), ("sea", 3, 7),
])
def test_precision_codes_map_to_theirs(ours, acled, ucdp):
    events = normalise_events(pd.DataFrame([{"event_id": "e1", "topic": "attack", "date_start": "2025-03-10",
                                             "date_end": "2025-03-10", "date_precision": "day",
                                             "geo_precision": ours, "latitude": 50, "longitude": 30}]))
    assert interop.to_acled(events).loc[0, "geo_precision"] == acled
    assert interop.to_ucdp(events).loc[0, "where_prec"] == ucdp == schema.GEO_PRECISIONS[ours]


@pytest.mark.parametrize("start, end, precision, acled, ucdp", [
    ("2025-03-10", "2025-03-10", "day", 1, 1),
    ("2025-03-09", "2025-03-10", "range", 2, 2),
    ("2025-03-04", "2025-03-10", "range", 2, 3),
    ("2025-03-01", "2025-03-31", "month", 3, 4),
    ("2024-08-01", "2025-03-10", "range", 3, 5),
    ("2025-01-01", "2025-12-31", "year", 3, 5),
])
def test_date_precisions_map_to_theirs(start, end, precision, acled, ucdp):
    events = normalise_events(pd.DataFrame([{"event_id": "e1", "topic": "combat", "date_start": start,
                                             "date_end": end, "date_precision": precision}]))
    assert interop.to_acled(events).loc[0, "time_precision"] == acled
    assert interop.to_ucdp(events).loc[0, "date_prec"] == ucdp


def test_a_view_exports_in_acled_and_ucdp_columns_with_its_evidence():
    events = load_events(FIXTURES / "events.csv")
    acled = pd.read_csv(io.BytesIO(exports.acled_csv(events)), dtype=str, keep_default_na=False)
    assert list(acled.columns) == interop.ACLED_COLUMNS and len(acled) == len(events)
    assert acled["notes"].tolist() == [("'" + e if e.startswith(exports.FORMULA_START) else e)
                                       for e in events["evidence"]]
    assert not acled["notes"].str.startswith("=").any()      # formulas neutralised, as every download
    ucdp = pd.read_csv(io.BytesIO(exports.ucdp_csv(events)), dtype=str, keep_default_na=False)
    violent = events[events["topic"].isin(["attack", "combat"])]
    assert list(ucdp.columns) == interop.UCDP_COLUMNS and len(ucdp) == len(violent) > 0
    assert ucdp["source_article"].tolist() == violent["evidence"].tolist()
    assert ucdp["best"].tolist() == violent["killed"].astype("string").fillna("").tolist()


def test_incidents_export_their_sources_and_figures():
    a = curate_text("A Russian missile struck a hospital in Kharkiv on Monday, killing two people.", "2025-03-11", "a")
    b = curate_text("Three people were killed when a missile hit a hospital in Kharkiv on Monday.", "2025-03-12", "b")
    incidents = group_incidents(normalise_events(pd.concat([a, b], ignore_index=True)))
    ucdp = interop.to_ucdp(incidents)
    assert ucdp.loc[0, ["number_of_sources", "low", "best", "high"]].tolist() == [2, 2, 3, 3]
    assert interop.to_acled(incidents).loc[0, "notes"].endswith("[2 reports]")


@pytest.mark.parametrize("source", [ACLED, UCDP])
def test_their_rows_survive_a_round_trip_through_their_format(source):
    events = load_events(source)
    back = normalise_events(interop.recognise(pd.read_csv(io.BytesIO(
        exports.acled_csv(events) if source == ACLED else exports.ucdp_csv(events)), dtype=str,
        keep_default_na=False)))
    violent = events if source == UCDP else events[events["topic"].isin(["attack", "combat"])]
    kept = back.iloc[: len(violent)]
    for column in ("topic", "geo_precision", "country_iso3", "killed", "evidence"):
        assert kept[column].tolist() == violent[column].tolist(), column
    assert (kept["date_start"].tolist() == violent["date_start"].tolist()) or source == ACLED
