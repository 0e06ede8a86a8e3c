// A/B of module builds under wasmtime (bench/wasmtime/inmodule.py), passes
// interleaved like ab.mjs: node bench/ab-wasmtime.mjs W1 1000 a.wasm b.wasm [...]
//
// A module written as `a.wasm:explicit-bounds` runs with an explicit bounds
// check on every memory access instead of wasmtime's guard regions (no
// reservation, no guard, no Spectre masking): what wazero does, so
//   node bench/ab-wasmtime.mjs W1 1000 build/stream_processor.wasm build/stream_processor.wasm:explicit-bounds
// is what the checks cost this module (engines/README.md, "Performance of the Benthos path").
import { bench } from "./engines/inmodule-wasmtime.mjs";
import { runAB } from "./lib/ab.mjs";

const EXPLICIT = ":explicit-bounds";

runAB(process.argv.slice(2), " wasmtime", (f, i, w, messages, batch) => {
  const explicitBounds = f.endsWith(EXPLICIT);
  const wasmPath = explicitBounds ? f.slice(0, -EXPLICIT.length) : f;
  return bench({ wasmPath, explicitBounds, config: w.config, prime: w.prime(), messages, batch, runs: 3, warmups: 1, tag: `ab${i}` });
});
