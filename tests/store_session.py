"""One dashboard session against a store, as a separate process (tests/test_store.py runs two of them
while the command line writes). It drives the real app with streamlit's AppTest, signed in as NAME:
each round it reruns the page, checks that every article in the event table has all of its events and
no others, and saves a correction through the review page (an edit or "Mark checked"); between rounds
it reads the store as the page does, as fast as it can, checking the same; until the stop file appears. Writes what it saw as JSON.

    python tests/store_session.py STORE EXPECTED.json PASSWORDS STOP_FILE OUT.json NAME
"""
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard import store as stx  # noqa: E402


def check_reads(target, expected, seconds, problems) -> int:
    """Between page runs, read the store the way the page does, as often as possible for a while."""
    reads, deadline = 0, time.monotonic() + seconds
    with stx.open_store(target, readonly=True) as store:
        while time.monotonic() < deadline:
            by_article = {}
            for row in stx.load_snapshot(store).events:
                by_article.setdefault(row["article_id"], set()).add(row["event_id"])
            reads += 1
            problems.extend(f"read {reads}: article {a} has {len(ids)} of {len(expected.get(a, ()))} events"
                            for a, ids in by_article.items() if ids != expected.get(a))
    return reads


def main(target, expected_path, passwords, stop_file, out_path, name):
    expected = {a: set(ids) for a, ids in json.loads(Path(expected_path).read_text()).items()}
    article_of = {eid: a for a, ids in expected.items() for eid in ids}
    sys.argv = ["app.py", "--store", target, "--edit", "--passwords", passwords]
    problems, saved, rounds, reads, seen_articles = [], 0, 0, 0, set()
    rng = random.Random(name)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    at.text_input(key="rv_user").input(name)
    at.text_input(key="rv_password").input(name + " secret")
    at.button(key="rv_sign_in_submit").click().run()
    while True:
        stopping = os.path.exists(stop_file)
        at.run()
        rounds += 1
        if at.exception:
            problems.append(f"round {rounds}: {[e.value for e in at.exception]}")
            break
        shown = list(at.dataframe(key="events_table").value["event_id"]) if at.dataframe else []
        by_article = {}
        for eid in shown:
            by_article.setdefault(article_of.get(eid, "?"), set()).add(eid)
        for article, ids in by_article.items():
            if ids != expected.get(article):
                problems.append(f"round {rounds}: article {article} shows {len(ids)} of "
                                f"{len(expected.get(article, ()))} events")
        seen_articles |= set(by_article)
        if shown:
            at.radio(key="rv_which").set_value("all").run()
            at.selectbox(key="rv_pick").set_value(rng.choice(shown)).run()
            if rng.random() < 0.5:
                at.button(key="rv_check").click().run()
            else:
                at.text_input(key="rv_injured").input(str(1000 * rounds + int(name[-1])))   # new every time
                at.button(key="rv_save").click().run()
            messages = [s.value for s in at.success]
            if "Marked checked." in messages or "Saved 1 correction(s)." in messages:
                saved += 1
            else:
                problems.append(f"round {rounds}: the correction was not saved: {messages} "
                                f"{[e.value for e in at.error]}")
        if stopping and rounds >= 3:
            break
        reads += check_reads(target, expected, 0.5, problems)
    Path(out_path).write_text(json.dumps({"problems": problems, "saved": saved, "rounds": rounds, "reads": reads,
                                          "articles_seen": sorted(seen_articles)}))


if __name__ == "__main__":
    main(*sys.argv[1:7])
