// docs/behaviour.md §7 "Rejected at configure time": generated expressions are mutated
// (token deletion, duplication, swap, insertion, replacement) and V8 is asked
// whether the result still parses (tests/diff/syntax_check.mjs). Whatever V8
// rejects as a SyntaxError, the module rejects at configure time, naming the
// mapping, with a caret; where V8 reports an unexpected token, the caret is on
// that token. Whatever the module accepts, V8 parses as one expression and
// evaluates to the same result. More: `node scripts/fuzz-syntax.mjs --count N`.
import { describe, expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { mutants, checkMutants } from "./syntax_check.mjs";

const COUNT = 4000;
const { counts, problems } = await checkMutants(StreamProcessor, mutants(0x5eed, COUNT));

describe(`${COUNT} syntax mutations of generated expressions`, () => {
  test("most mutations are syntax errors to V8, and some stay valid", () => {
    expect(counts.v8Rejects).toBeGreaterThan(COUNT * 0.6);
    expect(counts.accepted).toBeGreaterThan(COUNT * 0.03);
  });

  test("every text V8 rejects as a SyntaxError is rejected at configure time, naming the mapping, with a caret", () => {
    expect(problems.rejected).toEqual([]);
  });

  test("the caret is on the token V8 reports as unexpected", () => {
    expect(counts.caretsCompared).toBeGreaterThan(COUNT * 0.25);
    expect(problems.caret).toEqual([]);
  });

  test("constructs V8 accepts but the subset does not are rejected by name, never as a bare syntax error", () => {
    expect(problems.named).toEqual([]);
  });

  test("every mutation the module accepts parses in V8 and evaluates to V8's result", () => {
    expect(problems.evaluation).toEqual([]);
  });
});
