// Built-ins, methods, properties and split(...)[i] reached through the compiler
// and the VM (argument order, receivers, nesting) give V8's values. The
// built-ins' own semantics are tested directly in builtins.test.ts and methods.test.ts.
import { describe, test } from "vitest";
import { Engine } from "../engine";
import { checkAgainstV8 } from "../v8";

const e = new Engine();
const ALIASES = ["a", "b", "s"];
const ROWS = [[2, 3, "a,b,c"], [-1.5, 0, " Hello World "], [1e21, 2, "x"], [NaN, "4", ""], ["12px", 36, "10,20,30"]];

describe("global and static built-ins", () => {
  const cases = [
    "Math.max(a, b)", "Math.min(a, b, 0)", "Math.max()", "Math.abs(a)", "Math.floor(a / b)", "Math.round(a * 100) / 100",
    "Math.pow(a, 2)", "Math.sqrt(b)", "Math.PI * a", "Math.E", "Math.sign(a - b)", "Math.trunc(a)", "Math.hypot(a, b)",
    "parseInt(s)", "parseInt(a, 16)", "parseFloat(s)", "isNaN(a)", "isFinite(b)", "Number(s)", "Number(a) + Number(b)",
    "String(a) + String(b)", "Boolean(s)", "Number.isInteger(a)", "Number.isFinite(b)", "Number.isNaN(a)",
    "String.fromCharCode(65 + b)", "Number()", "String()", "Boolean()", "Math.max(Math.min(a, 10), -10)",
  ];
  for (const c of cases) test(c, () => checkAgainstV8(e, c, ALIASES, ROWS));
});

describe("string and number members", () => {
  const cases = [
    "s.length", "s.toUpperCase()", "s.toLowerCase()", "s.trim()", "s.trimStart()", "s.trimEnd()", "s.slice(1)", "s.slice(1, -1)",
    "s.substring(2, 1)", "s.includes(',')", "s.startsWith(' ')", "s.endsWith('c')", "s.indexOf(',')", "s.lastIndexOf(',')",
    "s.charAt(1)", "s.padStart(8, '*')", "s.padEnd(8)", "s.repeat(2)", "s.replace(',', ';')", "s.replaceAll(',', ';')",
    "s.split(',')[0]", "s.split(',')[1]", "s.split(',')[b]", "s.split(',', 1)[0]", "s.split('')[0]", "s.split()[0]",
    "s.split(',')[0].length", "s.trim().split(' ')[1].toUpperCase()", "(1.005).toFixed(2)", "(255).toString(16)",
    "(255).toString()", "`${s.length}:${s.charAt(0)}`", "s.slice(0, 2) + s.slice(-2)", "'abc'.length + s.length",
  ];
  for (const c of cases) test(c, () => checkAgainstV8(e, c, ALIASES, ROWS));
  test("number methods on alias values", () => checkAgainstV8(e, "a.toFixed(1)", ALIASES, [[2], [1.25], [-0.5], [1e21]]));
  test("a method on undefined is a TypeError, as in V8", () => checkAgainstV8(e, "a.toFixed(1)", ALIASES, [[undefined], [null]]));
  test("a string method on a number is a TypeError, as in V8", () => checkAgainstV8(e, "a.toUpperCase()", ALIASES, [[1]]));
});

test("a parenthesised namespace or member is still a built-in, as in JavaScript", () => {
  checkAgainstV8(e, "(Math).max(a, b) + (Math.PI)", ALIASES, ROWS);
  checkAgainstV8(e, "(s.trim)().length + (s.trim()).length", ALIASES, ROWS);
});
