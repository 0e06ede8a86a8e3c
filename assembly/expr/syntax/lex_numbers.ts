// The lexer's numeric literals: decimal (with fraction and exponent), hex, octal
// and binary, each correctly rounded; legacy octal (with a hint), separators and
// BigInt are errors.

import { Token, TokenKind } from "./token";
import { DiagCode } from "./diagnostic";
import { Lexer } from "./lexer";
import { C, isDecimalDigit, digitValue } from "./char_classes";
import { isIdentPart } from "./words";
import { stringToNumber } from "../../num/parse";
import { scalbn } from "../math/fdlibm_words";
import { Msg, msg } from "../../messages";

/** A numeric literal; the first character (a digit or '.') is consumed. */
export function lexNumber(lx: Lexer, start: i32): Token {
  const s = lx.source;
  const first = s.charCodeAt(start);
  let value: f64 = 0;
  const p = lx.peek(0) | 32; // lower case
  if (first == C._0 && (p == 120 || p == 111 || p == 98)) { // x o b
    lx.pos++;
    const bits = p == 120 ? 4 : p == 111 ? 3 : 1;
    const name = p == 120 ? "hexadecimal" : p == 111 ? "octal" : "binary";
    const digitsStart = lx.pos;
    // Accumulate at least 60 significant bits, then keep a sticky bit, so
    // the u64 -> f64 conversion rounds exactly as JavaScript does.
    let acc: u64 = 0;
    let shift: i32 = 0;
    let sticky: u64 = 0;
    for (;;) {
      const d = digitValue(lx.peek(0));
      if (d < 0 || d >= (1 << bits)) break;
      lx.pos++;
      if (acc < (<u64>1 << <u64>(63 - bits))) acc = (acc << <u64>bits) | <u64>d;
      else { shift += bits; if (d != 0) sticky = 1; }
    }
    if (lx.pos == digitsStart) {
      return lx.error(DiagCode.InvalidNumber, "missing " + name + " digits after '" + s.substring(start, start + 2) + "'", start, lx.pos);
    }
    value = scalbn(<f64>(acc | sticky), shift);
    const bad = afterNumber(lx, start);
    if (bad !== null) return bad;
  } else {
    if (first == C._0) {
      const d = lx.peek(0);
      if (d >= C._0 && d <= C._9) {
        let octal = true;
        while (lx.pos < s.length && isDecimalDigit(s.charCodeAt(lx.pos))) {
          if (s.charCodeAt(lx.pos) > C._7) octal = false;
          lx.pos++;
        }
        return lx.error(DiagCode.InvalidNumber,
          msg(Msg.NumbersMustNotStart), start, lx.pos,
          octal ? "write 0o" + s.substring(start + 1, lx.pos) + msg(Msg.ForOctalOrDrop) : msg(Msg.DropTheLeadingZero));
      }
    }
    if (first != C.DOT) {
      digits(lx);
      if (lx.match(C.DOT)) digits(lx);
    } else {
      digits(lx);
    }
    const e = lx.peek(0);
    if (e == 101 || e == 69) { // e E
      const ePos = lx.pos;
      lx.pos++;
      if (lx.peekIs(0, C.PLUS) || lx.peekIs(0, C.MINUS)) lx.pos++;
      if (!isDecimalDigit(lx.peek(0))) {
        return lx.error(DiagCode.InvalidNumber, msg(Msg.MissingExponentDigits), start, max(lx.pos, ePos + 1));
      }
      digits(lx);
    }
    const bad = afterNumber(lx, start);
    if (bad !== null) return bad;
    value = decimalValue(s, start, lx.pos);
  }
  const t = lx.make(TokenKind.Number, start);
  t.number = value;
  return t;
}

function digits(lx: Lexer): void {
  const s = lx.source;
  while (lx.pos < s.length && isDecimalDigit(s.charCodeAt(lx.pos))) lx.pos++;
}

/** What may not follow a number: `_` separators, a BigInt `n`, letters or digits. */
function afterNumber(lx: Lexer, start: i32): Token | null {
  const c = lx.peek(0);
  if (c == C.UNDERSCORE) {
    return lx.error(DiagCode.InvalidNumber, msg(Msg.NumericSeparatorsAreNot), start, lx.pos + 1);
  }
  if (c == 110) return lx.error(DiagCode.InvalidNumber, msg(Msg.BigIntLiteralsAreNot), start, lx.pos + 1);
  if (c >= 0 && (isIdentPart(c) || c == C.BACKSLASH)) {
    return lx.error(DiagCode.InvalidNumber, msg(Msg.ANumberMustNot), start, lx.pos + 1);
  }
  return null;
}

/** The value of a decimal literal's text, correctly rounded (num/parse.ts). */
function decimalValue(s: string, start: i32, end: i32): f64 {
  return stringToNumber(changetype<usize>(s) + (<usize>start << 1), end - start);
}
