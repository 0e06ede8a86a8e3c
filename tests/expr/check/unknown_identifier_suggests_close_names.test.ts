// unknown identifiers name the identifier and suggest a close alias or built-in.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("typo of an alias", () => {
  expect(render("pres / 4")).toBe(
    "mapping 'm': unknown identifier 'pres' (E41)" + "\n" +
    "  pres / 4" + "\n" +
    "  ^^^^" + "\n" +
    "  hint: did you mean 'press'?",
  );
});

test("case-only typo of an alias", () => {
  expect(render("Press + 1")).toBe(
    "mapping 'm': unknown identifier 'Press' (E41)" + "\n" +
    "  Press + 1" + "\n" +
    "  ^^^^^" + "\n" +
    "  hint: did you mean 'press'?",
  );
});

test("case typo with two letters", () => {
  expect(render("tf * 2")).toBe(
    "mapping 'm': unknown identifier 'tf' (E41)" + "\n" +
    "  tf * 2" + "\n" +
    "  ^^" + "\n" +
    "  hint: did you mean 'tF'?",
  );
});

test("no suggestion when nothing is close", () => {
  expect(render("x + 1")).toBe(
    "mapping 'm': unknown identifier 'x' (E41)" + "\n" +
    "  x + 1" + "\n" +
    "  ^",
  );
});

test("typo of a namespace", () => {
  expect(render("mth.sqrt(2)")).toBe(
    "mapping 'm': unknown identifier 'mth' (E41)" + "\n" +
    "  mth.sqrt(2)" + "\n" +
    "  ^^^" + "\n" +
    "  hint: did you mean 'Math'?",
  );
});

test("unknown function name", () => {
  expect(render("foo(1)")).toBe(
    "mapping 'm': unknown identifier 'foo' (E41)" + "\n" +
    "  foo(1)" + "\n" +
    "  ^^^",
  );
});

test("in a template substitution", () => {
  expect(render("`v=${presss}`")).toBe(
    "mapping 'm': unknown identifier 'presss' (E41)" + "\n" +
    "  `v=${presss}`" + "\n" +
    "       ^^^^^^" + "\n" +
    "  hint: did you mean 'press'?",
  );
});
