// `stream-processor check --benthos FILE`: every stream_processor in a Benthos
// config, wherever it is nested, checked without starting Benthos.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "dist", "host", "cli.js");
const tmp = mkdtempSync(join(tmpdir(), "sp-benthos-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function check(yaml: string, env: Record<string, string> = {}) {
  const file = join(tmp, `p${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  const r = spawnSync(process.execPath, [cli, "check", "--benthos", file], { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
  return { code: r.status, stdout: r.stdout.split(file).join("FILE"), stderr: r.stderr.split(file).join("FILE") };
}

const sp = (mapping: string, indent: string) => [
  `stream_processor:`,
  `  model: { name: pump, version: v1 }`,
  `  output_topic: umh.v1.a`,
  `  sources: { press: umh.v1.a._raw.press, tF: umh.v1.a._raw.tempF }`,
  `  mapping:`,
  ...mapping.split("\n").map((l) => `    ${l}`),
].map((l, i) => (i === 0 ? indent : indent.replace("- ", "  ")) + l).join("\n");

describe("stream-processor check --benthos", () => {
  it("finds every stream_processor, nested anywhere, and reports broken ones with the YAML line of the mapping", () => {
    const yaml = [
      "input:",
      "  stdin: {}",
      "pipeline:",
      "  processors:",
      "    - mapping: 'root = this'",
      sp("rpm: press / 4", "    - "),
      "    - branch:",
      "        processors:",
      sp("x: pres / 4\nok: tF * 2", "          - "),
      "    - switch:",
      "        - check: 'this.a == 1'",
      "          processors:",
      sp("t: '`${press}` + 1'", "            - "),
      "    - try:",
      sp("y: press +", "        - "),
      "    - catch:",
      sp("z: press", "        - "),
      "    - workflow:",
      "        branches:",
      "          a:",
      "            processors:",
      sp("w: tF", "              - "),
      "processor_resources:",
      "  - label: sp",
      sp("v: press", "    "),
      "      limits: { expression_bytes: 64 }",
      "output:",
      "  stdout: {}",
      "",
    ].join("\n");
    const r = check(yaml);
    expect(r.stderr).toBe("FILE: 7 stream_processors, 3 invalid\n");
    expect(r.code).toBe(2);
    const out = r.stdout.split("\n");
    expect(out.filter((l) => / ok, | invalid$/.test(l))).toEqual([
      "FILE:6: pipeline.processors[1].stream_processor: ok, 1 mapping",
      "FILE:14: pipeline.processors[2].branch.processors[0].stream_processor: invalid",
      "FILE:24: pipeline.processors[3].switch[0].processors[0].stream_processor: invalid",
      "FILE:31: pipeline.processors[4].try[0].stream_processor: invalid",
      "FILE:38: pipeline.processors[5].catch[0].stream_processor: ok, 1 mapping",
      "FILE:48: pipeline.processors[6].workflow.branches.a.processors[0].stream_processor: ok, 1 mapping",
      "FILE:56: processor_resources[0].stream_processor: ok, 1 mapping",
    ]);
    expect(r.stdout).toContain("FILE:19, column 20: mapping 'x': unknown identifier 'pres' (E41)\n  pres / 4\n  ^^^^\n  hint: did you mean 'press'?\n");
    expect(r.stdout).toContain("FILE:29: Benthos reads ${press} as the environment variable 'press', which is not set; " +
      "for the alias in a template literal write ${ press } or ${{press}}");
    expect(r.stdout).toContain("FILE:36, column 18: mapping 'y': unexpected end of expression; expected an expression (E40)");
  });

  it("applies limits and environment variables as Benthos does, and passes a clean pipeline", () => {
    const yaml = [
      "pipeline:",
      "  processors:",
      sp("a: '`${{press}} at ${UNIT:bar}`'\nb: '\"${SITE}\"'", "    - "),
      "        limits: { expression_bytes: 64 }",
      "",
    ].join("\n");
    const ok = check(yaml, { SITE: "plant-A" });
    expect(ok.stdout).toBe("FILE:3: pipeline.processors[0].stream_processor: ok, 2 mappings\n");
    expect(ok.code).toBe(0);
    const tight = check(yaml.replace("expression_bytes: 64", "expression_bytes: 5"), { SITE: "plant-A" });
    expect(tight.code).toBe(2);
    expect(tight.stdout).toContain("mapping 'a': expression longer than 5 bytes");
  });

  it("a file without a stream_processor, or with invalid YAML, exits 2", () => {
    expect(check("pipeline:\n  processors: []\n")).toMatchObject({ code: 2, stderr: "stream-processor: FILE: no stream_processor in this Benthos config\n" });
    const bad = check("pipeline: [\n");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^stream-processor: FILE: invalid YAML: /);
  });
});
