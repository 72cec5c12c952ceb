#!/usr/bin/env bash
# Run a command with the action server alive beside it: start it (runtime/action_server.py) in the
# background, wait until it answers, run the command in the foreground, and stop the action server
# when the command ends (normally, with Ctrl-C, or on error), so nothing is left running.
# The action server listens on SANIC_HOST (default 127.0.0.1) and answers only requests carrying
# ACTION_SERVER_TOKEN, which Rasa sends from the endpoints file; without one set, a new random token
# is made for this run and shared by both.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${ACTIONS_PORT:-5055}
if [ -z "${ACTION_SERVER_TOKEN:-}" ]; then
  ACTION_SERVER_TOKEN=$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(24))')
fi
export ACTION_SERVER_TOKEN
mkdir -p .rasa
log=.rasa/actions.log
echo "==> Starting the action server on ${SANIC_HOST:-127.0.0.1}:$port (log: $log)"
.venv/bin/python -m runtime.action_server --port "$port" >"$log" 2>&1 &
actions_pid=$!
stop() { kill "$actions_pid" 2>/dev/null || true; wait "$actions_pid" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 240); do
  if ! kill -0 "$actions_pid" 2>/dev/null; then
    echo "The action server stopped during start-up; its log:" >&2; tail -20 "$log" >&2; exit 1
  fi
  .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" \
    2>/dev/null && break
  sleep 0.5
done
"$@"
