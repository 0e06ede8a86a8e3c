// The payload reader (assembly/json/payload.ts): docs/behaviour.md §3 plus JSON.parse
// semantics. Validity is compared with JSON.parse(new TextDecoder().decode(bytes)),
// decoded values with what JSON.parse returns.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { mulberry32 as rng } from "../wasm/rng";

const m = loadTestModule("json");
const e = m.exports;
const buf: number = e.alloc(3 << 20);

const enum Code { None = 0, InvalidJson = 1, MissingValue = 2, InvalidValueType = 3, InvalidTimestamp = 4, PayloadTooLarge = 5, StringTooLong = 6 }
const enum Tag { Boolean = 2, Number = 3, String = 4 }

/** Payload text for failure messages (some payloads are a megabyte). */
const short = (p: string | Uint8Array): string => {
  const s = typeof p === "string" ? p : Buffer.from(p).toString("hex");
  return s.length > 160 ? `${s.slice(0, 100)}…(${s.length})…${s.slice(-40)}` : s;
};

interface Result { code: number; message: string; value?: unknown; timestamp?: number }

function read(payload: string | Uint8Array): Result {
  const bytes = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  m.bytes().set(bytes, buf);
  const code = e.payload(buf, bytes.length);
  const mem = m.bytes();
  const message = Buffer.from(mem.subarray(e.errorPtr(), e.errorPtr() + e.errorLen())).toString("utf8");
  if (code !== Code.None) return { code, message };
  const tag = e.valueTag();
  let value: unknown;
  if (tag === Tag.Number) value = e.valueNum();
  else if (tag === Tag.Boolean) value = e.valueNum() !== 0;
  else if (tag === Tag.String) {
    const units = new Uint16Array(e.memory.buffer, e.valueStrPtr(), e.valueStrLen());
    value = String.fromCharCode(...units);
  } else value = `tag ${tag}`;
  return { code, message: "", value, timestamp: e.timestamp() };
}

function ok(payload: string | Uint8Array): { value: unknown; timestamp: number } {
  const r = read(payload);
  if (r.code !== Code.None) expect.fail(`${short(payload)}: code ${r.code} ${r.message}`);
  return { value: r.value, timestamp: r.timestamp! };
}

describe("readPayload: valid payloads", () => {
  it("reads numbers, strings and booleans with their timestamp", () => {
    expect(ok('{"value":23.5,"timestamp_ms":1700000000000}')).toEqual({ value: 23.5, timestamp: 1700000000000 });
    expect(ok('{"value":"on","timestamp_ms":1}')).toEqual({ value: "on", timestamp: 1 });
    expect(ok('{"value":true,"timestamp_ms":-5}')).toEqual({ value: true, timestamp: -5 });
    expect(ok('{"value":false,"timestamp_ms":1e3}')).toEqual({ value: false, timestamp: 1000 });
    expect(ok('{"timestamp_ms":2.0,"value":-0}')).toEqual({ value: -0, timestamp: 2 });
    expect(Object.is(ok('{"value":-0,"timestamp_ms":1}').value, -0)).toBe(true);
    expect(ok(' \t\r\n{ "value" : 1 , "timestamp_ms" : 9007199254740993 } \n')).toEqual({ value: 1, timestamp: 9007199254740992 });
    expect(ok('{"value":"","timestamp_ms":1}').value).toBe("");
    expect(ok('{"value":1.7976931348623157e308,"timestamp_ms":1}').value).toBe(Number.MAX_VALUE);
    expect(ok('{"value":1e400,"timestamp_ms":1}').value).toBe(Infinity); // as JSON.parse
  });

  it("compares keys after unescaping, case-sensitively; last duplicate wins; other keys ignored", () => {
    expect(ok('{"val\\u0075e":7,"timestamp\\u005fms":3}')).toEqual({ value: 7, timestamp: 3 });
    expect(ok('{"value":1,"value":"two","timestamp_ms":3,"timestamp_ms":4}')).toEqual({ value: "two", timestamp: 4 });
    expect(ok('{"value":"a","value":false,"timestamp_ms":1}').value).toBe(false);
    expect(ok('{"VALUE":1,"Value":2,"value":3,"timestamp_ms":1,"TIMESTAMP_MS":0}').value).toBe(3);
    expect(ok('{"x":{"a":[1,2,{"b":null}],"c":"\\"}"},"value":1,"y":[],"z":{},"timestamp_ms":1,"w":"value"}').value).toBe(1);
    expect(ok('{"value ":0,"value":5,"values":0,"timestamp_ms":1}').value).toBe(5);
  });

  it("decodes strings exactly as JSON.parse does (escapes, surrogates, UTF-8)", () => {
    const texts = [
      '"\\" \\\\ \\/ \\b \\f \\n \\r \\t"', '"\\u0000\\u001f\\u007F\\u00e9\\u20AC"', '"\\ud83d\\ude00"',
      '"\\ud83d"', '"\\ude00\\ud83d"', '"\\udbff\\udfff x"', '"é€😀 \u2028\u2029\u007f"', '"\\u0041\\u00"',
    ];
    for (const t of texts) {
      let want: unknown;
      try { want = JSON.parse(t); } catch { want = undefined; }
      const r = read(`{"value":${t},"timestamp_ms":1}`);
      if (want === undefined) expect(r.code, t).toBe(Code.InvalidJson);
      else expect(r.value, t).toBe(want);
    }
  });

  it("decodes invalid UTF-8 inside strings to U+FFFD as TextDecoder does (2,000 random byte strings)", () => {
    const r = rng(11);
    const interesting = [0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff, 0x90, 0xa0, 0x9f, 0x8f, 0x41];
    for (let i = 0; i < 2000; i++) {
      const n = 1 + Math.floor(r() * 12);
      const body: number[] = [];
      for (let j = 0; j < n; j++) body.push(r() < 0.7 ? interesting[Math.floor(r() * interesting.length)] : 0x20 + Math.floor(r() * 224));
      // Quotes and backslashes would end the string or start an escape: use 'A' instead.
      const inner = body.map((b) => (b === 0x22 || b === 0x5c ? 0x41 : b));
      const bytes = Uint8Array.from([...Buffer.from('{"value":"'), ...inner, ...Buffer.from('","timestamp_ms":1}')]);
      const want = JSON.parse(new TextDecoder().decode(bytes)).value;
      const got = read(bytes);
      if (got.code !== Code.None || got.value !== want) {
        expect.fail(`bytes ${Buffer.from(body).toString("hex")}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
  });

  it("reads every number as JSON.parse does", () => {
    const r = rng(12);
    for (let i = 0; i < 3000; i++) {
      const s = (r() < 0.5 ? "-" : "") + String(Math.floor(r() * 1e9)) + "." + String(Math.floor(r() * 1e9)) + "e" + (Math.floor(r() * 600) - 300);
      const got = ok(`{"value":${s},"timestamp_ms":1}`).value;
      expect(Object.is(got, JSON.parse(s)), s).toBe(true);
    }
  });
});

describe("readPayload: errors", () => {
  function err(payload: string | Uint8Array, code: number, message?: string | RegExp): void {
    const r = read(payload);
    expect(r.code, `${short(payload)}: ${r.message}`).toBe(code);
    if (typeof message === "string") expect(r.message).toBe(message);
    else if (message) expect(r.message).toMatch(message);
  }

  it("rejects text that is not JSON, with reason and byte offset", () => {
    err("", Code.InvalidJson, "invalid JSON payload: unexpected end of input at byte 0");
    err("   ", Code.InvalidJson, "invalid JSON payload: unexpected end of input at byte 3");
    err("{", Code.InvalidJson, "invalid JSON payload: unexpected end of input at byte 1");
    err('{"value":1,}', Code.InvalidJson, "invalid JSON payload: unexpected character '}' at byte 11");
    err("{'value':1}", Code.InvalidJson, "invalid JSON payload: unexpected character ''' at byte 1");
    err('{"value":1,"timestamp_ms":1}x', Code.InvalidJson, "invalid JSON payload: trailing characters after the object at byte 28");
    err('{"value":1,"timestamp_ms":1}{}', Code.InvalidJson, /trailing characters after the object at byte 28$/);
    err('{"value":01,"timestamp_ms":1}', Code.InvalidJson, "invalid JSON payload: unexpected character '1' at byte 10");
    err('{"value":1.,"timestamp_ms":1}', Code.InvalidJson, "invalid JSON payload: invalid number at byte 9");
    err('{"value":-,"timestamp_ms":1}', Code.InvalidJson, /invalid number at byte 9$/);
    err('{"value":+1,"timestamp_ms":1}', Code.InvalidJson, /unexpected character '\+' at byte 9$/);
    err('{"value":"a\\x","timestamp_ms":1}', Code.InvalidJson, "invalid JSON payload: bad escape at byte 11");
    err('{"value":"\\u12G4","timestamp_ms":1}', Code.InvalidJson, /bad escape at byte 10$/);
    err('{"value":"abc', Code.InvalidJson, "invalid JSON payload: unterminated string at byte 9");
    err('{"value":"a\tb","timestamp_ms":1}', Code.InvalidJson, "invalid JSON payload: control character in string at byte 11");
    err('{"value":tru,"timestamp_ms":1}', Code.InvalidJson, /unexpected character 't' at byte 9$/);
    err('{"value":True,"timestamp_ms":1}', Code.InvalidJson);
    err('{"value":NaN,"timestamp_ms":1}', Code.InvalidJson);
    err('{"value":1 "timestamp_ms":1}', Code.InvalidJson, /unexpected character '"' at byte 11$/);
    err('{"value"1}', Code.InvalidJson, /unexpected character '1' at byte 8$/);
    err('{value:1}', Code.InvalidJson);
    err("\ufeff{\"value\":1,\"timestamp_ms\":1}", Code.InvalidJson, /\(byte 0xef\) at byte 0$/);
    err('{"value":1,"timestamp_ms":1,"x":[1,2}', Code.InvalidJson, /unexpected character '}' at byte 36$/);
    err('{"value":1,"timestamp_ms":1,"x":{"a" 1}}', Code.InvalidJson);
    err('{"value":1,"timestamp_ms":1,"x":[1,]}', Code.InvalidJson);
    err('{"value":1,"timestamp_ms":1,"x":\u00e9}', Code.InvalidJson, /\(byte 0xc3\) at byte 32$/);
    err('{"value":1,"timestamp_ms":1,"x":"\u0000"}', Code.InvalidJson, /control character in string/);
  });

  it("rejects nesting deeper than 1024 and accepts 1024", () => {
    const deep = (n: number): string => `{"value":1,"timestamp_ms":1,"x":${"[".repeat(n)}${"]".repeat(n)}}`;
    ok(deep(1023)); // the payload object itself is level 1
    err(deep(1024), Code.InvalidJson, "invalid JSON payload: nesting deeper than 1024 at byte 1055");
    err(`{"value":${'{"a":'.repeat(1100)}1${"}".repeat(1100)},"timestamp_ms":1}`, Code.InvalidJson, /nesting deeper than 1024/);
  });

  it("requires an object", () => {
    for (const t of ["[1]", '"x"', "5", "null", "true", " [ ] "]) err(t, Code.InvalidJson, "invalid JSON payload: not an object");
    err("[1] x", Code.InvalidJson, /trailing characters after the value at byte 4$/);
    err("[1", Code.InvalidJson, /unexpected end of input at byte 2$/);
  });

  it("value: null or absent -> missing value field; array/object -> invalid type", () => {
    err('{"timestamp_ms":1}', Code.MissingValue, "missing value field");
    err("{}", Code.MissingValue, "missing value field");
    err('{"value":null,"timestamp_ms":1}', Code.MissingValue, "missing value field");
    err('{"value":1,"value":null,"timestamp_ms":1}', Code.MissingValue);
    err('{"Value":1,"timestamp_ms":1}', Code.MissingValue);
    err('{"value":[1],"timestamp_ms":1}', Code.InvalidValueType, "value must be a number, string or boolean");
    err('{"value":{},"timestamp_ms":1}', Code.InvalidValueType, "value must be a number, string or boolean");
    err('{"value":[1]}', Code.InvalidValueType); // value is checked before the timestamp
  });

  it("timestamp_ms: a non-zero integer number", () => {
    const bad = ["", ',"timestamp_ms":null', ',"timestamp_ms":"1"', ',"timestamp_ms":1.5', ',"timestamp_ms":0',
      ',"timestamp_ms":-0', ',"timestamp_ms":0.0', ',"timestamp_ms":1e400', ',"timestamp_ms":-1e400', ',"timestamp_ms":true',
      ',"timestamp_ms":[1]', ',"timestamp_ms":{}', ',"timestamp_ms":1e-400', ',"timestamp_ms":1,"timestamp_ms":null',
      ',"timestamp_ms":4503599627370495.5'];
    for (const t of bad) err(`{"value":1${t}}`, Code.InvalidTimestamp, "missing or invalid timestamp_ms");
    for (const t of ["1", "-1", "1e20", "1.0", "12345678901234567890123", "-9007199254740993", "1.5e1"]) {
      expect(ok(`{"value":1,"timestamp_ms":${t}}`).timestamp).toBe(JSON.parse(t));
    }
  });

  it("checks JSON validity of the whole text before value and timestamp", () => {
    err('{"timestamp_ms":1,"x":[}', Code.InvalidJson);
    err('{"value":[1],"timestamp_ms":0,', Code.InvalidJson);
  });

  it("limits payload size and string length", () => {
    const max = 1048576;
    const pad = (n: number): string => {
      const head = '{"value":1,"timestamp_ms":1,"p":"';
      return head + "x".repeat(n - head.length - 2) + '"}';
    };
    expect(ok(pad(max)).value).toBe(1);
    err(pad(max + 1), Code.PayloadTooLarge, `payload larger than ${max} bytes`);
    const str = (n: number, tail = ',"timestamp_ms":1}'): string => `{"value":"${"é".repeat(n)}"${tail}`;
    expect((ok(str(65536)).value as string).length).toBe(65536);
    err(str(65537), Code.StringTooLong, "string value longer than 65536 code units");
    err(str(65537, ',"timestamp_ms":1'), Code.InvalidJson); // invalid JSON wins
    err(str(65537, "}"), Code.StringTooLong); // the value is checked before the timestamp
    // Escapes take 6 bytes but one unit: 60,000 of them fit.
    expect((ok(`{"value":"${"\\u0041".repeat(60000)}","timestamp_ms":1}`).value as string).length).toBe(60000);
  });
});

describe("readPayload: random payloads against JSON.parse", () => {
  it("agrees on validity and content for 5,000 mutated payloads", () => {
    const r = rng(13);
    const atoms = ["1", "-2.5e3", '"s"', '"\\u00e9\\n"', "true", "false", "null", "[]", "{}", '[1,{"a":null}]', '{"k":[true]}', "0", "1e400", "-0", "1.5"];
    const junk = ["", " ", ",", ":", "{", "}", "[", "]", '"', "\\", "x", "0", "\u00e9", "\t", "e", "-", "."];
    for (let i = 0; i < 5000; i++) {
      const members: string[] = [];
      const n = Math.floor(r() * 4);
      for (let j = 0; j < n; j++) {
        const key = ["value", "timestamp_ms", "other", "val\\u0075e", "v"][Math.floor(r() * 5)];
        members.push(`"${key}":${atoms[Math.floor(r() * atoms.length)]}`);
      }
      let text = `{${members.join(",")}}`;
      if (r() < 0.5) {
        // Mutate one position: insert, delete or replace a character.
        const at = Math.floor(r() * (text.length + 1));
        const piece = junk[Math.floor(r() * junk.length)];
        const op = Math.floor(r() * 3);
        text = op === 0 ? text.slice(0, at) + piece + text.slice(at) : op === 1 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + piece + text.slice(at + 1);
      }
      let parsed: any;
      let valid = true;
      try { parsed = JSON.parse(text); } catch { valid = false; }
      const got = read(text);
      if (!valid) {
        if (got.code !== Code.InvalidJson) expect.fail(`${text}: expected InvalidJson, got ${got.code} ${got.message}`);
        continue;
      }
      let want: number;
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) want = Code.InvalidJson;
      else if (parsed.value === undefined || parsed.value === null) want = Code.MissingValue;
      else if (typeof parsed.value === "object") want = Code.InvalidValueType;
      else if (typeof parsed.timestamp_ms !== "number" || !Number.isInteger(parsed.timestamp_ms) || parsed.timestamp_ms === 0) want = Code.InvalidTimestamp;
      else want = Code.None;
      if (got.code !== want) expect.fail(`${text}: expected ${want}, got ${got.code} ${got.message}`);
      if (want === Code.None) {
        expect(Object.is(got.value, parsed.value), text).toBe(true);
        expect(got.timestamp, text).toBe(parsed.timestamp_ms);
      }
    }
  });

  it("never grows the heap per message", () => {
    const big = `{"value":"${"x".repeat(1000)}","timestamp_ms":1}`;
    read(big); // the scratch buffer reaches its size here
    const before = e.heapTop(); // each heapTop call itself takes one empty block
    for (let i = 0; i < 200; i++) {
      read('{"value":1.25,"timestamp_ms":1700000000000}');
      read('{"value":"abc\\u00e9","timestamp_ms":1}');
      read(big);
      read('{"value":[1,2,{"a":"b"}],"timestamp_ms":1}');
      read("not json");
    }
    const after = e.heapTop();
    expect(after - before).toBe(e.heapTop() - after);
  });
});
