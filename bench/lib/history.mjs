// bench/history.jsonl: one line per benchmark run with its headline figures, so
// that throughput and latency can be followed over commits. `npm run bench`
// appends a line; bench/history.mjs backfills from the results in the
// repository and renders the chart (bench/results/history.svg) and the table in
// RESULTS.md.
//
// A line: { commit, dirty, date, source, machine: { cpu, cores, node, wasmtime, go },
//   moduleBytes, workloads: { W1: { inModuleV8, inModuleWasmtime, hostE2E, benthos,
//   latencyUs: { p50, p95, p99 }, operatorsPerMsg }, ... } }
// ns/msg: in-module at batch 1000, host end to end at batch 1000, the Benthos
// processor at 100 messages per ProcessBatch. Latency: host end to end, batch 1
// (one message per call: its own latency). operatorsPerMsg: wasm operators per
// message (the gate's fuel count). A figure a run did not measure is null.

import { appendFileSync, existsSync, readFileSync } from "node:fs";

export const WORKLOADS = ["W1", "W2", "W3", "W4"];

const round1 = (x) => (x == null || Number.isNaN(x) ? null : Math.round(x * 10) / 10);
const round3 = (x) => (x == null || Number.isNaN(x) ? null : Math.round(x * 1000) / 1000);

const row = (r, w, engine, batch) => r.rows.find((x) => x.workload === w && x.engine === engine && x.batch === batch);

/**
 * The history line of a bench/run.mjs result. `extra` may add, per workload,
 * `benthos` (ns/msg) and `operatorsPerMsg`, and `machine.go`.
 */
export function historyEntry(result, source, extra = {}) {
  const m = result.machine;
  const workloads = {};
  for (const w of Object.keys(result.workloads)) {
    const e2eBatch = Math.max(...(result.settings.e2eBatches ?? [1000]));
    const single = row(result, w, "host", 1)?.latencyUs;
    workloads[w] = {
      inModuleV8: round1(row(result, w, "wasm/V8", 1000)?.nsPerMsg),
      inModuleWasmtime: round1(row(result, w, "wasm/wasmtime", 1000)?.nsPerMsg),
      hostE2E: round1(row(result, w, "host", e2eBatch)?.nsPerMsg),
      benthos: round1(extra.workloads?.[w]?.benthos ?? result.benthos?.[w]?.nsPerMsg),
      latencyUs: { p50: round3(single?.p50), p95: round3(single?.p95), p99: round3(single?.p99) },
      operatorsPerMsg: extra.workloads?.[w]?.operatorsPerMsg ?? result.operators?.[w] ?? null,
    };
  }
  return {
    commit: m.commit ?? null,
    dirty: m.dirty ?? null,
    date: result.date,
    source,
    machine: { cpu: m.cpu, cores: m.cores, node: m.node, wasmtime: m.wasmtime ?? null, go: extra.machine?.go ?? m.go ?? null },
    moduleBytes: m.moduleBytes ?? null,
    workloads,
  };
}

/** The history line of the gate's baseline (bench/baselines/gate.json): operators/msg and size only. */
export function gateEntry(gate, source) {
  const workloads = {};
  for (const w of WORKLOADS) {
    const ops = gate.figures[`${w} in-module operators/msg`];
    if (ops == null) continue;
    workloads[w] = { inModuleV8: null, inModuleWasmtime: null, hostE2E: null, benthos: null, latencyUs: { p50: null, p95: null, p99: null }, operatorsPerMsg: ops };
  }
  return {
    commit: gate.commit ?? null, dirty: null, date: gate.date, source,
    machine: { cpu: null, cores: null, node: gate.env?.node ?? null, wasmtime: gate.env?.wasmtime ?? null, go: gate.env?.go ?? null },
    moduleBytes: gate.figures["module size B"] ?? null,
    workloads,
  };
}

export function readHistory(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}

export function appendHistory(path, entry) {
  appendFileSync(path, JSON.stringify(entry) + "\n");
}

/**
 * History lines from results kept in the repository: `sources` are
 * [{ source, json }] of bench/run.mjs results (baselines, latest.json and its
 * earlier versions in git) or gate baselines, or [{ entry }] of lines already
 * made. The same run (same date) is kept once, under its first source; lines
 * come out oldest first.
 */
export function backfill(sources) {
  const byDate = new Map();
  for (const { source, json, entry: made } of sources) {
    const entry = made ?? (json.figures ? gateEntry(json, source) : historyEntry(json, source));
    if (!byDate.has(entry.date)) byDate.set(entry.date, entry);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
