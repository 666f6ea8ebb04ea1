"""A view <-> URL query parameters: round trip, and forgiving reading of hand-edited links."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.curation import schema
from dashboard.view.filters import FilterState
from dashboard.view.filters import MAX_QUERY_CHARS
from dashboard.view.viewstate import (date_range, event_from_params, params_from_state, picker_bounds,
                                      state_from_params)


def test_params_of_a_full_view():
    state = FilterState(countries=("PRK", "UKR"), topics=("attack", "troop_movement"),
                        date_from=date(2024, 10, 1), date_to=date(2024, 10, 31), text="Kyiv, drones")
    params = params_from_state(state, event="s-002")
    assert params == {"country": ["PRK", "UKR"], "topic": ["attack", "troop_movement"], "from": "2024-10-01",
                      "to": "2024-10-31", "q": "Kyiv, drones", "event": "s-002"}
    assert state_from_params(params) == state
    assert event_from_params(params) == "s-002"


def test_empty_view_has_no_params():
    assert params_from_state(FilterState()) == {}
    assert state_from_params({}) == FilterState()
    assert event_from_params({}) is None


@pytest.mark.parametrize("params, expected", [
    ({"country": "prk,ukr"}, FilterState(countries=("PRK", "UKR"))),          # comma-joined, any case
    ({"country": ["PRK", "PRK"]}, FilterState(countries=("PRK",))),
    ({"topic": ["attack", "bogus"]}, FilterState(topics=("attack",))),        # unknown topics dropped
    ({"from": "2024-13-45", "to": "2024-10-31"}, FilterState(date_to=date(2024, 10, 31))),
    ({"from": "2024-10-31", "to": "2024-10-01"},                               # swapped bounds are put right
     FilterState(date_from=date(2024, 10, 1), date_to=date(2024, 10, 31))),
    ({"q": ["  north korea  "]}, FilterState(text="north korea")),
])
def test_hand_edited_links_are_read_forgivingly(params, expected):
    assert state_from_params(params) == expected


codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0", min_size=2, max_size=5)


@given(countries=st.lists(codes, unique=True, max_size=4),
       topics=st.lists(st.sampled_from(schema.TOPICS), unique=True, max_size=4),
       dates=st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), min_size=2, max_size=2),
       text=st.text(max_size=30).map(str.strip))
def test_round_trip(countries, topics, dates, text):
    state = FilterState(tuple(countries), tuple(topics), min(dates), max(dates), text)
    assert state_from_params(params_from_state(state)) == state


def test_role_and_organisations_round_trip():
    state = FilterState(countries=("UKR",), role="place", organisations=("EU", "G7"))
    params = params_from_state(state)
    assert params == {"country": ["UKR"], "role": "place", "org": ["EU", "G7"]}
    assert state_from_params(params) == state
    assert state_from_params({"country": "UKR", "role": "nowhere"}).role == "either"   # unknown: the default


def test_an_old_link_with_an_organisation_as_country_reads_it_as_an_organisation():
    state = state_from_params({"country": ["UKR", "G7"]}, country_codes={"UKR", "RUS"})
    assert (state.countries, state.organisations) == (("UKR",), ("G7",))


BOUNDS = (date(2024, 10, 12), date(2024, 10, 24))


@pytest.mark.parametrize("date_from, date_to, expected", [
    (None, None, ()),
    (date(2024, 10, 15), None, (date(2024, 10, 15), date(2024, 10, 24))),
    # only ?from= after the data's last day: a range from that day, never a reversed one
    (date(2024, 11, 3), None, (date(2024, 11, 3), date(2024, 11, 3))),
    (None, date(2024, 9, 1), (date(2024, 9, 1), date(2024, 9, 1))),
    (None, date(2024, 10, 20), (date(2024, 10, 12), date(2024, 10, 20))),
    (date(2024, 3, 1), date(2024, 3, 31), (date(2024, 3, 1), date(2024, 3, 31))),   # outside the data: kept
])
def test_date_range_of_a_link_is_never_reversed(date_from, date_to, expected):
    assert date_range(FilterState(date_from=date_from, date_to=date_to), BOUNDS) == expected


def test_the_date_picker_offers_days_outside_the_data():
    lo, hi = picker_bounds(BOUNDS, today=date(2024, 12, 1), chosen=[date(1999, 1, 1)])
    assert lo < date(1999, 1, 1) and lo < date(2024, 3, 1)
    assert hi > date(2025, 6, 1)


def test_a_long_query_in_a_link_is_cut():
    assert len(state_from_params({"q": "word " * 400}).text) <= MAX_QUERY_CHARS
