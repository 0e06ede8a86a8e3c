// JavaScript type conversions and equality over Value slots (ECMA-262 §7.1, §7.2).
// ToNumeric is ToNumber (no BigInt); ToPrimitive of an array or object is its
// text (join.ts), which the operators and built-ins apply before these run. Nothing allocates on the AssemblyScript heap: number text goes
// through a static buffer, then into the evaluation arena.

import { Tag, tagOf, numOf, strPtr, strLen, setString, isComposite } from "../../value";
import { arenaAlloc } from "../../arena";
import { Limit, limit } from "../../limits";
import { ErrorCode, raise } from "../../errors";
import { stringToNumber } from "../../num/parse";
import { formatNumber } from "../../num/format";
import { compositeToString, compositeToNumber } from "./join";

/** ToBoolean (§7.1.2). */
// @ts-ignore: decorator
@inline export function truthy(v: usize): bool {
  switch (tagOf(v)) {
    case Tag.Boolean: return numOf(v) != 0;
    case Tag.Number: { const n = numOf(v); return n == n && n != 0; }
    case Tag.String: return strLen(v) > 0;
    case Tag.Undefined: case Tag.Null: return false;
    default: return true; // arrays and objects
  }
}

/** ToNumber (§7.1.4). */
export function toNumber(v: usize): f64 {
  switch (tagOf(v)) {
    case Tag.Number:
    case Tag.Boolean: return numOf(v);
    case Tag.String: return stringToNumber(strPtr(v), strLen(v));
    case Tag.Null: return 0;
    case Tag.Undefined: return NaN;
    default: return compositeToNumber(v);
  }
}

/** ToIntegerOrInfinity (§7.1.5) of a slot. */
export function toIntegerOrInfinity(v: usize): f64 {
  return integerOrInfinity(toNumber(v));
}

/** ToIntegerOrInfinity of a number: NaN -> 0, truncate toward zero, -0 -> +0. */
// @ts-ignore: decorator
@inline export function integerOrInfinity(n: f64): f64 {
  if (n != n) return 0;
  return trunc(n) + 0.0;
}

/** ToInt32 (§7.1.6): modulo 2^32, non-finite -> 0. */
export function toInt32(n: f64): i32 {
  // i64 truncation is exact below 2^63; larger values are first reduced modulo
  // 2^32 with fmod, which is exact too.
  if (!isFinite(n)) return 0;
  if (abs(n) >= 9.2e18) n = n % 4294967296.0;
  return <i32><i64>n;
}

/** ToUint32 (§7.1.7). */
// @ts-ignore: decorator
@inline export function toUint32(n: f64): u32 { return <u32>toInt32(n); }

/** ToUint16 (§7.1.9). */
// @ts-ignore: decorator
@inline export function toUint16(n: f64): u32 { return <u32>toInt32(n) & 0xffff; }

// Static buffer for one number's text before it is copied to its destination.
const numberText = memory.data(64); // >= NUMBER_MAX_UNITS units

/**
 * Write ToString(n) into the static number buffer; returns its length in units.
 * The text stays valid until the next call.
 */
export function numberToText(n: f64): i32 {
  return formatNumber(numberText, n);
}
// @ts-ignore: decorator
@inline export function numberTextPtr(): usize { return numberText; }

/**
 * ToString (§7.1.17) into `out`. Strings are shared, literals are static data,
 * numbers are printed into the arena (MemoryLimit if it is full).
 */
export function toStringSlot(v: usize, out: usize): i32 {
  switch (tagOf(v)) {
    case Tag.String: {
      const p = strPtr(v), n = strLen(v);
      setString(out, p, n);
      return ErrorCode.None;
    }
    case Tag.Number: {
      const n = numberToText(numOf(v));
      const dst = arenaAlloc(<usize>n << 1);
      if (dst == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
      memory.copy(dst, numberText, <usize>n << 1);
      setString(out, dst, n);
      return ErrorCode.None;
    }
    case Tag.Boolean: {
      if (numOf(v) != 0) setLiteral(out, "true"); else setLiteral(out, "false");
      return ErrorCode.None;
    }
    case Tag.Null: { setLiteral(out, "null"); return ErrorCode.None; }
    case Tag.Undefined: { setLiteral(out, "undefined"); return ErrorCode.None; }
    default: return compositeToString(v, out);
  }
}

/** Point a slot at a string literal's static UTF-16 data. */
// @ts-ignore: decorator
@inline export function setLiteral(out: usize, s: string): void {
  setString(out, changetype<usize>(s), s.length);
}

/**
 * Length in code units of ToString(v) without building it; for numbers the text
 * is left in the static number buffer.
 */
export function stringLength(v: usize): i32 {
  switch (tagOf(v)) {
    case Tag.String: return strLen(v);
    case Tag.Number: return numberToText(numOf(v));
    case Tag.Boolean: return numOf(v) != 0 ? 4 : 5;
    case Tag.Null: return 4;
    default: return 9;
  }
}

/**
 * Copy ToString(v) to `dst` (room for stringLength(v) units, which must have been
 * called just before for numbers). Returns the units written.
 */
export function writeString(v: usize, dst: usize): i32 {
  switch (tagOf(v)) {
    case Tag.String: {
      const n = strLen(v);
      memory.copy(dst, strPtr(v), <usize>n << 1);
      return n;
    }
    case Tag.Number: {
      const n = numberToText(numOf(v));
      memory.copy(dst, numberText, <usize>n << 1);
      return n;
    }
    case Tag.Boolean: return writeLiteral(dst, numOf(v) != 0 ? "true" : "false");
    case Tag.Null: return writeLiteral(dst, "null");
    default: return writeLiteral(dst, "undefined");
  }
}

function writeLiteral(dst: usize, s: string): i32 {
  const n = s.length;
  memory.copy(dst, changetype<usize>(s), <usize>n << 1);
  return n;
}

/** Code-unit equality of two UTF-16 strings. */
export function sameUnits(p: usize, n: i32, q: usize, m: i32): bool {
  if (n != m) return false;
  if (p == q) return true;
  return memory.compare(p, q, <usize>n << 1) == 0;
}

/** IsStrictlyEqual (§7.2.15). */
export function strictEquals(a: usize, b: usize): bool {
  const t = tagOf(a);
  if (t != tagOf(b)) return false;
  switch (t) {
    case Tag.Number:
    case Tag.Boolean: return numOf(a) == numOf(b);
    case Tag.String: return sameUnits(strPtr(a), strLen(a), strPtr(b), strLen(b));
    case Tag.Undefined: case Tag.Null: return true;
    default: return strPtr(a) == strPtr(b); // the same array or object
  }
}

/** IsLooselyEqual (§7.2.14) for primitives, and arrays or objects against each other or nullish. */
export function looseEquals(a: usize, b: usize): bool {
  const ta = tagOf(a), tb = tagOf(b);
  if (ta == tb) return strictEquals(a, b);
  const an = ta == Tag.Undefined || ta == Tag.Null;
  const bn = tb == Tag.Undefined || tb == Tag.Null;
  if (an || bn) return an && bn;
  if (isComposite(ta) || isComposite(tb)) return false; // the operators take ToPrimitive first
  // Number, String, Boolean in any mix: both sides go through ToNumber.
  return toNumber(a) == toNumber(b);
}

/** undefined or null (for `??`). */
// @ts-ignore: decorator
@inline export function isNullish(v: usize): bool {
  const t = tagOf(v);
  return t == Tag.Undefined || t == Tag.Null;
}

/**
 * Reserve room for a result string of `units` code units: StringLimit if it is
 * longer than the evaluation limit, MemoryLimit if the arena is full. Returns the
 * address, or 0 with the error message set (the code is in `allocError`).
 */
export let allocError: i32 = 0;
export function allocString(units: i64): usize {
  if (units > <i64>limit(Limit.EvalStringUnits)) {
    allocError = raise(ErrorCode.StringLimit, "string longer than the evaluation limit");
    return 0;
  }
  if (units == 0) return changetype<usize>(""); // any valid address works for empty
  const p = arenaAlloc(<usize>units << 1);
  if (p == 0) allocError = raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  return p;
}

// ---------------------------------------------------------------------------
// Arguments of built-ins and methods.

// A slot holding undefined (all zeros): a missing argument reads as this.
const UNDEFINED_SLOT = memory.data(16);

/** Address of argument i, or of an undefined slot when fewer were passed. */
// @ts-ignore: decorator
@inline export function argAt(args: usize, argc: i32, i: i32): usize {
  return i < argc ? args + (<usize>i << 4) : UNDEFINED_SLOT;
}

// Three static buffers for number text, so up to three arguments can be viewed
// as strings at once without copying them anywhere.
const viewBuffers = memory.data(3 * 64);
/** Start of the text of the last stringView call. */
export let viewPtr: usize = 0;

/**
 * ToString(v) as a view: sets viewPtr and returns the length in units. Strings
 * are not copied; numbers are printed into static buffer `k` (0, 1 or 2), which
 * stays valid until the next view with the same `k`.
 */
export function stringView(v: usize, k: i32): i32 {
  switch (tagOf(v)) {
    case Tag.String: viewPtr = strPtr(v); return strLen(v);
    case Tag.Number: {
      const buf = viewBuffers + (<usize>k << 6);
      viewPtr = buf;
      return formatNumber(buf, numOf(v));
    }
    case Tag.Boolean: return viewLiteral(numOf(v) != 0 ? "true" : "false");
    case Tag.Null: return viewLiteral("null");
    default: return viewLiteral("undefined");
  }
}

function viewLiteral(s: string): i32 {
  viewPtr = changetype<usize>(s);
  return s.length;
}
