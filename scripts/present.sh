#!/usr/bin/env bash
# Serve the lecture deck (presenter/*.ipynb) with Voila on this computer only, for projecting in a lecture hall.
#
#   bash scripts/present.sh              serve on http://127.0.0.1:8866 (the next free port if 8866 is taken)
#   bash scripts/present.sh --port 9000  serve on another port
#   bash scripts/present.sh --theme dark     projector theme: light (default), dark or contrast (black, white, yellow)
#   bash scripts/present.sh --scale 1.25     type-size factor, 0.5-2 (1: 40 px text, 64 px titles at 1920x1080)
#   bash scripts/present.sh --join-url URL   the class link (http/https, at most 200 bytes): its QR code on page 1
#   bash scripts/present.sh --poll URL       the class poll server (bash scripts/poll.sh) for the quiz page
#
# Prints the deck's URL once Voila answers, then serves until Ctrl-C. Open the URL in a browser on the same
# computer (F11 for full screen). Each element of the deck opens in its own kernel: the nerve conduction
# simulator, the IVIg model, the differential explorer and a lecture-mode quiz, in presenter mode (one screen,
# big type, big preset buttons, only the controls that matter) with no code shown (--strip_sources=True).
# Keys: -> / PageDown next page, <- / PageUp previous page, 1-9 and 0 choose a preset, R reveals a quiz answer,
# Q shows the class link's QR code large.
# Page changes are fast because Voila keeps one kernel per page preheated (the page already executed,
# --preheat_kernel/--pool_size); the kernel of a page the lecturer left (no browser connected) is shut down
# after 60 idle seconds (Voila's own shutdown request on leaving a page fails: voila-dashboards/voila#1458),
# never in the second after a preheated kernel is handed to a page (deck/kernels.py).
# plotly's 5 MB figure front end is served once as a cacheable file (widgets/plotly_bundle.py) instead of
# travelling inline with every figure of every page, and the JupyterLab extensions the deck does not use are not
# loaded: plotly's mime renderer (another 4.8 MB plotly.js on every page; the deck's figures are widgets), RISE
# and Voila's JupyterLab preview button.
# Voila listens on 127.0.0.1 only, so nobody else on the lecture-hall network can reach the kernels.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${MMN_PRESENT_PORT:-8866}
theme=${MMN_PRESENT_THEME:-light}
scale=${MMN_PRESENT_SCALE:-1}
join_url=${MMN_PRESENT_JOIN_URL:-}
poll_url=${CLASSPOLL_URL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --theme) theme=$2; shift 2 ;;
    --theme=*) theme=${1#--theme=}; shift ;;
    --scale) scale=$2; shift 2 ;;
    --scale=*) scale=${1#--scale=}; shift ;;
    --join-url|--poll)
      [ $# -ge 2 ] || { echo "present: $1 needs a URL (see --help)" >&2; exit 2; }
      if [ "$1" = --poll ]; then poll_url=$2; else join_url=$2; fi
      [ -n "$2" ] || { echo "present: $1 needs a URL, got an empty one" >&2; exit 2; }
      shift 2 ;;
    --join-url=*) join_url=${1#--join-url=}; [ -n "$join_url" ] || { echo "present: --join-url needs a URL" >&2; exit 2; }; shift ;;
    --poll=*) poll_url=${1#--poll=}; [ -n "$poll_url" ] || { echo "present: --poll needs a URL" >&2; exit 2; }; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "present: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$theme" in
  light) voila_theme=light ;;
  dark|contrast) voila_theme=dark ;;
  *) echo "present: --theme must be light, dark or contrast, got '$theme'" >&2; exit 2 ;;
esac
if ! awk -v s="$scale" 'BEGIN { exit !(s ~ /^[0-9]+([.][0-9]+)?$/ && s >= 0.5 && s <= 2) }'; then
  echo "present: --scale must be a number from 0.5 to 2, got '$scale'" >&2; exit 2
fi
# A link for a QR code: http(s), no spaces or quotes, short enough for the QR encoder (widgets/deck_join.py).
if [ -n "$join_url" ]; then
  if ! [[ "$join_url" =~ ^https?://[^[:space:]\<\>\"\'\`]+$ ]] || [ "$(printf %s "$join_url" | wc -c)" -gt 200 ]; then
    echo "present: --join-url must be an http:// or https:// link of at most 200 bytes, got '$join_url'" >&2; exit 2
  fi
fi
if [ -n "$poll_url" ] && ! [[ "$poll_url" =~ ^https?://[^[:space:]\<\>\"\'\`]+$ ]]; then
  echo "present: --poll must be the poll server's http:// or https:// address, got '$poll_url'" >&2; exit 2
fi
# The deck's kernels inherit these (widgets.presenter_style, widgets.deck_join and classpoll.deck read them).
export MMN_PRESENT_THEME=$theme MMN_PRESENT_SCALE=$scale MMN_PRESENT_JOIN_URL=$join_url
if [ -n "$poll_url" ]; then export CLASSPOLL_URL=$poll_url; else unset CLASSPOLL_URL; fi

if [ "${MMN_SKIP_SETUP:-0}" != "1" ]; then
  bash scripts/setup.sh >/dev/null
fi

# The default port may be taken (another deck, another server): take the next free one.
port=$(.venv/bin/python - "$port" <<'EOF'
import socket, sys
port = int(sys.argv[1])
for candidate in range(port, port + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        print(candidate)
        break
else:
    sys.exit(f"present: no free port in {port}..{port + 49}")
EOF
)

# Presenter mode means the live widgets, never the kernel-free book views.
unset MMN_COURSE_BUILD
# The deck's Voila template (presenter/share/voila/templates/mmn_present: the lab template without CDN links).
# plotly's figure front end as one static file of the deck's template (browser-cached across pages): copied
# into a folder of this run, found by Voila through JUPYTER_PATH, named to the kernels by MMN_PLOTLY_BUNDLE.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/mmn-present.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
export MMN_PLOTLY_BUNDLE
MMN_PLOTLY_BUNDLE=$(.venv/bin/python -m widgets.plotly_bundle "$run_dir/share/voila/templates/mmn_present/static")
export JUPYTER_PATH="$PWD/presenter/share:$run_dir/share${JUPYTER_PATH:+:$JUPYTER_PATH}"
url="http://127.0.0.1:$port/"

.venv/bin/voila presenter/ \
  --no-browser \
  --Voila.ip=127.0.0.1 \
  --port="$port" \
  --Voila.port_retries=0 \
  --template=mmn_present \
  --theme="$voila_theme" \
  --strip_sources=True \
  --show_tracebacks=False \
  --VoilaConfiguration.file_allowlist='.*\.(png|jpg|svg|css)' \
  --ContentsManager.hide_globs=__pycache__ --ContentsManager.hide_globs='*.py' \
  --ContentsManager.hide_globs=share --ContentsManager.hide_globs=_vendor \
  --VoilaConfiguration.extension_denylist=jupyterlab-plotly \
  --VoilaConfiguration.extension_denylist=jupyterlab-rise \
  --VoilaConfiguration.extension_denylist=@voila-dashboards/jupyterlab-preview \
  --preheat_kernel=True --pool_size=1 \
  --VoilaConfiguration.multi_kernel_manager_class=deck.kernels.DeckKernelManager \
  --MappingKernelManager.cull_idle_timeout=60 --MappingKernelManager.cull_interval=15 \
  --MappingKernelManager.cull_connected=False &
voila=$!
trap 'kill "$voila" 2>/dev/null || true; wait "$voila" 2>/dev/null || true; rm -rf "$run_dir"' EXIT INT TERM

# Wait until Voila answers (at most 60 s), then say where the deck is.
if ! .venv/bin/python - "$url" "$voila" <<'EOF'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("present: Voila stopped before it served the deck")
    try:
        urllib.request.urlopen(url, timeout=2)
        sys.exit(0)
    except Exception:
        time.sleep(0.2)
sys.exit("present: Voila did not answer within 60 s")
EOF
then
  exit 1
fi

echo
echo "Lecture deck: $url"
for nb in presenter/*.ipynb; do
  echo "  $(basename "$nb" .ipynb): ${url}voila/render/$(basename "$nb")"
done
echo "Serving on 127.0.0.1 only. Ctrl-C to stop."
wait "$voila"
