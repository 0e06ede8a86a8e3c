// Test entry for assembly/num: plain i32/f64 wrappers over the allocation-free API.
import { parsedNumber, parseFloatJs, parseIntJs, scanJsonNumber, stringToNumber } from "../../assembly/num/parse";
import {
  FIXED_MAX_UNITS, formatFixed, formatNumber, formatRadix, NUMBER_MAX_UNITS, RADIX_MAX_UNITS,
} from "../../assembly/num/format";

/** Scratch block for tests to write input into / read output from. */
export function alloc(bytes: i32): usize { return heap.alloc(<usize>bytes); }
/** Top of the bump allocator: unchanged across calls proves nothing allocates. */
export function heapTop(): usize { return heap.alloc(0); }

/** JSON number in UTF-8 [ptr, ptr+len): bytes consumed, or -1 when none. */
export function jsonNumber(ptr: usize, len: i32): i32 {
  const end = scanJsonNumber(ptr, ptr + <usize>len);
  return end == 0 ? -1 : <i32>(end - ptr);
}
export function jsonNumberValue(): f64 { return parsedNumber; }
export function toNumber(ptr: usize, len: i32): f64 { return stringToNumber(ptr, len); }
export function parseFloat16(ptr: usize, len: i32): f64 { return parseFloatJs(ptr, len); }
export function parseInt16(ptr: usize, len: i32, radix: i32): f64 { return parseIntJs(ptr, len, radix); }

export function format(buf: usize, x: f64): i32 { return formatNumber(buf, x); }
export function fixed(buf: usize, x: f64, digits: i32): i32 { return formatFixed(buf, x, digits); }
export function radix(buf: usize, x: f64, r: i32): i32 { return formatRadix(buf, x, r); }
export function numberMaxUnits(): i32 { return NUMBER_MAX_UNITS; }
export function fixedMaxUnits(): i32 { return FIXED_MAX_UNITS; }
export function radixMaxUnits(): i32 { return RADIX_MAX_UNITS; }
