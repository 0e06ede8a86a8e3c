// Shared by the fuzz families (tests/fuzz/*.mjs), the default-run tests
// (tests/fuzz/*.test.ts) and the deep-run script (scripts/fuzz.mjs). Plain ES
// modules so that the script runs them under plain Node against dist/host.

import fc from "fast-check";

export const enc = new TextEncoder();
export const dec = new TextDecoder();

/** The config of docs/behaviour.md §2: sources and mappings. */
export const BASE = "umh.v1.corpA.plant-A.aawd";
export const SOURCES = Object.freeze({
  press: `${BASE}._raw.press`,
  tF: `${BASE}._raw.tempF`,
  r: `${BASE}._raw.run`,
});
export const SPEC_MAPPING = Object.freeze({
  pressure: "press + 4.00001",
  temperature: "tF * 69 / 31",
  combined: "press + tF",
  motor: { rpm: "press / 4" },
  status: 'r ? "active" : "inactive"',
  serialNumber: '"SN-P42-008"',
});
export const SPEC_CONFIG = Object.freeze({
  mode: "timeseries",
  model: { name: "pump", version: "v1" },
  output_topic: BASE,
  sources: SOURCES,
  mapping: SPEC_MAPPING,
});

/** Bytes of the pieces, strings as UTF-8. */
export function concat(parts) {
  const bufs = parts.map((p) => (typeof p === "string" ? enc.encode(p) : p));
  let n = 0;
  for (const b of bufs) n += b.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const b of bufs) { out.set(b, o); o += b.length; }
  return out;
}

export function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A failed check: thrown inside fast-check properties so that it shrinks and reports. */
export class Mismatch extends Error {
  constructor(message, detail) {
    super(detail === undefined ? message : `${message}\n${typeof detail === "string" ? detail : JSON.stringify(detail, replacer, 1).slice(0, 4000)}`);
    this.name = "Mismatch";
  }
}

function replacer(_k, v) {
  if (v instanceof Uint8Array) return v.length > 200 ? `<${v.length} bytes: ${dec.decode(v.subarray(0, 200))}…>` : dec.decode(v);
  return v;
}

export function check(ok, message, detail) {
  if (!ok) throw new Mismatch(message, detail);
}

/** Outputs as comparable text: topic, payload, metadata. */
export function outputText(o) {
  return `${o.topic} ${dec.decode(o.payload)} ${JSON.stringify(o.metadata)}`;
}

/**
 * The result of a batch with one input removed must be the result of the batch
 * with it, less that input's share: outputs (none, for a rejected input),
 * errors (indexes above it shift down) and drops.
 */
export function sameWithout(withIt, without, at, droppedIt) {
  const a = withIt.outputs.map(outputText);
  const b = without.outputs.map(outputText);
  check(a.length === b.length && a.every((t, i) => t === b[i]), "outputs of the other inputs changed", { with: a, without: b });
  const ea = withIt.errors.filter((e) => e.index !== at).map((e) => ({ ...e, index: e.index > at ? e.index - 1 : e.index }));
  check(JSON.stringify(ea) === JSON.stringify(without.errors), "errors of the other inputs changed", { with: ea, without: without.errors });
  check(withIt.dropped === without.dropped + (droppedIt ? 1 : 0), "drop count changed", { with: withIt.dropped, without: without.dropped, droppedIt });
}

/** A clock that advances 1 ms per call: two processors created alike stay in step. */
export function stepClock(start = 1_700_000_000_000) {
  let t = start;
  return () => t++;
}

/** Counts of cases run per family, for the summary line. */
export class Tally {
  constructor() { this.counts = new Map(); }
  add(family, n = 1) { this.counts.set(family, (this.counts.get(family) ?? 0) + n); }
  get(family) { return this.counts.get(family) ?? 0; }
  total() { let t = 0; for (const v of this.counts.values()) t += v; return t; }
  toString() { return [...this.counts].map(([k, v]) => `${k} ${v}`).join(", "); }
}

/** An arbitrary of one of `weighted` ([weight, arbitrary] pairs). */
export function weighted(pairs) {
  return fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}
