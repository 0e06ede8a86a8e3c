// The YAML parser's shared cursor: the text, the position `p`, the first error and
// the nesting depth, with the character tests and skips every part of the parser uses.
// The parser's files assign these module globals directly (AssemblyScript allows it).

import { YamlNode } from "./node";
import { Msg, msg } from "../messages";

export const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;

export let src = "";
export let n: i32 = 0;
export let p: i32 = 0;
export let errPos: i32 = -1;
export let errMsg = "";
/** Collections nest at most this deep (the parser is recursive). */
export const MAX_DEPTH: i32 = 1000;
export let depth: i32 = 0;

/** The error of the last parse ("" when it succeeded). */
export function yamlError(): string { return errMsg; }
/** Where it is: offset in UTF-16 units of the text, or -1. */
export function yamlErrorPos(): i32 { return errPos; }

export function fail(at: i32, message: string): YamlNode | null {
  if (errPos < 0) { errPos = at; errMsg = message; }
  return null;
}
// @ts-ignore: decorator
@inline export function failed(): bool { return errPos >= 0; }

// @ts-ignore: decorator
@inline export function ch(i: i32): i32 { return i < n ? <i32>src.charCodeAt(i) : -1; }
export function isWs(c: i32): bool { return c == SPACE || c == TAB; }
// Line breaks are LF and CRLF; a lone CR is an ordinary character (as the `yaml` package reads it).
export function isBreakAt(i: i32): bool { const c = ch(i); return c == LF || (c == CR && ch(i + 1) == LF); }
export function isBlankAt(i: i32): bool { const c = ch(i); return c == SPACE || c == TAB || c == -1 || isBreakAt(i); }
export function atEol(i: i32): bool { return i >= n || isBreakAt(i); }
export function isFlowIndicator(c: i32): bool { return c == 0x2c || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d; }

export function lineStartOf(i: i32): i32 {
  let j = i;
  while (j > 0 && ch(j - 1) != LF) j--;
  return j;
}
export function colOf(i: i32): i32 { return i - lineStartOf(i); }

/** After a line break at `i` (LF, CR or CRLF), the next line's start. */
export function skipBreak(i: i32): i32 {
  if (ch(i) == CR && ch(i + 1) == LF) return i + 2;
  return i + 1;
}

export function skipSpace(): void { while (isWs(ch(p))) p++; }

/** `---` or `...` at the start of a line, followed by a blank. */
export function atDocMarker(i: i32, c: i32): bool {
  return colOf(i) == 0 && ch(i) == c && ch(i + 1) == c && ch(i + 2) == c && isBlankAt(i + 3);
}
export function atAnyDocMarker(i: i32): bool { return atDocMarker(i, 0x2d) || atDocMarker(i, 0x2e); }

/** Skip white space, comments and line breaks up to the next content (or the end). */
export function skipBlankLines(): void {
  while (true) {
    skipSpace();
    if (ch(p) == 0x23) {
      if (p > 0 && !isBlankAt(p - 1)) { fail(p, msg(Msg.ACommentNeedsWhite)); return; }
      while (!atEol(p)) p++;
    }
    if (p < n && isBreakAt(p)) { p = skipBreak(p); continue; }
    return;
  }
}

/** The indentation of the content at `i` (its column); an error if it contains a tab. */
export function indentOf(i: i32): i32 {
  const start = lineStartOf(i);
  for (let j = start; j < i; j++) {
    if (ch(j) == TAB) { fail(j, msg(Msg.TabsAreNotAllowed)); break; }
  }
  return i - start;
}
