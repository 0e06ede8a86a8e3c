// A/B comparison of module builds in one process, passes interleaved so machine
// noise hits both alike: node bench/ab.mjs W1 1000 a.wasm b.wasm [c.wasm ...]
import { readFileSync } from "node:fs";
import { bench } from "./engines/inmodule-node.mjs";
import { runAB } from "./lib/ab.mjs";

runAB(process.argv.slice(2), "", (f, i, w, messages, batch) =>
  bench({ wasmBytes: readFileSync(f), config: w.config, prime: w.prime(), messages, batch, runs: 3 }));
