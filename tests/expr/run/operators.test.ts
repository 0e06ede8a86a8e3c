// Every binary operator over every pair of VALUES, and every unary operator over
// every value, against V8 computing the same expression.
import { describe, expect, it } from "vitest";
import { loadSemantics, v8, differ, show, BinaryOp, UnaryOp, type Prim } from "../harness";
import { VALUES } from "../values";

const m = loadSemantics();

/* eslint-disable eqeqeq */
const JS_BINARY: Record<keyof typeof BinaryOp, (a: any, b: any) => unknown> = {
  "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "/": (a, b) => a / b,
  "%": (a, b) => a % b, "**": (a, b) => a ** b, "<": (a, b) => a < b, "<=": (a, b) => a <= b,
  ">": (a, b) => a > b, ">=": (a, b) => a >= b, "==": (a, b) => a == b, "!=": (a, b) => a != b,
  "===": (a, b) => a === b, "!==": (a, b) => a !== b, "&": (a, b) => a & b, "|": (a, b) => a | b,
  "^": (a, b) => a ^ b, "<<": (a, b) => a << b, ">>": (a, b) => a >> b, ">>>": (a, b) => a >>> b,
};
const JS_UNARY: Record<keyof typeof UnaryOp, (a: any) => unknown> = {
  "-": (a) => -a, "+": (a) => +a, "!": (a) => !a, "~": (a) => ~a, typeof: (a) => typeof a, void: (a) => void a,
};

describe("binary operators match V8 on every pair of values", () => {
  for (const op of Object.keys(BinaryOp) as (keyof typeof BinaryOp)[]) {
    it(`a ${op} b`, () => {
      const failures: string[] = [];
      for (const a of VALUES) for (const b of VALUES) {
        const d = differ(m.binary(op, a, b), v8(() => JS_BINARY[op](a, b)));
        if (d) failures.push(`${show(a)} ${op} ${show(b)}: ${d}`);
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });
  }
});

describe("unary operators match V8", () => {
  for (const op of Object.keys(UnaryOp) as (keyof typeof UnaryOp)[]) {
    it(`${op} a`, () => {
      const failures: string[] = [];
      for (const a of VALUES) {
        const d = differ(m.unary(op, a), v8(() => JS_UNARY[op](a)));
        if (d) failures.push(`${op} ${show(a)}: ${d}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("coercions match V8", () => {
  it("truthiness, ToNumber, ToString, equality, nullish", () => {
    const failures: string[] = [];
    for (const a of VALUES) {
      if (m.truthy(a) !== !!a) failures.push(`truthy(${show(a)})`);
      if (!Object.is(m.toNumber(a), Number(a))) failures.push(`toNumber(${show(a)}) = ${m.toNumber(a)}`);
      const d = differ(m.toString(a), v8(() => String(a)));
      if (d) failures.push(`toString(${show(a)}): ${d}`);
      if (m.isNullish(a) !== (a == null)) failures.push(`isNullish(${show(a)})`);
      for (const b of VALUES) {
        if (m.strictEquals(a, b) !== (a === b)) failures.push(`${show(a)} === ${show(b)}`);
        if (m.looseEquals(a, b) !== (a == b)) failures.push(`${show(a)} == ${show(b)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("operator edge cases", () => {
  it("the result slot may alias an operand", () => {
    for (const [a, b] of [["ab", 1], [2, "cd"], [3, 4], ["x", "y"]] as [Prim, Prim][]) {
      expect(m.binary("+", a, b, 0)).toEqual(v8(() => (a as any) + (b as any)));
      expect(m.binary("+", a, b, 1)).toEqual(v8(() => (a as any) + (b as any)));
    }
  });
  it("concatenation past the string limit fails without allocating", () => {
    m.exports.setLimit(5, 8); // EvalStringUnits
    try {
      expect(m.binary("+", "abcd", "efgh")).toEqual({ ok: true, value: "abcdefgh" });
      const r = m.binary("+", "abcd", "efghi");
      expect(r).toEqual({ ok: false, name: "StringLimit", message: "string longer than the evaluation limit" });
    } finally {
      m.exports.setLimit(5, 1048576);
    }
  });
  it("exponentiation follows Number::exponentiate", () => {
    const xs = [1, -1, NaN, 0, -0, Infinity, -Infinity, 2, -2, 0.5, -8, 10, 1e-300];
    const failures: string[] = [];
    for (const a of xs) for (const b of [...xs, 1 / 3, 0.5, -0.5, 3, -3, 1e300, 2 ** 53 + 2]) {
      const d = differ(m.binary("**", a, b), v8(() => a ** b));
      if (d) failures.push(`${show(a)} ** ${show(b)}: ${d}`);
    }
    expect(failures).toEqual([]);
  });
});
