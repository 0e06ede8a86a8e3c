#!/usr/bin/env node
// The performance gate (issue 18): figures that do not depend on the machine's
// load (bench/gate/measure.mjs), compared with a committed baseline.
//
//   node bench/gate.mjs check       npm run perf:check: exit 1 naming every figure
//                                   worse (or better) than the baseline beyond its tolerance
//   node bench/gate.mjs baseline    npm run perf:baseline: measure and rewrite the baseline
// Options: --wasm F (default build/stream_processor.wasm), --parts wasm,benthos
// (default both; a partial check ignores the baseline's other figures).
// PERF_BASELINE=path: another baseline file (default bench/baselines/gate.json).
// Needs `npm run build`, Go, and Python 3 (wasmtime comes from PERF_PYTHON,
// engines/.venv or bench/.venv, made from bench/requirements.txt when missing).
// Exit 0: every figure within tolerance; 1: some are not; 2: nothing compared.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { measure } from "./gate/measure.mjs";
import { compare, report, TOLERANCE } from "./gate/compare.mjs";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    wasm: { type: "string", default: join(ROOT, "build", "stream_processor.wasm") },
    parts: { type: "string", default: "wasm,benthos" },
  },
});
const command = positionals[0];
const baselinePath = resolve(process.env.PERF_BASELINE || join(ROOT, "bench", "baselines", "gate.json"));
const shown = relative(process.cwd(), baselinePath) || baselinePath;
const parts = opt.parts.split(",");

function commit() {
  try { return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(); } catch { return null; }
}

function main() {
  if (command !== "check" && command !== "baseline") {
    console.error(readFileSync(new URL(import.meta.url), "utf8").split("\n").slice(1, 14).join("\n"));
    return 2;
  }
  const base = command === "check" ? JSON.parse(readFileSync(baselinePath, "utf8")) : null;
  const t0 = Date.now();
  const { figures, env } = measure({ wasm: resolve(opt.wasm), parts });
  env.node = process.version;
  const seconds = ((Date.now() - t0) / 1e3).toFixed(1);
  if (command === "baseline") {
    const written = {
      about: "Performance gate baseline (bench/gate.mjs): `npm run perf:check` compares with it, `npm run perf:baseline` rewrites it. Lower is better everywhere.",
      commit: commit(), date: new Date().toISOString(), module: relative(ROOT, resolve(opt.wasm)), env,
      tolerances: Object.fromEntries(Object.entries(TOLERANCE).map(([k, v]) => [k, v.text])),
      kinds: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.kind])),
      figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.value])),
    };
    writeFileSync(baselinePath, JSON.stringify(written, null, 1) + "\n");
    console.log(`perf gate: wrote ${Object.keys(figures).length} figures to ${shown} (measured in ${seconds} s)`);
    return 0;
  }
  for (const k of ["wasmtime", "go"]) {
    if (env[k] && base.env?.[k] && env[k] !== base.env[k]) console.log(`perf gate: note: baseline measured with ${k} ${base.env[k]}, this run ${env[k]}`);
  }
  const { text, ok } = report(compare(figures, base.figures, { partial: parts.length < 2 }), shown);
  console.log(`perf gate: ${relative(ROOT, resolve(opt.wasm))} against ${shown} (commit ${base.commit ?? "?"}), measured in ${seconds} s`);
  console.log(text);
  return ok ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`perf gate: error: ${e.message}`);
  process.exitCode = 2;
}
