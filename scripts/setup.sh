#!/usr/bin/env bash
# Set up everything the course needs, idempotently:
#   .venv with the pinned packages (requirements/constraints.txt), the course package installed editable,
#   and the vendored JavaScript the offline book serves (book/_vendor, tests/_vendor).
# Usage: bash scripts/setup.sh            (book and tests)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null; then
  echo "setup: $PYTHON not found; install Python >= 3.11" >&2; exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi

# Reinstall only when the project's requirements changed.
stamp=.venv/.mmn-course-installed
want=$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing pinned packages into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e ".[test,live,hub]"
  echo "$want" > "$stamp"
fi

.venv/bin/python scripts/vendor.py
.venv/bin/python scripts/vendor_reveal.py

# The JavaScript developer tools, pinned in package.json/package-lock.json: the linter (Biome;
# tests/unit/course/test_lint.py runs it) and JupyterHub's proxy, configurable-http-proxy 5.2.0 (Node >= 20;
# tests/live/test_poll_hub_real.py runs the class poll behind it). The book itself needs no Node.
if ! command -v npm >/dev/null; then
  echo "setup: installing Debian's nodejs and npm for the JavaScript tools"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x node_modules/.bin/biome ] || [ ! -x node_modules/.bin/configurable-http-proxy ] \
   || [ package-lock.json -nt node_modules/.bin/biome ]; then
  echo "setup: installing the JavaScript tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.bin/biome
fi
