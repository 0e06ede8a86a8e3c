// Quadratic but legitimate regex work must fit the step budget: a lookahead with
// \s* at each of 1,428 positions is ~1M steps, which the first budget (1,000,000
// per evaluation) refused where V8 answers at once (fuzz-expr seed 2026).
import { test } from "vitest";
import { expectSameAsV8 } from "./support";

test("a g-match whose lookahead rescans the rest of 1,428 spaces gives V8's result", async () => {
  await expectSameAsV8("{ } ?.[ \"\".padStart(1428).match(/(?=\\s*\\b\\W(\\e))/gm) ?.[ 'a']]", {});
});

test("the same over 4,000 spaces (~8M steps)", async () => {
  await expectSameAsV8("\"\".padStart(4000).match(/(?=\\s*\\b\\W(\\e))/gm) ?? 'none'", {});
});
