// Case-insensitive matching (ECMA-262 §22.2.2.7.3 Canonicalize): the pairs
// (c, canonical c) for every c whose canonical form differs, sorted by c, one
// table without u (toUpperCase, single units only, no mapping into ASCII) and one
// with u (simple case folding). expr/lib builds them from the module's case
// tables at configure time and hands them over with setCaseTable.

import { setHas } from "./classes";

let plainTable: usize = 0;
let plainCount: i32 = 0;
let unicodeTable: usize = 0;
let unicodeCount: i32 = 0;
/** One bit per code point below 0x20000 (the planes with case), for closeOverCase. */
let marks: usize = 0;
export const CASE_PLANES_END: i32 = 0x20000;

export function hasCaseTable(unicode: bool): bool { return (unicode ? unicodeTable : plainTable) != 0; }

/** `count` pairs of i32 (c, canonical) at `pairs`, sorted by c. */
export function setCaseTable(unicode: bool, pairs: usize, count: i32): void {
  if (unicode) { unicodeTable = pairs; unicodeCount = count; }
  else { plainTable = pairs; plainCount = count; }
}

/** Canonicalize(c). */
export function canonicalize(c: i32, unicode: bool): i32 {
  const t = unicode ? unicodeTable : plainTable;
  let lo = 0, hi = (unicode ? unicodeCount : plainCount) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = load<i32>(t + (<usize>mid << 3));
    if (c < k) hi = mid - 1;
    else if (c > k) lo = mid + 1;
    else return load<i32>(t + (<usize>mid << 3), 4);
  }
  return c;
}

/** The pairs of ranges to add to normalized `set` so that it holds every character equivalent to a member. */
export function closeOverCase(set: i32[], unicode: bool): i32[] {
  if (marks == 0) marks = heap.alloc(<usize>CASE_PLANES_END >> 3);
  memory.fill(marks, 0, <usize>CASE_PLANES_END >> 3);
  const t = unicode ? unicodeTable : plainTable;
  const n = unicode ? unicodeCount : plainCount;
  for (let j = 0; j < n; j++) {
    const c = load<i32>(t + (<usize>j << 3)), k = load<i32>(t + (<usize>j << 3), 4);
    if (setHas(set, c) || setHas(set, k)) mark(k);
  }
  const out = set.slice(0);
  for (let j = 0; j < n; j++) {
    const c = load<i32>(t + (<usize>j << 3)), k = load<i32>(t + (<usize>j << 3), 4);
    if (marked(k)) { out.push(c); out.push(c); out.push(k); out.push(k); }
  }
  return out;
}

function mark(c: i32): void {
  if (c < CASE_PLANES_END) store<u8>(marks + (<usize>c >> 3), <u8>(<i32>load<u8>(marks + (<usize>c >> 3)) | (1 << (c & 7))));
}
function marked(c: i32): bool {
  return c < CASE_PLANES_END && (load<u8>(marks + (<usize>c >> 3)) & (1 << (c & 7))) != 0;
}
