"""Whole-table tests: every article in seeds/ is curated exactly as its reviewed expected table."""
import csv
import glob
import io
import os

import pytest

from dashboard.curation.articles import load_article
from dashboard.curate import curate_article
from dashboard.curation.table import rows_to_csv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))
SEED = os.path.join(ROOT, "seeds", "000_3c7af8455c70a6cd.txt")


@pytest.mark.parametrize("path", SEEDS, ids=os.path.basename)
def test_whole_table_matches_reviewed_file(path):
    expected = os.path.join(ROOT, "tests", "expected", os.path.basename(path)[:-4] + ".csv")
    got = rows_to_csv(curate_article(load_article(path)))
    with open(expected, encoding="utf-8") as f:
        assert got == f.read()


def seed_rows():
    return list(csv.DictReader(io.StringIO(rows_to_csv(curate_article(load_article(SEED))))))


def test_seed_events_the_brief_names():
    rows = seed_rows()
    at = {r["location"]: r for r in rows}
    kazan = at["Kazan"]
    assert (kazan["date_start"], kazan["status"], kazan["topic"]) == ("2024-10-24", "planned", "diplomacy")
    zap = at["Zaporizhzhia"]
    assert (zap["killed"], zap["injured"], zap["topic"]) == ("2", "15", "attack")
    vlad = at["Vladivostok"]
    assert vlad["quantities"] == "up to 1500 troops; around 12000 troops" and "PRK" in vlad["actors"]
    assert (vlad["donor"], vlad["recipient"]) == ("PRK", "RUS")   # who sends the troops, who receives them
    assert at["Odesa"]["topic"] == "attack" and at["Black Sea"]["geo_precision"] == "sea"
    munitions = [r for r in rows if "70 shipments" in r["quantities"]][0]
    assert "up to 8000000 rounds" in munitions["quantities"]
    assert (munitions["date_start"], munitions["date_end"]) == ("2023-08-01", "2024-10-22")
    uk = [r for r in rows if r["currency"] == "GBP"][0]
    assert (uk["amount"], uk["donor"], uk["aid_type"]) == ("2260000000", "GBR", "loan")
    assert uk["part_of"] == "G7 loan (50000000000 USD)"
    g7 = [r for r in rows if r["amount"] == "50000000000"][0]
    assert g7["donor"] == "G7" and g7["part_of"] == ""
    us = sorted(int(r["amount"]) for r in rows if r["donor"] == "USA" and r["amount"])
    assert us == [400000000, 800000000]
