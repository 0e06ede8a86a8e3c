// A/B of module builds under wasmtime (bench/wasmtime/inmodule.py), passes
// interleaved like ab.mjs: node bench/ab-wasmtime.mjs W1 1000 a.wasm b.wasm [...]
import { bench } from "./engines/inmodule-wasmtime.mjs";
import { runAB } from "./lib/ab.mjs";

runAB(process.argv.slice(2), " wasmtime", (f, i, w, messages, batch) =>
  bench({ wasmPath: f, config: w.config, prime: w.prime(), messages, batch, runs: 3, warmups: 1, tag: `ab${i}` }));
