// JSON.parse's grammar over UTF-16 text with V8's SyntaxError messages word for
// word (Node 20: "Unexpected token 'x', "…" is not valid JSON", "Expected ','
// or '}' after property value in JSON at position 7", …), shared by the
// expressions' JSON.parse (expr/lib/json_parse.ts, which builds the value from
// the tokens this reports to its sink) and the WASI command (which asks it for
// the message of a line it found invalid). Positions are UTF-16 indexes.
// Nothing allocates: the containers open at each depth are bits in a static
// stack (JSON_MAX_DEPTH levels) or the caller's; the messages are ASCII data.

import { ErrorCode, errBegin, errBytes, errUnits, errInt } from "../errors";

/** What the sink is told: a value, or a container opening or closing. Strings are their contents (keys too). */
export const enum Json { Number, String, EscapedString, True, False, Null, OpenArray, OpenObject, Close }
/** Told each token [from, to) in order; false stops the parse (the sink set the error: MemoryLimit). */
export type JsonSink = (what: Json, from: usize, to: usize) => bool;

function checkOnly(what: Json, from: usize, to: usize): bool { return true; }

/** Deepest nesting JSON.parse accepts; deeper is a RangeError (V8 itself has no limit). */
export const JSON_MAX_DEPTH: i32 = 4096;
const kinds = memory.data(JSON_MAX_DEPTH >> 3); // bit set: an object at that depth, else an array

const enum Msg { InJson, EndOfInput, UnexpectedString, UnexpectedNumber, NotValid, NotValidCut, Ellipsis, UnexpectedToken, TokenEnd, Unterminated, BadUnicode, BadEscape, BadControl, NoNumber, Fraction, Exponent, PropertyOrBrace, Colon, Property, CommaBrace, CommaBracket, AfterJson, Deeper, Levels, Undefined, NaN, Infinity, ObjectText, True, False, Null }
// Each message: its length, then its ASCII text.
const MESSAGES = memory.data<u8>([
  21, 32, 105, 110, 32, 74, 83, 79, 78, 32, 97, 116, 32, 112, 111, 115, 105, 116, 105, 111, 110, 32, // InJson
  28, 85, 110, 101, 120, 112, 101, 99, 116, 101, 100, 32, 101, 110, 100, 32, 111, 102, 32, 74, 83, 79, 78, 32, 105, 110, 112, 117, 116, // EndOfInput
  17, 85, 110, 101, 120, 112, 101, 99, 116, 101, 100, 32, 115, 116, 114, 105, 110, 103, // UnexpectedString
  17, 85, 110, 101, 120, 112, 101, 99, 116, 101, 100, 32, 110, 117, 109, 98, 101, 114, // UnexpectedNumber
  19, 34, 32, 105, 115, 32, 110, 111, 116, 32, 118, 97, 108, 105, 100, 32, 74, 83, 79, 78, // NotValid
  22, 34, 46, 46, 46, 32, 105, 115, 32, 110, 111, 116, 32, 118, 97, 108, 105, 100, 32, 74, 83, 79, 78, // NotValidCut
  4, 46, 46, 46, 34, // Ellipsis
  18, 85, 110, 101, 120, 112, 101, 99, 116, 101, 100, 32, 116, 111, 107, 101, 110, 32, 39, // UnexpectedToken
  3, 39, 44, 32, // TokenEnd
  19, 85, 110, 116, 101, 114, 109, 105, 110, 97, 116, 101, 100, 32, 115, 116, 114, 105, 110, 103, // Unterminated
  18, 66, 97, 100, 32, 85, 110, 105, 99, 111, 100, 101, 32, 101, 115, 99, 97, 112, 101, // BadUnicode
  21, 66, 97, 100, 32, 101, 115, 99, 97, 112, 101, 100, 32, 99, 104, 97, 114, 97, 99, 116, 101, 114, // BadEscape
  39, 66, 97, 100, 32, 99, 111, 110, 116, 114, 111, 108, 32, 99, 104, 97, 114, 97, 99, 116, 101, 114, 32, 105, 110, 32, 115, 116, 114, 105, 110, 103, 32, 108, 105, 116, 101, 114, 97, 108, // BadControl
  26, 78, 111, 32, 110, 117, 109, 98, 101, 114, 32, 97, 102, 116, 101, 114, 32, 109, 105, 110, 117, 115, 32, 115, 105, 103, 110, // NoNumber
  30, 85, 110, 116, 101, 114, 109, 105, 110, 97, 116, 101, 100, 32, 102, 114, 97, 99, 116, 105, 111, 110, 97, 108, 32, 110, 117, 109, 98, 101, 114, // Fraction
  33, 69, 120, 112, 111, 110, 101, 110, 116, 32, 112, 97, 114, 116, 32, 105, 115, 32, 109, 105, 115, 115, 105, 110, 103, 32, 97, 32, 110, 117, 109, 98, 101, 114, // Exponent
  29, 69, 120, 112, 101, 99, 116, 101, 100, 32, 112, 114, 111, 112, 101, 114, 116, 121, 32, 110, 97, 109, 101, 32, 111, 114, 32, 39, 125, 39, // PropertyOrBrace
  32, 69, 120, 112, 101, 99, 116, 101, 100, 32, 39, 58, 39, 32, 97, 102, 116, 101, 114, 32, 112, 114, 111, 112, 101, 114, 116, 121, 32, 110, 97, 109, 101, // Colon
  36, 69, 120, 112, 101, 99, 116, 101, 100, 32, 100, 111, 117, 98, 108, 101, 45, 113, 117, 111, 116, 101, 100, 32, 112, 114, 111, 112, 101, 114, 116, 121, 32, 110, 97, 109, 101, // Property
  40, 69, 120, 112, 101, 99, 116, 101, 100, 32, 39, 44, 39, 32, 111, 114, 32, 39, 125, 39, 32, 97, 102, 116, 101, 114, 32, 112, 114, 111, 112, 101, 114, 116, 121, 32, 118, 97, 108, 117, 101, // CommaBrace
  39, 69, 120, 112, 101, 99, 116, 101, 100, 32, 39, 44, 39, 32, 111, 114, 32, 39, 93, 39, 32, 97, 102, 116, 101, 114, 32, 97, 114, 114, 97, 121, 32, 101, 108, 101, 109, 101, 110, 116, // CommaBracket
  59, 85, 110, 101, 120, 112, 101, 99, 116, 101, 100, 32, 110, 111, 110, 45, 119, 104, 105, 116, 101, 115, 112, 97, 99, 101, 32, 99, 104, 97, 114, 97, 99, 116, 101, 114, 32, 97, 102, 116, 101, 114, 32, 74, 83, 79, 78, 32, 97, 116, 32, 112, 111, 115, 105, 116, 105, 111, 110, 32, // AfterJson
  24, 74, 83, 79, 78, 32, 110, 101, 115, 116, 101, 100, 32, 100, 101, 101, 112, 101, 114, 32, 116, 104, 97, 110, 32, // Deeper
  42, 32, 108, 101, 118, 101, 108, 115, 32, 40, 77, 97, 120, 105, 109, 117, 109, 32, 99, 97, 108, 108, 32, 115, 116, 97, 99, 107, 32, 115, 105, 122, 101, 32, 101, 120, 99, 101, 101, 100, 101, 100, 41, // Levels
  9, 117, 110, 100, 101, 102, 105, 110, 101, 100, // Undefined
  3, 78, 97, 78, // NaN
  8, 73, 110, 102, 105, 110, 105, 116, 121, // Infinity
  15, 91, 111, 98, 106, 101, 99, 116, 32, 79, 98, 106, 101, 99, 116, 93, // ObjectText
  4, 116, 114, 117, 101, // True
  5, 102, 97, 108, 115, 101, // False
  4, 110, 117, 108, 108, // Null
]);

function msgAt(m: Msg): usize {
  let p = MESSAGES;
  for (let i = 0; i < <i32>m; i++) p += 1 + <usize>load<u8>(p);
  return p;
}
function msg(m: Msg): void { const p = msgAt(m); errBytes(p + 1, <i32>load<u8>(p)); }

let stack: usize = kinds;
let start: usize = 0;
let end: usize = 0;
let sink: JsonSink = checkOnly;
let escaped = false;

// @ts-ignore: decorator
@inline function at(p: usize): u32 { return <u32>load<u16>(p); }
// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }
function isHex(c: u32): bool { return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6; }

function ws(p: usize): usize {
  while (p < end) {
    const c = at(p);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    p += 2;
  }
  return p;
}

// @ts-ignore: decorator
@inline function pos(p: usize): i32 { return <i32>((p - start) >> 1); }

function fail(m: Msg, p: usize): usize {
  errBegin();
  msg(m);
  msg(Msg.InJson);
  errInt(pos(p));
  return 0;
}

function endOfInput(): usize {
  errBegin();
  msg(Msg.EndOfInput);
  return 0;
}

/** Whether the whole text is message `m`'s text. */
function textIs(m: Msg): bool {
  const q = msgAt(m);
  const n = pos(end);
  if (n != <i32>load<u8>(q)) return false;
  for (let i = 0; i < n; i++) if (<u32>load<u16>(start + (<usize>i << 1)) != <u32>load<u8>(q + 1 + <usize>i)) return false;
  return true;
}

function units(from: i32, to: i32): void { errUnits(start + (<usize>from << 1), to - from); }

/** V8's report for the token at `p`: end of input, a number, a string, or any other character with context. */
function unexpected(p: usize): usize {
  if (p >= end) return endOfInput();
  const c = at(p);
  if (c == 0x22) return fail(Msg.UnexpectedString, p);
  if (c == 0x2d || isDigit(c)) return fail(Msg.UnexpectedNumber, p);
  errBegin();
  const i = pos(p), n = pos(end);
  const quote = msgAt(Msg.NotValid) + 1; // its first character, '"'
  if (textIs(Msg.Undefined) || textIs(Msg.NaN) || textIs(Msg.Infinity) || textIs(Msg.ObjectText)) {
    errBytes(quote, 1); units(0, n); msg(Msg.NotValid);
    return 0;
  }
  const CONTEXT = 10;
  msg(Msg.UnexpectedToken); units(i, i + 1); msg(Msg.TokenEnd);
  if (n < CONTEXT * 2 + 1) { errBytes(quote, 1); units(0, n); msg(Msg.NotValid); }
  else if (i < CONTEXT) { errBytes(quote, 1); units(0, i + CONTEXT); msg(Msg.NotValidCut); }
  else if (i < n - CONTEXT) { msg(Msg.Ellipsis); units(i - CONTEXT, i + CONTEXT); msg(Msg.NotValidCut); }
  else { msg(Msg.Ellipsis); units(i - CONTEXT, n); msg(Msg.NotValid); }
  return 0;
}

/** The string whose quote is at `p`: the position after it, or 0. Sets `escaped`. */
function scanString(p: usize): usize {
  p += 2;
  escaped = false;
  while (true) {
    if (p >= end) return fail(Msg.Unterminated, p);
    const c = at(p);
    if (c == 0x22) return p + 2;
    if (c == 0x5c) {
      escaped = true;
      p += 2;
      if (p >= end) return endOfInput();
      const e = at(p);
      if (e == 0x75) {
        for (let k = 0; k < 4; k++) {
          p += 2;
          if (p >= end || !isHex(at(p))) return fail(Msg.BadUnicode, p);
        }
        p += 2;
        continue;
      }
      if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) { p += 2; continue; }
      // V8: a character above U+00FF after the backslash is an unexpected token.
      if (e > 0xff) return unexpected(p);
      return fail(Msg.BadEscape, p);
    }
    if (c < 0x20) return fail(Msg.BadControl, p);
    p += 2;
  }
  return 0; // not reached
}

/** A string (value or key) at `p`, told to the sink; the position after it, or 0. */
function string(p: usize): usize {
  const q = scanString(p);
  if (q == 0) return 0;
  return tell(escaped ? Json.EscapedString : Json.String, p + 2, q - 2) ? q : 0;
}

function scanNumber(p: usize): usize {
  if (at(p) == 0x2d) {
    p += 2;
    if (p >= end || !isDigit(at(p))) return fail(Msg.NoNumber, p);
  }
  if (at(p) == 0x30) {
    p += 2;
    if (p < end && isDigit(at(p))) return fail(Msg.UnexpectedNumber, p);
  } else {
    while (p < end && isDigit(at(p))) p += 2;
  }
  if (p < end && at(p) == 0x2e) {
    p += 2;
    if (p >= end || !isDigit(at(p))) return fail(Msg.Fraction, p);
    while (p < end && isDigit(at(p))) p += 2;
  }
  if (p < end && (at(p) | 0x20) == 0x65) {
    p += 2;
    if (p < end && (at(p) == 0x2b || at(p) == 0x2d)) p += 2;
    if (p >= end || !isDigit(at(p))) return fail(Msg.Exponent, p);
    while (p < end && isDigit(at(p))) p += 2;
  }
  return p;
}

function scanLiteral(p: usize, m: Msg): usize {
  const q = msgAt(m);
  const n = <i32>load<u8>(q);
  for (let i = 0; i < n; i++) {
    if (p >= end) return endOfInput();
    if (at(p) != <u32>load<u8>(q + 1 + <usize>i)) return unexpected(p);
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
  msg(Msg.Deeper);
  errInt(limit);
  msg(Msg.Levels);
  return ErrorCode.RangeError;
}

/** A syntax error (message set), or the sink's error when it stopped the parse. */
function stopped(): i32 { return sinkFailed ? ErrorCode.MemoryLimit : ErrorCode.SyntaxError; }
let sinkFailed = false;

/**
 * Parse `n` UTF-16 units at `ptr` as JSON.parse would, telling `to` each token:
 * ErrorCode.None, SyntaxError with V8's message, RangeError past `maxDepth`,
 * or the sink's error. The WASI command passes its own bit stack, as deep as its line.
 */
export function checkJson(ptr: usize, n: i32, to: JsonSink = checkOnly, bits: usize = kinds, maxDepth: i32 = JSON_MAX_DEPTH): i32 {
  stack = bits;
  start = ptr;
  end = ptr + (<usize>n << 1);
  sink = to;
  sinkFailed = false;
  let depth = 0;
  let p = ws(ptr);
  let afterValue = false;
  while (true) {
    if (!afterValue) {
      p = ws(p);
      if (p >= end) { endOfInput(); return ErrorCode.SyntaxError; }
      const c = at(p);
      if (c == 0x7b || c == 0x5b) {
        if (depth == maxDepth) return tooDeep(maxDepth);
        const object = c == 0x7b;
        setKind(depth++, object);
        if (!tell(object ? Json.OpenObject : Json.OpenArray, 0)) return stopped();
        p = ws(p + 2);
        if (p < end && at(p) == (object ? 0x7d : 0x5d)) {
          p += 2;
          depth--;
          if (!tell(Json.Close, 0)) return stopped();
          afterValue = true;
          continue;
        }
        if (!object) continue;
        if (p >= end || at(p) != 0x22) { fail(Msg.PropertyOrBrace, p); return ErrorCode.SyntaxError; }
        // The first key: a missing colon has its own message.
        p = string(p);
        if (p == 0) return stopped();
        p = ws(p);
        if (p >= end || at(p) != 0x3a) { fail(Msg.Colon, p); return ErrorCode.SyntaxError; }
        p += 2;
        continue;
      }
      const from = p;
      if (c == 0x22) p = string(p);
      else if (c == 0x2d || isDigit(c)) { p = scanNumber(p); if (p != 0 && !tell(Json.Number, from, p)) return stopped(); }
      else if (c == 0x74) { p = scanLiteral(p, Msg.True); if (p != 0 && !tell(Json.True, 0)) return stopped(); }
      else if (c == 0x66) { p = scanLiteral(p, Msg.False); if (p != 0 && !tell(Json.False, 0)) return stopped(); }
      else if (c == 0x6e) { p = scanLiteral(p, Msg.Null); if (p != 0 && !tell(Json.Null, 0)) return stopped(); }
      else p = unexpected(p);
      if (p == 0) return stopped();
      afterValue = true;
      continue;
    }
    p = ws(p);
    if (depth == 0) {
      if (p < end) {
        errBegin();
        msg(Msg.AfterJson);
        errInt(pos(p));
        return ErrorCode.SyntaxError;
      }
      return ErrorCode.None;
    }
    const object = isObjectAt(depth - 1);
    if (p < end && at(p) == 0x2c) {
      p = ws(p + 2);
      afterValue = false;
      if (!object) continue;
      if (p >= end || at(p) != 0x22) { fail(Msg.Property, p); return ErrorCode.SyntaxError; }
      p = string(p);
      if (p == 0) return stopped();
      p = ws(p);
      if (p >= end || at(p) != 0x3a) { unexpected(p); return ErrorCode.SyntaxError; }
      p += 2;
      continue;
    }
    if (p < end && at(p) == (object ? 0x7d : 0x5d)) {
      p += 2;
      depth--;
      if (!tell(Json.Close, 0)) return stopped();
      continue;
    }
    fail(object ? Msg.CommaBrace : Msg.CommaBracket, p);
    return ErrorCode.SyntaxError;
  }
  return ErrorCode.None; // not reached
}

/** Tell the sink a token; false (sinkFailed) when it stops the parse. */
function tell(what: Json, from: usize, to: usize = 0): bool {
  if (sink(what, from, to)) return true;
  sinkFailed = true;
  return false;
}
