"""The offline base map's geometry: no ring is filled across the world, both sides of 180° draw."""
import numpy as np
import pytest

from dashboard.view import basemap


@pytest.fixture(scope="module")
def geometry():
    return basemap.load_basemap()


def rings(outlines: basemap.Outlines) -> list[np.ndarray]:
    """The NaN-separated rings of an outline as (n, 2) arrays of longitude and Mercator y."""
    x, y = outlines.x.astype(float), outlines.y.astype(float)
    breaks = np.flatnonzero(np.isnan(x))
    starts = np.concatenate([[0], breaks[:-1] + 1])
    return [np.column_stack([x[s:e], y[s:e]]) for s, e in zip(starts, breaks)]


def covered(geometry, lon: float, lat: float) -> bool:
    """Whether the base map's fill (even-odd per ring, as the SVG draws it) paints this place with land: in a land ring or
    a wrapped copy, and not in a lake."""
    y = float(basemap.mercator_y(lat))

    def inside(ring):
        x0, y0 = ring[:, 0], ring[:, 1]
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        crosses = (y0 > y) != (y1 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        return bool(np.sum(crosses & (lon < at)) % 2)

    land = any(inside(r) for r in rings(geometry.land) + rings(geometry.wrapped))
    return land and not any(inside(r) for r in rings(geometry.lakes))


@pytest.mark.parametrize("part", ["land", "lakes", "wrapped", "borders"])
def test_no_ring_jumps_across_the_world(geometry, part):
    for ring in rings(getattr(geometry, part)):
        assert np.abs(np.diff(ring[:, 0])).max(initial=0) <= 180, (part, ring[:, 0].min(), ring[:, 0].max())


def test_land_keeps_one_ring_per_polygon_and_the_whole_world(geometry):
    assert geometry.land.rings == len(rings(geometry.land)) > 1000
    assert np.nanmin(geometry.land.x) < -179 and np.nanmax(geometry.land.x) > 179


@pytest.mark.parametrize("lon, lat, land", [
    (2.0, 67.0, False),       # Norwegian Sea: was painted by Chukotka's ring filled across the world
    (-30.0, 70.5, True),      # Greenland
    (-150.0, 72.5, False),    # Beaufort Sea
    (100.0, 60.0, True),      # central Siberia
    (175.0, 67.0, True),      # Chukotka west of 180°
    (-172.0, 65.6, True),     # Chukotka east of 180°, beside Alaska: drawn by the wrapped copy
    (-179.5, 71.2, True),     # Wrangel Island, east half
    (179.5, 71.3, True),      # Wrangel Island, west half
    (0.0, -80.0, True),       # Antarctica, filled down to the pole
    (0.0, -60.0, False),      # Southern Ocean
    (50.0, 42.0, False),      # the Caspian Sea, a lake in the land
])
def test_land_and_water_where_they_are(geometry, lon, lat, land):
    assert covered(geometry, lon, lat) == land


def test_unwrap_and_clip():
    ring = np.array([[170.0, 0.0], [-170.0, 0.0], [-170.0, 5.0], [170.0, 5.0], [170.0, 0.0]])
    whole = basemap.unwrap(ring)
    assert whole[:, 0].tolist() == [170.0, 190.0, 190.0, 170.0, 170.0]
    part = basemap.clip_longitude(whole - np.array([360.0, 0.0]))
    assert part[:, 0].min() == -180.0 and part[:, 0].max() == -170.0
    assert basemap.clip_longitude(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]) + 300) is None


def test_simplify_keeps_ends_and_small_rings():
    import numpy as np

    from dashboard.view.basemap import simplify
    ring = np.array([[0.0, 0.0], [0.01, 0.0], [0.02, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
    out = simplify(ring, 0.05)
    assert out.tolist() == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    small = ring[[0, 1, 2, 6]]
    assert simplify(small, 0.05).tolist() == small.tolist()   # never below four points
