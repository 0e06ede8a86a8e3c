#!/usr/bin/env node
// bench/history.jsonl without a benchmark run (`npm run bench` appends to it itself):
//
//   node bench/history.mjs backfill   add the runs kept in the repository: bench/baselines/*.json,
//                                     bench/results/latest.json and its earlier versions in git
//                                     (lines already there are kept; one line per run, oldest first)
//   node bench/history.mjs operators  fill in wasm operators/msg of runs that lack it: the module
//                                     is rebuilt from the run's commit (clean runs only, and only
//                                     when it has the recorded size) and counted as the gate counts
//   node bench/history.mjs render     redraw bench/results/history.svg and RESULTS.md
//                                     (from bench/results/latest.json and the history)

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { measureInModule } from "./gate/measure.mjs";
import { backfill, readHistory } from "./lib/history.mjs";
import { renderHistoryChart } from "./lib/history-chart.mjs";
import { renderMarkdown } from "./lib/report.mjs";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const HISTORY = join(ROOT, "bench", "history.jsonl");
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

/** Results in the working tree and, where git has them, earlier versions of latest.json. */
export function repositorySources() {
  const sources = [];
  const dir = join(ROOT, "bench", "baselines");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) sources.push({ source: `bench/baselines/${f}`, json: readJson(join(dir, f)) });
  const latest = "bench/results/latest.json";
  if (existsSync(join(ROOT, latest))) sources.push({ source: latest, json: readJson(join(ROOT, latest)) });
  let commits = [];
  try {
    commits = execFileSync("git", ["log", "--format=%h", "--", latest], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\n").filter(Boolean);
  } catch {}
  for (const c of commits) {
    const text = execFileSync("git", ["show", `${c}:${latest}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
    sources.push({ source: `${latest} at ${c}`, json: JSON.parse(text) });
  }
  return sources;
}

/** build/stream_processor.wasm of `commit`, built in a temporary checkout; returns its path. */
function buildAt(commit, dir) {
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  execFileSync(process.execPath, [join(ROOT, "node_modules", "assemblyscript", "bin", "asc.js"), "assembly/index.ts", "--target", "release"], { cwd: dir, stdio: "ignore" });
  return join(dir, "build", "stream_processor.wasm");
}

function fillOperators() {
  const history = readHistory(HISTORY);
  let filled = 0;
  for (const e of history) {
    const lacking = Object.values(e.workloads).every((w) => w.operatorsPerMsg == null);
    if (!lacking || !e.commit || e.dirty !== false) continue;
    const dir = mkdtempSync(join(tmpdir(), "history-build-"));
    try {
      const wasm = buildAt(e.commit, dir);
      if (statSync(wasm).size !== e.moduleBytes) {
        console.log(`${e.commit}: rebuilt module has ${statSync(wasm).size} B, the run measured ${e.moduleBytes} B: left out`);
        continue;
      }
      const r = measureInModule(wasm, Object.keys(e.workloads));
      for (const [w, x] of Object.entries(r.workloads)) e.workloads[w].operatorsPerMsg = Math.round(x.fuelPerMsg * 100) / 100;
      filled++;
      console.log(`${e.commit}: ${Object.entries(e.workloads).map(([w, x]) => `${w} ${x.operatorsPerMsg}`).join(", ")} operators/msg`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  writeFileSync(HISTORY, history.map((e) => JSON.stringify(e)).join("\n") + "\n");
  console.log(`bench/history.jsonl: operators/msg filled in for ${filled} runs`);
}

function main(command) {
  if (command === "operators") {
    fillOperators();
    return 0;
  }
  if (command === "backfill") {
    const have = readHistory(HISTORY);
    const lines = backfill([...have.map((e) => ({ source: e.source, entry: e })), ...repositorySources()]);
    writeFileSync(HISTORY, lines.map((e) => JSON.stringify(e)).join("\n") + "\n");
    console.log(`bench/history.jsonl: ${lines.length} runs (${lines.length - have.length} added)`);
    return 0;
  }
  if (command === "render") {
    const history = readHistory(HISTORY);
    writeFileSync(join(ROOT, "bench", "results", "history.svg"), renderHistoryChart(history));
    const before = join(ROOT, "bench", "baselines", "before.json");
    const md = renderMarkdown(readJson(join(ROOT, "bench", "results", "latest.json")), existsSync(before) ? readJson(before) : null, history);
    writeFileSync(join(ROOT, "bench", "RESULTS.md"), md);
    console.log(`wrote bench/results/history.svg and bench/RESULTS.md (${history.length} runs)`);
    return 0;
  }
  console.error(readFileSync(new URL(import.meta.url), "utf8").split("\n").slice(1, 12).join("\n"));
  return 2;
}

process.exitCode = main(process.argv[2]);
