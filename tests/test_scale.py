"""Large tables: categorical loading, aggregated map, timeline and quantities, bounded downloads.

Speed is measured by scripts/bench_scale.py, not here: these tests check what is sent and
that aggregation keeps every event, on tables made in the test (small thresholds where a big
table would only make the test slow).
"""
import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.curation import schema

from dashboard.view import aggregate, basemap, exports, figures, filters, loading

ROOT = Path(__file__).parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_synthetic = load_script("make_synthetic")


@pytest.fixture(scope="module")
def synthetic():
    """30,000 synthetic events as the generator writes them (text columns as strings)."""
    return make_synthetic.synthetic_events(30_000, seed=7)


@pytest.fixture(scope="module")
def categorical(synthetic):
    return loading.normalise_events(synthetic, categories=True)


@pytest.fixture(scope="module")
def plain_table(synthetic):
    return loading.normalise_events(synthetic, categories=False)


@pytest.fixture(scope="module")
def big():
    """200,000 events: the fixture's rows repeated, spread over places and a year of days."""
    events = loading.load_events(FIXTURE)
    rng = np.random.default_rng(3)
    table = events.sample(200_000, replace=True, random_state=2).reset_index(drop=True)
    table["event_id"] = "e" + pd.Series(np.arange(len(table))).astype(str)
    table["latitude"] = table["latitude"] + rng.normal(0, 2, len(table))
    table["longitude"] = table["longitude"] + rng.normal(0, 3, len(table))
    table["date_start"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 366, len(table)), "D")
    table["date_end"] = table["date_start"]
    return loading.normalise_events(table, categories=True)


def test_synthetic_table_has_every_column_topic_and_kind_of_row(synthetic, categorical):
    assert list(synthetic.columns) == schema.COLUMNS
    assert set(synthetic["topic"]) == set(schema.TOPICS)
    assert set(synthetic["geo_precision"]) == set(schema.GEO_PRECISIONS)
    assert synthetic["event_id"].is_unique
    aid = aggregate.aid_table(categorical)
    assert len(aid) > 1000 and (~aid["counted"]).sum() > 10          # shares of packages, found as such
    assert (synthetic["quantities"] != "").mean() > 0.1
    assert (synthetic["killed"].notna()).sum() > 1000
    # places cluster: far fewer distinct points than events, most in Ukraine and Russia
    points = synthetic[["latitude", "longitude"]].drop_duplicates()
    assert len(points) < len(synthetic) / 3
    assert synthetic["country_iso3"].isin(["UKR", "RUS"]).mean() > 0.6
    assert synthetic.groupby("article_id")["article_title"].nunique().max() == 1
    # time comes in bursts: the busiest day has many times the median day's events
    per_day = synthetic["date_start"].value_counts()
    assert per_day.max() > 5 * per_day.median()
    # evidence is where the offsets say, in an article's text made of its events' sentences
    assert (synthetic["char_end"] - synthetic["char_start"] == synthetic["evidence"].str.len()).all()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_synthetic_script_writes_a_table_the_dashboard_loads(tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    assert make_synthetic.main(["--rows", "500", "--out", str(out), "--seed", "1"]) == 0
    table = loading.load_events(out)
    assert len(table) == 500 and list(table.columns) == schema.COLUMNS


def test_large_tables_load_repetitive_text_as_categoricals(categorical, plain_table):
    for column in ("topic", "status", "location", "country_iso3", "actors", "article_id", "quantities"):
        assert isinstance(categorical[column].dtype, pd.CategoricalDtype), column
    for column in ("event_id", "evidence"):
        assert not isinstance(categorical[column].dtype, pd.CategoricalDtype), column
    assert categorical.memory_usage(deep=True).sum() < 0.6 * plain_table.memory_usage(deep=True).sum()
    pd.testing.assert_frame_equal(loading.plain(categorical), plain_table)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_categorical_table_round_trips_through_csv_and_parquet(categorical, plain_table, tmp_path, suffix):
    path = tmp_path / f"events{suffix}"
    if suffix == ".csv":
        path.write_bytes(exports.events_csv(categorical))
    else:
        categorical.to_parquet(path)          # categoricals are stored as Parquet dictionaries
    again = loading.load_events(path)         # 30,000 rows: over CATEGORY_MIN_ROWS
    assert len(again) >= loading.CATEGORY_MIN_ROWS
    assert isinstance(again["topic"].dtype, pd.CategoricalDtype)
    expected = plain_table
    if suffix == ".csv":   # the CSV quotes cells that start like a formula, as every download does
        expected = loading.plain(loading.normalise_events(exports.neutralise_formulas(categorical),
                                                          categories=False))
    pd.testing.assert_frame_equal(loading.plain(again), expected)


def test_small_tables_stay_plain_text():
    events = loading.load_events(FIXTURE)
    assert not any(isinstance(events[c].dtype, pd.CategoricalDtype) for c in events.columns)


@pytest.mark.parametrize("state", [
    filters.FilterState(),
    filters.FilterState(countries=("RUS",)),
    filters.FilterState(countries=("usa", "PRK")),
    filters.FilterState(topics=("attack", "military_aid")),
    filters.FilterState(text="kharkiv drones"),
    filters.FilterState(text="TANKS"),
    filters.FilterState(date_from=date(2023, 1, 1), date_to=date(2023, 3, 31)),
], ids=repr)
def test_filters_give_the_same_rows_on_categorical_and_plain_tables(categorical, plain_table, state):
    got = filters.filter_events(categorical, state)
    expected = filters.filter_events(plain_table, state)
    assert got["event_id"].tolist() == expected["event_id"].tolist()
    assert filters.country_options(categorical) == filters.country_options(plain_table)


def test_aggregates_are_the_same_on_categorical_and_plain_tables(categorical, plain_table):
    pd.testing.assert_frame_equal(aggregate.aid_by_donor(aggregate.aid_table(categorical)),
                                  aggregate.aid_by_donor(aggregate.aid_table(plain_table)))
    pd.testing.assert_frame_equal(loading.plain(aggregate.quantities_table(categorical)),
                                  loading.plain(aggregate.quantities_table(plain_table)))


def test_sorted_table_is_filtered_without_a_copy(categorical):
    table = filters.sort_by_date(categorical)
    assert filters.filter_events(table, filters.FilterState()) is table
    assert filters.sort_by_date(table) is table


def test_dashboard_functions_leave_their_input_unchanged(categorical):
    """The app shares one loaded table between sessions (st.cache_resource): nothing may write into it."""
    table = filters.sort_by_date(categorical)
    before = pd.util.hash_pandas_object(table, index=True).to_numpy().copy()
    dtypes = table.dtypes.copy()
    shown = filters.filter_events(table, filters.FilterState(countries=("UKR",), text="in"))
    aid = aggregate.aid_table(table)
    aggregate.aid_by_donor(aid)
    figures.quantities_figure(aggregate.quantities_table(table))
    figures.map_figure(table)
    figures.map_figure(shown.head(500))
    figures.timeline_figure(table)
    figures.timeline_figure(shown.head(500))
    exports.events_csv(table.head(1000))
    exports.events_geojson(table.head(1000))
    exports.aid_csv(aid.head(1000))
    pd.testing.assert_series_equal(table.dtypes, dtypes)
    assert (pd.util.hash_pandas_object(table, index=True).to_numpy() == before).all()


def test_map_of_200k_events_sends_at_most_50k_marks_and_says_it_is_aggregated(big):
    spec = figures.map_figure(big)
    meta = spec["usermeta"]
    assert meta["aggregated"] and meta["events"] == big["latitude"].notna().sum()
    cells = spec["datasets"]["cells"]
    assert spec["datasets"]["events"].empty and spec["datasets"]["badges"].empty
    assert len(cells) == meta["marks"] <= aggregate.MAX_CELLS
    # cells at a few sizes, coarser ones fewer; at every size each event is counted once
    sizes = sorted(set(cells["cell"]))
    assert len(sizes) == figures.CELL_LEVELS
    for size in sizes:
        level = cells[cells["cell"] == size]
        assert level["events"].sum() == meta["events"]
    counts = [int((cells["cell"] == size).sum()) for size in sizes]
    assert counts == sorted(counts, reverse=True) and counts[0] <= aggregate.MAP_CELLS
    assert (cells["finer"] < cells["cell"]).all() and set(cells["finer"]) == {0.0, *sizes[:-1]}
    tooltip = [layer for layer in spec["layer"] if layer["data"].get("name") == "cells"][0]["encoding"]["tooltip"]
    assert tooltip[0]["title"] == "events in this cell"


def vega_test(expr: str, **values) -> bool:
    """A Vega filter expression of the map's cells layer, evaluated in Python (its few operators)."""
    zoom = figures.MAP_ZOOM + "_x"
    expr = re.sub(rf"\(isArray\({zoom}\) \? (.+?) : (1 / max\(.+?\))\)", r"((\1) if zoomed else (\2))", expr)
    expr = expr.replace("&&", " and ").replace("||", " or ").replace("datum.", "").replace(zoom, "view_x")
    return bool(eval(expr, {"abs": abs, "max": max}, values))


def test_cells_split_as_the_map_zooms_in(big):
    """The cells layer draws one size at a time: the finest whose cells are still MIN_CELL_PX wide."""
    spec = figures.map_figure(big)
    cells = spec["datasets"]["cells"]
    layer = [layer for layer in spec["layer"] if layer["data"].get("name") == "cells"][0]
    test = layer["transform"][1]["filter"]
    coarsest = float(cells["cell"].max())
    levels = sorted(set(zip(cells["cell"], cells["finer"])))

    def drawn(view_x, width=1200, height=560) -> set[float]:
        return {size for size, finer in levels
                if vega_test(test, cell=size, finer=finer, coarsest=coarsest, zoomed=view_x is not None,
                             view_x=view_x, width=width, height=height)}

    sizes = [size for size, _ in levels]
    assert drawn(None) == {sizes[-1]}                          # the opening view: the coarsest cells
    assert drawn([30.0, 30.0 + 1200 * sizes[0] / figures.MIN_CELL_PX]) == {sizes[0]}   # zoomed in: the finest
    spans = np.geomspace(0.01, 360, 40)
    assert all(len(drawn([0.0, span])) == 1 for span in spans)     # never two sizes at once, never none
    assert [min(drawn([0.0, span])) for span in spans] == sorted(min(drawn([0.0, span])) for span in spans)


@pytest.mark.parametrize("max_cells", [5, 50, 5000])
def test_grid_counts_keep_every_event_and_the_cell_limit(max_cells):
    rng = np.random.default_rng(max_cells)
    x, y = rng.normal(30, 5, 20_000), rng.normal(55, 3, 20_000)
    groups = rng.integers(0, 4, 20_000)
    cells, size = aggregate.grid_counts(x, y, groups, 4, max_cells=max_cells)
    assert len(cells) <= max_cells and size > 0
    assert cells["events"].sum() == 20_000
    assert (cells[["g0", "g1", "g2", "g3"]].sum(axis=1) == cells["events"]).all()
    assert np.bincount(groups, minlength=4).tolist() == cells[["g0", "g1", "g2", "g3"]].sum().tolist()


def test_map_switches_to_cells_above_the_marker_limit(categorical):
    extent = figures.map_extent(categorical)
    few = figures.map_figure(categorical.head(300), extent, max_markers=300)
    assert not few["usermeta"]["aggregated"]
    assert not few["datasets"]["badges"].empty and len(few["datasets"]["events"]) == 300   # badges and all
    many = figures.map_figure(categorical.head(301), extent, max_markers=300, max_cells=40)
    assert many["usermeta"]["aggregated"] and (many["datasets"]["cells"]["finer"] == 0).sum() <= 40
    assert figures.drawable({**few, "datasets": {}}) == figures.drawable({**many, "datasets": {}})   # one spec


def test_timeline_of_200k_events_is_daily_counts_that_add_up(big):
    spec = figures.timeline_figure(big)
    assert spec["usermeta"]["aggregated"] and spec["usermeta"]["bin"] == "day"
    bars = spec["datasets"]["counts"]
    assert set(bars["topic"]) == {figures.topic_label(t) for t in set(big["topic"])}
    assert bars["events"].sum() == big["date_start"].notna().sum()
    assert len(bars) <= 11 * 366
    assert "counted per day" in spec["title"]["text"]


@pytest.mark.parametrize("max_bins, bin_name", [(1500, "day"), (60, "week"), (13, "month"), (2, "year")])
def test_timeline_bins_grow_to_stay_under_the_limit(big, max_bins, bin_name):
    counts, name = aggregate.timeline_counts(big, max_bins=max_bins)
    assert name == bin_name
    assert counts["events"].sum() == big["date_start"].notna().sum()
    assert counts.groupby("topic")["period"].nunique().max() <= max(max_bins, 2)
    if name == "week":
        assert (counts["period"].dt.day_of_week == 0).all()          # weeks start on Monday


def test_timeline_small_tables_keep_spans_and_single_events():
    events = loading.load_events(FIXTURE)
    spec = figures.timeline_figure(events, max_events=len(events))
    assert not spec["usermeta"]["aggregated"]
    aggregated = figures.timeline_figure(events, max_events=5)
    assert aggregated["usermeta"]["aggregated"]
    assert aggregated["datasets"]["counts"]["events"].sum() == len(events)


def test_quantities_chart_sums_per_actor_above_the_bar_limit(categorical):
    quantities = aggregate.quantities_table(categorical)
    spec = figures.quantities_figure(quantities)
    assert spec["usermeta"]["aggregated"]
    totals = aggregate.quantity_totals(quantities)
    assert totals["figures"].sum() == len(quantities)                # every figure in one bar
    assert totals.groupby("category")["value"].sum().to_dict() == pytest.approx(
        quantities.groupby("category", observed=True)["value"].sum().to_dict())
    assert len(spec["datasets"]["quantities"]) == len(totals) <= 6 * (aggregate.TOP_ACTORS + 1)
    assert "sums of" in spec["title"]["text"]


def test_aid_hover_lists_a_bounded_number_of_amounts(categorical):
    by_donor = aggregate.aid_by_donor(aggregate.aid_table(categorical))
    longest = by_donor["originals"].str.count(";").max()
    assert longest <= aggregate.ORIGINALS_SHOWN
    assert by_donor["originals"].str.contains("more").any()


def test_downloads_neutralise_formulas_in_every_format():
    events = loading.load_events(FIXTURE)
    events.loc[0, "donor"] = "=HYPERLINK(\"http://x\")"
    events.loc[0, "topic"] = "financial_aid"
    events.loc[0, "amount_usd"] = 1e6
    aid = aggregate.aid_table(events)
    aid_rows = pd.read_csv(pd.io.common.BytesIO(exports.aid_csv(aid)), keep_default_na=False)
    assert aid_rows.set_index("event_id").loc[events.loc[0, "event_id"], "donor"].startswith("'=")
    features = json.loads(exports.events_geojson(events))["features"]
    properties = {f["properties"]["event_id"]: f["properties"] for f in features}
    assert properties[events.loc[0, "event_id"]]["donor"].startswith("'=")
    assert properties["fx-006"]["summary"].startswith("'=SUM")
    cat = loading.normalise_events(events, categories=True)
    assert pd.read_csv(pd.io.common.BytesIO(exports.events_csv(cat)), keep_default_na=False)["donor"][0] \
        .startswith("'=")


@pytest.fixture
def large_app(tmp_path, monkeypatch):
    path = tmp_path / "large.parquet"
    make_synthetic.save_table(make_synthetic.synthetic_events(30_000, seed=5), path)
    st.cache_data.clear()
    monkeypatch.setenv("WARNEWS_EVENTS", str(path))
    monkeypatch.setattr(sys, "argv", ["dashboard/app.py"])
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_app_on_a_large_table_says_what_it_aggregated_and_bounds_the_table(large_app):
    at = large_app
    captions = " ".join(c.value for c in at.caption)
    assert at.caption[0].value.startswith("30000 of 30000 events")
    assert "Aggregated: 29,9" in captions or "Aggregated: 30,000 events" in captions
    assert "counts them per" in captions and "each bar sums one actor's" in captions
    assert f"The table lists the first {exports.TABLE_ROWS:,} of 30,000 events" in captions
    assert len(at.dataframe(key="events_table").value) == exports.TABLE_ROWS
    assert len(at.selectbox(key="event_pick").options) == exports.TABLE_ROWS
    # a narrow view is drawn event by event again
    at.multiselect(key="f_topic").set_value(["sanctions"]).run()
    at.text_input(key="f_text").set_value("Kyiv").run()
    assert not at.exception
    assert "Aggregated" not in " ".join(c.value for c in at.caption)


def test_quantities_text_is_left_out_only_where_the_chart_sums(categorical):
    full = aggregate.quantities_table(categorical)
    lean = aggregate.quantities_table(categorical, text_up_to=aggregate.QUANTITY_BARS)
    assert (lean["summary"] == "").all() and (lean["evidence"] == "").all()
    pd.testing.assert_frame_equal(lean.drop(columns=["summary", "evidence"]),
                                  full.drop(columns=["summary", "evidence"]))
    few = categorical[categorical["quantities"] != ""].head(5)
    assert (aggregate.quantities_table(few, text_up_to=aggregate.QUANTITY_BARS)["evidence"] != "").all()


EVIL = '<img src=x onerror="alert(1)">'


@pytest.mark.parametrize("aggregated", [False, True], ids=["single events", "aggregated"])
def test_text_from_the_table_is_data_in_every_figure(aggregated):
    """A merged dataset may carry markup in any text column: every chart takes it as data (Vega draws
    text as text and its tooltips escape it), never into its spec, where it could be read as markup."""
    events = loading.load_events(FIXTURE)
    events["topic"] = events["topic"].where(events["topic"] != "attack", EVIL)
    events["donor"] = events["donor"].where(events["donor"] == "", EVIL)
    events["actors"] = EVIL
    events["summary"] = EVIL
    events["location"] = EVIL
    limits = {"max_markers": 1} if aggregated else {}
    charts = [figures.map_figure(events, **limits),
              figures.timeline_figure(events, max_events=1 if aggregated else 10_000),
              figures.aid_figure(aggregate.aid_by_donor(aggregate.aid_table(events))),
              figures.quantities_figure(aggregate.quantities_table(events), max_bars=1 if aggregated else 40)]
    for chart in charts:
        spec = figures.drawable({**chart, "datasets": {}})
        # the timeline's lane names: a value, drawn as text
        spec["params"] = [p for p in spec.get("params", []) if p["name"] != "lane_names"]
        assert "<img" not in json.dumps(spec), chart["usermeta"]
        cells = pd.concat([frame.astype(str).stack() for frame in chart["datasets"].values() if not frame.empty])
        assert cells.str.contains("<img", regex=False).any(), chart["usermeta"]     # the text itself, unchanged
        assert not cells.str.contains("&lt;", regex=False).any()


def test_aggregated_timeline_opens_on_the_bulk_not_on_a_thin_early_tail(big):
    early = big.head(200).assign(date_start=pd.Timestamp("2019-03-01"))
    table = pd.concat([early, big.iloc[200:]], ignore_index=True)
    spec = figures.timeline_figure(table)
    start, end = (pd.Timestamp(int(d), unit="ms") for d in spec["encoding"]["x"]["scale"]["domain"])
    assert pd.Timestamp("2023-12-01") < start < pd.Timestamp("2024-01-08") and end > pd.Timestamp("2024-12-30")
    assert "the 200 earliest, before 2024-01-01, are left of the view" in spec["title"]["text"]
    assert spec["datasets"]["counts"]["events"].sum() == len(table)     # still counted
    assert "domain" not in figures.timeline_figure(big)["encoding"]["x"]["scale"]


def test_added_articles_join_a_large_table_without_losing_its_categoricals(categorical):
    base = filters.sort_by_date(categorical)
    added = loading.load_events(FIXTURE)           # small, plain strings, topics the base has and more
    added.loc[0, "location"] = "A place the large table lacks"
    state = filters.FilterState(countries=("UKR",))
    shown = filters.filter_tables([base, added], state)
    expected = filters.filter_events(pd.concat([loading.plain(base), added], ignore_index=True), state)
    assert shown["event_id"].tolist() == expected["event_id"].tolist()
    assert isinstance(shown["location"].dtype, pd.CategoricalDtype)
    assert "A place the large table lacks" in set(shown["location"])
    pd.testing.assert_frame_equal(loading.plain(shown).reset_index(drop=True), expected.reset_index(drop=True))
    assert filters.filter_tables([base], filters.FilterState()) is base
