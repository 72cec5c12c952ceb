#!/usr/bin/env bash
# `make web`: the demo provider page with the chat widget on http://127.0.0.1:8080 (WEB_PORT), and the
# bot it talks to (`make serve`: action server + `rasa run` on 127.0.0.1:5005). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
web_port=${WEB_PORT:-8080}
export WEB_PORT=$web_port
export RASA_CORS_ORIGIN=${RASA_CORS_ORIGIN:-http://127.0.0.1:$web_port}
export RASA_SOCKET_URL=${RASA_SOCKET_URL:-http://127.0.0.1:${RASA_PORT:-5005}}
.venv/bin/python -m web.server &
site_pid=$!
trap 'kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true' EXIT
echo "==> The demo page: http://127.0.0.1:$web_port (the chat opens from the corner once the bot is up)"
scripts/serve.sh
