// The WASI command (build/stream-processor.wasi.wasm) against the live Node CLI
// (dist/host/cli.js): the same stdout bytes, the same stderr (the summary's timing
// aside) and the same exit code, under the real wasmtime CLI (installed by
// scripts/wasmtime.sh) and under Node's own node:wasi (tests/wasi/node-wasi.mjs).

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, openSync, closeSync, rmSync, statSync, readdirSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI } from "node:wasi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generateStream, generateFuzzedLines } from "./stream.mjs";
import { parseInputLine } from "../../host/jsonl.js";

const root = join(__dirname, "..", "..");
const wasm = join(root, "build", "stream-processor.wasi.wasm");
const cli = join(root, "dist", "host", "cli.js");
const nodeWasi = join(__dirname, "node-wasi.mjs");
const tmp = mkdtempSync(join(tmpdir(), "sp-wasi-"));
let wasmtime = "";

interface Result { code: number | null; stdout: Buffer; stderr: string }
type Engine = "node-cli" | "node-wasi" | "wasmtime";

function runWith(engine: Engine, args: string[], input?: Buffer | string): Result {
  const [cmd, argv] = engine === "node-cli" ? [process.execPath, [cli, ...args]]
    : engine === "node-wasi" ? [process.execPath, ["--no-warnings", nodeWasi, ...args]]
    : [wasmtime, ["run", "--dir", ".", wasm, ...args]];
  const r = spawnSync(cmd, argv, { cwd: tmp, input: input ?? "", maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

/** The summary line's timing varies from run to run. */
const untimed = (stderr: string): string => stderr.replace(/ in \d+\.\d{3} s \(\d+ msgs\/s\)\n/g, " in T s (R msgs/s)\n");

function expectSame(args: string[], input?: Buffer | string, engines: Engine[] = ["wasmtime", "node-wasi"]): Result {
  const want = runWith("node-cli", args, input);
  for (const engine of engines) {
    const got = runWith(engine, args, input);
    expect({ engine, code: got.code, stderr: untimed(got.stderr) }).toEqual({ engine, code: want.code, stderr: untimed(want.stderr) });
    // Buffers: byte for byte (toEqual on large buffers is slow to report; compare first).
    if (!got.stdout.equals(want.stdout)) expect(got.stdout.toString("utf8")).toBe(want.stdout.toString("utf8"));
  }
  return want;
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(tmp, name), content);
  return name;
}

beforeAll(() => {
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run \`npm run build:wasm\``);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build:host\``);
  // The real wasmtime binary; a failure to install it fails these tests.
  wasmtime = execFileSync(join(root, "scripts", "wasmtime.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  file("pump.yaml", readFileSync(join(root, "examples", "pump.yaml")));
  file("pump.jsonl", readFileSync(join(root, "examples", "pump.jsonl")));
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the artefact", () => {
  it("is a WASI preview1 command: only wasi_snapshot_preview1 imports, _start and memory exported", () => {
    const m = new WebAssembly.Module(readFileSync(wasm));
    const modules = new Set(WebAssembly.Module.imports(m).map((i) => i.module));
    expect([...modules]).toEqual(["wasi_snapshot_preview1"]);
    const exports = WebAssembly.Module.exports(m).map((e) => e.name);
    expect(exports).toContain("_start");
    expect(exports).toContain("memory");
  });

  it("the real wasmtime CLI is the pinned one", () => {
    expect(execFileSync(wasmtime, ["--version"], { encoding: "utf8" })).toMatch(/^wasmtime 49\.0\.3 /);
  });

  it("--version prints package.json's version", () => {
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
    const r = runWith("wasmtime", ["--version"]);
    expect([r.code, r.stdout.toString()]).toEqual([0, `stream-processor ${version}\n`]);
  });
});

describe("same output as the Node CLI", () => {
  it("run on the example", () => {
    const r = expectSame(["run", "--config", "pump.yaml", "--input", "pump.jsonl"]);
    expect(r.stdout.length).toBeGreaterThan(1000);
  });

  it("check on the example", () => {
    expectSame(["check", "--config", "pump.yaml"]);
  });

  it("run with the input on stdin (a pipe)", () => {
    expectSame(["run", "--config", "pump.yaml"], readFileSync(join(root, "examples", "pump.jsonl")));
  });

  it("the conformance vectors, each config as YAML and as JSON", () => {
    const vectors = JSON.parse(readFileSync(join(root, "tests", "conformance", "vectors.json"), "utf8"));
    for (const [i, c] of (vectors.cases as { config: object; steps: { input: object[] }[] }[]).entries()) {
      const lines = c.steps.flatMap((s) => s.input.map((m) => {
        const { payload, ...rest } = m as { payload: string };
        // The vector's payload is JSON text: put it in the line as written.
        return JSON.stringify(rest).replace(/}$/, `${Object.keys(rest).length > 0 ? "," : ""}"payload":${payload}}`);
      }));
      file(`v${i}.jsonl`, lines.join("\n") + "\n");
      file(`v${i}.yaml`, stringify(c.config));
      file(`v${i}.json`, JSON.stringify(c.config, null, 2));
      for (const config of [`v${i}.yaml`, `v${i}.json`]) {
        expectSame(["run", "--config", config, "--input", `v${i}.jsonl`, "--seed", "7"]);
        expectSame(["check", "--config", config]);
      }
    }
  });

  it("a generated stream of 120,000 lines: bad lines, unknown topics, metadata, non-ASCII", () => {
    const lines = generateStream(120_000, 20261206);
    file("stream.jsonl", lines.join("\n") + "\n");
    const r = expectSame(["run", "--config", "pump.yaml", "--input", "stream.jsonl", "--seed", "3"]);
    // The stream exercises what it claims to.
    expect(r.stderr).toMatch(/not valid JSON \(Unexpected token/);
    expect(r.stderr).toMatch(/not valid JSON \(Expected ',' or '}' after property value/);
    expect(r.stderr).toMatch(/"metadata" must be an object of strings/);
    expect(r.stderr).toMatch(/mapping '[a-z.]+': /);
    const summary = /(\d+) inputs \(\+(\d+) unreadable lines\), (\d+) outputs, (\d+) dropped/.exec(r.stderr)!;
    expect(Number(summary[1])).toBeGreaterThan(100_000);
    expect(Number(summary[2])).toBeGreaterThan(3000);
    expect(Number(summary[4])).toBeGreaterThan(10_000);
    expect(r.stdout.toString()).toMatch(/"metadata":\{"2":"[^"]*","site"/);
    expect(r.stdout.toString()).toMatch(/é|温度|😀/);
  }, 300_000);

  it("30,000 randomly edited lines: JSON.parse's messages word for word", () => {
    file("fuzz.jsonl", generateFuzzedLines(30_000, 4242).join("\n") + "\n");
    const r = expectSame(["run", "--config", "pump.yaml", "--input", "fuzz.jsonl", "--seed", "1"], undefined, ["wasmtime"]);
    for (const m of ["Bad escaped character", "Bad Unicode escape", "Bad control character", "Unterminated string",
      "Expected property name", "Expected ':' after property name", "Expected double-quoted property name",
      "Unexpected non-whitespace character", "Unexpected end of JSON input", "Unexpected number", "Unexpected string",
      "No number after minus sign", "Exponent part is missing", "Unterminated fractional number", "is not valid JSON"]) {
      expect(r.stderr).toContain(m);
    }
  }, 120_000);

  it("the same stream on stdin", () => {
    const input = generateStream(20_000, 77).join("\r\n");
    expectSame(["run", "--config", "pump.yaml", "--seed", "3"], input, ["wasmtime"]);
  }, 120_000);

  it("config errors: unreadable file, invalid expression, missing field", () => {
    expectSame(["check", "--config", "nope.yaml"]);
    file("bad.yaml", "model: {name: p, version: v1}\noutput_topic: o\nsources: {press: t}\nmapping:\n  rpm: prss / 4\n  x: press +\n");
    expectSame(["run", "--config", "bad.yaml", "--input", "pump.jsonl"]);
    file("bad2.yaml", "model: {name: p, version: v1}\nsources: {press: t}\n");
    expectSame(["check", "--config", "bad2.yaml"]);
    file("dup.json", '{"output_topic": "a",\n "output_topic": "b"}');
    expectSame(["check", "--config", "dup.json"]);
  });

  it("YAML syntax errors: exit 2 with the config named, line and column given", () => {
    file("dup.yaml", "output_topic: a\noutput_topic: b\n");
    const want = runWith("node-cli", ["check", "--config", "dup.yaml"]);
    const got = runWith("wasmtime", ["check", "--config", "dup.yaml"]);
    expect(got.code).toBe(want.code);
    expect(got.stderr).toBe("dup.yaml: invalid config\ninvalid YAML: duplicate key 'output_topic' at line 2, column 1\n");
  });

  it("usage errors, --help", () => {
    expectSame(["run", "--conf", "pump.yaml"]);
    expectSame(["run"]);
    expectSame(["chek", "--config", "pump.yaml"]);
    expectSame(["run", "--config", "pump.yaml", "--seed", "1.5"]);
    expectSame(["run", "--config", "pump.yaml", "extra"]);
    expectSame(["run", "--config"]);
    const bare = runWith("wasmtime", []);
    expect([bare.code, bare.stderr]).toEqual([2, expect.stringMatching(/^usage: stream-processor <command>/)]);
    const help = runWith("wasmtime", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/^usage: stream-processor <command>/);
  });
});

describe("--state: restored at start, saved atomically at exit", () => {
  const example = readFileSync(join(root, "examples", "pump.jsonl"), "utf8").split("\n");
  const at = (name: string): string => join(tmp, name);

  it("writes the same snapshot as the Node CLI, and each continues from the other's", () => {
    mkdirSync(at("state"), { recursive: true });
    file("part1.jsonl", example.slice(0, 30).join("\n") + "\n");
    file("part2.jsonl", example.slice(30).join("\n"));
    const a = runWith("node-cli", ["run", "--config", "pump.yaml", "--input", "part1.jsonl", "--seed", "1", "--state", "state/node.bin"]);
    const b = runWith("wasmtime", ["run", "--config", "pump.yaml", "--input", "part1.jsonl", "--seed", "1", "--state", "state/wasi.bin"]);
    expect([b.code, b.stdout.toString()]).toEqual([a.code, a.stdout.toString()]);
    expect(readFileSync(at("state/wasi.bin")).equals(readFileSync(at("state/node.bin")))).toBe(true);
    // Part 2 from the other host's snapshot.
    copyFileSync(at("state/node.bin"), at("state/for-wasi.bin"));
    copyFileSync(at("state/wasi.bin"), at("state/for-node.bin"));
    const c = runWith("node-cli", ["run", "--config", "pump.yaml", "--input", "part2.jsonl", "--seed", "2", "--state", "state/for-node.bin"]);
    const d = runWith("wasmtime", ["run", "--config", "pump.yaml", "--input", "part2.jsonl", "--seed", "2", "--state", "state/for-wasi.bin"]);
    expect([d.code, untimed(d.stderr)]).toEqual([c.code, untimed(c.stderr)]);
    expect(d.stdout.equals(c.stdout)).toBe(true);
    expect(readFileSync(at("state/for-wasi.bin")).equals(readFileSync(at("state/for-node.bin")))).toBe(true);
    // Part 2 alone differs: the state carried something.
    const fresh = runWith("wasmtime", ["run", "--config", "pump.yaml", "--input", "part2.jsonl", "--seed", "2"]);
    expect(fresh.stdout.equals(d.stdout)).toBe(false);
  });

  it("replaces the file by a rename (a new inode) and leaves no temporary file", () => {
    file("state/s.bin", readFileSync(at("state/node.bin")));
    const before = statSync(at("state/s.bin")).ino;
    const r = runWith("wasmtime", ["run", "--config", "pump.yaml", "--input", "part2.jsonl", "--state", "state/s.bin"]);
    expect(r.code).toBe(0);
    expect(statSync(at("state/s.bin")).ino).not.toBe(before);
    expect(readdirSync(at("state")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("unusable state files: the Node CLI's errors", () => {
    file("state/garbage.bin", "garbage\n");
    const runs: [string, string][] = [["garbage.bin", "state/garbage.bin"], ["missing dir", "nodir/x.bin"]];
    for (const [, path] of runs) {
      const want = runWith("node-cli", ["run", "--config", "pump.yaml", "--input", "part2.jsonl", "--state", path]);
      const got = runWith("wasmtime", ["run", "--config", "pump.yaml", "--input", "part2.jsonl", "--state", path]);
      expect([got.code, got.stderr]).toEqual([want.code, want.stderr]);
      expect(want.code).toBe(2);
    }
  });

  it("from stdin too (the README's third form)", () => {
    copyFileSync(at("state/node.bin"), at("state/n3.bin"));
    copyFileSync(at("state/node.bin"), at("state/w3.bin"));
    const input = example.slice(30).join("\n");
    const c = runWith("node-cli", ["run", "--config", "pump.yaml", "--seed", "4", "--state", "state/n3.bin"], input);
    const d = runWith("wasmtime", ["run", "--config", "pump.yaml", "--seed", "4", "--state", "state/w3.bin"], input);
    expect(d.stdout.equals(c.stdout)).toBe(true);
    expect(readFileSync(at("state/w3.bin")).equals(readFileSync(at("state/n3.bin")))).toBe(true);
  });
});

describe("no allocation per line", () => {
  /** The command's heap top after a run over `input`, in this process (node:wasi). */
  function heapTopAfter(input: string): number {
    file("heap.jsonl", input);
    const devnull = openSync("/dev/null", "w");
    try {
      const wasi = new WASI({
        version: "preview1", args: ["stream-processor", "run", "--config", "pump.yaml", "--input", "heap.jsonl", "--seed", "1"],
        env: {}, preopens: { ".": tmp }, returnOnExit: true, stdout: devnull, stderr: devnull,
      });
      const imports = wasi.getImportObject() as { wasi_snapshot_preview1: Record<string, (...a: unknown[]) => unknown> };
      const calls: Record<string, (...a: unknown[]) => unknown> = {};
      for (const [name, f] of Object.entries(imports.wasi_snapshot_preview1)) calls[name] = (...a) => f(...a);
      const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), { wasi_snapshot_preview1: calls });
      expect(wasi.start(instance)).toBe(0);
      return (instance.exports.heap_top as () => number)();
    } finally {
      closeSync(devnull);
    }
  }

  it("the heap top after 1, 4 and 16 copies of the same lines is the same", () => {
    // Valid lines, string and number metadata, module errors, unreadable lines: all
    // of it reuses the buffers of the first copy (metadata values that are arrays or
    // objects are the documented exception, so the block has none).
    // Exactly 1,000 messages (one batch) per block, so that every batch is alike.
    const lines: string[] = [];
    let messages = 0;
    for (const line of generateStream(5000, 5)) {
      if (/"metadata": \{[^}]*[[{]/.test(line)) continue;
      const parsed = parseInputLine(line.replace(/\r$/, ""));
      if (parsed.ok && messages === 1000) break;
      if (parsed.ok) messages++;
      lines.push(line);
    }
    const block = lines.join("\n") + "\n";
    const tops = [1, 4, 16].map((n) => heapTopAfter(block.repeat(n)));
    expect(tops).toEqual([tops[0], tops[0], tops[0]]);
  }, 120_000);
});
