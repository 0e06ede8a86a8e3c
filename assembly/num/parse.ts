// Text -> number with JavaScript's results, allocation-free: JSON numbers in
// UTF-8 payloads, and ToNumber / parseFloat / parseInt on the engine's UTF-16
// strings. Decimal results are correctly rounded (strtod.ts), as V8's are.

import { Char } from "./chars";
import { digitsToDouble, EXP_CLAMP, scanDecimal, scanExp, scanMantEnd } from "./strtod";
import { clinger, eiselLemire, fastResult } from "./lemire";
import { intDigitsEnd, powerOfTwoRadixToDouble } from "./parseint";
import { skipWhitespace16, trimEnd16 } from "./whitespace";

export { parseIntJs } from "./parseint";

/** The value of the last scanJsonNumber call. */
export let parsedNumber: f64 = 0;

// @ts-ignore: decorator
@inline function isDigit8(p: usize): bool { return <u32>load<u8>(p) - Char._0 < 10; }

/**
 * Scan a JSON number (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?) in UTF-8
 * bytes [ptr, end). Returns the end pointer, or 0 if no valid number starts at
 * ptr; the correctly rounded value (as JSON.parse gives it) is in parsedNumber.
 */
export function scanJsonNumber(ptr: usize, end: usize): usize { return scanJson(ptr, end, true); }

/** Like scanJsonNumber, but only checks the grammar (parsedNumber is left alone). */
export function skipJsonNumber(ptr: usize, end: usize): usize { return scanJson(ptr, end, false); }

// @ts-ignore: decorator
@inline function scanJson(ptr: usize, end: usize, convert: bool): usize {
  let p = ptr;
  let neg = false;
  if (p < end && load<u8>(p) == Char.MINUS) { neg = true; p++; }
  const digits = p;
  if (p >= end) return 0;
  // The digits are accumulated while scanning (all of them, leading zeros
  // included, which add nothing): up to 19 fit a u64 exactly.
  let man: u64 = 0;
  let count: i32 = 0;
  let d = <u32>load<u8>(p) - Char._0;
  if (d == 0) {
    p++;
  } else if (d < 10) {
    do {
      man = man * 10 + <u64>d;
      count++;
      p++;
    } while (p < end && (d = <u32>load<u8>(p) - Char._0) < 10);
  } else {
    return 0;
  }
  let fraction: i32 = 0;
  if (p < end && load<u8>(p) == Char.DOT) {
    p++;
    if (p >= end || !isDigit8(p)) return 0;
    while (p < end && (d = <u32>load<u8>(p) - Char._0) < 10) {
      man = man * 10 + <u64>d;
      count++;
      fraction++;
      p++;
    }
  }
  const mantEnd = p;
  let exp: i32 = 0;
  if (p < end && (<u32>load<u8>(p) | 0x20) == Char.e) {
    p++;
    let expNeg = false;
    if (p < end) {
      const s = <u32>load<u8>(p);
      if (s == Char.PLUS || s == Char.MINUS) { expNeg = s == Char.MINUS; p++; }
    }
    if (p >= end || !isDigit8(p)) return 0;
    while (p < end && (d = <u32>load<u8>(p) - Char._0) < 10) {
      if (exp < EXP_CLAMP) exp = exp * 10 + <i32>d;
      p++;
    }
    if (expNeg) exp = -exp;
  }
  if (!convert) return p;
  // Short mantissas (nearly all payload numbers) skip the general converter.
  if (count <= 19) {
    const exp10 = exp - fraction;
    if (clinger(man, exp10, neg) || eiselLemire(man, exp10, neg)) {
      parsedNumber = fastResult;
      return p;
    }
  }
  parsedNumber = digitsToDouble<u8>(digits, mantEnd, exp, neg);
  return p;
}

/** Whether "Infinity" starts at p (UTF-16, before end). */
function isInfinityAt(p: usize, end: usize): bool {
  if (end - p < 16) return false;
  const w = changetype<usize>("Infinity"); // static data: compared, never copied
  return load<u64>(p) == load<u64>(w) && load<u64>(p, 8) == load<u64>(w, 8);
}

/**
 * ToNumber applied to a string (ECMA-262 StringToNumber) on UTF-16 `len` units:
 * whitespace-only -> 0; unsigned 0x/0o/0b integers; an optionally signed
 * decimal literal or Infinity; anything else NaN.
 */
export function stringToNumber(ptr: usize, len: i32): f64 {
  let p = skipWhitespace16(ptr, ptr + (<usize>len << 1));
  const end = trimEnd16(p, ptr + (<usize>len << 1));
  if (p == end) return 0;
  if (end - p >= 6 && load<u16>(p) == Char._0) {
    const l = <u32>load<u16>(p, 2) | 0x20;
    const log2 = l == Char.x ? 4 : l == Char.o ? 3 : l == Char.b ? 1 : 0;
    if (log2 != 0) {
      // At least one digit of the radix must follow the prefix.
      const c = <u32>load<u16>(p, 4);
      const v = c - Char._0 < 10 ? c - Char._0 : (c | 0x20) - Char.a < 26 ? (c | 0x20) - Char.a + 10 : 36;
      if (v >= <u32>(1 << log2)) return NaN;
      const value = powerOfTwoRadixToDouble(p + 4, end, log2);
      return intDigitsEnd == end ? value : NaN;
    }
  }
  let neg = false;
  const s = <u32>load<u16>(p);
  if (s == Char.MINUS || s == Char.PLUS) { neg = s == Char.MINUS; p += 2; }
  if (end - p == 16 && isInfinityAt(p, end)) return neg ? -Infinity : Infinity;
  const stop = scanDecimal<u16>(p, end);
  if (stop != end || stop == 0) return NaN;
  return digitsToDouble<u16>(p, scanMantEnd, scanExp, neg);
}

/**
 * Global parseFloat on UTF-16 `len` units: leading whitespace, an optional
 * sign, then the longest prefix that is a decimal literal or "Infinity".
 */
export function parseFloatJs(ptr: usize, len: i32): f64 {
  const end = ptr + (<usize>len << 1);
  let p = skipWhitespace16(ptr, end);
  if (p == end) return NaN;
  let neg = false;
  const s = <u32>load<u16>(p);
  if (s == Char.MINUS || s == Char.PLUS) { neg = s == Char.MINUS; p += 2; }
  if (isInfinityAt(p, end)) return neg ? -Infinity : Infinity;
  if (scanDecimal<u16>(p, end) == 0) return NaN;
  return digitsToDouble<u16>(p, scanMantEnd, scanExp, neg);
}
