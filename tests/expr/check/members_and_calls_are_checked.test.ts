// members and calls are checked at configure time.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("unknown static member", () => {
  expect(render("Math.sqr(2)")).toBe(
    "mapping 'm': unknown member 'sqr' of Math (E57)" + "\n" +
    "  Math.sqr(2)" + "\n" +
    "       ^^^" + "\n" +
    "  hint: did you mean 'sqrt'?",
  );
});

test("unknown static constant", () => {
  expect(render("Math.PII")).toBe(
    "mapping 'm': unknown member 'PII' of Math (E57)" + "\n" +
    "  Math.PII" + "\n" +
    "       ^^^" + "\n" +
    "  hint: did you mean 'PI'?",
  );
});

test("unknown method", () => {
  expect(render("press.toFixd(2)")).toBe(
    "mapping 'm': unknown member 'toFixd' (E57)" + "\n" +
    "  press.toFixd(2)" + "\n" +
    "        ^^^^^^" + "\n" +
    "  hint: did you mean 'toFixed'?",
  );
});

test("unknown property", () => {
  expect(render("press.lenght")).toBe(
    "mapping 'm': unknown member 'lenght' (E57)" + "\n" +
    "  press.lenght" + "\n" +
    "        ^^^^^^" + "\n" +
    "  hint: did you mean 'length'?",
  );
});

test("unknown member with no suggestion", () => {
  expect(render("press.foo")).toBe(
    "mapping 'm': unknown member 'foo' (E57)" + "\n" +
    "  press.foo" + "\n" +
    "        ^^^",
  );
});

test("unknown Number member", () => {
  expect(render("Number.foo(1)")).toBe(
    "mapping 'm': unknown member 'foo' of Number (E57)" + "\n" +
    "  Number.foo(1)" + "\n" +
    "         ^^^",
  );
});

test("too many arguments", () => {
  expect(render("Math.sqrt(1, 2)")).toBe(
    "mapping 'm': 'Math.sqrt' expects 0 to 1 arguments, got 2 (E58)" + "\n" +
    "  Math.sqrt(1, 2)" + "\n" +
    "  ^^^^^^^^^^^^^^^",
  );
});

test("arguments to a function that takes none", () => {
  expect(render("Math.random(1)")).toBe(
    "mapping 'm': 'Math.random' expects 0 arguments, got 1 (E58)" + "\n" +
    "  Math.random(1)" + "\n" +
    "  ^^^^^^^^^^^^^^",
  );
});

test("method arguments", () => {
  expect(render("press.toFixed(1, 2)")).toBe(
    "mapping 'm': 'toFixed' expects 0 to 1 arguments, got 2 (E58)" + "\n" +
    "  press.toFixed(1, 2)" + "\n" +
    "  ^^^^^^^^^^^^^^^^^^^",
  );
});

test("function used as a value", () => {
  expect(render("Math.max")).toBe(
    "mapping 'm': 'Math.max' is a function and must be called (E66)" + "\n" +
    "  Math.max" + "\n" +
    "  ^^^^^^^^" + "\n" +
    "  hint: write Math.max(…)",
  );
});

test("global function used as a value", () => {
  expect(render("parseInt")).toBe(
    "mapping 'm': 'parseInt' is a function and must be called (E66)" + "\n" +
    "  parseInt" + "\n" +
    "  ^^^^^^^^" + "\n" +
    "  hint: write parseInt(…)",
  );
});

test("namespace used as a value", () => {
  expect(render("Math")).toBe(
    "mapping 'm': 'Math' cannot be used as a value, only its members (E66)" + "\n" +
    "  Math" + "\n" +
    "  ^^^^",
  );
});

test("method used as a value", () => {
  expect(render("press.toFixed")).toBe(
    "mapping 'm': method 'toFixed' must be called (E66)" + "\n" +
    "  press.toFixed" + "\n" +
    "        ^^^^^^^" + "\n" +
    "  hint: write .toFixed(…)",
  );
});

test("calling a constant", () => {
  expect(render("Math.PI()")).toBe(
    "mapping 'm': 'Math.PI' is a value, not a function (E65)" + "\n" +
    "  Math.PI()" + "\n" +
    "  ^^^^^^^",
  );
});

test("calling an alias", () => {
  expect(render("press()")).toBe(
    "mapping 'm': 'press' is an alias (a value), not a function (E65)" + "\n" +
    "  press()" + "\n" +
    "  ^^^^^",
  );
});

test("calling a property", () => {
  expect(render("press.length()")).toBe(
    "mapping 'm': 'length' is a property, not a method (E65)" + "\n" +
    "  press.length()" + "\n" +
    "        ^^^^^^" + "\n" +
    "  hint: write .length without parentheses",
  );
});

test("calling a call result", () => {
  expect(render("(1)(2)")).toBe(
    "mapping 'm': this expression is not a function (E65)" + "\n" +
    "  (1)(2)" + "\n" +
    "  ^^^",
  );
});

test("calling a namespace", () => {
  expect(render("JSON()")).toBe(
    "mapping 'm': 'JSON' cannot be called, only its members (E65)" + "\n" +
    "  JSON()" + "\n" +
    "  ^^^^",
  );
});
