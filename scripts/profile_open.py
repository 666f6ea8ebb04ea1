"""Where an open of the page spends its time: `python scripts/profile_open.py [--page dashboard|bare|plotly]`.

Starts `streamlit run` on a free port of 127.0.0.1 with the same Chromium set-up as
scripts/bench_browser.py (headless, every request off 127.0.0.1 aborted), opens the page in a fresh
browser context after one unmeasured visit (the server's caches warm, as for any visit but the
first), and prints a timeline on the page's clock (ms from the navigation's start):

- the front end's own script loaded, the websocket opened, its first and last message of the run;
- each file of more than 200 kB fetched;
- each chart's first draw (plotly's `plotly_afterplot`; Vega's view once its canvas or SVG has marks);
- the work Chromium did, by kind (from a performance trace, which slows the page a little).

`--page bare` is a page of one st.write (the floor: what Streamlit alone costs), `--page plotly` that
page with one small plotly chart (the floor plus plotly's bundle; needs `pip install plotly`, no longer
a dependency), `--page vega` with one small Vega-Lite chart. Nothing leaves the machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_browser import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, start_app  # noqa: E402

PAGES = {
    "bare": 'import streamlit as st\nst.write("Hello")\n',
    "plotly": ('import plotly.graph_objects as go\nimport streamlit as st\nst.write("Hello")\n'
               'st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])), key="one")\n'),
    "vega": ('import streamlit as st\nst.write("Hello")\n'
             'st.vega_lite_chart({"data": {"values": [{"x": 1, "y": 3}, {"x": 2, "y": 1}, {"x": 3, "y": 2}]},'
             ' "mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"},'
             ' "y": {"field": "y", "type": "quantitative"}}}, key="one")\n'),
}

# Times of the websocket's messages and of each chart's first draw, on the page's clock.
RECORDER = """
window.__ws = {open: null, first: null, last: null, count: 0, sizes: []};
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  socket.addEventListener('open', () => { window.__ws.open = performance.now(); });
  socket.addEventListener('message', message => {
    const now = performance.now();
    window.__ws.sizes.push([Math.round(now), message.data.size || message.data.byteLength || 0]);
    window.__ws.first = window.__ws.first || now; window.__ws.last = now; window.__ws.count++;
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
window.__drawn = {};
new MutationObserver(() => {
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (plot.__recorded || typeof plot.on !== 'function') continue;
    plot.__recorded = true;
    const key = (plot.closest('[class*="st-key-"]') || {className: ''}).className.match(/st-key-(\\S+)/);
    plot.on('plotly_afterplot', () => { window.__drawn[key ? key[1] : 'chart'] ??= performance.now(); });
  }
  document.querySelectorAll('.vega-embed').forEach((chart, i) => {
    const holder = chart.closest('[class*="st-key-"]');
    const key = holder ? holder.className.match(/st-key-(\\S+)/)[1] : `vega ${i + 1}`;
    if (!(key in window.__drawn) && chart.querySelector('canvas, svg .role-mark'))
      window.__drawn[key] = performance.now();
  });
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


SCRIPT_EVENTS = ("v8.evaluateModule", "v8.compileModule", "v8.parseOnBackground", "FunctionCall", "Layout",
                 "UpdateLayoutTree", "Paint", "MinorGC", "MajorGC")


def script_costs(trace: dict) -> dict[str, float]:
    """Milliseconds Chromium spent per kind of work: modules evaluated (a chunk's top level, which
    Chromium does not name by URL), parsing off the main thread, JavaScript called, layout, paint, GC."""
    spent: dict[str, float] = defaultdict(float)
    for event in trace["traceEvents"]:
        if event.get("ph") == "X" and event.get("name") in SCRIPT_EVENTS:
            spent[event["name"]] += event.get("dur", 0) / 1000
    return spent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", choices=["dashboard", *PAGES], default="dashboard")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "events.csv")
    parser.add_argument("--cold", action="store_true",
                        help="measure the server's first visit (no unmeasured visit before it)")
    parser.add_argument("--warm-server", action="store_true",
                        help="with --cold: first run the page inside the server (scripts/warm_dashboard.py)")
    parser.add_argument("--messages", action="store_true", help="print each websocket message's time and size")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        app_file = "dashboard/app.py"
        if args.page != "dashboard":
            app_file = str(Path(folder) / "page.py")
            Path(app_file).write_text(PAGES[args.page], encoding="utf-8")
        port = free_port()
        app = start_app(args.data.resolve(), port, app_file)
        url = f"http://127.0.0.1:{port}/"
        if args.warm_server:
            import warm_dashboard
            warm_dashboard.main(["--server.port", str(port)])
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for measured in ((True,) if args.cold else (False, True)):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                    context.route(lambda u: urlsplit(u).hostname != "127.0.0.1",
                                  lambda route: route.abort("blockedbyclient"))
                    context.add_init_script(RECORDER)
                    page = context.new_page()
                    if measured:
                        browser.start_tracing(page=page, categories=["devtools.timeline", "v8"])
                    page.goto(url)
                    expected = 1 if args.page in ("plotly", "vega") else (4 if args.page == "dashboard" else 0)
                    page.wait_for_function(
                        """n => Object.keys(window.__drawn).length >= n && window.__ws.last
                                && performance.now() - window.__ws.last > 1000""", arg=expected, timeout=120_000)
                    page.wait_for_timeout(300)
                    if measured:
                        costs = script_costs(json.loads(browser.stop_tracing()))
                        report(page, costs, args.messages)
                    context.close()
                browser.close()
        finally:
            app.terminate()
            app.wait(timeout=10)
    return 0


def report(page, costs: dict[str, float], messages: bool) -> None:
    timing = page.evaluate("""() => ({
        ws: window.__ws, drawn: window.__drawn,
        dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        resources: performance.getEntriesByType('resource').map(r => ({
            name: r.name, start: r.startTime, end: r.responseEnd, size: r.decodedBodySize}))})""")
    rows = [(timing["dom"], "DOMContentLoaded")]
    for resource in timing["resources"]:
        if resource["size"] > 200_000:
            name = resource["name"].rsplit("/", 1)[-1]
            rows.append((resource["start"], f"fetch {name} ({resource['size'] / 1e6:.2f} MB) starts"))
            rows.append((resource["end"], f"fetch {name} ends"))
    ws = timing["ws"]
    rows += [(ws["open"], "websocket open"), (ws["first"], "first message"),
             (ws["last"], f"last message ({ws['count']} in all)")]
    rows += [(at, f"first draw of {key}") for key, at in timing["drawn"].items()]
    if messages:
        rows += [(at, f"  message of {size / 1e3:.1f} kB") for at, size in ws["sizes"]]
    for at, what in sorted((r for r in rows if r[0] is not None), key=lambda r: r[0]):
        print(f"{at:8.0f} ms  {what}")
    print("main-thread work (ms): " + ", ".join(f"{name} {spent:.0f}" for name, spent in costs.items()))


if __name__ == "__main__":
    sys.exit(main())
