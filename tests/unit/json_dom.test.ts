// The configure-time JSON tree (assembly/json/dom.ts): re-serialised, it must
// equal JSON.stringify(JSON.parse(text)); invalid text must fail with reason and offset.
import { describe, expect, it } from "vitest";
import { loadTestModule } from "../wasm/load";
import { mulberry32 as rng } from "../wasm/rng";

const m = loadTestModule("json");
const e = m.exports;
const src: number = e.alloc(1 << 20);
const dst: number = e.alloc(1 << 21);

function put(text: string | Uint8Array): number {
  const b = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  m.bytes().set(b, src);
  return b.length;
}
function dump(text: string | Uint8Array): string | { error: string; offset: number } {
  const n = e.domDump(src, put(text), dst);
  if (n < 0) {
    const u = e.domError(dst);
    return { error: String.fromCharCode(...new Uint16Array(e.memory.buffer, dst, u)), offset: e.domErrorOffset() };
  }
  return Buffer.from(m.bytes().subarray(dst, dst + n)).toString("utf8");
}
const canonical = (text: string): string => JSON.stringify(JSON.parse(text));

describe("parseJsonDocument", () => {
  it("builds the same tree as JSON.parse on hand-picked documents", () => {
    const docs = [
      "null", "true", " false ", "0", "-0.5e-3", '"x"', "[]", "{}", "[1,[2,[3,[]]],{}]",
      '{"mode":"timeseries","model":{"name":"pump","version":"v1"},"sources":{"press":"a.b._raw.press"},"mapping":{"a":"press + 1","m":{"rpm":"press / 4"}}}',
      '{"a":1,"b":2,"a":3}', '{"a":{"x":1},"b":0,"a":[true]}', '{"\\u0061":1,"a":2}', '"\\ud83d\\ude00\\ud83d"',
      '{"k":"é€😀\\n\\t\\"\\\\\\/"}', '[1e400, -1e400, 1e-400]', " \t\n\r[ 1 , 2 ]\n",
      // Many keys (a map finds duplicates beyond 16), duplicates early and late.
      `{${Array.from({ length: 40 }, (_, i) => `"k${i % 25}":${i}`).join(",")}}`,
      `{${Array.from({ length: 20 }, (_, i) => `"k${i}":${i}`).join(",")},"k3":"x","k19":"y","k20":"z"}`,
    ];
    for (const d of docs) expect(dump(d), d).toBe(canonical(d));
  });

  it("matches JSON.parse on 2,000 random documents", () => {
    const r = rng(31);
    const key = (): string => ["a", "b", "name", "x y", "é", "k\\n", "\\u0041", "_"][Math.floor(r() * 8)];
    const gen = (depth: number): string => {
      const k = Math.floor(r() * (depth > 4 ? 5 : 7));
      switch (k) {
        case 0: return "null";
        case 1: return r() < 0.5 ? "true" : "false";
        case 2: return String((r() - 0.5) * 10 ** Math.floor(r() * 40 - 20));
        case 3: return JSON.stringify(String.fromCharCode(...Array.from({ length: Math.floor(r() * 6) }, () => Math.floor(r() * 0x3000))));
        case 4: return `"${key()}"`;
        case 5: return `[${Array.from({ length: Math.floor(r() * 4) }, () => gen(depth + 1)).join(", ")}]`;
        default: return `{${Array.from({ length: Math.floor(r() * 4) }, () => `"${key()}" : ${gen(depth + 1)}`).join(",")}}`;
      }
    };
    for (let i = 0; i < 2000; i++) {
      const d = gen(0);
      const got = dump(d);
      if (got !== canonical(d)) expect.fail(`${d}: got ${JSON.stringify(got)}`);
    }
  });

  it("keeps a number's source text", () => {
    for (const t of ["1.50e3", "-0", "0.10", "123456789012345678901234567890"]) {
      const n = e.domNumberText(src, put(t), dst);
      expect(String.fromCharCode(...new Uint16Array(e.memory.buffer, dst, n))).toBe(t);
    }
  });

  it("reports errors with reason and byte offset", () => {
    expect(dump("")).toEqual({ error: "unexpected end of input", offset: 0 });
    expect(dump('{"a":1,}')).toEqual({ error: "unexpected character '}'", offset: 7 });
    expect(dump('{"a" 1}')).toEqual({ error: "unexpected character '1'", offset: 5 });
    expect(dump("[1] [2]")).toEqual({ error: "trailing characters after the value", offset: 4 });
    expect(dump('["\\q"]')).toEqual({ error: "bad escape", offset: 2 });
    expect(dump('["abc')).toEqual({ error: "unterminated string", offset: 1 });
    expect(dump("[01]")).toEqual({ error: "unexpected character '1'", offset: 2 });
    expect(dump("[-]")).toEqual({ error: "invalid number", offset: 1 });
    expect(dump("nul")).toEqual({ error: "unexpected character 'n'", offset: 0 });
    expect(dump(Uint8Array.from([0x5b, 0xff, 0x5d]))).toEqual({ error: "unexpected character (byte 0xff)", offset: 1 });
    expect(dump("[" + "[".repeat(1023) + "]".repeat(1024))).toBe("[" + "[".repeat(1023) + "]".repeat(1024));
    expect(dump("[".repeat(1025) + "]".repeat(1025))).toEqual({ error: "nesting deeper than 1024", offset: 1024 });
  });

  it("agrees with JSON.parse on validity of 3,000 mutated documents", () => {
    const r = rng(32);
    const base = '{"mode":"timeseries","model":{"name":"pump","version":"v1"},"n":[1,-2.5e3,true,null,"\\u00e9"]}';
    const junk = ["", " ", ",", ":", "{", "}", "[", "]", '"', "\\", "x", "0", "-", ".", "e", "\u00e9"];
    for (let i = 0; i < 3000; i++) {
      const at = Math.floor(r() * (base.length + 1));
      const piece = junk[Math.floor(r() * junk.length)];
      const op = Math.floor(r() * 3);
      const text = op === 0 ? base.slice(0, at) + piece + base.slice(at) : op === 1 ? base.slice(0, at) + base.slice(at + 1) : base.slice(0, at) + piece + base.slice(at + 1);
      let want: string | null;
      try { want = canonical(text); } catch { want = null; }
      const got = dump(text);
      if (want === null ? typeof got === "string" : got !== want) expect.fail(`${text}: got ${JSON.stringify(got)}, want ${want}`);
    }
  });
});
