// syntax errors point at the offending token.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("missing operand", () => {
  expect(render("press +")).toBe(
    "mapping 'm': unexpected end of expression; expected an expression (E40)" + "\n" +
    "  press +" + "\n" +
    "         ^",
  );
});

test("missing closing parenthesis", () => {
  expect(render("(press + 2")).toBe(
    "mapping 'm': unexpected end of expression; expected ')' (E40)" + "\n" +
    "  (press + 2" + "\n" +
    "            ^",
  );
});

test("extra closing parenthesis", () => {
  expect(render("(press + 2))")).toBe(
    "mapping 'm': expected an operator or the end of the expression, found ')' (E40)" + "\n" +
    "  (press + 2))" + "\n" +
    "             ^",
  );
});

test("missing colon", () => {
  expect(render("r ? 1")).toBe(
    "mapping 'm': unexpected end of expression; expected ':' of the conditional '?' (E40)" + "\n" +
    "  r ? 1" + "\n" +
    "       ^",
  );
});

test("two values in a row", () => {
  expect(render("press press")).toBe(
    "mapping 'm': expected an operator or the end of the expression, found identifier 'press' (E40)" + "\n" +
    "  press press" + "\n" +
    "        ^^^^^",
  );
});

test("number after value", () => {
  expect(render("1 2")).toBe(
    "mapping 'm': expected an operator or the end of the expression, found number 2 (E40)" + "\n" +
    "  1 2" + "\n" +
    "    ^",
  );
});

test("unary before **", () => {
  expect(render("-2 ** 2")).toBe(
    "mapping 'm': a unary operator before '**' needs parentheses (E62)" + "\n" +
    "  -2 ** 2" + "\n" +
    "  ^^^^^" + "\n" +
    "  hint: write (-2) ** … or -(2 ** …)",
  );
});

test("typeof before **", () => {
  expect(render("typeof press ** 2")).toBe(
    "mapping 'm': a unary operator before '**' needs parentheses (E62)" + "\n" +
    "  typeof press ** 2" + "\n" +
    "  ^^^^^^^^^^^^^^^" + "\n" +
    "  hint: write (typeof press) ** … or typeof (press ** …)",
  );
});

test("?? mixed with ||", () => {
  expect(render("press ?? tF || r")).toBe(
    "mapping 'm': '??' cannot be mixed with '&&' or '||' without parentheses (E61)" + "\n" +
    "  press ?? tF || r" + "\n" +
    "              ^^" + "\n" +
    "  hint: add parentheses to say which runs first, e.g. (a ?? b) || c",
  );
});

test("&& mixed with ??", () => {
  expect(render("press && tF ?? r")).toBe(
    "mapping 'm': '??' cannot be mixed with '&&' or '||' without parentheses (E61)" + "\n" +
    "  press && tF ?? r" + "\n" +
    "              ^^" + "\n" +
    "  hint: add parentheses to say which runs first, e.g. (a ?? b) || c",
  );
});

test("empty", () => {
  expect(render("")).toBe(
    "mapping 'm': empty expression (E46)" + "\n" +
    "" + "\n" +
    "  ^" + "\n" +
    "  hint: write a value such as 0 or \"text\", or remove the mapping",
  );
});

test("only whitespace", () => {
  expect(render("   ")).toBe(
    "mapping 'm': empty expression (E46)" + "\n" +
    "" + "\n" +
    "  ^" + "\n" +
    "  hint: write a value such as 0 or \"text\", or remove the mapping",
  );
});

test("only a comment", () => {
  expect(render("/* nothing */")).toBe(
    "mapping 'm': empty expression (E46)" + "\n" +
    "  /* nothing */" + "\n" +
    "  ^" + "\n" +
    "  hint: write a value such as 0 or \"text\", or remove the mapping",
  );
});

test("template substitution not closed", () => {
  expect(render("`${press 2}`")).toBe(
    "mapping 'm': expected '}' to close '${', found number 2 (E40)" + "\n" +
    "  `${press 2}`" + "\n" +
    "           ^",
  );
});

test("member name missing", () => {
  expect(render("press.")).toBe(
    "mapping 'm': unexpected end of expression; expected a member name after '.' (E40)" + "\n" +
    "  press." + "\n" +
    "        ^",
  );
});
