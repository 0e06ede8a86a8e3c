// The performance gate's figures: only what does not depend on the machine's
// load, so that they can be compared exactly with a committed baseline.
//   - in-module, per workload: WebAssembly operators per message (wasmtime fuel,
//     bench/gate/fuel.py), AssemblyScript heap allocations per message and
//     linear-memory growth over the measured pass;
//   - the Benthos path, per workload: allocs/op and B/op of ProcessBatch with
//     one and 100 messages, and the floor of Benthos's message API
//     (engines/benthos/bench_test.go, `go test -bench -benchtime=Nx -benchmem`);
//   - the module's size in bytes.
// Every figure is "lower is better"; its kind sets its tolerance (compare.mjs).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { WORKLOADS } from "../lib/workloads.mjs";
import { frameBatch, frameStream } from "../lib/frame.mjs";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const SEED = 42;
/** In-module: messages per workload, measured in batches of BATCH after one warm-up pass over them. */
const FUEL_MESSAGES = 10_000, BATCH = 1000;
/** Benthos path: messages handed to the Go benchmark per workload, and its fixed iteration count. */
const GO_MESSAGES = 1000, GO_ITERATIONS = 2000;

export const WORKLOAD_NAMES = ["W1", "W2", "W3", "W4"];

const log = (s) => process.stderr.write(`perf gate: ${s}\n`);

/** The pinned wasmtime version (bench/requirements.txt): fuel costs are per version. */
function pinnedWasmtime() {
  const m = readFileSync(join(ROOT, "bench", "requirements.txt"), "utf8").match(/^wasmtime==(\S+)/m);
  if (!m) throw new Error("bench/requirements.txt pins no wasmtime version");
  return m[1];
}

function wasmtimeVersion(python) {
  const r = spawnSync(python, ["-c", "import importlib.metadata as m, wasmtime; print(m.version('wasmtime'))"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * A Python with the pinned wasmtime: engines/.venv (engines/test.sh makes it,
 * and `npm test` runs that first) or bench/.venv, made here from
 * bench/requirements.txt when neither has it.
 */
export function pythonWithWasmtime({ install = true } = {}) {
  const want = pinnedWasmtime();
  const candidates = [process.env.PERF_PYTHON, join(ROOT, "engines", ".venv", "bin", "python"), join(ROOT, "bench", ".venv", "bin", "python")];
  for (const py of candidates) if (py && existsSync(py) && wasmtimeVersion(py) === want) return py;
  if (!install) return null;
  const venv = join(ROOT, "bench", ".venv");
  log(`no Python with wasmtime ${want}: making ${venv} (pip install -r bench/requirements.txt)`);
  execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
  execFileSync(join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", join(ROOT, "bench", "requirements.txt")], { stdio: "inherit" });
  return join(venv, "bin", "python");
}

/** In-module figures of every workload under wasmtime with fuel metering. */
export function measureInModule(wasm, workloads = WORKLOAD_NAMES, python = pythonWithWasmtime()) {
  const b64 = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.length).toString("base64");
  const job = {
    wasm,
    workloads: workloads.map((name) => {
      const w = WORKLOADS[name];
      const prime = w.prime();
      return {
        name,
        config: JSON.stringify(w.config),
        prime: prime.length ? b64(frameBatch(prime, 0, prime.length)) : null,
        frames: frameStream(w.stream(FUEL_MESSAGES, SEED), BATCH).map(b64),
        messages: FUEL_MESSAGES,
      };
    }),
  };
  const out = execFileSync(python, [join(ROOT, "bench", "gate", "fuel.py")], { input: JSON.stringify(job), maxBuffer: 1 << 26, encoding: "utf8" });
  return JSON.parse(out);
}

/** `go version`'s version word, or null. */
function goVersion() {
  try { return execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" }).trim(); } catch { return null; }
}

/** `go test -bench -benchmem` result lines as [{ name: "Name/Sub", iterations, nsPerOp, bytesPerOp, allocsPerOp }]. */
export function parseGoBench(text) {
  const out = [];
  for (const line of text.split("\n")) {
    // Custom metrics (b.ReportMetric, e.g. cpu-ns/op) come between ns/op and B/op.
    const m = line.match(/^Benchmark(\S+?)(?:-\d+)?\s+(\d+)\s+([\d.]+) ns\/op(?:\s+[\d.e+-]+ \S+?)*?\s+(\d+) B\/op\s+(\d+) allocs\/op/);
    if (m) out.push({ name: m[1], iterations: Number(m[2]), nsPerOp: Number(m[3]), bytesPerOp: Number(m[4]), allocsPerOp: Number(m[5]) });
  }
  return out;
}

/**
 * engines/benthos/bench_test.go's benchmarks matching `bench` on `wasm`, the
 * workloads from bench/lib/workloads.mjs. The gate runs a fixed iteration
 * count (deterministic allocations); bench/run.mjs times them (benchtime 1s, count 5).
 */
export function runGoBench(wasm, { workloads = WORKLOAD_NAMES, bench = "^Benchmark(ProcessBatch_|Floor_)", benchtime = `${GO_ITERATIONS}x`, count = 1 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "perf-gate-")); // concurrent runs must not share it
  const file = join(dir, "workloads.json");
  const msg = (m) => ({ topic: m.topic, payload: Buffer.from(m.payload).toString("utf8") });
  writeFileSync(file, JSON.stringify(workloads.map((name) => {
    const w = WORKLOADS[name];
    return { name, config: w.config, prime: w.prime().map(msg), messages: w.stream(GO_MESSAGES, SEED).map(msg) };
  })));
  const r = spawnSync("go", ["test", "-run", "^$", "-bench", bench, "-benchmem",
    `-benchtime=${benchtime}`, "-cpu", "1", "-count", String(count), "."], {
    cwd: join(ROOT, "engines", "benthos"), encoding: "utf8", maxBuffer: 1 << 24,
    env: { ...process.env, SP_BENCH_WORKLOADS: file, SP_BENCH_WASM: resolve(wasm) },
  });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`go test -bench failed:\n${r.error?.message ?? ""}${r.stdout ?? ""}${r.stderr ?? ""}`);
  return { go: goVersion(), results: parseGoBench(r.stdout) };
}

/**
 * All figures as { name: { value, kind } }. `parts` chooses "wasm" (in-module
 * and size) and/or "benthos".
 */
export function measure({ wasm, parts = ["wasm", "benthos"], workloads = WORKLOAD_NAMES }) {
  const figures = {};
  const env = {};
  const put = (name, value, kind) => { figures[name] = { value, kind }; };
  if (parts.includes("wasm")) {
    const t0 = Date.now();
    const r = measureInModule(wasm, workloads);
    env.wasmtime = r.wasmtime;
    for (const [w, x] of Object.entries(r.workloads)) {
      if (x.outputs === 0 || x.errors !== 0) throw new Error(`${w}: ${x.outputs} outputs, ${x.errors} errors in the measured pass`);
      put(`${w} in-module operators/msg`, round2(x.fuelPerMsg), "operators");
      put(`${w} in-module AS heap allocations/msg`, x.heapTopDelta / x.messages, "exact");
      put(`${w} in-module linear memory growth B`, x.linearMemoryGrowth, "exact");
    }
    put("module size B", statSync(wasm).size, "size");
    log(`in-module figures in ${((Date.now() - t0) / 1e3).toFixed(1)} s (wasmtime ${r.wasmtime})`);
  }
  if (parts.includes("benthos")) {
    const t0 = Date.now();
    const r = runGoBench(wasm, { workloads });
    env.go = r.go;
    const pick = (bench, label) => {
      const x = r.results.find((y) => y.name === bench);
      if (!x) throw new Error(`go test -bench gave no result for ${bench}`);
      put(`${label} allocs/op`, x.allocsPerOp, "exact");
      put(`${label} B/op`, x.bytesPerOp, "exact");
    };
    for (const w of workloads) {
      pick(`ProcessBatch_Single/${w}`, `${w} Benthos ProcessBatch 1 msg`);
      pick(`ProcessBatch_Batch100/${w}`, `${w} Benthos ProcessBatch 100 msgs`);
    }
    pick("Floor_Single", "Benthos floor (4 new messages with topic)");
    log(`Benthos figures in ${((Date.now() - t0) / 1e3).toFixed(1)} s (${r.go})`);
  }
  return { figures, env };
}

const round2 = (x) => Math.round(x * 100) / 100;
