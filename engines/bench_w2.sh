#!/usr/bin/env bash
# Throughput of the stream_processor in a Benthos pipeline vs the Node host,
# over the same W2 messages (bench/lib/workloads.mjs: sources press/tF/r,
# 60% press / 30% tF / 10% r with varying values, the W2 mappings), measured in
# one session, interleaved (node, benthos, node, benthos, ...).
#
#   bash engines/bench_w2.sh [MESSAGES] [ROUNDS] [RUNS]     (default 100000 3 3)
#
# Batch 1000 and batch 1 (batch 1 over MESSAGES/5 messages). Each engine
# invocation does one warm-up pass and RUNS timed passes; ROUNDS invocations
# per engine; the table shows medians over all ROUNDS x RUNS passes.
# Assumes `npm run build`; builds engines/benthos/cmd/bench-w2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-100000}" rounds="${2:-3}" runs="${3:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$root/build/stream_processor.wasm" "$root/engines/benthos/wasm/stream_processor.wasm"
(cd "$root/engines/benthos" && go build -o "$work/bench-w2" ./cmd/bench-w2)
mkdir -p "$work/b1000" "$work/b1"
node "$root/engines/bench/w2_stream.mjs" "$work/b1000" "$n" 42
node "$root/engines/bench/w2_stream.mjs" "$work/b1" "$((n / 5))" 42

for batch in 1000 1; do
  dir="$work/b$batch"
  for ((r = 0; r < rounds; r++)); do
    node "$root/engines/bench/w2_node.mjs" "$dir" "$batch" "$runs" >> "$work/results.jsonl"
    "$work/bench-w2" "$dir" "$batch" "$runs" >> "$work/results.jsonl"
  done
done

node --input-type=module - "$work/results.jsonl" <<'JS'
import { readFileSync } from "node:fs";
import os from "node:os";
const rows = readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => JSON.parse(l));
const groups = new Map();
for (const r of rows) {
  const k = `${r.batch}\t${r.engine}`;
  const g = groups.get(k) ?? { ...r, all: [] };
  g.all.push(...r.nsPerMsg);
  if (g.outputs !== r.outputs) throw new Error(`${k}: outputs differ between rounds`);
  groups.set(k, g);
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores (shared); node ${process.version}; ${new Date().toISOString()}`);
console.log("\n| batch | engine | messages | outputs | median ns/msg | median msgs/s | runs |\n|---:|---|---:|---:|---:|---:|---:|");
for (const g of groups.values()) {
  const ns = median(g.all);
  console.log(`| ${g.batch} | ${g.engine} | ${g.messages} | ${g.outputs} | ${ns.toFixed(0)} | ${Math.round(1e9 / ns).toLocaleString("en-US")} | ${g.all.length} |`);
}
JS
