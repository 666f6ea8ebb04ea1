"""Where the user waits, in a real browser: `python scripts/bench_browser.py [--data PATH] [--runs 3]`.

Starts `streamlit run dashboard/app.py` on a free port of 127.0.0.1 (on `--data`, default the
bundled data/events.csv) and drives Debian's Chromium (/usr/bin/chromium, headless) through
Playwright, with every request to a host other than 127.0.0.1 aborted. It measures, per run, in
a fresh browser context (an empty cache, as a first visit) and then again in the same context
(the browser's cache warm, as a second visit):

- open: from the navigation's start to every chart of the page drawn (the last change under any
  chart's `.vega-embed` before the page is quiet for 0.4 s), waiting also for the script run to
  end and the event table to be attached;
- filter change: from choosing a value in the sidebar (the country multiselect, then the
  topic multiselect, then clearing them) to the run being over and every chart still on the
  page having drawn again after the change;
- bytes: what the websocket brought for the open and for each change.

Prints a line per measure, and the median of each over the runs. Nothing leaves the machine; the
app it started is stopped at the end. Speed is measured here, never in a timed test.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 120_000

# The time each chart last changed on the page, and first drew: Vega draws a chart as SVG inside
# `.vega-embed` and updates it in place, so any change under it is a draw. Installed before the
# page's own scripts.
RECORDER = """
window.__draws = {}; window.__first = {};
new MutationObserver(records => {
  const now = performance.now();
  for (const record of records) {
    const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    const chart = node && node.closest && node.closest('.vega-embed');
    if (!chart || !chart.querySelector('svg .role-mark')) continue;
    const key = (chart.closest('[class*="st-key-"]') || {className: ''}).className.match(/st-key-(\\S+)/);
    const name = key ? key[1] : 'chart';
    window.__draws[name] = now;
    window.__first[name] = window.__first[name] || now;
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

# True once the script run is over, a chart has drawn since `since` (page ms; on opening: every
# chart has drawn) and no chart has changed for QUIET_MS: a chart whose data a change left as they
# were is not drawn again, so "every chart drew again" cannot be waited for.
QUIET_MS = 400
SETTLED = """([since, opening, quiet]) => {
  const running = document.querySelector('[data-testid=stStatusWidget]');
  if (running && /running/i.test(running.textContent || '')) return false;
  if (document.querySelector('[data-stale=true]')) return false;
  if (!document.querySelector('.st-key-events_table table[role=grid]')) return false;
  const charts = document.querySelectorAll('.vega-embed');
  const draws = Object.values(window.__draws || {});
  if (!charts.length || !draws.length) return false;
  if (opening && draws.length < charts.length) return false;
  const last = Math.max(...draws);
  return last > since && performance.now() - last > quiet;
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(data: Path, port: int, app_file: str = "dashboard/app.py", root: Path = ROOT) -> subprocess.Popen:
    """`streamlit run` of the copy of the repository at ``root`` (its own .venv and config)."""
    command = [str(root / ".venv" / "bin" / "streamlit"), "run", app_file, "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none",
               "--", "--data", str(data)]
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"streamlit in {root} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.25)
    process.terminate()
    sys.exit(f"streamlit in {root} did not answer within 60 s")


class Traffic:
    """Bytes the page's websocket receives (from CDP frames)."""

    def __init__(self, page):
        self.bytes = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload) -> None:
        self.bytes += len(payload)


def settle(page, since: float) -> float:
    """Wait until the page is drawn after `since` (page ms); return the time of the last draw (page ms)."""
    page.wait_for_function(SETTLED, arg=[since, False, QUIET_MS], timeout=TIMEOUT_MS, polling=50)
    return page.evaluate("() => Math.max(...Object.values(window.__draws))")


def change(page, traffic: Traffic, label: str, action) -> tuple[str, float, int]:
    before_bytes = traffic.bytes
    since = page.evaluate("() => performance.now()")
    action()
    drawn = settle(page, since)
    return label, (drawn - since) / 1000, traffic.bytes - before_bytes


def pick(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} input")
    box.fill(text)
    box.press("Enter")
    box.press("Escape")   # close the list, which would cover the sidebar's button


def new_context(browser):
    """A browser context with an empty cache whose requests off 127.0.0.1 are aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    context.route(lambda u: urlsplit(u).hostname != "127.0.0.1", lambda route: route.abort("blockedbyclient"))
    context.add_init_script(RECORDER)
    return context


def one_visit(context, url: str) -> list[tuple[str, float, int]]:
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url)
    page.wait_for_function(SETTLED, arg=[0, True, QUIET_MS], timeout=TIMEOUT_MS, polling=50)
    # from the navigation's start to the last change of any chart before the page settled, on the
    # page's own clock: every chart drawn with its data, and drawn again if the page's width moved
    opened = page.evaluate("() => Math.max(...Object.values(window.__draws))") / 1000
    results = [("open", opened, traffic.bytes)]
    page.locator(".st-key-f_country input").wait_for()
    results.append(change(page, traffic, "country filter", lambda: pick(page, "f_country", "Ukraine")))
    results.append(change(page, traffic, "topic filter", lambda: pick(page, "f_topic", "attack")))
    results.append(change(page, traffic, "clear filters",
                          lambda: page.locator(".st-key-f_clear button").click()))
    page.close()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "events.csv")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium")
    port = free_port()
    app = start_app(args.data.resolve(), port)
    url = f"http://127.0.0.1:{port}/"
    measures: dict[str, list[float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = new_context(browser)
            one_visit(warm, url)   # fill the server's caches once, not measured
            warm.close()
            for run in range(args.runs):
                context = new_context(browser)
                for visit in ("first visit", "second visit"):
                    for label, seconds, size in one_visit(context, url):
                        name = f"{label} ({visit})" if label == "open" else label
                        measures.setdefault(name, []).append(seconds)
                        print(f"run {run + 1} {visit:12} {label:15} {seconds:6.2f} s {size / 1e6:7.2f} MB")
                context.close()
            browser.close()
    finally:
        app.terminate()
        app.wait(timeout=10)
    print(f"\n{args.data}: median of {args.runs} run(s)")
    for name, values in measures.items():
        print(f"  {name:24} {statistics.median(values):6.2f} s  (min {min(values):.2f}, max {max(values):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
