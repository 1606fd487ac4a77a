#!/usr/bin/env bash
# Set everything up that the tests need (packages, vendored JS, Debian's chromium) and run all tests:
# model and notebook checks, nbval over every chapter, a full book build with -W, and browser tests
# of the built book in headless Chromium. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null; then
  echo "test: installing Debian's chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
