// Character sets of the pattern compiler: sorted, merged [lo, hi] code point
// ranges, the class escapes \d \w \s and their complements, and the closure under
// case-insensitive matching (every character whose canonical form is that of a
// member), so that the matcher compares raw characters only. Configure time.

import { closeOverCase } from "./case";

export const MAX_CODE_POINT: i32 = 0x10ffff;

const SPACES: i32[] = [
  9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029,
  0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];
const DIGITS: i32[] = [48, 57];
const WORD: i32[] = [48, 57, 65, 90, 95, 95, 97, 122];
// With u and i, \w also holds the characters that fold into it (ſ -> s, K -> k).
const WORD_UNICODE_CASE: i32[] = [48, 57, 65, 90, 95, 95, 97, 122, 0x17f, 0x17f, 0x212a, 0x212a];

export function addRange(set: i32[], lo: i32, hi: i32): void { set.push(lo); set.push(hi); }

/** Add \d \D \w \W \s \S (`e` is the letter). */
export function addClassEscape(set: i32[], e: i32, unicodeCase: bool): void {
  const lower = e | 0x20;
  const base = lower == 0x64 ? DIGITS : lower == 0x73 ? SPACES : unicodeCase ? WORD_UNICODE_CASE : WORD;
  if (e == lower) { for (let i = 0; i < base.length; i++) set.push(base[i]); return; }
  let next = 0; // complement
  for (let i = 0; i < base.length; i += 2) {
    if (base[i] > next) addRange(set, next, base[i] - 1);
    next = base[i + 1] + 1;
  }
  addRange(set, next, MAX_CODE_POINT);
}

/** Sort and merge the pairs of `set`. */
export function normalize(set: i32[]): i32[] {
  const n = set.length >> 1;
  // Insertion sort by lo: classes are small.
  for (let i = 1; i < n; i++) {
    const lo = set[i << 1], hi = set[(i << 1) + 1];
    let j = i - 1;
    while (j >= 0 && set[j << 1] > lo) { set[(j + 1) << 1] = set[j << 1]; set[((j + 1) << 1) + 1] = set[(j << 1) + 1]; j--; }
    set[(j + 1) << 1] = lo; set[((j + 1) << 1) + 1] = hi;
  }
  const out: i32[] = [];
  for (let i = 0; i < n; i++) {
    const lo = set[i << 1], hi = set[(i << 1) + 1];
    const m = out.length;
    if (m > 0 && lo <= out[m - 1] + 1) { if (hi > out[m - 1]) out[m - 1] = hi; }
    else { out.push(lo); out.push(hi); }
  }
  return out;
}

/** Whether normalized `set` holds c. */
export function setHas(set: i32[], c: i32): bool {
  let lo = 0, hi = (set.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < set[mid << 1]) hi = mid - 1;
    else if (c > set[(mid << 1) + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The normalized set, closed over case when ignoring case. */
export function finishSet(set: i32[], ignoreCase: bool, unicode: bool): i32[] {
  const s = normalize(set);
  return ignoreCase ? normalize(closeOverCase(s, unicode)) : s;
}
