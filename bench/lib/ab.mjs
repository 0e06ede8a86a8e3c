// The interleaved A/B loop shared by bench/ab.mjs (V8) and bench/ab-wasmtime.mjs:
// argv is `W1 1000 a.wasm b.wasm [...]`; `measure(file, i, workload, messages, batch)`
// runs one pass and returns the engine's bench() result (perRun, samples).
import { WORKLOADS } from "./workloads.mjs";
import { median } from "./stats.mjs";

export function runAB(argv, label, measure) {
  const [wname, batchText, ...files] = argv;
  const w = WORKLOADS[wname];
  const batch = Number(batchText);
  const messages = w.stream(Number(process.env.N ?? 50000), 42);
  const rounds = Number(process.env.ROUNDS ?? 7);
  const results = files.map(() => []);
  // Per-batch times too: their 10th percentile is the batches no other process interrupted,
  // which is what to read when the machine is busy.
  const batches = files.map(() => []);
  const p10 = (a) => [...a].sort((x, y) => x - y)[Math.floor(0.1 * (a.length - 1))];
  for (let r = 0; r < rounds; r++) {
    files.forEach((f, i) => {
      const x = measure(f, i, w, messages, batch);
      results[i].push(median(x.perRun.map((p) => p.ns / p.messages)));
      for (const b of x.samples) batches[i].push(b / batch);
    });
  }
  files.forEach((f, i) => console.log(`${wname} b${batchText}${label} ${f}: median ${median(results[i]).toFixed(1)} ns/msg (min ${Math.min(...results[i]).toFixed(1)}, ${rounds} rounds; per-batch p10 ${p10(batches[i]).toFixed(1)})`));
}
