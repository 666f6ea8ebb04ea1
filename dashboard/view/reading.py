"""The article behind an event, with its evidence sentence marked.

Bundled articles are seeds/ARTICLE.txt with an ARTICLE.json sidecar (title, url,
published); article_id is the file stem. Articles added in the app are passed in by
the caller. The highlighted text is built from escaped pieces, so article text can
never inject markup into the page: HTML is escaped, and line breaks are written as
character references so the whole pane is one line, one HTML block, which Markdown
passes through untouched (no image, link, heading or math from the text). Text from
data shown through a Markdown element (an error naming a file or a cell) goes
through `plain`, which escapes every Markdown character.
"""
from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS_ENV = "WARNEWS_SEEDS"
# Text from data as Markdown that shows it literally. CommonMark lets ASCII punctuation be
# backslash-escaped, and an escaped one is only text; these are the characters that can start
# Markdown (images, links, emphasis, code, HTML, entities, strikethrough, tables, headings and
# quotes, math, Streamlit's `:colour[...]` directives). `_` inside a word never starts emphasis,
# so file names keep theirs. One line only: a list or heading marker can then only be at its start.
# GFM's bare-URL and e-mail links, and Streamlit's `:red[...]` colours and `:smile:` emoji, are
# found in the text after escapes are undone, so a word that could become one is put in a code
# span, which is shown as it is.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*\[\]{}<>&!#$~|]|(?<![^\W_])_|_(?![^\W_])")
_LIST_START = re.compile(r"^([-+]|\d+[.)])")
_WORDS = re.compile(r"(\s+)")
_BACKTICKS = re.compile(r"`+")
_COLON_WORD = re.compile(r":[^\W\d]")
_LINE_BREAKS = re.compile(r"\r\n?|\n")


def _live(word: str) -> bool:
    return "://" in word or "@" in word or "www." in word.lower() or _COLON_WORD.search(word) is not None


def _code_span(word: str) -> str:
    fence = "`" * (max(map(len, _BACKTICKS.findall(word)), default=0) + 1)
    return f"{fence} {word} {fence}"


def plain(text) -> str:
    """``text`` as Markdown that shows exactly these characters, on one line (line breaks become spaces)."""
    words = _WORDS.split(" ".join(str(text).splitlines()).strip())
    out = "".join(_code_span(w) if _live(w) else _MARKDOWN_SYNTAX.sub(r"\\\g<0>", w) for w in words)
    return _LIST_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], out)


def _escape(text: str) -> str:
    """HTML-escaped text with line breaks as ``&#10;``: no blank line can end the pane's HTML block."""
    return _LINE_BREAKS.sub("&#10;", html.escape(str(text)))


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
        body = _escape(text)
    else:
        s, e = span
        body = _escape(text[:s]) + '<mark id="evidence">' + _escape(text[s:e]) + "</mark>" + _escape(text[e:])
    return f'<div class="article-text" style="white-space: pre-wrap; line-height: 1.5">{body}</div>'


def article_html(article: Article, start, end, evidence: str = "") -> str:
    """Title, publication date and source link (http(s) only), then the highlighted text; all escaped."""
    title = _escape(article.title or article.article_id)
    link = ""
    if article.url.startswith(("http://", "https://")):
        link = f' · <a href="{_escape(article.url)}" target="_blank" rel="noopener">source</a>'
    published = f" · published {_escape(article.published)}" if article.published else ""
    return (f'<div class="article-head"><b>{title}</b>{published}{link}</div>'
            + highlight_html(article.text, start, end, evidence))
