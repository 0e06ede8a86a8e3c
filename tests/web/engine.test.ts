// web/src/engine.ts in Node: the playground's run over the real module, with
// each output and error on its input line, and the module's explain report.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultWasmPath } from "../../host/module.js";
import { runPlayground } from "../../web/src/engine.js";

const wasm = new WebAssembly.Module(readFileSync(defaultWasmPath()));
const CONFIG = `model: {name: m, version: v1}
output_topic: o
sources: {press: t.press, temp: t.temp}
mapping:
  half: press / 2
  both: press + temp
`;
const line = (topic: string, value: unknown, ts: number): string => JSON.stringify({ topic, payload: { value, timestamp_ms: ts } });

describe("playground run", () => {
  it("gives each output and error its input line, counting blank and unreadable lines like the CLI", async () => {
    const input = [line("t.press", 10, 1), "", "not json", line("t.press", "x", 2), line("t.press", 8, 3)].join("\n");
    const r = await runPlayground(CONFIG, input, wasm);
    if (!r.ok) throw new Error("config rejected");
    // Line 4's "x" makes `press / 2` NaN: an error on line 4, no output.
    expect(r.outputs.map((o) => [o.line, o.jsonl])).toEqual([
      [1, '{"topic":"o._m_v1.half","payload":{"value":5,"timestamp_ms":1},"metadata":{"umh_topic":"o._m_v1.half"}}'],
      [5, '{"topic":"o._m_v1.half","payload":{"value":4,"timestamp_ms":3},"metadata":{"umh_topic":"o._m_v1.half"}}'],
    ]);
    expect(r.errors.map((e) => [e.line, e.code, e.mapping])).toEqual([[3, "unreadable_line", undefined], [4, "non_finite_result", "half"]]);
    expect(r.inputs).toBe(3);
    // The module's trace of each line that was read (the unreadable line 3 has none).
    expect(r.traces.map((t) => [t.line, t.trace.outcome, t.trace.mappings.map((m) => `${m.path} ${m.result}`)])).toEqual([
      [1, "processed", ["half fired", "both skipped"]],
      [4, "processed", ["half error", "both skipped"]],
      [5, "processed", ["half fired", "both skipped"]],
    ]);
  });

  it("carries the module's explain report: what each mapping waits for, its counts, near-miss topics", async () => {
    const input = [line("t.pres", 1, 1), line("t.pres", 2, 2), line("t.press", 4, 3), line("elsewhere.x", 1, 4)].join("\n");
    const r = await runPlayground(CONFIG, input, wasm);
    if (!r.ok) throw new Error("config rejected");
    expect(r.explanation.mappings.map((m) => [m.path, m.kind, m.dependencies, m.waitingFor, m.outputs, m.skipped, m.errors])).toEqual([
      ["half", "dynamic", ["press"], [], 1, 0, 0],
      ["both", "dynamic", ["press", "temp"], ["temp"], 0, 1, 0],
    ]);
    expect(r.dropped).toBe(3);
    expect(r.explanation.dropped).toEqual({
      noTopic: 0, unknownTopic: 3, nearMisses: [{ topic: "t.pres", didYouMean: "t.press", count: 2 }], nearMissesNotListed: 0,
    });
  });

  it("returns the module's diagnostics for an invalid config", async () => {
    const r = await runPlayground(CONFIG.replace("press / 2", "pres / 2"), "", wasm);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => [d.code, d.path, d.span])).toEqual([["unknown_identifier", "half", [0, 4]]]);
  });
});
