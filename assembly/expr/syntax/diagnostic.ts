// Diagnostics are data: {code, message, span, hint}, made by the lexer (inside an
// error token), the parser and the checker, and rendered once, here, with the
// expression and a caret line. This file is the one registry of codes 40–69
// (docs/expressions.md lists them); a code is never reused for another meaning.
// valueText() writes a constant as JavaScript source, for messages and the
// disassembler.

import { intText } from "../../text";
import { Tag, tagOf, numOf, strPtr, strLen, SLOT_SIZE } from "../../value";
import { toStringSlot } from "../lib/coerce";
import { hexDigit } from "../../num/chars";

export const enum DiagCode {
  Syntax = 40,             // unexpected token, missing ')' or ':'
  UnknownIdentifier = 41,  // neither an alias nor a built-in
  UnterminatedString = 42, // string or template literal without its closing quote
  InvalidEscape = 43,      // bad or legacy-octal escape sequence
  InvalidNumber = 44,      // malformed, legacy-octal, BigInt or separated number literal
  InvalidCharacter = 45,   // a character that starts no token
  EmptyExpression = 46,    // nothing but whitespace and comments
  Assignment = 47,         // = += ++ --
  Statement = 48,          // ; and statements, declarations, blocks
  Comma = 49,              // a , b
  FunctionLiteral = 50,    // function, class, =>
  New = 51,                // new
  This = 52,               // this, super
  Regex = 53,              // regex constructs not run: lookbehind, \p{…}, flags d v y
  ArrayObjectLiteral = 54, // holes, methods, getters, {...o}, __proto__: in literals
  OptionalChaining = 55,   // x.m?.() on a method, ?.`tagged`
  ForbiddenGlobal = 56,    // eval Function require process globalThis console window …
  UnknownMember = 57,      // press.foo, Math.foo
  ArgumentCount = 58,      // Math.sqrt(1, 2)
  UnsupportedOperator = 59,// instanceof delete await yield import, ... outside literals and calls, tagged templates
  UnsupportedIndex = 60,   // split(...)[k] with an inherited key; split other than x.split(sep)[i]
  MixedCoalesce = 61,      // a ?? b || c
  UnaryExponent = 62,      // -2 ** 2
  TooDeep = 63,            // nesting beyond the parser's limit
  TooComplex = 64,         // more stack, constants or code than the VM allows
  NotCallable = 65,        // press(), Math.PI()
  BuiltinAsValue = 66,     // Math, Math.sqrt, parseInt without a call
  // 67–69 reserved
}

/** One problem in one expression. start/end: UTF-16 offsets in the source, end exclusive. */
export class Diagnostic {
  code: i32;
  message: string;
  start: i32;
  end: i32;
  hint: string | null;

  constructor(code: i32, message: string, start: i32, end: i32, hint: string | null = null) {
    this.code = code;
    this.message = message;
    this.start = start;
    this.end = end;
    this.hint = hint;
  }
}

/**
 * Render a diagnostic:
 *
 *     mapping 'motor.rpm': unknown identifier 'pres' (E41)
 *       pres / 4
 *       ^^^^
 *       hint: did you mean 'press'?
 *
 * Only the source line holding the span's start is shown (with "line N" when
 * the expression has several lines); carets stop at that line's end. A tab in
 * the line stays a tab in the caret line so the carets line up; a surrogate
 * pair is one column. Trailing spaces are trimmed. No final newline.
 */
export function renderDiagnostic(path: string, source: string, d: Diagnostic): string {
  let out = "mapping '" + path + "': " + d.message + " (E" + intText(d.code) + ")";
  const n = source.length;
  let start = d.start < 0 ? 0 : d.start > n ? n : d.start;
  let end = d.end < start ? start : d.end > n ? n : d.end;
  // The line around `start`.
  let lineStart = start;
  while (lineStart > 0 && !isLineBreak(source.charCodeAt(lineStart - 1))) lineStart--;
  let lineEnd = start;
  while (lineEnd < n && !isLineBreak(source.charCodeAt(lineEnd))) lineEnd++;
  if (end > lineEnd) end = lineEnd;
  let multiLine = false;
  for (let i = 0; i < n; i++) if (isLineBreak(source.charCodeAt(i))) { multiLine = true; break; }
  if (multiLine) {
    let line = 1;
    for (let i = 0; i < lineStart; i++) {
      const c = source.charCodeAt(i);
      // CR LF counts once.
      if (isLineBreak(c) && !(c == 13 && i + 1 < n && source.charCodeAt(i + 1) == 10)) line++;
    }
    out += "\n  line " + intText(line) + ":";
  }
  out += "\n" + trimEnd("  " + source.substring(lineStart, lineEnd));
  let caret = "  ";
  for (let i = lineStart; i < start; i++) {
    const c = source.charCodeAt(i);
    if (isLowSurrogateAfterHigh(source, i)) continue;
    caret += c == 9 ? "\t" : " ";
  }
  let carets = 0;
  for (let i = start; i < end; i++) {
    if (isLowSurrogateAfterHigh(source, i)) continue;
    caret += "^";
    carets++;
  }
  if (carets == 0) caret += "^";
  out += "\n" + caret;
  const hint = d.hint;
  if (hint !== null) out += "\n  hint: " + hint;
  return out;
}

function isLineBreak(c: i32): bool {
  return c == 10 || c == 13 || c == 0x2028 || c == 0x2029;
}

function isLowSurrogateAfterHigh(s: string, i: i32): bool {
  const c = s.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i == 0) return false;
  const p = s.charCodeAt(i - 1);
  return p >= 0xd800 && p <= 0xdbff;
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) == 32) e--;
  return s.substring(0, e);
}

/** A constant as JavaScript source: numbers as JS prints them, strings JSON-quoted. */
export function valueText(slot: usize): string {
  switch (tagOf(slot)) {
    case Tag.Undefined: return "undefined";
    case Tag.Null: return "null";
    case Tag.Boolean: return numOf(slot) != 0 ? "true" : "false";
    case Tag.Number: {
      const x = numOf(slot);
      if (x == 0 && 1 / x < 0) return "-0"; // ToString would print 0
      const text = heap.alloc(SLOT_SIZE);
      toStringSlot(slot, text);
      return String.UTF16.decodeUnsafe(strPtr(text), <usize>strLen(text) << 1);
    }
  }
  const s = String.UTF16.decodeUnsafe(strPtr(slot), <usize>strLen(slot) << 1);
  let q = "\"";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34) q += "\\\"";
    else if (c == 92) q += "\\\\";
    else if (c == 10) q += "\\n";
    else if (c < 32 || (c >= 0xd800 && c <= 0xdfff)) q += "\\u" + hex4(c);
    else q += String.fromCharCode(c);
  }
  return q + "\"";
}

// By hand: i32#toString(16) pulls in a 1 KB lookup table.
function hex4(c: i32): string {
  let s = "";
  for (let shift = 12; shift >= 0; shift -= 4) s += String.fromCharCode(hexDigit((c >> shift) & 15));
  return s;
}
