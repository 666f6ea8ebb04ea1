"""The offline base map: land, lakes and country borders from the shipped Natural Earth TopoJSON.

Rings that cross the antimeridian are made continuous (a filled path would cross the whole
world), and their part beyond +-180 degrees is repeated on the other edge of the map.

The geometry is world-atlas 2.0.2 `countries-50m.json` (Natural Earth 4.1.0, public domain;
packaging ISC), kept in data/basemap/ so the map draws with no network at all. The outlines
are returned already projected to Web Mercator, as flat coordinate arrays with NaN between
rings, ready to become the static SVG's paths (build_svg); nothing here imports streamlit.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

GEOMETRY_PATH = Path(
    os.environ.get(
        "WARNEWS_BASEMAP",
        Path(__file__).resolve().parents[2] / "data" / "basemap" / "countries-50m.json",
    )
)
# Region (oblast, governorate...) borders and names: Natural Earth 1:10m admin 1, see scripts/build_admin1.py.
ADMIN1_PATH = Path(__file__).resolve().parents[2] / "data" / "basemap" / "admin1.json"
GAZETTEER_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer.tsv.gz"
# The base map as SVG files that Streamlit serves from dashboard/static/ (server.enableStaticServing):
# the browser fetches them once and caches them, so a rerun sends only the events, not 57,000 points.
# The outlines (land, lakes, borders) are one file, drawn at every zoom; the place names another, which
# the map loads only once it is zoomed in far enough for them to be read (figures.LABELS_MIN_PX): its
# 3,000 names are most of what the browser spends on the base map, and on a wide view they are specks.
STATIC_SVG = Path(__file__).resolve().parents[1] / "static" / "basemap.svg"
STATIC_URL = "/app/static/basemap.svg"
STATIC_LABELS_SVG = Path(__file__).resolve().parents[1] / "static" / "labels.svg"
LABELS_URL = "/app/static/labels.svg"

# Mercator is infinite at the poles; like web maps, stop at 85 degrees.
MAX_LATITUDE = 85.0


def mercator_y(latitude) -> np.ndarray:
    """Latitude in degrees -> Web Mercator y, scaled to degrees so x (= longitude) and y share units."""
    lat = np.clip(np.asarray(latitude, dtype=float), -MAX_LATITUDE, MAX_LATITUDE)
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def latitude_from_mercator(y) -> np.ndarray:
    """Inverse of mercator_y."""
    return np.degrees(2 * np.arctan(np.exp(np.radians(np.asarray(y, dtype=float)))) - np.pi / 2)


@dataclass(frozen=True)
class Outlines:
    """Projected outlines: x is longitude, y is Mercator y; rings are separated by NaN."""

    x: np.ndarray
    y: np.ndarray
    rings: int


@dataclass(frozen=True)
class Basemap:
    land: Outlines      # outer rings of land polygons, to be filled with the land colour
    lakes: Outlines     # holes in the land (e.g. the Caspian), to be filled with the water colour
    borders: Outlines   # arcs shared by two countries: land borders, drawn as lines
    # the parts of land rings that reach past +-180 degrees, repeated one turn round and clipped
    # to [-180, 180] (Chukotka's tip east of 180 degrees also shows beside Alaska)
    wrapped: Outlines
    source: str


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    """TopoJSON quantized, delta-encoded arcs -> list of (n, 2) lon/lat arrays."""
    scale = np.asarray(topology["transform"]["scale"], dtype=float)
    translate = np.asarray(topology["transform"]["translate"], dtype=float)
    return [np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate
            for arc in topology["arcs"]]


def _ring(arcs: list[np.ndarray], indexes: list[int]) -> np.ndarray:
    """Stitch a ring from arc indexes; a negative index ~i means arc i reversed."""
    parts = []
    for k, i in enumerate(indexes):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if k == 0 else arc[1:])  # consecutive arcs share an end point
    return np.concatenate(parts)


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def unwrap(ring: np.ndarray) -> np.ndarray:
    """A ring whose longitudes jump across the antimeridian, made continuous (may leave [-180, 180]).

    A ring that crosses 180 degrees out and back (Chukotka, Wrangel Island, Fiji) comes back
    closed, shifted by whole turns so that most of it lies inside [-180, 180]. A ring that
    crosses once circles a pole (Antarctica): it is closed along the pole's edge of the map,
    in steps of at most 90 degrees, so that it fills the land between its coast and the pole.
    """
    lon = ring[:, 0]
    step = np.diff(lon)
    turns = np.concatenate([[0.0], -360.0 * np.cumsum(np.round(step / 360.0) * (np.abs(step) > 180.0))])
    if not turns.any():
        return ring
    lon = lon + turns
    lon = lon - 360.0 * np.round(np.median(lon) / 360.0)     # the bulk inside [-180, 180]
    out = np.column_stack([lon, ring[:, 1]])
    if abs(lon[-1] - lon[0]) > 180.0:                        # goes once round: a pole-circling ring
        pole = -90.0 if np.mean(ring[:, 1]) < 0 else 90.0
        along = np.linspace(lon[-1], lon[0], int(np.ceil(abs(lon[-1] - lon[0]) / 90.0)) + 1)
        out = np.concatenate([out, np.column_stack([along, np.full(len(along), pole)]), out[:1]])
    return out


def clip_longitude(ring: np.ndarray, lo: float = -180.0, hi: float = 180.0) -> np.ndarray | None:
    """The part of a closed ring between two meridians (Sutherland-Hodgman, one half-plane at a time);
    None when nothing is left."""
    for bound, keep_below in ((hi, True), (lo, False)):
        if len(ring) < 3:
            return None
        x = ring[:, 0]
        inside = x <= bound if keep_below else x >= bound
        if inside.all():
            continue
        if not inside.any():
            return None
        nxt = np.roll(ring, -1, axis=0)
        nxt_inside = np.roll(inside, -1)
        with np.errstate(divide="ignore", invalid="ignore"):   # edges along the bound: never used
            t = (bound - x) / (nxt[:, 0] - x)
            cross = ring + t[:, None] * (nxt - ring)
        cross[:, 0] = bound
        # for each edge p -> q: the crossing if it changes side, then q if q is inside
        parts = np.stack([cross, nxt], axis=1)
        keep = np.stack([inside != nxt_inside, nxt_inside], axis=1)
        ring = parts[keep]
        if len(ring) and not np.array_equal(ring[0], ring[-1]):
            ring = np.concatenate([ring, ring[:1]])
    return ring if len(ring) >= 3 else None


def _wrapped_copies(rings: list[np.ndarray]) -> list[np.ndarray]:
    """For rings that reach past +-180 degrees, their copy one turn round, clipped to the world."""
    copies = []
    for ring in rings:
        lon = ring[:, 0]
        for reaches, shift in ((lon.max() > 180.0, -360.0), (lon.min() < -180.0, 360.0)):
            if reaches:
                part = clip_longitude(ring + np.array([shift, 0.0]))
                if part is not None:
                    copies.append(part)
    return copies


# Points closer than this (degrees, about 8 km) to the last one kept are dropped: invisible at the
# scales the dashboard shows, and a third of the points the browser has to receive on every view.
SIMPLIFY_DEGREES = 0.08


def simplify(ring: np.ndarray, tolerance: float = SIMPLIFY_DEGREES) -> np.ndarray:
    """The ring without points that lie within ``tolerance`` of the point kept before them; the first
    and last points are kept, and a ring is never reduced below four points."""
    if len(ring) <= 4 or tolerance <= 0:
        return ring
    keep = np.zeros(len(ring), dtype=bool)
    keep[0] = keep[-1] = True
    last = ring[0]
    for i in range(1, len(ring) - 1):
        if abs(ring[i, 0] - last[0]) > tolerance or abs(ring[i, 1] - last[1]) > tolerance:
            keep[i] = True
            last = ring[i]
    if keep.sum() < 4:
        return ring
    return ring[keep]


def _join(rings: list[np.ndarray]) -> Outlines:
    """Project rings and join them into flat arrays with a NaN break after each ring."""
    if not rings:
        return Outlines(np.array([], dtype=np.float32), np.array([], dtype=np.float32), 0)
    gap = np.array([[np.nan, np.nan]])
    stacked = np.concatenate([part for ring in rings for part in (ring, gap)])
    x = stacked[:, 0]
    y = np.where(np.isnan(stacked[:, 1]), np.nan, mercator_y(stacked[:, 1]))
    # float32 keeps ~1 m precision here and halves what is sent to the browser.
    return Outlines(x.astype(np.float32), y.astype(np.float32), len(rings))


def build_basemap(topology: dict, source: str = "") -> Basemap:
    """Land rings, lake holes and shared borders from a world-atlas topology."""
    arcs = _decode_arcs(topology)
    outer, holes = [], []
    for geometry in topology["objects"]["land"]["geometries"]:
        for polygon in _polygons(geometry):
            # a path is filled as drawn: a ring whose longitudes jump from 180 to -180 would be
            # filled straight across the world, so rings are made continuous first
            outer.append(unwrap(_ring(arcs, polygon[0])))
            for hole in polygon[1:]:
                ring = _ring(arcs, hole)
                if not _circles_a_pole(ring):   # Antarctica's hole at the pole: nothing to draw
                    holes.append(unwrap(ring))
    # An arc used by two countries is a border between them; an arc used once is coast.
    uses = np.zeros(len(arcs), dtype=int)
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in _polygons(geometry):
            for ring in polygon:
                for i in ring:
                    uses[i if i >= 0 else ~i] += 1
    borders = [arcs[i] for i in np.flatnonzero(uses >= 2)]
    outer = [simplify(ring) for ring in outer]
    return Basemap(_join(outer), _join([simplify(h) for h in holes]), _join([simplify(b) for b in borders]),
                   _join(_wrapped_copies(outer)), source)


def _circles_a_pole(ring: np.ndarray) -> bool:
    step = np.diff(ring[:, 0])
    return abs(np.sum(np.round(step / 360.0) * (np.abs(step) > 180.0))) % 2 == 1


def load_topology(path: Path = GEOMETRY_PATH) -> dict:
    """Read the shipped TopoJSON file."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=4)
def load_basemap(path: Path = GEOMETRY_PATH) -> Basemap:
    """The base map from the shipped geometry, decoded once per process."""
    return build_basemap(load_topology(path), source=str(path))


# --- the static SVG --------------------------------------------------------------------------

# The SVG's user unit is 1/SVG_SCALE degree of longitude (or of Mercator y), so coordinates are integers.
SVG_SCALE = 100
WATER, LAND, COAST, BORDER, REGION_BORDER = "#d6e6f2", "#f3f1ea", "#8fa7b8", "#a8a29a", "#c9c2b6"
REGION_TEXT, CITY_TEXT = "#8a7f70", "#3d3d3d"
# Text is sized in degrees, so it grows with the zoom: unreadably small (so out of the way) on the
# world or a continent, about 12-18 px when an oblast fills the map (6 degrees across 1,200 px).
REGION_FONT, CITY_FONT, CITY_DOT = 0.09, 0.055, 0.012
# Cities labelled: big ones everywhere, smaller ones in the countries with region borders, smaller
# still in Ukraine, where most events of the bundled table are.
CITY_POPULATION = {"world": 1_000_000, "regions": 50_000, "UKR": 20_000}


def load_admin1(path: Path = ADMIN1_PATH) -> list[dict]:
    """Regions with their name, country, label point (lon, lat) and rings; [] if the file is missing."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)["regions"]
    except OSError:
        return []


def load_cities(path: Path = GAZETTEER_PATH, countries: set[str] | None = None) -> list[tuple[str, float, float]]:
    """(name, lon, lat) of the cities to label, from the shipped gazetteer, biggest first."""
    import csv
    import gzip

    countries = countries or set()
    cities = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["kind"] != "city":
                continue
            population = int(row["population"] or 0)
            least = CITY_POPULATION.get(row["country_iso3"],
                                        CITY_POPULATION["regions"] if row["country_iso3"] in countries
                                        else CITY_POPULATION["world"])
            if population >= least:
                cities.append((population, row["name"], float(row["lon"]), float(row["lat"])))
    cities.sort(key=lambda c: (-c[0], c[1]))
    return [(name, lon, lat) for _, name, lon, lat in cities]


def _svg_points(x: np.ndarray, y: np.ndarray) -> str:
    """NaN-separated projected outlines -> SVG path data in integer user units: each ring as an absolute
    move, then relative steps ("M x,y l dx,dy dx,dy ..."), repeated points dropped."""
    xs = np.asarray(x, dtype=float) * SVG_SCALE
    ys = -np.asarray(y, dtype=float) * SVG_SCALE       # SVG's y grows downwards
    gap = np.isnan(xs) | np.isnan(ys)
    xi = np.where(gap, 0, np.rint(np.nan_to_num(xs))).astype(np.int64)
    yi = np.where(gap, 0, np.rint(np.nan_to_num(ys))).astype(np.int64)
    parts = []
    edges = np.flatnonzero(np.diff(np.concatenate([[1], gap.astype(np.int8), [1]])))
    for start, stop in zip(edges[0::2], edges[1::2]):   # runs of points between gaps
        rx, ry = xi[start:stop], yi[start:stop]
        dx, dy = np.diff(rx), np.diff(ry)
        moved = (dx != 0) | (dy != 0)
        if not moved.any():
            continue
        steps = " ".join(f"{a},{b}" for a, b in zip(dx[moved].tolist(), dy[moved].tolist()))
        parts.append(f"M{rx[0]},{ry[0]}l{steps}")
    return "".join(parts)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _svg_open(extra: str = "") -> str:
    """The root element: the world in the figure's coordinates (x from -180 to 180, Mercator y from -85
    to 85 degrees), so the figure places every base map file once as an image spanning those values."""
    top = float(mercator_y(MAX_LATITUDE)) * SVG_SCALE
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-180 * SVG_SCALE} {-top:.0f} {360 * SVG_SCALE} '
            f'{2 * top:.0f}" preserveAspectRatio="none"{extra}>')


def build_svg(geometry: Basemap, regions: list[dict]) -> str:
    """The base map's outlines as SVG: the sea, land, lakes, and country and region borders."""
    top = float(mercator_y(MAX_LATITUDE)) * SVG_SCALE
    region_x = np.concatenate([np.append(np.asarray(ring, dtype=float)[:, 0], np.nan)
                               for region in regions for ring in region["rings"]] or [np.array([])])
    region_lat = np.concatenate([np.append(np.asarray(ring, dtype=float)[:, 1], np.nan)
                                 for region in regions for ring in region["rings"]] or [np.array([])])
    region_y = np.where(np.isnan(region_lat), np.nan, mercator_y(region_lat))
    lines = [
        _svg_open(),
        f'<rect x="{-180 * SVG_SCALE}" y="{-top:.0f}" width="{360 * SVG_SCALE}" height="{2 * top:.0f}" fill="{WATER}"/>',
        f'<path id="land" fill="{LAND}" fill-rule="evenodd" stroke="{COAST}" stroke-width="0.6" '
        f'vector-effect="non-scaling-stroke" d="{_svg_points(geometry.land.x, geometry.land.y)} '
        f'{_svg_points(geometry.wrapped.x, geometry.wrapped.y)}"/>',
        f'<path id="lakes" fill="{WATER}" stroke="{COAST}" stroke-width="0.6" vector-effect="non-scaling-stroke" '
        f'd="{_svg_points(geometry.lakes.x, geometry.lakes.y)}"/>',
        f'<path id="regions" fill="none" stroke="{REGION_BORDER}" stroke-width="0.6" stroke-dasharray="3 2" '
        f'vector-effect="non-scaling-stroke" d="{_svg_points(region_x, region_y)}"/>',
        f'<path id="borders" fill="none" stroke="{BORDER}" stroke-width="1" vector-effect="non-scaling-stroke" '
        f'd="{_svg_points(geometry.borders.x, geometry.borders.y)}"/>',
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def build_labels_svg(regions: list[dict], cities: list[tuple[str, float, float]]) -> str:
    """The base map's place names as SVG, on a transparent ground over the same world as build_svg:
    region names in capitals and cities (a dot and the name beside it)."""
    lines = [
        _svg_open(),
        f'<g id="region-names" fill="{REGION_TEXT}" font-family="sans-serif" font-size="{REGION_FONT * SVG_SCALE:g}" '
        'text-anchor="middle" font-style="italic" letter-spacing="1">',
    ]
    for region in regions:   # in capitals, as maps set regions apart from the towns in them
        if not region["name"]:
            continue
        y = -float(mercator_y(region["lat"])) * SVG_SCALE
        lines.append(f'<text x="{region["lon"] * SVG_SCALE:.0f}" y="{y:.0f}">{_text(region["name"].upper())}</text>')
    lines.append("</g>")
    lines.append(f'<g id="cities" fill="{CITY_TEXT}" font-family="sans-serif" '
                 f'font-size="{CITY_FONT * SVG_SCALE:g}">')
    for name, lon, lat in cities:
        x, y = lon * SVG_SCALE, -float(mercator_y(lat)) * SVG_SCALE
        lines.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{CITY_DOT * SVG_SCALE:g}"/>'
                     f'<text x="{x + 1.5 * CITY_DOT * SVG_SCALE:.0f}" y="{y - CITY_DOT * SVG_SCALE:.0f}">'
                     f'{_text(name)}</text>')
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def default_svg() -> str:
    """build_svg over the shipped geometry and regions: what dashboard/static/basemap.svg holds."""
    return build_svg(load_basemap(), load_admin1())


def default_labels_svg() -> str:
    """build_labels_svg over the shipped regions and gazetteer: what dashboard/static/labels.svg holds."""
    regions = load_admin1()
    return build_labels_svg(regions, load_cities(countries={r["country"] for r in regions}))


def save_static_svg(path: Path = STATIC_SVG, labels: Path = STATIC_LABELS_SVG) -> tuple[Path, Path]:
    """Write default_svg() and default_labels_svg() to the files Streamlit serves (run after
    scripts/build_admin1.py; a test fails when they are stale)."""
    for target, text in ((path, default_svg()), (labels, default_labels_svg())):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return path, labels
