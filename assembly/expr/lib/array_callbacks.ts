// The Array.prototype methods that take a callback (§23.1.3): map, filter,
// reduce, reduceRight, some, every, find, findIndex, findLast, findLastIndex,
// flatMap, forEach, sort, toSorted; and join, flat, reverse, toReversed. The
// receiver is an array (methods.ts sends nothing else); arrays are never changed,
// so sort and reverse give new arrays, which is all a mapping can observe.

import { Tag, tagOf, strPtr, strLen, setNumber, setBool, setUndefined, setComposite, copySlot, setString } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { argAt, toNumber, integerOrInfinity, truthy, toStringSlot, allocString, allocError, setLiteral } from "./coerce";
import { allocSlots } from "./composite";
import { callFunction, notCallable, isFunction } from "./callbacks";
import { sortInto } from "./array_sort";

export const enum ArrayCallback {
  Map, Filter, Reduce, ReduceRight, Some, Every, Find, FindIndex, FindLast, FindLastIndex, FlatMap, ForEach,
  Sort, ToSorted, Join, Flat, Reverse, ToReversed,
}

// (element, index, array), or (accumulator, element, index, array) for reduce.
const cbArgs = memory.data(64, 16);
const cbOut = memory.data(16, 8);

// @ts-ignore: decorator
@inline function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** Call `fn` with (a[i], i, a) into `out`. */
function callOn(fn: usize, a: usize, i: i32, base: usize, out: usize): i32 {
  copySlot(cbArgs, strPtr(a) + (<usize>i << 4));
  setNumber(cbArgs + 16, <f64>i);
  copySlot(cbArgs + 32, a);
  return callFunction(fn, cbArgs, 3, base, out);
}

/** Method `m` of array `a` with `argc` arguments at `args`; a nested callback's stack starts after them. */
export function arrayCallback(m: ArrayCallback, a: usize, args: usize, argc: i32, out: usize): i32 {
  const base = args + (<usize>argc << 4);
  const fn = argAt(args, argc, 0);
  const n = strLen(a);
  switch (m) {
    case ArrayCallback.Sort: case ArrayCallback.ToSorted: {
      const t = tagOf(fn);
      if (t != Tag.Undefined && t != Tag.Function) return raise(ErrorCode.TypeError, "The comparison function must be either a function or undefined");
      return sortInto(strPtr(a), n, t == Tag.Undefined ? 0 : fn, base, out);
    }
    case ArrayCallback.Join: return join(a, fn, out);
    case ArrayCallback.Flat: {
      const d = argAt(args, argc, 0);
      let depth = tagOf(d) == Tag.Undefined ? 1 : integerOrInfinity(toNumber(d));
      if (depth < 0) depth = 0;
      const total = flatCount(a, depth);
      const dst = allocSlots(total);
      if (dst == 0) return memoryLimit();
      flatCopy(a, depth, dst);
      setComposite(out, Tag.Array, dst, <i32>total);
      return ErrorCode.None;
    }
    case ArrayCallback.Reverse: case ArrayCallback.ToReversed: {
      const dst = allocSlots(n);
      if (dst == 0) return memoryLimit();
      for (let i = 0; i < n; i++) copySlot(dst + (<usize>i << 4), strPtr(a) + (<usize>(n - 1 - i) << 4));
      setComposite(out, Tag.Array, dst, n);
      return ErrorCode.None;
    }
  }
  if (!isFunction(fn)) {
    if (m == ArrayCallback.FlatMap) return raise(ErrorCode.TypeError, "flatMap mapper function is not callable");
    return notCallable(fn);
  }
  switch (m) {
    case ArrayCallback.Map: {
      const dst = allocSlots(n);
      if (dst == 0) return memoryLimit();
      for (let i = 0; i < n; i++) {
        const r = callOn(fn, a, i, base, dst + (<usize>i << 4));
        if (r != ErrorCode.None) return r;
      }
      setComposite(out, Tag.Array, dst, n);
      return ErrorCode.None;
    }
    case ArrayCallback.Filter: {
      const dst = allocSlots(n);
      if (dst == 0) return memoryLimit();
      let k = 0;
      for (let i = 0; i < n; i++) {
        const r = callOn(fn, a, i, base, cbOut);
        if (r != ErrorCode.None) return r;
        if (truthy(cbOut)) copySlot(dst + (<usize>(k++) << 4), strPtr(a) + (<usize>i << 4));
      }
      setComposite(out, Tag.Array, dst, k);
      return ErrorCode.None;
    }
    case ArrayCallback.FlatMap: {
      const parts = allocSlots(n);
      if (parts == 0) return memoryLimit();
      let total: i64 = 0;
      for (let i = 0; i < n; i++) {
        const p = parts + (<usize>i << 4);
        const r = callOn(fn, a, i, base, p);
        if (r != ErrorCode.None) return r;
        total += tagOf(p) == Tag.Array ? <i64>strLen(p) : 1;
      }
      const dst = allocSlots(total);
      if (dst == 0) return memoryLimit();
      flatSlots(parts, n, 1, dst);
      setComposite(out, Tag.Array, dst, <i32>total);
      return ErrorCode.None;
    }
    case ArrayCallback.Reduce: case ArrayCallback.ReduceRight: return reduce(m == ArrayCallback.ReduceRight, fn, a, args, argc, base, out);
    case ArrayCallback.ForEach: {
      for (let i = 0; i < n; i++) {
        const r = callOn(fn, a, i, base, cbOut);
        if (r != ErrorCode.None) return r;
      }
      setUndefined(out);
      return ErrorCode.None;
    }
  }
  // some, every, find, findIndex, findLast, findLastIndex: stop at the first answer.
  const last = m == ArrayCallback.FindLast || m == ArrayCallback.FindLastIndex;
  const want = m != ArrayCallback.Every;
  for (let k = 0; k < n; k++) {
    const i = last ? n - 1 - k : k;
    const r = callOn(fn, a, i, base, cbOut);
    if (r != ErrorCode.None) return r;
    if (truthy(cbOut) == want) return found(m, a, i, out);
  }
  return found(m, a, -1, out);
}

function found(m: ArrayCallback, a: usize, i: i32, out: usize): i32 {
  switch (m) {
    case ArrayCallback.Some: setBool(out, i >= 0); break;
    case ArrayCallback.Every: setBool(out, i < 0); break;
    case ArrayCallback.FindIndex: case ArrayCallback.FindLastIndex: setNumber(out, <f64>i); break;
    default: if (i >= 0) copySlot(out, strPtr(a) + (<usize>i << 4)); else setUndefined(out);
  }
  return ErrorCode.None;
}

function reduce(right: bool, fn: usize, a: usize, args: usize, argc: i32, base: usize, out: usize): i32 {
  const n = strLen(a);
  let k = 0;
  const acc = cbOut;
  if (argc >= 2) {
    copySlot(acc, args + 16);
  } else {
    if (n == 0) return raise(ErrorCode.TypeError, "Reduce of empty array with no initial value");
    copySlot(acc, strPtr(a) + (<usize>(right ? n - 1 : 0) << 4));
    k = 1;
  }
  for (; k < n; k++) {
    const i = right ? n - 1 - k : k;
    copySlot(cbArgs, acc);
    copySlot(cbArgs + 16, strPtr(a) + (<usize>i << 4));
    setNumber(cbArgs + 32, <f64>i);
    copySlot(cbArgs + 48, a);
    const r = callFunction(fn, cbArgs, 4, base, acc);
    if (r != ErrorCode.None) return r;
  }
  copySlot(out, acc);
  return ErrorCode.None;
}

/** Elements of array `a` flattened `depth` levels. */
function flatCount(a: usize, depth: f64): i64 {
  let total: i64 = 0;
  const n = strLen(a), p = strPtr(a);
  for (let i = 0; i < n; i++) {
    const e = p + (<usize>i << 4);
    total += tagOf(e) == Tag.Array && depth > 0 ? flatCount(e, depth - 1) : 1;
  }
  return total;
}

function flatCopy(a: usize, depth: f64, dst: usize): usize {
  return flatSlots(strPtr(a), strLen(a), depth, dst);
}

function flatSlots(p: usize, n: i32, depth: f64, dst: usize): usize {
  for (let i = 0; i < n; i++) {
    const e = p + (<usize>i << 4);
    if (tagOf(e) == Tag.Array && depth > 0) dst = flatSlots(strPtr(e), strLen(e), depth - 1, dst);
    else { copySlot(dst, e); dst += 16; }
  }
  return dst;
}

/** join(separator): elements' texts (undefined and null as ""), separated by "," or ToString(separator). */
function join(a: usize, sepArg: usize, out: usize): i32 {
  const sep = memory.data(16, 8);
  if (tagOf(sepArg) == Tag.Undefined) setLiteral(sep, ",");
  else { const r = toStringSlot(sepArg, sep); if (r != ErrorCode.None) return r; }
  const n = strLen(a);
  const texts = allocSlots(n);
  if (texts == 0) return memoryLimit();
  let total: i64 = n > 0 ? <i64>(n - 1) * <i64>strLen(sep) : 0;
  for (let i = 0; i < n; i++) {
    const e = strPtr(a) + (<usize>i << 4);
    const t = texts + (<usize>i << 4);
    if (tagOf(e) == Tag.Undefined || tagOf(e) == Tag.Null) { setLiteral(t, ""); continue; }
    const r = toStringSlot(e, t);
    if (r != ErrorCode.None) return r;
    total += <i64>strLen(t);
  }
  const dst = allocString(total);
  if (dst == 0) return allocError;
  let at = dst;
  for (let i = 0; i < n; i++) {
    if (i > 0) { memory.copy(at, strPtr(sep), <usize>strLen(sep) << 1); at += <usize>strLen(sep) << 1; }
    const t = texts + (<usize>i << 4);
    memory.copy(at, strPtr(t), <usize>strLen(t) << 1);
    at += <usize>strLen(t) << 1;
  }
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}
