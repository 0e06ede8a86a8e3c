// Syntax mutations of valid expressions (token deletion, duplication, swap,
// insertion, replacement) and V8's verdict on them: does the text parse as one
// JavaScript expression, and where does V8 put its caret when it does not.
import vm from "node:vm";
import { prng } from "./gen/render.mjs";

/** Tokens worth inserting: statement and subset-excluded syntax, brackets, operators, literal fragments. */
export const INSERTABLE = [
  "(", ")", "[", "]", "{", "}", ",", ";", ":", "?", ".", "?.", "...", "=", "==", "=>", "+=", "++", "--",
  "+", "-", "*", "/", "%", "**", "!", "~", "<", ">>>", "&&", "||", "??", "&", "|", "^", "typeof", "void",
  "new", "this", "function", "class", "in", "instanceof", "delete", "let", "var", "if", "return", "yield", "await",
  "`", "'", "\"", "#", "@", "\\", "0", "1.", ".5", "0x", "08", "1_0", "1n", "v0", "v2", "x", "Math", "eval",
  "null", "true", "/a/", "${", "}`", "\\u0041", "é", "\u2028",
];

const MUTATIONS = ["delete", "duplicate", "swap", "insert", "replace"];

/** One random mutation of `toks` (a new array) and what was done. */
export function mutate(toks, seed) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const i = Math.floor(rnd() * toks.length);
  const out = toks.slice();
  const kind = pick(MUTATIONS);
  switch (kind) {
    case "delete": out.splice(i, 1); break;
    case "duplicate": out.splice(i, 0, toks[i]); break;
    case "swap": if (i + 1 < toks.length) [out[i], out[i + 1]] = [out[i + 1], out[i]]; else out.splice(i, 1); break;
    case "insert": out.splice(i, 0, pick(INSERTABLE)); break;
    default: out[i] = pick(INSERTABLE);
  }
  return { toks: out, kind };
}

/**
 * Whether V8 accepts `expr` as a single expression: both `(expr)` and
 * `[expr]` must compile (a text that closes the first wrapper and opens a new
 * one still fails the other).
 */
export function v8Accepts(expr) {
  try {
    // eslint-disable-next-line no-new-func
    new Function("return (" + expr + "\n)");
    // eslint-disable-next-line no-new-func
    new Function("return [" + expr + "\n]");
    return true;
  } catch (e) {
    if (e instanceof SyntaxError) return false;
    throw e;
  }
}

/** Whether V8 rejects `expr` with a SyntaxError even in the `(expr)` wrapper (so it is no expression at all). */
export function v8SyntaxError(expr) {
  try {
    // eslint-disable-next-line no-new-func
    new Function("return (" + expr + "\n)");
    return null;
  } catch (e) {
    if (e instanceof SyntaxError) return e.message;
    throw e;
  }
}

/**
 * Where V8's caret points for a one-line `expr` it rejects: a UTF-16 offset
 * into expr (expr.length for the end of input), or null when V8 shows none.
 */
export function v8CaretOffset(expr) {
  try {
    new vm.Script("(" + expr + "\n)");
    return null;
  } catch (e) {
    const lines = String(e.stack).split("\n");
    const line = Number(/:(\d+)$/.exec(lines[0])?.[1]);
    const caret = (lines[2] ?? "").indexOf("^");
    if (caret < 0) return null;
    if (line === 1) return caret - 1;
    if (line === 2 && caret === 0) return expr.length;
    return null;
  }
}
