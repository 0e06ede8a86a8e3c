// JSON.stringify(value, replacer, space) (ECMA-262 §25.5.2) over the language's
// values: undefined (skipped in objects, null in arrays, undefined at the top),
// null, booleans, numbers (non-finite as null, -0 as 0), strings (well-formed
// escapes: lone surrogates as \udxxx), arrays, objects in their key order. An
// array replacer is the property list; a function replacer cannot be written.
// Two passes over the value: one measures, one writes into the arena.

import { dateText, dateTextPtr, DateText } from "./date/format";
import { Tag, tagOf, numOf, strPtr, strLen, setString, setUndefined } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { formatNumber } from "../../num/format";
import { hexDigit } from "../../num/chars";
import { argAt, integerOrInfinity, toStringSlot, allocString, allocError } from "./coerce";
import { allocSlots, findEntry } from "./composite";
import { hashKey, newTable, find, tableCapacity, tableSlot } from "./key_index";

let measuring = true;
let total: i64 = 0;
let w: usize = 0;
let gapPtr: usize = 0;
let gapLen: i32 = 0;
/** Units of the gap written per level (gapLen up to a U+0000). */
let gapUnits: i32 = 0;
/** The replacer's property list (an array of strings), or 0. */
let listPtr: usize = 0;
let listLen: i32 = 0;
const numberText = memory.data(64);
const SPACES = "          ";

// @ts-ignore: decorator
@inline function unit(c: u32): void {
  if (measuring) total++;
  else { store<u16>(w, <u16>c); w += 2; }
}

function units(p: usize, n: i32): void {
  if (measuring) total += n;
  else { memory.copy(w, p, <usize>n << 1); w += <usize>n << 1; }
}

function text(s: string): void { units(changetype<usize>(s), s.length); }

export function jsonStringify(args: usize, argc: i32, out: usize): i32 {
  const value = argAt(args, argc, 0);
  const r = setOptions(argAt(args, argc, 1), argAt(args, argc, 2));
  if (r != ErrorCode.None) return r;
  if (tagOf(value) == Tag.Undefined) { setUndefined(out); return ErrorCode.None; }
  measuring = true;
  total = 0;
  serialize(value, 0);
  const dst = allocString(total);
  if (dst == 0) return allocError;
  measuring = false;
  w = dst;
  serialize(value, 0);
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

/** The gap from `space` and the property list from an array `replacer`. */
function setOptions(replacer: usize, space: usize): i32 {
  gapPtr = 0;
  gapLen = 0;
  if (tagOf(space) == Tag.Number) {
    // V8 indents for any positive number, with min(10, ToIntegerOrInfinity) spaces (none for 0.5).
    const x = numOf(space);
    if (x > 0) {
      gapPtr = changetype<usize>(SPACES);
      gapUnits = <i32>min(10, integerOrInfinity(x));
      gapLen = max(gapUnits, 1);
      return list(replacer);
    }
  } else if (tagOf(space) == Tag.String) {
    gapPtr = strPtr(space);
    gapLen = min(10, strLen(space));
    // V8 writes the gap as C text, up to its first U+0000, but indents whenever it is not empty.
    for (let i = 0; i < gapLen; i++) if (load<u16>(gapPtr + (<usize>i << 1)) == 0) { gapUnits = i; return list(replacer); }
  }
  gapUnits = gapLen;
  return list(replacer);
}

/** The property list of an array replacer: its strings and numbers as keys, each once. */
function list(replacer: usize): i32 {
  listPtr = 0;
  listLen = 0;
  if (tagOf(replacer) != Tag.Array) return ErrorCode.None;
  const n = strLen(replacer);
  const list = allocSlots(n);
  const table = list == 0 ? 0 : newTable(n);
  const cap = tableCapacity;
  if (table == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = strPtr(replacer) + (<usize>i << 4);
    const t = tagOf(v);
    if (t != Tag.String && t != Tag.Number) continue;
    const k = list + (<usize>count << 4);
    const r = toStringSlot(v, k);
    if (r != ErrorCode.None) return r;
    // A key listed twice is serialized once, at its first place.
    if (find(table, cap, list, 16, strPtr(k), strLen(k), hashKey(strPtr(k), strLen(k))) >= 0) continue;
    store<u32>(tableSlot, <u32>(count + 1));
    count++;
  }
  listPtr = list;
  listLen = count;
  return ErrorCode.None;
}

/** SerializeJSONProperty of a value that is not undefined. */
function serialize(v: usize, depth: i32): void {
  switch (tagOf(v)) {
    case Tag.Null: text("null"); return;
    case Tag.Boolean: text(numOf(v) != 0 ? "true" : "false"); return;
    case Tag.Number: {
      const x = numOf(v);
      if (x - x != 0) { text("null"); return; }
      units(numberText, formatNumber(numberText, x));
      return;
    }
    case Tag.String: quote(strPtr(v), strLen(v)); return;
    case Tag.Array: array(v, depth); return;
    case Tag.Object: case Tag.RegExp: object(v, depth); return; // a RegExp has no own enumerable keys: {}
    case Tag.Date: {
      // Its toJSON: the ISO text, or null for an invalid date.
      const t = load<f64>(strPtr(v));
      if (t != t) { text("null"); return; }
      const n = dateText(t, DateText.Iso);
      quote(dateTextPtr(), n);
      return;
    }
  }
  text("null"); // undefined inside an array
}

function newline(depth: i32): void {
  unit(10);
  for (let i = 0; i < depth; i++) units(gapPtr, gapUnits);
}

function array(v: usize, depth: i32): void {
  const n = strLen(v);
  if (n == 0) { text("[]"); return; }
  unit(91);
  for (let i = 0; i < n; i++) {
    if (i > 0) unit(44);
    if (gapLen > 0) newline(depth + 1);
    serialize(strPtr(v) + (<usize>i << 4), depth + 1);
  }
  if (gapLen > 0) newline(depth);
  unit(93);
}

function object(v: usize, depth: i32): void {
  const entries = strPtr(v), count = strLen(v);
  const n = listPtr != 0 ? listLen : count;
  // With a key list, the object's keys are looked up through a hash index (linear time).
  const table = listPtr != 0 ? indexEntries(entries, count) : 0;
  const cap = tableCapacity;
  let written = 0;
  unit(123);
  for (let i = 0; i < n; i++) {
    let e: usize;
    if (listPtr != 0) {
      const k = listPtr + (<usize>i << 4);
      const p = strPtr(k), len = strLen(k);
      if (table != 0) {
        const j = find(table, cap, entries, 32, p, len, hashKey(p, len));
        e = j < 0 ? 0 : entries + (<usize>j << 5);
      } else {
        e = findEntry(entries, count, p, len);
      }
      if (e == 0) continue;
    } else {
      e = entries + (<usize>i << 5);
    }
    if (tagOf(e + 16) == Tag.Undefined) continue;
    if (written++ > 0) unit(44);
    if (gapLen > 0) newline(depth + 1);
    quote(strPtr(e), strLen(e));
    unit(58);
    if (gapLen > 0) unit(32);
    serialize(e + 16, depth + 1);
  }
  if (written > 0 && gapLen > 0) newline(depth);
  unit(125);
}

/** A hash index of an object's keys, or 0 (then findEntry scans; the arena may be full, or the object small). */
function indexEntries(entries: usize, count: i32): usize {
  if (count <= 8) return 0;
  const table = newTable(count);
  if (table == 0) return 0;
  for (let i = 0; i < count; i++) {
    const e = entries + (<usize>i << 5);
    find(table, tableCapacity, entries, 32, strPtr(e), strLen(e), hashKey(strPtr(e), strLen(e)));
    store<u32>(tableSlot, <u32>(i + 1));
  }
  return table;
}

/** QuoteJSONString (§25.5.2.3). */
function quote(p: usize, n: i32): void {
  unit(34);
  for (let i = 0; i < n; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    switch (c) {
      case 8: unit(92); unit(98); continue;
      case 9: unit(92); unit(116); continue;
      case 10: unit(92); unit(110); continue;
      case 12: unit(92); unit(102); continue;
      case 13: unit(92); unit(114); continue;
      case 34: unit(92); unit(34); continue;
      case 92: unit(92); unit(92); continue;
    }
    if (c < 0x20) { escape(c); continue; }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? <u32>load<u16>(p + (<usize>(i + 1) << 1)) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { unit(c); unit(next); i++; continue; }
      escape(c);
      continue;
    }
    unit(c);
  }
  unit(34);
}

function escape(c: u32): void {
  unit(92);
  unit(117);
  for (let shift = 12; shift >= 0; shift -= 4) unit(<u32>hexDigit((c >> shift) & 15));
}
