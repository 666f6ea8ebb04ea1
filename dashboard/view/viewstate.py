"""A view as URL query parameters, so a filtered view can be shared as a link.

    ?country=PRK&country=UKR&topic=attack&from=2024-10-01&to=2024-10-31&q=kyiv&event=s-002

Reading is forgiving: a malformed value is dropped rather than breaking the page.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dashboard.curation import schema
from dashboard.view.filters import FilterState

COUNTRY, TOPIC, DATE_FROM, DATE_TO, TEXT, EVENT = "country", "topic", "from", "to", "q", "event"


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


def state_from_params(params: Mapping) -> FilterState:
    """Query parameters -> FilterState; unknown topics and unreadable dates are ignored."""
    countries = tuple(dict.fromkeys(c.upper() for c in _values(params, COUNTRY)))
    topics = tuple(t for t in dict.fromkeys(_values(params, TOPIC)) if t in schema.TOPICS)
    date_from, date_to = _date(params, DATE_FROM), _date(params, DATE_TO)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    text = params.get(TEXT) or ""
    if isinstance(text, (list, tuple)):  # free text is never comma-split
        text = text[0] if text else ""
    return FilterState(countries, topics, date_from, date_to, str(text).strip())


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
