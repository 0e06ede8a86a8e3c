// A known, deliberate difference from V8: `s.split(sep)[key]` where key names a
// property every array inherits ("map", "constructor", "__proto__", …) is a
// function or an object in JavaScript, and the language has no such values.
// The module once gave undefined silently; now a constant key is a config
// error and a key from an alias is an error record, never a wrong value.
import { expect, test } from "vitest";
import { outcome } from "./support";
import { StreamProcessor } from "../../../host/index";

const KEYS = ["map", "constructor", "__proto__", "toString", "at", "hasOwnProperty", "valueOf", "with"];

test("in V8 these keys give a function or an object, never a primitive", () => {
  for (const k of KEYS) expect(["function", "object"]).toContain(typeof ("a,b".split(",") as unknown as Record<string, unknown>)[k]);
});

test("a constant inherited key is rejected at configure time, pointing at the key", async () => {
  const err = await StreamProcessor.create({
    model: { name: "d", version: "1" }, output_topic: "o", sources: { s: "t" }, mapping: { m: "s.split(',')['map']" },
  }).then(() => null, (e: { diagnostics: { code: string; span?: [number, number] }[] }) => e.diagnostics[0]);
  expect(err).toMatchObject({ code: "unsupported_index", span: [13, 18] });
});

for (const k of KEYS) {
  test(`an alias holding "${k}" as the key is an error record, not a silent undefined`, async () => {
    expect(await outcome("typeof v2.split(',')[v3]", { v2: '"a,b"', v3: JSON.stringify(k) })).toMatchObject({
      code: "type_error", message: `split(...)["${k}"] names an inherited Array property, not an element (not supported)`,
    });
  });
}

test("other keys still give elements, length or undefined as V8 does", async () => {
  for (const [k, want] of [["1", "b"], ["length", 2], ["mapx", "undefined"], ["01", "undefined"]] as const) {
    expect(await outcome("v2.split(',')[v3] ?? 'undefined'", { v2: '"a,b"', v3: JSON.stringify(k) })).toBe(want);
  }
});
