"""Run the dashboard's page once inside a started server: `python scripts/warm_dashboard.py [STREAMLIT ARGS]`.

Waits for `streamlit run` (on 127.0.0.1, at `--server.port` of the arguments or 8501) to answer its
health check, then asks for /_stcore/script-health-check (enabled in .streamlit/config.toml), which
runs the script in the server: its imports, the loaded table and the default view's charts are then
in the server's caches for the first visitor. scripts/dashboard.sh calls it. Nothing leaves the machine.
"""
from __future__ import annotations

import sys
import time
import urllib.request

DEFAULT_PORT = 8501


def port_of(argv: list[str]) -> int:
    """--server.port N or --server.port=N among streamlit's arguments (before a `--`), else 8501."""
    args = argv[:argv.index("--")] if "--" in argv else argv
    for i, arg in enumerate(args):
        if arg == "--server.port" and i + 1 < len(args):
            return int(args[i + 1])
        if arg.startswith("--server.port="):
            return int(arg.split("=", 1)[1])
    return DEFAULT_PORT


def main(argv: list[str]) -> int:
    base = f"http://127.0.0.1:{port_of(argv)}/_stcore"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2):
                break
        except OSError:
            time.sleep(0.25)
    else:
        print("warm_dashboard: the server did not answer within 60 s", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"{base}/script-health-check", timeout=120) as answer:
            answer.read()
    except OSError as exc:
        print(f"warm_dashboard: the page's warm-up run failed ({exc}); the first visit will pay it", file=sys.stderr)
        return 1
    print(f"warm_dashboard: page run once in the server in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
