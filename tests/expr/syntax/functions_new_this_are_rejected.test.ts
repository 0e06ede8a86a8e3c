// function literals, new and this cannot be expressed.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

// Arrow functions are callbacks now: tests/expr/check/arrows_are_callbacks_only.test.ts.

test("a ')' after an operator is a syntax error there, even when '=>' follows (as V8 says)", () => {
  expect(render("(press * ) => 1")).toBe(
    "mapping 'm': expected an expression, found ')' (E40)" + "\n" +
    "  (press * ) => 1" + "\n" +
    "           ^",
  );
});

test("function literal", () => {
  expect(render("function f() { return 1 }")).toBe(
    "mapping 'm': function literals are not allowed (E50)" + "\n" +
    "  function f() { return 1 }" + "\n" +
    "  ^^^^^^^^",
  );
});

test("class literal", () => {
  expect(render("class A {}")).toBe(
    "mapping 'm': class literals are not allowed (E50)" + "\n" +
    "  class A {}" + "\n" +
    "  ^^^^^",
  );
});

test("new", () => {
  expect(render("new Map()")).toBe(
    "mapping 'm': 'new' is only allowed before Date (new Date(…)) (E51)" + "\n" +
    "  new Map()" + "\n" +
    "  ^^^",
  );
  // new Date.now() constructs Date.now in JavaScript: another constructor.
  expect(render("new Date.now()")).toMatch(/^mapping 'm': 'new' is only allowed before Date/);
});

test("this", () => {
  expect(render("this.press")).toBe(
    "mapping 'm': 'this' is not allowed (E52)" + "\n" +
    "  this.press" + "\n" +
    "  ^^^^",
  );
});

test("super", () => {
  expect(render("super.x")).toBe(
    "mapping 'm': 'super' is not allowed (E52)" + "\n" +
    "  super.x" + "\n" +
    "  ^^^^^",
  );
});
