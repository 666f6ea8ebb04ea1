"""The store: articles and events saved whole and once, corrections re-applied after re-curation, bad
stores refused with one line and their data intact, and a writer with two sessions at once, each a
separate process, on SQLite and on PostgreSQL."""
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import store as st
from dashboard.curate import main
from dashboard.curation import curate_text, schema
from dashboard.curation.errors import StoreError
from stores import pg_server, pg_url, store_target  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
TOWNS = ["Kharkiv", "Sumy", "Poltava", "Dnipro", "Lviv", "Kherson", "Mykolaiv", "Chernihiv", "Zhytomyr",
         "Rivne", "Lutsk", "Uzhhorod"]


def article_text(i: int) -> str:
    town, other = TOWNS[i % len(TOWNS)], TOWNS[(i + 5) % len(TOWNS)]
    return (f"On March {i % 27 + 1}, a drone struck a depot in the city of {town}, injuring {i + 2} workers.\n"
            f"Separately, shelling hit houses in {other} on Sunday, killing one man, officials said.\n")


def stored(i: int, text: str | None = None):
    text = text or article_text(i)
    rows = curate_text(text, "2024-03-30", f"a{i:02d}").to_dict("records")
    return st.StoredArticle(f"a{i:02d}", text, f"Article {i}", f"https://example.org/{i}", "2024-03-30"), rows


def write_folder(folder: Path, numbers) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"a{i:02d}.txt").write_text(article_text(i), encoding="utf-8")
        (folder / f"a{i:02d}.json").write_text(json.dumps({"published": "2024-03-30", "title": f"Article {i}",
                                                           "url": f"https://example.org/{i}"}), encoding="utf-8")
    return folder


def test_saved_rows_come_back_as_the_engine_wrote_them_and_saving_twice_changes_nothing(store_target):
    with st.open_store(store_target) as store:
        first = st.save_articles(store, [stored(1), stored(2)])
        assert (first.added, first.recurated, first.unchanged) == (["a01", "a02"], [], [])
        revision = st.load_revision(store)
        again = st.save_articles(store, [stored(1), stored(2)])
        assert (again.added, again.recurated, again.unchanged, again.events) == ([], [], ["a01", "a02"], 0)
        assert st.load_revision(store) == revision
        expected = stored(1)[1] + stored(2)[1]
        got = st.load_event_rows(store)
        assert len(got) == len(expected) == first.events
        engine = {r["event_id"]: {c: st._text_cell(c, st._cell(c, r[c])) for c in schema.COLUMNS} for r in expected}
        assert {r["event_id"]: {c: r[c] for c in schema.COLUMNS} for r in got} == engine
        assert all(r["engine_version"] == st.engine_version() for r in got)
        article = st.load_article(store, "a01")
        assert article.text == article_text(1) and article.url == "https://example.org/1"
        assert [a["article_id"] for a in st.load_articles(store)] == ["a01", "a02"]
        assert st.load_articles(store)[0]["content_hash"] == st.content_hash(article_text(1))


def test_corrections_follow_their_evidence_span_through_re_curation(store_target):
    with st.open_store(store_target) as store:
        st.save_articles(store, [stored(3)])
        rows = {r["location"]: r for r in st.load_event_rows(store)}
        depot, houses = rows[TOWNS[3]], rows[TOWNS[8]]
        st.save_corrections(store, st.edits_for(depot, {"injured": "7", "topic": "combat"}, "ana", "call to the city")
                            + [st.status_correction(houses, st.REJECT, "ben", "a duplicate")])
        # an improved engine: the same sentences give other ids (here: another topic word in the id)
        article, new_rows = stored(3)
        for r in new_rows:
            r["event_id"] = "new-" + r["event_id"]
            r["summary"] = "re-curated " + r["summary"]
        report = st.save_articles(store, [(article, new_rows)])
        assert report.recurated == ["a03"]
        snapshot = st.load_snapshot(store)
        reviewed, orphans = st.apply_corrections(snapshot.events, snapshot.corrections)
        by_place = {r["location"]: r for r in reviewed}
        assert not orphans
        assert by_place[TOWNS[3]]["event_id"].startswith("new-")
        assert (by_place[TOWNS[3]]["injured"], by_place[TOWNS[3]]["topic"]) == ("7", "combat")
        assert by_place[TOWNS[3]]["review_status"] == "corrected"
        assert by_place[TOWNS[3]]["corrected_fields"] == "injured;topic"
        assert by_place[TOWNS[8]]["review_status"] == "rejected"
        # the engine's own rows are untouched
        engine = {r["location"]: r for r in st.load_event_rows(store)}
        assert engine[TOWNS[3]]["injured"] == str(3 + 2) and engine[TOWNS[3]]["topic"] == "attack"
        # an engine that no longer sees the second sentence: its rejection is an orphan, listed
        first_only = [r for r in new_rows if r["location"] == TOWNS[3]]
        st.save_articles(store, [(article, first_only)])
        snapshot = st.load_snapshot(store)
        reviewed, orphans = st.apply_corrections(snapshot.events, snapshot.corrections)
        assert [o.correction.kind for o in orphans] == ["reject"]
        assert "no event at its evidence span" in orphans[0].reason
        assert [r["review_status"] for r in reviewed] == ["corrected"]
        exported = st.corrections_rows(snapshot.corrections, orphans)
        assert [(r["author"], r["kind"], r["field"], r["old"], r["new"]) for r in exported] == [
            ("ana", "edit", "injured", "5", "7"), ("ana", "edit", "topic", "attack", "combat"),
            ("ben", "reject", "", "", "")]
        assert exported[2]["orphaned"] and not exported[0]["orphaned"]


def test_a_group_correction_targets_several_events_and_finds_them_again(tmp_path):
    with st.open_store(tmp_path / "s.sqlite") as store:
        st.save_articles(store, [stored(4), stored(5)])
        rows = st.load_event_rows(store)
        st.save_corrections(store, [st.group_correction(rows[:3], st.JOIN, "ana", "one strike", label="incident 1")])
        article, again = stored(4)
        for r in again:
            r["event_id"] = "v2-" + r["event_id"]
        st.save_articles(store, [(article, again)])
        snapshot = st.load_snapshot(store)
        [(join, ids)] = st.resolve_groups(snapshot.events, snapshot.corrections)
        assert join.kind == "join" and join.new == "incident 1" and len(ids) == 3 and None not in ids
        assert {i for i in ids if i.startswith("v2-")} == {"v2-" + r["event_id"] for r in rows[:3] if r["article_id"] == "a04"}


def test_a_place_edit_and_an_amount_recompute_usd(tmp_path):
    text = "On March 2, Germany pledged 100 million euros in military aid to Ukraine, officials said.\n"
    with st.open_store(tmp_path / "s.sqlite") as store:
        st.save_articles(store, [stored(6, text)])
        [row] = [r for r in st.load_event_rows(store) if r["amount"]]
        st.save_corrections(store, st.edits_for(row, {"amount": "200000000"}, "ana"))
        [fixed] = [r for r in st.apply_corrections(*_snap(store))[0] if r["event_id"] == row["event_id"]]
        assert float(fixed["amount_usd"]) == pytest.approx(2 * float(row["amount_usd"]), rel=1e-6)


def _snap(store):
    snapshot = st.load_snapshot(store)
    return snapshot.events, snapshot.corrections


# ---- bad stores --------------------------------------------------------------------------------

def one_line_error(capsys, argv) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path, capsys):
    folder = write_folder(tmp_path / "in", [1])
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"these are my notes, not a database\n" * 200)
    before = bad.read_bytes()
    line = one_line_error(capsys, [str(folder), "--store", str(bad)])
    assert "not a warnews store" in line and "another --store" in line
    assert bad.read_bytes() == before


def test_a_database_of_another_program_is_refused(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    conn.close()
    assert "tables of another program" in one_line_error(capsys, ["--store", str(other)])


def test_a_store_of_a_newer_schema_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "s.sqlite"
    with st.open_store(path) as store:
        st.save_articles(store, [stored(1)])
        with store.transaction(write=True):
            store.execute("UPDATE schema_version SET version = ?", (st.SCHEMA_VERSION + 1,))
    folder = write_folder(tmp_path / "in", [2])
    line = one_line_error(capsys, [str(folder), "--store", str(path)])
    assert f"schema version {st.SCHEMA_VERSION + 1}, newer" in line and "update warnews" in line
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT article_id FROM articles")] == ["a01"]
    conn.close()


def test_a_viewer_connection_cannot_write(store_target):
    with st.open_store(store_target) as store:
        st.save_articles(store, [stored(1)])
    with st.open_store(store_target, readonly=True) as viewer:
        with pytest.raises(StoreError, match="viewing only"):
            st.save_corrections(viewer, [st.status_correction(st.load_event_rows(viewer)[0], st.REJECT, "x")])
        viewer.readonly = False   # even past the program's own check, the connection refuses to write
        with pytest.raises(StoreError, match="read-only"):
            st.save_articles(viewer, [stored(2)])
    with st.open_store(store_target) as store:
        assert [a["article_id"] for a in st.load_articles(store)] == ["a01"]
        assert st.load_corrections(store) == []


def test_a_read_only_store_file_gives_one_line_and_keeps_its_data(tmp_path, monkeypatch, capsys):
    path = tmp_path / "s.sqlite"
    with st.open_store(path) as store:
        st.save_articles(store, [stored(1)])
    articles = write_folder(tmp_path / "in", [2])
    os.chmod(path, 0o444)
    if os.geteuid() == 0:   # permissions do not bind root: have SQLite open the file as it would for others
        connect = sqlite3.connect
        monkeypatch.setattr(sqlite3, "connect", lambda where, **kw: connect(where.split("?")[0] + "?mode=ro", **kw))
    line = one_line_error(capsys, [str(articles), "--store", str(path)])
    assert "read-only" in line and "permissions" in line and "nothing was written" in line
    monkeypatch.undo()
    with st.open_store(path, readonly=True) as store:
        assert [a["article_id"] for a in st.load_articles(store)] == ["a01"]


def test_a_full_disk_during_a_write_leaves_no_partial_article(tmp_path, monkeypatch, capsys):
    """SQLite's own limit on the file's pages stands in for a full disk: the write fails midway."""
    path = tmp_path / "s.sqlite"
    with st.open_store(path) as store:
        st.save_articles(store, [stored(1)])
        before = st.load_event_rows(store)
    opened = st._open_sqlite

    def small_disk(target, readonly):
        store = opened(target, readonly)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return store

    monkeypatch.setattr(st, "_open_sqlite", small_disk)
    big = "\n".join(article_text(i) for i in range(60)) + "\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text(big, encoding="utf-8")
    line = one_line_error(capsys, [str(folder), "--store", str(path), "--published", "2024-03-30"])
    assert "disk is full" in line and "nothing was written" in line
    monkeypatch.undo()
    with st.open_store(path) as store:
        assert [a["article_id"] for a in st.load_articles(store)] == ["a01"]
        assert st.load_event_rows(store) == before
        assert not [r for r in st.load_event_rows(store) if r["article_id"] == "big"]


# ---- concurrency: the command line writing while two sessions read and edit -----------------------

def test_a_writer_and_two_dashboard_sessions_at_once_lose_nothing(store_target, tmp_path):
    """Three processes: the command line adds three batches of articles while two editors' dashboard
    sessions (tests/store_session.py, the app under AppTest) rerun, check every article's rows and save
    corrections. Nobody sees half an article; at the end every row and every correction is there once."""
    from dashboard.view import editors
    batches = [range(0, 4), range(4, 8), range(8, 12)]
    folders = [write_folder(tmp_path / f"batch{n}", numbers) for n, numbers in enumerate(batches)]
    expected = {f"a{i:02d}": sorted(r["event_id"] for r in stored(i)[1]) for i in range(12)}
    (tmp_path / "expected.json").write_text(json.dumps(expected))
    passwords = tmp_path / "editors.txt"
    for n in (1, 2):
        editors.save_password(passwords, f"editor{n}", f"editor{n} secret")
    first = subprocess.run([sys.executable, "-m", "dashboard.curate", str(folders[0]), "--store", store_target],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    stop = tmp_path / "stop"
    sessions = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "store_session.py"), store_target,
                                  str(tmp_path / "expected.json"), str(passwords), str(stop),
                                  str(tmp_path / f"s{n}.json"), f"editor{n}"], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    try:
        time.sleep(3)   # the sessions start up and sign in
        for folder in folders[1:] + folders[:1]:
            p = subprocess.run([sys.executable, "-m", "dashboard.curate", str(folder), "--store", store_target],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert p.returncode == 0, p.stderr
            assert ("4 article(s) added" if folder != folders[0] else "4 unchanged") in p.stderr
            time.sleep(1)
    finally:
        stop.write_text("")
        for s in sessions:
            s.wait(timeout=300)
    for s in sessions:
        assert s.returncode == 0, s.stderr.read()[-3000:]
    seen = [json.loads((tmp_path / f"s{n}.json").read_text()) for n in (1, 2)]
    print(f"\nsessions: {[(s['rounds'], s['saved'], s['reads'], len(s['articles_seen'])) for s in seen]} "
          "(page rounds, saves, reads between them, articles seen)")
    assert [s["problems"] for s in seen] == [[], []]
    assert all(s["rounds"] >= 3 and s["saved"] >= 3 and s["reads"] >= 10 for s in seen)
    with st.open_store(store_target) as store:
        by_article = {}
        for row in st.load_event_rows(store):
            by_article.setdefault(row["article_id"], []).append(row["event_id"])
        assert {a: sorted(ids) for a, ids in by_article.items()} == expected   # every row, each once
        authors = [c.author for c in st.load_corrections(store)]
        assert (authors.count("editor1"), authors.count("editor2")) == (seen[0]["saved"], seen[1]["saved"])


def test_an_orphaned_correction_is_listed_by_the_command_line_and_the_page(tmp_path, capsys, monkeypatch):
    folder = write_folder(tmp_path / "in", [7])
    path = tmp_path / "s.sqlite"
    assert main([str(folder), "--store", str(path)]) == 0
    with st.open_store(path) as store:
        row = [r for r in st.load_event_rows(store) if r["location"] == TOWNS[0]][0]
        st.save_corrections(store, st.edits_for(row, {"injured": "3"}, "ana", "from the hospital"))
    # the article is edited at its source: the sentence the correction is about is gone
    (folder / "a07.txt").write_text(article_text(7).split("\n", 1)[1], encoding="utf-8")
    capsys.readouterr()
    assert main([str(folder), "--store", str(path)]) == 0
    err = capsys.readouterr().err
    assert "1 re-curated" in err
    [line] = [line for line in err.splitlines() if line.startswith("orphaned correction")]
    assert "edit injured -> '3', by ana" in line and "no event at its evidence span" in line

    import streamlit
    from streamlit.testing.v1 import AppTest
    streamlit.cache_resource.clear()
    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(path)])
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("1 correction(s) no longer find their event" in w.value for w in at.warning)
    assert any("by ana: no event at its evidence span" in m.value for m in at.markdown)
