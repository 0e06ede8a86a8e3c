// String.prototype methods (ECMA-262 §22.1.3) over UTF-16 code units (p, n): the
// receiver is already known to be a string. Results that are pieces of the
// receiver share its memory (strings are immutable); new strings go to the
// arena, sized and limit-checked before anything is written.

import { Tag, tagOf, setString, setNumber, setBool, setUndefined } from "../../value";
import { ErrorCode, errBegin, errText, errCodeUnit } from "../../errors";
import {
  argAt, toNumber, integerOrInfinity, stringView, viewPtr, allocString, allocError,
  stringLength, writeString,
} from "./coerce";
import { indexOfUnits, lastIndexOfUnits, matchAt } from "./search";
import { isJsWhitespace } from "../../num/whitespace";

/** Clamp ToIntegerOrInfinity(v) (or `dflt` when v is undefined) into [0, n]. */
function position(v: usize, dflt: i32, n: i32): i32 {
  if (tagOf(v) == Tag.Undefined) return dflt;
  return clampIndex(integerOrInfinity(toNumber(v)), n);
}

// @ts-ignore: decorator
@inline function clampIndex(x: f64, n: i32): i32 {
  return x <= 0 ? 0 : x >= <f64>n ? n : <i32>x;
}

/** A relative index (negative counts from the end) clamped into [0, n]: slice's rule. */
function relative(v: usize, dflt: i32, n: i32): i32 {
  if (tagOf(v) == Tag.Undefined) return dflt;
  const x = integerOrInfinity(toNumber(v));
  return x < 0 ? clampIndex(<f64>n + x, n) : clampIndex(x, n);
}

// @ts-ignore: decorator
@inline function sub(p: usize, from: i32, to: i32, out: usize): i32 {
  setString(out, p + (<usize>from << 1), to > from ? to - from : 0);
  return ErrorCode.None;
}

/** slice(start, end) §22.1.3.22. */
export function slice(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const from = relative(argAt(args, argc, 0), 0, n);
  const to = relative(argAt(args, argc, 1), n, n);
  return sub(p, from, to, out);
}

/** substring(start, end) §22.1.3.25: clamped, then ordered. */
export function substring(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const a = position(argAt(args, argc, 0), 0, n);
  const b = position(argAt(args, argc, 1), n, n);
  return a < b ? sub(p, a, b, out) : sub(p, b, a, out);
}

/** substr(start, length) §B.2.2.1. */
export function substr(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const from = relative(argAt(args, argc, 0), 0, n);
  const lv = argAt(args, argc, 1);
  let count = n - from;
  if (tagOf(lv) != Tag.Undefined) {
    const l = integerOrInfinity(toNumber(lv));
    count = l <= 0 ? 0 : l < <f64>count ? <i32>l : count;
  }
  return sub(p, from, from + count, out);
}

/** The index argument of charAt/charCodeAt/codePointAt, or -1 when outside [0, n). */
function unitIndex(args: usize, argc: i32, n: i32): i32 {
  const x = integerOrInfinity(toNumber(argAt(args, argc, 0)));
  return x < 0 || x >= <f64>n ? -1 : <i32>x;
}

/** charAt(pos) §22.1.3.2. */
export function charAt(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const i = unitIndex(args, argc, n);
  return i < 0 ? sub(p, 0, 0, out) : sub(p, i, i + 1, out);
}

/** charCodeAt(pos) §22.1.3.3: NaN outside the string. */
export function charCodeAt(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const i = unitIndex(args, argc, n);
  setNumber(out, i < 0 ? NaN : <f64>load<u16>(p + (<usize>i << 1)));
  return ErrorCode.None;
}

/** codePointAt(pos) §22.1.3.4: undefined outside the string. */
export function codePointAt(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const i = unitIndex(args, argc, n);
  if (i < 0) { setUndefined(out); return ErrorCode.None; }
  let c = <i32>load<u16>(p + (<usize>i << 1));
  if ((c & 0xfc00) == 0xd800 && i + 1 < n) {
    const d = <i32>load<u16>(p + (<usize>(i + 1) << 1));
    if ((d & 0xfc00) == 0xdc00) c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  setNumber(out, <f64>c);
  return ErrorCode.None;
}

/** at(index) §22.1.3.1: relative index, undefined outside. */
export function at(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  let x = integerOrInfinity(toNumber(argAt(args, argc, 0)));
  if (x < 0) x += <f64>n;
  if (x < 0 || x >= <f64>n) { setUndefined(out); return ErrorCode.None; }
  const i = <i32>x;
  return sub(p, i, i + 1, out);
}

/** indexOf(search, position) §22.1.3.9. */
export function indexOf(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const sl = stringView(argAt(args, argc, 0), 0);
  const from = position(argAt(args, argc, 1), 0, n);
  setNumber(out, <f64>indexOfUnits(p, n, viewPtr, sl, from));
  return ErrorCode.None;
}

/** lastIndexOf(search, position) §22.1.3.11: NaN position means +Infinity. */
export function lastIndexOf(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const sl = stringView(argAt(args, argc, 0), 0);
  const sp = viewPtr;
  const num = toNumber(argAt(args, argc, 1));
  const from = num != num ? n : clampIndex(integerOrInfinity(num), n);
  setNumber(out, <f64>lastIndexOfUnits(p, n, sp, sl, from));
  return ErrorCode.None;
}

/** includes(search, position) §22.1.3.8. */
export function includes(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const sl = stringView(argAt(args, argc, 0), 0);
  const from = position(argAt(args, argc, 1), 0, n);
  setBool(out, indexOfUnits(p, n, viewPtr, sl, from) >= 0);
  return ErrorCode.None;
}

/** startsWith(search, position) §22.1.3.24. */
export function startsWith(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const sl = stringView(argAt(args, argc, 0), 0);
  const start = position(argAt(args, argc, 1), 0, n);
  setBool(out, start + sl <= n && matchAt(p, start, viewPtr, sl));
  return ErrorCode.None;
}

/** endsWith(search, endPosition) §22.1.3.7. */
export function endsWith(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const sl = stringView(argAt(args, argc, 0), 0);
  const end = position(argAt(args, argc, 1), n, n);
  const start = end - sl;
  setBool(out, start >= 0 && matchAt(p, start, viewPtr, sl));
  return ErrorCode.None;
}

// ---------------------------------------------------------------------------
// Trimming: WhiteSpace (§12.2) and LineTerminator (§12.3) code units.

/** TrimString §22.1.3.32.1: start and/or end. */
export function trim(p: usize, n: i32, atStart: bool, atEnd: bool, out: usize): i32 {
  let a = 0, b = n;
  if (atStart) while (a < b && isJsWhitespace(load<u16>(p + (<usize>a << 1)))) a++;
  if (atEnd) while (b > a && isJsWhitespace(load<u16>(p + (<usize>(b - 1) << 1)))) b--;
  return sub(p, a, b, out);
}

// ---------------------------------------------------------------------------
// Building new strings.

/** padStart / padEnd (StringPad §22.1.3.17.2). */
export function pad(p: usize, n: i32, args: usize, argc: i32, atStart: bool, out: usize): i32 {
  // ToLength(maxLength): NaN and negatives -> 0.
  const m = integerOrInfinity(toNumber(argAt(args, argc, 0)));
  if (m <= <f64>n) { setString(out, p, n); return ErrorCode.None; }
  const fv = argAt(args, argc, 1);
  let fp: usize = changetype<usize>(" ");
  let fl = 1;
  if (tagOf(fv) != Tag.Undefined) { fl = stringView(fv, 0); fp = viewPtr; }
  if (fl == 0) { setString(out, p, n); return ErrorCode.None; }
  const total: i64 = m > 2147483647.0 ? <i64>2147483647 << 1 : <i64>m; // beyond any limit
  const dst = allocString(total);
  if (dst == 0) return allocError;
  const fillLen = <i32>total - n;
  const fillAt = atStart ? dst : dst + (<usize>n << 1);
  const strAt = atStart ? dst + (<usize>fillLen << 1) : dst;
  // Fill repeats the filler and truncates the last copy.
  for (let i = 0; i < fillLen; i += fl) {
    const k = fillLen - i < fl ? fillLen - i : fl;
    memory.copy(fillAt + (<usize>i << 1), fp, <usize>k << 1);
  }
  memory.copy(strAt, p, <usize>n << 1);
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

/** repeat(count) §22.1.3.18: RangeError for a negative or infinite count. */
export function repeat(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  const cv = argAt(args, argc, 0);
  const c = integerOrInfinity(toNumber(cv));
  if (c < 0 || c == Infinity) {
    // V8 quotes the argument as given: "x".repeat(" -3 ") -> "Invalid count value:  -3 ".
    errBegin();
    errText("Invalid count value: ");
    const k = stringView(cv, 0);
    for (let i = 0; i < k; i++) errCodeUnit(load<u16>(viewPtr + (<usize>i << 1)));
    return ErrorCode.RangeError;
  }
  if (c == 0 || n == 0) { setString(out, p, 0); return ErrorCode.None; }
  const total = c * <f64>n;
  const dst = allocString(total > 4294967296.0 ? <i64>4294967296 : <i64>total);
  if (dst == 0) return allocError;
  const times = <i32>c;
  for (let i = 0; i < times; i++) memory.copy(dst + (<usize>(i * n) << 1), p, <usize>n << 1);
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

/** concat(...args) §22.1.3.5. */
export function concat(p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  let total: i64 = n;
  for (let i = 0; i < argc; i++) total += stringLength(args + (<usize>i << 4));
  if (total == n) { setString(out, p, n); return ErrorCode.None; }
  const dst = allocString(total);
  if (dst == 0) return allocError;
  memory.copy(dst, p, <usize>n << 1);
  let o = dst + (<usize>n << 1);
  for (let i = 0; i < argc; i++) {
    const v = args + (<usize>i << 4);
    stringLength(v); // numbers: print into the static buffer writeString reads
    o += <usize>writeString(v, o) << 1;
  }
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

/** isWellFormed() §22.1.3.10: no lone surrogates. */
export function isWellFormed(p: usize, n: i32, out: usize): i32 {
  setBool(out, firstLoneSurrogate(p, n) < 0);
  return ErrorCode.None;
}

/** toWellFormed() §22.1.3.31: lone surrogates become U+FFFD. */
export function toWellFormed(p: usize, n: i32, out: usize): i32 {
  let i = firstLoneSurrogate(p, n);
  if (i < 0) { setString(out, p, n); return ErrorCode.None; }
  const dst = allocString(n);
  if (dst == 0) return allocError;
  memory.copy(dst, p, <usize>n << 1);
  while (i >= 0) {
    store<u16>(dst + (<usize>i << 1), 0xfffd);
    const next = firstLoneSurrogate(p + (<usize>(i + 1) << 1), n - i - 1);
    i = next < 0 ? -1 : i + 1 + next;
  }
  setString(out, dst, n);
  return ErrorCode.None;
}

function firstLoneSurrogate(p: usize, n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u16>(p + (<usize>i << 1));
    if ((c & 0xf800) != 0xd800) continue;
    if ((c & 0xfc00) == 0xd800 && i + 1 < n && (<i32>load<u16>(p + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) { i++; continue; }
    return i;
  }
  return -1;
}
