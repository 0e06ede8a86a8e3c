// docs/behaviour.md §7 coercions through the pipeline, every rule against V8: each
// expression over aliases a and b, for every pair of values of every type
// (numbers, numeric-looking and other strings, booleans), plus the literal
// forms that are folded at configure time.
import { describe, expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { runTable, tableProblems } from "./table.mjs";

// Payload JSON of the values a and b take.
const VALUES = [
  "0", "-0", "1", "-1", "1.5", "7", "2147483648", "4294967301", "-9007199254740993", "1e21", "5e-324", "0.1",
  '""', '" "', '"0"', '"1"', '"-0"', '" 12 "', '"\\t42\\n"', '"12px"', '"0x1f"', '"0b11"', '"0o7"', '"1e3"', '".5"',
  '"Infinity"', '"-Infinity"', '"NaN"', '"abc"', '"true"', '"null"', '"undefined"', '"1_000"', '"\\u00a012\\ufeff"',
  "true", "false",
];

const BINARY = [
  "a == b", "a != b", "a === b", "a !== b", "a + b", "a - b", "a * b", "a / b", "a % b", "a ** b", "a < b", "a <= b",
  "a > b", "a >= b", "a & b", "a | b", "a ^ b", "a << b", "a >> b", "a >>> b", "a && b", "a || b", "a ?? b",
  "a * b / 2 - a", "a - b * 3", "2 / a + b",
  "a ? b : 'no'", "`${a}${b}`", "a + b + 1", "1 + a + b", "Math.max(a, b)", "parseInt(a, b)", "a.toString() < b",
];
const UNARY = [
  "typeof a", "!a", "!!a", "+a", "-a", "~a", "void a ?? 'void'", "a == null", "a == undefined", "a === null",
  "a ?? 'nullish'", "Number(a)", "String(a)", "Boolean(a)", "parseInt(a)", "parseFloat(a)", "isNaN(a)", "isFinite(a)",
  "Number.isInteger(a)", "Number.isFinite(a)", "Number.isNaN(a)", "Number.isSafeInteger(a)", "a | 0", "a >>> 0",
  "a + ''", "'' + a", "a - 0", "a * 1", "`${a}`", "String.fromCharCode(a)", "Math.round(a)",
  "a * 1.8 + 32", "100 - a", "a / 0", "0 / a", "a * -0", "a / 3 * 3 - a + 0.1 - 0.2 * 7 / a", "a + 4.00001",
  "a.length", "Math.abs(a)", "(+a).toFixed(2)", "a == 0", "a == 1", "a == '0'", "a == true", "a == false", "a < 1",
];

describe("coercions match V8 for every pair of value types", () => {
  test(`${BINARY.length} binary forms over ${VALUES.length}² value pairs`, async () => {
    const mappings = Object.fromEntries(BINARY.map((e, i) => [`b${i}`, e]));
    const rows = VALUES.flatMap((a) => VALUES.map((b) => [a, b]));
    const table = await runTable(StreamProcessor, ["a", "b"], mappings, rows);
    expect(tableProblems(rows, table, mappings).slice(0, 10)).toEqual([]);
  });

  test(`${UNARY.length} unary forms over ${VALUES.length} values`, async () => {
    const mappings = Object.fromEntries(UNARY.map((e, i) => [`u${i}`, e]));
    const rows = VALUES.map((a) => [a]);
    const table = await runTable(StreamProcessor, ["a"], mappings, rows);
    expect(tableProblems(rows, table, mappings).slice(0, 10)).toEqual([]);
  });
});

// Literal forms: no aliases, so the checker folds them at configure time.
const LITERALS = [
  'Number("")', 'Number("  12  ")', 'Number(" \\n\\t ")', 'Number("12px")', 'Number("0x1f")', 'Number("-0x1f")', 'Number("0b101")',
  'Number("1_000")', 'Number("Infinity")', 'Number("infinity")', "Number(null)", "Number(undefined)", "Number(true)", "Number()",
  'parseInt("0x1f")', 'parseInt("  -0x1F  ")', 'parseInt("")', 'parseInt("12.9e2")', 'parseInt("1e21")', "parseInt(1e21)",
  "parseInt(0.0000005)", 'parseInt("0x")', 'parseInt("z", 37)', 'parseInt("11", 1)', 'parseInt("11", 0)', 'parseFloat("1e3x")',
  'parseFloat(".5.")', 'parseFloat("-.5e-3")', 'parseFloat("Infinityx")', "null == undefined", "null == 0", "undefined == 0",
  "null >= 0", "null > 0", '"" == 0', '"0" == false', '" \\t\\n" == 0', "NaN == NaN", "NaN != NaN", '"b" + "a" + +"a" + "a"',
  '1 + "2" - 1', '"3" * "4"', "true + true", "null + 1", "undefined + 1", '"x" + null + undefined', "typeof null", "typeof undefined",
  "typeof NaN", "typeof typeof 1", "-0 === 0", "1 / -0 < 0", "String(-0)", "`${-0}`", "-0 + ''", "Math.round(-0.4)",
  "1 / Math.round(-0.4) < 0", '"10" < "9"', '10 < "9"', '"a" < "b"', '"Z" < "a"', "null ?? 0", "0 ?? 1", '"" || "d"', '0 && "x"',
  "!!NaN", '!!"0"', '!!" "', "!!-0", "String(null)", "String(1e21)", "String(123e-20)", "(25).toString(36)", "(-255).toString(16)",
  "(0.5).toString(2)", "(1e21).toFixed(2)", "(1.005).toFixed(2)", "(-1.5).toFixed(0)", "(0.000001).toFixed(7)", "(-0).toFixed(2)",
  "1 < 2 < 3", "3 > 2 > 1", '"2" > "12"', "2 > \"12\"", "+'' === 0", "+true", "-'  -3  '", "~'7'",
  '"5" - - "2"', '"5" + - "2"', "0.1 * 3", "9007199254740992 + 1", "2 ** -1074", "(2 ** 53).toString(2).length",
];

test(`${LITERALS.length} literal coercions are folded at configure time to V8's values`, async () => {
  const mappings = Object.fromEntries(LITERALS.map((e, i) => [`l${i}`, e]));
  // One input on an otherwise unused source triggers the constant mappings.
  const table = await runTable(StreamProcessor, ["z"], mappings, [["0"]]);
  expect(tableProblems([["0"]], table, mappings)).toEqual([]);
});
