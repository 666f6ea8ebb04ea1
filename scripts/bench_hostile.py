"""Time the curation of hostile text: 100 KB of each repeated shape that once took quadratic time.

    python scripts/bench_hostile.py [--kb 100] [--limit 1.0]

Each shape is curated in this process after a warm-up (gazetteer and caches loaded), timed as CPU
seconds; exits 1 when one takes longer than --limit.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.curation.pipeline import curate_text  # noqa: E402

SHAPES = ["A-", "Ivano-", "killing 2 ", "5 shells 6 drones ", "A, ", "another killed ", "A ",
          "Kharkiv Oblast ", "Sumy, Kharkiv and Odesa regions ", "2 of them ",
          "drones struck Kharkiv killing 2 and injuring 3 ", "Ukraine received 5 shells 6 drones of which 2 "]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--limit", type=float, default=1.0)
    args = parser.parse_args()
    curate_text("Drones struck Kharkiv, killing two people.", "2024-03-05", "warm-up")
    worst = 0.0
    for shape in SHAPES:
        text = shape * (args.kb * 1000 // len(shape))
        started = time.process_time()
        rows = len(curate_text(text, "2024-03-05", "bench"))
        took = time.process_time() - started
        worst = max(worst, took)
        print(f"{shape!r:36} {len(text):>8,} chars  {took:6.3f} s CPU  {rows} rows", flush=True)
    print(f"worst {worst:.3f} s (limit {args.limit} s)")
    return 0 if worst <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
