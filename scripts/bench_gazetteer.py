"""Time loading and indexing the gazetteer, and a few queries.

Usage: ``python scripts/bench_gazetteer.py [--repeat N]``. Each load runs in
this one process, so the first is the one a fresh process pays (cold file
cache aside); the median of the rest is the steady cost.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.curation.gazetteer import Gazetteer  # noqa: E402

QUERIES = ["Odessa", "Kostyantynivka", "Kharkiv region", "Black Sea", "North Korean", "G7"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    loads = []
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(args.repeat):
        started = time.perf_counter()
        gazetteer = Gazetteer.load()
        loads.append(time.perf_counter() - started)
        if len(loads) == 1:
            gazetteer.admin2("Izium")   # the district index is built on first use
            grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_kb) / 1024
    print(f"load+index: first {loads[0]:.3f} s, median {statistics.median(loads):.3f} s "
          f"over {args.repeat}; {len(list(gazetteer.iter_place_names()))} keys")
    print(f"memory: the first load (districts included) grew the peak resident size by {grown_mb:.0f} MB")
    started = time.perf_counter()
    for query in QUERIES * 100:
        gazetteer.resolve(query)
        gazetteer.country(query)
        gazetteer.organisation(query)
        gazetteer.admin1(query)
    per_query = (time.perf_counter() - started) / (len(QUERIES) * 100)
    print(f"resolve+country+organisation+admin1: {per_query * 1e6:.0f} us per name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
