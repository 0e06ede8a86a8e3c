// Object.keys, Object.values, Object.entries (§20.1.2: the own enumerable string
// keys of ToObject(v): a string's indexes, an array's indexes, an object's keys),
// Object.fromEntries (§20.1.2.7) and Array.isArray. Results live in the arena.

import { Tag, tagOf, strPtr, strLen, setString, setBool, setComposite, copySlot } from "../../value";
import { arenaAlloc } from "../../arena";
import { ErrorCode, raise } from "../../errors";
import { allocSlots, findEntry, toKey, codePoints, notIterable, notAnEntry } from "./composite";
import { beginObject, addEntry, finishObject } from "./object_builder";

export const enum OwnKind { Keys, Values, Entries }

// @ts-ignore: decorator
@inline function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** Object.keys / values / entries of `v` into `out`. */
export function ownList(kind: OwnKind, v: usize, out: usize): i32 {
  const t = tagOf(v);
  if (t == Tag.Undefined || t == Tag.Null) return raise(ErrorCode.TypeError, "Cannot convert undefined or null to object");
  const n = t == Tag.String || t == Tag.Array || t == Tag.Object ? strLen(v) : 0;
  const list = allocSlots(n);
  if (list == 0) return memoryLimit();
  // Entries are [key, value] pairs: one more array per property, laid out after the list.
  const pairs = kind == OwnKind.Entries ? allocSlots(<i64>n << 1) : 0;
  if (kind == OwnKind.Entries && pairs == 0) return memoryLimit();
  for (let i = 0; i < n; i++) {
    const slot = list + (<usize>i << 4);
    const key = kind == OwnKind.Entries ? pairs + (<usize>i << 5) : slot;
    const value = kind == OwnKind.Entries ? key + 16 : slot;
    if (kind != OwnKind.Values) {
      if (t == Tag.Object) copySlot(key, strPtr(v) + (<usize>i << 5));
      else if (!indexText(i, key)) return memoryLimit();
    }
    if (kind != OwnKind.Keys) {
      if (t == Tag.Object) copySlot(value, strPtr(v) + (<usize>i << 5) + 16);
      else if (t == Tag.Array) copySlot(value, strPtr(v) + (<usize>i << 4));
      else setString(value, strPtr(v) + (<usize>i << 1), 1);
    }
    if (kind == OwnKind.Entries) setComposite(slot, Tag.Array, key, 2);
  }
  setComposite(out, Tag.Array, list, n);
  return ErrorCode.None;
}

/** The decimal text of index `i` as a string slot in the arena. */
function indexText(i: i32, out: usize): bool {
  let digits = 1;
  for (let x = i; x >= 10; x /= 10) digits++;
  const p = arenaAlloc(<usize>digits << 1);
  if (p == 0) return false;
  let x = i;
  for (let d = digits - 1; d >= 0; d--) { store<u16>(p + (<usize>d << 1), <u16>(48 + x % 10)); x /= 10; }
  setString(out, p, digits);
  return true;
}

const entryKey = memory.data(16, 8);
const entryValue = memory.data(16, 8);
const UNDEFINED = memory.data(16, 8);

/** Object.fromEntries(iterable): each entry's "0" is the key, its "1" the value. */
export function fromEntries(v: usize, out: usize): i32 {
  const t = tagOf(v);
  if (t == Tag.String) {
    if (strLen(v) == 0) return emptyObject(out);
    // Every element of a string is a string, which is not an entry object.
    const r = codePoints(v, entryKey);
    if (r != ErrorCode.None) return r;
    return notAnEntry(strPtr(entryKey));
  }
  if (t != Tag.Array) return notIterable(v);
  const n = strLen(v);
  if (!beginObject(n)) return ErrorCode.MemoryLimit;
  for (let i = 0; i < n; i++) {
    const e = strPtr(v) + (<usize>i << 4);
    const te = tagOf(e);
    if (te == Tag.Array) {
      copySlot(entryKey, strLen(e) > 0 ? strPtr(e) : UNDEFINED);
      copySlot(entryValue, strLen(e) > 1 ? strPtr(e) + 16 : UNDEFINED);
    } else if (te == Tag.Object) {
      const k = findEntry(strPtr(e), strLen(e), changetype<usize>("0"), 1);
      const x = findEntry(strPtr(e), strLen(e), changetype<usize>("1"), 1);
      copySlot(entryKey, k != 0 ? k + 16 : UNDEFINED);
      copySlot(entryValue, x != 0 ? x + 16 : UNDEFINED);
    } else {
      return notAnEntry(e);
    }
    const r = toKey(entryKey, entryKey);
    if (r != ErrorCode.None) return r;
    addEntry(entryKey, entryValue);
  }
  return finishObject(out);
}

function emptyObject(out: usize): i32 {
  const p = allocSlots(0);
  if (p == 0) return memoryLimit();
  setComposite(out, Tag.Object, p, 0);
  return ErrorCode.None;
}

/** Array.isArray(v). */
export function isArray(v: usize, out: usize): i32 {
  setBool(out, tagOf(v) == Tag.Array);
  return ErrorCode.None;
}
