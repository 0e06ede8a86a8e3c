// Date objects (ECMA-262 §21.4): a Date slot points at its time value, 8 bytes
// in the evaluation arena, so that each Date has an identity and its setters
// change it in place, as in JavaScript. The constructor, Date(), Date.UTC and
// Date.parse are here; the prototype methods in methods.ts.

import { Tag, tagOf, strPtr, strLen, setNumber, setString } from "../../../value";
import { arenaAlloc } from "../../../arena";
import { ErrorCode, raise } from "../../../errors";
import { argAt, toNumber, toStringSlot, allocString, allocError } from "../coerce";
import { now } from "../clock";
import { timeClip, fullYear, setFields, setField, fieldsTime, F } from "./civil";
import { parseDate } from "./parse";
import { dateText, dateTextPtr, DateText } from "./format";

/** The time value of a Date slot. */
// @ts-ignore: decorator
@inline export function timeOf(slot: usize): f64 { return load<f64>(strPtr(slot)); }
/** Set the time value of a Date slot (its setters). */
// @ts-ignore: decorator
@inline export function setTimeOf(slot: usize, t: f64): void { store<f64>(strPtr(slot), t); }

/** A new Date of time value `t` in `out`. */
export function newDate(t: f64, out: usize): i32 {
  const p = arenaAlloc(8);
  if (p == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  store<f64>(p, t);
  store<u32>(out, Tag.Date);
  store<i32>(out, 0, 4);
  store<u64>(out, <u64>p, 8);
  return ErrorCode.None;
}

/** The text of time value `t` in form `kind` into `out` (in the arena). */
export function dateTextSlot(t: f64, kind: DateText, out: usize): i32 {
  const n = dateText(t, kind);
  const dst = allocString(n);
  if (dst == 0) return allocError;
  memory.copy(dst, dateTextPtr(), <usize>n << 1);
  setString(out, dst, n);
  return ErrorCode.None;
}

const text = memory.data(16, 8);

/** `new Date(…)`: now, a Date's time, a string parsed, a number, or the fields in local time (UTC). */
export function construct(args: usize, argc: i32, out: usize): i32 {
  if (argc == 0) return newDate(now(), out);
  if (argc == 1) {
    const v = args;
    const t = tagOf(v);
    if (t == Tag.Date) return newDate(timeOf(v), out);
    if (t == Tag.String || t == Tag.Array || t == Tag.Object) {
      // ToPrimitive: an array or object is its text, and a string is parsed.
      const r = toStringSlot(v, text);
      if (r != ErrorCode.None) return r;
      return newDate(parseDate(strPtr(text), strLen(text)), out);
    }
    return newDate(timeClip(toNumber(v)), out);
  }
  return newDate(fromFields(args, argc), out);
}

/** Date.UTC(…) §21.4.3.4. */
export function dateUtc(args: usize, argc: i32, out: usize): i32 {
  setNumber(out, argc == 0 ? NaN : fromFields(args, argc));
  return ErrorCode.None;
}

/** Date.parse(s): ToString(s) parsed. */
export function dateParse(args: usize, argc: i32, out: usize): i32 {
  const r = toStringSlot(argAt(args, argc, 0), text);
  if (r != ErrorCode.None) return r;
  setNumber(out, parseDate(strPtr(text), strLen(text)));
  return ErrorCode.None;
}

/** Date() called without new: the text of now. */
export function dateNowText(out: usize): i32 {
  return dateTextSlot(now(), DateText.Full, out);
}

/** Year, month[, day, hours, minutes, seconds, ms] as a time value (local time is UTC). */
function fromFields(args: usize, argc: i32): f64 {
  setFields(fullYear(toNumber(args)), 0, 1, 0, 0, 0, 0);
  for (let i = 1; i < argc && i < 7; i++) setField(<F>i, toNumber(args + (<usize>i << 4)));
  return fieldsTime();
}
