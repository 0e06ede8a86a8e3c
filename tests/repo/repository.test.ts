// The repository stands alone and stays clean: its docs and code refer to nothing
// outside it, the documented commands leave nothing untracked behind, and the
// README's figures are the generated ones.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { END, figures, START, withFigures } from "../../scripts/readme-figures.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
const tracked = git("ls-files", "-z").split("\0").filter((f) => f.length > 0);

describe("the repository refers to nothing outside itself", () => {
  it("no tracked text file reads ../shared or points at a SPEC document that is not here", () => {
    const offenders: string[] = [];
    for (const f of tracked) {
      if (/\.(png|wasm|ico|gz)$/.test(f) || f === "tests/repo/repository.test.ts") continue;
      let text: string;
      try { text = readFileSync(join(root, f), "utf8"); } catch { continue; } // deleted in the work tree
      text.split("\n").forEach((line, i) => {
        if (/\.\.\/shared\b|"shared", "conformance"|SPEC section|SPEC §|\bthe SPEC\b/.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe(".gitignore", () => {
  it.each([
    "node_modules/x", "build/stream_processor.wasm", "dist/host/index.js",
    ".venv/bin/python", "engines/.venv/bin/python", "bench/.venv/bin/python",
    "dead_letters.jsonl", "engines/benthos/benthos-sp",
  ])("ignores %s, which the documented commands leave behind", (path) => {
    expect(git("check-ignore", "--no-index", "-v", path)).toContain(path);
  });
});

describe("README figures", () => {
  const results = JSON.parse(readFileSync(join(root, "bench", "results", "latest.json"), "utf8"));

  it("are exactly what scripts/readme-figures.mjs makes of bench/results/latest.json", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain(START);
    expect(withFigures(readme, figures(results))).toBe(readme);
  });

  it("follow the results (a changed result changes the text)", () => {
    const changed = structuredClone(results);
    changed.size.buildStreamProcessorWasm += 1000;
    changed.headline.W1.hostNsPerMsg += 100;
    const a = figures(results), b = figures(changed);
    expect(b).not.toBe(a);
    expect(b).toContain(`is ${(results.size.buildStreamProcessorWasm + 1000).toLocaleString("en-US")} bytes`);
    expect(withFigures(`x\n${START}\nold\n${END}\ny`, a)).toBe(`x\n${START}\n${a}\n${END}\ny`);
  });
});

describe("docs/troubleshooting.md", () => {
  it("shows exactly what the CLI prints for its examples", async () => {
    const { regenerate } = await import("../../scripts/gen-troubleshooting.mjs");
    const doc = readFileSync(join(root, "docs", "troubleshooting.md"), "utf8");
    expect(doc.match(/<!-- run: /g)).toHaveLength(3);
    expect(regenerate(doc)).toBe(doc);
  });
});
