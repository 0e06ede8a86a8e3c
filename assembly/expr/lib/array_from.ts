// Array.from (§23.1.2.1) and Array.of (§23.1.2.3). Array.from takes a string
// (its code points), an array, or an array-like object (its `length` and index
// keys); a number or boolean is an array-like without length (an empty array).
// The optional map function is called with (value, index), as in V8.

import { Tag, tagOf, strPtr, strLen, setNumber, setString, setComposite, copySlot } from "../../value";
import { ErrorCode, raise, errBegin, errText } from "../../errors";
import { argAt, toNumber, integerOrInfinity } from "./coerce";
import { allocSlots, codePoints, getKey } from "./composite";
import { callFunction, notCallable } from "./callbacks";

const items = memory.data(16, 8);
const key = memory.data(16, 8);
const fromArgs = memory.data(32, 16);

export function arrayFrom(args: usize, argc: i32, out: usize): i32 {
  const base = args + (<usize>argc << 4);
  const src = argAt(args, argc, 0);
  const fn = argAt(args, argc, 1);
  const ft = tagOf(fn);
  if (ft != Tag.Undefined && ft != Tag.Function) return notCallable(fn);
  switch (tagOf(src)) {
    case Tag.Undefined: case Tag.Null: {
      errBegin();
      errText(tagOf(src) == Tag.Null ? "object null" : "undefined");
      errText(" is not iterable (cannot read property Symbol(Symbol.iterator))");
      return ErrorCode.TypeError;
    }
    case Tag.String: { const r = codePoints(src, items); if (r != ErrorCode.None) return r; break; }
    case Tag.Array: copySlot(items, src); break;
    case Tag.Object: { const r = arrayLike(src, items); if (r != ErrorCode.None) return r; break; }
    default: setComposite(items, Tag.Array, allocSlots(0), 0);
  }
  const n = strLen(items);
  const dst = allocSlots(n);
  if (dst == 0 || strPtr(items) == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  const from = strPtr(items);
  for (let i = 0; i < n; i++) {
    const d = dst + (<usize>i << 4);
    if (ft == Tag.Undefined) { copySlot(d, from + (<usize>i << 4)); continue; }
    copySlot(fromArgs, from + (<usize>i << 4));
    setNumber(fromArgs + 16, <f64>i);
    const r = callFunction(fn, fromArgs, 2, base, d);
    if (r != ErrorCode.None) return r;
  }
  setComposite(out, Tag.Array, dst, n);
  return ErrorCode.None;
}

/** The elements 0 .. ToLength(o.length) - 1 of an array-like object. */
function arrayLike(o: usize, out: usize): i32 {
  setString(key, changetype<usize>("length"), 6);
  let r = getKey(o, key, key);
  if (r != ErrorCode.None) return r;
  let len = integerOrInfinity(toNumber(key));
  if (len < 0) len = 0;
  if (len > 0x7ffffff) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  const n = <i32>len;
  const dst = allocSlots(n);
  if (dst == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  for (let i = 0; i < n; i++) {
    setNumber(key, <f64>i);
    r = getKey(o, key, dst + (<usize>i << 4));
    if (r != ErrorCode.None) return r;
  }
  setComposite(out, Tag.Array, dst, n);
  return ErrorCode.None;
}

/** Array.of(...items): the arguments as an array. */
export function arrayOf(args: usize, argc: i32, out: usize): i32 {
  const dst = allocSlots(argc);
  if (dst == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  memory.copy(dst, args, <usize>argc << 4);
  setComposite(out, Tag.Array, dst, argc);
  return ErrorCode.None;
}
