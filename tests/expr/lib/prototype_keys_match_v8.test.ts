// The inherited keys the module knows (assembly/expr/lib/prototype_keys.ts and
// array_keys.ts) are exactly the string keys of V8's prototypes: reading one is
// an error record and `in` finds one, so a key missing here would silently give
// undefined or false where V8 gives a function or true.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const LIB = join(__dirname, "../../../assembly/expr/lib");

function list(file: string, name: string): string[] {
  const text = readFileSync(join(LIB, file), "utf8");
  const m = new RegExp(`const ${name}: string\\[\\] = \\[([^\\]]*)\\]`).exec(text);
  if (!m) throw new Error(`${name} not found in ${file}`);
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

const own = (proto: object) => Object.getOwnPropertyNames(proto).filter((k) => k !== "length");
const objectKeys = own(Object.prototype);

test("Object.prototype", () => {
  expect(list("prototype_keys.ts", "OBJECT_KEYS").sort()).toEqual(objectKeys.sort());
});

test("String.prototype and Number.prototype, beyond Object.prototype's", () => {
  expect(list("prototype_keys.ts", "STRING_KEYS").sort()).toEqual(own(String.prototype).filter((k) => !objectKeys.includes(k)).sort());
  expect(list("prototype_keys.ts", "NUMBER_KEYS").sort()).toEqual(own(Number.prototype).filter((k) => !objectKeys.includes(k)).sort());
  expect(own(Boolean.prototype).filter((k) => !objectKeys.includes(k))).toEqual([]);
});

test("Array.prototype with Object.prototype's", () => {
  expect(list("array_keys.ts", "NAMES").sort()).toEqual([...new Set([...own(Array.prototype), ...objectKeys])].sort());
});
