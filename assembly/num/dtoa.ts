// Shortest round-trip double -> text exactly as ECMAScript Number::toString
// (radix 10) prints it, as ASCII bytes. Nothing here allocates.
//
// Vendored from xjb-as 0.1.0 by Jairus Tanaka (https://github.com/JairusSW/xjb-as):
// its f64 path, assembly/dtoa.ts and the parts of assembly/xjb.ts it uses. xjb-as
// ports the xjb64 v2 shortest-decimal core of xjb (https://github.com/xjb714/xjb,
// Apache-2.0) and has parts from Żmij (https://github.com/vitaut/zmij, MIT).
// Licence "(MIT AND Apache-2.0)": LICENSE-xjb-as, LICENSE-xjb-as.Apache-2.0 and
// NOTICE-xjb-as beside this file.
//
// Changed from xjb-as: output is ASCII, not UTF-16 (an 8-digit block is one u64
// store); powers of ten come from the table shared with the parser (pow10.ts)
// instead of xjb-as's own table or anchors; f32 (ftoa), the SIMD kernel, the
// allocating dtoa() and dead branches are gone; every helper is @inline.
// Added here (issue 15): non-integers with at most 15 significant digits take
// their digits from shortfixed.ts instead of the xjb64 core, laid out by
// writeShortFixed; integers, NaN and Infinity are told apart by f64 compares
// before any bit fields; toBcd8 yields digits in memory order (no byte swap);
// the core's result is always 16 digits plus an optional 17th, so one layout
// without the extra-digit cases serves it.

import { pow10, pow10Row } from "./pow10";
import { shortExponent, shortSignificand } from "./shortfixed";

const DOUBLE_EXP_OFFSET = 1075; // exp_bias(1023) + num_sig_bits(52)
const EXTRA_SHIFT = 6;
const BIASED_HALF: u64 = ((<u64>1) << 63) + 6;
const DOUBLE_MAX_DIGITS10 = 17;
// Fixed notation when decExp (= decimal-point position - 1) is in [-6, 20].
const MIN_FIXED_DEC_EXP = -6;
const MAX_FIXED_DEC_EXP = 20;

const DIV10K_EXP = 40;
const DIV10K_SIG: u64 = ((<u64>1) << DIV10K_EXP) / 10000 + 1;
const DIV100_EXP = 19;
const DIV100_SIG: u64 = (1 << DIV100_EXP) / 100 + 1;
const DIV10_EXP = 10;
const DIV10_SIG: u64 = (1 << DIV10_EXP) / 10 + 1;
const ZEROS: u64 = 0x3030303030303030;
const ZERO_POINT_ZEROS: u64 = 0x3030303030302e30; // "0.000000"

const POW10_SMALL = memory.data<u64>([
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
  10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
]);

// "00".."99": one u16 store writes two ASCII digits (the pipeline's integer printer uses it too).
export const DIGIT_PAIRS = memory.data<u16>([
  0x3030, 0x3130, 0x3230, 0x3330, 0x3430, 0x3530, 0x3630, 0x3730, 0x3830, 0x3930,
  0x3031, 0x3131, 0x3231, 0x3331, 0x3431, 0x3531, 0x3631, 0x3731, 0x3831, 0x3931,
  0x3032, 0x3132, 0x3232, 0x3332, 0x3432, 0x3532, 0x3632, 0x3732, 0x3832, 0x3932,
  0x3033, 0x3133, 0x3233, 0x3333, 0x3433, 0x3533, 0x3633, 0x3733, 0x3833, 0x3933,
  0x3034, 0x3134, 0x3234, 0x3334, 0x3434, 0x3534, 0x3634, 0x3734, 0x3834, 0x3934,
  0x3035, 0x3135, 0x3235, 0x3335, 0x3435, 0x3535, 0x3635, 0x3735, 0x3835, 0x3935,
  0x3036, 0x3136, 0x3236, 0x3336, 0x3436, 0x3536, 0x3636, 0x3736, 0x3836, 0x3936,
  0x3037, 0x3137, 0x3237, 0x3337, 0x3437, 0x3537, 0x3637, 0x3737, 0x3837, 0x3937,
  0x3038, 0x3138, 0x3238, 0x3338, 0x3438, 0x3538, 0x3638, 0x3738, 0x3838, 0x3938,
  0x3039, 0x3139, 0x3239, 0x3339, 0x3439, 0x3539, 0x3639, 0x3739, 0x3839, 0x3939,
]);

// High 64 bits of the 128-bit product a * b.
// @ts-ignore: decorator
@inline function mulhi64(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32;
  const b0 = b & 0xffffffff, b1 = b >> 32;
  const w0 = a0 * b0;
  const t = a1 * b0 + (w0 >> 32);
  let w1 = t & 0xffffffff;
  const w2 = t >> 32;
  w1 = a0 * b1 + w1;
  return a1 * b1 + w2 + (w1 >> 32);
}

// (x * 10 + c) >> 64 with no 128-bit product: 10x + c = 16 * 10(x >> 4) +
// (10(x & 15) + c), so it is (10(x >> 4) + (10(x & 15) + c) / 16) >> 60,
// where nothing overflows (10(x >> 4) < 10 * 2^60).
// @ts-ignore: decorator
@inline function mul10AddHi64(x: u64, c: u64): u64 {
  return ((x >> 4) * 10 + (((x & 15) * 10 + c) >> 4)) >> 60;
}

/** xjb64's 10^power, power in [-293, 324]: the shared table's value, low limb + 1 for negative powers (xjb64 v2 rounds those up). Sets xjbPow10Lo. */
export let xjbPow10Lo: u64 = 0;
// @ts-ignore: decorator
@inline export function loadPow10Xjb64(power: i32): u64 {
  const row = pow10Row(power);
  xjbPow10Lo = xjbLo(row, power);
  return load<u64>(row);
}

// The low limb of xjb64's 10^power from its table row (read straight from the
// row in the printer: no global round trip).
// @ts-ignore: decorator
@inline function xjbLo(row: usize, power: i32): u64 { return load<u64>(row, 8) + u64(power < 0); }

// The decimal result: gSig (16 digits, or fewer before normalizeDoubleShortest)
// and a 17th digit, gLastDigit (0: none).
let gSig: i64 = 0;
let gExp: i32 = 0;
let gLastDigit: i32 = 0;

// `one` from xjb64: 10 rounds the digits up, 0 drops the last, else it is the last digit.
// @ts-ignore: decorator
@inline function setDecimalResult(integral: u64, one: u64, decExp: i32): void {
  const roundUp = one == 10;
  gSig = <i64>(integral + u64(roundUp));
  gLastDigit = roundUp ? 0 : <i32>one;
  gExp = decExp;
}

// Normal f64 -> shortest decimal; `regular` is false when the significand
// bits are zero (a power of two: the lower neighbour is closer).
// @ts-ignore: decorator
@inline function toDecimalDoubleNormal(binSig: u64, rawExp: i32, regular: bool): void {
  const c = binSig | ((<u64>1) << 52);
  const q = rawExp - DOUBLE_EXP_OFFSET;

  if (!regular) {
    const decExp = (q * 315653 - 131072) >> 20;
    const powExp = -decExp - 1;
    const h = q + ((powExp * 217707) >> 16);

    const pow10Hi = pow10(powExp); // the high half only: no +1 rule

    const integral = pow10Hi >> (11 - h);
    const halfUlp = pow10Hi >> (-h);
    const dotOne = pow10Hi << (53 + h);

    let one = ((((dotOne >> (53 + h)) * 5) + (((<u64>1) << (9 - h)))) >> (10 - h));
    one = ((((dotOne >> 54) * 5) & 0x1ff) > ((halfUlp >> 55) * 5))
      ? ((((dotOne >> 54) * 5) >> 9) + 1)
      : one;
    one = dotOne == ((<u64>1) << 62) ? 2 : one;
    one = (halfUlp >> 1) > dotOne ? 0 : one;
    one = halfUlp > ~(<u64>0) - dotOne ? 10 : one;

    setDecimalResult(integral, one, decExp);
    return;
  }

  const decExp = (q * 78913) >> 18;
  const powExp = -decExp - 1;
  const h = q + ((powExp * 217707) >> 16);
  const shift = h + 1 + EXTRA_SHIFT;

  const row = pow10Row(powExp);
  const pHi = load<u64>(row), pLo = xjbLo(row, powExp);
  const y = c << shift;

  const a = mulhi64(pHi, y);
  const plo64 = pHi * y;
  const lo = plo64 + mulhi64(pLo, y);
  const p_hi = a + u64(lo < plo64);

  const integral = p_hi >> EXTRA_SHIFT;
  const dotOne = (p_hi << (64 - EXTRA_SHIFT)) | (lo >> EXTRA_SHIFT);
  const halfUlp = (pHi >> (-h)) + <u64>(1 - (c & 1));

  let one = mul10AddHi64(dotOne, dotOne == ((<u64>1) << 62) ? 0 : BIASED_HALF);
  one = dotOne < halfUlp ? 0 : one;
  one = ~(<u64>0) - dotOne < halfUlp ? 10 : one;

  setDecimalResult(integral, one, decExp);
}

// Subnormal f64 (binary exponent -1074) -> shortest decimal.
// @ts-ignore: decorator
@inline function toDecimalDoubleSubnormal(binSig: u64): void {
  const decExp = (-1074 * 315653) >> 20; // floor(log10(2^-1074))
  const shift = -1074 + ((-(decExp + 1) * 217707) >> 16) + 1 + EXTRA_SHIFT;

  const row = pow10Row(-decExp - 1);
  const pHi = load<u64>(row), pLo = xjbLo(row, -decExp - 1);
  const y = binSig << shift;

  const a = mulhi64(pHi, y);
  const plo64 = pHi * y;
  const lo = plo64 + mulhi64(pLo, y);
  const p_hi = a + u64(lo < plo64);

  const integral = p_hi >> EXTRA_SHIFT;
  const dotOne = (p_hi << (64 - EXTRA_SHIFT)) | (lo >> EXTRA_SHIFT);
  const halfUlp = (pHi >> (EXTRA_SHIFT + 1 - shift)) + <u64>(1 - (binSig & 1));

  let one = mul10AddHi64(dotOne, BIASED_HALF);
  one = dotOne < halfUlp ? 0 : one;
  one = ~(<u64>0) - dotOne < halfUlp ? 10 : one;

  setDecimalResult(integral, one, decExp);
}

// @ts-ignore: decorator
@inline function decimalLen15(v: u64): i32 {
  if (v < 100000000) {
    if (v < 10000) {
      if (v < 100) return v < 10 ? 1 : 2;
      return v < 1000 ? 3 : 4;
    }
    if (v < 1000000) return v < 100000 ? 5 : 6;
    return v < 10000000 ? 7 : 8;
  }
  if (v < 1000000000000) {
    if (v < 10000000000) return v < 1000000000 ? 9 : 10;
    return v < 100000000000 ? 11 : 12;
  }
  if (v < 100000000000000) return v < 10000000000000 ? 13 : 14;
  return 15;
}

// @ts-ignore: decorator
@inline function decimalLen16(v: u64): i32 {
  return v < 1000000000000000 ? decimalLen15(v) : 16;
}

// An integer below 10^16, exactly; returns the end.
// @ts-ignore: decorator
@inline function writeUInt16(buf: usize, value: u64): usize {
  const end = buf + <usize>decimalLen16(value);
  let p = end;
  let v = value;
  while (v >= 100) {
    const q = v / 100;
    p -= 2;
    store<u16>(p, load<u16>(DIGIT_PAIRS + (<usize>(v - q * 100) << 1)));
    v = q;
  }
  if (v >= 10) store<u16>(buf, load<u16>(DIGIT_PAIRS + (<usize>v << 1)));
  else store<u8>(buf, 0x30 + <u32>v);
  return end;
}

// @ts-ignore: decorator
@inline function normalizeDoubleShortest(): void {
  const full = <u64>gSig * 10 + <u64>gLastDigit;
  if (full >= 1000000000000000) {
    gSig = <i64>full;
    --gExp;
    gLastDigit = 0;
    return;
  }
  const scale = 16 - decimalLen15(full);
  const mul = load<u64>(POW10_SMALL + (<usize>scale << 3));
  gSig = <i64>(full * mul);
  gExp -= scale + 1;
  gLastDigit = 0;
}

// value < 1e8 -> 8 BCD digits, the most significant in the low byte (so one
// little-endian store writes them in order). Each step halves every field: the
// quotient q by a divide-by-constant reciprocal stays in place and the
// remainder moves up by w bits, as (v << w) - q * (d << w - 1) in one go.
// @ts-ignore: decorator
@inline function toBcd8(abcdefgh: u64): u64 {
  const efgh_abcd = (abcdefgh << 32) - ((abcdefgh * DIV10K_SIG) >> DIV10K_EXP) * ((<u64>10000 << 32) - 1);
  const gh_ef_cd_ab = (efgh_abcd << 16)
    - (((efgh_abcd * DIV100_SIG) >> DIV100_EXP) & 0x7f0000007f) * ((<u64>100 << 16) - 1);
  return (gh_ef_cd_ab << 8) - (((gh_ef_cd_ab * DIV10_SIG) >> DIV10_EXP) & 0xf000f000f000f) * ((<u64>10 << 8) - 1);
}

// Digits of a toBcd8 result up to its last non-zero one (zero bytes at the top are trailing zeros).
// @ts-ignore: decorator
@inline function bcdLen(bcd: u64): i32 { return 8 - <i32>(clz<u64>(bcd) >> 3); }

// @ts-ignore: decorator
@inline function writeNaN(buf: usize): usize {
  store<u32>(buf, 0x4e614e); // "NaN" and a zero byte
  return buf + 3;
}

// @ts-ignore: decorator
@inline function writeInfinity(buf: usize): usize {
  store<u64>(buf, 0x7974696e69666e49); // "Infinity"
  return buf + 8;
}

// The 16 (or 17) significant digits as ASCII: the first 16 in dHi and dLo
// (first digit in the low byte of dHi), the 17th (or '0') in dLast; n counts
// them up to the last non-zero one. Three stores, 17 bytes.
// @ts-ignore: decorator
@inline function storeDigits17(at: usize, dHi: u64, dLo: u64, dLast: u32): void {
  store<u64>(at, dHi);
  store<u64>(at, dLo, 8);
  store<u8>(at, <u8>dLast, 16);
}

// n digits stored at buf, p < n <= p + 16 of them before the point: the last
// n - p move up one byte (loaded before they are stored over; a second word
// when there are more than 8) and '.' goes between. Whole-word moves through
// memory cost fewer operations than shifting the digits across registers.
// @ts-ignore: decorator
@inline function insertPoint(buf: usize, p: i32, n: i32): usize {
  const at = buf + <usize>p;
  const f0 = load<u64>(at);
  if (n - p > 8) store<u64>(at, load<u64>(at, 8), 9);
  store<u64>(at, f0, 1);
  store<u8>(at, 0x2e);
  return buf + <usize>(n + 1);
}

// Fixed notation of the digits (storeDigits17), decExp in [-6, 20].
// @ts-ignore: decorator
@inline function writeFixed(buf: usize, decExp: i32, dHi: u64, dLo: u64, dLast: u32, n: i32): usize {
  if (decExp < 0) {
    store<u64>(buf, ZERO_POINT_ZEROS); // "0.", then the zeros after the point
    const at = buf + <usize>(1 - decExp);
    storeDigits17(at, dHi, dLo, dLast);
    return at + <usize>n;
  }
  storeDigits17(buf, dHi, dLo, dLast);
  if (decExp >= 16) {
    // An integer (those below 10^16 went to writeUInt16): the digits, then zeros.
    const end = buf + <usize>(decExp + 1);
    for (let z = buf + 17; z < end; z += 8) store<u64>(z, ZEROS);
    return end;
  }
  // Not an integer, so n > p = decExp + 1 digits before the point.
  return insertPoint(buf, decExp + 1, n);
}

// "e+d", "e-dd", "e+ddd"...
// @ts-ignore: decorator
@inline function writeExponent(buf: usize, decExp: i32): usize {
  const m = decExp >> 31; // all-ones if decExp < 0
  store<u16>(buf, <u16>(0x65 | ((0x2b + (m & 2)) << 8))); // 'e', then '+' or '-'
  buf += 2;
  const e = (decExp ^ m) - m; // abs(decExp)
  if (e >= 100) {
    const d = (<u32>e * <u32>DIV100_SIG) >> DIV100_EXP; // e / 100
    store<u8>(buf, <u8>(0x30 + d));
    store<u16>(buf, load<u16>(DIGIT_PAIRS + (<usize>(e - <i32>d * 100) << 1)), 1);
    return buf + 3;
  }
  if (e >= 10) {
    store<u16>(buf, load<u16>(DIGIT_PAIRS + (<usize>e << 1)));
    return buf + 2;
  }
  store<u8>(buf, <u8>(0x30 + e));
  return buf + 1;
}

// Exponential notation: the mantissa "d.ddd" (one leading digit), then the exponent.
// @ts-ignore: decorator
@inline function writeExpNotation(buf: usize, decExp: i32, dHi: u64, dLo: u64, dLast: u32, n: i32): usize {
  storeDigits17(buf + 1, dHi, dLo, dLast);
  // Move the lead digit to position 0 and put '.' at 1; drop the point after a lone digit.
  store<u16>(buf, <u16>(load<u8>(buf, 1) | 0x2e00));
  return writeExponent(buf + <usize>(n + i32(n > 1)), decExp);
}

// Fixed notation for shortfixed.ts's digits (issue 15): `sig` is 16 digits (the
// last a zero), `e` in [-6, 14] the decimal exponent, the number not an integer.
// Writes at most buf + 24; returns the end.
// @ts-ignore: decorator
@inline function writeShortFixed(buf: usize, sig: u64, e: i32): usize {
  const hi = sig / 100000000;
  const lo = sig - hi * 100000000; // 0 for the common values of at most 8 digits
  const hiBcd = toBcd8(hi);
  const dHi = hiBcd + ZEROS;
  if (e < 0) {
    store<u64>(buf, ZERO_POINT_ZEROS); // "0.", then the zeros after the point
    const at = buf + <usize>(1 - e);
    store<u64>(at, dHi);
    if (lo == 0) return at + <usize>bcdLen(hiBcd);
    const loBcd = toBcd8(lo);
    store<u64>(at, loBcd + ZEROS, 8);
    return at + <usize>(8 + bcdLen(loBcd));
  }
  const p = e + 1;
  store<u64>(buf, dHi);
  if (lo == 0) {
    // At most 8 digits, more than p: the fraction is dHi shifted right by p bytes.
    store<u64>(buf + <usize>(p + 1), dHi >> <u64>(p << 3));
    store<u8>(buf + <usize>p, 0x2e);
    return buf + <usize>(bcdLen(hiBcd) + 1);
  }
  const loBcd = toBcd8(lo);
  const dLo = loBcd + ZEROS;
  const k = 8 + bcdLen(loBcd);
  store<u64>(buf, dLo, 8);
  return insertPoint(buf, p, k);
}

/**
 * String(x) as ASCII at `buf`; returns the byte count (at most 24). Whole-block
 * stores may also write up to buf + 26 beyond the result: callers give
 * NUMBER_MAX_UNITS (32) bytes of room (tests/unit/num_pow10.test.ts checks it).
 */
export function dtoaAscii(buf: usize, value: f64): i32 {
  const origin = buf;
  const threshold: u64 = 1000000000000000;
  if (value < 0) { store<u8>(buf, 0x2d); buf += 1; } // not -0 ("0") nor NaN
  const a = abs<f64>(value);
  if (a < 1e16) {
    // Integers (0 too) print exactly; most other values have few digits (shortfixed.ts).
    if (floor<f64>(a) == a) return <i32>(writeUInt16(buf, <u64>a) - origin);
    const short = shortSignificand(a);
    if (short != 0) return <i32>(writeShortFixed(buf, short, shortExponent) - origin);
  } else if (!(a <= f64.MAX_VALUE)) {
    if (a != a) return <i32>(writeNaN(buf) - origin);
    return <i32>(writeInfinity(buf) - origin);
  }
  const bits = reinterpret<u64>(a);
  const binExp = <i32>(bits >> 52);
  const binSig = bits & (((<u64>1) << 52) - 1);
  if (binExp != 0) toDecimalDoubleNormal(binSig, binExp, binSig != 0);
  else toDecimalDoubleSubnormal(binSig);
  if (<u64>gSig < threshold) normalizeDoubleShortest();

  // gSig now has 16 digits (and maybe a 17th): the point goes after the first.
  const decExp = gExp + 16;
  const sig = <u64>gSig, last = gLastDigit;
  const hi = sig / 100000000;
  const hiBcd = toBcd8(hi), loBcd = toBcd8(sig - hi * 100000000);
  const n = last != 0 ? 17 : loBcd != 0 ? 8 + bcdLen(loBcd) : bcdLen(hiBcd);
  const dHi = hiBcd + ZEROS, dLo = loBcd + ZEROS, dLast = <u32>(0x30 + last);
  const end = decExp >= MIN_FIXED_DEC_EXP && decExp <= MAX_FIXED_DEC_EXP
    ? writeFixed(buf, decExp, dHi, dLo, dLast, n)
    : writeExpNotation(buf, decExp, dHi, dLo, dLast, n);
  return <i32>(end - origin);
}
