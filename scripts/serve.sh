#!/usr/bin/env bash
# `make serve`: the action server plus `rasa run` with the REST and socket.io channels and the HTTP
# API on 127.0.0.1:5005, in the foreground. The API token comes from RASA_AUTH_TOKEN; the site origins
# allowed by CORS and the socket.io channel from RASA_CORS_ORIGIN (space-separated).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RASA_AUTH_TOKEN:-}" ]; then
  echo "Set RASA_AUTH_TOKEN to a secret of your choice first, e.g.: export RASA_AUTH_TOKEN=\$(openssl rand -hex 24)" >&2
  exit 2
fi
exec scripts/with_actions.sh .venv/bin/rasa run --model models/advisor.tar.gz \
  --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml \
  --interface "${RASA_INTERFACE:-127.0.0.1}" --port "${RASA_PORT:-5005}" \
  --enable-api --auth-token "$RASA_AUTH_TOKEN" --cors ${RASA_CORS_ORIGIN:-http://127.0.0.1:8080}  # unquoted: a list
