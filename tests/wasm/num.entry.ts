// Test entry for assembly/num: plain i32/f64 wrappers over the allocation-free API.
import { parsedNumber, parseFloatJs, parseIntJs, scanJsonNumber, stringToNumber } from "../../assembly/num/parse";
import {
  FIXED_MAX_UNITS, formatFixed, formatNumber, formatNumberAscii, formatRadix, NUMBER_MAX_UNITS, RADIX_MAX_UNITS,
} from "../../assembly/num/format";
import { pow10, pow10Lo, POW10_MAX_EXP, POW10_MIN_EXP } from "../../assembly/num/pow10";
import { loadPow10Xjb64, xjbPow10Lo } from "../../assembly/num/dtoa";

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

// The shared powers-of-ten table (assembly/num/pow10.ts) as each user loads it.
export function pow10MinExp(): i32 { return POW10_MIN_EXP; }
export function pow10MaxExp(): i32 { return POW10_MAX_EXP; }
/** Lemire's 10^e: high half returned, low half from pow10LoLast(). */
export function pow10Hi(e: i32): u64 { return pow10(e); }
export function pow10LoLast(): u64 { return pow10Lo; }
/** The printer's 10^p: high half returned, low half from xjbLoLast(). */
export function xjbHi(p: i32): u64 { return loadPow10Xjb64(p); }
export function xjbLoLast(): u64 { return xjbPow10Lo; }
export function formatAscii(buf: usize, x: f64): i32 { return formatNumberAscii(buf, x); }
