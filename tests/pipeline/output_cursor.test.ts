// The output loop of assembly/pipeline.ts writes constants and finite chains
// with its own cursor while the output area surely has room, and sends every
// other record through the reserving path: both must give the same records,
// from a fresh module's empty area, across growth in mid-batch, and with a trace.
import { describe, expect, it } from "vitest";
import { configure, frame, instantiate, processBatch, readOutputs, writeInput, type RawExports, type RawInput } from "../support/raw_abi";

const PRESS = "umh.v1.x._raw.press", TEMP = "umh.v1.x._raw.temp";
const LONG = "L".repeat(70); // longer than the loop writes itself
const config = {
  model: { name: "m", version: "1" }, output_topic: "umh.v1.x",
  sources: { press: PRESS, temp: TEMP },
  mapping: {
    plus: "press + 4.00001", minus: "4 - press", times: "press * temp", div: "temp / press",
    chain: "press - 1 - 2 - 3", big: "press * 1e308 * 1000", serial: '"SN-P42-008"', long: `"${LONG}"`,
  },
};
const text = (x: number) => JSON.stringify(x);

/**
 * What each input emits, in declaration order (temp starts undefined: chains on
 * it go to the VM and are skipped; `big` is Infinity: the VM's way, an error).
 */
function expected(inputs: { press: number; ts: number }[], temp: number | undefined): string[] {
  const out: string[] = [];
  for (const { press, ts } of inputs) {
    const rec = (v: string) => out.push(`{"value":${v},"timestamp_ms":${ts}}`);
    rec(text(press + 4.00001));
    rec(text(4 - press));
    if (temp !== undefined) { rec(text(press * temp)); rec(text(temp / press)); }
    rec(text(press - 1 - 2 - 3));
    rec('"SN-P42-008"');
    rec(`"${LONG}"`);
  }
  return out;
}

function pressInputs(n: number, from = 0): { press: number; ts: number }[] {
  return Array.from({ length: n }, (_, i) => ({ press: Math.round(((i + from) * 7919) % 6000) / 100 + 0.01, ts: 1733904000000 + (i + from) * 100 }));
}

const frameOf = (inputs: { press: number; ts: number }[]): RawInput[] =>
  inputs.map(({ press, ts }) => ({ topic: PRESS, payload: `{"value":${press},"timestamp_ms":${ts}}` }));

function fresh(): RawExports {
  const x = instantiate();
  expect(configure(x, config)).toBe(0);
  return x;
}

describe("output cursor", () => {
  it("the first batch of a fresh module (output area never used) keeps every record", () => {
    const x = fresh();
    const inputs = pressInputs(3);
    const r = processBatch(x, frameOf(inputs));
    expect(r.errors.map((e) => [e.index, e.mapping, e.message])).toEqual(inputs.map((_, i) => [i, 5, "result is Infinity"]));
    expect(r.outputs.map((o) => o.payload)).toEqual(expected(inputs, undefined));
  });

  it("records stay whole while the output area grows within a batch", () => {
    const x = fresh();
    processBatch(x, [{ topic: TEMP, payload: '{"value":98.6,"timestamp_ms":1}' }]);
    for (const n of [1, 50, 3000]) {
      const inputs = pressInputs(n, n);
      const r = processBatch(x, frameOf(inputs));
      expect(r.outputs.map((o) => o.payload)).toEqual(expected(inputs, 98.6));
      expect(r.outputs.map((o) => o.index)).toEqual(expected(inputs, 98.6).map((_, k) => Math.floor(k / 7)));
    }
  });

  it("a traced batch gives the same records as an untraced one", () => {
    const a = fresh(), b = fresh();
    const inputs = frameOf(pressInputs(200));
    const bytes = frame(inputs);
    // The trace flag is bit 0 of the header's u32 at offset 12 (docs/ABI.md "Batch").
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(12, 1, true);
    writeInput(b, bytes);
    const n = b.process(bytes.length);
    expect(b.trace_len()).toBeGreaterThan(0);
    expect(readOutputs(b, n)).toEqual(processBatch(a, inputs).outputs);
  });
});
