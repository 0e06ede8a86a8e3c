// malformed literals are explained.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("unterminated string", () => {
  expect(render("'abc")).toBe(
    "mapping 'm': unterminated string literal (E42)" + "\n" +
    "  'abc" + "\n" +
    "  ^^^^",
  );
});

test("string broken by a newline", () => {
  expect(render("\"abc\ndef\"")).toBe(
    "mapping 'm': unterminated string literal (E42)" + "\n" +
    "  line 1:" + "\n" +
    "  \"abc" + "\n" +
    "  ^^^^",
  );
});

test("unterminated template", () => {
  expect(render("`abc ${press}")).toBe(
    "mapping 'm': unterminated template literal (E42)" + "\n" +
    "  `abc ${press}" + "\n" +
    "  ^^^^^^^^^^^^^",
  );
});

test("short \\x escape", () => {
  expect(render("'\\x4'")).toBe(
    "mapping 'm': invalid escape sequence: '\\x' must be followed by exactly 2 hex digits (E43)" + "\n" +
    "  '\\x4'" + "\n" +
    "   ^^^",
  );
});

test("short \\u escape", () => {
  expect(render("'\\u12'")).toBe(
    "mapping 'm': invalid escape sequence: '\\u' must be followed by exactly 4 hex digits or {…} (E43)" + "\n" +
    "  '\\u12'" + "\n" +
    "   ^^^^",
  );
});

test("code point too large", () => {
  expect(render("'\\u{110000}'")).toBe(
    "mapping 'm': invalid escape sequence: code point in '\\u{…}' is above 10FFFF (E43)" + "\n" +
    "  '\\u{110000}'" + "\n" +
    "   ^^^^^^^^^",
  );
});

test("legacy octal escape", () => {
  expect(render("'\\1'")).toBe(
    "mapping 'm': invalid escape sequence: legacy octal escape sequences are not allowed (E43)" + "\n" +
    "  '\\1'" + "\n" +
    "   ^^" + "\n" +
    "  hint: use \\x or \\u escapes",
  );
});

test("\\8 escape", () => {
  expect(render("'\\8'")).toBe(
    "mapping 'm': invalid escape sequence: '\\8' and '\\9' are not allowed (E43)" + "\n" +
    "  '\\8'" + "\n" +
    "   ^^" + "\n" +
    "  hint: use \\x or \\u escapes",
  );
});

test("legacy octal number", () => {
  expect(render("010")).toBe(
    "mapping 'm': numbers must not start with '0' (legacy octal literals are not allowed) (E44)" + "\n" +
    "  010" + "\n" +
    "  ^^^" + "\n" +
    "  hint: write 0o10 for octal, or drop the leading zero",
  );
});

test("leading zero", () => {
  expect(render("08")).toBe(
    "mapping 'm': numbers must not start with '0' (legacy octal literals are not allowed) (E44)" + "\n" +
    "  08" + "\n" +
    "  ^^" + "\n" +
    "  hint: drop the leading zero",
  );
});

test("numeric separator", () => {
  expect(render("1_000")).toBe(
    "mapping 'm': numeric separators ('_') are not supported (E44)" + "\n" +
    "  1_000" + "\n" +
    "  ^^",
  );
});

test("BigInt", () => {
  expect(render("10n")).toBe(
    "mapping 'm': BigInt literals are not supported (E44)" + "\n" +
    "  10n" + "\n" +
    "  ^^^",
  );
});

test("hex without digits", () => {
  expect(render("0x")).toBe(
    "mapping 'm': missing hexadecimal digits after '0x' (E44)" + "\n" +
    "  0x" + "\n" +
    "  ^^",
  );
});

test("exponent without digits", () => {
  expect(render("1e")).toBe(
    "mapping 'm': missing exponent digits (E44)" + "\n" +
    "  1e" + "\n" +
    "  ^^",
  );
});

test("letter after number", () => {
  expect(render("3in")).toBe(
    "mapping 'm': a number must not be followed directly by a letter or digit (E44)" + "\n" +
    "  3in" + "\n" +
    "  ^^",
  );
});

test("non-ASCII identifier", () => {
  expect(render("é + 1")).toBe(
    "mapping 'm': unexpected character 'é' (identifiers are ASCII letters, digits, '_' and '$') (E45)" + "\n" +
    "  é + 1" + "\n" +
    "  ^",
  );
});

test("unterminated comment", () => {
  expect(render("1 /* never closed")).toBe(
    "mapping 'm': unterminated comment (E42)" + "\n" +
    "  1 /* never closed" + "\n" +
    "    ^^",
  );
});

test("backslash", () => {
  expect(render("\\u0061")).toBe(
    "mapping 'm': escape sequences in identifiers are not supported (E45)" + "\n" +
    "  \\u0061" + "\n" +
    "  ^",
  );
});
