"""Hostile input: each test reproduces a way the tool could be made to run code, lose data, hang or
render data as markup, and checks that it no longer can."""
import csv
import datetime as dt
import functools
import json
import os
import pickle
import re
import stat
import subprocess
import sys

import pytest

from dashboard.curation import currency

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- the currency cache never runs code ---------------------------------------------------------

class _Planted:
    """Unpickling this writes a marker file: proof that loading the cache ran code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("WARNEWS_CACHE_DIR", str(folder))
    currency._converter.cache_clear()
    yield folder
    currency._converter.cache_clear()


def _cache_paths(folder):
    from currency_converter import _version
    v = _version.__version__
    return [folder / f"ecb-rates-{v}.pickle", folder / f"ecb-rates-{v}.f64"]


@functools.lru_cache(maxsize=1)
def _package_converter():
    from currency_converter import CurrencyConverter
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def _reference(value, cur, day):
    return float(_package_converter().convert(value, cur, "USD", date=day))


@functools.lru_cache(maxsize=1)
def _good_cache():
    return currency._encode(currency._build())


CASES = [(1e6, "GBP", dt.date(2024, 10, 19)), (250.0, "JPY", dt.date(2003, 2, 9)), (7.5, "EUR", dt.date(2040, 1, 1))]


def _planted_payloads(marker):
    bomb = b"\x80\x04" + b"(" * 50_000 + b"."          # nested marks: a stack bomb
    missing_module = b"\x80\x04\x95\x1c\x00\x00\x00\x00\x00\x00\x00\x8c\x0bno_such_mod\x94\x8c\x03Cls\x94\x93\x94."
    good = _good_cache()
    return {
        "code": pickle.dumps(_Planted(str(marker))),
        "missing_module": missing_module,
        "bomb": bomb,
        "garbage": b"not a cache at all \x00\xff" * 100,
        "truncated": good[: len(good) // 2],
        "bad_header": currency._MAGIC + b"[[\"GBP\",\"2024-13-99\",3]]\n" + b"\0" * 24,
        "nan_rates": good[:-8] + b"\xff" * 8,
        "empty": b"",
    }


@pytest.mark.parametrize("which, kind", [(0, "code"), (0, "missing_module"), (0, "bomb")] + [
    (1, k) for k in ("code", "missing_module", "bomb", "garbage", "truncated", "bad_header", "nan_rates", "empty")])
def test_planted_cache_never_runs_and_is_rebuilt(cache_dir, tmp_path, kind, which):
    marker = tmp_path / "ran"
    target = _cache_paths(cache_dir)[which]
    target.write_bytes(_planted_payloads(marker)[kind])
    currency._converter.cache_clear()
    for value, cur, day in CASES:
        assert currency.to_usd(value, cur, day) == pytest.approx(_reference(value, cur, day), rel=1e-12)
    assert not marker.exists(), "loading the cache ran code"
    # the new cache is the numbers themselves, read back to the same results
    new = _cache_paths(cache_dir)[1]
    assert new.read_bytes().startswith(currency._MAGIC)
    currency._converter.cache_clear()
    assert currency.to_usd(1e6, "GBP", dt.date(2024, 10, 19)) == pytest.approx(_reference(1e6, "GBP", dt.date(2024, 10, 19)))
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]


def test_fifo_at_the_cache_path_does_not_hang(cache_dir):
    os.mkfifo(_cache_paths(cache_dir)[1])
    currency._converter.cache_clear()
    assert currency.to_usd(10, "EUR", dt.date(2024, 1, 2)) == pytest.approx(_reference(10, "EUR", dt.date(2024, 1, 2)))


def test_engine_never_loads_pickle():
    engine = os.path.join(ROOT, "dashboard")
    for folder, _, names in os.walk(engine):
        for name in names:
            if name.endswith(".py"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                assert not re.search(r"^\s*(import|from) (c?pickle|dill|joblib|shelve)\b|\bpickle\.loads?\(", text, re.M), name


# --- concurrent merges into one table lose no rows ---------------------------------------------

ARTICLE = ("Russian drones struck the city of Sumy overnight, killing two people and injuring five, "
           "the regional governor said.\n")
TOWNS = ["Sumy", "Kharkiv", "Kherson", "Odesa", "Dnipro", "Poltava", "Zaporizhzhia", "Mykolaiv"]


def run_cli(*args, timeout=120, **kw):
    return subprocess.run([sys.executable, "-m", "dashboard.curate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, **kw)


def _articles(folder, prefix, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"{prefix}{i}.txt").write_text(ARTICLE.replace("Sumy", TOWNS[i % len(TOWNS)]), encoding="utf-8")
        (folder / f"{prefix}{i}.json").write_text(json.dumps({"published": f"2024-03-{i % 28 + 1:02d}"}))


def _base_table(path, n):
    """A table of ``n`` rows, big enough that reading, merging and writing it takes a while."""
    from dashboard.curation.table import save_events
    from dashboard.curate import curate_paths
    folder = path.parent / "base-src"
    _articles(folder, "base", 1)
    row = curate_paths([str(folder / "base0.txt")])[0]
    save_events([dict(row, event_id=f"base-{i:06d}", article_id=f"base{i}") for i in range(n)], str(path))


def test_two_concurrent_merges_keep_every_row(tmp_path):
    out = tmp_path / "events.csv"
    _base_table(out, 30_000)
    _articles(tmp_path / "a", "a", 12)
    _articles(tmp_path / "b", "b", 12)
    procs = [subprocess.Popen([sys.executable, "-m", "dashboard.curate", str(tmp_path / d), "--output", str(out),
                               "--merge"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = {r["article_id"] for r in rows}
    assert len(rows) == 30_000 + 24 and {f"a{i}" for i in range(12)} <= ids and {f"b{i}" for i in range(12)} <= ids


# --- text from data is shown as text, never as Markdown or HTML --------------------------------

# Each shape would, as live Markdown, fetch from or link to host.invalid, or draw a heading, math,
# bold text, a list or a code block.
HOSTILE_SHAPES = ["![](http://host.invalid/pixel.png)", "[x](https://host.invalid/link)", "# heading",
                  "$x^2$", "<img src=\"http://host.invalid/raw.png\">", "<b>bold</b>", "https://host.invalid/auto",
                  "* item", "    indented", ":red[colour]", "**strong**", ":smile:", "me@host.invalid", "- dash", "1. one", "> quote",
                  "_under_", "~~strike~~", "&amp;", "a | b"]
HOSTILE_TEXT = "Lead sentence.\n\n" + "\n\n".join(HOSTILE_SHAPES) + "\n\nLast sentence."

PROBE_APP = '''
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from dashboard.view import reading
text = {text!r}
article = reading.Article("a1", text, "Title " + {title!r}, "", "2024-01-01")
with st.container(key="probe_article"):
    st.markdown(reading.article_html(article, 0, 14, "Lead sentence."), unsafe_allow_html=True)
with st.container(key="probe_error"):
    st.error(reading.plain("bad cell " + text))
'''


def _free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="/usr/bin/chromium is missing (scripts/test.sh installs it)")
def test_hostile_text_renders_as_text_in_a_browser(tmp_path):
    import time
    import urllib.request
    from urllib.parse import urlsplit
    from playwright.sync_api import sync_playwright
    app = tmp_path / "probe.py"
    app.write_text(PROBE_APP.format(root=ROOT, text=HOSTILE_TEXT, title=HOSTILE_SHAPES[0]), encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "streamlit.log", "wb")
    server = subprocess.Popen([os.path.join(ROOT, ".venv", "bin", "streamlit"), "run", str(app),
                               "--server.headless", "true", "--server.address", "127.0.0.1",
                               "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                              cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    outside = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (tmp_path / "streamlit.log").read_text()
                time.sleep(0.25)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--headless=new", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()

            def route(r):
                if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()
            page.route("**/*", route)
            page.goto(url, timeout=60_000)
            article = page.locator(".st-key-probe_article")
            error = page.locator(".st-key-probe_error")
            article.get_by_text("Last sentence.").wait_for(timeout=60_000)
            error.get_by_text("Last sentence.").wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            for pane in (article.locator(".article-text"), article.locator(".article-head"), error):
                for tag in ("img", "a", "h1", "h2", "strong", "em", "del", "ul", "ol", "li", "pre",
                            "blockquote", "table", ".katex"):
                    assert pane.locator(tag).count() == 0, (tag, pane.inner_html()[-3000:])
            assert article.locator(".article-text code").count() == 0   # the error's code spans are its own
            for pane in (article.locator(".article-text"), error):
                assert pane.locator("b").count() == 0, pane.inner_html()
                shown = pane.inner_text()
                for shape in HOSTILE_SHAPES:
                    assert shape.strip() in shown, (shape, shown)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert outside == []


def test_plain_escapes_every_markdown_character():
    from dashboard.view.reading import plain
    text = "- x ![](a/p.png) [a](b) # $y$ <i>j</i> *k* _l_ `m` ~n~ |o| {q} &amp; file_name 12:30\nnext\u2028line"
    out = plain(text)
    assert "\n" not in out and "\u2028" not in out and out.startswith("\\- x")
    assert re.sub(r"\\(.)", r"\1", out) == " ".join(text.splitlines())      # only escapes were added
    assert not re.search(r"(?<!\\)[`*\[\]{}<>&!#$~|]", out)                  # every syntax character escaped
    assert "\\_l\\_" in out and "file_name" in out                       # `_` inside a word starts nothing
    assert plain("12. twelve") == "12\\. twelve" and plain("   # h") == "\\# h"


@pytest.mark.parametrize("word", ["https://host.invalid/a", "HTTP://h.invalid", "www.host.invalid", "me@host.invalid",
                                  "![](http://host.invalid/p.png)", "a``b://c", ":red[x]", ":smile:", "x:material/y:"])
def test_plain_puts_linkable_words_in_code_spans(word):
    from dashboard.view.reading import plain
    out = plain(f"see {word} now")
    fence = "`" * (max((len(r) for r in re.findall("`+", word)), default=0) + 1)
    assert out == f"see {fence} {word} {fence} now"


def test_article_pane_is_one_html_block():
    from dashboard.view.reading import Article, article_html
    page = article_html(Article("a", HOSTILE_TEXT, "T\n\n# t", "https://e.org/\n\nx", "2024-01-01"), 0, 14,
                        "Lead sentence.")
    assert "\n" not in page and "\r" not in page and page.startswith("<div")
    assert "<img" not in page and "<b>bold" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_app_shows_a_hostile_file_name_as_text(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from dashboard.view.reading import plain
    bad = tmp_path / "![x](http:host.invalid) # $y$.csv"
    bad.write_text("not,an\nevent,table\n", encoding="utf-8")
    monkeypatch.setenv("WARNEWS_EVENTS", str(bad))
    at = AppTest.from_file(os.path.join(ROOT, "dashboard", "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert str(bad) not in message and plain(str(bad)) in message
    assert plain(str(bad)) in at.caption[0].value


# --- memory: uploads and the curation cache are bounded ----------------------------------------

def test_server_refuses_uploads_over_1_mb():
    import tomllib
    with open(os.path.join(ROOT, ".streamlit", "config.toml"), "rb") as f:
        assert tomllib.load(f)["server"]["maxUploadSize"] == 1
    shown = subprocess.run([os.path.join(ROOT, ".venv", "bin", "streamlit"), "config", "show"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120).stdout
    assert re.search(r"^maxUploadSize = 1$", shown, re.M)     # streamlit reads it from the project's config


def test_curation_cache_is_bounded():
    import ast
    from dashboard.view import uploads
    tree = ast.parse(open(os.path.join(ROOT, "dashboard", "app.py"), encoding="utf-8").read())
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "cached_curation")
    keywords = {k.arg: ast.unparse(k.value) for d in func.decorator_list if isinstance(d, ast.Call) for k in d.keywords}
    assert keywords.get("max_entries") == "uploads.CURATION_CACHE_ENTRIES" and keywords.get("ttl")
    assert 0 < uploads.CURATION_CACHE_ENTRIES <= 32 and 0 < uploads.CURATION_CACHE_SECONDS <= 24 * 3600


def test_a_session_adds_at_most_max_added_articles():
    from dashboard.view.uploads import MAX_ADDED_ARTICLES, UploadError, check_room
    added = {f"added_{i}": None for i in range(MAX_ADDED_ARTICLES)}
    check_room(added, "added_0")                                 # the same article again is no new one
    with pytest.raises(UploadError, match="reload the page"):
        check_room(added, "added_new")
    check_room(dict(list(added.items())[:-1]), "added_new")


# --- GeoJSON download with any line separator in the text ---------------------------------------

@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r", "\n"])
def test_geojson_keeps_every_line_separator(sep):
    from dashboard.view.exports import events_geojson
    from dashboard.view.loading import load_events
    events = load_events(os.path.join(ROOT, "tests", "fixtures", "events.csv")).head(3).copy()
    events["evidence"] = [f"first{sep}second {i}" for i in range(len(events))]
    events["article_title"] = f"title{sep}"
    data = json.loads(events_geojson(events))
    assert len(data["features"]) == len(events)
    assert [f["properties"]["evidence"] for f in data["features"]] == list(events["evidence"])
    assert {f["properties"]["article_title"] for f in data["features"]} == {f"title{sep}"}


# --- a view's cache key holds the added articles' titles and URLs --------------------------------

def test_view_key_tells_apart_the_same_text_under_other_titles():
    import ast
    from dashboard.view.reading import Article
    from dashboard.view.uploads import added_key
    one = {"added_x": Article("added_x", "Text.", "First title", "https://a.example/1", "2024-01-01")}
    two = {"added_x": Article("added_x", "Text.", "Second title", "https://a.example/1", "2024-01-01")}
    three = {"added_x": Article("added_x", "Text.", "First title", "https://b.example/2", "2024-01-01")}
    assert len({added_key(one), added_key(two), added_key(three)}) == 3
    assert added_key(one) == added_key(dict(one))
    # and the app keys its shared view cache with it
    tree = ast.parse(open(os.path.join(ROOT, "dashboard", "app.py"), encoding="utf-8").read())
    view = next(n.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "view")
    assert "uploads.added_key(" in ast.unparse(view)


# --- --output keeps the target's mode, writes through symlinks, refuses what is not a file -------

def _one_article(tmp_path):
    folder = tmp_path / "in"
    if not folder.exists():
        _articles(folder, "x", 1)
    return str(folder)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_output_keeps_the_tables_mode(tmp_path, mode):
    out = tmp_path / "events.csv"
    out.write_text("old\n")
    os.chmod(out, mode)
    p = run_cli(_one_article(tmp_path), "--output", str(out))
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == mode and out.read_text().startswith("event_id,")


def test_new_output_gets_the_umask_mode(tmp_path):
    out = tmp_path / "events.csv"
    p = run_cli(_one_article(tmp_path), "--output", str(out), preexec_fn=lambda: os.umask(0o022))
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o644


def test_output_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real" / "events.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o644)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    p = run_cli(_one_article(tmp_path), "--output", str(link))
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("event_id,") and stat.S_IMODE(os.stat(real).st_mode) == 0o644
    p = run_cli(_one_article(tmp_path), "--output", str(link), "--merge")
    assert p.returncode == 0 and link.is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "dir", "device", "link_to_device"])
def test_output_refuses_what_is_not_a_regular_file(tmp_path, kind):
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dir":
        target.mkdir()
    else:  # a null device of the test's own (never the system's /dev/null, which a bug would replace)
        device = tmp_path / "null"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            pytest.skip("creating a device node needs root")
        if kind == "device":
            target = device
        else:
            target.symlink_to(device)
    before = os.stat(target)
    for extra in ([], ["--merge"]):
        p = run_cli(_one_article(tmp_path), "--output", str(target), *extra, timeout=60)
        assert p.returncode == 2, p.stderr
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and "not a regular file" in lines[0] and "Traceback" not in p.stderr
    after = os.stat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


# --- inputs that are not regular files are refused, and reads stop at the cap --------------------

def _hostile_input(tmp_path, kind, name):
    path = tmp_path / name
    if kind == "zero_link":
        path.symlink_to("/dev/zero")       # only ever read
    elif kind == "fifo":
        os.mkfifo(path)
    return path


@pytest.mark.parametrize("kind", ["zero_link", "fifo"])
def test_article_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    article = _hostile_input(tmp_path, kind, "a.txt")
    p = run_cli(str(article), "--published", "2024-01-01", timeout=60)
    assert p.returncode == 2 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0]


@pytest.mark.parametrize("kind", ["zero_link", "fifo"])
def test_sidecar_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _hostile_input(tmp_path, kind, "a.json")
    p = run_cli(str(tmp_path / "a.txt"), "--published", "2024-01-01", timeout=60)
    assert p.returncode == 2 and "not a regular file" in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_read_stops_at_the_cap(tmp_path):
    from dashboard.curation.articles import read_limited
    from dashboard.curation.errors import ArticleError
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1001)
    assert read_limited(str(big), 1001) == b"a" * 1001
    with pytest.raises(ArticleError, match="more than the 1000 bytes"):
        read_limited(str(big), 1000)
    sidecar = tmp_path / "big.json"
    sidecar.write_text('{"published": "2024-01-01", "x": "' + "y" * 1_100_000 + '"}')
    p = run_cli(str(big), timeout=60)
    assert p.returncode == 2 and "sidecar" in p.stderr and len(p.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["zero_link", "fifo"])
def test_data_that_is_not_a_regular_file_is_named_not_read(tmp_path, kind):
    from dashboard.view.loading import EventTableError, load_events
    path = _hostile_input(tmp_path, kind, "events.csv")
    with pytest.raises(EventTableError, match="not a regular file"):
        load_events(path)


# --- --jobs is capped at the CPU count -----------------------------------------------------------

def test_jobs_are_capped_at_the_cpu_count(tmp_path, monkeypatch, capsys):
    import multiprocessing
    from dashboard import curate
    _articles(tmp_path / "in", "j", 3)
    seen = []
    real_pool = multiprocessing.get_context("fork").Pool

    class Context:
        def Pool(self, processes, **kw):
            seen.append(processes)
            return real_pool(min(processes, 2), **kw)   # never really start a thousand
    monkeypatch.setattr(multiprocessing, "get_context", lambda *_: Context())
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert curate.main([str(tmp_path / "in"), "--output", str(tmp_path / "out.csv"), "--jobs", "1000"]) == 0
    err = capsys.readouterr().err
    assert seen == [2] and "--jobs 1000 is more than the 2 CPUs here; using 2" in err


# --- every bad input is one line and exit 2, never a traceback -----------------------------------

def _table_with(tmp_path, change):
    """A table this tool wrote (one Sumy row), then damaged by ``change(text) -> text``."""
    from dashboard.curation.table import rows_to_csv
    from dashboard.curate import curate_paths
    _articles(tmp_path / "src", "t", 1)
    row = curate_paths([str(tmp_path / "src" / "t0.txt")])[0]
    text = rows_to_csv([dict(row, event_id="keep-1", article_id="other")])
    path = tmp_path / "table.csv"
    path.write_text(change(text, row), encoding="utf-8")
    return path


TABLE_DAMAGE = {
    "truncated": (lambda t, r: t[: len(t) * 2 // 3], "fields than the header"),
    "char_start_not_int": (lambda t, r: t.replace(f",{r['char_start']},{r['char_end']}", f",12.5x,{r['char_end']}"),
                           "not a whole number"),
    "extra_field": (lambda t, r: t.rstrip("\n") + ",surplus\n", "more fields"),
}


@pytest.mark.parametrize("case", sorted(TABLE_DAMAGE))
def test_merging_into_a_damaged_table_is_one_line(tmp_path, case):
    change, needle = TABLE_DAMAGE[case]
    table = _table_with(tmp_path, change)
    before = table.read_bytes()
    _articles(tmp_path / "new", "n", 1)
    p = run_cli(str(tmp_path / "new"), "--output", str(table), "--merge")
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 1 and needle in lines[0] and "Traceback" not in p.stderr, p.stderr
    assert table.read_bytes() == before


def test_merging_into_a_table_with_a_long_evidence_cell(tmp_path):
    long = "Drones struck again. " * 8000                     # 168,000 characters: over csv's default limit
    table = _table_with(tmp_path, lambda t, r: t.replace(r["evidence"], long))
    _articles(tmp_path / "new", "n", 1)
    p = run_cli(str(tmp_path / "new"), "--output", str(table), "--merge")
    assert p.returncode == 0, p.stderr
    with open(table, encoding="utf-8", newline="") as f:
        csv.field_size_limit(1_000_000)
        rows = list(csv.DictReader(f))
    assert {r["article_id"] for r in rows} == {"other", "n0"} and long in {r["evidence"] for r in rows}


@pytest.mark.parametrize("case", ["nested_sidecar", "lone_surrogate_title", "published_9999", "published_0001",
                                  "nul_after_4kb"])
def test_hostile_article_is_one_line_or_clean(tmp_path, case):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = [str(article), "--published", "2024-03-05"]
    if case == "nested_sidecar":
        (tmp_path / "a.json").write_text("[" * 200_000)
    elif case == "lone_surrogate_title":
        (tmp_path / "a.json").write_text('{"published": "2024-03-05", "title": "x\\ud800y", "url": "u\\udfff"}')
        args = [str(article)]
    elif case.startswith("published_"):
        args = [str(article), "--published", {"published_9999": "9999-12-31", "published_0001": "0001-01-01"}[case]]
    else:
        article.write_bytes(("Filler sentence. " * 300).encode() + ARTICLE.encode() + b"\x00\x00 more\n")
    p = run_cli(*args)
    assert "Traceback" not in p.stderr, p.stderr
    if case == "lone_surrogate_title":
        assert p.returncode == 0
        rows = list(csv.DictReader(p.stdout.splitlines()))
        assert rows and rows[0]["article_title"] == "x\ufffdy" and rows[0]["article_url"] == "u\ufffd"
    else:
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 2 and len(lines) == 1 and p.stdout == "", p.stderr
        assert {"nested_sidecar": "not valid JSON", "nul_after_4kb": "NUL"}.get(case, "outside") in lines[0]


def _fixture_rows():
    import pandas as pd
    return pd.read_csv(os.path.join(ROOT, "tests", "fixtures", "events.csv"), dtype=str, keep_default_na=False)


def test_dashboard_names_a_huge_offset_in_one_line():
    from dashboard.view.loading import normalise_events
    rows = _fixture_rows()
    rows.loc[0, "char_start"] = "1e20"
    with pytest.raises(ValueError, match=r"column 'char_start' holds a number too large: '1e20' \(data row 1\)"):
        normalise_events(rows)


def test_dashboard_keeps_a_table_with_dates_outside_pandas_range(tmp_path):
    from streamlit.testing.v1 import AppTest
    rows = _fixture_rows()
    rows.loc[0, "date_start"], rows.loc[1, "date_end"] = "9999-12-31", "0001-01-01"
    path = tmp_path / "events.csv"
    rows.to_csv(path, index=False)
    os.environ["WARNEWS_EVENTS"] = str(path)
    try:
        at = AppTest.from_file(os.path.join(ROOT, "dashboard", "app.py"), default_timeout=60)
        at.run()
    finally:
        del os.environ["WARNEWS_EVENTS"]
    assert not at.exception and not at.error
    assert at.caption[0].value.startswith(f"{len(rows)} of {len(rows)} events")


# --- the search's cost is bounded -----------------------------------------------------------------

def test_a_long_query_scans_a_bounded_number_of_words(monkeypatch):
    from dashboard.view import filters
    from dashboard.view.loading import load_events
    events = load_events(os.path.join(ROOT, "tests", "fixtures", "events.csv"))
    scans = []
    real = filters._contains
    monkeypatch.setattr(filters, "_contains", lambda column, word: scans.append(word) or real(column, word))
    query = " ".join(f"w{i}" for i in range(400))
    mask = filters.text_mask(events, query)
    assert len(set(scans)) <= filters.MAX_QUERY_WORDS
    assert len(scans) <= filters.MAX_QUERY_WORDS * len(filters.SEARCH_COLUMNS)
    assert not mask.any()
    single = filters.text_mask(events, "kharkiv")
    assert single.any()
    scans.clear()
    assert filters.text_mask(events, "kharkiv " * 300).equals(single)
    assert len(scans) <= len(filters.SEARCH_COLUMNS)
    assert filters.bounded_query("x" * 1000) == (["x" * filters.MAX_QUERY_CHARS], True)
    assert filters.bounded_query("kyiv drone") == (["kyiv", "drone"], False)


def test_the_page_says_when_a_query_is_clipped(monkeypatch):
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("WARNEWS_EVENTS", os.path.join(ROOT, "tests", "fixtures", "events.csv"))
    at = AppTest.from_file(os.path.join(ROOT, "dashboard", "app.py"), default_timeout=60)
    at.query_params["q"] = " ".join(f"w{i}" for i in range(400))
    at.run()
    assert not at.exception
    assert any("The search uses the first" in c.value for c in at.sidebar.caption)


# --- an interrupted --output leaves nothing the next run does not clean up -----------------------

def test_next_run_removes_temporary_files_of_an_interrupted_one(tmp_path):
    out = tmp_path / "events.csv"
    mine = tmp_path / ".events.csv.k3j2h1.tmp"
    legacy_old, legacy_new = tmp_path / ".events-abc.csv.tmp", tmp_path / ".events-def.csv.tmp"
    other = tmp_path / ".other.csv.x1y2z3.tmp"             # another table's write, maybe in progress
    for path in (mine, legacy_old, legacy_new, other):
        path.write_text("half a table")
    os.utime(legacy_old, (1_000_000_000, 1_000_000_000))
    p = run_cli(_one_article(tmp_path), "--output", str(out))
    assert p.returncode == 0, p.stderr
    assert not mine.exists() and not legacy_old.exists() and legacy_new.exists() and other.exists()
    assert sorted(n for n in os.listdir(tmp_path) if n.endswith(".tmp")) == sorted([legacy_new.name, other.name])


def test_an_interrupted_write_names_its_temporary_file_after_the_table(tmp_path, monkeypatch):
    from dashboard.curation import table
    out = tmp_path / "events.csv"

    def interrupted(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", interrupted)   # killed while the temporary file is written
    monkeypatch.setattr(os, "unlink", lambda p: None)       # as if killed before its own clean-up
    with pytest.raises(KeyboardInterrupt):
        table.save_events([], str(out))
    monkeypatch.undo()
    left = [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    assert len(left) == 1 and left[0].startswith(".events.csv.")
    assert table.remove_stale_temps(str(out)) == [str(tmp_path / left[0])] and not os.listdir(tmp_path)


# --- crafted text costs linear time ----------------------------------------------------------------

# Each shape repeats the tokens of a pattern or scanning loop that once took quadratic time on it.
LINEAR_SHAPES = ["A-", "Ivano-", "killing 2 ", "5 shells 6 drones ", "A, ", "another killed ",
                 "Sumy, Kharkiv and Odesa regions ", "drones struck Kharkiv killing 2 and injuring 3 ",
                 "Ukraine received 5 shells 6 drones of which 2 "]


def _cpu_seconds(text):
    import time
    from dashboard.curation.pipeline import curate_text
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        curate_text(text, "2024-03-05", "hostile")
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
def test_long_runs_of_a_patterns_tokens_cost_linear_time(shape):
    """Four times the text may cost about four times the work, never sixteen: the ratio of the CPU
    time at 4N to that at N tells linear from quadratic whatever the machine's speed."""
    from dashboard.curation.pipeline import curate_text
    curate_text("Drones struck Kharkiv, killing two people.", "2024-03-05", "warm-up")
    n = 12_000
    small = _cpu_seconds(shape * (n // len(shape)))
    large = _cpu_seconds(shape * (4 * n // len(shape)))
    assert large < 8 * max(small, 0.005), (shape, small, large)


# --- the dashboard curates in a worker with a time budget -------------------------------------------

def test_pasted_text_is_curated_in_a_worker_process():
    from dashboard.curation.pipeline import curate_text
    from dashboard.view import uploads
    from dashboard.view.loading import normalise_events
    got = uploads.curate_article(ARTICLE, "2024-03-05", "added_w", "T", "https://example.org/a")
    here = curate_text(ARTICLE, "2024-03-05", "added_w", "T", "https://example.org/a")
    assert len(got) == len(here) >= 1
    assert normalise_events(got).equals(normalise_events(here.astype(str).replace("None", "")))
    with pytest.raises(uploads.UploadError, match="empty"):
        uploads.curate_article("   ", "2024-03-05", "added_e")


def test_a_paste_over_its_time_budget_gets_one_line_and_its_worker_is_stopped():
    import time
    from dashboard.view import uploads
    started = time.monotonic()
    with pytest.raises(uploads.UploadError) as caught:
        uploads.curate_article("killing 2 " * 100_000, "2024-03-05", "added_slow", budget_s=0.2)
    assert time.monotonic() - started < 10
    assert "took more than 0.2 s" in str(caught.value) and "\n" not in str(caught.value)


# --- online geocoder: deadlines, redirects, --jobs (local servers on 127.0.0.1 only) -------------

def _http_server(handler_body):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen.append(self.path)
            handler_body(self)

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, seen


def _trickle(handler):
    import time
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for _ in range(40):                      # one byte every 0.25 s: each read is within its timeout
        try:
            handler.wfile.write(b" ")
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(0.25)


def test_a_trickling_server_cannot_stall_a_request_past_its_deadline(tmp_path):
    import time
    from dashboard.curation.geocoders import make_online_geocoder
    server, seen = _http_server(_trickle)
    try:
        geocoder = make_online_geocoder(tmp_path / "c.json", timeout=1.0,
                                        domain=f"127.0.0.1:{server.server_address[1]}", scheme="http")
        started = time.monotonic()
        assert geocoder.geocode("Trickleville") is None
        assert time.monotonic() - started < 2.5 and seen
    finally:
        server.shutdown()
        server.server_close()


def test_an_article_has_a_total_budget_for_online_answers(tmp_path):
    import time
    from dashboard.curation.geocoders import CachedGeocoder
    calls = []

    def slow(query, exactly_one=True, **options):
        calls.append(query)
        time.sleep(0.3)
        return None
    geocoder = CachedGeocoder(slow, tmp_path / "c.json", timeout=2.0, article_budget_seconds=0.7)
    started = time.monotonic()
    for i in range(10):
        geocoder.geocode(f"Unknown {i}")
    assert len(calls) == 3 and time.monotonic() - started < 1.5
    geocoder.start_article()
    geocoder.geocode("Unknown next")
    assert calls[-1] == "Unknown next"


def test_redirects_to_another_host_are_not_followed(tmp_path):
    from dashboard.curation.geocoders import make_online_geocoder
    elsewhere, elsewhere_seen = _http_server(lambda h: (h.send_response(200), h.end_headers()))

    def redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", f"http://localhost:{elsewhere.server_address[1]}/search?q=x")
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    origin, origin_seen = _http_server(redirect)
    try:
        geocoder = make_online_geocoder(tmp_path / "c.json", timeout=1.0,
                                        domain=f"127.0.0.1:{origin.server_address[1]}", scheme="http")
        assert geocoder.geocode("Redirected") is None
        assert origin_seen and elsewhere_seen == []
    finally:
        for server in (origin, elsewhere):
            server.shutdown()
            server.server_close()


def test_jobs_workers_use_the_online_geocoder_too(tmp_path, monkeypatch):
    from dashboard.curation import pipeline
    from dashboard.curation.geocoders import CachedGeocoder
    monkeypatch.setenv("WARNEWS_ONLINE_GEOCODER", "1")
    monkeypatch.setenv("WARNEWS_GEOCODER_CACHE", str(tmp_path / "c.json"))
    monkeypatch.setattr(pipeline, "_WORKER", {})
    pipeline._init_worker("2024-01-01")
    assert isinstance(pipeline._WORKER["geocoder"].fallback, CachedGeocoder)
    monkeypatch.delenv("WARNEWS_ONLINE_GEOCODER")
    pipeline._init_worker("2024-01-01")
    assert pipeline._WORKER["geocoder"] is None


def test_geocoder_cache_appends_one_line_per_answer(tmp_path):
    from geopy.location import Location
    from dashboard.curation.geocoders import CachedGeocoder
    cache = tmp_path / "c.json"
    big = {json.dumps([f"Place {i}", []]): {"address": f"P{i}", "lat": 1.0, "lon": 2.0, "raw": {}} for i in range(20_000)}
    cache.write_text(json.dumps(big))                         # the older one-object format
    answer = lambda q, exactly_one=True, **o: Location(q, (3.0, 4.0), {})   # noqa: E731
    first = CachedGeocoder(answer, cache)
    assert first.geocode("Place 7").address == "P7"          # the old format is read
    first.geocode("New 0")                                    # ...and rewritten as lines once
    lines = cache.read_text().splitlines()
    assert len(lines) == 20_001
    inode, before = os.stat(cache).st_ino, cache.read_bytes()
    for i in range(1, 10):
        first.geocode(f"New {i}")
    after = cache.read_bytes()
    assert os.stat(cache).st_ino == inode and after.startswith(before)       # appended, never rewritten
    assert len(after.splitlines()) == 20_010
    with open(cache, "a") as f:
        f.write('{"key": "torn')                                             # a crash mid-line
    again = CachedGeocoder(lambda *a, **k: pytest.fail("asked the network"), cache)
    assert again.geocode("New 9").latitude == 3.0 and again.geocode("Place 19999").address == "P19999"
