// Why a mapping did or did not fire: StreamProcessor.explain() and
// process(…, { trace: true }), checked against what the processor actually did.

import { describe, expect, it } from "vitest";
import { StreamProcessor, type Message, type ProcessResult, type TraceEntry } from "../../host/index.js";
import { BASE, PRESS, PUMP, RUN, TEMP } from "./pump.js";

const msg = (topic: string | undefined, value: unknown, t = 1000): Message =>
  topic === undefined ? { payload: JSON.stringify({ value, timestamp_ms: t }) } : { topic, payload: JSON.stringify({ value, timestamp_ms: t }) };
const create = () => StreamProcessor.create(PUMP, { seed: 1, clock: () => 0 });
const mapping = (p: StreamProcessor, path: string) => p.explain().mappings.find((m) => m.path === path)!;

describe("explain: what a mapping waits for", () => {
  it("names the alias a mapping waits for; once it arrives the mapping fires and waits for nothing", async () => {
    const p = await create();
    expect(mapping(p, "combined")).toMatchObject({ kind: "dynamic", dependencies: ["press", "tF"], waitingFor: ["press", "tF"], outputs: 0, skipped: 0 });
    p.process([msg(PRESS, 10), msg(PRESS, 11)]);
    expect(mapping(p, "combined")).toMatchObject({ waitingFor: ["tF"], outputs: 0, skipped: 2 });
    expect(p.explain().sources.find((s) => s.alias === "tF")).toEqual({ alias: "tF", topic: TEMP, hasValue: false, updates: 0, invalid: 0 });
    const r = p.process([msg(TEMP, 70, 2000)]);
    expect(r.outputs.map((o) => o.topic)).toContain(`${BASE}._pump_v1.combined`);
    expect(mapping(p, "combined")).toMatchObject({ waitingFor: [], outputs: 1, skipped: 2 });
    expect(p.explain().sources.find((s) => s.alias === "tF")).toEqual({ alias: "tF", topic: TEMP, hasValue: true, updates: 1, invalid: 0, lastTimestampMs: 2000 });
  });

  it("counts errors by code and keeps the last error's message", async () => {
    const p = await create();
    p.process([msg(PRESS, "abc"), msg(PRESS, 4)]); // motor.rpm: "abc" / 4 is NaN
    p.process([{ topic: PRESS, payload: "{oops" }]);
    expect(mapping(p, "motor.rpm")).toMatchObject({ outputs: 1, errors: 1, errorsByCode: { non_finite_result: 1 },
      lastError: { code: "non_finite_result", message: "result is NaN" } });
    expect(p.explain().sources[0]).toMatchObject({ alias: "press", updates: 2, invalid: 1 });
  });

  it("counts the codes of issue 17 (regex_limit 17, syntax_error 18, callback_limit 19) in their own slots", async () => {
    const p = await StreamProcessor.create({ ...PUMP, mapping: {
      re: "/(a|a)*b/.test(String(press).padEnd(40, 'a').replace(/[^a]/g, 'a')) ? 1 : 0",
      json: "JSON.parse(String(press) + '}')",
      cb: "[Array.from(String(press).padEnd(4000, '0'))].map(a => a.reduce((s, x) => s + a.reduce((t, y) => t + 1, 0), 0))[0]",
    } }, { seed: 1, clock: () => 0 });
    p.process([msg(PRESS, 7), msg(PRESS, 8)]);
    const byPath = (path: string) => mapping(p, path).errorsByCode;
    expect([byPath("re"), byPath("json"), byPath("cb")]).toEqual([{ regex_limit: 2 }, { syntax_error: 2 }, { callback_limit: 2 }]);
  });
});

describe("explain: dropped inputs and near-miss topics", () => {
  it("reports a topic that differs from a source by case, or by a typo, as a near miss; others not", async () => {
    const p = await create();
    const caseDiff = PRESS.replace("press", "Press");
    const typo = TEMP.replace("tempF", "tmepF");
    p.process([msg(caseDiff, 1), msg(caseDiff, 2), msg(typo, 3), msg(`${BASE}._raw.vibration`, 4), msg(undefined, 5), msg(caseDiff, 6)]);
    const d = p.explain().dropped;
    expect(d).toEqual({
      noTopic: 1,
      unknownTopic: 5,
      nearMisses: [
        { topic: caseDiff, didYouMean: PRESS, count: 3 },
        { topic: typo, didYouMean: TEMP, count: 1 },
      ],
      nearMissesNotListed: 0,
    });
  });

  it("keeps 16 near-miss topics and counts the rest; classifies at most 32 new topics per batch", async () => {
    const p = await create();
    // 40 distinct topics one edit from PRESS, in one batch.
    const near = Array.from({ length: 40 }, (_, i) => msg(`${PRESS.slice(0, -1)}${String.fromCharCode(65 + i)}`, i));
    p.process(near);
    let d = p.explain().dropped;
    expect(d.unknownTopic).toBe(40);
    expect(d.nearMisses).toHaveLength(16);
    expect(d.nearMissesNotListed).toBe(32 - 16); // 8 topics were over this batch's budget
    p.process(near);
    d = p.explain().dropped;
    expect(d.nearMisses.reduce((a, n) => a + n.count, 0) + d.nearMissesNotListed).toBe(32 + 40);
  });
});

/** A generated stream: every source, bad payloads, errors, unknown and missing topics. */
function stream(n: number, seed: number): Message[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const out: Message[] = [];
  for (let i = 0; i < n; i++) {
    const k = rnd();
    if (k < 0.35) out.push(msg(PRESS, rnd() < 0.1 ? "n/a" : Math.round(rnd() * 1000) / 10, i + 1));
    else if (k < 0.6) out.push(msg(TEMP, rnd() * 200, i + 1));
    else if (k < 0.7) out.push(msg(RUN, rnd() < 0.5, i + 1));
    else if (k < 0.78) out.push({ topic: [PRESS, TEMP, RUN][i % 3], payload: rnd() < 0.5 ? "{bad" : `{"value":null,"timestamp_ms":1}` });
    else if (k < 0.88) out.push(msg(`${BASE}._raw.other${i % 50}`, 1, i + 1));
    else if (k < 0.93) out.push(msg(RUN.toUpperCase(), 1, i + 1));
    else out.push(msg(undefined, 1, i + 1));
  }
  return out;
}

describe("explain and trace agree with what was produced", () => {
  it("over 100k generated messages, every counter equals the outputs, error records and drops, and trace entries match each batch", async () => {
    const p = await create();
    const messages = stream(100_000, 7);
    const outputsByPath = new Map<string, number>(), errorsByPath = new Map<string, number>(), skippedByPath = new Map<string, number>();
    const updates = new Map<string, number>(), invalid = new Map<string, number>();
    let dropped = 0, noTopic = 0;
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    const paths = new Map(p.mappings().map((m) => [m.topic, m.path]));
    for (let i = 0; i < messages.length; i += 1000) {
      const batch = messages.slice(i, i + 1000);
      const r: ProcessResult = p.process(batch, { trace: true });
      const trace = r.trace as TraceEntry[];
      expect(trace.map((t) => t.index)).toEqual(batch.map((_, k) => k));
      // The fired mappings, in order, are the outputs; the error entries are the mapping error records.
      expect(trace.flatMap((t) => t.mappings.filter((m) => m.result === "fired").map((m) => `${t.index}:${m.path}`)))
        .toEqual(r.outputs.map((o, k) => `${outputInput(trace, k)}:${paths.get(o.topic)}`));
      expect(trace.flatMap((t) => t.mappings.filter((m) => m.result === "error").map((m) => `${t.index}:${m.path}:${m.code}`)))
        .toEqual(r.errors.filter((e) => e.mapping !== undefined).map((e) => `${e.index}:${e.mapping}:${e.code}`));
      expect(trace.filter((t) => t.outcome === "invalid").map((t) => t.index)).toEqual(r.errors.filter((e) => e.mapping === undefined).map((e) => e.index));
      expect(trace.filter((t) => t.outcome === "dropped").length).toBe(r.dropped);
      for (const o of r.outputs) bump(outputsByPath, paths.get(o.topic)!);
      for (const e of r.errors) if (e.mapping !== undefined) bump(errorsByPath, e.mapping);
      for (const t of trace) {
        for (const m of t.mappings) if (m.result === "skipped") bump(skippedByPath, m.path);
        if (t.outcome === "processed") bump(updates, t.alias!);
        if (t.outcome === "invalid") bump(invalid, t.alias!);
        if (t.reason === "no topic") noTopic++;
      }
      dropped += r.dropped;
    }
    const e = p.explain();
    for (const m of e.mappings) {
      expect([m.path, m.outputs, m.errors, m.skipped]).toEqual([m.path, outputsByPath.get(m.path) ?? 0, errorsByPath.get(m.path) ?? 0, skippedByPath.get(m.path) ?? 0]);
    }
    for (const s of e.sources) expect([s.alias, s.updates, s.invalid]).toEqual([s.alias, updates.get(s.alias) ?? 0, invalid.get(s.alias) ?? 0]);
    expect(e.dropped.noTopic).toBe(noTopic);
    expect(e.dropped.noTopic + e.dropped.unknownTopic).toBe(dropped);
    expect(e.dropped.nearMisses).toEqual([{ topic: RUN.toUpperCase(), didYouMean: RUN, count: expect.any(Number) }]);
    expect(e.mappings.reduce((a, m) => a + m.outputs, 0)).toBe(p.metrics().outputs_generated);
    expect(e.mappings.reduce((a, m) => a + m.errors, 0)).toBe(p.metrics().expression_errors);
    expect(outputsByPath.size).toBeGreaterThan(4);
    expect(skippedByPath.size).toBeGreaterThan(0);
  });
});

/** The input index of output k, from the trace's fired entries (outputs follow them in order). */
function outputInput(trace: readonly TraceEntry[], k: number): number {
  for (const t of trace) {
    const fired = t.mappings.filter((m) => m.result === "fired").length;
    if (k < fired) return t.index;
    k -= fired;
  }
  return -1;
}
