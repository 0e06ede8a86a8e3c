#!/usr/bin/env node
// Math.* of the module against this Node's V8, bit for bit, at scale: for each
// function, `--count` arguments (random bit patterns, the function's
// interesting ranges, and values next to its special points), reporting the
// largest difference in units in the last place (0 = identical bits).
//   node scripts/math-ulp.mjs [--count 100000] [--seed 1]
// Needs build/test/semantics.wasm (node tests/wasm/build.mjs). Exit 1 on any difference.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "100000" }, seed: { type: "string", default: "1" } } });
const COUNT = Number(args.count);
const wasm = readFileSync(new URL("../build/test/semantics.wasm", import.meta.url));
const x = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;

// MathFn order of assembly/expr/lib/math.ts.
const FNS = ["abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "atan2", "cbrt", "ceil", "clz32", "cos", "cosh",
  "exp", "expm1", "floor", "fround", "hypot", "imul", "log", "log1p", "log10", "log2", "max", "min", "pow",
  "random", "round", "sign", "sin", "sinh", "sqrt", "tan", "tanh", "trunc"];
const TWO = new Set(["atan2", "imul", "pow"]);
const SKIP = new Set(["hypot", "max", "min", "random"]); // variadic / random: tests/expr/math and tests/expr/lib cover them

let s = (Number(args.seed) >>> 0) || 1;
const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
const dv = new DataView(new ArrayBuffer(8));
const bits = () => { dv.setUint32(0, (rnd() * 2 ** 32) >>> 0); dv.setUint32(4, (rnd() * 2 ** 32) >>> 0); return dv.getFloat64(0); };
const wide = () => (rnd() < 0.5 ? -1 : 1) * 2 ** ((rnd() - 0.5) * 2100) * (1 + rnd());
const small = (w) => (rnd() - 0.5) * w;
/** A double next to `v` (a few ulps either side). */
const near = (v) => { dv.setFloat64(0, v); dv.setBigInt64(0, dv.getBigInt64(0) + BigInt(Math.floor(small(16)))); return dv.getFloat64(0); };

const SPECIAL = [0, 1, -1, 0.5, -0.5, 2, Math.PI, Math.PI / 2, Math.PI / 4, Math.E, Math.LN2, 709.782712893384, -745.1332191019411,
  0.6931471805599453, 1e-300, 2 ** -1022, 2 ** -1074, 2 ** 28, 2 ** 20 * Math.PI / 2, 1e22, 3 * Math.PI / 4, 0.84375, 22];

function arg(name) {
  const r = rnd();
  if (r < 0.25) return bits();
  if (r < 0.4) return wide();
  if (r < 0.5) return near(SPECIAL[Math.floor(rnd() * SPECIAL.length)] * (rnd() < 0.5 ? -1 : 1));
  switch (name) {
    case "acos": case "asin": case "atanh": return small(2.2);
    case "acosh": return 1 + 2 ** ((rnd() - 0.5) * 80);
    case "log": case "log1p": case "log10": case "log2": return r < 0.75 ? rnd() * 10 : Math.abs(wide());
    case "exp": case "expm1": case "sinh": case "cosh": case "tanh": return r < 0.75 ? small(4) : small(1500);
    case "sin": case "cos": case "tan": return r < 0.7 ? small(10) : r < 0.85 ? small(2e6) : small(1e22);
    case "pow": return r < 0.7 ? small(40) : wide();
    default: return r < 0.75 ? small(20) : wide();
  }
}
function powExponent() {
  const r = rnd();
  return r < 0.3 ? Math.round(small(60)) : r < 0.6 ? small(30) : r < 0.8 ? small(2000) : bits();
}

/** Distance in ulps between two doubles (0 when both are NaN, Infinity when only one is). */
function ulps(a, b) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const ord = (v) => { dv.setFloat64(0, v); const i = dv.getBigInt64(0); return i < 0n ? -(i & 0x7fffffffffffffffn) : i; };
  const d = ord(a) - ord(b);
  return Number(d < 0n ? -d : d);
}

let worst = 0, total = 0;
const t0 = performance.now();
for (let id = 0; id < FNS.length; id++) {
  const name = FNS[id];
  if (SKIP.has(name)) continue;
  const f = Math[name];
  let max = 0, differ = 0, example = "";
  for (let k = 0; k < COUNT; k++) {
    const a = arg(name);
    const b = name === "pow" ? powExponent() : arg(name);
    const got = TWO.has(name) ? x.math2(id, a, b) : x.math1(id, a);
    const want = TWO.has(name) ? f(a, b) : f(a);
    const u = Object.is(got, want) ? 0 : ulps(got, want) || (Object.is(got, -want) ? Infinity : 0);
    if (u > 0) { differ++; if (u > max) { max = u; example = `${name}(${a}${TWO.has(name) ? ", " + b : ""}) = ${got}, V8 ${want}`; } }
  }
  total += COUNT;
  worst = Math.max(worst, max);
  console.log(`Math.${name.padEnd(6)} ${COUNT} args: max ${max} ulp, ${differ} differ${example ? "  e.g. " + example : ""}`);
}
console.log(`${total} calls in ${((performance.now() - t0) / 1000).toFixed(1)} s; largest difference ${worst} ulp (node ${process.version}, V8 ${process.versions.v8})`);
process.exit(worst === 0 ? 0 : 1);
