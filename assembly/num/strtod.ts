// Decimal text -> correctly rounded double (round-half-even on the exact value),
// for UTF-8 bytes (T = u8) and UTF-16 code units (T = u16). The digits are read
// once into a 19-digit mantissa (Go strconv readFloat); Clinger's fast path and
// Eisel–Lemire (lemire.ts) decide almost every input, and the exact decimal of
// decimal.ts settles the rest. Nothing here allocates.

import { Char } from "./chars";
import { clinger, eiselLemire, fastResult } from "./lemire";
import { decimalPush, decimalReset, decimalSetPoint, decimalToDouble } from "./decimal";

/** Explicit exponents are clamped here: far beyond any finite, non-zero result. */
export const EXP_CLAMP: i32 = 100000000;
const MAX_MANT_DIGITS: i32 = 19;

/** Set by scanDecimal: end of the digits-and-point part, and the exponent value. */
export let scanMantEnd: usize = 0;
export let scanExp: i32 = 0;

// @ts-ignore: decorator
@inline function unit<T>(p: usize): u32 { return <u32>load<T>(p); }

/**
 * Longest StrUnsignedDecimalLiteral prefix at [p, end): digits, an optional '.'
 * with digits (at least one digit in all: "5.", ".5"), then an exponent only if
 * complete. Returns its end, or 0 when no digit starts there. Fills scanMantEnd
 * and scanExp for digitsToDouble.
 */
export function scanDecimal<T>(p: usize, end: usize): usize {
  const step = sizeof<T>();
  let digits = 0;
  while (p < end && unit<T>(p) - Char._0 < 10) { p += step; digits++; }
  if (p < end && unit<T>(p) == Char.DOT) {
    p += step;
    while (p < end && unit<T>(p) - Char._0 < 10) { p += step; digits++; }
  }
  if (digits == 0) return 0;
  scanMantEnd = p;
  scanExp = 0;
  if (p < end && (unit<T>(p) | 0x20) == Char.e) {
    let q = p + step;
    let neg = false;
    if (q < end && (unit<T>(q) == Char.PLUS || unit<T>(q) == Char.MINUS)) {
      neg = unit<T>(q) == Char.MINUS;
      q += step;
    }
    if (q < end && unit<T>(q) - Char._0 < 10) {
      let e: i32 = 0;
      while (q < end && unit<T>(q) - Char._0 < 10) {
        if (e < EXP_CLAMP) e = e * 10 + <i32>(unit<T>(q) - Char._0);
        q += step;
      }
      scanExp = neg ? -e : e;
      p = q;
    }
  }
  return p;
}

/**
 * The double nearest to the decimal whose digits (and at most one '.') are
 * [p, end), times 10^exp10 (|exp10| <= EXP_CLAMP), negated if `neg`.
 */
// @ts-ignore: decorator
@inline export function digitsToDouble<T>(p: usize, end: usize, exp10: i32, neg: bool): f64 {
  const step = sizeof<T>();
  let man: u64 = 0;
  let ndMant: i32 = 0;   // digits in man
  let nd: i32 = 0;       // significant digits seen
  let dp: i32 = 0;       // decimal point, counted in significant digits
  let sawDot = false;
  let trunc = false;
  for (let q = p; q < end; q += step) {
    const c = unit<T>(q);
    if (c == Char.DOT) { sawDot = true; dp = nd; continue; }
    const v = c - Char._0;
    if (v == 0 && nd == 0) { dp--; continue; } // leading zero
    nd++;
    if (ndMant < MAX_MANT_DIGITS) { man = man * 10 + <u64>v; ndMant++; }
    else if (v != 0) trunc = true;
  }
  if (man == 0) return neg ? -0.0 : 0.0;
  if (!sawDot) dp = nd;
  dp += exp10;
  const exp = dp - ndMant;

  if (!trunc && clinger(man, exp, neg)) return fastResult;
  if (eiselLemire(man, exp, neg)) {
    if (!trunc) return fastResult;
    // Digits were dropped: the answer is known if man and man + 1 agree.
    const lower = fastResult;
    if (eiselLemire(man + 1, exp, neg) && fastResult == lower) return lower;
  }
  return slowPath<T>(p, end, dp, neg);
}

/** Exact conversion (decimal.ts) of the same digits; `dp` as in digitsToDouble. */
function slowPath<T>(p: usize, end: usize, dp: i32, neg: bool): f64 {
  const step = sizeof<T>();
  decimalReset();
  let started = false;
  for (let q = p; q < end; q += step) {
    const c = unit<T>(q);
    if (c == Char.DOT) continue;
    const v = c - Char._0;
    if (v == 0 && !started) continue;
    started = true;
    decimalPush(v);
  }
  decimalSetPoint(dp);
  return decimalToDouble(neg);
}
