"""A view as URL query parameters, so a filtered view can be shared as a link.

    ?country=PRK&country=UKR&role=place&org=UN&topic=attack&from=2024-10-01&to=2024-10-31&q=kyiv&event=s-002

Reading is forgiving: a malformed value is dropped rather than breaking the page.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from dashboard.curation import schema
from dashboard.view.filters import MAX_QUERY_CHARS, ROLES, FilterState

COUNTRY, TOPIC, DATE_FROM, DATE_TO, TEXT, EVENT = "country", "topic", "from", "to", "q", "event"
ROLE, ORGANISATION = "role", "org"


def _values(params: Mapping, key: str) -> list[str]:
    """All values of `key`, whether given repeated (?k=a&k=b) or comma-joined (?k=a,b)."""
    raw = params.get(key)
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _date(params: Mapping, key: str) -> date | None:
    values = _values(params, key)
    try:
        return date.fromisoformat(values[0]) if values else None
    except ValueError:
        return None


def state_from_params(params: Mapping, country_codes: set[str] | None = None) -> FilterState:
    """Query parameters -> FilterState; unknown topics, roles and unreadable dates are ignored.

    With `country_codes`, a code given as a country that is not one (?country=G7, as older links
    have it) is read as an organisation."""
    countries = tuple(dict.fromkeys(c.upper() for c in _values(params, COUNTRY)))
    organisations = tuple(dict.fromkeys(c.upper() for c in _values(params, ORGANISATION)))
    if country_codes is not None:
        organisations = tuple(dict.fromkeys([*organisations, *(c for c in countries if c not in country_codes)]))
        countries = tuple(c for c in countries if c in country_codes)
    role = (_values(params, ROLE) or ["either"])[0]
    role = role if role in ROLES else "either"
    topics = tuple(t for t in dict.fromkeys(_values(params, TOPIC)) if t in schema.TOPICS)
    date_from, date_to = _date(params, DATE_FROM), _date(params, DATE_TO)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    text = params.get(TEXT) or ""
    if isinstance(text, (list, tuple)):  # free text is never comma-split
        text = text[0] if text else ""
    return FilterState(countries, topics, date_from, date_to, str(text)[:MAX_QUERY_CHARS].strip(), role,
                       organisations)


def date_range(state: FilterState, bounds: tuple[date, date]) -> tuple[date, date] | tuple[()]:
    """The date input's value for a view: () without dates; with one end only, the other end at the
    data's bound, or at the given end itself when that lies beyond the data (a link's ?from= after
    the last event stays a range from that day, never a reversed one)."""
    if not (state.date_from or state.date_to):
        return ()
    start = state.date_from or min(bounds[0], state.date_to)
    end = state.date_to or max(bounds[1], state.date_from)
    return (start, end) if start <= end else (end, start)


# The date input offers days well outside the data: a user may ask for "all of March" before the first
# event or keep a range open into the weeks to come.
PICKER_YEARS_BEFORE, PICKER_YEARS_AFTER = 30, 5


def picker_bounds(bounds: tuple[date, date], today: date, chosen=()) -> tuple[date, date]:
    """min_value and max_value of the date input: years around the data and today, and any chosen day."""
    lo = min([bounds[0], today, *chosen]) - timedelta(days=365 * PICKER_YEARS_BEFORE)
    hi = max([bounds[1], today, *chosen]) + timedelta(days=365 * PICKER_YEARS_AFTER)
    return lo, hi


def event_from_params(params: Mapping) -> str | None:
    """The event whose article the shared view shows, if any."""
    value = params.get(EVENT)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return str(value).strip() or None if value is not None else None


def params_from_state(state: FilterState, event: str | None = None) -> dict[str, list[str] | str]:
    """FilterState -> query parameters; restrictions that are not set are left out."""
    params: dict[str, list[str] | str] = {}
    if state.countries:
        params[COUNTRY] = list(state.countries)
    if state.countries and state.role != "either":
        params[ROLE] = state.role
    if state.organisations:
        params[ORGANISATION] = list(state.organisations)
    if state.topics:
        params[TOPIC] = list(state.topics)
    if state.date_from:
        params[DATE_FROM] = state.date_from.isoformat()
    if state.date_to:
        params[DATE_TO] = state.date_to.isoformat()
    if state.text.strip():
        params[TEXT] = state.text.strip()
    if event:
        params[EVENT] = event
    return params
