#!/usr/bin/env node
// The shortest-double printer (assembly/num/dtoa.ts and its short path,
// shortfixed.ts, via build/test/num.wasm's ASCII export) against V8's String(x)
// on --count doubles: every family of tests/diff/numbers.mjs (bit patterns,
// integers, powers of ten, subnormals, boundaries, decimals, any exponent) and,
// as often, the short path's own edges: decimals of 1–17 significant digits
// from 1e-7 to 1e16, their neighbours a few ulps away, sensor-style arithmetic
// (v + c, v * c, v / c) and values around each power of ten. Exit 1 on a difference.
//   node scripts/numbers-shortest.mjs --count 10000000 [--seed 1]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { rng, doubleAt, nudge } from "../tests/diff/numbers.mjs";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "10000000" }, seed: { type: "string", default: "1" } } });
const COUNT = Number(args.count);
const wasm = readFileSync(new URL("../build/test/num.wasm", import.meta.url));
const e = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;
const buf = e.alloc(64);
const bytes = () => new Uint8Array(e.memory.buffer, buf, 32);
const r = rng(Number(args.seed));
const int = (n) => Math.floor(r() * n);
const sign = () => (r() < 0.5 ? -1 : 1);

// A decimal of k significant digits with j digits after the point: what the short path prints.
const shortDecimal = () => { const k = 1 + int(15); return (1 + int(9 * 10 ** (k - 1)) + 10 ** (k - 1) - 1) / 10 ** (1 + int(k + 6)); };
const SHORT = [
  shortDecimal,
  () => nudge(shortDecimal(), int(5) - 2) * sign(),
  // k significant digits at exponent e (1e-7 .. 1e16): the short path's whole range and both sides of it.
  () => sign() * Number(`${1 + int(9)}${String(int(10 ** 15)).padStart(15, "0").slice(0, int(17))}e${int(24) - 8}`),
  () => nudge(Number(`${int(10 ** (1 + int(15)))}e-${int(22)}`), int(7) - 3),
  () => { const v = Math.round(r() * 6000) / 100; return [v + 4.00001, v / 4, v * 1.8 + 32, v * 69 / 31, v - 0.1][int(5)]; },
  () => nudge(10 ** (int(24) - 7), int(9) - 4) * sign(),
  () => (int(2 ** 30) + r()) * 10 ** (int(20) - 12),
];

let diffs = 0;
const t0 = performance.now();
for (let i = 0; i < COUNT; i++) {
  const x = i & 1 ? doubleAt(r, i >> 1) : SHORT[(i >> 1) % SHORT.length]();
  const n = e.formatAscii(buf, x);
  const b = bytes();
  let s = "";
  for (let k = 0; k < n; k++) s += String.fromCharCode(b[k]);
  const want = String(x);
  if (s !== want && diffs++ < 20) console.log(`  String(${want}): module ${s}`);
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`String(x) of ${COUNT} doubles compared with V8 in ${secs} s; ${diffs} differ`);
process.exit(diffs === 0 ? 0 : 1);
