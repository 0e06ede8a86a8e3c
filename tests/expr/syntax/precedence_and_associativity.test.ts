// Precedence and associativity follow JavaScript: fixed cases, then random
// expressions that V8 either accepts (same value) or rejects (we reject too).
import { describe, test, expect } from "vitest";
import { Engine, isDiag, JsValue } from "../engine";
import { checkAgainstV8, VALUES } from "../v8";
import { mulberry32 as rng } from "../../wasm/rng";

const e = new Engine();
const ALIASES = ["a", "b", "c"];
const ROWS: JsValue[][] = [[1, 2, 3], [2, 3, 4], [0, "5", true], ["x", null, -1], [NaN, undefined, 0.5], [-3, 7, "2"]];

describe("fixed cases", () => {
  const cases = [
    "a + b * c", "(a + b) * c", "a - b - c", "a - (b - c)", "a / b / c", "a % b * c",
    "a ** b ** c", "(a ** b) ** c", "2 ** 3 ** 2", "(-2) ** 2", "-(2 ** 2)", "2 ** -1", "a ** -b",
    "a < b == b < c", "a == b != c", "a & b | c", "a | b & c", "a ^ b & c", "a | b ^ c",
    "a << b + c", "a + b << c", "a >> b >>> c", "a < b < c", "a > b > c",
    "a && b || c", "a || b && c", "(a ?? b) || c", "a ?? (b || c)", "a ?? b ?? c", "(a && b) ?? c",
    "a ? b : c ? a : b", "a ? b ? c : a : b", "(a ? b : c) ? a : b", "a || b ? c : a", "a ?? b ? c : a",
    "!a + b", "!(a + b)", "-a * b", "- -a", "+-a", "-+a", "typeof a + b", "typeof (a + b)", "void a || b",
    "~a & b", "!!a", "a + +b", "a - -b", "a+ +b", "a- -b", "`${a}` + b", "a + `${b}` + c",
    "a * b + c * a", "a + b - c + a", "a * (b + c) ** 2", "1 + 2 * 3 ** 2 / 4 % 5 - 6",
    "a == b ? c : a", "a === b === c", "c ? a : b + 1", "(c ? a : b) + 1",
  ];
  for (const c of cases) test(c, () => checkAgainstV8(e, c, ALIASES, ROWS));
});

const BINARY = ["+", "-", "*", "/", "%", "**", "<", "<=", ">", ">=", "==", "!=", "===", "!==",
  "&", "|", "^", "<<", ">>", ">>>", "&&", "||", "??"];
const UNARY = ["- ", "+ ", "!", "~", "typeof ", "void "]; // "- " so that no "--" appears
const ATOMS = ["a", "b", "c", "1", "2", "0", "'3'", "''", "true", "null", "undefined", "NaN", "0.5", "`t${a}`"];

function generate(r: () => number, depth: number): string {
  const roll = r();
  if (depth <= 0 || roll < 0.25) return ATOMS[Math.floor(r() * ATOMS.length)];
  if (roll < 0.4) return UNARY[Math.floor(r() * UNARY.length)] + generate(r, depth - 1);
  if (roll < 0.5) return "(" + generate(r, depth - 1) + ")";
  if (roll < 0.58) return generate(r, depth - 1) + " ? " + generate(r, depth - 1) + " : " + generate(r, depth - 1);
  return generate(r, depth - 1) + " " + BINARY[Math.floor(r() * BINARY.length)] + " " + generate(r, depth - 1);
}

function v8Parses(src: string): boolean {
  try { new Function(...ALIASES, "return (" + src + "\n)"); return true; } catch { return false; }
}

test("random expressions: accepted and rejected exactly as V8, with V8's values", () => {
  const r = rng(20240611);
  let accepted = 0, rejected = 0;
  const rows = ROWS.concat([[VALUES[4], VALUES[20], VALUES[30]]]);
  for (let i = 0; i < 1500; i++) {
    const src = generate(r, 5);
    const h = e.compile(src, ALIASES);
    if (v8Parses(src)) {
      if (isDiag(h)) throw new Error(`${src}: V8 accepts it, we said ${h.code} ${h.message}`);
      checkAgainstV8(e, src, ALIASES, rows);
      accepted++;
    } else {
      if (!isDiag(h)) throw new Error(`${src}: V8 rejects it as a SyntaxError, we accepted it`);
      expect([61, 62]).toContain(h.code);
      rejected++;
    }
  }
  expect(accepted).toBeGreaterThan(1000);
  expect(rejected).toBeGreaterThan(10);
});
