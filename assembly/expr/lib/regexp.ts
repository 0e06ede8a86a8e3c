// Regular expression values (issue 17): literals compiled at configure time by
// the engine in assembly/regex/ (imported here only), their properties and text,
// and the methods that search once: re.test, re.exec, s.match, s.search.
// replace, replaceAll and split are in regexp_replace.ts. A regex value is made
// per evaluation in JavaScript, so lastIndex is always 0 where a method starts.

import { Tag, tagOf, strPtr, strLen, setString, setNumber, setBool, setNull, setUndefined, setComposite, copySlot } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { toStringSlot } from "./coerce";
import { allocSlots } from "./composite";
import { beginObject, addEntry, finishObject } from "./object_builder";
import { simpleCaseMap } from "./strcase";
import {
  compileRegex, RegexCompile, search, capture, limitHit, resetSteps, grantSteps, setCaseTable, hasCaseTable, CASE_PLANES_END,
  Flag, STEP_LIMIT, D_FLAGS, D_TEXT, D_TEXT_LEN, D_SOURCE_LEN, D_GROUPS, D_NAMES, D_NAME_COUNT, flagsOf, groupsOf,
} from "../../regex/index";

export { RegexCompile, STEP_LIMIT };

/** Compile a literal (configure time), building the case tables its flags need first. */
export function compileRegexLiteral(source: string, flags: string): RegexCompile {
  if (flags.includes("i")) buildCaseTable(flags.includes("u"));
  return compileRegex(source, flags);
}

/** A value slot for a compiled descriptor. */
export function setRegExp(slot: usize, descriptor: usize): void { setComposite(slot, Tag.RegExp, descriptor, 0); }

/** A new evaluation starts: the regex step budget is full again. */
// @ts-ignore: decorator
@inline export function resetRegexSteps(): void { resetSteps(); }

/** The error of a search stopped by the step limit (or a full backtracking stack). */
export function regexLimit(): i32 {
  return raise(ErrorCode.RegexLimit, "regular expression too expensive: over its step limit (10000000 steps per evaluation, plus 16 per character searched)");
}

function buildCaseTable(unicode: bool): void {
  if (hasCaseTable(unicode)) return;
  const pairs = new Array<i32>();
  const end = unicode ? CASE_PLANES_END : 0x10000;
  for (let c = 0; c < end; c++) {
    let k: i32;
    if (unicode) {
      if (c == 0x130 || c == 0x131) continue; // İ and ı fold only to themselves (simple folding)
      k = simpleCaseMap(simpleCaseMap(c, true), false);
    } else {
      k = simpleCaseMap(c, true);
      if (k > 0xffff || (c >= 128 && k < 128)) k = c;
    }
    if (k != c) { pairs.push(c); pairs.push(k); }
  }
  const p = heap.alloc(<usize>max(pairs.length, 1) << 2);
  for (let i = 0; i < pairs.length; i++) store<i32>(p + (<usize>i << 2), pairs[i]);
  setCaseTable(unicode, p, pairs.length >> 1);
}

// --- text and properties -----------------------------------------------------------

/** ToString: "/source/flags" (static data). */
export function regexText(v: usize, out: usize): void {
  const d = strPtr(v);
  setString(out, <usize>load<u32>(d, D_TEXT), load<i32>(d, D_TEXT_LEN));
}

/** re[key] for a key (p, n) RegExp.prototype has as a value: true with `out` set, else false. */
export function regexProperty(v: usize, p: usize, n: i32, out: usize): bool {
  const d = strPtr(v);
  const f = flagsOf(d);
  if (is(p, n, "source")) { setString(out, <usize>load<u32>(d, D_TEXT) + 2, load<i32>(d, D_SOURCE_LEN)); return true; }
  if (is(p, n, "flags")) {
    const len = load<i32>(d, D_TEXT_LEN) - load<i32>(d, D_SOURCE_LEN) - 2;
    setString(out, <usize>load<u32>(d, D_TEXT) + (<usize>(load<i32>(d, D_TEXT_LEN) - len) << 1), len);
    return true;
  }
  if (is(p, n, "lastIndex")) { setNumber(out, 0); return true; }
  let bit = -1;
  if (is(p, n, "global")) bit = Flag.Global;
  else if (is(p, n, "ignoreCase")) bit = Flag.IgnoreCase;
  else if (is(p, n, "multiline")) bit = Flag.Multiline;
  else if (is(p, n, "dotAll")) bit = Flag.DotAll;
  else if (is(p, n, "unicode")) bit = Flag.Unicode;
  else if (is(p, n, "sticky") || is(p, n, "hasIndices") || is(p, n, "unicodeSets")) bit = 0;
  if (bit < 0) return false;
  setBool(out, (f & bit) != 0);
  return true;
}

function is(p: usize, n: i32, s: string): bool {
  return n == s.length && memory.compare(p, changetype<usize>(s), <usize>n << 1) == 0;
}

// --- searching ---------------------------------------------------------------------

const subject = memory.data(16, 8);

/** ToString of the subject argument into the static `subject` slot. */
function subjectOf(arg: usize): i32 {
  return toStringSlot(arg, subject);
}

/** re.test(s). */
export function regexTest(re: usize, arg: usize, out: usize): i32 {
  const r = subjectOf(arg);
  if (r != ErrorCode.None) return r;
  grantSteps(strLen(subject));
  const found = search(strPtr(re), strPtr(subject), strLen(subject), 0);
  if (limitHit) return regexLimit();
  setBool(out, found);
  return ErrorCode.None;
}

/** s.search(re): the index of the first match, or -1. */
export function regexSearch(re: usize, p: usize, n: i32, out: usize): i32 {
  grantSteps(n);
  const found = search(strPtr(re), p, n, 0);
  if (limitHit) return regexLimit();
  setNumber(out, found ? <f64>capture(0) : -1);
  return ErrorCode.None;
}

/** re.exec(s) (the subject still to convert), or s.match(re) when the subject is a string. */
export function regexExec(re: usize, arg: usize, out: usize): i32 {
  const r = subjectOf(arg);
  if (r != ErrorCode.None) return r;
  return regexMatch(re, strPtr(subject), strLen(subject), false, out);
}

/**
 * s.match(re): without g (or for exec) the match array with index, input and
 * groups, or null; with g every matched text, or null.
 */
export function regexMatch(re: usize, p: usize, n: i32, useGlobal: bool, out: usize): i32 {
  const d = strPtr(re);
  grantSteps(n);
  if (useGlobal && (flagsOf(d) & Flag.Global) != 0) return matchAll(d, p, n, out);
  if (!search(d, p, n, 0)) {
    if (limitHit) return regexLimit();
    setNull(out);
    return ErrorCode.None;
  }
  const groups = groupsOf(d);
  const a = allocSlots(groups + 3);
  if (a == 0) return memoryLimit();
  for (let g = 0; g < groups; g++) captureSlot(a + (<usize>g << 4), p, g);
  // The extra properties after the elements: index, input, groups (see composite.ts).
  const extra = a + (<usize>groups << 4);
  setNumber(extra, <f64>capture(0));
  setString(extra + 16, p, n);
  const names = load<i32>(d, D_NAME_COUNT);
  if (names == 0) setUndefined(extra + 32);
  else {
    if (!beginObject(names)) return ErrorCode.MemoryLimit;
    const list = <usize>load<u32>(d, D_NAMES);
    for (let k = 0; k < names; k++) {
      const e = list + <usize>k * 12;
      setString(keySlot, <usize>load<u32>(e, 4), load<i32>(e, 8));
      addEntry(keySlot, a + (<usize>load<i32>(e) << 4));
    }
    const r = finishObject(extra + 32);
    if (r != ErrorCode.None) return r;
  }
  setComposite(out, Tag.Array, a, groups);
  store<u32>(out, 1, 12); // has the extra properties
  return ErrorCode.None;
}

const keySlot = memory.data(16, 8);

/** Group g of the last match as a string into (p, …), or undefined. */
export function captureSlot(slot: usize, p: usize, g: i32): void {
  const s = capture(g << 1), e = capture((g << 1) + 1);
  if (s < 0 || e < 0) setUndefined(slot);
  else setString(slot, p + (<usize>s << 1), e - s);
}

function matchAll(d: usize, p: usize, n: i32, out: usize): i32 {
  // Two passes: count, then fill (the matches point into the subject).
  let count = 0;
  for (let at = 0; at <= n && search(d, p, n, at); count++) at = nextStart(d, p, n);
  if (limitHit) return regexLimit();
  if (count == 0) { setNull(out); return ErrorCode.None; }
  const a = allocSlots(count);
  if (a == 0) return memoryLimit();
  let at = 0;
  for (let i = 0; i < count; i++) {
    search(d, p, n, at);
    setString(a + (<usize>i << 4), p + (<usize>capture(0) << 1), capture(1) - capture(0));
    at = nextStart(d, p, n);
  }
  if (limitHit) return regexLimit();
  setComposite(out, Tag.Array, a, count);
  return ErrorCode.None;
}

/** Where the next global search starts after the last match: its end, or one character on for an empty match. */
export function nextStart(d: usize, p: usize, n: i32): i32 {
  const e = capture(1);
  if (e != capture(0)) return e;
  if ((flagsOf(d) & Flag.Unicode) != 0 && e + 1 < n && (load<u16>(p + (<usize>e << 1)) & 0xfc00) == 0xd800 &&
      (load<u16>(p + (<usize>(e + 1) << 1)) & 0xfc00) == 0xdc00) return e + 2;
  return e + 1;
}

function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** Whether an array slot is a match array (with index, input and groups after its elements). */
// @ts-ignore: decorator
@inline export function isMatchArray(v: usize): bool { return load<u32>(v, 12) != 0; }

/** match[key] for key index, input or groups; false for other keys. */
export function matchProperty(v: usize, p: usize, n: i32, out: usize): bool {
  const k = is(p, n, "index") ? 0 : is(p, n, "input") ? 1 : is(p, n, "groups") ? 2 : -1;
  if (k < 0) return false;
  copySlot(out, strPtr(v) + (<usize>(strLen(v) + k) << 4));
  return true;
}
