// Every binary operator over a matrix of values of every type, evaluated at
// run time (aliases) and at configure time (constant folding), against V8.
import { describe, test, expect } from "vitest";
import { Engine } from "../engine";
import { VALUES, checkAgainstV8, literal, sameValue, show } from "../v8";
import { isDiag, v8 } from "../engine";

const OPERATORS = [
  "+", "-", "*", "/", "%", "**", "<", "<=", ">", ">=", "==", "!=", "===", "!==",
  "&", "|", "^", "<<", ">>", ">>>", "&&", "||", "??",
];

const pairs = VALUES.flatMap((a) => VALUES.map((b) => [a, b]));
const e = new Engine();

describe("binary operators on alias values", () => {
  for (const op of OPERATORS) {
    test(`a ${op} b`, () => {
      checkAgainstV8(e, `a ${op} b`, ["a", "b"], pairs);
    });
  }
});

describe("binary operators folded at configure time give the run-time result", () => {
  for (const op of OPERATORS) {
    test(`literal ${op} literal`, () => {
      const failures: string[] = [];
      for (const [a, b] of pairs) {
        const src = `${literal(a)} ${op} ${literal(b)}`;
        const h = e.compile(src);
        if (isDiag(h)) { failures.push(`${src}: ${h.message}`); continue; }
        expect(e.flags(h).constant).toBe(true);
        const got = e.run(h);
        const want = v8(src, [], []);
        if (!("value" in want) || !("value" in got) || !sameValue(got.value, want.value)) {
          failures.push(`${src}: got ${"value" in got ? show(got.value) : "error"}, V8 ${"value" in want ? show(want.value) : "threw"}`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });
  }
});
