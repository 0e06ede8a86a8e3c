// Arrow functions (issue 17) are callbacks of array methods and Array.from, and
// nothing else: anywhere else, and in the forms the language leaves out, they are
// configure-time diagnostics with a caret under the construct.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}
function accepted(src: string): boolean {
  return !isDiag(e.compile(src, ["press", "tF", "r"]));
}

const WHERE = "arrow functions are only allowed as the callback of an array method (map, filter, reduce, sort, …) or of Array.from (E50)";

test("an arrow on its own, in an operator or as another call's argument says where arrows are allowed", () => {
  expect(render("x => x")).toBe(`mapping 'm': ${WHERE}\n  x => x\n  ^^^^`);
  expect(render("(a, b) => a + b")).toBe(`mapping 'm': ${WHERE}\n  (a, b) => a + b\n  ^^^^^^^^^`);
  expect(render("() => 1")).toBe(`mapping 'm': ${WHERE}\n  () => 1\n  ^^^^^`);
  expect(render("[1].map(f => f) + (y => y)")).toBe(`mapping 'm': ${WHERE}\n  [1].map(f => f) + (y => y)\n                    ^^^^^`);
  expect(render("Math.max(x => 1)")).toBe(`mapping 'm': ${WHERE}\n  Math.max(x => 1)\n           ^^^^`);
  expect(render("[1].reduce((a, x) => a, y => y)")).toMatch(/only allowed as the callback/); // reduce's initial value is no callback
  expect(render("[1].map([x => x][0])")).toMatch(/only allowed as the callback/);
});

test("callbacks in their place are accepted, as are built-in functions by name", () => {
  for (const src of ["[1].map(x => x * 2)", "[1].map((x, i, arr) => x + i + arr.length)", "[1].reduce((acc, x) => acc + x, 0)",
    "[1].sort((a, b) => a - b)", "[1].map(() => 1)", "[1].map((x) => { return x; })", "[1].map((x => x))", "Array.from(press, c => c)",
    "[1].filter(Boolean)", "[1].map(Math.abs)", "[1].map(parseInt)", "[press].map(press => press + 1)", "press.map(x => x)"]) {
    expect([src, accepted(src)]).toEqual([src, true]);
  }
});

test("a block body must be a single return statement", () => {
  expect(render("[1].map(x => { const y = x; })")).toBe(
    "mapping 'm': an arrow function's body must be an expression or { return expression; } (E50)\n" +
    "  [1].map(x => { const y = x; })\n" +
    "               ^",
  );
  expect(render("[1].map(x => { return\nx })")).toBe(
    "mapping 'm': a line break after 'return' ends the statement: the arrow would return undefined (E50)\n" +
    "  line 1:\n" +
    "  [1].map(x => { return\n" +
    "                 ^^^^^^\n" +
    "  hint: put the returned expression on the line of 'return'",
  );
});

test("parameters are distinct identifiers", () => {
  expect(render("[1].map((x, x) => x)")).toBe("mapping 'm': duplicate parameter name 'x' (E50)\n  [1].map((x, x) => x)\n              ^");
  expect(render("[1].map((x, 1) => x)")).toBe(
    "mapping 'm': an arrow function's parameters must be identifiers (E50)\n  [1].map((x, 1) => x)\n          ^^^^^^^^^\n  hint: write x => …, (a, b) => … or () => …");
  expect(render("[1].map(undefined => 1)")).toBe("mapping 'm': 'undefined' cannot be a parameter name (E50)\n  [1].map(undefined => 1)\n          ^^^^^^^^^");
  expect(render("[1].map(x => x(1))")).toBe("mapping 'm': 'x' is a parameter (a value), not a function (E65)\n  [1].map(x => x(1))\n               ^");
});

test("nesting is bounded, and so are the parameters in scope", () => {
  const deep = "[1].map(x => ".repeat(9) + "x" + ")".repeat(9);
  expect(render(deep)).toMatch(/^mapping 'm': arrow functions are nested too deeply \(limit 8\) \(E63\)/);
  expect(accepted("[1].map(x => ".repeat(8) + "x" + ")".repeat(8))).toBe(true);
  const params = Array.from({ length: 9 }, (_, k) => `p${k}`).join(", ");
  expect(render(`[1].map((${params}) => `.repeat(8) + "1" + ")".repeat(8))).toMatch(/too many parameters of nested arrow functions \(limit 64\) \(E64\)/);
});

test("thisArg is not supported: an extra argument is an argument-count diagnostic", () => {
  expect(render("[1].map(x => 1, 2)")).toMatch(/^mapping 'm': 'map' expects 0 to 1 arguments, got 2 \(E58\)/);
});

test("an arrow cannot follow a spread (the arguments then travel as an array)", () => {
  expect(render("Array.from(...[press], x => x)")).toBe(
    "mapping 'm': an arrow callback cannot follow a spread argument (E59)\n  Array.from(...[press], x => x)\n                         ^^^^");
  expect(accepted("Array.from(...[press], Number)")).toBe(true);
});
