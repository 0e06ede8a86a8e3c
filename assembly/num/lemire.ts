// Fast paths of decimal -> double: Clinger's exact case and the Eisel–Lemire
// algorithm. Both either give the correctly rounded double or say "don't know"
// (returning false), in which case the caller falls back to the exact
// algorithm of decimal.ts. Ported from Go's strconv (atof.go atof64exact,
// eisel_lemire.go eiselLemire64; BSD licence), which follows Nigel Tao's
// https://nigeltao.github.io/blog/2020/eisel-lemire.html.

import { POW10_MAX_EXP, POW10_MIN_EXP, pow10, pow10Lo } from "./pow10";

/** The result of a successful fast path. */
export let fastResult: f64 = 0;

// Exact powers of ten representable as doubles (10^0 .. 10^22).
const EXACT_POW10 = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);

// @ts-ignore: decorator
@inline function exactPow10(e: i32): f64 {
  return load<f64>(EXACT_POW10 + (<usize>e << 3));
}

/** High 64 bits of the 128-bit product a * b; the low half goes to `mulLo`. */
let mulLo: u64 = 0;
// @ts-ignore: decorator
@inline function mul128(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >> 32;
  const bLo = b & 0xffffffff, bHi = b >> 32;
  const ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
  const mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  mulLo = (mid << 32) | (ll & 0xffffffff);
  return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/**
 * Clinger's fast path: mantissa < 2^53 and 10^|exp10| exact (with the
 * "exp10 up to 22 + 15 when the mantissa is small" extension).
 */
export function clinger(man: u64, exp10: i32, neg: bool): bool {
  if (man >> 53 != 0) return false;
  let f = <f64>man;
  if (neg) f = -f;
  if (exp10 == 0) { fastResult = f; return true; }
  if (exp10 > 0 && exp10 <= 15 + 22) {
    if (exp10 > 22) {
      f *= exactPow10(exp10 - 22);
      exp10 = 22;
    }
    if (f > 1e15 || f < -1e15) return false; // the product would not be exact
    fastResult = f * exactPow10(exp10);
    return true;
  }
  if (exp10 < 0 && exp10 >= -22) {
    fastResult = f / exactPow10(-exp10);
    return true;
  }
  return false;
}

/** Eisel–Lemire: man * 10^exp10 for man < 2^64; false when undecided or subnormal/overflow. */
export function eiselLemire(man: u64, exp10: i32, neg: bool): bool {
  if (man == 0) {
    fastResult = neg ? -0.0 : 0.0;
    return true;
  }
  // Go's table spans [-348, 347]; outside the shared one the result would be
  // subnormal, zero or infinite, which Lemire declines anyway (pow10.ts).
  if (exp10 < POW10_MIN_EXP || exp10 > POW10_MAX_EXP) return false;

  // Normalization.
  const lz = <i32>clz<u64>(man);
  man <<= <u64>lz;
  let retExp2 = <u64>(<i64>(((217706 * exp10) >> 16) + 64 + 1023) - <i64>lz);

  // Multiplication by the truncated 128-bit power of ten.
  const powHi = pow10(exp10), powLo = pow10Lo;
  let xHi = mul128(man, powHi);
  let xLo = mulLo;

  // Wider approximation when the low bits could carry.
  if ((xHi & 0x1ff) == 0x1ff && xLo + man < man) {
    const yHi = mul128(man, powLo);
    const yLo = mulLo;
    let mergedHi = xHi;
    const mergedLo = xLo + yHi;
    if (mergedLo < xLo) mergedHi++;
    if ((mergedHi & 0x1ff) == 0x1ff && mergedLo + 1 == 0 && yLo + man < man) return false;
    xHi = mergedHi;
    xLo = mergedLo;
  }

  // Shifting to 54 bits.
  const msb = xHi >> 63;
  let retMantissa = xHi >> (msb + 9);
  retExp2 -= 1 ^ msb;

  // Half-way ambiguity.
  if (xLo == 0 && (xHi & 0x1ff) == 0 && (retMantissa & 3) == 1) return false;

  // From 54 to 53 bits.
  retMantissa += retMantissa & 1;
  retMantissa >>= 1;
  if (retMantissa >> 53 > 0) {
    retMantissa >>= 1;
    retExp2 += 1;
  }
  // Zero/underflow: subnormal; 0x7FF or above: infinity. Both go the slow way.
  if (retExp2 - 1 >= 0x7ff - 1) return false;
  let bits = (retExp2 << 52) | (retMantissa & 0x000fffffffffffff);
  if (neg) bits |= 0x8000000000000000;
  fastResult = reinterpret<f64>(bits);
  return true;
}
