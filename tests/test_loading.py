"""Reading event tables: dtypes, CSV and Parquet, and errors that name the file and the problem."""
from pathlib import Path

import pandas as pd
import pytest

from dashboard.curation import schema
from dashboard.view.loading import DEFAULT_EVENTS, EventTableError, events_path, load_events

FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"


@pytest.fixture(scope="module")
def events():
    return load_events(FIXTURE)


def test_fixture_loads_with_schema_columns_and_dtypes(events):
    assert list(events.columns) == schema.COLUMNS
    assert len(events) == 18
    assert str(events["killed"].dtype) == "Int64"
    assert events["latitude"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])
    zap = events.set_index("event_id").loc["s-002"]
    assert (zap["killed"], zap["injured"]) == (2, 15)
    assert zap["date_start"] == pd.Timestamp("2024-10-21")
    # empty cells: text is '', numbers are missing
    g7 = events.set_index("event_id").loc["s-008"]
    assert g7["location"] == "" and pd.isna(g7["latitude"]) and pd.isna(g7["killed"])


def test_fixture_offsets_point_at_the_evidence(events):
    """The fixture is realistic only if every evidence sentence is where char_start/char_end say."""
    folders = [FIXTURE.parent / "seeds", Path(__file__).parents[1] / "seeds"]
    for row in events.itertuples():
        text = next((f / f"{row.article_id}.txt").read_text(encoding="utf-8")
                    for f in folders if (f / f"{row.article_id}.txt").exists())
        assert text[row.char_start:row.char_end] == row.evidence, row.event_id


@pytest.mark.parametrize("typed", [False, True], ids=["text-columns", "typed-columns"])
def test_parquet_reads_the_same_as_csv(events, tmp_path, typed):
    path = tmp_path / "events.parquet"
    table = events if typed else pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    table.to_parquet(path)
    pd.testing.assert_frame_equal(load_events(path), events)


def test_extra_columns_kept_and_missing_optional_columns_added(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text("event_id,topic,date_start,killed,note\ne1,attack,2024-10-01,3,hello\n", encoding="utf-8")
    df = load_events(path)
    assert df.loc[0, "killed"] == 3
    assert df.loc[0, "note"] == "hello"
    assert df.loc[0, "actors"] == "" and pd.isna(df.loc[0, "amount_usd"])
    assert list(df.columns) == schema.COLUMNS + ["note"]


@pytest.mark.parametrize("name, content, problem", [
    ("absent.csv", None, "does not exist"),
    ("empty.csv", "", "empty"),
    ("nocols.csv", "event_id,summary\ne1,x\n", "missing required column(s) topic, date_start"),
    ("badnum.csv", "event_id,topic,date_start,killed\ne1,attack,2024-10-01,many\n", "'killed' holds a non-number: 'many'"),
    ("baddate.csv", "event_id,topic,date_start\ne1,attack,21/10/2024\n", "'date_start' holds a date that is not ISO"),
    ("table.xlsx", "whatever", "unknown file type '.xlsx'"),
    ("broken.parquet", "not parquet at all", "not a readable parquet table"),
])
def test_bad_tables_raise_a_message_naming_file_and_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(EventTableError) as caught:
        load_events(path)
    message = str(caught.value)
    assert str(path) in message
    assert problem in message
    assert "\n" not in message


def test_non_utf8_csv_is_reported(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("event_id,topic,date_start,summary\ne1,attack,2024-10-01,Kyïv\n".encode("latin-1"))
    with pytest.raises(EventTableError, match="not UTF-8"):
        load_events(path)


@pytest.mark.parametrize("argv, env, expected", [
    ([], {}, DEFAULT_EVENTS),
    ([], {"WARNEWS_EVENTS": "/x/env.csv"}, Path("/x/env.csv")),
    (["--data", "/x/arg.parquet"], {"WARNEWS_EVENTS": "/x/env.csv"}, Path("/x/arg.parquet")),
    (["tests/test_app.py", "-q"], {}, DEFAULT_EVENTS),  # someone else's arguments are ignored
])
def test_events_path_precedence(argv, env, expected):
    assert events_path(argv, env) == expected
