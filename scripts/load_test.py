"""Load test: N concurrent user sessions drive the dashboard over Streamlit's own websocket protocol.

usage: python scripts/load_test.py [--sessions 10] [--interactions 6] [--think 5] [--ramp 10]
                                   [--max-seconds 2] [--timeout 180] [--seed 0]
                                   [--data PATH | --url http://127.0.0.1:PORT]

Each session does what a browser tab does, without the browser: it opens ws://…/_stcore/stream
(subprotocol "streamlit"), asks for a script run (BackMsg rerun_script with the page's query
string) and then, after a pause to "think", changes one filter widget the way the front end
reports it (a WidgetState for f_country, f_topic, f_dates or f_text, or the trigger of the
"Clear filters" button) with the query string the app last wrote. Values come from what the
page offered: a country or topic from the multiselect's options, a date range inside the
date input's bounds, a word from an event's summary. An interaction's latency runs from the
request (for "open": from opening the socket) to the ForwardMsg `script_finished` of that run,
when a browser has every element of the page. Like a browser the client keeps the large
messages it has seen and tells the server their hashes, so an unchanged map is not re-sent.

By default the sessions arrive evenly over 10 s and pause about 5 s (2.5-7.5 s) before each
change, as people reading a page do; all of them are connected at once. `--think 0 --ramp 0`
is the burst: every session asks again the moment its page is drawn.

A run counts only if it finished successfully with the app's row-count caption, no exception
and no error box; a filter change counts only if the app put the filter into the URL.

The app is started here (`streamlit run dashboard/app.py` on a free port of 127.0.0.1, on
`--data` or the bundled data/events.csv) and always stopped again, or attached to with
`--url`, which must be 127.0.0.1 or localhost: no traffic leaves the machine. The app started
here has no file watcher (see serving_app). Everything is
bounded: a fixed number of interactions, a time limit per interaction and one for the run.
Exit code 0 when every interaction succeeded and the overall p95 is within --max-seconds,
1 otherwise, 2 when the app could not be started or reached.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.view import viewstate  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

DEFAULT_SESSIONS = 10
DEFAULT_INTERACTIONS = 6          # open + one change of each kind below
# A user reads the page before the next change, and users do not all arrive in the same instant.
# `--think 0 --ramp 0` is the burst: every session asks again the moment its page is drawn.
DEFAULT_THINK_S = 5.0             # mean pause between a page update and the next change
DEFAULT_RAMP_S = 10.0             # the sessions arrive evenly over this many seconds
DEFAULT_MAX_S = 2.0
DEFAULT_TIMEOUT_S = 180.0         # the whole run: start, warm-up and every session
INTERACTION_TIMEOUT_S = 30.0      # one request until its script_finished
START_TIMEOUT_S = 60.0            # streamlit answering /_stcore/health
MAX_MESSAGE_BYTES = 64 * 2**20    # the offline map alone is about 1 MB

OPEN = "open"
CHANGES = ("country", "topic", "dates", "text", "clear")
KINDS = (OPEN, *CHANGES)
# The app's widget keys (dashboard/app.py) for each kind of change.
WIDGET_KEYS = {"country": "f_country", "topic": "f_topic", "dates": "f_dates", "text": "f_text",
               "clear": "f_clear"}
# The query parameter (dashboard/view/viewstate.py) a change must put into the URL.
CHANGE_PARAMS = {"country": viewstate.COUNTRY, "topic": viewstate.TOPIC, "dates": viewstate.DATE_FROM,
                 "text": viewstate.TEXT}
CAPTION = re.compile(r"^(\d+) of (\d+) events")
WORD = re.compile(r"[^\W\d_]{4,}")


class LoadTestError(RuntimeError):
    """The load test could not run at all (the app did not start, or a URL is not local)."""


class InteractionError(RuntimeError):
    """One interaction failed; the message says what the session saw."""


# --- What a session sees: the elements of one script run (pure) ---------------------------

@dataclass
class Run:
    """One script run as the client received it."""
    status: str = ""
    elements: list[Element] = field(default_factory=list)
    query_string: str = ""
    compile_error: str = ""
    messages: int = 0
    bytes: int = 0
    cached_refs: int = 0

    def widgets(self) -> dict[str, Element]:
        """The run's widgets by their user key (`$$ID-<hash>-<key>`)."""
        found = {}
        for element in self.elements:
            kind = element.WhichOneof("type")
            widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
            if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
                found[widget_id.split("-", 2)[2]] = element
        return found

    def caption(self) -> tuple[int, int] | None:
        """(shown, total) from the app's "N of M events" caption."""
        for element in self.elements:
            if element.WhichOneof("type") == "markdown" and (match := CAPTION.match(element.markdown.body)):
                return int(match[1]), int(match[2])
        return None

    def charts(self) -> list[str]:
        """The names of the charts drawn (each spec's "name": map, timeline, casualties, aid, quantities)."""
        return [json.loads(element.vega_lite_chart.spec).get("name", "chart") for element in self.elements
                if element.WhichOneof("type") == "vega_lite_chart"]

    def has_table(self) -> bool:
        return any(element.WhichOneof("type") == "dataframe" for element in self.elements)

    def problems(self) -> list[str]:
        """Why this run does not count as a real, successful run of the app (empty if it does)."""
        found = []
        if self.status != "FINISHED_SUCCESSFULLY":
            found.append(f"script ended with {self.status or 'no script_finished'}")
        if self.compile_error:
            found.append(f"script does not compile: {self.compile_error}")
        for element in self.elements:
            kind = element.WhichOneof("type")
            if kind == "exception":
                found.append(f"exception in the app: {element.exception.type}: {element.exception.message}")
            elif kind == "alert" and element.alert.format == element.alert.ERROR:
                found.append(f"error box: {element.alert.body}")
        if self.caption() is None:
            found.append("no 'N of M events' caption: the page did not render the table")
        return found


class RunReader:
    """Assembles ForwardMsgs into Runs; keeps cacheable elements like the browser's message cache."""

    def __init__(self) -> None:
        self.cache: dict[str, Element] = {}
        self.query_string = ""

    def start(self) -> Run:
        return Run(query_string=self.query_string)

    def feed(self, run: Run, raw: bytes) -> bool:
        """Add one ForwardMsg to `run`; True when the run is over (a rerun it asked for included)."""
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        run.messages += 1
        run.bytes += len(raw)
        kind = msg.WhichOneof("type")
        if kind == "new_session":      # a run starts (again, after st.rerun): only its elements count
            run.elements.clear()
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            run.elements.append(msg.delta.new_element)
            if msg.metadata.cacheable:
                self.cache[msg.hash] = msg.delta.new_element
        elif kind == "ref_hash":
            if msg.ref_hash not in self.cache:
                raise InteractionError(f"the server referred to message {msg.ref_hash} the client never got")
            run.elements.append(self.cache[msg.ref_hash])
            run.cached_refs += 1
        elif kind == "page_info_changed":
            self.query_string = run.query_string = msg.page_info_changed.query_string
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            run.compile_error = msg.session_event.script_compilation_exception.message
        elif kind == "script_finished":
            run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
            return msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        return False


def rerun_request(query_string: str, states: Sequence[WidgetState] = (),
                  cached: Sequence[str] = ()) -> bytes:
    """The BackMsg the front end sends to run the script after a widget change."""
    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    msg.rerun_script.widget_states.widgets.extend(states)
    msg.rerun_script.cached_message_hashes.extend(cached)
    return msg.SerializeToString()


def plan(session: int, interactions: int) -> list[str]:
    """Open the page, then cycle through the kinds of change, each session starting elsewhere."""
    return [OPEN] + [CHANGES[(session + i) % len(CHANGES)] for i in range(max(interactions - 1, 0))]


def choose_change(kind: str, page: Run, rng: random.Random) -> tuple[list[WidgetState], str]:
    """The widget state a user's change sends, chosen from what the page offers, and its value."""
    widgets = page.widgets()
    key = WIDGET_KEYS[kind]
    if key not in widgets:
        raise InteractionError(f"the page has no widget {key!r} to change (widgets: {sorted(widgets)})")
    element = widgets[key]
    state = WidgetState(id=getattr(element, element.WhichOneof("type")).id)
    if kind in ("country", "topic"):
        options = list(element.multiselect.options)
        if not options:
            raise InteractionError(f"{key} offers no options")
        value = rng.choice(options)
        state.string_array_value.data.append(value)
    elif kind == "dates":
        low, high = date.fromisoformat(element.date_input.min), date.fromisoformat(element.date_input.max)
        start = low + timedelta(days=rng.randint(0, max((high - low).days, 0)))
        value = f"{start.isoformat()}..{high.isoformat()}"     # "since <day>": the latest events stay in
        state.string_array_value.data.extend([start.isoformat(), high.isoformat()])
    elif kind == "text":
        labels = list(widgets["event_pick"].selectbox.options) if "event_pick" in widgets else []
        words = [w for label in labels for w in WORD.findall(label.partition(" · ")[2])]
        value = rng.choice(words) if words else "attack"
        state.string_value = value
    else:  # clear
        value = "Clear filters"
        state.trigger_value = True
    return [state], value


def change_problems(kind: str, value: str, run: Run) -> list[str]:
    """Whether the app applied the change: the filter is in the URL, or gone after clearing."""
    params = parse_qs(run.query_string)
    if kind == "clear":
        counts = run.caption()
        return [] if not params and counts and counts[0] == counts[1] else \
            [f"'Clear filters' left {run.query_string!r} and caption {counts}"]
    wanted = CHANGE_PARAMS[kind]
    if wanted not in params:
        return [f"the app did not put {wanted!r} into the URL after {kind} = {value!r} "
                f"({run.query_string!r})"]
    if kind == "text" and params[wanted] != [value]:
        return [f"the URL has q={params[wanted]} after searching {value!r}"]
    return []


# --- Figures (pure) ------------------------------------------------------------------------

@dataclass
class Record:
    """One interaction of one session."""
    session: int
    step: int
    kind: str
    seconds: float | None = None
    value: str = ""
    error: str = ""
    shown: int | None = None
    total: int | None = None
    query_string: str = ""
    charts: list[str] = field(default_factory=list)
    has_table: bool = False
    bytes: int = 0
    cached_refs: int = 0

    @property
    def ok(self) -> bool:
        return not self.error and self.seconds is not None


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass
class Stats:
    count: int
    failed: int
    median: float | None
    p95: float | None
    max: float | None
    mean_kb: float


def stats(records: Sequence[Record]) -> Stats:
    times = [r.seconds for r in records if r.ok]
    return Stats(len(records), sum(not r.ok for r in records),
                 statistics.median(times) if times else None, percentile(times, 0.95) if times else None,
                 max(times) if times else None,
                 statistics.mean(r.bytes for r in records) / 1000 if records else 0.0)


@dataclass
class Report:
    sessions: int
    interactions: int
    think_s: float
    ramp_s: float
    max_seconds: float
    records: list[Record]
    wall_s: float
    warmup_s: list[float]
    url: str
    client_cpu_s: float | None = None
    server_cpu_s: float | None = None
    load_average: tuple[float, float] | None = None     # 1-minute load before and after the sessions

    def by_kind(self) -> dict[str, Stats]:
        return {kind: stats([r for r in self.records if r.kind == kind])
                for kind in KINDS if any(r.kind == kind for r in self.records)}

    def overall(self) -> Stats:
        return stats(self.records)

    def errors(self) -> list[Record]:
        return [r for r in self.records if not r.ok]

    def failures(self) -> list[str]:
        """Why the run fails its goal (empty when it passes)."""
        found = [f"{len(self.errors())} of {len(self.records)} interactions failed"] if self.errors() else []
        overall = self.overall()
        if overall.p95 is not None and overall.p95 > self.max_seconds:
            found.append(f"p95 {overall.p95:.3f} s exceeds {self.max_seconds:g} s")
        return found

    def machine(self) -> str:
        """What else used the CPU: the client itself, the server, other processes (load average)."""
        parts = [f"machine: {os.cpu_count()} cores"]
        if self.load_average:
            parts.append(f"load average {self.load_average[0]:.1f} before, {self.load_average[1]:.1f} after")
        if self.server_cpu_s is not None:
            parts.append(f"server CPU {self.server_cpu_s:.1f} s")
        if self.client_cpu_s is not None:
            parts.append(f"load-test client CPU {self.client_cpu_s:.1f} s")
        return ", ".join(parts) + f" during the {self.wall_s:.1f} s of sessions"

    def format(self) -> str:
        def cell(value: float | None) -> str:
            return "-" if value is None else f"{value:.3f}"
        lines = [f"load test of {self.url}: {self.sessions} concurrent sessions x {self.interactions} "
                 f"interactions, think time ~{self.think_s:g} s, "
                 + (f"arriving over {self.ramp_s:g} s" if self.ramp_s else "all starting at once")
                 + f", wall {self.wall_s:.1f} s",
                 "warm-up (cold first run, not counted): "
                 + (", ".join(f"{s:.2f} s" for s in self.warmup_s) or "none"),
                 self.machine(),
                 f"{'interaction':<12}{'count':>6}{'failed':>7}{'median s':>10}{'p95 s':>9}{'max s':>9}"
                 f"{'kB recv':>10}"]
        rows = [*self.by_kind().items(), ("overall", self.overall())]
        for name, s in rows:
            lines.append(f"{name:<12}{s.count:>6}{s.failed:>7}{cell(s.median):>10}{cell(s.p95):>9}"
                         f"{cell(s.max):>9}{s.mean_kb:>10.0f}")
        errors = self.errors()
        lines.append(f"errors: {len(errors)}")
        lines += [f"  session {r.session} step {r.step} {r.kind}: {r.error}" for r in errors[:20]]
        if len(errors) > 20:
            lines.append(f"  … and {len(errors) - 20} more")
        failures = self.failures()
        lines.append("FAIL: " + "; ".join(failures) if failures else
                     f"PASS: every interaction succeeded, p95 within {self.max_seconds:g} s")
        return "\n".join(lines)


# --- The sessions: websocket I/O -----------------------------------------------------------

def stream_url(url: str) -> str:
    parts = urlsplit(url)
    return f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


async def receive_run(socket_, reader: RunReader, deadline: float) -> Run:
    """Read ForwardMsgs until the run the last request started has finished."""
    run = reader.start()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InteractionError(f"no script_finished within {INTERACTION_TIMEOUT_S:g} s "
                                   f"({run.messages} messages so far)")
        try:
            raw = await asyncio.wait_for(socket_.recv(), left)
        except asyncio.TimeoutError:
            continue
        if isinstance(raw, str):
            raise InteractionError("the server sent a text frame; Streamlit speaks binary protobufs")
        if reader.feed(run, raw):
            return run


def record_run(record: Record, run: Run, started: float) -> None:
    record.seconds = time.perf_counter() - started
    record.query_string = run.query_string
    record.charts = run.charts()
    record.has_table = run.has_table()
    record.bytes = run.bytes
    record.cached_refs = run.cached_refs
    counts = run.caption()
    if counts:
        record.shown, record.total = counts
    problems = run.problems()
    if problems:
        raise InteractionError("; ".join(problems))


async def run_session(url: str, session: int, interactions: int, think_s: float, seed: int,
                      records: list[Record], delay_s: float = 0.0) -> None:
    """One user: open the page, then change filters one at a time. Appends to `records` as it goes."""
    rng = random.Random(seed * 1_000 + session)
    steps = plan(session, interactions)
    reader = RunReader()
    page: Run | None = None
    await asyncio.sleep(delay_s)
    started = time.perf_counter()
    record = Record(session, 0, OPEN)
    records.append(record)
    try:
        async with connect(stream_url(url), subprotocols=[Subprotocol("streamlit")], proxy=None,
                           max_size=MAX_MESSAGE_BYTES, open_timeout=INTERACTION_TIMEOUT_S) as socket_:
            await socket_.send(rerun_request(""))
            page = await receive_run(socket_, reader, time.monotonic() + INTERACTION_TIMEOUT_S)
            record_run(record, page, started)
            for step, kind in enumerate(steps[1:], start=1):
                await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                record = Record(session, step, kind)
                records.append(record)
                states, record.value = choose_change(kind, page, rng)
                started = time.perf_counter()
                await socket_.send(rerun_request(reader.query_string, states, list(reader.cache)))
                run = await receive_run(socket_, reader, time.monotonic() + INTERACTION_TIMEOUT_S)
                record_run(record, run, started)
                problems = change_problems(kind, record.value, run)
                if problems:
                    raise InteractionError("; ".join(problems))
                page = run
    except InteractionError as exc:
        record.error = str(exc)
    except Exception as exc:  # a refused or closed socket, a bad message: this session ends, the rest go on
        record.error = f"{type(exc).__name__}: {exc}"
    for step in range(len(records_of(records, session)), len(steps)):
        records.append(Record(session, step, steps[step], error="not run: the session ended early"))


def records_of(records: list[Record], session: int) -> list[Record]:
    return [r for r in records if r.session == session]


async def run_sessions(url: str, sessions: int, interactions: int, think_s: float, seed: int,
                       limit_s: float, ramp_s: float = 0.0) -> list[Record]:
    """All sessions at once (or arriving evenly over `ramp_s`), within `limit_s`; interactions not
    reached by then count as failed."""
    records: list[Record] = []
    tasks = [asyncio.create_task(run_session(url, s, interactions, think_s, seed, records,
                                             ramp_s * s / sessions))
             for s in range(sessions)]
    done, pending = await asyncio.wait(tasks, timeout=max(limit_s, 0.0))
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for session in range(sessions):
        mine = records_of(records, session)
        for record in mine:
            if record.seconds is None and not record.error:
                record.error = f"not finished within the run's time limit ({limit_s:.0f} s left)"
        steps = plan(session, interactions)
        for step in range(len(mine), len(steps)):
            records.append(Record(session, step, steps[step],
                                  error=f"not run within the run's time limit ({limit_s:.0f} s left)"))
    return sorted(records, key=lambda r: (r.session, r.step))


async def warm_up(url: str, count: int) -> list[float]:
    """Open the page `count` times one after another: the first run imports and caches everything."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        async with connect(stream_url(url), subprotocols=[Subprotocol("streamlit")], proxy=None,
                           max_size=MAX_MESSAGE_BYTES, open_timeout=INTERACTION_TIMEOUT_S) as socket_:
            await socket_.send(rerun_request(""))
            run = await receive_run(socket_, RunReader(), time.monotonic() + START_TIMEOUT_S)
        if run.problems():
            raise LoadTestError(f"the app's first run failed: {'; '.join(run.problems())}")
        times.append(time.perf_counter() - started)
    return times


# --- The app: start, health, stop ----------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_local(url: str) -> str:
    host = urlsplit(url).hostname
    if urlsplit(url).scheme != "http" or host not in LOCAL_HOSTS:
        raise LoadTestError(f"--url {url!r} is not on this machine: give http://127.0.0.1:PORT "
                            "(the load test sends no traffic elsewhere)")
    return url.rstrip("/")


def fetch_health(url: str) -> bool:
    """True when streamlit answers /_stcore/health; never through a proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen | None, log: Path | None, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise LoadTestError(f"streamlit exited with code {process.returncode}: "
                                f"{log.read_text(errors='replace')[-2000:] if log else ''}")
        if fetch_health(url):
            return
        time.sleep(0.25)
    raise LoadTestError(f"{url}/_stcore/health did not answer in time; is the app running?")


def fetch_cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of a process from /proc (None where there is no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return None


@contextmanager
def serving_app(url: str | None, data: Path | None, deadline: float) -> Iterator[tuple[str, int | None]]:
    """The app's URL and process id: the given local URL (no pid), or a `streamlit run` started
    here and stopped on exit."""
    if url:
        url = require_local(url)
        wait_healthy(url, None, None, deadline)
        yield url, None
        return
    port = free_port()
    # No file watcher: others edit dashboard/ while a run may be going on, and a watched edit makes
    # each session's next run evict the module from sys.modules while other sessions' runs are
    # importing it (KeyError: 'dashboard.view.figures'). A served app is not reloaded on save either.
    command = [str(STREAMLIT), "run", str(APP), "--server.headless", "true", "--server.address",
               "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    if data:
        command += ["--", "--data", str(data)]
    with tempfile.TemporaryDirectory(prefix="load_test_") as folder:
        log = Path(folder) / "streamlit.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process, log, min(deadline, time.monotonic() + START_TIMEOUT_S))
            yield url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def load_test(*, sessions: int = DEFAULT_SESSIONS, interactions: int = DEFAULT_INTERACTIONS,
              think_s: float = DEFAULT_THINK_S, ramp_s: float = DEFAULT_RAMP_S,
              max_seconds: float = DEFAULT_MAX_S, timeout_s: float = DEFAULT_TIMEOUT_S,
              url: str | None = None, data: Path | None = None,
              seed: int = 0, warmup: int = 1) -> Report:
    """Start (or attach to) the app, warm it up, run the sessions at once and return the figures."""
    began = time.monotonic()
    deadline = began + timeout_s
    with serving_app(url, data, deadline) as (app_url, pid):
        warmup_s = asyncio.run(asyncio.wait_for(warm_up(app_url, warmup),
                                                max(deadline - time.monotonic(), 0.1)))
        load_before, client_before = os.getloadavg()[0], time.process_time()
        server_before = fetch_cpu_seconds(pid)
        wall = time.monotonic()
        records = asyncio.run(run_sessions(app_url, sessions, interactions, think_s, seed,
                                           deadline - time.monotonic(), ramp_s))
        wall = time.monotonic() - wall
        server_after = fetch_cpu_seconds(pid)
        return Report(sessions, interactions, think_s, ramp_s, max_seconds, records, wall, warmup_s, app_url,
                      client_cpu_s=time.process_time() - client_before,
                      server_cpu_s=None if server_before is None or server_after is None
                      else server_after - server_before,
                      load_average=(load_before, os.getloadavg()[0]))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=DEFAULT_SESSIONS, help="concurrent user sessions")
    ap.add_argument("--interactions", type=int, default=DEFAULT_INTERACTIONS,
                    help="per session, the first being 'open the page'")
    ap.add_argument("--think", type=float, default=DEFAULT_THINK_S,
                    help="mean pause in seconds before each change (0: back to back)")
    ap.add_argument("--ramp", type=float, default=DEFAULT_RAMP_S,
                    help="seconds over which the sessions arrive, evenly (0: all at once)")
    ap.add_argument("--max-seconds", type=float, default=DEFAULT_MAX_S, help="p95 goal per interaction")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="limit for the whole run, s")
    ap.add_argument("--warmup", type=int, default=1, help="uncounted page opens before the sessions")
    ap.add_argument("--seed", type=int, default=0, help="seed of the users' choices")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--url", help="attach to a running app on 127.0.0.1 instead of starting one")
    where.add_argument("--data", type=Path, help="event table for the app started here")
    args = ap.parse_args(argv)
    if args.sessions < 1 or args.interactions < 1 or args.timeout <= 0 or args.think < 0 or args.ramp < 0:
        ap.error("--sessions, --interactions and --timeout must be positive, --think and --ramp not negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        report = load_test(sessions=args.sessions, interactions=args.interactions, think_s=args.think,
                           ramp_s=args.ramp, max_seconds=args.max_seconds, timeout_s=args.timeout,
                           url=args.url,
                           data=args.data, seed=args.seed, warmup=args.warmup)
    except (LoadTestError, OSError, asyncio.TimeoutError) as exc:
        print(f"load test could not run: {exc or type(exc).__name__}", file=sys.stderr)
        return 2
    print(report.format())
    return 1 if report.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
