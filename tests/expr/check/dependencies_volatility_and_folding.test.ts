// What the checker learns about an expression: its dependencies (every alias
// anywhere, ascending, unique), whether it is volatile, whether it is a
// configure-time constant, and which subtrees fold away (seen in the bytecode).
import { describe, test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
const ALIASES = ["press", "tF", "r", "unused"];

function compiled(src: string): number {
  const h = e.compile(src, ALIASES);
  if (isDiag(h)) throw new Error(`${src}: ${h.message}`);
  return h;
}

describe("dependencies are every alias used anywhere, ascending and unique", () => {
  const cases: [string, number[]][] = [
    ["press + 4.00001", [0]], ["tF * 69 / 31", [1]], ["press + tF", [0, 1]], ["tF + press + tF + press", [0, 1]],
    ["r ? 'active' : 'inactive'", [2]], ["\"SN-P42-008\"", []], ["`${r}-${press}`", [0, 2]],
    ["false && r", [2]], ["true ? 1 : press", [0]], ["null ?? tF", [1]], ["Math.max(r, press)", [0, 2]],
    ["tF.toFixed(press)", [0, 1]], ["r.split(tF)[press]", [0, 1, 2]], ["typeof r", [2]], ["Date.now()", []],
  ];
  for (const [src, deps] of cases) test(src, () => expect(e.deps(compiled(src))).toEqual(deps));
});

describe("volatile and constant flags", () => {
  const cases: [string, boolean, boolean][] = [
    ["1 + 2", false, true], ["'SN-' + 42", false, true], ["Math.PI * 2", false, true], ["Math.sqrt(16)", false, true],
    ["Date.now()", true, false], ["Math.random()", true, false], ["Date.now() - press", true, false],
    ["press * 2", false, false], ["false && Date.now()", true, false], ["`t=${Date.now()}`", true, false],
  ];
  for (const [src, volatile, constant] of cases) {
    test(src, () => expect(e.flags(compiled(src))).toEqual({ volatile, constant }));
  }
});

describe("constant subtrees fold to one constant; the rest stays", () => {
  const cases: [string, string][] = [
    ["1 + 2 * 3", "0000  CONST                  0  7\n0003  RETURN\n"],
    ["'SN-' + 'P42' + '-008'", "0000  CONST                  0  \"SN-P42-008\"\n0003  RETURN\n"],
    ["press * (60 / 2)", "0000  LOAD                   0  press\n0003  CONST                  0  30\n0006  BINARY               Mul\n0008  RETURN\n"],
    ["`a${1 + 1}b`", "0000  CONST                  0  \"a2b\"\n0003  RETURN\n"],
    ["Math.round(Math.PI * 100) / 100", "0000  CONST                  0  3.14\n0003  RETURN\n"],
    ["'abc'.toUpperCase().length", "0000  CONST                  0  3\n0003  RETURN\n"],
    ["'a,b,c'.split(',')[1]", "0000  CONST                  0  \"b\"\n0003  RETURN\n"],
    ["typeof undefined", "0000  CONST                  0  \"undefined\"\n0003  RETURN\n"],
    ["-0", "0000  CONST                  0  -0\n0003  RETURN\n"],
  ];
  for (const [src, code] of cases) test(src, () => expect(e.disasm(compiled(src))).toBe(code));
});

test("a fold that fails is left for run time, where it fails per message", () => {
  const h = compiled("'x'.repeat(-1)");
  expect(e.disasm(h)).toContain("CALL_METHOD");
  const r = e.run(h);
  expect("error" in r && r.error).toBe(15); // RangeError
});

test("disassembly shows jumps, calls, members and templates", () => {
  const h = compiled("r ? press.toFixed(2) : (`${tF}F` || Math.max(press, tF)) ?? r.split(',')[0].length");
  // Built-in and method ids belong to builtins.ts: masked so the snapshot outlives renumbering.
  const text = e.disasm(h).replace(/(CALL_BUILTIN|CALL_METHOD) +\d+/g, "$1  ##");
  expect(text).toBe([
    "0000  LOAD                   2  r",
    "0003  POP_JUMP_IF_FALSY     13  -> 0019",
    "0006  LOAD                   0  press",
    "0009  CONST                  0  2",
    "0012  CALL_METHOD  ##  .toFixed argc=1",
    "0016  JUMP                  38  -> 0057",
    "0019  LOAD                   1  tF",
    "0022  CONST                  1  \"F\"",
    "0025  TEMPLATE               2  values",
    "0027  JUMP_IF_TRUTHY        10  -> 0040",
    "0030  LOAD                   0  press",
    "0033  LOAD                   1  tF",
    "0036  CALL_BUILTIN  ##  Math.max argc=2",
    "0040  JUMP_IF_NOT_NULLISH   14  -> 0057",
    "0043  LOAD                   2  r",
    "0046  CONST                  2  \",\"",
    "0049  CONST                  3  0",
    "0052  SPLIT_INDEX            1  argc",
    "0054  GET_PROPERTY           0  .length",
    "0057  RETURN",
    "",
  ].join("\n"));
});
