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


# The map's zoom and pan, kept in the browser tab from one rerun to the next. plotly's uirevision
# would keep them, but Streamlit gives a chart whose figure changed a new identity, so every filter
# change mounts a new plot: this script (given to st.html with JavaScript allowed) remembers the
# axes' ranges the user last zoomed or panned to and puts them on each new map plot, as plotly's own
# mouse handling does (a GUI edit, so a later redraw of the same figure keeps them too). The home
# button of the map's toolbar goes back to the opening view. Nothing leaves the page.
MAP_VIEW_SCRIPT = """<script>
(() => {
  if (window.__mapViewKeeper) return;
  const view = window.__mapViewKeeper = {range: null};
  const KEYS = ['xaxis.range[0]', 'xaxis.range[1]', 'yaxis.range[0]', 'yaxis.range[1]'];
  function apply(plot) {
    if (!view.range || !window.Plotly) return;
    const layout = plot._fullLayout;
    layout._guiEditing = true;          // what plotly does for a zoom with the mouse
    try { window.Plotly.relayout(plot, view.range); } finally { layout._guiEditing = false; }
  }
  function differs(plot) {   // the x range only: plotly fits y to the map's aspect ratio
    const now = plot._fullLayout.xaxis.range, want = view.range && view.range['xaxis.range'];
    if (!want) return false;
    const tolerance = 1e-6 * Math.abs(want[1] - want[0]);
    return Math.abs(now[0] - want[0]) > tolerance || Math.abs(now[1] - want[1]) > tolerance;
  }
  function attach(plot) {
    if (plot.__viewKept || !plot._fullLayout || typeof plot.on !== 'function') return;
    plot.__viewKept = true;
    apply(plot);
    // Streamlit may draw the new figure again once its width is known, back at the figure's range
    let again = 0;
    plot.on('plotly_afterplot', () => {
      if (differs(plot) && again++ < 3) setTimeout(() => apply(plot), 0);
    });
    plot.on('plotly_relayout', change => {
      if (KEYS.every(key => key in change)) {
        view.range = {'xaxis.range': [change[KEYS[0]], change[KEYS[1]]],
                      'yaxis.range': [change[KEYS[2]], change[KEYS[3]]]};
      } else if ('xaxis.range' in change && 'yaxis.range' in change) {
        view.range = {'xaxis.range': change['xaxis.range'], 'yaxis.range': change['yaxis.range']};
      } else if ('xaxis.autorange' in change) {
        view.range = null;
      }
    });
  }
  new MutationObserver(() => {
    for (const plot of document.querySelectorAll('.st-key-%(key)s .js-plotly-plot')) attach(plot);
  }).observe(document.body, {subtree: true, childList: true});
})();
</script>"""


def map_view_script(chart_key: str) -> str:
    """MAP_VIEW_SCRIPT for the map chart of this Streamlit key."""
    if not chart_key.replace("_", "").isalnum():
        raise ValueError(f"chart key {chart_key!r} must be letters, digits and underscores")
    return MAP_VIEW_SCRIPT % {"key": chart_key}
