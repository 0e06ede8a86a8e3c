// A time value's text, as V8 prints it (src/date/date.cc ToDateString) with the
// local time zone UTC: toString, toDateString, toTimeString, toUTCString,
// toISOString, and the en-US toLocale*String forms (what Node 20 prints with
// TZ=UTC and the en-US locale). The text goes to a static buffer; the caller
// copies it out. "Invalid Date" for NaN (toISOString throws instead: its caller).

import * as civil from "./civil";

const buffer = memory.data(128);
let w: usize = 0;

const WEEKDAYS = "SunMonTueWedThuFriSat";
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const ZONE = " GMT+0000 (Coordinated Universal Time)";

export const enum DateText { Full, Date, Time, Utc, Iso, Locale, LocaleDate, LocaleTime }

/** Start of the text the last dateText call wrote. */
export function dateTextPtr(): usize { return buffer; }

function ch(c: i32): void { store<u16>(w, <u16>c); w += 2; }
function str(s: string): void {
  for (let i = 0; i < s.length; i++) ch(s.charCodeAt(i));
}
function three(table: string, i: i32): void {
  for (let k = 0; k < 3; k++) ch(table.charCodeAt(i * 3 + k));
}
/** `n` (>= 0) in at least `width` digits. */
function digits(n: i64, width: i32): void {
  let len = 1;
  for (let v = n; v >= 10; v /= 10) len++;
  for (let k = len; k < width; k++) ch(0x30);
  const end = w + (<usize>len << 1);
  let v = n;
  for (let k = 1; k <= len; k++) { store<u16>(end - (<usize>k << 1), <u16>(0x30 + <i32>(v % 10))); v /= 10; }
  w = end;
}
/** printf's %0Nd: a negative number has its sign inside the width. */
function signed(n: i64, width: i32): void {
  if (n < 0) { ch(0x2d); digits(-n, width - 1); } else digits(n, width);
}
function clock(): void {
  digits(civil.hour, 2); ch(0x3a); digits(civil.minute, 2); ch(0x3a); digits(civil.second, 2);
}
function calendarDate(): void {
  three(WEEKDAYS, civil.weekday); ch(0x20); three(MONTHS, civil.month); ch(0x20);
  digits(civil.day, 2); ch(0x20); signed(civil.year, civil.year < 0 ? 5 : 4);
}

/** The text of time value `t` in the form `kind`; returns its length in UTF-16 units. */
export function dateText(t: f64, kind: DateText): i32 {
  w = buffer;
  if (t != t) { str("Invalid Date"); return 12; }
  civil.breakDown(t);
  switch (kind) {
    case DateText.Full: calendarDate(); ch(0x20); clock(); str(ZONE); break;
    case DateText.Date: calendarDate(); break;
    case DateText.Time: clock(); str(ZONE); break;
    case DateText.Utc: {
      three(WEEKDAYS, civil.weekday); str(", "); digits(civil.day, 2); ch(0x20); three(MONTHS, civil.month);
      ch(0x20); signed(civil.year, civil.year < 0 ? 5 : 4); ch(0x20); clock(); str(" GMT");
      break;
    }
    case DateText.Iso: {
      const y = civil.year;
      if (y >= 0 && y <= 9999) digits(y, 4);
      else { ch(y < 0 ? 0x2d : 0x2b); digits(y < 0 ? -y : y, 6); }
      ch(0x2d); digits(civil.month + 1, 2); ch(0x2d); digits(civil.day, 2); ch(0x54); clock();
      ch(0x2e); digits(civil.millisecond, 3); ch(0x5a);
      break;
    }
    case DateText.Locale: localeDate(); str(", "); localeTime(); break;
    case DateText.LocaleDate: localeDate(); break;
    case DateText.LocaleTime: localeTime(); break;
  }
  return <i32>((w - buffer) >> 1);
}

/** en-US "12/6/2026"; a year before 1 is counted back from 1 BC (the era is not shown). */
function localeDate(): void {
  digits(civil.month + 1, 1); ch(0x2f); digits(civil.day, 1); ch(0x2f);
  digits(civil.year > 0 ? civil.year : 1 - <i64>civil.year, 1);
}
/** en-US "3:24:12 AM". */
function localeTime(): void {
  const h = civil.hour % 12;
  digits(h == 0 ? 12 : h, 1); ch(0x3a); digits(civil.minute, 2); ch(0x3a); digits(civil.second, 2);
  str(civil.hour < 12 ? " AM" : " PM");
}
