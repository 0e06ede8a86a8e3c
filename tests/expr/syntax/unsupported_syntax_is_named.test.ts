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

test("regular expression literal", () => {
  expect(render("/ab+c/.test(press)")).toBe(
    "mapping 'm': regular expression literals are not allowed (E53)" + "\n" +
    "  /ab+c/.test(press)" + "\n" +
    "  ^" + "\n" +
    "  hint: use string methods such as includes, startsWith or replace",
  );
});

test("array literal", () => {
  expect(render("[1, 2]")).toBe(
    "mapping 'm': array literals are not supported yet (E54)" + "\n" +
    "  [1, 2]" + "\n" +
    "  ^",
  );
});

test("object literal", () => {
  expect(render("{a: 1}")).toBe(
    "mapping 'm': object literals are not supported yet (E54)" + "\n" +
    "  {a: 1}" + "\n" +
    "  ^",
  );
});

test("optional chaining", () => {
  expect(render("press?.length")).toBe(
    "mapping 'm': optional chaining ('?.') is not supported yet (E55)" + "\n" +
    "  press?.length" + "\n" +
    "       ^^",
  );
});

test("in operator", () => {
  expect(render("'a' in press")).toBe(
    "mapping 'm': 'in' is not supported (E59)" + "\n" +
    "  'a' in press" + "\n" +
    "      ^^",
  );
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

test("spread", () => {
  expect(render("Math.max(...press)")).toBe(
    "mapping 'm': spread ('...') is not supported (E59)" + "\n" +
    "  Math.max(...press)" + "\n" +
    "           ^^^",
  );
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

test("index other than split", () => {
  expect(render("press[0]")).toBe(
    "mapping 'm': indexing with '[…]' is only supported as x.split(separator)[i] (E60)" + "\n" +
    "  press[0]" + "\n" +
    "       ^",
  );
});

test("index after split index", () => {
  expect(render("press.split(',')[0][1]")).toBe(
    "mapping 'm': indexing with '[…]' is only supported as x.split(separator)[i] (E60)" + "\n" +
    "  press.split(',')[0][1]" + "\n" +
    "                     ^",
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
