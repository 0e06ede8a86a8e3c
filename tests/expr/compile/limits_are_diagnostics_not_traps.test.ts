// Deep or wide expressions end in a diagnostic (E63, E64), never a stack
// overflow or a trap; just under each limit, they compile and run.
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";
import { checkAgainstV8 } from "../v8";

const e = new Engine();

test("256 nested parentheses compile; 300 are E63", () => {
  const ok = "(".repeat(200) + "a" + ")".repeat(200);
  checkAgainstV8(e, ok, ["a"], [[1]]);
  const deep = "(".repeat(300) + "a" + ")".repeat(300);
  const d = e.compile(deep, ["a"]);
  expect(isDiag(d) && d.code).toBe(63);
});

test("deep right-associative chains are E63", () => {
  for (const src of ["a ** ".repeat(400) + "a", "a ? 1 : ".repeat(400) + "a", "-".repeat(400).split("").join(" ") + " a", "!".repeat(400) + "a"]) {
    const d = e.compile(src, ["a"]);
    expect(isDiag(d) && d.code, src.slice(0, 20)).toBe(63);
  }
});

test("a left-leaning chain of 999 operations runs; 1000 is E63", () => {
  checkAgainstV8(e, "a" + " + a".repeat(998), ["a"], [[1], ["x"]]);
  const d = e.compile("a" + " + a".repeat(1000), ["a"]);
  expect(isDiag(d) && d.code).toBe(63);
  expect(isDiag(d) && d.message).toBe("expression is nested too deeply (limit 1000 operations in a chain)");
});

test("more values on the stack than the VM holds is E64", () => {
  const args = (n: number) => Array(n).fill("a").join(", ");
  const d = e.compile(`Math.max(${args(200)}, Math.max(${args(100)}))`, ["a"]);
  expect(isDiag(d) && d.code).toBe(64);
  expect(isDiag(d) && d.message).toBe("expression is too complex: it needs 300 stack slots, more than the 256 available");
  const wide = e.compile(`Math.max(${args(256)})`, ["a"]);
  expect(isDiag(wide) && wide.message).toBe("expression is too complex: it has a call with more than 255 arguments");
  checkAgainstV8(e, "Math.max(" + Array(250).fill("a").join(", ") + ")", ["a"], [[3]]);
});

test("a template with many substitutions joins in steps and keeps the stack shallow", () => {
  const src = "`" + Array.from({ length: 300 }, (_, i) => `${i}:\${a}`).join(",") + "`";
  const h = e.compile(src, ["a"]);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.maxStack(h)).toBeLessThanOrEqual(17);
  checkAgainstV8(e, src, ["a"], [[1.5], ["x"]]);
});

test("right-nested parentheses keep a small stack when evaluated left to right", () => {
  const src = "a + (a + (a + (a + (a + a))))";
  const h = e.compile(src, ["a"]);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.maxStack(h)).toBe(6);
});
