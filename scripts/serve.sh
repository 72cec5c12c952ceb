#!/usr/bin/env bash
# `make serve`: the action server plus `rasa run` (through runtime/, see its __main__) with the REST,
# socket.io and Slack channels on 127.0.0.1:5005, in the foreground. The site origins allowed by CORS
# and the socket.io channel come from RASA_CORS_ORIGIN (space-separated). Rasa's HTTP API (trackers,
# model, ...) stays off unless RASA_ENABLE_API=true, and then it needs the token in RASA_AUTH_TOKEN.
set -euo pipefail
cd "$(dirname "$0")/.."
api=()
if [ "${RASA_ENABLE_API:-false}" = "true" ]; then
  if [ -z "${RASA_AUTH_TOKEN:-}" ]; then
    echo "RASA_ENABLE_API=true needs RASA_AUTH_TOKEN, a secret of your choice, e.g.: export RASA_AUTH_TOKEN=\$(openssl rand -hex 24)" >&2
    exit 2
  fi
  api=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi
exec scripts/with_actions.sh .venv/bin/python -m runtime run --model models/advisor.tar.gz \
  --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml \
  --interface "${RASA_INTERFACE:-127.0.0.1}" --port "${RASA_PORT:-5005}" \
  "${api[@]}" --cors ${RASA_CORS_ORIGIN:-http://127.0.0.1:8080}  # unquoted: a list
