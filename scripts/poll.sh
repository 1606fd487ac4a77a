#!/usr/bin/env bash
# Start the class poll server (classpoll) and print the lecturer's link with its token.
#
#   bash scripts/poll.sh                 # this laptop only: http://127.0.0.1:8890/
#   bash scripts/poll.sh --lan           # phones on the same network join at http://<this laptop's address>:8890/
#   bash scripts/poll.sh --port 9000 --db /path/poll.sqlite    # any option of `python -m classpoll --help`
#
# The lecturer token is kept in the database and printed at every start (CLASSPOLL_TOKEN overrides it);
# answers are in ~/.local/share/classpoll/poll.sqlite unless --db or CLASSPOLL_DB says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3

args=()
lan=0
port=8890
while [ $# -gt 0 ]; do
  case "$1" in
    --lan) lan=1 ;;
    --port) port="$2"; args+=("--port" "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ "$lan" = 1 ]; then
  # this machine's own LAN address, read locally (no packet is sent)
  addr="$(hostname -I 2>/dev/null | awk '{print $1}')"
  [ -n "$addr" ] || addr="$(ipconfig getifaddr en0 2>/dev/null || true)"
  if [ -z "$addr" ]; then
    echo "poll.sh: could not find this machine's LAN address; pass --public-url http://ADDRESS:$port/" >&2
    exit 2
  fi
  args=(--host 0.0.0.0 --public-url "http://$addr:$port/" "${args[@]}")
fi
exec "$PY" -m classpoll "${args[@]}"
