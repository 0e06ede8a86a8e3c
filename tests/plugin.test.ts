// plugin.yaml describes exactly the config the module accepts, with only the keys
// Bento's plugin loader knows.
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { StreamProcessor, ConfigError } from "../host/index";
import { root } from "./support/raw_abi";

const manifest = parse(readFileSync(join(root, "plugin.yaml"), "utf8"));
const TOP_KEYS = ["name", "type", "status", "summary", "description", "fields", "runtime"];
const FIELD_KEYS = ["name", "type", "kind", "description", "default", "advanced"];

const minimal = {
  model: { name: "pump", version: "v1" },
  output_topic: "umh.v1.a",
  sources: { press: "umh.v1.a._raw.press" },
};
const sampleValue: Record<string, unknown> = {
  mode: "timeseries",
  model: { name: "pump", version: "v1" },
  output_topic: "umh.v1.a",
  sources: { press: "umh.v1.a._raw.press" },
  mapping: { p: "press * 2" },
};

describe("plugin.yaml", () => {
  test("uses only the keys Bento's plugin loader accepts", () => {
    for (const k of Object.keys(manifest)) expect(TOP_KEYS).toContain(k);
    expect(manifest.type).toBe("processor");
    expect(manifest.name).toBe("stream_processor");
    for (const f of manifest.fields) for (const k of Object.keys(f)) expect(FIELD_KEYS).toContain(k);
    expect(Object.keys(manifest.runtime)).toEqual(["wasm"]);
    expect(Object.keys(manifest.runtime.wasm).sort()).toEqual(["memory", "path"]);
    expect(Object.keys(manifest.runtime.wasm.memory)).toEqual(["max_pages"]);
  });

  test("every field it lists is accepted by the module", async () => {
    for (const f of manifest.fields) {
      expect(sampleValue, `sample for ${f.name}`).toHaveProperty(f.name);
      const p = await StreamProcessor.create({ ...minimal, [f.name]: sampleValue[f.name] });
      p.close();
    }
  });

  test("every field the module accepts is listed", async () => {
    let known: string[] = [];
    try {
      await StreamProcessor.create({ ...minimal, not_a_field: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const m = /\(known: ([^)]*)\)/.exec((e as ConfigError).diagnostics[0].message);
      known = m ? m[1].split(", ") : [];
    }
    expect(known.length).toBeGreaterThan(0);
    expect([...manifest.fields.map((f: { name: string }) => f.name)].sort()).toEqual([...known].sort());
  });

  test("the defaults it states are the module's defaults", async () => {
    const mode = manifest.fields.find((f: { name: string }) => f.name === "mode");
    expect(mode.default).toBe("timeseries");
    // Leaving mode out behaves as the stated default: accepted and processing timeseries.
    const p = await StreamProcessor.create({ ...minimal, mapping: { p: "press" } });
    const r = p.process([{ topic: "umh.v1.a._raw.press", payload: '{"value":2,"timestamp_ms":1}' }]);
    expect(r.outputs).toHaveLength(1);
    p.close();
  });
});
