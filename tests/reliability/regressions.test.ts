// Bugs the fuzzers and limit tests found, each pinned by its smallest case
// (docs/reliability.md "Findings").

import { describe, expect, it } from "vitest";
import { ConfigError } from "../../host/index.js";
import { configJson } from "../../host/config.js";
import * as raw from "../fuzz/raw.mjs";
import { compiledWasm, configError, create, SPEC_CONFIG } from "./support.js";

describe("host config text: every failure is a ConfigError", () => {
  it("a YAML alias bomb (was a ReferenceError from the yaml package)", async () => {
    const bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
    expect((await configError(bomb)).message).toMatch(/^invalid YAML: Excessive alias count/);
  });

  it("nesting deeper than the JS stack, in YAML or JSON (was a RangeError from JSON.stringify)", async () => {
    expect((await configError("[".repeat(20_000) + "]".repeat(20_000))).message).toBe("config cannot be serialised as JSON: it is nested too deeply");
    expect(() => configJson("mapping: " + "[".repeat(5_000))).toThrow(ConfigError);
  });

  it("a YAML alias inside its own anchor (was a TypeError: circular structure)", async () => {
    expect((await configError("model: &m {name: *m}\n")).message).toMatch(/refers to itself/);
  });

  it("a duplicate key in JSON text (was silently 'last wins', unlike YAML)", async () => {
    const e = await configError('{"model": {"name": "a", "version": "v1"},\n "model": {"name": "b", "version": "v1"}}');
    expect(e.diagnostics).toEqual([{ code: "config_invalid", path: "model", message: 'invalid JSON: duplicate key "model" at line 2, column 2' }]);
    // Keys are compared after unescaping, at any depth.
    expect((await configError('{"sources": {"a": "t", "\\u0061": "u"}}')).message).toMatch(/duplicate key "a" at line 1, column 24/);
  });

  it("YAML merge keys work as in Go's yaml.v3 (Benthos configs use them)", async () => {
    const p = await create("base: &b {name: pump, version: v1}\n".replace("base", "model") +
      "output_topic: o\nsources: {s: t}\nmapping:\n  <<: {a: s + 1}\n  b: s * 2\n");
    expect(p.mappings().map((m) => m.path)).toEqual(["a", "b"]);
  });
});

describe("module config and ABI guards", () => {
  it("a duplicate key in config JSON given straight to the module is a config error", () => {
    const x = raw.instantiate(compiledWasm());
    const text = JSON.stringify(SPEC_CONFIG).replace('"output_topic":', '"output_topic":"x","output_topic":');
    expect(raw.configure(x, text)).toBe(-1);
    expect(raw.readErrors(x)).toMatchObject([{ code: 30, path: "output_topic", message: expect.stringMatching(/^duplicate key 'output_topic' in config JSON at byte \d+$/) }]);
  });

  it("configure with a length past the input area returns -1 with an error record (had none)", () => {
    const x = raw.instantiate(compiledWasm());
    x.input_area(100);
    for (const len of [-1, 5000, 2 ** 31 - 1]) {
      expect(x.configure(len, 1)).toBe(-1);
      expect(raw.readErrors(x)).toMatchObject([{ code: 30, message: expect.stringMatching(/does not fit the input area/) }]);
    }
  });

  it("state_import with a negative length returns -1 with its error record (had none)", () => {
    const x = raw.instantiate(compiledWasm());
    raw.configure(x, SPEC_CONFIG);
    expect(x.state_import(-5)).toBe(-1);
    expect(raw.readErrors(x)).toMatchObject([{ code: 80, message: "state snapshot rejected: length -5 does not fit the input area" }]);
  });

  it("limits above 2^31 were read as negative and rejected every expression, mapping and source", async () => {
    const p = await create(SPEC_CONFIG, { limits: { expressionBytes: 0xffffffff, mappings: 0x80000000, sources: 0xfffffffe } });
    expect(p.mappings()).toHaveLength(6);
  });

  it("set_limit refuses sizes whose buffers the allocator cannot hand out (they trapped on first use)", () => {
    const x = raw.instantiate(compiledWasm());
    expect(x.set_limit(7, 2 ** 29 + 1)).toBe(-1);   // input area above 512 MiB
    expect(x.set_limit(4, 2 ** 28 + 1)).toBe(-1);   // value strings above 256 Mi units
    expect(x.set_limit(6, -1)).toBe(-1);            // 4 GiB - 1 of scratch memory
    expect(x.set_limit(7, 2 ** 29)).toBe(0);
    expect(x.input_area(2 ** 29 + 1)).toBe(0);
  });

  it("a config above 128 MiB is a config_limit error, not a 256 MiB+ parse buffer", () => {
    const x = raw.instantiate(compiledWasm());
    expect(x.set_limit(7, 2 ** 28)).toBe(0);
    x.input_area((128 << 20) + 1);
    expect(x.configure((128 << 20) + 1, 1)).toBe(-1);
    expect(raw.readErrors(x)).toMatchObject([{ code: 31, message: "config of 134217729 bytes is larger than 134217728 bytes" }]);
  });
});
