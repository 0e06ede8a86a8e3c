// Generates assembly/expr/lib/unicode_case.ts from the running V8 (its ICU data), so the
// module's toUpperCase/toLowerCase match V8 code point for code point.
// Run: node tests/expr/lib/gen_unicode_case.mjs
import { writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const MAX = 0x10ffff;
const isSurrogate = (c) => c >= 0xd800 && c < 0xe000;
const cp = (s) => [...s].map((x) => x.codePointAt(0));

// Sets of code points as [first, last] ranges.
function ranges(pred) {
  const out = [];
  for (let c = 0; c <= MAX; c++) {
    if (isSurrogate(c) || !pred(c)) continue;
    const r = out[out.length - 1];
    if (r && r[1] === c - 1) r[1] = c; else out.push([c, c]);
  }
  return out;
}

function mappings(convert) {
  const simple = [], special = [];
  for (let c = 0; c <= MAX; c++) {
    if (isSurrogate(c)) continue;
    const s = String.fromCodePoint(c);
    const t = convert(s);
    if (t === s) continue;
    const cps = cp(t);
    if (cps.length === 1) simple.push([c, cps[0]]);
    else {
      if (t.length > 3) throw new Error(`mapping of ${c.toString(16)} longer than 3 units`);
      special.push([c, Array.from({ length: t.length }, (_, i) => t.charCodeAt(i))]);
    }
  }
  return { simple, special };
}

const upper = mappings((s) => s.toUpperCase());
const lower = mappings((s) => s.toLowerCase()); // capital sigma maps to small sigma here

// Final_Sigma context (Unicode §3.13) as V8's ICU sees it, measured directly:
// a preceding cased letter makes a final sigma; case-ignorable letters are skipped.
const SIGMA = "\u03a3", FINAL = "\u03c2";
const cased = (c) => (String.fromCodePoint(c) + SIGMA).toLowerCase().endsWith(FINAL);
const ignorable = (c) => !cased(c) && ("A" + String.fromCodePoint(c) + SIGMA).toLowerCase().endsWith(FINAL);
const casedRanges = ranges(cased);
const ignorableRanges = ranges(ignorable);
// The following context must use the same two sets: check it.
for (let c = 0; c <= MAX; c++) {
  if (isSurrogate(c)) continue;
  const x = String.fromCodePoint(c);
  const followedByCased = ("A" + SIGMA + x).toLowerCase()[1] === "\u03c3";
  const followedByIgnorableThenCased = ("A" + SIGMA + x + "A").toLowerCase()[1] === "\u03c3";
  if (followedByCased !== cased(c) || followedByIgnorableThenCased !== (cased(c) || ignorable(c))) {
    throw new Error(`Final_Sigma following context differs at ${c.toString(16)}`);
  }
}

// ---- Encoding: one byte blob (one data segment, no long runs of zero bytes) ----

const u16 = (v) => [v & 0xff, v >> 8];
const plane = (c) => c >> 16;
const check = (ok, what) => { if (!ok) throw new Error(`encoding limit: ${what}`); };

// Specials of both directions in one list (upper first); units as 1-based indices
// into a pool of distinct units, 0 padding a 2-unit result.
const specials = [...upper.special, ...lower.special];
const pool = [...new Set(specials.flatMap(([, u]) => u))].sort((a, b) => a - b);
check(pool.length <= 255, "special unit pool");
check(specials.every(([, u]) => u.length >= 2), "special shorter than 2 units");
const specialRows = specials.map(([, u]) => [0, 1, 2].map((i) => (i < u.length ? pool.indexOf(u[i]) + 1 : 0)));

// Deltas mod 2^16, shared: an upper mapping adds its delta, a lower one subtracts it.
for (const [c, m] of [...upper.simple, ...lower.simple]) check(plane(c) === plane(m), `mapping of ${c.toString(16)} leaves its plane`);
const deltas = [...new Set([
  ...upper.simple.map(([c, m]) => (m - c) & 0xffff),
  ...lower.simple.map(([c, m]) => (c - m) & 0xffff),
])].sort((a, b) => a - b);

// Runs over all mapped code points of one direction: consecutive code points
// (stride 1) or every other one (stride 2) with the same delta, or with
// consecutive specials. At most 128 code points, within one plane.
function runs({ simple, special }, sign, specialBase) {
  const items = [
    ...simple.map(([c, m]) => ({ c, code: deltas.indexOf(((m - c) * sign) & 0xffff) })),
    ...special.map(([c], i) => ({ c, code: deltas.length + specialBase + i, special: true })),
  ].sort((a, b) => a.c - b.c);
  const out = [];
  for (const it of items) {
    const r = out[out.length - 1];
    const same = r && !!r.special === !!it.special && (it.special ? it.code === r.code + r.count : it.code === r.code);
    const next = r && (r.count === 1 ? it.c - r.first <= 2 : it.c === r.last + r.stride);
    if (same && next && plane(it.c) === plane(r.first) && r.count < 128) {
      if (r.count === 1) r.stride = it.c - r.first;
      r.last = it.c; r.count++;
      continue;
    }
    out.push({ ...it, first: it.c, last: it.c, stride: 1, count: 1 });
  }
  for (const r of out) check(r.code <= 255, "run code byte");
  return out;
}
const upperRuns = runs(upper, 1, 0), lowerRuns = runs(lower, -1, upper.special.length);
const runBytes = (rs) => rs.map((r) => [...u16(r.first & 0xffff), (r.count - 1) | (r.stride === 2 ? 0x80 : 0), r.code]);

// Cased and Case_Ignorable ranges in one sorted list, split to at most 128 code
// points within one plane.
const props = [];
for (const [a0, b, flag] of [...casedRanges.map(([a, b]) => [a, b, 0x80]), ...ignorableRanges.map(([a, b]) => [a, b, 0])].sort((x, y) => x[0] - y[0])) {
  for (let a = a0; a <= b; ) {
    const last = Math.min(b, a + 127, a | 0xffff);
    props.push({ first: a, bytes: [...u16(a & 0xffff), (last - a) | flag] });
    a = last + 1;
  }
}

// Per table: index of its first record in each plane, planes 0 .. maxPlane + 1.
function planes(records) {
  const maxPlane = records.length ? plane(records[records.length - 1].first) : 0;
  const starts = [];
  for (let p = 0; p <= maxPlane + 1; p++) starts.push(records.filter((r) => plane(r.first) < p).length);
  return { maxPlane, starts };
}

// Blob parts in order; each becomes an exported address.
const parts = [
  ["UPPER_RUNS", `${upperRuns.length} runs of toUpperCase`, runBytes(upperRuns), 4],
  ["LOWER_RUNS", `${lowerRuns.length} runs of toLowerCase`, runBytes(lowerRuns), 4],
  ["PROPS", `${props.length} Cased / Case_Ignorable ranges`, props.map((r) => r.bytes), 3],
  ["DELTAS", `${deltas.length} deltas, u16`, deltas.map(u16), 2],
  ["SPECIALS", `${specials.length} specials, 3 pool indices each`, specialRows, 3],
  ["SPECIAL_UNITS", `${pool.length} units, u16`, pool.map(u16), 2],
];
const planeTables = [["UPPER", upperRuns], ["LOWER", lowerRuns], ["PROP", props]].map(([name, recs]) => [name, planes(recs)]);
for (const [name, { starts }] of planeTables) {
  parts.push([`${name}_PLANES`, `${name} plane starts, u16`, starts.map(u16), 2]);
}

let offset = 0;
const body = [], addresses = [];
for (const [name, title, rows, per] of parts) {
  const bytes = rows.flat();
  body.push(`  // ${name} (+${offset}): ${title}`);
  const perLine = Math.floor(48 / per) * per;
  for (let i = 0; i < bytes.length; i += perLine) body.push("  " + bytes.slice(i, i + perLine).join(", ") + ",");
  addresses.push(`export const ${name}: usize = CASE_DATA + ${offset};`);
  offset += bytes.length;
}
// binaryen splits a segment at a long run of zero bytes, each piece paying a segment header.
check(!/(^|,)0(,0){4}(,|$)/.test(parts.flatMap(([, , rows]) => rows.flat()).join(",")), "5 zero bytes in a row");
const maxPlanes = planeTables.map(([name, { maxPlane }]) => `export const ${name}_MAX_PLANE: i32 = ${maxPlane};`);

const text = `// GENERATED by tests/expr/lib/gen_unicode_case.mjs from V8 ${process.versions.v8}
// (ICU ${process.versions.icu}, Unicode ${process.versions.unicode}). Do not edit; run the script again.
//
// One byte blob (${offset} bytes), little-endian u16s. Records of a table are sorted by
// code point and grouped by plane; a record keeps only the low 16 bits of its first
// code point, and the table's PLANES (u16 record indices, planes 0 .. MAX_PLANE + 1)
// give each plane's slice, so a lookup is a binary search on u16s.
//
// UPPER_RUNS / LOWER_RUNS: 4 bytes — first (u16), n | stride2 << 7, code. The run maps
// first + k * stride, k = 0 .. n (stride 1 or 2). code < DELTA_COUNT: c maps to
// c + DELTAS[code] (upper) or c - DELTAS[code] (lower), mod 2^16 within c's plane;
// otherwise c's result is SPECIALS[code - DELTA_COUNT + k].
// SPECIALS: 3 bytes — the result's UTF-16 units as 1-based indices into SPECIAL_UNITS
// (u16); a third index of 0 means 2 units.
// PROPS: 3 bytes — first (u16), n | cased << 7: first .. first + n are Cased (else
// Case_Ignorable), for Final_Sigma; other code points are neither.

export const CASE_DATA = memory.data<u8>([
${body.join("\n")}
]);

${addresses.join("\n")}
export const DELTA_COUNT: i32 = ${deltas.length};
${maxPlanes.join("\n")}
`;
writeFileSync(join(root, "assembly", "expr", "lib", "unicode_case.ts"), text);
console.log(`${offset} bytes: upper runs ${upperRuns.length}, lower runs ${lowerRuns.length}, props ${props.length}, deltas ${deltas.length}, specials ${specials.length}, units ${pool.length}`);
