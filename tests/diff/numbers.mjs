// Number families for the number-printing and number-parsing checks (tests
// and scripts): doubles by bit-pattern family, and decimal texts by the kind
// of input that breaks naive parsers. Deterministic per seed.

/** xorshift32: a float in [0, 1). */
export function rng(seed) {
  let s = (seed >>> 0) || 0x2545f491;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

const dv = new DataView(new ArrayBuffer(8));
const fromBits = (hi, lo) => { dv.setUint32(0, hi >>> 0); dv.setUint32(4, lo >>> 0); return dv.getFloat64(0); };
/** `x` moved by `k` ulps (by its bit pattern; may cross into another binade or to ±Infinity). */
export function nudge(x, k) {
  dv.setFloat64(0, x);
  dv.setBigInt64(0, dv.getBigInt64(0) + BigInt(k));
  return dv.getFloat64(0);
}
const int = (r, n) => Math.floor(r() * n);

const BOUNDARIES = [
  5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, 1e21, 1e-7, 1e-6, 2 ** 53, 2 ** 31,
  2 ** 32, 2 ** 63, 2 ** 64, 0.5, 1, 1.5, 0.1, 1e15, 1e16, 1e17, 9007199254740993, 4294967295, 1e300, 1e-300, 2 ** -1022,
  2 ** -1023, 123e-20, 999999999999999900000, 0.000001, 1e20,
];

/** Doubles by family; `family` cycles with the index so every run covers all of them. */
export const DOUBLE_FAMILIES = {
  bits: (r) => fromBits(r() * 2 ** 32, r() * 2 ** 32),
  integers: (r) => (r() < 0.5 ? -1 : 1) * Math.floor(r() * 2 ** int(r, 80)),
  powersOfTen: (r) => nudge(Number(`1e${int(r, 634) - 325}`), int(r, 7) - 3) * (r() < 0.5 ? -1 : 1),
  subnormals: (r) => fromBits((r() < 0.5 ? 0x80000000 : 0) | int(r, 0x100000), r() * 2 ** 32),
  boundaries: (r) => nudge(BOUNDARIES[int(r, BOUNDARIES.length)], int(r, 9) - 4) * (r() < 0.5 ? -1 : 1),
  decimals: (r) => Math.round((r() - 0.5) * 10 ** int(r, 12)) / 10 ** int(r, 8),
  anyExponent: (r) => (r() - 0.5) * 2 ** (int(r, 2100) - 1075),
};
const DOUBLE_NAMES = Object.keys(DOUBLE_FAMILIES);

/** The i-th double of a run. */
export function doubleAt(r, i) {
  return DOUBLE_FAMILIES[DOUBLE_NAMES[i % DOUBLE_NAMES.length]](r);
}

const digits = (r, n, lead = true) => {
  let s = lead ? String(1 + int(r, 9)) : String(int(r, 10));
  for (let i = 1; i < n; i++) s += String(int(r, 10));
  return s;
};

/** Exact decimal text of a finite positive double. */
export function exactDecimal(x) {
  dv.setFloat64(0, x);
  const b = dv.getBigUint64(0);
  let mant = b & ((1n << 52n) - 1n);
  let exp = Number((b >> 52n) & 0x7ffn);
  if (exp === 0) exp = 1; else mant |= 1n << 52n;
  exp -= 1075;
  if (exp >= 0) return (mant << BigInt(exp)).toString();
  const t = (mant * 5n ** BigInt(-exp)).toString().padStart(-exp + 1, "0");
  return `${t.slice(0, t.length + exp)}.${t.slice(t.length + exp)}`;
}

/** Exact decimal of the midpoint between positive finite x and the next double up. */
export function midpoint(x) {
  const [a, b] = [exactDecimal(x), exactDecimal(nudge(x, 1))];
  const frac = Math.max((a.split(".")[1] ?? "").length, (b.split(".")[1] ?? "").length) + 1;
  const scale = (s) => { const [i, f = ""] = s.split("."); return BigInt(i + f.padEnd(frac, "0")); };
  const t = ((scale(a) + scale(b)) * 5n).toString().padStart(frac + 2, "0");
  return `${t.slice(0, t.length - frac - 1)}.${t.slice(t.length - frac - 1)}`.replace(/\.?0+$/, "") || "0";
}

/** JSON number texts by family. */
export const DECIMAL_FAMILIES = {
  long: (r) => `${digits(r, 17 + int(r, 24))}e${int(r, 660) - 345}`,
  fraction: (r) => { const d = digits(r, 1 + int(r, 30)); const k = 1 + int(r, d.length); return `${d.slice(0, k)}.${d.slice(k) || "0"}`; },
  nearMax: (r) => `${digits(r, 1 + int(r, 20))}e${290 + int(r, 30)}`,
  nearMin: (r) => `${digits(r, 1 + int(r, 25))}e-${300 + int(r, 50)}`,
  subnormal: (r) => exactOrShort(DOUBLE_FAMILIES.subnormals(r), r),
  negativeZero: (r) => ["-0", "-0.0", "-0e5", "-0.000e-7", "-0E+0", "0", "0.0e0", "-0.0000000000000000000000001e-400"][int(r, 8)],
  bigIntegers: (r) => digits(r, 16 + int(r, 20)),
  halfway: (r) => {
    const x = Math.abs(DOUBLE_FAMILIES.bits(r));
    if (!Number.isFinite(x) || x === 0 || x >= 1.7976931348623157e308) return "1";
    const m = midpoint(x);
    const k = int(r, 3);
    // Exactly halfway, just above, just below (the trimmed midpoint ends in a non-zero digit).
    if (k === 0 || !m.includes(".")) return k === 1 ? m + (m.includes(".") ? "0001" : ".0001") : m;
    return k === 1 ? m + "0001" : m.slice(0, -1) + String(Number(m.at(-1)) - 1) + "9999";
  },
  shortest: (r) => String(Math.abs(DOUBLE_FAMILIES.bits(r))).replace("e+", "e"),
  zerosRun: (r) => (r() < 0.5 ? `0.${"0".repeat(int(r, 400))}${digits(r, 1 + int(r, 20))}e${int(r, 400)}` : `${digits(r, 1 + int(r, 5))}${"0".repeat(int(r, 400))}e-${int(r, 400)}`),
};
function exactOrShort(x, r) {
  const a = Math.abs(x);
  return r() < 0.5 ? String(a).replace("e+", "e") : exactDecimal(a);
}
const DECIMAL_NAMES = Object.keys(DECIMAL_FAMILIES);

/** The i-th decimal text of a run (a valid JSON number), with a sign half of the time. */
export function decimalAt(r, i) {
  let s = DECIMAL_FAMILIES[DECIMAL_NAMES[i % DECIMAL_NAMES.length]](r);
  if (!/^-?\d/.test(s)) s = "0";
  if (!s.startsWith("-") && r() < 0.5) s = "-" + s;
  return s;
}
