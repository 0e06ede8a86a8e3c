// The sandbox (docs/reliability.md "Sandbox"): an expression can reach nothing
// but its own values. The module imports nothing; no identifier or member
// outside the allowed set compiles; and evaluation is bounded in time and
// memory by construction: the worst expressions that fit in 4 KiB end quickly
// with a string_limit / memory_limit / range_error record, not a hang or growth.

import { describe, expect, it } from "vitest";
import { ConfigError, type StreamProcessor } from "../../host/index.js";
import { compiledWasm, create } from "./support.js";

const config = (mapping: Record<string, string>) =>
  ({ model: { name: "x", version: "v1" }, output_topic: "o", sources: { s: "t.s", n: "t.n" }, mapping });

async function rejected(expr: string): Promise<boolean> {
  try {
    (await create(config({ m: expr }))).close();
    return false;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return true;
  }
}

describe("no way out", () => {
  it("the module imports nothing: no host function exists for an expression to reach", () => {
    expect(WebAssembly.Module.imports(compiledWasm())).toEqual([]);
    expect(WebAssembly.Module.exports(compiledWasm()).filter((e) => e.kind !== "function").map((e) => e.name)).toEqual(["memory"]);
  });

  it("no global of the host's JavaScript realm is an identifier an expression may use", async () => {
    // Allowed: the built-ins of docs/behaviour.md §7 (as callees or namespaces) and the literal-like globals.
    const allowedValues = new Set(["NaN", "Infinity", "undefined"]);
    const names = new Set([...Object.getOwnPropertyNames(globalThis), "require", "module", "exports", "__dirname", "__filename",
      "process", "Buffer", "global", "globalThis", "window", "self", "eval", "Function", "arguments", "this", "import", "super",
      "new.target", "import.meta", "Deno", "Bun", "WebAssembly", "Reflect", "Proxy", "Symbol", "Object", "Array", "JSON", "Atomics",
      "SharedArrayBuffer", "fetch", "setTimeout", "queueMicrotask", "structuredClone", "constructor", "__proto__", "prototype"]);
    const accepted: string[] = [];
    for (const name of names) {
      if (allowedValues.has(name)) continue;
      if (!(await rejected(name))) accepted.push(name);
    }
    expect(accepted).toEqual([]);
  });

  it("no escape through members, calls, constructors, templates or syntax", async () => {
    const escapes = [
      "s.constructor", 's["constructor"]', "s.__proto__", "s.constructor.constructor('return process')()", '"".constructor',
      "(1).constructor", "Math.constructor", "Math.__proto__", "String.prototype", "Number.constructor", "parseInt.constructor",
      "Math.random.call(null)", "Math.max.apply(null, [1])", "Math['max'](1, 2)", "s.toString.call(s)",
      "s.hasOwnProperty('x')", "s.valueOf", "new Map()", "new Date.now()", "new Function('x')", "String.raw`x`", "s`x`", "import('fs')", "import.meta",
      "new.target", "x => x", "function () {}", "(() => 1)()", "s = 1", "s++", "delete s", "s in s", "s instanceof Object",
      "eval('1')", "Function('return 1')()", "this", "arguments", "globalThis.process", "s?.constructor", "[s].map(String.constructor)", "[s].map(x => x)(1)",
      "({}).constructor", "/x/.constructor", "s;1", "s, 1", "`${s.constructor}`", "Math.max.constructor('return 1')", "String.fromCharCode.bind",
      "Number.prototype.toFixed.call(1)", "s.replace(/x/g, (m) => m)", "s.split.call('a,b', ',')[0]", "void s.constructor",
      "s.valueOf.constructor", "s.at.call", "s.concat.apply(s, [])",
    ];
    const accepted: string[] = [];
    for (const e of escapes) if (!(await rejected(e))) accepted.push(e);
    expect(accepted).toEqual([]);
  });

  it("no member of String.prototype, Number.prototype or Object.prototype beyond the engine's pure string and number methods is reachable", async () => {
    // docs/behaviour.md §7's members, and the further pure ones assembly/expr/lib/methods.ts implements.
    const allowed = new Set(["length", "toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd", "slice", "substring", "includes",
      "startsWith", "endsWith", "indexOf", "lastIndexOf", "charAt", "padStart", "padEnd", "repeat", "replace", "replaceAll", "split",
      "toFixed", "toString",
      "substr", "charCodeAt", "codePointAt", "at", "concat", "isWellFormed", "toWellFormed", "trimLeft", "trimRight", "valueOf",
      // A Date method (issue 17): on a string or number it is a TypeError at run time, never a way out.
      "toLocaleString",
      // with a regular expression literal (issue 17); a string pattern is a type_error record
      "match", "search"]);
    const members = new Set([String.prototype, Number.prototype, Object.prototype, Function.prototype].flatMap((o) => Object.getOwnPropertyNames(o)));
    const accepted: string[] = [];
    for (const m of members) {
      if (allowed.has(m)) continue;
      if (!(await rejected(`s.${m}`)) || !(await rejected(`n.${m}()`))) accepted.push(m);
    }
    expect(accepted).toEqual([]);
  });
});

describe("bounded by construction", () => {
  const S = "x".repeat(65_536); // the largest string value a payload may carry
  // Each fits the 4 KiB expression limit; each would take seconds or gigabytes if unbounded.
  const WORST: Record<string, string> = {
    repeat: "s.repeat(1e9)",
    repeatRepeat: "s.repeat(2 ** 20).repeat(2 ** 20)",
    padStart: "s.padStart(2 ** 30, s)",
    padEnd: "s.padEnd(1e9)",
    replaceAllEmpty: 's.replaceAll("", s)',
    replaceAllGrow: 's.replaceAll("x", s.repeat(16))',
    template: "`" + "${s}".repeat(600) + "`",
    nestedTemplates: "`${`${`${s}${s}`.repeat(64)}`.repeat(64)}`.repeat(64)",
    concatChain: Array.from({ length: 900 }, () => "s").join(" + "),
    searchWorstCase: 's.repeat(15).indexOf(s + "y") + s.repeat(15).lastIndexOf("y" + s)',
    periodicSearch: '("ab".repeat(300000)).indexOf("ab".repeat(30000) + "c")',
    replaceSearch: 's.repeat(15).replaceAll(s.slice(1) + "y", "z").length',
    splitSearch: 's.repeat(15).split(s + "y")[0].length',
    caseAndTrim: "s.repeat(15).toUpperCase().toLowerCase().trim().length",
    numberText: "(2 ** -1074).toString(2).length + Math.PI.toFixed(100).length",
    numberParse: 'parseInt("1".repeat(1000)) + parseFloat("9".repeat(1000)) + Number("9".repeat(1000))',
  };

  async function run(p: StreamProcessor) {
    const t0 = performance.now();
    const r = p.process([{ topic: "t.s", payload: JSON.stringify({ value: S, timestamp_ms: 1 }) }, { topic: "t.n", payload: '{"value":2,"timestamp_ms":1}' }]);
    return { ms: performance.now() - t0, r };
  }

  it("the worst expressions within the limits finish fast: a value or a string_limit / memory_limit / range_error record", async () => {
    const slow: string[] = [];
    const bad: string[] = [];
    for (const [name, expr] of Object.entries(WORST)) {
      expect(new TextEncoder().encode(expr).length, name).toBeLessThanOrEqual(4096);
      const p = await create(config({ [name]: expr }));
      const { ms, r } = await run(p);
      if (ms > 1000) slow.push(`${name}: ${ms.toFixed(0)} ms`);
      for (const e of r.errors) if (!["string_limit", "memory_limit", "range_error", "non_finite_result"].includes(e.code)) bad.push(`${name}: ${e.code}`);
      p.close();
    }
    expect(slow).toEqual([]);
    expect(bad).toEqual([]);
  });

  it("repeating them does not grow memory: every evaluation starts from the same scratch memory", async () => {
    const p = await create(config(WORST));
    await run(p); await run(p);
    const x = (p as unknown as { module: { exports: { memory: WebAssembly.Memory; heap_top(): number } } }).module.exports;
    const pages = x.memory.buffer.byteLength, top = x.heap_top();
    let errors = 0;
    for (let i = 0; i < 20; i++) errors += (await run(p)).r.errors.length;
    expect(errors).toBeGreaterThanOrEqual(20 * 8);
    expect(x.memory.buffer.byteLength).toBe(pages);
    expect(x.heap_top()).toBe(top);
    // And memory stays within the documented budget (limits.evalArenaBytes of scratch, not gigabytes).
    expect(pages).toBeLessThan(256 << 20);
  });
});
