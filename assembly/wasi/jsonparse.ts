// JSON.parse's verdict on one input line, without allocating for a valid line:
// the same grammar as V8, read here over UTF-8; for an invalid line, V8's error
// message word for word (since the Node CLI prints it) comes from the checker
// the expressions' JSON.parse uses (json/parse_check.ts), run over the line as
// UTF-16. The members of a top-level object are recorded (last one wins, as
// JSON.parse keeps it). The line must be valid UTF-8 (the caller replaces
// invalid bytes first).

import { Buf } from "./buf";
import { checkJson, Json } from "../json/parse_check";
import { ErrorCode, errPtr, errLen } from "../errors";

const TOK_OBJ: u8 = 1;
const TOK_ARR: u8 = 2;

/** The kind of a JSON value, from its first byte. */
export const enum Kind { Object, Array, String, Number, True, False, Null }

export function kindAt(p: usize): Kind {
  const c = load<u8>(p);
  if (c == 0x7b) return Kind.Object;
  if (c == 0x5b) return Kind.Array;
  if (c == 0x22) return Kind.String;
  if (c == 0x74) return Kind.True;
  if (c == 0x66) return Kind.False;
  if (c == 0x6e) return Kind.Null;
  return Kind.Number;
}

let start: usize = 0;
let end: usize = 0;

/** Why the last line is no message: "not valid JSON (<JSON.parse's message>)" or another reason, as UTF-8. */
export const problem = new Buf();

// Any fault: 0 (the line is invalid; explain() finds V8's message).
// @ts-ignore: decorator
@inline function fail(text: string, p: usize): usize { return 0; }
// @ts-ignore: decorator
@inline function endOfInput(): usize { return 0; }
// @ts-ignore: decorator
@inline function unexpected(p: usize): usize { return 0; }

// Containers: one byte each (1 object, 2 array), grown as needed.
let stackPtr: usize = 0;
let stackCap: i32 = 0;

function push(kind: u8, depth: i32): void {
  if (depth >= stackCap) {
    const cap = max(256, stackCap * 2);
    const next = heap.alloc(<usize>cap);
    if (stackCap > 0) memory.copy(next, stackPtr, <usize>stackCap);
    stackPtr = next;
    stackCap = cap;
  }
  store<u8>(stackPtr + <usize>depth, kind);
}

// @ts-ignore: decorator
@inline function ws(p: usize): usize {
  while (p < end) {
    const c = load<u8>(p);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    p++;
  }
  return p;
}

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }

function isHex(c: u32): bool { return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6; }

// The line as UTF-16 and the checker's bit stack, for explain(); grown as needed.
let units16: usize = 0;
let units16Cap: i32 = 0;
let bits: usize = 0;
let bitsCap: i32 = 0;

function explainOnly(what: Json, from: usize, to: usize): bool { return true; }

/** Set `problem` to "not valid JSON (<V8's message>)": the shared checker reads the line as UTF-16. */
function explain(): bool {
  const len = <i32>(end - start);
  if (len > units16Cap) {
    units16Cap = max(len, units16Cap * 2);
    units16 = heap.alloc(<usize>units16Cap << 1);
  }
  let n = 0;
  let q = start;
  while (q < end) {
    let c = <u32>load<u8>(q);
    let extra = 0;
    if (c >= 0xf0) { c &= 7; extra = 3; } else if (c >= 0xe0) { c &= 15; extra = 2; } else if (c >= 0xc0) { c &= 31; extra = 1; }
    q++;
    for (let k = 0; k < extra; k++) c = (c << 6) | (<u32>load<u8>(q++) & 63);
    if (c >= 0x10000) {
      store<u16>(units16 + (<usize>n << 1), <u16>(0xd800 | ((c - 0x10000) >> 10)));
      n++;
      c = 0xdc00 | (c & 0x3ff);
    }
    store<u16>(units16 + (<usize>n << 1), <u16>c);
    n++;
  }
  const levels = n + 1;
  if ((levels >> 3) + 1 > bitsCap) {
    bitsCap = (levels >> 3) + 1;
    bits = heap.alloc(<usize>bitsCap);
  }
  problem.len = 0;
  problem.ascii("not valid JSON");
  if (checkJson(units16, n, explainOnly, bits, levels) != ErrorCode.None) {
    problem.ascii(" (");
    problem.bytes(errPtr(), errLen());
    problem.byte(0x29);
  }
  return false;
}

/** A string at `p` (its quote); the position after it, or 0. */
const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

/** Does any of the eight bytes of `v` need a look: a quote, a backslash or a control character? */
// @ts-ignore: decorator
@inline function special8(v: u64): bool {
  const q = v ^ (ONES * 0x22);
  const b = v ^ (ONES * 0x5c);
  return ((((q - ONES) & ~q) | ((b - ONES) & ~b) | ((v - ONES * 0x20) & ~v)) & HIGHS) != 0;
}

function scanString(p: usize): usize {
  p++;
  while (true) {
    while (p + 8 <= end && !special8(load<u64>(p))) p += 8;
    if (p >= end) return fail("Unterminated string", p);
    const c = <u32>load<u8>(p);
    if (c == 0x22) return p + 1;
    if (c == 0x5c) {
      p++;
      if (p >= end) return endOfInput();
      const e = <u32>load<u8>(p);
      if (e == 0x75) {
        for (let k = 0; k < 4; k++) {
          p++;
          if (p >= end || !isHex(<u32>load<u8>(p))) return fail("Bad Unicode escape", p);
        }
        p++;
        continue;
      }
      if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) { p++; continue; }
      // V8: a character above U+00FF after the backslash is an unexpected token.
      if (e >= 0xc4) return unexpected(p);
      return fail("Bad escaped character", p);
    }
    if (c < 0x20) return fail("Bad control character in string literal", p);
    p++;
  }
  return 0; // not reached
}

function scanNumber(p: usize): usize {
  if (load<u8>(p) == 0x2d) {
    p++;
    if (p >= end || !isDigit(<u32>load<u8>(p))) return fail("No number after minus sign", p);
  }
  if (load<u8>(p) == 0x30) {
    p++;
    if (p < end && isDigit(<u32>load<u8>(p))) return fail("Unexpected number", p);
  } else {
    while (p < end && isDigit(<u32>load<u8>(p))) p++;
  }
  if (p < end && load<u8>(p) == 0x2e) {
    p++;
    if (p >= end || !isDigit(<u32>load<u8>(p))) return fail("Unterminated fractional number", p);
    while (p < end && isDigit(<u32>load<u8>(p))) p++;
  }
  if (p < end && (load<u8>(p) | 0x20) == 0x65) {
    p++;
    if (p < end && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
    if (p >= end || !isDigit(<u32>load<u8>(p))) return fail("Exponent part is missing a number", p);
    while (p < end && isDigit(<u32>load<u8>(p))) p++;
  }
  return p;
}

function scanLiteral(p: usize, word: string): usize {
  for (let i = 0; i < word.length; i++) {
    if (p >= end) return endOfInput();
    if (<u32>load<u8>(p) != <u32>word.charCodeAt(i)) return unexpected(p);
    p++;
  }
  return p;
}

/** Top-level members found by the last successful parse: key span and value span (byte offsets from the line). */
export let memberCount: i32 = 0;
let members: usize = 0; // 4 × i32 per member
let membersCap: i32 = 0;

function addMember(keyStart: usize, keyEnd: usize, valueStart: usize, valueEnd: usize): void {
  if (memberCount == membersCap) {
    const cap = max(16, membersCap * 2);
    const next = heap.alloc(<usize>cap << 4);
    if (membersCap > 0) memory.copy(next, members, <usize>membersCap << 4);
    members = next;
    membersCap = cap;
  }
  const m = members + (<usize>memberCount << 4);
  store<u32>(m, <u32>(keyStart - start));
  store<u32>(m, <u32>(keyEnd - start), 4);
  store<u32>(m, <u32>(valueStart - start), 8);
  store<u32>(m, <u32>(valueEnd - start), 12);
  memberCount++;
}
export function memberKeyStart(i: i32): u32 { return load<u32>(members + (<usize>i << 4)); }
export function memberKeyEnd(i: i32): u32 { return load<u32>(members + (<usize>i << 4), 4); }
export function memberValueStart(i: i32): u32 { return load<u32>(members + (<usize>i << 4), 8); }
export function memberValueEnd(i: i32): u32 { return load<u32>(members + (<usize>i << 4), 12); }

/**
 * Parse the `len` bytes at `ptr` as JSON.parse would. true: valid (the top-level
 * object's members are recorded); false: `problem` says why.
 */
export function parseLine(ptr: usize, len: i32): bool {
  return scanLine(ptr, len) || explain();
}

function scanLine(ptr: usize, len: i32): bool {
  start = ptr;
  end = ptr + <usize>len;
  memberCount = 0;
  let depth = 0;
  let keyStart: usize = 0, keyEnd: usize = 0, valueStart: usize = 0;
  let p = ws(ptr);
  // States: 0 value expected, 1 after a value.
  let state = 0;
  while (true) {
    if (state == 0) {
      p = ws(p);
      if (depth == 1 && load<u8>(stackPtr) == TOK_OBJ) valueStart = p;
      if (p >= end) return endOfInput() != 0;
      const c = <u32>load<u8>(p);
      if (c == 0x7b) {
        push(TOK_OBJ, depth++);
        p = ws(p + 1);
        if (p < end && load<u8>(p) == 0x7d) { p++; depth--; state = 1; continue; }
        if (p >= end || load<u8>(p) != 0x22) return fail("Expected property name or '}'", p) != 0;
        // First key: a missing colon has its own message.
        const k = p;
        p = scanString(p);
        if (p == 0) return false;
        if (depth == 1) { keyStart = k; keyEnd = p; }
        p = ws(p);
        if (p >= end || load<u8>(p) != 0x3a) return fail("Expected ':' after property name", p) != 0;
        p++;
        continue;
      }
      if (c == 0x5b) {
        push(TOK_ARR, depth++);
        p = ws(p + 1);
        if (p < end && load<u8>(p) == 0x5d) { p++; depth--; state = 1; continue; }
        continue;
      }
      if (c == 0x22) p = scanString(p);
      else if (c == 0x2d || isDigit(c)) p = scanNumber(p);
      else if (c == 0x74) p = scanLiteral(p, "true");
      else if (c == 0x66) p = scanLiteral(p, "false");
      else if (c == 0x6e) p = scanLiteral(p, "null");
      else return unexpected(p) != 0;
      if (p == 0) return false;
      state = 1;
      continue;
    }
    // After a value.
    if (depth == 0) {
      p = ws(p);
      if (p < end) return false;
      return true;
    }
    const top = load<u8>(stackPtr + <usize>(depth - 1));
    if (depth == 1 && top == TOK_OBJ) addMember(keyStart, keyEnd, valueStart, p);
    p = ws(p);
    if (top == TOK_OBJ) {
      if (p < end && load<u8>(p) == 0x2c) {
        p = ws(p + 1);
        if (p >= end || load<u8>(p) != 0x22) return fail("Expected double-quoted property name", p) != 0;
        const k = p;
        p = scanString(p);
        if (p == 0) return false;
        if (depth == 1) { keyStart = k; keyEnd = p; }
        p = ws(p);
        if (p >= end || load<u8>(p) != 0x3a) return unexpected(p) != 0;
        p++;
        state = 0;
        continue;
      }
      if (p < end && load<u8>(p) == 0x7d) { p++; depth--; continue; }
      return fail("Expected ',' or '}' after property value", p) != 0;
    }
    if (p < end && load<u8>(p) == 0x2c) { p++; state = 0; continue; }
    if (p < end && load<u8>(p) == 0x5d) { p++; depth--; continue; }
    return fail("Expected ',' or ']' after array element", p) != 0;
  }
  return false; // not reached
}
