"""Downloads: CSV round trip, spreadsheet-formula neutralising, valid GeoJSON."""
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.curation import schema

from dashboard.view import aggregate
from dashboard.view.exports import aid_csv, events_csv, events_geojson, neutralise_formulas
from dashboard.view.loading import load_events

FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"


@pytest.fixture(scope="module")
def events():
    return load_events(FIXTURE)


def test_events_csv_round_trips(events, tmp_path):
    path = tmp_path / "download.csv"
    path.write_bytes(events_csv(events))
    again = load_events(path)
    # the one cell that starts like a formula comes back quoted; everything else is identical
    risky = again["summary"].str.startswith("'")
    assert again.loc[risky, "event_id"].tolist() == ["fx-006"]
    assert again.loc[risky, "summary"].iloc[0] == "'" + events.set_index("event_id").loc["fx-006", "summary"]
    again.loc[risky, "summary"] = again.loc[risky, "summary"].str[1:]
    pd.testing.assert_frame_equal(again, events)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_cells_are_neutralised(cell):
    df = pd.DataFrame({"summary": [cell, "Kyiv"], "killed": pd.array([-3, 2], dtype="Int64"),
                       "latitude": [-33.9, 50.45]})
    out = neutralise_formulas(df)
    assert out["summary"].tolist() == ["'" + cell, "Kyiv"]
    # numbers stay numbers, negative ones included
    assert out["killed"].dtype == "Int64" and out["killed"].tolist() == [-3, 2]
    assert out["latitude"].tolist() == [-33.9, 50.45]


def test_csv_keeps_numeric_columns_numeric(events):
    table = events.assign(latitude=-events["latitude"], summary="-" + events["summary"])
    raw = pd.read_csv(io.BytesIO(events_csv(table)), dtype=str, keep_default_na=False)
    assert raw.loc[0, "latitude"] == "-50.4501"            # not "'-50.4501"
    assert raw.loc[0, "summary"].startswith("'-")
    assert raw.loc[0, "killed"] == "1" and raw.loc[0, "date_start"] == "2024-10-20"
    numeric = pd.read_csv(io.BytesIO(events_csv(table)))
    for column in schema.FLOAT_COLUMNS + schema.INT_COLUMNS:
        assert pd.api.types.is_numeric_dtype(numeric[column]), column


def test_aid_csv_marks_shares_inside_packages(events):
    raw = pd.read_csv(io.BytesIO(aid_csv(aggregate.aid_table(events))), keep_default_na=False)
    row = raw.set_index("event_id").loc["s-007"]
    assert row["package_event_id"] == "s-008" and not row["counted"]
    assert row["currency"] == "GBP" and row["amount"] == 2.26e9
    assert set(raw["event_id"]) == {"fx-006", "s-007", "s-008", "s-010", "s-011"}


def test_geojson_is_a_valid_feature_collection(events):
    data = json.loads(events_geojson(events), parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(events)
    by_id = {f["properties"]["event_id"]: f for f in data["features"]}
    zap = by_id["s-002"]
    assert zap["type"] == "Feature"
    assert zap["geometry"] == {"type": "Point", "coordinates": [35.1396, 47.8388]}   # lon, lat order
    assert zap["properties"]["killed"] == 2 and zap["properties"]["date_start"] == "2024-10-21"
    assert "latitude" not in zap["properties"]
    assert by_id["s-008"]["geometry"] is None                 # no place: null geometry, still listed
    assert by_id["s-008"]["properties"]["killed"] is None
    for feature in data["features"]:
        if feature["geometry"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_exports_of_an_empty_view(events):
    empty = events.iloc[0:0]
    assert events_csv(empty).decode("utf-8-sig").strip() == ",".join(schema.COLUMNS)
    assert json.loads(events_geojson(empty)) == {"type": "FeatureCollection", "features": []}


def test_csv_starts_with_a_bom_for_excel_and_reads_back_with_the_same_columns(events, tmp_path):
    data = events_csv(events)
    assert data.startswith(b"\xef\xbb\xbfevent_id,")
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    assert list(pd.read_csv(path, encoding="utf-8-sig").columns) == list(events.columns)
    assert list(load_events(path).columns) == list(events.columns)       # the dashboard's own reader
    assert aid_csv(aggregate.aid_table(events)).startswith(b"\xef\xbb\xbf")


def test_event_table_formats_money_with_its_currency_and_usd(events):
    from dashboard.view.exports import TABLE_COLUMNS, event_table
    table = event_table(events).set_index("event_id")
    assert list(table.reset_index().columns) == TABLE_COLUMNS
    assert table.loc["s-007", "amount"] == "GBP 2.26 bn"        # not 2260000000, clipped to "60000000"
    assert table.loc["s-007", "amount_usd"].startswith("USD 2.9")
    assert (table.loc["s-007", "donor"], table.loc["s-007", "recipient"]) == ("GBR", "UKR")
    assert table.loc["fx-001", "amount"] == "" and table.loc["fx-001", "donor"] == ""


def test_event_labels_are_unique(events):
    from dashboard.view.exports import event_labels
    twins = pd.concat([events.iloc[[0]], events.iloc[[0]].assign(event_id="fx-001b")], ignore_index=True)
    labels = event_labels(twins)
    assert len(set(labels.values())) == 2
    assert labels["fx-001b"].endswith("[fx-001b]") and labels["fx-001"].endswith("[fx-001]")
    all_labels = event_labels(events)
    assert len(set(all_labels.values())) == len(events)
    assert all_labels["s-002"].startswith("2024-10-21 · Zaporizhzhia · ")
