// Number.prototype.toFixed with V8's exact results (V8 DoubleToFixedCString):
// the exact decimal expansion of the double, cut at `digits` fraction digits and
// rounded half up on the exact value; |x| >= 1e21 prints as String(x); a
// negative x keeps its sign even when it rounds to zero ("-0.00"), -0 does not.
// A double is m * 2^e exactly, so the integer part is m's digits doubled e
// times and each fraction digit is the top of (fraction * 10) in a fixed-point
// big integer of up to 1074 fraction bits. Allocation-free.

import { Char } from "./chars";
import { formatNumber } from "./shortest";

/** Longest toFixed output: "-" + 21 integer digits + "." + 100 digits. */
export const FIXED_MAX_UNITS: i32 = 124;

const MAX_DIGITS: i32 = 128;
const digitBuf = memory.data(MAX_DIGITS);   // digit values, integer then fraction
const LIMBS: i32 = 36;                      // 32-bit limbs: 1074 + 4 bits < 36 * 32
const limbs = memory.data(LIMBS << 2);

// @ts-ignore: decorator
@inline function limb(i: i32): u32 { return load<u32>(limbs + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setLimb(i: i32, v: u32): void { store<u32>(limbs + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function digitAt(i: i32): u32 { return <u32>load<u8>(digitBuf + <usize>i); }
// @ts-ignore: decorator
@inline function setDigit(i: i32, v: u32): void { store<u8>(digitBuf + <usize>i, <u8>v); }

/** Decimal digits of m * 2^e (e in [0, 17]) at digitBuf; returns the count. */
function integerDigits(m: u64, e: i32): i32 {
  // Digits of m, most significant first.
  let n = 0;
  let t = m;
  do { n++; t /= 10; } while (t != 0);
  t = m;
  for (let i = n - 1; i >= 0; i--) { setDigit(i, <u32>(t % 10)); t /= 10; }
  if (e == 0) return n;
  // Multiply the digit string by 2^e, least significant digit first.
  let carry: u64 = 0;
  for (let i = n - 1; i >= 0; i--) {
    const v = ((<u64>digitAt(i)) << <u64>e) + carry;
    setDigit(i, <u32>(v % 10));
    carry = v / 10;
  }
  let extra = 0;
  for (t = carry; t != 0; t /= 10) extra++;
  if (extra > 0) {
    memory.copy(digitBuf + <usize>extra, digitBuf, <usize>n);
    for (let i = extra - 1; i >= 0; i--) { setDigit(i, <u32>(carry % 10)); carry /= 10; }
  }
  return n + extra;
}

/**
 * `count` fraction digits of frac / 2^k (frac < 2^k, k in [1, 1074]) appended
 * at digitBuf[at..]; returns the digit after them (for rounding).
 */
function fractionDigits(frac: u64, k: i32, at: i32, count: i32): u32 {
  if (k <= 60) {
    const mask = ((<u64>1) << <u64>k) - 1;
    for (let i = 0; i < count; i++) {
      frac *= 10;
      setDigit(at + i, <u32>(frac >> <u64>k));
      frac &= mask;
    }
    return <u32>((frac * 10) >> <u64>k);
  }
  const n = (k >> 5) + 2; // limbs in use: k fraction bits plus the digit above
  for (let i = 0; i < n; i++) setLimb(i, 0);
  setLimb(0, <u32>frac);
  setLimb(1, <u32>(frac >> 32));
  const top = k >> 5, off = <u64>(k & 31);
  let next: u32 = 0;
  for (let i = 0; i <= count; i++) {
    let carry: u64 = 0;
    for (let j = 0; j < n; j++) {
      const v = <u64>limb(j) * 10 + carry;
      setLimb(j, <u32>v);
      carry = v >> 32;
    }
    // The integer part (< 10) sits at bit k: limb `top` and maybe the next one.
    const window = (<u64>limb(top + 1) << 32) | <u64>limb(top);
    const d = <u32>(window >> off);
    setLimb(top, <u32>(window & (((<u64>1) << off) - 1)));
    setLimb(top + 1, 0);
    if (i < count) setDigit(at + i, d);
    else next = d;
  }
  return next;
}

/** x.toFixed(digits) as UTF-16 at `buf` (room for FIXED_MAX_UNITS); digits in [0, 100]. */
export function formatFixed(buf: usize, x: f64, digits: i32): i32 {
  if (x != x) {
    store<u64>(buf, 0x004e0061004e); // "NaN"
    return 3;
  }
  const neg = x < 0;
  const a = Math.abs(x);
  if (a >= 1e21) return formatNumber(buf, x); // also ±Infinity

  const bits = reinterpret<u64>(a);
  const be = <i32>(bits >> 52);
  let m = bits & 0x000fffffffffffff;
  let e: i32;
  if (be == 0) e = -1074;
  else { m |= (<u64>1) << 52; e = be - 1075; }

  let intLen: i32;
  let next: u32 = 0;
  if (e >= 0) {
    intLen = integerDigits(m, e);
    for (let i = 0; i < digits; i++) setDigit(intLen + i, 0);
  } else {
    const k = -e;
    const intPart = k >= 64 ? <u64>0 : m >> <u64>k;
    const frac = k >= 64 ? m : m & (((<u64>1) << <u64>k) - 1);
    intLen = integerDigits(intPart, 0);
    next = fractionDigits(frac, k, intLen, digits);
  }
  let total = intLen + digits;
  // Round half up: the digit after the last one kept decides.
  if (next >= 5) {
    let i = total - 1;
    while (i >= 0 && digitAt(i) == 9) { setDigit(i, 0); i--; }
    if (i >= 0) {
      setDigit(i, digitAt(i) + 1);
    } else {
      memory.copy(digitBuf + 1, digitBuf, <usize>total);
      setDigit(0, 1);
      intLen++;
      total++;
    }
  }
  let out = buf;
  if (neg) { store<u16>(out, Char.MINUS); out += 2; }
  for (let i = 0; i < intLen; i++) { store<u16>(out, <u16>(Char._0 + digitAt(i))); out += 2; }
  if (digits > 0) {
    store<u16>(out, Char.DOT);
    out += 2;
    for (let i = intLen; i < total; i++) { store<u16>(out, <u16>(Char._0 + digitAt(i))); out += 2; }
  }
  return <i32>((out - buf) >> 1);
}
