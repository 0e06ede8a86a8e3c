// JSON.parse's grammar over UTF-16 text with V8's SyntaxError messages word for
// word (Node 20: "Unexpected token 'x', "…" is not valid JSON", "Expected ','
// or '}' after property value in JSON at position 7", …). Shared by the
// expressions' JSON.parse (which builds the value once this passed) and the
// WASI command (which asks it for the message of a line it found invalid).
// Positions are UTF-16 indexes. Nothing allocates: the containers open at each
// depth are kept as bits in a static stack (JSON_MAX_DEPTH levels) or the caller's.

import { ErrorCode, errBegin, errText, errUnits, errInt } from "../errors";

/** Deepest nesting JSON.parse accepts; deeper is a RangeError (V8 itself has no limit). */
export const JSON_MAX_DEPTH: i32 = 4096;
const kinds = memory.data(JSON_MAX_DEPTH >> 3); // bit set: an object at that depth, else an array

let stack: usize = kinds;
let start: usize = 0;
let end: usize = 0;

/** After a successful check: the deepest nesting and how many values the text holds. */
export let checkedDepth: i32 = 0;
export let checkedValues: i32 = 0;

// @ts-ignore: decorator
@inline function at(p: usize): u32 { return <u32>load<u16>(p); }
// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }
function isHex(c: u32): bool { return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6; }

// @ts-ignore: decorator
@inline function ws(p: usize): usize {
  while (p < end) {
    const c = at(p);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    p += 2;
  }
  return p;
}

// @ts-ignore: decorator
@inline function pos(p: usize): i32 { return <i32>((p - start) >> 1); }

function fail(text: string, p: usize): usize {
  errBegin();
  errText(text);
  errText(" in JSON at position ");
  errInt(pos(p));
  return 0;
}

function endOfInput(): usize {
  errBegin();
  errText("Unexpected end of JSON input");
  return 0;
}

function textIs(word: string): bool {
  const n = pos(end);
  if (n != word.length) return false;
  for (let i = 0; i < n; i++) if (load<u16>(start + (<usize>i << 1)) != <u16>word.charCodeAt(i)) return false;
  return true;
}

function units(from: i32, to: i32): void { errUnits(start + (<usize>from << 1), to - from); }

/** V8's report for the token at `p`: end of input, a number, a string, or any other character with context. */
function unexpected(p: usize): usize {
  if (p >= end) return endOfInput();
  const c = at(p);
  if (c == 0x22) return fail("Unexpected string", p);
  if (c == 0x2d || isDigit(c)) return fail("Unexpected number", p);
  errBegin();
  if (textIs("undefined") || textIs("NaN") || textIs("Infinity") || textIs("[object Object]")) {
    errText("\""); units(0, pos(end)); errText("\" is not valid JSON");
    return 0;
  }
  const i = pos(p), n = pos(end);
  const CONTEXT = 10;
  errText("Unexpected token '"); units(i, i + 1); errText("', ");
  if (n < CONTEXT * 2 + 1) { errText("\""); units(0, n); errText("\" is not valid JSON"); }
  else if (i < CONTEXT) { errText("\""); units(0, i + CONTEXT); errText("\"... is not valid JSON"); }
  else if (i < n - CONTEXT) { errText("...\""); units(i - CONTEXT, i + CONTEXT); errText("\"... is not valid JSON"); }
  else { errText("...\""); units(i - CONTEXT, n); errText("\" is not valid JSON"); }
  return 0;
}

function scanString(p: usize): usize {
  p += 2;
  while (true) {
    if (p >= end) return fail("Unterminated string", p);
    const c = at(p);
    if (c == 0x22) return p + 2;
    if (c == 0x5c) {
      p += 2;
      if (p >= end) return endOfInput();
      const e = at(p);
      if (e == 0x75) {
        for (let k = 0; k < 4; k++) {
          p += 2;
          if (p >= end || !isHex(at(p))) return fail("Bad Unicode escape", p);
        }
        p += 2;
        continue;
      }
      if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) { p += 2; continue; }
      // V8: a character above U+00FF after the backslash is an unexpected token.
      if (e > 0xff) return unexpected(p);
      return fail("Bad escaped character", p);
    }
    if (c < 0x20) return fail("Bad control character in string literal", p);
    p += 2;
  }
  return 0; // not reached
}

function scanNumber(p: usize): usize {
  if (at(p) == 0x2d) {
    p += 2;
    if (p >= end || !isDigit(at(p))) return fail("No number after minus sign", p);
  }
  if (at(p) == 0x30) {
    p += 2;
    if (p < end && isDigit(at(p))) return fail("Unexpected number", p);
  } else {
    while (p < end && isDigit(at(p))) p += 2;
  }
  if (p < end && at(p) == 0x2e) {
    p += 2;
    if (p >= end || !isDigit(at(p))) return fail("Unterminated fractional number", p);
    while (p < end && isDigit(at(p))) p += 2;
  }
  if (p < end && (at(p) | 0x20) == 0x65) {
    p += 2;
    if (p < end && (at(p) == 0x2b || at(p) == 0x2d)) p += 2;
    if (p >= end || !isDigit(at(p))) return fail("Exponent part is missing a number", p);
    while (p < end && isDigit(at(p))) p += 2;
  }
  return p;
}

function scanLiteral(p: usize, word: string): usize {
  for (let i = 0; i < word.length; i++) {
    if (p >= end) return endOfInput();
    if (at(p) != <u32>word.charCodeAt(i)) return unexpected(p);
    p += 2;
  }
  return p;
}

// @ts-ignore: decorator
@inline function isObjectAt(depth: i32): bool {
  return (load<u8>(stack + <usize>(depth >> 3)) & (1 << (depth & 7))) != 0;
}
function setKind(depth: i32, object: bool): void {
  const b = stack + <usize>(depth >> 3);
  const bit = <u8>(1 << <u8>(depth & 7));
  store<u8>(b, object ? load<u8>(b) | bit : load<u8>(b) & ~bit);
}

function tooDeep(limit: i32): i32 {
  errBegin();
  errText("JSON nested deeper than ");
  errInt(limit);
  errText(" levels (Maximum call stack size exceeded)");
  return ErrorCode.RangeError;
}

/**
 * Check `n` UTF-16 units at `p` as JSON.parse would: ErrorCode.None (checkedDepth
 * and checkedValues set), SyntaxError with V8's message, or RangeError past
 * `maxDepth` (the WASI command passes its own bit stack, as deep as its line).
 */
export function checkJson(ptr: usize, n: i32, bits: usize = kinds, maxDepth: i32 = JSON_MAX_DEPTH): i32 {
  stack = bits;
  start = ptr;
  end = ptr + (<usize>n << 1);
  let depth = 0, deepest = 0, values = 0;
  let p = ws(ptr);
  let afterValue = false;
  while (true) {
    if (!afterValue) {
      p = ws(p);
      if (p >= end) { endOfInput(); return ErrorCode.SyntaxError; }
      const c = at(p);
      values++;
      if (c == 0x7b || c == 0x5b) {
        if (depth == maxDepth) return tooDeep(maxDepth);
        const object = c == 0x7b;
        setKind(depth++, object);
        if (depth > deepest) deepest = depth;
        p = ws(p + 2);
        if (p < end && at(p) == (object ? 0x7d : 0x5d)) { p += 2; depth--; afterValue = true; continue; }
        if (!object) continue;
        if (p >= end || at(p) != 0x22) { fail("Expected property name or '}'", p); return ErrorCode.SyntaxError; }
        // The first key: a missing colon has its own message.
        p = scanString(p);
        if (p == 0) return ErrorCode.SyntaxError;
        p = ws(p);
        if (p >= end || at(p) != 0x3a) { fail("Expected ':' after property name", p); return ErrorCode.SyntaxError; }
        p += 2;
        continue;
      }
      if (c == 0x22) p = scanString(p);
      else if (c == 0x2d || isDigit(c)) p = scanNumber(p);
      else if (c == 0x74) p = scanLiteral(p, "true");
      else if (c == 0x66) p = scanLiteral(p, "false");
      else if (c == 0x6e) p = scanLiteral(p, "null");
      else p = unexpected(p);
      if (p == 0) return ErrorCode.SyntaxError;
      afterValue = true;
      continue;
    }
    p = ws(p);
    if (depth == 0) {
      if (p < end) {
        errBegin();
        errText("Unexpected non-whitespace character after JSON at position ");
        errInt(pos(p));
        return ErrorCode.SyntaxError;
      }
      checkedDepth = deepest;
      checkedValues = values;
      return ErrorCode.None;
    }
    if (isObjectAt(depth - 1)) {
      if (p < end && at(p) == 0x2c) {
        p = ws(p + 2);
        if (p >= end || at(p) != 0x22) { fail("Expected double-quoted property name", p); return ErrorCode.SyntaxError; }
        p = scanString(p);
        if (p == 0) return ErrorCode.SyntaxError;
        p = ws(p);
        if (p >= end || at(p) != 0x3a) { unexpected(p); return ErrorCode.SyntaxError; }
        p += 2;
        afterValue = false;
        continue;
      }
      if (p < end && at(p) == 0x7d) { p += 2; depth--; continue; }
      fail("Expected ',' or '}' after property value", p);
      return ErrorCode.SyntaxError;
    }
    if (p < end && at(p) == 0x2c) { p += 2; afterValue = false; continue; }
    if (p < end && at(p) == 0x5d) { p += 2; depth--; continue; }
    fail("Expected ',' or ']' after array element", p);
    return ErrorCode.SyntaxError;
  }
  return ErrorCode.None; // not reached
}
