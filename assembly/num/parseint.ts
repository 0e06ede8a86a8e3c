// Global parseInt (ECMA-262 19.2.5) on UTF-16 text, with V8's results: radix 10
// is correctly rounded (V8 hands the digits to its strtod), power-of-two radixes
// are rounded exactly (V8 InternalStringToIntDouble), and the other radixes
// accumulate in doubles 32 bits at a time exactly as V8's HandleGenericCase does
// (the spec allows an approximation there, so only V8's own steps match it).
// Ported from V8 src/numbers/conversions.cc (BSD licence). Allocation-free.

import { Char } from "./chars";
import { skipWhitespace16 } from "./whitespace";
import { digitsToDouble } from "./strtod";

/** Value of `c` in `radix`, or -1 when it is not a digit of it. */
// @ts-ignore: decorator
@inline function digitIn(c: u32, radix: i32): i32 {
  let v: u32 = 36;
  if (c - Char._0 < 10) v = c - Char._0;
  else if ((c | 0x20) - Char.a < 26) v = (c | 0x20) - Char.a + 10;
  return v < <u32>radix ? <i32>v : -1;
}

/**
 * Digits of a power-of-two radix (2^log2) at [p, end) with no leading zeros
 * left to skip, up to the first non-digit: the exactly rounded value (V8
 * InternalStringToIntDouble with allow_trailing_junk). Also used by
 * StringToNumber for 0x/0o/0b literals; `intDigitsEnd` tells where it stopped.
 */
export let intDigitsEnd: usize = 0;
export function powerOfTwoRadixToDouble(p: usize, end: usize, log2: i32): f64 {
  const radix = 1 << log2;
  while (p < end && load<u16>(p) == Char._0) p += 2;
  let number: i64 = 0;
  let exponent: i32 = 0;
  while (p < end) {
    const digit = digitIn(<u32>load<u16>(p), radix);
    if (digit < 0) break;
    number = number * radix + digit;
    let overflow = <i32>(number >> 53);
    if (overflow != 0) {
      // Keep 53 bits; round the dropped ones half to even, a nonzero tail
      // counting as "more than half".
      let overflowBits = 1;
      while (overflow > 1) { overflowBits++; overflow >>= 1; }
      const droppedMask = (1 << overflowBits) - 1;
      const dropped = <i32>number & droppedMask;
      number >>= overflowBits;
      exponent = overflowBits;
      let zeroTail = true;
      p += 2;
      while (p < end) {
        const c = <u32>load<u16>(p);
        if (digitIn(c, radix) < 0) break;
        zeroTail = zeroTail && c == Char._0;
        exponent += log2;
        p += 2;
      }
      const middle = 1 << (overflowBits - 1);
      if (dropped > middle || (dropped == middle && ((number & 1) != 0 || !zeroTail))) number++;
      if ((number & ((<i64>1) << 53)) != 0) { exponent++; number >>= 1; }
      intDigitsEnd = p;
      return ldexp(<f64>number, exponent);
    }
    p += 2;
  }
  intDigitsEnd = p;
  return <f64>number;
}

/** x * 2^e for e >= 0 (overflows to Infinity like C's ldexp). */
function ldexp(x: f64, e: i32): f64 {
  while (e > 1000) { x *= reinterpret<f64>(<u64>(1000 + 1023) << 52); e -= 1000; }
  return x * reinterpret<f64>(<u64>(e + 1023) << 52);
}

/** V8's HandleGenericCase: 32-bit parts folded into a double (radix not 2^k, not 10). */
function genericRadix(p: usize, end: usize, radix: i32): f64 {
  const maxMultiplier: u32 = 0xffffffff / 36;
  let result: f64 = 0;
  let done = false;
  do {
    let part: u32 = 0, multiplier: u32 = 1;
    while (true) {
      const digit = p < end ? digitIn(<u32>load<u16>(p), radix) : -1;
      if (digit < 0) { done = true; break; }
      const m = multiplier * <u32>radix;
      if (m > maxMultiplier) break;
      part = part * <u32>radix + <u32>digit;
      multiplier = m;
      p += 2;
    }
    result = result * <f64>multiplier + <f64>part;
  } while (!done);
  return result;
}

/** parseInt(string, radix) on UTF-16 `len` units; `radix` is ToInt32(radix), 0 = absent. */
export function parseIntJs(ptr: usize, len: i32, radix: i32): f64 {
  const end = ptr + (<usize>len << 1);
  let p = skipWhitespace16(ptr, end);
  if (p == end) return NaN;
  let negative = false;
  const s = <u32>load<u16>(p);
  if (s == Char.PLUS || s == Char.MINUS) {
    negative = s == Char.MINUS;
    p += 2;
    if (p == end) return NaN;
  }
  let leadingZero = false;
  if (radix == 0 || radix == 16) {
    if (load<u16>(p) == Char._0) {
      p += 2;
      if (p == end) return negative ? -0.0 : 0.0;
      if ((<u32>load<u16>(p) | 0x20) == Char.x) {
        radix = 16;
        p += 2;
        if (p == end) return NaN;
      } else {
        leadingZero = true;
      }
    }
    if (radix == 0) radix = 10;
  }
  if (radix < 2 || radix > 36) return NaN;
  while (p < end && load<u16>(p) == Char._0) { leadingZero = true; p += 2; }
  if (p == end) return negative ? -0.0 : 0.0;
  if (!leadingZero && digitIn(<u32>load<u16>(p), radix) < 0) return NaN;

  let value: f64;
  if (radix == 10) {
    let q = p;
    while (q < end && <u32>load<u16>(q) - Char._0 < 10) q += 2;
    value = digitsToDouble<u16>(p, q, 0, false);
  } else if ((radix & (radix - 1)) == 0) {
    value = powerOfTwoRadixToDouble(p, end, <i32>ctz(radix));
  } else {
    value = genericRadix(p, end, radix);
  }
  return negative ? -value : value;
}
