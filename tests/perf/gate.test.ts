// The performance gate (bench/gate.mjs, `npm run perf:check`): its comparison
// rules, and the real gate on real modules: a module with extra work per
// message fails it with the operators figures named, and a baseline 10% better
// than today's figures fails it with every non-zero figure named.
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compare, report } from "../../bench/gate/compare.mjs";
import { parseGoBench } from "../../bench/gate/measure.mjs";

const root = join(__dirname, "..", "..");
const product = join(root, "build", "stream_processor.wasm");
// The test build of assembly/index.ts equals the `speed` target byte for byte;
// perf_slowed is the same module with a loop per message in `process`.
const control = join(root, "build", "stream_processor.speed.wasm");
const slowed = join(root, "build", "test", "perf_slowed.wasm");

function gate(args: string[], baseline: string) {
  const r = spawnSync(process.execPath, [join(root, "bench", "gate.mjs"), ...args], {
    cwd: root, encoding: "utf8", env: { ...process.env, PERF_BASELINE: baseline },
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), "perf-gate-test-"));
const fig = (value: number, kind: string) => ({ value, kind });

describe("compare: tolerances", () => {
  test("operators may move 2%, size 1 KB, exact figures not at all", () => {
    const base = { ops: 1000, size: 100_000, allocs: 24 };
    const within = compare({ ops: fig(1020, "operators"), size: fig(101_024, "size"), allocs: fig(24, "exact") }, base);
    expect(within.worse).toEqual([]);
    expect(within.better).toEqual([]);
    expect(within.unchanged.map((r) => r.name)).toEqual(["ops", "size", "allocs"]);
    const beyond = compare({ ops: fig(1020.5, "operators"), size: fig(101_025, "size"), allocs: fig(25, "exact") }, base);
    expect(beyond.worse.map((r) => r.name)).toEqual(["ops", "size", "allocs"]);
  });

  test("an improvement beyond the tolerance fails and asks for a new baseline", () => {
    const r = compare({ ops: fig(970, "operators"), allocs: fig(24, "exact") }, { ops: 1000, allocs: 24 });
    expect(r.better.map((x) => x.name)).toEqual(["ops"]);
    const { text, ok } = report(r, "b.json");
    expect(ok).toBe(false);
    expect(text).toContain("BETTER  ops: 1,000 -> 970 (-3.00%), tolerance 2%");
    expect(text).toContain("npm run perf:baseline");
  });

  test("a figure missing on either side fails unless the check is partial", () => {
    const r = compare({ a: fig(1, "exact") }, { b: 1 });
    expect(r.unknown.map((x) => x.name)).toEqual(["a"]);
    expect(r.missing.map((x) => x.name)).toEqual(["b"]);
    expect(report(r, "b.json").ok).toBe(false);
    expect(compare({ b: fig(1, "exact") }, { b: 1, c: 2 }, { partial: true }).missing).toEqual([]);
  });

  test("go test -bench -benchmem lines are read with and without the GOMAXPROCS suffix", () => {
    const r = parseGoBench([
      "BenchmarkProcessBatch_Single/W1  \t    2000\t      3513 ns/op\t    2288 B/op\t      24 allocs/op",
      "BenchmarkFloor_Single-2          \t    2000\t       856.6 ns/op\t    1856 B/op\t      21 allocs/op",
      "PASS",
    ].join("\n"));
    expect(r).toEqual([
      { name: "ProcessBatch_Single/W1", iterations: 2000, nsPerOp: 3513, bytesPerOp: 2288, allocsPerOp: 24 },
      { name: "Floor_Single", iterations: 2000, nsPerOp: 856.6, bytesPerOp: 1856, allocsPerOp: 21 },
    ]);
  });
});

// Generous: in a fresh clone the first gate run may install wasmtime into bench/.venv
// and compile the Go test binary (npm test runs vitest before engines/test.sh).
describe("the gate on real modules", { timeout: 300_000 }, () => {
  test("extra work per message fails the gate, naming the operators figure of every workload", () => {
    for (const f of [control, slowed]) {
      if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build:wasm && npm run build:test-wasm\``);
    }
    const dir = tmp();
    try {
      const baseline = join(dir, "control.json");
      expect(gate(["baseline", "--parts", "wasm", "--wasm", control], baseline).status).toBe(0);
      const same = gate(["check", "--parts", "wasm", "--wasm", control], baseline);
      expect(same.out).toContain("perf gate: OK");
      expect(same.status).toBe(0);
      const slow = gate(["check", "--parts", "wasm", "--wasm", slowed], baseline);
      expect(slow.status).toBe(1);
      const worse = slow.out.split("\n").filter((l) => l.startsWith("WORSE")).map((l) => l.slice(8, l.indexOf(":")));
      expect(worse).toEqual(["W1", "W2", "W3", "W4"].map((w) => `${w} in-module operators/msg`));
      expect(slow.out).toMatch(/WORSE {3}W1 in-module operators\/msg: [\d,.]+ -> [\d,.]+ \(\+\d+\.\d+%\), tolerance 2%/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a baseline 10% better than today in every figure fails `npm run perf:check`, naming each", () => {
    const dir = tmp();
    try {
      const today = join(dir, "today.json");
      expect(gate(["baseline", "--wasm", product], today).status).toBe(0);
      const base = JSON.parse(readFileSync(today, "utf8"));
      const figures: Record<string, number> = base.figures;
      expect(Object.keys(figures).length).toBeGreaterThanOrEqual(30);
      const better = join(dir, "better.json");
      writeFileSync(better, JSON.stringify({ ...base, figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v * 0.9])) }));
      const r = spawnSync("npm", ["run", "--silent", "perf:check"], { cwd: root, encoding: "utf8", env: { ...process.env, PERF_BASELINE: better } });
      expect(r.status).toBe(1);
      const worse = (r.stdout + r.stderr).split("\n").filter((l) => l.startsWith("WORSE")).map((l) => l.slice(8, l.indexOf(":")));
      // A zero (no allocation, no growth) cannot be 10% better, so it stays within tolerance.
      expect(worse.sort()).toEqual(Object.keys(figures).filter((k) => figures[k] !== 0).sort());
      expect(worse).toContain("module size B");
      expect(worse).toContain("W1 Benthos ProcessBatch 1 msg allocs/op");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
