#!/usr/bin/env bash
# The engines' tests: the Benthos plugin (go test: conformance vectors through a
# real stream, the example pipeline through the built binary, and the
# cross-host agreement test Node/Benthos/wasmtime) and the wasmtime host
# (pytest, with the YAML parity test against the Node host and a fresh-venv
# test of the documented `pip install -e ./engines/wasmtime`, which needs the
# package index or pip's cache). Installs what it needs from the project's own files:
#   - engines/.venv: python3 -m venv + pip install -r engines/wasmtime/requirements.txt
#     (reinstalled when the requirements change)
#   - Go modules of engines/benthos/go.mod/go.sum (fetched by go test)
#   - engines/benthos/wasm/stream_processor.wasm: a copy of build/ for go:embed
# Assumes `npm run build` has run (build/stream_processor.wasm, dist/host/).
# Exits non-zero on any failure, including a test runner that ran no test.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engines="$root/engines"
venv="$engines/.venv"
say() { printf '\n== engines: %s\n' "$*"; }

for f in build/stream_processor.wasm dist/host/index.js; do
  [[ -f "$root/$f" ]] || { echo "engines/test.sh: $f is missing: run \`npm run build\` first" >&2; exit 1; }
done

say "python venv ($venv)"
req="$engines/wasmtime/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]] || ! "$venv/bin/python" -c "import wasmtime, pytest" 2>/dev/null; then
  python3 -m venv --clear "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
fi

say "embedding build/stream_processor.wasm"
cmp -s "$root/build/stream_processor.wasm" "$engines/benthos/wasm/stream_processor.wasm" ||
  cp "$root/build/stream_processor.wasm" "$engines/benthos/wasm/stream_processor.wasm"

say "go vet + go test (engines/benthos)"
unset SP_SKIP_CROSS_HOST
golog="$(mktemp)"
trap 'rm -f "$golog"' EXIT
failed=0
set +e
(
  cd "$engines/benthos" || exit 1
  go vet ./... || exit 1
  SP_PYTHON="$venv/bin/python" go test -count=1 -v ./... 2>&1 | tee "$golog" | grep -E '^(---|ok|FAIL|PASS|panic)|_test.go:'
  exit "${PIPESTATUS[0]}"
) || failed=1
for t in TestConformanceVectors_ThroughABenthosStream TestCrossHost_NodeBenthosWasmtime_AgreeByteForByte TestExamplePipeline_BuiltBinary_OutputsAndDeadLetters; do
  grep -q -- "--- PASS: $t" "$golog" || { echo "engines/test.sh: $t did not pass" >&2; failed=1; }
done

say "pytest (engines/wasmtime)"
(cd "$engines/wasmtime" && "$venv/bin/python" -m pytest -q -p no:cacheprovider)
rc=$?
if [[ $rc -eq 5 ]]; then echo "engines/test.sh: pytest collected no tests" >&2; failed=1; fi
[[ $rc -eq 0 ]] || failed=1
set -e
if [[ $failed -ne 0 ]]; then echo "engines/test.sh: FAILED" >&2; exit 1; fi
