// UTF-8 as Node decodes it (TextDecoder): the valid prefix, invalid sequences as
// U+FFFD, and the blank-line test of the input reader.

import { Buf } from "./buf";
import { isJsWhitespace } from "../num/whitespace";

/** Length of the valid UTF-8 prefix of [p, end) (WHATWG rules). */
export function validUtf8Prefix(p: usize, end: usize): usize {
  const start = p;
  while (p < end) {
    // Eight ASCII bytes at a time.
    while (p + 8 <= end && (load<u64>(p) & 0x8080808080808080) == 0) p += 8;
    if (p >= end) break;
    const b = <u32>load<u8>(p);
    if (b < 0x80) { p++; continue; }
    const n = sequenceLength(p, end);
    if (n <= 0) break;
    p += <usize>n;
  }
  return p - start;
}

/** The length of the valid sequence at `p`, or -(bytes of its maximal invalid subpart). */
function sequenceLength(p: usize, end: usize): i32 {
  const b = <u32>load<u8>(p);
  let need = 0;
  let lo: u32 = 0x80, hi: u32 = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b == 0xe0) lo = 0xa0; else if (b == 0xed) hi = 0x9f; }
  else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b == 0xf0) lo = 0x90; else if (b == 0xf4) hi = 0x8f; }
  else return -1;
  for (let i = 1; i <= need; i++) {
    if (p + <usize>i >= end) return -i;
    const c = <u32>load<u8>(p + <usize>i);
    if (c < lo || c > hi) return -i;
    lo = 0x80; hi = 0xbf;
  }
  return need + 1;
}

/** Copy [src, src+len) to `dst` with each invalid sequence replaced by U+FFFD (room: len * 3). Returns bytes written. */
export function sanitizeUtf8(dst: usize, src: usize, len: i32): i32 {
  const end = src + <usize>len;
  let p = src;
  let o = dst;
  while (p < end) {
    const b = <u32>load<u8>(p);
    if (b < 0x80) { store<u8>(o++, <u8>b); p++; continue; }
    const n = sequenceLength(p, end);
    if (n > 0) {
      memory.copy(o, p, <usize>n);
      o += <usize>n;
      p += <usize>n;
    } else {
      store<u8>(o, 0xef); store<u8>(o, 0xbf, 1); store<u8>(o, 0xbd, 2);
      o += 3;
      p += <usize>(-n);
    }
  }
  return <i32>(o - dst);
}

/** Append `len` bytes to `out` as TextDecoder + TextEncoder would pass them (invalid UTF-8 -> U+FFFD). */
export function appendSanitized(out: Buf, src: usize, len: i32): void {
  if (validUtf8Prefix(src, src + <usize>len) == <usize>len) { out.bytes(src, len); return; }
  out.len += sanitizeUtf8(out.reserve(len * 3), src, len);
}

/** Is the UTF-8 line empty after String#trim? (Only called when it does not start with `{`.) */
export function isBlankLine(p: usize, len: i32): bool {
  const end = p + <usize>len;
  while (p < end) {
    const b = <u32>load<u8>(p);
    let cp: u32;
    if (b < 0x80) { cp = b; p++; }
    else if (b < 0xe0) { cp = ((b & 0x1f) << 6) | (<u32>load<u8>(p, 1) & 0x3f); p += 2; }
    else if (b < 0xf0) { cp = ((b & 0x0f) << 12) | ((<u32>load<u8>(p, 1) & 0x3f) << 6) | (<u32>load<u8>(p, 2) & 0x3f); p += 3; }
    else return false;
    if (!isJsWhitespace(cp)) return false;
  }
  return true;
}
