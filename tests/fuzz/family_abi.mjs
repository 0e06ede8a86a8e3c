// Fuzz family "abi": a host that misuses the ABI. Random call sequences with
// wrong lengths, truncated and garbage frames, calls out of order (process,
// describe, state_* before configure; configure twice; set_limit after it),
// input_area(huge / negative), state_import of garbage and of mutated
// snapshots. No call may trap; every result must be one that docs/ABI.md
// allows; and afterwards the instance must behave exactly like a fresh one that
// received only the calls that were accepted (same limits, config, snapshot).

import fc from "fast-check";
import { check, enc, weighted, SPEC_CONFIG, SOURCES } from "./common.mjs";
import * as raw from "./raw.mjs";

const CONFIG = {
  ...SPEC_CONFIG,
  sources: { ...SOURCES, label: `${SPEC_CONFIG.output_topic}._raw.label` },
  mapping: { ...SPEC_CONFIG.mapping, text: "label.toUpperCase() + '-' + label.length", t: "Date.now() - press" },
};
const CONFIG_BYTES = enc.encode(JSON.stringify(CONFIG));
const BATCH = [
  { topic: SOURCES.press, payload: '{"value":100,"timestamp_ms":5}' },
  { topic: SOURCES.tF, payload: '{"value":"77.5","timestamp_ms":6}' },
  { topic: CONFIG.sources.label, payload: '{"value":"pump \\ud800 #1","timestamp_ms":7}' },
  { topic: SOURCES.r, payload: '{"value":true,"timestamp_ms":8,"value":false}' },
  { topic: SOURCES.press, payload: "not json" },
  { topic: "nowhere", payload: "{}" },
];
const BATCH_BYTES = raw.frame(BATCH, 1_700_000_000_000);

const i32 = fc.oneof(
  fc.constantFrom(-1, -2, -(2 ** 31), 0, 1, 2, 15, 16, 17, 4096, 65_536, 2 ** 31 - 1, 2 ** 28, 2 ** 29, 2 ** 29 + 1),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);
const smallLen = fc.oneof(fc.integer({ min: -8, max: 4096 }), i32);

/** Bytes to put in the input area before a call. */
const content = weighted([
  [3, fc.uint8Array({ maxLength: 256 })],
  [2, fc.constant(CONFIG_BYTES)],
  [2, fc.nat(CONFIG_BYTES.length).map((n) => CONFIG_BYTES.slice(0, n))],
  [3, fc.constant(BATCH_BYTES)],
  [3, fc.tuple(fc.nat(BATCH_BYTES.length), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 })).map(([n, edits]) => {
    const b = BATCH_BYTES.slice(0, Math.max(n, 16));
    for (const [at, v] of edits) b[at % b.length] = v;
    return b;
  })],
  [2, fc.tuple(fc.constantFrom(0, 1, 2, 0xffff, 0x7fffffff, 0xffffffff), fc.nat(2), fc.constantFrom(0, 1, 0xfffffff0, 0xffffffff)).map(([count, field, len]) => {
    // A header whose count or first record's lengths are absurd.
    const b = BATCH_BYTES.slice();
    const dv = new DataView(b.buffer);
    dv.setUint32(8, count, true);
    dv.setUint32(16 + 4 + 4 * Math.min(field, 1), len, true);
    return b;
  })],
  [2, fc.constant("snapshot")],
  [2, fc.tuple(fc.nat(), fc.nat(255), fc.nat(3)).map(([at, v, kind]) => ({ snapshotEdit: [at, v, kind] }))],
]);

const op = fc.oneof(
  fc.tuple(fc.constant("set_limit"), fc.integer({ min: -2, max: 9 }), fc.oneof(i32, fc.constantFrom(1, 10, 4096, 1 << 20))),
  fc.tuple(fc.constant("input_area"), fc.oneof(smallLen, fc.constantFrom(2 ** 29 + 1, 2 ** 31 - 1, -1))),
  fc.tuple(fc.constant("configure"), content, smallLen, i32),
  fc.tuple(fc.constant("process"), content, smallLen),
  fc.tuple(fc.constant("state_import"), content, smallLen),
  fc.tuple(fc.constant("state_export")),
  fc.tuple(fc.constant("describe")),
  fc.tuple(fc.constant("read")),
);

export async function abiFamily({ wasm }) {
  // A snapshot of CONFIG's state to import.
  const ref = raw.instantiate(wasm);
  raw.configure(ref, CONFIG);
  raw.processBatch(ref, BATCH.slice(0, 3), 1);
  const SNAPSHOT = raw.exportState(ref);

  function put(x, c, knownArea) {
    // Fill the current input area (never past what was reserved).
    let bytes = c;
    if (c === "snapshot") bytes = SNAPSHOT;
    else if (c && c.snapshotEdit) {
      const [at, v, kind] = c.snapshotEdit;
      bytes = SNAPSHOT.slice();
      if (kind === 0) bytes[at % bytes.length] = v;
      else if (kind === 1) bytes = bytes.slice(0, at % bytes.length);
      else if (kind === 2) bytes[4] = v; // version
      else bytes[8 + (at % 4)] ^= 1;      // config hash
    }
    if (knownArea.ptr === 0) return bytes.length;
    const n = Math.min(bytes.length, knownArea.size);
    new Uint8Array(x.memory.buffer, knownArea.ptr, n).set(bytes.subarray(0, n));
    return n;
  }

  const property = fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
    const x = raw.instantiate(wasm);
    const area = { ptr: 0, size: 0 };
    const limits = [];
    let configured = false;
    const call = (name, ...args) => {
      try {
        return x[name](...args);
      } catch (e) {
        throw new Error(`${name}(${args.join(", ")}) trapped: ${e.message} after ${JSON.stringify(ops.map((o) => o[0]))}`);
      }
    };
    for (const o of ops) {
      switch (o[0]) {
        case "set_limit": {
          const r = call("set_limit", o[1], o[2]);
          check(r === 0 || r === -1, "set_limit result", r);
          if (r === 0) { check(!configured, "set_limit accepted after configure"); limits.push([o[1], o[2]]); }
          break;
        }
        case "input_area": {
          // Keep memory small: sizes under 1 MiB are reserved, larger ones only when refused.
          if (o[1] > (1 << 20) && o[1] <= 2 ** 29) break;
          const r = call("input_area", o[1]);
          check(r >= 0, "input_area result", r);
          if (r === 0) { check(o[1] < 0 || o[1] > 2 ** 29 || limits.some(([id]) => id === 7), "input_area refused a small size", o[1]); area.ptr = 0; area.size = 0; }
          else { area.ptr = r; area.size = Math.max(o[1], 16); }
          break;
        }
        case "configure": {
          const n = put(x, o[1], area);
          const len = o[2] >= 0 && o[2] <= 4096 ? Math.min(o[2], n) : o[2];
          const r = call("configure", len, o[3]);
          check(r === 0 || r === -1 || r === -2, "configure result", r);
          check(r !== -2 || configured, "configure said 'already configured' on a fresh instance");
          if (configured) check(r === -2, "a second configure was not refused", r);
          if (r === -1) check(call("error_count") >= 1, "a rejected config without an error record");
          if (r === 0) configured = true;
          break;
        }
        case "process": {
          put(x, o[1], area);
          const r = call("process", o[2]);
          check(configured ? r >= 0 || r === -2 : r === -1, "process result", { r, configured });
          break;
        }
        case "state_import": {
          put(x, o[1], area);
          const r = call("state_import", o[2]);
          check(configured ? r === 0 || r === -1 : r === -2, "state_import result", { r, configured });
          if (r === -1) {
            const errs = raw.readErrors(x);
            check(errs.length === 1 && errs[0].code === 80 && errs[0].message.startsWith("state snapshot rejected"), "snapshot rejection record", errs);
          }
          break;
        }
        case "state_export": {
          const r = call("state_export");
          check(configured ? r >= 20 : r === -1, "state_export result", r);
          break;
        }
        case "describe": {
          const r = call("describe");
          check(configured ? r >= 8 : r === -1, "describe result", r);
          break;
        }
        default:
          for (const f of ["abi_version", "output_ptr", "output_len", "error_ptr", "error_len", "error_count", "metrics_ptr", "heap_top"]) call(f);
      }
    }
    // The instance must now behave like a fresh one given only the accepted calls.
    const y = raw.instantiate(wasm);
    for (const [id, v] of limits) check(y.set_limit(id, v) === 0, "replayed limit refused");
    const outcome = (z) => {
      try {
        if (!configured || z === y) {
          const r = raw.configure(z, CONFIG);
          if (r !== 0) return `configure ${r}: ${raw.readErrors(z).map((e) => e.message).join("; ")}`;
        }
        const imported = raw.importState(z, SNAPSHOT);
        const m0 = raw.metrics(z);
        const r = raw.processBatch(z, BATCH, 1_700_000_000_000);
        const m1 = raw.metrics(z);
        return JSON.stringify({ imported, r, delta: m1.map((v, i) => (i >= 6 ? v : v - m0[i])) });
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw e;
        // A tiny input-area limit refuses the next reservation, whichever call it is
        // (an area reserved before the limit was lowered may still have taken the config).
        return `host: ${e.message.replace(/input_area\(\d+\)/, "input_area(n)")}`;
      }
    };
    // Configured by the fuzzer, only CONFIG can have been accepted.
    const r = outcome(x);
    const want = outcome(y);
    const refused = (o) => o.startsWith("host: input_area(n) refused") || o.startsWith("configure -1: config length");
    check(r === want || (refused(r) && refused(want)), "a misused instance behaves differently from a fresh one", { r, want, configured });
    check(x.memory.buffer.byteLength <= 64 << 20, "memory grew past 64 MiB", x.memory.buffer.byteLength);
  });
  return { property };
}
