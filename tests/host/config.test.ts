// host/config.ts: config object or YAML/JSON text -> the config JSON the module reads.

import { describe, expect, it } from "vitest";
import { configJson } from "../../host/config.js";
import { ConfigError } from "../../host/errors.js";
import { SCALAR_LEAVES_YAML as YAML } from "./pump.js";

describe("configJson", () => {
  it("serialises an object as is, keeping key order", () => {
    const config = { output_topic: "t", model: { name: "p", version: "v1" }, sources: { b: "x", a: "y" }, mapping: { z: "b", a: 1.5 } };
    expect(configJson(config)).toBe(JSON.stringify(config));
  });

  it("takes JSON text as JSON", () => {
    const text = '{"output_topic":"t","mapping":{"x":1.50}}';
    expect(JSON.parse(configJson(text))).toEqual({ output_topic: "t", mapping: { x: 1.5 } });
  });

  it("reads YAML in key order; number and boolean mapping leaves become their source text", () => {
    const c = JSON.parse(configJson(YAML));
    expect(Object.keys(c)).toEqual(["mode", "model", "output_topic", "sources", "mapping"]);
    expect(Object.keys(c.sources)).toEqual(["press", "tF"]);
    expect(c.mapping).toEqual({
      pressure: "press + 4.00001",
      motor: { rpm: "press / 4" },
      status: 'r ? "active" : "inactive"',
      answer: "42",
      price: "1.50",
      hex: "0x1F",
      on: "true",
      quoted: "42",
    });
    expect(Object.keys(c.mapping)).toEqual(["pressure", "motor", "status", "answer", "price", "hex", "on", "quoted"]);
  });

  it("keeps numbers outside the mapping tree as YAML values", () => {
    const c = JSON.parse(configJson("output_topic: t\nmodel: {name: p, version: 2}\nmapping: {a: 2.50}\n"));
    expect(c.model.version).toBe(2);
    expect(c.mapping.a).toBe("2.50");
  });

  it("keeps the source text of aliased numbers inside the mapping tree", () => {
    const c = JSON.parse(configJson("base: &b 1.50\nmapping:\n  a: *b\n  b: &c 2.0\n  c: *c\n"));
    expect(c.mapping).toEqual({ a: "1.50", b: "2.0", c: "2.0" });
  });

  it("rejects duplicate YAML keys with yaml's message, line and column", () => {
    const text = "mapping:\n  a: x\n  a: y\n";
    expect(() => configJson(text)).toThrow(ConfigError);
    try {
      configJson(text);
    } catch (e) {
      const err = e as ConfigError;
      expect(err.diagnostics).toHaveLength(1);
      expect(err.diagnostics[0].code).toBe("config_invalid");
      expect(err.message).toMatch(/^invalid YAML: Map keys must be unique at line 3, column 3/);
    }
  });

  it("rejects YAML syntax errors", () => {
    expect(() => configJson("sources: [a\nmapping: x")).toThrow(/invalid YAML: .*line 2, column 1/);
  });

  it("rejects an object that cannot be serialised, and non-config values", () => {
    const c: Record<string, unknown> = {};
    c.self = c;
    expect(() => configJson(c)).toThrow(/config cannot be serialised as JSON/);
    expect(() => configJson(42 as never)).toThrow(ConfigError);
  });
});
