// docs/behaviour.md §8 / docs/ABI.md set_limit ids 0–7: each limit at, below and
// above its boundary through StreamProcessor.create's `limits` option, and the
// defaults at their boundaries. Exceeding a limit is a config error or an error
// record (the rest of the batch unaffected), never a trap.

import { describe, expect, it } from "vitest";
import { ConfigError } from "../../host/index.js";
import { LIMIT_MAX } from "../../host/options.js";
import { brief, codes, configError, create, msg, PRESS, SPEC_CONFIG, TEMP } from "./support.js";

const one = (mapping: Record<string, unknown>, sources: Record<string, string> = { s: "t" }) =>
  ({ model: { name: "m", version: "v1" }, output_topic: "o", sources, mapping });

describe("limit 0: expression text, UTF-8 bytes", () => {
  // A string literal of `bytes` UTF-8 bytes, mostly 2-byte characters.
  const expr = (bytes: number) => (bytes % 2 === 0 ? `"${"é".repeat((bytes - 2) / 2)}"` : `"${"é".repeat((bytes - 3) / 2)}x"`);
  it("accepts an expression of exactly the limit and one byte less; rejects one byte more", async () => {
    for (const n of [63, 64]) {
      expect(new TextEncoder().encode(expr(n)).length).toBe(n);
      const p = await create(one({ m: expr(n) }), { limits: { expressionBytes: 64 } });
      p.close();
    }
    expect(new TextEncoder().encode(expr(65)).length).toBe(65);
    const e = await configError(one({ m: expr(65) }), { limits: { expressionBytes: 64 } });
    expect(e.diagnostics).toMatchObject([{ code: "config_limit", path: "m", message: "mapping 'm': expression longer than 64 bytes" }]);
  });

  it("default 4096 bytes", async () => {
    (await create(one({ m: `"${"x".repeat(4094)}"` }))).close();
    const e = await configError(one({ m: `"${"x".repeat(4095)}"` }));
    expect(e.diagnostics[0].code).toBe("config_limit");
  });
});

describe("limit 1: number of mappings", () => {
  const mappings = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, "s + 1"]));
  it("at, below, above", async () => {
    for (const n of [2, 3]) (await create(one(mappings(n)), { limits: { mappings: 3 } })).close();
    const e = await configError(one(mappings(4)), { limits: { mappings: 3 } });
    expect(e.diagnostics).toMatchObject([{ code: "config_limit", path: "mapping", message: "too many mappings: 4 (limit 3)" }]);
  });

  it("default 10 000", async () => {
    (await create(one(mappings(10_000)))).close();
    expect((await configError(one(mappings(10_001)))).message).toBe("too many mappings: 10001 (limit 10000)");
  });
});

describe("limit 2: number of sources", () => {
  const sources = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, `t${i}`]));
  it("at, below, above", async () => {
    for (const n of [1, 2]) (await create(one({}, sources(n)), { limits: { sources: 2 } })).close();
    const e = await configError(one({}, sources(3)), { limits: { sources: 2 } });
    expect(e.diagnostics).toMatchObject([{ code: "config_limit", path: "sources", message: "too many sources: 3 (limit 2)" }]);
  });

  it("default 10 000", async () => {
    (await create(one({}, sources(10_000)))).close();
    expect((await configError(one({}, sources(10_001)))).message).toBe("too many sources: 10001 (limit 10000)");
  });
});

describe("limit 3: payload bytes", () => {
  const sized = (bytes: number) => {
    const head = '{"value":1,"timestamp_ms":5,"p":"';
    return `${head}${"a".repeat(bytes - head.length - 2)}"}`;
  };
  it("accepts a payload of the limit and one byte less; one byte more is payload_too_large, alone", async () => {
    const p = await create(SPEC_CONFIG, { limits: { payloadBytes: 100 } });
    const r = p.process([99, 100, 101, 100].map((n) => ({ topic: PRESS, payload: sized(n) })));
    expect(codes(r)).toEqual(["2:payload_too_large"]);
    expect(r.errors[0].message).toBe("payload larger than 100 bytes");
    expect(r.outputs).toHaveLength(3 * 3);
    expect(p.metrics()).toMatchObject({ messages_processed: 3, messages_errored: 1 });
  });

  it("default 1 MiB", async () => {
    const p = await create(SPEC_CONFIG);
    const r = p.process([1 << 20, (1 << 20) + 1].map((n) => ({ topic: PRESS, payload: sized(n) })));
    expect(codes(r)).toEqual(["1:payload_too_large"]);
  });
});

describe("limit 4: string value in a payload, UTF-16 code units", () => {
  it("counts UTF-16 units (an astral character is two); limit + 1 is string_too_long", async () => {
    const p = await create(one({ len: "s.length" }), { limits: { valueStringUnits: 10 } });
    const r = p.process([
      msg("t", "x".repeat(9)), msg("t", "x".repeat(10)), msg("t", "😀".repeat(5)), msg("t", "x".repeat(11)), msg("t", "😀".repeat(5) + "x"),
    ]);
    expect(brief(r).map((l) => l.split("=")[1])).toEqual([9, 10, 10].map((n) => `{"value":${n},"timestamp_ms":1000}`));
    expect(codes(r)).toEqual(["3:string_too_long", "4:string_too_long"]);
    expect(r.errors[0].message).toBe("string value longer than 10 code units");
  });

  it("default 65 536 units", async () => {
    const p = await create(one({ len: "s.length" }));
    const r = p.process([msg("t", "x".repeat(65_536)), msg("t", "x".repeat(65_537))]);
    expect(codes(r)).toEqual(["1:string_too_long"]);
    expect(r.outputs).toHaveLength(1);
  });
});

describe("limit 5: any string built during evaluation, UTF-16 code units", () => {
  it("a result of the limit is emitted; one unit more is a string_limit error for that mapping only", async () => {
    const p = await create(one({ a: "s.repeat(10)", b: "s.length" }), { limits: { evalStringUnits: 100 } });
    const r = p.process([msg("t", "x".repeat(9)), msg("t", "x".repeat(10)), msg("t", "x".repeat(11))]);
    expect(codes(r)).toEqual(["2:a:string_limit"]);
    expect(brief(r).filter((l) => l.startsWith("b=")).map((l) => l.slice(2))).toEqual([9, 10, 11].map((n) => `{"value":${n},"timestamp_ms":1000}`));
    expect(p.metrics().expression_errors).toBe(1);
  });

  it("default 1 Mi units", async () => {
    const p = await create(one({ a: "s.repeat(1024 * 1024)", b: "(s + s).repeat(512 * 1024 + 1)" }));
    const r = p.process([msg("t", "x")]);
    expect(codes(r)).toEqual(["0:b:string_limit"]);
    expect(r.outputs[0].payload.length).toBe((1 << 20) + '{"value":"","timestamp_ms":1000}'.length);
  });
});

describe("limit 6: scratch memory of one evaluation, bytes", () => {
  it("an evaluation that needs more scratch memory than the limit is a memory_limit error for that mapping only", async () => {
    // s + "x" builds one string of (units + 1) × 2 bytes in the scratch memory.
    const p = await create(one({ a: 's + "x"', b: "s.length" }), { limits: { evalArenaBytes: 65_536 } });
    const r = p.process([msg("t", "x".repeat(32_766)), msg("t", "x".repeat(32_767)), msg("t", "x".repeat(32_768))]);
    expect(codes(r)).toEqual(["2:a:memory_limit"]);
    expect(brief(r).filter((l) => l.startsWith("b="))).toHaveLength(3);
  });
});

describe("limit 7: input area, bytes", () => {
  const framed = (payload: number) => 16 + 12 + ((PRESS.length + payload + 3) & ~3);
  it("a batch that fits the area exactly is processed; a message one byte larger is a payload_too_large error that changes nothing", async () => {
    const p = await create(SPEC_CONFIG, { limits: { inputAreaBytes: 4096 } });
    const payload = (n: number) => `{"value":1,"timestamp_ms":5,"p":"${"a".repeat(n - 35)}"}`;
    const fit = 4096 - 16 - 12 - PRESS.length;
    expect(framed(fit)).toBe(4096);
    expect(p.process([{ topic: PRESS, payload: payload(fit) }]).outputs).toHaveLength(3);
    const before = p.exportState();
    expect(p.process([{ topic: PRESS, payload: payload(fit + 1).replace('"value":1', '"value":2') }]).errors).toEqual([{
      index: 0, code: "payload_too_large", message: "message of 4100 bytes framed does not fit the input area of 4096 bytes (limits.inputAreaBytes)",
    }]);
    expect(p.exportState()).toEqual(before);
    expect(p.process([{ topic: TEMP, payload: payload(100) }]).errors).toEqual([]);
  });
});

describe("limit values", () => {
  it("each limit accepts 1 and its maximum; 0, its maximum + 1, fractions and non-numbers are RangeErrors naming the range", async () => {
    for (const [name, max] of Object.entries(LIMIT_MAX)) {
      // The maximum of the byte sizes would reserve memory only when used: creating is cheap.
      (await create(SPEC_CONFIG, { limits: { [name]: max } })).close();
      for (const bad of [0, max + 1, 1.5, -1, Number.NaN, "7"]) {
        await expect(create(SPEC_CONFIG, { limits: { [name]: bad as number } })).rejects.toThrow(
          new RangeError(`limit ${name} must be an integer from 1 to ${max}, got ${String(bad)}`));
      }
    }
  });

  it("a config error is still a ConfigError under tight limits", async () => {
    const e = await configError(one({ m: "s +" }), { limits: { expressionBytes: 1 } });
    expect(e).toBeInstanceOf(ConfigError);
  });
});
