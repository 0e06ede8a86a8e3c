// The payload shape nearly every message has, read in one pass: exactly
// {"value":<number|true|false>,"timestamp_ms":<integer>} with no whitespace,
// a number of at most 15 digits without exponent, and an integer timestamp of
// 1–15 digits without a leading zero. Anything else (and any error) returns
// false without side effects, and payload.ts reads the text the general way;
// for the texts accepted here both give the same value and timestamp.

import { Char } from "../num/chars";

/** The value read: a number, or a boolean (fastIsBool) as 0 / 1. */
export let fastValue: f64 = 0;
export let fastIsBool: bool = false;
export let fastTimestamp: f64 = 0;
/** The timestamp's text (sign and digits): it is also what JSON.stringify prints for it. */
export let fastStampPtr: usize = 0;
export let fastStampLen: usize = 0;

const ZEROS: u64 = 0x3030303030303030;
// The timestamp's first n - 8 digits last read (n > 8): their eight bytes as loaded, n, and their value × 10^8.
let lastHighRaw: u64 = 0;
let lastHighDigits: i32 = 0;
let lastHighValue: u64 = 0;
// Below 10^15 a decimal mantissa is exact as a double, and so is 10^22 and below.
const MAX_DIGITS: i32 = 15;
const EXACT_POW10 = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
]);

/** Eight ASCII bytes (first digit in the low byte) are all '0'..'9'. */
// @ts-ignore: decorator
@inline function eightDigits(v: u64): bool {
  return ((v & 0xf0f0f0f0f0f0f0f0) | (((v + 0x0606060606060606) & 0xf0f0f0f0f0f0f0f0) >> 4)) == 0x3333333333333333;
}

/** The value of eight ASCII digits (checked by eightDigits), first digit most significant. */
// @ts-ignore: decorator
@inline function eightDigitsValue(v: u64): u64 {
  v -= ZEROS;
  v = v * 10 + (v >> 8);
  return (((v & 0x000000ff000000ff) * 0x000f424000000064) + (((v >> 16) & 0x000000ff000000ff) * 0x0000271000000001)) >> 32;
}

/** Read the payload of `len` bytes at `ptr` if it has the common shape; false to take the general reader. */
export function readFastPayload(ptr: usize, len: usize): bool {
  // {"value": (9 bytes) + a value + ,"timestamp_ms": (16) + a digit + }
  // Byte 8 before bytes 0–7: wazero then checks the bounds once.
  if (len < 28 || load<u8>(ptr, 8) != Char.COLON || load<u64>(ptr) != 0x2265756c6176227b) return false;
  const end = ptr + len;
  // The closing brace first: the digit loops below stop at it at the latest.
  if (load<u8>(end - 1) != Char.RBRACE) return false;
  let p = ptr + 9;
  let c = <u32>load<u8>(p);
  if (c == Char.t || c == Char.f) {
    if (c == Char.t && load<u32>(p) == 0x65757274) { fastValue = 1; p += 4; }
    else if (c == Char.f && load<u32>(p, 1) == 0x65736c61) { fastValue = 0; p += 5; }
    else return false;
    fastIsBool = true;
  } else {
    const neg = c == Char.MINUS;
    if (neg) c = <u32>load<u8>(++p);
    // -?(0|[1-9][0-9]*)(\.[0-9]+)? ; the comma after it is checked below.
    // Digits are counted from where their loop stopped.
    let man: u64 = 0;
    let digits: i32 = 0;
    let d = c - Char._0;
    if (d == 0) {
      p++;
    } else if (d < 10) {
      const first = p;
      do { man = man * 10 + <u64>d; p++; } while ((d = <u32>load<u8>(p) - Char._0) < 10);
      digits = <i32>(p - first);
    } else {
      return false;
    }
    let fraction: i32 = 0;
    if (load<u8>(p) == Char.DOT) {
      const first = ++p;
      while ((d = <u32>load<u8>(p) - Char._0) < 10) { man = man * 10 + <u64>d; p++; }
      fraction = <i32>(p - first);
      if (fraction == 0) return false;
    }
    // The loops stop at the comma at the latest (the text ends with '}', which is no digit),
    // but a very long number may have overflowed man: count before trusting it.
    if (digits + fraction > MAX_DIGITS) return false;
    let v = <f64>man;
    if (fraction != 0) v /= load<f64>(EXACT_POW10 + (<usize>fraction << 3));
    fastValue = neg ? -v : v;
    fastIsBool = false;
  }
  // ,"timestamp_ms":
  if (p + 18 > end || load<u64>(p, 8) != 0x3a22736d5f706d61 || load<u64>(p) != 0x7473656d6974222c) return false;
  p += 16;
  const stamp = p;
  const neg = load<u8>(p) == Char.MINUS;
  if (neg) p++;
  const digitsEnd = end - 1;
  const n = <i32>(digitsEnd - p);
  // No leading zero: also rules out 0 and -0, which payload.ts rejects.
  if (n < 1 || n > MAX_DIGITS || load<u8>(p) == Char._0) return false;
  // The last eight and the first n - 8 digits as two 8-digit blocks, bytes
  // before the digits replaced by '0' (both loads stay inside the payload:
  // at least 25 bytes precede the digits).
  let lo = load<u64>(digitsEnd - 8);
  if (n < 8) {
    const keep = <u64>(8 - n) << 3;
    lo = ((lo >> keep) << keep) | (ZEROS >> (64 - keep));
  }
  if (!eightDigits(lo)) return false;
  let t = eightDigitsValue(lo);
  if (n > 8) {
    // The leading digits of a stream's timestamps rarely change (those of
    // milliseconds once a day): the eight bytes and the length seen last
    // decide as they did then.
    const raw = load<u64>(digitsEnd - 16);
    if (raw != lastHighRaw || n != lastHighDigits) {
      const keep = <u64>(16 - n) << 3;
      const hi = ((raw >> keep) << keep) | (ZEROS >> (64 - keep));
      if (!eightDigits(hi)) return false;
      lastHighRaw = raw;
      lastHighDigits = n;
      lastHighValue = eightDigitsValue(hi) * 100000000;
    }
    t += lastHighValue;
  }
  fastTimestamp = neg ? -<f64>t : <f64>t;
  fastStampPtr = stamp;
  fastStampLen = end - 1 - stamp;
  return true;
}
