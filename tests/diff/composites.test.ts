// Issue 17, first slice: array and object literals, indexing, `in`, `?.`,
// spread, Object.keys/values/entries/fromEntries, Array.isArray, the array
// methods without callbacks, JSON.stringify, and ToPrimitive of arrays and
// objects in operators. Each expression runs through the real host with alias
// values and must give exactly V8's outcome (value, or error class and message).
import { expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { runThroughHost } from "./pipeline.mjs";
import { compareCase } from "./compare.mjs";

// n = 5, s = "ab", t = "a😀\ud800", z = -0, f = 2.5
const VALUES = ["5", '"ab"', '"a\\ud83d\\ude00\\ud800"', "-0", "2.5"];
const EXPRESSIONS = [
  // literals, indexing, length
  "[1, 2][0]", "[n, s, [f]][2][0]", "[].length", "[n, , ].length".replace(", , ", ", "), "[1, 2][1.5] ?? 'none'", "[1, 2]['01'] ?? 'none'",
  "[1, 2][z]", "[1, 2]['1']", "[1, 2][-1] ?? 'none'", "[1, 2]['length']", "[1, 2][[1]]", "s[0] + s[1] + s[2]", "t[1] + t.length",
  "({a: 1}).a", "({a: 1})['a']", "({a: 1}).b ?? 'none'", "({'x-y': n})['x-y']", "({1: 'one'})[1]", "({1.5: n})[1.5]", "({[s]: n}).ab",
  "({[n + 1]: s})[6]", "({n}).n", "({n, s}).s", "({length: 3}).length", "({a: {b: {c: f}}}).a.b.c", "({if: 1, in: 2, true: 3}).in",
  "({a: 1, a: 2}).a", "({[[1, 2]]: n})['1,2']", "({[{}]: n})['[object Object]']", "({0x10: 1})[16]", "({1e3: 1})['1000']",
  // key order as V8
  "JSON.stringify({b: 1, a: 2, 10: 3, 2: 4, '01': 5, [-1]: 6, 4294967294: 7, 4294967295: 8})", "JSON.stringify(Object.keys({z: 1, 0: 2, y: 3, 1: 4}))",
  "JSON.stringify({a: 1, b: 2, a: 3})",
  // in
  "'a' in {a: undefined}", "'b' in {a: 1}", "'toString' in {}", "'map' in []", "'length' in []", "0 in [n]", "1 in [n]", "'0' in [n]",
  "z in [n]", "[0] in [n]", "'x' in ({k: n}).k", "'x' in [s][0]", "s in [null][0]", "[] in [s][0]", "({}) in ({k: n})['k']", "'\ud83d\ude00' in [true][0]",
  // optional chaining
  "({a: null}).a?.b", "({a: null}).a?.b.c.d", "({a: {b: n}})?.a?.b", "[null][0]?.[0]", "[[n]][0]?.[0]", "s?.length", "null?.[n]",
  "undefined?.x ?? 'short'", "(null)?.x.y ?? 1", "Math.max?.(n, 2)", "[null][0]?.x.y", "({a: null}).a.b",
  // spread
  "Math.max(...[n, f])", "Math.max(...[])", "Math.min(...s, 3)", "String.fromCharCode(...[65, 66], 67)", "JSON.stringify([...s, ...[n], ...t])",
  "[...[1, [2]], ...''].length", "Math.max(...n)", "[...n]", "[...{}]", "Math.hypot(...[3, 4])",
  // Object and Array built-ins
  "JSON.stringify(Object.keys(s))", "JSON.stringify(Object.values({a: n, b: [s]}))", "JSON.stringify(Object.entries([n, s]))",
  "JSON.stringify(Object.keys(n))", "Object.keys(null)", "Object.values(undefined)", "JSON.stringify(Object.fromEntries([['a', n], ['b'], [], [1, 2]]))",
  "JSON.stringify(Object.fromEntries(''))", "Object.fromEntries(n)", "Object.fromEntries(true)", "Object.fromEntries({})", "Object.fromEntries(null)",
  "Object.fromEntries(s)", "Object.fromEntries([n])", "Object.fromEntries([z])", "Object.fromEntries([t])", "JSON.stringify(Object.fromEntries([{0: 'k', 1: n}]))",
  "Array.isArray([])", "Array.isArray({})", "Array.isArray(s)", "Array.isArray(Object.keys(s))",
  // array methods without callbacks
  "[1, 2, 3].at(-1)", "[1, 2, 3].at(5) ?? 'none'", "JSON.stringify([1, 2, 3].slice(1))", "JSON.stringify([1, 2, 3].slice(-2, -1))",
  "JSON.stringify([1].concat([2, [3]], 4, s))", "[1, NaN].includes(NaN)", "[1, NaN].indexOf(NaN)", "[z].includes(0)", "[1, 2, 1].lastIndexOf(1)",
  "[1, 2, 1].lastIndexOf(1, -2)", "[[1]].includes([1])", "[1, 2].indexOf(2, -1)", "[1, 2].toString()", "({}).toString()", "[n].valueOf()[0]",
  // JSON.stringify
  "JSON.stringify([1, 'a', true, null, undefined, z, NaN, -Infinity, 1e21, 1e-7])", "JSON.stringify({a: undefined, b: n})",
  "JSON.stringify(t)", "JSON.stringify('\\u2028\"\\\\\\n\\b\\f\\r\\t\\u0001\\u001f\\u007f')", "JSON.stringify({a: [n, {b: s}]}, null, 2)",
  "JSON.stringify([[], {}], null, '--')", "JSON.stringify({a: 1}, null, 20)", "JSON.stringify({a: 1}, null, f)", "JSON.stringify({a: 1}, null, -1)",
  "JSON.stringify({a: 1}, null, '12345678901')", "JSON.stringify({a: 1, b: {a: 2, c: 3}}, ['a', 'b', 'a'])", "JSON.stringify({1: n, x: s}, [1])",
  "JSON.stringify([{a: 1, b: 2}], ['b'])", "JSON.stringify({a: 1}, [null, {}, []])", "JSON.stringify({a: 1}, n, 1)", "JSON.stringify()",
  "JSON.stringify(undefined) ?? 'undefined'", "JSON.stringify(n)", "JSON.stringify(s, null, 4)", "JSON.stringify({test: 42})",
  // ToPrimitive of arrays and objects
  "[1, [2, [3]]] + ''", "[null, undefined, 1] + ''", "`${[n, s]}${{}}`", "+[[n]]", "+[true]", "+[]", "-[z]", "[n] * [2]", "~[5]",
  "[] == 0", "[] == ''", "[0] == false", "[n] == n", "({}) == '[object Object]'", "[] == null", "[] === []", "[n] < [10]", "[n] < 10",
  "typeof [] + typeof {}", "!![] && !!{}", "({}) + 1", "[] + {}", "String([n, s])", "parseInt([12, 3])", "s.concat([1, 2])", "s.padEnd(4, [0])",
  "Number.isInteger([1])", "Boolean([])", "isNaN({})", "s.split([''])[1]", "s.split('')[[1]]",
  // found by the fuzzer (each gave a different result before its fix)
  "JSON.stringify([1, {a: 2}], null, 0.5)", "JSON.stringify([1, {a: 2}], null, 5e-324)", "JSON.stringify([s], null, '\\0')",
  "JSON.stringify([s], null, 'a\\0b')", "({}).a % [...''.padStart(1e6)]", "(true && [null][0]?.a).b", "(s && [null][0]?.a)?.b",
  "(false ? {a: n} : null)?.a", "(true ? 5 : {a: n}).a", "'a' in [t][0]", "t in [null][0]", "({[t]: 1})[t + 1]",
  "s.repeat([-1])", "s.repeat([[Infinity]])", "s.repeat({a: 1})", "s.repeat([2])", "[...(null)]", "Math.max(...(undefined))", "'a' in ['\\ud83d\\ude00'][0]", // a constant mapping's message keeps the emoji
  // non-scalar results
  "[1, 2]", "({a: 1})", "n > 0 ? {a: n} : 0", "Object.keys(s)",
];

test("the new constructs give V8's results through the host", async () => {
  const cases = EXPRESSIONS.map((src, i) => {
    const names = ["n", "s", "t", "z", "f"].map((v) => `${v}${i}`);
    const expr = src.replace(/\b(n|s|t|z|f)\b(?!\s*:)/g, (v) => `${v}${i}`);
    return { expr, names, values: VALUES };
  });
  // Shorthand {n} names the alias: keep it shorthand (n{i}).
  const results = await runThroughHost(StreamProcessor, cases);
  const diffs = cases.map((c, i) => {
    const d = compareCase({ ...c, result: results[i] });
    return d === null ? null : `${EXPRESSIONS[i]}: ${d.kind}: ${d.detail}; V8 ${JSON.stringify(d.want)}`;
  }).filter((d) => d !== null);
  expect(diffs).toEqual([]);
  expect(cases.length).toBeGreaterThan(150);
});

test("an array or object result is a non_scalar_result record that says how to emit it", async () => {
  const [arr, obj] = await runThroughHost(StreamProcessor, [
    { expr: "[v0, 1]", names: ["v0"], values: ["5"] },
    { expr: "({a: v1})", names: ["v1"], values: ["5"] },
  ]);
  expect(arr).toEqual({ code: "non_scalar_result", message: "result is an array; wrap it in JSON.stringify(...) to emit it as text" });
  expect(obj).toEqual({ code: "non_scalar_result", message: "result is an object; wrap it in JSON.stringify(...) to emit it as text" });
});

test("reading an inherited key is an error record, not a function value", async () => {
  const results = await runThroughHost(StreamProcessor, [
    { expr: "typeof ({a: 1})[k0]", names: ["k0"], values: ['"toString"'] },
    { expr: "typeof [1][k1]", names: ["k1"], values: ['"map"'] },
    { expr: "typeof v2[k2]", names: ["v2", "k2"], values: ['"ab"', '"trim"'] },
    { expr: "typeof ({toString: 1})[k3]", names: ["k3"], values: ['"toString"'] },
  ]);
  expect(results.slice(0, 3)).toEqual([
    { code: "type_error", message: '["toString"] names an inherited property (a function), not a value (not supported)' },
    { code: "type_error", message: '["map"] names an inherited property (a function), not a value (not supported)' },
    { code: "type_error", message: '["trim"] names an inherited property (a function), not a value (not supported)' },
  ]);
  expect(JSON.parse((results[3] as { payload: string }).payload).value).toBe("number"); // an own property wins
});

test("what always throws in JavaScript and names no value is rejected at configure time", async () => {
  const cases: [string, string][] = [
    ["'x' in s", "unsupported_operator"], ["s in null", "unsupported_operator"], ["({}) in n", "unsupported_operator"],
    ["s['constructor']", "unsupported_index"], ["({}).constructor", "unsupported_index"], ["[n].__proto__", "unsupported_index"],
    ["[1, , 2]", "array_object_literal"], ["({f() {}})", "array_object_literal"], ["({...s})", "array_object_literal"],
    ["s.trim?.()", "optional_chaining"], ["s.slice(...[1])", "unsupported_operator"], ["Object.assign({}, s)", "unknown_member"],
  ];
  for (const [expr, code] of cases) {
    const err = await StreamProcessor.create({ model: { name: "d", version: "1" }, output_topic: "o", sources: { s: "t.s", n: "t.n" }, mapping: { m: expr } })
      .then((p) => { p.close(); return null; }, (e: { diagnostics?: { code: string }[] }) => e.diagnostics?.[0]?.code);
    expect([expr, err]).toEqual([expr, code]);
  }
  // An own property of that name is a value: no error.
  const [own] = await runThroughHost(StreamProcessor, [{ expr: "({constructor: v0}).constructor", names: ["v0"], values: ["5"] }]);
  expect(JSON.parse((own as { payload: string }).payload).value).toBe(5);
});
