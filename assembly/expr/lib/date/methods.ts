// Date.prototype's methods (ECMA-262 §21.4.4) as V8 implements them
// (builtins-date.cc), with local time = UTC: getters, setters (which change
// the Date in place and return its new time value), and the text forms.
// Ids are this table's indexes; expr/lib/methods.ts offsets them.

import { Tag, setNumber } from "../../../value";
import { ErrorCode, raise, errBytes } from "../../../errors";
import { argAt, toNumber } from "../coerce";
import * as civil from "./civil";
import { timeClip, toInteger, F } from "./civil";
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

// The names, packed: each is its length, then its ASCII letters (one data segment, not 44 strings).
const NAMES = memory.data<u8>([
  7, 103, 101, 116, 68, 97, 116, 101, // getDate
  6, 103, 101, 116, 68, 97, 121, // getDay
  11, 103, 101, 116, 70, 117, 108, 108, 89, 101, 97, 114, // getFullYear
  8, 103, 101, 116, 72, 111, 117, 114, 115, // getHours
  15, 103, 101, 116, 77, 105, 108, 108, 105, 115, 101, 99, 111, 110, 100, 115, // getMilliseconds
  10, 103, 101, 116, 77, 105, 110, 117, 116, 101, 115, // getMinutes
  8, 103, 101, 116, 77, 111, 110, 116, 104, // getMonth
  10, 103, 101, 116, 83, 101, 99, 111, 110, 100, 115, // getSeconds
  10, 103, 101, 116, 85, 84, 67, 68, 97, 116, 101, // getUTCDate
  9, 103, 101, 116, 85, 84, 67, 68, 97, 121, // getUTCDay
  14, 103, 101, 116, 85, 84, 67, 70, 117, 108, 108, 89, 101, 97, 114, // getUTCFullYear
  11, 103, 101, 116, 85, 84, 67, 72, 111, 117, 114, 115, // getUTCHours
  18, 103, 101, 116, 85, 84, 67, 77, 105, 108, 108, 105, 115, 101, 99, 111, 110, 100, 115, // getUTCMilliseconds
  13, 103, 101, 116, 85, 84, 67, 77, 105, 110, 117, 116, 101, 115, // getUTCMinutes
  11, 103, 101, 116, 85, 84, 67, 77, 111, 110, 116, 104, // getUTCMonth
  13, 103, 101, 116, 85, 84, 67, 83, 101, 99, 111, 110, 100, 115, // getUTCSeconds
  7, 103, 101, 116, 84, 105, 109, 101, // getTime
  17, 103, 101, 116, 84, 105, 109, 101, 122, 111, 110, 101, 79, 102, 102, 115, 101, 116, // getTimezoneOffset
  7, 103, 101, 116, 89, 101, 97, 114, // getYear
  7, 115, 101, 116, 68, 97, 116, 101, // setDate
  11, 115, 101, 116, 70, 117, 108, 108, 89, 101, 97, 114, // setFullYear
  8, 115, 101, 116, 72, 111, 117, 114, 115, // setHours
  15, 115, 101, 116, 77, 105, 108, 108, 105, 115, 101, 99, 111, 110, 100, 115, // setMilliseconds
  10, 115, 101, 116, 77, 105, 110, 117, 116, 101, 115, // setMinutes
  8, 115, 101, 116, 77, 111, 110, 116, 104, // setMonth
  10, 115, 101, 116, 83, 101, 99, 111, 110, 100, 115, // setSeconds
  10, 115, 101, 116, 85, 84, 67, 68, 97, 116, 101, // setUTCDate
  14, 115, 101, 116, 85, 84, 67, 70, 117, 108, 108, 89, 101, 97, 114, // setUTCFullYear
  11, 115, 101, 116, 85, 84, 67, 72, 111, 117, 114, 115, // setUTCHours
  18, 115, 101, 116, 85, 84, 67, 77, 105, 108, 108, 105, 115, 101, 99, 111, 110, 100, 115, // setUTCMilliseconds
  13, 115, 101, 116, 85, 84, 67, 77, 105, 110, 117, 116, 101, 115, // setUTCMinutes
  11, 115, 101, 116, 85, 84, 67, 77, 111, 110, 116, 104, // setUTCMonth
  13, 115, 101, 116, 85, 84, 67, 83, 101, 99, 111, 110, 100, 115, // setUTCSeconds
  7, 115, 101, 116, 84, 105, 109, 101, // setTime
  7, 115, 101, 116, 89, 101, 97, 114, // setYear
  12, 116, 111, 68, 97, 116, 101, 83, 116, 114, 105, 110, 103, // toDateString
  11, 116, 111, 73, 83, 79, 83, 116, 114, 105, 110, 103, // toISOString
  6, 116, 111, 74, 83, 79, 78, // toJSON
  18, 116, 111, 76, 111, 99, 97, 108, 101, 68, 97, 116, 101, 83, 116, 114, 105, 110, 103, // toLocaleDateString
  14, 116, 111, 76, 111, 99, 97, 108, 101, 83, 116, 114, 105, 110, 103, // toLocaleString
  18, 116, 111, 76, 111, 99, 97, 108, 101, 84, 105, 109, 101, 83, 116, 114, 105, 110, 103, // toLocaleTimeString
  12, 116, 111, 84, 105, 109, 101, 83, 116, 114, 105, 110, 103, // toTimeString
  11, 116, 111, 85, 84, 67, 83, 116, 114, 105, 110, 103, // toUTCString
  11, 116, 111, 71, 77, 84, 83, 116, 114, 105, 110, 103, // toGMTString
  0,
]);

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

/** Where name `id` starts in NAMES (its length byte), or 0 past the end. */
function nameAt(id: i32): usize {
  if (id < 0 || id >= D.COUNT) return 0;
  let p = NAMES;
  for (let i = 0; i < id; i++) p += 1 + <usize>load<u8>(p);
  return p;
}

/** The id of the Date method named by `n` units at `q` (UTF-16), else -1. */
function find(q: usize, n: i32): i32 {
  let p = NAMES;
  for (let id = 0; id < D.COUNT; id++) {
    const len = <i32>load<u8>(p);
    if (len == n) {
      let k = 0;
      while (k < n && <u32>load<u8>(p + 1 + <usize>k) == <u32>load<u16>(q + (<usize>k << 1))) k++;
      if (k == n) return id;
    }
    p += 1 + <usize>len;
  }
  return -1;
}

/** Index of a Date method name, else -1. */
export function lookupDateMethod(name: string): i32 { return find(changetype<usize>(name), name.length); }

/** Whether the UTF-16 key names a Date.prototype method (a function: `in` finds it, reading it is an error). */
export function isDateMethodKey(p: usize, n: i32): bool { return find(p, n) >= 0; }

/** The method's name (configure time: it allocates). */
export function dateMethodName(id: i32): string {
  const p = nameAt(id);
  return p == 0 ? "" : String.UTF8.decodeUnsafe(p + 1, <usize>load<u8>(p));
}

/** Append the method's name to the error message (run time: no allocation). */
export function errDateMethodName(id: i32): void {
  const p = nameAt(id);
  if (p != 0) errBytes(p + 1, <i32>load<u8>(p));
}

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
  // The text forms, in D order from ToDateString: toISOString throws for NaN, toJSON gives null.
  if (t != t && id == D.ToISOString) return raise(ErrorCode.RangeError, "Invalid time value");
  if (t != t && id == D.ToJSON) { store<u32>(out, Tag.Null); return ErrorCode.None; }
  return dateTextSlot(t, <DateText>load<u8>(TEXTS + <usize>(id - D.ToDateString)), out);
}

const TEXTS = memory.data<u8>([1, 4, 4, 6, 5, 7, 2, 3, 3]); // Date, Iso, Iso, LocaleDate, Locale, LocaleTime, Time, Utc, Utc

// The field each getter reads (local and UTC agree), and each setter's first field.
const GETS = memory.data<u8>([2, 7, 0, 3, 6, 4, 1, 5]); // F.Day, F.Weekday, F.Year, F.Hour, F.Ms, F.Minute, F.Month, F.Second
const SETS = memory.data<u8>([2, 0, 3, 6, 4, 1, 5]); // F.Day, F.Year, F.Hour, F.Ms, F.Minute, F.Month, F.Second

function getter(id: i32, t: f64): f64 {
  if (t != t) return NaN;
  if (id == D.GetTime) return t;
  if (id == D.GetTimezoneOffset) return 0;
  civil.breakDown(t);
  if (id == D.GetYear) return civil.field(F.Year) - 1900;
  return civil.field(<F>load<u8>(GETS + <usize>(id & 7)));
}

/**
 * The new time value of setter `id` (local and UTC setters agree: local time is
 * UTC): the date's fields with the arguments in place of the setter's fields.
 */
function setter(id: i32, t: f64, args: usize, argc: i32): f64 {
  const first = toNumber(argAt(args, argc, 0));
  if (id == D.SetTime) return timeClip(first);
  if (t == t) civil.breakDown(t);
  if (id == D.SetYear) {
    // A NaN date counts as +0 here, as for setFullYear (§21.4.4.21, B.2.3.2).
    if (t != t) civil.setFields(0, 0, 1, 0, 0, 0, 0);
    let y = first;
    if (y == y) { const yi = toInteger(y); if (yi >= 0 && yi <= 99) y = 1900 + yi; }
    civil.setField(F.Year, y);
    return civil.fieldsTime();
  }
  const k = (id - D.SetDate) % 7; // SetDate … SetSeconds, then the UTC ones in the same order
  const start = <F>load<u8>(SETS + <usize>k);
  if (t != t) {
    if (start != F.Year) return NaN;
    civil.setFields(0, 0, 1, 0, 0, 0, 0);
  }
  civil.setField(start, first);
  const most = dateMethodMaxArgs(id);
  for (let i = 1; i < most && i < argc; i++) civil.setField(start + i, toNumber(args + (<usize>i << 4)));
  return civil.fieldsTime();
}
