// The latest value of each alias: one Value slot per alias (tag Undefined = never
// set), and for strings a private buffer per alias that grows only when a longer
// string arrives than that alias ever held. Evaluation reads the slots in place.

import { Tag, SLOT_SIZE, tagOf, strPtr, strLen, copySlot, setString, setUndefined } from "./value";
import { Metric, setMetric } from "./metrics";

export let stateSlots: usize = 0;   // aliasCount × 16 bytes
let buffers: usize = 0;             // aliasCount × (u32 ptr, u32 capacity in bytes)
export let aliasCount: i32 = 0;
let setCount: i32 = 0;

export function initState(n: i32): void {
  aliasCount = n;
  const count = <usize>max(n, 1);
  stateSlots = heap.alloc(count * SLOT_SIZE);
  memory.fill(stateSlots, 0, count * SLOT_SIZE);
  buffers = heap.alloc(count << 3);
  memory.fill(buffers, 0, count << 3);
  setCount = 0;
  setMetric(Metric.ActiveVariables, 0);
}

// @ts-ignore: decorator
@inline export function slotOf(alias: i32): usize { return stateSlots + (<usize>alias << 4); }

// @ts-ignore: decorator
@inline export function hasValue(alias: i32): bool { return tagOf(slotOf(alias)) != Tag.Undefined; }

/** setValue, inlined where it runs per message: a number or boolean replacing a value is two word copies. */
// @ts-ignore: decorator
@inline export function storeValue(alias: i32, value: usize): void {
  const slot = slotOf(alias);
  if (tagOf(slot) != Tag.Undefined && tagOf(value) != Tag.String) copySlot(slot, value);
  else setValue(alias, value);
}

/** Store `value` (a payload value slot) as alias's latest value; strings are copied. */
export function setValue(alias: i32, value: usize): void {
  const slot = slotOf(alias);
  if (tagOf(slot) == Tag.Undefined) {
    setCount++;
    setMetric(Metric.ActiveVariables, <u64>setCount);
  }
  if (tagOf(value) != Tag.String) { copySlot(slot, value); return; }
  const len = strLen(value);
  const bytes = <usize>len << 1;
  const b = buffers + (<usize>alias << 3);
  let buf = <usize>load<u32>(b);
  if (<usize>load<u32>(b, 4) < bytes) {
    // Grow to the next power of two so a slowly growing string reallocates rarely.
    let cap: usize = 16;
    while (cap < bytes) cap <<= 1;
    if (buf != 0) heap.free(buf);
    buf = heap.alloc(cap);
    store<u32>(b, <u32>buf);
    store<u32>(b, <u32>cap, 4);
  }
  memory.copy(buf, strPtr(value), bytes);
  setString(slot, buf, len);
}

/** Forget every value (used by snapshot import before restoring). */
export function clearState(): void {
  for (let a = 0; a < aliasCount; a++) setUndefined(slotOf(a));
  setCount = 0;
  setMetric(Metric.ActiveVariables, 0);
}
