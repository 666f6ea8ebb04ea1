"""The article behind an event, with its evidence sentence marked.

Bundled articles are seeds/ARTICLE.txt with an ARTICLE.json sidecar (title, url,
published); article_id is the file stem. Articles added in the app are passed in by
the caller. The highlighted text is built from escaped pieces, so article text can
never inject markup into the page.
"""
from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS_ENV = "WARNEWS_SEEDS"


@dataclass(frozen=True)
class Article:
    article_id: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""


def seed_dirs(environ: Mapping[str, str]) -> list[Path]:
    """Folders holding bundled articles: $WARNEWS_SEEDS (os.pathsep-separated), else seeds/."""
    value = environ.get(SEEDS_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p] or [ROOT / "seeds"]


def load_article(article_id: str, folders: Sequence[Path],
                 added: Mapping[str, Article] | None = None) -> Article | None:
    """The article with this id: an added one first, else ARTICLE.txt in the first folder that has it."""
    if added and article_id in added:
        return added[article_id]
    if not article_id or Path(article_id).name != article_id:  # ids are file stems, never paths
        return None
    for folder in folders:
        text_path = Path(folder) / f"{article_id}.txt"
        if text_path.is_file():
            meta = {}
            sidecar = text_path.with_suffix(".json")
            if sidecar.is_file():
                try:
                    meta = json.loads(sidecar.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    meta = {}
            return Article(article_id, text_path.read_text(encoding="utf-8", errors="replace"),
                           str(meta.get("title") or ""), str(meta.get("url") or ""),
                           str(meta.get("published") or ""))
    return None


def evidence_span(text: str, start, end, evidence: str) -> tuple[int, int] | None:
    """Where the evidence sits in the text: the stated offsets if they hold it, else its first occurrence."""
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        s = e = -1
    if 0 <= s < e <= len(text) and (not evidence or text[s:e] == evidence):
        return s, e
    if evidence:
        found = text.find(evidence)
        if found >= 0:
            return found, found + len(evidence)
    return None


def highlight_html(text: str, start, end, evidence: str = "") -> str:
    """The whole article as escaped HTML, the evidence wrapped in <mark id="evidence">."""
    span = evidence_span(text, start, end, evidence)
    if span is None:
        body = html.escape(text)
    else:
        s, e = span
        body = (html.escape(text[:s]) + '<mark id="evidence">' + html.escape(text[s:e]) + "</mark>"
                + html.escape(text[e:]))
    return f'<div class="article-text" style="white-space: pre-wrap; line-height: 1.5">{body}</div>'


def article_html(article: Article, start, end, evidence: str = "") -> str:
    """Title, publication date and source link (http(s) only), then the highlighted text; all escaped."""
    title = html.escape(article.title or article.article_id)
    link = ""
    if article.url.startswith(("http://", "https://")):
        link = f' · <a href="{html.escape(article.url, quote=True)}" target="_blank" rel="noopener">source</a>'
    published = f" · published {html.escape(article.published)}" if article.published else ""
    return (f'<div class="article-head"><b>{title}</b>{published}{link}</div>'
            + highlight_html(article.text, start, end, evidence))
