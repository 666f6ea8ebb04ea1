"""The command line: bad input gets one line and exit 2; folders are curated atomically."""
import csv
import io
import json
import os
import subprocess
import sys

import pytest

from dashboard.curation import schema
from dashboard.curate import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLE = ("Russian drones struck the city of Sumy overnight, killing two people and injuring five, "
           "the regional governor said.\n")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "dashboard.curate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def write(tmp_path, name, data, meta=None):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if meta is not None:
        path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_prints_csv_with_header(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)
    p = run_cli(str(path), "--published", "2024-03-05")
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert list(rows[0].keys()) == schema.COLUMNS
    sumy = [r for r in rows if r["location"] == "Sumy"]
    assert sumy and sumy[0]["killed"] == "2" and sumy[0]["injured"] == "5"
    assert (sumy[0]["date_start"], sumy[0]["date_end"]) == ("2024-03-04", "2024-03-05")


def test_sidecar_date_and_override(tmp_path):
    path = write(tmp_path, "b.txt", ARTICLE, {"title": "T", "url": "u", "published": "2023-01-10", "x": 1})
    rows = list(csv.DictReader(io.StringIO(run_cli(str(path)).stdout)))
    assert rows[0]["published"] == "2023-01-10" and rows[0]["article_title"] == "T"
    rows = list(csv.DictReader(io.StringIO(run_cli(str(path), "--published", "2023-02-01").stdout)))
    assert rows[0]["published"] == "2023-02-01"


def test_header_even_without_events(tmp_path):
    path = write(tmp_path, "c.txt", "The weather was mild and nothing happened.\n")
    p = run_cli(str(path), "--published", "2024-01-01")
    assert p.returncode == 0
    assert p.stdout.strip() == ",".join(schema.COLUMNS)


@pytest.mark.parametrize("name, data, args, needle", [
    ("nodate.txt", ARTICLE, [], "--published"),
    ("empty.txt", "", ["--published", "2024-01-01"], "empty"),
    ("blank.txt", "  \n\n ", ["--published", "2024-01-01"], "empty"),
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", ["--published", "2024-01-01"], "binary"),
    ("latin.txt", "Caf\xe9 bombed".encode("latin-1"), ["--published", "2024-01-01"], "UTF-8"),
    ("baddate.txt", ARTICLE, ["--published", "yesterday"], "YYYY-MM-DD"),
])
def test_bad_input_one_line_exit_2(tmp_path, name, data, args, needle):
    path = write(tmp_path, name, data)
    p = run_cli(str(path), *args)
    assert p.returncode == 2
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in p.stderr


def test_missing_file_and_empty_folder(tmp_path):
    p = run_cli(str(tmp_path / "nope.txt"), "--published", "2024-01-01")
    assert p.returncode == 2 and "no such file" in p.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "events.csv"
    p = run_cli(str(empty), "--output", str(out))
    assert p.returncode == 2 and "no .txt articles" in p.stderr and not out.exists()


def test_folder_output_is_atomic_and_never_clobbered(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "one.txt", ARTICLE, {"published": "2024-03-05"})
    out = tmp_path / "events.csv"
    assert main([str(folder), "--output", str(out)]) == 0
    good = out.read_text()
    assert good.startswith(",".join(schema.COLUMNS))
    write(folder, "two.txt", b"\x00\x01binary", {"published": "2024-03-05"})
    assert main([str(folder), "--output", str(out)]) == 2
    assert out.read_text() == good
    assert [n for n in os.listdir(tmp_path) if n.startswith(".events-")] == []


def test_bundled_table_is_what_the_command_produces(tmp_path):
    out = tmp_path / "events.csv"
    assert main([os.path.join(ROOT, "seeds"), "--output", str(out)]) == 0
    with open(os.path.join(ROOT, "data", "events.csv"), encoding="utf-8") as f:
        assert out.read_text(encoding="utf-8") == f.read()


def test_jobs_give_the_same_table_as_one_process(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, town in enumerate(["Sumy", "Kharkiv", "Kherson", "Odesa", "Dnipro"]):
        write(folder, f"{i}.txt", ARTICLE.replace("Sumy", town), {"published": f"2024-03-0{i + 1}"})
    one, four = tmp_path / "one.csv", tmp_path / "four.csv"
    assert main([str(folder), "--output", str(one)]) == 0
    assert main([str(folder), "--output", str(four), "--jobs", "2"]) == 0
    assert one.read_text() == four.read_text()
    assert len(one.read_text().splitlines()) == 6


def test_merge_is_idempotent_and_replaces_recurated_articles(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    write(a, "x.txt", ARTICLE, {"published": "2024-03-05"})
    write(b, "y.txt", ARTICLE.replace("Sumy", "Kharkiv"), {"published": "2024-03-06"})
    out = tmp_path / "events.csv"
    assert main([str(a), "--output", str(out)]) == 0
    assert main([str(b), "--output", str(out), "--merge"]) == 0
    merged = out.read_text()
    assert main([str(b), "--output", str(out), "--merge"]) == 0
    assert main([str(a), "--output", str(out), "--merge"]) == 0
    assert out.read_text() == merged
    rows = list(csv.DictReader(io.StringIO(merged)))
    assert sorted(r["location"] for r in rows) == ["Kharkiv", "Sumy"]
    assert len({r["event_id"] for r in rows}) == len(rows)


def test_merge_refuses_a_foreign_table_and_keeps_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "x.txt", ARTICLE, {"published": "2024-03-05"})
    out = tmp_path / "events.csv"
    out.write_text("name,value\nfoo,1\n")
    p = run_cli(str(folder), "--output", str(out), "--merge")
    assert p.returncode == 2 and "not an event table" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert out.read_text() == "name,value\nfoo,1\n"
