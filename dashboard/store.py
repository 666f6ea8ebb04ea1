"""The data desk's store: articles, the engine's events, the editors' corrections, in one SQL database.

    store = open_store("desk.sqlite")                 # or "postgresql://user@host/db"
    save_articles(store, [(article, rows)])           # one transaction; the same article twice changes nothing
    snapshot = load_snapshot(store)                   # events + corrections, as one consistent read
    reviewed, orphans = apply_corrections(snapshot.events, snapshot.corrections)

An SQLite file (WAL mode, so readers never wait for the writer nor see half of its transaction) is
the default; the same code runs on PostgreSQL given a ``postgresql://`` URL (driver: psycopg 3).

Tables (``SCHEMA_VERSION`` 1; ``schema_version`` holds the version, ``MIGRATIONS`` the path up):
- ``articles``: text, title, url, publisher, published, content hash, when added and curated, engine version;
- ``events``: the event table's columns (dashboard.curation.schema) as the engine wrote them, and the
  engine version; re-curating an article replaces its rows, never a correction;
- ``corrections``: who, when, kind, field, old, new, note, one row per change, never updated;
- ``correction_targets``: the event(s) a correction is about, each with its anchor (article, evidence
  span, place as the engine wrote it) so that it finds its row again after the engine changes.

Review state is the corrections' fold: an event's status is ``rejected`` after a ``reject``,
``corrected`` when an edit applies to it, ``checked`` after a ``check``, else ``new``.

I/O is named ``open_``/``load_``/``save_``; the rest (``apply_corrections``, ``resolve_target``...) is pure.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .curation import schema
from .curation.errors import StoreError
from .curation.gazetteer import fold

SCHEMA_VERSION = 1
STORE_ENV = "WARNEWS_STORE"
DEFAULT_STORE = Path.home() / ".local" / "share" / "warnews" / "store.sqlite"
BUSY_TIMEOUT_S = 30

REVIEW_STATUSES = ["new", "checked", "corrected", "rejected"]
# kinds of correction: an edit of one field of one event; a status; a group of events (incidents)
# (best: the report whose figure an incident takes, with the field in the label)
EDIT, CHECK, REJECT, REOPEN, JOIN, SPLIT, BEST = "edit", "check", "reject", "reopen", "join", "split", "best"
STATUS_KINDS = {CHECK: "checked", REJECT: "rejected", REOPEN: "new"}
GROUP_KINDS = {JOIN, SPLIT, BEST}
KINDS = [EDIT, CHECK, REJECT, REOPEN, JOIN, SPLIT, BEST]
# what an editor may correct, and the place columns that follow a place picked from the gazetteer
EDITABLE = ["location", "admin1", "country_iso3", "latitude", "longitude", "geo_precision",
            "date_start", "date_end", "topic", "killed", "injured", "amount", "currency", "donor", "recipient"]
PLACE_FIELDS = ["location", "admin1", "country_iso3", "latitude", "longitude", "geo_precision"]

_TYPES = {**{c: "INTEGER" for c in schema.INT_COLUMNS}, **{c: "DOUBLE PRECISION" for c in schema.FLOAT_COLUMNS}}


def _event_columns() -> list[str]:
    return [c for c in schema.COLUMNS if c != "event_id"]


def _create_statements() -> list[str]:
    columns = ",\n  ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in _event_columns())
    return [
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE revision (value INTEGER NOT NULL)",
        """CREATE TABLE articles (
  article_id TEXT PRIMARY KEY, title TEXT, url TEXT, publisher TEXT, published TEXT,
  text TEXT NOT NULL, content_hash TEXT NOT NULL, added_at TEXT NOT NULL, curated_at TEXT NOT NULL,
  engine_version TEXT NOT NULL)""",
        f"CREATE TABLE events (\n  event_id TEXT PRIMARY KEY,\n  {columns},\n  engine_version TEXT NOT NULL)",
        "CREATE INDEX events_article ON events (article_id)",
        """CREATE TABLE corrections (
  correction_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, field TEXT, old_value TEXT,
  new_value TEXT, note TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL)""",
        """CREATE TABLE correction_targets (
  correction_id TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, article_id TEXT NOT NULL,
  char_start INTEGER, char_end INTEGER, location TEXT NOT NULL, PRIMARY KEY (correction_id, position))""",
        f"INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION})",
        "INSERT INTO revision (value) VALUES (0)",
    ]


# MIGRATIONS[n]: the statements that take a store from version n to n + 1 (0: an empty database).
MIGRATIONS: dict[int, list[str]] = {0: _create_statements()}


def engine_version() -> str:
    """A digest of the engine's code and data: it changes whenever a rule or a word list does."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted((root / "curation").glob("*.py")) + sorted((root.parent / "data" / "lexicon").glob("*.toml"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_target(argv_value: str | None, environ) -> str:
    """The store to use: --store, else $WARNEWS_STORE, else DEFAULT_STORE."""
    return str(argv_value or environ.get(STORE_ENV) or DEFAULT_STORE)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _redact(target: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", target)


class Store:
    """An open connection with its dialect; build it with `open_store`."""

    def __init__(self, target: str, conn, dialect: str, readonly: bool):
        self.target, self.conn, self.dialect, self.readonly = target, conn, dialect, readonly
        self.name = _redact(target)

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.dialect == "postgresql" else statement

    def execute(self, statement: str, params: Sequence = ()):
        with self._errors("reading"):
            return self.conn.execute(self.sql(statement), tuple(params))

    def executemany(self, statement: str, rows: Iterable[Sequence]) -> None:
        with self._errors("writing"):
            if self.dialect == "postgresql":
                with self.conn.cursor() as cursor:
                    cursor.executemany(self.sql(statement), list(rows))
            else:
                self.conn.executemany(statement, list(rows))

    @contextmanager
    def transaction(self, write: bool):
        """One transaction: all of it or nothing. Writers queue (SQLite's lock, an advisory lock on
        PostgreSQL); a reader sees one snapshot for all its statements."""
        if write and self.readonly:
            raise StoreError(f"{self.name}: opened for viewing only; the store was not changed")
        if self.dialect == "postgresql":
            begin = "BEGIN" if write else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        else:
            begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        with self._errors("writing" if write else "reading"):
            self.conn.execute(begin)
            if write and self.dialect == "postgresql":
                self.conn.execute("SELECT pg_advisory_xact_lock(7314)")
        try:
            yield self
            with self._errors("writing" if write else "reading"):
                self.conn.execute("COMMIT")
        except BaseException:
            try:
                self.conn.execute("ROLLBACK")
            except Exception:  # noqa: BLE001  (the connection may be gone; the first error is the one to tell)
                pass
            raise

    @contextmanager
    def _errors(self, doing: str):
        """Driver errors as one-line StoreErrors that name the problem and the fix."""
        try:
            yield
        except StoreError:
            raise
        except Exception as e:  # noqa: BLE001  (both drivers' errors, sorted by what they say)
            raise StoreError(describe_error(self.name, e, doing)) from None

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def describe_error(name: str, e: Exception, doing: str) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else e.__class__.__name__
    low = text.lower()
    if "not a database" in low or "file is encrypted" in low or "malformed" in low:
        return f"{name}: not a warnews store (not an SQLite database); give another --store path or move the file away"
    if "readonly" in low or "read-only" in low or "read only" in low or "permission denied" in low:
        return f"{name}: the store is read-only; nothing was written; check its (and its folder's) permissions"
    if "disk is full" in low or "disk full" in low or "no space" in low or "could not extend" in low:
        return f"{name}: the disk is full while {doing}; nothing was written; free some space and run again"
    if "locked" in low or "busy" in low:
        return f"{name}: busy for more than {BUSY_TIMEOUT_S} s (another program holds it); try again"
    if "unable to open" in low:
        return f"{name}: cannot be opened; check that its folder exists and is writable"
    if "connection" in low or "could not connect" in low or "server" in low:
        return f"{name}: cannot reach the database server ({text}); check the URL and that the server runs"
    return f"{name}: database error while {doing} ({text}); check the store"


def open_store(target: str | os.PathLike, readonly: bool = False) -> Store:
    """Open (creating and migrating unless ``readonly``) the store at a path or ``postgresql://`` URL.

    StoreError for a file that is not a database, a store of a newer schema, a read-only or missing one.
    """
    target = str(target)
    if target.startswith(("postgresql://", "postgres://")):
        store = _open_postgresql(target, readonly)
    else:
        store = _open_sqlite(target, readonly)
    try:
        _prepare(store)
    except BaseException:
        store.close()
        raise
    return store


def _open_sqlite(path: str, readonly: bool) -> Store:
    name = path
    if readonly and not os.path.isfile(path):
        raise StoreError(f"{path}: no such store; create it with `python -m dashboard.curate --store {path}`")
    if not readonly:
        folder = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{path}: cannot create its folder ({e.strerror}); choose another --store path") from None
    uri = Path(os.path.abspath(path)).as_uri() + ("?mode=ro" if readonly else "")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as e:
        raise StoreError(describe_error(name, e, "opening")) from None
    store = Store(path, conn, "sqlite", readonly)
    with store._errors("opening"):
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()   # "not a database" shows here
        if not readonly and conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")   # persistent: set once per file
    return store


def _open_postgresql(url: str, readonly: bool) -> Store:
    try:
        import psycopg
    except ImportError:
        raise StoreError("a postgresql:// store needs the psycopg package: pip install 'psycopg[binary]'") from None
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except Exception as e:  # noqa: BLE001
        raise StoreError(describe_error(_redact(url), e, "connecting")) from None
    store = Store(url, conn, "postgresql", readonly)
    if readonly:
        with store._errors("opening"):
            conn.execute("SET default_transaction_read_only = on")
    return store


def _tables(store: Store) -> set[str]:
    if store.dialect == "postgresql":
        rows = store.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    else:
        rows = store.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows.fetchall()}


def _columns(store: Store, table: str) -> list[str]:
    rows = store.execute(f"SELECT * FROM {table} WHERE 1 = 0")
    return [d[0] for d in rows.description]


def _prepare(store: Store) -> None:
    """Check the schema version; create or migrate the store; add engine columns it lacks."""
    tables = _tables(store)
    if "schema_version" not in tables:
        if tables:
            raise StoreError(f"{store.name}: holds tables of another program (no schema_version table); "
                             "give another --store path")
        version = 0
    else:
        row = store.execute("SELECT max(version) FROM schema_version").fetchone()
        version = int(row[0] or 0)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{store.name}: the store has schema version {version}, newer than this program's "
                         f"{SCHEMA_VERSION}; update warnews to open it")
    missing = [c for c in _event_columns() if version and c not in _columns(store, "events")]
    if version == SCHEMA_VERSION and not missing:
        return
    if store.readonly:
        raise StoreError(f"{store.name}: the store needs an upgrade (schema {version} -> {SCHEMA_VERSION}) "
                         "that a read-only opening cannot make; open it once for writing")
    with store.transaction(write=True):
        current = int((store.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)
                      if "schema_version" in _tables(store) else 0)
        for step in range(current, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                store.execute(statement)
            store.execute("UPDATE schema_version SET version = ?", (step + 1,))
        for column in _event_columns():   # the engine grew a column: older rows leave it empty
            if column not in _columns(store, "events"):
                store.execute(f"ALTER TABLE events ADD COLUMN {column} {_TYPES.get(column, 'TEXT')}")


def _bump(store: Store) -> int:
    store.execute("UPDATE revision SET value = value + 1")
    return int(store.execute("SELECT value FROM revision").fetchone()[0])


def load_revision(store: Store) -> int:
    """A number that grows with every change to the store (a cache key for readers)."""
    return int(store.execute("SELECT value FROM revision").fetchone()[0])


# ---- articles and the engine's events ------------------------------------------------------------

def _cell(column: str, value):
    """A row value as the column stores it: '' is NULL, numbers are numbers."""
    if value is None or (isinstance(value, str) and value.strip() == "") or value != value:
        return None
    if column in schema.INT_COLUMNS:
        return int(float(value))
    if column in schema.FLOAT_COLUMNS:
        return float(value)
    return str(value)


def _text_cell(column: str, value) -> str:
    """A stored value back in the engine's CSV form (1.0 -> '1', None -> '')."""
    if value is None:
        return ""
    if column in schema.FLOAT_COLUMNS or column in schema.INT_COLUMNS:
        number = float(value)
        return str(int(number)) if number.is_integer() else str(round(number, 5))
    return str(value)


def _comparable(rows: Iterable[dict]) -> list[tuple]:
    return sorted(tuple(_text_cell(c, _cell(c, r.get(c))) for c in schema.COLUMNS) for r in rows)


@dataclass(frozen=True)
class StoredArticle:
    article_id: str
    text: str
    title: str = ""
    url: str = ""
    published: str = ""
    publisher: str = ""


@dataclass
class SaveReport:
    added: list[str] = field(default_factory=list)       # new articles
    recurated: list[str] = field(default_factory=list)   # known articles whose rows changed
    unchanged: list[str] = field(default_factory=list)
    events: int = 0                                      # rows written


def save_articles(store: Store, curated: Sequence[tuple[StoredArticle, list[dict]]],
                  version: str | None = None) -> SaveReport:
    """Add or re-curate articles with their rows, all in one transaction (on an error, none of them).

    An article whose text, metadata and rows are what the store holds is left as it is, so saving the
    same articles twice changes nothing. Re-curation replaces the article's events; corrections stay.
    """
    version = version or engine_version()
    report = SaveReport()
    now = _now()
    columns = schema.COLUMNS + ["engine_version"]
    insert = f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    curated = list({a.article_id: (a, rows) for a, rows in curated}.values())   # an id given twice: the last
    with store.transaction(write=True):
        ids = [a.article_id for a, _ in curated]
        known, held = _known_articles(store, ids)   # a few queries for all, not a round trip per article
        added, renewed, events = [], [], []
        for article, rows in curated:
            digest = content_hash(article.text)
            meta = (article.title or "", article.url or "", article.publisher or "", article.published or "")
            old = known.get(article.article_id)
            if old is not None and old == (digest, *meta) and \
                    _comparable(held.get(article.article_id, [])) == _comparable(rows):
                report.unchanged.append(article.article_id)
                continue
            if old is None:
                added.append((article.article_id, *meta, article.text, digest, now, now, version))
                report.added.append(article.article_id)
            else:
                renewed.append((*meta, article.text, digest, now, version, article.article_id))
                report.recurated.append(article.article_id)
            known[article.article_id] = (digest, *meta)
            held[article.article_id] = rows
            unique = {str(r["event_id"]): r for r in rows}
            events.extend([_cell(c, r.get(c)) for c in schema.COLUMNS] + [version] for r in unique.values())
            report.events += len(unique)
        if added:
            store.executemany("INSERT INTO articles (article_id, title, url, publisher, published, text, content_hash, "
                              "added_at, curated_at, engine_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", added)
        if renewed:
            store.executemany("UPDATE articles SET title = ?, url = ?, publisher = ?, published = ?, text = ?, "
                              "content_hash = ?, curated_at = ?, engine_version = ? WHERE article_id = ?", renewed)
            for chunk in _chunks(report.recurated):
                store.execute(f"DELETE FROM events WHERE article_id IN ({', '.join('?' * len(chunk))})", chunk)
        if events:
            store.executemany(insert, events)
        if report.added or report.recurated:
            _bump(store)
    return report


def _chunks(values: Sequence[str], size: int = 500) -> list[list[str]]:
    return [list(values[i:i + size]) for i in range(0, len(values), size)]


def _known_articles(store: Store, ids: Sequence[str]) -> tuple[dict, dict]:
    """For the articles of ``ids`` the store holds: (hash, title, url, publisher, published), and their rows."""
    known: dict[str, tuple] = {}
    held: dict[str, list[dict]] = {}
    names = ", ".join(schema.COLUMNS)
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for row in store.execute(f"SELECT article_id, content_hash, title, url, publisher, published FROM articles "
                                 f"WHERE article_id IN ({marks})", chunk).fetchall():
            known[row[0]] = (row[1], *[v or "" for v in row[2:]])
        for row in _row_dicts(store.execute(f"SELECT {names} FROM events WHERE article_id IN ({marks})", chunk)):
            held.setdefault(row["article_id"], []).append({c: _text_cell(c, v) for c, v in row.items()})
    return known, held


def _row_dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def load_event_rows(store: Store, article_id: str | None = None) -> list[dict]:
    """The engine's rows (the table's columns, in its CSV form, plus engine_version), in text order."""
    columns = ", ".join(schema.COLUMNS + ["engine_version"])
    if article_id is None:
        cursor = store.execute(f"SELECT {columns} FROM events ORDER BY published, article_id, char_start, event_id")
    else:
        cursor = store.execute(f"SELECT {columns} FROM events WHERE article_id = ? ORDER BY char_start, event_id",
                               (article_id,))
    return [{c: _text_cell(c, v) for c, v in row.items()} for row in _row_dicts(cursor)]


def load_article(store: Store, article_id: str) -> StoredArticle | None:
    row = store.execute("SELECT article_id, text, title, url, published, publisher FROM articles "
                        "WHERE article_id = ?", (article_id,)).fetchone()
    return StoredArticle(*[v or "" for v in row]) if row else None


def load_articles(store: Store) -> list[dict]:
    """The articles without their text: id, title, url, publisher, published, hash, added, curated, engine."""
    return _row_dicts(store.execute("SELECT article_id, title, url, publisher, published, content_hash, added_at, "
                                    "curated_at, engine_version FROM articles ORDER BY published, article_id"))


# ---- corrections ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """An event a correction is about, and the anchor that finds it again after re-curation."""
    event_id: str
    article_id: str
    char_start: int | None
    char_end: int | None
    location: str   # the place as the engine wrote it: tells apart the events of one sentence

    @classmethod
    def of(cls, row: dict) -> Target:
        """The target for an event row (engine values, not corrected ones)."""
        def number(v):
            return None if v in (None, "") or v != v else int(float(v))
        return cls(str(row["event_id"]), str(row["article_id"]), number(row.get("char_start")),
                   number(row.get("char_end")), str(row.get("engine_location", row.get("location")) or ""))


@dataclass(frozen=True)
class Correction:
    kind: str
    targets: tuple[Target, ...]
    author: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    note: str = ""
    correction_id: str = ""
    created_at: str = ""
    seq: int = 0


def check_correction(c: Correction) -> None:
    if c.kind not in KINDS:
        raise StoreError(f"correction kind {c.kind!r} is not one of {', '.join(KINDS)}")
    if not c.targets:
        raise StoreError("a correction needs the event(s) it is about")
    if c.kind == EDIT and c.field not in EDITABLE:
        raise StoreError(f"field {c.field!r} cannot be corrected; correct one of {', '.join(EDITABLE)}")
    if c.kind in GROUP_KINDS and len(c.targets) < 1:
        raise StoreError(f"a {c.kind} correction needs its events")
    if not str(c.author or "").strip():
        raise StoreError("a correction needs its author")


def save_corrections(store: Store, corrections: Sequence[Correction]) -> list[str]:
    """Store corrections (all of them in one transaction, or none); their ids."""
    for c in corrections:
        check_correction(c)
    ids = []
    with store.transaction(write=True):
        seq = _bump(store)
        now = _now()
        for position, c in enumerate(corrections):
            cid = c.correction_id or uuid.uuid4().hex
            store.execute("INSERT INTO corrections (correction_id, seq, position, kind, field, old_value, new_value, "
                          "note, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (cid, seq, position, c.kind, c.field, c.old, c.new, c.note or "", c.author, c.created_at or now))
            store.executemany("INSERT INTO correction_targets (correction_id, position, event_id, article_id, "
                              "char_start, char_end, location) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              [(cid, i, t.event_id, t.article_id, t.char_start, t.char_end, t.location)
                               for i, t in enumerate(c.targets)])
            ids.append(cid)
    return ids


def load_corrections(store: Store) -> list[Correction]:
    """Every correction, oldest first."""
    targets: dict[str, list[Target]] = {}
    for row in store.execute("SELECT correction_id, event_id, article_id, char_start, char_end, location "
                             "FROM correction_targets ORDER BY correction_id, position").fetchall():
        targets.setdefault(row[0], []).append(Target(*row[1:]))
    out = []
    for row in store.execute("SELECT correction_id, seq, kind, field, old_value, new_value, note, author, created_at "
                             "FROM corrections ORDER BY seq, position").fetchall():
        cid, seq, kind, fld, old, new, note, author, created = row
        out.append(Correction(kind, tuple(targets.get(cid, ())), author, fld, old, new, note or "", cid, created, seq))
    return out


@dataclass
class Snapshot:
    revision: int
    events: list[dict]
    corrections: list[Correction]


def load_snapshot(store: Store) -> Snapshot:
    """Events and corrections as of one moment (one read transaction: never half of a write)."""
    with store.transaction(write=False):
        return Snapshot(load_revision(store), load_event_rows(store), load_corrections(store))


# ---- applying corrections (pure) -----------------------------------------------------------------

def index_events(events: Sequence[dict]) -> tuple[dict, dict]:
    by_id = {str(r["event_id"]): r for r in events}
    by_span: dict[tuple, list[dict]] = {}
    for r in events:
        by_span.setdefault((str(r["article_id"]), str(r["char_start"]), str(r["char_end"])), []).append(r)
    return by_id, by_span


def resolve_target(target: Target, by_id: dict, by_span: dict) -> str | None:
    """The current event a target means: the same id; else the one event of its article with the same
    evidence span (and, when the sentence made several, the same place as the engine wrote it); else None."""
    if target.event_id in by_id:
        return target.event_id
    span = (target.article_id, "" if target.char_start is None else str(target.char_start),
            "" if target.char_end is None else str(target.char_end))
    rows = by_span.get(span, [])
    if len(rows) > 1:
        rows = [r for r in rows if fold(str(r["location"])) == fold(target.location)]
    return str(rows[0]["event_id"]) if len(rows) == 1 else None


def _typed(column: str, value: str | None):
    """A correction's text value as the engine's CSV form of that column."""
    return _text_cell(column, _cell(column, value))


@dataclass
class Orphan:
    correction: Correction
    reason: str


def apply_corrections(events: Sequence[dict], corrections: Sequence[Correction]) -> tuple[list[dict], list[Orphan]]:
    """The reviewed table: each event row with the corrections applied in their order, plus
    ``review_status``, ``corrected_fields`` and ``engine_location`` (the anchor of new corrections);
    and the corrections that find no row (orphans), never dropped silently.

    Group corrections (join, split) do not change rows; see `resolve_groups`.
    """
    by_id, by_span = index_events(events)
    rows = {eid: {**r, "engine_location": r.get("location", "")} for eid, r in by_id.items()}
    status: dict[str, str] = {}
    edited: dict[str, list[str]] = {}
    orphans: list[Orphan] = []
    for c in corrections:
        found = [resolve_target(t, by_id, by_span) for t in c.targets]
        if c.kind in GROUP_KINDS:
            if any(f is None for f in found):
                orphans.append(Orphan(c, "an event of the group is no longer in the table"))
            continue
        eid = found[0] if found else None
        if eid is None:
            t = c.targets[0] if c.targets else None
            where = f"article {t.article_id}, characters {t.char_start}-{t.char_end}, {t.location}" if t else "?"
            orphans.append(Orphan(c, f"no event at its evidence span any more ({where})"))
            continue
        if c.kind == EDIT:
            rows[eid][c.field] = _typed(c.field, c.new)
            if c.field not in edited.setdefault(eid, []):
                edited[eid].append(c.field)
        else:
            status[eid] = STATUS_KINDS[c.kind]
    out = []
    for eid, row in rows.items():
        if edited.get(eid) and ({"amount", "currency", "date_start"} & set(edited[eid])):
            row["amount_usd"] = _usd(row)
        state = status.get(eid, "new")
        if state != "rejected" and edited.get(eid):
            state = "corrected"
        row["review_status"] = state
        row["corrected_fields"] = ";".join(edited.get(eid, []))
        out.append(row)
    return out, orphans


def _usd(row: dict) -> str:
    from .curation.currency import to_usd
    try:
        value, currency = float(row["amount"]), str(row["currency"])
        day = dt.date.fromisoformat(str(row["date_start"])[:10])
    except (TypeError, ValueError):
        return ""
    usd = to_usd(value, currency, day) if currency else None
    return "" if usd is None else _text_cell("amount_usd", round(usd, 2))


def resolve_groups(events: Sequence[dict], corrections: Sequence[Correction],
                   kinds: set[str] = GROUP_KINDS) -> list[tuple[Correction, list[str | None]]]:
    """Group corrections (join, split) with the current event id of each of their targets (None: gone)."""
    by_id, by_span = index_events(events)
    return [(c, [resolve_target(t, by_id, by_span) for t in c.targets]) for c in corrections if c.kind in kinds]


def corrections_rows(corrections: Sequence[Correction], orphans: Sequence[Orphan] = ()) -> list[dict]:
    """The corrections as flat rows for a CSV: one per correction, its events `;`-separated."""
    lost = {o.correction.correction_id: o.reason for o in orphans}
    return [{"correction_id": c.correction_id, "created_at": c.created_at, "author": c.author, "kind": c.kind,
             "field": c.field or "", "old": c.old or "", "new": c.new or "", "note": c.note,
             "event_ids": ";".join(t.event_id for t in c.targets),
             "article_id": ";".join(dict.fromkeys(t.article_id for t in c.targets)),
             "char_start": ";".join(str(t.char_start) for t in c.targets),
             "char_end": ";".join(str(t.char_end) for t in c.targets),
             "orphaned": lost.get(c.correction_id, "")}
            for c in corrections]


CORRECTION_COLUMNS = ["correction_id", "created_at", "author", "kind", "field", "old", "new", "note",
                      "event_ids", "article_id", "char_start", "char_end", "orphaned"]


def edits_for(row: dict, changes: dict, author: str, note: str = "") -> list[Correction]:
    """Edit corrections for the fields of ``changes`` whose value differs from the row's (reviewed) value."""
    target = Target.of(row)
    out = []
    for column, value in changes.items():
        old, new = _typed(column, row.get(column)), _typed(column, value)
        if old != new:
            out.append(Correction(EDIT, (target,), author, column, old, new, note))
    return out


def status_correction(row: dict, kind: str, author: str, note: str = "") -> Correction:
    return Correction(kind, (Target.of(row),), author, note=note)


def group_correction(rows: Sequence[dict], kind: str, author: str, note: str = "", label: str = "") -> Correction:
    """A join or split of several events (for incidents): ``label`` is kept as the correction's new value."""
    return Correction(kind, tuple(Target.of(r) for r in rows), author, new=label or None, note=note)
