// && || ?? and ?: evaluate only the side they pick: the other side's errors
// (a method on undefined) and its volatile calls never happen.
import { describe, test, expect } from "vitest";
import { Engine, isDiag } from "../engine";
import { checkAgainstV8 } from "../v8";

const e = new Engine();

describe("the side not taken is not evaluated", () => {
  const cases: [string, unknown[][]][] = [
    ["a && b.toFixed(2)", [[false, undefined], [0, null], ["", undefined], [true, 1.234], [1, undefined]]],
    ["a || b.toFixed(2)", [[true, undefined], [1, null], ["x", undefined], [false, 1.234], [0, undefined]]],
    ["a ?? b.toFixed(2)", [[0, undefined], ["", null], [false, undefined], [null, 1.5], [undefined, 2.5], [null, undefined]]],
    ["a ? b : c.toUpperCase()", [[true, 1, undefined], [false, 1, "x"], [false, 1, null]]],
    ["a ? c.toUpperCase() : b", [[false, 1, undefined], [true, 1, "x"], [true, 1, undefined]]],
    ["a && b && c.length", [[true, 0, undefined], [true, 1, "abc"], [false, 1, undefined]]],
    ["a || b || c.length", [[0, 1, undefined], [0, 0, "abc"], [0, 0, null]]],
  ];
  for (const [src, rows] of cases) {
    test(src, () => checkAgainstV8(e, src, ["a", "b", "c"], rows as any));
  }
});

test("the value of && || ?? is the operand itself, not a boolean", () => {
  checkAgainstV8(e, "a && b", ["a", "b"], [["x", 0], [0, "x"], ["", "y"], [NaN, 1]]);
  checkAgainstV8(e, "a || b", ["a", "b"], [["x", 0], [0, "x"], ["", ""], [NaN, null]]);
  checkAgainstV8(e, "a ?? b", ["a", "b"], [[0, 1], [null, 1], [undefined, ""], [false, true]]);
});

test("a constant left side folds the operator away but keeps the right side's aliases as deps", () => {
  const h = e.compile("false && press > 3", ["press"]);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.deps(h)).toEqual([0]);
  expect(e.flags(h).constant).toBe(false);
  expect(e.run(h, [5])).toEqual({ value: false });
  expect(e.disasm(h)).toBe("0000  CONST                  0  false\n0003  RETURN\n");
});

test("a constant condition picks its branch at configure time", () => {
  const h = e.compile("1 < 2 ? 'yes' : press", ["press"]);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.run(h, [0])).toEqual({ value: "yes" });
  expect(e.deps(h)).toEqual([0]);
});
