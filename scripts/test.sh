#!/usr/bin/env bash
# Install everything the tests need (packages, Debian's Chromium for the browser test) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium >/dev/null
fi
mkdir -p artifacts
exec .venv/bin/python -m pytest -q "$@"
