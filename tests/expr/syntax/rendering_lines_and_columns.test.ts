// rendering: the line of the error, carets by visible column.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("second line of three", () => {
  expect(render("press\n  + foo\n  + 1")).toBe(
    "mapping 'm': unknown identifier 'foo' (E41)" + "\n" +
    "  line 2:" + "\n" +
    "    + foo" + "\n" +
    "      ^^^",
  );
});

test("tab before the error", () => {
  expect(render("\tpress + foo")).toBe(
    "mapping 'm': unknown identifier 'foo' (E41)" + "\n" +
    "  \tpress + foo" + "\n" +
    "  \t        ^^^",
  );
});

test("astral character before the error", () => {
  expect(render("'😀' + foo")).toBe(
    "mapping 'm': unknown identifier 'foo' (E41)" + "\n" +
    "  '😀' + foo" + "\n" +
    "        ^^^",
  );
});

test("CRLF line endings", () => {
  expect(render("press\r\n+ foo")).toBe(
    "mapping 'm': unknown identifier 'foo' (E41)" + "\n" +
    "  line 2:" + "\n" +
    "  + foo" + "\n" +
    "    ^^^",
  );
});

test("error at the end of a line", () => {
  expect(render("press +\n")).toBe(
    "mapping 'm': unexpected end of expression; expected an expression (E40)" + "\n" +
    "  line 1:" + "\n" +
    "  press +" + "\n" +
    "         ^",
  );
});

test("span running past the line end", () => {
  expect(render("'abc\n'")).toBe(
    "mapping 'm': unterminated string literal (E42)" + "\n" +
    "  line 1:" + "\n" +
    "  'abc" + "\n" +
    "  ^^^^",
  );
});
