// The CLI's line reader and JSON-lines format (host/lines.ts, host/jsonl.ts).

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { OutputFormatter, parseInputLine } from "../../host/jsonl.js";
import { lineChunks } from "../../host/lines.js";

async function lines(chunks: (string | Buffer)[]): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of lineChunks(Readable.from(chunks))) out.push(...batch);
  return out;
}

describe("lineChunks", () => {
  it("splits across chunks, strips \\r\\n, keeps empty lines and a last line without newline", async () => {
    expect(await lines(["a\nb", "c\r\n\nd"])).toEqual(["a", "bc", "", "d"]);
  });

  it("decodes UTF-8 split inside a character", async () => {
    const bytes = Buffer.from("é✓\nx\n");
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)])).toEqual(["é✓", "x"]);
  });
});

describe("parseInputLine", () => {
  it("passes payload on as its own text, exactly as written, and keeps topic and metadata", () => {
    expect(parseInputLine('{"topic":"t","payload":{"value": 1.50, "timestamp_ms": 5},"metadata":{"a":"b","n":3}}')).toEqual({
      ok: true,
      message: { topic: "t", payload: '{"value": 1.50, "timestamp_ms": 5}', metadata: { a: "b", n: "3" } },
    });
  });

  it.each([
    ['{"payload":{"value":1e400,"timestamp_ms":1}}', '{"value":1e400,"timestamp_ms":1}'],
    ['{"payload":{"value":-0,"timestamp_ms":1},"topic":"t"}', '{"value":-0,"timestamp_ms":1}'],
    ['{ "payload" : -0 }', "-0"],
    ['{"payload":"a\\"},{\\"b","topic":"t"}', '"a\\"},{\\"b"'],
    ['{"payload":[1,{"x":[2]}] ,"topic":"t"}', '[1,{"x":[2]}]'],
    ['{"metadata":{"payload":"no"},"payload":true}', "true"],
    ['{"payload":1,"pay\u006coad":{"value":2}}', '{"value":2}'], // JSON.parse keeps the last duplicate
    ['{"payload":{"value":"\u00e9 é"}}', '{"value":"\u00e9 é"}'],
  ])("takes the payload text of %s verbatim", (line, payload) => {
    const r = parseInputLine(line);
    expect(r.ok && r.message.payload).toBe(payload);
  });

  it("passes payload_raw through verbatim", () => {
    expect(parseInputLine('{"topic":"t","payload_raw":"{not json"}')).toEqual({ ok: true, message: { topic: "t", payload: "{not json" } });
  });

  it("gives an empty payload when there is none", () => {
    expect(parseInputLine('{"topic":"t"}')).toEqual({ ok: true, message: { topic: "t", payload: "" } });
  });

  it.each([
    ["{oops", /^not valid JSON \(/],
    ["[1,2]", /^not a JSON object/],
    ['{"topic": 5, "payload": 1}', /"topic" must be a string/],
    ['{"topic":"t","payload":1,"payload_raw":"x"}', /not both/],
    ['{"topic":"t","payload_raw":5}', /"payload_raw" must be a string/],
    ['{"topic":"t","payload":1,"metadata":[1]}', /"metadata" must be an object/],
  ])("rejects %s", (line, error) => {
    const r = parseInputLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe("OutputFormatter", () => {
  it("inlines the payload bytes verbatim", () => {
    const line = new OutputFormatter().line({
      topic: 'a."b"',
      payload: new TextEncoder().encode('{"value":1e+21,"timestamp_ms":3}'),
      metadata: { umh_topic: 'a."b"', k: "v" },
    });
    expect(line).toBe('{"topic":"a.\\"b\\"","payload":{"value":1e+21,"timestamp_ms":3},"metadata":{"umh_topic":"a.\\"b\\"","k":"v"}}\n');
    expect(JSON.parse(line).payload).toEqual({ value: 1e21, timestamp_ms: 3 });
  });
});
