"""The offline base map: land, lakes and country borders from the shipped Natural Earth TopoJSON.

Rings that cross the antimeridian are made continuous (plotly would fill them straight across
the world), and their part beyond +-180 degrees is repeated on the other edge of the map.

The geometry is world-atlas 2.0.2 `countries-50m.json` (Natural Earth 4.1.0, public domain;
packaging ISC), kept in data/basemap/ so the map draws with no network at all. The outlines
are returned already projected to Web Mercator, as flat coordinate arrays with NaN between
rings, ready to become a plotly trace; nothing here imports plotly or streamlit.
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
            # plotly fills a ring as drawn: a ring whose longitudes jump from 180 to -180 would be
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
