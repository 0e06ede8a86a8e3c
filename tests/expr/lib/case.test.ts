// toUpperCase / toLowerCase over all of Unicode and Final_Sigma contexts, against V8.
import { describe, expect, it } from "vitest";
import { loadSemantics } from "../harness";

const m = loadSemantics();
const UPPER = m.methodId("toUpperCase"), LOWER = m.methodId("toLowerCase");

function allCodePointsInChunks(size: number): string[] {
  const chunks: string[] = [];
  let cur: string[] = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    cur.push(String.fromCodePoint(c));
    if (cur.length === size) { chunks.push(cur.join("")); cur = []; }
  }
  chunks.push(cur.join(""));
  // Lone surrogates pass through unchanged.
  chunks.push("\ud800a\udfff\udc00\ud83d");
  return chunks;
}

describe("case mapping covers all of Unicode", () => {
  it("every code point, upper and lower", () => {
    const failures: string[] = [];
    for (const s of allCodePointsInChunks(4096)) {
      for (const [id, f] of [[UPPER, (x: string) => x.toUpperCase()], [LOWER, (x: string) => x.toLowerCase()]] as const) {
        const got = m.method(id, s, []);
        const want = f(s);
        if (!got.ok || got.value !== want) {
          const g = got.ok ? String(got.value) : got.message;
          let i = 0;
          while (i < g.length && g[i] === want[i]) i++;
          failures.push(`chunk at U+${s.codePointAt(0)!.toString(16)} differs at unit ${i}: ${g.codePointAt(i)?.toString(16)} vs ${want.codePointAt(i)?.toString(16)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
  it("special cases", () => {
    for (const s of ["\u00df", "stra\u00dfe", "\u0130", "\u0130stanbul", "\ufb03", "\u0149", "\u1f80", "\u0390", "\u03a3", "A\u03a3", "A\u03a3B", "A\u03a3.", "A\u03a3\u0307", "A\u00ad\u03a3", "\u03a3\u03a3\u03a3", "\ud801\udc00"]) {
      expect(m.method(UPPER, s, [])).toEqual({ ok: true, value: s.toUpperCase() });
      expect(m.method(LOWER, s, [])).toEqual({ ok: true, value: s.toLowerCase() });
    }
  });
  it("random strings around capital sigma (Final_Sigma context)", () => {
    const pool = ["\u03a3", "\u03a3", "a", "Z", "\u0391", " ", ".", "'", "\u00ad", "\u0307", "\u0345", "1", "\ud801\udc00", "\ud801\udc28", "\ud800", "\u02b0", "\u2019", "\u00df", "\u0130", ":"];
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const failures: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: 1 + rnd(8) }, () => pool[rnd(pool.length)]).join("");
      for (const [id, want] of [[UPPER, s.toUpperCase()], [LOWER, s.toLowerCase()]] as const) {
        const got = m.method(id, s, []);
        if (!got.ok || got.value !== want) failures.push(`${JSON.stringify(s)} -> ${JSON.stringify(got.ok && got.value)}, want ${JSON.stringify(want)}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
  it("an unchanged string is returned without allocating a copy", () => {
    const x = m.exports;
    m.begin();
    const r = m.put(0, "abc 123"), out = x.slot(15);
    expect(x.callMethod(LOWER, r, x.slot(1), 0, out)).toBe(0);
    expect(x.getPtr(out)).toBe(x.getPtr(r));
  });
});
