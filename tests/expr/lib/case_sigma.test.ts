// Final_Sigma context for every code point, against V8: the Cased and
// Case_Ignorable tables are only reached next to a capital sigma, so case.test.ts
// (code points in order) alone would not notice a wrong entry in them.
import { describe, expect, it } from "vitest";
import { loadSemantics } from "../harness";

const m = loadSemantics();
const LOWER = m.methodId("toLowerCase");

// Each piece is one context, closed by a space (neither cased nor ignorable).
const PATTERNS: [string, (x: string) => string][] = [
  ["x before", (x) => `${x}\u03a3 `],
  ["x between cased and sigma", (x) => `A${x}\u03a3 `],
  ["x after", (x) => `A\u03a3${x} `],
  ["x between sigma and cased", (x) => `A\u03a3${x}A `],
];

function chunks(size: number): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  // Lone surrogates included: they are neither cased nor ignorable.
  for (let c = 0; c <= 0x10ffff; c++) {
    cur.push(String.fromCodePoint(c));
    if (cur.length === size) { out.push(cur); cur = []; }
  }
  out.push(cur);
  return out;
}

describe("Final_Sigma context", () => {
  it("every code point before and after a capital sigma", () => {
    const failures: string[] = [];
    for (const xs of chunks(1024)) {
      for (const [name, f] of PATTERNS) {
        const s = xs.map(f).join("");
        const got = m.method(LOWER, s, []);
        const want = s.toLowerCase();
        if (got.ok && got.value === want) continue;
        // Find the first differing piece.
        const bad = xs.find((x) => m.method(LOWER, f(x), []).value !== f(x).toLowerCase());
        failures.push(`${name}: U+${(bad ?? xs[0]).codePointAt(0)!.toString(16)}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
