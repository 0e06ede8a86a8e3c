// ToPrimitive of arrays and objects (ECMA-262 §7.1.1 with the default
// Array.prototype.join and Object.prototype.toString): an array is its elements
// joined with ",", undefined and null as "", nested arrays joined the same way;
// an object is "[object Object]". ToNumber of either without building the text.
// A Date is its toString text, and its time value as a number.
// Nothing allocates here except the joined text, in the evaluation arena.

import { Tag, tagOf, numOf, strPtr, strLen, setString } from "../../value";
import { arenaAlloc } from "../../arena";
import { Limit, limit } from "../../limits";
import { ErrorCode, raise } from "../../errors";
import { formatNumber } from "../../num/format";
import { stringToNumber } from "../../num/parse";
import { D_TEXT, D_TEXT_LEN } from "../../regex/index";
import { dateText, dateTextPtr, DateText } from "./date/format";

/** A Date's time value (date/date.ts keeps it at the slot's pointer). */
// @ts-ignore: decorator
@inline function timeValue(v: usize): f64 { return load<f64>(strPtr(v)); }

const OBJECT_TEXT = "[object Object]";
const numberText = memory.data(64);

/** Units of ToString(v) for an array or object (elements of any type). */
function joinedLength(v: usize): i64 {
  switch (tagOf(v)) {
    case Tag.String: return <i64>strLen(v);
    case Tag.Number: return <i64>formatNumber(numberText, numOf(v));
    case Tag.Boolean: return numOf(v) != 0 ? 4 : 5;
    case Tag.Object: return OBJECT_TEXT.length;
    case Tag.RegExp: return <i64>load<i32>(strPtr(v), D_TEXT_LEN);
    case Tag.Date: return dateText(timeValue(v), DateText.Full);
    case Tag.Array: {
      const n = strLen(v);
      const p = <usize>strPtr(v);
      let total: i64 = n > 0 ? <i64>(n - 1) : 0;
      for (let i = 0; i < n; i++) {
        total += joinedLength(p + (<usize>i << 4));
        if (total > <i64>limit(Limit.EvalStringUnits)) return total; // stop early: it will not be built
      }
      return total;
    }
  }
  return 0; // undefined and null join as ""
}

/** Write the text joinedLength measured at `dst`; returns the units written. */
function writeJoined(v: usize, dst: usize): i32 {
  switch (tagOf(v)) {
    case Tag.String: {
      const n = strLen(v);
      memory.copy(dst, strPtr(v), <usize>n << 1);
      return n;
    }
    case Tag.Number: {
      const n = formatNumber(numberText, numOf(v));
      memory.copy(dst, numberText, <usize>n << 1);
      return n;
    }
    case Tag.Boolean: return writeText(dst, numOf(v) != 0 ? "true" : "false");
    case Tag.Object: return writeText(dst, OBJECT_TEXT);
    case Tag.RegExp: {
      const n = load<i32>(strPtr(v), D_TEXT_LEN);
      memory.copy(dst, <usize>load<u32>(strPtr(v), D_TEXT), <usize>n << 1);
      return n;
    }
    case Tag.Date: {
      const n = dateText(timeValue(v), DateText.Full);
      memory.copy(dst, dateTextPtr(), <usize>n << 1);
      return n;
    }
    case Tag.Array: {
      const n = strLen(v);
      const p = <usize>strPtr(v);
      let at = dst;
      for (let i = 0; i < n; i++) {
        if (i > 0) { store<u16>(at, 44); at += 2; }
        at += <usize>writeJoined(p + (<usize>i << 4), at) << 1;
      }
      return <i32>((at - dst) >> 1);
    }
  }
  return 0;
}

function writeText(dst: usize, s: string): i32 {
  memory.copy(dst, changetype<usize>(s), <usize>s.length << 1);
  return s.length;
}

const COMMA = ",";

/** ToString of an array or object into `out` (which may be `v`). */
export function compositeToString(v: usize, out: usize): i32 {
  if (tagOf(v) == Tag.Date) return writeOut(v, <i64>dateText(timeValue(v), DateText.Full), out);
  if (tagOf(v) == Tag.Object) { setString(out, changetype<usize>(OBJECT_TEXT), OBJECT_TEXT.length); return ErrorCode.None; }
  if (tagOf(v) == Tag.RegExp) { setString(out, <usize>load<u32>(strPtr(v), D_TEXT), load<i32>(strPtr(v), D_TEXT_LEN)); return ErrorCode.None; }
  if (tagOf(v) == Tag.Date) return writeOut(v, <i64>dateText(timeValue(v), DateText.Full), out);
  return joinArray(v, changetype<usize>(COMMA), 1, out);
}

/** A Date's text (`units` long) into the arena. */
function writeOut(v: usize, units: i64, out: usize): i32 {
  if (units > <i64>limit(Limit.EvalStringUnits)) return raise(ErrorCode.StringLimit, "string longer than the evaluation limit");
  const dst = arenaAlloc(<usize>units << 1);
  if (dst == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  writeJoined(v, dst);
  setString(out, dst, <i32>units);
  return ErrorCode.None;
}

/** Array.prototype.join: the elements' texts separated by the `sepLen` units at `sep` (nested arrays by ","). */
export function joinArray(v: usize, sep: usize, sepLen: i32, out: usize): i32 {
  const n = strLen(v);
  const p = <usize>strPtr(v);
  let units: i64 = n > 0 ? <i64>(n - 1) * <i64>sepLen : 0;
  for (let i = 0; i < n && units <= <i64>limit(Limit.EvalStringUnits); i++) units += joinedLength(p + (<usize>i << 4));
  if (units > <i64>limit(Limit.EvalStringUnits)) return raise(ErrorCode.StringLimit, "string longer than the evaluation limit");
  if (units == 0) { setString(out, changetype<usize>(""), 0); return ErrorCode.None; }
  const dst = arenaAlloc(<usize>units << 1);
  if (dst == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  let at = dst;
  for (let i = 0; i < n; i++) {
    if (i > 0) { memory.copy(at, sep, <usize>sepLen << 1); at += <usize>sepLen << 1; }
    at += <usize>writeJoined(p + (<usize>i << 4), at) << 1;
  }
  setString(out, dst, <i32>units);
  return ErrorCode.None;
}

/**
 * ToNumber(ToString(v)) of an array or object, without the text: "" is 0, two or
 * more elements contain "," (NaN), one element is that element's text as a number.
 */
export function compositeToNumber(v: usize): f64 {
  if (tagOf(v) == Tag.Date) return timeValue(v); // ToPrimitive hint number: valueOf
  while (tagOf(v) == Tag.Array) {
    const n = strLen(v);
    if (n == 0) return 0;
    if (n > 1) return NaN;
    v = <usize>strPtr(v);
    switch (tagOf(v)) {
      case Tag.Undefined: case Tag.Null: return 0;
      case Tag.String: return stringToNumber(strPtr(v), strLen(v));
      case Tag.Number: return numOf(v) + 0.0; // the text of -0 is "0"
      case Tag.Boolean: return NaN; // "true", "false"
    }
  }
  return NaN; // "[object Object]"
}
