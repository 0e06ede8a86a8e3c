// docs/behaviour.md §4–6 through the Node host: which mappings are emitted when, with
// what values, and what becomes an error record instead.
import { describe, expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";

const dec = new TextDecoder();
const sources = { a: "umh.v1.x._raw.a", b: "umh.v1.x._raw.b", s: "umh.v1.x._raw.s" };
const base = { model: { name: "m", version: "1" }, output_topic: "umh.v1.x", sources };
const msg = (alias: keyof typeof sources, value: unknown, ts = 1, metadata?: Record<string, string>) =>
  ({ topic: sources[alias], payload: JSON.stringify({ value, timestamp_ms: ts }), metadata });
const values = (r: { outputs: { topic: string; payload: Uint8Array }[] }) =>
  r.outputs.map((o) => [o.topic.slice("umh.v1.x._m_1.".length), JSON.parse(dec.decode(o.payload)).value]);

describe("emission rules", () => {
  test("statics go out on every valid input; dynamics only when triggered and complete", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { sum: "a + b", k: "'K'", onlyA: "a * 2" } });
    expect(values(p.process([msg("a", 1)]))).toEqual([["k", "K"], ["onlyA", 2]]);
    expect(values(p.process([msg("b", 10)]))).toEqual([["sum", 11], ["k", "K"]]);
    expect(values(p.process([msg("s", "x")]))).toEqual([["k", "K"]]);
    expect(values(p.process([msg("a", 5)]))).toEqual([["sum", 15], ["k", "K"], ["onlyA", 10]]);
    p.close();
  });

  test("outputs follow input order, then mapping declaration order", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { z: "a", y: { x: "b" }, w: "a + b" } });
    const r = p.process([msg("a", 1), msg("b", 2), msg("a", 3)]);
    expect(values(r)).toEqual([["z", 1], ["y.x", 2], ["w", 3], ["z", 3], ["w", 5]]);
    p.close();
  });

  test("last write wins, even with an older timestamp; outputs carry the trigger's timestamp", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { v: "a" } });
    p.process([msg("a", 1, 200)]);
    const r = p.process([msg("a", 2, 100)]);
    expect(r.outputs.map((o) => dec.decode(o.payload))).toEqual(['{"value":2,"timestamp_ms":100}']);
    p.close();
  });

  test("an invalid message does not update the state", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { sum: "a + b" } });
    p.process([msg("a", 1), msg("b", 2)]);
    const r = p.process([{ topic: sources.a, payload: '{"value":[1],"timestamp_ms":5}' }, msg("b", 3)]);
    expect(values(r)).toEqual([["sum", 4]]);
    expect(r.errors.map((e) => [e.index, e.code])).toEqual([[0, "invalid_value_type"]]);
    p.close();
  });

  test("folded string constants survive later evaluations", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: {
      k1: '"ab" + "cd"', d1: 'a + ("xy" + "zw").toUpperCase()', k2: '"q".repeat(3) + "r"',
      d2: '`${"lo" + "ng"}-${a}`', k3: '("x" + 1).padStart(6, "-")' } });
    for (const v of ["V", "W"]) {
      expect(values(p.process([msg("a", v)]))).toEqual([
        ["k1", "abcd"], ["d1", v + "XYZW"], ["k2", "qqqr"], ["d2", "long-" + v], ["k3", "----x1"]]);
    }
    p.close();
  });

  test("pure statics are computed once; volatile ones per emission", async () => {
    let clock = 1000;
    const p = await StreamProcessor.create(
      { ...base, mapping: { now: "Date.now()", rnd: "Math.random()", pi: "Math.PI * 2" } },
      { clock: () => clock, seed: 7 });
    expect(p.mappings().map((m) => m.kind)).toEqual(["volatile", "volatile", "constant"]);
    const first = values(p.process([msg("a", 1), msg("a", 2)]));
    clock = 2000;
    const second = values(p.process([msg("a", 3)]));
    expect(first.filter(([k]) => k === "now").map(([, v]) => v)).toEqual([1000, 1000]);
    expect(second.filter(([k]) => k === "now").map(([, v]) => v)).toEqual([2000]);
    const randoms = [...first, ...second].filter(([k]) => k === "rnd").map(([, v]) => v as number);
    expect(new Set(randoms).size).toBe(3);
    for (const r of randoms) expect(r >= 0 && r < 1).toBe(true);
    expect([...first, ...second].filter(([k]) => k === "pi").map(([, v]) => v)).toEqual([2 * Math.PI, 2 * Math.PI, 2 * Math.PI]);
    p.close();
    // The same seed gives the same sequence.
    const q = await StreamProcessor.create({ ...base, mapping: { rnd: "Math.random()" } }, { seed: 7 });
    const again = values(q.process([msg("a", 1), msg("a", 2), msg("a", 3)])).map(([, v]) => v);
    expect(again).toEqual(randoms);
    q.close();
  });

  test("NaN, Infinity, null and undefined results are error records, not outputs", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: {
      nan: "a / 0 - a / 0", inf: "a / 0", ninf: "-a / 0", nul: "a > 0 ? null : 1", und: "void a", ok: "a" } });
    const r = p.process([msg("a", 1)]);
    expect(values(r)).toEqual([["ok", 1]]);
    expect(r.errors.map((e) => [e.index, e.mapping, e.code, e.message])).toEqual([
      [0, "nan", "non_finite_result", "result is NaN"],
      [0, "inf", "non_finite_result", "result is Infinity"],
      [0, "ninf", "non_finite_result", "result is -Infinity"],
      [0, "nul", "nullish_result", "result is null"],
      [0, "und", "nullish_result", "result is undefined"],
    ]);
    expect(p.metrics().expression_errors).toBe(5);
    p.close();
  });

  test("a constant that cannot be emitted is an error record on every input", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { bad: "0 / 0", good: "1" } });
    const r = p.process([msg("a", 1), msg("b", 2)]);
    expect(values(r)).toEqual([["good", 1], ["good", 1]]);
    expect(r.errors.map((e) => [e.index, e.mapping, e.code])).toEqual([[0, "bad", "non_finite_result"], [1, "bad", "non_finite_result"]]);
    p.close();
  });

  test("a run-time TypeError is an error record for that mapping only", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { up: "a.toUpperCase()", n: "a + 1" } });
    const r = p.process([msg("a", 5), msg("a", "x")]);
    expect(values(r)).toEqual([["n", 6], ["up", "X"], ["n", "x1"]]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ index: 0, mapping: "up", code: "type_error" });
    expect(r.errors[0].message).toMatch(/toUpperCase is not a function/);
    p.close();
  });

  test("metrics count every outcome", async () => {
    const p = await StreamProcessor.create({ ...base, mapping: { v: "a", e: "a / 0" } });
    p.process([
      msg("a", 1), msg("b", 2), { topic: "umh.v1.other", payload: "junk" }, { topic: sources.a, payload: "junk" },
      { topic: sources.a, payload: '{"value":{},"timestamp_ms":1}' }, { payload: "{}" } as never,
    ]);
    expect(p.metrics()).toEqual({
      messages_processed: 2, messages_dropped: 2, messages_errored: 2, invalid_data_type: 1,
      outputs_generated: 1, expression_errors: 1, active_mappings: 2, active_variables: 2,
    });
    p.close();
  });
});
