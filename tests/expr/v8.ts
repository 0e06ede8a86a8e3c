// Differential checking against V8: the expected value of every accepted
// expression is what `new Function(...aliases, "return (" + expr + ")")` returns.
import { expect } from "vitest";
import { Engine, JsValue, isDiag, v8 } from "./engine";

/** Interesting values of every type, for operator matrices. */
export const VALUES: JsValue[] = [
  0, -0, 1, -1, 1.5, -2.5, 7, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32 + 5, -(2 ** 53), 1e21, 0.1, 3e-7,
  "", "0", "1", "1.5", " 12 ", "abc", "ABC", "0x1A", "1e3", "Infinity", "-0", "10", "9", "\u00e9",
  true, false, null, undefined,
];

export function show(v: JsValue): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

/** A JS source literal for a value (for constant-folding tests). */
export function literal(v: JsValue): string {
  if (typeof v === "number") {
    if (Object.is(v, -0)) return "(-0)";
    if (v !== v) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "(-Infinity)";
    return v < 0 ? `(${v})` : String(v);
  }
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

export function sameValue(a: JsValue, b: JsValue): boolean {
  return typeof a === "number" && typeof b === "number" ? Object.is(a, b) : a === b;
}

/**
 * Compile `expr` once and check it against V8 for every binding in `rows`.
 * Returns the number of evaluations compared.
 */
export function checkAgainstV8(e: Engine, expr: string, aliases: string[], rows: JsValue[][]): number {
  const h = e.compile(expr, aliases);
  if (isDiag(h)) throw new Error(`${expr}: unexpected diagnostic ${h.code} ${h.message}`);
  const failures: string[] = [];
  for (const row of rows) {
    const want = v8(expr, aliases, row);
    const got = e.run(h, row);
    const where = `${expr} with ${aliases.map((a, i) => `${a}=${show(row[i])}`).join(", ")}`;
    if ("threw" in want) {
      if (!("error" in got)) failures.push(`${where}: V8 threw ${want.threw}, we gave ${show(got.value)}`);
    } else if ("error" in got) {
      failures.push(`${where}: we failed (${got.error} ${got.message}), V8 gave ${show(want.value)}`);
    } else if (!sameValue(got.value, want.value)) {
      failures.push(`${where}: got ${show(got.value)}, V8 ${show(want.value)}`);
    }
  }
  expect(failures.slice(0, 20)).toEqual([]);
  return rows.length;
}

/** Evaluate a closed expression and compare with V8. */
export function checkClosed(e: Engine, expr: string): void {
  checkAgainstV8(e, expr, [], [[]]);
}
