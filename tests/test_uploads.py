"""Adding an article: every bad input gets a one-line message before curation runs."""
from datetime import date

import pandas as pd
import pytest

from dashboard.curation import schema

from dashboard.view import uploads
from dashboard.view.uploads import (MAX_ARTICLE_BYTES, UploadError, article_text, decode_upload, new_article_id,
                               published_iso)


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Kyïv".encode("latin-1"), "not UTF-8"),
    (b"a" * (MAX_ARTICLE_BYTES + 1), "the limit is 1,000,000 bytes"),
])
def test_bad_files(data, message):
    with pytest.raises(UploadError, match=message) as caught:
        decode_upload(data, "news.txt")
    assert "news.txt" in str(caught.value) and "\n" not in str(caught.value)


def test_good_file_decodes_with_or_without_bom():
    assert decode_upload("Kyiv was hit.".encode("utf-8")) == "Kyiv was hit."
    assert decode_upload(b"\xef\xbb\xbfKyiv") == "Kyiv"
    assert decode_upload(b"a" * MAX_ARTICLE_BYTES) == "a" * MAX_ARTICLE_BYTES   # the cap itself is allowed


@pytest.mark.parametrize("pasted, upload, message", [
    ("", None, "No article text"),
    ("   ", None, "No article text"),
    ("Some text", b"Other text", "not both"),
    ("é" * (MAX_ARTICLE_BYTES // 2 + 1), None, "over the limit"),   # the cap counts UTF-8 bytes
])
def test_text_from_exactly_one_source(pasted, upload, message):
    with pytest.raises(UploadError, match=message):
        article_text(pasted, upload)


def test_text_sources():
    assert article_text("Pasted.", None) == "Pasted."
    assert article_text("", b"Uploaded.") == "Uploaded."
    assert article_text(None, b"Uploaded.") == "Uploaded."


@pytest.mark.parametrize("given, expected", [
    (date(2024, 10, 22), "2024-10-22"), ("2024-10-22", "2024-10-22"), (" 2024-10-22 ", "2024-10-22")])
def test_publication_date(given, expected):
    assert published_iso(given) == expected


@pytest.mark.parametrize("given", [None, "", "22/10/2024", "yesterday"])
def test_missing_or_bad_publication_date(given):
    with pytest.raises(UploadError, match="date"):
        published_iso(given)


def test_article_id_is_stable_and_content_based():
    one = new_article_id("Text.", "2024-10-22")
    assert one == new_article_id("Text.", "2024-10-22") and one.startswith("added_")
    assert one != new_article_id("Text!", "2024-10-22") != new_article_id("Text.", "2024-10-23")


def test_curation_refusal_and_engine_faults_become_one_line_messages(monkeypatch):
    # the engine as the curation worker runs it (dashboard/view/uploads.py runs this in a process)
    from dashboard import curate
    from dashboard.curation.errors import CurationError

    def refuse(text, published, article_id, title="", url=""):
        raise CurationError("added_x: the article is empty; paste or upload the article's text\n(details)")
    monkeypatch.setattr(curate, "curate_text", refuse)
    with pytest.raises(UploadError) as caught:
        uploads._curate_in_process("x", "2024-10-22", "added_x")
    assert str(caught.value) == "added_x: the article is empty; paste or upload the article's text"

    def crash(text, published, article_id, title="", url=""):
        raise KeyError("gazetteer")
    monkeypatch.setattr(curate, "curate_text", crash)
    with pytest.raises(UploadError, match=r"curation engine failed on this article \(KeyError"):
        uploads._curate_in_process("x", "2024-10-22", "added_x")

    monkeypatch.setattr(curate, "curate_text",
                        lambda text, published, article_id, title="", url="": pd.DataFrame(columns=schema.COLUMNS))
    assert list(uploads._curate_in_process("x", "2024-10-22", "added_x").columns) == schema.COLUMNS
