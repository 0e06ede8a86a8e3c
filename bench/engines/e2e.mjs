// The end-to-end driver: any engine with process(messages) -> { outputs, errors, dropped }.
// Times each batch call (per-batch timings give the latency percentiles), then,
// in a separate untimed pass, measures JS heap allocation with v8.GCProfiler.

import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { timerOverheadNs } from "../lib/stats.mjs";

export function batches(messages, size) {
  const out = [];
  for (let i = 0; i < messages.length; i += size) out.push(messages.slice(i, i + size));
  return out;
}

/** Bytes allocated on the JS heap (and off-heap ArrayBuffer stores) while running fn. */
export function allocatedBytes(fn) {
  const p = new v8.GCProfiler();
  const h0 = v8.getHeapStatistics();
  p.start();
  fn();
  const r = p.stop();
  const h1 = v8.getHeapStatistics();
  let heap = 0, ext = 0;
  let lastHeap = h0.used_heap_size, lastExt = h0.external_memory;
  for (const s of r.statistics) {
    heap += s.beforeGC.heapStatistics.usedHeapSize - lastHeap;
    ext += Math.max(0, s.beforeGC.heapStatistics.externalMemory - lastExt);
    lastHeap = s.afterGC.heapStatistics.usedHeapSize;
    lastExt = s.afterGC.heapStatistics.externalMemory;
  }
  heap += h1.used_heap_size - lastHeap;
  ext += Math.max(0, h1.external_memory - lastExt);
  return { heap, external: ext };
}

export function bench({ engine, prime, messages, batch, runs, warmups = 2 }) {
  if (prime.length > 0) engine.process(prime);
  const bs = batches(messages, batch);
  const overhead = timerOverheadNs(() => performance.now());
  const pass = (samples) => {
    let ns = 0, outputs = 0, errors = 0;
    const cpu0 = process.cpuUsage();
    for (let b = 0; b < bs.length; b++) {
      const t0 = performance.now();
      const r = engine.process(bs[b]);
      const t1 = performance.now();
      outputs += r.outputs.length;
      errors += r.errors.length;
      const d = Math.max(0, (t1 - t0) * 1e6 - overhead);
      ns += d;
      if (samples) samples.push(d);
    }
    const cpu = process.cpuUsage(cpu0);
    return { ns, cpuNs: (cpu.user + cpu.system) * 1000, messages: messages.length, outputs, errors };
  };
  for (let i = 0; i < warmups; i++) pass(null);
  const mem0 = engine.memory();
  const samples = [];
  const perRun = [];
  for (let i = 0; i < runs; i++) perRun.push(pass(samples));
  const alloc = allocatedBytes(() => pass(null));
  return { perRun, samples, batch, timerOverheadNs: overhead, jsAlloc: alloc, memoryGrowth: engine.memory() - mem0, memoryBytes: engine.memory() };
}
