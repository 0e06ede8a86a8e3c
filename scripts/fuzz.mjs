#!/usr/bin/env node
// Deep fuzzing: the families of tests/fuzz/ (payload, topic, config,
// expression, abi) with fresh seeds, round-robin, for a time budget.
//
//   node scripts/fuzz.mjs --seconds 600 [--family payload,abi] [--chunk 2000]
//        [--host dist/host/index.js] [--wasm build/stream_processor.wasm]
//   node scripts/fuzz.mjs --family payload --seed 123 --path "45:2:0"   # replay a failure
//
// The expression family also compares every accepted, non-volatile expression
// with V8 here (the default test run checks only that nothing throws or traps).
// Prints the cases run per family; exits 1 on any failure, with the seed and
// path that replay it.

import { parseArgs } from "node:util";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import fc from "fast-check";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    family: { type: "string" },
    chunk: { type: "string", default: "2000" },
    host: { type: "string", default: join(root, "dist", "host", "index.js") },
    wasm: { type: "string", default: join(root, "build", "stream_processor.wasm") },
    seed: { type: "string" },
    path: { type: "string" },
  },
});

const { StreamProcessor, ConfigError } = await import(pathToFileURL(resolve(args.host)).href);
const wasm = new WebAssembly.Module(readFileSync(args.wasm));
const host = { StreamProcessor, ConfigError, wasm };
const fuzz = (f) => pathToFileURL(join(root, "tests", "fuzz", f)).href;
const FAMILIES = {
  payload: { make: (await import(fuzz("family_payload.mjs"))).payloadFamily, weight: 4 },
  topic: { make: (await import(fuzz("family_topic.mjs"))).topicFamily, weight: 2 },
  config: { make: (h) => import(fuzz("family_config.mjs")).then((m) => m.configFamily(h, { absurdSizes: true })), weight: 1 },
  expression: { make: (h) => import(fuzz("family_expression.mjs")).then((m) => m.expressionFamily(h, { differential: true })), weight: 1, perCase: 4 },
  abi: { make: (await import(fuzz("family_abi.mjs"))).abiFamily, weight: 1 },
};
const names = args.family ? args.family.split(",") : Object.keys(FAMILIES);
for (const n of names) if (!(n in FAMILIES)) throw new Error(`unknown family '${n}' (known: ${Object.keys(FAMILIES).join(", ")})`);

const budgetMs = Number(args.seconds) * 1000;
const chunk = Number(args.chunk);
const started = Date.now();
const counts = Object.fromEntries(names.map((n) => [n, 0]));
const failures = [];
const mismatches = [];
let compared = 0;

// One instance of each family for the whole run (their processors carry state
// from case to case, as a long-lived processor would).
const live = {};
for (const n of names) live[n] = await FAMILIES[n].make(host);

async function chunkOf(name, seed, numRuns, path) {
  const f = live[name];
  const left = budgetMs - (Date.now() - started);
  let details;
  try {
    details = await fc.check(f.property, {
      seed, numRuns, path, interruptAfterTimeLimit: path ? undefined : Math.max(1000, left), markInterruptAsFailure: false,
    });
  } catch (e) {
    // A generator that throws is a bug of the fuzzer itself: report it like a failure.
    failures.push({ family: name, seed, path: "", report: "the generator threw", error: String(e?.stack ?? e) });
    return;
  }
  counts[name] += details.numRuns * (FAMILIES[name].perCase ?? 1);
  if (f.mismatches) {
    mismatches.push(...f.mismatches.splice(0));
    compared = f.stats?.compared ?? compared;
  }
  if (details.failed) {
    failures.push({ family: name, seed, path: details.counterexamplePath, report: fc.defaultReportMessage(details), error: String(details.errorInstance?.stack ?? details.errorInstance) });
  }
}

if (args.seed !== undefined) {
  for (const n of names) await chunkOf(n, Number(args.seed), chunk, args.path);
} else {
  let round = 0;
  const schedule = names.flatMap((n) => Array(FAMILIES[n].weight).fill(n));
  while (Date.now() - started < budgetMs && failures.length < 10) {
    const name = schedule[round++ % schedule.length];
    const seed = (Math.random() * 2 ** 31) | 0;
    await chunkOf(name, seed, chunk);
    process.stderr.write(`\r${Math.round((Date.now() - started) / 1000)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}   `);
  }
  process.stderr.write("\n");
}
for (const f of Object.values(live)) f.close?.();

const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`fuzz: ${total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s — ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
if (names.includes("expression")) console.log(`expression differential vs V8: ${compared} compared, ${mismatches.length} mismatches`);
for (const m of mismatches.slice(0, 20)) console.log(`  mismatch: ${JSON.stringify(m)}`);
for (const f of failures) {
  console.log(`\nFAILED ${f.family}: replay with node scripts/fuzz.mjs --family ${f.family} --seed ${f.seed} --path "${f.path}"\n${f.report}\n${f.error}`);
}
process.exitCode = failures.length > 0 || mismatches.length > 0 ? 1 : 0;
