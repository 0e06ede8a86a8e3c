// The run-time rule: evaluating operators, built-ins and methods never allocates
// on the AssemblyScript heap (only in the per-evaluation arena).
import { expect, it } from "vitest";
import { loadSemantics, BinaryOp, UnaryOp, type Prim } from "../harness";
import { VALUES } from "../values";

it("operators, built-ins and methods allocate nothing on the heap", () => {
  const m = loadSemantics();
  const x = m.exports;
  const methodIds = ["toUpperCase", "toLowerCase", "trim", "slice", "indexOf", "lastIndexOf", "padStart", "repeat", "replace", "replaceAll", "concat", "toFixed", "toString", "charAt", "at", "split"].map((n) => m.methodId(n));
  const builtinIds = ["parseInt", "parseFloat", "String", "Number", "Math.sin", "Math.pow", "Math.max", "Math.hypot", "String.fromCharCode", "Date.now", "Math.random",
    "JSON.stringify", "Object.keys", "Object.values", "Object.entries", "Object.fromEntries", "Array.isArray",
    "JSON.parse", "Date.UTC", "Date.parse"].map((n) => m.builtinId(n));
  const run = () => {
    const small: Prim[] = VALUES.slice(0, 40);
    for (const a of small) {
      for (const op of Object.keys(UnaryOp) as (keyof typeof UnaryOp)[]) m.unary(op, a);
      for (const b of small.slice(0, 12)) for (const op of Object.keys(BinaryOp) as (keyof typeof BinaryOp)[]) m.binary(op, a, b);
      for (const id of builtinIds) m.call(id, [a, 2]);
      for (const id of methodIds) if (id >= 0) m.method(id, typeof a === "number" ? a : "Abc\u03a3 \u00df", [a, "x"]);
      m.split("a,b,c", [","], a);
    }
  };
  run(); // warm up: the arena takes its first block here
  const before = x.heapMark();
  run();
  const after = x.heapMark();
  expect(after - before).toBeLessThanOrEqual(32); // just the first mark's own block
});
