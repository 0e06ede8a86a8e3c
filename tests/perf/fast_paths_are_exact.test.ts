// Correctness of the fast paths added for issue 4 (no timing here):
// - the module's integer printer for timestamps and integer results,
// - its word-at-a-time copies of constant values and the timestamp tail,
// - its topic hash table (word hash, word compare),
// - the host's one-copy output decoding and its metadata copy.
import { describe, expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { outputMetadata } from "../../host/message";

const dec = new TextDecoder();
const sources = { a: "umh.v1.x._raw.a" };
const base = { model: { name: "m", version: "1" }, output_topic: "umh.v1.x", sources };
const text = (p: Uint8Array) => dec.decode(p);

describe("numbers print exactly as JSON.stringify", () => {
  const timestamps = [
    1, -1, 9, 10, 99, 100, 101, 999, 1000, 12345678, 99999999, 100000000, 100000001, 123456789,
    4294967295, 4294967296, 1733904000000, -1733904000000, 9007199254740991, -9007199254740991,
    9007199254740992, 9007199254740994, 1e20, 123456789012345680000, 1e21, -1e21, 1.5e300,
  ];
  test("timestamps of every magnitude", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { v: "a" } });
    const inputs = timestamps.map((ts) => ({ topic: sources.a, payload: JSON.stringify({ value: 1, timestamp_ms: ts }) }));
    const r = p.process(inputs);
    expect(r.errors).toEqual([]);
    expect(r.outputs.map((o) => text(o.payload))).toEqual(timestamps.map((ts) => JSON.stringify({ value: 1, timestamp_ms: ts })));
    p.close();
  });

  test("integer and other results, -0 included", async () => {
    const values = [0, -0, 5, -5, 7, 10, 123456789, 2 ** 31, 2 ** 32 + 1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 60,
      1e21, 0.5, -0.25, 1e-7, 123.456, 5e-324, 1.7976931348623157e308];
    const p = await StreamProcessor.create({ ...base, mapping: { v: "a * 1" } });
    const r = p.process(values.map((v, i) => ({ topic: sources.a, payload: `{"value":${v === 0 && 1 / v < 0 ? "-0" : String(v)},"timestamp_ms":${i + 1}}` })));
    expect(r.errors).toEqual([]);
    expect(r.outputs.map((o) => text(o.payload))).toEqual(values.map((v, i) => JSON.stringify({ value: v * 1, timestamp_ms: i + 1 })));
    p.close();
  });
});

describe("constant values of every length are copied whole", () => {
  test("lengths 0 to 80 around the 8-byte word boundaries", async () => {
    const mapping: Record<string, string> = {};
    for (let n = 0; n <= 80; n++) mapping[`c${n}`] = JSON.stringify("x".repeat(n).replace(/x/g, (_, i: number) => String.fromCharCode(97 + (i % 26))));
    const p = await StreamProcessor.create({ ...base, mapping });
    for (const ts of [5, 1733904000000, -77]) {
      const r = p.process([{ topic: sources.a, payload: JSON.stringify({ value: 1, timestamp_ms: ts }) }]);
      expect(r.outputs.map((o) => text(o.payload))).toEqual(
        Object.values(mapping).map((e) => JSON.stringify({ value: JSON.parse(e), timestamp_ms: ts })));
    }
    p.close();
  });
});

describe("topic lookup", () => {
  test("every source topic finds its alias; near misses are dropped", async () => {
    const topics: Record<string, string> = {};
    // Lengths 1..40 (every tail length of the word hash), shared prefixes.
    for (let n = 1; n <= 40; n++) topics[`s${n}`] = "umh.v1.corpA.plant-A.line-4.machine-9.xyz".slice(0, n);
    const mapping: Record<string, string> = {};
    for (const alias of Object.keys(topics)) mapping[alias] = alias;
    const p = await StreamProcessor.create({ model: { name: "m", version: "1" }, output_topic: "o", sources: topics, mapping });
    const inputs = Object.values(topics).map((t, i) => ({ topic: t, payload: `{"value":${i},"timestamp_ms":1}` }));
    const r = p.process(inputs);
    expect(r.outputs.map((o) => [o.topic, text(o.payload)])).toEqual(
      Object.keys(topics).map((alias, i) => [`o._m_1.${alias}`, `{"value":${i},"timestamp_ms":1}`]));
    const misses = Object.values(topics).flatMap((t) => [t + "x", t.slice(0, -1) + "#", "#" + t.slice(1)])
      .filter((t) => !Object.values(topics).includes(t));
    const m = p.process(misses.map((t) => ({ topic: t, payload: '{"value":1,"timestamp_ms":1}' })));
    expect(m.outputs).toEqual([]);
    expect(m.dropped).toBe(misses.length);
    p.close();
  });
});

describe("host output decoding", () => {
  test("payloads are distinct views of one copy; mutating one changes no other and not the module", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { x: "a + 1", k: "'const'" } });
    const input = [{ topic: sources.a, payload: '{"value":1,"timestamp_ms":9}' }, { topic: sources.a, payload: '{"value":2,"timestamp_ms":10}' }];
    const r = p.process(input);
    const want = ['{"value":2,"timestamp_ms":9}', '{"value":"const","timestamp_ms":9}', '{"value":3,"timestamp_ms":10}', '{"value":"const","timestamp_ms":10}'];
    expect(r.outputs.map((o) => text(o.payload))).toEqual(want);
    expect(r.outputs.map((o) => o.payload.byteLength)).toEqual(want.map((w) => w.length));
    r.outputs[0].payload.fill(0);
    expect(r.outputs.slice(1).map((o) => text(o.payload))).toEqual(want.slice(1));
    // The next batch is unaffected by what the caller did to the last one's payloads.
    expect(p.process(input).outputs.map((o) => text(o.payload))).toEqual(want);
    p.close();
  });

  test("output metadata: same keys and order with or without umh_topic, input untouched", () => {
    const withTopic = { kafka_key: "k", umh_topic: "in", z: "1" };
    const out = outputMetadata(withTopic, "out");
    expect(Object.entries(out)).toEqual([["kafka_key", "k"], ["umh_topic", "out"], ["z", "1"]]);
    expect(withTopic.umh_topic).toBe("in");
    expect(out).not.toBe(withTopic);
    const without = { kafka_key: "k" };
    expect(Object.entries(outputMetadata(without, "out"))).toEqual([["kafka_key", "k"], ["umh_topic", "out"]]);
    expect(without).toEqual({ kafka_key: "k" });
    expect(outputMetadata(undefined, "out")).toEqual({ umh_topic: "out" });
  });
});
