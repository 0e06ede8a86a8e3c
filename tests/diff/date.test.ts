// Date (issue 17) through the real host against V8 (the oracle runs with
// TZ=UTC, the module's local time): date strings of every kind (ISO with every
// field and offset, expanded years, V8's legacy forms), time values at the
// edges of the range (±8.64e15, years -271821..275760, leap days), every
// getter, setter and text form, the constructor's forms, Date.UTC, Date.parse,
// Date objects in operators, JSON.stringify and as a result.
import { expect, test } from "vitest";
import fc from "fast-check";
import { differences } from "./jsondate_support.mjs";
import { dateString, timeValue, SETTERS } from "./gen/jsondate.mjs";
import { StreamProcessor } from "../../host/index";
import { runThroughHost } from "./pipeline.mjs";

const strings = fc.sample(dateString, { numRuns: 4000, seed: 2026 });
const times = fc.sample(timeValue, { numRuns: 1500, seed: 1206 });
const json = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

test("4,000 date strings: Date.parse and new Date(s).getTime() as V8", async () => {
  const cases = strings.flatMap((s) => [
    { expr: "Date.parse(#0)", values: [JSON.stringify(s)] },
    { expr: "new Date(#0).getTime()", values: [JSON.stringify(s)] },
  ]);
  expect(await differences(cases)).toEqual([]);
  // Valid and invalid ones in numbers, legacy ones among the valid.
  const valid = strings.filter((s) => !Number.isNaN(Date.parse(s)));
  expect(valid.length).toBeGreaterThan(1200);
  expect(strings.length - valid.length).toBeGreaterThan(1200);
  expect(valid.filter((s) => /[A-Za-z]{3}/.test(s) && !/T\d/.test(s)).length).toBeGreaterThan(300);
});

test("1,500 time values: every getter and text form", async () => {
  const getters = ["getDate", "getDay", "getFullYear", "getHours", "getMilliseconds", "getMinutes", "getMonth", "getSeconds",
    "getUTCDate", "getUTCDay", "getUTCFullYear", "getUTCHours", "getUTCMilliseconds", "getUTCMinutes", "getUTCMonth", "getUTCSeconds",
    "getTime", "getTimezoneOffset", "getYear", "valueOf"];
  const texts = ["toString", "toDateString", "toTimeString", "toUTCString", "toGMTString", "toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toJSON"];
  const cases = times.flatMap((t) => [
    { expr: `[${getters.map((g) => `new Date(#0).${g}()`).join(", ")}] + ''`, values: [json(t)] },
    { expr: `[${texts.map((m) => `new Date(#0).${m}()`).join(", ")}] + ''`, values: [json(t)] },
    { expr: "new Date(#0).toISOString()", values: [json(t)] },
    { expr: "JSON.stringify({d: new Date(#0)}) + new Date(#0) + String(new Date(#0))", values: [json(t)] },
  ]);
  expect(await differences(cases)).toEqual([]);
});

test("every setter with generated arguments, on valid and invalid dates", async () => {
  const field = fc.oneof(fc.integer({ min: -30, max: 100 }), fc.constantFrom(NaN, Infinity, 1e8, -1e8, 275760, -271821, 1.5, -0.5, 1e20));
  const cases = fc.sample(fc.tuple(fc.constantFrom(...Object.keys(SETTERS)), fc.oneof(timeValue, fc.constant(NaN)), fc.array(field, { maxLength: 4 })), { numRuns: 3000, seed: 77 })
    .map(([m, t, args]) => ({
      expr: `new Date(${Number.isNaN(t) ? "NaN" : "#0"}).${m}(${args.slice(0, SETTERS[m as keyof typeof SETTERS]).map((a) => (Number.isNaN(a) ? "NaN" : String(a))).join(", ")})`,
      values: [json(Number.isNaN(t) ? 0 : t)],
    }));
  expect(await differences(cases)).toEqual([]);
});

test("the constructor's field forms and Date.UTC, with years 0..99, overflowing fields and the range's edges", async () => {
  const field = fc.oneof(fc.integer({ min: -40, max: 120 }), fc.constantFrom(NaN, Infinity, -Infinity, 1e7, -1e7, 1e10, 2.5, -2.5));
  const year = fc.oneof(fc.integer({ min: -280000, max: 280000 }), fc.integer({ min: -2, max: 101 }), fc.constantFrom(275760, -271821, 275761, -271822, 1e6, -1e6, 1000001, NaN, 99.5));
  const cases = fc.sample(fc.tuple(year, fc.array(field, { minLength: 0, maxLength: 6 }), fc.boolean()), { numRuns: 3000, seed: 99 }).map(([y, rest, utc]) => {
    const args = [y, ...rest].map((a) => (Number.isNaN(a) ? "NaN" : a === Infinity ? "Infinity" : a === -Infinity ? "-Infinity" : String(a))).join(", ");
    return { expr: utc ? `Date.UTC(${args})` : rest.length === 0 ? `new Date(${args}, 0).getTime()` : `new Date(${args}).getTime()`, values: ["0"] };
  });
  expect(await differences(cases)).toEqual([]);
});

test("the forms of the constructor, Date(), operators, JSON and results", async () => {
  const exprs = [
    "new Date(#0).toISOString()", "new Date(#0).toISOString().slice(0, 10)", "new Date(Date.now()).getUTCHours() >= 6 ? 'day' : 'night'",
    "new Date().getTime()", "new Date", "new Date + ''", "(new Date).getTime()", "new Date() - new Date(0)", "Date()", "Date(1, 2)", "typeof Date()",
    "new Date(new Date(#0)).getTime()", "new Date([#0]).getTime()", "new Date([2020, 1]).getTime()", "new Date({}).getTime()", "new Date(null).getTime()",
    "new Date(undefined).getTime()", "new Date(true).getTime()", "new Date('').getTime()", "new Date(#0 + '').getTime()", "new Date(String(#0)).getTime()",
    "new Date(...[2020, 1, 2]).getTime()", "new Date(...[]).getTime()", "new Date(#0, 0).getTime()",
    "new Date(#0) + 1", "new Date(#0) - 1", "new Date(#0) * 1", "+new Date(#0)", "-new Date(#0)", "new Date(#0) / new Date(1000)", "new Date(#0) % 7",
    "new Date(#0) < #0 + 1", "new Date(#0) > new Date(0)", "new Date(#0) <= #0", "new Date(#0) >= '1'", "new Date(0) < 'Thu'",
    "new Date(0) == new Date(0)", "new Date(0) === new Date(0)", "new Date(0) != 0", "new Date(0) == 0", "new Date(0) == new Date(0).toString()",
    "new Date(0) == null", "!new Date(NaN)", "new Date(NaN) + ''", "typeof new Date(0)", "`${new Date(0)}`", "[new Date(0), 1] + ''",
    "JSON.stringify(new Date(0))", "JSON.stringify([new Date(NaN)])", "JSON.stringify({a: new Date(-1)}, null, 2)", "JSON.stringify(new Date(#0).toJSON())",
    "Number(new Date(5))", "isNaN(new Date(NaN))", "isFinite(new Date(0))", "String(new Date(0))", "parseInt(new Date(0))", "Math.max(new Date(5), 3)",
    "Object.keys(new Date(0)).length", "Object.values(new Date(0)).length", "Array.isArray(new Date(0))", "'getTime' in new Date(0)", "'x' in new Date(0)",
    "new Date(0).length", "new Date(0)?.getTime()", "new Date(0).valueOf()", "new Date(0).toString()", "[new Date(0)].includes(new Date(0))",
    "new Date(0)", "new Date(#0)", "#0 > 0 ? new Date(#0) : 0", "new Date(NaN).toISOString()", "new Date(8.64e15 + 1).toISOString()",
    "new Date(-8.64e15).toISOString()", "new Date(8.64e15).toString()", "new Date(-62198755200000).toUTCString()", "new Date(#0).setUTCHours(0, 0, 0, 0)",
    "new Date(#0).toLocaleString()", "Date.UTC()", "Date.UTC(2026)", "Date.parse()", "Date.parse(new Date(#0))", "Date.parse(new Date(#0).toUTCString())",
    "Date.parse(new Date(#0).toISOString()) === #0", "'x'.getTime()", "(1).toISOString()", "null.getTime()", "[].getDay()", "({}).toJSON()",
  ];
  expect(await differences(exprs.map((expr) => ({ expr, values: ["1796527452123"] })))).toEqual([]);
});

test("new is allowed only before Date; Date and the date methods are diagnosed as V8 cannot tell", async () => {
  for (const [expr, code] of [["new Foo()", "new"], ["new Date.now()", "new"], ["new Math.max(1)", "new"], ["a new Date()", "new"],
    ["new Date(0).toLocaleString('de-DE')", "argument_count"], ["new Date(0).getTime(1)", "argument_count"]] as const) {
    const err = await StreamProcessor.create({ model: { name: "d", version: "1" }, output_topic: "o", sources: { a: "t.a" }, mapping: { m: expr } })
      .then((p) => { p.close(); return null; }, (e: { diagnostics?: { code: string }[] }) => e.diagnostics?.[0]?.code);
    expect([expr, err]).toEqual([expr, code]);
  }
  const [d] = await runThroughHost(StreamProcessor, [{ expr: "new Date(v0)", names: ["v0"], values: ["0"] }]);
  expect(d).toEqual({ code: "non_scalar_result", message: "result is a Date; wrap it in JSON.stringify(...) to emit it as text" });
});
