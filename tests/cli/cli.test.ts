// The `stream-processor` CLI (dist/host/cli.js, after `npm run build`), spawned for real.

import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "dist", "host", "cli.js");
const pumpYaml = join(root, "examples", "pump.yaml");
const pumpJsonl = join(root, "examples", "pump.jsonl");
const tmp = mkdtempSync(join(tmpdir(), "sp-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASE = "umh.v1.corpA.plant-A.aawd";
const OUT = `${BASE}._pump_v1.`;

function sp(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const LINES = [
  JSON.stringify({ topic: `${BASE}._raw.press`, payload: { value: 100, timestamp_ms: 1000 }, metadata: { source: "plc-7" } }),
  "{not json",
  JSON.stringify({ topic: `${BASE}._raw.tempF`, payload: { value: 166.2 } }),
  "",
  JSON.stringify({ topic: `${BASE}._raw.vibration`, payload: { value: 1, timestamp_ms: 1001 } }),
  JSON.stringify({ payload: { value: "n/a", timestamp_ms: 1002 }, metadata: { umh_topic: `${BASE}._raw.press` } }),
  JSON.stringify({ topic: `${BASE}._raw.press`, payload_raw: '{"value": 1, "timestamp_ms":' }),
].join("\n");

const EXPECTED_STDOUT = [
  { topic: `${OUT}pressure`, payload: { value: 104.00001, timestamp_ms: 1000 }, metadata: { source: "plc-7", umh_topic: `${OUT}pressure` } },
  { topic: `${OUT}motor.rpm`, payload: { value: 25, timestamp_ms: 1000 }, metadata: { source: "plc-7", umh_topic: `${OUT}motor.rpm` } },
  { topic: `${OUT}serialNumber`, payload: { value: "SN-P42-008", timestamp_ms: 1000 }, metadata: { source: "plc-7", umh_topic: `${OUT}serialNumber` } },
  { topic: `${OUT}pressure`, payload: { value: "n/a4.00001", timestamp_ms: 1002 }, metadata: { umh_topic: `${OUT}pressure` } },
  { topic: `${OUT}serialNumber`, payload: { value: "SN-P42-008", timestamp_ms: 1002 }, metadata: { umh_topic: `${OUT}serialNumber` } },
];

function checkRun(r: ReturnType<typeof sp>): void {
  expect(r.code).toBe(0);
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines.map((l) => JSON.parse(l))).toEqual(EXPECTED_STDOUT);
  expect(lines[0]).toBe(`{"topic":"${OUT}pressure","payload":{"value":104.00001,"timestamp_ms":1000},"metadata":{"source":"plc-7","umh_topic":"${OUT}pressure"}}`);
  const err = r.stderr.trimEnd().split("\n");
  expect(err[0]).toMatch(/^line 2: not valid JSON \(/);
  expect(err[1]).toBe("line 3: missing or invalid timestamp_ms");
  expect(err[2]).toMatch(/^line 6, mapping 'motor.rpm': .*NaN/);
  expect(err[3]).toMatch(/^line 7: invalid JSON payload/);
  expect(err[4]).toMatch(/^5 inputs \(\+1 unreadable line\), 5 outputs, 1 dropped, 4 errors in \d+\.\d{3} s \(\d+ msgs\/s\)$/);
  expect(err).toHaveLength(5);
}

describe("stream-processor run", () => {
  it("processes a file: outputs on stdout in order, line-numbered errors and a summary on stderr", () => {
    checkRun(sp(["run", "--config", pumpYaml, "--input", file("in.jsonl", LINES)]));
  });

  it("processes stdin the same way", () => {
    checkRun(sp(["run", "-c", pumpYaml], LINES));
  });

  it("runs the bundled example with outputs, errors, a drop and the summary", () => {
    const r = sp(["run", "--config", pumpYaml, "--input", pumpJsonl]);
    expect(r.code).toBe(0);
    const outputs = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(outputs.length).toBeGreaterThan(100);
    expect(outputs.every((o) => o.topic.startsWith(OUT) && o.metadata.umh_topic === o.topic)).toBe(true);
    expect(r.stderr).toMatch(/^line \d+: invalid JSON payload/m);
    expect(r.stderr).toMatch(/^line \d+: missing or invalid timestamp_ms$/m);
    expect(r.stderr).toMatch(/^line \d+, mapping 'motor\.rpm': /m);
    expect(r.stderr).toMatch(/^59 inputs, \d+ outputs, 1 dropped, 3 errors in /m);
  });

  it("streams a long input in batches with bounded output order", () => {
    const n = 4500;
    const lines = [];
    for (let i = 0; i < n; i++) lines.push(JSON.stringify({ topic: `${BASE}._raw.press`, payload: { value: i, timestamp_ms: i + 1 } }));
    const r = sp(["run", "--config", pumpYaml], lines.join("\n") + "\n");
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split("\n");
    expect(out).toHaveLength(3 * n);
    expect(JSON.parse(out[3 * 4321 + 1]).payload).toEqual({ value: 4321 / 4, timestamp_ms: 4322 });
    expect(r.stderr).toMatch(/^4500 inputs, 13500 outputs, 0 dropped, 0 errors in /);
  });

  it("exits 2 with carets for an invalid config", () => {
    const bad = file("bad.yaml", "model: {name: p, version: v1}\noutput_topic: o\nsources: {press: t}\nmapping:\n  rpm: prss / 4\n");
    const r = sp(["run", "--config", bad], "");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("invalid config");
    expect(r.stderr).toContain("prss / 4");
    expect(r.stderr).toContain("^^^^");
  });

  it("exits 2 for an unreadable input file", () => {
    const r = sp(["run", "--config", pumpYaml, "--input", join(tmp, "missing.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read input .*missing\.jsonl/);
  });
});

describe("stream-processor check", () => {
  it("lists every mapping with kind and dependencies", () => {
    const r = sp(["check", "--config", pumpYaml]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      "pressure      dynamic   press",
      "temperature   dynamic   tF",
      "combined      dynamic   press, tF",
      "motor.rpm     dynamic   press",
      "status        dynamic   r",
      "serialNumber  constant",
      "",
    ].join("\n"));
    expect(r.stderr).toMatch(/ok, 6 mappings/);
  });

  it("prints config errors and exits 2", () => {
    const bad = file("bad2.yaml", "model: {name: p, version: v1}\nsources: {press: t}\n");
    const r = sp(["check", "--config", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("output_topic is required");
  });

  it("reports duplicate YAML keys with line and column", () => {
    const bad = file("dup.yaml", "output_topic: a\noutput_topic: b\n");
    const r = sp(["check", "--config", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Map keys must be unique at line 2, column 1/);
  });
});

describe("stream-processor usage", () => {
  it.each([
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["chek", "-c", "x"], "unknown command 'chek'; did you mean 'check'?"],
    [["run"], "run: --config <file> is required"],
    [["run", "--config"], "option '--config' needs a value"],
    [["check", "--config", "x", "--input", "y"], "check does not take --input (it takes --config, --benthos)"],
    [["run", "--conf", "x"], "unknown option '--conf'; did you mean '--config'?"],
    [["run", "--bogus"], "unknown option '--bogus'"],
    [["serve", "--prot", "5"], "unknown option '--prot'; did you mean '--port'?"],
    [["serve", "--port", "http"], "--port must be an integer from 0 to 65535, got 'http'"],
    [["serve", "--seed", "1"], "serve does not take --seed (it takes --port, --config, --input)"],
    [["run", "-x"], "unknown option '-x'"],
    [["run", "-c", "a", "-c", "b"], "option '--config' given twice"],
    [["run", "--help=yes"], "option '--help' takes no value"],
    [["run", "-c", "x", "--seed", "1.5"], "--seed must be an integer, got '1.5'"],
  ])("%j: one line on stderr, exit 2", (args, message) => {
    const r = sp(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`stream-processor: ${message} (see 'stream-processor --help')\n`);
  });

  it("no arguments at all: the usage on stderr, exit 2", () => {
    const r = sp([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^usage: stream-processor <command>/);
  });

  it("--version prints the package version", () => {
    const r = sp(["--version"]);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(r.stdout).toBe(`stream-processor ${pkg.version}\n`);
  });

  it("--help prints the usage on stdout and exits 0", () => {
    const r = sp(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: stream-processor <command>/);
  });

  it("a missing config file exits 2", () => {
    const r = sp(["check", "--config", join(tmp, "nope.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read config/);
  });
});

describe("stream-processor run from a live pipe", () => {
  it("answers each line as it arrives, without waiting for the end of the input", async () => {
    const child = spawn(process.execPath, [cli, "run", "--config", pumpYaml], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    const outputLines = async (n: number): Promise<string[]> => {
      for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
        const lines = stdout.split("\n").filter((l) => l.length > 0);
        if (lines.length >= n) return lines;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`${n} output lines did not come within 10 s while the input stayed open; got: ${JSON.stringify(stdout)}`);
    };
    try {
      child.stdin.write(JSON.stringify({ topic: `${BASE}._raw.press`, payload: { value: 8, timestamp_ms: 1 } }) + "\n");
      expect((await outputLines(3)).map((l) => JSON.parse(l).topic)).toEqual([`${OUT}pressure`, `${OUT}motor.rpm`, `${OUT}serialNumber`]);
      child.stdin.write(JSON.stringify({ topic: `${BASE}._raw.run`, payload: { value: true, timestamp_ms: 2 } }) + "\n");
      expect(JSON.parse((await outputLines(5))[3]).payload).toEqual({ value: "active", timestamp_ms: 2 });
    } finally {
      child.stdin.end();
    }
    const code = await new Promise((r) => child.on("close", r));
    expect(code).toBe(0);
  });
});

describe("stream-processor run passes payloads on as written", () => {
  it("a value of 1e400 is Infinity to the expressions, not a missing value", () => {
    const line = `{"topic":"${BASE}._raw.press","payload":{"value":1e400,"timestamp_ms":5}}`;
    const r = sp(["run", "--config", pumpYaml], line + "\n");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("line 1, mapping 'pressure': result is Infinity");
    expect(r.stderr).not.toContain("value");
  });
});

describe("stream-processor without its module", () => {
  it("says so in one line and exits 1", () => {
    // The built CLI and package.json without build/: a package installed without its module.
    const pkg = join(tmp, "no-module");
    cpSync(join(root, "dist"), join(pkg, "dist"), { recursive: true });
    cpSync(join(root, "package.json"), join(pkg, "package.json"));
    symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"), "dir");
    const r = spawnSync(process.execPath, [join(pkg, "dist", "host", "cli.js"), "check", "--config", pumpYaml], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^stream-processor: stream processor module not found \(looked for .*build\/stream_processor\.wasm\); in a checkout, run `npm run build`\n$/);
  });
});

describe("stream-processor serve", () => {
  it("prints the playground's URL and serves the page there", async () => {
    const child = spawn(process.execPath, [cli, "serve", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          const m = /^stream-processor playground: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code} before printing its URL: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
    } finally {
      child.kill();
    }
  });
});

describe("stream-processor run --explain and --trace", () => {
  const lines = [
    JSON.stringify({ topic: `${BASE}._raw.press`, payload: { value: 8, timestamp_ms: 1 } }),
    JSON.stringify({ topic: `${BASE}._raw.Press`, payload: { value: 9, timestamp_ms: 2 } }),
    JSON.stringify({ payload: { value: 9, timestamp_ms: 3 } }),
  ].join("\n") + "\n";

  it("--explain prints the report after the summary: mappings, sources, drops and near misses", () => {
    const r = sp(["run", "--config", pumpYaml, "--explain"], lines);
    expect(r.code).toBe(0);
    const err = r.stderr.split("\n");
    expect(err[0]).toMatch(/^3 inputs, 3 outputs, 2 dropped, 0 errors in /);
    expect(err.slice(1, 9)).toEqual([
      "",
      "mapping       kind      outputs  skipped  errors  waiting for",
      "pressure      dynamic   1        0        0",
      "temperature   dynamic   0        0        0       tF",
      "combined      dynamic   0        1        0       tF",
      "motor.rpm     dynamic   1        0        0",
      "status        dynamic   0        0        0       r",
      "serialNumber  constant  1        0        0",
    ]);
    expect(r.stderr).toContain(`press   ${BASE}._raw.press  1        0        1\n`);
    expect(r.stderr).toContain("dropped: 1 without a topic, 1 on topics that are no source\n");
    expect(r.stderr).toContain(`  ${BASE}._raw.Press: 1 message; did you mean ${BASE}._raw.press?\n`);
  });

  it("--explain=json prints the report as one JSON object", () => {
    const r = sp(["run", "--config", pumpYaml, "--explain=json"], lines);
    const report = JSON.parse(r.stderr.trimEnd().split("\n").at(-1)!);
    expect(report.dropped).toEqual({ noTopic: 1, unknownTopic: 1, nearMisses: [{ topic: `${BASE}._raw.Press`, didYouMean: `${BASE}._raw.press`, count: 1 }], nearMissesNotListed: 0 });
    expect(report.mappings.find((m: { path: string }) => m.path === "combined")).toMatchObject({ waitingFor: ["tF"], skipped: 1 });
  });

  it("--trace writes one JSON line per input to stderr, by input line", () => {
    const r = sp(["run", "--config", pumpYaml, "--trace"], lines);
    const trace = r.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(trace).toEqual([
      { line: 1, topic: `${BASE}._raw.press`, outcome: "processed", alias: "press",
        mappings: [{ path: "pressure", result: "fired" }, { path: "combined", result: "skipped", waitingFor: "tF" },
          { path: "motor.rpm", result: "fired" }, { path: "serialNumber", result: "fired" }],
        notDependent: ["temperature", "status"] },
      { line: 2, topic: `${BASE}._raw.Press`, outcome: "dropped", reason: "unknown topic", didYouMean: `${BASE}._raw.press`, mappings: [] },
      { line: 3, outcome: "dropped", reason: "no topic", mappings: [] },
    ]);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(3);
  });

  it("--explain=yaml is a usage error", () => {
    const r = sp(["run", "--config", pumpYaml, "--explain=yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("stream-processor: --explain takes no value or =json, got 'yaml' (see 'stream-processor --help')\n");
  });
});
