#!/usr/bin/env bash
# Install the packages and open the dashboard on the bundled data/events.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/streamlit run dashboard/app.py "$@" &
server=$!
trap 'kill "$server" 2>/dev/null || true' INT TERM
# Warm the server: one run of the page inside it (imports, the table, the default view's charts, all
# kept in its caches), so the first visitor does not wait for them. Local only; a failure is harmless.
.venv/bin/python scripts/warm_dashboard.py "$@" || true
wait "$server"
