// String.prototype.toUpperCase / toLowerCase (ECMA-262 §22.1.3.30, .28) with
// V8's results: full Unicode default case mapping (SpecialCasing included, e.g.
// "ß" -> "SS", "İ" -> "i̇") and the Final_Sigma rule, from tables generated from
// V8 itself (unicode_case.ts). Code points are read as UTF-16 (pairs combined,
// lone surrogates passed through). Two passes: measure, then write, so an
// unchanged string is returned as is and nothing is allocated for it.

import { setString } from "../value";
import { ErrorCode } from "../errors";
import { allocString, allocError } from "./coerce";
import {
  UPPER_RUNS, UPPER_RUN_COUNT, UPPER_SPECIALS, UPPER_SPECIAL_COUNT,
  LOWER_RUNS, LOWER_RUN_COUNT, LOWER_SPECIALS, LOWER_SPECIAL_COUNT,
  CASED, CASED_COUNT, IGNORABLE, IGNORABLE_COUNT,
} from "./unicode_case";

const SIGMA: i32 = 0x3a3;
const SMALL_SIGMA: i32 = 0x3c3;
const FINAL_SIGMA: i32 = 0x3c2;

/** toUpperCase (upper = true) or toLowerCase of (p, n) into `out`. */
export function changeCase(p: usize, n: i32, upper: bool, out: usize): i32 {
  // Pass 1: result length, and whether anything changes at all.
  let len: i64 = 0;
  let changed = false;
  for (let i = 0; i < n; ) {
    const c = codePointAt(p, n, i);
    const w = c > 0xffff ? 2 : 1;
    const m = mapped(p, n, i, c, upper);
    if (m != c) changed = true;
    len += m >= 0 ? (m > 0xffff ? 2 : 1) : specialLength(upper);
    i += w;
  }
  if (!changed) { setString(out, p, n); return ErrorCode.None; }
  const dst = allocString(len);
  if (dst == 0) return allocError;
  // Pass 2: write.
  let o: usize = dst;
  for (let i = 0; i < n; ) {
    const c = codePointAt(p, n, i);
    const m = mapped(p, n, i, c, upper);
    if (m >= 0) o = putCodePoint(o, m);
    else o = putSpecial(o, upper);
    i += c > 0xffff ? 2 : 1;
  }
  setString(out, dst, <i32>len);
  return ErrorCode.None;
}

// The special (multi-unit) mapping found by the last mapped() call.
let specialAt: usize = 0;

/** Mapping of code point c at unit i: the new code point, or -1 for a special (see specialAt). */
function mapped(p: usize, n: i32, i: i32, c: i32, upper: bool): i32 {
  if (c < 0x80) {
    // ASCII fast path.
    if (upper) return c >= 0x61 && c <= 0x7a ? c - 32 : c;
    return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  }
  if (upper) {
    const s = findSpecial(UPPER_SPECIALS, UPPER_SPECIAL_COUNT, c);
    if (s != 0) { specialAt = s; return -1; }
    return mapRun(UPPER_RUNS, UPPER_RUN_COUNT, c);
  }
  if (c == SIGMA) return finalSigma(p, n, i) ? FINAL_SIGMA : SMALL_SIGMA;
  const s = findSpecial(LOWER_SPECIALS, LOWER_SPECIAL_COUNT, c);
  if (s != 0) { specialAt = s; return -1; }
  return mapRun(LOWER_RUNS, LOWER_RUN_COUNT, c);
}

// @ts-ignore: decorator
@inline function specialLength(upper: bool): i32 { return load<i32>(specialAt, 4); }

function putSpecial(o: usize, upper: bool): usize {
  const k = load<i32>(specialAt, 4);
  for (let j = 0; j < k; j++) {
    store<u16>(o, <u16>load<i32>(specialAt + 8 + (<usize>j << 2)));
    o += 2;
  }
  return o;
}

function putCodePoint(o: usize, c: i32): usize {
  if (c <= 0xffff) { store<u16>(o, <u16>c); return o + 2; }
  const v = c - 0x10000;
  store<u16>(o, <u16>(0xd800 | (v >> 10)));
  store<u16>(o + 2, <u16>(0xdc00 | (v & 0x3ff)));
  return o + 4;
}

/** CodePointAt (§11.1.4): a surrogate pair combined, a lone surrogate as is. */
export function codePointAt(p: usize, n: i32, i: i32): i32 {
  const a = <i32>load<u16>(p + (<usize>i << 1));
  if ((a & 0xfc00) != 0xd800 || i + 1 >= n) return a;
  const b = <i32>load<u16>(p + (<usize>(i + 1) << 1));
  if ((b & 0xfc00) != 0xdc00) return a;
  return 0x10000 + ((a - 0xd800) << 10) + (b - 0xdc00);
}

/** Code point ending just before unit i (a pair combined); -1 at the start. */
function codePointBefore(p: usize, i: i32): i32 {
  if (i <= 0) return -1;
  const b = <i32>load<u16>(p + (<usize>(i - 1) << 1));
  if ((b & 0xfc00) != 0xdc00 || i < 2) return b;
  const a = <i32>load<u16>(p + (<usize>(i - 2) << 1));
  if ((a & 0xfc00) != 0xd800) return b;
  return 0x10000 + ((a - 0xd800) << 10) + (b - 0xdc00);
}

/**
 * Final_Sigma (Unicode §3.13, Table 3-17): preceded by a cased letter (case-
 * ignorables skipped) and not followed by one (case-ignorables skipped).
 */
function finalSigma(p: usize, n: i32, i: i32): bool {
  let j = i;
  let before = false;
  while (j > 0) {
    const c = codePointBefore(p, j);
    j -= c > 0xffff ? 2 : 1;
    if (inRanges(IGNORABLE, IGNORABLE_COUNT, c)) continue;
    before = inRanges(CASED, CASED_COUNT, c);
    break;
  }
  if (!before) return false;
  j = i + 1;
  while (j < n) {
    const c = codePointAt(p, n, j);
    j += c > 0xffff ? 2 : 1;
    if (inRanges(IGNORABLE, IGNORABLE_COUNT, c)) continue;
    return !inRanges(CASED, CASED_COUNT, c);
  }
  return true;
}

/** Binary search of runs (4 i32: first, last, delta, stride); c unchanged if none applies. */
function mapRun(table: usize, count: i32, c: i32): i32 {
  let lo = 0, hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = table + (<usize>mid << 4);
    if (c < load<i32>(r)) hi = mid - 1;
    else if (c > load<i32>(r, 4)) lo = mid + 1;
    else {
      const stride = load<i32>(r, 12);
      return (c - load<i32>(r)) % stride == 0 ? c + load<i32>(r, 8) : c;
    }
  }
  return c;
}

/** Binary search of specials (5 i32 each); the entry's address or 0. */
function findSpecial(table: usize, count: i32, c: i32): usize {
  let lo = 0, hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = table + <usize>mid * 20;
    const k = load<i32>(r);
    if (c < k) hi = mid - 1;
    else if (c > k) lo = mid + 1;
    else return r;
  }
  return 0;
}

/** Binary search of inclusive ranges (2 i32 each). */
function inRanges(table: usize, count: i32, c: i32): bool {
  let lo = 0, hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = table + (<usize>mid << 3);
    if (c < load<i32>(r)) hi = mid - 1;
    else if (c > load<i32>(r, 4)) lo = mid + 1;
    else return true;
  }
  return false;
}
