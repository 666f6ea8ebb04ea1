"""Command line and in-process entry points of the curation.

    python -m dashboard.curate ARTICLE.txt [--published YYYY-MM-DD]      CSV on stdout
    python -m dashboard.curate FOLDER/ --output data/events.csv          one table, written atomically
"""
from __future__ import annotations

import argparse
import os
import sys

from .articles import Article, article_paths, decode_text, load_article, parse_date
from .errors import CurationError, MissingDateError
from .events import extract_events
from .gazetteer import Gazetteer, load_gazetteer
from .table import event_rows, load_rows, merge_rows, rows_to_csv, save_events


def curate_article(article: Article, gz: Gazetteer | None = None, geocoder=None) -> list[dict]:
    """Rows of the event table for one article.

    ``geocoder``: a geopy geocoder for places the gazetteer lacks (None: offline only).
    """
    gz = gz or load_gazetteer()
    events = extract_events(article.text, article.published, gz, article.title, geocoder)
    return event_rows(events, article.text, article.meta(), gz)


def curate_text(text: str, published: str, article_id: str, title: str = "", url: str = ""):
    """Curate pasted or uploaded text: a DataFrame with the table's columns (used by the dashboard)."""
    import pandas as pd
    from . import schema
    if not published:
        raise MissingDateError("no publication date; give the article's publication date (YYYY-MM-DD)")
    if isinstance(text, bytes):
        text = decode_text(text, article_id)
    elif not str(text).strip():
        raise CurationError(f"{article_id}: the article is empty; paste or upload the article's text")
    article = Article(article_id, str(text), title, url, parse_date(published, article_id))
    return pd.DataFrame(curate_article(article), columns=schema.COLUMNS)


_WORKER: dict = {}


def _init_worker(published: str | None) -> None:
    _WORKER["gz"] = load_gazetteer()
    _WORKER["published"] = published


def _curate_one(path: str) -> list[dict]:
    return curate_article(load_article(path, _WORKER["published"]), _WORKER["gz"], _WORKER.get("geocoder"))


def curate_paths(paths: list[str], published: str | None = None, jobs: int = 1) -> list[dict]:
    """Rows for every article, in the order of ``paths``; ``jobs`` > 1 spreads articles over processes."""
    if jobs > 1 and len(paths) > 1:
        import multiprocessing
        for path in paths:  # fail fast, in the parent, on unreadable input: nothing is written then
            load_article(path, published)
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        chunk = max(1, len(paths) // (jobs * 8))
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(published,)) as pool:
            return [row for rows in pool.imap(_curate_one, paths, chunksize=chunk) for row in rows]
    gz = load_gazetteer()
    geocoder = None
    if os.environ.get("WARNEWS_ONLINE_GEOCODER", "").strip().lower() in {"1", "true", "yes", "on"}:
        # Imported only here: geopy's HTTP stack costs start-up time the offline default does not need.
        from .geocoders import make_geocoder
        geocoder = make_geocoder(gz)  # Nominatim for places the gazetteer lacks
    rows: list[dict] = []
    for path in paths:
        rows.extend(curate_article(load_article(path, published), gz, geocoder))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.curate",
                                     description="Turn war-news articles into a dated, geocoded event table (CSV).")
    parser.add_argument("article", help="an article .txt file, or a folder of them")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (overrides the sidecar)")
    parser.add_argument("--output", "-o", help="write the table to this CSV file (atomically) instead of stdout")
    parser.add_argument("--merge", action="store_true",
                        help="with --output: merge into the existing table (re-curated articles replace "
                             "their old rows; running twice changes nothing)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="processes to curate a folder with (default 1)")
    args = parser.parse_args(argv)
    try:
        if args.published:
            parse_date(args.published, "--published")
        if args.jobs < 1:
            raise CurationError(f"--jobs {args.jobs}: give a number of processes of 1 or more")
        if args.merge and not args.output:
            raise CurationError("--merge needs --output TABLE.csv, the table to merge into")
        paths = article_paths(args.article) if os.path.isdir(args.article) else [args.article]
        rows = curate_paths(paths, args.published, args.jobs)
        if args.output:
            if args.merge and os.path.exists(args.output):
                rows = merge_rows(load_rows(args.output), rows)
            save_events(rows, args.output)
            print(f"wrote {len(rows)} events from {len(paths)} articles to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(rows_to_csv(rows))
    except CurationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {e.filename or ''}: {e.strerror}; check the path and permissions", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
