// The short-digits path of the number printer (assembly/num/shortfixed.ts, used by
// dtoa.ts for non-integers with up to 15 significant digits) against V8's String(x),
// at its edges: 14, 15, 16 and 17 significant digits, the powers of ten and their
// neighbours, the fixed-notation bounds 1e-6 and 1e15, and sums such as the
// benchmark's `press + 4.00001` whose binary noise needs all 17 digits.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { mulberry32 as rng } from "../wasm/rng";

const m = loadTestModule("num");
const e = m.exports;
const buf: number = e.alloc(1 << 12);
const dv = new DataView(new ArrayBuffer(8));

function printed(x: number): string {
  const n = e.format(buf, x);
  return String.fromCharCode(...new Uint16Array(e.memory.buffer, buf, n));
}
/** The neighbouring doubles of x (x > 0). */
function neighbours(x: number): number[] {
  dv.setFloat64(0, x);
  const bits = dv.getBigUint64(0);
  return [-2n, -1n, 1n, 2n].map((d) => { dv.setBigUint64(0, bits + d); return dv.getFloat64(0); });
}
function checkAll(xs: number[]): void {
  const bad: string[] = [];
  for (const x of xs) for (const v of [x, -x]) {
    const got = printed(v);
    if (got !== String(v) && bad.length < 10) bad.push(`${String(v)}: module ${got}`);
  }
  expect(bad).toEqual([]);
}

describe("number printer, short-digits path: String(x) as V8 prints it", () => {
  it("decimals of 1 to 17 significant digits at every fixed-notation exponent", () => {
    const r = rng(1515);
    const xs: number[] = [];
    for (let digits = 1; digits <= 17; digits++) {
      for (let exp = -7; exp <= 15; exp++) {
        for (let k = 0; k < 40; k++) {
          let s = String(1 + Math.floor(r() * 9));
          for (let i = 1; i < digits; i++) s += String(Math.floor(r() * 10));
          xs.push(Number(`${s[0]}.${s.slice(1)}e${exp}`));
        }
      }
    }
    checkAll(xs);
  });

  it("powers of ten, their neighbours, and the bounds of fixed notation", () => {
    const xs: number[] = [];
    for (let k = -8; k <= 16; k++) {
      const p = Number(`1e${k}`);
      xs.push(p, ...neighbours(p), 9.5 * p, 0.95 * p, 9.999999999999999 * p, 1.000000000000001 * p);
    }
    xs.push(1e-6, 9.99999e-7, 1e15 - 0.5, 999999999999999.9, 0.1 + 0.2, 1 / 3, 2 / 3, Math.PI, Math.E);
    checkAll(xs.filter((x) => !Number.isInteger(x)));
  });

  it("sums and quotients of short decimals (binary noise)", () => {
    const r = rng(42);
    const xs: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const p = Math.round(r() * 6000) / 100;
      const t = Math.round(600 + r() * 1600) / 10;
      xs.push(p + 4.00001, p / 4, (t * 69) / 31, p * 1.1, t - 32, p / 3, p + t);
    }
    checkAll(xs.filter((x) => !Number.isInteger(x) && x !== 0));
  });

  it("the point after each of 1 to 16 integer digits, digit counts either side of 8 (one or two digit blocks), lone-digit mantissas", () => {
    const r = rng(1717);
    const digits = (k: number) => {
      let s = String(1 + Math.floor(r() * 9));
      for (let i = 1; i < k; i++) s += String(Math.floor(r() * 10));
      return s;
    };
    const xs: number[] = [];
    for (let p = 1; p <= 16; p++) {
      for (let k = Math.max(p + 1, 7); k <= 17; k++) {
        for (let i = 0; i < 30; i++) {
          const s = digits(k);
          const x = Number(`${s.slice(0, p)}.${s.slice(p)}`);
          xs.push(x, ...neighbours(x));
        }
      }
    }
    for (let e = -7; e <= 8; e++) for (const k of [7, 8, 9, 10]) for (let i = 0; i < 30; i++) xs.push(Number(`${digits(k)}e${e - k + 1}`));
    for (let d = 1; d <= 9; d++) xs.push(d * 1e-7, d * 1e-20, d * 1e21, d * 1e300, d * 1e-300, d * 5e-324);
    checkAll(xs.filter((x) => !Number.isInteger(x) || x >= 1e21));
  });
});
