#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 runs on 3.8-3.10 only), or explain how to get one.
set -euo pipefail
is310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
candidates+=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -t. -k3 -n -r); do
    candidates+=("$(pyenv root)/versions/$v/bin/python3.10")
  done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 python3)
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null || true)
  if [ -n "$path" ] && is310 "$path"; then echo "$path"; exit 0; fi
done
cat >&2 <<'MSG'
No Python 3.10 found (Rasa 3.6 needs 3.8-3.10). Install one, for example:
  pyenv install 3.10.13         # with pyenv
  apt-get install python3.10    # on Debian/Ubuntu releases that ship it
or point PYTHON310 at an interpreter: make shell PYTHON310=/path/to/python3.10
MSG
exit 1
