// What may be an alias: an ASCII JavaScript identifier that is no reserved
// word, built-in, literal name or JavaScript global.
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();

test("valid identifiers are accepted", () => {
  for (const name of ["press", "tF", "r", "_x", "$v", "a1", "motor_rpm", "$", "_", "async", "of", "get", "let_", "Math2", "undefined_"]) {
    expect(e.aliasProblem(name), name).toBeNull();
  }
});

test("each rejected name says why", () => {
  const cases: [string, string][] = [
    ["", "an alias must not be empty"],
    ["1x", "alias '1x' is not a valid identifier (it must start with an ASCII letter, '_' or '$')"],
    ["motor-rpm", "alias 'motor-rpm' is not a valid identifier (only ASCII letters, digits, '_' and '$')"],
    ["temp.c", "alias 'temp.c' is not a valid identifier (only ASCII letters, digits, '_' and '$')"],
    ["café", "alias 'café' is not a valid identifier (only ASCII letters, digits, '_' and '$')"],
    ["class", "alias 'class' is a reserved word"],
    ["if", "alias 'if' is a reserved word"],
    ["let", "alias 'let' is a reserved word"],
    ["typeof", "alias 'typeof' is a reserved word"],
    ["true", "alias 'true' is a reserved word"],
    ["undefined", "alias 'undefined' is a built-in value"],
    ["NaN", "alias 'NaN' is a built-in value"],
    ["Infinity", "alias 'Infinity' is a built-in value"],
    ["Math", "alias 'Math' is a built-in name"],
    ["parseInt", "alias 'parseInt' is a built-in name"],
    ["Date", "alias 'Date' is a built-in name"],
    ["eval", "alias 'eval' is a JavaScript global and not allowed"],
    ["process", "alias 'process' is a JavaScript global and not allowed"],
    ["JSON", "alias 'JSON' is a built-in name"],
  ];
  for (const [name, why] of cases) expect(e.aliasProblem(name), name).toBe(why);
});

test("an alias shadows nothing: names that pass are usable in expressions", () => {
  const h = e.compile("async + of + $ + _", ["async", "of", "$", "_"]);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.run(h, [1, 2, 3, 4])).toEqual({ value: 10 });
  expect(e.deps(h)).toEqual([0, 1, 2, 3]);
});

test("alias index i is aliases[i], also with thousands of aliases", () => {
  const aliases = Array.from({ length: 5000 }, (_, i) => `a${i}`);
  const h = e.compile("a4999 - a0 + a2500", aliases);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.deps(h)).toEqual([0, 2500, 4999]);
  const values = aliases.map((_, i) => i);
  expect(e.run(h, values)).toEqual({ value: 4999 + 2500 });
});
