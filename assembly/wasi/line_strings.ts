// Strings of the input line decoded to UTF-16 in one scratch area (keys, topic,
// metadata values), reused from line to line; offsets and lengths are in units.

import { readString, strUnits } from "../json/reader";

/** UTF-16 scratch for decoded strings (keys, topic, metadata values). */
export let units: usize = 0;
let unitsCap: i32 = 0;
export let unitsUsed: i32 = 0;

function unitsReserve(n: i32): usize {
  if (unitsUsed + n > unitsCap) {
    const cap = max(unitsUsed + n, max(unitsCap * 2, 4096));
    const next = heap.alloc(<usize>cap << 1);
    if (unitsUsed > 0) memory.copy(next, units, <usize>unitsUsed << 1);
    units = next;
    unitsCap = cap;
  }
  return units + (<usize>unitsUsed << 1);
}

/** Decode the string literal at `p` (valid JSON) into the scratch; returns its offset in units (length: strUnits). */
export function decodeString(p: usize, rawLen: i32): i32 {
  const at = unitsUsed;
  const dst = unitsReserve(rawLen);
  readString(p, dst, rawLen);
  unitsUsed += strUnits;
  return at;
}

export function unitsEqual(a: i32, aLen: i32, b: i32, bLen: i32): bool {
  if (aLen != bLen) return false;
  return memory.compare(units + (<usize>a << 1), units + (<usize>b << 1), <usize>aLen << 1) == 0;
}

export function unitsEqualAscii(a: i32, aLen: i32, s: string): bool {
  if (aLen != s.length) return false;
  return memory.compare(units + (<usize>a << 1), changetype<usize>(s), <usize>aLen << 1) == 0;
}

/** A canonical array index key ("0", "42"; below 2^32 - 1)? Its value, or -1. */
export function arrayIndex(at: i32, len: i32): f64 {
  if (len == 0 || len > 10) return -1;
  const p = units + (<usize>at << 1);
  if (load<u16>(p) == 0x30 && len > 1) return -1;
  let v: f64 = 0;
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c - 0x30 >= 10) return -1;
    v = v * 10 + <f64>(c - 0x30);
  }
  return v < 4294967295 ? v : -1;
}
