// Issue 17, callbacks: arrow functions as the callback of array methods (map,
// filter, reduce, …, sort with V8's TimSort), built-in functions as callbacks,
// join/flat/reverse/Array.from/Array.of, and the errors of each. Every case runs
// through the real host with alias values and must give exactly V8's outcome.
import { expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { runThroughHost } from "./pipeline.mjs";
import { compareCase } from "./compare.mjs";

// n = 5, s = "ab", t = "a😀\ud800", z = -0, f = 2.5
const VALUES = ["5", '"ab"', '"a\\ud83d\\ude00\\ud800"', "-0", "2.5"];

const EXPRESSIONS = [
  // map, filter, reduce, reduceRight with every parameter form
  "JSON.stringify([1, 2, 3].map(x => x * 2))", "JSON.stringify([1, 2, 3].map((x, i) => x * i))", "JSON.stringify([1, 2].map((x, i, arr) => arr.length + x))",
  "JSON.stringify([1, 2].map(() => n))", "JSON.stringify([].map(x => x))", "JSON.stringify([n, s].map(x => typeof x))", "JSON.stringify([1, 2].map(x => [x, {x}]))",
  "JSON.stringify([1, 2, 3, 4].filter(x => x % 2))", "JSON.stringify([0, 1, '', 'a', null, [], {}].filter(x => x))", "[1, 2, 3].reduce((acc, x) => acc + x)",
  "[1, 2, 3].reduce((acc, x) => acc + x, 10)", "[].reduce((a, x) => a + x, 'init')", "[s].reduce((a, x) => a + x)", "[1, 2, 3].reduce((a, x, i, arr) => a + x * i + arr.length, '')",
  "[1, 2, 3].reduceRight((a, x) => a + x)", "['a', 'b', 'c'].reduceRight((a, x) => a + x, '>')", "[].reduce((a, b) => a + b)", "[].reduceRight((a, b) => a)",
  "[[1, 2], [3]].reduce((a, x) => a.concat(x), []).length", "JSON.stringify([1, 2, 3].reduce((o, x) => ({...o}), {}))".replace("({...o})", "({[x]: o})"),
  // some, every, find, findIndex, findLast, findLastIndex, forEach
  "[1, 2, 3].some(x => x > 2)", "[1, 2, 3].some(x => x > 3)", "[].some(x => true)", "[1, 2, 3].every(x => x > 0)", "[1, 2, 3].every(x => x > 1)", "[].every(x => false)",
  "[1, 2, 3].find(x => x > 1)", "[1, 2, 3].find(x => x > 5) ?? 'none'", "[1, 2, 3].findIndex(x => x > 1)", "[1, 2, 3].findIndex(x => x > 5)",
  "[1, 2, 3].findLast(x => x < 3)", "[1, 2, 3].findLastIndex(x => x < 3)", "[1, 2, 3].findLastIndex(x => x > 3)", "[1, 2].forEach(x => x) ?? 'undefined'",
  "[1, 2, 3].find((x, i) => i == 2)", "[s, n].find(x => typeof x == 'number')",
  // flatMap, flat, join, reverse, toReversed, toSorted
  "JSON.stringify([1, 2].flatMap(x => [x, x * 2]))", "JSON.stringify([1, 2].flatMap(x => [[x]]))", "JSON.stringify([1, 2].flatMap(x => x))", "JSON.stringify([[1, [2, [3, [4]]]]].flat())",
  "JSON.stringify([[1, [2, [3, [4]]]]].flat(2))", "JSON.stringify([[1, [2, [3, [4]]]]].flat(Infinity))", "JSON.stringify([[1, [2]]].flat(-1))", "JSON.stringify([[1], [2]].flat(0))",
  "JSON.stringify([[1, [2]]].flat('1'))", "JSON.stringify([].flat())", "[1, 2, 3].join()", "[1, 2, 3].join('')", "[1, [2, [3]], null, undefined, {}].join(' - ')", "[1, 2].join(undefined)",
  "[1, 2].join(null)", "[1, 2].join([3, 4])", "[].join()", "[s].join()", "[z, -0, 0].join()", "[t, s].join(t)", "JSON.stringify([1, 2, 3].reverse())",
  "JSON.stringify([1, 2, 3].toReversed())", "JSON.stringify([].reverse())", "JSON.stringify([3, 1, 2].toSorted())", "JSON.stringify([3, 1, 2].toSorted((a, b) => b - a))",
  // sort without a comparator: ToString order, undefined last
  "JSON.stringify([10, 9, 1, 100, -1, -10].sort())", "JSON.stringify(['b', undefined, 'a', null, 'c'].sort())", "JSON.stringify([true, false, 'true', 1, '1', [1], {}, [0, 1]].sort())",
  "JSON.stringify([t, s, 'a', '\\ud83d', '\\uffff'].sort())", "JSON.stringify([0.1, 1e21, 1e-7, NaN, Infinity, -Infinity, z].sort())", "JSON.stringify([undefined, undefined].sort())",
  "JSON.stringify([undefined, 3, 1].sort((a, b) => a - b))", "JSON.stringify([3, 1, 2].sort(undefined))",
  // built-in functions as callbacks
  "JSON.stringify(['1', '2', '3'].map(parseInt))", "JSON.stringify(['10', '10', '10', '10'].map(parseInt))", "JSON.stringify(['1.5', 'x', ' 2 '].map(Number))",
  "JSON.stringify([1, 'a', null, undefined, [2]].map(String))", "JSON.stringify([0, 1, '', 'a', null, NaN].filter(Boolean))", "JSON.stringify(['1.5e3', '.5x'].map(parseFloat))",
  "JSON.stringify([-1, 2.5, -3].map(Math.abs))", "JSON.stringify([1, 2, 3].map(Math.max))", "JSON.stringify([1.2, 2.7].map(Math.round))", "JSON.stringify([1, NaN, 'x'].map(isNaN))",
  "JSON.stringify([1, 2.5].map(Number.isInteger))", "JSON.stringify([65, 66].map(String.fromCharCode))", "JSON.stringify([[1], 2].map(Array.isArray))",
  "JSON.stringify([{a: 1}].map(Object.keys))", "JSON.stringify([1, [2]].map(JSON.stringify))", "[1, 2, 3].reduce(Math.max)", "JSON.stringify(['a', 'b'].map(Boolean))",
  "JSON.stringify([3, 1, 2].sort(Math.min))", "[1, 2].some(isFinite)", "[1, 2].every(Number.isFinite)", "JSON.stringify(['1', '2'].flatMap(Number))",
  // Array.from and Array.of
  "JSON.stringify(Array.from(s))", "JSON.stringify(Array.from(t))", "JSON.stringify(Array.from([1, 2]))", "JSON.stringify(Array.from({length: 3}))",
  "JSON.stringify(Array.from({length: 2.5, 0: 'a', 1: 'b'}))", "JSON.stringify(Array.from({length: '2', 1: n}))", "JSON.stringify(Array.from({length: -1}))",
  "JSON.stringify(Array.from({}))", "JSON.stringify(Array.from(n))", "JSON.stringify(Array.from(true))", "Array.from(null)", "Array.from(undefined)",
  "JSON.stringify(Array.from(s, c => c + c))", "JSON.stringify(Array.from([1, 2], (x, i) => x * 10 + i))", "JSON.stringify(Array.from(['1', '2', '3'], parseInt))",
  "JSON.stringify(Array.from({length: 3}, (x, i) => i * i))", "JSON.stringify(Array.from([1], (x, i, more) => more ?? 'none'))", "Array.from(s, 5)", "Array.from(s, null)",
  "JSON.stringify(Array.from(s, undefined))", "JSON.stringify(Array.of())", "JSON.stringify(Array.of(1, [2], s))", "JSON.stringify(Array.of(n))",
  // nesting, shadowing, closures over outer parameters
  "JSON.stringify([1, 2, 3].map(x => [1, 2, 3].filter(y => y > x)))", "JSON.stringify([[1, 2], [3]].map(row => row.map(x => x * row.length)))",
  "[1, 2].map(n => n * 10).join()", "[1, 2].map(s => s + 1).join()", "[1].map(Math => Math + 1)[0]", "[1].map(parseInt => parseInt * 2)[0]",
  "[1, 2].map(x => [3, 4].map(x => x * 2).join('+') + x).join()", "[1, 2].reduce((acc, x) => acc + [10, 20].reduce((a2, y) => a2 + x * y, 0), 0)",
  "[[3, 1], [2, 4]].map(p => p.toSorted((a, b) => a - b).join('<')).join()", "[1, 2, 3].map(x => x > 1 ? (s) : n).join()", "[1].map(x => x?.y ?? 'none')[0]",
  "[s, t].map(x => x.length).join()", "[s].map(x => x.toUpperCase())[0]", "['a,b'].map(x => x.split(',')[1])[0]", "[{a: {b: n}}].map(o => o.a.b)[0]",
  "[1, 2].map((x) => { return x * 3; }).join()", "[1, 2].map(x => ({v: x}))[1].v", "[1, 2, 3].filter((x, i, arr) => arr.indexOf(x) == i).length",
  "[3, 1, 2].sort((a, b) => [3, 1, 2].indexOf(a) - [3, 1, 2].indexOf(b)).join()", "`${[1, 2].map(x => `<${x}>`)}`", "[[1, 2], [3, 4]].map(([a, b]) => a)".replace("([a, b]) => a", "p => p[0]") + ".join()",
  // callbacks that throw, and what is not a function
  "[1].map(x => x.y.z)", "[1, 2].map(x => null[x])", "[1].filter(x => s.repeat(-1))", "[1].reduce((a, x) => a.b.c, null)", "[3, 1, 2].sort((a, b) => null.x)",
  "[1].map(5)", "[1].map('x')", "[1].map(undefined)", "[1].map(null)", "[1].map([1])", "[1].map({})", "[].map(5)", "[1].filter(n)", "[1].reduce(s)", "[1].some(true)",
  "[1].every(z)", "[1].find(f)", "[1].findIndex(t)", "[1].forEach(null)", "[1].flatMap(5)", "[1].sort(5)", "[1].sort(null)", "[].sort(s)", "[1].toSorted(n)", "[1].map()",
  "[1].reduce()", "s.map(x => x)", "n.filter(x => x)", "null.map(x => x)", "(undefined).some(x => x)", "s.join()", "n.sort()", "({}).map(x => x)", "true.reverse()",
  "[1][s] ?? 'none'", "[1].flat(NaN).length",
  // found by the fuzzer: a built-in callback gets only the arguments it uses (Number never converts the array)
  "[null, ''.padStart(1048576)].findIndex(Number)", "[''.padStart(1048576)].map(String)[0].length", "[[1, 2]].map(parseInt)[0]",
  // large and deep work stays correct
  "Array.from({length: 1000}, (x, i) => i).filter(x => x % 7 == 0).reduce((a, x) => a + x, 0)", "Array.from(s.repeat(300)).map(c => c.charCodeAt(0)).join('').length",
];

// Sorting: arrays of length 0..70 and a few longer ones (runs, merges, galloping), with consistent
// and inconsistent comparators; V8's TimSort decides every element's place.
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x >>> 8; };
}
const COMPARATORS = [
  "(a, b) => a - b", "(a, b) => b - a", "() => 1", "() => -1", "() => 0", "() => NaN", "(a, b) => a % 3 - b % 5", "(a, b) => (a * 7 + b * 13) % 5 - 2",
  "(a, b) => a > b", "(a, b) => a < b ? -1 : 1", "(a, b) => (a & 4) - (b & 2)", "(a, b) => String(a - b)", "(a, b) => [a - b]", "(a, b) => a % 10 - b % 10",
];
const SORT_CASES: string[] = [];
{
  const next = lcg(42);
  for (let len = 0; len <= 70; len++) {
    const arr = Array.from({ length: len }, () => next() % 50);
    const cmp = COMPARATORS[len % COMPARATORS.length];
    SORT_CASES.push(`[${arr}].sort(${cmp}).join()`);
  }
  const shapes = (len: number, kind: number) => Array.from({ length: len }, (_, i) => {
    switch (kind) {
      case 0: return next() % 1000;
      case 1: return i < len / 2 ? i * 2 : (i - len / 2) * 2 + 1; // two ascending runs: galloping merge
      case 2: return len - i + (i % 5 == 0 ? 100 : 0); // descending with bumps
      case 3: return Math.floor(i / 10) % 3 ? i : -i; // alternating blocks
      default: return next() % 4; // many equal keys: stability
    }
  });
  for (const len of [64, 65, 100, 127, 128, 129, 200, 333, 500]) {
    for (let kind = 0; kind < 5; kind++) {
      const arr = shapes(len, kind);
      for (const cmp of ["(a, b) => a - b", "() => -1", "(a, b) => a % 3 - b % 5", "(a, b) => (a ^ b) % 3 - 1"]) {
        SORT_CASES.push(`[${arr}].sort(${cmp}).join()`);
      }
      SORT_CASES.push(`[${arr}].map(String).sort().join()`);
    }
  }
}

async function differences(expressions: string[]) {
  const cases = expressions.map((src, i) => {
    const names = ["n", "s", "t", "z", "f"].map((v) => `${v}${i}`);
    const expr = src.replace(/\b(n|s|t|z|f)\b(?!\s*:)/g, (v) => `${v}${i}`);
    return { expr, names, values: VALUES };
  });
  const results = await runThroughHost(StreamProcessor, cases);
  return cases.map((c, i) => {
    const d = compareCase({ ...c, result: results[i] });
    return d === null ? null : `${expressions[i]}: ${d.kind}: ${d.detail}; V8 ${JSON.stringify(d.want)} got ${JSON.stringify(d.got)}`;
  }).filter((d) => d !== null);
}

test("array methods with callbacks give V8's results through the host", async () => {
  expect(await differences(EXPRESSIONS)).toEqual([]);
  expect(EXPRESSIONS.length).toBeGreaterThan(150);
});

test("sort calls the comparator as V8's TimSort does, even an inconsistent one", async () => {
  expect(await differences(SORT_CASES)).toEqual([]);
  expect(SORT_CASES.length).toBeGreaterThan(250);
}, 120_000);

test("nested callbacks are bounded: past 10,000,000 arrow calls an evaluation is a callback_limit record", async () => {
  const [limited, fine] = await runThroughHost(StreamProcessor, [
    { expr: "Array.from(v0.repeat(5000)).some((x, i, all) => all.some(y => false))", names: ["v0"], values: ['"ab"'] },
    { expr: "Array.from(v1.repeat(1000)).some((x, i, all) => all.some(y => false))", names: ["v1"], values: ['"ab"'] },
  ]);
  expect(limited).toEqual({ code: "callback_limit", message: "more than 10000000 callback calls" });
  expect(JSON.parse((fine as { payload: string }).payload).value).toBe(false); // 4,002,000 calls: within the budget
}, 120_000);
