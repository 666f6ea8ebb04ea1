#!/usr/bin/env bash
# Install everything the tests need (packages, Debian's Chromium for the browser test) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium >/dev/null
fi
# PostgreSQL for the store's server tests (tests/stores.py starts a throwaway server on 127.0.0.1)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q postgresql >/dev/null
fi
export WARNEWS_REQUIRE_PG=1   # installed above: the PostgreSQL tests must run, not skip
mkdir -p artifacts
exec .venv/bin/python -m pytest -q "$@"
