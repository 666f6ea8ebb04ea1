"""Vega-Lite charts over the (filtered) event table: map, timeline, casualties, aid and quantities.

Each function returns a Vega-Lite spec (a dict, named for its chart: "map", "timeline", "casualties",
"aid", "quantities") for st.vega_lite_chart; the data it draws sit in
spec["datasets"] as DataFrames, which Streamlit sends as Arrow, and what the page says about a
chart (aggregated or not, counts) in spec["usermeta"]. Vega-Lite, not plotly: Streamlit's Vega
bundle is a sixth of plotly's and draws these charts in a fraction of the time (README, "Speed in
the browser").

The map is a plain cartesian chart in Web Mercator coordinates whose base map (land, lakes, country
and region borders, region names, city labels) is one SVG image that Streamlit serves from
dashboard/static/ (dashboard.view.basemap): the browser fetches it once and caches it, and a rerun
sends only the events. Its spec does not depend on the view (only its datasets do), so a filter
change updates the drawn chart in place and the user's zoom and pan stay. Nothing comes from the
network. Text from the table travels as data, never as markup: Vega draws it as text and its
tooltips escape it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.curation import schema

from dashboard.view import aggregate, basemap
from dashboard.view.loading import plain

TOPIC_COLORS = {
    "attack": "#d62728", "combat": "#8c4a0b", "troop_movement": "#9467bd",
    "arms_transfer": "#e377c2", "military_aid": "#1f77b4", "financial_aid": "#2ca02c",
    "humanitarian_aid": "#17becf", "sanctions": "#555555", "diplomacy": "#bcbd22",
    "maritime_security": "#0b3d91", "other": "#9e9e9e",
}
AID_TYPE_COLORS = {"loan": "#6a3d9a", "grant": "#33a02c", "military": "#1f78b4",
                   "humanitarian": "#17becf", "budget": "#ff7f00", "other": "#9e9e9e"}
WATER, LAND, COAST, BORDER = "#d6e6f2", "#f3f1ea", "#8fa7b8", "#a8a29a"
PRECISE_SYMBOL, APPROXIMATE_SYMBOL = "circle", "diamond"
PRECISE_PLACE, APPROXIMATE_PLACE = "exact or nearby place", "approximate place (region, country or sea)"
# The name of the map's zoom: an interval bound to the scales (wheel zooms, drag pans, double-click
# goes back). The app lets Streamlit keep it (selection_mode), which it otherwise clears when the data change.
MAP_ZOOM = "view"
UTC = {"type": "utc"}   # dates travel as "YYYY-MM-DD" and are drawn as days, in no time zone


def drawable(chart: dict) -> dict:
    """The spec to give st.vega_lite_chart: the chart without what only the page reads (usermeta),
    so a chart whose drawing did not change keeps its spec (and the map its zoom)."""
    return {key: value for key, value in chart.items() if key != "usermeta"}


def sent_bytes(chart: dict) -> int:
    """About what st.vega_lite_chart sends for a chart: its spec as JSON and each dataset as Arrow IPC."""
    import json

    import pyarrow as pa
    size = len(json.dumps(drawable({**chart, "datasets": {}}), default=str))
    for frame in chart.get("datasets", {}).values():
        sink = pa.BufferOutputStream()
        table = pa.Table.from_pandas(frame, preserve_index=False)
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        size += sink.getvalue().size
    return size


def topic_label(topic: str) -> str:
    """'troop_movement' -> 'troop movement'."""
    return str(topic).replace("_", " ")


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def _topic_key(topic: pd.Series) -> pd.Series:
    """The topic's colour key: a topic the palette lacks (a merged table may carry any) counts as other."""
    topic = _text(topic)
    return topic.where(topic.isin(list(TOPIC_COLORS)), "other").map(topic_label)


def topic_scale(**extra) -> dict:
    """The topic colours, every topic in a fixed order (so a chart's spec does not follow the view)."""
    return {"domain": [topic_label(t) for t in TOPIC_COLORS], "range": list(TOPIC_COLORS.values()), **extra}


def _day(series: pd.Series) -> pd.Series:
    return series.dt.strftime("%Y-%m-%d")


def date_label(df: pd.DataFrame) -> pd.Series:
    start = df["date_start"].dt.strftime("%Y-%m-%d").fillna("undated")
    end = df["date_end"].dt.strftime("%Y-%m-%d")
    ranged = df["date_end"].notna() & (df["date_end"] > df["date_start"])
    return start.where(~ranged, start + " – " + end.fillna(""))


def figures_label(df: pd.DataFrame) -> pd.Series:
    """Casualties, money and quantities of each event as one line of text."""
    parts = pd.DataFrame(index=df.index)
    parts["killed"] = ("killed " + df["killed"].astype("string")).fillna("")
    parts["injured"] = ("injured " + df["injured"].astype("string")).fillna("")
    money = aggregate.format_money(df["amount"], df["currency"])
    usd = aggregate.format_money(df["amount_usd"], pd.Series("USD", index=df.index))
    show_usd = (usd != "") & (df["currency"] != "USD")
    parts["money"] = money.where(~show_usd, money + " (≈ " + usd + ")").where(money != "", usd)
    parts["quantities"] = _text(df["quantities"])
    text = parts.apply(lambda col: col.where(col == "", col + " · "))  # column-wise, not per row
    joined = text["killed"] + text["injured"] + text["money"] + text["quantities"]
    return joined.str.removesuffix(" · ")


def place_label(df: pd.DataFrame) -> pd.Series:
    place = _text(df["location"])
    admin1 = _text(df["admin1"])
    country = _text(df["country_iso3"])
    label = place.where(admin1.eq("") | admin1.eq(place), place + ", " + admin1)
    label = label.where(country.eq(""), label + " (" + country + ")").str.strip(" ,")
    approximate = df["geo_precision"].isin(schema.APPROXIMATE_PRECISIONS)
    label = label.where(~approximate, label + " — approximate (" + _text(df["geo_precision"]) + ")")
    return label.where(label != "", "place unknown")


def event_text(df: pd.DataFrame) -> pd.DataFrame:
    """An event's tooltip as columns: event (summary), when (dates and status), topic, place, figures."""
    status = _text(df["status"])
    status = (" (" + status + ")").where(~status.isin(["", "occurred"]), "")
    return pd.DataFrame({"event": _text(df["summary"]), "when": date_label(df) + status,
                         "topic": _text(df["topic"]).map(topic_label), "place": place_label(df),
                         "figures": figures_label(df)}, index=df.index)


TOOLTIP = [{"field": name, "title": name} for name in ("event", "when", "topic", "place", "figures")]


def marker_size(df: pd.DataFrame) -> np.ndarray:
    """Severity -> marker diameter in px: casualties (killed + injured), or money in USD for aid."""
    sev = aggregate.severity(df)
    by_casualties = 9 + 5 * np.log2(1 + sev["casualties"].to_numpy())
    by_money = 9 + 5 * np.log10(1 + sev["money_usd"].fillna(0).to_numpy() / 1e6)
    return np.clip(np.maximum(by_casualties, by_money), 9, 40)


def _area(diameter) -> np.ndarray:
    """Vega sizes a symbol by its area in px²: the area of a circle of this diameter."""
    return np.pi / 4 * np.asarray(diameter, dtype=float) ** 2


def _point_lists(located: pd.DataFrame, shared: pd.DataFrame, limit: int = 15) -> pd.Series:
    """For each shared point, one line per event there (date · topic · summary)."""
    line = date_label(located) + " · " + _text(located["topic"]).map(topic_label) + " · " + _text(located["summary"])
    members = shared["rows"].explode()
    lines = line.reindex(members.to_numpy()).set_axis(members.index)
    lines = lines[lines.groupby(level=0).cumcount() < limit]
    joined = lines.groupby(level=0).agg("\n".join)
    more = (shared["events"] - limit).clip(lower=0)
    return joined + more.map(lambda n: f"\n… and {n} more" if n else "")


# The map opens on the events: their extent plus a margin, never closer than MIN_MAP_SPAN degrees
# (about 700 km, so a single town shows its region) and never wider than the world.
MAP_MARGIN, MIN_MAP_SPAN = 0.08, 6.0
WORLD_X, WORLD_Y = (-180.0, 180.0), tuple(float(v) for v in basemap.mercator_y([-basemap.MAX_LATITUDE,
                                                                                  basemap.MAX_LATITUDE]))


def _fit(lo: float, hi: float, world: tuple[float, float]) -> list[float]:
    """[lo, hi] widened by the margin and to the minimum span, kept inside the world where it can be."""
    pad = (hi - lo) * MAP_MARGIN
    lo, hi = lo - pad, hi + pad
    if hi - lo < MIN_MAP_SPAN:
        middle = (lo + hi) / 2
        lo, hi = middle - MIN_MAP_SPAN / 2, middle + MIN_MAP_SPAN / 2
    if hi - lo < world[1] - world[0]:   # slide a margin that overflows the world back inside it
        if lo < world[0]:
            lo, hi = world[0], hi + (world[0] - lo)
        elif hi > world[1]:
            lo, hi = lo - (hi - world[1]), world[1]
    return [max(lo, world[0]), min(hi, world[1])]   # markers are inside the world, so still in view


def map_ranges(lon: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    """The initial view: every marker inside, with a margin (x is longitude, y Mercator y).

    Zooming out still shows the whole world: the base map is drawn in full, only the view is fitted.
    """
    lon, y = np.asarray(lon, dtype=float), np.asarray(y, dtype=float)
    if len(lon) == 0:
        return [-20.0, 60.0], list(basemap.mercator_y([30.0, 65.0]))
    return (_fit(float(np.min(lon)), float(np.max(lon)), WORLD_X),
            _fit(float(np.min(y)), float(np.max(y)), WORLD_Y))


# Above this many located events the map draws counts per grid cell, not one marker per event:
# each marker carries its tooltip text, and 5,000 of them are already megabytes to send.
MAP_MARKER_LIMIT = 5_000
# The aggregated map sends its cells at a few sizes, each about CELL_LEVEL_RATIO times fewer than the
# next finer one, and draws the finest whose cells are still MIN_CELL_PX wide at the current zoom:
# coarse cells on a continent, splitting into finer ones as the user zooms in, with no rerun.
CELL_LEVELS, CELL_LEVEL_RATIO, MIN_CELL_PX = 3, 9, 9
# The base map's place names (basemap.LABELS_URL) are drawn once a city's name is this many px tall:
# below it neither they nor the region names can be read (on the bundled table's opening view they
# are 0.3 px), and the browser is spared loading and drawing 3,000 names.
LABELS_MIN_PX = 3.0


def map_extent(df: pd.DataFrame) -> tuple[list[float], list[float]]:
    """The map's opening view over a whole table (see map_ranges). Given to map_figure for every view of
    the table, it keeps the map's spec the same from one filter change to the next, so the drawn
    chart is updated in place and keeps the user's zoom and pan."""
    located = df["latitude"].notna() & df["longitude"].notna()
    return map_ranges(df.loc[located, "longitude"].to_numpy(float),
                      basemap.mercator_y(df.loc[located, "latitude"].to_numpy(float)))


# Events at one point are drawn on a small ring round it (radius in degrees, about 5 km), under a
# badge with their count: one mark on a country's map, separate markers once zoomed to the town.
SPREAD_DEGREES = 0.05


def spread_offsets(located: pd.DataFrame, shared: pd.DataFrame,
                   radius: float = SPREAD_DEGREES) -> tuple[np.ndarray, np.ndarray]:
    """Per located row, the (x, y) offset that puts the events of a shared point evenly on a ring."""
    dx, dy = np.zeros(len(located)), np.zeros(len(located))
    if shared.empty:
        return dx, dy
    position = pd.Series(np.arange(len(located)), index=located.index)
    for rows in shared["rows"]:
        at = position.loc[rows].to_numpy()
        angle = np.pi / 2 + 2 * np.pi * np.arange(len(at)) / len(at)
        dx[at], dy[at] = radius * np.cos(angle), radius * np.sin(angle)
    return dx, dy


EVENT_COLUMNS = ["x", "y", "event_id", "topic_key", "place_kind", "size", *[t["field"] for t in TOOLTIP]]
BADGE_COLUMNS = ["x", "y", "count", "size", "events"]
CELL_COLUMNS = ["x", "y", "events", "size", "finer", "cell", "topics", "km"]


def map_figure(df: pd.DataFrame, extent: tuple[list[float], list[float]] | None = None, height: int = 560,
               max_markers: int = MAP_MARKER_LIMIT, max_cells: int = aggregate.MAP_CELLS) -> dict:
    """Every located event on the shipped base map: colour by topic, size by severity, an open diamond
    for approximate places, and a count badge where events share a point (datasets "events", "badges").

    Above `max_markers` located events, the events are counted per cell of a grid instead (dataset
    "cells", see aggregate.grid_counts; at most `max_cells` cells at the finest size): a circle per
    cell, sized and coloured by its count, whose tooltip gives the count and the topics; coarser cells
    on a wide view split as the user zooms in. spec["usermeta"] says which: {"aggregated": bool,
    "events": located events, "marks": marks sent, "cell_km": typical finest cell size}.

    `extent` is the opening view (map_extent of the whole table); without it, the view is fitted to
    these events. The legends keep topic (colour) and place precision (shape) apart.
    """
    located_rows = (df["latitude"].notna() & df["longitude"].notna()).to_numpy()
    events, badges = pd.DataFrame(columns=EVENT_COLUMNS), pd.DataFrame(columns=BADGE_COLUMNS)
    cells = pd.DataFrame(columns=CELL_COLUMNS)
    if located_rows.sum() > max_markers:
        cells = _cells(df, located_rows, max_cells)
        finest = cells[cells["finer"] == 0]
        meta = {"aggregated": True, "events": int(finest["events"].sum()), "marks": int(len(cells)),
                "cell_km": int(np.rint(np.median(finest["km"]))) if len(finest) else 0}
        lon, y = finest["x"].to_numpy(float), finest["y"].to_numpy(float)
    else:
        located = plain(df[located_rows])
        events, badges = _event_marks(located)
        meta = {"aggregated": False, "events": int(len(located)), "marks": int(len(located)), "cell_km": 0}
        lon = located["longitude"].to_numpy(float)
        y = basemap.mercator_y(located["latitude"].to_numpy(float))
    spec = map_spec(*(extent or map_ranges(lon, y)), height)
    spec["datasets"] = {"events": events[EVENT_COLUMNS], "badges": badges[BADGE_COLUMNS],
                        "cells": cells[CELL_COLUMNS]}
    spec["usermeta"] = meta
    return spec


def _event_marks(located: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The markers (spread on a ring where events share a point) and the count badges of those points."""
    shared = aggregate.shared_points(located)
    dx, dy = spread_offsets(located, shared)
    approximate = located["geo_precision"].isin(schema.APPROXIMATE_PRECISIONS).to_numpy()
    events = event_text(located).assign(
        x=located["longitude"].to_numpy(float) + dx,
        y=basemap.mercator_y(located["latitude"].to_numpy(float)) + dy,
        event_id=_text(located["event_id"]), topic_key=_topic_key(located["topic"]),
        place_kind=np.where(approximate, APPROXIMATE_PLACE, PRECISE_PLACE),
        size=_area(marker_size(located)))
    if shared.empty:
        return events.reset_index(drop=True), pd.DataFrame(columns=BADGE_COLUMNS)
    counts = shared["events"].to_numpy()
    badges = pd.DataFrame({
        "x": shared["longitude"].to_numpy(float), "y": basemap.mercator_y(shared["latitude"].to_numpy(float)),
        "count": counts, "size": _area(np.select([counts > 99, counts > 9], [24, 19], 15)),
        "events": _point_lists(located, shared).to_numpy()})
    return events.reset_index(drop=True), badges


def _cells(df: pd.DataFrame, located_rows: np.ndarray, max_cells: int) -> pd.DataFrame:
    """Counts per grid cell at CELL_LEVELS sizes, finest first: the map of a table too big to send
    event by event. "cell" is a row's cell size and "finer" the next finer level's (0 for the finest)."""
    lon = df["longitude"].to_numpy(float)[located_rows]
    y = basemap.mercator_y(df["latitude"].to_numpy(float)[located_rows])
    topic = df["topic"]
    if isinstance(topic.dtype, pd.CategoricalDtype):
        codes, names = topic.cat.codes.to_numpy()[located_rows], list(topic.cat.categories.astype("str"))
    else:
        codes, names = pd.factorize(topic[located_rows].astype(str))
        names = list(names)
    levels, finer = [], 0.0
    for level in range(CELL_LEVELS):
        cells, size = aggregate.grid_counts(lon, y, codes, len(names),
                                            max_cells=max(1, max_cells // CELL_LEVEL_RATIO ** level))
        if level and size <= finer:     # the events fit in so few cells that a coarser grid adds nothing
            break
        levels.append(_cell_rows(cells, names, size, finer))
        finer = size
    return pd.concat(levels, ignore_index=True)


def _cell_rows(cells: pd.DataFrame, names: list[str], size: float, finer: float) -> pd.DataFrame:
    # the busiest cells drawn last, on top: the hot spots stay visible where circles overlap
    cells = cells.sort_values("events", kind="stable").reset_index(drop=True)
    count = cells["events"].to_numpy()
    shares = cells[[f"g{i}" for i in range(len(names))]].to_numpy() / np.maximum(count, 1)[:, None]
    # the cell's topics, biggest first: "attack 61% · combat 20% · diplomacy 9%"
    top = np.argsort(-shares, axis=1, kind="stable")[:, :3]
    labels = np.asarray([topic_label(n) for n in names], dtype=object)
    topics = pd.Series("", index=cells.index, dtype=object)
    for k in range(top.shape[1]):
        share = shares[np.arange(len(cells)), top[:, k]]
        text = pd.Series(labels[top[:, k]]) + " " + pd.Series(np.rint(share * 100).astype(int)).astype(str) + "%"
        text = text.where(share > 0, "")
        topics = topics + text.where((text == "") | (topics == ""), " · " + text)
    km = size * 111.32 * np.cos(np.radians(basemap.latitude_from_mercator(cells["y"].to_numpy())))
    return pd.DataFrame({"x": cells["x"].to_numpy(np.float32), "y": cells["y"].to_numpy(np.float32),
                         "events": count, "size": _area(np.clip(4 + 2 * np.log2(np.maximum(count, 1)), 4, 28)),
                         "finer": float(finer), "cell": float(size), "topics": topics.to_numpy(object),
                         "km": np.rint(km).astype(int)})


def map_spec(x_range: list[float], y_range: list[float], height: int = 560) -> dict:
    """The map's Vega-Lite spec around its datasets: it depends only on the opening view and height.

    The opening view holds x_range and y_range whatever the chart's width: the axes get one scale
    (Mercator keeps its shape) fitted to the wider of the two, by expressions of Vega's width and height.
    """
    xc, yc = (x_range[0] + x_range[1]) / 2, (y_range[0] + y_range[1]) / 2
    per_px = f"max({x_range[1] - x_range[0]!r} / width, {y_range[1] - y_range[0]!r} / height)"
    x_scale = {"domainMin": {"expr": f"{xc!r} - {per_px} * width / 2"},
               "domainMax": {"expr": f"{xc!r} + {per_px} * width / 2"}, "zero": False, "nice": False}
    y_scale = {"domainMin": {"expr": f"{yc!r} - {per_px} * height / 2"},
               "domainMax": {"expr": f"{yc!r} + {per_px} * height / 2"}, "zero": False, "nice": False}
    x = {"field": "x", "type": "quantitative", "axis": None}
    y = {"field": "y", "type": "quantitative", "axis": None}
    legend = {"orient": "bottom", "direction": "horizontal", "columns": 4, "symbolSize": 110, "labelLimit": 260}
    # px per map unit now; a cell level is drawn while its cells are MIN_CELL_PX wide and the finer
    # level's are not (the coarsest also when its cells are smaller, the finest also when larger)
    # (the zoom's own signal, MAP_ZOOM + "_x", holds the x domain once the user zoomed or panned)
    ppu = f"(isArray({MAP_ZOOM}_x) ? width / abs({MAP_ZOOM}_x[1] - {MAP_ZOOM}_x[0]) : 1 / {per_px})"
    level = (f"datum.finer * {ppu} < {MIN_CELL_PX} && "
             f"(datum.cell * {ppu} >= {MIN_CELL_PX} || datum.cell >= {{coarsest}})")
    points = {"x": x, "y": y, "size": {"field": "size", "type": "quantitative", "scale": None},
              "color": {"field": "topic_key", "type": "nominal", "scale": topic_scale(),
                        "legend": {**legend, "title": "topic (colour)"}},
              "shape": {"field": "place_kind", "type": "nominal",
                        "scale": {"domain": [PRECISE_PLACE, APPROXIMATE_PLACE],
                                  "range": [PRECISE_SYMBOL, APPROXIMATE_SYMBOL]},
                        "legend": {**legend, "title": "place (shape)", "columns": 1}},
              "tooltip": TOOLTIP}
    return {
        "name": "map", "height": height, "padding": 0, "view": {"fill": WATER, "stroke": None},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [
            {"params": [{"name": MAP_ZOOM, "select": {"type": "interval", "zoom": "wheel!"}, "bind": "scales"}],
             # the outlines always; the place names once they can be read (LABELS_MIN_PX), so a wide
             # view never loads them: an image is loaded when its row is first drawn
             "data": {"values": [{"x": WORLD_X[0], "x2": WORLD_X[1], "y": WORLD_Y[1], "y2": WORLD_Y[0],
                                  "url": url, "labels": url == basemap.LABELS_URL}
                                 for url in (basemap.STATIC_URL, basemap.LABELS_URL)]},
             "transform": [{"filter": f"!datum.labels || {ppu} * {basemap.CITY_FONT!r} >= {LABELS_MIN_PX!r}"}],
             "mark": {"type": "image", "url": basemap.STATIC_URL, "aspect": False, "clip": True},
             "encoding": {"x": {**x, "scale": x_scale}, "x2": {"field": "x2"},
                          "y": {**y, "scale": y_scale}, "y2": {"field": "y2"}, "url": {"field": "url"},
                          "tooltip": None}},
            {"data": {"name": "cells"},
             "transform": [{"joinaggregate": [{"op": "max", "field": "cell", "as": "coarsest"}]},
                           {"filter": level.replace("{coarsest}", "datum.coarsest")}],
             "mark": {"type": "circle", "clip": True, "opacity": 0.8, "stroke": "#7a2e0e", "strokeWidth": 0.5},
             "encoding": {"x": x, "y": y, "size": {"field": "size", "type": "quantitative", "scale": None},
                          "fill": {"field": "events", "type": "quantitative",
                                   "scale": {"type": "log", "scheme": "yelloworangered"},
                                   "legend": None},
                          "tooltip": [{"field": "events", "title": "events in this cell", "format": ","},
                                      {"field": "km", "title": "cell across (km)"},
                                      {"field": "topics", "title": "topics"}]}},
            {"data": {"name": "events"}, "transform": [{"filter": f"datum.place_kind == '{PRECISE_PLACE}'"}],
             "mark": {"type": "point", "filled": True, "clip": True, "opacity": 0.85, "stroke": "white",
                      "strokeWidth": 1},
             "encoding": points},
            {"data": {"name": "events"}, "transform": [{"filter": f"datum.place_kind != '{PRECISE_PLACE}'"}],
             "mark": {"type": "point", "filled": False, "clip": True, "opacity": 0.9, "strokeWidth": 2.5},
             "encoding": points},
            {"data": {"name": "badges"},
             "mark": {"type": "circle", "clip": True, "fill": "white", "opacity": 0.95, "stroke": "#111111",
                      "strokeWidth": 1.5},
             "encoding": {"x": x, "y": y, "size": {"field": "size", "type": "quantitative", "scale": None},
                          "tooltip": [{"field": "count", "title": "events at this point"},
                                      {"field": "events", "title": "events"}]}},
            {"data": {"name": "badges"},
             "mark": {"type": "text", "clip": True, "fontSize": 10, "fontWeight": "bold", "color": "#111111"},
             "encoding": {"x": x, "y": y, "text": {"field": "count"},
                          "tooltip": [{"field": "count", "title": "events at this point"},
                                      {"field": "events", "title": "events"}]}},
        ],
    }


# A span is long when it lasts more than this many days and longer than the single-day events'
# own extent ("since August 2023" in a week of news); the timeline then opens on the other events.
LONG_SPAN_MIN_DAYS = 31
CONTINUES_LEFT, CONTINUES_RIGHT = "triangle-left", "triangle-right"


def timeline_window(start: pd.Series, end: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The initial date range when long spans would squeeze every other event into a sliver, else None.

    `end` is NaT for single-day events. The window holds every single-day event and every short
    span whole, and of each long span at least its end (or its start, when that is later).
    """
    ranged = end.notna()
    single = start[~ranged]
    if single.empty:
        return None
    core_days = (single.max() - single.min()).days
    long = ranged & ((end - start).dt.days > max(LONG_SPAN_MIN_DAYS, core_days))
    if not long.any():
        return None
    stop = end.fillna(start)
    lo = min(start[~long].min(), stop[long].min())
    hi = max(stop[~long].max(), start[long].max())
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=1))
    return lo - pad, hi + pad


def _lane_offsets(df: pd.DataFrame) -> np.ndarray:
    """Events of one topic on one day stacked inside their lane, evenly round its middle (deterministic):
    2 at -0.08 and +0.08, 5 from -0.32 to +0.32, more closer together, never past +-0.4."""
    groups = df.groupby(["topic", "date_start"], dropna=False, sort=False)
    k = groups.cumcount().to_numpy()
    n = groups["topic"].transform("size").to_numpy()
    step = np.minimum(0.16, 0.8 / np.maximum(n, 1))
    return (k - (n - 1) / 2) * step


def _stacked(frame: pd.DataFrame, by: list[str], order: str, groups: list[str], value: str) -> pd.DataFrame:
    """y0, y1 of each row in a stack per `by`, its `order` column stacked in the order of `groups`:
    bars given as rectangles (x to x2, y0 to y1), as Vega-Lite does not stack bars that span x to x2."""
    rank = frame[order].map({g: i for i, g in enumerate(groups)}).fillna(len(groups))
    frame = frame.assign(_rank=rank.to_numpy()).sort_values([*by, "_rank"], kind="stable")
    frame["y1"] = frame.groupby(by, sort=False)[value].cumsum()
    frame["y0"] = frame["y1"] - frame[value]
    return frame.drop(columns="_rank").reset_index(drop=True)


def _ms(dates: pd.Series) -> pd.Series:
    """Dates as milliseconds since 1970 (UTC): how Vega takes a time without a time zone to guess."""
    return (dates - pd.Timestamp(0)).dt.total_seconds() * 1000


def date_axis(first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """A date axis over [first, last]: whole days (never 00:00 / 12:00), weeks, months or years, and the
    year as the axis title for short spans, so no tick carries a second line to be clipped. Returns the
    Vega-Lite axis and title: {"axis": {...}, "title": str | None}."""
    days = max((last - first).days, 0)
    flush = {"labelFlush": True, "labelOverlap": "greedy", "grid": True}
    if days <= 60:
        years = sorted({first.year, last.year})
        title = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        interval = "day" if days <= 14 else "week"
        return {"axis": {"format": "%-d %b", "tickCount": {"interval": interval, "step": 1}, **flush},
                "title": title}
    if days <= 3 * 365:
        return {"axis": {"format": "%b %Y", "tickCount": {"interval": "month", "step": 1 if days <= 400 else 3},
                         **flush}, "title": None}
    return {"axis": {"format": "%Y", "tickCount": {"interval": "year", "step": 1}, **flush}, "title": None}


# Above this many dated events the timeline shows counts per day (or week...) and topic.
TIMELINE_EVENT_LIMIT = 3_000
TIMELINE_COLUMNS = ["start", "end", "lane", "topic_key", "planned", *[t["field"] for t in TOOLTIP], "evidence"]


def timeline_figure(df: pd.DataFrame, max_events: int = TIMELINE_EVENT_LIMIT,
                    max_bins: int = aggregate.MAX_BINS) -> dict:
    """Events along time, one lane per topic; spans for ranged events; planned ones hollow and dashed;
    events of one topic on one day stacked in their lane (dataset "timeline").

    When a few long spans would squeeze the rest (see timeline_window), the view opens on the other
    events: the long spans run off its edge, marked there with an arrow (dataset "continuing"), and
    zooming out (wheel; double-click goes back) shows them whole. Above `max_events` dated events it
    shows stacked counts of events per day (week, month...) and topic instead (aggregate.timeline_counts).
    spec["usermeta"] holds "continuing" (spans running off the initial view), "aggregated", "bin" and
    "lanes" (the topics, top to bottom).
    """
    if int(df["date_start"].notna().sum()) > max_events:
        return _timeline_counts_figure(df, max_bins)
    dated = plain(df[df["date_start"].notna()])
    lanes = [t for t in schema.TOPICS if t in set(dated["topic"])] + sorted(
        set(dated["topic"]) - set(schema.TOPICS))
    lane_of = {t: i for i, t in enumerate(lanes)}
    end = dated["date_end"].where(dated["date_end"] > dated["date_start"])
    rows = event_text(dated).assign(
        start=_ms(dated["date_start"]), end=_ms(end),
        lane=dated["topic"].map(lane_of).to_numpy(float) + _lane_offsets(dated),
        topic_key=_topic_key(dated["topic"]), planned=(dated["status"] == "planned").to_numpy(),
        evidence=_text(dated["evidence"]))[TIMELINE_COLUMNS].reset_index(drop=True)
    window = timeline_window(dated["date_start"], end)
    continuing = _continuing_spans(rows, dated["date_start"], end, window) if window else rows.iloc[0:0]
    first, last = window or (dated["date_start"].min(), end.fillna(dated["date_start"]).max())
    ticks = date_axis(first, last) if len(dated) else {"axis": {}, "title": None}
    x_scale = {**UTC, **({"domain": [float(_ms(pd.Series(window)).iloc[0]), float(_ms(pd.Series(window)).iloc[1])]}
                        if window else {})}
    x = {"field": "start", "type": "temporal", "scale": UTC, "axis": ticks["axis"], "title": ticks["title"]}
    y = {"field": "lane", "type": "quantitative",
         "scale": {"domain": [-0.6, len(lanes) - 0.4], "reverse": True, "zero": False, "nice": False},
         "axis": {"values": list(range(len(lanes))), "title": None, "grid": False, "ticks": False, "domain": False,
                  "labelExpr": "lane_names[datum.value] || ''"}}
    color = {"field": "topic_key", "type": "nominal", "scale": topic_scale(), "legend": None}
    tooltip = [*TOOLTIP, {"field": "evidence", "title": "evidence"}]
    planned = {"test": "datum.planned"}
    spec = {
        "name": "timeline", "height": 40 + 48 * max(len(lanes), 1), "autosize": {"type": "fit-x", "contains": "padding"},
        # the lanes' names as a value, not inside the expression that reads them
        "params": [{"name": "lane_names", "value": [topic_label(t) for t in lanes]}],
        "datasets": {"timeline": rows, "continuing": continuing},
        "layer": [
            {"params": [{"name": "time", "select": {"type": "interval", "encodings": ["x"], "zoom": "wheel!"},
                         "bind": "scales"}],
             "data": {"name": "timeline"}, "transform": [{"filter": "isValid(datum.end)"}],
             "mark": {"type": "rule", "clip": True, "strokeCap": "round"},
             "encoding": {"x": {**x, "scale": x_scale}, "x2": {"field": "end"}, "y": y, "color": color,
                          "tooltip": tooltip,
                          "strokeWidth": {"condition": {**planned, "value": 3}, "value": 6},
                          "strokeDash": {"condition": {**planned, "value": [4, 3]}, "value": [1, 0]}}},
            {"data": {"name": "timeline"}, "transform": [{"filter": "!isValid(datum.end) && !datum.planned"}],
             "mark": {"type": "point", "filled": True, "clip": True, "size": 130, "stroke": "white",
                      "strokeWidth": 1, "opacity": 0.9},
             "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip}},
            {"data": {"name": "timeline"}, "transform": [{"filter": "!isValid(datum.end) && datum.planned"}],
             "mark": {"type": "point", "filled": False, "clip": True, "size": 130, "strokeWidth": 2.5},
             "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip}},
            {"data": {"name": "continuing"},
             "mark": {"type": "point", "filled": True, "clip": True, "size": 150, "stroke": "white", "strokeWidth": 1},
             "encoding": {"x": x, "y": y, "color": color, "shape": {"field": "shape", "type": "nominal", "scale": None},
                          "tooltip": [{"field": "note", "title": "span"}, *tooltip]}},
        ],
        "usermeta": {"continuing": int(len(continuing)), "aggregated": False, "bin": None, "lanes": lanes},
    }
    return spec


def _continuing_spans(rows: pd.DataFrame, start: pd.Series, end: pd.Series,
                      window: tuple[pd.Timestamp, pd.Timestamp]) -> pd.DataFrame:
    """An arrow just inside the window's edge on every span that runs past it."""
    lo, hi = window
    inset = (hi - lo) * 0.012   # inside the plot, so the arrow is seen
    ranged = end.notna().to_numpy()
    before = ranged & (start < lo).to_numpy()
    after = ranged & (end > hi).to_numpy()
    left = rows[before].assign(start=float(_ms(pd.Series([lo + inset])).iloc[0]), shape=CONTINUES_LEFT)
    right = rows[after].assign(start=float(_ms(pd.Series([hi - inset])).iloc[0]), shape=CONTINUES_RIGHT)
    out = pd.concat([left, right], ignore_index=True)
    return out.assign(end=np.nan, note="continues outside the view")


def _timeline_counts_figure(df: pd.DataFrame, max_bins: int) -> dict:
    """Stacked bars: events per day (or week, month, year) and topic, counted on their first day."""
    counts, bin_name = aggregate.timeline_counts(df, max_bins)
    total = int(counts["events"].sum())
    text = f"{total:,} events counted per {bin_name} and topic, on their first day (too many to draw one by one)"
    x_scale = dict(UTC)
    if len(counts):
        # as with single events, a thin early tail (spans that began long before) must not squeeze the
        # bulk: open on the days that hold all but the first 0.5% of the events
        per_period = counts.groupby("period")["events"].sum().sort_index()
        start = per_period.index[int(np.searchsorted(per_period.cumsum().to_numpy(), 0.005 * total))]
        first, last = per_period.index[0], per_period.index[-1]
        if (start - first) > 0.1 * (last - first):
            step = pd.Timedelta(days={"day": 1, "week": 7, "month": 31}.get(bin_name, 366))
            x_scale["domain"] = [float(v) for v in _ms(pd.Series([start - step, last + step]))]
            before = int(per_period[per_period.index < start].sum())
            text += f"; the {before:,} earliest, before {start:%Y-%m-%d}, are left of the view (zoom out)"
    length = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7)}.get(bin_name)
    ends = (counts["period"] + length if length is not None
            else counts["period"] + pd.offsets.MonthBegin(1) if bin_name == "month"
            else counts["period"] + pd.offsets.YearBegin(1))
    bars = pd.DataFrame({"period": _ms(counts["period"]),
                         "period_end": _ms(counts["period"] + (ends - counts["period"]) * 0.95),
                         "topic_key": _topic_key(counts["topic"]), "topic": counts["topic"].map(topic_label),
                         "events": counts["events"].to_numpy(),
                         "day": counts["period"].dt.strftime("%Y-%m-%d")})
    bars = _stacked(bars, ["period"], "topic_key", [topic_label(t) for t in TOPIC_COLORS], "events")
    return {
        "name": "timeline", "height": 360, "title": {"text": text, "anchor": "start", "fontSize": 12, "fontWeight": "normal"},
        "datasets": {"counts": bars},
        "params": [{"name": "time", "select": {"type": "interval", "encodings": ["x"], "zoom": "wheel!"},
                    "bind": "scales"}],
        "data": {"name": "counts"}, "mark": {"type": "bar", "clip": True},
        "encoding": {"x": {"field": "period", "type": "temporal", "scale": x_scale, "title": None,
                           "axis": {"labelFlush": True, "labelOverlap": "greedy"}},
                     "x2": {"field": "period_end"},
                     "y": {"field": "y0", "type": "quantitative", "title": f"events per {bin_name}"},
                     "y2": {"field": "y1"},
                     "color": {"field": "topic_key", "type": "nominal", "scale": topic_scale(),
                               "legend": {"orient": "bottom", "direction": "horizontal", "columns": 4, "title": None}},
                     "tooltip": [{"field": "events", "title": "events", "format": ","},
                                 {"field": "topic", "title": "topic"}, {"field": "day", "title": f"{bin_name} of"}]},
        "usermeta": {"continuing": 0, "aggregated": True, "bin": bin_name, "events": total,
                     "marks": int(len(counts)), "text": text},
    }


def aid_figure(by_donor: pd.DataFrame) -> dict:
    """Stacked USD bars per donor by aid type; the tooltip lists the original amounts and currencies."""
    by_donor = plain(by_donor)
    bars = pd.DataFrame({"donor": _text(by_donor["donor"]), "aid_type": _text(by_donor["aid_type"]),
                         "usd": by_donor["amount_usd"].astype(float).to_numpy(),
                         "usd_text": aggregate.format_money(by_donor["amount_usd"],
                                                            pd.Series("USD", index=by_donor.index)),
                         "events": by_donor["events"].astype(int).to_numpy(),
                         "originals": _text(by_donor["originals"])})
    return {
        "name": "aid", "height": {"step": 36}, "datasets": {"aid": bars}, "data": {"name": "aid"}, "mark": "bar",
        "encoding": {
            "y": {"field": "donor", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "usd", "type": "quantitative", "title": "USD", "stack": "zero",
                  "axis": {"format": "~s", "labelOverlap": "greedy", "labelFlush": True}},
            "color": {"field": "aid_type", "type": "nominal", "title": "aid type",
                      "scale": {"domain": list(AID_TYPE_COLORS), "range": list(AID_TYPE_COLORS.values())},
                      "legend": {"orient": "bottom", "direction": "horizontal", "columns": 3}},
            "tooltip": [{"field": "donor", "title": "donor"}, {"field": "aid_type", "title": "aid type"},
                        {"field": "usd_text", "title": "USD"}, {"field": "events", "title": "events"},
                        {"field": "originals", "title": "original"}]},
        "usermeta": {"bars": int(len(bars))},
    }


def quantities_figure(quantities: pd.DataFrame, max_bars: int = aggregate.QUANTITY_BARS) -> dict:
    """One panel per kind (troops, shipments, shells/rounds, missiles, drones, equipment), bars by
    actor, each labelled with its qualifier ('up to 1,500 troops'). Panels keep their own scales.

    With more than `max_bars` figures, each panel shows the sum of the stated figures per actor
    instead (aggregate.quantity_totals); spec["usermeta"]["aggregated"] says so."""
    if len(quantities) > max_bars:
        totals = aggregate.quantity_totals(quantities)
        bars = pd.DataFrame({"category": _text(totals["category"]), "bar": _text(totals["actor"]),
                             "value": totals["value"].astype(float), "label": _text(totals["label"]),
                             "topic_key": "other", "summary": "", "evidence": ""})
        title = f"sums of {len(quantities):,} stated figures per actor (too many to list one by one)"
        return _category_panels(bars, 26, title, {"aggregated": True, "figures": len(quantities)}, "#6b6b6b")
    quantities = plain(quantities)
    label = _text(quantities["actor"]) + " · " + quantities["date_start"].dt.strftime("%Y-%m-%d").fillna("undated")
    clash = label.groupby(quantities["category"]).transform(lambda s: s.duplicated(keep=False))
    label = label.where(~clash.astype(bool), label + " · " + _text(quantities["label"]))   # one actor and day twice
    bars = pd.DataFrame({"category": _text(quantities["category"]), "bar": label,
                         "value": quantities["value"].astype(float), "label": _text(quantities["label"]),
                         "topic_key": _topic_key(quantities["topic"]), "summary": _text(quantities["summary"]),
                         "evidence": _text(quantities["evidence"])})
    return _category_panels(bars, 40, None, {"aggregated": False})


def _category_panels(bars: pd.DataFrame, bar_px: int, title: str | None, meta: dict,
                     color: str | None = None) -> dict:
    """One panel per quantity category present (troops, shipments...), each as tall as its bars."""
    categories = [c for c, _ in aggregate.QUANTITY_CATEGORIES if c in set(bars["category"])]
    bars = bars.reset_index(drop=True)
    bars["order"] = np.arange(len(bars))   # the table's order, top to bottom
    # the bar's name and figure written on it: as an axis, the names would widen the panels past the page
    named = np.array([bar.endswith(label) for bar, label in zip(bars["bar"], bars["label"])], dtype=bool)
    bars["text"] = (bars["bar"] + ": " + bars["label"]).where(~named, bars["bar"])
    fill = ({"value": color} if color else
            {"field": "topic_key", "type": "nominal", "scale": topic_scale(), "legend": None})
    tooltip = [{"field": "label", "title": "figure"}, {"field": "bar", "title": "actor"}]
    if color is None:
        tooltip += [{"field": "summary", "title": "event"}, {"field": "evidence", "title": "evidence"}]
    panels = []
    for category in categories:
        y = {"field": "bar", "type": "nominal", "sort": {"field": "order", "op": "min"}, "title": None, "axis": None}
        panels.append({
            "title": {"text": category, "anchor": "start", "fontSize": 13},
            "height": {"step": bar_px}, "data": {"name": "quantities"},
            "transform": [{"filter": {"field": "category", "equal": category}}],
            "layer": [
                {"mark": {"type": "bar", "opacity": 0.45},
                 "encoding": {"y": y, "x": {"field": "value", "type": "quantitative", "title": None,
                                            "axis": {"format": "~s", "labelFlush": True}},
                              "color": fill, "tooltip": tooltip}},
                {"mark": {"type": "text", "align": "left", "dx": 4, "color": "#111111", "fontSize": 11},
                 "encoding": {"y": y, "x": {"datum": 0}, "text": {"field": "text"}, "tooltip": tooltip}}]})
    spec = {"name": "quantities", "datasets": {"quantities": bars}, "vconcat": panels, "spacing": 18,
            "usermeta": {**meta, "categories": categories}}
    if title:
        spec["title"] = {"text": title, "anchor": "start", "fontSize": 12, "fontWeight": "normal"}
    return spec


def view_figures(shown: pd.DataFrame, aid: pd.DataFrame,
                 extent: tuple[list[float], list[float]] | None = None) -> dict:
    """Every chart of one view, built together so the app can keep them per view: "map", "timeline",
    "aid" (None without aid money), "quantities" (None without figures) and "quantity_rows".
    `extent` is the map's opening view (map_extent of the whole table)."""
    by_donor = aggregate.aid_by_donor(aid)
    quantities = aggregate.quantities_table(shown, text_up_to=aggregate.QUANTITY_BARS)
    return {
        "map": map_figure(shown, extent),
        "timeline": timeline_figure(shown),
        "aid": None if by_donor.empty else aid_figure(by_donor),
        "quantities": None if quantities.empty else quantities_figure(quantities),
        "quantity_rows": len(quantities),
    }


GROUP_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#bab0ac"]
REST_COLOR = "#bab0ac"


MAX_CASUALTY_BARS = 400
_BIN_LENGTH = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7)}


def casualties_figure(df: pd.DataFrame, bin_name: str = "day", by: str = "region") -> dict | None:
    """Killed (top panel) and injured (bottom) per day, week or month, stacked by region or country
    (aggregate.casualties_over_time); None when the view states no casualties. Over more than
    MAX_CASUALTY_BARS periods the bins are made coarser; spec["usermeta"]["bin"] says which were drawn."""
    table = aggregate.casualties_over_time(df, bin_name, by)
    if table.empty:
        return None
    # never more than about MAX_CASUALTY_BARS periods: days become weeks, weeks months, over long views
    for coarser in ("week", "month"):
        if table["period"].nunique() <= MAX_CASUALTY_BARS or list(aggregate.CASUALTY_BINS).index(bin_name) >= \
                list(aggregate.CASUALTY_BINS).index(coarser):
            break
        bin_name, table = coarser, aggregate.casualties_over_time(df, coarser, by)
    groups = [g for g in table.groupby("group")[["killed", "injured"]].sum().sum(axis=1)
              .sort_values(ascending=False, kind="stable").index if g not in ("other", "unknown")]
    groups += [g for g in ("other", "unknown") if g in set(table["group"])]
    colours = [GROUP_COLORS[k % len(GROUP_COLORS)] if g not in ("other", "unknown") else REST_COLOR
               for k, g in enumerate(groups)]
    period = table["period"]
    ends = period + _BIN_LENGTH[bin_name] if bin_name in _BIN_LENGTH else period + pd.offsets.MonthBegin(1)
    long = pd.concat([pd.DataFrame({"period": _ms(period), "period_end": _ms(period + (ends - period) * 0.85),
                                    "group": table["group"].astype(str), "measure": measure,
                                    "value": table[measure].astype(int),
                                    "day": period.dt.strftime("%-d %b %Y")})
                      for measure in ("killed", "injured")], ignore_index=True)
    long = _stacked(long[long["value"] > 0], ["measure", "period"], "group", groups, "value")
    ticks = date_axis(period.min(), period.max()) if bin_name == "day" else {
        "axis": {"labelFlush": True, "labelOverlap": "greedy"}, "title": None}
    panels = []
    for measure in ("killed", "injured"):
        panels.append({
            "title": {"text": measure, "anchor": "start", "fontSize": 13}, "height": 130,
            "data": {"name": "casualties"}, "transform": [{"filter": {"field": "measure", "equal": measure}}],
            "mark": {"type": "bar", "clip": True},
            "encoding": {
                "x": {"field": "period", "type": "temporal", "scale": UTC, "axis": ticks["axis"],
                      "title": ticks["title"] if measure == "injured" else None},
                "x2": {"field": "period_end"},
                "y": {"field": "y0", "type": "quantitative", "title": None,
                      "axis": {"format": "d", "tickMinStep": 1}},
                "y2": {"field": "y1"},
                "color": {"field": "group", "type": "nominal", "title": by,
                          "scale": {"domain": groups, "range": colours},
                          "legend": {"orient": "bottom", "direction": "horizontal", "columns": 2, "labelLimit": 200}},
                "tooltip": [{"field": "group", "title": by}, {"field": "day", "title": bin_name},
                            {"field": "value", "title": measure, "format": ","}]}})
    return {"name": "casualties", "datasets": {"casualties": long}, "vconcat": panels, "spacing": 10,
            "resolve": {"scale": {"x": "shared"}}, "usermeta": {"bin": bin_name, "by": by, "groups": groups}}
