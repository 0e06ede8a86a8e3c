#!/usr/bin/env node
// The Benthos path (issue 15), measured the way the original plugin is: Go
// benchmarks of engines/benthos next to the floor of Benthos's message API, in
// one process, several interleaved rounds; per-call latency; and benthos-sp
// pipelines over W2. Writes bench/results/benthos.json and re-renders
// bench/RESULTS.md (section "Benthos (Go, wazero)") from bench/results/latest.json.
//
//   node bench/benthos.mjs                       the standard run (about 3 minutes)
//   node bench/benthos.mjs --rounds 3 --pipeline-messages 100000
//   node bench/benthos.mjs --report              re-render RESULTS.md from the saved result
//
// Benchmarks (engines/benthos/bench_test.go, -cpu 1 -benchmem, W1 and W2 of
// bench/lib/workloads.mjs): ProcessBatch_Single/W (one message per
// ProcessBatch), Floor_Single (W1's four outputs built with service.NewMessage
// + MetaSetMut), ProcessBatch_Batch100/W and Floor_Batch100/W (the same outputs
// as ours), and the Copy floors (Floor_Copy*: each output a Copy of its input
// with its topic set, as Benthos's documentation derives results), the metadata
// floors (Floor_Meta*) and GoPath (ours without the module: its process call
// replayed); each round one test process per batch size; ratios are per round,
// then the median. Latency: Latency_Single/W1 and Latency_Floor, each
// call timed, after 20,000 warm-up calls. Pipelines: benthos-sp processes,
// each also run without the stream_processor (the same pipeline's own cost).
// Needs Go and `npm run build` (dist/ for the Node CLI line).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import os from "node:os";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { WORKLOADS } from "./lib/workloads.mjs";
import { median } from "./lib/stats.mjs";
import { renderMarkdown } from "./lib/report.mjs";
import { readHistory } from "./lib/history.mjs";

const { values: opt } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    "latency-rounds": { type: "string", default: "3" },
    "latency-calls": { type: "string", default: "200000" },
    "pipeline-messages": { type: "string", default: "200000" },
    "pipeline-rounds": { type: "string", default: "3" },
    report: { type: "boolean", default: false },
  },
});
const ROOT = new URL("..", import.meta.url).pathname;
const OUT = join(ROOT, "bench", "results", "benthos.json");
const PKG = join(ROOT, "engines", "benthos");
const log = (s) => process.stderr.write(`benthos bench: ${s}\n`);
const SEED = 42, GO_MESSAGES = 1000;
const BENCH_WORKLOADS = ["W1", "W2"];

if (opt.report) {
  renderResults(JSON.parse(readFileSync(OUT, "utf8")));
  process.exit(0);
}

const TMP = mkdtempSync(join(tmpdir(), "benthos-bench-"));
const loadStart = os.loadavg()[0];
try {
  const result = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0].model, cores: os.cpus().length, go: execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" }).trim(), node: process.version },
    benchmarks: benchmarks(),
    latency: latency(),
    pipelines: pipelines(),
  };
  result.loadAverage = { start: loadStart, end: os.loadavg()[0] };
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 1) + "\n");
  renderResults(result);
  log(`wrote bench/results/benthos.json and bench/RESULTS.md`);
} finally {
  rmSync(TMP, { recursive: true, force: true });
}

// ---- Go benchmarks ---------------------------------------------------------------

/** The test binary, built once, and the workloads file it reads. */
function testBinary() {
  const bin = join(TMP, "benthos.test");
  if (!existsSync(bin)) {
    log("go test -c (engines/benthos)");
    execFileSync("go", ["test", "-c", "-o", bin, "."], { cwd: PKG, stdio: "inherit" });
    const msg = (m) => ({ topic: m.topic, payload: Buffer.from(m.payload).toString("utf8") });
    writeFileSync(join(TMP, "workloads.json"), JSON.stringify(BENCH_WORKLOADS.map((name) => {
      const w = WORKLOADS[name];
      return { name, config: w.config, prime: w.prime().map(msg), messages: w.stream(GO_MESSAGES, SEED).map(msg) };
    })));
  }
  return bin;
}

/** Runs the test binary's benchmarks matching `bench`; { name: { metric: value } }. */
function runBench(bench, benchtime) {
  const r = spawnSync(testBinary(), ["-test.run", "^$", "-test.bench", bench, "-test.benchtime", benchtime, "-test.cpu", "1", "-test.benchmem"], {
    cwd: PKG, encoding: "utf8", maxBuffer: 1 << 24,
    env: { ...process.env, SP_BENCH_WORKLOADS: join(TMP, "workloads.json"), SP_BENCH_WASM: join(ROOT, "build", "stream_processor.wasm") },
  });
  if (r.status !== 0) throw new Error(`benchmark failed:\n${r.stdout}${r.stderr}`);
  const out = {};
  for (const line of r.stdout.split("\n")) {
    const m = line.match(/^Benchmark(\S+)\s+(\d+)\s+(.*)$/);
    if (!m) continue;
    const fields = m[3].trim().split(/\s+/);
    const x = { iterations: Number(m[2]) };
    for (let i = 0; i + 1 < fields.length; i += 2) x[fields[i + 1]] = Number(fields[i]);
    out[m[1]] = x;
  }
  return out;
}

/** Ours and the floor, interleaved rounds; medians and per-round ratios. */
function benchmarks() {
  const rounds = Number(opt.rounds);
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    // Single-message figures and batch figures in separate processes of each round (fixed work per run).
    runs.push({
      ...runBench("^Benchmark(ProcessBatch_Single|Floor_Single|Floor_CopySingle|Floor_MetaSingle)$", "200000x"),
      ...runBench("^Benchmark(ProcessBatch_Batch100|Floor_Batch100|Floor_CopyBatch100|Floor_MetaBatch100)$", "3000x"),
      // The Go path alone: the module's process call replayed from a recorded result.
      ...runBench("^BenchmarkGoPath$/^W1$/^batch1$", "200000x"), ...runBench("^BenchmarkGoPath$//^batch100$", "3000x"),
    });
    log(`round ${i + 1}/${rounds}: W1 single ${runs.at(-1)["ProcessBatch_Single/W1"]["ns/op"]} ns/op, floor ${runs.at(-1).Floor_Single["ns/op"]} ns/op`);
  }
  const pairs = [["Single", "W1", "ProcessBatch_Single/W1", "Floor_Single", "Floor_CopySingle/W1", "Floor_MetaSingle/W1", "GoPath/W1/batch1", 1]];
  for (const w of BENCH_WORKLOADS) pairs.push(["Batch100", w, `ProcessBatch_Batch100/${w}`, `Floor_Batch100/${w}`, `Floor_CopyBatch100/${w}`, `Floor_MetaBatch100/${w}`, `GoPath/${w}/batch100`, 100]);
  const rows = [];
  for (const [kind, w, ours, floor, copyFloor, metaFloor, goPath, perOp] of pairs) {
    const col = (name, metric) => runs.map((r) => r[name][metric]);
    const ratios = (metric, to = floor) => runs.map((r) => r[ours][metric] / r[to][metric]);
    rows.push({
      kind, workload: w, ours, floor, copyFloor, messagesPerOp: perOp,
      oursNsPerOp: median(col(ours, "ns/op")), floorNsPerOp: median(col(floor, "ns/op")),
      oursCpuNsPerOp: median(col(ours, "cpu-ns/op")), floorCpuNsPerOp: median(col(floor, "cpu-ns/op")),
      copyFloorCpuNsPerOp: median(col(copyFloor, "cpu-ns/op")),
      ratioWall: median(ratios("ns/op")), ratioCpu: median(ratios("cpu-ns/op")),
      ratioWallRuns: ratios("ns/op"), ratioCpuRuns: ratios("cpu-ns/op"),
      ratioCopyCpu: median(ratios("cpu-ns/op", copyFloor)), ratioCopyCpuRuns: ratios("cpu-ns/op", copyFloor),
      metaFloor, metaFloorCpuNsPerOp: median(col(metaFloor, "cpu-ns/op")),
      ratioMetaCpu: median(ratios("cpu-ns/op", metaFloor)), ratioMetaCpuRuns: ratios("cpu-ns/op", metaFloor),
      goPath, goPathCpuNsPerOp: median(col(goPath, "cpu-ns/op")),
      ratioGoPathCpu: median(runs.map((r) => r[goPath]["cpu-ns/op"] / r[floor]["cpu-ns/op"])),
      moduleInSituCpuNsPerOp: median(runs.map((r) => r[ours]["cpu-ns/op"] - r[goPath]["cpu-ns/op"])),
      oursAllocsPerOp: runs[0][ours]["allocs/op"], floorAllocsPerOp: runs[0][floor]["allocs/op"], copyFloorAllocsPerOp: runs[0][copyFloor]["allocs/op"],
      oursBytesPerOp: runs[0][ours]["B/op"], floorBytesPerOp: runs[0][floor]["B/op"], copyFloorBytesPerOp: runs[0][copyFloor]["B/op"],
    });
  }
  // W2 single: no floor of its own (outputs vary per message); ours only.
  const w2 = runs.map((r) => r["ProcessBatch_Single/W2"]);
  rows.push({ kind: "Single", workload: "W2", ours: "ProcessBatch_Single/W2", floor: null, messagesPerOp: 1,
    oursNsPerOp: median(w2.map((x) => x["ns/op"])), oursCpuNsPerOp: median(w2.map((x) => x["cpu-ns/op"])),
    oursAllocsPerOp: w2[0]["allocs/op"], oursBytesPerOp: w2[0]["B/op"] });
  return { rounds, rows };
}

/** Per-call latency of a single-message ProcessBatch and of the floor. */
function latency() {
  const rounds = Number(opt["latency-rounds"]), calls = Number(opt["latency-calls"]);
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(runBench("^BenchmarkLatency_(Single|Floor)$", `${calls}x`));
  const out = { rounds, calls, warmUpCalls: 20000 };
  for (const [key, name] of [["ours", "Latency_Single/W1"], ["floor", "Latency_Floor"]]) {
    const pick = (m) => median(runs.map((r) => r[name]?.[m]));
    out[key] = { p50: pick("p50-ns"), p95: pick("p95-ns"), p99: pick("p99-ns"), p999: pick("p99.9-ns"), gcs: pick("GCs"), nsPerOp: pick("ns/op"),
      p99Runs: runs.map((r) => r[name]?.["p99-ns"]) };
  }
  log(`latency p99: ours ${out.ours.p99} ns, floor ${out.floor.p99} ns`);
  return out;
}

// ---- benthos-sp pipelines -----------------------------------------------------------

/** Wall and CPU seconds and max RSS of one process (stdout to /dev/null). */
function timed(cmd, args, stdinPath) {
  const stdin = stdinPath ? openSync(stdinPath, "r") : "ignore";
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", cmd, ...args], { stdio: [stdin, "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 });
  if (typeof stdin === "number") closeSync(stdin);
  const last = r.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (r.status !== 0 || last.length !== 4) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr.slice(-2000)}`);
  return { wall: last[0], cpu: last[1] + last[2], maxRssMiB: last[3] / 1024 };
}

function pipelines() {
  const n = Number(opt["pipeline-messages"]), rounds = Number(opt["pipeline-rounds"]);
  const bin = join(TMP, "benthos-sp");
  log("go build ./cmd/benthos-sp");
  execFileSync("go", ["build", "-o", bin, "./cmd/benthos-sp"], { cwd: PKG, stdio: "inherit" });
  const W2 = WORKLOADS.W2;
  const msgs = W2.stream(n, SEED);
  const sp = { stream_processor: { on_error: "drop", ...W2.config } };
  const write = (name, config) => { const p = join(TMP, name); writeFileSync(p, stringify(config)); return p; };

  // generate -> [stream_processor] -> drop: the first 20 W2 messages, cycled, from a Bloblang array
  // (Bloblang builds the array literal per message: a longer cycle costs the generator more).
  const cycle = msgs.slice(0, 20).map((m) => ({ t: m.topic, p: Buffer.from(m.payload).toString("utf8") }));
  const generate = { generate: { count: n, interval: "", mapping: [
    `let m = ${JSON.stringify(cycle)}.index((count("w2") - 1) % ${cycle.length})`,
    "meta umh_topic = $m.t", `meta kafka_key = "pump-42"`, "root = $m.p"].join("\n") } };
  // stdin -> [stream_processor] -> stdout: W2 as JSON lines ({topic, payload, metadata}), as bench/wasi-process.mjs.
  const input = join(TMP, "w2.jsonl");
  const fd = openSync(input, "w");
  for (let at = 0; at < n; at += 10000) {
    writeSync(fd, msgs.slice(at, at + 10000).map((m) => `{"topic":${JSON.stringify(m.topic)},"payload":${Buffer.from(m.payload).toString("utf8")},"metadata":${JSON.stringify(m.metadata)}}`).join("\n") + "\n");
  }
  closeSync(fd);
  const parse = { mapping: "let line = this\nmeta = $line.metadata | {}\nmeta umh_topic = $line.topic\nroot = $line.payload.format_json(indent: \"\", no_indent: true).string()" };
  const stdio = { input: { stdin: { scanner: { lines: {} } } }, output: { stdout: { codec: "lines" } } };
  const cases = {
    "generate → stream_processor → drop": write("gen-sp.yaml", { input: generate, pipeline: { threads: 1, processors: [sp] }, output: { drop: {} }, logger: { level: "warn" } }),
    "generate → drop (no stream_processor)": write("gen.yaml", { input: generate, pipeline: { threads: 1, processors: [] }, output: { drop: {} }, logger: { level: "warn" } }),
    "stdin → stream_processor → stdout": write("io-sp.yaml", { ...stdio, pipeline: { threads: 1, processors: [parse, sp] }, logger: { level: "warn" } }),
    "stdin → stdout (no stream_processor)": write("io.yaml", { ...stdio, pipeline: { threads: 1, processors: [parse] }, logger: { level: "warn" } }),
  };
  const nodeConfig = write("w2.yaml", W2.config);
  const cli = join(ROOT, "dist", "host", "cli.js");
  const runs = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, config] of Object.entries(cases)) {
      (runs[name] ??= []).push(timed(bin, ["-c", config], name.startsWith("stdin") ? input : null));
    }
    if (existsSync(cli)) (runs["Node CLI (stream-processor run --input)"] ??= []).push(timed(process.execPath, [cli, "run", "--config", nodeConfig, "--input", input], null));
    log(`pipelines round ${r + 1}/${rounds}`);
  }
  const rows = Object.entries(runs).map(([name, rs]) => {
    const wall = median(rs.map((x) => x.wall)), cpu = median(rs.map((x) => x.cpu));
    return { name, messages: n, wallS: wall, cpuS: cpu, msgsPerSec: n / wall, msgsPerCpuSec: n / cpu, maxRssMiB: median(rs.map((x) => x.maxRssMiB)), runs: rs.length };
  });
  return { messages: n, rounds, rows };
}

// ---- RESULTS.md -------------------------------------------------------------------

/** bench/RESULTS.md from bench/results/latest.json with this result as its Benthos section. */
function renderResults(benthosPath) {
  const latestPath = join(ROOT, "bench", "results", "latest.json");
  if (!existsSync(latestPath)) { log("no bench/results/latest.json: RESULTS.md not rendered (run bench/run.mjs)"); return; }
  const latest = JSON.parse(readFileSync(latestPath, "utf8"));
  const baselines = join(ROOT, "bench", "baselines", "before.json");
  const before = existsSync(baselines) ? JSON.parse(readFileSync(baselines, "utf8")) : null;
  writeFileSync(join(ROOT, "bench", "RESULTS.md"), renderMarkdown({ ...latest, benthosPath }, before, readHistory(join(ROOT, "bench", "history.jsonl"))));
}
