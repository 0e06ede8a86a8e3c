// JSON.parse (issue 17) through the real host against V8: generated texts,
// valid and broken (every error position of some), texts that come in as a
// payload value (the typical use), arguments that are not strings, key order
// and duplicate keys, and the nesting limit.
import { expect, test } from "vitest";
import fc from "fast-check";
import { differences } from "./jsondate_support.mjs";
import { jsonTextArb, quoted } from "./gen/jsondate.mjs";
import { StreamProcessor } from "../../host/index";
import { runThroughHost } from "./pipeline.mjs";

const texts = fc.sample(jsonTextArb, { numRuns: 3000, seed: 1717 });

test("3,000 generated texts, valid and broken, as a payload value: JSON.stringify(JSON.parse(v)) and the message", async () => {
  const cases = texts.map((t) => ({ expr: "JSON.stringify(JSON.parse(#0))", values: [JSON.stringify(t)] }));
  expect(await differences(cases)).toEqual([]);
  // Both kinds are there in numbers.
  const valid = texts.filter((t) => { try { JSON.parse(t); return true; } catch { return false; } }).length;
  expect(valid).toBeGreaterThan(1000);
  expect(texts.length - valid).toBeGreaterThan(1000);
});

test("every prefix and every one-character deletion of some texts: each error position", async () => {
  const sources = [
    '{"a": [1, -2.5e-3, true, false, null, "x\\u00e9\\n"], "b": {"c": {}}, "d": []}',
    '[{"k": "v"}, [[]], "\\ud83d\\ude00", 0, -0, 1E+2, 12.5e1]',
    '  {"abcdefghijklmnopqrstuvwxyz": "0123456789abcdefghij", "x": [1,2,3]}  ',
    '"a string with \\"quotes\\" and \\\\ and \\/ and \\b\\f\\r\\t"',
  ];
  const cases = [];
  for (const s of sources) {
    for (let i = 0; i <= s.length; i++) {
      cases.push({ expr: "JSON.stringify(JSON.parse(#0))", values: [JSON.stringify(s.slice(0, i))] });
      cases.push({ expr: "JSON.stringify(JSON.parse(#0))", values: [JSON.stringify(s.slice(0, i) + s.slice(i + 1))] });
    }
  }
  expect(cases.length).toBeGreaterThan(400);
  expect(await differences(cases)).toEqual([]);
});

test("texts written in the expression, arguments that are not strings, reading the result", async () => {
  const exprs = [
    "JSON.parse(#0).temperature * 1.8 + 32", "JSON.parse(#0).a[1]", "JSON.parse(#0)['a'].length", "typeof JSON.parse(#0)",
    "JSON.parse(#0)?.missing?.deeper ?? 'none'", "Object.keys(JSON.parse(#0)) + ''", "JSON.parse(#0).a.b",
    "JSON.parse(1)", "JSON.parse(-0)", "JSON.parse(1e21)", "JSON.parse(true)", "JSON.parse(null)", "JSON.parse(undefined)", "JSON.parse()",
    "JSON.parse([1, 2])", "JSON.parse([])", "JSON.parse(['[1]'])", "JSON.parse({})", "JSON.parse(NaN)", "JSON.parse(Infinity)",
    "JSON.parse('1', null)", "JSON.parse('1', 2)", "JSON.parse(new Date(0))", "JSON.parse(JSON.stringify(new Date(0)))",
    "JSON.stringify(JSON.parse('{\"b\":1,\"a\":2,\"1\":3,\"b\":4,\"0\":5,\"-1\":6,\"01\":7}'))", "JSON.parse('{\"__proto__\": 1}').__proto__",
    "JSON.stringify(Object.entries(JSON.parse('{\"__proto__\": [1]}')))", "JSON.parse('\"\\\\ud800\"').length", "JSON.parse('[]') == JSON.parse('[]')",
    "JSON.parse('  \\t\\n\\r 7 ')", "JSON.parse('\"\\\\u0041\\\\u00e9\\\\uD83D\\\\uDE00\"')", "JSON.parse('1.7976931348623157e309')", "JSON.parse('-1e-400')",
    "JSON.parse('123456789012345678901234567890')", "JSON.parse('0.1e1') + JSON.parse('5e-324')", "JSON.parse('[1,2,3]')",
    "JSON.parse('{\"a\": 1}')", "JSON.parse('\"x\" ')", "JSON.parse('\\u00a01')", "JSON.parse('\\ufeff1')",
  ];
  const cases = exprs.map((expr) => ({ expr, values: ['"{\\"temperature\\": 21.5, \\"a\\": [1, 2]}"'] }));
  expect(await differences(cases)).toEqual([]);
});

test("4,096 levels of nesting parse as in V8; deeper is a range_error that says so", async () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  expect(await differences([
    { expr: "JSON.stringify(JSON.parse(#0)).length", values: [JSON.stringify(deep(4096))] },
    { expr: "JSON.parse(#0).length", values: [JSON.stringify(deep(4096))] },
  ])).toEqual([]);
  const [r] = await runThroughHost(StreamProcessor, [{ expr: "JSON.parse(d0).length", names: ["d0"], values: [JSON.stringify(deep(4097))] }]);
  expect(r).toEqual({ code: "range_error", message: "JSON nested deeper than 4096 levels (Maximum call stack size exceeded)" });
});

test("the generator's texts written as string literals in the expression", async () => {
  const cases = texts.slice(0, 500).map((t) => ({ expr: `JSON.stringify(JSON.parse(${quoted(t)}))`, values: ["0"] }));
  expect(await differences(cases)).toEqual([]);
});
