// Date.prototype's methods (ECMA-262 §21.4.4) as V8 implements them
// (builtins-date.cc), with local time = UTC: getters, setters (which change
// the Date in place and return its new time value), and the text forms.
// Ids are this table's indexes; expr/lib/methods.ts offsets them.

import { Tag, tagOf, setNumber, setUndefined } from "../../../value";
import { ErrorCode, raise } from "../../../errors";
import { argAt, toNumber } from "../coerce";
import * as civil from "./civil";
import { makeDay, makeTime, makeDate, timeClip, toInteger } from "./civil";
import { timeOf, setTimeOf, dateTextSlot } from "./date";
import { DateText } from "./format";

const enum D {
  GetDate, GetDay, GetFullYear, GetHours, GetMilliseconds, GetMinutes, GetMonth, GetSeconds,
  GetUTCDate, GetUTCDay, GetUTCFullYear, GetUTCHours, GetUTCMilliseconds, GetUTCMinutes, GetUTCMonth, GetUTCSeconds,
  GetTime, GetTimezoneOffset, GetYear,
  SetDate, SetFullYear, SetHours, SetMilliseconds, SetMinutes, SetMonth, SetSeconds,
  SetUTCDate, SetUTCFullYear, SetUTCHours, SetUTCMilliseconds, SetUTCMinutes, SetUTCMonth, SetUTCSeconds,
  SetTime, SetYear,
  ToDateString, ToISOString, ToJSON, ToLocaleDateString, ToLocaleString, ToLocaleTimeString,
  ToTimeString, ToUTCString, ToGMTString,
  COUNT,
}

const NAMES: string[] = [
  "getDate", "getDay", "getFullYear", "getHours", "getMilliseconds", "getMinutes", "getMonth", "getSeconds",
  "getUTCDate", "getUTCDay", "getUTCFullYear", "getUTCHours", "getUTCMilliseconds", "getUTCMinutes", "getUTCMonth", "getUTCSeconds",
  "getTime", "getTimezoneOffset", "getYear",
  "setDate", "setFullYear", "setHours", "setMilliseconds", "setMinutes", "setMonth", "setSeconds",
  "setUTCDate", "setUTCFullYear", "setUTCHours", "setUTCMilliseconds", "setUTCMinutes", "setUTCMonth", "setUTCSeconds",
  "setTime", "setYear",
  "toDateString", "toISOString", "toJSON", "toLocaleDateString", "toLocaleString", "toLocaleTimeString",
  "toTimeString", "toUTCString", "toGMTString",
];

// Parameters each method uses. toLocale*String take none here: the en-US form only.
const MAX_ARGS = memory.data<i8>([
  0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0,
  1, 3, 4, 1, 3, 2, 2,
  1, 3, 4, 1, 3, 2, 2,
  1, 1,
  0, 0, 1, 0, 0, 0,
  0, 0, 0,
]);

/** Index of a Date method name, else -1. */
export function lookupDateMethod(name: string): i32 {
  for (let i = 0; i < D.COUNT; i++) if (unchecked(NAMES[i]) == name) return i;
  return -1;
}

/** Whether the UTF-16 key names a Date.prototype method (a function: `in` finds it, reading it is an error). */
export function isDateMethodKey(p: usize, n: i32): bool {
  for (let i = 0; i < D.COUNT; i++) {
    const name = unchecked(NAMES[i]);
    if (name.length == n && memory.compare(p, changetype<usize>(name), <usize>n << 1) == 0) return true;
  }
  return false;
}

export function dateMethodName(id: i32): string { return id >= 0 && id < D.COUNT ? NAMES[id] : ""; }
export function dateMethodMaxArgs(id: i32): i32 { return id >= 0 && id < D.COUNT ? <i32>load<i8>(MAX_ARGS + <usize>id) : 0; }

/** Call Date method `id` on a Date `receiver` (the caller checked the type). */
export function callDateMethod(id: i32, receiver: usize, args: usize, argc: i32, out: usize): i32 {
  const t = timeOf(receiver);
  if (id <= D.GetYear) { setNumber(out, getter(id, t)); return ErrorCode.None; }
  if (id <= D.SetYear) {
    const v = setter(id, t, args, argc);
    setTimeOf(receiver, v);
    setNumber(out, v);
    return ErrorCode.None;
  }
  switch (id) {
    case D.ToDateString: return dateTextSlot(t, DateText.Date, out);
    case D.ToISOString: {
      if (t != t) return raise(ErrorCode.RangeError, "Invalid time value");
      return dateTextSlot(t, DateText.Iso, out);
    }
    case D.ToJSON: {
      if (t != t) { store<u32>(out, Tag.Null); return ErrorCode.None; }
      return dateTextSlot(t, DateText.Iso, out);
    }
    case D.ToLocaleDateString: return dateTextSlot(t, DateText.LocaleDate, out);
    case D.ToLocaleString: return dateTextSlot(t, DateText.Locale, out);
    case D.ToLocaleTimeString: return dateTextSlot(t, DateText.LocaleTime, out);
    case D.ToTimeString: return dateTextSlot(t, DateText.Time, out);
    case D.ToUTCString: case D.ToGMTString: return dateTextSlot(t, DateText.Utc, out);
  }
  setUndefined(out);
  return ErrorCode.None;
}

function getter(id: i32, t: f64): f64 {
  if (t != t) return NaN;
  if (id == D.GetTime) return t;
  if (id == D.GetTimezoneOffset) return 0;
  civil.breakDown(t);
  switch (id) {
    case D.GetDate: case D.GetUTCDate: return civil.day;
    case D.GetDay: case D.GetUTCDay: return civil.weekday;
    case D.GetFullYear: case D.GetUTCFullYear: return civil.year;
    case D.GetHours: case D.GetUTCHours: return civil.hour;
    case D.GetMilliseconds: case D.GetUTCMilliseconds: return civil.millisecond;
    case D.GetMinutes: case D.GetUTCMinutes: return civil.minute;
    case D.GetMonth: case D.GetUTCMonth: return civil.month;
    case D.GetSeconds: case D.GetUTCSeconds: return civil.second;
    case D.GetYear: return civil.year - 1900;
  }
  return NaN;
}

// @ts-ignore: decorator
@inline function arg(args: usize, argc: i32, i: i32, otherwise: f64): f64 {
  return i < argc ? toNumber(args + (<usize>i << 4)) : otherwise;
}

/** The new time value of setter `id` (local and UTC setters agree: local time is UTC). */
function setter(id: i32, t: f64, args: usize, argc: i32): f64 {
  const first = toNumber(argAt(args, argc, 0));
  if (id == D.SetTime) return timeClip(first);
  if (id == D.SetFullYear || id == D.SetUTCFullYear || id == D.SetYear) {
    // A NaN date counts as +0 here (§21.4.4.21).
    let y = first, m: f64 = 0, dt: f64 = 1, within: f64 = 0;
    if (id == D.SetYear && y == y) { const yi = toInteger(y); if (yi >= 0 && yi <= 99) y = 1900 + yi; }
    if (t == t) {
      civil.breakDown(t);
      m = civil.month; dt = civil.day; within = civil.msInDay;
    }
    if (id != D.SetYear) { m = arg(args, argc, 1, m); dt = arg(args, argc, 2, dt); }
    return timeClip(makeDate(makeDay(y, m, dt), within));
  }
  if (t != t) return NaN;
  civil.breakDown(t);
  const day = <f64>civil.days;
  const within = <f64>civil.msInDay;
  let h = <f64>civil.hour, mi = <f64>civil.minute, s = <f64>civil.second, ms = <f64>civil.millisecond;
  switch (id) {
    case D.SetDate: case D.SetUTCDate:
      return timeClip(makeDate(makeDay(civil.year, civil.month, first), within));
    case D.SetMonth: case D.SetUTCMonth:
      return timeClip(makeDate(makeDay(civil.year, first, arg(args, argc, 1, civil.day)), within));
    case D.SetHours: case D.SetUTCHours:
      h = first; mi = arg(args, argc, 1, mi); s = arg(args, argc, 2, s); ms = arg(args, argc, 3, ms); break;
    case D.SetMinutes: case D.SetUTCMinutes:
      mi = first; s = arg(args, argc, 1, s); ms = arg(args, argc, 2, ms); break;
    case D.SetSeconds: case D.SetUTCSeconds:
      s = first; ms = arg(args, argc, 1, ms); break;
    case D.SetMilliseconds: case D.SetUTCMilliseconds:
      ms = first; break;
  }
  return timeClip(makeDate(day, makeTime(h, mi, s, ms)));
}

