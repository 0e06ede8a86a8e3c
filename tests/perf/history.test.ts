// The benchmark history (bench/history.jsonl): lines made from bench/run.mjs
// results, the backfill from the results kept in the repository, and the chart
// and table drawn from it. Runs on the results already committed: no benchmark.
import { describe, expect, test } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendHistory, backfill, historyEntry, readHistory } from "../../bench/lib/history.mjs";
import { renderHistoryChart, renderHistoryMarkdown, timedEntries } from "../../bench/lib/history-chart.mjs";

const root = join(__dirname, "..", "..");
const readJson = (p: string) => JSON.parse(readFileSync(join(root, p), "utf8"));
const latest = readJson("bench/results/latest.json");
const before = readJson("bench/baselines/before.json");
type Row = { workload: string; engine: string; batch: number; nsPerMsg: number; latencyUs: Record<string, number> };
const rowOf = (r: { rows: Row[] }, w: string, engine: string, batch: number) =>
  r.rows.find((x) => x.workload === w && x.engine === engine && x.batch === batch)!;

describe("history lines", () => {
  test("a run's line holds its headline figures, taken from the matching rows", () => {
    const e = historyEntry(latest, "bench/results/latest.json");
    expect(e.commit).toBe(latest.machine.commit);
    expect(e.date).toBe(latest.date);
    expect(e.moduleBytes).toBe(latest.machine.moduleBytes);
    expect(Object.keys(e.workloads)).toEqual(Object.keys(latest.workloads));
    for (const w of Object.keys(latest.workloads)) {
      const x = e.workloads[w];
      expect(x.inModuleV8).toBeCloseTo(rowOf(latest, w, "wasm/V8", 1000).nsPerMsg, 1);
      expect(x.inModuleWasmtime).toBeCloseTo(rowOf(latest, w, "wasm/wasmtime", 1000).nsPerMsg, 1);
      expect(x.hostE2E).toBeCloseTo(rowOf(latest, w, "host", 1000).nsPerMsg, 1);
      expect(x.latencyUs.p50).toBeCloseTo(rowOf(latest, w, "host", 1).latencyUs.p50, 3);
      expect(x.latencyUs.p99).toBeCloseTo(rowOf(latest, w, "host", 1).latencyUs.p99, 3);
      // What that run did not measure is left null rather than invented.
      const p95 = rowOf(latest, w, "host", 1).latencyUs.p95;
      if (p95 === undefined) expect(x.latencyUs.p95).toBeNull();
      else expect(x.latencyUs.p95).toBeCloseTo(p95, 3);
      const benthos = latest.benthos?.[w]?.nsPerMsg;
      if (benthos === undefined) expect(x.benthos).toBeNull();
      else expect(x.benthos).toBeCloseTo(benthos, 1);
      expect(x.operatorsPerMsg).toBe(latest.operators?.[w] ?? null);
    }
  });

  test("the Benthos timings, p95 and operator counts of a current run are carried", () => {
    const r = structuredClone(latest);
    for (const row of r.rows) row.latencyUs.p95 = row.latencyUs.p50 * 1.5;
    r.benthos = { W1: { batch: 100, nsPerMsg: 2100.26, nsPerMsgRuns: [2100.26] } };
    r.operators = { W1: 5316.06 };
    const e = historyEntry(r, "bench/run.mjs");
    expect(e.workloads.W1.benthos).toBe(2100.3);
    expect(e.workloads.W1.operatorsPerMsg).toBe(5316.06);
    expect(e.workloads.W1.latencyUs.p95).toBeCloseTo(rowOf(latest, "W1", "host", 1).latencyUs.p50 * 1.5, 3);
    expect(e.workloads.W2.benthos).toBeNull();
  });

  test("appending writes one JSON line per run", () => {
    const dir = mkdtempSync(join(tmpdir(), "history-test-"));
    try {
      const file = join(dir, "history.jsonl");
      appendHistory(file, historyEntry(before, "a"));
      appendHistory(file, historyEntry(latest, "b"));
      expect(readFileSync(file, "utf8").split("\n")).toHaveLength(3);
      expect(readHistory(file).map((e: { source: string }) => e.source)).toEqual(["a", "b"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("backfill keeps one line per run (by date), the first source's, oldest first", () => {
    const lines = backfill([
      { source: "latest", json: latest },
      { source: "before", json: before },
      { source: "latest again", json: latest },
    ]);
    expect(lines.map((e: { source: string }) => e.source)).toEqual(["before", "latest"]);
  });
});

describe("the committed history", () => {
  const history = readHistory(join(root, "bench", "history.jsonl"));

  test("has a line for every result kept in the repository", () => {
    const results = [
      ...readdirSync(join(root, "bench", "baselines")).filter((f) => f.endsWith(".json")).map((f) => `bench/baselines/${f}`),
      "bench/results/latest.json",
    ].map(readJson);
    expect(results.length).toBeGreaterThanOrEqual(3);
    for (const r of results) {
      const commit = r.machine?.commit ?? r.commit;
      expect(history.some((e: { date: string; commit: string }) => e.date === r.date && e.commit === commit), `${commit} ${r.date}`).toBe(true);
    }
    const dates = history.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort());
  });

  test("the chart draws each series of each workload through its measured points", () => {
    const svg = renderHistoryChart(history);
    const timed = timedEntries(history);
    expect(timed.length).toBeGreaterThanOrEqual(2);
    const series = ["inModuleV8", "inModuleWasmtime", "hostE2E", "benthos"];
    for (const w of ["W1", "W2", "W3", "W4"]) {
      for (const s of series) {
        const points = timed.filter((e: { workloads: Record<string, Record<string, number | null>> }) => e.workloads[w]?.[s] != null).length;
        const line = svg.match(new RegExp(`<polyline data-series="${s}" data-workload="${w}" points="([^"]*)"`));
        if (points < 2) expect(line).toBeNull();
        else expect(line![1].split(" ")).toHaveLength(points);
      }
    }
    expect(svg).toBe(renderHistoryChart(history)); // deterministic: safe to commit
  });

  test("RESULTS.md's table has a row per run and workload", () => {
    const md = renderHistoryMarkdown(history, { limit: Infinity });
    for (const c of new Set(history.map((e: { commit: string }) => e.commit))) {
      const runs = history.filter((e: { commit: string }) => e.commit === c);
      const want = runs.reduce((n: number, e: { workloads: object }) => n + Object.keys(e.workloads).length, 0);
      expect(md.split("\n").filter((l) => l.startsWith(`| ${c} `) || l.startsWith(`| ${c}+ `)).length).toBe(want);
    }
    expect(readFileSync(join(root, "bench", "RESULTS.md"), "utf8")).toContain("![ns per message over commits](results/history.svg)");
  });
});
