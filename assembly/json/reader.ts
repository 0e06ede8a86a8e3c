// Allocation-free JSON cursor over UTF-8 bytes, shared by payload.ts (per
// message) and dom.ts (configure time). Functions take the position and return
// the position after what they read, or 0 on error, with the reason and the
// byte offset kept here (jsonErrorTo writes them as a message). Grammar and
// decoding as JSON.parse applied to new TextDecoder().decode(bytes): the four
// JSON whitespace bytes only, strict numbers, escapes incl. lone surrogates,
// raw control characters rejected, invalid UTF-8 inside strings decoded to
// U+FFFD per WHATWG (maximal subpart). Nesting is tracked without recursion.

import { Char, hexDigit } from "../num/chars";
import { parsedNumber, scanJsonNumber, skipJsonNumber } from "../num/parse";
import { errBegin, errByte, errInt, errText } from "../errors";

/** Deepest nesting of arrays and objects accepted. */
export const MAX_DEPTH: i32 = 1024;

const REPLACEMENT: u32 = 0xfffd;

let base: usize = 0;          // first byte of the text: offsets count from here
/** One past the last byte of the text. */
export let jsonEnd: usize = 0;

/** Code units of the last string read (all of them, even beyond `cap`). */
export let strUnits: i32 = 0;
/** The last literal read: 0 false, 1 true, 2 null. */
export let literalValue: i32 = 0;
/** The last number read. */
export let numberValue: f64 = 0;

export const enum Literal { False = 0, True = 1, Null = 2 }

let errReason: string = "";   // always a string literal (static data)
let errOffset: i32 = 0;
let errChar: i32 = -1;        // the offending byte for "unexpected character", else -1

// Containers opened by skipValue: one bit each, 1 = object, 0 = array.
const stack = memory.data(MAX_DEPTH >> 3);

/** Start reading the `len` bytes at `ptr`. */
export function jsonBegin(ptr: usize, len: i32): void {
  base = ptr;
  jsonEnd = ptr + <usize>len;
}

// ---- errors

/** Record an error at `p`; returns 0 so callers can `return fail(...)`. */
export function jsonFail(p: usize, reason: string): usize {
  errReason = reason;
  errOffset = <i32>(p - base);
  errChar = -1;
  return 0;
}

/** The byte at `p` (or the end of input) was not expected there. */
export function jsonUnexpected(p: usize): usize {
  if (p >= jsonEnd) return jsonFail(p, "unexpected end of input");
  jsonFail(p, "unexpected character");
  errChar = <i32>load<u8>(p);
  return 0;
}

export function jsonErrorReason(): string { return errReason; }
export function jsonErrorOffset(): i32 { return errOffset; }
/** The offending byte of an "unexpected character" error, or -1. */
export function jsonErrorByte(): i32 { return errChar; }

/** Write `<prefix><reason> at byte <offset>` as the current error message (errors.ts). */
export function jsonErrorTo(prefix: string): void {
  errBegin();
  errText(prefix);
  errText(errReason);
  if (errChar >= 0) {
    if (errChar >= 0x20 && errChar < 0x7f) {
      errText(" '"); errByte(<u32>errChar); errText("'");
    } else {
      errText(" (byte 0x");
      errByte(hexDigit(<u32>errChar >> 4)); errByte(hexDigit(<u32>errChar & 15));
      errText(")");
    }
  }
  errText(" at byte ");
  errInt(errOffset);
}

// ---- tokens

/** Skip JSON whitespace (space, tab, LF, CR). */
// @ts-ignore: decorator
@inline export function skipWs(p: usize): usize {
  while (p < jsonEnd) {
    const c = <u32>load<u8>(p);
    if (c != Char.SPACE && c != Char.LF && c != Char.CR && c != Char.TAB) break;
    p++;
  }
  return p;
}

/** Value of a hex digit, or -1. */
// @ts-ignore: decorator
@inline function hexValue(c: u32): i32 {
  if (c - Char._0 < 10) return <i32>(c - Char._0);
  const l = c | 0x20;
  if (l - Char.a < 6) return <i32>(l - Char.a + 10);
  return -1;
}

/**
 * Read the string whose opening quote is at `p`, writing its UTF-16 code units
 * at `dst` — only the first `cap` of them; strUnits counts all. Returns the
 * position after the closing quote, or 0.
 */
export function readString(p: usize, dst: usize, cap: i32): usize {
  const open = p;
  const end = jsonEnd;
  let n: i32 = 0;
  p++;
  while (true) {
    if (p >= end) return jsonFail(open, "unterminated string");
    let c = <u32>load<u8>(p);
    if (c < 0x80) {
      if (c == Char.QUOTE) break;
      if (c < 0x20) return jsonFail(p, "control character in string");
      if (c == Char.BACKSLASH) {
        if (p + 1 >= end) return jsonFail(open, "unterminated string");
        const e = <u32>load<u8>(p + 1);
        if (e == Char.u) {
          if (p + 6 > end) return jsonFail(p, "bad escape");
          const h0 = hexValue(<u32>load<u8>(p + 2)), h1 = hexValue(<u32>load<u8>(p + 3));
          const h2 = hexValue(<u32>load<u8>(p + 4)), h3 = hexValue(<u32>load<u8>(p + 5));
          if ((h0 | h1 | h2 | h3) < 0) return jsonFail(p, "bad escape");
          c = <u32>((h0 << 12) | (h1 << 8) | (h2 << 4) | h3);
          p += 6;
        } else {
          if (e == Char.QUOTE || e == Char.BACKSLASH || e == Char.SLASH) c = e;
          else if (e == Char.n) c = 0x0a;
          else if (e == Char.t) c = 0x09;
          else if (e == Char.r) c = 0x0d;
          else if (e == Char.b) c = 0x08;
          else if (e == Char.f) c = 0x0c;
          else return jsonFail(p, "bad escape");
          p += 2;
        }
      } else {
        p++;
      }
      if (n < cap) store<u16>(dst + (<usize>n << 1), <u16>c);
      n++;
      continue;
    }
    // Multi-byte UTF-8 (WHATWG decoder): a bad sequence yields one U+FFFD for
    // its maximal valid prefix, and the offending byte is read again.
    let need = 0;
    let lower: u32 = 0x80, upper: u32 = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; c &= 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c == 0xe0) lower = 0xa0;
      if (c == 0xed) upper = 0x9f;
      c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c == 0xf0) lower = 0x90;
      if (c == 0xf4) upper = 0x8f;
      c &= 0x07;
    }
    let q = p + 1;
    let ok = need > 0;
    for (let i = 0; i < need; i++) {
      const b = q < end ? <u32>load<u8>(q) : 0;
      if (q >= end || b < lower || b > upper) { ok = false; break; }
      c = (c << 6) | (b & 0x3f);
      lower = 0x80; upper = 0xbf;
      q++;
    }
    p = q;
    if (!ok) c = REPLACEMENT;
    if (c >= 0x10000) {
      c -= 0x10000;
      if (n < cap) store<u16>(dst + (<usize>n << 1), <u16>(0xd800 | (c >> 10)));
      n++;
      c = 0xdc00 | (c & 0x3ff);
    }
    if (n < cap) store<u16>(dst + (<usize>n << 1), <u16>c);
    n++;
  }
  strUnits = n;
  return p + 1;
}

/**
 * Validate the string at `p` without decoding it. Bytes >= 0x80 can never be a
 * quote, a backslash or a control character, and bad UTF-8 inside a string is
 * no error (it decodes to U+FFFD), so they are stepped over unread.
 */
export function skipString(p: usize): usize {
  const open = p;
  const end = jsonEnd;
  p++;
  while (true) {
    if (p >= end) return jsonFail(open, "unterminated string");
    const c = <u32>load<u8>(p);
    if (c == Char.QUOTE) return p + 1;
    if (c < 0x20) return jsonFail(p, "control character in string");
    if (c != Char.BACKSLASH) { p++; continue; }
    if (p + 1 >= end) return jsonFail(open, "unterminated string");
    const e = <u32>load<u8>(p + 1);
    if (e == Char.u) {
      if (p + 6 > end) return jsonFail(p, "bad escape");
      if ((hexValue(<u32>load<u8>(p + 2)) | hexValue(<u32>load<u8>(p + 3)) |
           hexValue(<u32>load<u8>(p + 4)) | hexValue(<u32>load<u8>(p + 5))) < 0) return jsonFail(p, "bad escape");
      p += 6;
    } else if (e == Char.QUOTE || e == Char.BACKSLASH || e == Char.SLASH || e == Char.n ||
               e == Char.t || e == Char.r || e == Char.b || e == Char.f) {
      p += 2;
    } else {
      return jsonFail(p, "bad escape");
    }
  }
}

/** Validate the number at `p` without converting it. */
function skipNumber(p: usize): usize {
  const q = skipJsonNumber(p, jsonEnd);
  return q == 0 ? jsonFail(p, "invalid number") : q;
}

/** Read the number at `p` into numberValue. */
export function readNumber(p: usize): usize {
  const q = scanJsonNumber(p, jsonEnd);
  if (q == 0) return jsonFail(p, "invalid number");
  numberValue = parsedNumber;
  return q;
}

/** Read true / false / null at `p` into literalValue. */
export function readLiteral(p: usize): usize {
  const c = <u32>load<u8>(p);
  const left = jsonEnd - p;
  // Compare whole words: "true" / "null" as 4 bytes, "false" as 4 + 1.
  if (c == Char.t && left >= 4 && load<u32>(p) == 0x65757274) { literalValue = Literal.True; return p + 4; }
  if (c == Char.n && left >= 4 && load<u32>(p) == 0x6c6c756e) { literalValue = Literal.Null; return p + 4; }
  if (c == Char.f && left >= 5 && load<u32>(p, 1) == 0x65736c61) { literalValue = Literal.False; return p + 5; }
  return jsonUnexpected(p);
}

/** After `{` or `,` in an object: the key string, `:`, and the whitespace after it. */
function skipKey(p: usize): usize {
  p = skipWs(p);
  if (p >= jsonEnd || load<u8>(p) != Char.QUOTE) return jsonUnexpected(p);
  p = skipString(p);
  if (p == 0) return 0;
  p = skipWs(p);
  if (p >= jsonEnd || load<u8>(p) != Char.COLON) return jsonUnexpected(p);
  return p + 1;
}

// @ts-ignore: decorator
@inline function setBit(i: i32, object: bool): void {
  const a = stack + (<usize>i >> 3);
  const m = <u8>(<u32>1 << <u32>(i & 7));
  store<u8>(a, object ? load<u8>(a) | m : load<u8>(a) & ~m);
}
// @ts-ignore: decorator
@inline function getBit(i: i32): bool {
  return (load<u8>(stack + (<usize>i >> 3)) & <u8>(<u32>1 << <u32>(i & 7))) != 0;
}

/**
 * Validate one complete value at `p` (whitespace before it allowed), nested in
 * `depth` containers already. Iterative: a bit per open container.
 */
export function skipValue(p: usize, depth: i32): usize {
  let level = 0;            // containers opened here
  let wantValue = true;
  while (true) {
    if (wantValue) {
      p = skipWs(p);
      if (p >= jsonEnd) return jsonUnexpected(p);
      const c = <u32>load<u8>(p);
      if (c == Char.LBRACE || c == Char.LBRACKET) {
        if (depth + level >= MAX_DEPTH) return jsonFail(p, "nesting deeper than 1024");
        const object = c == Char.LBRACE;
        setBit(level++, object);
        p = skipWs(p + 1);
        if (p < jsonEnd && <u32>load<u8>(p) == (object ? Char.RBRACE : Char.RBRACKET)) {
          p++;
          level--;
          wantValue = false;
        } else if (object) {
          p = skipKey(p);
          if (p == 0) return 0;
        }
        continue;
      }
      if (c == Char.QUOTE) p = skipString(p);
      else if (c == Char.MINUS || c - Char._0 < 10) p = skipNumber(p);
      else if (c == Char.t || c == Char.f || c == Char.n) p = readLiteral(p);
      else return jsonUnexpected(p);
      if (p == 0) return 0;
      wantValue = false;
    } else {
      if (level == 0) return p;
      p = skipWs(p);
      if (p >= jsonEnd) return jsonUnexpected(p);
      const c = <u32>load<u8>(p);
      const object = getBit(level - 1);
      if (c == Char.COMMA) {
        p++;
        if (object) {
          p = skipKey(p);
          if (p == 0) return 0;
        }
        wantValue = true;
      } else if (c == (object ? Char.RBRACE : Char.RBRACKET)) {
        p++;
        level--;
      } else {
        return jsonUnexpected(p);
      }
    }
  }
}
