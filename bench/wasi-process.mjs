// Whole-process job: the same 1,000,000-line JSONL (W2 mix, bench/lib/workloads.mjs,
// seed 42) through four programs, each timed as a process (wall clock, CPU =
// user + system, max RSS), several runs interleaved, medians:
//   - the Node CLI            node dist/host/cli.js run --config c.yaml --input w2.jsonl
//   - wasmtime, JIT           wasmtime run --dir . build/stream-processor.wasi.wasm run ...
//   - wasmtime, AOT           wasmtime compile -> .cwasm; wasmtime run --allow-precompiled ...
//   - benthos-sp              stdin -> stream_processor -> stdout (the examples/benthos pipeline shape)
// Also start-up (an empty input) and a breakdown of the WASI command's time (the
// profile behind the targets). Writes bench/results/wasi-process.{json,md,svg}.
//
//   node bench/wasi-process.mjs [--lines 1000000] [--runs 5] [--startup-runs 20]
//
// Needs `npm run build`, python3 (for the wasmtime CLI: scripts/wasmtime.sh) and
// Go (benthos-sp is built into build/tools/ when missing); /usr/bin/time gives CPU
// and max RSS.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { stringify } from "yaml";
import { WORKLOADS } from "./lib/workloads.mjs";
import { median } from "./lib/stats.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TMP = join(ROOT, "bench", "results", "tmp", "wasi-process");
const OUT = join(ROOT, "bench", "results");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const reportOnly = process.argv.indexOf("--report");
const LINES = option("lines", 1_000_000);
const RUNS = option("runs", 5);
const STARTUP_RUNS = option("startup-runs", 20);
const log = (s) => process.stderr.write(`${s}\n`);

mkdirSync(TMP, { recursive: true });
if (reportOnly >= 0) {
  // Re-render bench/results/wasi-process.{md,svg} from a saved result.
  const saved = JSON.parse(readFileSync(process.argv[reportOnly + 1] ?? join(OUT, "wasi-process.json"), "utf8"));
  process.stdout.write(report(saved));
  process.exit(0);
}

// ---- inputs -------------------------------------------------------------------------

const W2 = WORKLOADS.W2;
const input = join(TMP, `w2-${LINES}.jsonl`);
if (!existsSync(input)) {
  log(`writing ${LINES} W2 lines to ${input}`);
  const fd = openSync(input, "w");
  const chunk = 100_000;
  for (let at = 0; at < LINES; at += chunk) {
    // The stream is deterministic per (n, seed): generate it once, slice it.
    if (at === 0) globalThis.__w2 = W2.stream(LINES, 42);
    const part = globalThis.__w2.slice(at, at + chunk).map((m) =>
      `{"topic":${JSON.stringify(m.topic)},"payload":${m.payload.toString()},"metadata":${JSON.stringify(m.metadata)}}`);
    writeFileSync(fd, part.join("\n") + "\n");
  }
  closeSync(fd);
  delete globalThis.__w2;
}
const config = join(TMP, "w2.yaml");
writeFileSync(config, stringify(W2.config));
const empty = join(TMP, "empty.jsonl");
writeFileSync(empty, "");
// Every source dropped: the same lines read, parsed and framed, no mapping runs.
const dropConfig = join(TMP, "w2-drop.yaml");
writeFileSync(dropConfig, stringify({ ...W2.config, sources: { press: "no.such.topic.press", tF: "no.such.topic.tF", r: "no.such.topic.r" } }));

// The benthos pipeline: examples/benthos/pipeline_drop.yaml's input and output, W2's config.
const example = readFileSync(join(ROOT, "examples", "benthos", "pipeline_drop.yaml"), "utf8");
const benthosYaml = join(TMP, "w2-benthos.yaml");
{
  const head = example.slice(example.indexOf("input:"), example.indexOf("    - stream_processor:"));
  const tail = example.slice(example.indexOf("output:"));
  const sp = stringify([{ stream_processor: { on_error: "drop", ...W2.config } }]).replace(/^/gm, "    ");
  writeFileSync(benthosYaml, `${head}${sp}\n${tail}`);
}

// ---- programs -----------------------------------------------------------------------

const wasm = join(ROOT, "build", "stream-processor.wasi.wasm");
const cli = join(ROOT, "dist", "host", "cli.js");
for (const f of [wasm, cli]) if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\``);
const wasmtime = execFileSync(join(ROOT, "scripts", "wasmtime.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
const wasmtimeVersion = execFileSync(wasmtime, ["--version"], { encoding: "utf8" }).trim();
const cwasm = join(TMP, "stream-processor.wasi.cwasm");
log(`wasmtime compile -> ${cwasm}`);
execFileSync(wasmtime, ["compile", "-o", cwasm, wasm]);

let benthos = join(ROOT, "build", "tools", "benthos-sp");
if (!existsSync(benthos)) {
  log("building benthos-sp (engines/benthos/cmd/benthos-sp) into build/tools/");
  execFileSync("go", ["build", "-o", benthos, "./cmd/benthos-sp"], { cwd: join(ROOT, "engines", "benthos"), stdio: "inherit" });
}
const embedded = join(ROOT, "engines", "benthos", "wasm", "stream_processor.wasm");
const embeddedCurrent = readFileSync(embedded).equals(readFileSync(join(ROOT, "build", "stream_processor.wasm")));
if (!embeddedCurrent) log("note: engines/benthos/wasm/stream_processor.wasm differs from build/ (run bash engines/test.sh to refresh it)");

/** The command line of `program` over `inputPath` with `configPath`. stdin: a file to redirect, or null. */
function commandOf(program, inputPath, configPath) {
  const rel = (p) => p.startsWith(ROOT + "/") ? p.slice(ROOT.length + 1) : p;
  switch (program) {
    case "node-cli": return { cmd: process.execPath, args: [cli, "run", "--config", configPath, "--input", inputPath], stdin: null };
    case "wasmtime-jit": return { cmd: wasmtime, args: ["run", "--dir", ".", rel(wasm), "run", "--config", rel(configPath), "--input", rel(inputPath)], stdin: null };
    case "wasmtime-aot": return { cmd: wasmtime, args: ["run", "--allow-precompiled", "--dir", ".", rel(cwasm), "run", "--config", rel(configPath), "--input", rel(inputPath)], stdin: null };
    case "benthos-sp": return { cmd: benthos, args: ["-c", benthosYaml], stdin: inputPath };
    default: throw new Error(program);
  }
}

/** One timed process: wall (ms, around the spawn), CPU (ms, user + system) and max RSS (KiB) from /usr/bin/time. */
function timed(program, inputPath, configPath = config, stdoutPath = "/dev/null") {
  const { cmd, args, stdin } = commandOf(program, inputPath, configPath);
  const report = join(TMP, "time.txt");
  const inFd = openSync(stdin ?? "/dev/null", "r");
  const outFd = openSync(stdoutPath, "w");
  const t0 = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", report, cmd, ...args], { cwd: ROOT, stdio: [inFd, outFd, "pipe"], maxBuffer: 1 << 28 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(inFd);
  closeSync(outFd);
  if (r.status !== 0) throw new Error(`${program} exited ${r.status}: ${r.stderr.toString().slice(-2000)}`);
  const [user, sys, rss] = readFileSync(report, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { wallMs, cpuMs: (user + sys) * 1000, maxRssKiB: rss, stderr: r.stderr.toString() };
}

// ---- correctness first: the same outputs -----------------------------------------------

const PROGRAMS = ["node-cli", "wasmtime-jit", "wasmtime-aot", "benthos-sp"];
log("checking outputs (one untimed run each)");
const digests = {};
const outputLines = {};
// Hashed in 1 MiB pieces: a bench process holding the outputs (~700 MB each) would
// make every later spawn slower (the fork copies its page tables).
const piece = Buffer.alloc(1 << 20);
for (const p of PROGRAMS) {
  const out = join(TMP, `out-${p}.jsonl`);
  timed(p, input, config, out);
  const hash = createHash("sha256");
  const fd = openSync(out, "r");
  let n = 0;
  for (let got = readSync(fd, piece); got > 0; got = readSync(fd, piece)) {
    const view = piece.subarray(0, got);
    hash.update(view);
    for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) n++;
  }
  closeSync(fd);
  digests[p] = hash.digest("hex");
  outputLines[p] = n;
}
for (const p of ["wasmtime-jit", "wasmtime-aot"]) {
  if (digests[p] !== digests["node-cli"]) throw new Error(`${p}: stdout differs from the Node CLI's`);
}
if (outputLines["benthos-sp"] !== outputLines["node-cli"]) throw new Error(`benthos-sp wrote ${outputLines["benthos-sp"]} lines, the Node CLI ${outputLines["node-cli"]}`);

// ---- the job, interleaved ------------------------------------------------------------------

const samples = Object.fromEntries(PROGRAMS.map((p) => [p, []]));
for (let run = 0; run < RUNS; run++) {
  for (const p of PROGRAMS) {
    const s = timed(p, input);
    samples[p].push(s);
    log(`run ${run + 1}/${RUNS} ${p}: ${s.wallMs.toFixed(0)} ms wall, ${s.cpuMs.toFixed(0)} ms CPU, ${(s.maxRssKiB / 1024).toFixed(1)} MiB`);
  }
}

// Start-up: the whole process over an empty input (config read and compiled, nothing
// processed), spawned directly (/usr/bin/time would add its own 5-10 ms).
// Timed from a small helper process, so that this one's size does not slow the spawns.
const STARTUP_HELPER = `
const { spawnSync } = require("node:child_process");
const { openSync, closeSync } = require("node:fs");
const { jobs, runs, cwd } = JSON.parse(process.argv[1]);
const out = Object.fromEntries(jobs.map((j) => [j.name, []]));
for (let r = 0; r < runs; r++) {
  for (const j of jobs) {
    const inFd = openSync(j.stdin ?? "/dev/null", "r");
    const t0 = process.hrtime.bigint();
    const res = spawnSync(j.cmd, j.args, { cwd, stdio: [inFd, "ignore", "ignore"] });
    out[j.name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    closeSync(inFd);
    if (res.status !== 0) { console.error(j.name + " exited " + res.status); process.exit(1); }
  }
}
console.log(JSON.stringify(out));
`;
const startupJobs = PROGRAMS.map((p) => ({ name: p, ...commandOf(p, empty, config) }));
const startup = JSON.parse(execFileSync(process.execPath, ["-e", STARTUP_HELPER, JSON.stringify({ jobs: startupJobs, runs: STARTUP_RUNS, cwd: ROOT })],
  { encoding: "utf8", maxBuffer: 1 << 24 }));

// The breakdown behind the figures (wasmtime AOT): start-up, the same lines with every
// topic unknown (read + JSON.parse-equivalent + framing + the module's drop path), the full job.
// In CPU time: on a shared machine the wall clock of two separate jobs does not subtract.
const dropped = [];
for (let run = 0; run < RUNS; run++) dropped.push(timed("wasmtime-aot", input, dropConfig).cpuMs);

const summary = {};
for (const p of PROGRAMS) {
  const wall = median(samples[p].map((s) => s.wallMs));
  summary[p] = {
    wallMs: wall,
    cpuMs: median(samples[p].map((s) => s.cpuMs)),
    maxRssMiB: median(samples[p].map((s) => s.maxRssKiB)) / 1024,
    linesPerSecond: LINES / (wall / 1000),
    startupMs: median(startup[p]),
    startupMinMs: Math.min(...startup[p]),
    runs: samples[p].length,
  };
}
const nodeRate = summary["node-cli"].linesPerSecond;
const best = summary["wasmtime-aot"].linesPerSecond >= summary["wasmtime-jit"].linesPerSecond ? "wasmtime-aot" : "wasmtime-jit";
const targets = {
  linesPerSecond: { target: 1_000_000, value: summary[best].linesPerSecond, met: summary[best].linesPerSecond >= 1_000_000 },
  vsNodeCli: { target: 3, value: summary[best].linesPerSecond / nodeRate, met: summary[best].linesPerSecond / nodeRate >= 3 },
  aotStartupMs: { target: 10, value: summary["wasmtime-aot"].startupMs, met: summary["wasmtime-aot"].startupMs <= 10 },
};
const breakdown = {
  startupMs: summary["wasmtime-aot"].startupMs,
  allDroppedCpuMs: median(dropped),
  fullCpuMs: summary["wasmtime-aot"].cpuMs,
};

const result = {
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, wasmtime: wasmtimeVersion },
  lines: LINES,
  outputs: outputLines["node-cli"],
  inputBytes: statSync(input).size,
  runs: RUNS,
  startupRuns: STARTUP_RUNS,
  benthosModuleCurrent: embeddedCurrent,
  summary,
  targets,
  breakdown,
  samples,
};
writeFileSync(join(OUT, "wasi-process.json"), JSON.stringify(result, null, 1) + "\n");

process.stdout.write(report(result));

// ---- report ----------------------------------------------------------------------------------

/** bench/results/wasi-process.md and .svg from a result; returns the markdown. */
function report(result) {
const { lines: LINES, runs: RUNS, startupRuns: STARTUP_RUNS, summary, targets, breakdown } = result;
const PROGRAMS = Object.keys(summary);
const nodeRate = summary["node-cli"].linesPerSecond;
const best = targets.linesPerSecond.program ?? (summary["wasmtime-aot"].linesPerSecond >= summary["wasmtime-jit"].linesPerSecond ? "wasmtime-aot" : "wasmtime-jit");
const wasmtimeVersion = result.machine.wasmtime;

const NAMES = {
  "node-cli": "Node CLI (`stream-processor run`)",
  "wasmtime-jit": "wasmtime run, WASI command (JIT)",
  "wasmtime-aot": "wasmtime run --allow-precompiled (AOT .cwasm)",
  "benthos-sp": "benthos-sp (stdin → stream_processor → stdout)",
};
const f0 = (x) => Math.round(x).toLocaleString("en-US");
const f1 = (x) => x.toFixed(1);
let md = `## Whole process: ${f0(LINES)} W2 lines (\`node bench/wasi-process.mjs\`)\n\n`;
md += `${result.date}; ${result.machine.cpu}, ${result.machine.cores} cores (shared); node ${result.machine.node}; ${wasmtimeVersion}. `;
md += `${f0(LINES)} input lines (${f1(result.inputBytes / 1048576)} MiB), ${f0(result.outputs)} output lines, stdout to /dev/null; `;
md += `${RUNS} runs per program interleaved, medians (wall from spawn to exit; CPU and max RSS from /usr/bin/time); start-up: ${STARTUP_RUNS} runs each over an empty input, spawned directly, median. `;
md += `stdout of both wasmtime forms is byte-identical to the Node CLI's; benthos-sp writes the same number of lines.\n\n`;
md += "| program | wall (s) | CPU (s) | max RSS (MiB) | input lines/s (wall) | vs Node CLI | input lines per CPU-s | vs Node CLI | start-up (ms) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
const nodeCpuRate = LINES / (summary["node-cli"].cpuMs / 1000);
for (const p of PROGRAMS) {
  const s = summary[p];
  const cpuRate = LINES / (s.cpuMs / 1000);
  md += `| ${NAMES[p]} | ${(s.wallMs / 1000).toFixed(2)} | ${(s.cpuMs / 1000).toFixed(2)} | ${f1(s.maxRssMiB)} | ${f0(s.linesPerSecond)} | ${(s.linesPerSecond / nodeRate).toFixed(2)}× | ${f0(cpuRate)} | ${(cpuRate / nodeCpuRate).toFixed(2)}× | ${f1(s.startupMs)} |\n`;
}
const mark = (t) => (t.met ? "met" : "missed");
md += `\nTargets: WASI command under wasmtime ≥ 1,000,000 input lines/s: ${f0(targets.linesPerSecond.value)} (${best}), ${mark(targets.linesPerSecond)}; `;
md += `≥ 3× the Node CLI: ${targets.vsNodeCli.value.toFixed(2)}×, ${mark(targets.vsNodeCli)}; `;
md += `AOT start-up ≤ 10 ms: ${f1(targets.aotStartupMs.value)} ms, ${mark(targets.aotStartupMs)}.\n\n`;
md += `Where the AOT command's CPU time goes (medians): the same ${f0(LINES)} lines with every topic unknown `;
md += `(read, validate as JSON.parse would, frame, drop in the module) ${f0(breakdown.allDroppedCpuMs)} ms; the full job ${f0(breakdown.fullCpuMs)} ms, `;
md += `so mappings, output formatting and writing take ${f0(breakdown.fullCpuMs - breakdown.allDroppedCpuMs)} ms.\n`;
md += "\n![lines per second](results/wasi-process.svg)\n";
writeFileSync(join(OUT, "wasi-process.md"), md);

// A bar chart of input lines/s.
const maxRate = Math.max(...PROGRAMS.map((p) => summary[p].linesPerSecond), 1_000_000);
const W = 720, barH = 26, left = 330, top = 30;
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${top + PROGRAMS.length * (barH + 10) + 40}" font-family="sans-serif" font-size="12">\n`;
svg += `<text x="10" y="18" font-weight="bold">Whole process, ${f0(LINES)} W2 lines: input lines/s (median of ${RUNS})</text>\n`;
PROGRAMS.forEach((p, i) => {
  const y = top + i * (barH + 10);
  const w = Math.max(1, (summary[p].linesPerSecond / maxRate) * (W - left - 90));
  svg += `<text x="10" y="${y + 17}">${NAMES[p].replace(/`/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;")}</text>\n`;
  svg += `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${p.startsWith("wasmtime") ? "#4c78a8" : "#9d9d9d"}"/>\n`;
  svg += `<text x="${(left + w + 6).toFixed(1)}" y="${y + 17}">${f0(summary[p].linesPerSecond)}</text>\n`;
});
const tx = left + (1_000_000 / maxRate) * (W - left - 90);
svg += `<line x1="${tx.toFixed(1)}" y1="${top - 6}" x2="${tx.toFixed(1)}" y2="${top + PROGRAMS.length * (barH + 10)}" stroke="#e45756" stroke-dasharray="4 3"/>\n`;
svg += `<text x="${(tx - 40).toFixed(1)}" y="${top + PROGRAMS.length * (barH + 10) + 16}" fill="#e45756">target 1,000,000</text>\n</svg>\n`;
writeFileSync(join(OUT, "wasi-process.svg"), svg);
return md;
}
