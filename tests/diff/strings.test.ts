// Strings through the whole pipeline, against V8: JSON string escapes in
// (payload -> alias value) and out (result -> output payload bytes), and the
// String methods over UTF-16 code units with non-ASCII text, surrogate pairs
// and lone surrogates.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { StreamProcessor } from "../../host/index";
import { stringValue, stringJson } from "./gen/values.mjs";
import { runTable, tableProblems } from "./table.mjs";
import { TIMESTAMP } from "./oracle.mjs";
import { PROCESSOR_OPTIONS } from "./pipeline.mjs";

/** Every control character, DEL, the JS line separators, surrogate edge cases, BOM, non-BMP. */
const EDGE_STRINGS = [
  ...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)), "\u007f", "\u0080", "\u00ff", "\u2028", "\u2029",
  "\ud800", "\udbff", "\udc00", "\udfff", "\ud800\ud800", "\udc00\ud800", "a\ud800", "\udfffa", "\ud83d\ude00",
  "\udbff\udfff", "\ud800\udc00", "\ufeff", "\ufffd", "\uffff", "\"", "\\", "/", "</script>", "\u00e9\u0301",
  "\u0130\u0131\u00df\ufb00\u0149\u0390\u1f88\u03a3\u03c2", "x".repeat(300), "\ud83d\ude00".repeat(50),
];

describe("JSON string escapes in and out", () => {
  test("a string value comes out exactly as JSON.stringify writes V8's JSON.parse of it (3,000 strings)", async () => {
    const random = fc.sample(fc.tuple(stringValue, fc.integer()), { seed: 4242, numRuns: 3000 });
    const rows = [...EDGE_STRINGS.map((s, i) => [stringJson(s, i + 1)]), ...random.map(([s, seed]) => [stringJson(s, seed)])];
    const mappings = { id: "s", template: "`${s}`", joined: "s + s", sliced: "s.slice(1, -1)" };
    const table = await runTable(StreamProcessor, ["s"], mappings, rows);
    expect(tableProblems(rows, table, mappings).slice(0, 10)).toEqual([]);
  });

  test("escapes of every form decode as JSON.parse decodes them", async () => {
    const forms = ['"\\u0041\\u00e9\\u00E9\\uD83D\\uDE00\\ud83d\\ude00"', '"\\/\\b\\f\\n\\r\\t\\"\\\\"', '"\\ud800\\u0041"',
      '"\\uDFFF\\uD800"', '"\\u2028\\u2029"', '"\u2028\u2029"', '"\u{10ffff}\u{1f600}"', '"\\u0000"', '""'];
    const table = await runTable(StreamProcessor, ["s"], { id: "s", length: "s.length" }, forms.map((f) => [f]));
    expect(tableProblems(forms.map((f) => [f]), table, { id: "s", length: "s.length" })).toEqual([]);
  });

  test("invalid UTF-8 in a string decodes as TextDecoder does (U+FFFD per maximal subpart)", async () => {
    const p = await StreamProcessor.create({ model: { name: "d", version: "1" }, output_topic: "o", sources: { s: "t" }, mapping: { m: "s" } }, PROCESSOR_OPTIONS);
    const bad = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf0, 0x9f, 0x98], [0xc0, 0x80], [0xc1, 0xbf],
      [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xe0, 0x80, 0x80], [0xe2, 0x28, 0xa1], [0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80, 0x80]];
    const rnd = fc.sample(fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 6 }), { seed: 9, numRuns: 500 });
    const problems: string[] = [];
    for (const bytes of [...bad, ...rnd]) {
      const payload = new Uint8Array([...Buffer.from('{"value":"a'), ...bytes, ...Buffer.from(`b","timestamp_ms":${TIMESTAMP}}`)]);
      const r = p.process([{ topic: "t", payload }]);
      const want = JSON.stringify({ value: JSON.parse(new TextDecoder().decode(payload)).value, timestamp_ms: TIMESTAMP });
      const got = r.outputs.length === 1 ? new TextDecoder().decode(r.outputs[0].payload) : JSON.stringify(r.errors);
      if (got !== want) problems.push(`${bytes.map((b) => b.toString(16)).join(" ")}: ${got} vs ${want}`);
    }
    p.close();
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe("String methods count UTF-16 code units, as V8 does", () => {
  const POOL = [
    "", "a", "abc", "\u00e9t\u00e9", "stra\u00dfe", "\u0130stanbul", "\u03a3\u03c3\u03c2 \u039f\u03a3", "\ud83d\ude00", "a\ud83d\ude00b",
    "\ud800", "x\udc00y", "\u1f88\u0390\u0149\ufb00", "  \u00a0pad\u2028 ", "a,b,,c", "\u4e2d\u6587,\u5b57", "\u01c5\u01c6\u01c4",
    "\u0345\u03b9", "AbC\ud801\udc00", "$&$'", "\u2126\u212a\u212b",
  ];
  const aliases = ["s", "t", "i", "j"];
  const mappings: Record<string, string> = {
    length: "s.length", slice1: "s.slice(i)", slice2: "s.slice(i, j)", substring: "s.substring(i, j)", substr: "s.substr(i, j)",
    charAt: "s.charAt(i)", charCodeAt: "s.charCodeAt(i)", codePointAt: "s.codePointAt(i)", at: "s.at(i)",
    upper: "s.toUpperCase()", lower: "s.toLowerCase()", upperLen: "s.toUpperCase().length", trim: "s.trim()",
    trimStart: "s.trimStart()", trimEnd: "s.trimEnd()", padStart: "s.padStart(j, t)", padEnd: "s.padEnd(j + 3, t)",
    repeat: "s.repeat(j & 3)", indexOf: "s.indexOf(t, i)", lastIndexOf: "s.lastIndexOf(t, j)", includes: "s.includes(t)",
    startsWith: "s.startsWith(t, i)", endsWith: "s.endsWith(t, j)", replace: "s.replace(t, '[$&]')", replaceAll: "s.replaceAll(t, '-')",
    split: "s.split(t)[i]", splitChars: "s.split('')[j]", splitLimit: "s.split(t, j)[i]", wellFormed: "s.isWellFormed()",
    toWellFormed: "s.toWellFormed()", concat: "s.concat(t, i)", less: "s < t", equal: "s == t", template: "`${s}|${t}`",
    fromCharCode: "String.fromCharCode(s.charCodeAt(i), t.charCodeAt(j))",
  };
  test(`${Object.keys(mappings).length} methods over ${POOL.length}² strings with small positive and negative indexes`, async () => {
    const rows: string[][] = [];
    const ints = [-3, -1, 0, 1, 2, 5, 100];
    let k = 0;
    for (const s of POOL) for (const t of POOL) {
      rows.push([JSON.stringify(s), JSON.stringify(t), String(ints[k % ints.length]), String(ints[(k * 3 + 1) % ints.length])]);
      k++;
    }
    const table = await runTable(StreamProcessor, aliases, mappings, rows);
    expect(tableProblems(rows, table, mappings).slice(0, 10)).toEqual([]);
  });
});
