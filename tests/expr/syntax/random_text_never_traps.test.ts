// Random token soup: the front end never traps, never accepts what V8 rejects,
// and whatever it accepts evaluates to V8's value.
import { test, expect } from "vitest";
import { Engine, isDiag, v8 } from "../engine";
import { sameValue } from "../v8";
import { mulberry32 as rng } from "../../wasm/rng";

const PIECES = [
  "a", "b", "s", "1", "0", "2.5", "0x1f", "1e3", ".5", "'x'", '"y"', "`t`", "`${", "}", "`", "(", ")", "[", "]", "{",
  "+", "-", "*", "/", "%", "**", "<", ">", "=", "==", "===", "!", "!=", "&", "&&", "|", "||", "^", "~", "?", "??", ":",
  ".", "?.", ",", ";", "typeof", "void", "new", "in", "length", "toFixed", "Math", "max", "split", "null", "true", "\\",
  "'", '"', "/*", "*/", "//", "\n", " ", " ", " ", "=>", "++", "--", "#", "é", "0b", "08", "_",
];

function v8Parses(src: string): boolean {
  try { new Function("a", "b", "s", "return (" + src + "\n)"); return true; } catch { return false; }
}

test("3000 random token strings", () => {
  const e = new Engine();
  const r = rng(7);
  let accepted = 0;
  const failures: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(r() * 8);
    let src = "";
    for (let k = 0; k < n; k++) src += PIECES[Math.floor(r() * PIECES.length)];
    const h = e.compile(src, ["a", "b", "s"]); // a trap would throw here
    if (isDiag(h)) {
      expect(h.code).toBeGreaterThanOrEqual(40);
      expect(h.code).toBeLessThanOrEqual(66);
      expect(h.start).toBeGreaterThanOrEqual(0);
      expect(h.end).toBeGreaterThanOrEqual(h.start);
      expect(h.end).toBeLessThanOrEqual(src.length);
      continue;
    }
    accepted++;
    if (!v8Parses(src)) { failures.push(`accepted what V8 rejects: ${JSON.stringify(src)}`); continue; }
    const row = [3, "4", "p,q"];
    const want = v8(src, ["a", "b", "s"], row);
    const got = e.run(h, row);
    // An object (a regex literal, say) is no mapping result: both sides giving one agree.
    if (!("threw" in want) && typeof want.value === "object" && want.value !== null && "value" in got &&
      typeof got.value === "object" && got.value !== null && "composite" in got.value) continue;
    if ("threw" in want ? !("error" in got) : !("value" in got) || !sameValue(got.value, want.value)) {
      failures.push(`${JSON.stringify(src)}: got ${JSON.stringify(got)}, V8 ${JSON.stringify(want)}`);
    }
  }
  expect(failures.slice(0, 10)).toEqual([]);
  expect(accepted).toBeGreaterThan(100);
});
