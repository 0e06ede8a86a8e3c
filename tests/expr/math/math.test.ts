// Math.* against V8 bit for bit: edge values plus thousands of random arguments
// per function (ranges chosen to reach every reduction branch of the fdlibm ports).
import { describe, expect, it } from "vitest";
import { loadSemantics, v8, differ, show, type Prim } from "../harness";
import { VALUES } from "../values";

const m = loadSemantics();

// Deterministic generator (tests must not flake).
let seed = 0x2545f491;
function rnd(): number {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const wide = () => (rnd() < 0.5 ? -1 : 1) * 2 ** ((rnd() - 0.5) * 2100) * (1 + rnd());
const bits = () => { const b = new DataView(new ArrayBuffer(8)); b.setUint32(0, (rnd() * 2 ** 32) >>> 0); b.setUint32(4, (rnd() * 2 ** 32) >>> 0); return b.getFloat64(0); };
const small = (s: number) => (rnd() - 0.5) * s;

function arg(name: string): number {
  const r = rnd();
  if (r < 0.1) return bits();
  if (r < 0.25) return wide();
  switch (name) {
    case "acos": case "asin": case "atanh": return small(2.2);
    case "acosh": return 1 + 2 ** ((rnd() - 0.5) * 80);
    case "log": case "log1p": case "log10": case "log2": return r < 0.6 ? rnd() * 10 : Math.abs(wide());
    case "exp": case "expm1": case "sinh": case "cosh": case "tanh": return r < 0.6 ? small(4) : small(1500);
    case "sin": case "cos": case "tan": return r < 0.5 ? small(10) : r < 0.8 ? small(2e6) : small(1e22);
    default: return r < 0.6 ? small(20) : wide();
  }
}

const ONE_ARG = ["abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh",
  "exp", "expm1", "floor", "fround", "log", "log1p", "log10", "log2", "round", "sign", "sin", "sinh", "sqrt",
  "tan", "tanh", "trunc"] as const;
const TWO_ARG = ["atan2", "imul", "pow"] as const;
const RANDOM_PER_FUNCTION = 4000;

describe("Math functions match V8 bit for bit", () => {
  for (const name of ONE_ARG) {
    it(`Math.${name}`, () => {
      const id = m.builtinId(`Math.${name}`);
      expect(id).toBeGreaterThanOrEqual(0);
      const f = (Math as any)[name] as (x: unknown) => number;
      const failures: string[] = [];
      const edge: Prim[] = [...VALUES, 0.5 - 2 ** -54, -0.5 + 2 ** -54, 2 ** 52 + 0.5, -(2 ** 52) - 1, 4.5, -4.5, Math.PI / 2, 1e22, 2 ** -1074];
      const args: Prim[] = [...edge];
      for (let i = 0; i < RANDOM_PER_FUNCTION; i++) args.push(arg(name));
      for (const x of args) {
        const d = differ(m.call(id, [x]), v8(() => f(x)));
        if (d) failures.push(`Math.${name}(${show(x)}): ${d}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
  for (const name of TWO_ARG) {
    it(`Math.${name}`, () => {
      const id = m.builtinId(`Math.${name}`);
      const f = (Math as any)[name] as (x: unknown, y: unknown) => number;
      const failures: string[] = [];
      const pairs: [Prim, Prim][] = [];
      for (const a of VALUES) for (const b of VALUES) pairs.push([a, b]);
      for (let i = 0; i < RANDOM_PER_FUNCTION; i++) {
        const x = rnd() < 0.3 ? Math.round(small(40)) : arg(name);
        const y = name === "pow" ? (rnd() < 0.4 ? Math.round(small(60)) : rnd() < 0.5 ? small(30) : small(2000)) : arg(name);
        pairs.push([x, y]);
      }
      for (const [x, y] of pairs) {
        const d = differ(m.call(id, [x, y]), v8(() => f(x, y)));
        if (d) failures.push(`Math.${name}(${show(x)}, ${show(y)}): ${d}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
  it("Math.max, Math.min and Math.hypot over 0..4 arguments", () => {
    const failures: string[] = [];
    const pool: Prim[] = [0, -0, 1, -1, NaN, Infinity, -Infinity, 3, 4, "5", "x", null, undefined, true, 1e300, 1e-300, 5e-324];
    for (const name of ["max", "min", "hypot"] as const) {
      const id = m.builtinId(`Math.${name}`);
      const f = (Math as any)[name] as (...xs: unknown[]) => number;
      for (let i = 0; i < 3000; i++) {
        const n = Math.floor(rnd() * 5);
        const xs = Array.from({ length: n }, () => (rnd() < 0.7 ? pool[Math.floor(rnd() * pool.length)] : wide()));
        const d = differ(m.call(id, xs), v8(() => f(...xs)));
        if (d) failures.push(`Math.${name}(${xs.map(show).join(", ")}): ${d}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
  it("missing arguments are undefined", () => {
    for (const name of [...ONE_ARG, ...TWO_ARG, "max", "min", "hypot"]) {
      const d = differ(m.call(m.builtinId(`Math.${name}`), []), v8(() => (Math as any)[name]()));
      expect(d, `Math.${name}()`).toBeNull();
    }
  });
});

describe("Math and Number constants", () => {
  it("have V8's values", () => {
    for (const name of ["E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2"]) {
      const id = m.builtinId(`Math.${name}`);
      expect(m.exports.isConstantBuiltin(id)).toBe(1);
      expect(m.constant(id)).toBe((Math as any)[name]);
    }
    for (const name of ["MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER", "EPSILON", "MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY", "NEGATIVE_INFINITY"]) {
      const id = m.builtinId(`Number.${name}`);
      expect(m.exports.isConstantBuiltin(id), name).toBe(1);
      expect(Object.is(m.constant(id), (Number as any)[name]), name).toBe(true);
    }
  });
});
