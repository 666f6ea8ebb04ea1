"""Incidents: the rows of different articles that report one incident, grouped into one row.

A desk curating every day's briefings gets the same strike, loan or meeting from several
articles. `group_incidents(events)` joins such reports into incidents: one row per incident, in
the event table's own columns (so every figure and download works on it), plus

    incident_id      the event_id of the incident's first report (stable as later reports join)
    n_reports        how many reports it has; report_ids their event_ids, `;`-separated
    killed, injured  the best figure: the latest report's, unless an editor picked another
    killed_low/high, injured_low/high   the lowest and highest figure its reports state
    joined_because   why its reports were joined, one clause per link

Two reports are joined only when every test passes (and an incident's reports pass them pairwise):

- different articles (one article's rows are the engine's distinct events);
- the same topic family (`FAMILIES`: a strike and a ground assault are both violence);
- the same or nested place: the same town (a "near" or district place within NEAR_KM of the
  other's point; two named towns only within POINT_KM), a town inside the oblast the other
  names, a region or town inside the country the other names (not for violence: a country-wide
  roundup is a total, not the strike on one town);
- overlapping dates: each report's span, where an undated report (`date_method` publication) may
  also be of the day before it was published, and a planned event and the report of it occurring
  count alike; spans longer than LONG_SPAN_DAYS (periods: shipments, deployments) join only
  other long spans they mostly overlap, at the same place; two attacks dated only by their
  articles' days (undated, or a roundup's "past day") join only when published the same day;
- compatible actors, donors and recipients (one report names all the other names, or they share
  two, or one names none);
- compatible figures: casualty counts that updates can explain (FIGURE_RATIO), the same money
  amount (AMOUNT_TOLERANCE: a loan reported three times is one loan), the same counted units;
- no stated difference: reports naming different targets (a hospital, a power plant) or weapons
  (a missile, a drone) stay apart, so two strikes on one city on one day are two incidents.

Candidate pairs are tried best first (same point before nested place, then shared words of the
evidence), so where a report could join either of two strikes it joins the one it resembles.

Editors correct the grouping with records (`check_correction`): ``{"kind": "join", "event_ids":
[...]}`` puts reports in one incident, ``{"kind": "split", "event_ids": [...], "apart_from":
[...]}`` keeps the first reports apart from the others (from all others when apart_from is
empty), ``{"kind": "best", "event_ids": [id], "field": "killed"}`` makes one report's figure the
incident's best. They name reports by event_id, which re-curation keeps, so they survive it.
`correction_row` / `correction_from_row` flatten a record to text cells for a table and back;
`store_label` / `from_store_group` map a record to a SQL store's group correction (targets: the
event_ids, then apart_from) and back.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date, datetime, timezone
from urllib.parse import urlparse

import pandas as pd

from .errors import IncidentError
from .gazetteer import fold

# Topics whose reports may describe one incident (news call one strike an attack, another a battle).
FAMILIES = {
    "attack": "violence", "combat": "violence",
    "military_aid": "support", "financial_aid": "support", "humanitarian_aid": "support",
    "arms_transfer": "support",
    "troop_movement": "troops", "sanctions": "sanctions", "diplomacy": "diplomacy",
    "maritime_security": "maritime", "other": "other",
}
NEAR_KM = 25.0             # a "near" place (or a district's) is one with a point this close
POINT_KM = 1.0             # two towns of different names are one place only this close
LONG_SPAN_DAYS = 7         # a span longer than this is a period, not an incident's day(s)
FIGURE_RATIO = 2.0         # casualty figures join when the larger is at most RATIO x smaller + SLACK
FIGURE_SLACK = 3
AMOUNT_TOLERANCE = 0.10    # the same money in USD within 10% (rates of different days)
QUANTITY_RATIO = 2.0       # a counted unit ("troops") joins when some values are within this ratio

# Words that tell two strikes apart when two reports both state one and they share none.
TARGETS = {
    "hospital": ("hospital", "clinic", "maternity"),
    "school": ("school", "kindergarten", "university", "college"),
    "residential": ("apartment", "residential", "house", "houses", "home", "homes", "dormitory"),
    "energy": ("power plant", "power station", "substation", "energy", "thermal", "power grid",
               "gas facility", "oil depot", "refinery", "fuel"),
    "port": ("port", "harbour", "harbor", "grain terminal", "vessel", "ship"),
    "rail": ("railway", "rail", "train", "station"),
    "industry": ("factory", "plant", "enterprise", "warehouse", "industrial"),
    "market": ("market", "supermarket", "shopping", "mall", "store", "shop"),
    "military": ("airfield", "air base", "airbase", "military base", "barracks", "ammunition depot"),
    "bridge": ("bridge",),
}
WEAPONS = {
    "missile": ("missile", "missiles", "iskander", "kalibr", "kinzhal"),
    "drone": ("drone", "drones", "shahed", "uav", "uavs"),
    "bomb": ("glide bomb", "guided bomb", "aerial bomb", "kab"),
    "artillery": ("artillery", "shelling", "shelled", "mortar", "rocket launcher", "mlrs"),
}
_PRECISION_RANK = {"point": 0, "near": 0, "admin2": 1, "admin1": 2, "country": 3, "sea": 3}
_STOP = frozenset("""a an the of in on at to and or for from by with as is was were be been has have
had that this these those it its their his her he she they said says after over into near also
more than about one two three other others people""".split())
_WORD = re.compile(r"[a-z0-9]+")
INCIDENT_COLUMNS = ["incident_id", "n_reports", "report_ids", "killed_low", "killed_high",
                    "injured_low", "injured_high", "joined_because"]
CORRECTION_KINDS = ("join", "split", "best")
BEST_FIELDS = ("killed", "injured")


# --- corrections -------------------------------------------------------------

def correction(kind: str, event_ids, apart_from=(), field: str = "", note: str = "",
               editor: str = "", created: str | None = None) -> dict:
    """A checked correction record, timestamped now (UTC) unless `created` is given."""
    record = {"kind": kind, "event_ids": [str(e) for e in event_ids],
              "apart_from": [str(e) for e in apart_from], "field": field, "note": note, "editor": editor,
              "created": created or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return check_correction(record)


def check_correction(record: dict) -> dict:
    """The record with its defaults filled in; IncidentError names what is wrong with it."""
    if not isinstance(record, dict):
        raise IncidentError(f"a correction must be a record with 'kind' and 'event_ids', not {record!r}")
    kind = record.get("kind")
    if kind not in CORRECTION_KINDS:
        raise IncidentError(f"correction kind {kind!r} is unknown; use one of {', '.join(CORRECTION_KINDS)}")
    ids = record.get("event_ids")
    if isinstance(ids, str) or not ids:
        raise IncidentError(f"a {kind} correction needs 'event_ids', a list of the reports' event ids")
    ids = [str(e).strip() for e in ids if str(e).strip()]
    apart = [str(e).strip() for e in (record.get("apart_from") or []) if str(e).strip()]
    out = {**record, "event_ids": ids, "apart_from": apart, "field": str(record.get("field") or ""),
           "note": str(record.get("note") or ""), "editor": str(record.get("editor") or ""),
           "created": str(record.get("created") or "")}
    if kind == "join" and len(set(ids)) < 2:
        raise IncidentError("a join correction needs the event ids of at least two reports")
    if kind == "split" and set(ids) & set(apart):
        raise IncidentError("a split correction lists a report both in 'event_ids' and in 'apart_from'")
    if kind == "best" and (len(ids) != 1 or out["field"] not in BEST_FIELDS):
        raise IncidentError("a best correction names one report in 'event_ids' and a 'field' of "
                            f"{' or '.join(BEST_FIELDS)}")
    return out


def correction_row(record: dict) -> dict[str, str]:
    """A record as text cells (ids `;`-separated), for a corrections table or CSV."""
    record = check_correction(record)
    return {"kind": record["kind"], "event_ids": ";".join(record["event_ids"]),
            "apart_from": ";".join(record["apart_from"]), "field": record["field"],
            "note": record["note"], "editor": record["editor"], "created": record["created"]}


def correction_from_row(row) -> dict:
    """The record of a row written by `correction_row` (a dict, sqlite3.Row or pandas row)."""
    get = row.get if hasattr(row, "get") else (lambda key, default="": row[key])
    split = lambda text: [e for e in str(text or "").split(";") if e.strip()]  # noqa: E731
    return check_correction({"kind": get("kind", ""), "event_ids": split(get("event_ids", "")),
                             "apart_from": split(get("apart_from", "")), "field": get("field", "") or "",
                             "note": get("note", "") or "", "editor": get("editor", "") or "",
                             "created": get("created", "") or ""})


def store_label(record: dict) -> str:
    """The label a store keeps with a group correction whose targets are event_ids + apart_from:
    "taken=K" for a split (its first K targets are the reports taken out), "" for a join, "field=F" for
    a best pick (its one target is the report whose figure F the incident takes)."""
    record = check_correction(record)
    if record["kind"] == "best":
        return f"field={record['field']}"   # the one target is the report whose figure counts
    return f"taken={len(record['event_ids'])}" if record["kind"] == "split" else ""


def from_store_group(kind: str, event_ids, label: str = "", note: str = "", editor: str = "",
                     created: str = "") -> dict | None:
    """The record of a store's group correction (targets resolved to current event ids, None for a
    report no longer in the table); None when too few of its reports are left for it to mean anything."""
    ids = [str(e) if e is not None else None for e in event_ids]
    taken = len(ids)
    found = re.fullmatch(r"taken=(\d+)", str(label or "").strip())
    if kind == "split" and found:
        taken = int(found.group(1))
    first = [e for e in ids[:taken] if e]
    rest = [e for e in ids[taken:] if e]
    field = re.fullmatch(r"field=(\w+)", str(label or "").strip())
    if kind == "best" and first and field and field.group(1) in BEST_FIELDS:
        return correction("best", first[:1], field=field.group(1), note=note, editor=editor, created=created or None)
    if kind == "join" and len(first) >= 2:
        return correction("join", first, note=note, editor=editor, created=created or None)
    if kind == "split" and first and (rest or taken == len(ids)):
        return correction("split", first, apart_from=rest, note=note, editor=editor, created=created or None)
    return None


# --- one report, as the tests see it -----------------------------------------

def _phrases(lexicon: dict) -> list[tuple[str, str]]:
    """(phrase, name) longest first: "power station" is energy before "station" can be rail."""
    return sorted(((f" {w} ", name) for name, words in lexicon.items() for w in words),
                  key=lambda item: -len(item[0]))


_TARGET_PHRASES, _WEAPON_PHRASES = _phrases(TARGETS), _phrases(WEAPONS)


def _words(text: str, phrases: list[tuple[str, str]]) -> frozenset:
    """The names of the phrases the text states, each word counted in one phrase at most."""
    low = f" {' '.join(_WORD.findall(text.lower()))} "
    found = set()
    for phrase, name in phrases:
        if phrase in low:
            found.add(name)
            low = low.replace(phrase, " | ")
    return frozenset(found)


def _codes(text: str) -> frozenset:
    return frozenset(c.strip().upper() for c in str(text).split(";") if c.strip())


def _quantities(text: str) -> dict[str, list[float]]:
    units: dict[str, list[float]] = defaultdict(list)
    for item in str(text).split(";"):
        found = re.search(r"(\d+(?:\.\d+)?)\s+(.+)$", item.strip())
        if found:
            units[found.group(2).strip().lower()].append(float(found.group(1)))
    return units


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _day(value) -> pd.Timestamp | None:
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.normalize()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    text = str(value).strip()
    try:
        return pd.Timestamp(date.fromisoformat(text[:10]))   # the table's ISO days, fast
    except ValueError:
        day = pd.to_datetime(text, errors="coerce")
        return None if pd.isna(day) else day.normalize()


def _ordinal(day: pd.Timestamp | None) -> int | None:
    return None if day is None else day.toordinal()


class _Report:
    """What the pairwise tests need of one row, computed once."""

    __slots__ = ("i", "event_id", "article", "family", "topic", "precision", "rank", "location", "name", "admin1",
                 "country", "lat", "lon", "start", "end", "span", "published", "actors", "donor",
                 "recipient", "killed", "injured", "usd", "amount", "currency", "units", "_text",
                 "_evidence", "status", "undated")

    def __init__(self, i: int, row: dict):
        self.i = i
        self.event_id = str(row["event_id"])
        self.article = str(row.get("article_id") or "")
        self.topic = str(row.get("topic") or "other")
        self.family = FAMILIES.get(self.topic, self.topic)
        self.precision = str(row.get("geo_precision") or "")
        self.rank = _PRECISION_RANK.get(self.precision, 3)
        self.name = str(row.get("location") or "")
        self.location = fold(self.name)
        self.admin1 = fold(str(row.get("admin1") or ""))
        self.country = str(row.get("country_iso3") or "").upper()
        self.lat, self.lon = _number(row.get("latitude")), _number(row.get("longitude"))
        published = _day(row.get("published"))
        start = _ordinal(_day(row.get("date_start")) or published)
        end = _ordinal(_day(row.get("date_end"))) or start
        method = str(row.get("date_method") or "")
        if start is not None and method == "publication" and published is not None:
            start = min(start, published.toordinal() - 1)   # "no date": that day or the day before
        self.undated = method in ("publication", "past_day")   # dated by the publication day only
        self.start, self.end = start, end                   # proleptic ordinals: day arithmetic on ints
        self.span = end - start + 1 if start is not None and end is not None else 0
        self.published = published
        self.status = str(row.get("status") or "")
        self.actors = _codes(row.get("actors", ""))
        self.donor = _codes(row.get("donor", ""))
        self.recipient = _codes(row.get("recipient", ""))
        self.killed, self.injured = _number(row.get("killed")), _number(row.get("injured"))
        self.usd, self.amount = _number(row.get("amount_usd")), _number(row.get("amount"))
        self.currency = str(row.get("currency") or "").upper()
        self.units = _quantities(row.get("quantities", ""))
        self._evidence = str(row.get("evidence") or "")
        self._text = None

    def text(self) -> tuple[frozenset, frozenset, frozenset]:
        """(targets, weapons, words) of the evidence, read only for reports a pair test gets to."""
        if self._text is None:
            evidence = self._evidence
            violence = self.family == "violence"
            self._text = (_words(evidence, _TARGET_PHRASES) if violence else frozenset(),
                          _words(evidence, _WEAPON_PHRASES) if violence else frozenset(),
                          frozenset(w for w in _WORD.findall(evidence.lower()) if w not in _STOP and len(w) > 2))
        return self._text


def _km(a: _Report, b: _Report) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _place(a: _Report, b: _Report) -> tuple[int, str] | None:
    """(closeness 3 same / 2 nested / 1 same country, reason) or None when the places differ."""
    fine, coarse = (a, b) if a.rank <= b.rank else (b, a)
    if a.location and a.location == b.location and a.country == b.country and a.rank == b.rank:
        return 3, f"same place ({a.name})"
    if fine.rank <= 1 and coarse.rank <= 1:
        km = _km(a, b)
        reach = POINT_KM if a.precision == b.precision == "point" else NEAR_KM
        if km is not None and km <= reach:
            return 3, f"same place ({fine.name} ~ {coarse.name}, {km:.0f} km)"
        return None
    if coarse.rank == 2:
        if fine.country == coarse.country and fine.admin1 and fine.admin1 == coarse.admin1:
            if fine.rank == 2:
                return 3, f"same region ({coarse.name})"
            return 2, f"{fine.name} inside {coarse.name}"
        return None
    # the coarser is a country, a sea or an organisation
    if coarse.precision == "sea" or not coarse.country:
        return (3, f"same place ({coarse.name})") if a.location == b.location else None
    if fine.country != coarse.country:
        return None
    if fine.rank == 3:
        return 3, f"same country ({coarse.country})"
    if a.family == "violence":
        return None   # a country-wide figure is a roundup's total, not one town's strike
    return 1, f"{fine.name} inside {coarse.name or coarse.country}"


def _dates(a: _Report, b: _Report) -> str | None:
    if a.start is None or b.start is None:
        return None
    if a.family == "violence" and a.undated and b.undated and a.published != b.published:
        return None   # a city shelled every day: two days' roundups (or undated briefings) are two strikes
    overlap = min(a.end, b.end) - max(a.start, b.start) + 1
    if overlap < 1:
        return None
    if max(a.span, b.span) > LONG_SPAN_DAYS and (min(a.span, b.span) <= LONG_SPAN_DAYS
                                                  or overlap < 0.5 * min(a.span, b.span)):
        return None
    lo, hi = date.fromordinal(max(a.start, b.start)), date.fromordinal(min(a.end, b.end))
    when = f"{lo:%Y-%m-%d}" if lo == hi else f"{lo:%Y-%m-%d}..{hi:%Y-%m-%d}"
    planned = " (planned, then reported)" if {a.status, b.status} == {"planned", "occurred"} else ""
    return f"dates overlap {when}{planned}"


def _figures(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return True
    lo, hi = sorted((x, y))
    return hi <= FIGURE_RATIO * lo + FIGURE_SLACK


def _compatible(a: _Report, b: _Report) -> tuple[float, list[str]] | None:
    """(score, reasons) when a and b may be one incident; None as soon as a test fails."""
    if a.article == b.article or a.family != b.family:
        return None
    place = _place(a, b)
    if place is None:
        return None
    when = _dates(a, b)
    if when is None:
        return None
    if max(a.span, b.span) > LONG_SPAN_DAYS and place[0] < 3:
        return None   # two periods of a flow (shipments, deployments) join only at one place
    for left, right in ((a.actors, b.actors), (a.donor, b.donor), (a.recipient, b.recipient)):
        # one names all the other does, or they share two: Ukraine's talks with Switzerland and
        # with Turkey share Ukraine, and are two meetings
        if left and right and not (left <= right or right <= left or len(left & right) >= 2):
            return None
    if not (_figures(a.killed, b.killed) and _figures(a.injured, b.injured)):
        return None
    if a.usd is not None and b.usd is not None:
        if abs(a.usd - b.usd) > AMOUNT_TOLERANCE * max(a.usd, b.usd):
            return None
    elif a.amount is not None and b.amount is not None and (a.currency != b.currency or a.amount != b.amount):
        return None
    for unit in set(a.units) & set(b.units):
        if not any(max(x, y) <= QUANTITY_RATIO * min(x, y) for x in a.units[unit] for y in b.units[unit]):
            return None
    (a_targets, a_weapons, a_words), (b_targets, b_weapons, b_words) = a.text(), b.text()
    if a_targets and b_targets and not a_targets & b_targets:
        return None
    if a_weapons and b_weapons and not a_weapons & b_weapons:
        return None
    reasons = [place[1], a.topic if a.topic == b.topic else f"{a.topic} ~ {b.topic}", when]
    shared = a.actors & b.actors
    if shared:
        reasons.append("actors " + ";".join(sorted(shared)))
    if a.usd is not None and b.usd is not None:
        reasons.append("same amount")
    for name, x, y in (("killed", a.killed, b.killed), ("injured", a.injured, b.injured)):
        if x is not None and y is not None:
            reasons.append(f"{name} {x:.0f}/{y:.0f}")
    if a_targets & b_targets:
        reasons.append("target " + ", ".join(sorted(a_targets & b_targets)))
    words = a_words & b_words
    union = a_words | b_words
    score = place[0] + (len(words) / len(union) * 2 if union else 0.0) + (len(shared) > 0) * 0.5
    score += 0.5 * (a.start == b.start) + 0.5 * (a.topic == b.topic)
    return score, reasons


# --- grouping ----------------------------------------------------------------

def _candidate_pairs(reports: list[_Report]):
    """Pairs that could be one incident: same family and country (or both without), dates within reach."""
    buckets: dict[tuple, list[_Report]] = defaultdict(list)
    for r in reports:
        if r.start is not None:
            buckets[(r.family, r.country or r.location)].append(r)
    for bucket in buckets.values():
        bucket.sort(key=lambda r: r.start)
        ends: list[tuple[int, _Report]] = []   # reports whose span may still overlap
        for r in bucket:
            ends = [(end, other) for end, other in ends if end >= r.start]
            for _, other in ends:
                if other.article != r.article:
                    yield other, r
            ends.append((r.end, r))


class _Groups:
    """Union-find over reports that remembers each group's articles and members."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        i, j = self.find(i), self.find(j)
        if i == j:
            return i
        if len(self.members[i]) < len(self.members[j]):
            i, j = j, i
        self.parent[j] = i
        self.members[i].extend(self.members.pop(j))
        return i


def _rules(corrections, index: dict[str, int]):
    """Forced joins, forbidden pairs and chosen best figures from the corrections, applied in order."""
    joins: list[list[int]] = []
    apart: set[tuple[int, int]] = set()
    best: dict[str, int] = {}
    for order, record in enumerate(corrections or ()):
        record = check_correction(record)
        ids = [index[e] for e in record["event_ids"] if e in index]   # reports not in view: ignored
        if record["kind"] == "join" and len(ids) >= 2:
            joins.append(ids)
            apart.difference_update({(min(x, y), max(x, y)) for x in ids for y in ids})
        elif record["kind"] == "split" and ids:
            taken = set(ids)
            others = ([index[e] for e in record["apart_from"] if e in index] if record["apart_from"]
                      else [i for i in index.values() if i not in taken])
            pairs = {(min(x, y), max(x, y)) for x in ids for y in others}
            apart |= pairs
            joins = _drop_pairs(joins, pairs)
        elif record["kind"] == "best" and ids:
            best[f"{record['event_ids'][0]}:{record['field']}"] = order   # the later pick wins
    return joins, apart, best


def _drop_pairs(joins: list[list[int]], pairs: set[tuple[int, int]]) -> list[list[int]]:
    """Joins with the forbidden pairs taken out: a join group splits where a later split cuts it."""
    out = []
    for group in joins:
        parts: list[list[int]] = []
        for i in group:
            home = next((p for p in parts if all((min(i, j), max(i, j)) not in pairs for j in p)), None)
            if home is None:
                parts.append([i])
            else:
                home.append(i)
        out.extend(p for p in parts if len(p) > 1)
    return out


def _records(events: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts of plain values (column lists zipped: several times faster than to_dict)."""
    values = [[None if v is pd.NA or v is pd.NaT else v for v in events[c].tolist()] for c in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


_REPORT_COLUMNS = ["event_id", "article_id", "topic", "geo_precision", "location", "admin1", "country_iso3",
                   "latitude", "longitude", "published", "date_start", "date_end", "date_method", "status",
                   "actors", "donor", "recipient", "killed", "injured", "amount_usd", "amount", "currency",
                   "quantities", "evidence"]


def group_reports(events: pd.DataFrame, corrections=()) -> tuple[list[list[int]], dict[int, list[str]], dict]:
    """The incidents as lists of row positions of `events`, the reasons per incident root, the best picks."""
    rows = _records(events, [c for c in _REPORT_COLUMNS if c in events.columns])
    reports = [_Report(i, row) for i, row in enumerate(rows)]
    index = {r.event_id: r.i for r in reports}
    joins, apart, best = _rules(corrections, index)
    groups = _Groups(len(reports))
    reasons: dict[int, list[str]] = defaultdict(list)

    def merge(i: int, j: int, why: str) -> None:
        ri, rj = groups.find(i), groups.find(j)
        joined = reasons.pop(ri, []) + reasons.pop(rj, [])
        joined.append(f"{reports[i].event_id}+{reports[j].event_id}: {why}")
        reasons[groups.union(ri, rj)] = joined

    for ids in joins:
        for other in ids[1:]:
            if groups.find(other) != groups.find(ids[0]):
                merge(ids[0], other, "joined by an editor")
    cache: dict[tuple[int, int], tuple | None] = {}
    scored = []
    for a, b in _candidate_pairs(reports):
        key = (min(a.i, b.i), max(a.i, b.i))
        cache[key] = found = _compatible(a, b)
        if found is not None and key not in apart:
            scored.append((-found[0], key, found[1]))
    scored.sort()

    def allowed(i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key in apart:
            return False
        if key not in cache:
            cache[key] = _compatible(reports[i], reports[j])
        return cache[key] is not None

    for _, (i, j), why in scored:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        left, right = groups.members[ri], groups.members[rj]
        if {reports[x].article for x in left} & {reports[y].article for y in right}:
            continue   # one article's rows are distinct events
        if all(allowed(x, y) for x in left for y in right):   # every report fits every other
            merge(i, j, ", ".join(why))
    members = sorted((sorted(m) for m in groups.members.values()), key=lambda m: m[0])
    return members, {m[0]: reasons.get(groups.find(m[0]), []) for m in members}, best


# --- the incidents table -----------------------------------------------------

def _latest_first(rows: list[dict]) -> list[dict]:
    """Reports newest first: by publication day, then the day the event ends, then id (for ties)."""
    def key(row):
        published, end = _day(row.get("published")), _day(row.get("date_end"))
        return (published or pd.Timestamp.min, end or pd.Timestamp.min, str(row["event_id"]))
    return sorted(rows, key=key, reverse=True)


def _first_stated(rows: list[dict], column: str, by: str | None = None):
    """The latest report (rows newest first) stating `column`; of reports published the same day,
    the one with the highest figure (of `by`, if given: amounts compare in USD), since a toll only
    rises as a day's updates come in."""
    stated = [row for row in rows if _number(row.get(column)) is not None]
    if not stated:
        return None
    day = _day(stated[0].get("published"))
    same_day = [row for row in stated if _day(row.get("published")) == day]
    return max(same_day, key=lambda row: _number(row.get(by or column)) or 0.0)


def _incident_row(rows: list[dict], why: list[str], best: dict, as_dates: bool) -> dict:
    """One incident from its reports (rows), the latest report's words and figures first."""
    newest = _latest_first(rows)
    first = newest[-1]
    out = dict(newest[0])   # provenance, evidence and offsets of one article, the latest
    placed = min(newest, key=lambda r: _PRECISION_RANK.get(str(r.get("geo_precision") or ""), 4))
    for column in ("location", "admin1", "country_iso3", "latitude", "longitude", "geo_precision"):
        out[column] = placed.get(column)
    topics = [str(r.get("topic") or "") for r in newest]
    out["topic"] = max(topics, key=topics.count)   # the most frequent; ties: the latest report's
    statuses = {str(r.get("status") or "") for r in rows}
    out["status"] = next((s for s in ("occurred", "ongoing", "planned") if s in statuses), out.get("status"))
    starts = [d for d in (_day(r.get("date_start")) for r in rows) if d is not None]
    ends = [d for d in (_day(r.get("date_end")) for r in rows) if d is not None]
    if starts:
        lo, hi = min(starts), max(ends or starts)
        out["date_start"], out["date_end"] = (lo, hi) if as_dates else (f"{lo:%Y-%m-%d}", f"{hi:%Y-%m-%d}")
        if lo != hi and str(out.get("date_precision") or "") == "day":
            out["date_precision"] = "range"
    actors: list[str] = []
    for row in newest:
        actors += [c for c in str(row.get("actors") or "").split(";") if c and c not in actors]
    out["actors"] = ";".join(actors)
    for column in ("killed", "injured"):
        values = [v for v in (_number(r.get(key)) for r in rows
                              for key in (column, f"{column}_low", f"{column}_high")) if v is not None]
        picked = [r for r in rows if f"{r['event_id']}:{column}" in best]
        chosen = max(picked, key=lambda r: best[f"{r['event_id']}:{column}"]) if picked else None
        source = chosen or _first_stated(newest, column)
        out[column] = source.get(column) if source is not None else None
        out[f"{column}_low"] = int(min(values)) if values else None
        out[f"{column}_high"] = int(max(values)) if values else None
    money = _first_stated(newest, "amount", by="amount_usd")
    if money is not None:   # one package however many reports state it: the latest statement of it
        for column in ("amount", "currency", "amount_usd", "donor", "recipient", "aid_type", "part_of", "amounts"):
            out[column] = money.get(column)
    counted = next((r for r in newest if str(r.get("quantities") or "")), None)
    if counted is not None:
        out["quantities"] = counted["quantities"]
    out["summary"] = f"{out.get('summary') or ''} ({len(rows)} reports)".strip()
    out["incident_id"] = str(first["event_id"])
    out["event_id"] = out["incident_id"]
    out["n_reports"] = len(rows)
    out["report_ids"] = ";".join(str(r["event_id"]) for r in reversed(newest))   # oldest first
    out["joined_because"] = "; ".join(why)
    return out


def group_incidents(events: pd.DataFrame, corrections=()) -> pd.DataFrame:
    """One row per incident: the event table's columns (the latest report's words, the best place,
    the date span, best casualty figures) plus INCIDENT_COLUMNS. A report joined with no other is an
    incident of one, its row as it was. `corrections`: split/join/best records (see the module)."""
    if events.empty:
        out = events.copy()
        for column in INCIDENT_COLUMNS:
            out[column] = pd.Series([], dtype=object)
        return out
    groups, reasons, best = group_reports(events, corrections)
    as_dates = pd.api.types.is_datetime64_any_dtype(events["date_start"])
    single = [g[0] for g in groups if len(g) == 1]
    out = events.iloc[single].copy()
    out["incident_id"] = out["event_id"].astype(str)
    out["n_reports"] = 1
    out["report_ids"] = out["incident_id"]
    for column in ("killed", "injured"):
        for bound in ("low", "high"):   # an imported UCDP row carries its own low and high
            given = out.get(f"{column}_{bound}")
            out[f"{column}_{bound}"] = out[column] if given is None else given.where(
                pd.to_numeric(given, errors="coerce").notna(), out[column])
    out["joined_because"] = ""
    out["_order"] = single
    several = [g for g in groups if len(g) > 1]
    members = [i for g in several for i in g]
    records = dict(zip(members, _records(events.iloc[members], list(events.columns))))
    joined = [dict(_incident_row([records[i] for i in g], reasons[g[0]], best, as_dates), _order=g[0])
              for g in several]
    if joined:
        extra = pd.DataFrame(joined, columns=list(out.columns))
        out = pd.concat([out.astype({c: object for c in out.columns if isinstance(out[c].dtype, pd.CategoricalDtype)}),
                         extra], ignore_index=True)
    out = out.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    numeric = pd.api.types.is_numeric_dtype(events["killed"])
    for column in ("killed", "injured", "killed_low", "killed_high", "injured_low", "injured_high"):
        if numeric or column.endswith(("_low", "_high")):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    out["n_reports"] = out["n_reports"].astype(int)
    return out[[c for c in events.columns] + [c for c in INCIDENT_COLUMNS if c not in events.columns]]


def publisher(url: str, article_id: str = "") -> str:
    """Who published a report: the host of its URL ("www." dropped), else its article id."""
    host = urlparse(str(url or "")).netloc.lower()
    return host.removeprefix("www.") or str(article_id or "")


def incident_reports(events: pd.DataFrame, incidents: pd.DataFrame, incident_id: str) -> pd.DataFrame:
    """The reports of one incident, oldest first: article, publisher, dates, figures and evidence."""
    found = incidents.loc[incidents["incident_id"].astype(str) == str(incident_id), "report_ids"]
    if found.empty:
        raise IncidentError(f"no incident {incident_id!r} in this view; choose one of the listed incidents")
    ids = str(found.iloc[0]).split(";")
    rows = events[events["event_id"].astype(str).isin(ids)].copy()
    rows["_order"] = rows["event_id"].astype(str).map({e: k for k, e in enumerate(ids)})
    rows = rows.sort_values("_order").drop(columns="_order")
    rows.insert(0, "publisher", [publisher(u, a) for u, a in zip(rows["article_url"], rows["article_id"])])
    columns = ["event_id", "publisher", "article_id", "article_title", "article_url", "published",
               "date_start", "date_end", "status", "topic", "location", "geo_precision",
               "killed", "injured", "amount", "currency", "quantities", "evidence", "char_start", "char_end"]
    return rows[[c for c in columns if c in rows.columns]].reset_index(drop=True)
