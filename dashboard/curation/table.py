"""Turn events into table rows (the columns of `schema.COLUMNS`) and write tables safely."""
from __future__ import annotations

import csv
import io
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # not POSIX: writers are not serialized there
    fcntl = None

from . import schema
from .articles import MAX_BYTES
from .currency import to_usd
from .events import Event, event_id
from .gazetteer import Gazetteer
from .quantities import format_amounts
from .topics import VIOLENT_TOPICS

_TOPIC_WORDS = {
    "attack": "Attack", "combat": "Fighting", "troop_movement": "Troop movement", "arms_transfer": "Arms transfer",
    "military_aid": "Military aid", "financial_aid": "Financial aid", "humanitarian_aid": "Humanitarian aid",
    "sanctions": "Sanctions", "diplomacy": "Diplomacy", "maritime_security": "Maritime security", "other": "Event",
}


def _int(v):
    return "" if v is None else int(v)


def _num(v):
    if v is None:
        return ""
    return int(v) if float(v).is_integer() else round(float(v), 2)


def _short(value: float) -> str:
    """2260000000 -> '2.26bn', 800000000 -> '800m', 12000 -> '12,000'."""
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if value >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def summarize(ev: Event) -> str:
    """One short line: what, where, and the figures."""
    parts = [f"{_TOPIC_WORDS.get(ev.topic, 'Event')} {'in' if ev.precision != 'country' else '-'} {ev.location}"]
    figures = []
    if ev.killed is not None:
        figures.append(f"{ev.killed} killed")
    if ev.injured is not None:
        figures.append(f"{ev.injured} injured")
    if ev.own_money is not None:
        figures.append(f"{ev.own_money.currency} {_short(ev.own_money.value)}")
    figures.extend((f"{q.qualifier} " if q.qualifier else "") + f"{_short(q.value)} {q.unit}" for q in ev.quantities[:3])
    line = parts[0].replace(" - ", ": ")
    if ev.status != "occurred":
        line += f" ({ev.status})"
    if figures:
        line += ": " + ", ".join(figures)
    return line


def event_rows(events: list[Event], text: str, article: dict, gz: Gazetteer) -> list[dict]:
    """Rows of the event table for one article; ``article`` has id, title, url, published."""
    rows = []
    seen: dict[str, object] = {}   # event id -> the day of the row that took it
    for ev in events:
        start, end = min(s.start for s in ev.sentences), max(s.end for s in ev.sentences)
        evidence = " ".join(s.text for s in sorted(ev.sentences, key=lambda s: s.start))
        date = ev.date
        own = ev.own_money
        amount_usd = to_usd(own.value, own.currency, date.start) if own is not None else None
        place = ev.place
        admin1 = place.admin1 if place.kind in ("city", "admin1", "admin2", "feature") else ""
        eid = event_id(article["id"], ev)
        if eid in seen and own is not None:
            # several figures of one sentence, same place and topic ("$800 million in aid and $200 million
            # for the army"): each is an event of its own, told apart by where its figure stands
            eid = event_id(article["id"], ev, f"|{own.start}")
        elif eid in seen and date is not None and seen[eid] != date.start:
            # one sentence telling two days' strikes at one place ("... early on June 27, adding that shelling
            # the previous day killed one"): told apart by their days
            eid = event_id(article["id"], ev, f"|{date.start.isoformat()}")
        if eid in seen:
            continue
        seen[eid] = date.start if date is not None else None
        rows.append({
            "event_id": eid,
            "article_id": article["id"],
            "article_title": article.get("title") or "",
            "article_url": article.get("url") or "",
            "published": article["published"],
            "date_start": date.start.isoformat(),
            "date_end": date.end.isoformat(),
            "date_precision": date.precision,
            "date_text": date.text,
            "date_method": date.method,
            "status": ev.status,
            "topic": ev.topic,
            "summary": summarize(ev),
            "location": ev.location,
            "admin1": admin1,
            "country_iso3": place.country_iso3,
            "latitude": round(place.lat, 5),
            "longitude": round(place.lon, 5),
            "geo_precision": ev.precision,
            "actors": ";".join(ev.actors),
            "killed": _int(ev.killed),
            "injured": _int(ev.injured),
            "amount": _num(own.value) if own else "",
            "currency": own.currency if own else "",
            "amount_usd": _num(amount_usd),
            "donor": ev.donor,
            "recipient": ev.recipient,
            "aid_type": ev.aid_type,
            "part_of": ev.part_of,
            "amounts": format_amounts(_unique_money(ev.money)),
            "quantities": "; ".join(dict.fromkeys(q.label() for q in ev.quantities)),
            "evidence": evidence,
            "char_start": start,
            "char_end": end,
            "review": ";".join(review_reasons(ev, text, gz)),
        })
    return rows


def review_reasons(ev: Event, text: str, gz: Gazetteer) -> list[str]:
    """The engine's reasons to doubt an event (codes of `schema.REVIEW_REASONS`), from what it knows."""
    reasons = []
    if ev.fallback and ev.topic in VIOLENT_TOPICS:   # aid and talks are rightly a country's
        reasons.append("place_country")
    elif ev.precision == "admin1" and gz.admin1(ev.location, ev.place.country_iso3 or None) is None:
        reasons.append("place_region")
    if ev.precision in ("point", "near", "admin2"):
        towns = {(round(p.lat, 1), round(p.lon, 1)) for p in gz.candidates(ev.location)
                 if p.kind == "city" and p.country_iso3 == ev.place.country_iso3}   # far ones lose anyway
        if len(towns) > 1:
            reasons.append("namesakes")
    if ev.killed is not None or ev.injured is not None:
        body = len(text) - len(text.lstrip())
        lead_end = text.find("\n", body)   # the lead: the first paragraph, when more follow
        if 0 <= lead_end < len(text.rstrip()) and max(s.end for s in ev.sentences) <= lead_end:
            reasons.append("lead_figures")
    if ev.date is not None and ev.date.method == "publication":
        reasons.append("date_publication")
    if ev.own_money is not None and not ev.donor:
        reasons.append("amount_no_donor")
    return reasons


def _unique_money(items):
    seen, out = set(), []
    for m in items:
        if (m.start, m.value, m.currency) not in seen:
            seen.add((m.start, m.value, m.currency))
            out.append(m)
    return out


def rows_to_csv(rows: list[dict]) -> str:
    """The table as CSV text, header always present."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=schema.COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# An evidence cell holds sentences of one article, which may have MAX_BYTES: csv's default limit
# (131,072 characters) would refuse a table this tool wrote.
_FIELD_LIMIT = 2 * MAX_BYTES


def load_rows(path: str) -> list[dict]:
    """An event table written by `save_events`, as rows of strings; TableError if it is not one
    (another header, a row with too few or too many fields, offsets that are not whole numbers)."""
    from .errors import TableError
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames not in (schema.COLUMNS, schema.COLUMNS[:-1]):   # [:-1]: before `review`
                raise TableError(f"{path}: not an event table (its header differs); "
                                 f"merge into a table this tool wrote, or choose a new --output")
            rows = []
            for row in reader:
                if None in row or None in row.values():
                    raise TableError(f"{path}: line {reader.line_num} has {'more' if None in row else 'fewer'} "
                                     f"fields than the header (a damaged or truncated table); "
                                     f"restore the table or choose a new --output")
                for column in ("char_start", "char_end"):
                    if not row[column].isascii() or not row[column].isdigit():
                        raise TableError(f"{path}: line {reader.line_num}: {column} {row[column][:40]!r} is not "
                                         f"a whole number; restore the table or choose a new --output")
                rows.append(row)
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise TableError(f"{path}: cannot be read as an event table ({e.__class__.__name__}); "
                         f"check the file or choose a new --output") from None


def merge_rows(old: list[dict], new: list[dict]) -> list[dict]:
    """Merge newly curated rows into a table: an article curated again replaces its old rows, and
    ids are unique, so merging the same articles twice gives the same table (idempotent)."""
    renewed = {str(r["article_id"]) for r in new}
    merged = {str(r["event_id"]): r for r in old if str(r["article_id"]) not in renewed}
    for r in new:
        merged[str(r["event_id"])] = r
    return sorted(merged.values(), key=lambda r: (str(r["published"]), str(r["article_id"]), int(r["char_start"]),
                                                  str(r["event_id"])))


def output_path(path: str) -> str:
    """Where writing the table at ``path`` really writes: through a symlink to its target. TableError
    when that is something other than a regular file (a folder, a device, a FIFO, a socket)."""
    from .errors import TableError
    target = os.path.realpath(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as e:
        raise TableError(f"{path}: cannot be examined ({e.strerror}); check the path and permissions") from None
    if not stat.S_ISREG(mode):
        raise TableError(f"{path}: is not a regular file; give --output a file path (a new one, or a table "
                         f"this tool wrote)")
    return target


def _temp_prefix(target: str) -> str:
    return f".{os.path.basename(target)}."


# Temporary files of this tool's earlier versions, named for no table in particular.
_LEGACY_TEMP = re.compile(r"\.events-.*\.csv\.tmp")
_LEGACY_AGE_S = 3600


def remove_stale_temps(path: str) -> list[str]:
    """Remove the temporary files an interrupted write of the table at ``path`` left beside it.
    Call it holding `table_lock` (no other writer of this table is then running); the old
    ``.events-*.csv.tmp`` names are removed once they are an hour old. Returns what it removed."""
    target = output_path(path)
    directory, prefix = os.path.dirname(target), _temp_prefix(target)
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        full = os.path.join(directory, name)
        try:
            if name.startswith(prefix) and name.endswith(".tmp"):
                os.unlink(full)
            elif _LEGACY_TEMP.fullmatch(name) and now - os.lstat(full).st_mtime > _LEGACY_AGE_S:
                os.unlink(full)
            else:
                continue
        except OSError:
            continue
        removed.append(full)
    return removed


def save_events(rows: list[dict], path: str) -> None:
    """Write the table atomically: a temporary file beside the target, then a rename."""
    write_atomically(path, rows_to_csv(rows).encode("utf-8"))


def write_atomically(path: str, data: bytes) -> None:
    """Write a file atomically: a temporary file beside the target, then a rename. A symlink is
    written through to its target, the target keeps its permissions (and, where allowed, its owner),
    and a path that is not a regular file is refused (TableError)."""
    target = output_path(path)
    directory = os.path.dirname(target)
    os.makedirs(directory, exist_ok=True)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            if old is not None:
                os.fchmod(f.fileno(), stat.S_IMODE(old.st_mode))
                try:
                    os.fchown(f.fileno(), old.st_uid, old.st_gid)
                except OSError:
                    pass  # not ours to give away: the file is then owned by whoever wrote it
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(f.fileno(), 0o666 & ~umask)   # what open() would have made
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def lock_path(path: str) -> str:
    """The lock file beside a table: ``.NAME.lock`` in the table's folder."""
    directory, name = os.path.split(os.path.realpath(path))
    return os.path.join(directory, f".{name}.lock")


@contextmanager
def table_lock(path: str):
    """Hold an exclusive lock on the table at ``path`` (a ``flock`` on its lock file) while reading,
    merging and writing it, so two writers at once run one after the other and lose no rows.
    The lock is released when the process ends, however it ends."""
    lock = lock_path(path)
    os.makedirs(os.path.dirname(lock), exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
