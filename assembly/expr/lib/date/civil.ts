// Date arithmetic (ECMA-262 §21.4.1) as V8 computes it: MakeDay, MakeTime,
// MakeDate, TimeClip, and a time value broken down into its calendar fields.
// The local time zone is UTC (the module has no time-zone database), so local
// time and UTC are the same number. The civil date of a day number by
// H. Hinnant's algorithm.

export const MS_PER_DAY: f64 = 86400000;
/** The largest time value (±8.64e15 ms, 100,000,000 days either side of 1970). */
export const MAX_TIME: f64 = 8.64e15;

/** DoubleToInteger: truncate toward zero, NaN -> 0. */
// @ts-ignore: decorator
@inline export function toInteger(x: f64): f64 { return x != x ? 0 : Math.trunc(x); }

// V8's MakeDay counts days from a year shifted by 399999 (≡ -1 mod 400) in
// 32-bit integers; past about year -400000 its divisions truncate toward zero
// instead of flooring, and its results there are kept as they are.
const YEAR_DELTA: i32 = 399999;
const BASE_DAY: i32 = 365 * (1970 + YEAR_DELTA) + (1970 + YEAR_DELTA) / 4 - (1970 + YEAR_DELTA) / 100 + (1970 + YEAR_DELTA) / 400;
const DAYS_BEFORE_MONTH = memory.data<u16>([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]);

/** MakeDay (V8: years within ±1,000,000 and months within ±10,000,000, else NaN). */
export function makeDay(year: f64, month: f64, date: f64): f64 {
  if (!(year >= -1000000 && year <= 1000000 && month >= -10000000 && month <= 10000000 && isFinite(date))) return NaN;
  let y = <i32>year;
  let m = <i32>month;
  y += m / 12;
  m %= 12;
  if (m < 0) { m += 12; y -= 1; }
  const s = y + YEAR_DELTA;
  let day = 365 * s + s / 4 - s / 100 + s / 400 - BASE_DAY + <i32>load<u16>(DAYS_BEFORE_MONTH + (<usize>m << 1));
  if (m >= 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) day++;
  return <f64>(day - 1) + toInteger(date);
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

/** Calendar fields: a time value broken down, or the fields a date is made from. */
export const enum F { Year, Month, Day, Hour, Minute, Second, Ms, Weekday }
const fields = memory.data(8 << 3);
// @ts-ignore: decorator
@inline export function field(f: F): f64 { return load<f64>(fields + (<usize>f << 3)); }
// @ts-ignore: decorator
@inline export function setField(f: F, v: f64): void { store<f64>(fields + (<usize>f << 3), v); }

/** Set the fields year .. ms (a weekday is not one). */
export function setFields(y: f64, m: f64, d: f64, h: f64, mi: f64, s: f64, ms: f64): void {
  setField(F.Year, y); setField(F.Month, m); setField(F.Day, d);
  setField(F.Hour, h); setField(F.Minute, mi); setField(F.Second, s); setField(F.Ms, ms);
}

/** MakeDate(MakeDay(year, month, day), MakeTime(hour, minute, second, ms)) of the fields. */
export function fieldsDate(): f64 {
  return makeDate(makeDay(field(F.Year), field(F.Month), field(F.Day)),
    makeTime(field(F.Hour), field(F.Minute), field(F.Second), field(F.Ms)));
}

/** The fields' time value: fieldsDate(), time-clipped. */
export function fieldsTime(): f64 { return timeClip(fieldsDate()); }

/** Milliseconds into its day of the last time value broken down. */
export let msInDay: i32 = 0;

/** Break a finite time value (an integer within ±8.64e15) into its UTC fields. */
export function breakDown(t: f64): void {
  const ms = <i64>t;
  let d = ms / 86400000;
  let r = ms % 86400000;
  if (r < 0) { r += 86400000; d -= 1; }
  msInDay = <i32>r;
  const w = (d + 4) % 7;
  // Civil from days (Hinnant).
  const z = d + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const m = mp < 10 ? mp + 3 : mp - 9;
  setFields(<f64>(yoe + era * 400 + (m <= 2 ? 1 : 0)), <f64>(m - 1), <f64>(doy - (153 * mp + 2) / 5 + 1),
    <f64>(r / 3600000), <f64>((r / 60000) % 60), <f64>((r / 1000) % 60), <f64>(r % 1000));
  setField(F.Weekday, <f64>(w < 0 ? w + 7 : w));
}
