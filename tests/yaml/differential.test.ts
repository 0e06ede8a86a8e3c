// The module's own YAML/JSON config reader (assembly/yaml, used by the WASI
// command) against the Node host's (host/config.ts on the `yaml` package): the
// same config JSON for every config the examples and tests use, agreement on
// accept/reject and on the JSON over generated documents, and a clear error with
// line and column for each YAML feature it does not support.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { configJson } from "../../host/config.js";
import { SCALAR_LEAVES_YAML } from "../host/pump.js";
import { buildYamlReader } from "./build.mjs";
import { loadYamlReader } from "./reader.mjs";
import { generateConfig, generateFragments, rng } from "./gen.mjs";

const root = join(__dirname, "..", "..");
type Reading = { ok: true; json: string } | { ok: false; error: string };
let reader: (text: string) => Reading;

function host(text: string): Reading {
  try {
    return { ok: true, json: configJson(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

beforeAll(async () => {
  reader = loadYamlReader(await buildYamlReader());
}, 120_000);

describe("configs of the examples and tests", () => {
  const texts: [string, string][] = [];
  for (const f of ["examples/pump.yaml", "examples/benthos/pipeline.yaml"]) texts.push([f, readFileSync(join(root, f), "utf8")]);
  const vectors = JSON.parse(readFileSync(join(root, "tests", "conformance", "vectors.json"), "utf8"));
  for (const c of vectors.cases) {
    texts.push([`${c.name} (JSON)`, JSON.stringify(c.config, null, 1)]);
    texts.push([`${c.name} (YAML)`, stringify(c.config)]);
  }
  texts.push(["host config test", SCALAR_LEAVES_YAML]);
  texts.push(["merge keys", "model: &b {name: pump, version: v1}\noutput_topic: o\nsources: {s: t}\nmapping:\n  <<: {a: s + 1}\n  b: s * 2\n"]);
  texts.push(["JSON with numbers to normalise", '{"output_topic":"t","mapping":{"x":1.50,"2":"b","1":"a","y":1e400}}']);

  it.each(texts)("%s", (_name, text) => {
    const want = host(text);
    expect(want.ok).toBe(true);
    expect(reader(text)).toEqual(want);
  });

  it("rejects what the host rejects: duplicate JSON keys with the host's message, alias bombs, self-references, deep nesting", () => {
    const dup = '{"model": {"name": "a", "version": "v1"},\n "model": {"name": "b", "version": "v1"}}';
    expect(reader(dup)).toEqual({ ok: false, error: 'invalid JSON: duplicate key "model" at line 2, column 2' });
    expect(reader('{"sources": {"a": "t", "\\u0061": "u"}}')).toEqual(host('{"sources": {"a": "t", "\\u0061": "u"}}'));
    const bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
    for (const text of [bomb, "model: &m {name: *m}\n", "[".repeat(20_000) + "]".repeat(20_000), "mapping: " + "[".repeat(5_000)]) {
      expect(host(text).ok).toBe(false);
      expect(reader(text)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid YAML: .* at line \d+, column \d+$/) });
    }
  });
});

describe("differential: generated documents", () => {
  it("agrees with the yaml package on accept/reject and on the JSON over 10,000 documents", () => {
    const counts = { accepted: 0, rejected: 0 };
    const disagreements: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const r = rng(0x5eed + i * 7919);
      const doc = i % 2 === 0 ? generateConfig(r) : generateFragments(r);
      const want = host(doc);
      const got = reader(doc);
      counts[want.ok ? "accepted" : "rejected"]++;
      const same = want.ok ? got.ok && got.json === want.json : !got.ok;
      if (!same && disagreements.length < 5) {
        disagreements.push(`${JSON.stringify(doc)}\n  host:   ${want.ok ? want.json : want.error.split("\n")[0]}\n  module: ${got.ok ? got.json : got.error}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Both outcomes are well represented, so agreement means something.
    expect(counts.accepted).toBeGreaterThan(3000);
    expect(counts.rejected).toBeGreaterThan(2000);
  });

  it("every rejection names a line and column", () => {
    for (let i = 0; i < 2000; i++) {
      const doc = generateConfig(rng(0xbad + i));
      const got = reader(doc);
      if (!got.ok) expect(got.error).toMatch(/( at line \d+, column \d+$)|^config must be an object$|^invalid JSON: duplicate key/);
    }
  });
});

describe("unsupported YAML is an error with line and column, never another reading", () => {
  const cases: [string, string, number, number][] = [
    ["a: 1\nb: !!str 5\n", "tags are not supported", 2, 4],
    ["a: !custom x\n", "tags are not supported", 1, 4],
    ["%YAML 1.2\n---\na: 1\n", "directives ('%') are not supported", 1, 1],
    ["a: 1\n---\nb: 2\n", "several documents in one file are not supported", 2, 1],
    ["a: 1\n...\nb: 2\n", "several documents in one file are not supported", 3, 1],
    ["? a\n: 1\n", "complex keys ('? ') are not supported", 1, 1],
    ["k:\n  ? [a, b]\n  : 1\n", "complex keys ('? ') are not supported", 2, 3],
    ["{a: 1}: x\n", "collections as mapping keys are not supported", 1, 1],
    ["k: {[a]: 1}\n", "collections as mapping keys are not supported", 1, 5],
    ["k: [a: 1]\n", "single-pair mappings inside a flow sequence are not supported", 1, 6],
    ["k: {: v}\n", "a mapping entry without a key is not supported", 1, 5],
  ];
  it.each(cases)("%j", (text, message, line, column) => {
    expect(reader(text)).toEqual({ ok: false, error: `invalid YAML: ${message} at line ${line}, column ${column}` });
  });
});
