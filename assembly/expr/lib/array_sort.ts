// Array.prototype.sort and toSorted (§23.1.3.30) as V8 runs them: undefined
// elements are set aside and appended, the rest go through V8's TimSort
// (third_party/v8/builtins/array-sort.tq: runs, binary insertion up to the
// minimum run, merges with galloping), so a comparator is called in V8's order
// with V8's arguments, and even an inconsistent one (`() => 1`) gives V8's result.
// The comparator's result is ToNumber'd, NaN counting as 0. An error in it stops
// the comparisons (each later one answers 0, so the algorithm ends) and is returned.

import { Tag, tagOf, numOf, strPtr, strLen, setComposite, copySlot, isComposite } from "../../value";
import { ErrorCode, raise } from "../../errors";
import { toNumber, toStringSlot, stringView, viewPtr } from "./coerce";
import { allocSlots } from "./composite";
import { callFunction } from "./callbacks";

const MIN_GALLOP: i32 = 7;
const MAX_RUNS: i32 = 85; // enough for 2^64 elements (listsort.txt)

// The sort in progress. A comparator may sort too: sortInto() saves and restores these around it.
let work: usize = 0;
let temp: usize = 0;
let tempCap: i32 = 0;
let minGallop: i32 = MIN_GALLOP;
let runBase: usize = 0; // MAX_RUNS i32 bases then MAX_RUNS i32 lengths
let runCount: i32 = 0;
let cmpFn: usize = 0; // 0: the default comparison
let stackBase: usize = 0;
let failure: i32 = ErrorCode.None;

const cmpArgs = memory.data(32, 16);
const cmpOut = memory.data(16, 8);
const keyX = memory.data(16, 8);
const keyY = memory.data(16, 8);
// Binary insertion's pivot, and galloping's key (it may live in the array being moved).
const pivot = memory.data(16, 8);
const keyCopy = memory.data(16, 8);

// @ts-ignore: decorator
@inline function at(a: usize, i: i32): usize { return a + (<usize>i << 4); }
function setAt(a: usize, i: i32, v: usize): void { copySlot(a + (<usize>i << 4), v); }
function copyRange(src: usize, from: i32, dst: usize, to: i32, count: i32): void {
  memory.copy(dst + (<usize>to << 4), src + (<usize>from << 4), <usize>count << 4);
}
// @ts-ignore: decorator
@inline function runBaseAt(i: i32): i32 { return load<i32>(runBase + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function runLenAt(i: i32): i32 { return load<i32>(runBase + (<usize>(MAX_RUNS + i) << 2)); }
// @ts-ignore: decorator
@inline function setRun(i: i32, b: i32, n: i32): void {
  store<i32>(runBase + (<usize>i << 2), b);
  store<i32>(runBase + (<usize>(MAX_RUNS + i) << 2), n);
}

/** The comparator's verdict on (x, y): negative, 0 or positive. */
function compare(x: usize, y: usize): f64 {
  if (failure != ErrorCode.None) return 0;
  if (cmpFn == 0) return defaultCompare(x, y);
  copySlot(cmpArgs, x);
  copySlot(cmpArgs + 16, y);
  // A sort inside the comparator saves and restores this one's state (sortInto).
  const r = callFunction(cmpFn, cmpArgs, 2, stackBase, cmpOut);
  if (r != ErrorCode.None) { failure = r; return 0; }
  const v = toNumber(cmpOut);
  return v != v ? 0 : v;
}

/** SortCompareDefault: the elements' texts in code-unit order. */
function defaultCompare(x: usize, y: usize): f64 {
  if (tagOf(x) == Tag.Number && tagOf(y) == Tag.Number && numOf(x) == numOf(y)) return 0;
  const a = textOf(x, keyX, 1);
  const pa = viewPtr;
  const b = textOf(y, keyY, 2);
  const pb = viewPtr;
  if (a < 0 || b < 0) return 0;
  const n = min(a, b);
  for (let i = 0; i < n; i++) {
    const ca = <i32>load<u16>(pa + (<usize>i << 1)), cb = <i32>load<u16>(pb + (<usize>i << 1));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ToString(v) as a view (viewPtr, returned length); -1 with `failure` set when it cannot be built. */
function textOf(v: usize, scratch: usize, k: i32): i32 {
  if (isComposite(tagOf(v))) {
    const r = toStringSlot(v, scratch);
    if (r != ErrorCode.None) { failure = r; return -1; }
    v = scratch;
  }
  return stringView(v, k);
}

/**
 * Sort the `n` slots at `src` into a new array in `out`: `fn` is the comparator
 * slot, or 0 for the default order. `base` is where a comparator's stack may start.
 */
export function sortInto(src: usize, n: i32, fn: usize, base: usize, out: usize): i32 {
  const dst = allocSlots(n);
  const runs = allocSlots(<i64>(MAX_RUNS * 8) >> 4);
  if (dst == 0 || runs == 0) return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded");
  // Undefined elements are not compared: they go last, in V8 as in the specification.
  let count = 0;
  for (let i = 0; i < n; i++) if (tagOf(at(src, i)) != Tag.Undefined) setAt(dst, count++, at(src, i));
  memory.fill(at(dst, count), 0, <usize>(n - count) << 4); // undefined
  const w = work, t = temp, tc = tempCap, mg = minGallop, rb = runBase, rc = runCount, f = cmpFn, sb = stackBase, fl = failure;
  const p0 = load<u64>(pivot), p1 = load<u64>(pivot, 8), k0 = load<u64>(keyCopy), k1 = load<u64>(keyCopy, 8);
  work = dst; temp = 0; tempCap = 0; minGallop = MIN_GALLOP; runBase = runs; runCount = 0; cmpFn = fn; stackBase = base;
  failure = ErrorCode.None;
  timSort(count);
  const r = failure;
  work = w; temp = t; tempCap = tc; minGallop = mg; runBase = rb; runCount = rc; cmpFn = f; stackBase = sb; failure = fl;
  store<u64>(pivot, p0); store<u64>(pivot, p1, 8); store<u64>(keyCopy, k0); store<u64>(keyCopy, k1, 8);
  if (r != ErrorCode.None) return r;
  setComposite(out, Tag.Array, dst, n);
  return ErrorCode.None;
}

function timSort(length: i32): void {
  if (length < 2) return;
  let remaining = length;
  let low = 0;
  const minRun = minRunLength(remaining);
  while (remaining != 0) {
    let current = countAndMakeRun(low, low + remaining);
    if (current < minRun) {
      const forced = min(minRun, remaining);
      binaryInsertionSort(low, low + current, low + forced);
      current = forced;
    }
    setRun(runCount++, low, current);
    mergeCollapse();
    low += current;
    remaining -= current;
  }
  mergeForceCollapse();
}

function minRunLength(n: i32): i32 {
  let r = 0;
  while (n >= 64) { r |= n & 1; n >>= 1; }
  return n + r;
}

function binaryInsertionSort(low: i32, startArg: i32, high: i32): void {
  let start = low == startArg ? startArg + 1 : startArg;
  for (; start < high; ++start) {
    let left = low;
    let right = start;
    copySlot(pivot, at(work, start));
    while (left < right) {
      const mid = left + ((right - left) >> 1);
      if (compare(pivot, at(work, mid)) < 0) right = mid;
      else left = mid + 1;
    }
    for (let p = start; p > left; --p) setAt(work, p, at(work, p - 1));
    setAt(work, left, pivot);
  }
}

function countAndMakeRun(lowArg: i32, high: i32): i32 {
  const low = lowArg + 1;
  if (low == high) return 1;
  let runLength = 2;
  let order = compare(at(work, low), at(work, low - 1));
  const descending = order < 0;
  let previous = low;
  for (let idx = low + 1; idx < high; ++idx) {
    order = compare(at(work, idx), at(work, previous));
    if (descending) { if (order >= 0) break; } else { if (order < 0) break; }
    previous = idx;
    ++runLength;
  }
  if (descending) reverseRange(lowArg, lowArg + runLength);
  return runLength;
}

function reverseRange(from: i32, to: i32): void {
  let low = from, high = to - 1;
  const tmp = memory.data(16, 8);
  while (low < high) {
    copySlot(tmp, at(work, low));
    setAt(work, low++, at(work, high));
    setAt(work, high--, tmp);
  }
}

function invariant(n: i32): bool {
  return n < 2 || runLenAt(n - 2) > runLenAt(n - 1) + runLenAt(n);
}

function mergeCollapse(): void {
  while (runCount > 1) {
    let n = runCount - 2;
    if (!invariant(n + 1) || !invariant(n)) {
      if (runLenAt(n - 1) < runLenAt(n + 1)) --n;
      mergeAt(n);
    } else if (runLenAt(n) <= runLenAt(n + 1)) {
      mergeAt(n);
    } else {
      break;
    }
  }
}

function mergeForceCollapse(): void {
  while (runCount > 1) {
    let n = runCount - 2;
    if (n > 0 && runLenAt(n - 1) < runLenAt(n + 1)) --n;
    mergeAt(n);
  }
}

function mergeAt(i: i32): void {
  let baseA = runBaseAt(i), lengthA = runLenAt(i);
  const baseB = runBaseAt(i + 1);
  let lengthB = runLenAt(i + 1);
  setRun(i, baseA, lengthA + lengthB);
  if (i == runCount - 3) setRun(i + 1, runBaseAt(i + 2), runLenAt(i + 2));
  runCount--;
  const k = gallop(work, at(work, baseB), baseA, lengthA, 0, true);
  baseA += k;
  lengthA -= k;
  if (lengthA == 0) return;
  lengthB = gallop(work, at(work, baseA + lengthA - 1), baseB, lengthB, lengthB - 1, false);
  if (lengthB == 0) return;
  if (lengthA <= lengthB) mergeLow(baseA, lengthA, baseB, lengthB);
  else mergeHigh(baseA, lengthA, baseB, lengthB);
}


/**
 * GallopLeft (`right` false) and GallopRight of array-sort.tq in one: where `key`
 * goes in the run at `base`, searched from `hint`. The comparator sees
 * (element, key) for GallopLeft and (key, element) for GallopRight, as in V8.
 */
function gallop(array: usize, keyAt: usize, base: i32, length: i32, hint: i32, right: bool): i32 {
  const key = keyCopy;
  copySlot(key, keyAt);
  let lastOfs = 0;
  let offset = 1;
  if (!keyFirst(array, base + hint, key, right)) {
    const maxOfs = length - hint;
    while (offset < maxOfs) {
      if (keyFirst(array, base + hint + offset, key, right)) break;
      lastOfs = offset;
      offset = (offset << 1) + 1;
      if (offset <= 0) offset = maxOfs;
    }
    if (offset > maxOfs) offset = maxOfs;
    lastOfs += hint;
    offset += hint;
  } else {
    const maxOfs = hint + 1;
    while (offset < maxOfs) {
      if (!keyFirst(array, base + hint - offset, key, right)) break;
      lastOfs = offset;
      offset = (offset << 1) + 1;
      if (offset <= 0) offset = maxOfs;
    }
    if (offset > maxOfs) offset = maxOfs;
    const tmp = lastOfs;
    lastOfs = hint - offset;
    offset = hint - tmp;
  }
  lastOfs++;
  while (lastOfs < offset) {
    const m = lastOfs + ((offset - lastOfs) >> 1);
    if (keyFirst(array, base + m, key, right)) offset = m;
    else lastOfs = m + 1;
  }
  return offset;
}

/** GallopLeft: key <= array[i] (compare(array[i], key) >= 0); GallopRight: key < array[i] (compare(key, array[i]) < 0). */
function keyFirst(array: usize, i: i32, key: usize, right: bool): bool {
  return right ? compare(key, at(array, i)) < 0 : compare(at(array, i), key) >= 0;
}

/** Room for `n` slots in the temporary array (kept across merges, as V8's). */
function tempArray(n: i32): usize {
  if (tempCap < n) {
    const p = allocSlots(n);
    if (p == 0) { failure = raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); return 0; }
    temp = p;
    tempCap = n;
  }
  return temp;
}

function mergeLow(baseA: i32, lengthAArg: i32, baseB: i32, lengthBArg: i32): void {
  let lengthA = lengthAArg, lengthB = lengthBArg;
  const tmp = tempArray(lengthA);
  if (tmp == 0) return;
  copyRange(work, baseA, tmp, 0, lengthA);
  let dest = baseA, cursorTemp = 0, cursorB = baseB;
  setAt(work, dest++, at(work, cursorB++));
  // The labels of array-sort.tq: 0 go on, 1 Succeed, 2 CopyB.
  let exit = 0;
  if (--lengthB == 0) exit = 1;
  else if (lengthA == 1) exit = 2;
  let mg = minGallop;
  while (exit == 0) {
    let winsA = 0, winsB = 0;
    for (;;) {
      if (compare(at(work, cursorB), at(tmp, cursorTemp)) < 0) {
        setAt(work, dest++, at(work, cursorB++));
        ++winsB; --lengthB; winsA = 0;
        if (lengthB == 0) { exit = 1; break; }
        if (winsB >= mg) break;
      } else {
        setAt(work, dest++, at(tmp, cursorTemp++));
        ++winsA; --lengthA; winsB = 0;
        if (lengthA == 1) { exit = 2; break; }
        if (winsA >= mg) break;
      }
    }
    if (exit != 0) break;
    ++mg;
    let first = true;
    while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
      first = false;
      mg = max(1, mg - 1);
      minGallop = mg;
      winsA = gallop(tmp, at(work, cursorB), cursorTemp, lengthA, 0, true);
      if (winsA > 0) {
        copyRange(tmp, cursorTemp, work, dest, winsA);
        dest += winsA; cursorTemp += winsA; lengthA -= winsA;
        if (lengthA == 1) { exit = 2; break; }
        if (lengthA == 0) { exit = 1; break; } // only with an inconsistent comparator
      }
      setAt(work, dest++, at(work, cursorB++));
      if (--lengthB == 0) { exit = 1; break; }
      winsB = gallop(work, at(tmp, cursorTemp), cursorB, lengthB, 0, false);
      if (winsB > 0) {
        copyRange(work, cursorB, work, dest, winsB);
        dest += winsB; cursorB += winsB; lengthB -= winsB;
        if (lengthB == 0) { exit = 1; break; }
      }
      setAt(work, dest++, at(tmp, cursorTemp++));
      if (--lengthA == 1) { exit = 2; break; }
    }
    if (exit != 0) break;
    ++mg;
    minGallop = mg;
  }
  if (exit == 1) {
    if (lengthA > 0) copyRange(tmp, cursorTemp, work, dest, lengthA);
  } else {
    copyRange(work, cursorB, work, dest, lengthB);
    setAt(work, dest + lengthB, at(tmp, cursorTemp));
  }
}

function mergeHigh(baseA: i32, lengthAArg: i32, baseB: i32, lengthBArg: i32): void {
  let lengthA = lengthAArg, lengthB = lengthBArg;
  const tmp = tempArray(lengthB);
  if (tmp == 0) return;
  copyRange(work, baseB, tmp, 0, lengthB);
  let dest = baseB + lengthB - 1, cursorTemp = lengthB - 1, cursorA = baseA + lengthA - 1;
  setAt(work, dest--, at(work, cursorA--));
  // The labels of array-sort.tq: 0 go on, 1 Succeed, 2 CopyA.
  let exit = 0;
  if (--lengthA == 0) exit = 1;
  else if (lengthB == 1) exit = 2;
  let mg = minGallop;
  while (exit == 0) {
    let winsA = 0, winsB = 0;
    for (;;) {
      if (compare(at(tmp, cursorTemp), at(work, cursorA)) < 0) {
        setAt(work, dest--, at(work, cursorA--));
        ++winsA; --lengthA; winsB = 0;
        if (lengthA == 0) { exit = 1; break; }
        if (winsA >= mg) break;
      } else {
        setAt(work, dest--, at(tmp, cursorTemp--));
        ++winsB; --lengthB; winsA = 0;
        if (lengthB == 1) { exit = 2; break; }
        if (winsB >= mg) break;
      }
    }
    if (exit != 0) break;
    ++mg;
    let first = true;
    while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
      first = false;
      mg = max(1, mg - 1);
      minGallop = mg;
      let k = gallop(work, at(tmp, cursorTemp), baseA, lengthA, lengthA - 1, true);
      winsA = lengthA - k;
      if (winsA > 0) {
        dest -= winsA; cursorA -= winsA;
        copyRange(work, cursorA + 1, work, dest + 1, winsA);
        lengthA -= winsA;
        if (lengthA == 0) { exit = 1; break; }
      }
      setAt(work, dest--, at(tmp, cursorTemp--));
      if (--lengthB == 1) { exit = 2; break; }
      k = gallop(tmp, at(work, cursorA), 0, lengthB, lengthB - 1, false);
      winsB = lengthB - k;
      if (winsB > 0) {
        dest -= winsB; cursorTemp -= winsB;
        copyRange(tmp, cursorTemp + 1, work, dest + 1, winsB);
        lengthB -= winsB;
        if (lengthB == 1) { exit = 2; break; }
        if (lengthB == 0) { exit = 1; break; } // only with an inconsistent comparator
      }
      setAt(work, dest--, at(work, cursorA--));
      if (--lengthA == 0) { exit = 1; break; }
    }
    if (exit != 0) break;
    ++mg;
    minGallop = mg;
  }
  if (exit == 1) {
    if (lengthB > 0) copyRange(tmp, 0, work, dest - (lengthB - 1), lengthB);
  } else {
    dest -= lengthA; cursorA -= lengthA;
    copyRange(work, cursorA + 1, work, dest + 1, lengthA);
    setAt(work, dest, at(tmp, cursorTemp));
  }
}
