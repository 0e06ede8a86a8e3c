// The lexer: makes one token per call to next(), on demand. It never reports;
// a lexical error becomes an Error token with a code, message and span, and the
// parser turns the first one into the expression's diagnostic.
// Comments (`//…` and `/*…*/`) are accepted and skipped, as JavaScript does.

import { NO_TOKEN, Token, TokenKind, takeToken } from "./token";
import { DiagCode } from "./diagnostic";
import { isIdentStart, isIdentPart, keywordKind } from "./names";
import { stringToNumber } from "../num/parse";
import { scalbn } from "./fdlibm_words";

const enum C {
  TAB = 9, LF = 10, VT = 11, FF = 12, CR = 13, SPACE = 32, BANG = 33, DQUOTE = 34,
  HASH = 35, DOLLAR = 36, PERCENT = 37, AMP = 38, QUOTE = 39, LPAREN = 40, RPAREN = 41,
  STAR = 42, PLUS = 43, COMMA = 44, MINUS = 45, DOT = 46, SLASH = 47, _0 = 48, _7 = 55,
  _9 = 57, COLON = 58, SEMI = 59, LT = 60, EQ = 61, GT = 62, QUESTION = 63, AT = 64,
  LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, CARET = 94, UNDERSCORE = 95,
  BACKTICK = 96, LBRACE = 123, PIPE = 124, RBRACE = 125, TILDE = 126,
  LS = 0x2028, PS = 0x2029,
}

export class Lexer {
  private source: string;
  private pos: i32 = 0;
  private sawNewline: bool = false;
  // Open `${` substitutions: the brace depth at which each was opened, so the
  // `}` that closes one resumes the template instead of being a RightBrace.
  private braceDepth: i32 = 0;
  private templateDepths: i32[] = [];
  // Where each open template literal starts, for the span of "unterminated".
  private templateStarts: i32[] = [];

  constructor(source: string) {
    this.source = source;
  }

  next(): Token {
    const err = this.skipTrivia();
    if (err !== null) return err;
    const s = this.source;
    const start = this.pos;
    if (start >= s.length) return this.make(TokenKind.Eof, start);
    const c = s.charCodeAt(start);
    this.pos++;
    if (isIdentStart(c)) return this.word(start);
    if (c >= C._0 && c <= C._9) return this.number(start);
    switch (c) {
      case C.LPAREN: return this.make(TokenKind.LeftParen, start);
      case C.RPAREN: return this.make(TokenKind.RightParen, start);
      case C.LBRACKET: return this.make(TokenKind.LeftBracket, start);
      case C.RBRACKET: return this.make(TokenKind.RightBracket, start);
      case C.LBRACE: this.braceDepth++; return this.make(TokenKind.LeftBrace, start);
      case C.RBRACE: {
        const t = this.templateDepths;
        if (t.length > 0 && t[t.length - 1] == this.braceDepth) {
          t.pop();
          return this.template(this.templateStarts.pop(), start, false);
        }
        this.braceDepth--;
        return this.make(TokenKind.RightBrace, start);
      }
      case C.COMMA: return this.make(TokenKind.Comma, start);
      case C.SEMI: return this.make(TokenKind.Semicolon, start);
      case C.COLON: return this.make(TokenKind.Colon, start);
      case C.TILDE: return this.make(TokenKind.Tilde, start);
      case C.HASH: return this.make(TokenKind.Hash, start);
      case C.AT: return this.make(TokenKind.At, start);
      case C.DOT: {
        if (this.peekIs(0, C.DOT) && this.peekIs(1, C.DOT)) { this.pos += 2; return this.make(TokenKind.Ellipsis, start); }
        const d = this.peek(0);
        if (d >= C._0 && d <= C._9) return this.number(start);
        return this.make(TokenKind.Dot, start);
      }
      case C.QUESTION: {
        if (this.match(C.QUESTION)) {
          return this.make(this.match(C.EQ) ? TokenKind.CompoundAssign : TokenKind.QuestionQuestion, start);
        }
        // `a?.5:1` is a conditional, not optional chaining.
        const d = this.peek(1);
        if (this.peekIs(0, C.DOT) && !(d >= C._0 && d <= C._9)) { this.pos++; return this.make(TokenKind.QuestionDot, start); }
        return this.make(TokenKind.Question, start);
      }
      case C.PLUS:
        if (this.match(C.PLUS)) return this.make(TokenKind.PlusPlus, start);
        return this.assignOr(TokenKind.Plus, start);
      case C.MINUS:
        if (this.match(C.MINUS)) return this.make(TokenKind.MinusMinus, start);
        return this.assignOr(TokenKind.Minus, start);
      case C.STAR:
        if (this.match(C.STAR)) return this.assignOr(TokenKind.StarStar, start);
        return this.assignOr(TokenKind.Star, start);
      case C.SLASH: return this.assignOr(TokenKind.Slash, start);
      case C.PERCENT: return this.assignOr(TokenKind.Percent, start);
      case C.CARET: return this.assignOr(TokenKind.Caret, start);
      case C.LT:
        if (this.match(C.LT)) return this.assignOr(TokenKind.LessLess, start);
        return this.make(this.match(C.EQ) ? TokenKind.LessEqual : TokenKind.Less, start);
      case C.GT:
        if (this.match(C.GT)) {
          if (this.match(C.GT)) return this.assignOr(TokenKind.GreaterGreaterGreater, start);
          return this.assignOr(TokenKind.GreaterGreater, start);
        }
        return this.make(this.match(C.EQ) ? TokenKind.GreaterEqual : TokenKind.Greater, start);
      case C.EQ:
        if (this.match(C.EQ)) return this.make(this.match(C.EQ) ? TokenKind.EqualEqualEqual : TokenKind.EqualEqual, start);
        if (this.match(C.GT)) return this.make(TokenKind.Arrow, start);
        return this.make(TokenKind.Equal, start);
      case C.BANG:
        if (this.match(C.EQ)) return this.make(this.match(C.EQ) ? TokenKind.BangEqualEqual : TokenKind.BangEqual, start);
        return this.make(TokenKind.Bang, start);
      case C.AMP:
        if (this.match(C.AMP)) return this.assignOr(TokenKind.AmpAmp, start);
        return this.assignOr(TokenKind.Amp, start);
      case C.PIPE:
        if (this.match(C.PIPE)) return this.assignOr(TokenKind.PipePipe, start);
        return this.assignOr(TokenKind.Pipe, start);
      case C.QUOTE:
      case C.DQUOTE: return this.string(start, c);
      case C.BACKTICK: return this.template(start, start, true);
      case C.BACKSLASH:
        return this.error(DiagCode.InvalidCharacter, "escape sequences in identifiers are not supported", start, start + 1);
    }
    if (c >= 0x80) {
      // Report the whole code point, so a caret covers one visible character.
      let end = start + 1;
      if (c >= 0xd800 && c <= 0xdbff && end < s.length) {
        const lo = s.charCodeAt(end);
        if (lo >= 0xdc00 && lo <= 0xdfff) end++;
      }
      this.pos = end;
      return this.error(DiagCode.InvalidCharacter,
        "unexpected character '" + s.substring(start, end) + "' (identifiers are ASCII letters, digits, '_' and '$')", start, end);
    }
    return this.error(DiagCode.InvalidCharacter, "unexpected character '" + String.fromCharCode(c) + "'", start, start + 1);
  }

  // --- helpers -------------------------------------------------------------

  private make(kind: TokenKind, start: i32): Token {
    const t = takeToken();
    t.kind = kind;
    t.start = start;
    t.end = this.pos;
    t.newlineBefore = this.sawNewline;
    return t;
  }

  private error(code: i32, message: string, start: i32, end: i32, hint: string | null = null): Token {
    const t = takeToken();
    t.kind = TokenKind.Error;
    t.start = start;
    t.end = end;
    t.code = code;
    t.message = message;
    t.hint = hint;
    return t;
  }

  private peek(ahead: i32): i32 {
    const i = this.pos + ahead;
    return i < this.source.length ? this.source.charCodeAt(i) : -1;
  }

  private peekIs(ahead: i32, c: i32): bool { return this.peek(ahead) == c; }

  private match(c: i32): bool {
    if (this.peek(0) != c) return false;
    this.pos++;
    return true;
  }

  /** `op` or, when `=` follows, a compound assignment (`+=`, `**=`, `&&=` …). */
  private assignOr(kind: TokenKind, start: i32): Token {
    if (this.match(C.EQ)) return this.make(TokenKind.CompoundAssign, start);
    return this.make(kind, start);
  }

  /** Skip whitespace, line terminators and comments; an unterminated comment is an error. */
  private skipTrivia(): Token | null {
    const s = this.source;
    const n = s.length;
    this.sawNewline = false;
    while (this.pos < n) {
      const c = s.charCodeAt(this.pos);
      if (isLineTerminator(c)) { this.sawNewline = true; this.pos++; continue; }
      if (isWhitespace(c)) { this.pos++; continue; }
      if (c == C.SLASH && this.peekIs(1, C.SLASH)) {
        while (this.pos < n && !isLineTerminator(s.charCodeAt(this.pos))) this.pos++;
        continue;
      }
      if (c == C.SLASH && this.peekIs(1, C.STAR)) {
        const start = this.pos;
        this.pos += 2;
        for (;;) {
          if (this.pos >= n) return this.error(DiagCode.UnterminatedString, "unterminated comment", start, start + 2);
          const d = s.charCodeAt(this.pos);
          if (d == C.STAR && this.peekIs(1, C.SLASH)) { this.pos += 2; break; }
          if (isLineTerminator(d)) this.sawNewline = true;
          this.pos++;
        }
        continue;
      }
      break;
    }
    return null;
  }

  // --- words ---------------------------------------------------------------

  private word(start: i32): Token {
    const s = this.source;
    while (this.pos < s.length && isIdentPart(s.charCodeAt(this.pos))) this.pos++;
    if (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c == C.BACKSLASH || (c >= 0x80 && !isWhitespace(c) && !isLineTerminator(c))) {
        return this.error(DiagCode.InvalidCharacter,
          "identifiers may only contain ASCII letters, digits, '_' and '$'", start, this.pos + 1);
      }
    }
    const text = s.substring(start, this.pos);
    const t = this.make(keywordKind(text), start);
    t.text = text;
    return t;
  }

  // --- numbers -------------------------------------------------------------

  /** A numeric literal; the first character (a digit or '.') is consumed. */
  private number(start: i32): Token {
    const s = this.source;
    const first = s.charCodeAt(start);
    let value: f64 = 0;
    const p = this.peek(0) | 32; // lower case
    if (first == C._0 && (p == 120 || p == 111 || p == 98)) { // x o b
      this.pos++;
      const bits = p == 120 ? 4 : p == 111 ? 3 : 1;
      const name = p == 120 ? "hexadecimal" : p == 111 ? "octal" : "binary";
      const digitsStart = this.pos;
      // Accumulate at least 60 significant bits, then keep a sticky bit, so
      // the u64 -> f64 conversion rounds exactly as JavaScript does.
      let acc: u64 = 0;
      let shift: i32 = 0;
      let sticky: u64 = 0;
      for (;;) {
        const d = digitValue(this.peek(0));
        if (d < 0 || d >= (1 << bits)) break;
        this.pos++;
        if (acc < (<u64>1 << <u64>(63 - bits))) acc = (acc << <u64>bits) | <u64>d;
        else { shift += bits; if (d != 0) sticky = 1; }
      }
      if (this.pos == digitsStart) {
        return this.error(DiagCode.InvalidNumber, "missing " + name + " digits after '" + s.substring(start, start + 2) + "'", start, this.pos);
      }
      value = scalbn(<f64>(acc | sticky), shift);
      const bad = this.afterNumber(start);
      if (bad !== null) return bad;
    } else {
      if (first == C._0) {
        const d = this.peek(0);
        if (d >= C._0 && d <= C._9) {
          let octal = true;
          while (this.pos < s.length && isDecimalDigit(s.charCodeAt(this.pos))) {
            if (s.charCodeAt(this.pos) > C._7) octal = false;
            this.pos++;
          }
          return this.error(DiagCode.InvalidNumber,
            "numbers must not start with '0' (legacy octal literals are not allowed)", start, this.pos,
            octal ? "write 0o" + s.substring(start + 1, this.pos) + " for octal, or drop the leading zero" : "drop the leading zero");
        }
      }
      if (first != C.DOT) {
        this.digits();
        if (this.match(C.DOT)) this.digits();
      } else {
        this.digits();
      }
      const e = this.peek(0);
      if (e == 101 || e == 69) { // e E
        const ePos = this.pos;
        this.pos++;
        if (this.peekIs(0, C.PLUS) || this.peekIs(0, C.MINUS)) this.pos++;
        if (!isDecimalDigit(this.peek(0))) {
          return this.error(DiagCode.InvalidNumber, "missing exponent digits", start, max(this.pos, ePos + 1));
        }
        this.digits();
      }
      const bad = this.afterNumber(start);
      if (bad !== null) return bad;
      value = decimalValue(s, start, this.pos);
    }
    const t = this.make(TokenKind.Number, start);
    t.number = value;
    return t;
  }

  private digits(): void {
    const s = this.source;
    while (this.pos < s.length && isDecimalDigit(s.charCodeAt(this.pos))) this.pos++;
  }

  /** What may not follow a number: `_` separators, a BigInt `n`, letters or digits. */
  private afterNumber(start: i32): Token | null {
    const c = this.peek(0);
    if (c == C.UNDERSCORE) {
      return this.error(DiagCode.InvalidNumber, "numeric separators ('_') are not supported", start, this.pos + 1);
    }
    if (c == 110) return this.error(DiagCode.InvalidNumber, "BigInt literals are not supported", start, this.pos + 1);
    if (c >= 0 && (isIdentPart(c) || c == C.BACKSLASH)) {
      return this.error(DiagCode.InvalidNumber, "a number must not be followed directly by a letter or digit", start, this.pos + 1);
    }
    return null;
  }

  // --- strings -------------------------------------------------------------

  private string(start: i32, quote: i32): Token {
    const s = this.source;
    let cooked = "";
    let run = this.pos; // start of the current run of plain characters
    for (;;) {
      if (this.pos >= s.length) return this.unterminated(start, "string");
      const c = s.charCodeAt(this.pos);
      if (c == quote) break;
      if (c == C.LF || c == C.CR) return this.unterminated(start, "string");
      if (c == C.BACKSLASH) {
        cooked += s.substring(run, this.pos);
        const e = this.escape(false);
        if (e === null) return this.escapeError;
        cooked += e;
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    cooked += s.substring(run, this.pos);
    this.pos++; // closing quote
    const t = this.make(TokenKind.String, start);
    t.text = cooked;
    return t;
  }

  private unterminated(start: i32, what: string): Token {
    const s = this.source;
    let end = this.pos;
    // Caret the rest of the line: that is where the closing quote belongs.
    while (end < s.length && !isLineTerminator(s.charCodeAt(end))) end++;
    this.pos = end;
    return this.error(DiagCode.UnterminatedString, "unterminated " + what + " literal", start, end);
  }

  /**
   * A template piece: from just after '`' (head = true) or '}' up to and
   * including the closing '`' or the next `${`.
   */
  private template(literalStart: i32, start: i32, head: bool): Token {
    const s = this.source;
    let cooked = "";
    let run = this.pos;
    for (;;) {
      if (this.pos >= s.length) return this.unterminated(literalStart, "template");
      const c = s.charCodeAt(this.pos);
      if (c == C.BACKTICK) {
        cooked += s.substring(run, this.pos);
        this.pos++;
        const t = this.make(head ? TokenKind.TemplateFull : TokenKind.TemplateTail, start);
        t.text = cooked;
        return t;
      }
      if (c == C.DOLLAR && this.peekIs(1, C.LBRACE)) {
        cooked += s.substring(run, this.pos);
        this.pos += 2;
        this.templateDepths.push(this.braceDepth);
        this.templateStarts.push(literalStart);
        const t = this.make(head ? TokenKind.TemplateHead : TokenKind.TemplateMiddle, start);
        t.text = cooked;
        return t;
      }
      if (c == C.BACKSLASH) {
        cooked += s.substring(run, this.pos);
        const e = this.escape(true);
        if (e === null) return this.escapeError;
        cooked += e;
        run = this.pos;
        continue;
      }
      if (c == C.CR) {
        // CR and CR LF become LF in the template's value.
        cooked += s.substring(run, this.pos) + "\n";
        this.pos++;
        if (this.peekIs(0, C.LF)) this.pos++;
        run = this.pos;
        continue;
      }
      this.pos++;
    }
    return this.unterminated(literalStart, "template"); // not reached: the loop only returns
  }

  private escapeError: Token = NO_TOKEN;

  /**
   * One escape sequence at pos (a backslash). Returns its cooked text, or null
   * with escapeError set. Legacy octal escapes (`\1`, `\01`) and `\8` `\9` are
   * rejected in strings too (they are errors in templates and strict code).
   */
  private escape(inTemplate: bool): string | null {
    const s = this.source;
    const start = this.pos;
    this.pos++;
    if (this.pos >= s.length) {
      this.escapeError = this.unterminated(start, inTemplate ? "template" : "string");
      return null;
    }
    const c = s.charCodeAt(this.pos);
    this.pos++;
    switch (c) {
      case 110: return "\n";     // n
      case 116: return "\t";     // t
      case 114: return "\r";     // r
      case 98: return "\b";      // b
      case 102: return "\f";     // f
      case 118: return "\v";     // v
      case C.CR: this.match(C.LF); return ""; // line continuation
      case C.LF:
      case C.LS:
      case C.PS: return "";
      case 120: { // xHH
        const h = this.hex(2);
        if (h < 0) return this.badEscape(start, "'\\x' must be followed by exactly 2 hex digits");
        return String.fromCharCode(h);
      }
      case 117: { // uHHHH or u{H…}
        if (this.match(C.LBRACE)) {
          let v: i32 = 0;
          let count = 0;
          for (;;) {
            const d = digitValue(this.peek(0));
            if (d < 0 || d > 15) break;
            this.pos++;
            count++;
            v = v * 16 + d;
            if (v > 0x10ffff) return this.badEscape(start, "code point in '\\u{…}' is above 10FFFF");
          }
          if (count == 0 || !this.match(C.RBRACE)) return this.badEscape(start, "'\\u{' must be followed by hex digits and '}'");
          return String.fromCodePoint(v);
        }
        const h = this.hex(4);
        if (h < 0) return this.badEscape(start, "'\\u' must be followed by exactly 4 hex digits or {…}");
        return String.fromCharCode(h);
      }
    }
    if (c == C._0 && !isDecimalDigit(this.peek(0))) return "\0";
    if (c >= C._0 && c <= C._9) {
      return this.badEscape(start, c <= C._7 ? "legacy octal escape sequences are not allowed" : "'\\8' and '\\9' are not allowed",
        "use \\x or \\u escapes");
    }
    // Any other character stands for itself; a surrogate pair stays whole.
    return s.substring(this.pos - 1, this.pos);
  }

  private badEscape(start: i32, message: string, hint: string | null = null): string | null {
    this.escapeError = this.error(DiagCode.InvalidEscape, "invalid escape sequence: " + message, start, this.pos, hint);
    return null;
  }

  /** Exactly `n` hex digits as a value, or -1 (pos stays after the digits read). */
  private hex(n: i32): i32 {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = digitValue(this.peek(0));
      if (d < 0 || d > 15) return -1;
      this.pos++;
      v = v * 16 + d;
    }
    return v;
  }
}

// --- character classes -------------------------------------------------------

function isDecimalDigit(c: i32): bool { return c >= C._0 && c <= C._9; }

/** 0–35 for 0-9 a-z A-Z, else -1. */
function digitValue(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 122) return l - 87;
  return -1;
}

export function isLineTerminator(c: i32): bool {
  return c == C.LF || c == C.CR || c == C.LS || c == C.PS;
}

/** JavaScript WhiteSpace: TAB VT FF SP NBSP ZWNBSP and category Zs. */
export function isWhitespace(c: i32): bool {
  if (c == C.SPACE || c == C.TAB || c == C.VT || c == C.FF) return true;
  if (c < 0xa0) return false;
  return c == 0xa0 || c == 0xfeff || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c == 0x202f || c == 0x205f || c == 0x3000;
}

/** The value of a decimal literal's text, correctly rounded (num/parse.ts). */
function decimalValue(s: string, start: i32, end: i32): f64 {
  return stringToNumber(changetype<usize>(s) + (<usize>start << 1), end - start);
}
