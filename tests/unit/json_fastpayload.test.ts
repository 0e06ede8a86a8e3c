// The one-pass reader of the common payload shape (assembly/json/fastpayload.ts)
// and its edges: texts just inside and just outside the shape it takes must read
// exactly as JSON.parse reads them, whichever reader answers; and an output's
// timestamp, copied from the payload's text, must be JSON.stringify's.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { mulberry32 as rng } from "../wasm/rng";
import { configure, instantiate, processBatch } from "../support/raw_abi";

const m = loadTestModule("json");
const e = m.exports;
const buf: number = e.alloc(1 << 16);
const enum Tag { Boolean = 2, Number = 3, String = 4 }

/** [code, value, timestamp] as the module reads the payload. */
function read(text: string): [number, unknown, number] {
  const bytes = Buffer.from(text, "utf8");
  m.bytes().set(bytes, buf);
  const code = e.payload(buf, bytes.length);
  if (code !== 0) return [code, undefined, NaN];
  const tag = e.valueTag();
  const value = tag === Tag.Number ? e.valueNum() : tag === Tag.Boolean ? e.valueNum() !== 0
    : tag === Tag.String ? String.fromCharCode(...new Uint16Array(e.memory.buffer, e.valueStrPtr(), e.valueStrLen())) : `tag ${tag}`;
  return [0, value, e.timestamp()];
}

/** What docs/behaviour.md §3 makes of the text: valid (value, timestamp) or not. */
function expected(text: string): [boolean, unknown, number] {
  let o: { value?: unknown; timestamp_ms?: unknown };
  try { o = JSON.parse(text); } catch { return [false, undefined, NaN]; }
  const ok = o !== null && typeof o === "object" && !Array.isArray(o) &&
    ["number", "boolean", "string"].includes(typeof o.value) &&
    Number.isInteger(o.timestamp_ms) && o.timestamp_ms !== 0;
  return ok ? [true, o.value, o.timestamp_ms as number] : [false, undefined, NaN];
}

function check(text: string): void {
  const [code, value, ts] = read(text);
  const [ok, want, wantTs] = expected(text);
  if (ok !== (code === 0)) expect.fail(`${text}: module code ${code}, JSON.parse says ${ok ? "valid" : "invalid"}`);
  if (!ok) return;
  if (!Object.is(value, want) || ts !== wantTs) expect.fail(`${text}: module ${String(value)} @ ${ts}, JSON.parse ${String(want)} @ ${wantTs}`);
}

const shaped = (value: string, ts: string) => `{"value":${value},"timestamp_ms":${ts}}`;

describe("fast payload reader: the texts at its edges read as JSON.parse reads them", () => {
  it("values: digits, signs, fractions, leading zeros, exponents, literals", () => {
    const values = [
      "0", "-0", "0.0", "-0.0", "1", "-1", "01", "-01", "00", "0.", "1.", ".5", "-", "-.5", "+1", "1.5", "-1.5",
      "36.07", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456", "12345678901234567890123",
      "0.000000000000001", "0.0000000000000001", "99999999999999.9", "999999999999999", "9999999999999999",
      "1e5", "1E5", "1.5e-3", "1.5e", "true", "false", "null", "tru", "fals", "truee", "falsey", '"x"', "[1]",
      "1 ", " 1", "1,", "NaN", "Infinity", "1.7976931348623157e308", "4.9e-324", "123.456789012345",
    ];
    for (const v of values) check(shaped(v, "1733904000000"));
  });

  it("timestamps: 1 to 17 digits, signs, leading zeros, zero, fractions", () => {
    const stamps = ["0", "-0", "00", "01", "-01", "1", "-1", "9", "12", "1234567", "12345678", "123456789",
      "999999999999999", "-999999999999999", "1000000000000000", "9007199254740993", "12345678901234567",
      "1.0", "1.5", "1e3", "-", "+1", "1733904000000 ", "1733904000000x", "17339040000a0", "1733904000000}"];
    for (const t of stamps) check(shaped("1.25", t));
  });

  it("shape: whitespace, key order, missing and extra keys, truncation, trailing bytes", () => {
    const texts = [
      '{"value":1,"timestamp_ms":1}', '{"value":1,"timestamp_ms":1} ', ' {"value":1,"timestamp_ms":1}',
      '{"value" :1,"timestamp_ms":1}', '{"value":1, "timestamp_ms":1}', '{"timestamp_ms":1,"value":1}',
      '{"value":1,"timestamp_ms":1,"x":2}', '{"value":1,"timestamp_ms":1', '{"value":1,"timestamp_ms":}',
      '{"value":1,"timestamp_msX":1}', '{"value":1,"timestamp_ms":1}}', '{"value":1,"value":2,"timestamp_ms":1}',
      '{"valuE":1,"timestamp_ms":1}', '{"value":1,"Timestamp_ms":1}', '{"value":,"timestamp_ms":1}',
    ];
    for (const t of texts) check(t);
  });

  it("random numbers and mutations of the shape", () => {
    const r = rng(15);
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join("");
    for (let i = 0; i < 20000; i++) {
      const v = (r() < 0.2 ? "-" : "") + digits(1 + Math.floor(r() * 9)) + (r() < 0.7 ? "." + digits(1 + Math.floor(r() * 9)) : "");
      const t = (r() < 0.1 ? "-" : "") + digits(1 + Math.floor(r() * 17));
      let text = shaped(v, t);
      if (r() < 0.3) {
        const at = Math.floor(r() * text.length);
        const bytes = "0123456789-.,:}{\" etf";
        text = text.slice(0, at) + bytes[Math.floor(r() * bytes.length)] + text.slice(at + (r() < 0.5 ? 1 : 0));
      }
      check(text);
    }
  });
});

describe("an output's timestamp is JSON.stringify's, also when copied from the payload's text", () => {
  it("1 to 16 digits, both signs", () => {
    const x = instantiate();
    expect(configure(x, { model: { name: "m", version: "1" }, output_topic: "umh.v1.x", sources: { a: "t" }, mapping: { v: "a" } })).toBe(0);
    const r = rng(16);
    const stamps: number[] = [];
    for (let n = 1; n <= 16; n++) {
      for (let k = 0; k < 20; k++) {
        const s = Math.floor(10 ** (n - 1) + r() * 9 * 10 ** (n - 1));
        stamps.push(s, -s);
      }
    }
    const { outputs, errors } = processBatch(x, stamps.map((ts, index) => ({ index, topic: "t", payload: shaped("2.5", String(ts)) })));
    expect(errors).toEqual([]);
    expect(outputs.map((o) => o.payload)).toEqual(stamps.map((ts) => JSON.stringify({ value: 2.5, timestamp_ms: ts })));
  });
});
