import datetime as dt

import pytest

from dashboard.curation import currency


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WARNEWS_CACHE_DIR", str(tmp_path))
    currency._converter.cache_clear()
    yield tmp_path
    currency._converter.cache_clear()


@pytest.mark.parametrize("value, cur, day, low, high", [
    (2.26e9, "GBP", dt.date(2024, 10, 22), 2.8e9, 3.1e9),
    (1.3e9, "EUR", dt.date(2023, 11, 21), 1.35e9, 1.5e9),
    (13.3e9, "SEK", dt.date(2024, 6, 20), 1.1e9, 1.4e9),
    (500, "USD", dt.date(2020, 1, 1), 500, 500),
])
def test_usd_at_the_event_date(fresh_cache, value, cur, day, low, high):
    assert low <= currency.to_usd(value, cur, day) <= high


def test_unknown_currency_is_none(fresh_cache):
    assert currency.to_usd(100, "XYZ", dt.date(2024, 1, 1)) is None


def test_cache_is_built_then_used_and_a_corrupt_one_is_rebuilt(fresh_cache):
    day = dt.date(2024, 10, 22)
    first = currency.to_usd(1e6, "GBP", day)
    cached = list(fresh_cache.iterdir())
    assert len(cached) == 1 and cached[0].suffix == ".f64"
    currency._converter.cache_clear()
    assert currency.to_usd(1e6, "GBP", day) == first
    cached[0].write_bytes(b"not a rate cache")
    currency._converter.cache_clear()
    assert currency.to_usd(1e6, "GBP", day) == first


def test_without_the_converter_package_amounts_get_no_usd_and_one_warning(fresh_cache, monkeypatch, capsys):
    import sys
    monkeypatch.setitem(sys.modules, "currency_converter", None)  # import now raises ImportError
    day = dt.date(2024, 10, 22)
    assert currency.to_usd(1e6, "GBP", day) is None
    assert currency.to_usd(1e6, "EUR", day) is None
    assert currency.to_usd(500, "USD", day) == 500
    err = capsys.readouterr().err
    assert err.count("CurrencyConverter") == 1 and "requirements.txt" in err
