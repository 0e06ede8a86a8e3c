// String.prototype.toUpperCase / toLowerCase (ECMA-262 §22.1.3.30, .28) with
// V8's results: full Unicode default case mapping (SpecialCasing included, e.g.
// "ß" -> "SS", "İ" -> "i̇") and the Final_Sigma rule, from tables generated from
// V8 itself (unicode_case.ts). Code points are read as UTF-16 (pairs combined,
// lone surrogates passed through). Two passes: measure, then write, so an
// unchanged string is returned as is and nothing is allocated for it.

import { setString } from "../../value";
import { ErrorCode } from "../../errors";
import { allocString, allocError } from "./coerce";
import {
  UPPER_RUNS, UPPER_PLANES, UPPER_MAX_PLANE, LOWER_RUNS, LOWER_PLANES, LOWER_MAX_PLANE,
  DELTAS, DELTA_COUNT, SPECIALS, SPECIAL_UNITS, PROPS, PROP_PLANES, PROP_MAX_PLANE,
} from "./unicode_case";

const SIGMA: i32 = 0x3a3;
const SMALL_SIGMA: i32 = 0x3c3;
const FINAL_SIGMA: i32 = 0x3c2;
// sigmaClass() results besides 0 (neither).
const IGNORABLE: i32 = 1;
const CASED: i32 = 2;

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
    len += m >= 0 ? (m > 0xffff ? 2 : 1) : specialLength();
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
    else o = putSpecial(o);
    i += c > 0xffff ? 2 : 1;
  }
  setString(out, dst, <i32>len);
  return ErrorCode.None;
}

/** The one code point c maps to, or c when its mapping has several units (regex case tables). */
export function simpleCaseMap(c: i32, upper: bool): i32 {
  if (!upper && c == SIGMA) return SMALL_SIGMA;
  const m = c < 0x80 ? mapped(0, 0, 0, c, upper) : mapTable(0, 0, 0, c, upper);
  return m < 0 ? c : m;
}

// The special (multi-unit) mapping found by the last mapped() call.
let specialAt: usize = 0;

/** Mapping of code point c at unit i: the new code point, or -1 for a special (see specialAt). */
// @ts-ignore: decorator
@inline function mapped(p: usize, n: i32, i: i32, c: i32, upper: bool): i32 {
  if (c >= 0x80) return mapTable(p, n, i, c, upper);
  // ASCII fast path, inlined into the loops.
  if (upper) return c >= 0x61 && c <= 0x7a ? c - 32 : c;
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

/** mapped() beyond ASCII: Final_Sigma, then the run tables. */
function mapTable(p: usize, n: i32, i: i32, c: i32, upper: bool): i32 {
  if (!upper && c == SIGMA) return finalSigma(p, n, i) ? FINAL_SIGMA : SMALL_SIGMA;
  // The run record (see unicode_case.ts) at or before c, if it covers c.
  const r = findRecord(upper ? UPPER_RUNS : LOWER_RUNS, 4, upper ? UPPER_PLANES : LOWER_PLANES,
    upper ? UPPER_MAX_PLANE : LOWER_MAX_PLANE, c);
  if (r == 0) return c;
  const v = <i32>load<u8>(r, 2);
  const s = v >> 7; // stride 2
  const off = (c & 0xffff) - <i32>load<u16>(r);
  if (off > (v & 0x7f) << s || (off & s) != 0) return c;
  const code = <i32>load<u8>(r, 3);
  if (code >= DELTA_COUNT) {
    specialAt = SPECIALS + <usize>(code - DELTA_COUNT + (off >> s)) * 3;
    return -1;
  }
  // Deltas are mod 2^16 and stay in c's plane.
  const d = <i32>load<u16>(DELTAS + (<usize>code << 1));
  return (c & ~0xffff) | ((upper ? c + d : c - d) & 0xffff);
}

// @ts-ignore: decorator
@inline function specialLength(): i32 { return load<u8>(specialAt, 2) != 0 ? 3 : 2; }

function putSpecial(o: usize): usize {
  for (let j: usize = 0; j < 3; j++) {
    const u = <usize>load<u8>(specialAt + j); // 1-based index into SPECIAL_UNITS; 0 ends
    if (u == 0) break;
    store<u16>(o, load<u16>(SPECIAL_UNITS + ((u - 1) << 1)));
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
    const k = sigmaClass(c);
    if (k == IGNORABLE) continue;
    before = k == CASED;
    break;
  }
  if (!before) return false;
  j = i + 1;
  while (j < n) {
    const c = codePointAt(p, n, j);
    j += c > 0xffff ? 2 : 1;
    const k = sigmaClass(c);
    if (k != IGNORABLE) return k != CASED;
  }
  return true;
}

/** Final_Sigma class of c: CASED, IGNORABLE (Case_Ignorable) or 0. */
function sigmaClass(c: i32): i32 {
  const r = findRecord(PROPS, 3, PROP_PLANES, PROP_MAX_PLANE, c);
  if (r == 0) return 0;
  const v = <i32>load<u8>(r, 2); // n | cased << 7
  return (c & 0xffff) - <i32>load<u16>(r) <= (v & 0x7f) ? IGNORABLE + (v >> 7) : 0;
}

/**
 * Binary search of records (`size` bytes, led by the u16 low bits of their first
 * code point) in c's plane: the last one starting at or before c, or 0 (no
 * data lives at address 0).
 */
function findRecord(records: usize, size: usize, planes: usize, maxPlane: i32, c: i32): usize {
  const plane = <u32>c >> 16; // c < 0 lands beyond any table
  if (plane > <u32>maxPlane) return 0;
  const at = planes + (<usize>plane << 1);
  const start = <i32>load<u16>(at);
  let lo = start, hi = <i32>load<u16>(at, 2);
  const k = c & 0xffff;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (<i32>load<u16>(records + <usize>mid * size) <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo == start ? 0 : records + <usize>(lo - 1) * size;
}
