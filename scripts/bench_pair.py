"""Two versions of the page against each other: `python scripts/bench_pair.py --a DIR --b DIR [--pairs 8]`.

DIR is a copy of the repository (its own `.venv`, or a link to one) holding one version: each
runs its own `streamlit run dashboard/app.py` from its directory (so its `.streamlit/config.toml`)
on a free port of 127.0.0.1, with the Chromium set-up and the measures of scripts/bench_browser.py
(one unmeasured visit to each first). Then, pair after pair, one first visit to A and one to B, in
turn (A, B, A, B...), so both meet the same load on this shared machine: each visit is an open
(navigation to every chart drawn) and the three filter changes. Prints a line per pair (the
load average, each version's open and Chromium's CPU during it, all its processes) and the
medians, with how many pairs B was faster in. `--canvas` also counts a chart drawn on a canvas
(a canvas draw changes nothing in the page's DOM, which bench_browser.py watches).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_browser import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, new_context, one_visit, start_app  # noqa: E402

# A canvas draw as a draw of its chart, recorded as bench_browser's RECORDER records SVG changes.
CANVAS_RECORDER = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fill', 'stroke', 'fillText', 'drawImage', 'fillRect']) {
    const native = proto[name];
    proto[name] = function (...args) {
      const chart = this.canvas.closest && this.canvas.closest('.vega-embed');
      if (chart) {
        const key = (chart.closest('[class*="st-key-"]') || {className: ''}).className.match(/st-key-(\\S+)/);
        const now = performance.now(), chartName = key ? key[1] : 'chart';
        window.__draws[chartName] = now;
        window.__first[chartName] = window.__first[chartName] || now;
      }
      return native.apply(this, args);
    };
  }
})();
"""


def chromium_cpu() -> float:
    """CPU seconds used so far by this process's Chromium descendants, ended ones included (from /proc)."""
    parent, stats = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        parent[int(entry)] = int(fields[1])
        # its own time and that of its children it has reaped (a closed page's renderer), so the sum
        # does not drop when a process ends
        stats[int(entry)] = (name, sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK"))
    mine = os.getpid()

    def descends(pid: int) -> bool:
        while pid > 1:
            pid = parent.get(pid, 1)
            if pid == mine:
                return True
        return False
    return sum(cpu for pid, (name, cpu) in stats.items() if "chrom" in name.lower() and descends(pid))


def visit(browser, url: str, canvas: bool) -> tuple[list[tuple[str, float, int]], float]:
    context = new_context(browser)
    if canvas:
        context.add_init_script(CANVAS_RECORDER)
    before = chromium_cpu()
    results = one_visit(context, url)
    cpu = chromium_cpu() - before
    context.close()
    return results, cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", type=Path, required=True)
    parser.add_argument("--b", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "events.csv")
    parser.add_argument("--canvas", action="store_true")
    args = parser.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium")
    apps, urls = [], {}
    try:
        for name, folder in (("A", args.a), ("B", args.b)):
            port = free_port()
            apps.append(start_app(args.data.resolve(), port, root=folder.resolve()))
            urls[name] = f"http://127.0.0.1:{port}/"
        table: dict[str, dict[str, list[float]]] = {"A": {}, "B": {}}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in "AB":
                visit(browser, urls[name], args.canvas)   # the server's caches, not measured
            for pair in range(args.pairs):
                load = os.getloadavg()[0]
                line = [f"pair {pair + 1:2} load {load:4.2f}"]
                for name in "AB":
                    results, cpu = visit(browser, urls[name], args.canvas)
                    for label, seconds, _ in results:
                        table[name].setdefault(label, []).append(seconds)
                    table[name].setdefault("chromium cpu", []).append(cpu)
                    line.append(f"{name}: open {results[0][1]:5.2f} s cpu {cpu:5.2f} s changes "
                                + " ".join(f"{r[1]:.2f}" for r in results[1:]))
                print("  ".join(line), flush=True)
            browser.close()
    finally:
        for app in apps:
            app.terminate()
            app.wait(timeout=10)
    print(f"\nA = {args.a}, B = {args.b}: medians of {args.pairs} pairs (min-max)")
    for label in table["A"]:
        a, b = table["A"][label], table["B"][label]
        faster = sum(y < x for x, y in zip(a, b))
        print(f"  {label:15} A {statistics.median(a):5.2f} ({min(a):.2f}-{max(a):.2f})  "
              f"B {statistics.median(b):5.2f} ({min(b):.2f}-{max(b):.2f})  B lower in {faster} of {len(a)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
