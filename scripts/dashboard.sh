#!/usr/bin/env bash
# Install the packages and open the dashboard on the bundled data/events.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/streamlit run dashboard/app.py "$@"
