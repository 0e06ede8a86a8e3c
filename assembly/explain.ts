// Why a mapping did or did not fire: counters per mapping and per source, why
// inputs were dropped, dropped topics that nearly match a source (a typo or a
// case difference), and the optional per-input trace. docs/ABI.md "Explain"
// and "Trace" give the byte layouts. Nothing here allocates after configure.

import { Area } from "./area";
import { hashBytes, topicLen, topicPtr } from "./topics";
import { hasValue } from "./state";

// Per mapping, 72 bytes: u64 outputs, u64 skipped (a dependency had no value),
// u64 errors, u32 last error code, u32 reserved, u32 errors by code 10..19.
const MAPPING_BYTES: usize = 72;
const FIRST_CODE: i32 = 10;
const CODE_SLOTS: i32 = 10;
// Per source, 32 bytes: u64 updates, u64 invalid payloads, f64 last timestamp_ms
// (NaN: none yet), u32 has a value (filled in by writeExplain), u32 reserved.
const SOURCE_BYTES: usize = 32;

let mappingStats: usize = 0;
let sourceStats: usize = 0;
let mappingCount: i32 = 0;
let sourceCount: i32 = 0;
let droppedNoTopic: u64 = 0;
let droppedUnknownTopic: u64 = 0;

/** Size the counters for a program of `mappings` mappings and `sources` aliases (configure time). */
export function initExplain(mappings: i32, sources: i32, longestTopic: i32): void {
  mappingCount = mappings;
  sourceCount = sources;
  const mb = <usize>max(mappings, 1) * MAPPING_BYTES;
  mappingStats = heap.alloc(mb);
  memory.fill(mappingStats, 0, mb);
  const sb = <usize>max(sources, 1) * SOURCE_BYTES;
  sourceStats = heap.alloc(sb);
  memory.fill(sourceStats, 0, sb);
  for (let a = 0; a < sources; a++) store<f64>(sourceStats + <usize>a * SOURCE_BYTES, NaN, 16);
  // A near miss is at most NEAR_EDITS longer than the longest source topic.
  nearTopicCapacity = <usize>(longestTopic + NEAR_EDITS);
  nearTopics = heap.alloc(<usize>NEAR_MISS_SLOTS * nearTopicCapacity);
  rowStride = <usize>(longestTopic + 1) << 2;
  rows = heap.alloc(rowStride * 3);
  cache = heap.alloc(<usize>CACHE_SLOTS << 4);
  memory.fill(cache, 0xff, <usize>CACHE_SLOTS << 4); // len 0xffffffff: empty
}

// @ts-ignore: decorator
@inline export function countOutput(m: i32): void {
  const p = mappingStats + <usize>m * MAPPING_BYTES;
  store<u64>(p, load<u64>(p) + 1);
}

// @ts-ignore: decorator
@inline export function countSkip(m: i32): void {
  const p = mappingStats + <usize>m * MAPPING_BYTES;
  store<u64>(p, load<u64>(p, 8) + 1, 8);
}

export function countMappingError(m: i32, code: i32): void {
  const p = mappingStats + <usize>m * MAPPING_BYTES;
  store<u64>(p, load<u64>(p, 16) + 1, 16);
  store<u32>(p, <u32>code, 24);
  const slot = code - FIRST_CODE;
  if (slot >= 0 && slot < CODE_SLOTS) {
    const c = p + 32 + (<usize>slot << 2);
    const n = load<u32>(c);
    if (n != 0xffffffff) store<u32>(c, n + 1);
  }
}

// @ts-ignore: decorator
@inline export function countUpdate(alias: i32, timestamp: f64): void {
  const p = sourceStats + <usize>alias * SOURCE_BYTES;
  store<f64>(p, timestamp, 16); // highest offset first: one wazero bounds check
  store<u64>(p, load<u64>(p) + 1);
}

export function countInvalid(alias: i32): void {
  const p = sourceStats + <usize>alias * SOURCE_BYTES;
  store<u64>(p, load<u64>(p, 8) + 1, 8);
}

export function countNoTopic(): void { droppedNoTopic++; }

// ---- Near misses: dropped topics within NEAR_EDITS edits of a source topic,
// ASCII case ignored (so a case difference alone is a near miss). A cache of
// verdicts per distinct dropped topic keeps repeats cheap; at most
// CLASSIFY_PER_BATCH new topics are compared with the sources per batch, so a
// flood of distinct unknown topics costs a bounded amount (the rest are counted
// as unknown and classified when a later batch has budget).

const NEAR_EDITS: i32 = 2;
const NEAR_MISS_SLOTS: i32 = 16;
const CACHE_SLOTS: u32 = 1024;
const CLASSIFY_PER_BATCH: i32 = 32;

// Near-miss table: per slot u32 hash, u32 length, i32 source alias, u32 reserved, u64 count.
const nearTable = memory.data(<i32>NEAR_MISS_SLOTS * 24, 8);
let nearTopics: usize = 0;        // NEAR_MISS_SLOTS × nearTopicCapacity bytes
let nearTopicCapacity: usize = 0;
let nearCount: i32 = 0;
let nearOverflow: u64 = 0;        // near misses on topics beyond the table's slots
// Verdict cache: per slot u32 hash, u32 length, i32 alias (-1: not near), u32 reserved.
let cache: usize = 0;
let classifiedThisBatch: i32 = 0;

export function beginBatchExplain(): void { classifiedThisBatch = 0; }

/**
 * An input on a topic that is no source: count it, and return the source alias
 * it nearly matches, or -1 (also when it was not classified for lack of budget;
 * `always` ignores the budget, for the trace).
 */
export function countUnknownTopic(topic: usize, len: usize, always: bool): i32 {
  droppedUnknownTopic++;
  const h = hashBytes(topic, len);
  const c = cache + (<usize>(h & (CACHE_SLOTS - 1)) << 4);
  let alias: i32;
  if (load<u32>(c) == h && <usize>load<u32>(c, 4) == len) {
    alias = load<i32>(c, 8);
  } else {
    if (!always && classifiedThisBatch >= CLASSIFY_PER_BATCH) return -1;
    classifiedThisBatch++;
    alias = nearestSource(topic, len);
    store<u32>(c, h);
    store<u32>(c, <u32>len, 4);
    store<i32>(c, alias, 8);
  }
  if (alias >= 0) noteNearMiss(topic, len, h, alias);
  return alias;
}

function noteNearMiss(topic: usize, len: usize, h: u32, alias: i32): void {
  for (let i = 0; i < nearCount; i++) {
    const e = nearTable + <usize>i * 24;
    if (load<u32>(e) == h && <usize>load<u32>(e, 4) == len && memory.compare(nearTopics + <usize>i * nearTopicCapacity, topic, len) == 0) {
      store<u64>(e, load<u64>(e, 16) + 1, 16);
      return;
    }
  }
  if (nearCount == NEAR_MISS_SLOTS) { nearOverflow++; return; }
  const e = nearTable + <usize>nearCount * 24;
  store<u32>(e, h);
  store<u32>(e, <u32>len, 4);
  store<i32>(e, alias, 8);
  store<u64>(e, 1, 16);
  memory.copy(nearTopics + <usize>nearCount * nearTopicCapacity, topic, len);
  nearCount++;
}

/** The source whose topic is fewest edits (≤ NEAR_EDITS, ASCII case ignored) from the topic; -1 if none. */
function nearestSource(topic: usize, len: usize): i32 {
  let best = -1;
  let bestDistance = NEAR_EDITS + 1;
  for (let a = 0; a < sourceCount; a++) {
    const n = topicLen(a);
    if (abs(n - <i32>len) >= bestDistance) continue;
    const d = boundedDistance(topic, <i32>len, topicPtr(a), n, bestDistance - 1);
    if (d < bestDistance) { best = a; bestDistance = d; }
  }
  return best;
}

// Three rows of the banded edit-distance table, sized at configure for the
// longest source topic (a longer one is never within NEAR_EDITS of a dropped topic
// that is compared with it).
let rows: usize = 0;
let rowStride: usize = 0;

// @ts-ignore: decorator
@inline function lower(c: u32): u32 { return c - 0x41 < 26 ? c | 0x20 : c; }

/**
 * Optimal-string-alignment distance between a (length n) and b (length m) with
 * ASCII case ignored, if it is at most `bound`; else bound + 1. Only the band
 * |i - j| <= bound is computed.
 */
function boundedDistance(a: usize, n: i32, b: usize, m: i32, bound: i32): i32 {
  const big = bound + 1;
  if (abs(n - m) > bound || <usize>(m + 1) << 2 > rowStride) return big;
  let prev2 = rows, prev = rows + rowStride, cur = rows + (rowStride << 1);
  for (let j = 0; j <= m; j++) store<i32>(prev + (<usize>j << 2), j <= bound ? j : big);
  let prevMin = 0;
  for (let i = 1; i <= n; i++) {
    const lo = max(1, i - bound), hi = min(m, i + bound);
    store<i32>(cur, i <= bound ? i : big);
    if (lo > 1) store<i32>(cur + (<usize>(lo - 1) << 2), big);
    let rowMin = big;
    const ca = lower(load<u8>(a + <usize>(i - 1)));
    for (let j = lo; j <= hi; j++) {
      const cb = lower(load<u8>(b + <usize>(j - 1)));
      let d = load<i32>(prev + (<usize>(j - 1) << 2)) + (ca == cb ? 0 : 1);
      d = min(d, load<i32>(prev + (<usize>j << 2)) + 1);
      d = min(d, load<i32>(cur + (<usize>(j - 1) << 2)) + 1);
      if (i > 1 && j > 1 && ca == lower(load<u8>(b + <usize>(j - 2))) && lower(load<u8>(a + <usize>(i - 2))) == cb) {
        d = min(d, load<i32>(prev2 + (<usize>(j - 2) << 2)) + 1);
      }
      d = min(d, big);
      store<i32>(cur + (<usize>j << 2), d);
      if (d < rowMin) rowMin = d;
    }
    if (hi < m) store<i32>(cur + (<usize>(hi + 1) << 2), big);
    // Two rows past the bound: no later cell can come back under it.
    if (rowMin > bound && prevMin > bound) return big;
    prevMin = rowMin;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return load<i32>(prev + (<usize>m << 2));
}

// ---- The explain record (docs/ABI.md "Explain").

const EXPLAIN_HEADER: usize = 48;

/** Write the explain record at `dst` (room: explainBytes()); returns its length. */
export function writeExplain(dst: usize): usize {
  store<u32>(dst, 2);                          // layout version
  store<u32>(dst, <u32>mappingCount, 4);
  store<u32>(dst, <u32>sourceCount, 8);
  store<u32>(dst, <u32>nearCount, 12);
  store<u64>(dst, droppedNoTopic, 16);
  store<u64>(dst, droppedUnknownTopic, 24);
  store<u64>(dst, nearOverflow, 32);
  store<u64>(dst, 0, 40);
  let p = dst + EXPLAIN_HEADER;
  const mb = <usize>mappingCount * MAPPING_BYTES;
  memory.copy(p, mappingStats, mb);
  p += mb;
  const sb = <usize>sourceCount * SOURCE_BYTES;
  memory.copy(p, sourceStats, sb);
  for (let a = 0; a < sourceCount; a++) store<u32>(p + <usize>a * SOURCE_BYTES, hasValue(a) ? 1 : 0, 24);
  p += sb;
  for (let i = 0; i < nearCount; i++) {
    const e = nearTable + <usize>i * 24;
    const len = <usize>load<u32>(e, 4);
    store<i32>(p, load<i32>(e, 8));
    store<u32>(p, <u32>len, 4);
    store<u64>(p, load<u64>(e, 16), 8);
    memory.copy(p + 16, nearTopics + <usize>i * nearTopicCapacity, len);
    p = (p + 16 + len + 3) & ~<usize>3;
  }
  return p - dst;
}

/** An upper bound of writeExplain's length. */
export function explainBytes(): usize {
  return EXPLAIN_HEADER + <usize>mappingCount * MAPPING_BYTES + <usize>sourceCount * SOURCE_BYTES +
    <usize>NEAR_MISS_SLOTS * (16 + nearTopicCapacity + 3);
}

// ---- Trace (docs/ABI.md "Trace"): when a batch asks for it, per input one
// record: u32 input index, u32 outcome, i32 alias, u32 entries; then per
// evaluated or skipped mapping: u32 mapping, u32 result, i32 detail.

export const enum Outcome { Processed = 0, NoTopic = 1, UnknownTopic = 2, InvalidPayload = 3 }
export const enum Result { Fired = 0, Skipped = 1, Error = 2 }

export const traceArea = new Area();
export let tracing = false;
let recordStart: usize = 0;

export function beginTrace(on: bool): void {
  tracing = on;
  traceArea.length = 0;
}

/** Open the record of one input (tracing only). */
export function traceInput(index: i32, outcome: Outcome, alias: i32): void {
  if (!traceArea.reserve(16)) { tracing = false; return; }
  recordStart = traceArea.length;
  traceArea.putU32(<u32>index);
  traceArea.putU32(<u32>outcome);
  traceArea.putU32(<u32>alias);
  traceArea.putU32(0);
}

/** Add one mapping to the open record (tracing only). */
export function traceMapping(m: i32, result: Result, detail: i32): void {
  if (!traceArea.reserve(12)) { tracing = false; return; }
  traceArea.putU32(<u32>m);
  traceArea.putU32(<u32>result);
  traceArea.putU32(<u32>detail);
  const n = traceArea.ptr + recordStart + 12;
  store<u32>(n, load<u32>(n) + 1);
}
