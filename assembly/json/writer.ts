// JSON output as UTF-8, byte-identical to V8's JSON.stringify (well-formed
// variant: lone surrogates escaped). Every function writes at `dst`, returns
// the bytes written, and trusts the caller to have reserved enough room
// (jsonStringMaxBytes, NUMBER_MAX_UNITS). Nothing here allocates.

import { Char, hexDigit } from "../num/chars";
import { formatNumberAscii } from "../num/format";
import { boolOf, numOf, strLen, strPtr, Tag, tagOf } from "../value";

/** Worst-case bytes of writeJsonString for `len` code units (each may become \uXXXX). */
export function jsonStringMaxBytes(len: i32): i32 { return len * 6 + 2; }

/** Write `\u` and four lowercase hex digits of `u`. */
function writeUnicodeEscape(dst: usize, u: u32): void {
  store<u16>(dst, 0x755c); // "\u"
  store<u8>(dst, <u8>hexDigit(u >> 12), 2);
  store<u8>(dst, <u8>hexDigit((u >> 8) & 15), 3);
  store<u8>(dst, <u8>hexDigit((u >> 4) & 15), 4);
  store<u8>(dst, <u8>hexDigit(u & 15), 5);
}

/** JSON.stringify(str) for the UTF-16 string (ptr, len units), as UTF-8. */
export function writeJsonString(dst: usize, ptr: usize, len: i32): i32 {
  let o = dst;
  store<u8>(o++, Char.QUOTE);
  const end = ptr + (<usize>len << 1);
  let p = ptr;
  while (p < end) {
    const u = <u32>load<u16>(p);
    p += 2;
    if (u < 0x80) {
      if (u >= 0x20 && u != Char.QUOTE && u != Char.BACKSLASH) {
        store<u8>(o++, <u8>u);
        continue;
      }
      let e: u32 = 0;
      if (u == Char.QUOTE || u == Char.BACKSLASH) e = u;
      else if (u == 0x0a) e = Char.n;
      else if (u == 0x0d) e = Char.r;
      else if (u == 0x09) e = Char.t;
      else if (u == 0x08) e = Char.b;
      else if (u == 0x0c) e = Char.f;
      if (e != 0) {
        store<u8>(o, Char.BACKSLASH);
        store<u8>(o, <u8>e, 1);
        o += 2;
      } else {
        writeUnicodeEscape(o, u);
        o += 6;
      }
    } else if (u < 0x800) {
      store<u8>(o, <u8>(0xc0 | (u >> 6)));
      store<u8>(o, <u8>(0x80 | (u & 63)), 1);
      o += 2;
    } else if (u - 0xd800 < 0x800) {
      // A surrogate: a valid pair becomes one 4-byte sequence, a lone one \udxxx.
      if (u < 0xdc00 && p < end) {
        const v = <u32>load<u16>(p);
        if (v - 0xdc00 < 0x400) {
          p += 2;
          const cp = 0x10000 + ((u - 0xd800) << 10) + (v - 0xdc00);
          store<u8>(o, <u8>(0xf0 | (cp >> 18)));
          store<u8>(o, <u8>(0x80 | ((cp >> 12) & 63)), 1);
          store<u8>(o, <u8>(0x80 | ((cp >> 6) & 63)), 2);
          store<u8>(o, <u8>(0x80 | (cp & 63)), 3);
          o += 4;
          continue;
        }
      }
      writeUnicodeEscape(o, u);
      o += 6;
    } else {
      store<u8>(o, <u8>(0xe0 | (u >> 12)));
      store<u8>(o, <u8>(0x80 | ((u >> 6) & 63)), 1);
      store<u8>(o, <u8>(0x80 | (u & 63)), 2);
      o += 3;
    }
  }
  store<u8>(o++, Char.QUOTE);
  return <i32>(o - dst);
}

/** A finite number exactly as JSON.stringify prints it (String(x); -0 -> 0). */
export function writeJsonNumber(dst: usize, x: f64): i32 {
  return formatNumberAscii(dst, x);
}

/** A number, string or boolean Value slot as JSON. */
export function writeJsonValue(dst: usize, slot: usize): i32 {
  const tag = tagOf(slot);
  if (tag == Tag.Number) return writeJsonNumber(dst, numOf(slot));
  if (tag == Tag.String) return writeJsonString(dst, strPtr(slot), strLen(slot));
  if (tag == Tag.Boolean) return boolOf(slot) ? writeAscii(dst, "true") : writeAscii(dst, "false");
  return writeAscii(dst, "null"); // not passed by callers; keeps the output valid JSON
}

/** Copy an ASCII string literal. */
export function writeAscii(dst: usize, s: string): i32 {
  const n = s.length;
  const src = changetype<usize>(s);
  for (let i = 0; i < n; i++) store<u8>(dst + <usize>i, load<u8>(src + (<usize>i << 1)));
  return n;
}

/** A decimal integer. */
export function writeInt(dst: usize, n: i64): i32 {
  let o = dst;
  let v: u64 = <u64>n;
  if (n < 0) { store<u8>(o++, Char.MINUS); v = <u64>(-n); }
  // Count digits, then fill from the right.
  let digits = 1;
  for (let t = v / 10; t != 0; t /= 10) digits++;
  let q = o + <usize>digits;
  do {
    store<u8>(--q, <u8>(Char._0 + <u32>(v % 10)));
    v /= 10;
  } while (v != 0);
  return <i32>(o + <usize>digits - dst);
}
