// An arrow's body is compiled where it is written: ARROW pushes the function and
// jumps over the body (which ends in its own RETURN); parameters are local slots,
// nested arrows' after their enclosers'; the body's stack counts from the call.
import { expect, test } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
const disasm = (src: string, aliases: string[]) => {
  const h = e.compile(src, aliases);
  if (isDiag(h)) throw new Error(h.message);
  return e.disasm(h);
};

test("the body follows ARROW, ends in RETURN, and the call comes after it", () => {
  const text = disasm("[1, 2].map(x => x * press).join()", ["press"]);
  expect(text).toMatch(/(\d{4})  ARROW +1  params from local 0, body to (\d{4})\n.*LOAD_LOCAL +0  x\n.*LOAD +0  press\n.*BINARY +Mul\n.*RETURN\n(\d{4})  CALL_METHOD +\d+  \.map argc=1/);
  const [, , end, call] = text.match(/(\d{4})  ARROW.*body to (\d{4})[\s\S]*?\n(\d{4})  CALL_METHOD/)!;
  expect(end).toBe(call);
});

test("a nested arrow's parameters take the slots after its encloser's, and it reads the outer ones", () => {
  const text = disasm("[1].map((x, i) => [2].filter(y => y > x + i).length).join()", []);
  expect(text).toMatch(/ARROW +2  params from local 0/);
  expect(text).toMatch(/ARROW +1  params from local 2/);
  expect(text).toMatch(/LOAD_LOCAL +2  y\n.*LOAD_LOCAL +0  x\n.*LOAD_LOCAL +1  i/);
});

test("sibling arrows reuse the same slots; a built-in callback is a constant", () => {
  const text = disasm("[1].map(a => a).concat([2].map(b => b)).filter(Boolean).join()", []);
  expect(text.match(/params from local 0/g)?.length).toBe(2);
  expect(text).toMatch(/CONST +\d+ +.*\n.*CALL_METHOD +\d+  \.filter argc=1/);
});

test("the stack an arrow's body needs counts from the call's arguments up", () => {
  // The body runs above everything on the stack at the call: 200 values below plus a 100-element
  // array in the body do not fit the VM's 256 slots; 100 below do.
  const body = "[" + Array(100).fill("x").join(", ") + "].length";
  const call = (below: number) => `Math.max(${"1, ".repeat(below)}[1].map(x => ${body})[0])`;
  const big = e.compile(call(200), []);
  expect(isDiag(big) && big.code).toBe(64); // E64 too_complex
  const fits = e.compile(call(100), []);
  expect(isDiag(fits)).toBe(false);
  expect(e.run(fits as number)).toEqual({ value: 100 });
});
