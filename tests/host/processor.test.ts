// StreamProcessor through the real module (build/stream_processor.wasm).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, SnapshotError, StreamProcessor } from "../../host/index.js";
import { defaultWasmPath, ModuleInstance, type RawExports } from "../../host/module.js";
import { BASE, brief, msg, OUT, payload, PRESS, PUMP, PUMP_YAML, RUN, TEMP, text } from "./pump.js";

const T = 1732700000000;

async function configError(config: unknown): Promise<ConfigError> {
  try {
    await StreamProcessor.create(config as object);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("StreamProcessor.create", () => {
  it("accepts an object, YAML text and JSON text alike", async () => {
    const expected = (await StreamProcessor.create(PUMP)).mappings();
    expect((await StreamProcessor.create(PUMP_YAML)).mappings()).toEqual(expected);
    expect((await StreamProcessor.create(JSON.stringify(PUMP))).mappings()).toEqual(expected);
  });

  it("describes mappings in declaration order with kind, topic and alias dependencies", async () => {
    const p = await StreamProcessor.create(PUMP);
    expect(p.mappings()).toEqual([
      { path: "pressure", topic: `${OUT}pressure`, expression: "press + 4.00001", kind: "dynamic", dependencies: ["press"] },
      { path: "temperature", topic: `${OUT}temperature`, expression: "tF * 69 / 31", kind: "dynamic", dependencies: ["tF"] },
      { path: "combined", topic: `${OUT}combined`, expression: "press + tF", kind: "dynamic", dependencies: ["press", "tF"] },
      { path: "motor.rpm", topic: `${OUT}motor.rpm`, expression: "press / 4", kind: "dynamic", dependencies: ["press"] },
      { path: "status", topic: `${OUT}status`, expression: 'r ? "active" : "inactive"', kind: "dynamic", dependencies: ["r"] },
      { path: "serialNumber", topic: `${OUT}serialNumber`, expression: '"SN-P42-008"', kind: "constant", dependencies: [] },
    ]);
  });

  it("marks Date.now() and Math.random() mappings volatile", async () => {
    const p = await StreamProcessor.create({ ...PUMP, mapping: { now: "Date.now()", rnd: "Math.random()", k: "1 + 2" } });
    expect(p.mappings().map((m) => m.kind)).toEqual(["volatile", "volatile", "constant"]);
  });

  it("throws ConfigError with the reference plugin's wording for a missing field", async () => {
    const { output_topic: _, ...noTopic } = PUMP;
    const e = await configError(noTopic);
    expect(e.diagnostics).toEqual([{ code: "config_invalid", path: "output_topic", message: "output_topic is required" }]);
    expect(e.message).toBe("output_topic is required");
  });

  it("throws ConfigError with path, span and caret for every bad expression", async () => {
    const e = await configError({ ...PUMP, mapping: { ok: "press", motor: { rpm: "prss / 4" }, bad: "press +" } });
    expect(e.diagnostics).toHaveLength(2);
    const [unknown, syntax] = e.diagnostics;
    expect(unknown.path).toBe("motor.rpm");
    expect(unknown.span).toEqual([0, 4]);
    expect(unknown.message).toContain("prss / 4");
    expect(unknown.message).toMatch(/\^\^\^\^/);
    expect(unknown.code).toBe("unknown_identifier");
    expect(unknown.message).toMatch(/did you mean 'press'/);
    expect(syntax.path).toBe("bad");
    expect(syntax.code).toBe("syntax");
    expect(e.message).toBe(e.diagnostics.map((d) => d.message).join("\n"));
  });

  it("keeps YAML number and boolean mapping leaves as their source text", async () => {
    const p = await StreamProcessor.create(PUMP_YAML.replace("mapping:\n", "mapping:\n  answer: 42\n  price: 1.50\n  on: true\n"));
    expect(p.mappings().slice(0, 3).map((m) => [m.expression, m.kind])).toEqual([["42", "constant"], ["1.50", "constant"], ["true", "constant"]]);
    expect(brief(p.process([msg(RUN, true, T)]).outputs).slice(0, 3)).toEqual([
      ["answer", payload(42, T)], ["price", payload(1.5, T)], ["on", payload(true, T)],
    ]);
  });

  it("throws ConfigError for duplicate YAML keys, naming line and column", async () => {
    const e = await configError(PUMP_YAML + "  pressure: press\n");
    expect(e.message).toMatch(/Map keys must be unique at line \d+, column 3/);
  });

  it("loads the module from a path, bytes or a compiled module", async () => {
    const path = defaultWasmPath();
    const bytes = new Uint8Array(readFileSync(path));
    for (const wasm of [path, bytes, new WebAssembly.Module(bytes)]) {
      const p = await StreamProcessor.create(PUMP, { wasm });
      expect(p.mappings()).toHaveLength(6);
    }
  });

  it("rejects bad options before loading anything", async () => {
    await expect(StreamProcessor.create(PUMP, { seed: 1.5 })).rejects.toThrow(TypeError);
    await expect(StreamProcessor.create(PUMP, { limits: { payloadBytes: 0 } })).rejects.toThrow(RangeError);
    await expect(StreamProcessor.create(PUMP, { limits: { nope: 1 } as never })).rejects.toThrow(/unknown limit 'nope'/);
    await expect(StreamProcessor.create(PUMP, { limits: { payloadByte: 1 } as never })).rejects.toThrow(
      new TypeError("unknown limit 'payloadByte' (did you mean 'payloadBytes'?); known: expressionBytes, mappings, sources, " +
        "payloadBytes, valueStringUnits, evalStringUnits, evalArenaBytes, inputAreaBytes"));
  });

  it("rejects an unknown option with a TypeError naming the known ones", async () => {
    await expect(StreamProcessor.create(PUMP, { sed: 5 } as never)).rejects.toThrow(
      new TypeError("unknown option 'sed' (did you mean 'seed'?); known: seed, clock, limits, wasm"));
    await expect(StreamProcessor.create(PUMP, { verbose: true } as never)).rejects.toThrow(
      new TypeError("unknown option 'verbose'; known: seed, clock, limits, wasm"));
  });
});

describe("StreamProcessor.process", () => {
  it("emits the triggered mappings in declaration order, with string and byte payloads", async () => {
    const p = await StreamProcessor.create(PUMP);
    const r = p.process([
      msg(PRESS, 100, T),
      { topic: TEMP, payload: new TextEncoder().encode(payload(77, T + 1)) },
      msg(RUN, true, T + 2),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.dropped).toBe(0);
    expect(brief(r.outputs)).toEqual([
      ["pressure", payload(100 + 4.00001, T)],
      ["motor.rpm", payload(25, T)],
      ["serialNumber", payload("SN-P42-008", T)],
      ["temperature", payload((77 * 69) / 31, T + 1)],
      ["combined", payload(177, T + 1)],
      ["serialNumber", payload("SN-P42-008", T + 1)],
      ["status", payload("active", T + 2)],
      ["serialNumber", payload("SN-P42-008", T + 2)],
    ]);
  });

  it("copies input metadata onto each output and sets umh_topic", async () => {
    const p = await StreamProcessor.create(PUMP);
    const r = p.process([{ ...msg(PRESS, 8, T), metadata: { source: "plc-7", umh_topic: "ignored" } }]);
    expect(r.outputs.map((o) => o.metadata)).toEqual([
      { source: "plc-7", umh_topic: `${OUT}pressure` },
      { source: "plc-7", umh_topic: `${OUT}motor.rpm` },
      { source: "plc-7", umh_topic: `${OUT}serialNumber` },
    ]);
    expect(r.outputs[0].metadata).not.toBe(r.outputs[1].metadata);
  });

  it("takes the topic from metadata.umh_topic when topic is absent", async () => {
    const p = await StreamProcessor.create(PUMP);
    const r = p.process([{ payload: payload(8, T), metadata: { umh_topic: PRESS, k: "v" } }]);
    expect(brief(r.outputs)).toEqual([["pressure", payload(12.00001, T)], ["motor.rpm", payload(2, T)], ["serialNumber", payload("SN-P42-008", T)]]);
    expect(r.outputs[0].metadata).toEqual({ umh_topic: `${OUT}pressure`, k: "v" });
  });

  it("drops inputs without a topic or on an unknown topic, silently", async () => {
    const p = await StreamProcessor.create(PUMP);
    const r = p.process([{ payload: payload(1, T) }, msg(`${BASE}._raw.vibration`, 1, T), { topic: PRESS, payload: "junk", metadata: {} }]);
    expect(r.dropped).toBe(2);
    expect(r.outputs).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ index: 2, code: "invalid_json" });
  });

  it("reports message errors and mapping errors with index, code and mapping path", async () => {
    const p = await StreamProcessor.create(PUMP);
    const r = p.process([
      { topic: PRESS, payload: '{"value": 1}' },
      msg(PRESS, 5, T),
      msg(PRESS, "n/a", T + 1),
      { topic: PRESS, payload: '{"value": [1], "timestamp_ms": 5}' },
    ]);
    expect(r.errors).toEqual([
      { index: 0, code: "invalid_timestamp", message: "missing or invalid timestamp_ms" },
      { index: 2, mapping: "motor.rpm", code: "non_finite_result", message: expect.stringMatching(/NaN/) },
      { index: 3, code: "invalid_value_type", message: expect.any(String) },
    ]);
    // The other mappings of input 2 still emit.
    expect(brief(r.outputs).slice(3)).toEqual([["pressure", payload("n/a4.00001", T + 1)], ["serialNumber", payload("SN-P42-008", T + 1)]]);
  });

  it("uses the clock for Date.now() and the seed for Math.random()", async () => {
    const config = { ...PUMP, mapping: { now: "Date.now()", rnd: "Math.random()" } };
    const a = await StreamProcessor.create(config, { seed: 7, clock: () => 1234 });
    const b = await StreamProcessor.create(config, { seed: 7, clock: () => 1234 });
    const ra = brief(a.process([msg(PRESS, 1, T)]).outputs);
    expect(ra[0]).toEqual(["now", payload(1234, T)]);
    expect(brief(b.process([msg(PRESS, 1, T)]).outputs)).toEqual(ra);
    const rnd = JSON.parse(ra[1][1]).value;
    expect(rnd).toBeGreaterThanOrEqual(0);
    expect(rnd).toBeLessThan(1);
  });

  it("applies limits", async () => {
    const p = await StreamProcessor.create(PUMP, { limits: { payloadBytes: 16 } });
    const r = p.process([msg(PRESS, 123456789, T)]);
    expect(r.errors).toEqual([{ index: 0, code: "payload_too_large", message: expect.any(String) }]);
  });

  it("gives the same results for a batch that grows the input area as for one message at a time", async () => {
    const big = await StreamProcessor.create(PUMP, { seed: 1 });
    const small = await StreamProcessor.create(PUMP, { seed: 1 });
    const inputs = [];
    const topics = [PRESS, TEMP, RUN, "unknown"];
    for (let i = 0; i < 3000; i++) {
      const topic = topics[i % 4];
      const value = topic === RUN ? i % 3 === 0 : i % 97 === 0 ? "n/a" : i / 7;
      inputs.push({ topic, payload: `{"value":${JSON.stringify(value)},"timestamp_ms":${T + i},"pad":"${"é".repeat(50)}"}`, metadata: { i: String(i) } });
    }
    const all = big.process(inputs);
    const outputs = [];
    const errors = [];
    let dropped = 0;
    for (let i = 0; i < inputs.length; i++) {
      const r = small.process([inputs[i]]);
      outputs.push(...r.outputs);
      errors.push(...r.errors.map((e) => ({ ...e, index: i })));
      dropped += r.dropped;
    }
    expect(all.outputs.length).toBeGreaterThan(3000);
    expect(brief(all.outputs)).toEqual(brief(outputs));
    expect(all.outputs.map((o) => o.metadata)).toEqual(outputs.map((o) => o.metadata));
    expect(all.errors).toEqual(errors);
    expect(all.dropped).toBe(dropped);
    expect(big.metrics()).toEqual(small.metrics());
  });

  it("returns an empty result for an empty batch and throws after close", async () => {
    const p = await StreamProcessor.create(PUMP);
    expect(p.process([])).toEqual({ outputs: [], errors: [], dropped: 0 });
    p.close();
    p.close();
    expect(() => p.process([msg(PRESS, 1, T)])).toThrow(/closed/);
    expect(() => p.metrics()).toThrow(/closed/);
  });

  it("rejects payloads that are neither bytes nor strings", async () => {
    const p = await StreamProcessor.create(PUMP);
    expect(() => p.process([{ topic: PRESS, payload: 5 as never }])).toThrow(TypeError);
  });
});

describe("StreamProcessor metrics and state", () => {
  it("counts processed, dropped, errored, outputs, expression errors, mappings and variables", async () => {
    const p = await StreamProcessor.create(PUMP);
    p.process([msg(PRESS, 1, T), msg("x", 1, T), { topic: TEMP, payload: "{}" }, { topic: PRESS, payload: '{"value":{},"timestamp_ms":1}' }, msg(PRESS, "n/a", T)]);
    expect(p.metrics()).toEqual({
      messages_processed: 2,
      messages_dropped: 1,
      messages_errored: 2,
      invalid_data_type: 1,
      outputs_generated: 5,
      expression_errors: 1,
      active_mappings: 6,
      active_variables: 1,
    });
  });

  it("round-trips state through exportState/importState into a new processor", async () => {
    const a = await StreamProcessor.create(PUMP);
    a.process([msg(PRESS, 10, T), msg(RUN, false, T)]);
    const snapshot = a.exportState();
    expect(text(snapshot.subarray(0, 4))).toBe("SPST");
    const b = await StreamProcessor.create(PUMP_YAML);
    b.importState(snapshot);
    const next = [msg(TEMP, 50, T + 1)];
    expect(brief(b.process(next).outputs)).toEqual(brief(a.process(next).outputs));
    expect(b.metrics().active_variables).toBe(3);
  });

  it("rejects a corrupted snapshot or one of another config, leaving the state unchanged", async () => {
    const a = await StreamProcessor.create(PUMP);
    a.process([msg(PRESS, 10, T)]);
    const snapshot = a.exportState();
    const corrupted = snapshot.slice();
    corrupted[corrupted.length - 8] ^= 1;
    expect(() => a.importState(corrupted)).toThrow(SnapshotError);
    try {
      a.importState(new Uint8Array([1, 2, 3]));
    } catch (e) {
      expect(e).toBeInstanceOf(SnapshotError);
      expect((e as SnapshotError).code).toBe("snapshot_invalid");
      expect((e as Error).message).toMatch(/snapshot/);
    }
    const other = await StreamProcessor.create({ ...PUMP, sources: { press: PRESS } , mapping: { x: "press" } });
    expect(() => other.importState(snapshot)).toThrow(SnapshotError);
    expect(brief(a.process([msg(TEMP, 1, T)]).outputs)).toContainEqual(["combined", payload(11, T)]);
  });
});

describe("the host on the real module", () => {
  it("reserves the input area only when a batch needs more, and then allocates nothing in the module", async () => {
    const loaded = await ModuleInstance.load();
    const raw = loaded.exports;
    let areaCalls = 0;
    const m = new ModuleInstance({ ...raw, input_area: (bytes: number) => (areaCalls++, raw.input_area(bytes)) } as RawExports);
    expect(m.configure(JSON.stringify(PUMP), 1)).toBeNull();
    const batch = Array.from({ length: 200 }, (_, i) => msg([PRESS, TEMP, RUN][i % 3], i % 3 === 2 ? true : i, T + i));
    m.process(m.frame(batch, 0));
    const calls = areaCalls;
    const top = raw.heap_top();
    for (let i = 0; i < 20; i++) expect(m.process(m.frame(batch, 0))).toBeGreaterThan(0);
    expect(areaCalls).toBe(calls);
    expect(raw.heap_top()).toBe(top);
    const big = Array.from({ length: 4000 }, (_, i) => msg(PRESS, i, T + i));
    m.process(m.frame(big, 0));
    expect(areaCalls).toBe(calls + 1);
  });
});
