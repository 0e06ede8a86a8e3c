// JavaScript's StrWhiteSpaceChar: WhiteSpace and LineTerminator (ECMA-262 12.2, 12.3),
// the set String.prototype.trim, Number() and parseFloat skip. U+180E is not in it
// (it left Unicode category Zs in 6.3, and V8 follows).

import { Char } from "./chars";

export function isJsWhitespace(c: u32): bool {
  if (c < 0x80) return c == Char.SPACE || (c >= <u32>Char.TAB && c <= <u32>Char.CR);
  if (c < 0x1680) return c == 0xa0;
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
    c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/** First code unit at or after `p` that is not whitespace (UTF-16). */
export function skipWhitespace16(p: usize, end: usize): usize {
  while (p < end && isJsWhitespace(<u32>load<u16>(p))) p += 2;
  return p;
}

/** End of the text once trailing whitespace is removed (UTF-16). */
export function trimEnd16(start: usize, end: usize): usize {
  while (end > start && isJsWhitespace(<u32>load<u16>(end - 2))) end -= 2;
  return end;
}
