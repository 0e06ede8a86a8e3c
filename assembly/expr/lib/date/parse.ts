// Date.parse and new Date(string): V8's date parser (src/date/dateparser*),
// ported. It first reads as much of the ECMAScript date-time format
// (§21.4.1.32: [+-YY]YYYY[-MM[-DD]][THH:mm[:ss[.sss]][Z|±HH:mm]]) as it can;
// what is left goes to the legacy parser V8 shares with Safari ("Dec 6 2026
// 10:00", "2026/12/06", RFC 2822, toString's own text …). Tokens, the day,
// time and zone composers are module state: nothing allocates. Without an
// offset the text is local time, which is UTC here.

import { isJsWhitespace } from "../../../num/whitespace";
import { setFields, fieldsDate, timeClip, MAX_TIME, MS_PER_DAY } from "./civil";

const NONE: i32 = i32.MAX_VALUE;
const MAX_DIGITS: i32 = 9;

// Token tags (keyword tags are the keyword types, >= 0).
const T_INVALID = -6, T_UNKNOWN = -5, T_SPACE = -4, T_NUMBER = -3, T_SYMBOL = -2, T_END = -1;
const K_WORD = 0, K_MONTH = 1, K_ZONE = 2, K_T = 3, K_AMPM = 4;

// The input.
let src: usize = 0;
let srcLen: i32 = 0;
let index: i32 = 0;
let ch: u32 = 0;

function advance(): void {
  ch = index < srcLen ? <u32>load<u16>(src + (<usize>index << 1)) : 0;
  index++;
}

// The token after the current one (peek), and the last one taken (tag, length, value).
let pTag = 0, pLen = 0, pVal = 0;
let tTag = 0, tLen = 0, tVal = 0;

// Keywords (V8's KeywordTable): three lower-case letters (0 pads), type, value (an i8).
const KEYWORDS = memory.data<u8>([
  106, 97, 110, 1, 1, // jan
  102, 101, 98, 1, 2, // feb
  109, 97, 114, 1, 3, // mar
  97, 112, 114, 1, 4, // apr
  109, 97, 121, 1, 5, // may
  106, 117, 110, 1, 6, // jun
  106, 117, 108, 1, 7, // jul
  97, 117, 103, 1, 8, // aug
  115, 101, 112, 1, 9, // sep
  111, 99, 116, 1, 10, // oct
  110, 111, 118, 1, 11, // nov
  100, 101, 99, 1, 12, // dec
  97, 109, 0, 4, 0, // am
  112, 109, 0, 4, 12, // pm
  117, 116, 0, 2, 0, // ut
  117, 116, 99, 2, 0, // utc
  122, 0, 0, 2, 0, // z
  103, 109, 116, 2, 0, // gmt
  99, 100, 116, 2, 251, // cdt
  99, 115, 116, 2, 250, // cst
  101, 100, 116, 2, 252, // edt
  101, 115, 116, 2, 251, // est
  109, 100, 116, 2, 250, // mdt
  109, 115, 116, 2, 249, // mst
  112, 100, 116, 2, 249, // pdt
  112, 115, 116, 2, 248, // pst
  116, 0, 0, 3, 0, // t
]);
const KEYWORD_COUNT = 27;

/** A word is characters from 'A' up, except whitespace (U+2028 and U+2029, line terminators, are word characters). */
function wordChar(c: u32): bool { return c >= 0x41 && (c == 0x2028 || c == 0x2029 || !isJsWhitespace(c)); }

function scanWord(): void {
  let a: u32 = 0, b: u32 = 0, c: u32 = 0;
  let len = 0;
  for (; wordChar(ch); advance(), len++) {
    const lower = ch | 0x20;
    if (len == 0) a = lower; else if (len == 1) b = lower; else if (len == 2) c = lower;
  }
  pTag = K_WORD; pVal = 0; pLen = len;
  for (let k = KEYWORDS; k < KEYWORDS + KEYWORD_COUNT * 5; k += 5) {
    if (<u32>load<u8>(k) != a || <u32>load<u8>(k, 1) != b || <u32>load<u8>(k, 2) != c) continue;
    const type = <i32>load<u8>(k, 3);
    if (len > 3 && type != K_MONTH) continue;
    pTag = type;
    pVal = <i32>load<i8>(k, 4);
    return;
  }
}

/** Read the next token into p*. */
function scan(): void {
  const before = index;
  if (ch == 0) { pTag = T_END; pLen = 0; pVal = -1; return; }
  if (ch - 0x30 < 10) {
    let n = 0, i = 0;
    while (ch == 0x30) advance(); // leading zeros are not significant digits
    while (ch - 0x30 < 10) {
      if (i < MAX_DIGITS) n = n * 10 + <i32>(ch - 0x30);
      i++;
      advance();
    }
    pTag = T_NUMBER; pLen = index - before; pVal = n;
    return;
  }
  if (ch == 0x3a || ch == 0x2d || ch == 0x2b || ch == 0x2e || ch == 0x29) {
    pTag = T_SYMBOL; pLen = 1; pVal = <i32>ch;
    advance();
    return;
  }
  if (wordChar(ch)) { scanWord(); return; }
  if (isJsWhitespace(ch)) { advance(); pTag = T_SPACE; pLen = index - before; pVal = -1; return; }
  if (ch == 0x28) {
    let balance = 0;
    do {
      if (ch == 0x29) balance--; else if (ch == 0x28) balance++;
      advance();
    } while (balance > 0 && ch != 0);
  } else {
    advance();
  }
  pTag = T_UNKNOWN; pLen = 1; pVal = -1;
}

/** Take the peeked token into t*. */
function next(): void { tTag = pTag; tLen = pLen; tVal = pVal; scan(); }
function skipSymbol(c: i32): bool {
  if (pTag == T_SYMBOL && pVal == c) { scan(); return true; }
  return false;
}
// @ts-ignore: decorator
@inline function peekNumber(len: i32): bool { return pTag == T_NUMBER && pLen == len; }
// @ts-ignore: decorator
@inline function peekSign(): bool { return pTag == T_SYMBOL && (pVal == 0x2d || pVal == 0x2b); }
// @ts-ignore: decorator
@inline function peekZ(): bool { return pTag == K_ZONE && pLen == 1 && pVal == 0; }
// @ts-ignore: decorator
@inline function between(x: i32, lo: i32, hi: i32): bool { return <u32>(x - lo) <= <u32>(hi - lo); }

// The composers.
const dayComp = memory.data(12);
let dayCount = 0, namedMonth = NONE;
let isoDate = false;
const timeComp = memory.data(16);
let timeCount = 0, hourOffset = NONE;
let tzSign = NONE, tzHour = NONE, tzMinute = NONE;

function dayAdd(n: i32): bool {
  if (dayCount >= 3) return false;
  store<i32>(dayComp + (<usize>dayCount << 2), n);
  dayCount++;
  return true;
}
function timeAdd(n: i32): bool {
  if (timeCount >= 4) return false;
  store<i32>(timeComp + (<usize>timeCount << 2), n);
  timeCount++;
  return true;
}
function timeAddFinal(n: i32): bool {
  if (!timeAdd(n)) return false;
  while (timeCount < 4) timeAdd(0);
  return true;
}
function timeExpecting(n: i32): bool {
  return (timeCount == 1 && between(n, 0, 59)) || (timeCount == 2 && between(n, 0, 59)) || (timeCount == 3 && between(n, 0, 999));
}
function tzSet(hours: i32): void {
  tzSign = hours < 0 ? -1 : 1;
  tzHour = hours * tzSign;
  tzMinute = 0;
}

/** The first three significant digits of a fraction, from its value and digit count. */
function milliseconds(n: i32, len: i32): i32 {
  if (len == 1) return n * 100;
  if (len == 2) return n * 10;
  if (len > 3) {
    if (len > MAX_DIGITS) len = MAX_DIGITS;
    let factor = 1;
    do { factor *= 10; len--; } while (len > 3);
    return n / factor;
  }
  return n;
}

/** The time value `n` UTF-16 units at `p` denote, or NaN. */
export function parseDate(p: usize, n: i32): f64 {
  src = p; srcLen = n; index = 0;
  dayCount = 0; namedMonth = NONE; isoDate = false;
  timeCount = 0; hourOffset = NONE;
  tzSign = NONE; tzHour = NONE; tzMinute = NONE;
  advance();
  scan();
  if (!iso()) return NaN;
  if (!legacy()) return NaN;
  return compose();
}

/** The ECMAScript format; false when the text is invalid. Leaves in t* the first token it did not use (T_END: all). */
function iso(): bool {
  if (peekSign()) {
    next();
    const sign = tVal == 0x2b ? 1 : -1;
    if (!peekNumber(6)) return true;
    const signTag = tTag, signLen = tLen, signVal = tVal;
    next();
    if (sign < 0 && tVal == 0) { tTag = signTag; tLen = signLen; tVal = signVal; return true; }
    dayAdd(sign * tVal);
  } else if (peekNumber(4)) {
    next();
    dayAdd(tVal);
  } else {
    next();
    return true;
  }
  if (skipSymbol(0x2d)) {
    if (!peekNumber(2) || !between(pVal, 1, 12)) { next(); return true; }
    next();
    dayAdd(tVal);
    if (skipSymbol(0x2d)) {
      if (!peekNumber(2) || !between(pVal, 1, 31)) { next(); return true; }
      next();
      dayAdd(tVal);
    }
  }
  if (pTag != K_T) {
    if (pTag != T_END) { next(); return true; }
  } else {
    next();
    if (!peekNumber(2) || !between(pVal, 0, 24)) return false;
    const h24 = pVal == 24;
    next(); timeAdd(tVal);
    if (!skipSymbol(0x3a)) return false;
    if (!peekNumber(2) || !between(pVal, 0, 59) || (h24 && pVal > 0)) return false;
    next(); timeAdd(tVal);
    if (skipSymbol(0x3a)) {
      if (!peekNumber(2) || !between(pVal, 0, 59) || (h24 && pVal > 0)) return false;
      next(); timeAdd(tVal);
      if (skipSymbol(0x2e)) {
        if (pTag != T_NUMBER || (h24 && pVal > 0)) return false;
        next(); timeAdd(milliseconds(tVal, tLen));
      }
    }
    if (peekZ()) {
      next();
      tzSet(0);
    } else if (peekSign()) {
      next();
      tzSign = tVal == 0x2b ? 1 : -1;
      if (peekNumber(4)) {
        next();
        const hour = tVal / 100, min = tVal % 100;
        if (!between(hour, 0, 23) || !between(min, 0, 59)) return false;
        tzHour = hour; tzMinute = min;
      } else {
        if (!peekNumber(2) || !between(pVal, 0, 23)) return false;
        next(); tzHour = tVal;
        if (!skipSymbol(0x3a)) return false;
        if (!peekNumber(2) || !between(pVal, 0, 59)) return false;
        next(); tzMinute = tVal;
      }
    }
    if (pTag != T_END) return false;
  }
  if (tzHour == NONE && timeCount == 0) tzSet(0);
  isoDate = true;
  tTag = T_END;
  return true;
}

/** The legacy parser over the tokens from t* on; false when V8 rejects the text. */
function legacy(): bool {
  let hasNumber = dayCount > 0;
  for (; tTag != T_END; next()) {
    if (tTag == T_NUMBER) {
      hasNumber = true;
      const n = tVal;
      if (skipSymbol(0x3a)) {
        if (skipSymbol(0x3a)) {
          if (timeCount != 0) return false;
          timeAdd(n); timeAdd(0);
        } else {
          if (!timeAdd(n)) return false;
          if (pTag == T_SYMBOL && pVal == 0x2e) next();
        }
      } else if (skipSymbol(0x2e) && timeExpecting(n)) {
        timeAdd(n);
        if (pTag != T_NUMBER) return false;
        next();
        const ms = milliseconds(tVal, tLen);
        if (ms < 0) return false;
        timeAddFinal(ms);
      } else if (tzHour != NONE && tzMinute == NONE && between(n, 0, 59)) {
        tzMinute = n;
      } else if (timeExpecting(n)) {
        timeAddFinal(n);
        if (pTag != T_END && pTag != T_SPACE && !peekZ() && !peekSign()) return false;
      } else {
        if (!dayAdd(n)) return false;
        skipSymbol(0x2d);
      }
    } else if (tTag >= 0) {
      if (tTag == K_AMPM && timeCount != 0) {
        hourOffset = tVal;
      } else if (tTag == K_MONTH) {
        namedMonth = tVal;
        skipSymbol(0x2d);
      } else if (tTag == K_ZONE && hasNumber) {
        tzSet(tVal);
      } else {
        if (hasNumber) return false;
        if (pTag == T_NUMBER) return false;
      }
    } else if (tTag == T_SYMBOL && (tVal == 0x2b || tVal == 0x2d) && ((tzHour == 0 && tzMinute == 0) || timeCount != 0)) {
      tzSign = tVal == 0x2b ? 1 : -1;
      let n = 0, len = 0;
      if (pTag == T_NUMBER) { next(); len = tLen; n = tVal; }
      hasNumber = true;
      if (pTag == T_SYMBOL && pVal == 0x3a) { tzHour = n; tzMinute = NONE; }
      else if (len == 1 || len == 2) { tzHour = n; tzMinute = 0; }
      else if (len == 3 || len == 4) { tzHour = n / 100; tzMinute = n % 100; }
      else return false;
    } else if (tTag == T_SYMBOL && (tVal == 0x2b || tVal == 0x2d || tVal == 0x29) && hasNumber) {
      return false;
    }
  }
  return true;
}

// @ts-ignore: decorator
@inline function comp(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }

/** The composers' date, time and zone as a time value (V8's ParseDateTimeString), or NaN. */
function compose(): f64 {
  if (dayCount < 1) return NaN;
  while (dayCount < 3) dayAdd(1);
  let year = 0, month = NONE, day = NONE;
  const c0 = comp(dayComp, 0), c1 = comp(dayComp, 1), c2 = comp(dayComp, 2);
  if (namedMonth == NONE) {
    if (isoDate || !between(c0, 1, 31)) { year = c0; month = c1; day = c2; }
    else { month = c0; day = c1; year = c2; }
  } else {
    month = namedMonth;
    if (!between(c0, 1, 31)) { year = c0; day = c1; }
    else { day = c0; year = c1; }
  }
  if (!isoDate) {
    if (between(year, 0, 49)) year += 2000;
    else if (between(year, 50, 99)) year += 1900;
  }
  if (!between(month, 1, 12) || !between(day, 1, 31)) return NaN;

  while (timeCount < 4) timeAdd(0);
  let hour = comp(timeComp, 0);
  const minute = comp(timeComp, 1), second = comp(timeComp, 2), ms = comp(timeComp, 3);
  if (hourOffset != NONE) {
    if (!between(hour, 0, 12)) return NaN;
    hour = hour % 12 + hourOffset;
  }
  if (!between(hour, 0, 23) || !between(minute, 0, 59) || !between(second, 0, 59) || !between(ms, 0, 999)) {
    if (hour != 24 || minute != 0 || second != 0 || ms != 0) return NaN;
  }

  let offset: f64 = NaN;
  if (tzSign != NONE) {
    const h: u32 = tzHour == NONE ? 0 : <u32>tzHour;
    const m: u32 = tzMinute == NONE ? 0 : <u32>tzMinute;
    const total: u32 = h * 3600 + m * 60; // 32-bit unsigned arithmetic, as V8
    if (total > 0x7fffffff) return NaN; // past Smi::kMaxValue
    offset = tzSign < 0 ? -<f64>total : <f64>total;
  }
  setFields(<f64>year, <f64>(month - 1), <f64>day, <f64>hour, <f64>minute, <f64>second, <f64>ms);
  const date = fieldsDate();
  if (offset != offset) {
    // Local time is UTC; V8 first bounds it (kMaxTimeBeforeUTCInMs).
    if (!(Math.abs(date) <= MAX_TIME + 10 * MS_PER_DAY)) return NaN;
    return timeClip(date);
  }
  return timeClip(date - offset * 1000);
}
