// Arrays and objects (issue 17): built in the evaluation arena and never changed
// afterwards. An array is `len` value slots; an object is `len` entries of a key
// (a string slot) and a value slot, in V8's order: array-index keys ascending,
// then the other keys in insertion order (OrdinaryOwnPropertyKeys §10.1.11.1).
// Reading a property (`a[i]`, `o.k`, `s[0]`) and `in` for every type are here too.

import { Tag, tagOf, numOf, strPtr, strLen, setString, setNumber, setBool, setUndefined, setComposite, copySlot, isComposite } from "../../value";
import { arenaAlloc } from "../../arena";
import { ErrorCode, raise, errBegin, errText, errUnits } from "../../errors";
import { toStringSlot } from "./coerce";
import { isInheritedKey } from "./prototype_keys";
import { beginObject, addEntry, finishObject } from "./object_builder";
import { regexProperty, isMatchArray, matchProperty } from "./regexp";

/** Marks a spread element on the stack (tag | SPREAD): MakeArray copies its elements. */
export const SPREAD: u32 = 0x100;

/** Room for `count` slots (at least one: every composite has its own address); 0 when the arena is full. */
export function allocSlots(count: i64): usize {
  if (count > 0x7ffffff) return 0;
  return arenaAlloc(<usize>(count > 0 ? count : 1) << 4);
}

// @ts-ignore: decorator
@inline function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** The array index a UTF-16 key denotes (canonical, 0 .. 2^32 - 2), else -1. */
export function keyIndex(p: usize, n: i32): f64 {
  if (n == 0 || n > 10) return -1;
  const c0 = load<u16>(p);
  if (c0 == 0x30) return n == 1 ? 0 : -1; // "0" yes, "01" no
  let v: f64 = 0;
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u16>(p + (<usize>i << 1)) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + <f64>c;
  }
  return v < 4294967295.0 ? v : -1;
}

/** The array index a number key denotes (its ToString is canonical), else -1. */
// @ts-ignore: decorator
@inline function numberIndex(x: f64): f64 {
  return x >= 0 && x < 4294967295.0 && x == Math.floor(x) ? x + 0.0 : -1;
}

// @ts-ignore: decorator
@inline function isLength(p: usize, n: i32): bool {
  return n == 6 && memory.compare(p, changetype<usize>("length"), 12) == 0;
}

/** ToPropertyKey (§7.1.19): `key` as a string slot in `out` (numbers printed to the arena). */
export function toKey(key: usize, out: usize): i32 {
  if (tagOf(key) == Tag.String) { copySlot(out, key); return ErrorCode.None; }
  return toStringSlot(key, out);
}

// --- building ------------------------------------------------------------------

/**
 * The array of the `count` slots at `base`; a slot tagged `| SPREAD` (by spread())
 * contributes its elements. `out` may be `base`.
 */
export function makeArray(base: usize, count: i32, out: usize): i32 {
  let total: i64 = 0;
  for (let i = 0; i < count; i++) {
    const s = base + (<usize>i << 4);
    total += (load<u32>(s) & SPREAD) != 0 ? <i64>strLen(s) : 1;
  }
  const dst = allocSlots(total);
  if (dst == 0) return memoryLimit();
  let at = dst;
  for (let i = 0; i < count; i++) {
    const s = base + (<usize>i << 4);
    if ((load<u32>(s) & SPREAD) != 0) {
      const bytes = <usize>strLen(s) << 4;
      memory.copy(at, strPtr(s), bytes);
      at += bytes;
    } else {
      copySlot(at, s);
      at += 16;
    }
  }
  setComposite(out, Tag.Array, dst, <i32>total);
  return ErrorCode.None;
}

/**
 * `...v` in an array literal or a call: an array stays as it is, a string
 * becomes its code points (§22.1.5.1); the slot is marked SPREAD. Anything else
 * is not iterable (TypeError).
 */
export function spread(v: usize): i32 {
  const t = tagOf(v);
  if (t == Tag.String) {
    const r = codePoints(v, v);
    if (r != ErrorCode.None) return r;
  } else if (t != Tag.Array) {
    return notIterable(v);
  }
  store<u32>(v, Tag.Array | SPREAD);
  return ErrorCode.None;
}

/** The code points of string `s` as an array of strings that point into it. */
export function codePoints(s: usize, out: usize): i32 {
  const p = strPtr(s), n = strLen(s);
  let count = 0;
  for (let i = 0; i < n; i++, count++) if (pairAt(p, n, i)) i++;
  const dst = allocSlots(count);
  if (dst == 0) return memoryLimit();
  let at = dst;
  for (let i = 0; i < n; i++) {
    const w = pairAt(p, n, i) ? 2 : 1;
    setString(at, p + (<usize>i << 1), w);
    at += 16;
    i += w - 1;
  }
  setComposite(out, Tag.Array, dst, count);
  return ErrorCode.None;
}

// @ts-ignore: decorator
@inline function pairAt(p: usize, n: i32, i: i32): bool {
  const c = load<u16>(p + (<usize>i << 1));
  if (c < 0xd800 || c > 0xdbff || i + 1 >= n) return false;
  const d = load<u16>(p + (<usize>(i + 1) << 1));
  return d >= 0xdc00 && d <= 0xdfff;
}

/** TypeError "<type> <value> is not iterable (…)", V8's text for Object.fromEntries and spreads. */
export function notIterable(v: usize): i32 {
  errBegin();
  switch (tagOf(v)) {
    case Tag.Undefined: case Tag.Null: errText("undefined is not iterable"); return ErrorCode.TypeError;
    case Tag.Number: errText("number "); errValue(v); break;
    case Tag.Boolean: errText("boolean "); errValue(v); break;
    default: errText("object");
  }
  errText(" is not iterable (cannot read property Symbol(Symbol.iterator))");
  return ErrorCode.TypeError;
}

/**
 * The object of the `pairs` key, value slot pairs at `base` (keys are converted
 * with ToPropertyKey in place, in order). `out` may be `base`.
 */
export function makeObject(base: usize, pairs: i32, out: usize): i32 {
  for (let i = 0; i < pairs; i++) {
    const k = base + (<usize>i << 5);
    const r = toKey(k, k);
    if (r != ErrorCode.None) return r;
  }
  if (!beginObject(pairs)) return ErrorCode.MemoryLimit;
  for (let i = 0; i < pairs; i++) addEntry(base + (<usize>i << 5), base + (<usize>i << 5) + 16);
  return finishObject(out);
}

/** The entry whose key is (p, n), or 0. */
export function findEntry(entries: usize, count: i32, p: usize, n: i32): usize {
  for (let i = 0; i < count; i++) {
    const e = entries + (<usize>i << 5);
    if (strLen(e) == n && (strPtr(e) == p || memory.compare(strPtr(e), p, <usize>n << 1) == 0)) return e;
  }
  return 0;
}

// --- reading -------------------------------------------------------------------

const keySlot = memory.data(16, 8);

/** receiver[key] (and receiver.name): an element, a character, "length", an own property, or undefined. */
export function getKey(receiver: usize, key: usize, out: usize): i32 {
  const t = tagOf(receiver);
  if (t == Tag.Undefined || t == Tag.Null) return cannotRead(receiver, key);
  if (tagOf(key) == Tag.Number && (t == Tag.Array || t == Tag.String)) {
    const i = numberIndex(numOf(key));
    if (i >= 0) return element(receiver, i, out);
    setUndefined(out); // "-1", "1.5", "NaN" … name nothing an array or string has
    return ErrorCode.None;
  }
  const r = toKey(key, keySlot);
  if (r != ErrorCode.None) return r;
  const p = strPtr(keySlot), n = strLen(keySlot);
  switch (t) {
    case Tag.Array: case Tag.String: {
      const i = keyIndex(p, n);
      if (i >= 0) return element(receiver, i, out);
      if (isLength(p, n)) { setNumber(out, <f64>strLen(receiver)); return ErrorCode.None; }
      if (t == Tag.Array && isMatchArray(receiver) && matchProperty(receiver, p, n, out)) return ErrorCode.None;
      break;
    }
    case Tag.RegExp:
      if (regexProperty(receiver, p, n, out)) return ErrorCode.None;
      break;
    case Tag.Object: {
      const e = findEntry(strPtr(receiver), strLen(receiver), p, n);
      if (e != 0) { copySlot(out, e + 16); return ErrorCode.None; }
      break;
    }
  }
  if (isInheritedKey(t, p, n)) return inherited(p, n);
  setUndefined(out);
  return ErrorCode.None;
}

function element(receiver: usize, i: f64, out: usize): i32 {
  if (i >= <f64>strLen(receiver)) { setUndefined(out); return ErrorCode.None; }
  const k = <usize>(<i32>i);
  if (tagOf(receiver) == Tag.String) setString(out, strPtr(receiver) + (k << 1), 1);
  else copySlot(out, strPtr(receiver) + (k << 4));
  return ErrorCode.None;
}

/** `key in receiver` (§13.10.1): own keys, "length" of arrays, inherited keys. */
export function hasKey(key: usize, receiver: usize, out: usize): i32 {
  const t = tagOf(receiver);
  if (!isComposite(t)) return cannotUseIn(key, receiver);
  if (tagOf(key) == Tag.Number && t == Tag.Array) {
    const i = numberIndex(numOf(key));
    if (i >= 0) { setBool(out, i < <f64>strLen(receiver)); return ErrorCode.None; }
  }
  const r = toKey(key, keySlot);
  if (r != ErrorCode.None) return r;
  const p = strPtr(keySlot), n = strLen(keySlot);
  let found: bool;
  if (t == Tag.Array) {
    const i = keyIndex(p, n);
    found = i >= 0 ? i < <f64>strLen(receiver) : isLength(p, n) || (isMatchArray(receiver) && matchProperty(receiver, p, n, keySlot));
  } else {
    found = findEntry(strPtr(receiver), strLen(receiver), p, n) != 0;
  }
  setBool(out, found || isInheritedKey(t, p, n));
  return ErrorCode.None;
}

// --- messages --------------------------------------------------------------------

const valueText = memory.data(16, 8);

/** A value as V8 quotes it in messages: primitives as their text, arrays '[object Array]', objects '#<Object>', dates '[object Date]'. */
export function errValue(v: usize): void {
  switch (tagOf(v)) {
    case Tag.Array: errText("[object Array]"); return;
    case Tag.Object: errText("#<Object>"); return;
    case Tag.Date: errText("[object Date]"); return;
    case Tag.String: { errUnits(strPtr(v), strLen(v)); return; }
  }
  if (toStringSlot(v, valueText) == ErrorCode.None) errUnits(strPtr(valueText), strLen(valueText));
}

/** TypeError "Cannot read properties of undefined (reading 'key')" (no quote for an array or Date key, as V8). */
function cannotRead(receiver: usize, key: usize): i32 {
  errBegin();
  errText(tagOf(receiver) == Tag.Null ? "Cannot read properties of null" : "Cannot read properties of undefined");
  if (tagOf(key) != Tag.Array && tagOf(key) != Tag.Date) {
    errText(" (reading '");
    errValue(key);
    errText("')");
  }
  return ErrorCode.TypeError;
}

/** TypeError "Cannot use 'in' operator to search for 'key' in receiver". */
function cannotUseIn(key: usize, receiver: usize): i32 {
  errBegin();
  errText("Cannot use 'in' operator to search for '");
  errValue(key);
  errText("' in ");
  errValue(receiver);
  return ErrorCode.TypeError;
}

/** Reading a key every value of the type inherits: a function in JavaScript, which the language has not. */
function inherited(p: usize, n: i32): i32 {
  errBegin();
  errText("[\"");
  errUnits(p, n);
  errText("\"] names an inherited property (a function), not a value (not supported)");
  return ErrorCode.TypeError;
}

/** TypeError "Iterator value <v> is not an entry object" (Object.fromEntries). */
export function notAnEntry(v: usize): i32 {
  errBegin();
  errText("Iterator value ");
  errValue(v);
  errText(" is not an entry object");
  return ErrorCode.TypeError;
}
