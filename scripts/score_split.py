"""Score the curation on the dev corpus split into development and validation articles, per genre.

usage: .venv/bin/python scripts/score_split.py [CORPUS_DIR] [--jobs N]

CORPUS_DIR (default ../shared/corpus/dev) holds raw/NN_*.txt and gold/NN_*.gold.json. A quarter of
the articles, spread over the genres, is held out as validation (VALIDATION below): rules are
developed on the rest, and the validation figures are looked at only after a change is finished.
Genres follow the corpus numbering: roundups 02-14 and 5xx, briefings 01 and 6xx, aid, sanctions,
diplomacy and transfers 15-28 and 7xx, other wars 8xx. Prints one scorer summary line per group.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALIDATION = {3, 7, 11, 14, 504, 508, 603, 606, 17, 20, 24, 27, 704, 709, 803, 806}


def genre(number: int) -> str:
    if number >= 800:
        return "other_wars"
    if number >= 700 or 15 <= number <= 28:
        return "policy"
    if number >= 600 or number == 1:
        return "briefings"
    return "roundups"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "..", "shared", "corpus", "dev"))
    ap.add_argument("--jobs", default="2")
    a = ap.parse_args()
    scorer = os.path.join(a.corpus, "..", "..", "eval", "score.py")
    with tempfile.TemporaryDirectory() as tmp:
        groups: dict[str, list[str]] = {}
        for name in sorted(os.listdir(os.path.join(a.corpus, "gold"))):
            stem = name[:-len(".gold.json")]
            number = int(stem.split("_", 1)[0])
            split = "validation" if number in VALIDATION else "development"
            for group in (split, f"{split}/{genre(number)}", "all", f"all/{genre(number)}"):
                groups.setdefault(group, []).append(stem)
        for group, stems in sorted(groups.items()):
            folder = os.path.join(tmp, group.replace("/", "-"))
            os.makedirs(os.path.join(folder, "raw"))
            os.makedirs(os.path.join(folder, "gold"))
            for stem in stems:
                for sub, suffix in (("raw", ".txt"), ("raw", ".json"), ("gold", ".gold.json")):
                    src = os.path.abspath(os.path.join(a.corpus, sub, stem + suffix))
                    if os.path.exists(src):
                        os.symlink(src, os.path.join(folder, sub, stem + suffix))
            out = subprocess.run([sys.executable, scorer, folder, "--python", sys.executable, "--jobs", a.jobs],
                                 capture_output=True, text=True, cwd=ROOT)
            lines = out.stdout.strip().splitlines()
            print(f"{group:<24} {lines[-1] if lines else out.stderr.strip()[-200:]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
