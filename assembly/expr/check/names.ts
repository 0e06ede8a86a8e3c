// Names: which globals are forbidden, what an alias may be called, and "did you
// mean" by edit distance. Configure time only (allocates freely).

import { TokenKind } from "../syntax/token";
import { isIdentStart, isIdentPart, keywordKind, isValueName } from "../syntax/words";
import { lookupGlobalFunction, isNamespace } from "../lib/builtins";
import { Msg, msg } from "../../messages";

/** Globals that would escape the sandbox or have no meaning here. */
const FORBIDDEN: string[] = [
  "eval", "Function", "require", "process", "globalThis", "console", "window",
  "global", "self", "module", "exports", "arguments", "document", "fetch",
  "setTimeout", "setInterval", "setImmediate", "queueMicrotask",
  "Symbol", "Promise", "Reflect", "Proxy", "RegExp",
  "Error", "BigInt", "Intl", "WebAssembly", "Buffer", "Atomics", "SharedArrayBuffer",
  "ArrayBuffer", "DataView", "Map", "Set", "WeakMap", "WeakSet", "WeakRef",
  "encodeURI", "decodeURI", "encodeURIComponent", "decodeURIComponent", "escape", "unescape",
];

export function isForbiddenGlobal(name: string): bool {
  return FORBIDDEN.includes(name);
}

/**
 * null if `name` may be an alias: an ASCII JavaScript identifier that is not a
 * reserved word, a built-in, a value name or a forbidden global; else the reason.
 */
export function aliasNameProblem(name: string): string | null {
  if (name.length == 0) return msg(Msg.AnAliasMustNot);
  if (!isIdentStart(name.charCodeAt(0))) {
    return "alias '" + name + msg(Msg.IsNotAValid);
  }
  for (let i = 1; i < name.length; i++) {
    if (!isIdentPart(name.charCodeAt(i))) {
      return "alias '" + name + msg(Msg.IsNotAValidIdentifier);
    }
  }
  if (keywordKind(name) != TokenKind.Identifier) return "alias '" + name + msg(Msg.IsAReservedWord);
  if (isValueName(name)) return "alias '" + name + msg(Msg.IsABuiltIn);
  if (lookupGlobalFunction(name) >= 0 || isNamespace(name)) return "alias '" + name + msg(Msg.IsABuiltInName);
  if (isForbiddenGlobal(name)) return "alias '" + name + msg(Msg.IsAJavaScriptGlobal);
  return null;
}

/** String and number members of docs/behaviour.md §7, for "did you mean" on unknown members. */
export const MEMBER_NAMES: string[] = [
  "length", "toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd", "slice",
  "substring", "includes", "startsWith", "endsWith", "indexOf", "lastIndexOf", "charAt",
  "padStart", "padEnd", "repeat", "replace", "replaceAll", "split", "toFixed", "toString",
];

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition),
 * giving up early: returns limit + 1 once the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: i32): i32 {
  const n = a.length, m = b.length;
  if (abs(n - m) > limit) return limit + 1;
  // Three rolling rows: i-2, i-1, i.
  let prev2 = new StaticArray<i32>(m + 1);
  let prev = new StaticArray<i32>(m + 1);
  let cur = new StaticArray<i32>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca == cb ? 0 : 1;
      let d = min(min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca == b.charCodeAt(j - 2) && a.charCodeAt(i - 2) == cb) {
        d = min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[m];
}

/**
 * The candidate closest to `name` within edit distance 2, or null. A
 * suggestion must be close relative to the names' length (`x` never suggests
 * `r`); a case-only difference always counts. Earlier candidates win ties.
 */
export function closest(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestD: i32 = 3;
  const lower = asciiLower(name);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c == name) continue;
    let d = editDistance(name, c, 2);
    if (asciiLower(c) == lower) d = 0; // case-only mistakes are the likeliest
    const longer = max(name.length, c.length);
    if (d <= 2 && d * 2 <= longer && d < bestD) { best = c; bestD = d; }
  }
  return best;
}

/** `s` with A-Z lowered: names are ASCII, and String#toLowerCase's Unicode tables cost 1.5 KB of code. */
function asciiLower(s: string): string {
  let out = s;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      const units = new StaticArray<u16>(s.length);
      for (let j = 0; j < s.length; j++) {
        const d = s.charCodeAt(j);
        units[j] = <u16>(d >= 0x41 && d <= 0x5a ? d + 32 : d);
      }
      out = String.UTF16.decodeUnsafe(changetype<usize>(units), <usize>s.length << 1);
      break;
    }
  }
  return out;
}

/** `did you mean 'x'?` or null. */
export function didYouMean(name: string, candidates: string[]): string | null {
  const c = closest(name, candidates);
  return c === null ? null : "did you mean '" + c + "'?";
}
