"""Aid totals (shares of a package never counted twice), quantities, shared map points."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.curation import schema
from dashboard.view.aggregate import (aid_by_donor, aid_table, format_money, money_in_text, quantities_table,
                                 severity, shared_points)
from dashboard.view.loading import load_events, normalise_events

FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"


@pytest.fixture(scope="module")
def events():
    return load_events(FIXTURE)


def aid_events(rows):
    """A small event table from dicts (aid rows), other columns empty."""
    base = {c: "" for c in schema.COLUMNS}
    base.update(topic="financial_aid", date_start="2024-10-21", article_id="a1")
    return normalise_events(pd.DataFrame([{**base, **r} for r in rows]))


def test_share_inside_package_is_not_counted(events):
    aid = aid_table(events).set_index("event_id")
    assert aid.loc["s-007", "package_event_id"] == "s-008"   # GBP 2.26 bn is part of the G7 USD 50 bn
    assert not aid.loc["s-007", "counted"]
    assert aid.loc[["s-008", "s-010", "s-011", "fx-006"], "counted"].all()
    totals = aid_by_donor(aid.reset_index()).set_index(["donor", "aid_type"])["amount_usd"]
    assert totals.to_dict() == {("G7", "loan"): 50e9, ("USA", "military"): 1.2e9, ("NLD", "humanitarian"): 436e6}
    assert totals.sum() == pytest.approx(50e9 + 1.2e9 + 436e6)   # not + GBP 2.26 bn (USD 2.94 bn) again


def test_share_counts_when_its_package_is_not_in_the_view(events):
    only_uk = events[events["event_id"] == "s-007"]
    aid = aid_table(only_uk)
    assert aid["counted"].tolist() == [True]
    assert aid_by_donor(aid)["amount_usd"].tolist() == [2.94e9]


def test_hover_lists_original_amounts_and_currencies(events):
    by_donor = aid_by_donor(aid_table(events)).set_index("donor")
    assert by_donor.loc["USA", "originals"] == "USD 800 m; USD 400 m"
    assert by_donor.loc["NLD", "originals"] == "EUR 400 m"
    assert by_donor.loc["USA", "events"] == 2


@pytest.mark.parametrize("share, package, inside", [
    # part_of is the package's event_id (any article)
    ({"part_of": "p1", "article_id": "other"}, {"event_id": "p1"}, True),
    # part_of states the package's amount and currency
    ({"part_of": "the $1.7bn package"}, {}, True),
    ({"part_of": "1700000000 USD"}, {}, True),
    ({"part_of": "USA military (1700000000 USD)"}, {}, True),   # the curation's DONOR TYPE (VALUE CUR)
    ({"part_of": "the €1.7bn package"}, {}, False),            # another currency: another package
    ({"part_of": "the $2.5bn package"}, {}, False),            # another amount
    # part_of names the package as its summary does
    ({"part_of": "Ramstein air-defence package"}, {}, True),
    ({"part_of": "Some other coalition fund"}, {}, False),
    # the same words in another article are another package
    ({"part_of": "Ramstein air-defence package", "article_id": "other"}, {}, False),
    # a 'package' smaller than its share is not its package
    ({"part_of": "Ramstein air-defence package"}, {"amount": 1e6, "amount_usd": 1e6}, False),
])
def test_package_matching(share, package, inside):
    rows = [
        {"event_id": "p1", "donor": "USA", "aid_type": "military", "amount": 1.7e9, "currency": "USD",
         "amount_usd": 1.7e9, "summary": "US Ramstein air-defence package of $1.7bn", **package},
        {"event_id": "s1", "donor": "USA", "aid_type": "military", "amount": 2e8, "currency": "USD",
         "amount_usd": 2e8, "summary": "Patriot missiles", **share},
    ]
    aid = aid_table(aid_events(rows)).set_index("event_id")
    assert aid.loc["s1", "counted"] == (not inside)
    assert aid.loc["p1", "counted"]
    total = aid_by_donor(aid.reset_index())["amount_usd"].sum()
    package_usd = package.get("amount_usd", 1.7e9)
    assert total == pytest.approx(package_usd if inside else package_usd + 2e8)


def test_non_aid_money_is_not_aid(events):
    frozen = aid_events([{"event_id": "x", "topic": "sanctions", "amount": 3e11, "currency": "USD",
                          "amount_usd": 3e11}])
    assert aid_table(frozen).empty
    assert aid_by_donor(aid_table(frozen)).empty


def test_aid_without_usd_value_is_not_summed():
    rows = [{"event_id": "a", "donor": "JPN", "aid_type": "grant", "amount": 5e9, "currency": "JPY"}]
    aid = aid_table(aid_events(rows))
    assert len(aid) == 1 and aid_by_donor(aid).empty


@pytest.mark.parametrize("text, value, currency", [
    ("G7 US$50 billion loan programme", 50e9, "USD"),
    ("50000000000 USD", 50e9, "USD"),
    ("£2.26bn", 2.26e9, "GBP"),
    ("€ 400 million", 400e6, "EUR"),
    ("the 2024 package of $1.7bn", 1.7e9, "USD"),   # a figure with a currency beats a bare year
    ("1,500,000 UAH", 1.5e6, "UAH"),
    ("no money here", np.nan, ""),
])
def test_money_in_text(text, value, currency):
    found = money_in_text(pd.Series([text])).iloc[0]
    assert found["currency"] == currency
    if np.isnan(value):
        assert np.isnan(found["value"])
    else:
        assert found["value"] == pytest.approx(value)


def test_format_money():
    out = format_money(pd.Series([2.26e9, 8e8, 1.5e12, 12_000, 7, None]),
                       pd.Series(["GBP", "USD", "EUR", "UAH", "", "USD"]))
    assert out.tolist() == ["GBP 2.26 bn", "USD 800 m", "EUR 1.5 tn", "UAH 12 k", "7", ""]


def test_quantities_with_qualifiers_and_categories(events):
    q = quantities_table(events)
    got = list(zip(q["event_id"], q["actor"], q["category"], q["qualifier"], q["value"], q["unit"], q["label"]))
    assert got == [
        ("s-003", "PRK, RUS", "troops", "up to", 1500, "troops", "up to 1,500 troops"),
        ("s-004", "PRK, RUS", "troops", "around", 12000, "troops", "around 12,000 troops"),
        ("s-005", "PRK", "shipments", "", 70, "shipments", "70 shipments"),
        ("s-005", "PRK", "shells/rounds", "up to", 8_000_000, "rounds", "up to 8,000,000 rounds"),
    ]


@pytest.mark.parametrize("quantities, expected", [
    ("over 100 Shahed drones; 12 missiles", [("over", 100, "drones"), ("", 12, "missiles")]),
    ("around 3,000 artillery shells", [("around", 3000, "shells/rounds")]),
    ("40 tanks", [("", 40, "equipment")]),
    ("several convoys", []),   # no number: nothing to chart
    ("over 30 residential buildings", []),   # damage, not munitions or troops
])
def test_quantity_items(quantities, expected):
    table = aid_events([{"event_id": "q", "topic": "arms_transfer", "actors": "IRN;RUS",
                         "quantities": quantities}])
    q = quantities_table(table)
    assert list(zip(q["qualifier"], q["value"], q["category"])) == expected
    assert set(q["actor"]) <= {"IRN, RUS"}     # no donor: every actor, not just the first named


def test_shared_points_count_events_at_one_place(events):
    shared = shared_points(events).sort_values("events", ascending=False)
    kyiv = shared.iloc[0]
    assert (kyiv["latitude"], kyiv["longitude"], kyiv["events"]) == (50.4501, 30.5234, 5)
    assert sorted(events.loc[kyiv["rows"], "event_id"]) == ["fx-001", "fx-002", "fx-006", "s-010", "s-011"]
    assert shared["events"].tolist() == [5, 2]    # Kyiv and Moscow (country-level Russia rows)


def test_severity_uses_casualties_and_aid_money(events):
    sev = severity(events).set_index(events["event_id"])
    assert sev.loc["fx-003", "casualties"] == 23
    assert sev.loc["s-002", "casualties"] == 17
    assert sev.loc["s-008", "money_usd"] == 50e9
    assert np.isnan(sev.loc["s-002", "money_usd"])


def test_aid_totals_keep_planned_apart():
    from dashboard.view.aggregate import aid_table, aid_totals
    events = load_events(FIXTURE)
    totals = aid_totals(aid_table(events))
    # Britain's loan occurred (2.94 bn USD); it is a share of the planned G7 package of 50 bn
    assert totals["delivered"] == pytest.approx(2.94e9)
    assert totals["planned"] == pytest.approx(50e9 - 2.94e9 + 0.8e9 + 0.4e9 + 0.436e9)
    assert sum(totals.values()) == pytest.approx(51.636e9)           # each share still counted once
    assert aid_totals(aid_table(events.iloc[0:0])) == {"delivered": 0.0, "planned": 0.0}


@pytest.mark.parametrize("per, by, expected", [
    ("day", "region", {("2024-10-19", "Kharkiv Oblast"): (3, 20), ("2024-10-21", "Zaporizhzhia Oblast"): (2, 15),
                       ("2024-10-18", "Odesa Oblast"): (0, 8), ("2024-10-19", "Kyiv City"): (0, 3),
                       ("2024-10-20", "Kyiv City"): (1, 5)}),
    ("week", "country", {("2024-10-14", "UKR"): (4, 36), ("2024-10-21", "UKR"): (2, 15)}),   # weeks from Monday
    ("month", "country", {("2024-10-01", "UKR"): (6, 51)}),
])
def test_casualties_over_time(per, by, expected):
    from dashboard.view.aggregate import casualties_over_time
    table = casualties_over_time(load_events(FIXTURE), per, by)
    got = {(row.period.strftime("%Y-%m-%d"), row.group): (row.killed, row.injured) for row in table.itertuples()}
    assert got == expected


def test_casualties_beyond_the_top_groups_are_other():
    from dashboard.view.aggregate import casualties_over_time
    table = casualties_over_time(load_events(FIXTURE), "month", "region", top=2)
    assert set(table["group"]) == {"Kharkiv Oblast", "Zaporizhzhia Oblast", "other"}
    assert table["killed"].sum() == 6 and table["injured"].sum() == 51
    with pytest.raises(ValueError, match="casualties per"):
        casualties_over_time(load_events(FIXTURE), "hour", "region")
