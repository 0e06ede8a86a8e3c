#!/usr/bin/env node
// Number printing of the module (assembly/num via build/test/num.wasm) against
// V8: String(x) for --count doubles from every family of tests/diff/numbers.mjs
// (random bit patterns, integers, powers of ten, subnormals, boundaries,
// decimals, any exponent), and x.toFixed(d) and x.toString(radix) for a tenth
// of them each. Exit 1 on the first differences (up to 20 printed).
//   node scripts/numbers-out.mjs --count 1000000 [--seed 1]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { rng, doubleAt } from "../tests/diff/numbers.mjs";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "1000000" }, seed: { type: "string", default: "1" } } });
const COUNT = Number(args.count);
const wasm = readFileSync(new URL("../build/test/num.wasm", import.meta.url));
const e = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;
const buf = e.alloc(1 << 16);
const read = (n) => {
  const u = new Uint16Array(e.memory.buffer, buf, n);
  let s = "";
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...u.subarray(i, Math.min(n, i + 4096)));
  return s;
};

const r = rng(Number(args.seed));
const counts = { String: 0, toFixed: 0, toString: 0 };
const failures = [];
const fail = (what, got, want) => { if (failures.length < 20) failures.push(`${what}: module ${got}, V8 ${want}`); };
const t0 = performance.now();
for (let i = 0; i < COUNT; i++) {
  const x = doubleAt(r, i);
  const s = read(e.format(buf, x));
  counts.String++;
  if (s !== String(x)) fail(`String(${x})`, s, String(x));
  if (i % 10 === 3) {
    const d = r() < 0.2 ? Math.floor(r() * 101) : Math.floor(r() * 21);
    const f = read(e.fixed(buf, x, d));
    counts.toFixed++;
    if (f !== x.toFixed(d)) fail(`(${x}).toFixed(${d})`, f, x.toFixed(d));
  }
  if (i % 10 === 7) {
    const radix = 2 + Math.floor(r() * 35);
    const t = read(e.radix(buf, x, radix));
    counts.toString++;
    if (t !== x.toString(radix)) fail(`(${x}).toString(${radix})`, t.slice(0, 80), x.toString(radix).slice(0, 80));
  }
}
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`String(x) ${counts.String}, toFixed ${counts.toFixed}, toString(radix) ${counts.toString} compared with V8 in ${secs} s; ${failures.length} differ`);
for (const f of failures) console.log("  " + f);
process.exit(failures.length === 0 ? 0 : 1);
