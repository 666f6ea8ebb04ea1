"""The engine's word lists are data: each file names its source, and extending one changes what is found."""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dashboard.curation import lexicon

LEXICON = Path(lexicon.DEFAULT_DIR)


@pytest.mark.parametrize("path", sorted(LEXICON.glob("*.toml")), ids=lambda p: p.name)
def test_every_list_says_where_its_words_come_from(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert len(data.get("source", "")) > 20, f"{path.name} needs a 'source' line"


def _quantities_with(lexicon_dir, sentence):
    code = ("from dashboard.curation.quantities import find_quantities; "
            f"print([q.label() for q in find_quantities({sentence!r})])")
    env = {"WARNEWS_LEXICON_DIR": str(lexicon_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).parents[1])


def test_a_unit_added_to_the_data_file_is_counted_under_its_name(tmp_path):
    shutil.copytree(LEXICON, tmp_path, dirs_exist_ok=True)
    sentence = "The convoy brought 40 ambulances to the city."
    assert _quantities_with(tmp_path, sentence).stdout.strip() == "['40 ambulances']"
    units = tmp_path / "units.toml"
    text = units.read_text(encoding="utf-8").replace("[units]\n", '[units]\n"ambulances" = "vehicles"\n', 1)
    units.write_text(text, encoding="utf-8")
    out = _quantities_with(tmp_path, sentence)
    assert out.stdout.strip() == "['40 vehicles']", out.stderr


def test_a_broken_list_is_one_line_naming_the_file(tmp_path):
    shutil.copytree(LEXICON, tmp_path, dirs_exist_ok=True)
    (tmp_path / "units.toml").write_text("[units\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "dashboard.curate", "seeds/000_3c7af8455c70a6cd.txt"],
                         capture_output=True, text=True, cwd=Path(__file__).parents[1],
                         env={"WARNEWS_LEXICON_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "units.toml" in out.stderr and "TOML" in out.stderr


def test_every_organisation_of_the_gazetteer_is_an_actor_by_each_of_its_names():
    """data/organisations.csv and the actor list name the same organisations (a lender the gazetteer
    knew was no actor, so its loan went to the donor before it). Two-letter codes ("AU") are left to
    the curated list: as words they are too often something else."""
    import csv
    listed = set(tomllib.loads((LEXICON / "places.toml").read_text(encoding="utf-8"))["lists"]["organisations"])
    path = Path(__file__).parents[1] / "data" / "organisations.csv"
    with path.open(encoding="utf-8") as f:
        names = {n for row in csv.DictReader(f) for n in [row["name"], *row["aliases"].split("|")]
                 if len(n) > 2 and not n.startswith("the ")}
    assert names - listed == set()
