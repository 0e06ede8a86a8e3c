// replace / replaceAll with string patterns (§22.1.3.19, .20, GetSubstitution
// §22.1.3.19.1) and split(...)[index] (§22.1.3.23) without building the array.
//
// A replacement template is compiled once per call into ops in the arena, so that
// the work per match is proportional to what the match produces: otherwise
// "x".repeat(1e6).replaceAll("", "$&".repeat(3e4)) would scan the template a
// million times while producing nothing.

import { Tag, tagOf, setString, setNumber, setUndefined, numOf, strPtr, strLen } from "../../value";
import { ErrorCode, raise, errBegin, errText, errCodeUnit } from "../../errors";
import { isInheritedArrayKey } from "./array_keys";
import { arenaAlloc } from "../../arena";
import { Limit, limit } from "../../limits";
import { argAt, toNumber, toUint32, stringView, viewPtr, allocString, allocError } from "./coerce";
import { indexOfUnits } from "./search";
import { keyIndex } from "./composite";

const enum Op { Literal = 0, Match = 1, Before = 2, After = 3 }

// The compiled template: ops of 3 i32 (kind, a, b). Literal: a = start in litPtr,
// b = length. Match/Before/After: a = how many times in a row.
let opsPtr: usize = 0;
let opsCount: i32 = 0;
let litPtr: usize = 0;

/** Compile the template (t, tn) for a pattern of length m. Returns an ErrorCode. */
function compileTemplate(t: usize, tn: i32, m: i32): i32 {
  let dollar = false;
  for (let i = 0; i < tn; i++) if (load<u16>(t + (<usize>i << 1)) == 0x24) { dollar = true; break; }
  if (!dollar) {
    // The common case: the template is one literal, used in place.
    litPtr = t;
    opsPtr = scratchOp;
    store<i32>(opsPtr, Op.Literal); store<i32>(opsPtr, 0, 4); store<i32>(opsPtr, tn, 8);
    opsCount = tn > 0 ? 1 : 0;
    return ErrorCode.None;
  }
  litPtr = arenaAlloc(<usize>tn << 1);
  opsPtr = arenaAlloc(<usize>(tn + 1) * 12);
  if (litPtr == 0 || opsPtr == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  opsCount = 0;
  let lit = 0, litStart = 0;
  for (let i = 0; i < tn; i++) {
    const c = load<u16>(t + (<usize>i << 1));
    let kind = -1;
    if (c == 0x24 && i + 1 < tn) {
      const d = load<u16>(t + (<usize>(i + 1) << 1));
      if (d == 0x24) { i++; } // "$$" -> "$"
      else if (d == 0x26) kind = Op.Match;   // $&
      else if (d == 0x60) kind = Op.Before;  // $`
      else if (d == 0x27) kind = Op.After;   // $'
      // "$1", "$<" and a lone "$" stay literal: a string pattern has no captures.
    }
    if (kind < 0) { store<u16>(litPtr + (<usize>lit << 1), c); lit++; continue; }
    i++;
    if (kind == Op.Match && m == 0) continue; // always empty
    if (lit > litStart) { addOp(Op.Literal, litStart, lit - litStart); litStart = lit; }
    const last = opsPtr + <usize>(opsCount - 1) * 12;
    if (opsCount > 0 && load<i32>(last) == kind) store<i32>(last, load<i32>(last, 4) + 1, 4);
    else addOp(kind, 1, 0);
  }
  if (lit > litStart) addOp(Op.Literal, litStart, lit - litStart);
  return ErrorCode.None;
}
const scratchOp = memory.data(12);

function addOp(kind: i32, a: i32, b: i32): void {
  const o = opsPtr + <usize>opsCount * 12;
  store<i32>(o, kind); store<i32>(o, a, 4); store<i32>(o, b, 8);
  opsCount++;
}

/** Length of GetSubstitution for a match at `pos` of length m in a string of length n. */
function substitutionLength(pos: i32, m: i32, n: i32): i64 {
  let len: i64 = 0;
  for (let i = 0; i < opsCount; i++) {
    const o = opsPtr + <usize>i * 12;
    const a = <i64>load<i32>(o, 4);
    switch (load<i32>(o)) {
      case Op.Literal: len += <i64>load<i32>(o, 8); break;
      case Op.Match: len += a * m; break;
      case Op.Before: len += a * pos; break;
      default: len += a * (n - pos - m);
    }
  }
  return len;
}

/** Write GetSubstitution at `dst`; returns the end. */
function writeSubstitution(dst: usize, p: usize, pos: i32, m: i32, n: i32): usize {
  for (let i = 0; i < opsCount; i++) {
    const o = opsPtr + <usize>i * 12;
    const kind = load<i32>(o), a = load<i32>(o, 4);
    if (kind == Op.Literal) {
      const k = <usize>load<i32>(o, 8) << 1;
      memory.copy(dst, litPtr + (<usize>a << 1), k);
      dst += k;
      continue;
    }
    const from = kind == Op.Match ? pos : kind == Op.Before ? 0 : pos + m;
    const k = <usize>(kind == Op.Match ? m : kind == Op.Before ? pos : n - pos - m) << 1;
    for (let j = 0; j < a; j++) { memory.copy(dst, p + (<usize>from << 1), k); dst += k; }
  }
  return dst;
}

/** replace (all = false) or replaceAll of (p, n) into `out`. */
export function replace(p: usize, n: i32, args: usize, argc: i32, all: bool, out: usize): i32 {
  const m = stringView(argAt(args, argc, 0), 0);
  const sp = viewPtr;
  const tn = stringView(argAt(args, argc, 1), 1);
  const tp = viewPtr;
  let pos = indexOfUnits(p, n, sp, m, 0);
  if (pos < 0) { setString(out, p, n); return ErrorCode.None; }
  const e = compileTemplate(tp, tn, m);
  if (e != 0) return e;
  const advance = m > 0 ? m : 1;
  const max = <i64>limit(Limit.EvalStringUnits);
  // Pass 1: the result's length, stopping as soon as it is over the limit.
  let total: i64 = 0;
  let end = 0;
  let at = pos;
  while (at >= 0) {
    total += <i64>(at - end) + substitutionLength(at, m, n);
    if (total > max) break;
    end = at + m;
    if (!all || at + advance > n) break;
    at = indexOfUnits(p, n, sp, m, at + advance);
  }
  total += <i64>(n - end);
  const dst = allocString(total);
  if (dst == 0) return allocError;
  // Pass 2: write.
  let o = dst;
  end = 0;
  at = pos;
  while (at >= 0) {
    const k = <usize>(at - end) << 1;
    memory.copy(o, p + (<usize>end << 1), k);
    o = writeSubstitution(o + k, p, at, m, n);
    end = at + m;
    if (!all || at + advance > n) break;
    at = indexOfUnits(p, n, sp, m, at + advance);
  }
  memory.copy(o, p + (<usize>end << 1), <usize>(n - end) << 1);
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

// ---------------------------------------------------------------------------
// split(separator, limit)[key]

/**
 * The array index a property key denotes (CanonicalNumericIndexString + array
 * index range), -2 for "length", or -1 for any other key (whose value is undefined).
 */
function arrayKey(key: usize): f64 {
  const t = tagOf(key);
  if (t == Tag.Number) {
    const x = numOf(key);
    // ToString(x) is canonical exactly for integers 0 <= x < 2^32 - 1 (and -0 -> "0").
    return x >= 0 && x < 4294967295.0 && x == Math.floor(x) ? x + 0.0 : -1;
  }
  if (t != Tag.String) return -1;
  const p = strPtr(key), n = strLen(key);
  if (n == 6 && memory.compare(p, changetype<usize>("length"), 12) == 0) return -2;
  return keyIndex(p, n);
}

/** TypeError for split(…)[key] where key names an inherited Array property (a function or object in JavaScript). */
function inheritedKey(key: usize): i32 {
  errBegin();
  errText("split(...)[\"");
  const p = strPtr(key), n = strLen(key);
  for (let i = 0; i < n; i++) errCodeUnit(<u32>load<u16>(p + (<usize>i << 1)));
  errText("\"] names an inherited Array property, not an element (not supported)");
  return ErrorCode.TypeError;
}

/** receiver.split(separator, limit)[key]; the receiver is a string. */
export function splitIndex(p: usize, n: i32, args: usize, argc: i32, key: usize, out: usize): i32 {
  const k = arrayKey(key);
  const lv = argAt(args, argc, 1);
  const lim: f64 = tagOf(lv) == Tag.Undefined ? 4294967295.0 : <f64>toUint32(toNumber(lv));
  const sv = argAt(args, argc, 0);
  const m = stringView(sv, 0); // unused when the separator is undefined
  const sp = viewPtr;
  if (k == -1) {
    if (tagOf(key) == Tag.String && isInheritedArrayKey(strPtr(key), strLen(key))) return inheritedKey(key);
    setUndefined(out);
    return ErrorCode.None;
  }
  let count: f64;
  if (lim == 0) count = 0;
  else if (tagOf(sv) == Tag.Undefined) {
    count = 1;
    if (k == 0) { setString(out, p, n); return ErrorCode.None; }
  } else if (m == 0) {
    count = <f64>n < lim ? <f64>n : lim;
    if (k >= 0 && k < count) { setString(out, p + (<usize>(<i32>k) << 1), 1); return ErrorCode.None; }
  } else if (n == 0) {
    count = 1;
    if (k == 0) { setString(out, p, 0); return ErrorCode.None; }
  } else {
    // Walk the pieces up to the wanted one (or all of them for "length").
    count = 0;
    let i = 0;
    let j = indexOfUnits(p, n, sp, m, 0);
    while (true) {
      const endPiece = j < 0 ? n : j;
      if (count == k) { setString(out, p + (<usize>i << 1), endPiece - i); return ErrorCode.None; }
      count++;
      if (j < 0 || count == lim) break;
      i = j + m;
      j = indexOfUnits(p, n, sp, m, i);
    }
  }
  if (k == -2) setNumber(out, count); else setUndefined(out);
  return ErrorCode.None;
}
