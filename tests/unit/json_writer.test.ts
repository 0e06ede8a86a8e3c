// The JSON writer (assembly/json/writer.ts) against V8's JSON.stringify, as UTF-8.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { mulberry32 as rng } from "../wasm/rng";

const m = loadTestModule("json");
const e = m.exports;
const src: number = e.alloc(1 << 16);
const dst: number = e.alloc(1 << 19);

function put16(s: string): number {
  const v = new Uint16Array(e.memory.buffer, src, s.length);
  for (let i = 0; i < s.length; i++) v[i] = s.charCodeAt(i);
  return s.length;
}
const out = (n: number): string => Buffer.from(m.bytes().subarray(dst, dst + n)).toString("latin1");
const utf8 = (s: string): string => Buffer.from(s, "utf8").toString("latin1");

function writeString(s: string): string {
  const n = e.writeString(dst, src, put16(s));
  expect(n).toBeLessThanOrEqual(e.stringMaxBytes(s.length));
  return out(n);
}

describe("writeJsonString", () => {
  it("escapes exactly as JSON.stringify on hand-picked strings", () => {
    const cases = [
      "", "abc", '"', "\\", "/", "\b\f\n\r\t", "\u0000\u0001\u001f", "\u007f", "\u0080\u07ff\u0800\uffff",
      "é€", "😀", "\ud83d", "\ude00", "\ude00\ud83d", "a\ud83dz", "\ud83d\ud83d\ude00", "\u2028\u2029",
      "\udbff\udfff", "\ud800\udc00", "\ufeff", "<script>", "'",
    ];
    for (const s of cases) expect(writeString(s), JSON.stringify(s)).toBe(utf8(JSON.stringify(s)));
  });

  it("matches JSON.stringify on 20,000 random UTF-16 strings (lone surrogates included)", () => {
    const r = rng(21);
    const pick = (): number => {
      const k = r();
      if (k < 0.3) return Math.floor(r() * 0x80);
      if (k < 0.45) return Math.floor(r() * 0x20);
      if (k < 0.6) return 0xd800 + Math.floor(r() * 0x800); // any surrogate
      if (k < 0.7) return 0x80 + Math.floor(r() * 0x780);
      return Math.floor(r() * 0x10000);
    };
    for (let i = 0; i < 20000; i++) {
      const n = Math.floor(r() * 24);
      let s = "";
      for (let j = 0; j < n; j++) s += String.fromCharCode(pick());
      const want = utf8(JSON.stringify(s));
      const got = writeString(s);
      if (got !== want) expect.fail(`${JSON.stringify(s)}: got ${got}, want ${want}`);
    }
  });

  it("worst case fits jsonStringMaxBytes", () => {
    const s = "\u0001".repeat(1000);
    expect(e.writeString(dst, src, put16(s))).toBe(e.stringMaxBytes(1000));
  });
});

describe("writeJsonNumber / writeJsonValue / writeInt / writeAscii", () => {
  it("prints numbers as JSON.stringify (50,000 random doubles and edge cases)", () => {
    const r = rng(22);
    const dv = new DataView(new ArrayBuffer(8));
    const cases = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE, 2 ** 53, 104.00001, 191.41935483870967];
    for (let i = 0; i < 50000; i++) {
      dv.setUint32(0, Math.floor(r() * 2 ** 32));
      dv.setUint32(4, Math.floor(r() * 2 ** 32));
      const x = i % 2 === 0 ? dv.getFloat64(0) : Math.round(r() * 10 ** Math.floor(r() * 12)) / 10 ** Math.floor(r() * 8);
      if (Number.isFinite(x)) cases.push(x);
    }
    for (const x of cases) {
      const got = out(e.writeNumber(dst, x));
      if (got !== JSON.stringify(x)) expect.fail(`${x}: got ${got}`);
    }
  });

  it("writes value slots like JSON.stringify", () => {
    expect(out(e.writeValue(dst, 0, 25.5, 0, 0))).toBe("25.5");
    expect(out(e.writeValue(dst, 0, -0, 0, 0))).toBe("0");
    expect(out(e.writeValue(dst, 1, 1, 0, 0))).toBe("true");
    expect(out(e.writeValue(dst, 1, 0, 0, 0))).toBe("false");
    const s = 'active "now"\n\ud83d';
    expect(out(e.writeValue(dst, 2, 0, src, put16(s)))).toBe(utf8(JSON.stringify(s)));
  });

  it("writes integers and ASCII literals", () => {
    for (const n of [0, 1, -1, 9, 10, 99, 100, 1700000000000, -1700000000000, 2 ** 53, -(2 ** 53), 999999999999999]) {
      expect(out(e.writeInteger(dst, n))).toBe(String(n));
    }
    expect(out(e.writeTrue(dst))).toBe("true");
  });
});
