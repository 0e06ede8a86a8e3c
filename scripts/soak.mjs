#!/usr/bin/env node
// Soak: push many messages through ONE StreamProcessor (the Node host, dist/host)
// and show that memory stays flat and that every output is accounted for.
//
//   node --expose-gc scripts/soak.mjs --messages 50000000 [--batch 1000] [--samples 25]
//        [--host dist/host/index.js] [--wasm build/stream_processor.wasm] [--json out.json]
//
// Workload (W2-style, config = docs/behaviour.md §2): 60% press, 30% tF, 10% r with
// varying values and timestamps, plus 1% garbage (bad JSON, missing value, bad
// timestamp, array value, binary junk on a source topic; unknown topic; no
// topic). The expected outputs, errors and drops are counted independently
// from the generator's own bookkeeping; every 97th batch is also checked byte
// for byte against V8 (JSON.stringify of the same arithmetic).
//
// Memory: linear memory size and the module's heap top (must not move after
// warm-up), the JS heap after a full GC, and RSS, sampled --samples times.
// Exit status 1 if anything is off.

import { parseArgs } from "node:util";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "50000000" },
    batch: { type: "string", default: "1000" },
    samples: { type: "string", default: "25" },
    host: { type: "string", default: join(root, "dist", "host", "index.js") },
    wasm: { type: "string", default: join(root, "build", "stream_processor.wasm") },
    json: { type: "string" },
    seed: { type: "string", default: "42" },
  },
});
const TOTAL = Number(args.messages);
const BATCH = Number(args.batch);
const SAMPLES = Math.max(2, Number(args.samples));
const { StreamProcessor } = await import(pathToFileURL(resolve(args.host)).href);

// The docs/behaviour.md §2 config, defined once for the fuzzers and this script.
const { BASE, SOURCES, SPEC_CONFIG: CONFIG } = await import(pathToFileURL(join(root, "tests", "fuzz", "common.mjs")).href);
const { press: PRESS, tF: TEMP, r: RUN } = SOURCES;
const OUT = `${BASE}._pump_v1.`;

// mulberry32: a small deterministic PRNG.
let seed = Number(args.seed) >>> 0;
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const GARBAGE = [
  { topic: PRESS, payload: '{"value":', error: "invalid_json" },
  { topic: TEMP, payload: '{"timestamp_ms":5}', error: "missing_value" },
  { topic: RUN, payload: '{"value":true}', error: "invalid_timestamp" },
  { topic: PRESS, payload: '{"value":[1,2],"timestamp_ms":5}', error: "invalid_value_type" },
  { topic: TEMP, payload: "\u0000\u00ff binary junk \ud800", error: "invalid_json" },
  { topic: `${BASE}._raw.vibration`, payload: '{"value":1,"timestamp_ms":5}', drop: true },
  { topic: undefined, payload: '{"value":1,"timestamp_ms":5}', drop: true },
];

const METADATA = { source: "plc-7" };
const expect = { outputs: 0, errors: 0, dropped: 0, processed: 0, errored: 0 };
let havePress = false, haveTemp = false;
let press = 0, tF = 0, r = false; // model of the state, for the byte-for-byte check
let ts = 1_700_000_000_000;

/** Fill `batch` with fresh messages; returns the expected output payloads when `exact`. */
function fill(batch, exact) {
  const want = exact ? [] : null;
  for (let i = 0; i < batch.length; i++) {
    const m = batch[i];
    const u = rand();
    ts++;
    if (u < 0.01) {
      const g = GARBAGE[Math.floor(rand() * GARBAGE.length)];
      m.topic = g.topic;
      m.payload = g.payload;
      if (g.drop) expect.dropped++;
      else { expect.errors++; expect.errored++; }
      continue;
    }
    expect.processed++;
    const v = u < 0.01 + 0.6 * 0.99 ? 0 : u < 0.01 + 0.9 * 0.99 ? 1 : 2;
    if (v === 0) {
      const x = Math.round(rand() * 20000) / 100;
      m.topic = PRESS; m.payload = `{"value":${x},"timestamp_ms":${ts}}`;
      press = x; havePress = true;
      expect.outputs += haveTemp ? 4 : 3;
      if (want) {
        want.push(["pressure", press + 4.00001, ts]);
        if (haveTemp) want.push(["combined", press + tF, ts]);
        want.push(["motor.rpm", press / 4, ts], ["serialNumber", "SN-P42-008", ts]);
      }
    } else if (v === 1) {
      const x = 50 + Math.round(rand() * 200000) / 1000;
      m.topic = TEMP; m.payload = `{"value":${x},"timestamp_ms":${ts},"unit":"F"}`;
      tF = x; haveTemp = true;
      expect.outputs += havePress ? 3 : 2;
      if (want) {
        want.push(["temperature", tF * 69 / 31, ts]);
        if (havePress) want.push(["combined", press + tF, ts]);
        want.push(["serialNumber", "SN-P42-008", ts]);
      }
    } else {
      const x = rand() < 0.5;
      m.topic = RUN; m.payload = `{"value":${x},"timestamp_ms":${ts}}`;
      r = x;
      expect.outputs += 2;
      if (want) want.push(["status", r ? "active" : "inactive", ts], ["serialNumber", "SN-P42-008", ts]);
    }
  }
  return want;
}

function memory(p) {
  // Diagnostic access to the instance behind the processor (not public API).
  const x = p.module.exports;
  return { linear: x.memory.buffer.byteLength, heapTop: x.heap_top() };
}

function sample(p, done, started) {
  globalThis.gc?.();
  const m = memory(p);
  const u = process.memoryUsage();
  return {
    messages: done,
    seconds: +((performance.now() - started) / 1000).toFixed(1),
    linearMiB: +(m.linear / 2 ** 20).toFixed(2),
    heapTop: m.heapTop,
    jsHeapMiB: +(u.heapUsed / 2 ** 20).toFixed(2),
    rssMiB: +(u.rss / 2 ** 20).toFixed(1),
  };
}

const dec = new TextDecoder();
const p = await StreamProcessor.create(CONFIG, { seed: 1, wasm: readFileSync(args.wasm) });
const batch = Array.from({ length: BATCH }, () => ({ topic: undefined, payload: "", metadata: METADATA }));
const got = { outputs: 0, errors: 0, dropped: 0 };
const mismatches = [];
const samples = [];
const every = Math.max(BATCH, Math.floor(TOTAL / (SAMPLES - 1) / BATCH) * BATCH);
const started = performance.now();
let done = 0, batches = 0;
samples.push(sample(p, 0, started));
while (done < TOTAL) {
  const n = Math.min(BATCH, TOTAL - done);
  if (n < batch.length) batch.length = n;
  const exact = batches % 97 === 0;
  const want = fill(batch, exact);
  const res = p.process(batch);
  got.outputs += res.outputs.length;
  got.errors += res.errors.length;
  got.dropped += res.dropped;
  if (exact) {
    const text = res.outputs.map((o) => `${o.topic} ${dec.decode(o.payload)} ${o.metadata.source}`);
    const exp = want.map(([path, value, t]) => `${OUT}${path} ${JSON.stringify({ value, timestamp_ms: t })} plc-7`);
    if (text.length !== exp.length || text.some((t, i) => t !== exp[i])) {
      if (mismatches.length < 5) mismatches.push({ batch: batches, first: text.find((t, i) => t !== exp[i]), want: exp.find((t, i) => t !== text[i]) });
    }
  }
  done += n;
  batches++;
  if (done % every === 0 || done === TOTAL) {
    const s = sample(p, done, started);
    samples.push(s);
    process.stderr.write(`${JSON.stringify(s)}\n`);
  }
}
const seconds = (performance.now() - started) / 1000;
const metrics = p.metrics();

// Flat after warm-up: from the first sample at or after 10% of the run.
const warm = samples.find((s) => s.messages >= TOTAL * 0.1) ?? samples[1];
const after = samples.slice(samples.indexOf(warm));
const spread = (k) => Math.max(...after.map((s) => s[k])) - Math.min(...after.map((s) => s[k]));
const checks = {
  outputs: got.outputs === expect.outputs && metrics.outputs_generated === expect.outputs,
  errors: got.errors === expect.errors && metrics.messages_errored === expect.errored,
  dropped: got.dropped === expect.dropped && metrics.messages_dropped === expect.dropped,
  processed: metrics.messages_processed === expect.processed,
  exactBatches: mismatches.length === 0,
  linearMemoryFlat: spread("linearMiB") === 0,
  heapTopFlat: spread("heapTop") === 0,
  jsHeapFlat: spread("jsHeapMiB") < 16,
  rssFlat: spread("rssMiB") < 64,
};
const summary = {
  messages: done, batch: BATCH, seconds: +seconds.toFixed(1), msgsPerSecond: Math.round(done / seconds),
  expected: expect, got, metrics, checks, mismatches,
  first: samples[0], warm, last: samples[samples.length - 1],
  spreadAfterWarmUp: { linearMiB: spread("linearMiB"), heapTop: spread("heapTop"), jsHeapMiB: +spread("jsHeapMiB").toFixed(2), rssMiB: +spread("rssMiB").toFixed(1) },
  gcExposed: typeof globalThis.gc === "function",
  node: process.version,
};
if (args.json) writeFileSync(args.json, JSON.stringify({ summary, samples }, null, 1));
process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
p.close();
process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
