// replace and replaceAll with a regular expression (§22.2.6.11 RegExp.prototype
// [@@replace] with a string replacement, GetSubstitution §22.1.3.19.1 with $1 …
// $99 and $<name>), and split(re, limit)[index] (§22.2.6.14 [@@split]).
// A function replacement is not supported (the checker never lets one through).
// Matches are collected first (their captures in the arena), then the result
// is measured and written once.

import { Tag, tagOf, setString, setComposite, strPtr, strLen } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { arenaAlloc } from "../../arena";
import { Limit, limit } from "../../limits";
import { argAt, toNumber, toUint32, stringView, viewPtr, allocString, allocError } from "./coerce";
import { allocSlots, getKey } from "./composite";
import { regexLimit, captureSlot, nextStart } from "./regexp";
import { search, capture, limitHit, grantSteps, Flag, D_NAMES, D_NAME_COUNT, flagsOf, groupsOf } from "../../regex/index";

// Collected matches: `found` records of 2 * groups i32 (start, end of each group).
let records: usize = 0;
let found: i32 = 0;
let room: i32 = 0;
let recordSize: usize = 0;

function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** Collect the first match, or all of them with `all`. Returns an ErrorCode. */
function collect(d: usize, p: usize, n: i32, all: bool): i32 {
  grantSteps(n);
  const groups = groupsOf(d);
  recordSize = <usize>groups << 3;
  found = 0; room = 0; records = 0;
  let at = 0;
  while (at <= n && search(d, p, n, at)) {
    if (found == room) {
      const more = room == 0 ? 8 : room << 1;
      const r = arenaAlloc(<usize>more * recordSize);
      if (r == 0) return memoryLimit();
      if (found > 0) memory.copy(r, records, <usize>found * recordSize);
      records = r; room = more;
    }
    const rec = records + <usize>found * recordSize;
    for (let k = 0; k < groups << 1; k++) store<i32>(rec + (<usize>k << 2), capture(k));
    found++;
    if (!all) break;
    at = nextStart(d, p, n);
  }
  if (limitHit) return regexLimit();
  return ErrorCode.None;
}

// @ts-ignore: decorator
@inline function cap(m: i32, k: i32): i32 { return load<i32>(records + <usize>m * recordSize + (<usize>k << 2)); }

// The replacement template as ops of 3 i32: (LITERAL, start, length) in the template, or (group, 0, 0)
// for a group's text (-2: before the match, -3: after it).
const LITERAL: i32 = -1;
const BEFORE: i32 = -2;
const AFTER: i32 = -3;
let ops: usize = 0;
let opCount: i32 = 0;

function addOp(kind: i32, a: i32, b: i32): void {
  const o = ops + <usize>opCount * 12;
  store<i32>(o, kind); store<i32>(o, a, 4); store<i32>(o, b, 8);
  opCount++;
}

/** Compile GetSubstitution's template (t, tn) for regex `d`. */
function compileTemplate(d: usize, t: usize, tn: i32): i32 {
  ops = arenaAlloc(<usize>(tn + 1) * 12);
  if (ops == 0) return memoryLimit();
  opCount = 0;
  const m = groupsOf(d) - 1;
  const named = load<i32>(d, D_NAME_COUNT) > 0;
  let lit = 0;
  let i = 0;
  while (i < tn) {
    const c = unitAt(t, i);
    if (c != 0x24 || i + 1 >= tn) { i++; continue; }
    const e = unitAt(t, i + 1);
    let kind = -100, used = 0;
    if (e == 0x24) { if (i > lit) addOp(LITERAL, lit, i - lit); lit = i + 1; i += 2; continue; } // "$$": keep one "$"
    if (e == 0x26) { kind = 0; used = 2; }
    else if (e == 0x60) { kind = BEFORE; used = 2; }
    else if (e == 0x27) { kind = AFTER; used = 2; }
    else if (isDigit(e)) {
      let index = e - 0x30, digits = 1;
      if (i + 2 < tn && isDigit(unitAt(t, i + 2))) {
        const two = index * 10 + unitAt(t, i + 2) - 0x30;
        if (two >= 1 && two <= m) { index = two; digits = 2; }
      }
      if (index >= 1 && index <= m) { kind = index; used = 1 + digits; }
    } else if (e == 0x3c && named) {
      let gt = i + 2;
      while (gt < tn && unitAt(t, gt) != 0x3e) gt++;
      if (gt < tn) { kind = groupNamed(d, t + (<usize>(i + 2) << 1), gt - i - 2); used = gt - i + 1; }
    }
    if (kind == -100) { i++; continue; }
    if (i > lit) addOp(LITERAL, lit, i - lit);
    if (kind != -4) addOp(kind, 0, 0);
    i += used;
    lit = i;
  }
  if (tn > lit) addOp(LITERAL, lit, tn - lit);
  return ErrorCode.None;
}

/** The group named (p, n), or -4 (nothing) when there is none. */
function groupNamed(d: usize, p: usize, n: i32): i32 {
  const list = <usize>load<u32>(d, D_NAMES);
  for (let k = 0, count = load<i32>(d, D_NAME_COUNT); k < count; k++) {
    const e = list + <usize>k * 12;
    if (load<i32>(e, 8) == n && memory.compare(<usize>load<u32>(e, 4), p, <usize>n << 1) == 0) return load<i32>(e);
  }
  return -4;
}

// @ts-ignore: decorator
@inline function unitAt(p: usize, i: i32): i32 { return <i32>load<u16>(p + (<usize>i << 1)); }
function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }

/** The span one op takes for match m: start in `spanStart`, length returned (-1: nothing). */
let spanStart: i32 = 0;
function span(o: usize, m: i32, n: i32): i32 {
  const kind = load<i32>(o);
  if (kind == BEFORE) { spanStart = 0; return cap(m, 0); }
  if (kind == AFTER) { spanStart = cap(m, 1); return n - spanStart; }
  const s = cap(m, kind << 1), e = cap(m, (kind << 1) + 1);
  if (s < 0 || e < 0) return 0;
  spanStart = s;
  return e - s;
}

/** s.replace(re, template) and s.replaceAll(re, template) (TypeError for a non-global re). */
export function regexReplace(re: usize, p: usize, n: i32, args: usize, argc: i32, all: bool, out: usize): i32 {
  const d = strPtr(re);
  const global = (flagsOf(d) & Flag.Global) != 0;
  if (all && !global) return raise(ErrorCode.TypeError, "String.prototype.replaceAll called with a non-global RegExp argument");
  const tn = stringView(argAt(args, argc, 1), 1);
  const t = viewPtr;
  let r = collect(d, p, n, global);
  if (r != ErrorCode.None) return r;
  if (found == 0) { setString(out, p, n); return ErrorCode.None; }
  r = compileTemplate(d, t, tn);
  if (r != ErrorCode.None) return r;
  // Measure.
  let total: i64 = 0;
  let last = 0;
  for (let m = 0; m < found; m++) {
    total += <i64>(cap(m, 0) - last);
    for (let k = 0; k < opCount; k++) {
      const o = ops + <usize>k * 12;
      total += load<i32>(o) == LITERAL ? <i64>load<i32>(o, 8) : <i64>span(o, m, n);
    }
    if (total > <i64>limit(Limit.EvalStringUnits)) break;
    last = cap(m, 1);
  }
  total += <i64>(n - last);
  const dst = allocString(total);
  if (dst == 0) return allocError;
  // Write.
  let at = dst;
  last = 0;
  for (let m = 0; m < found; m++) {
    at = copyUnits(at, p, last, cap(m, 0) - last);
    for (let k = 0; k < opCount; k++) {
      const o = ops + <usize>k * 12;
      if (load<i32>(o) == LITERAL) at = copyUnits(at, t, load<i32>(o, 4), load<i32>(o, 8));
      else { const len = span(o, m, n); at = copyUnits(at, p, spanStart, len); }
    }
    last = cap(m, 1);
  }
  copyUnits(at, p, last, n - last);
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

function copyUnits(dst: usize, p: usize, from: i32, len: i32): usize {
  if (len <= 0) return dst;
  memory.copy(dst, p + (<usize>from << 1), <usize>len << 1);
  return dst + (<usize>len << 1);
}

const arraySlot = memory.data(16, 8);

/** s.split(re, limit)[key]: the array of §22.2.6.14, then its element. */
export function regexSplitIndex(re: usize, p: usize, n: i32, args: usize, argc: i32, key: usize, out: usize): i32 {
  const d = strPtr(re);
  const l = argAt(args, argc, 1);
  const lim: u32 = tagOf(l) == Tag.Undefined ? 0xffffffff : toUint32(toNumber(l));
  const groups = groupsOf(d);
  grantSteps(n);
  const r = collectSplit(d, p, n, lim, groups);
  if (r != ErrorCode.None) return r;
  return getKey(arraySlot, key, out);
}

function collectSplit(d: usize, p: usize, n: i32, lim: u32, groups: i32): i32 {
  if (lim == 0) { setComposite(arraySlot, Tag.Array, allocSlots(0), 0); return ErrorCode.None; }
  if (n == 0) {
    const hit = search(d, p, 0, 0) && capture(0) == 0;
    if (limitHit) return regexLimit();
    const a = allocSlots(1);
    if (a == 0) return memoryLimit();
    if (!hit) setString(a, p, 0);
    setComposite(arraySlot, Tag.Array, a, hit ? 0 : 1);
    return ErrorCode.None;
  }
  // Pieces: at most one per position plus the captures of each match, and the tail; grown as needed.
  let cap0 = 8;
  let a = allocSlots(cap0);
  if (a == 0) return memoryLimit();
  let count = 0;
  let last = 0, q = 0;
  while (q < n) {
    if (!search(d, p, n, q)) break;
    const s = capture(0), e = min(capture(1), n);
    if (s >= n) break;
    if (e == last) { q = advance(d, p, n, s); continue; }
    if (count + groups + 1 > cap0) {
      const bigger = allocSlots(<i64>(cap0 << 1) + groups);
      if (bigger == 0) return memoryLimit();
      memory.copy(bigger, a, <usize>count << 4);
      a = bigger; cap0 = (cap0 << 1) + groups;
    }
    setString(a + (<usize>count << 4), p + (<usize>last << 1), s - last);
    count++;
    if (<u32>count == lim) { setComposite(arraySlot, Tag.Array, a, count); return ErrorCode.None; }
    last = e;
    for (let g = 1; g < groups; g++) {
      captureSlot(a + (<usize>count << 4), p, g);
      count++;
      if (<u32>count == lim) { setComposite(arraySlot, Tag.Array, a, count); return ErrorCode.None; }
    }
    q = last;
  }
  if (limitHit) return regexLimit();
  if (count + 1 > cap0) {
    const bigger = allocSlots(count + 1);
    if (bigger == 0) return memoryLimit();
    memory.copy(bigger, a, <usize>count << 4);
    a = bigger;
  }
  setString(a + (<usize>count << 4), p + (<usize>last << 1), n - last);
  setComposite(arraySlot, Tag.Array, a, count + 1);
  return ErrorCode.None;
}

function advance(d: usize, p: usize, n: i32, i: i32): i32 {
  if ((flagsOf(d) & Flag.Unicode) != 0 && i + 1 < n && (load<u16>(p + (<usize>i << 1)) & 0xfc00) == 0xd800 &&
      (load<u16>(p + (<usize>(i + 1) << 1)) & 0xfc00) == 0xdc00) return i + 2;
  return i + 1;
}
