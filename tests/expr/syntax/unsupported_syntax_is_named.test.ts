// JavaScript syntax outside the subset is named.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("regular expression constructs the engine does not run", () => {
  expect(render("/a(?<=b)c/.test(press)")).toBe(
    "mapping 'm': lookbehind is not supported (E53)" + "\n" +
    "  /a(?<=b)c/.test(press)" + "\n" +
    "    ^^^^",
  );
  expect(render("/ab+c/y.test(press)")).toBe(
    "mapping 'm': the y flag is not supported (E53)" + "\n" +
    "  /ab+c/y.test(press)" + "\n" +
    "        ^",
  );
});

test("array holes", () => {
  expect(render("[1, , 2]")).toBe(
    "mapping 'm': array holes ('[a, , b]') are not supported (E54)" + "\n" +
    "  [1, , 2]" + "\n" +
    "      ^" + "\n" +
    "  hint: write undefined or null where the element is missing",
  );
});

test("object methods, getters, spread and __proto__", () => {
  expect(render("{f() {}}")).toMatch(/^mapping 'm': methods, getters and setters in object literals are not supported \(E54\)\n  \{f\(\) \{\}\}\n   \^/);
  expect(render("{get a() { return 1 }}")).toMatch(/methods, getters and setters in object literals are not supported \(E54\)/);
  expect(render("{...press}")).toMatch(/^mapping 'm': spread in object literals \('\{\.\.\.o\}'\) is not supported \(E54\)/);
  expect(render("{__proto__: press}")).toMatch(/^mapping 'm': '__proto__: …' sets the prototype and is not supported \(E54\)/);
  expect(render("{'__proto__': press}")).toMatch(/sets the prototype/);
});

test("optional call of a method", () => {
  expect(render("press.toFixed?.(1)")).toBe(
    "mapping 'm': optional calls ('?.()') are only supported on built-in functions (E55)" + "\n" +
    "  press.toFixed?.(1)" + "\n" +
    "               ^^" + "\n" +
    "  hint: write .toFixed(…), or guard the receiver: x?.toFixed(…)",
  );
});

test("?. without a value before it", () => {
  expect(render("?.a")).toMatch(/^mapping 'm': '\?\.' must follow a value/);
});

test("instanceof", () => {
  expect(render("press instanceof r")).toBe(
    "mapping 'm': 'instanceof' is not supported (E59)" + "\n" +
    "  press instanceof r" + "\n" +
    "        ^^^^^^^^^^",
  );
});

test("delete", () => {
  expect(render("delete press")).toBe(
    "mapping 'm': 'delete' is not supported (E59)" + "\n" +
    "  delete press" + "\n" +
    "  ^^^^^^",
  );
});

test("await", () => {
  expect(render("await press")).toBe(
    "mapping 'm': 'await' is not supported (E59)" + "\n" +
    "  await press" + "\n" +
    "  ^^^^^",
  );
});

test("yield", () => {
  expect(render("yield press")).toBe(
    "mapping 'm': 'yield' is not supported (E59)" + "\n" +
    "  yield press" + "\n" +
    "  ^^^^^",
  );
});

test("import", () => {
  expect(render("import('x')")).toBe(
    "mapping 'm': 'import' is not supported (E59)" + "\n" +
    "  import('x')" + "\n" +
    "  ^^^^^^",
  );
});

test("spread outside array literals and calls", () => {
  expect(render("...press")).toBe(
    "mapping 'm': spread ('...') is only allowed in array literals and in calls (E59)" + "\n" +
    "  ...press" + "\n" +
    "  ^^^",
  );
});

test("spread in the arguments of a method", () => {
  expect(render("press.toFixed(...[1])")).toMatch(/^mapping 'm': spread \('\.\.\.'\) in arguments is only supported in calls of built-in functions such as Math\.max\(\.\.\.\) \(E59\)/);
});

test("tagged template", () => {
  expect(render("press`x`")).toBe(
    "mapping 'm': tagged templates are not supported (E59)" + "\n" +
    "  press`x`" + "\n" +
    "       ^^^",
  );
});

test("private name", () => {
  expect(render("press.#x")).toBe(
    "mapping 'm': private names ('#') are not supported (E45)" + "\n" +
    "  press.#x" + "\n" +
    "        ^",
  );
});

test("decorator", () => {
  expect(render("@x")).toBe(
    "mapping 'm': decorators ('@') are not supported (E45)" + "\n" +
    "  @x" + "\n" +
    "  ^",
  );
});


test("split without index", () => {
  expect(render("press.split(',')")).toBe(
    "mapping 'm': 'split' is only supported as x.split(separator)[i] (E60)" + "\n" +
    "  press.split(',')" + "\n" +
    "        ^^^^^" + "\n" +
    "  hint: pick one part, e.g. x.split(\",\")[0]",
  );
});
