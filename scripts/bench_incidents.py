"""Time the grouping of reports into incidents: `python scripts/bench_incidents.py [--rows 5000 20000]`.

Each size is a synthetic table (scripts/make_synthetic.py: clustered places, bursts in time, many
articles a day), loaded as the dashboard loads it, then grouped once (dashboard/curation/incidents.py).
Prints the rows, the incidents, the candidate pairs tried and the seconds; the dashboard groups a view
of at most dashboard.view.incident_view.INCIDENT_MAX_REPORTS reports.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_synthetic import synthetic_events  # noqa: E402

from dashboard.curation import incidents  # noqa: E402
from dashboard.view.loading import normalise_events  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5_000, 20_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for rows in args.rows:
        table = normalise_events(synthetic_events(rows, seed=args.seed), categories=False)
        reports = [incidents._Report(i, row) for i, row in enumerate(table.to_dict("records"))]
        pairs = sum(1 for _ in incidents._candidate_pairs(reports))
        start = time.perf_counter()
        grouped = incidents.group_incidents(table)
        seconds = time.perf_counter() - start
        print(f"{rows:>9,} reports -> {len(grouped):>9,} incidents, {pairs:>11,} candidate pairs, {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
