// exportState()/importState(): exact round trips of every value type, and
// rejection of corrupted, truncated, foreign and other-version snapshots with a
// SnapshotError that leaves the current state untouched (docs/ABI.md "State
// snapshot", docs/reliability.md "State that survives").

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SnapshotError, type StreamProcessor } from "../../host/index.js";
import { FUZZ_SEED } from "../fuzz/run.mjs";
import { create, dec } from "./support.js";

const CONFIG = {
  model: { name: "s", version: "v1" },
  output_topic: "out",
  sources: { a: "t.a", b: "t.b", c: "t.c", go: "t.go" },
  mapping: {
    // Shows every alias in a way that tells -0, lone surrogates and types apart.
    view: "`${go}|${typeof a}|${a}|${1 / a}|${typeof b}|${b}|${typeof c}|${c}|${c.length}`",
    sum: "a + b + c",
  },
};
const ALIASES = ["a", "b", "c"] as const;

/** Raw JSON text for a value: numbers as written (so -0, 1e400 and long mantissas get through). */
const jsonValue = fc.oneof(
  fc.double({ noNaN: true }).map((x) => (Object.is(x, -0) ? "-0" : x === Infinity ? "1e400" : x === -Infinity ? "-1e400" : JSON.stringify(x))),
  fc.constantFrom("0", "-0", "5e-324", "1.7976931348623157e308", "9007199254740993", "1e21", "0.1"),
  fc.boolean().map(String),
  fc.string({ unit: "binary", maxLength: 30 }).map((s) => JSON.stringify(s)),  // lone surrogates, NUL, astral
  fc.constantFrom('""', '"\\u0000"', '"\\ud800"', '"\\udc00\\ud800"', '"😀"', '"a\\u0000b\\ud83d"'),
).map((v) => v);
/** Mostly small values, sometimes a string at the 64 Ki-unit limit. */
const anyValue = fc.oneof({ weight: 30, arbitrary: jsonValue }, { weight: 1, arbitrary: fc.constant(`"${"é".repeat(65_536)}"`) });

function fnv(bytes: Uint8Array, end = bytes.length): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** Rewrite the checksum so that only the semantic checks can catch a change. */
function reseal(b: Uint8Array): Uint8Array {
  new DataView(b.buffer, b.byteOffset).setUint32(b.length - 4, fnv(b, b.length - 4), true);
  return b;
}

async function loaded(values: Partial<Record<(typeof ALIASES)[number], string>>): Promise<StreamProcessor> {
  const p = await create(CONFIG);
  const inputs = Object.entries(values).map(([alias, v]) => ({ topic: `t.${alias}`, payload: `{"value":${v},"timestamp_ms":5}` }));
  const r = p.process(inputs);
  expect(r.errors.filter((e) => e.mapping === undefined)).toEqual([]);
  return p;
}

function view(p: StreamProcessor): string[] {
  const r = p.process([{ topic: "t.go", payload: '{"value":"go","timestamp_ms":9}' }]);
  return [...r.outputs.map((o) => dec.decode(o.payload)), ...r.errors.map((e) => `${e.mapping}:${e.code}`)];
}

describe("round trip", () => {
  it("200 random states of numbers (-0, ±Infinity, subnormals), booleans, strings (NUL, lone surrogates, astral, 64 Ki units) and unset aliases survive exactly", async () => {
    await fc.assert(fc.asyncProperty(fc.record({ a: anyValue, b: anyValue, c: anyValue }, { requiredKeys: [] }), async (values) => {
      const a = await loaded(values);
      const snapshot = a.exportState();
      const b = await create(CONFIG);
      b.importState(snapshot);
      expect(b.exportState()).toEqual(snapshot);      // the same bytes: f64 bits and UTF-16 units
      expect(b.metrics().active_variables).toBe(a.metrics().active_variables);
      expect(view(b)).toEqual(view(a));                // and the same behaviour
      a.close(); b.close();
    }), { seed: FUZZ_SEED, numRuns: 200 });
  });

  it("an empty state round-trips, and importing it clears a processor's values", async () => {
    const empty = (await create(CONFIG)).exportState();
    const p = await loaded({ a: "1", b: '"x"', c: "true" });
    p.importState(empty);
    expect(p.exportState()).toEqual(empty);
    expect(p.metrics().active_variables).toBe(0);
    expect(view(p)).toEqual([]); // no alias has a value: nothing to evaluate
  });

  it("the snapshot layout is version 2 of docs/ABI.md", async () => {
    const s = (await loaded({ a: "1.5", b: "true", c: '"hé"' })).exportState();
    const dv = new DataView(s.buffer);
    expect(dec.decode(s.subarray(0, 4))).toBe("SPST");
    expect(dv.getUint32(4, true)).toBe(2);
    expect(dv.getBigUint64(s.length - 20, true) | dv.getBigUint64(s.length - 12, true)).not.toBe(0n); // Math.random's state
    expect(dv.getUint32(12, true)).toBe(4);
    expect([dv.getUint32(16, true), dv.getFloat64(24, true)]).toEqual([3, 1.5]);
    expect([dv.getUint32(32, true), dv.getFloat64(40, true)]).toEqual([2, 1]);
    expect([dv.getUint32(48, true), dv.getUint32(52, true), dv.getUint16(64, true), dv.getUint16(66, true)]).toEqual([4, 2, 0x68, 0xe9]);
    expect(dv.getUint32(s.length - 4, true)).toBe(fnv(s, s.length - 4));
  });
});

describe("rejection leaves the state untouched", () => {
  const VALUES = { a: "-0", b: '"x\\u0000\\ud800😀y"', c: "true" };

  /** Import `bad` into a loaded processor: a SnapshotError whose message matches, and no change. */
  async function rejects(bad: Uint8Array, message: RegExp): Promise<void> {
    const p = await loaded({ a: "7", b: '"before"' });
    const before = p.exportState();
    const metricsBefore = p.metrics();
    let error: unknown;
    try { p.importState(bad); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as SnapshotError).code).toBe("snapshot_invalid");
    expect((error as SnapshotError).message).toMatch(message);
    expect(p.exportState()).toEqual(before);
    expect(p.metrics()).toEqual(metricsBefore);
    p.close();
  }

  it("every single-byte change, at every position, is caught by the checksum", async () => {
    const s = (await loaded(VALUES)).exportState();
    for (let i = 0; i < s.length; i++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const bad = s.slice();
        bad[i] ^= flip;
        await rejects(bad, i < 4 ? /not a stream-processor state snapshot/ : i < 8 ? /unsupported snapshot version/ : /checksum mismatch/);
      }
    }
  });

  it("every truncation and every extension is rejected", async () => {
    const s = (await loaded(VALUES)).exportState();
    for (let n = 0; n < s.length; n++) await rejects(s.slice(0, n), n < 20 ? /too short/ : n < 8 ? /./ : /./);
    for (const extra of [[0], [0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7, 8]]) {
      const longer = new Uint8Array([...s, ...extra]);
      await rejects(longer, /checksum mismatch/);
      await rejects(reseal(longer.slice()), /trailing bytes|not in canonical form|truncated/);
    }
  });

  it("each field class, changed with a valid checksum, is rejected by its own check", async () => {
    const s = (await loaded(VALUES)).exportState();
    const edit = (f: (dv: DataView, b: Uint8Array) => void) => {
      const b = s.slice();
      f(new DataView(b.buffer), b);
      return reseal(b);
    };
    // Layout: header 16; a (number) 16; b (string, 6 units = 12 bytes + 4 pad) 32; c (boolean) 16; go (unset) 16;
    // Math.random's state 16; checksum 4.
    expect(s.length).toBe(16 + 16 + 32 + 16 + 16 + 16 + 4);
    await rejects(edit((dv) => dv.setUint32(4, 3, true)), /unsupported snapshot version 3 \(this module reads versions 1 and 2\)/);
    await rejects(edit((dv) => { dv.setBigUint64(96, 0n, true); dv.setBigUint64(104, 0n, true); }), /the Math.random state is all zeros/);
    await rejects(edit((dv) => dv.setUint32(8, dv.getUint32(8, true) ^ 1, true)), /different sources configuration/);
    await rejects(edit((dv) => dv.setUint32(12, 3, true)), /different sources configuration/);
    await rejects(edit((dv) => dv.setUint32(16, 9, true)), /unknown value tag 9 for alias 'a'/);
    await rejects(edit((dv) => dv.setUint32(16, 1, true)), /unknown value tag 1 for alias 'a'/); // null is never stored
    await rejects(edit((dv) => dv.setUint32(20, 1, true)), /alias 'a' is not in canonical form/);
    // 7 units would still fit the padding (a NUL more: a different, valid snapshot); 9 do not.
    await rejects(edit((dv) => dv.setUint32(36, 9, true)), /truncated at alias|not in canonical form|trailing|unknown value tag/);
    await rejects(edit((dv) => dv.setUint32(36, 0xffffffff, true)), /alias 'b' is longer than 65536 code units/);
    await rejects(edit((dv) => dv.setFloat64(40, 1, true)), /alias 'b' is not in canonical form/);
    await rejects(edit((_dv, b) => { b[32 + 16 + 12] = 1; }), /alias 'b' is not in canonical form/); // padding
    await rejects(edit((dv) => dv.setFloat64(72, 0.5, true)), /alias 'c' is not in canonical form/);  // boolean 0.5
    await rejects(edit((dv) => dv.setFloat64(88, 1, true)), /alias 'go' is not in canonical form/);   // unset with a number
  });

  it("a snapshot of another sources configuration, another version, or no snapshot at all is rejected", async () => {
    const s = (await loaded(VALUES)).exportState();
    const other = await create({ ...CONFIG, sources: { ...CONFIG.sources, c: "t.other" } });
    await expect(async () => other.importState(s)).rejects.toThrow(/different sources configuration/);
    const reordered = await create({ ...CONFIG, sources: { b: "t.b", a: "t.a", c: "t.c", go: "t.go" } });
    await expect(async () => reordered.importState(s)).rejects.toThrow(/different sources configuration/);
    for (const junk of [new Uint8Array(0), new TextEncoder().encode('{"a":1}'), new Uint8Array(100_000).fill(0x53)]) {
      await rejects(junk, /too short|not a stream-processor state snapshot/);
    }
  });

  it("a version-1 snapshot (no Math.random state) is still read", async () => {
    const s = (await loaded(VALUES)).exportState();
    const v1 = reseal(new Uint8Array([...s.subarray(0, s.length - 20), 0, 0, 0, 0]));
    new DataView(v1.buffer).setUint32(4, 1, true);
    reseal(v1);
    const p = await create(CONFIG);
    p.importState(v1);
    expect(view(p)).toEqual(view(await loaded(VALUES)));
  });

  it("a snapshot is tied to sources, not mappings: another mapping set over the same sources accepts it", async () => {
    const s = (await loaded(VALUES)).exportState();
    const p = await create({ ...CONFIG, mapping: { only: "a" } });
    p.importState(s);
    expect(p.exportState()).toEqual(s);
  });

  it("a string longer than the importing processor's valueStringUnits limit is rejected", async () => {
    const s = (await loaded({ b: `"${"x".repeat(100)}"` })).exportState();
    const p = await create(CONFIG, { limits: { valueStringUnits: 99 } });
    expect(() => p.importState(s)).toThrow(/alias 'b' is longer than 99 code units/);
  });

  it("a non-Uint8Array is a TypeError", async () => {
    const p = await create(CONFIG);
    expect(() => p.importState("SPST" as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe("Math.random across a restart", () => {
  it("a processor restored from a snapshot continues the generator exactly, whatever its own seed", async () => {
    const config = { model: { name: "r", version: "v1" }, output_topic: "out", sources: { a: "t.a" }, mapping: { r: "Math.random() + a" } };
    const input = (t: number) => [{ topic: "t.a", payload: `{"value":0,"timestamp_ms":${t}}` }];
    const values = (p: StreamProcessor, t: number) => p.process(input(t)).outputs.map((o) => dec.decode(o.payload));
    const first = await create(config, { seed: 11 });
    for (let t = 1; t <= 5; t++) values(first, t);
    const restored = await create(config, { seed: 99 });
    restored.importState(first.exportState());
    const fresh = await create(config, { seed: 99 });
    for (let t = 6; t <= 10; t++) {
      const expected = values(first, t);
      expect(values(restored, t)).toEqual(expected);
      expect(values(fresh, t)).not.toEqual(expected);
    }
  });
});
