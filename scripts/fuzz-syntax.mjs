#!/usr/bin/env node
// Syntax mutations at scale (tests/diff/syntax_check.mjs) through the host (dist/):
// V8 SyntaxError => rejected at configure time with mapping, message and caret;
// caret on V8's unexpected token; accepted => V8's result.
//   node scripts/fuzz-syntax.mjs --count 100000 [--seed 1]
import { parseArgs } from "node:util";
import { StreamProcessor } from "../dist/host/index.js";
import { mutants, checkMutants } from "../tests/diff/syntax_check.mjs";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "20000" }, seed: { type: "string", default: "1" } } });
const COUNT = Number(args.count), SEED = Number(args.seed);
const total = { mutants: 0, v8Rejects: 0, caretsCompared: 0, accepted: 0 };
const all = { rejected: [], caret: [], named: [], evaluation: [] };
const t0 = performance.now();
for (let done = 0; done < COUNT; done += 10000) {
  const { counts, problems } = await checkMutants(StreamProcessor, mutants((SEED * 7919 + done) >>> 0, Math.min(10000, COUNT - done)));
  for (const k of Object.keys(total)) total[k] += counts[k];
  for (const k of Object.keys(all)) all[k].push(...problems[k].slice(0, 20 - all[k].length));
}
const n = Object.values(all).reduce((s, l) => s + l.length, 0);
console.log(`${total.mutants} mutants in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${total.v8Rejects} V8 SyntaxErrors (all must be rejected), ` +
  `${total.caretsCompared} carets compared with V8's, ${total.accepted} accepted (evaluated against V8); ${n} problems`);
for (const [k, list] of Object.entries(all)) for (const p of list) console.log(`  ${k}: ${p}`);
process.exit(n === 0 ? 0 : 1);
