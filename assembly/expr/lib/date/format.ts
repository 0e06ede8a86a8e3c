// A time value's text, as V8 prints it (src/date/date.cc ToDateString) with the
// local time zone UTC: toString, toDateString, toTimeString, toUTCString,
// toISOString, and the en-US toLocale*String forms (what Node 20 prints with
// TZ=UTC and the en-US locale). The text goes to a static buffer; the caller
// copies it out. "Invalid Date" for NaN (toISOString throws instead: its caller).

import { breakDown, field, F } from "./civil";

const buffer = memory.data(160); // the longest text, toString of year -271821, is 66 units
let w: usize = 0;

// ASCII: the weekdays, the months, the zone, "Invalid Date" (one data segment).
const TEXT = memory.data<u8>([83, 117, 110, 77, 111, 110, 84, 117, 101, 87, 101, 100, 84, 104, 117, 70, 114, 105, 83, 97, 116, 74, 97, 110, 70, 101, 98, 77, 97, 114, 65, 112, 114, 77, 97, 121, 74, 117, 110, 74, 117, 108, 65, 117, 103, 83, 101, 112, 79, 99, 116, 78, 111, 118, 68, 101, 99, 32, 71, 77, 84, 43, 48, 48, 48, 48, 32, 40, 67, 111, 111, 114, 100, 105, 110, 97, 116, 101, 100, 32, 85, 110, 105, 118, 101, 114, 115, 97, 108, 32, 84, 105, 109, 101, 41, 73, 110, 118, 97, 108, 105, 100, 32, 68, 97, 116, 101]);
const WEEKDAYS = 0, MONTHS = 21, ZONE = 57, ZONE_LEN = 38, INVALID = 95;

export const enum DateText { Full, Date, Time, Utc, Iso, Locale, LocaleDate, LocaleTime }

/** Start of the text the last dateText call wrote. */
export function dateTextPtr(): usize { return buffer; }

function get(f: F): i32 { return <i32>field(f); }
function ch(c: i32): void { store<u16>(w, <u16>c); w += 2; }
/** `n` characters of TEXT from `at`. */
function text(at: i32, n: i32): void {
  for (let k = 0; k < n; k++) ch(load<u8>(TEXT + <usize>(at + k)));
}
function three(table: i32, i: i32): void { text(table + i * 3, 3); }
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
  digits(get(F.Hour), 2); ch(0x3a); digits(get(F.Minute), 2); ch(0x3a); digits(get(F.Second), 2);
}
function calendarDate(): void {
  three(WEEKDAYS, get(F.Weekday)); ch(0x20); three(MONTHS, get(F.Month)); ch(0x20);
  digits(get(F.Day), 2); ch(0x20); signed(get(F.Year), get(F.Year) < 0 ? 5 : 4);
}

/** The text of time value `t` in the form `kind`; returns its length in UTF-16 units. */
export function dateText(t: f64, kind: DateText): i32 {
  w = buffer;
  if (t != t) { text(INVALID, 12); return 12; }
  breakDown(t);
  switch (kind) {
    case DateText.Full: calendarDate(); ch(0x20); clock(); text(ZONE, ZONE_LEN); break;
    case DateText.Date: calendarDate(); break;
    case DateText.Time: clock(); text(ZONE, ZONE_LEN); break;
    case DateText.Utc: {
      three(WEEKDAYS, get(F.Weekday)); ch(0x2c); ch(0x20); digits(get(F.Day), 2); ch(0x20); three(MONTHS, get(F.Month));
      ch(0x20); signed(get(F.Year), get(F.Year) < 0 ? 5 : 4); ch(0x20); clock(); text(ZONE, 4);
      break;
    }
    case DateText.Iso: {
      const y = get(F.Year);
      if (y >= 0 && y <= 9999) digits(y, 4);
      else { ch(y < 0 ? 0x2d : 0x2b); digits(y < 0 ? -y : y, 6); }
      ch(0x2d); digits(get(F.Month) + 1, 2); ch(0x2d); digits(get(F.Day), 2); ch(0x54); clock();
      ch(0x2e); digits(get(F.Ms), 3); ch(0x5a);
      break;
    }
    case DateText.Locale: localeDate(); ch(0x2c); ch(0x20); localeTime(); break;
    case DateText.LocaleDate: localeDate(); break;
    case DateText.LocaleTime: localeTime(); break;
  }
  return <i32>((w - buffer) >> 1);
}

/** en-US "12/6/2026"; a year before 1 is counted back from 1 BC (the era is not shown). */
function localeDate(): void {
  digits(get(F.Month) + 1, 1); ch(0x2f); digits(get(F.Day), 1); ch(0x2f);
  digits(get(F.Year) > 0 ? get(F.Year) : 1 - get(F.Year), 1);
}
/** en-US "3:24:12 AM". */
function localeTime(): void {
  const h = get(F.Hour) % 12;
  digits(h == 0 ? 12 : h, 1); ch(0x3a); digits(get(F.Minute), 2); ch(0x3a); digits(get(F.Second), 2);
  ch(0x20); ch(get(F.Hour) < 12 ? 0x41 : 0x50); ch(0x4d);
}
