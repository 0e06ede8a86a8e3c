// Substring search over UTF-16 code units (StringIndexOf §7.1.x and its mirror for
// lastIndexOf) in linear time and constant space: short needles are matched
// directly, longer ones with the Two-Way algorithm (Crochemore & Perrin 1991, as
// in glibc's str-two-way.h), so "a".repeat(1e6).indexOf("a".repeat(5e5) + "b")
// cannot take quadratic time. A `rev` flag reads both strings back to front,
// which turns the same search into lastIndexOf.

// Needles up to this length use the direct loop (worst case n * SHORT units).
const SHORT: i32 = 16;

// @ts-ignore: decorator
@inline function unit(p: usize, n: i32, i: i32, rev: bool): i32 {
  return <i32>load<u16>(p + (<usize>(rev ? n - 1 - i : i) << 1));
}

/** First index >= from where (nd, nn) occurs in (h, hn), or -1. Requires 0 <= from <= hn. */
export function indexOfUnits(h: usize, hn: i32, nd: usize, nn: i32, from: i32): i32 {
  if (nn == 0) return from;
  if (nn > hn - from) return -1;
  const r = find(h + (<usize>from << 1), hn - from, nd, nn, false);
  return r < 0 ? -1 : r + from;
}

/** Last index <= from where (nd, nn) occurs in (h, hn), or -1. Requires 0 <= from <= hn. */
export function lastIndexOfUnits(h: usize, hn: i32, nd: usize, nn: i32, from: i32): i32 {
  if (nn > hn) return -1;
  let start = hn - nn < from ? hn - nn : from;
  if (nn == 0) return start;
  // Search the reversed prefix that can hold a match starting at <= start.
  const span = start + nn;
  const r = find(h, span, nd, nn, true);
  return r < 0 ? -1 : span - r - nn;
}

/** Does (nd, nn) occur at index i of h? */
// @ts-ignore: decorator
@inline export function matchAt(h: usize, i: i32, nd: usize, nn: i32): bool {
  return memory.compare(h + (<usize>i << 1), nd, <usize>nn << 1) == 0;
}

/** First occurrence in the (possibly reversed) haystack; index in that reading order. */
function find(h: usize, hn: i32, nd: usize, nn: i32, rev: bool): i32 {
  if (nn <= SHORT) {
    const first = unit(nd, nn, 0, rev);
    for (let j = 0; j <= hn - nn; j++) {
      if (unit(h, hn, j, rev) != first) continue;
      let i = 1;
      while (i < nn && unit(nd, nn, i, rev) == unit(h, hn, i + j, rev)) i++;
      if (i == nn) return j;
    }
    return -1;
  }
  return twoWay(h, hn, nd, nn, rev);
}

let period: i32 = 0;

/** Critical factorization of the needle (maximal suffixes for both orders). */
function criticalFactorization(nd: usize, nn: i32, rev: bool): i32 {
  // Maximal suffix for <.
  let ms = -1, j = 0, k = 1, p = 1;
  while (j + k < nn) {
    const a = unit(nd, nn, j + k, rev), b = unit(nd, nn, ms + k, rev);
    if (a < b) { j += k; k = 1; p = j - ms; }
    else if (a == b) { if (k != p) k++; else { j += p; k = 1; } }
    else { ms = j++; k = p = 1; }
  }
  const p1 = p;
  // Maximal suffix for >.
  let ms2 = -1; j = 0; k = 1; p = 1;
  while (j + k < nn) {
    const a = unit(nd, nn, j + k, rev), b = unit(nd, nn, ms2 + k, rev);
    if (b < a) { j += k; k = 1; p = j - ms2; }
    else if (a == b) { if (k != p) k++; else { j += p; k = 1; } }
    else { ms2 = j++; k = p = 1; }
  }
  if (ms2 < ms) { period = p1; return ms + 1; }
  period = p;
  return ms2 + 1;
}

function twoWay(h: usize, hn: i32, nd: usize, nn: i32, rev: bool): i32 {
  const suffix = criticalFactorization(nd, nn, rev);
  let per = period;
  // Is the needle periodic with period `per` (its left part repeats)?
  let periodic = true;
  for (let i = 0; i < suffix; i++) {
    if (unit(nd, nn, i, rev) != unit(nd, nn, i + per, rev)) { periodic = false; break; }
  }
  let j = 0;
  if (periodic) {
    // Remember how much of the left part is known to match after a period shift.
    let mem = 0;
    while (j <= hn - nn) {
      let i = suffix > mem ? suffix : mem;
      while (i < nn && unit(nd, nn, i, rev) == unit(h, hn, i + j, rev)) i++;
      if (i >= nn) {
        i = suffix - 1;
        while (mem < i + 1 && unit(nd, nn, i, rev) == unit(h, hn, i + j, rev)) i--;
        if (i + 1 < mem + 1) return j;
        j += per;
        mem = nn - per;
      } else {
        j += i - suffix + 1;
        mem = 0;
      }
    }
  } else {
    per = (suffix > nn - suffix ? suffix : nn - suffix) + 1;
    while (j <= hn - nn) {
      let i = suffix;
      while (i < nn && unit(nd, nn, i, rev) == unit(h, hn, i + j, rev)) i++;
      if (i >= nn) {
        i = suffix - 1;
        while (i >= 0 && unit(nd, nn, i, rev) == unit(h, hn, i + j, rev)) i--;
        if (i < 0) return j;
        j += per;
      } else {
        j += i - suffix + 1;
      }
    }
  }
  return -1;
}
