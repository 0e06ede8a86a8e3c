// The Array.prototype methods that take a callback (§23.1.3): map, filter,
// reduce, reduceRight, some, every, find, findIndex, findLast, findLastIndex,
// flatMap, forEach, sort, toSorted; and join, flat, reverse, toReversed. The
// receiver is an array (methods.ts sends nothing else); arrays are never changed,
// so sort and reverse give new arrays, which is all a mapping can observe.

import { Tag, tagOf, strPtr, strLen, setNumber, setBool, setUndefined, setComposite, copySlot } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { argAt, toNumber, integerOrInfinity, truthy, toStringSlot } from "./coerce";
import { joinArray } from "./join";
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
  if (m == ArrayCallback.Reduce || m == ArrayCallback.ReduceRight) return reduce(m == ArrayCallback.ReduceRight, fn, a, args, argc, base, out);
  // One pass calling fn on each element (backwards for findLast*); map writes straight into its result.
  const dst = m <= ArrayCallback.Filter || m == ArrayCallback.FlatMap ? allocSlots(n) : 1;
  if (dst == 0) return memoryLimit();
  const last = m == ArrayCallback.FindLast || m == ArrayCallback.FindLastIndex;
  let kept = 0;
  let total: i64 = 0;
  for (let k = 0; k < n; k++) {
    const i = last ? n - 1 - k : k;
    const result = m == ArrayCallback.Map || m == ArrayCallback.FlatMap ? dst + (<usize>i << 4) : cbOut;
    const r = callOn(fn, a, i, base, result);
    if (r != ErrorCode.None) return r;
    switch (m) {
      case ArrayCallback.Map: case ArrayCallback.ForEach: break;
      case ArrayCallback.Filter: if (truthy(cbOut)) copySlot(dst + (<usize>(kept++) << 4), strPtr(a) + (<usize>i << 4)); break;
      case ArrayCallback.FlatMap: total += tagOf(result) == Tag.Array ? <i64>strLen(result) : 1; break;
      default: if (truthy(cbOut) == (m != ArrayCallback.Every)) return found(m, a, i, out);
    }
  }
  switch (m) {
    case ArrayCallback.Map: setComposite(out, Tag.Array, dst, n); break;
    case ArrayCallback.Filter: setComposite(out, Tag.Array, dst, kept); break;
    case ArrayCallback.ForEach: setUndefined(out); break;
    case ArrayCallback.FlatMap: {
      const flat = allocSlots(total);
      if (flat == 0) return memoryLimit();
      flatSlots(dst, n, 1, flat);
      setComposite(out, Tag.Array, flat, <i32>total);
      break;
    }
    default: return found(m, a, -1, out);
  }
  return ErrorCode.None;
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

/** join(separator): the elements' texts (undefined and null as ""), separated by "," or ToString(separator). */
function join(a: usize, sepArg: usize, out: usize): i32 {
  const sep = memory.data(16, 8);
  if (tagOf(sepArg) == Tag.Undefined) return joinArray(a, changetype<usize>(","), 1, out);
  const r = toStringSlot(sepArg, sep);
  if (r != ErrorCode.None) return r;
  return joinArray(a, strPtr(sep), strLen(sep), out);
}
