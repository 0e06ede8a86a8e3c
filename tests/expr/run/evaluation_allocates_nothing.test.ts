// Evaluating allocates nothing on the heap: once the arena has its first block,
// the heap's top stays put however often and on whatever values we evaluate.
import { test, expect } from "vitest";
import { Engine, isDiag } from "../engine";

test("the heap top does not move across evaluations", () => {
  const e = new Engine();
  const x = e.m.exports;
  const aliases = ["a", "b", "s"];
  const sources = [
    "a + b * 2", "`${a}-${b}:${s}`", "s.toUpperCase() + s.length", "s.split(',')[1] ?? 'none'", "a > b ? s.trim() : String(a)",
    "Math.max(a, b, 3) / 7", "(a / 3).toFixed(2)", "typeof s + typeof a", "parseInt(s) || -1", "s.padStart(20, '*').slice(-5)",
    "s.replaceAll(',', ';').repeat(3)", "Date.now() - a", "Math.random() < 2", "(!a && !!s || b) ?? 0", "(a | 0) >>> 1 ^ ~b",
    // Arrays and objects (issue 17).
    "JSON.stringify({a, list: [b, s, [a, {x: null}]], [s]: -0}, null, 2)", "[a, ...s, ...[b]].length + [a, b][1]",
    "Math.max(...[a, b], ...s.split(',')[0]) + ({k: {n: a}})?.k?.n", "'k' in {k: a} && Array.isArray([s]) ? `${[a, b]}` : 'no'",
    "JSON.stringify(Object.entries(Object.fromEntries([['x', a], ['y', [b]]])))", "Object.keys(s).length + Object.values({a, b}).indexOf(b)",
    "[a, b, s].slice(1).concat([a]).includes(s) + [1, 2] + {}",
    // callbacks (issue 17): nested arrows, sort with a comparator (TimSort's merges), built-ins as callbacks
    "[a, b, 3].map(x => x * 2).filter((x, i) => x > i).reduce((acc, x) => acc + x, 0) + [s].some(x => x.length > 1)",
    "Array.from({length: 80}, (x, i) => (i * 37) % 23).sort((x, y) => x - y).join() + [3, 1, 2].toSorted().join('')",
    "JSON.stringify([[a, b], [s]].map(row => row.map(x => [x].concat(row).length)).flat(Infinity)) + ['1', '2'].map(parseInt).join()",
    "Array.from(s).findLast(c => c > 'a') ?? [a, b].find(x => x > 1) ?? [1, [2]].flatMap(x => x).reverse().join('-')",
  ];
  const handles = sources.map((src) => {
    const h = e.compile(src, aliases);
    if (isDiag(h)) throw new Error(`${src}: ${h.message}`);
    return h;
  });
  const state = x.alloc(3 * 16);
  const text = e.put("10,20,30 and some more text");
  const write = (a: number, b: number) => {
    const dv = new DataView(x.memory.buffer);
    dv.setUint32(state, 3, true); dv.setFloat64(state + 8, a, true);
    dv.setUint32(state + 16, 3, true); dv.setFloat64(state + 24, b, true);
    dv.setUint32(state + 32, 4, true); dv.setUint32(state + 36, text[1], true); dv.setFloat64(state + 40, 0, true);
    dv.setUint32(state + 40, text[0], true);
  };
  write(1, 2);
  for (const h of handles) expect(x.run(h, state)).toBe(0); // the first run may size the arena
  const top = x.heapTop();
  for (let i = 0; i < 200; i++) {
    write(i * 1.5, 1000 - i);
    for (const h of handles) expect(x.run(h, state)).toBe(0);
  }
  expect(x.heapTop()).toBe(top);
});
