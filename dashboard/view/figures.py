"""Plotly figures over the (filtered) event table: map, timeline, aid and quantities charts.

The map is a plain cartesian figure in Web Mercator coordinates whose base map (land, lakes,
country and region borders, region names, city labels) is one SVG image that Streamlit serves
from dashboard/static/ (dashboard.view.basemap): the browser fetches it once and caches it, and
a rerun sends only the events. Nothing comes from the network: plotly's geo and tile maps fetch
their base map from the internet.
Article-derived text is HTML-escaped before it reaches a hover label.
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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
PRECISE_SYMBOL, APPROXIMATE_SYMBOL = "circle", "diamond-open"
# Give to st.plotly_chart(config=...): wheel zoom on the map, no plotly logo link.
MAP_CONFIG = {"scrollZoom": True, "displaylogo": False}


def topic_label(topic: str) -> str:
    """'troop_movement' -> 'troop movement', HTML-escaped: a merged table may carry any topic text."""
    return html.escape(str(topic).replace("_", " "), quote=False)


def escape(series: pd.Series) -> pd.Series:
    """HTML-escape text for plotly labels (which render a subset of HTML)."""
    return (series.fillna("").astype(str).str.replace("&", "&amp;", regex=False)
            .str.replace("<", "&lt;", regex=False).str.replace(">", "&gt;", regex=False))


def wrap(series: pd.Series, width: int = 90) -> pd.Series:
    """Break long (already escaped) text into lines of about `width` characters."""
    return series.str.replace(rf"(.{{1,{width}}})(?:\s+|$)", r"\1<br>", regex=True).str.replace(
        r"(<br>)+$", "", regex=True)


def _is_blank(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.strip() == ""


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
    parts["quantities"] = df["quantities"].fillna("").astype(str)
    text = parts.apply(lambda col: col.where(col == "", col + " · "))  # column-wise, not per row
    joined = text["killed"] + text["injured"] + text["money"] + text["quantities"]
    return escape(joined.str.removesuffix(" · "))


def place_label(df: pd.DataFrame) -> pd.Series:
    place = df["location"].fillna("").astype(str)
    admin1 = df["admin1"].fillna("").astype(str)
    country = df["country_iso3"].fillna("").astype(str)
    label = place.where(admin1.eq("") | admin1.eq(place), place + ", " + admin1)
    label = label.where(country.eq(""), label + " (" + country + ")").str.strip(" ,")
    approximate = df["geo_precision"].isin(schema.APPROXIMATE_PRECISIONS)
    label = label.where(~approximate, label + " — approximate (" + df["geo_precision"] + ")")
    return escape(label.where(label != "", "place unknown"))


def hover_text(df: pd.DataFrame) -> pd.Series:
    """Summary, date, place and figures: the hover of a map marker."""
    status = df["status"].where(df["status"] != "occurred", "")
    status = status.where(status == "", " (" + status + ")")
    text = ("<b>" + escape(df["summary"]) + "</b><br>" + date_label(df) + escape(status)
            + " · " + df["topic"].map(topic_label).astype(str) + "<br>" + place_label(df))
    figures = figures_label(df)
    return text + figures.where(figures == "", "<br>" + figures)


def marker_size(df: pd.DataFrame) -> np.ndarray:
    """Severity -> marker diameter: casualties (killed + injured), or money in USD for aid."""
    sev = aggregate.severity(df)
    by_casualties = 9 + 5 * np.log2(1 + sev["casualties"].to_numpy())
    by_money = 9 + 5 * np.log10(1 + sev["money_usd"].fillna(0).to_numpy() / 1e6)
    return np.clip(np.maximum(by_casualties, by_money), 9, 40)


def _point_lists(located: pd.DataFrame, shared: pd.DataFrame, limit: int = 15) -> pd.Series:
    """For each shared point, one hover line per event there (date · topic · summary)."""
    line = (date_label(located) + " · " + located["topic"].map(topic_label).astype(str) + " · "
            + escape(located["summary"]))
    members = shared["rows"].explode()
    lines = line.reindex(members.to_numpy()).set_axis(members.index)
    lines = lines[lines.groupby(level=0).cumcount() < limit]
    joined = lines.groupby(level=0).agg("<br>".join)
    more = (shared["events"] - limit).clip(lower=0)
    return joined + more.map(lambda n: f"<br>… and {n} more" if n else "")


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
# each marker carries its hover text, and 5,000 of them are already megabytes to send.
MAP_MARKER_LIMIT = 5_000
CELL_COLORSCALE = "YlOrRd"


def map_extent(df: pd.DataFrame) -> tuple[list[float], list[float]]:
    """The map's opening view over a whole table (see map_ranges). Given to map_figure for every view of
    the table, it keeps the view the same from one filter change to the next, so plotly keeps the
    user's zoom and pan (uirevision): a range that changed would replace them."""
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


def map_figure(df: pd.DataFrame, extent: tuple[list[float], list[float]] | None = None, height: int = 560,
               max_markers: int = MAP_MARKER_LIMIT, max_cells: int = aggregate.MAP_CELLS) -> go.Figure:
    """Every located event on the shipped base map: colour by topic, size by severity,
    an open diamond for approximate places, and a count badge where events share a point.

    Above `max_markers` located events, the events are counted per cell of a grid instead (at
    most `max_cells` marks, see aggregate.grid_counts): a circle per cell, sized and coloured by
    its count, whose hover gives the count and the topics. fig.layout.meta says which:
    {"aggregated": bool, "events": located events, "marks": marks drawn, "cell_km": cell size}.

    `extent` is the opening view (map_extent of the whole table); without it, the view is fitted to
    these events. The legend keeps topic (colour) and place precision (shape) apart.
    """
    fig = go.Figure()
    located_rows = (df["latitude"].notna() & df["longitude"].notna()).to_numpy()
    if located_rows.sum() > max_markers:
        return _cell_map(fig, df, located_rows, height, max_cells, extent)
    df = plain(df)
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    shared = aggregate.shared_points(located)
    dx, dy = spread_offsets(located, shared)
    lon = located["longitude"].to_numpy(float)
    y = basemap.mercator_y(located["latitude"].to_numpy(float))
    approximate = located["geo_precision"].isin(schema.APPROXIMATE_PRECISIONS).to_numpy()
    sizes, texts = marker_size(located), hover_text(located).to_numpy()
    present = set(located["topic"])
    topics = [t for t in TOPIC_COLORS if t in present] + sorted(present - set(TOPIC_COLORS))
    for topic in topics:
        pick = (located["topic"] == topic).to_numpy()
        fig.add_trace(go.Scatter(
            x=lon[pick] + dx[pick], y=y[pick] + dy[pick], mode="markers", name=topic_label(topic),
            legendgroup=topic, showlegend=False,
            customdata=located["event_id"].to_numpy()[pick], text=texts[pick],
            hovertemplate="%{text}<extra></extra>",
            marker=dict(color=TOPIC_COLORS.get(topic, TOPIC_COLORS["other"]), size=sizes[pick],
                        symbol=np.where(approximate[pick], APPROXIMATE_SYMBOL, PRECISE_SYMBOL),
                        opacity=0.85,
                        # the outline: the topic's colour for approximate places, else white; given as
                        # 0/1 on a two-colour scale, as plotly checks an array of colour names one by one
                        line=dict(width=np.where(approximate[pick], 2.5, 1.0),
                                  color=approximate[pick].astype(float), cmin=0.0, cmax=1.0,
                                  colorscale=[[0.0, "white"], [1.0, TOPIC_COLORS.get(topic, "#9e9e9e")]]))))
    # the legend: topics as plain circles of their colour, then precision as grey shapes
    for topic in topics:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=topic_label(topic), legendgroup=topic,
                                 legendgrouptitle_text="topic (colour)" if topic == topics[0] else None,
                                 marker=dict(color=TOPIC_COLORS.get(topic, TOPIC_COLORS["other"]), size=11,
                                             symbol=PRECISE_SYMBOL), hoverinfo="skip"))
    for name, symbol in (("exact or nearby place", PRECISE_SYMBOL),
                         ("approximate place (region, country or sea)", APPROXIMATE_SYMBOL)):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup="precision",
                                 legendgrouptitle_text="place (shape)",
                                 marker=dict(color="#666666", size=11, symbol=symbol, line=dict(width=2)),
                                 hoverinfo="skip"))

    if not shared.empty:
        fig.add_trace(go.Scatter(
            x=shared["longitude"], y=basemap.mercator_y(shared["latitude"]), mode="markers+text",
            name="events at the same point", text=shared["events"].astype(str),
            textposition="middle center", textfont=dict(size=10, color="#111111", weight="bold"),
            # a white badge on the point itself, so the count cannot be read as another point's;
            # small, so the colours of the bigger markers under it still show round it
            marker=dict(symbol="circle", color="white",
                        size=np.select([shared["events"] > 99, shared["events"] > 9], [24, 19], 15),
                        opacity=0.95, line=dict(width=1.5, color="#111111")),
            customdata=shared["events"], hovertext=_point_lists(located, shared),
            hovertemplate="<b>%{customdata} events at this point</b><br>%{hovertext}<extra></extra>"))

    return _map_layout(fig, lon, y, height, {"aggregated": False, "events": int(len(located)),
                                             "marks": int(len(located)), "cell_km": 0}, extent)


def _map_layout(fig: go.Figure, lon: np.ndarray, y: np.ndarray, height: int, meta: dict,
                extent: tuple[list[float], list[float]] | None = None) -> go.Figure:
    x_range, y_range = extent or map_ranges(lon, y)
    fig.update_layout(
        height=height, margin=dict(l=0, r=0, t=0, b=0), plot_bgcolor=WATER, paper_bgcolor="white",
        dragmode="pan", hovermode="closest", uirevision="map", meta=meta,
        # the base map: one cached SVG under the events, spanning the world in the axes' units
        images=[dict(source=basemap.STATIC_URL, xref="x", yref="y", x=WORLD_X[0], y=WORLD_Y[1],
                     sizex=WORLD_X[1] - WORLD_X[0], sizey=WORLD_Y[1] - WORLD_Y[0], sizing="stretch",
                     xanchor="left", yanchor="top", layer="below", name="basemap")],
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0.0, itemsizing="constant",
                    groupclick="toggleitem"),
        xaxis=dict(range=x_range, visible=False, constrain="range"),
        yaxis=dict(range=y_range, visible=False, scaleanchor="x", scaleratio=1, constrain="range"))
    return fig


def _cell_map(fig: go.Figure, df: pd.DataFrame, located_rows: np.ndarray, height: int,
              max_cells: int, extent: tuple[list[float], list[float]] | None = None) -> go.Figure:
    """Counts per grid cell: the map of a table too big to send event by event."""
    lon = df["longitude"].to_numpy(float)[located_rows]
    y = basemap.mercator_y(df["latitude"].to_numpy(float)[located_rows])
    topic = df["topic"]
    if isinstance(topic.dtype, pd.CategoricalDtype):
        codes, names = topic.cat.codes.to_numpy()[located_rows], list(topic.cat.categories.astype("str"))
    else:
        codes, names = pd.factorize(topic[located_rows].astype(str))
        names = list(names)
    cells, size = aggregate.grid_counts(lon, y, codes, len(names), max_cells=max_cells)
    # the busiest cells drawn last, on top: the hot spots stay visible where circles overlap
    cells = cells.sort_values("events", kind="stable").reset_index(drop=True)
    shares = cells[[f"g{i}" for i in range(len(names))]].to_numpy() / cells["events"].to_numpy()[:, None]
    # the cell's topics, biggest first: "attack 61% · combat 20% · diplomacy 9%"
    top = np.argsort(-shares, axis=1, kind="stable")[:, :3]
    parts = []
    for k in range(top.shape[1]):
        share = shares[np.arange(len(cells)), top[:, k]]
        label = pd.Series(np.asarray([topic_label(n) for n in names], dtype=object)[top[:, k]])
        text = label + " " + pd.Series(np.rint(share * 100).astype(int)).astype(str) + "%"
        parts.append(text.where(share > 0, ""))
    topics = parts[0]
    for more in parts[1:]:
        topics = topics + more.where(more == "", " · " + more)
    count = cells["events"].to_numpy()
    km = size * 111.32 * np.cos(np.radians(basemap.latitude_from_mercator(cells["y"].to_numpy())))
    fig.add_trace(go.Scatter(
        x=cells["x"].to_numpy(np.float32), y=cells["y"].to_numpy(np.float32), mode="markers",
        name="events per cell", showlegend=False,
        customdata=np.column_stack([count, topics.to_numpy(object), np.rint(km).astype(int)]),
        hovertemplate=("<b>%{customdata[0]:,} events</b> in this cell (about %{customdata[2]} km across)"
                       "<br>%{customdata[1]}<extra></extra>"),
        marker=dict(size=np.clip(4 + 2 * np.log2(count), 4, 28), color=np.log10(count),
                    colorscale=CELL_COLORSCALE, cmin=0, cmax=max(float(np.log10(count.max())), 1.0),
                    opacity=0.8, line=dict(width=0.5, color="#7a2e0e"),
                    colorbar=dict(title=dict(text="events", side="right"), thickness=12, len=0.6,
                                  tickvals=list(range(0, int(np.log10(count.max())) + 1)),
                                  ticktext=[f"{10 ** k:,}" for k in range(0, int(np.log10(count.max())) + 1)]))))
    typical_km = int(np.rint(np.median(km))) if len(km) else 0
    fig.add_annotation(
        x=0.005, y=0.995, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
        align="left", bgcolor="rgba(255,255,255,0.85)", font=dict(size=12),
        text=(f"{int(count.sum()):,} events counted in {len(cells):,} cells of about {typical_km} km"
              " (too many to draw one by one)"))
    meta = {"aggregated": True, "events": int(count.sum()), "marks": int(len(cells)), "cell_km": typical_km}
    return _map_layout(fig, cells["x"].to_numpy(), cells["y"].to_numpy(), height, meta, extent)


def _lane_offsets(df: pd.DataFrame) -> np.ndarray:
    """Spread events of one topic on one day a little apart inside their lane (deterministic)."""
    k = df.groupby(["topic", "date_start"], dropna=False).cumcount().to_numpy() % 7
    return np.where(k % 2 == 1, 1, -1) * ((k + 1) // 2) * 0.12


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


DAY_MS = 86_400_000


def date_axis(first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """Ticks of a date axis over [first, last]: whole days (never 00:00 / 12:00), weeks, months or years,
    and the year as the axis title for short spans, so no tick carries a second line to be clipped."""
    days = max((last - first).days, 0)
    if days <= 60:
        years = sorted({first.year, last.year})
        title = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        return {"dtick": DAY_MS if days <= 14 else 7 * DAY_MS, "tickformat": "%-d %b", "title": title,
                "tick0": first.normalize().strftime("%Y-%m-%d")}
    if days <= 3 * 365:
        return {"dtick": "M1" if days <= 400 else "M3", "tickformat": "%b %Y", "title": None}
    return {"dtick": "M12", "tickformat": "%Y", "title": None}


# Above this many dated events the timeline shows counts per day (or week...) and topic.
TIMELINE_EVENT_LIMIT = 3_000


def timeline_figure(df: pd.DataFrame, max_events: int = TIMELINE_EVENT_LIMIT,
                    max_bins: int = aggregate.MAX_BINS) -> go.Figure:
    """Events along time, one lane per topic; spans for ranged events; planned ones hollow and dotted.

    When a few long spans would squeeze the rest (see timeline_window), the view opens on the other
    events: the long spans run off its edge, marked there with an arrow, and zooming out shows
    them whole. Above `max_events` dated events it shows stacked counts of events per day (week,
    month...) and topic instead (aggregate.timeline_counts). fig.layout.meta holds "continuing"
    (spans running off the initial view), "aggregated" and "bin".
    """
    if int(df["date_start"].notna().sum()) > max_events:
        return _timeline_counts_figure(df, max_bins)
    dated = plain(df[df["date_start"].notna()]).copy()
    lanes = [t for t in schema.TOPICS if t in set(dated["topic"])] + sorted(
        set(dated["topic"]) - set(schema.TOPICS))
    lane_of = {t: i for i, t in enumerate(lanes)}
    dated["lane"] = dated["topic"].map(lane_of).to_numpy(float) + _lane_offsets(dated)
    dated["end"] = dated["date_end"].where(dated["date_end"] > dated["date_start"])
    planned = (dated["status"] == "planned").to_numpy()
    hover = (hover_text(dated) + "<br><i>" + wrap(escape(dated["evidence"])) + "</i>").to_numpy()
    window = timeline_window(dated["date_start"], dated["end"])
    # with a window, markers outside it are not drawn (plotly draws only what is in view when
    # maxdisplayed is set), so a span's far end cannot sit outside the plot
    culled = {"maxdisplayed": 10 * len(dated) + 10} if window else {}
    places = dated[["date_start", "end", "lane"]]   # what the loop below takes, lane by lane
    fig = go.Figure()
    for topic in lanes:
        color = TOPIC_COLORS.get(topic, TOPIC_COLORS["other"])
        for is_planned in (False, True):
            pick = ((dated["topic"] == topic).to_numpy() & (planned == is_planned))
            rows = places[pick]
            if rows.empty:
                continue
            ranged = rows["end"].notna().to_numpy()
            if ranged.any():  # one polyline per trace, spans separated by gaps
                span = rows[ranged]
                n = len(span)
                xs = np.empty(3 * n, dtype=object)
                xs[0::3] = span["date_start"].dt.strftime("%Y-%m-%d").to_numpy()
                xs[1::3] = span["end"].dt.strftime("%Y-%m-%d").to_numpy()
                xs[2::3] = None
                ys = np.repeat(span["lane"].to_numpy(), 3).astype(object)
                ys[2::3] = None
                texts = np.repeat(hover[pick][ranged], 3)
                fig.add_trace(go.Scatter(
                    x=xs, y=ys, mode="lines+markers", legendgroup=topic, showlegend=False,
                    name=topic_label(topic) + (" (planned)" if is_planned else ""),
                    line=dict(color=color, width=6 if not is_planned else 3,
                              dash="dot" if is_planned else "solid"),
                    marker=dict(symbol="line-ns-open" if not is_planned else "circle-open", size=10,
                                color=color, **culled),
                    text=texts, hovertemplate="%{text}<extra></extra>"))
            fig.add_trace(go.Scatter(
                x=rows["date_start"][~ranged], y=rows["lane"][~ranged], mode="markers",
                name=topic_label(topic) + (" (planned)" if is_planned else ""), legendgroup=topic,
                showlegend=False,
                marker=dict(color=color, size=12, symbol="circle-open" if is_planned else "circle",
                            line=dict(width=2.5 if is_planned else 1, color=color if is_planned else "white")),
                text=hover[pick][~ranged], hovertemplate="%{text}<extra></extra>"))
    for topic in lanes:  # legend: one entry per lane colour, then the status key
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=topic_label(topic), legendgroup=topic,
                                 marker=dict(color=TOPIC_COLORS.get(topic, TOPIC_COLORS["other"]), size=11),
                                 hoverinfo="skip"))
    for name, symbol, dash in (("occurred / ongoing", "circle", "solid"), ("planned", "circle-open", "dot")):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines+markers", name=name, legendgroup="status",
                                 line=dict(color="#666666", dash=dash, width=3),
                                 marker=dict(color="#666666", size=11, symbol=symbol, line=dict(width=2)),
                                 hoverinfo="skip"))
    continuing = _continuing_spans(fig, dated, hover, window) if window else 0
    first, last = window or (dated["date_start"].min(), dated["end"].fillna(dated["date_start"]).max())
    ticks = date_axis(first, last) if len(dated) else {"title": None}
    fig.update_layout(
        height=120 + 48 * max(len(lanes), 1), margin=dict(l=10, r=10, t=10, b=10), hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        meta={"continuing": continuing, "aggregated": False, "bin": None},
        xaxis=dict(type="date", showgrid=True, automargin=True, **ticks,
                   **({"range": [d.strftime("%Y-%m-%d %H:%M") for d in window]} if window else {})),
        yaxis=dict(tickmode="array", tickvals=list(range(len(lanes))), ticktext=[topic_label(t) for t in lanes],
                   range=[-0.6, len(lanes) - 0.4], autorange=False, zeroline=False, showgrid=False))
    return fig


def _timeline_counts_figure(df: pd.DataFrame, max_bins: int) -> go.Figure:
    """Stacked bars: events per day (or week, month, year) and topic, counted on their first day."""
    counts, bin_name = aggregate.timeline_counts(df, max_bins)
    topics = [t for t in schema.TOPICS if t in set(counts["topic"])] + sorted(
        set(counts["topic"]) - set(schema.TOPICS))
    fig = go.Figure()
    for topic in topics:
        rows = counts[counts["topic"] == topic]
        fig.add_trace(go.Bar(
            x=rows["period"], y=rows["events"], name=topic_label(topic), legendgroup=topic,
            marker=dict(color=TOPIC_COLORS.get(topic, TOPIC_COLORS["other"]), line=dict(width=0)),
            hovertemplate=f"<b>%{{y:,}}</b> {topic_label(topic)} event(s)"
                          f"<br>{bin_name} of %{{x|%Y-%m-%d}}<extra></extra>"))
    total = int(counts["events"].sum())
    text = f"{total:,} events counted per {bin_name} and topic, on their first day (too many to draw one by one)"
    # as with single events, a thin early tail (spans that began long before) must not squeeze the
    # bulk: open on the days that hold all but the first 0.5% of the events
    per_period = counts.groupby("period")["events"].sum().sort_index()
    start = per_period.index[int(np.searchsorted(per_period.cumsum().to_numpy(), 0.005 * total))]
    first, last = per_period.index[0], per_period.index[-1]
    x_range = None
    if (start - first) > 0.1 * (last - first):
        step = pd.Timedelta(days={"day": 1, "week": 7, "month": 31}.get(bin_name, 366))
        x_range = [start - step, last + step]
        before = int(per_period[per_period.index < start].sum())
        text += f"; the {before:,} earliest, before {start:%Y-%m-%d}, are left of the view (zoom out)"
    fig.add_annotation(x=0.0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
                       showarrow=False, font=dict(size=12), text=text)
    fig.update_layout(
        barmode="stack", bargap=0.05, height=420, margin=dict(l=10, r=10, t=30, b=10), hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        meta={"continuing": 0, "aggregated": True, "bin": bin_name, "events": total, "marks": int(len(counts))},
        xaxis=dict(type="date", title=None, showgrid=True, **({"range": x_range} if x_range else {})),
        yaxis=dict(title=f"events per {bin_name}"))
    return fig


def _continuing_spans(fig: go.Figure, dated: pd.DataFrame, hover: np.ndarray,
                      window: tuple[pd.Timestamp, pd.Timestamp]) -> int:
    """An arrow just inside the window's edge on every span that runs past it; returns their number."""
    lo, hi = window
    inset = (hi - lo) * 0.012   # inside the plot, so the arrow is seen
    ranged = dated["end"].notna()
    before = (ranged & (dated["date_start"] < lo)).to_numpy()
    after = (ranged & (dated["end"] > hi)).to_numpy()
    x = np.concatenate([np.full(before.sum(), lo + inset), np.full(after.sum(), hi - inset)])
    if len(x) == 0:
        return 0
    lanes = np.concatenate([dated["lane"].to_numpy()[before], dated["lane"].to_numpy()[after]])
    colors = dated["topic"].map(TOPIC_COLORS).fillna(TOPIC_COLORS["other"]).to_numpy()
    fig.add_trace(go.Scatter(
        x=x, y=lanes, mode="markers", name="span continues outside the view", legendgroup="status",
        marker=dict(symbol=[CONTINUES_LEFT] * int(before.sum()) + [CONTINUES_RIGHT] * int(after.sum()),
                    size=13, color=np.concatenate([colors[before], colors[after]]),
                    line=dict(width=1, color="white")),
        text=np.concatenate([hover[before], hover[after]]),
        hovertemplate="<b>continues outside the view</b><br>%{text}<extra></extra>"))
    return len(x)


def aid_figure(by_donor: pd.DataFrame) -> go.Figure:
    """Stacked USD bars per donor by aid type; the hover lists the original amounts and currencies."""
    fig = go.Figure()
    order = escape(pd.Series(by_donor.groupby("donor", sort=False)["amount_usd"].sum().sort_values().index)).tolist()
    for aid_type in [t for t in schema.AID_TYPES if t in set(by_donor["aid_type"])]:
        rows = by_donor[by_donor["aid_type"] == aid_type]
        fig.add_trace(go.Bar(
            y=escape(rows["donor"]), x=rows["amount_usd"], orientation="h", name=html.escape(aid_type),
            marker_color=AID_TYPE_COLORS.get(aid_type, "#9e9e9e"),
            customdata=np.column_stack([rows["events"], escape(rows["originals"]),
                                        aggregate.format_money(rows["amount_usd"],
                                                               pd.Series("USD", index=rows.index))]),
            hovertemplate=("<b>%{y}</b> · " + html.escape(aid_type)
                           + "<br>%{customdata[2]} in %{customdata[0]} event(s)"
                           "<br>original: %{customdata[1]}<extra></extra>")))
    fig.update_layout(barmode="stack", height=140 + 40 * max(len(order), 1),
                      margin=dict(l=10, r=10, t=10, b=10), legend=dict(title="aid type"),
                      xaxis=dict(title="USD"), yaxis=dict(categoryorder="array", categoryarray=order))
    return fig


def quantities_figure(quantities: pd.DataFrame, max_bars: int = aggregate.QUANTITY_BARS) -> go.Figure:
    """One panel per kind (troops, shipments, shells/rounds, missiles, drones, equipment), bars by
    actor, each labelled with its qualifier ('up to 1,500 troops'). Panels keep their own scales.

    With more than `max_bars` figures, each panel shows the sum of the stated figures per actor
    instead (aggregate.quantity_totals); fig.layout.meta["aggregated"] says so."""
    if len(quantities) > max_bars:
        return _quantity_totals_figure(aggregate.quantity_totals(quantities), len(quantities))
    quantities = plain(quantities)
    categories, height, fig = _category_panels(quantities, bar_px=44)
    for row, category in enumerate(categories, start=1):
        items = quantities[quantities["category"] == category]
        label = items["actor"] + " · " + items["date_start"].dt.strftime("%Y-%m-%d").fillna("undated")
        clash = label.duplicated(keep=False)   # two figures of one actor and day: tell them apart
        label = label.where(~clash, label + " · " + items["label"])
        fig.add_trace(go.Bar(
            y=escape(label), x=items["value"], orientation="h", name=category, showlegend=False,
            text=escape(items["label"]), textposition="auto",
            marker_color=items["topic"].map(TOPIC_COLORS).fillna(TOPIC_COLORS["other"]),
            customdata=np.column_stack([escape(items["summary"]), wrap(escape(items["evidence"]))]),
            hovertemplate="<b>%{text}</b><br>%{customdata[0]}<br><i>%{customdata[1]}</i><extra></extra>"),
            row=row, col=1)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), meta={"aggregated": False})
    return fig


def _quantity_totals_figure(totals: pd.DataFrame, figures_count: int) -> go.Figure:
    """One panel per kind, a bar per actor: the sum of the figures stated for it."""
    categories, height, fig = _category_panels(totals, bar_px=30)
    for row, category in enumerate(categories, start=1):
        items = totals[totals["category"] == category].iloc[::-1]     # biggest on top
        fig.add_trace(go.Bar(
            y=escape(items["actor"]), x=items["value"], orientation="h", name=category, showlegend=False,
            text=escape(items["label"]), textposition="auto", marker_color="#6b6b6b",
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>"), row=row, col=1)
    fig.add_annotation(x=0.0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="bottom", yshift=18,
                       showarrow=False, font=dict(size=12),
                       text=f"sums of {figures_count:,} stated figures per actor (too many to list one by one)")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=50, b=10),
                      meta={"aggregated": True, "figures": figures_count})
    return fig


def view_figures(shown: pd.DataFrame, aid: pd.DataFrame,
                 extent: tuple[list[float], list[float]] | None = None) -> dict:
    """Every figure of one view, built together so the app can keep them per view: "map", "timeline",
    "aid" (None without aid money), "quantities" (None without figures) and "quantity_rows".
    `extent` is the map's opening view (map_extent of the whole table)."""
    from . import aggregate
    by_donor = aggregate.aid_by_donor(aid)
    quantities = aggregate.quantities_table(shown, text_up_to=aggregate.QUANTITY_BARS)
    return {
        "map": map_figure(shown, extent),
        "timeline": timeline_figure(shown),
        "aid": None if by_donor.empty else aid_figure(by_donor),
        "quantities": None if quantities.empty else quantities_figure(quantities),
        "quantity_rows": len(quantities),
    }


def _category_panels(frame: pd.DataFrame, bar_px: int) -> tuple[list[str], int, go.Figure]:
    """One panel per quantity category present (troops, shipments...), each as tall as its bars."""
    categories = [c for c, _ in aggregate.QUANTITY_CATEGORIES if c in set(frame["category"])]
    counts = [int((frame["category"] == c).sum()) for c in categories]
    height = 60 + bar_px * max(sum(counts), 1) + 70 * len(categories)
    fig = make_subplots(rows=max(len(categories), 1), cols=1, subplot_titles=categories,
                        row_heights=counts or None,
                        vertical_spacing=min(0.3, 70 / height) if len(categories) > 1 else 0.0)
    return categories, height, fig


GROUP_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#bab0ac"]


MAX_CASUALTY_BARS = 400


def casualties_figure(df: pd.DataFrame, bin_name: str = "day", by: str = "region") -> go.Figure | None:
    """Killed (top panel) and injured (bottom) per day, week or month, stacked by region or country
    (aggregate.casualties_over_time); None when the view states no casualties. Over more than
    MAX_CASUALTY_BARS periods the bins are made coarser; fig.layout.meta["bin"] says which were drawn."""
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
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=["killed", "injured"])
    for k, group in enumerate(groups):
        rows = table[table["group"] == group]
        colour = GROUP_COLORS[k % len(GROUP_COLORS)] if group not in ("other", "unknown") else "#bab0ac"
        for row, column in ((1, "killed"), (2, "injured")):
            fig.add_trace(go.Bar(
                x=rows["period"], y=rows[column], name=html.escape(group), legendgroup=group,
                showlegend=row == 1, marker_color=colour,
                hovertemplate=f"<b>{html.escape(group)}</b><br>%{{x|%-d %b %Y}}: %{{y:,}} {column}<extra></extra>"),
                row=row, col=1)
    first, last = table["period"].min(), table["period"].max()
    ticks = date_axis(first, last) if bin_name == "day" else {"title": None}
    fig.update_layout(barmode="stack", height=380, margin=dict(l=10, r=10, t=30, b=10), bargap=0.15,
                      legend=dict(title=by), meta={"bin": bin_name, "by": by})
    fig.update_xaxes(type="date", **{k: v for k, v in ticks.items() if k != "title"})
    fig.update_xaxes(title=ticks.get("title"), row=2, col=1)
    return fig
