"""The offline base map: land, lakes and country borders from the shipped Natural Earth TopoJSON.

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
        Path(__file__).resolve().parents[1] / "data" / "basemap" / "countries-50m.json",
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
            outer.append(_ring(arcs, polygon[0]))
            holes.extend(_ring(arcs, hole) for hole in polygon[1:])
    # An arc used by two countries is a border between them; an arc used once is coast.
    uses = np.zeros(len(arcs), dtype=int)
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in _polygons(geometry):
            for ring in polygon:
                for i in ring:
                    uses[i if i >= 0 else ~i] += 1
    borders = [arcs[i] for i in np.flatnonzero(uses >= 2)]
    return Basemap(_join(outer), _join(holes), _join(borders), source)


def load_topology(path: Path = GEOMETRY_PATH) -> dict:
    """Read the shipped TopoJSON file."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=4)
def load_basemap(path: Path = GEOMETRY_PATH) -> Basemap:
    """The base map from the shipped geometry, decoded once per process."""
    return build_basemap(load_topology(path), source=str(path))
