// Quick in-module check: node bench/quick.mjs [W1] [batch] [wasm]
import { readFileSync } from "node:fs";
import { WORKLOADS } from "./lib/workloads.mjs";
import { bench } from "./engines/inmodule-node.mjs";
import { median } from "./lib/stats.mjs";
const w = WORKLOADS[process.argv[2] ?? "W1"];
const batch = Number(process.argv[3] ?? 1000);
const wasmBytes = readFileSync(process.argv[4] ?? new URL("../build/stream_processor.wasm", import.meta.url));
const messages = w.stream(Number(process.env.N ?? 100000), 42);
const r = bench({ wasmBytes, config: w.config, prime: w.prime(), messages, batch, runs: Number(process.env.RUNS ?? 7) });
const nsPerMsg = r.perRun.map((p) => p.ns / p.messages);
console.log(process.argv[2] ?? "W1", "batch", batch, "ns/msg median", median(nsPerMsg).toFixed(1), "runs", nsPerMsg.map((x) => x.toFixed(0)).join(" "),
  "outputs/msg", (r.perRun[0].outputs / r.perRun[0].messages).toFixed(2), "heapTopDelta", r.heapTopDelta, "memGrowth", r.memoryGrowth, "configureMs", r.configureMs.toFixed(2), "errors", r.errors, "timer", r.timerOverheadNs.toFixed(0));
