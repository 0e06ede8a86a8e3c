#!/usr/bin/env node
// Differential expression fuzzing against V8 through the real host (dist/).
//   node scripts/fuzz-expr.mjs --count 100000 --seed 1 [--depth 4] [--batch 250] [--max-failures 20] [--no-shrink]
// Prints progress, then each distinct failure shrunk to a ready-to-paste vitest
// regression test (tests/diff/regressions/support.ts provides expectSameAsV8).
// Exit code 1 when any case differs. Needs `npm run build` first.
import { parseArgs } from "node:util";
import { StreamProcessor } from "../dist/host/index.js";
import { fuzz, shrink, regressionTest, describeFailure } from "../tests/diff/fuzz.mjs";

const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "20000" },
    seed: { type: "string", default: String(Date.now() % 1e9) },
    batch: { type: "string", default: "250" },
    depth: { type: "string", default: "4" },
    "max-failures": { type: "string", default: "20" },
    "no-shrink": { type: "boolean", default: false },
  },
});
const count = Number(args.count), seed = Number(args.seed), batch = Number(args.batch), depth = Number(args.depth);
console.log(`fuzz-expr: ${count} expressions, seed ${seed}, depth ${depth}, ${batch} per batch`);
const t0 = performance.now();
let lastReport = 0;
const r = await fuzz(StreamProcessor, {
  count, seed, batch, depth, maxFailures: Number(args["max-failures"]),
  onBatch(stats, failures) {
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      console.log(`  ${stats.run} run, ${failures.length} differ, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  },
});
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`${r.run} expressions compared with V8 in ${secs} s (${r.skipped} skipped: over 4 KiB); ${r.failures.length} differ`);
if (r.failures.length > 0) {
  console.log("\nEach test below goes into a file under tests/diff/regressions/ that starts with:\n" +
    '  import { test } from "vitest";\n  import { expectSameAsV8 } from "./support";');
}
const seen = new Set();
for (const f of r.failures) {
  const s = args["no-shrink"] ? f : await shrink(StreamProcessor, f.generated, f, 3000, depth);
  const test = regressionTest(s);
  if (seen.has(test)) continue;
  seen.add(test);
  console.log("\n" + describeFailure(s) + "\n\n" + test);
}
process.exit(r.failures.length > 0 ? 1 : 0);
