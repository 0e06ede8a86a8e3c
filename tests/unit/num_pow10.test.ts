// The one 128-bit powers-of-ten table (assembly/num/pow10.ts) against BigInt:
// every entry as the parser (Eisel–Lemire) and the printer (dtoa.ts, vendored
// xjb-as) load it, and the printer's ASCII output and buffer bound.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { rng, doubleAt } from "../diff/numbers.mjs";

const m = loadTestModule("num");
const e = m.exports;
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const MASK = (1n << 64n) - 1n;

/** 10^k's 128-bit mantissa, top bit set, truncated: Go strconv's detailedPowersOfTen (the formula of tables.ts). */
function truncated(k: number): bigint {
  const five = 5n ** BigInt(Math.abs(k));
  const bl = five.toString(2).length;
  if (k >= 0) return bl > 128 ? five >> BigInt(bl - 128) : five << BigInt(128 - bl);
  const q = (1n << BigInt(127 + bl)) / five;
  return q >= 1n << 128n ? (1n << BigInt(126 + bl)) / five : q;
}

// xjb64's power index for every finite double (the three paths of dtoa.ts).
function xjbRange(): [number, number] {
  let lo = Infinity, hi = -Infinity;
  const see = (p: number): void => { lo = Math.min(lo, p); hi = Math.max(hi, p); };
  for (let raw = 1; raw <= 2046; raw++) {
    const q = raw - 1075;
    see(-Math.floor((q * 78913) / 2 ** 18) - 1);
    see(-Math.floor((q * 315653 - 131072) / 2 ** 20) - 1);
  }
  see(-Math.floor((-1074 * 315653) / 2 ** 20) - 1);
  return [lo, hi];
}

// Exponents where Lemire can give a normal double for a mantissa 1 <= m < 2^64;
// outside, it declines (subnormal, zero or infinity) whatever the table says.
function lemireRange(): [number, number] {
  const maxMan = (1n << 64n) - 1n;
  let lo = 0;
  while (maxMan * 2n ** 1022n >= 10n ** BigInt(-(lo - 1))) lo--; // m * 10^lo >= 2^-1022
  let hi = 0;
  while (10n ** BigInt(hi + 1) < 2n ** 1024n) hi++;               // 10^hi below 2^1024
  return [lo, hi];
}

describe("shared powers-of-ten table", () => {
  const min: number = e.pow10MinExp();
  const max: number = e.pow10MaxExp();

  it("covers every power both users can use", () => {
    const [xLo, xHi] = xjbRange();
    const [lLo, lHi] = lemireRange();
    expect(xLo).toBeGreaterThanOrEqual(min);
    expect(xHi).toBeLessThanOrEqual(max);
    expect(lLo).toBeGreaterThanOrEqual(min);
    expect(lHi).toBeLessThanOrEqual(max);
  });

  it("Eisel–Lemire loads Go's truncated 10^e for every e in the table", () => {
    for (let k = min; k <= max; k++) {
      const hi = u64(e.pow10Hi(k));
      const lo = u64(e.pow10LoLast());
      const want = truncated(k);
      if (hi !== want >> 64n || lo !== (want & MASK)) {
        expect.fail(`1e${k}: got ${hi.toString(16)} ${lo.toString(16)}, want ${want.toString(16)}`);
      }
    }
  });

  it("the printer loads xjb-as's 10^p (low limb + 1 below 10^0) for every p it uses", () => {
    const [xLo, xHi] = xjbRange();
    for (let p = xLo; p <= xHi; p++) {
      const hi = u64(e.xjbHi(p));
      const lo = u64(e.xjbLoLast());
      const t = truncated(p);
      const want = (t & MASK) + (p < 0 ? 1n : 0n);
      if (hi !== t >> 64n || lo !== (want & MASK)) expect.fail(`1e${p}: got ${hi.toString(16)} ${lo.toString(16)}`);
    }
  });

  it("the formula is xjb-as 0.1.0's POW10_TABLE (rows copied from assembly/xjb.ts)", () => {
    const rows: [number, bigint, bigint][] = [
      [-293, 0xcc5fc196fefd7d0cn, 0x1e53ed49a96272c8n],
      [-292, 0xff77b1fcbebcdc4fn, 0x25e8e89c13bb0f7an],
      [-289, 0xf97ae3d0d2446f25n, 0x4b0573286b44ad1dn],
      [-100, 0xdff9772470297ebdn, 0x59787e2b93bc56f7n],
      [-2, 0xa3d70a3d70a3d70an, 0x3d70a3d70a3d70a3n],
      [-1, 0xccccccccccccccccn, 0xccccccccccccccccn],
      [0, 0x8000000000000000n, 0x0000000000000000n],
      [1, 0xa000000000000000n, 0x0000000000000000n],
      [27, 0xcecb8f27f4200f3an, 0x0000000000000000n],
      [28, 0x813f3978f8940984n, 0x4000000000000000n],
      [55, 0xd0cf4b50cfe20765n, 0xfff4b4e3f741cf6dn],
      [56, 0x82818f1281ed449fn, 0xbff8f10e7a8921a4n],
      [100, 0x924d692ca61be758n, 0x593c2626705f9c56n],
      [200, 0xa738c6bebb12d16cn, 0xb428f8ac016561dbn],
      [308, 0x8e679c2f5e44ff8fn, 0x570f09eaa7ea7648n],
      [323, 0xfcf62c1dee382c42n, 0x46729e03dd9ed7b5n],
      [324, 0x9e19db92b4e31ba9n, 0x6c07a2c26a8346d1n],
    ];
    for (const [p, hi, lo] of rows) expect(truncated(p), `1e${p}`).toBe((hi << 64n) | lo);
  });
});

describe("ASCII printing (formatNumberAscii)", () => {
  const buf: number = e.alloc(256);
  const room: number = e.numberMaxUnits();

  it("matches String(x) and writes nothing past NUMBER_MAX_UNITS bytes (or units for UTF-16)", () => {
    const r = rng(77);
    const xs = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e21, 1e-7, -1.2345678901234567e-308, 123456789012345680000,
      -0.000001234567890123456, 1.7976931348623157e308, -(2 ** 53) - 2, 0.1, 1e16, 2 ** 53 + 2];
    for (let i = 0; i < 60000; i++) xs.push(doubleAt(r, i));
    for (const x of xs) {
      m.bytes().fill(0xa5, buf, buf + 256);
      const n = e.formatAscii(buf, x);
      const bytes = m.bytes();
      const got = Buffer.from(bytes.subarray(buf, buf + n)).toString("latin1");
      if (got !== String(x)) expect.fail(`${x}: got ${got}`);
      if (bytes.subarray(buf + room, buf + 256).some((b) => b !== 0xa5)) expect.fail(`${x}: wrote past ${room} bytes`);
      m.bytes().fill(0xa5, buf, buf + 256);
      e.format(buf, x);
      if (m.bytes().subarray(buf + 2 * room, buf + 256).some((b) => b !== 0xa5)) expect.fail(`${x}: wrote past ${room} units`);
    }
  });
});
