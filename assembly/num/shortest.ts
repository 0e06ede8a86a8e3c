// Number -> text exactly as JavaScript's Number::toString() (radix 10) and
// JSON.stringify print it. The shortest round-trip digits and the ECMAScript
// layout come from xjb-as (checked against V8 in tests/unit/num_format.test.ts);
// this file only adapts buffers. Nothing here allocates.

import { dtoa_buffered } from "xjb-as";

/** Longest Number#toString output ("-1.2345678901234567e-308" is 24 units). */
export const NUMBER_MAX_UNITS: i32 = 32;

// dtoa_buffered stores whole 8-unit blocks and may write past the logical end,
// so it always writes here and only the real length is copied out.
const scratch = memory.data(128);

/** Write String(x) as UTF-16 at `buf` (room for NUMBER_MAX_UNITS units); returns units. */
// @ts-ignore: decorator
@inline export function formatNumber(buf: usize, x: f64): i32 {
  const n = <i32>dtoa_buffered(scratch, x);
  memory.copy(buf, scratch, <usize>n << 1);
  return n;
}

/** String(x) as ASCII bytes at `buf` (room for NUMBER_MAX_UNITS bytes); returns bytes. */
// @ts-ignore: decorator
@inline export function formatNumberAscii(buf: usize, x: f64): i32 {
  const n = <i32>dtoa_buffered(scratch, x);
  for (let i = 0; i < n; i++) store<u8>(buf + <usize>i, load<u8>(scratch + (<usize>i << 1)));
  return n;
}
