#!/usr/bin/env node
// bench/history.jsonl without a benchmark run (`npm run bench` appends to it itself):
//
//   node bench/history.mjs backfill   add the runs kept in the repository: bench/baselines/*.json,
//                                     bench/results/latest.json and its earlier versions in git
//                                     (lines already there are kept; one line per run, oldest first)
//   node bench/history.mjs render     redraw bench/results/history.svg and RESULTS.md
//                                     (from bench/results/latest.json and the history)

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
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

function main(command) {
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
  console.error(readFileSync(new URL(import.meta.url), "utf8").split("\n").slice(1, 9).join("\n"));
  return 2;
}

process.exitCode = main(process.argv[2]);
