// Date.now() and Math.random() are evaluated on every run (never folded), from
// the host's clock and the configured seed.
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();

test("Date.now() returns the time the host set for the batch", () => {
  const h = e.compile("Date.now()");
  if (isDiag(h)) throw new Error(h.message);
  e.now(1718000000123);
  expect(e.run(h)).toEqual({ value: 1718000000123 });
  e.now(1718000000999);
  expect(e.run(h)).toEqual({ value: 1718000000999 });
});

test("Math.random() gives a new value in [0, 1) each run, the same sequence per seed", () => {
  const h = e.compile("Math.random()");
  if (isDiag(h)) throw new Error(h.message);
  e.seed(42);
  const first = [0, 1, 2].map(() => (e.run(h) as { value: number }).value);
  e.seed(42);
  const again = [0, 1, 2].map(() => (e.run(h) as { value: number }).value);
  expect(again).toEqual(first);
  expect(new Set(first).size).toBe(3);
  for (const v of first) expect(v >= 0 && v < 1).toBe(true);
});

test("a volatile call inside a larger expression is not folded away", () => {
  const h = e.compile("`ts=${Date.now() - 1000}`");
  if (isDiag(h)) throw new Error(h.message);
  expect(e.flags(h)).toEqual({ volatile: true, constant: false });
  e.now(5000);
  expect(e.run(h)).toEqual({ value: "ts=4000" });
});
