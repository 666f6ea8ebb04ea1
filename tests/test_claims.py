"""The money-claims step on its own: which figures of a sentence are aid of its own."""
import datetime as dt
from types import SimpleNamespace

import pytest

from dashboard.curation import dates as D
from dashboard.curation.claims import another_package, is_package_part, own_figures, package_figures
from dashboard.curation.quantities import find_money

PUB = dt.date(2025, 3, 12)


def values(figures):
    return [(round(m.value), m.currency) for m in figures]


@pytest.mark.parametrize("text, expected", [
    # a conversion of the pledge is no figure of its own
    ("Portugal pledged EUR 90 million (about $97 million) for drones.", [(90_000_000, "EUR")]),
    # a stock of frozen assets and a cost are context
    ("The bank will lend $4 billion backed by $200 billion in frozen assets.", [(4_000_000_000, "USD")]),
    ("The war has done $9 billion in damages, and Chile gave $30 million.", [(30_000_000, "USD")]),
    # the total a pledge brings its donor to is no package
    ("Austria added EUR 45 million, bringing its overall contribution to EUR 610 million.", [(45_000_000, "EUR")]),
    # the size a fund had before a change is no package either
    ("The cabinet raised the fund from NOK 8 billion to NOK 11 billion.", [(11_000_000_000, "NOK")]),
    # a price is no pledge: a cap, a price per unit
    ("Ships carried oil sold above the price cap of $60 a barrel.", []),
    ("The old $60 cap failed, so Norway gave $40 million.", [(40_000_000, "USD")]),
    ("Crude traded at $72 per barrel as Ireland sent EUR 5 million.", [(5_000_000, "EUR")]),
    # the programme a tranche belongs to is no package of its own
    ("The fund's board approved a $400 million disbursement, the latest tranche of a $15.6 billion programme.",
     [(400_000_000, "USD")]),
    ("The bank completed its review of a $7.4 billion lending programme, allowing a disbursement of about $300 million.",
     [(300_000_000, "USD")]),
    # one figure alone is kept, whatever surrounds it
    ("The total reached EUR 610 million.", [(610_000_000, "EUR")]),
])
def test_own_figures(text, expected):
    assert values(own_figures(text, find_money(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # a package and its shares: the package
    ("Peru pledged $150 million, of which $50 million in grants and $100 million in loans.", [(150_000_000, "USD")]),
    # parts and their sum stated after them: the parts
    ("It sends $70 million in aid and $30 million for the army, about $100 million in all.",
     [(70_000_000, "USD"), (30_000_000, "USD")]),
    # yearly figures listed respectively: one allocation
    ("In 2021 and 2022, EUR 20 million and EUR 35 million were allocated, respectively.", [(20_000_000, "EUR")]),
    # two donors' figures stay two
    ("Ghana gave $5 million and Kenya gave $8 million.", [(5_000_000, "USD"), (8_000_000, "USD")]),
])
def test_package_figures(text, expected):
    assert values(package_figures(text, own_figures(text, find_money(text)))) == expected


def test_part_of_a_programme():
    text = "The grant is part of a wider EUR 2 billion reconstruction programme."
    assert is_package_part(text, own_figures(text, find_money(text)))
    text = "The grant of EUR 2 billion goes to reconstruction."
    assert not is_package_part(text, own_figures(text, find_money(text)))


def _previous(text, topic="financial_aid"):
    money = find_money(text)
    date = next(r for r in (D.resolve(m, PUB, "past") for m in D.find_dates(text)) if r is not None) \
        if D.find_dates(text) else None
    return SimpleNamespace(topic=topic, own_money=money[0] if money else None, money=money, date=date)


def test_another_package():
    before = _previous("In 2024, the cabinet allocated SEK 3 billion.")
    # "another" figure of a different size: a package of its own
    text = "It also allocated another SEK 500 million for demining."
    assert another_package(text, own_figures(text, find_money(text)), before, False, PUB, "past")
    # the same figure told again is more of the package
    text = "The SEK 3 billion will go to the army."
    assert not another_package(text, own_figures(text, find_money(text)), before, False, PUB, "past")
    # another year's figure is that year's allocation
    text = "In 2026, SEK 4 billion is planned."
    assert another_package(text, own_figures(text, find_money(text)), before, False, PUB, "future")
    # a figure after an appeal with none is a package of its own
    appeal = _previous("The minister appealed for air defence.", topic="diplomacy")
    text = "The government announced $80 million."
    assert another_package(text, own_figures(text, find_money(text)), appeal, False, PUB, "past")
    # a figure said to be part of a package tells more of it
    text = "It is part of another SEK 500 million package."
    assert not another_package(text, own_figures(text, find_money(text)), before, True, PUB, "past")


@pytest.mark.parametrize("text, topic, killed, own", [
    ("A drone strike on a market in Uman killed four people on Monday.", "attack", 4, []),
    ("Austria added EUR 45 million for air defence, bringing its total to EUR 610 million.", "military_aid", None,
     [(45_000_000, "EUR")]),
])
def test_a_sentence_s_claims_are_read_before_they_are_placed(text, topic, killed, own):
    from dashboard.curation.events import _Ctx, _read_claims
    from dashboard.curation.gazetteer import load_gazetteer
    from dashboard.curation.places import find_places
    from dashboard.curation.sentences import split_sentences
    gz = load_gazetteer()
    sentence = split_sentences(text)[0]
    claims = _read_claims(sentence, find_places(sentence.text, gz), _Ctx(gz, PUB, "", ""))
    assert claims.topic == topic and claims.cue
    assert [c.count for c in claims.casualties if c.kind == "killed"] == ([killed] if killed else [])
    assert values(claims.own_money) == own


def test_a_war_s_running_toll_states_no_claim():
    from dashboard.curation.events import _Ctx, _read_claims
    from dashboard.curation.gazetteer import load_gazetteer
    from dashboard.curation.sentences import split_sentences
    gz = load_gazetteer()
    sentence = split_sentences("More than 100 civilians have been killed in the province this month.")[0]
    assert _read_claims(sentence, [], _Ctx(gz, PUB, "", "")) is None


def test_shares_of_the_package_just_told():
    from dashboard.curation.claims import share_of
    before = SimpleNamespace(topic="financial_aid", own_money=find_money("$900 million")[0])
    text = "Of that sum, $300 million will go to humanitarian aid."
    assert share_of(text, own_figures(text, find_money(text)), before)
    text = "Of the total, EUR 300 million goes to demining."          # another currency: not shown a share
    assert not share_of(text, own_figures(text, find_money(text)), before)
    text = "Peru gave $300 million more."                             # no share named
    assert not share_of(text, own_figures(text, find_money(text)), before)
