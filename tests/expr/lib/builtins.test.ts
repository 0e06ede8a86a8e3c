// Global functions, Number.*, String.*, Date.now, Math.random and the lookup tables.
import { describe, expect, it } from "vitest";
import { loadSemantics, v8, differ, show, type Prim } from "../harness";
import { VALUES } from "../values";

const m = loadSemantics();

const EXTRA: Prim[] = ["0x", "0x1g", "  -0x10", "1_000", "12px", "-12.5e-3xyz", "Infinityx", "+Infinity", "-.5", "08", "0.0000005", "1e21", "\u00a012\u2028", "\u180e1", "0b11", "z", "Z", "zz", "1e1000", "9".repeat(30)];
const ALL = [...VALUES, ...EXTRA];

const GLOBALS: Record<string, (...a: any[]) => unknown> = {
  parseInt, parseFloat, isNaN, isFinite, Number, String, Boolean,
  "Number.isInteger": Number.isInteger, "Number.isFinite": Number.isFinite, "Number.isNaN": Number.isNaN,
  "Number.isSafeInteger": Number.isSafeInteger, "Number.parseFloat": Number.parseFloat, "Number.parseInt": Number.parseInt,
  "String.fromCharCode": String.fromCharCode, "String.fromCodePoint": String.fromCodePoint,
};

describe("global and static functions match V8", () => {
  for (const [name, f] of Object.entries(GLOBALS)) {
    it(name, () => {
      const id = m.builtinId(name);
      expect(id).toBeGreaterThanOrEqual(0);
      const failures: string[] = [];
      const calls: Prim[][] = [[]];
      for (const a of ALL) calls.push([a]);
      if (name.endsWith("parseInt") || name.startsWith("String.")) {
        for (const a of ALL) for (const r of [undefined, 0, 2, 8, 10, 16, 36, 37, 1, -1, "16", 2 ** 32 + 16, NaN, 1.9]) calls.push([a, r]);
      }
      if (name.startsWith("String.")) calls.push([72, 105, 0x1f600], [0xd83d, 0xde00], [65.9, -1, 65536 + 66]);
      for (const args of calls) {
        const d = differ(m.call(id, args), v8(() => f(...args)));
        if (d) failures.push(`${name}(${args.map(show).join(", ")}): ${d}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});

describe("lookups", () => {
  it("know every built-in by name and nothing else", () => {
    for (const name of Object.keys(GLOBALS)) expect(m.builtinId(name), name).toBeGreaterThanOrEqual(0);
    for (const name of ["eval", "Function", "require", "parseint", "Math", "toString", "Math.foo", "Math.constructor", "Number.prototype", "Date.prototype", "String.raw", "Object.assign", "JSON.rawJSON"]) {
      expect(m.builtinId(name), name).toBe(-1);
    }
    for (const ns of ["Math", "Number", "String", "Date"]) expect(m.isNamespace(ns)).toBe(true);
    for (const ns of ["math", "Boolean", "Symbol"]) expect(m.isNamespace(ns)).toBe(false);
    for (const ns of ["JSON", "Object", "Array"]) expect(m.isNamespace(ns)).toBe(true);
    expect(m.methodId("split")).toBe(-1);
    expect(m.methodId("constructor")).toBe(-1);
    expect(m.methodId("toUpperCase")).toBeGreaterThanOrEqual(0);
  });
  it("every Math member V8 has is known", () => {
    for (const name of Object.getOwnPropertyNames(Math)) {
      if (typeof name === "string" && name !== "constructor") expect(m.builtinId(`Math.${name}`), name).toBeGreaterThanOrEqual(0);
    }
  });
  it("arity, volatility and constants", () => {
    const x = m.exports;
    const id = (n: string) => m.builtinId(n);
    expect(x.builtinMaxArgs(id("Math.max"))).toBe(-1);
    expect(x.builtinMaxArgs(id("String.fromCharCode"))).toBe(-1);
    expect(x.builtinMaxArgs(id("Math.hypot"))).toBe(-1);
    expect(x.builtinMaxArgs(id("parseInt"))).toBe(2);
    expect(x.builtinMaxArgs(id("Math.atan2"))).toBe(2);
    expect(x.builtinMaxArgs(id("Math.sin"))).toBe(1);
    expect(x.builtinMaxArgs(id("Date.now"))).toBe(0);
    expect(x.builtinMinArgs(id("Math.sin"))).toBe(0);
    expect(x.isVolatile(id("Math.random"))).toBe(1);
    expect(x.isVolatile(id("Date.now"))).toBe(1);
    expect(x.isVolatile(id("Math.sin"))).toBe(0);
    expect(x.isConstantBuiltin(id("Math.PI"))).toBe(1);
    expect(x.isConstantBuiltin(id("Math.max"))).toBe(0);
    expect(m.call(id("Math.PI"), [])).toEqual({ ok: false, name: "TypeError", message: "Math.PI is not a function" });
    expect(x.methodMaxArgs(m.methodId("concat"))).toBe(-1);
    expect(x.methodMaxArgs(m.methodId("slice"))).toBe(2);
    expect(x.methodMaxArgs(m.methodId("trim"))).toBe(0);
    expect(x.builtinCount()).toBeGreaterThan(60);
  });
});

describe("Date.now and Math.random", () => {
  it("Date.now returns the host's time in whole milliseconds", () => {
    m.exports.setNow(1700000000123.7);
    expect(m.call(m.builtinId("Date.now"), [])).toEqual({ ok: true, value: 1700000000123 });
  });
  it("Math.random is V8's xorshift128+, deterministic per seed, in [0, 1)", () => {
    const x = m.exports;
    const id = m.builtinId("Math.random");
    const run = (seed: bigint) => { x.seedRandom(seed); return Array.from({ length: 1000 }, () => m.call(id, []) as { ok: true; value: number }).map((o) => o.value); };
    const a = run(42n), b = run(42n), c = run(0n), d = run(-1n);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of [...a, ...c, ...d]) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(1); }
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    // Reference: splitmix64 seeding, then V8's XorShift128 / ToDouble.
    const M = (1n << 64n) - 1n;
    let mix = 42n;
    const split = () => { mix = (mix + 0x9e3779b97f4a7c15n) & M; let z = mix; z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M; z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M; return z ^ (z >> 31n); };
    let s0 = split(), s1 = split();
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 20; i++) {
      let t1 = s0; const t0 = s1; s0 = t0;
      t1 ^= (t1 << 23n) & M; t1 ^= t1 >> 17n; t1 ^= t0; t1 ^= t0 >> 26n; s1 = t1;
      view.setBigUint64(0, (s0 >> 12n) | 0x3ff0000000000000n);
      expect(a[i]).toBe(view.getFloat64(0) - 1);
    }
  });
});
