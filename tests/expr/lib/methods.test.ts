// String, number and boolean members against V8 over receivers x arguments, plus
// split(...)[i], the "length" property and the error messages V8 gives.
import { describe, expect, it } from "vitest";
import { loadSemantics, v8, differ, show, type Outcome, type Prim } from "../harness";

const m = loadSemantics();

const RECEIVERS: Prim[] = [
  "", "abc", "aXbXc", "  hi \n", "\u00c0\u00c9\u00ff", "\u00df", "\ufb03", "\u0130", "\u0391\u03a3", "\u03a3", "a\u03a3 b",
  "a\ud83d\ude00b", "\ud800x\udc00", "ababab", "123", "a$b", "x".repeat(40),
  0, -0, 5.5, -1234.5678, 1e21, 1e-7, NaN, Infinity, 255, true, false, null, undefined,
];
const ARGS: Prim[] = [
  undefined, null, true, false, 0, -0, 1, 2, -1, -2, 3, 1.5, -1.5, NaN, Infinity, -Infinity, 100, 2 ** 32 + 1,
  "", "a", "b", "X", "ab", "1", "-1", " 2 ", "abc", "$&", "$$", "$`", "$'", "$1", "$<n>", "x$&y", "\u00e9", "\ud83d", "1e1", 37, 36, 16,
];
const METHODS: [string, number][] = [
  ["toUpperCase", 0], ["toLowerCase", 0], ["trim", 0], ["trimStart", 0], ["trimEnd", 0], ["trimLeft", 0], ["trimRight", 0],
  ["slice", 2], ["substring", 2], ["substr", 2], ["includes", 2], ["startsWith", 2], ["endsWith", 2], ["indexOf", 2],
  ["lastIndexOf", 2], ["charAt", 1], ["charCodeAt", 1], ["codePointAt", 1], ["padStart", 2], ["padEnd", 2], ["repeat", 1],
  ["replace", 2], ["replaceAll", 2], ["at", 1], ["concat", 3], ["isWellFormed", 0], ["toWellFormed", 0],
  ["toString", 1], ["valueOf", 0], ["toFixed", 1],
];

/** V8 names the callee's source text ("a.trim is not a function"); we name the method. */
function normalize(o: Outcome, name: string): Outcome {
  if (o.ok) return o;
  if (o.name === "TypeError" && o.message.endsWith(" is not a function")) return { ...o, message: `${name} is not a function` };
  // Results past the evaluation string limit fail here, past ~2^29 units in V8.
  if (o.name === "RangeError" && o.message === "Invalid string length") return { ok: false, name: "StringLimit", message: "string longer than the evaluation limit" };
  return o;
}

function check(name: string, id: number, recv: Prim, args: Prim[], failures: string[]): void {
  const got = m.method(id, recv, args);
  const want = normalize(v8(() => (recv as any)[name](...args)), name);
  const d = differ(got, want);
  if (d) failures.push(`(${show(recv)}).${name}(${args.map(show).join(", ")}): ${d}`);
}

describe("methods match V8 for every receiver type and argument", () => {
  for (const [name, arity] of METHODS) {
    it(name, () => {
      const id = m.methodId(name);
      expect(id).toBeGreaterThanOrEqual(0);
      const failures: string[] = [];
      for (const recv of RECEIVERS) {
        check(name, id, recv, [], failures);
        for (const a of ARGS) {
          check(name, id, recv, [a], failures);
          if (arity >= 2) for (const b of ARGS) check(name, id, recv, [a, b], failures);
        }
        if (arity >= 3) check(name, id, recv, ["x", 1, null], failures);
      }
      expect(failures.slice(0, 15)).toEqual([]);
    });
  }
});

describe("the length property", () => {
  it("is the string length, undefined on numbers and booleans, TypeError on nullish", () => {
    const id = m.propertyId("length");
    expect(id).toBeGreaterThanOrEqual(0);
    expect(m.propertyId("size")).toBe(-1);
    for (const recv of RECEIVERS) {
      expect(differ(m.property(id, recv), v8(() => (recv as any).length)), show(recv)).toBeNull();
    }
  });
});

describe("split(...)[index]", () => {
  it("matches V8 for separators, limits and property keys", () => {
    const receivers: Prim[] = ["", "a,b,,c", ",a,", "abc", "a--b--c", "aaaa", "1,2,3", 12, null, undefined, true];
    const seps: Prim[][] = [[], [undefined], [","], [""], ["--"], ["a"], ["aa"], ["zz"], [null], [1], [",", 2], ["", 2], [",", 0], [",", -1], [",", 2 ** 32 + 1], ["a", "1"], [undefined, 0]];
    const keys: Prim[] = [0, 1, 2, 3, 4, -0, -1, 1.5, NaN, Infinity, "0", "1", "01", "1.0", " 1", "length", "x", true, null, undefined, 2 ** 32 - 2, 2 ** 32 - 1];
    const failures: string[] = [];
    for (const recv of receivers) for (const args of seps) for (const k of keys) {
      const got = m.split(recv, args, k);
      const want = normalize(v8(() => (recv as any).split(...args)[k as any]), "split");
      const d = differ(got, want);
      if (d) failures.push(`(${show(recv)}).split(${args.map(show).join(", ")})[${show(k)}]: ${d}`);
    }
    expect(failures.slice(0, 15)).toEqual([]);
  });
});

describe("string search and replacement at scale", () => {
  it("long periodic needles take linear time and agree with V8", () => {
    const hay = "a".repeat(200000) + "b" + "a".repeat(1000);
    const needle = "a".repeat(50000) + "b";
    const t0 = Date.now();
    for (const [name, args] of [["indexOf", [needle]], ["lastIndexOf", [needle]], ["includes", [needle + "a"]], ["indexOf", ["a".repeat(30) + "c"]], ["lastIndexOf", ["b" + "a".repeat(999)]]] as [string, Prim[]][]) {
      expect(m.method(m.methodId(name), hay, args)).toEqual(v8(() => (hay as any)[name](...args)));
    }
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it("random needles agree with V8 (Two-Way and direct search, both directions)", () => {
    let seed = 99;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const failures: string[] = [];
    const idx = m.methodId("indexOf"), last = m.methodId("lastIndexOf");
    for (let i = 0; i < 3000; i++) {
      const alpha = "ab" + (rnd(2) ? "c" : "");
      const hay = Array.from({ length: rnd(120) }, () => alpha[rnd(alpha.length)]).join("");
      const needle = rnd(3) === 0 && hay.length > 20 ? hay.slice(rnd(10), 10 + rnd(hay.length - 10)) : Array.from({ length: rnd(40) }, () => alpha[rnd(alpha.length)]).join("");
      const from = rnd(4) === 0 ? rnd(130) : undefined;
      for (const [id, name] of [[idx, "indexOf"], [last, "lastIndexOf"]] as [number, string][]) {
        const args = from === undefined ? [needle] : [needle, from];
        const d = differ(m.method(id, hay, args), v8(() => (hay as any)[name](...args)));
        if (d) failures.push(`${JSON.stringify(hay)}.${name}(${args.map(show).join(", ")}): ${d}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
  it("replaceAll with an empty pattern and a long template stays fast", () => {
    const s = "x".repeat(100000);
    const tpl = "$&".repeat(30000);
    const t0 = Date.now();
    expect(m.method(m.methodId("replaceAll"), s, ["", tpl])).toEqual({ ok: true, value: s });
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it("results past the string limit fail fast, before allocating", () => {
    const big = (n: number) => m.method(m.methodId("repeat"), "ab", [n]);
    expect(big(1e9)).toEqual({ ok: false, name: "StringLimit", message: "string longer than the evaluation limit" });
    expect(big(524288).ok).toBe(true);
    expect(big(524289).ok).toBe(false);
    expect(m.method(m.methodId("padStart"), "a", [1e9, "xy"]).ok).toBe(false);
    expect(m.method(m.methodId("replaceAll"), "a".repeat(1000), ["a", "b".repeat(2000)]).ok).toBe(false);
  });
  it("the result slot may alias the receiver or an argument", () => {
    const id = m.methodId("concat");
    expect(m.method(id, "ab", ["cd", 1], 0)).toEqual({ ok: true, value: "abcd1" });
    expect(m.method(id, "ab", ["cd", 1], 1)).toEqual({ ok: true, value: "abcd1" });
    expect(m.method(m.methodId("replace"), "abc", ["b", "$&$&"], 2)).toEqual({ ok: true, value: "abbc" });
  });
});

describe("number members on random numbers", () => {
  it("toFixed(0..100) and toString(2..36) match V8", () => {
    let seed = 4242;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const view = new DataView(new ArrayBuffer(8));
    const failures: string[] = [];
    const fixed = m.methodId("toFixed"), str = m.methodId("toString");
    for (let i = 0; i < 1500; i++) {
      let x: number;
      const r = rnd();
      if (r < 0.3) x = Math.round((rnd() - 0.5) * 2e6) / 1000;
      else if (r < 0.6) x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 15);
      else { view.setUint32(0, (rnd() * 2 ** 32) >>> 0); view.setUint32(4, (rnd() * 2 ** 32) >>> 0); x = view.getFloat64(0); }
      const digits = Math.floor(rnd() * 101), radix = 2 + Math.floor(rnd() * 35);
      for (const [id, name, arg] of [[fixed, "toFixed", digits], [str, "toString", radix], [str, "toString", undefined]] as [number, string, Prim][]) {
        const d = differ(m.method(id, x, [arg]), v8(() => (x as any)[name](arg)));
        if (d) failures.push(`(${show(x)}).${name}(${show(arg)}): ${d}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
