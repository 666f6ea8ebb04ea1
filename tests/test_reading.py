"""The article pane: finding the text of an event's article and marking its evidence safely."""
from pathlib import Path

import pytest

from dashboard.view.reading import Article, article_html, evidence_span, highlight_html, load_article, seed_dirs

SEEDS = Path(__file__).parents[1] / "seeds"
FIXTURE_SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def test_bundled_article_with_sidecar():
    article = load_article("000_3c7af8455c70a6cd", [FIXTURE_SEEDS, SEEDS])
    assert article.title.startswith("Ukraine war briefing: Kyiv incensed")
    assert article.published == "2024-10-22"
    assert article.text.startswith("On Thursday, Russian President Vladimir Putin")


def test_added_articles_come_first_and_unknown_ids_are_none():
    added = {"added_1": Article("added_1", "Some text.", "Pasted")}
    assert load_article("added_1", [SEEDS], added).title == "Pasted"
    assert load_article("nope", [SEEDS], added) is None
    assert load_article("../README", [SEEDS]) is None          # ids are file stems, never paths
    assert load_article("", [SEEDS]) is None


def test_seed_dirs_from_environment(tmp_path):
    assert seed_dirs({}) == [SEEDS]
    assert seed_dirs({"WARNEWS_SEEDS": f"{tmp_path}:{SEEDS}"}) == [tmp_path, SEEDS]


def test_evidence_is_marked_at_its_offsets():
    text = "First sentence. Kyiv was hit. Last one."
    html = highlight_html(text, 16, 29, "Kyiv was hit.")
    assert 'First sentence. <mark id="evidence">Kyiv was hit.</mark> Last one.' in html


@pytest.mark.parametrize("start, end, evidence, expected", [
    (16, 29, "Kyiv was hit.", (16, 29)),
    (0, 5, "Kyiv was hit.", (16, 29)),        # stale offsets: found by its text instead
    (None, None, "Kyiv was hit.", (16, 29)),
    (16, 29, "", (16, 29)),
    (0, 500, "", None),                        # offsets outside the text and nothing to search
    (0, 5, "not in the text", None),
])
def test_evidence_span(start, end, evidence, expected):
    assert evidence_span("First sentence. Kyiv was hit. Last one.", start, end, evidence) == expected


def test_article_text_cannot_inject_markup():
    text = 'Intro <script>alert(1)</script> and <img src=x onerror="alert(2)"> then evidence <b>here</b>.'
    evidence = "evidence <b>here</b>."
    start = text.index(evidence)
    html = highlight_html(text, start, start + len(evidence), evidence)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark id="evidence">evidence &lt;b&gt;here&lt;/b&gt;.</mark>' in html


def test_article_header_escapes_title_and_links_only_http():
    evil = Article("a", "Body.", title="<i>Title</i>", url="javascript:alert(1)", published="2024-10-22")
    html = article_html(evil, 0, 5, "Body.")
    assert "&lt;i&gt;Title&lt;/i&gt;" in html and "javascript:" not in html
    good = Article("a", "Body.", title="T", url="https://example.org/a?x=1&y=\"2\"")
    assert 'href="https://example.org/a?x=1&amp;y=&quot;2&quot;"' in article_html(good, 0, 5)
