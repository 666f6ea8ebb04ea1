"""How long the store takes: saving curated articles, reading the reviewed table, writing corrections.

    python scripts/bench_store.py [--articles 400] [--corrections 1000] [--store postgresql://...]

Curation is done first and not timed (scripts/bench_curation.py measures it). Default: a new SQLite
file in a temporary folder, removed afterwards.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import store as st  # noqa: E402
from dashboard.curation import curate_text  # noqa: E402

TOWNS = ["Kharkiv", "Sumy", "Poltava", "Dnipro", "Lviv", "Kherson", "Mykolaiv", "Chernihiv", "Zhytomyr", "Rivne"]


def article(i: int) -> str:
    lines = [f"On March {i % 27 + 1}, a drone struck a depot in the city of {TOWNS[(i + k) % len(TOWNS)]}, "
             f"injuring {k + 2} workers." for k in range(4)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--corrections", type=int, default=1000)
    parser.add_argument("--store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = args.store or str(Path(folder) / "bench.sqlite")
        curated = []
        for i in range(args.articles):
            text = article(i)
            rows = curate_text(text, "2024-03-30", f"b{i:05d}").to_dict("records")
            curated.append((st.StoredArticle(f"b{i:05d}", text, published="2024-03-30"), rows))
        events = sum(len(r) for _, r in curated)
        with st.open_store(target) as store:
            t = time.perf_counter()
            st.save_articles(store, curated)
            save = time.perf_counter() - t
            t = time.perf_counter()
            st.save_articles(store, curated)
            again = time.perf_counter() - t
            rows = st.load_event_rows(store)
            t = time.perf_counter()
            for n in range(args.corrections):
                st.save_corrections(store, st.edits_for(rows[n % len(rows)], {"injured": str(n)}, "bench"))
            corrections = time.perf_counter() - t
            t = time.perf_counter()
            snapshot = st.load_snapshot(store)
            st.apply_corrections(snapshot.events, snapshot.corrections)
            read = time.perf_counter() - t
    print(f"store: {'postgresql' if target.startswith('postgres') else 'sqlite'}; {args.articles} articles, "
          f"{events} events")
    print(f"save all in one transaction: {save:.2f} s; the same again (unchanged, nothing written): {again:.2f} s")
    print(f"{args.corrections} corrections, one transaction each: {corrections:.2f} s "
          f"({1000 * corrections / max(1, args.corrections):.1f} ms each)")
    print(f"read events + corrections and apply them: {read:.2f} s")


if __name__ == "__main__":
    main()
