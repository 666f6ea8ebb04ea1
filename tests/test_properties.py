"""Property tests: arbitrary text never crashes the curation and always yields a valid table."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.curation import schema
from dashboard.curation.articles import Article
from dashboard.curate import curate_article

WORDS = st.sampled_from([
    "Russian", "drones", "struck", "Kharkiv", "Oblast", "killing", "two", "people", "and", "injuring", "15",
    "on", "Thursday", "over", "the", "past", "day", "£2.26", "billion", "loan", "to", "Ukraine", "up", "to",
    "1,500", "troops", "in", "Vladivostok", "Black", "Sea", "since", "August", "of", "last", "year", ",", ".",
    "\n\n", "village", "of", "Xyzzy", "near", "Pokrovsk", "said", "Governor", "Oleh", "may", "march", "US$",
    "€", "(", ")", "another", "wounded", "Seoul", "summoned", "ambassador", "sanctions", "ports", "Odesa",
])

settings.register_profile("curation", deadline=None, max_examples=150,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("curation")


def check_table(rows, text):
    for r in rows:
        assert list(r.keys()) == schema.COLUMNS
        assert r["topic"] in schema.TOPICS and r["status"] in schema.STATUSES
        assert r["geo_precision"] in schema.GEO_PRECISIONS
        assert r["date_precision"] in schema.DATE_PRECISIONS and r["date_method"] in schema.DATE_METHODS
        assert -90 <= r["latitude"] <= 90 and -180 <= r["longitude"] <= 180
        assert dt.date.fromisoformat(r["date_start"]) <= dt.date.fromisoformat(r["date_end"])
        assert 0 <= r["char_start"] < r["char_end"] <= len(text)
        for k in ("killed", "injured"):
            assert r[k] == "" or (isinstance(r[k], int) and r[k] >= 0)
    assert len({r["event_id"] for r in rows}) == len(rows)


@given(st.text(max_size=400))
def test_any_unicode_text(text):
    art = Article("p", text, "", "", dt.date(2024, 10, 22))
    check_table(curate_article(art), text)


@given(st.lists(WORDS, max_size=80).map(" ".join), st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)))
def test_genre_like_word_salad(text, published):
    art = Article("p", text, "", "", published)
    rows = curate_article(art)
    check_table(rows, text)
    assert curate_article(art) == rows  # deterministic: same input, same table and ids


@given(st.binary(max_size=300))
def test_upload_path_any_bytes(data):
    """Bytes as uploaded: either a valid table or the project's one-line error, never anything else."""
    import pandas as pd

    from dashboard.curate import curate_text
    from dashboard.curation.errors import CurationError
    try:
        frame = curate_text(data, "2024-10-22", "upload")
    except CurationError as e:
        assert "\n" not in str(e) and str(e)
        return
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == schema.COLUMNS


def test_a_one_megabyte_article_of_distinct_sentences():
    template = ("Russian drones struck the city of Kharkiv on Tuesday, killing {n} people and injuring {m}, "
                "the governor said. Britain will lend Ukraine £{n}.5 billion as part of a larger loan. ")
    parts, size, n = [], 0, 0
    while size < 1_000_000:
        chunk = template.format(n=n % 97 + 1, m=n % 89 + 2) + f"Report {n} ends here.\n\n"
        parts.append(chunk)
        size += len(chunk)
        n += 1
    text = "".join(parts)
    rows = curate_article(Article("mb", text, "", "", dt.date(2024, 10, 22)))
    check_table(rows, text)
    assert sum(r["location"] == "Kharkiv" for r in rows) >= n * 0.9


def test_lines_of_one_word_and_articles_without_events():
    for text in ("\n".join(["Kharkiv"] * 20000), "\n".join(["word"] * 20000), "The weather was mild. " * 500):
        rows = curate_article(Article("w", text, "", "", dt.date(2024, 10, 22)))
        check_table(rows, text)
        assert rows == [] or all(r["location"] for r in rows)
