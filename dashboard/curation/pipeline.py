"""The curation pipeline: an article in, the event table's rows out."""
from __future__ import annotations

import os

from .articles import Article, decode_text, load_article, parse_date
from .errors import CurationError, MissingDateError
from .events import extract_events
from .gazetteer import Gazetteer, load_gazetteer
from .table import event_rows


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


def _online_geocoder(gz: Gazetteer):
    """The online fallback when WARNEWS_ONLINE_GEOCODER asks for it, else None (offline only)."""
    if os.environ.get("WARNEWS_ONLINE_GEOCODER", "").strip().lower() in {"1", "true", "yes", "on"}:
        # Imported only here: geopy's HTTP stack costs start-up time the offline default does not need.
        from .geocoders import make_geocoder
        return make_geocoder(gz)  # Nominatim for places the gazetteer lacks
    return None


def _start_article(geocoder) -> None:
    """Give the online geocoder (if any) a fresh time budget for the next article."""
    start = getattr(getattr(geocoder, "fallback", None), "start_article", None)
    if start is not None:
        start()


def _init_worker(published: str | None) -> None:
    _WORKER["gz"] = load_gazetteer()
    _WORKER["published"] = published
    _WORKER["geocoder"] = _online_geocoder(_WORKER["gz"])  # as with one process


def _curate_one(path: str) -> list[dict]:
    _start_article(_WORKER.get("geocoder"))
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
    geocoder = _online_geocoder(gz)
    rows: list[dict] = []
    for path in paths:
        _start_article(geocoder)
        rows.extend(curate_article(load_article(path, published), gz, geocoder))
    return rows
