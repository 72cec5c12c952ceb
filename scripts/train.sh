#!/usr/bin/env bash
# Trains models/advisor.tar.gz unless it was trained from exactly the current inputs: config, domain,
# training data, custom NLU components and pinned packages. It compares content, not dates: a git
# checkout or an editor's save touches files without changing them, and Rasa's own retrain of an
# unchanged project still takes about a minute. Run by `make train` (so by shell, serve, web, test).
set -euo pipefail
cd "$(dirname "$0")/.."
model=models/advisor.tar.gz
stamp=models/advisor.inputs.sha256

# What the model is trained from, one file a line; the Makefile takes its prerequisites from here too.
list_inputs() {
  { printf '%s\n' config.yml domain.yml requirements.txt requirements-vectors.txt
    find data components understanding advisor/vocabulary.yml -type f \( -name '*.yml' -o -name '*.py' \); } | LC_ALL=C sort
}
if [[ ${1:-} == --list-inputs ]]; then
  list_inputs
  exit 0
fi

inputs=$(list_inputs | tr '\n' '\0' | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [[ -f $model && -f $stamp && $(<"$stamp") == "$inputs" ]]; then
  touch "$model"
  echo "==> $model is up to date (trained from these very inputs)"
  exit 0
fi

echo "==> Training (config, domain, data or components changed)"
start=$(date +%s)
rm -f "$stamp"
.venv/bin/rasa train --fixed-model-name advisor --out models
echo "$inputs" > "$stamp"
touch -d "@$start" "$model"  # dated at the start: files edited during training make it stale for make
