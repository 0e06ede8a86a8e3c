// One input payload {"value": V, "timestamp_ms": T} (docs/behaviour.md §3), read
// without allocating. The whole text is validated first (it must be exactly
// one JSON value, as JSON.parse requires), then `value`, then `timestamp_ms`;
// the first failure decides the error. Keys are compared after unescaping and
// case-sensitively; a duplicate key's last occurrence wins; other keys are
// validated and ignored.
//
// A string value's UTF-16 data lives in a scratch buffer owned by this file:
// payloadValue points into it until the next readPayload call, so the caller
// copies it if it must outlive that. The buffer grows (heap.alloc) only when a
// payload longer than any before could hold a longer string.

import { ErrorCode, errBegin, errInt, errText, raise } from "../errors";
import { Limit, limit } from "../limits";
import { setBool, setNumber, setString } from "../value";
import { Char } from "../num/chars";
import {
  jsonBegin, jsonEnd, jsonErrorTo, jsonFail, jsonUnexpected, literalValue, Literal,
  numberValue, readLiteral, readNumber, readString, skipValue, skipWs, strUnits,
} from "./reader";
import { readFastPayload, fastIsBool, fastStampLen, fastStampPtr, fastTimestamp, fastValue } from "./fastpayload";

/** The payload's value (a Value slot: number, string or boolean) after readPayload. */
export const payloadValue: usize = memory.data(16);
/** The payload's timestamp_ms after readPayload. */
export let payloadTimestamp: f64 = 0;
/** The timestamp's text when it is exactly what JSON.stringify prints for it (else payloadStampLen is 0). */
export let payloadStampPtr: usize = 0;
export let payloadStampLen: usize = 0;

const enum Seen { Absent, Number, String, Boolean, Null, Other }
const enum Key { Other, Value, Timestamp }

const KEY_UNITS: i32 = 16;              // longer keys are neither of ours
const keyBuf = memory.data(KEY_UNITS << 1);

let scratch: usize = 0;                 // string value data (UTF-16)
let scratchUnits: i32 = 0;

/** Make room for `units` code units of string value (grows only, never per message). */
function reserveScratch(units: i32): void {
  if (units <= scratchUnits) return;
  if (scratch != 0) heap.free(scratch);
  scratch = heap.alloc(<usize>units << 1);
  scratchUnits = units;
}

function whichKey(n: i32): Key {
  if (n == 5) {
    // "value": the first four units as one u64, then 'e'
    if (load<u64>(keyBuf) == 0x0075006c00610076 && load<u16>(keyBuf, 8) == Char.e) return Key.Value;
  } else if (n == 12) {
    // "timestamp_ms" as three u64 words
    if (load<u64>(keyBuf) == 0x0065006d00690074 && load<u64>(keyBuf, 8) == 0x006d006100740073 &&
        load<u64>(keyBuf, 16) == 0x0073006d005f0070) return Key.Timestamp;
  }
  return Key.Other;
}

// @ts-ignore: decorator
@inline function invalidJson(): i32 {
  jsonErrorTo("invalid JSON payload: ");
  return ErrorCode.InvalidJson;
}

/** Validate and read one payload of `len` UTF-8 bytes at `ptr`. Returns an ErrorCode (0 ok). */
export function readPayload(ptr: usize, len: i32): i32 {
  const maxBytes = limit(Limit.PayloadBytes);
  if (<u32>len > maxBytes) {
    errBegin(); errText("payload larger than "); errInt(maxBytes); errText(" bytes");
    return ErrorCode.PayloadTooLarge;
  }
  if (readFastPayload(ptr, <usize>len)) {
    if (fastIsBool) setBool(payloadValue, fastValue != 0);
    else setNumber(payloadValue, fastValue);
    payloadTimestamp = fastTimestamp;
    payloadStampPtr = fastStampPtr;
    payloadStampLen = fastStampLen;
    return ErrorCode.None;
  }
  payloadStampLen = 0;
  // A string has at most as many code units as the payload has bytes.
  const maxUnits = <i32>limit(Limit.ValueStringUnits);
  const cap = len < maxUnits ? len : maxUnits;
  reserveScratch(cap);

  jsonBegin(ptr, len);
  let p = skipWs(ptr);
  if (p >= jsonEnd) { jsonUnexpected(p); return invalidJson(); }
  if (load<u8>(p) != Char.LBRACE) {
    p = skipValue(p, 0);
    if (p == 0) return invalidJson();
    p = skipWs(p);
    if (p < jsonEnd) { jsonFail(p, "trailing characters after the value"); return invalidJson(); }
    return raise(ErrorCode.InvalidJson, "invalid JSON payload: not an object");
  }

  let value = Seen.Absent, valueNum: f64 = 0, valueUnits: i32 = 0;
  let stamp = Seen.Absent, stampNum: f64 = 0;
  p = skipWs(p + 1);
  if (p < jsonEnd && load<u8>(p) == Char.RBRACE) {
    p++;
  } else {
    while (true) {
      if (p >= jsonEnd || load<u8>(p) != Char.QUOTE) { jsonUnexpected(p); return invalidJson(); }
      p = readString(p, keyBuf, KEY_UNITS);
      if (p == 0) return invalidJson();
      const key = strUnits <= KEY_UNITS ? whichKey(strUnits) : Key.Other;
      p = skipWs(p);
      if (p >= jsonEnd || load<u8>(p) != Char.COLON) { jsonUnexpected(p); return invalidJson(); }
      p = skipWs(p + 1);
      if (p >= jsonEnd) { jsonUnexpected(p); return invalidJson(); }
      const c = <u32>load<u8>(p);
      const isNumber = c == Char.MINUS || c - Char._0 < 10;
      if (key == Key.Value) {
        if (c == Char.QUOTE) {
          p = readString(p, scratch, cap);
          value = Seen.String;
          valueUnits = strUnits;
        } else if (isNumber) {
          p = readNumber(p);
          value = Seen.Number;
          valueNum = numberValue;
        } else if (c == Char.t || c == Char.f || c == Char.n) {
          p = readLiteral(p);
          value = literalValue == Literal.Null ? Seen.Null : Seen.Boolean;
          valueNum = literalValue == Literal.True ? 1 : 0;
        } else {
          p = skipValue(p, 1);
          value = Seen.Other;
        }
      } else if (key == Key.Timestamp && isNumber) {
        p = readNumber(p);
        stamp = Seen.Number;
        stampNum = numberValue;
      } else {
        p = skipValue(p, 1);
        if (key == Key.Timestamp) stamp = Seen.Other;
      }
      if (p == 0) return invalidJson();
      p = skipWs(p);
      if (p >= jsonEnd) { jsonUnexpected(p); return invalidJson(); }
      const d = load<u8>(p);
      if (d == Char.COMMA) { p = skipWs(p + 1); continue; }
      if (d == Char.RBRACE) { p++; break; }
      jsonUnexpected(p);
      return invalidJson();
    }
  }
  p = skipWs(p);
  if (p < jsonEnd) { jsonFail(p, "trailing characters after the object"); return invalidJson(); }

  if (value == Seen.Absent || value == Seen.Null) return raise(ErrorCode.MissingValue, "missing value field");
  if (value == Seen.Other) {
    return raise(ErrorCode.InvalidValueType, "value must be a number, string or boolean");
  }
  if (value == Seen.String && valueUnits > maxUnits) {
    errBegin(); errText("string value longer than "); errInt(maxUnits); errText(" code units");
    return ErrorCode.StringTooLong;
  }
  // Number.isInteger(T) && T != 0 (-0 == 0; Infinity is no integer).
  if (stamp != Seen.Number || stampNum == 0 || !isFinite(stampNum) || Math.trunc(stampNum) != stampNum) {
    return raise(ErrorCode.InvalidTimestamp, "missing or invalid timestamp_ms");
  }
  if (value == Seen.Number) setNumber(payloadValue, valueNum);
  else if (value == Seen.String) setString(payloadValue, scratch, valueUnits);
  else setBool(payloadValue, valueNum != 0);
  payloadTimestamp = stampNum;
  return ErrorCode.None;
}
