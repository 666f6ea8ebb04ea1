"""One dashboard session against a store, as a separate process (tests/test_store.py runs two of them
while the command line writes): read a snapshot, check that every article in it has all of its events and
nothing else, write a correction, again until the stop file appears. Writes what it saw as JSON.

    python tests/store_session.py STORE EXPECTED.json STOP_FILE OUT.json NAME
"""
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import store as st  # noqa: E402


def main(target, expected_path, stop_file, out_path, name):
    expected = {a: set(ids) for a, ids in json.loads(Path(expected_path).read_text()).items()}
    problems, written, snapshots, seen_articles = [], [], 0, set()
    rng = random.Random(name)
    with st.open_store(target) as store:
        while True:
            stopping = os.path.exists(stop_file)
            snapshot = st.load_snapshot(store)
            snapshots += 1
            by_article = {}
            for row in snapshot.events:
                by_article.setdefault(row["article_id"], set()).add(row["event_id"])
            for article, ids in by_article.items():
                if ids != expected.get(article):
                    problems.append(f"snapshot {snapshots}: article {article} has {len(ids)} of "
                                    f"{len(expected.get(article, ()))} events")
            seen_articles |= set(by_article)
            reviewed, _ = st.apply_corrections(snapshot.events, snapshot.corrections)
            if reviewed:
                row = rng.choice(reviewed)
                if rng.random() < 0.5:
                    c = st.status_correction(row, st.CHECK, name, note=f"{name} {snapshots}")
                    cs = [c]
                else:
                    cs = st.edits_for(row, {"injured": str(rng.randint(0, 99))}, name, note=f"{name} {snapshots}")
                written.extend(st.save_corrections(store, cs))
            if stopping and snapshots >= 5:
                break
            time.sleep(0.01)
    Path(out_path).write_text(json.dumps({"problems": problems, "written": written, "snapshots": snapshots,
                                          "articles_seen": sorted(seen_articles)}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
