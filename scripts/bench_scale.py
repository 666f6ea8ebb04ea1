"""How the dashboard's server side scales: load time, filter + figures time and peak memory.

    python scripts/bench_scale.py                      # 10k, 100k and 1M events, Parquet
    python scripts/bench_scale.py --sizes 10000 100000 --format csv

For each size it writes a synthetic table (scripts/make_synthetic.py; kept in --work, default
the temporary folder, and reused) and measures it in a fresh Python process, so that each size's
peak memory is its own. In that process it loads the table as the app does (load_events, then
sort_by_date), then, for each typical filter change, runs what one rerun of dashboard/app.py
computes: the filtered table, country options, date bounds, metrics, the aid table and chart,
the quantities table and chart, the map, the timeline, the listed rows, and what every chart
sends (its spec as JSON, its data as Arrow, as Streamlit sends them). Times are the median of --repeat runs after a warm-up. Memory is
the process's peak resident size (ru_maxrss) after loading and at the end, and the peak of
Python allocations during one filter change (tracemalloc, in a separate untimed run).
Nothing here is a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATES = {  # name -> FilterState arguments: the filter changes a user makes most
    "all events": {},
    "country UKR": {"countries": ("UKR",)},
    "topic attack": {"topics": ("attack",)},
    "one quarter": {"date_from": date(2023, 4, 1), "date_to": date(2023, 6, 30)},
    "RUS + attack + 'drones'": {"countries": ("RUS",), "topics": ("attack",), "text": "drones"},
    "search 'kharkiv'": {"text": "kharkiv"},
}


def one_view(events, state) -> dict:
    """What one rerun of the app computes for a view; returns the sizes of what it would send."""
    import pandas as pd

    from dashboard.view import aggregate, exports, figures, filters
    shown = filters.filter_events(events, state).reset_index(drop=True)
    filters.country_options(events)
    filters.date_bounds(events)
    aid = aggregate.aid_table(shown)
    int(shown["killed"].sum()), int(shown["injured"].sum()), aid.loc[aid["counted"], "amount_usd"].sum()
    charts = [figures.map_figure(shown), figures.timeline_figure(shown)]
    by_donor = aggregate.aid_by_donor(aid)
    if not by_donor.empty:
        charts.append(figures.aid_figure(by_donor))
    quantities = aggregate.quantities_table(shown, text_up_to=aggregate.QUANTITY_BARS)
    if not quantities.empty:
        charts.append(figures.quantities_figure(quantities))
    listed = shown.head(exports.TABLE_ROWS)
    dict(zip(listed["event_id"].astype(str), listed["date_start"].dt.strftime("%Y-%m-%d").fillna("undated")
             + " · " + listed["summary"].astype(str).str.slice(0, 90)))
    sent = sum(figures.sent_bytes(chart) for chart in charts)
    meta = charts[0]["usermeta"]
    return {"rows": len(shown), "map_marks": meta["marks"], "map_aggregated": meta["aggregated"],
            "json_mb": sent / 1e6, "table_rows": len(pd.Index(listed.index))}


def measure(path: Path, repeat: int) -> dict:
    """Run in a fresh process: load, then every filter change; returns the figures as a dict."""
    from dashboard.view import filters, loading
    started = time.perf_counter()
    events = filters.sort_by_date(loading.load_events(path))
    load_s = time.perf_counter() - started
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results = {}
    for name, arguments in STATES.items():
        state = filters.FilterState(**arguments)
        info = one_view(events, state)                 # warm-up (and the sizes)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            one_view(events, state)
            times.append(time.perf_counter() - started)
        results[name] = {**info, "seconds": statistics.median(times)}
    tracemalloc.start()
    one_view(events, filters.FilterState(countries=("UKR",)))
    traced_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return {"rows": len(events), "load_s": load_s, "frame_mb": events.memory_usage(deep=True).sum() / 1e6,
            "rss_loaded_mb": rss_loaded, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "traced_peak_mb": traced_peak, "views": results}


def table_for(rows: int, work: Path, suffix: str) -> Path:
    path = work / f"warnews-synthetic-{rows}{suffix}"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_synthetic.py"), "--rows", str(rows),
                        "--out", str(path), "--seed", "1"], check=True)
    return path


def report(runs: list[dict]) -> None:
    names = list(STATES)
    print(f"\n{'events':>10} {'load s':>7} {'frame MB':>9} {'RSS loaded MB':>14} {'RSS peak MB':>12} "
          f"{'traced MB':>10}  filter + all figures, seconds (rows shown, map marks)")
    for run in runs:
        print(f"{run['rows']:>10,} {run['load_s']:>7.2f} {run['frame_mb']:>9.0f} {run['rss_loaded_mb']:>14.0f} "
              f"{run['rss_peak_mb']:>12.0f} {run['traced_peak_mb']:>10.0f}")
        for name in names:
            view = run["views"][name]
            print(f"{'':>10}   {name:<26} {view['seconds']:6.3f} s   rows {view['rows']:>9,}   "
                  f"marks {view['map_marks']:>6,}{' (cells)' if view['map_aggregated'] else ''}   "
                  f"sent {view['json_mb']:.1f} MB")
    if len(runs) > 1:
        print("\ngrowth per step (time ratio / rows ratio), worst filter change:")
        for small, large in zip(runs, runs[1:]):
            ratio = large["rows"] / small["rows"]
            worst = max(large["views"][n]["seconds"] / max(small["views"][n]["seconds"], 1e-9) for n in names)
            mean_large = statistics.mean(large["views"][n]["seconds"] for n in names)
            mean_small = statistics.mean(small["views"][n]["seconds"] for n in names)
            print(f"  {small['rows']:,} -> {large['rows']:,} ({ratio:.0f}x rows): mean time x{mean_large / mean_small:.1f},"
                  f" worst x{worst:.1f}; load x{large['load_s'] / small['load_s']:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("WARNEWS_BENCH_DIR", tempfile.gettempdir())),
                        help="where the synthetic tables are written and reused")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)   # the child process: measure this file
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    runs = []
    for rows in args.sizes:
        path = table_for(rows, args.work, "." + args.format)
        child = subprocess.run([sys.executable, __file__, "--one", str(path), "--repeat", str(args.repeat)],
                               check=True, capture_output=True, text=True)
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"measured {rows:,} events ({path})", file=sys.stderr)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), table format {args.format}")
    report(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
