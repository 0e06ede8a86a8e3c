// The package as a user gets it: `npm pack` of this repository (after the build
// that `prepack` runs), installed into an empty project, used through its CLI,
// its ESM API and its TypeScript types.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const work = mkdtempSync(join(tmpdir(), "sp-pack-"));
const project = join(work, "project");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

let files: string[] = [];
let tarball = "";

beforeAll(() => {
  // --ignore-scripts: the suite's own build is what gets packed; `prepack` (the
  // same build) is checked below instead of rebuilding build/ under running tests.
  const packed = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], root)) as
    { filename: string; files: { path: string }[] }[];
  files = packed[0].files.map((f) => f.path);
  tarball = join(work, packed[0].filename);
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
  npm(["install", tarball], project);
}, 180_000);

describe("npm pack", () => {
  it("ships the module, the host, the docs and the licences, and no tests, benchmarks or sources", () => {
    for (const f of ["build/stream_processor.wasm", "dist/host/index.js", "dist/host/index.d.ts", "dist/host/cli.js",
      "README.md", "LICENSE", "docs/behaviour.md", "assembly/num/LICENSE-xjb-as", "examples/pump.yaml", "package.json"]) {
      expect(files, f).toContain(f);
    }
    const stray = files.filter((f) => /^(tests|bench|engines|scripts|host|web)\//.test(f) ||
      (f.startsWith("assembly/") && f.endsWith(".ts")) || f.startsWith("dist/host/") && f.endsWith(".map"));
    expect(stray).toEqual([]);
  });

  it("builds before packing (prepack)", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepack).toBe("npm run build");
  });
});

describe("the installed package, in an empty project", () => {
  const example = (name: string) => join(project, "node_modules", "stream-processor-wasm", "examples", name);

  it("runs `stream-processor run` on the pump example with the same output as this checkout", () => {
    const bin = join(project, "node_modules", ".bin", "stream-processor");
    const installed = spawnSync(bin, ["run", "--config", example("pump.yaml"), "--input", example("pump.jsonl")], { cwd: project, encoding: "utf8" });
    expect(installed.status, installed.stderr).toBe(0);
    const here = spawnSync(process.execPath, [join(root, "dist", "host", "cli.js"), "run", "--config", join(root, "examples", "pump.yaml"),
      "--input", join(root, "examples", "pump.jsonl")], { encoding: "utf8" });
    expect(installed.stdout.split("\n").length).toBeGreaterThan(100);
    expect(installed.stdout).toBe(here.stdout);
  });

  it("is imported by name from plain Node ESM", () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", `
      import { readFileSync } from "node:fs";
      import { StreamProcessor } from "stream-processor-wasm";
      const p = await StreamProcessor.create(readFileSync(${JSON.stringify(example("pump.yaml"))}, "utf8"), { seed: 1 });
      const r = p.process([{ topic: "umh.v1.corpA.plant-A.aawd._raw.press", payload: '{"value":100,"timestamp_ms":5}' }]);
      console.log(r.outputs.map((o) => new TextDecoder().decode(o.payload)).join(" "));
    `], { cwd: project, encoding: "utf8" });
    expect(out.trim()).toBe('{"value":104.00001,"timestamp_ms":5} {"value":25,"timestamp_ms":5} {"value":"SN-P42-008","timestamp_ms":5}');
  });

  it("types a Config object for StreamProcessor.create (tsc against the installed .d.ts)", () => {
    writeFileSync(join(project, "consumer.ts"), `
import { StreamProcessor, type Config } from "stream-processor-wasm";
const config: Config = {
  model: { name: "pump", version: "v1" },
  output_topic: "umh.v1.corpA.plant-A.aawd",
  sources: { press: "umh.v1.corpA.plant-A.aawd._raw.press" },
  mapping: { motor: { rpm: "press / 4" }, ratio: 1.5 },
};
export const p: Promise<StreamProcessor> = StreamProcessor.create(config, { seed: 1 });
// @ts-expect-error: output_topic is required
export const missing: Config = { model: { name: "p", version: "v1" }, sources: {} };
// @ts-expect-error: a mapping leaf is an expression, not an array
export const array: Config = { ...config, mapping: { x: ["a"] } };
`);
    const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--strict",
      "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node",
      "--typeRoots", join(root, "node_modules", "@types"), "consumer.ts"], { cwd: project, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
