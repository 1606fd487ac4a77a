#!/usr/bin/env bash
# Set everything up, build the HTML book (executing every chapter), and say where to open it.
# Usage: bash scripts/book.sh            build into _build/html
#        bash scripts/book.sh --serve    build, then serve it on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
start=$(date +%s)
rm -rf _build/html  # no page of an earlier build (a renamed chapter) survives into this one
mkdir -p _build
# the log goes to _build/build.log too, where the tests read it when they reuse this build (MMN_REUSE_BUILD=1)
.venv/bin/jupyter-book build . --all -W --keep-going 2>&1 | tee _build/build.log
.venv/bin/python scripts/export_pdf.py
echo
echo "Built in $(( $(date +%s) - start )) s. Open: file://$PWD/_build/html/index.html"
echo "Whole course on one printable page: file://$PWD/_build/html/print/course.html"
if [ "${1:-}" = "--serve" ]; then
  echo "Serving on http://127.0.0.1:8000 (Ctrl-C to stop)"
  exec .venv/bin/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html
fi
