// Building an object from key/value pairs in linear time (object literals,
// Object.fromEntries): keys are deduplicated through a hash index (a repeated
// key keeps its first place and takes the last value), then the entries are put
// in V8's order: array-index keys ascending, then the others in insertion order.

import { Tag, strPtr, strLen, setComposite, copySlot } from "../../value";
import { arenaAlloc } from "../../arena";
import { ErrorCode, raise } from "../../errors";
import { hashKey, newTable, find, tableCapacity, tableSlot } from "./key_index";
import { keyIndex } from "./composite";

let entries: usize = 0;
let count: i32 = 0;
let table: usize = 0;
let capacity: i32 = 0;

// @ts-ignore: decorator
@inline function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** Start an object of at most `pairs` properties; false (message set) when the arena is full. */
export function beginObject(pairs: i32): bool {
  count = 0;
  entries = arenaAlloc(<usize>max(pairs, 1) << 5);
  table = entries == 0 ? 0 : newTable(pairs);
  capacity = tableCapacity;
  if (table == 0) { memoryLimit(); return false; }
  return true;
}

/** Add key slot `k` (a string) with value `v`. */
export function addEntry(k: usize, v: usize): void {
  const p = strPtr(k), n = strLen(k);
  const i = find(table, capacity, entries, 32, p, n, hashKey(p, n));
  if (i >= 0) { copySlot(entries + (<usize>i << 5) + 16, v); return; }
  store<u32>(tableSlot, <u32>(count + 1));
  const e = entries + (<usize>count << 5);
  copySlot(e, k);
  copySlot(e + 16, v);
  count++;
}

/** The object, its entries in V8's order, into `out`. */
export function finishObject(out: usize): i32 {
  const r = order();
  if (r != ErrorCode.None) return r;
  setComposite(out, Tag.Object, entries, count);
  return ErrorCode.None;
}

function order(): i32 {
  // Usually the index keys (if any) already come first and ascending: nothing to move.
  let m = 0;
  let inPlace = true;
  let last: f64 = -1;
  for (let i = 0; i < count; i++) {
    const e = entries + (<usize>i << 5);
    const x = keyIndex(strPtr(e), strLen(e));
    if (x < 0) continue;
    if (m != i || x < last) inPlace = false;
    last = x;
    m++;
  }
  if (inPlace) return ErrorCode.None;
  // Positions of the index entries, sorted by their index (merge sort), then the rest in order.
  const keys = arenaAlloc(<usize>count << 3);
  const pos = arenaAlloc(<usize>m << 2);
  const spare = arenaAlloc(<usize>m << 2);
  const moved = arenaAlloc(<usize>count << 5);
  if (keys == 0 || pos == 0 || spare == 0 || moved == 0) return memoryLimit();
  let j = 0;
  for (let i = 0; i < count; i++) {
    const e = entries + (<usize>i << 5);
    const x = keyIndex(strPtr(e), strLen(e));
    store<f64>(keys + (<usize>i << 3), x);
    if (x >= 0) { store<u32>(pos + (<usize>j << 2), <u32>i); j++; }
  }
  const sorted = mergeSort(pos, spare, m, keys);
  let at = moved;
  for (let k = 0; k < m; k++) {
    memory.copy(at, entries + (<usize>load<u32>(sorted + (<usize>k << 2)) << 5), 32);
    at += 32;
  }
  for (let i = 0; i < count; i++) {
    if (load<f64>(keys + (<usize>i << 3)) >= 0) continue;
    memory.copy(at, entries + (<usize>i << 5), 32);
    at += 32;
  }
  memory.copy(entries, moved, <usize>count << 5);
  return ErrorCode.None;
}

/** Bottom-up merge sort of `n` positions by keys[position]; returns the buffer holding the result. */
function mergeSort(a: usize, b: usize, n: i32, keys: usize): usize {
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n), hi = min(lo + (width << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const pi = load<u32>(a + (<usize>i << 2)), pj = load<u32>(a + (<usize>j << 2));
        const takeRight = load<f64>(keys + (<usize>pj << 3)) < load<f64>(keys + (<usize>pi << 3));
        store<u32>(b + (<usize>k << 2), takeRight ? pj : pi);
        k++;
        if (takeRight) j++; else i++;
      }
      for (; i < mid; i++, k++) store<u32>(b + (<usize>k << 2), load<u32>(a + (<usize>i << 2)));
      for (; j < hi; j++, k++) store<u32>(b + (<usize>k << 2), load<u32>(a + (<usize>j << 2)));
    }
    const t = a; a = b; b = t;
  }
  return a;
}
