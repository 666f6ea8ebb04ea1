"""Command line and in-process entry points of the curation.

    python -m dashboard.curate ARTICLE.txt [--published YYYY-MM-DD]      CSV on stdout
    python -m dashboard.curate FOLDER/ --output data/events.csv          one table, written atomically
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from .articles import Article, article_paths, decode_text, load_article, parse_date
from .errors import CurationError, MissingDateError
from .events import extract_events
from .gazetteer import Gazetteer, load_gazetteer
from .table import event_rows, rows_to_csv, save_events


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


def curate_paths(paths: list[str], published: str | None = None) -> list[dict]:
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
    args = parser.parse_args(argv)
    try:
        if args.published:
            parse_date(args.published, "--published")
        paths = article_paths(args.article) if os.path.isdir(args.article) else [args.article]
        rows = curate_paths(paths, args.published)
        if args.output:
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
