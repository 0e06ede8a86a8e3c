// The lexer: makes one token per call to next(), on demand. It never reports;
// a lexical error becomes an Error token with a code, message and span, and the
// parser turns the first one into the expression's diagnostic.
// Comments (`//…` and `/*…*/`) are accepted and skipped, as JavaScript does.
// Numbers are in lex_numbers.ts, strings and templates in lex_strings.ts.

import { NO_TOKEN, Token, TokenKind, takeToken } from "./token";
import { DiagCode } from "./diagnostic";
import { isIdentStart, isIdentPart, keywordKind } from "./words";
import { C, isLineTerminator, isWhitespace } from "./char_classes";
import { lexNumber } from "./lex_numbers";
import { lexString, lexTemplate } from "./lex_strings";
import { lexRegex } from "./lex_regex";
import { Msg, msg } from "../../messages";

export class Lexer {
  source: string;
  pos: i32 = 0;
  private sawNewline: bool = false;
  // Open `${` substitutions: the brace depth at which each was opened, so the
  // `}` that closes one resumes the template instead of being a RightBrace.
  braceDepth: i32 = 0;
  templateDepths: i32[] = [];
  // Where each open template literal starts, for the span of "unterminated".
  templateStarts: i32[] = [];
  /** Set when a string escape fails: the Error token to return. */
  escapeError: Token = NO_TOKEN;

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
    if (c >= C._0 && c <= C._9) return lexNumber(this, start);
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
          return lexTemplate(this, this.templateStarts.pop(), start, false);
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
        if (d >= C._0 && d <= C._9) return lexNumber(this, start);
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
      case C.DQUOTE: return lexString(this, start, c);
      case C.BACKTICK: return lexTemplate(this, start, start, true);
      case C.BACKSLASH:
        return this.error(DiagCode.InvalidCharacter, msg(Msg.EscapeSequencesInIdentifiers), start, start + 1);
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
        msg(Msg.UnexpectedCharacter) + s.substring(start, end) + msg(Msg.IdentifiersAreASCIILetters), start, end);
    }
    return this.error(DiagCode.InvalidCharacter, msg(Msg.UnexpectedCharacter) + String.fromCharCode(c) + "'", start, start + 1);
  }

  /** Re-read the `/` or `/=` token at `start` as a regular expression literal (the parser wants an operand there). */
  regex(start: i32): Token { return lexRegex(this, start); }

  // --- helpers -------------------------------------------------------------

  make(kind: TokenKind, start: i32): Token {
    const t = takeToken();
    t.kind = kind;
    t.start = start;
    t.end = this.pos;
    t.newlineBefore = this.sawNewline;
    return t;
  }

  error(code: i32, message: string, start: i32, end: i32, hint: string | null = null): Token {
    const t = takeToken();
    t.kind = TokenKind.Error;
    t.start = start;
    t.end = end;
    t.code = code;
    t.message = message;
    t.hint = hint;
    return t;
  }

  peek(ahead: i32): i32 {
    const i = this.pos + ahead;
    return i < this.source.length ? this.source.charCodeAt(i) : -1;
  }

  peekIs(ahead: i32, c: i32): bool { return this.peek(ahead) == c; }

  match(c: i32): bool {
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
          if (this.pos >= n) return this.error(DiagCode.UnterminatedString, msg(Msg.UnterminatedComment), start, start + 2);
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
          msg(Msg.IdentifiersMayOnlyContain), start, this.pos + 1);
      }
    }
    const text = s.substring(start, this.pos);
    const t = this.make(keywordKind(text), start);
    t.text = text;
    return t;
  }

}
