#!/usr/bin/env bash
# Export the chapters as offline reveal.js slides a lecturer can present from any browser, no internet needed.
#
#   bash scripts/slides.sh                          every chapters/*.ipynb -> _build/slides/<chapter>.slides.html
#   bash scripts/slides.sh chapters/04_x.ipynb ...  only these chapters
#   bash scripts/slides.sh --out DIR [...]          write somewhere else (the tests use a temporary folder)
#   bash scripts/slides.sh --handouts [...]         also print DIR/handouts/<chapter>.handout.pdf (Chromium)
#
# Each chapter is executed in a fresh kernel with MMN_COURSE_BUILD=1, so its figures and quizzes are the book's
# kernel-free ones (plotly sliders and buttons keep working in the slides). Slide breaks come from the cells'
# metadata.slideshow.slide_type (scripts/slide_metadata.py sets them), and each slide taller than the 1280x720
# frame is split between blocks when it opens; code is not shown; exercise answers and quiz answers appear on a
# key press; speaker notes come from book/slides/notes.yaml. Everything the slides load is copied beside them:
# reveal.js (pinned, fetched once from the npm registry by scripts/vendor_reveal.py), plotly.min.js of the
# installed plotly, MathJax 3 (book/_vendor) and the course's quiz/differential scripts.
# Keys in the slides: arrows/space/PageDown to move, S for the speaker view (lecturer notes), F for full screen.
# Handout: open <chapter>.slides.html?handout and print it (3 slides per A4 page, lines for notes).
set -euo pipefail
cd "$(dirname "$0")/.."

out=_build/slides
notebooks=()
handouts=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    --handouts) handouts=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) notebooks+=("$1"); shift ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
  notebooks=(chapters/*.ipynb)
fi

if [ "${MMN_SKIP_SETUP:-0}" != "1" ]; then  # the tests set it: never pip-install under running tests
  bash scripts/setup.sh >/dev/null
fi
.venv/bin/python scripts/vendor_reveal.py >/dev/null

start=$(date +%s)
mkdir -p "$out"
out=$(cd "$out" && pwd)
# Assets beside the slides (replaced each time, so a removed file does not linger).
rm -rf "$out/reveal.js" "$out/plotly" "$out/mathjax" "$out/course"
cp -r presenter/_vendor/reveal.js "$out/reveal.js"
rm -f "$out/reveal.js/stamp.json"
cp -r book/_vendor/plotly "$out/plotly"
cp -r book/_vendor/mathjax "$out/mathjax"
mkdir -p "$out/course"
cp widgets/static/*.js widgets/static/*.css "$out/course/" 2>/dev/null || true
# the scripts kept in parts (widgets/static/quiz/), joined as the book serves them
.venv/bin/python -c "import sys; from widgets.assets import write_bundles; write_bundles(sys.argv[1])" "$out/course"
# the models computed in the page (conduction, IVIg, needle EMG): their tables and scripts
.venv/bin/python -c "import sys; from mmn_book.slides.export import write_in_page_models; write_in_page_models(sys.argv[1])" "$out/course"

# The executed kernels use a private IPython profile that silences ipykernel's start-up notice (as the book does).
export IPYTHONDIR="$PWD/_build/.ipython-slides"
mkdir -p "$IPYTHONDIR/profile_default"
echo 'c.IPKernelApp.log_level = "ERROR"' > "$IPYTHONDIR/profile_default/ipython_kernel_config.py"
export MMN_COURSE_BUILD=1
export PYDEVD_DISABLE_FILE_VALIDATION=1

# One nbconvert per chapter, a few at a time.
jobs=$(nproc 2>/dev/null || echo 2); [ "$jobs" -gt 4 ] && jobs=4
printf '%s\0' "${notebooks[@]}" | xargs -0 -n 1 -P "$jobs" \
  .venv/bin/jupyter nbconvert --to slides --execute --config book/_ext/mmn_book/slides/config.py \
    --log-level=WARN --output-dir "$out"

if [ "$handouts" = 1 ]; then
  .venv/bin/python -m mmn_book.slides.handout_pdf "$out"
fi

echo
echo "Slides in $(( $(date +%s) - start )) s:"
for nb in "${notebooks[@]}"; do
  echo "  file://$out/$(basename "${nb%.ipynb}").slides.html   (handout: add ?handout)"
done
