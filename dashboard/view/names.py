"""Display names for the codes in country_iso3 and actors ('PRK' -> 'North Korea (PRK)')."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

COUNTRIES_CSV = Path(__file__).resolve().parents[2] / "data" / "countries.csv"

# Organisations that appear as actors (see schema: actors).
ORGANISATIONS = {"UN": "United Nations", "EU": "European Union", "G7": "Group of Seven",
                 "NATO": "NATO", "BRICS": "BRICS"}


@lru_cache(maxsize=1)
def code_names(path: Path = COUNTRIES_CSV) -> dict[str, str]:
    """ISO3 code -> English name from the project's data/countries.csv, plus the organisations."""
    names = dict(ORGANISATIONS)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("iso3") and row.get("name"):
                    names.setdefault(row["iso3"].strip().upper(), row["name"].strip())
    except OSError:  # names are a nicety: codes alone still work
        pass
    return names


def code_label(code: str) -> str:
    """'PRK' -> 'North Korea (PRK)'; an unknown code is shown as itself."""
    name = code_names().get(code)
    return f"{name} ({code})" if name and name != code else code
