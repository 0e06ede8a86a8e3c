// Character escapes of a pattern (§22.2.1 CharacterEscape, Annex B's identity and
// legacy octal escapes without the u flag): the code point they stand for, with
// the compiler's position moved past them, or V8's error on the compiler.

import { PatternCompiler } from "./parser";

/** The escape at the compiler's position (a backslash); `inClass` inside [...]. */
export function escapeAt(p: PatternCompiler, inClass: bool): i32 {
  const e = p.peek(1);
  p.pos += 2;
  switch (e) {
    case 0x66: return 12;   // \f
    case 0x6e: return 10;   // \n
    case 0x72: return 13;   // \r
    case 0x74: return 9;    // \t
    case 0x76: return 11;   // \v
    case 0x63: {            // \cX
      const x = p.peek();
      if ((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7a) { p.pos++; return x & 31; }
      if (p.unicode) { p.fail("Invalid Unicode escape"); return 0; }
      p.pos--; // a backslash, then `c` as itself
      return 0x5c;
    }
    case 0x30: {
      if (!isDigit(p.peek())) return 0;
      if (p.unicode) { p.fail(inClass ? "Invalid class escape" : "Invalid decimal escape"); return 0; }
      p.pos--;
      return octal(p);
    }
    case 0x78: {            // \xHH
      const a = hexValue(p.peek()), b = hexValue(p.peek(1));
      if (a >= 0 && b >= 0) { p.pos += 2; return (a << 4) | b; }
      if (p.unicode) { p.fail("Invalid escape"); return 0; }
      return e;
    }
    case 0x75: return unicodeEscape(p);
  }
  if (e >= 0x31 && e <= 0x37 && !p.unicode) { p.pos--; return octal(p); }
  if (p.unicode) {
    if (isSyntaxChar(e) || e == 0x2f) return e;
    p.fail("Invalid escape");
    return 0;
  }
  // Identity escape: the character itself (a pair without u is two units, the first here).
  return e;
}

/** Legacy octal: up to three digits, at most 0o377. */
function octal(p: PatternCompiler): i32 {
  let v = p.peek() - 0x30;
  p.pos++;
  if (isOctal(p.peek())) {
    v = v * 8 + p.peek() - 0x30; p.pos++;
    if (v < 32 && isOctal(p.peek())) { v = v * 8 + p.peek() - 0x30; p.pos++; }
  }
  return v;
}

/** After `\u`: four hex digits (a pair of them joined with u), or `{…}` with u. */
function unicodeEscape(p: PatternCompiler): i32 {
  if (p.unicode && p.peek() == 0x7b) {
    let v = 0, i = 1;
    for (; hexValue(p.peek(i)) >= 0; i++) {
      v = v * 16 + hexValue(p.peek(i));
      if (v > 0x10ffff) { p.fail("Invalid Unicode escape"); return 0; }
    }
    if (i == 1 || p.peek(i) != 0x7d) { p.fail("Invalid Unicode escape"); return 0; }
    p.pos += i + 1;
    return v;
  }
  const v = hex4(p, 0);
  if (v < 0) {
    if (p.unicode) { p.fail("Invalid Unicode escape"); return 0; }
    return 0x75;
  }
  p.pos += 4;
  if (p.unicode && (v & 0xfc00) == 0xd800 && p.peek() == 0x5c && p.peek(1) == 0x75) {
    const w = hex4(p, 2);
    if ((w & 0xfc00) == 0xdc00) { p.pos += 6; return 0x10000 + ((v - 0xd800) << 10) + (w - 0xdc00); }
  }
  return v;
}

function hex4(p: PatternCompiler, from: i32): i32 {
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const h = hexValue(p.peek(from + i));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

export function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** ^ $ \ . * + ? ( ) [ ] { } | */
export function isSyntaxChar(c: i32): bool {
  switch (c) {
    case 0x5e: case 0x24: case 0x5c: case 0x2e: case 0x2a: case 0x2b: case 0x3f:
    case 0x28: case 0x29: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x7c: return true;
  }
  return false;
}

function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }
function isOctal(c: i32): bool { return c >= 0x30 && c <= 0x37; }
