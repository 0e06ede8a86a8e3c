// The Array.prototype methods whose names the string methods share and that
// need no callback (§23.1.3): at, concat, includes, indexOf, lastIndexOf,
// slice. Arguments are taken as they are (includes([1]) compares identity);
// results are new arrays in the arena or primitives.

import { Tag, tagOf, numOf, strPtr, strLen, setNumber, setBool, setUndefined, setComposite, copySlot } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { argAt, toNumber, integerOrInfinity, strictEquals } from "./coerce";
import { allocSlots } from "./composite";

export const enum ArrayMethod { At, Concat, Includes, IndexOf, LastIndexOf, Slice }

// @ts-ignore: decorator
@inline function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** Relative index (§7.1.22 style clamp used by slice/includes/indexOf): into 0..len. */
function clampStart(x: f64, len: f64): f64 {
  if (x < 0) return max(len + x, 0);
  return min(x, len);
}

export function arrayMethod(m: ArrayMethod, a: usize, args: usize, argc: i32, out: usize): i32 {
  const p = strPtr(a);
  const n = strLen(a);
  const len = <f64>n;
  switch (m) {
    case ArrayMethod.At: {
      let k = integerOrInfinity(toNumber(argAt(args, argc, 0)));
      if (k < 0) k += len;
      if (k < 0 || k >= len) setUndefined(out);
      else copySlot(out, p + (<usize>(<i32>k) << 4));
      return ErrorCode.None;
    }
    case ArrayMethod.Slice: {
      const from = clampStart(integerOrInfinity(toNumber(argAt(args, argc, 0))), len);
      const ev = argAt(args, argc, 1);
      const to = tagOf(ev) == Tag.Undefined ? len : clampStart(integerOrInfinity(toNumber(ev)), len);
      const count = to > from ? <i32>(to - from) : 0;
      const dst = allocSlots(count);
      if (dst == 0) return memoryLimit();
      memory.copy(dst, p + (<usize>(<i32>from) << 4), <usize>count << 4);
      setComposite(out, Tag.Array, dst, count);
      return ErrorCode.None;
    }
    case ArrayMethod.Concat: {
      let total: i64 = n;
      for (let i = 0; i < argc; i++) {
        const v = args + (<usize>i << 4);
        total += tagOf(v) == Tag.Array ? <i64>strLen(v) : 1;
      }
      const dst = allocSlots(total);
      if (dst == 0) return memoryLimit();
      memory.copy(dst, p, <usize>n << 4);
      let at = dst + (<usize>n << 4);
      for (let i = 0; i < argc; i++) {
        const v = args + (<usize>i << 4);
        if (tagOf(v) == Tag.Array) {
          memory.copy(at, strPtr(v), <usize>strLen(v) << 4);
          at += <usize>strLen(v) << 4;
        } else {
          copySlot(at, v);
          at += 16;
        }
      }
      setComposite(out, Tag.Array, dst, <i32>total);
      return ErrorCode.None;
    }
    case ArrayMethod.Includes:
    case ArrayMethod.IndexOf: {
      const x = argAt(args, argc, 0);
      const k = integerOrInfinity(toNumber(argAt(args, argc, 1)));
      let found = -1;
      if (k < len) {
        for (let i = <i32>clampStart(k, len); i < n; i++) {
          const e = p + (<usize>i << 4);
          if (m == ArrayMethod.Includes ? sameValueZero(e, x) : strictEquals(e, x)) { found = i; break; }
        }
      }
      if (m == ArrayMethod.Includes) setBool(out, found >= 0);
      else setNumber(out, <f64>found);
      return ErrorCode.None;
    }
    default: { // LastIndexOf
      const x = argAt(args, argc, 0);
      const k = argc > 1 ? integerOrInfinity(toNumber(args + 16)) : len - 1;
      const start: f64 = k >= 0 ? min(k, len - 1) : len + k;
      let found = -1;
      if (start >= 0) {
        for (let i = <i32>start; i >= 0; i--) {
          if (strictEquals(p + (<usize>i << 4), x)) { found = i; break; }
        }
      }
      setNumber(out, <f64>found);
      return ErrorCode.None;
    }
  }
}

/** SameValueZero (§7.2.11): strict equality, except NaN equals NaN. */
function sameValueZero(a: usize, b: usize): bool {
  if (tagOf(a) == Tag.Number && tagOf(b) == Tag.Number) {
    const x = numOf(a), y = numOf(b);
    return x == y || (x != x && y != y);
  }
  return strictEquals(a, b);
}
