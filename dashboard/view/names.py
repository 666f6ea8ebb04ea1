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


@lru_cache(maxsize=1)
def country_aliases(path: Path = COUNTRIES_CSV) -> dict[str, tuple[str, ...]]:
    """ISO3 code -> other names and demonyms from data/countries.csv ('GBR' -> ('UK', 'Britain', ...,
    'British', ...)); the codes of the file are the countries (organisations are not in it)."""
    aliases: dict[str, tuple[str, ...]] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                code = (row.get("iso3") or "").strip().upper()
                if code:
                    words = [w.strip() for field in ("aliases", "demonyms") for w in (row.get(field) or "").split("|")]
                    aliases[code] = tuple(dict.fromkeys(w for w in words if w and w.lower() != "the"))
    except OSError:
        pass
    return aliases


def country_codes() -> set[str]:
    """The ISO 3166 alpha-3 codes the project knows as countries."""
    return set(country_aliases())


def searchable_label(code: str, limit: int = 6) -> str:
    """The filter's label of a country, with its short forms and demonyms so typing any of them finds
    it: 'United Kingdom (GBR) · UK, U.K., Britain, Great Britain, …, British'."""
    extra = [a for a in country_aliases().get(code, ()) if len(a) <= 30][:limit]
    return code_label(code) + (" · " + ", ".join(extra) if extra else "")
