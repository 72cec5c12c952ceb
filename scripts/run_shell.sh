#!/usr/bin/env bash
# `make shell`: the assistant in this terminal, with its action server; type /stop to leave.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONWARNINGS=ignore  # the libraries' deprecation notices would bury the conversation
exec scripts/with_actions.sh .venv/bin/python -m runtime shell --model models/advisor.tar.gz \
  --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --credentials credentials.yml
