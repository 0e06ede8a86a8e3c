// A batch larger than the module's input area is processed in parts that fit,
// with the result of processing them one after another: the same outputs in
// the same order, error indexes counted over the whole batch, the same drops,
// metrics and state. Only a single message too large for the area is an error.

import { describe, expect, it, vi } from "vitest";
import { ModuleInstance } from "../../host/module.js";
import type { Message, ProcessResult } from "../../host/message.js";
import { create, dec, msg, PRESS, RUN, SPEC_CONFIG, TEMP } from "./support.js";

const AREA = 4096;

/** A mixed stream: values, strings with multi-byte characters, bad payloads, unknown topics, metadata. */
function stream(n: number): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 7;
    if (k === 0) out.push(msg(PRESS, i * 1.5, 1000 + i));
    else if (k === 1) out.push({ ...msg(TEMP, "é✓".repeat(i % 40), 1000 + i), metadata: { n: String(i) } });
    else if (k === 2) out.push(msg(RUN, i % 2 === 0, 1000 + i));
    else if (k === 3) out.push({ topic: `${PRESS}.nope`, payload: "{}" });
    else if (k === 4) out.push({ topic: PRESS, payload: `{"value":1,"timestamp_ms":` });
    else if (k === 5) out.push({ payload: new TextEncoder().encode(`{"value":${i},"timestamp_ms":${i}}`), metadata: { umh_topic: TEMP } });
    else out.push(msg(PRESS, "x".repeat(200 + (i % 300)), 1000 + i));
  }
  return out;
}

function plain(r: ProcessResult) {
  return {
    outputs: r.outputs.map((o) => ({ topic: o.topic, payload: dec.decode(o.payload), metadata: o.metadata })),
    errors: r.errors,
    dropped: r.dropped,
  };
}

/** The results of processing `messages` one at a time, merged as one batch's result. */
function oneByOne(results: ProcessResult[]) {
  return {
    outputs: results.flatMap((r) => plain(r).outputs),
    errors: results.flatMap((r, i) => r.errors.map((e) => ({ ...e, index: i }))),
    dropped: results.reduce((a, r) => a + r.dropped, 0),
  };
}

describe("a batch larger than the input area", () => {
  it("is split into parts with the result of processing its messages one after another", async () => {
    const messages = stream(700);
    const bytes = messages.reduce((a, m) => a + (typeof m.payload === "string" ? Buffer.byteLength(m.payload) : m.payload.length), 0);
    expect(bytes).toBeGreaterThan(10 * AREA); // so it must split into many parts

    const split = await create(SPEC_CONFIG, { limits: { inputAreaBytes: AREA } });
    const single = await create(SPEC_CONFIG, { limits: { inputAreaBytes: AREA } });
    const big = await create(SPEC_CONFIG);
    const got = plain(split.process(messages));
    const expected = oneByOne(messages.map((m) => single.process([m])));
    expect(got.outputs.length).toBeGreaterThan(500);
    expect(got.errors.length).toBeGreaterThan(50);
    expect(got).toEqual(expected);
    expect(got).toEqual(plain(big.process(messages)));
    expect(split.metrics()).toEqual(single.metrics());
    expect(split.exportState()).toEqual(single.exportState());
  });

  it("a single message over the payload limit in the middle is payload_too_large, as from a large area", async () => {
    const limits = { inputAreaBytes: AREA, payloadBytes: 1024 };
    const huge = msg(PRESS, "y".repeat(3 * AREA), 5000);
    const hugeUnknown = { topic: `${PRESS}.elsewhere`, payload: "z".repeat(3 * AREA) };
    const messages = [...stream(40), huge, hugeUnknown, ...stream(40)];
    const split = await create(SPEC_CONFIG, { limits });
    const large = await create(SPEC_CONFIG, { limits: { payloadBytes: 1024 } });
    const got = split.process(messages);
    expect(plain(got)).toEqual(plain(large.process(messages)));
    expect(got.errors).toContainEqual({ index: 40, code: "payload_too_large", message: "payload larger than 1024 bytes" });
    expect(split.metrics()).toEqual(large.metrics());
  });

  it("a message that fits the payload limit but not the area is payload_too_large from the host; the rest goes on", async () => {
    const split = await create(SPEC_CONFIG, { limits: { inputAreaBytes: AREA } });
    const messages = [msg(PRESS, 1, 1), msg(PRESS, "w".repeat(2 * AREA), 2), msg(PRESS, 3, 3)];
    const r = split.process(messages);
    const framed = 16 + 12 + ((PRESS.length + (messages[1].payload as string).length + 3) & ~3);
    expect(r.errors).toEqual([{ index: 1, code: "payload_too_large",
      message: `message of ${framed} bytes framed does not fit the input area of 4096 bytes (limits.inputAreaBytes)` }]);
    expect(r.outputs.map((o) => JSON.parse(dec.decode(o.payload)).timestamp_ms)).toEqual([1, 1, 1, 3, 3, 3]);
  });

  it("sizes strings exactly: a message that fills the area goes alone, the next in its own call", async () => {
    const p = await create(SPEC_CONFIG, { limits: { inputAreaBytes: AREA } });
    // 3-byte characters: an estimate of 3 bytes per UTF-16 unit would be exact here, so use
    // 1-byte ones, where such an estimate is three times too large.
    const payload = (n: number) => `{"value":"${"a".repeat(n)}","timestamp_ms":1}`;
    const record = (n: number) => 12 + ((PRESS.length + payload(n).length + 3) & ~3);
    let n = 0;
    while (16 + record(n + 1) <= AREA) n++;
    expect(16 + record(n)).toBeGreaterThan(AREA - 4);
    const calls = vi.spyOn(ModuleInstance.prototype, "process");
    try {
      // "aaa…" / 4 is NaN: motor.rpm is an error record for the first message.
      expect(p.process([{ topic: PRESS, payload: payload(n) }, { topic: PRESS, payload: payload(0) }]).outputs).toHaveLength(5);
      expect(calls.mock.calls).toEqual([[16 + record(n)], [16 + record(0)]]);
    } finally {
      calls.mockRestore();
    }
  });
});
