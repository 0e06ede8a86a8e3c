// Number -> text exactly as JavaScript's Number::toString() (radix 10) and
// JSON.stringify print it. The shortest round-trip digits and the ECMAScript
// layout come from dtoa.ts (vendored xjb-as; checked against V8 in
// tests/unit/num_format.test.ts), which writes ASCII; this file adapts buffers.
// Nothing here allocates.

import { dtoaAscii } from "./dtoa";

/** Longest Number#toString output ("-1.2345678901234567e-308" is 24 units). */
export const NUMBER_MAX_UNITS: i32 = 32;

// formatNumber's ASCII before widening (dtoaAscii may write up to 26 bytes).
const scratch = memory.data(32);

/** Write String(x) as UTF-16 at `buf` (room for NUMBER_MAX_UNITS units); returns units. */
// @ts-ignore: decorator
@inline export function formatNumber(buf: usize, x: f64): i32 {
  const n = dtoaAscii(scratch, x);
  // Four bytes -> four units per step; writes at most 24 units.
  for (let i = 0; i < n; i += 4) {
    let v = <u64>load<u32>(scratch + <usize>i);
    v = (v | (v << 16)) & 0x0000ffff0000ffff;
    v = (v | (v << 8)) & 0x00ff00ff00ff00ff;
    store<u64>(buf + (<usize>i << 1), v);
  }
  return n;
}

/**
 * String(x) as ASCII bytes at `buf` (room for NUMBER_MAX_UNITS bytes); returns
 * bytes. Bytes after the result, within NUMBER_MAX_UNITS, may be overwritten.
 */
// @ts-ignore: decorator
@inline export function formatNumberAscii(buf: usize, x: f64): i32 {
  return dtoaAscii(buf, x);
}
