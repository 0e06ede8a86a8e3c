// The status block (docs/ABI.md "Status block"): where the last call left the
// output and error areas, and what the program reads, at one address for the
// instance's life. A host reads it from memory after `process` instead of
// calling five getters per batch (each call into a runtime costs more than the
// loads).

import { outputArea, errorArea } from "./area";
import { errorCount } from "./records";
import { metricsBlock } from "./metrics";
import { Program } from "./program";

export const statusBlock = memory.data(32, 8);

/** Status flag bits. */
export const enum StatusFlag {
  /** Some expression is volatile (Date.now(), Date(), new Date(), Math.random()): the module may read the batch's now_ms. */
  ReadsClock = 1,
}

// The block's address in a global set at start, which the optimizer does not
// fold into constant addresses: wazero checks the bounds of stores from one
// base once (highest offset first), of each constant address every time.
let statusAt: usize = 0;
statusAt = statusBlock;

/** Write where the areas are now; every export that changes them calls it before returning. */
export function syncStatus(): void {
  const s = statusAt;
  const out = outputArea, err = errorArea;
  store<u32>(s, <u32>metricsBlock, 20);
  store<u32>(s, <u32>errorCount, 16);
  store<u32>(s, <u32>err.length, 12);
  store<u32>(s, <u32>err.ptr, 8);
  store<u32>(s, <u32>out.length, 4);
  store<u32>(s, <u32>out.ptr);
}

/** Record what the configured program reads (configure time). */
export function setProgramFlags(p: Program): void {
  let flags: u32 = 0;
  for (let m = 0; m < p.mappings.length; m++) {
    if (p.mappings[m].expression.volatile) flags |= StatusFlag.ReadsClock;
  }
  store<u32>(statusBlock, flags, 24);
}
