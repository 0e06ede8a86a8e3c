// The lexer's string and template literals: cooked text, escapes (rejected
// legacy forms explained), and "unterminated" errors whose caret runs to the
// end of the line.

import { Token, TokenKind } from "./token";
import { DiagCode } from "./diagnostic";
import { Lexer } from "./lexer";
import { C, isDecimalDigit, digitValue, isLineTerminator } from "./char_classes";
import { Msg, msg } from "../../messages";

export function lexString(lx: Lexer, start: i32, quote: i32): Token {
  const s = lx.source;
  let cooked = "";
  let run = lx.pos; // start of the current run of plain characters
  for (;;) {
    if (lx.pos >= s.length) return unterminated(lx, start, "string");
    const c = s.charCodeAt(lx.pos);
    if (c == quote) break;
    if (c == C.LF || c == C.CR) return unterminated(lx, start, "string");
    if (c == C.BACKSLASH) {
      cooked += s.substring(run, lx.pos);
      const e = escape(lx, false);
      if (e === null) return lx.escapeError;
      cooked += e;
      run = lx.pos;
      continue;
    }
    lx.pos++;
  }
  cooked += s.substring(run, lx.pos);
  lx.pos++; // closing quote
  const t = lx.make(TokenKind.String, start);
  t.text = cooked;
  return t;
}

function unterminated(lx: Lexer, start: i32, what: string): Token {
  const s = lx.source;
  let end = lx.pos;
  // Caret the rest of the line: that is where the closing quote belongs.
  while (end < s.length && !isLineTerminator(s.charCodeAt(end))) end++;
  lx.pos = end;
  return lx.error(DiagCode.UnterminatedString, "unterminated " + what + " literal", start, end);
}

/**
 * A template piece: from just after '`' (head = true) or '}' up to and
 * including the closing '`' or the next `${`.
 */
export function lexTemplate(lx: Lexer, literalStart: i32, start: i32, head: bool): Token {
  const s = lx.source;
  let cooked = "";
  let run = lx.pos;
  for (;;) {
    if (lx.pos >= s.length) return unterminated(lx, literalStart, "template");
    const c = s.charCodeAt(lx.pos);
    if (c == C.BACKTICK) {
      cooked += s.substring(run, lx.pos);
      lx.pos++;
      const t = lx.make(head ? TokenKind.TemplateFull : TokenKind.TemplateTail, start);
      t.text = cooked;
      return t;
    }
    if (c == C.DOLLAR && lx.peekIs(1, C.LBRACE)) {
      cooked += s.substring(run, lx.pos);
      lx.pos += 2;
      lx.templateDepths.push(lx.braceDepth);
      lx.templateStarts.push(literalStart);
      const t = lx.make(head ? TokenKind.TemplateHead : TokenKind.TemplateMiddle, start);
      t.text = cooked;
      return t;
    }
    if (c == C.BACKSLASH) {
      cooked += s.substring(run, lx.pos);
      const e = escape(lx, true);
      if (e === null) return lx.escapeError;
      cooked += e;
      run = lx.pos;
      continue;
    }
    if (c == C.CR) {
      // CR and CR LF become LF in the template's value.
      cooked += s.substring(run, lx.pos) + "\n";
      lx.pos++;
      if (lx.peekIs(0, C.LF)) lx.pos++;
      run = lx.pos;
      continue;
    }
    lx.pos++;
  }
  return unterminated(lx, literalStart, "template"); // not reached: the loop only returns
}


/**
 * One escape sequence at pos (a backslash). Returns its cooked text, or null
 * with escapeError set. Legacy octal escapes (`\1`, `\01`) and `\8` `\9` are
 * rejected in strings too (they are errors in templates and strict code).
 */
function escape(lx: Lexer, inTemplate: bool): string | null {
  const s = lx.source;
  const start = lx.pos;
  lx.pos++;
  if (lx.pos >= s.length) {
    lx.escapeError = unterminated(lx, start, inTemplate ? "template" : "string");
    return null;
  }
  const c = s.charCodeAt(lx.pos);
  lx.pos++;
  switch (c) {
    case 110: return "\n";     // n
    case 116: return "\t";     // t
    case 114: return "\r";     // r
    case 98: return "\b";      // b
    case 102: return "\f";     // f
    case 118: return "\v";     // v
    case C.CR: lx.match(C.LF); return ""; // line continuation
    case C.LF:
    case C.LS:
    case C.PS: return "";
    case 120: { // xHH
      const h = hex(lx, 2);
      if (h < 0) return badEscape(lx, start, msg(Msg.XMustBeFollowed));
      return String.fromCharCode(h);
    }
    case 117: { // uHHHH or u{H…}
      if (lx.match(C.LBRACE)) {
        let v: i32 = 0;
        let count = 0;
        for (;;) {
          const d = digitValue(lx.peek(0));
          if (d < 0 || d > 15) break;
          lx.pos++;
          count++;
          v = v * 16 + d;
          if (v > 0x10ffff) return badEscape(lx, start, msg(Msg.CodePointInU));
        }
        if (count == 0 || !lx.match(C.RBRACE)) return badEscape(lx, start, msg(Msg.UMustBeFollowed));
        return String.fromCodePoint(v);
      }
      const h = hex(lx, 4);
      if (h < 0) return badEscape(lx, start, msg(Msg.UMustBeFollowedBy));
      return String.fromCharCode(h);
    }
  }
  if (c == C._0 && !isDecimalDigit(lx.peek(0))) return "\0";
  if (c >= C._0 && c <= C._9) {
    return badEscape(lx, start, c <= C._7 ? msg(Msg.LegacyOctalEscapeSequences) : msg(Msg.M8And9Are),
      msg(Msg.UseXOrU));
  }
  // Any other character stands for itself; a surrogate pair stays whole.
  return s.substring(lx.pos - 1, lx.pos);
}

function badEscape(lx: Lexer, start: i32, message: string, hint: string | null = null): string | null {
  lx.escapeError = lx.error(DiagCode.InvalidEscape, msg(Msg.InvalidEscapeSequence) + message, start, lx.pos, hint);
  return null;
}

/** Exactly `n` hex digits as a value, or -1 (pos stays after the digits read). */
function hex(lx: Lexer, n: i32): i32 {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = digitValue(lx.peek(0));
    if (d < 0 || d > 15) return -1;
    lx.pos++;
    v = v * 16 + d;
  }
  return v;
}
