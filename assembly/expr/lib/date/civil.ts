// Date arithmetic (ECMA-262 §21.4.1) as V8 computes it: MakeDay, MakeTime,
// MakeDate, TimeClip, and a time value broken down into its calendar fields.
// The local time zone is UTC (the module has no time-zone database), so local
// time and UTC are the same number. Days from the civil date by H. Hinnant's
// algorithm, exact in i64 over the whole range of years V8 accepts.

export const MS_PER_DAY: f64 = 86400000;
/** The largest time value (±8.64e15 ms, 100,000,000 days either side of 1970). */
export const MAX_TIME: f64 = 8.64e15;

/** DoubleToInteger: truncate toward zero, NaN -> 0. */
// @ts-ignore: decorator
@inline export function toInteger(x: f64): f64 { return x != x ? 0 : Math.trunc(x); }

/** Days from 1970-01-01 to year y, month m (1..12), day d. */
export function daysFromCivil(y: i64, m: i64, d: i64): i64 {
  if (m <= 2) y -= 1;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = (153 * mp + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** MakeDay (V8: years within ±1,000,000 and months within ±10,000,000, else NaN). */
export function makeDay(year: f64, month: f64, date: f64): f64 {
  if (!(year >= -1000000 && year <= 1000000 && month >= -10000000 && month <= 10000000 && isFinite(date))) return NaN;
  let y = <i64>year;
  let m = <i64>month;
  y += m / 12;
  m %= 12;
  if (m < 0) { m += 12; y -= 1; }
  return <f64>(daysFromCivil(y, m + 1, 1) - 1) + toInteger(date);
}

/** MakeTime: each field truncated, NaN for a non-finite one. */
export function makeTime(h: f64, m: f64, s: f64, ms: f64): f64 {
  if (!(isFinite(h) && isFinite(m) && isFinite(s) && isFinite(ms))) return NaN;
  return toInteger(h) * 3600000 + toInteger(m) * 60000 + toInteger(s) * 1000 + toInteger(ms);
}

export function makeDate(day: f64, time: f64): f64 {
  if (!(isFinite(day) && isFinite(time))) return NaN;
  return time + day * MS_PER_DAY;
}

/** TimeClip: NaN past ±8.64e15, else an integer (never -0). */
export function timeClip(t: f64): f64 {
  if (!(Math.abs(t) <= MAX_TIME)) return NaN;
  return Math.trunc(t) + 0.0;
}

/** A year 0..99 means 1900 + year (the Date constructor and Date.UTC). */
export function fullYear(year: f64): f64 {
  if (year != year) return year;
  const y = toInteger(year);
  return y >= 0 && y <= 99 ? 1900 + y : year;
}

// The fields of the last time value broken down.
export let year: i32 = 0;
export let month: i32 = 0;   // 0..11
export let day: i32 = 0;     // 1..31
export let weekday: i32 = 0; // 0 = Sunday
export let hour: i32 = 0;
export let minute: i32 = 0;
export let second: i32 = 0;
export let millisecond: i32 = 0;
/** Days since the epoch and milliseconds into that day of the last breakDown. */
export let days: i64 = 0;
export let msInDay: i32 = 0;

/** Break a finite time value (an integer within ±8.64e15) into its UTC fields. */
export function breakDown(t: f64): void {
  const ms = <i64>t;
  let d = ms / 86400000;
  let r = ms % 86400000;
  if (r < 0) { r += 86400000; d -= 1; }
  days = d;
  msInDay = <i32>r;
  const w = (d + 4) % 7;
  weekday = <i32>(w < 0 ? w + 7 : w);
  hour = <i32>(r / 3600000);
  minute = <i32>((r / 60000) % 60);
  second = <i32>((r / 1000) % 60);
  millisecond = <i32>(r % 1000);
  // Civil from days (Hinnant).
  const z = d + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  day = <i32>(doy - (153 * mp + 2) / 5 + 1);
  const m = mp < 10 ? mp + 3 : mp - 9;
  month = <i32>m - 1;
  year = <i32>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}
