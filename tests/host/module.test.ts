// host/module.ts against a JavaScript fake of the module (tests/host/fake-module.ts),
// which decodes and encodes the layouts of docs/ABI.md on its own.

import { describe, expect, it } from "vitest";
import { ModuleInstance } from "../../host/module.js";
import { fakeModule } from "./fake-module.js";

const dec = new TextDecoder();
const CONFIG = JSON.stringify({
  output_topic: "umh.v1.a",
  model: { name: "pump", version: "v1" },
  sources: { press: "umh.v1.a._raw.press", tF: "umh.v1.a._raw.tempF" },
  mapping: { "motor.rpm": "press / 4", serial: '"SN"', both: "press + tF" },
});

function configured() {
  const fake = fakeModule();
  const m = new ModuleInstance(fake);
  expect(m.configure(CONFIG, 7)).toBeNull();
  return { fake, m };
}

describe("ModuleInstance with the ABI fake", () => {
  it("rejects a module of another ABI version or with missing exports", () => {
    const fake = fakeModule();
    expect(() => new ModuleInstance({ ...fake, abi_version: () => 1 })).toThrow(
      "stream processor module has ABI version 1; this host implements version 2");
    const { process: _omit, ...rest } = fake;
    expect(() => new ModuleInstance(rest as never)).toThrow(/missing export 'process'/);
  });

  it("decodes config error records: code, mapping, span, path, message", () => {
    const m = new ModuleInstance(fakeModule());
    const errors = m.configure(JSON.stringify({ fail: [
      { code: 30, path: "model.name", message: "model name is required" },
      { code: 45, mapping: 2, path: "motor.rpm", span: [3, 7], message: "mapping 'motor.rpm': unknown identifier\n  prss / 4\n  ^^^^" },
    ] }), 0);
    expect(errors).toEqual([
      { input: -1, mapping: -1, code: 30, spanStart: -1, spanEnd: -1, path: "model.name", message: "model name is required" },
      { input: -1, mapping: 2, code: 45, spanStart: 3, spanEnd: 7, path: "motor.rpm", message: "mapping 'motor.rpm': unknown identifier\n  prss / 4\n  ^^^^" },
    ]);
  });

  it("decodes the program description with kinds and dependencies", () => {
    const { m } = configured();
    const d = m.describe();
    expect(d.aliases).toEqual([{ name: "press", topic: "umh.v1.a._raw.press" }, { name: "tF", topic: "umh.v1.a._raw.tempF" }]);
    expect(d.mappings).toEqual([
      { kind: 2, deps: [0], topic: "umh.v1.a._pump_v1.motor.rpm", path: "motor.rpm", expression: "press / 4" },
      { kind: 0, deps: [], topic: "umh.v1.a._pump_v1.serial", path: "serial", expression: '"SN"' },
      { kind: 2, deps: [0, 1], topic: "umh.v1.a._pump_v1.both", path: "both", expression: "press + tF" },
    ]);
  });

  it("frames strings (UTF-8), bytes, topics from metadata and missing topics exactly", () => {
    const { fake, m } = configured();
    const inputs = [
      { topic: "umh.v1.a._raw.press", payload: "héllo ✓ 😀" },
      { payload: new Uint8Array([0x7b, 0x7d]), metadata: { umh_topic: "umh.v1.a._raw.tempF" } },
      { payload: "no topic" },
      { topic: "", payload: "" },
      { topic: "umh.v1.a._raw.pressé", payload: "x" },
    ];
    const len = m.frame(inputs, 1234.5);
    expect(m.process(len)).toBe(6);
    expect(fake.batches[0]).toEqual({ nowMs: 1234.5, records: [
      { index: 0, topic: "umh.v1.a._raw.press", payload: "héllo ✓ 😀" },
      { index: 1, topic: "umh.v1.a._raw.tempF", payload: "{}" },
      { index: 2, topic: "", payload: "no topic" },
      { index: 3, topic: "", payload: "" },
      { index: 4, topic: "umh.v1.a._raw.pressé", payload: "x" },
    ] });
  });

  it("decodes output records in order with topics, payload copies and metadata", () => {
    const { m } = configured();
    const inputs = [
      { topic: "umh.v1.a._raw.press", payload: "a", metadata: { k: "v", umh_topic: "ignored" } },
      { topic: "other", payload: "dropped" },
      { topic: "umh.v1.a._raw.tempF", payload: "b" },
    ];
    const topics = m.describe().mappings.map((x) => x.topic);
    const n = m.process(m.frame(inputs, 0));
    const outs = m.outputs(n, inputs, topics);
    expect(outs.map((o) => [o.topic, dec.decode(o.payload), o.metadata])).toEqual([
      ["umh.v1.a._pump_v1.motor.rpm", '{"value":"a","timestamp_ms":0}', { k: "v", umh_topic: "umh.v1.a._pump_v1.motor.rpm" }],
      ["umh.v1.a._pump_v1.serial", '{"value":"a","timestamp_ms":0}', { k: "v", umh_topic: "umh.v1.a._pump_v1.serial" }],
      ["umh.v1.a._pump_v1.both", '{"value":"a","timestamp_ms":0}', { k: "v", umh_topic: "umh.v1.a._pump_v1.both" }],
      ["umh.v1.a._pump_v1.motor.rpm", '{"value":"b","timestamp_ms":2}', { umh_topic: "umh.v1.a._pump_v1.motor.rpm" }],
      ["umh.v1.a._pump_v1.serial", '{"value":"b","timestamp_ms":2}', { umh_topic: "umh.v1.a._pump_v1.serial" }],
      ["umh.v1.a._pump_v1.both", '{"value":"b","timestamp_ms":2}', { umh_topic: "umh.v1.a._pump_v1.both" }],
    ]);
    // Payloads are copies: the next batch does not change them.
    m.process(m.frame([{ topic: "umh.v1.a._raw.press", payload: "zzzzzz" }], 0));
    expect(dec.decode(outs[0].payload)).toBe('{"value":"a","timestamp_ms":0}');
    expect(outs[0].metadata).not.toBe(outs[1].metadata);
  });

  it("decodes process error records with mapping paths and code names", () => {
    const { m } = configured();
    const paths = m.describe().mappings.map((x) => x.path);
    m.process(m.frame([{ topic: "umh.v1.a._raw.press", payload: "bad" }, { topic: "umh.v1.a._raw.press", payload: "nan" }], 0));
    expect(m.processErrors(paths)).toEqual([
      { index: 0, code: "invalid_timestamp", message: "missing or invalid timestamp_ms" },
      { index: 1, mapping: "motor.rpm", code: "non_finite_result", message: "result is NaN" },
    ]);
  });

  it("reserves the input area once and reuses it until a batch needs more", () => {
    const { fake, m } = configured();
    const calls = fake.areaCalls;
    for (let i = 0; i < 5; i++) m.process(m.frame([{ topic: "umh.v1.a._raw.press", payload: "small" }], 0));
    expect(fake.areaCalls).toBe(calls);
    const big = "x".repeat(300_000);
    const buffer = fake.memory.buffer;
    const n = m.process(m.frame([{ topic: "umh.v1.a._raw.press", payload: big }], 0));
    expect(fake.areaCalls).toBe(calls + 1);
    expect(fake.memory.buffer).not.toBe(buffer); // memory grew: old views are detached
    const outs = m.outputs(n, [{ payload: big }], ["a", "b", "c"]);
    expect(dec.decode(outs[0].payload)).toBe(`{"value":"${big}","timestamp_ms":0}`);
  });

  it("reads the metrics block as numbers", () => {
    const { m } = configured();
    m.process(m.frame([{ topic: "umh.v1.a._raw.press", payload: "a" }, { topic: "nope", payload: "" }, { topic: "umh.v1.a._raw.press", payload: "bad" }], 0));
    expect(m.metrics()).toEqual([1, 1, 1, 0, 3, 0, 3, 0]);
    expect(m.metric(1)).toBe(1);
  });

  it("exports and imports state; a rejected snapshot returns the module's record", () => {
    const { m } = configured();
    m.process(m.frame([{ topic: "umh.v1.a._raw.press", payload: "a" }], 0));
    const snap = m.exportState();
    expect(dec.decode(snap).startsWith("SPST")).toBe(true);
    expect(m.importState(snap)).toBeNull();
    expect(m.importState(new Uint8Array([1, 2, 3]))).toMatchObject({ code: 80, message: "not a state snapshot (bad magic)" });
  });

  it("does not frame a batch above the input-area limit: -1, for the caller to split", () => {
    const { m } = configured();
    expect(m.frame([{ topic: "t", payload: new Uint8Array(1 << 26) }], 0)).toBe(-1);
  });
});
