// Text -> number (assembly/num/parse.ts) against V8: JSON.parse for JSON
// numbers, Number() / parseFloat / parseInt for the UTF-16 conversions.
// Random inputs use fixed seeds; every comparison uses Object.is (so -0 and NaN count).
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { rng as familyRng, decimalAt } from "../diff/numbers.mjs";
import { mulberry32 as rng } from "../wasm/rng";

const m = loadTestModule("num");
const e = m.exports;
const BUF_BYTES = 1 << 21;
const buf: number = e.alloc(BUF_BYTES);

/** scanJsonNumber on the UTF-8 of s: [bytes consumed or -1, value]. */
function scanJson(s: string): [number, number] {
  const b = Buffer.from(s, "utf8");
  m.bytes().set(b, buf);
  const n = e.jsonNumber(buf, b.length);
  return [n, e.jsonNumberValue()];
}
function put16(s: string): number {
  const v = new Uint16Array(e.memory.buffer, buf, s.length);
  for (let i = 0; i < s.length; i++) v[i] = s.charCodeAt(i);
  return s.length;
}
const toNumber = (s: string): number => e.toNumber(buf, put16(s));
const parseFloat16 = (s: string): number => e.parseFloat16(buf, put16(s));
const parseInt16 = (s: string, r: number): number => e.parseInt16(buf, put16(s), r);

function expectSame(got: number, want: number, input: string): void {
  if (!Object.is(got, want)) expect.fail(`${JSON.stringify(input)}: got ${got}, V8 ${want}`);
}

function digits(r: () => number, n: number, first19 = true): string {
  let s = first19 ? String(1 + Math.floor(r() * 9)) : String(Math.floor(r() * 10));
  for (let i = 1; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
}

/** Exact decimal text of a finite double (BigInt arithmetic). */
function exactDecimal(x: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const bits = dv.getBigUint64(0);
  let mant = bits & ((1n << 52n) - 1n);
  let exp = Number((bits >> 52n) & 0x7ffn);
  if (exp === 0) exp = 1; else mant |= 1n << 52n;
  exp -= 1075;
  if (exp >= 0) return (mant << BigInt(exp)).toString();
  const scaled = mant * 5n ** BigInt(-exp); // mant / 2^-exp = mant * 5^-exp / 10^-exp
  const s = scaled.toString().padStart(-exp + 1, "0");
  return `${s.slice(0, s.length + exp)}.${s.slice(s.length + exp)}`;
}
/** Exact decimal of the midpoint between x and the next double up (x > 0 finite). */
function midpointDecimal(x: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const next = new DataView(new ArrayBuffer(8));
  next.setBigUint64(0, dv.getBigUint64(0) + 1n);
  // (a + b) / 2 exactly: both have exact decimal expansions; add as scaled BigInts.
  const [a, b] = [exactDecimal(x), exactDecimal(next.getFloat64(0))];
  const frac = Math.max((a.split(".")[1] ?? "").length, (b.split(".")[1] ?? "").length) + 1;
  const scale = (s: string): bigint => {
    const [i, f = ""] = s.split(".");
    return BigInt(i + f.padEnd(frac, "0"));
  };
  const sum = (scale(a) + scale(b)) * 5n; // (a+b)/2 with one more decimal place
  const t = sum.toString().padStart(frac + 2, "0");
  return `${t.slice(0, t.length - frac - 1)}.${t.slice(t.length - frac - 1)}`.replace(/\.?0+$/, "") || "0";
}

function randomDouble(r: () => number): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setUint32(0, Math.floor(r() * 2 ** 32));
  dv.setUint32(4, Math.floor(r() * 2 ** 32));
  return dv.getFloat64(0);
}

describe("scanJsonNumber", () => {
  it("matches JSON.parse on hand-picked edge cases", () => {
    const cases = [
      "0", "-0", "0.0", "-0.0", "0e0", "0E+5", "-0e-999999999", "1", "-1", "1.5", "0.1", "0.3",
      "9007199254740992", "9007199254740993", "9007199254740995", "18446744073709551615",
      "18446744073709551616", "123456789012345678901234567890", "1e22", "1e23", "8.98846567431158e307",
      "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "2e308",
      "1e-400", "1e99999", "1e-99999", "1e999999999999999999999", "-1e999999999999999999999",
      "5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
      "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
      "4.4501477170144023e-308", "0.000000000000000000000000000000000000000001",
      "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126",
      "9.999999999999999e22", "2.225073858507201136057409796709131975934819546351645648e-308",
      "0." + "0".repeat(400) + "1e400", "1" + "0".repeat(500) + "e-500",
      "1" + "0".repeat(900) + "e-900", "0." + "0".repeat(5000) + "1e5001",
    ];
    for (const s of cases) {
      const [n, v] = scanJson(s);
      expect(n, s).toBe(Buffer.byteLength(s));
      expectSame(v, JSON.parse(s), s);
    }
  });

  it("accepts exactly the JSON number grammar (longest valid prefix, else -1)", () => {
    const cases: [string, number][] = [
      ["01", 1], ["-01", 2], ["1.", -1], [".5", -1], ["-", -1], ["+1", -1], ["1e", -1],
      ["1e+", -1], ["1E-x", -1], ["1.e5", -1], ["-.5", -1], ["1.5.3", 3], ["12,", 2], ["1ee5", -1],
      ["0x10", 1], ["Infinity", -1], ["-Infinity", -1], ["NaN", -1], ["", -1], [" 1", -1],
      ["1.5e3]", 5], ["00", 1], ["-0.0e-0}", 7],
    ];
    for (const [s, want] of cases) expect(scanJson(s)[0], s).toBe(want);
  });

  it("matches JSON.parse on 50,000 random decimals (17+ digits, extreme exponents, subnormals)", () => {
    const r = rng(0x5eed);
    for (let i = 0; i < 50000; i++) {
      const kind = i % 6;
      let s: string;
      if (kind === 0) {
        s = `${digits(r, 17)}e${Math.floor(r() * 660) - 340}`;
      } else if (kind === 1) {
        const d = digits(r, 1 + Math.floor(r() * 30));
        const dot = Math.floor(r() * d.length);
        s = `${dot === 0 ? d : d.slice(0, dot) + "." + d.slice(dot)}e${Math.floor(r() * 40) - 20}`;
        if (d.length > 1 && dot > 0 && r() < 0.3) s = "0." + d; // fraction-only form
      } else if (kind === 2) {
        s = `${digits(r, 16 + Math.floor(r() * 10))}e${-340 - Math.floor(r() * 30)}`; // subnormal range
      } else if (kind === 3) {
        s = `${digits(r, 1 + Math.floor(r() * 19))}e${290 + Math.floor(r() * 30)}`; // near overflow
      } else if (kind === 4) {
        s = String(Math.abs(randomDouble(r))); // shortest round-trip forms of random doubles
        if (!/^-?\d/.test(s)) continue; // NaN / Infinity are not JSON
        s = s.replace("e+", "e");
      } else {
        s = `${Math.floor(r() * 1e6)}.${digits(r, 1 + Math.floor(r() * 8), false)}`;
      }
      if (r() < 0.5) s = "-" + s;
      const [n, v] = scanJson(s);
      if (n !== s.length) expect.fail(`${s}: consumed ${n}`);
      expectSame(v, JSON.parse(s), s);
    }
  });

  it("rounds exact and perturbed halfway points correctly (the slow path)", () => {
    const r = rng(42);
    for (let i = 0; i < 2000; i++) {
      const kind = i % 4;
      let x = Math.abs(randomDouble(r));
      if (!Number.isFinite(x) || x === 0) continue;
      if (kind === 1) x = x % 1e-300 || 5e-324; // subnormal / tiny region
      if (kind === 2) x = Math.floor(r() * 2 ** 53) * 2 ** Math.floor(r() * 20); // big integers
      if (x >= Number.MAX_VALUE) continue;
      const mid = midpointDecimal(x);
      const below = mid.includes(".") ? mid.replace(/(\d)$/, (d) => String(Number(d) - 1)) + "9" : mid;
      const above = mid.includes(".") ? mid + "000001" : mid + ".000001";
      for (const s of [mid, above, below]) {
        const [n, v] = scanJson(s);
        if (n !== s.length) expect.fail(`${s}: consumed ${n}`);
        expectSame(v, JSON.parse(s), s);
      }
    }
  });
});

describe("scanJsonNumber on every decimal family (scripts/numbers-in.mjs runs millions)", () => {
  it("matches JSON.parse on 20,000 texts: long digit strings, exponents at the limits, subnormals, -0, big integers, halfway points, zero runs", () => {
    const r = familyRng(77);
    for (let i = 0; i < 20000; i++) {
      const s = decimalAt(r, i);
      const [n, v] = scanJson(s);
      if (n !== Buffer.byteLength(s)) expect.fail(`${s}: consumed ${n}`);
      expectSame(v, JSON.parse(s), s);
    }
  });
});

describe("stringToNumber (Number(string))", () => {
  it("matches Number() on hand-picked strings", () => {
    const cases = [
      "", " ", "\t\n\v\f\r \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff", "\u180e1",
      "12", " 12 ", "\u00a012\ufeff", "+12", "-12", "- 12", "1 2", "0x1F", "0X1f", "0x", "0x1g",
      "-0x10", "+0x10", "0b101", "0B2", "0o17", "0o8", "0o", "0b", " 0x10 ", "0x" + "f".repeat(300),
      "0b" + "1".repeat(60), "0x20000000000001", "0x20000000000003", "0x20000000000001000001",
      ".5", "5.", ".", "+.5", "-.5e3", "1e", "1e+", "1e5", "1E-5", "1e+5x", "Infinity",
      "+Infinity", "-Infinity", " Infinity ", "infinity", "Infinityx", "INFINITY", "NaN", "-0",
      "+0", "00012", "1_000", "1,5", "1.5.3", "0.0000001", "123456789012345678901234567890",
      "1e400", "-1e400", "1e-400", "\u0661", "５", "1n", "0.1e-0", "e5", "-", "+", "--1",
    ];
    for (const s of cases) expectSame(toNumber(s), Number(s), s);
  });

  it("matches Number() on 20,000 random strings built from number-like pieces", () => {
    const pieces = [
      "0", "1", "9", "12", "007", ".", ".5", "5.", "e", "E", "e+", "e-", "e10", "-", "+", " ",
      "\u00a0", "\u2028", "\ufeff", "x", "0x", "0b", "0o", "f", "a", "Infinity", "1e308", "e-330", "_",
      "123456789", "00000000000000000000", "99999999999999999999",
    ];
    const r = rng(7);
    for (let i = 0; i < 20000; i++) {
      let s = "";
      const n = 1 + Math.floor(r() * 6);
      for (let j = 0; j < n; j++) s += pieces[Math.floor(r() * pieces.length)];
      expectSame(toNumber(s), Number(s), s);
    }
  });
});

describe("parseFloatJs", () => {
  it("matches parseFloat on hand-picked strings", () => {
    const cases = [
      "", " ", "1", " 1.5abc", "1e", "1e+", "1e-5x", "1.5.3", ".5", "5.", ".", "-.", "-.5", "+.5",
      "Infinity", "-Infinityx", "Infinit", "+Infinity1", "0x10", "1_0", "\u20281", "\ufeff-0",
      "-0", "00.25", "1e1000", "-1e-1000", "abc", "e5", "--1", "+-1",
      "123456789012345678901234567890.123456789e-10",
    ];
    for (const s of cases) expectSame(parseFloat16(s), parseFloat(s), s);
  });

  it("matches parseFloat on 20,000 random strings", () => {
    const pieces = ["0", "1", "7", "31", ".", "e", "E", "+", "-", " ", "\t", "x", "Infinity", "e-3", "9".repeat(20), "a"];
    const r = rng(8);
    for (let i = 0; i < 20000; i++) {
      let s = "";
      const n = 1 + Math.floor(r() * 6);
      for (let j = 0; j < n; j++) s += pieces[Math.floor(r() * pieces.length)];
      expectSame(parseFloat16(s), parseFloat(s), s);
    }
  });
});

describe("parseIntJs", () => {
  it("matches parseInt on hand-picked strings and radixes", () => {
    const cases: [string, number][] = [
      ["", 0], ["  42  ", 0], ["-42", 0], ["+42", 0], ["-0", 0], ["-0", 10], ["0", 0], ["-", 0],
      ["+", 0], ["0x", 0], ["0x", 16], ["0x1f", 0], ["0X1F", 16], ["-0x1f", 0], ["0x1f", 10],
      ["0x1f", 15], ["0x1f", 17], ["0b11", 0], ["0b11", 2], ["0o17", 0], ["012", 0], ["08", 0],
      ["1e3", 0], ["1.9", 0], ["-1.9", 0], ["zz", 36], ["ZZ", 36], ["10", 1], ["10", 37], ["10", -1],
      ["10", 2], ["2", 2], ["abc", 0], ["0abc", 0], ["-0abc", 0], ["00000", 0], ["-000", 16],
      ["9007199254740993", 0], ["9007199254740995", 10], ["123456789012345678901234567890", 0],
      ["1".repeat(400), 10], ["1".repeat(400), 2], ["f".repeat(300), 16], ["z".repeat(300), 36],
      ["1" + "0".repeat(53), 2], ["1" + "0".repeat(52) + "1", 2], ["1" + "0".repeat(52) + "11", 2],
      ["20000000000001", 16], ["20000000000003", 16], ["200000000000010", 16], ["200000000000008", 16],
      ["200000000000018", 16], ["2000000000000080001", 16], ["\u00a0\ufeff12", 0], ["1_2", 0],
      ["123456789abcdefghijklmnop", 26], ["18446744073709551617", 7], ["zzzzzzzzzzzzzzzzzzzz", 35],
    ];
    for (const [s, radix] of cases) expectSame(parseInt16(s, radix), parseInt(s, radix), `${s} radix ${radix}`);
  });

  it("matches parseInt on 20,000 random digit strings in every radix", () => {
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCXYZ";
    const r = rng(9);
    for (let i = 0; i < 20000; i++) {
      const radix = i % 40 === 0 ? 0 : 2 + (i % 35);
      const len = 1 + Math.floor(r() * (i % 3 === 0 ? 80 : 20));
      let s = r() < 0.2 ? "-" : "";
      if (r() < 0.1) s += "0x";
      for (let j = 0; j < len; j++) {
        // Mostly valid digits of the radix, sometimes any character.
        const lim = r() < 0.95 ? Math.max(radix, 10) : alphabet.length;
        s += alphabet[Math.floor(r() * lim)];
      }
      expectSame(parseInt16(s, radix), parseInt(s, radix), `${s} radix ${radix}`);
    }
  });
});

describe("allocation", () => {
  it("parsing never grows the heap", () => {
    scanJson("1.5");
    const top = e.heapTop(); // each heapTop call itself takes one empty block
    for (const s of ["1e-400", "2.4703282292062328e-324", "123456789012345678901234567890"]) {
      scanJson(s);
      toNumber(s);
      parseFloat16(s);
      parseInt16(s, 7);
    }
    const after = e.heapTop();
    expect(after - top).toBe(e.heapTop() - after);
  });
});
