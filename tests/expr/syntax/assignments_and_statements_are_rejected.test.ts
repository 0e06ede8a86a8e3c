// expressions cannot assign or hold statements.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("assignment", () => {
  expect(render("press = 1")).toBe(
    "mapping 'm': assignment ('=') is not allowed (E47)" + "\n" +
    "  press = 1" + "\n" +
    "        ^" + "\n" +
    "  hint: use '===' to compare",
  );
});

test("compound assignment", () => {
  expect(render("press += 1")).toBe(
    "mapping 'm': assignment ('+=') is not allowed (E47)" + "\n" +
    "  press += 1" + "\n" +
    "        ^^",
  );
});

test("logical assignment", () => {
  expect(render("press ??= 1")).toBe(
    "mapping 'm': assignment ('??=') is not allowed (E47)" + "\n" +
    "  press ??= 1" + "\n" +
    "        ^^^",
  );
});

test("postfix increment", () => {
  expect(render("press++")).toBe(
    "mapping 'm': '++' is not allowed (expressions cannot assign) (E47)" + "\n" +
    "  press++" + "\n" +
    "       ^^",
  );
});

test("prefix decrement", () => {
  expect(render("--press")).toBe(
    "mapping 'm': '--' is not allowed (expressions cannot assign) (E47)" + "\n" +
    "  --press" + "\n" +
    "  ^^",
  );
});

test("semicolon", () => {
  expect(render("press; 2")).toBe(
    "mapping 'm': ';' is not allowed: a mapping is a single expression (E48)" + "\n" +
    "  press; 2" + "\n" +
    "       ^",
  );
});

test("comma operator", () => {
  expect(render("press, 2")).toBe(
    "mapping 'm': the comma operator is not allowed (E49)" + "\n" +
    "  press, 2" + "\n" +
    "       ^",
  );
});

test("if statement", () => {
  expect(render("if (press) 1")).toBe(
    "mapping 'm': statements ('if') are not allowed: a mapping is a single expression (E48)" + "\n" +
    "  if (press) 1" + "\n" +
    "  ^^",
  );
});

test("return statement", () => {
  expect(render("return press")).toBe(
    "mapping 'm': statements ('return') are not allowed: a mapping is a single expression (E48)" + "\n" +
    "  return press" + "\n" +
    "  ^^^^^^",
  );
});

test("let declaration", () => {
  expect(render("let x = 1")).toBe(
    "mapping 'm': declarations ('let') are not allowed: a mapping is a single expression (E48)" + "\n" +
    "  let x = 1" + "\n" +
    "  ^^^",
  );
});

test("const declaration", () => {
  expect(render("const x = press")).toBe(
    "mapping 'm': declarations ('const') are not allowed: a mapping is a single expression (E48)" + "\n" +
    "  const x = press" + "\n" +
    "  ^^^^^",
  );
});

test("block", () => {
  expect(render("press {")).toBe(
    "mapping 'm': blocks are not allowed: a mapping is a single expression (E48)" + "\n" +
    "  press {" + "\n" +
    "        ^",
  );
});

test("reserved word", () => {
  expect(render("public")).toBe(
    "mapping 'm': 'public' is a reserved word (E48)" + "\n" +
    "  public" + "\n" +
    "  ^^^^^^",
  );
});
