// Instruction counting helper (noise-free comparisons on a shared machine):
// see bench/instr.sh. Runs workload W in-module for K batches of 1,000 messages.
import { readFileSync } from "node:fs";
import { WORKLOADS } from "./lib/workloads.mjs";
import { instantiate, configure } from "./engines/inmodule-node.mjs";
import { frameStream, frameBatch } from "./lib/frame.mjs";
const [wname = "W1", batches = "20", wasm = "build/stream_processor.wasm"] = process.argv.slice(2);
const w = WORKLOADS[wname];
const x = instantiate(readFileSync(wasm));
configure(x, w.config);
const prime = w.prime();
const put = (f) => { const p = x.input_area(f.length); new Uint8Array(x.memory.buffer, p, f.length).set(f); };
if (prime.length) { const f = frameBatch(prime, 0, prime.length); put(f); x.process(f.length); }
// The same 4 batches every time; only the number of process calls varies.
const frames = frameStream(w.stream(4000, 42), 1000);
for (let k = 0; k < Number(batches); k++) { const f = frames[k & 3]; put(f); x.process(f.length); }
