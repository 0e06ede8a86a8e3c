#!/usr/bin/env node
// The benchmark suite (issue 4): every workload, engine and measure in one run,
// side by side. Writes bench/results/latest.json, bench/RESULTS.md and
// bench/results/throughput.svg. Not part of `npm test`; tracing off.
//
//   node bench/run.mjs                      standard run (see --help)
//   node bench/run.mjs --quick              a smoke run: fewer messages and runs
//   node bench/run.mjs --soak 10000000      the memory-growth check over 10M messages per workload
//   node bench/run.mjs --baseline NAME      also save the result as bench/baselines/NAME.json
//   node bench/run.mjs --wasm F --host D    measure another module / host build (D: .../host/index.js)
//   node bench/run.mjs --no-benthos         skip the Benthos processor (needs Go)
//
// A standard run of the current build appends its headline figures to
// bench/history.jsonl (not --quick, --wasm, --host or --no-history) and redraws
// bench/results/history.svg.
//
// Needs `npm run build` (dist/ and build/). wasmtime numbers use engines/.venv (npm test makes
// it) or bench/.venv, made from bench/requirements.txt when neither has the pinned wasmtime.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { performance } from "node:perf_hooks";
import { WORKLOADS } from "./lib/workloads.mjs";
import { median, percentiles } from "./lib/stats.mjs";
import { machine } from "./lib/machine.mjs";
import { frameStream, frameBatch } from "./lib/frame.mjs";
import * as inNode from "./engines/inmodule-node.mjs";
import * as inWasmtime from "./engines/inmodule-wasmtime.mjs";
import * as e2e from "./engines/e2e.mjs";
import * as host from "./engines/host.mjs";
import * as plain from "./engines/plain-v8.mjs";
import * as scanner from "./engines/scanner-v8.mjs";
import * as quickjs from "./engines/quickjs.mjs";
import { renderMarkdown } from "./lib/report.mjs";
import { renderChart } from "./lib/chart.mjs";
import { renderHistoryChart } from "./lib/history-chart.mjs";
import { appendHistory, historyEntry, readHistory } from "./lib/history.mjs";
import { runGoBench, measureInModule, pythonWithWasmtime } from "./gate/measure.mjs";

const { values: opt } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    messages: { type: "string" },
    workloads: { type: "string", default: "W1,W2,W3,W4" },
    batches: { type: "string", default: "1,10,100,1000" },
    "e2e-batches": { type: "string", default: "1,1000" },
    engines: { type: "string", default: "host,scanner-v8,plain-v8,quickjs-wasm" },
    "no-wasmtime": { type: "boolean", default: false },
    "no-benthos": { type: "boolean", default: false },
    "no-history": { type: "boolean", default: false },
    soak: { type: "string" },
    baseline: { type: "string" },
    out: { type: "string", default: "bench/results/latest.json" },
    wasm: { type: "string" },
    host: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (opt.help) {
  console.log(readFileSync(new URL(import.meta.url), "utf8").split("\n").slice(1, 18).join("\n"));
  process.exit(0);
}

const ROOT = new URL("..", import.meta.url).pathname;
const WASM = opt.wasm ?? join(ROOT, "build", "stream_processor.wasm");
const runs = Number(opt.runs ?? (opt.quick ? 3 : 5));
const N = Number(opt.messages ?? (opt.quick ? 20000 : 100000));
// Memory growth: 10M messages per workload in-module (cheap); the host end to end
// gets a tenth unless --soak is given (then both use that count).
const soakInModule = Number(opt.soak ?? (opt.quick ? 1_000_000 : 10_000_000));
const soakHost = Number(opt.soak ?? (opt.quick ? 100_000 : 1_000_000));
const SEED = 42;
const workloads = opt.workloads.split(",");
const batchSizes = opt.batches.split(",").map(Number);
const e2eBatches = opt["e2e-batches"].split(",").map(Number);
const engineNames = opt.engines.split(",");
const useWasmtime = !opt["no-wasmtime"] && inWasmtime.available();
const wasmBytes = readFileSync(WASM);

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

const log = (...a) => console.error(...a);

/** One row of the results table from a driver result. */
function row(workload, engine, measure, r, extra = {}) {
  const ns = r.perRun.map((p) => p.ns / p.messages);
  const outPerMsg = r.perRun[0].outputs / r.perRun[0].messages;
  const lat = percentiles(r.samples);
  // Two views of the cost per message, each an over-estimate for a known reason
  // on this shared 2-core machine: the median batch's wall time (inflated when
  // batches are long enough to be descheduled mid-way) and the process CPU time
  // of whole passes (inflated by driver work around the call and by V8's
  // background threads). The primary ns/msg is the lower of the two.
  const medianBatch = lat.p50 / r.batch;
  const cpu = median(r.perRun.map((p) => p.cpuNs / p.messages));
  const nsMed = Math.min(medianBatch, cpu);
  return {
    workload, engine, measure, batch: r.batch,
    runs: r.perRun.length, messages: r.perRun[0].messages,
    nsPerMsg: nsMed,
    medianBatchNsPerMsg: medianBatch,
    cpuNsPerMsg: cpu,
    // Wall time of whole passes / messages, median over runs (descheduled time included).
    wallNsPerMsg: median(ns),
    wallNsPerMsgRuns: ns,
    msgsPerSec: 1e9 / nsMed,
    outputsPerSec: (1e9 / nsMed) * outPerMsg,
    outputsPerMsg: outPerMsg,
    // A message's latency is its batch's processing time.
    latencyUs: { p50: lat.p50 / 1e3, p95: lat.p95 / 1e3, p99: lat.p99 / 1e3, p999: lat.p999 / 1e3, batches: lat.samples },
    timerOverheadNs: r.timerOverheadNs,
    ...extra,
  };
}

const makers = {
  host: (w) => host.create(w.config, { wasm: WASM, hostModule: opt.host }),
  "scanner-v8": (w) => scanner.create(w.config),
  "plain-v8": (w) => plain.create(w.config),
  "quickjs-wasm": (w) => quickjs.create(w.config),
};

function memoryOf(engine) {
  if (engine.name === "host") {
    const m = engine.processor["module"];
    return () => m.exports.memory.buffer.byteLength;
  }
  return engine.memory ?? (() => 0);
}

function outputsEqual(a, b) {
  if (a.topic !== b.topic) return false;
  if (Buffer.compare(Buffer.from(a.payload), Buffer.from(b.payload)) !== 0) return false;
  return JSON.stringify(a.metadata) === JSON.stringify(b.metadata);
}

/** The peers must produce what the host produces (byte for byte) before their speed counts. */
async function crossCheck(w, messages) {
  const ref = await makers.host(w);
  const prime = w.prime();
  ref.process(prime);
  const sample = messages.slice(0, 5000);
  const want = ref.process(sample).outputs;
  const result = {};
  for (const name of engineNames.filter((n) => n !== "host")) {
    const e = await makers[name](w);
    e.process(prime);
    const got = e.process(sample).outputs;
    let mismatches = Math.abs(got.length - want.length);
    let example = null;
    for (let i = 0; i < Math.min(got.length, want.length); i++) {
      if (!outputsEqual(got[i], want[i])) {
        mismatches++;
        example ??= { host: Buffer.from(want[i].payload).toString(), peer: Buffer.from(got[i].payload).toString(), topic: want[i].topic };
      }
    }
    result[name] = { outputs: got.length, expected: want.length, mismatches, example };
  }
  return result;
}

/** Memory growth over `count` messages after warm-up, in-module under Node. */
function soakModule(w, count) {
  const x = inNode.instantiate(wasmBytes);
  inNode.configure(x, w.config);
  const chunk = w.stream(20000, SEED + 1);
  const frames = frameStream(chunk, 1000);
  const prime = w.prime();
  const put = (f) => { const p = x.input_area(f.length); new Uint8Array(x.memory.buffer, p, f.length).set(f); return p; };
  if (prime.length > 0) { const f = frameBatch(prime, 0, prime.length); put(f); x.process(f.length); }
  let ptr = x.input_area(Math.max(...frames.map((f) => f.length)));
  const pass = () => {
    for (const f of frames) {
      new Uint8Array(x.memory.buffer, ptr, f.length).set(f);
      if (x.process(f.length) < 0) throw new Error("soak: process failed");
    }
  };
  pass();
  const heap0 = x.heap_top(), mem0 = x.memory.buffer.byteLength;
  const t0 = performance.now();
  let done = 0;
  while (done < count) { pass(); done += chunk.length; }
  return {
    messages: done, seconds: (performance.now() - t0) / 1e3,
    heapTopDelta: x.heap_top() - heap0, linearMemoryGrowth: x.memory.buffer.byteLength - mem0,
    linearMemoryBytes: x.memory.buffer.byteLength,
  };
}

/** Retained JS heap and linear memory growth of the host end to end over `count` messages. */
async function soakHostE2E(w, count) {
  const e = await makers.host(w);
  const mem = memoryOf(e);
  e.process(w.prime());
  const chunk = e2e.batches(w.stream(20000, SEED + 2), 1000);
  const pass = () => { for (const b of chunk) e.process(b); };
  pass(); pass();
  gc(); gc();
  const heap0 = v8.getHeapStatistics().used_heap_size, mem0 = mem();
  let done = 0;
  while (done < count) { pass(); done += 20000; }
  gc(); gc();
  return {
    messages: done,
    retainedJsHeapGrowth: v8.getHeapStatistics().used_heap_size - heap0,
    linearMemoryGrowth: mem() - mem0,
  };
}

/**
 * configure() of a workload's config, median of 5 each: "cold" on a module V8 has
 * never seen (a nonce custom section defeats its code cache, so configure runs
 * lazily compiled Liftoff code, as the first processor of a process does) and
 * "warm" on new instances of an already used module.
 */
function configureTimes(wname, w) {
  const nonce = (i) => {
    const name = Buffer.from("bench-nonce");
    const body = Buffer.concat([Buffer.from([name.length]), name, Buffer.from(String(i + Math.random()))]);
    return Buffer.concat([wasmBytes, Buffer.from([0, body.length]), body]);
  };
  const cold = [];
  for (let i = 0; i < 5; i++) cold.push(inNode.configure(inNode.instantiate(nonce(i)), w.config));
  const warm = [];
  for (let i = 0; i < 6; i++) warm.push(inNode.configure(inNode.instantiate(wasmBytes), w.config));
  // The first configure of a fresh process (nothing else compiling in the background).
  const fresh = [];
  for (let i = 0; i < 7; i++) {
    fresh.push(Number(execFileSync(process.execPath, [join(ROOT, "bench", "engines", "configure-once.mjs"), wname, WASM], { encoding: "utf8" })));
  }
  return { firstMs: median(cold), warmMedianMs: median(warm.slice(1)), freshProcessMs: median(fresh), coldMs: cold, warmMs: warm, freshMs: fresh };
}

async function main() {
  const started = new Date();
  const loadStart = os.loadavg()[0];
  const env = machine({ python: useWasmtime ? inWasmtime.pythonPath() : null, wasmPath: WASM });
  log(`machine: ${env.cpu}, ${env.cores} cores; node ${env.node}; wasmtime ${env.wasmtime ?? "n/a"}; module ${env.moduleBytes} B`);
  log(`runs ${runs}, ${N} messages per run, seed ${SEED}`);
  const rows = [];
  const checks = {};
  const soak = {};
  const configure = {};
  for (const wname of workloads) {
    const w = WORKLOADS[wname];
    const messages = w.stream(N, SEED);
    const prime = w.prime();
    configure[wname] = configureTimes(wname, w);
    for (const batch of batchSizes) {
      const r = inNode.bench({ wasmBytes, config: w.config, prime, messages, batch, runs });
      rows.push(row(wname, "wasm/V8", "in-module", r, {
        asHeapAllocsPerMsg: r.heapTopDelta / (r.perRun.length * N), linearMemoryBytes: r.memoryBytes,
        linearMemoryGrowthPerMsg: r.memoryGrowth / (r.perRun.length * N), jsHeapBytesPerMsg: 0,
      }));
      log(`${wname} in-module V8        b${batch}: ${rows.at(-1).nsPerMsg.toFixed(0)} ns/msg`);
      if (useWasmtime) {
        const t = inWasmtime.bench({ wasmPath: WASM, config: w.config, prime, messages, batch, runs, tag: wname });
        rows.push(row(wname, "wasm/wasmtime", "in-module", t, {
          asHeapAllocsPerMsg: t.heapTopDelta / (t.perRun.length * N), linearMemoryBytes: t.memoryBytes,
          linearMemoryGrowthPerMsg: t.memoryGrowth / (t.perRun.length * N), emptyCallNs: t.emptyCallNs,
          configureMs: t.configureMs,
        }));
        log(`${wname} in-module wasmtime  b${batch}: ${rows.at(-1).nsPerMsg.toFixed(0)} ns/msg (empty call ${t.emptyCallNs} ns)`);
      }
    }
    for (const name of engineNames) {
      for (const batch of e2eBatches) {
        const engine = await makers[name](w);
        const mem = memoryOf(engine);
        engine.memory = mem;
        const r = e2e.bench({ engine, prime, messages, batch, runs });
        rows.push(row(wname, name, "end-to-end", r, {
          jsHeapBytesPerMsg: r.jsAlloc.heap / N, externalBytesPerMsg: r.jsAlloc.external / N,
          linearMemoryBytes: r.memoryBytes, linearMemoryGrowthPerMsg: r.memoryGrowth / (r.perRun.length * N),
        }));
        log(`${wname} e2e ${name.padEnd(14)} b${batch}: ${rows.at(-1).nsPerMsg.toFixed(0)} ns/msg`);
      }
    }
    checks[wname] = await crossCheck(w, messages);
    soak[wname] = { inModule: soakModule(w, soakInModule), host: await soakHostE2E(w, soakHost) };
    log(`${wname} soak: ${JSON.stringify(soak[wname])}`);
  }
  const benthos = opt["no-benthos"] ? null : benthosTimes();
  const operators = operatorCounts();
  const result = {
    suite: "stream-processor-wasm bench (issue 4)",
    date: started.toISOString(),
    machine: env,
    settings: { runs, messagesPerRun: N, seed: SEED, batchSizes, e2eBatches, soakInModule, soakHost, quick: opt.quick },
    workloads: Object.fromEntries(workloads.map((w) => [w, WORKLOADS[w].title])),
    rows, configure, checks, soak, benthos, operators,
    loadAverage: { start: loadStart, end: os.loadavg()[0], note: "1-minute load average of the machine (2 cores shared with other work)" },
  };
  // The Benthos section comes from bench/benthos.mjs's last result (not re-measured here).
  const benthosPath = join(ROOT, "bench", "results", "benthos.json");
  if (existsSync(benthosPath)) result.benthosPath = JSON.parse(readFileSync(benthosPath, "utf8"));
  // So does the whole-process section, from bench/wasi-process.mjs's last run (npm run bench runs it after this).
  const wasiPath = join(ROOT, "bench", "results", "wasi-process.md");
  if (existsSync(wasiPath)) result.wasiProcessMarkdown = readFileSync(wasiPath, "utf8");
  result.size = JSON.parse(execFileSync(process.execPath, [join(ROOT, "bench", "size.mjs"), "--json"], { encoding: "utf8" }));
  result.headline = headline(result);
  result.targets = targets(result);
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  const out = join(ROOT, opt.out);
  writeFileSync(out, JSON.stringify(result, null, 1) + "\n");
  writeFileSync(join(ROOT, "bench", "results", "throughput.svg"), renderChart(result));
  const baselines = join(ROOT, "bench", "baselines");
  const before = existsSync(join(baselines, "before.json")) ? JSON.parse(readFileSync(join(baselines, "before.json"), "utf8")) : null;
  const historyPath = join(ROOT, "bench", "history.jsonl");
  if (opt.quick || opt.wasm || opt.host || opt["no-history"]) log("history: not appended (a quick run, another build or --no-history)");
  else {
    appendHistory(historyPath, historyEntry(result, "bench/run.mjs"));
    log("history: appended to bench/history.jsonl");
  }
  const history = readHistory(historyPath);
  writeFileSync(join(ROOT, "bench", "results", "history.svg"), renderHistoryChart(history));
  writeFileSync(join(ROOT, "bench", "RESULTS.md"), renderMarkdown(result, before, history));
  if (opt.baseline) {
    mkdirSync(baselines, { recursive: true });
    copyFileSync(out, join(baselines, `${opt.baseline}.json`));
  }
  for (const t of result.targets) log(`${t.met ? "MET " : "MISS"} ${t.name}: ${t.value} (target ${t.target})`);
  log(`wrote ${opt.out}, bench/RESULTS.md, bench/results/throughput.svg, bench/results/history.svg`);
}

/**
 * The Benthos processor (engines/benthos, wazero) timed by Go's benchmark:
 * 100 messages per ProcessBatch, `runs` runs of 1 s each (0.2 s when quick).
 * Null without Go.
 */
function benthosTimes() {
  try {
    const { results } = runGoBench(WASM, {
      workloads, bench: "^BenchmarkProcessBatch_Batch100$", benchtime: opt.quick ? "0.2s" : "1s", count: runs,
    });
    const out = {};
    for (const w of workloads) {
      const rs = results.filter((x) => x.name === `ProcessBatch_Batch100/${w}`);
      const ns = rs.map((x) => x.nsPerOp / 100);
      out[w] = { batch: 100, nsPerMsg: median(ns), nsPerMsgRuns: ns, allocsPerOp: rs[0]?.allocsPerOp, bytesPerOp: rs[0]?.bytesPerOp };
      log(`${w} Benthos processor  b100: ${out[w].nsPerMsg.toFixed(0)} ns/msg`);
    }
    return out;
  } catch (e) {
    log(`Benthos processor not measured: ${e.message.split("\n")[0]}`);
    return null;
  }
}

/** Wasm operators per message (the gate's fuel count); null without wasmtime. */
function operatorCounts() {
  const python = pythonWithWasmtime({ install: false });
  if (!python) return null;
  const r = measureInModule(WASM, workloads, python);
  return Object.fromEntries(Object.entries(r.workloads).map(([w, x]) => [w, Math.round(x.fuelPerMsg * 100) / 100]));
}

const find = (r, w, engine, measure, batch) => r.rows.find((x) => x.workload === w && x.engine === engine && x.measure === measure && x.batch === batch);

/** Ratios of our host end to end to the peers (same batch), per workload. */
function headline(r) {
  const out = {};
  const b = Math.max(...r.settings.e2eBatches);
  for (const w of Object.keys(r.workloads)) {
    const ours = find(r, w, "host", "end-to-end", b);
    if (!ours) continue;
    const ratio = (peer) => { const p = find(r, w, peer, "end-to-end", b); return p ? p.nsPerMsg / ours.nsPerMsg : null; };
    out[w] = { batch: b, hostNsPerMsg: ours.nsPerMsg, vsPlainV8: ratio("plain-v8"), vsScannerV8: ratio("scanner-v8"), vsQuickJS: ratio("quickjs-wasm") };
  }
  return out;
}

function targets(r) {
  const t = [];
  const fmt = (x, d = 1) => (x == null ? "n/a" : x.toFixed(d));
  for (const engine of ["wasm/V8", "wasm/wasmtime"]) {
    const x = find(r, "W1", engine, "in-module", 1000);
    if (x) t.push({ name: `W1 in-module batch 1000, ${engine}`, value: `${fmt(x.nsPerMsg)} ns/msg`, target: "<= 250 ns/msg", met: x.nsPerMsg <= 250 });
  }
  const h = r.headline;
  if (h.W1?.vsPlainV8 != null) t.push({ name: "W1 end to end vs plain V8", value: `${fmt(h.W1.vsPlainV8, 2)}x`, target: ">= 3x", met: h.W1.vsPlainV8 >= 3 });
  if (h.W1?.vsScannerV8 != null) t.push({ name: "W1 end to end vs hand-optimised V8", value: `${fmt(h.W1.vsScannerV8, 2)}x`, target: ">= 1.5x", met: h.W1.vsScannerV8 >= 1.5 });
  if (h.W3?.vsQuickJS != null) t.push({ name: "W3 end to end vs QuickJS", value: `${fmt(h.W3.vsQuickJS, 2)}x`, target: ">= 10x", met: h.W3.vsQuickJS >= 10 });
  for (const engine of ["wasm/V8", "wasm/wasmtime"]) {
    const w1 = find(r, "W1", engine, "in-module", 1000), w4 = find(r, "W4", engine, "in-module", 1000);
    if (w1 && w4) t.push({ name: `W4 ns/msg within 2x of W1 (${engine}, batch 1000)`, value: `${fmt(w4.nsPerMsg / w1.nsPerMsg, 2)}x`, target: "<= 2x", met: w4.nsPerMsg <= 2 * w1.nsPerMsg });
  }
  if (r.configure.W4) {
    t.push({ name: "W4 configure (2,000 mappings), Node, warm instance", value: `${fmt(r.configure.W4.warmMedianMs, 2)} ms`, target: "<= 20 ms", met: r.configure.W4.warmMedianMs <= 20 });
    t.push({ name: "W4 configure, Node, cold module (incl. V8's lazy compilation)", value: `${fmt(r.configure.W4.firstMs, 2)} ms`, target: "<= 20 ms", met: r.configure.W4.firstMs <= 20 });
    t.push({ name: "W4 configure, Node, first call in a fresh process (7 processes)", value: `${fmt(r.configure.W4.freshProcessMs, 2)} ms`, target: "<= 20 ms", met: r.configure.W4.freshProcessMs <= 20 });
    const wt = find(r, "W4", "wasm/wasmtime", "in-module", 1000);
    if (wt) t.push({ name: "W4 configure, wasmtime", value: `${fmt(wt.configureMs, 2)} ms`, target: "<= 20 ms", met: wt.configureMs <= 20 });
  }
  t.push({ name: "module size", value: `${(r.machine.moduleBytes / 1024).toFixed(1)} KiB (${r.machine.moduleBytes} B)`, target: "<= 100 KB", met: r.machine.moduleBytes <= 100_000 });
  const allocs = r.rows.filter((x) => x.measure === "in-module").every((x) => x.asHeapAllocsPerMsg === 0);
  t.push({ name: "AssemblyScript heap allocations per message (all in-module rows)", value: allocs ? "0" : "non-zero", target: "0", met: allocs });
  const growth = Object.values(r.soak).every((s) => s.inModule.heapTopDelta === 0 && s.inModule.linearMemoryGrowth === 0 && s.host.linearMemoryGrowth === 0);
  t.push({ name: `memory growth after warm-up (${r.settings.soakInModule.toLocaleString("en")} msgs in-module, ${r.settings.soakHost.toLocaleString("en")} host e2e, per workload)`, value: growth ? "0 bytes" : "grew", target: "0", met: growth });
  return t;
}

await main();
