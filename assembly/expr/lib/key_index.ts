// A hash index over the string keys of a run of slots (an object's entries, a
// replacer's key list), built in the evaluation arena, so that building a large
// object (`Object.fromEntries` of 65,536 pairs) or serializing one with a key
// list takes linear time, not quadratic. Open addressing; slot i of the table
// holds entry index + 1 (0: empty).

import { strPtr, strLen } from "../../value";
import { arenaAlloc } from "../../arena";

/** Capacity of the last table made (a power of two, at least twice the keys). */
export let tableCapacity: i32 = 0;
/** Table slot where the last find() stopped (the key's place when it was not found). */
export let tableSlot: usize = 0;

/** FNV-1a over the UTF-16 code units. */
export function hashKey(p: usize, n: i32): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < n; i++) { h ^= <u32>load<u16>(p + (<usize>i << 1)); h *= 16777619; }
  return h;
}

/** A zeroed table for up to `keys` keys, or 0 when the arena is full. */
export function newTable(keys: i32): usize {
  let cap = 16;
  while (cap < keys * 2) cap <<= 1;
  const t = arenaAlloc(<usize>cap << 2);
  if (t == 0) return 0;
  memory.fill(t, 0, <usize>cap << 2);
  tableCapacity = cap;
  return t;
}

/**
 * The index of the entry whose key (a string slot at base + i * stride) is
 * (p, n), or -1; `tableSlot` is left where the key belongs.
 */
export function find(table: usize, cap: i32, base: usize, stride: usize, p: usize, n: i32, h: u32): i32 {
  const mask = <u32>(cap - 1);
  let i = h & mask;
  for (;;) {
    const at = table + (<usize>i << 2);
    const e = load<u32>(at);
    if (e == 0) { tableSlot = at; return -1; }
    const k = base + <usize>(e - 1) * stride;
    if (strLen(k) == n && (strPtr(k) == p || memory.compare(strPtr(k), p, <usize>n << 1) == 0)) { tableSlot = at; return <i32>(e - 1); }
    i = (i + 1) & mask;
  }
  return -1; // not reached: the table is never full
}
