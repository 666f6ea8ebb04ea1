"""Benchmark the curation: in-process articles per second on one core, and cold CLI runs.

usage: python scripts/bench_curation.py [FOLDER ...] [--repeat N]
FOLDER defaults to seeds/; any folder of ARTICLE.txt (+ sidecar) works.
"""
from __future__ import annotations

import argparse
import glob
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", default=[os.path.join(ROOT, "seeds")])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--cold", type=int, default=5, help="cold CLI runs to time")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="processes for the batch comparison (default: all cores)")
    ap.add_argument("--batch", type=int, default=400, help="articles in the batch comparison")
    a = ap.parse_args()
    from dashboard.curation.articles import load_article
    from dashboard.curate import curate_article
    from dashboard.curation.gazetteer import load_gazetteer

    paths = sorted(p for f in a.folders for p in glob.glob(os.path.join(f, "*.txt")))
    t0 = time.perf_counter()
    gz = load_gazetteer()
    load_s = time.perf_counter() - t0
    articles = [load_article(p, None if os.path.exists(p[:-4] + ".json") else "2024-01-01") for p in paths]
    for art in articles:  # warm-up: first use of the currency rates and regex caches
        curate_article(art, gz)
    from dashboard.curation import dates, places, quantities, topics
    # Caches keyed by sentence text would make a repeated article nearly free: clear them on every
    # pass, so each pass costs what new articles cost. Caches of names (folding, gazetteer queries)
    # stay warm, as they do when a newsroom curates article after article.
    text_caches = (topics._base_scores, dates.find_dates, dates.tense, places._tokens, places._named_actors,
                   quantities._number_starts)
    for c in text_caches:
        c.cache_clear()
    t0 = time.perf_counter()
    c0 = time.process_time()
    n = 0
    passes = []
    for _ in range(a.repeat):
        p0 = time.process_time()
        for art in articles:
            curate_article(art, gz)
            n += 1
        passes.append(len(articles) / (time.process_time() - p0))
        for c in text_caches:
            c.cache_clear()
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    chars = sum(len(x.text) for x in articles) / len(articles)
    print(f"gazetteer load: {load_s:.3f} s")
    print(f"in-process: {n} articles (avg {chars:.0f} chars) in {dt:.2f} s = {n / dt:.0f} articles/s on one core "
          f"({n / cpu:.0f} articles per CPU-second; per pass median {statistics.median(passes):.0f}, "
          f"best {max(passes):.0f})")
    one_megabyte(articles, gz)
    batch_throughput(paths, a.batch, a.jobs)
    times = []
    for _ in range(a.cold):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dashboard.curate", paths[0]], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    if times:
        print(f"cold CLI run ({os.path.basename(paths[0])}): median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s over {len(times)} runs")


def one_megabyte(articles, gz) -> None:
    """One article of 1 MB made of the given articles, every sentence made distinct (no cache helps)."""
    import datetime as dt
    import re
    from dashboard.curation.articles import Article
    from dashboard.curate import curate_article
    parts, size, i = [], 0, 0
    while size < 1_000_000:
        text = re.sub(r"\.(\s)", lambda m: f" (update {i}).{m.group(1)}", articles[i % len(articles)].text)
        parts.append(text)
        size += len(text) + 2
        i += 1
    big = "\n\n".join(parts)
    t0, c0 = time.perf_counter(), time.process_time()
    rows = curate_article(Article("mb", big, "", "", dt.date(2024, 10, 22)), gz)
    print(f"1 MB article ({len(big):,} chars, {len(rows):,} events): {time.perf_counter() - t0:.2f} s "
          f"({time.process_time() - c0:.2f} s CPU)")


def batch_throughput(paths: list[str], n: int, jobs: int) -> None:
    """Batch curation of ``n`` articles (copies of ``paths``) with 1 and with ``jobs`` processes."""
    import shutil
    import tempfile
    from dashboard.curate import curate_paths
    with tempfile.TemporaryDirectory() as tmp:
        batch = []
        for i in range(n):
            src = paths[i % len(paths)]
            dst = os.path.join(tmp, f"{i:05d}.txt")
            shutil.copy(src, dst)
            if os.path.exists(src[:-4] + ".json"):
                shutil.copy(src[:-4] + ".json", dst[:-4] + ".json")
            batch.append(dst)
        for j in sorted({1, jobs}):
            t0 = time.perf_counter()
            rows = curate_paths(batch, "2024-01-01", jobs=j)
            dt = time.perf_counter() - t0
            print(f"batch: {n} articles, --jobs {j}: {dt:.2f} s = {n / dt:.0f} articles/s ({len(rows)} events)")


if __name__ == "__main__":
    main()
