// Scratch memory for one evaluation: strings built by operators and built-ins.
// A bump allocator over one raw block reserved from the heap; reset before each
// evaluation, so nothing built here outlives the output it was written to.
// The block grows (doubling) only when an evaluation needs more than ever before,
// up to Limit.EvalArenaBytes; strings already in the old block stay valid because
// the old block is kept until the next reset.

import { Limit, limit } from "./limits";

let base: usize = 0;
let capacity: usize = 0;
let top: usize = 0;
// Blocks outgrown during the current evaluation; their strings may still be live.
// Doubling from 64 KiB reaches any 32-bit limit in fewer than 16 steps.
const retired = memory.data(64);
let retiredCount: i32 = 0;

/** Start a new evaluation: everything allocated before is dead. */
// @ts-ignore: decorator
@inline export function arenaReset(): void {
  while (retiredCount > 0) {
    retiredCount--;
    heap.free(<usize>load<u32>(retired + (<usize>retiredCount << 2)));
  }
  top = base;
}

/**
 * Reserve `bytes` (rounded up to 8) of scratch memory. Returns 0 when the
 * evaluation would exceed Limit.EvalArenaBytes; callers turn that into an error.
 */
export function arenaAlloc(bytes: usize): usize {
  bytes = (bytes + 7) & ~<usize>7;
  if (top + bytes <= base + capacity && base != 0) {
    const p = top;
    top += bytes;
    return p;
  }
  let want = capacity == 0 ? <usize>65536 : capacity << 1;
  while (want < bytes) want <<= 1;
  if (want > <usize>limit(Limit.EvalArenaBytes)) {
    if (bytes > <usize>limit(Limit.EvalArenaBytes)) return 0;
    want = <usize>limit(Limit.EvalArenaBytes);
    if (capacity >= want) return 0; // already at the limit and full
  }
  // Strings in the current block may still be referenced by this evaluation.
  if (base != 0) {
    if (retiredCount == 16) return 0;
    store<u32>(retired + (<usize>retiredCount << 2), <u32>base);
    retiredCount++;
  }
  base = heap.alloc(want);
  capacity = want;
  top = base + bytes;
  return base;
}

/** Bytes of scratch memory reserved (for metrics and tests). */
export function arenaCapacity(): usize { return capacity; }
