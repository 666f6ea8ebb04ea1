"""An article a user adds in the app: check the input, then hand it to the curation engine.

Rules, each failing with a one-line UploadError message:
- text is pasted or a .txt file is uploaded (not both, not neither);
- at most MAX_ARTICLE_BYTES (1 MB = 1,000,000 bytes of UTF-8);
- a file is not empty, not binary and decodes as UTF-8 (judged by dashboard.curation.articles.decode_text,
  as on the command line);
- pasted text is not empty or only whitespace;
- a publication date is given (it anchors relative dates such as "on Thursday");
- a session holds at most MAX_ADDED_ARTICLES added articles (each at most 1 MB of text plus its
  events), so one session's memory is bounded.
"""
from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd

MAX_ARTICLE_BYTES = 1_000_000
MAX_ADDED_ARTICLES = 10
# The curation cache shared by all sessions: at most this many curated articles, each for an hour.
CURATION_CACHE_ENTRIES = 16
CURATION_CACHE_SECONDS = 3600
# The most one added article may take to curate (a 1 MB article of dense events takes about 4 s).
CURATION_BUDGET_S = 30.0


class UploadError(ValueError):
    """The article cannot be added; str() is a one-line message for the page."""


def decode_upload(data: bytes, name: str = "the file") -> str:
    """Uploaded bytes -> text; oversized, empty, binary or non-UTF-8 files raise UploadError."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise UploadError(f"{name} is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,} bytes (1 MB).")
    # the curation's own reader, so the app and the command line judge a file alike
    from dashboard.curation.articles import decode_text
    from dashboard.curation.errors import CurationError
    try:
        return decode_text(data, name)
    except CurationError as exc:
        raise UploadError(_one_line(exc)) from None


def article_text(pasted: str | None, upload: bytes | None, upload_name: str = "the file") -> str:
    """The article text from exactly one of: pasted text, an uploaded file."""
    pasted = pasted or ""
    if upload is not None and pasted.strip():
        raise UploadError("Paste text or upload a file, not both.")
    if upload is not None:
        return decode_upload(upload, upload_name)
    if len(pasted.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise UploadError(f"The pasted text is over the limit of {MAX_ARTICLE_BYTES:,} bytes (1 MB).")
    if not pasted.strip():
        raise UploadError("No article text: paste the text or upload a .txt file.")
    return pasted


def added_key(added) -> tuple:
    """What the session's added articles contribute to a view's cache key: each one's id, title and
    URL (the id is the text and date only, and two sessions may add the same text under other titles)."""
    return tuple((article_id, str(getattr(a, "title", "")), str(getattr(a, "url", ""))) for article_id, a in added.items())


def check_room(added, article_id: str) -> None:
    """UploadError when the session already holds MAX_ADDED_ARTICLES other added articles."""
    if article_id not in added and len(added) >= MAX_ADDED_ARTICLES:
        raise UploadError(f"This session already holds {MAX_ADDED_ARTICLES} added articles, the most it may; "
                          "reload the page to start a new session.")


def published_iso(published: date | str | None) -> str:
    """The publication date as YYYY-MM-DD; a missing or unreadable date raises UploadError."""
    if published is None or (isinstance(published, str) and not published.strip()):
        raise UploadError("Give the article's publication date: relative dates in it are read from that day.")
    if isinstance(published, date):
        return published.isoformat()
    try:
        return date.fromisoformat(published.strip()).isoformat()
    except ValueError:
        raise UploadError(f"Publication date {published!r} is not a date (use YYYY-MM-DD).") from None


def new_article_id(text: str, published: str) -> str:
    """A stable id for an added article, from its content (same text, same id)."""
    digest = hashlib.sha1(f"{published}\n{text}".encode("utf-8")).hexdigest()[:16]
    return f"added_{digest}"


def _curate_in_process(text: str, published: str, article_id: str, title: str = "", url: str = "") -> pd.DataFrame:
    """Run the curation engine on one article here; its refusals come back as UploadError."""
    try:  # imported here: the engine is large, and the page must load without it
        from dashboard.curate import curate_text
        from dashboard.curation.errors import CurationError
    except ImportError as exc:
        raise UploadError(f"The curation engine is not available ({exc}); articles cannot be added.") from None
    try:
        return curate_text(text, published, article_id, title=title, url=url)
    except CurationError as exc:
        raise UploadError(_one_line(exc)) from None
    except Exception as exc:  # an engine fault must not take the page down with it
        raise UploadError(f"The curation engine failed on this article ({type(exc).__name__}: "
                          f"{_one_line(exc)}).") from None


def curate_article(text: str, published: str, article_id: str, title: str = "", url: str = "",
                   budget_s: float | None = None) -> pd.DataFrame:
    """Curate one article in a worker process within ``budget_s`` seconds (CURATION_BUDGET_S);
    over budget the worker is killed and an UploadError says so. The app's server thread only
    waits, so one long paste cannot take the CPU time other sessions' pages need.

    The worker is ``python -m dashboard.view.uploads``, a fresh interpreter (never a fork of the
    threaded server, and never re-running the app's script): the article goes in as JSON on its
    stdin, the rows come back as CSV on its stdout, as any event table is read."""
    import io
    import json
    import subprocess
    import sys
    from pathlib import Path
    budget = CURATION_BUDGET_S if budget_s is None else budget_s
    request = json.dumps({"text": text, "published": published, "article_id": article_id,
                          "title": title, "url": url}).encode("utf-8")
    try:
        worker = subprocess.Popen([sys.executable, "-m", "dashboard.view.uploads"],
                                  cwd=Path(__file__).resolve().parents[2], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        raise UploadError(f"The curation worker could not start ({exc.strerror}); try again later.") from None
    try:
        out, err = worker.communicate(request, timeout=budget)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        raise UploadError(f"Curating this article took more than {budget:g} s, the most one may take; "
                          f"split it into shorter articles.") from None
    if worker.returncode == 3:
        raise UploadError(_one_line(Exception(err.decode("utf-8", "replace"))))
    if worker.returncode != 0:
        raise UploadError(f"The curation worker stopped before it finished (exit {worker.returncode}); "
                          f"try a shorter article.")
    return pd.read_csv(io.StringIO(out.decode("utf-8")), dtype=str, keep_default_na=False, na_values=[])


def _serve() -> int:
    """The worker: one article as JSON on stdin, its rows as CSV on stdout; a refusal is one line
    on stderr and exit 3."""
    import json
    import sys
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        table = _curate_in_process(request["text"], request["published"], request["article_id"],
                                   request.get("title", ""), request.get("url", ""))
    except UploadError as exc:
        sys.stderr.write(str(exc))
        return 3
    sys.stdout.write(table.to_csv(index=False))
    return 0


def _one_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


if __name__ == "__main__":
    import sys
    sys.exit(_serve())
