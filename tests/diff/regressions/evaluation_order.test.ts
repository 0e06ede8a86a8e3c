// JavaScript reads a method off its receiver before it evaluates the arguments
// (a TypeError for undefined/null comes first), and calls split before it
// evaluates the index (split on a number fails first). The module once
// evaluated the arguments and the index first and reported their errors.
import { expect, test } from "vitest";
import { expectSameAsV8, outcome } from "./support";

test("undefined receiver: the TypeError comes before a failing argument", async () => {
  const expr = 'v2.split(",")[5].endsWith(v2.repeat(-1))';
  await expectSameAsV8(expr, { v2: '"a,b"' });
  expect(await outcome(expr, { v2: '"a,b"' })).toMatchObject({ code: "type_error", message: "Cannot read properties of undefined (reading 'endsWith')" });
});

test("null receiver: the TypeError comes before an over-limit argument", async () => {
  await expectSameAsV8("(v0 > 0 ? null : 'x').slice(v2.repeat(2e6).length)", { v0: "1", v2: '"ab"' });
});

test("undefined receiver of split: the TypeError comes before its arguments", async () => {
  await expectSameAsV8("v2.split(',')[9].split(v2.repeat(-1))[0]", { v2: '"a,b"' });
});

test("split on a number fails before the index is evaluated", async () => {
  const expr = "v0.split(',')[v2.repeat(-1)]";
  await expectSameAsV8(expr, { v0: "12", v2: '"x"' });
  expect(await outcome(expr, { v0: "12", v2: '"x"' })).toMatchObject({ code: "type_error" });
});

test("a method missing on a number fails after its arguments ran", async () => {
  await expectSameAsV8("v0.at(v2.repeat(-1))", { v0: "12", v2: '"x"' });
});
