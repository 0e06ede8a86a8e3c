// Number -> text (assembly/num/format.ts) against V8: String(x), x.toFixed(d),
// x.toString(radix). Random doubles use fixed seeds.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { rng as familyRng, doubleAt } from "../diff/numbers.mjs";
import { mulberry32 as rng } from "../wasm/rng";

const m = loadTestModule("num");
const e = m.exports;
const buf: number = e.alloc(1 << 16);

const read16 = (n: number): string => {
  const v = new Uint16Array(e.memory.buffer, buf, n);
  let s = "";
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...v.subarray(i, Math.min(n, i + 4096)));
  return s;
};
const dv = new DataView(new ArrayBuffer(8));
function randomBits(r: () => number): number {
  dv.setUint32(0, Math.floor(r() * 2 ** 32));
  dv.setUint32(4, Math.floor(r() * 2 ** 32));
  return dv.getFloat64(0);
}
/** A mix: random bit patterns, "human" decimals, integers, tiny and huge magnitudes. */
function randomDouble(r: () => number, i: number): number {
  switch (i % 5) {
    case 0: return randomBits(r);
    case 1: return Math.round((r() - 0.5) * 10 ** Math.floor(r() * 10)) / 10 ** Math.floor(r() * 6);
    case 2: return Math.floor((r() - 0.5) * 2 ** Math.floor(r() * 70));
    case 3: return (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20);
    default: return r() * 2 ** (Math.floor(r() * 2000) - 1074);
  }
}
const EDGE = [
  0, -0, 1, -1, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.5, 1.5, 2.5, -2.5, 1.005, 1.45, 9.995, 1e21, 1e21 - 65536, 999999999999999900000,
  1e-7, 1e-6, 123e-20, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
  2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 2 ** 70, 4.35, 0.000001, 1e-10, 123.456, 104.00001, 25, 191.41935483870967,
  NaN, Infinity, -Infinity, 0.9999999999999999, 99.99999999999999, 1e100, 1.7976931348623157e308, 0.05, 0.15, 0.25,
];

describe("formatNumber (String(x))", () => {
  it("matches String(x) on edge cases and 50,000 random doubles", () => {
    const r = rng(41);
    const xs = [...EDGE];
    for (let i = 0; i < 50000; i++) xs.push(randomDouble(r, i));
    for (const x of xs) {
      const n = e.format(buf, x);
      expect(n).toBeLessThanOrEqual(e.numberMaxUnits());
      const got = read16(n);
      if (got !== String(x)) expect.fail(`${x}: got ${got}`);
    }
  });
});

describe("every double family (scripts/numbers-out.mjs runs millions)", () => {
  it("String(x), toFixed and toString(radix) match V8 on 35,000 values: bit patterns, integers, powers of ten ± ulps, subnormals, boundaries ± ulps", () => {
    const r = familyRng(2024);
    for (let i = 0; i < 35000; i++) {
      const x = doubleAt(r, i);
      const s = read16(e.format(buf, x));
      if (s !== String(x)) expect.fail(`String(${x}): got ${s}`);
      if (i % 5 === 1) {
        const d = i % 7;
        const f = read16(e.fixed(buf, x, d * 3));
        if (f !== x.toFixed(d * 3)) expect.fail(`(${x}).toFixed(${d * 3}): got ${f}`);
      }
      if (i % 5 === 2) {
        const radix = 2 + (i % 35);
        const t = read16(e.radix(buf, x, radix));
        if (t !== x.toString(radix)) expect.fail(`(${x}).toString(${radix}): got ${t.slice(0, 80)}`);
      }
    }
  });
});

describe("formatFixed (x.toFixed(d))", () => {
  it("matches toFixed on edge cases for every digit count 0..100", () => {
    for (const x of EDGE) {
      for (let d = 0; d <= 100; d++) {
        const n = e.fixed(buf, x, d);
        expect(n).toBeLessThanOrEqual(e.fixedMaxUnits());
        const got = read16(n);
        if (got !== x.toFixed(d)) expect.fail(`(${x}).toFixed(${d}): got ${got}, V8 ${x.toFixed(d)}`);
      }
    }
  });

  it("matches toFixed on 30,000 random values", () => {
    const r = rng(42);
    for (let i = 0; i < 30000; i++) {
      const x = randomDouble(r, i);
      const d = i % 7 === 0 ? Math.floor(r() * 101) : Math.floor(r() * 21);
      const n = e.fixed(buf, x, d);
      expect(n).toBeLessThanOrEqual(e.fixedMaxUnits());
      const got = read16(n);
      if (got !== x.toFixed(d)) expect.fail(`(${x}).toFixed(${d}): got ${got}, V8 ${x.toFixed(d)}`);
    }
  });

  it("rounds exact halves up and keeps the sign of negatives that round to zero", () => {
    const cases: [number, number][] = [[0.5, 0], [1.5, 0], [2.5, 0], [-2.5, 0], [0.125, 2], [0.375, 2], [-0.4, 0], [-0.0001, 2], [-0, 2], [9.5, 0], [99.5, 0], [0.0625, 3]];
    for (const [x, d] of cases) expect(read16(e.fixed(buf, x, d)), `${x} ${d}`).toBe(x.toFixed(d));
  });
});

describe("formatRadix (x.toString(radix))", () => {
  it("matches toString(radix) on edge cases for every radix", () => {
    for (const x of EDGE) {
      for (let radix = 2; radix <= 36; radix++) {
        const n = e.radix(buf, x, radix);
        expect(n).toBeLessThanOrEqual(e.radixMaxUnits());
        const got = read16(n);
        if (got !== x.toString(radix)) expect.fail(`(${x}).toString(${radix}): got ${got.slice(0, 80)}, V8 ${x.toString(radix).slice(0, 80)}`);
      }
    }
  });

  it("matches toString(radix) on 20,000 random values", () => {
    const r = rng(43);
    let longest = 0;
    for (let i = 0; i < 20000; i++) {
      const x = randomDouble(r, i);
      const radix = 2 + (i % 35);
      const n = e.radix(buf, x, radix);
      longest = Math.max(longest, n);
      const got = read16(n);
      if (got !== x.toString(radix)) expect.fail(`(${x}).toString(${radix}): got ${got.slice(0, 80)}, V8 ${x.toString(radix).slice(0, 80)}`);
    }
    expect(longest).toBeLessThanOrEqual(e.radixMaxUnits());
  });

  it("stays within RADIX_MAX_UNITS for the longest outputs", () => {
    for (const x of [-5e-324, -Number.MAX_VALUE, -2.2250738585072014e-308, -(2 ** -1022 + 2 ** -1074), -1.5e-323]) {
      const n = e.radix(buf, x, 2);
      expect(n).toBeLessThanOrEqual(e.radixMaxUnits());
      expect(read16(n)).toBe(x.toString(2));
    }
  });
});

describe("allocation", () => {
  it("formatting never grows the heap", () => {
    const top = e.heapTop(); // each heapTop call itself takes one empty block
    for (const x of [1.5, 5e-324, 1e300, -123.456]) {
      e.format(buf, x);
      e.fixed(buf, x, 100);
      e.radix(buf, x, 3);
    }
    const after = e.heapTop();
    expect(after - top).toBe(e.heapTop() - after);
  });
});
