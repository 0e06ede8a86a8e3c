// JavaScript's order of errors in calls: the method is read off the receiver
// (TypeError for undefined/null) before the arguments run, and split is called
// (TypeError on a number) before its index runs. The compiler emits
// CHECK_RECEIVER / CHECK_SPLIT only where an argument or the index could fail.
import { expect, test } from "vitest";
import { Engine, isDiag, v8, type JsValue } from "../engine";

const e = new Engine();
const compiled = (src: string, aliases: string[]) => {
  const h = e.compile(src, aliases);
  if (isDiag(h)) throw new Error(h.message);
  return h;
};

test("a call with a computed argument checks its receiver first", () => {
  const text = e.disasm(compiled("s.slice(n)", ["s", "n"]));
  expect(text).toMatch(/LOAD +0 +s\n.*CHECK_RECEIVER +\d+ +\.slice\n.*LOAD +1 +n\n.*CALL_METHOD/);
});

test("constant arguments cannot fail, so there is nothing to check", () => {
  expect(e.disasm(compiled("s.slice(1, -1)", ["s"]))).not.toContain("CHECK_");
  expect(e.disasm(compiled("s.split(',')[0]", ["s"]))).not.toContain("CHECK_");
});

test("split with a computed index is checked before the index runs", () => {
  const text = e.disasm(compiled("s.split(t)[n]", ["s", "t", "n"]));
  expect(text).toMatch(/CHECK_RECEIVER +\d+ +\.split\n.*LOAD +1 +t\n.*CHECK_SPLIT +1 +argc\n.*LOAD +2 +n\n.*SPLIT_INDEX/);
});

// The module's error codes for V8's error classes (assembly/errors.ts).
const CODE: Record<string, number> = { TypeError: 12, RangeError: 15 };

test.each([
  ["u.slice(s.repeat(-1))", [undefined, "x"], "TypeError"],
  ["u.split(s.repeat(-1))[0]", [null, "x"], "TypeError"],
  ["u.split(',')[s.repeat(-1)]", [12, "x"], "TypeError"],
  ["u.toFixed(s.repeat(-1))", ["text", "x"], "RangeError"], // "not a function" comes after the arguments
])("%s fails as V8 does", (src, values, error) => {
  const want = v8(src, ["u", "s"], values as JsValue[]);
  expect(want).toEqual({ threw: error });
  const got = e.run(compiled(src, ["u", "s"]), values as JsValue[]);
  expect("error" in got && got.error).toBe(CODE[error]);
});
