// In-module under Node (V8's wasm tiers): batches are framed beforehand, each is
// copied into the input area outside the timed region, and only the `process`
// call is timed. Per-batch times minus the measured clock overhead; the CPU
// time of each whole pass is recorded as well.

import { performance } from "node:perf_hooks";
import { frameBatch, frameStream } from "../lib/frame.mjs";
import { timerOverheadNs } from "../lib/stats.mjs";

const enc = new TextEncoder();

export function instantiate(wasmBytes) {
  const x = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {}).exports;
  return x;
}

function put(x, bytes) {
  const ptr = x.input_area(bytes.length);
  if (ptr === 0) throw new Error("input_area refused");
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

/** Configure `x`; returns the configure() call's duration in ms. */
export function configure(x, config) {
  const json = enc.encode(JSON.stringify(config));
  put(x, json);
  const t0 = performance.now();
  const r = x.configure(json.length, 1);
  const t1 = performance.now();
  if (r !== 0) throw new Error(`configure failed (${r})`);
  return t1 - t0;
}

/**
 * Run `runs` timed passes over `messages` in batches of `batch`.
 * Returns per-run { ns, messages, outputs } and per-batch samples (ns).
 */
export function bench({ wasmBytes, config, prime, messages, batch, runs, warmups = 2 }) {
  const x = instantiate(wasmBytes);
  const configureMs = configure(x, config);
  const frames = frameStream(messages, batch);
  let maxLen = 0;
  for (const f of frames) maxLen = Math.max(maxLen, f.length);
  if (prime.length > 0) {
    const pf = frameBatch(prime, 0, prime.length);
    put(x, pf);
    if (x.process(pf.length) < 0) throw new Error("prime failed");
  }
  const ptr = x.input_area(maxLen);
  let u8 = new Uint8Array(x.memory.buffer);
  const overhead = timerOverheadNs(() => performance.now());

  const pass = (samples) => {
    let ns = 0, outputs = 0;
    const cpu0 = process.cpuUsage();
    for (let b = 0; b < frames.length; b++) {
      const f = frames[b];
      if (u8.buffer !== x.memory.buffer) u8 = new Uint8Array(x.memory.buffer);
      u8.set(f, ptr);
      const t0 = performance.now();
      const r = x.process(f.length);
      const t1 = performance.now();
      if (r < 0) throw new Error(`process returned ${r}`);
      outputs += r;
      const d = Math.max(0, (t1 - t0) * 1e6 - overhead);
      ns += d;
      if (samples) samples.push(d);
    }
    const cpu = process.cpuUsage(cpu0);
    // CPU time of the whole pass (copies into the input area included): less
    // sensitive than wall time to other work on a shared machine.
    return { ns, cpuNs: (cpu.user + cpu.system) * 1000, messages: messages.length, outputs };
  };
  for (let i = 0; i < warmups; i++) pass(null);
  const heapTop0 = x.heap_top();
  const mem0 = x.memory.buffer.byteLength;
  const samples = [];
  const perRun = [];
  for (let i = 0; i < runs; i++) perRun.push(pass(samples));
  return {
    perRun, samples, batch, configureMs, timerOverheadNs: overhead,
    heapTopDelta: x.heap_top() - heapTop0,
    memoryGrowth: x.memory.buffer.byteLength - mem0,
    memoryBytes: x.memory.buffer.byteLength,
    errors: x.error_count(),
  };
}
