"""The app, driven by widget keys with streamlit's AppTest against the fixture table."""
import hashlib
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.curation import schema
from dashboard.view import uploads

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "dashboard" / "app.py")
FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"
SEEDS = f"{Path(__file__).parent / 'fixtures' / 'seeds'}:{ROOT / 'seeds'}"
ALL_IDS = sorted(pd.read_csv(FIXTURE, dtype=str)["event_id"])


@pytest.fixture
def run_app(monkeypatch):
    """Start the app on a table (the fixture by default), optionally opened with URL query params."""
    def start(data=FIXTURE, params=None):
        st.cache_data.clear()
        monkeypatch.setenv("WARNEWS_EVENTS", str(data))
        monkeypatch.setenv("WARNEWS_SEEDS", SEEDS)
        at = AppTest.from_file(APP, default_timeout=60)
        if params:
            at.query_params.update(params)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return start


def shown_ids(at):
    return sorted(at.dataframe(key="events_table").value["event_id"]) if at.dataframe else []


def headers(at):
    return [h.value for h in at.header]


def test_default_view(run_app):
    at = run_app()
    assert shown_ids(at) == ALL_IDS
    for heading in ("Filters", "Map", "Timeline", "Aid by donor", "Munitions and troops", "Events",
                    "Downloads", "Add an article"):
        assert heading in headers(at)
    assert at.caption[0].value.startswith("18 of 18 events")
    # aid: Britain's loan occurred (a share of the planned G7 package); the rest are plans: 50 bn less
    # that share, + 1.2 bn + 436 m. The total is 51.64 bn as before, now said to be mostly planned.
    assert [m.value for m in at.metric] == ["18", "6", "51", "2.94 bn", "48.7 bn"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 5        # map, timeline, casualties, aid, munitions and troops
    assert "/app/static/basemap.svg" in charts[0].proto.spec and "://" not in charts[0].proto.spec
    assert dict(at.query_params) == {}
    assert not at.error


@pytest.mark.parametrize("key, value, expected, params", [
    ("f_country", ["PRK"], ["s-003", "s-004", "s-005", "s-006"], {"country": ["PRK"]}),
    ("f_topic", ["attack"], ["fx-001", "fx-002", "fx-003", "fx-005", "s-002"], {"topic": ["attack"]}),
    ("f_dates", (date(2024, 10, 19), date(2024, 10, 19)), ["fx-002", "fx-003", "fx-004", "s-005"],
     {"from": ["2024-10-19"], "to": ["2024-10-19"]}),
    ("f_text", "zaporizhzhia", ["s-002"], {"q": ["zaporizhzhia"]}),
])
def test_each_filter_changes_the_table_and_the_url(run_app, key, value, expected, params):
    at = run_app()
    widget = {"f_country": at.multiselect, "f_topic": at.multiselect, "f_dates": at.date_input,
              "f_text": at.text_input}[key](key=key)
    widget.set_value(value).run()
    assert not at.exception
    assert shown_ids(at) == expected
    got = {k: at.query_params[k] if isinstance(at.query_params[k], list) else [at.query_params[k]]
           for k in at.query_params}
    assert got == params


def test_empty_result_shows_a_message_not_a_chart(run_app):
    at = run_app()
    at.text_input(key="f_text").set_value("no event says this").run()
    assert not at.exception
    assert "No events match these filters" in at.info[0].value
    assert not at.dataframe and not at.get("vega_lite_chart")
    assert "Add an article" in headers(at)


def test_query_params_restore_a_view(run_app):
    at = run_app(params={"country": "PRK", "topic": ["troop_movement", "arms_transfer"], "from": "2024-10-01",
                         "q": "north korean", "event": "s-003"})
    assert at.multiselect(key="f_country").value == ["PRK"]
    assert at.multiselect(key="f_topic").value == ["troop_movement", "arms_transfer"]
    assert at.date_input(key="f_dates").value == (date(2024, 10, 1), date(2024, 10, 24))
    assert at.text_input(key="f_text").value == "north korean"
    assert shown_ids(at) == ["s-003", "s-004", "s-005"]
    assert at.selectbox(key="event_pick").value == "s-003"
    article = [m.value for m in at.markdown if 'id="evidence"' in m.value]
    assert article and "<mark id=\"evidence\">The Guardian’s defense and security editor" in article[0]


def test_selecting_an_event_shows_its_article_with_the_evidence_marked(run_app):
    at = run_app()
    at.selectbox(key="event_pick").set_value("fx-003").run()
    article = [m.value for m in at.markdown if 'class="article-text"' in m.value]
    assert len(article) == 1
    assert ('<mark id="evidence">In Kharkiv, a guided aerial bomb hit an apartment block on Saturday, killing '
            'three people and wounding 20, regional governor Oleh Syniehubov said.</mark>') in article[0]
    assert "Fixture: drones hit Kyiv, bomb strikes Kharkiv" in article[0]
    assert at.query_params["event"] == "fx-003"
    # the fixture article holds "=SUM(A1:A9)" and other text as text, never as markup
    assert "<script" not in article[0]


def test_downloads_are_offered_without_resetting_the_page(run_app):
    at = run_app()
    at.multiselect(key="f_topic").set_value(["attack"]).run()
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Events (CSV)", "Aid (CSV)", "Events (GeoJSON)", "ACLED-style CSV",
                                                "UCDP-style CSV"]
    assert [b.proto.id.rsplit("-", 1)[-1] for b in buttons] == ["dl_events", "dl_aid", "dl_geojson", "dl_acled",
                                                                "dl_ucdp"]
    assert all(b.proto.ignore_rerun for b in buttons)       # on_click="ignore": a download never reruns


def test_missing_table_is_named_in_the_page(run_app, tmp_path):
    missing = tmp_path / "nowhere" / "events.csv"
    at = run_app(data=missing)
    assert len(at.error) == 1
    assert str(missing) in at.error[0].value and "does not exist" in at.error[0].value
    assert "The table has no events yet" in at.info[0].value
    assert "Add an article" in headers(at)


def test_malformed_table_is_named_in_the_page(run_app, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id,topic,date_start,killed\ne1,attack,2024-10-01,several\n", encoding="utf-8")
    at = run_app(data=bad)
    assert str(bad) in at.error[0].value
    assert "'killed' holds a non-number: 'several'" in at.error[0].value


def test_data_argument_opens_a_parquet_table(run_app, tmp_path, monkeypatch):
    parquet = tmp_path / "events.parquet"
    pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).to_parquet(parquet)
    monkeypatch.setattr(sys, "argv", ["dashboard/app.py", "--data", str(parquet)])
    at = run_app(data=tmp_path / "ignored-because-the-argument-wins.csv")
    assert not at.error
    assert shown_ids(at) == ALL_IDS
    assert str(parquet) in at.caption[0].value


def fake_curation(text, published, article_id, title="", url=""):
    """Stands in for the curation engine: one attack event per line of text."""
    lines = [line for line in text.splitlines() if line.strip()]
    rows, offset = [], 0
    for i, line in enumerate(lines):
        start = text.index(line, offset)
        offset = start + len(line)
        rows.append({**{c: "" for c in schema.COLUMNS}, "event_id": f"{article_id}-{i}", "article_id": article_id,
                     "article_title": title, "published": published, "date_start": published,
                     "date_end": published, "status": "occurred", "topic": "attack", "summary": line[:60],
                     "location": "Kherson", "country_iso3": "UKR", "latitude": "46.6354",
                     "longitude": "32.6169", "geo_precision": "point", "actors": "RUS;UKR", "killed": "1",
                     "evidence": line, "char_start": str(start), "char_end": str(offset)})
    return pd.DataFrame(rows, columns=schema.COLUMNS)


def add_article(at, text=None, upload=None, published=date(2024, 10, 23), title=""):
    if text is not None:
        at.text_area(key="add_text").set_value(text)
    if upload is not None:
        at.file_uploader(key="add_file").upload(*upload)
    if published is not None:
        at.date_input(key="add_published").set_value(published)
    at.text_input(key="add_title").set_value(title)
    at.button(key="add_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_adding_an_article_adds_its_events_for_the_session(run_app, monkeypatch):
    from dashboard import curate
    monkeypatch.setattr(curate, "curate_text", fake_curation)
    monkeypatch.setattr(uploads, "curate_article", uploads._curate_in_process)  # the fake runs here, not in a worker
    before = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    at = run_app()
    text = "Shelling of Kherson killed one person on Wednesday.\nA second strike hit the port <b>area</b>."
    add_article(at, text=text, title="Kherson report")
    assert not at.error
    assert "Added 2 event(s)" in at.success[0].value
    ids = shown_ids(at)
    assert len(ids) == 20 and set(ALL_IDS) < set(ids)
    new_ids = sorted(set(ids) - set(ALL_IDS))
    # the new events follow the filters like any other
    at.text_input(key="f_text").set_value("kherson").run()
    assert shown_ids(at) == new_ids
    # and their article text is kept in the session and shown escaped with the evidence marked
    at.selectbox(key="event_pick").set_value(new_ids[1]).run()
    article = [m.value for m in at.markdown if 'class="article-text"' in m.value][0]
    assert '<mark id="evidence">A second strike hit the port &lt;b&gt;area&lt;/b&gt;.</mark>' in article
    assert "Kherson report" in article
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == before      # bundled data untouched


def test_uploading_a_txt_file_adds_its_events(run_app, monkeypatch):
    from dashboard import curate
    monkeypatch.setattr(curate, "curate_text", fake_curation)
    monkeypatch.setattr(uploads, "curate_article", uploads._curate_in_process)  # the fake runs here, not in a worker
    at = run_app()
    add_article(at, upload=("kherson.txt", "One line about Kherson.".encode("utf-8"), "text/plain"))
    assert not at.error and len(shown_ids(at)) == 19


@pytest.mark.parametrize("text, upload, published, message", [
    (None, ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain"), date(2024, 10, 23), "binary"),
    (None, ("empty.txt", b"", "text/plain"), date(2024, 10, 23), "empty"),
    (None, ("big.txt", b"war " * 300_000, "text/plain"), date(2024, 10, 23), "the limit is 1,000,000 bytes"),
    ("", None, date(2024, 10, 23), "No article text"),
    ("Kherson was shelled on Wednesday.", None, None, "publication date"),
])
def test_bad_uploads_get_a_one_line_message(run_app, monkeypatch, text, upload, published, message):
    from dashboard import curate
    monkeypatch.setattr(curate, "curate_text", fake_curation)
    monkeypatch.setattr(uploads, "curate_article", uploads._curate_in_process)  # the fake runs here, not in a worker
    at = run_app()
    add_article(at, text=text, upload=upload, published=published)
    assert len(at.error) == 1
    assert message in at.error[0].value and "\n" not in at.error[0].value
    assert shown_ids(at) == ALL_IDS


def test_curation_engine_refusal_is_shown(run_app, monkeypatch):
    from dashboard import curate
    from dashboard.curation.errors import ArticleError

    def refuse(text, published, article_id, title="", url=""):
        raise ArticleError(f"{article_id}: the article has no sentences to curate")
    monkeypatch.setattr(curate, "curate_text", refuse)
    monkeypatch.setattr(uploads, "curate_article", uploads._curate_in_process)  # the fake runs here, not in a worker
    at = run_app()
    add_article(at, text="...")
    assert "has no sentences to curate" in at.error[0].value
    assert shown_ids(at) == ALL_IDS


def test_adding_an_article_with_the_real_curation_engine(run_app):
    from dashboard.curate import curate_text
    text = ("A Russian missile strike on Kharkiv on Monday killed three people and injured 12, "
            "the regional governor said.")
    expected = curate_text(text, "2024-10-22", "probe")
    at = run_app()
    add_article(at, text=text, published=date(2024, 10, 22), title="Kharkiv strike")
    assert not at.error
    assert len(shown_ids(at)) == len(ALL_IDS) + len(expected) > len(ALL_IDS)
    table = at.dataframe(key="events_table").value
    added = table[~table["event_id"].isin(ALL_IDS)]
    assert sorted(added["topic"]) == sorted(expected["topic"])   # ids differ: they hash the article id
    assert (added["topic"] == "attack").any() and added["killed"].max() == 3


def test_bundled_table_opens_by_default(monkeypatch):
    """`streamlit run dashboard/app.py` with no argument shows data/events.csv."""
    monkeypatch.delenv("WARNEWS_EVENTS", raising=False)
    monkeypatch.setattr(sys, "argv", ["dashboard/app.py"])
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
    bundled = pd.read_csv(ROOT / "data" / "events.csv", dtype=str)
    assert len(bundled) > 0
    assert shown_ids(at) == sorted(bundled["event_id"])
    assert str(ROOT / "data" / "events.csv") in at.caption[0].value


def test_country_role_and_organisations_in_the_sidebar(run_app):
    at = run_app()
    assert at.radio(key="f_role").value == "either"             # the default, and the label says so
    countries = at.multiselect(key="f_country").options
    organisations = at.multiselect(key="f_org").options
    assert not {"G7", "UN", "BRICS"} & {o.split(" ")[-1].strip("()") for o in countries}
    assert {"Group of Seven (G7)", "United Nations (UN)"} <= set(organisations)
    at.multiselect(key="f_country").set_value(["UKR"])
    at.radio(key="f_role").set_value("place").run()
    assert "s-007" not in shown_ids(at) and "fx-001" in shown_ids(at)     # London's loan is not in Ukraine
    assert at.query_params["role"] == "place"
    at.multiselect(key="f_country").set_value([]).run()
    at.multiselect(key="f_org").set_value(["G7"]).run()
    assert shown_ids(at) == ["s-008"]


def test_a_link_from_after_the_last_day_keeps_its_range(run_app):
    at = run_app(params={"from": "2024-11-03"})
    assert at.date_input(key="f_dates").value == (date(2024, 11, 3), date(2024, 11, 3))
    assert shown_ids(at) == []
    assert at.query_params["from"] == "2024-11-03"
