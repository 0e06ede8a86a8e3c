// A/B comparison of module builds in one process, passes interleaved so machine
// noise hits both alike: node bench/ab.mjs W1 1000 a.wasm b.wasm [c.wasm ...]
import { readFileSync } from "node:fs";
import { WORKLOADS } from "./lib/workloads.mjs";
import { bench } from "./engines/inmodule-node.mjs";
import { median } from "./lib/stats.mjs";
const [wname, batchText, ...files] = process.argv.slice(2);
const w = WORKLOADS[wname];
const messages = w.stream(Number(process.env.N ?? 50000), 42);
const rounds = Number(process.env.ROUNDS ?? 7);
const results = files.map(() => []);
// Per-batch times too: their 10th percentile is the batches no other process interrupted,
// which is what to read when the machine is busy.
const batches = files.map(() => []);
const p10 = (a) => [...a].sort((x, y) => x - y)[Math.floor(0.1 * (a.length - 1))];
for (let r = 0; r < rounds; r++) {
  files.forEach((f, i) => {
    const x = bench({ wasmBytes: readFileSync(f), config: w.config, prime: w.prime(), messages, batch: Number(batchText), runs: 3 });
    results[i].push(median(x.perRun.map((p) => p.ns / p.messages)));
    for (const b of x.samples) batches[i].push(b / Number(batchText));
  });
}
files.forEach((f, i) => console.log(`${wname} b${batchText} ${f}: median ${median(results[i]).toFixed(1)} ns/msg (min ${Math.min(...results[i]).toFixed(1)}, ${rounds} rounds; per-batch p10 ${p10(batches[i]).toFixed(1)})`));
