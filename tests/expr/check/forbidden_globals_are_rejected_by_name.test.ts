// globals that escape the sandbox are rejected by name.
// Each case: the exact rendered diagnostic for mapping 'm' (aliases press, tF, r).
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

const e = new Engine();
function render(src: string): string {
  const h = e.compile(src, ["press", "tF", "r"]);
  if (!isDiag(h)) throw new Error("accepted: " + src);
  return e.render("m");
}

test("eval", () => {
  expect(render("eval('1')")).toBe(
    "mapping 'm': 'eval' is not allowed in expressions (E56)" + "\n" +
    "  eval('1')" + "\n" +
    "  ^^^^",
  );
});

test("Function", () => {
  expect(render("Function('return 1')()")).toBe(
    "mapping 'm': 'Function' is not allowed in expressions (E56)" + "\n" +
    "  Function('return 1')()" + "\n" +
    "  ^^^^^^^^",
  );
});

test("require", () => {
  expect(render("require('fs')")).toBe(
    "mapping 'm': 'require' is not allowed in expressions (E56)" + "\n" +
    "  require('fs')" + "\n" +
    "  ^^^^^^^",
  );
});

test("process", () => {
  expect(render("process.env")).toBe(
    "mapping 'm': 'process' is not allowed in expressions (E56)" + "\n" +
    "  process.env" + "\n" +
    "  ^^^^^^^",
  );
});

test("globalThis", () => {
  expect(render("globalThis")).toBe(
    "mapping 'm': 'globalThis' is not allowed in expressions (E56)" + "\n" +
    "  globalThis" + "\n" +
    "  ^^^^^^^^^^",
  );
});

test("console", () => {
  expect(render("console.log(1)")).toBe(
    "mapping 'm': 'console' is not allowed in expressions (E56)" + "\n" +
    "  console.log(1)" + "\n" +
    "  ^^^^^^^",
  );
});

test("window", () => {
  expect(render("window")).toBe(
    "mapping 'm': 'window' is not allowed in expressions (E56)" + "\n" +
    "  window" + "\n" +
    "  ^^^^^^",
  );
});

test("Object, Array and JSON offer only the members of issue 17", () => {
  expect(render("Object.assign({}, press)")).toBe(
    "mapping 'm': unknown member 'assign' of Object (E57)" + "\n" +
    "  Object.assign({}, press)" + "\n" +
    "         ^^^^^^",
  );
  expect(render("JSON.rawJSON(press)")).toMatch(/^mapping 'm': unknown member 'rawJSON' of JSON \(E57\)/);
  expect(render("Array.fromAsync(press)")).toMatch(/^mapping 'm': unknown member 'fromAsync' of Array \(E57\)/);
  expect(render("Object")).toMatch(/^mapping 'm': 'Object' cannot be used as a value, only its members \(E66\)/);
});
