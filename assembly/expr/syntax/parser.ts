// A Pratt parser (clox style): a {prefix, infix, precedence} rule per token kind
// (rules.ts) and a ~20-line core loop, building the syntax tree of ast.ts; the
// rules' productions are in productions.ts. It stops at the first error: the
// diagnostic is kept, the current token becomes Eof so every loop unwinds, and
// parse() returns null. JavaScript's grammar decides what is an error
// (`-2 ** 2`, `a ?? b || c`); the subset decides what is rejected (assignments,
// statements, `new` …), each with its own message and code.

import { NO_TOKEN, Token, TokenKind, releaseTokens } from "./token";
import { Lexer } from "./lexer";
import { Node, releaseNodes } from "./ast";
import { Diagnostic, DiagCode } from "./diagnostic";
import { Prec, InfixFn, prefixRules, infixRules, precedences, rulesReady, initRules } from "./rules";
import { placeholder } from "./productions";
import { intText } from "../../text";
import { Msg, msg } from "../../messages";

/** Deepest nesting of sub-expressions the parser follows (a diagnostic, not a stack overflow). */
export const MAX_DEPTH: i32 = 256;
/** Tallest syntax tree accepted (the checker and compiler recurse over it). */
export const MAX_HEIGHT: i32 = 1000;

export class Parser {
  source: string;
  lexer: Lexer;
  current: Token = NO_TOKEN;
  previous: Token = NO_TOKEN;
  diagnostic: Diagnostic | null = null;
  depth: i32 = 0;
  /** End of the last token consumed before `previous` (for end-of-input carets). */
  lastEnd: i32 = 0;

  /** Tokens and nodes of an earlier parse are reused from here on (see token.ts, ast.ts). */
  constructor(source: string) {
    if (!rulesReady) initRules();
    releaseTokens();
    releaseNodes();
    this.source = source;
    this.lexer = new Lexer(source);
    this.current = this.lexer.next();
  }

  /** The whole source as one expression, or null with `diagnostic` set. */
  parse(): Node | null {
    if (this.current.kind == TokenKind.Eof) {
      this.error(DiagCode.EmptyExpression, msg(Msg.EmptyExpression), 0, 0,
        msg(Msg.WriteAValueSuch));
      return null;
    }
    const n = this.expression();
    if (this.diagnostic === null && this.current.kind != TokenKind.Eof) {
      this.unexpected(this.current, msg(Msg.AnOperatorOrThe));
    }
    return this.diagnostic === null ? n : null;
  }

  // --- the core loop ---------------------------------------------------------

  expression(): Node { return this.parsePrecedence(Prec.Conditional); }

  parsePrecedence(prec: Prec): Node {
    if (++this.depth > MAX_DEPTH) {
      const t = this.current;
      this.error(DiagCode.TooDeep, msg(Msg.ExpressionIsNestedToo) + intText(MAX_DEPTH) + " levels)", t.start, t.end,
        msg(Msg.SplitItIntoSimpler));
      this.depth--;
      return placeholder(t);
    }
    const c = this.current;
    if ((c.kind == TokenKind.Slash || (c.kind == TokenKind.CompoundAssign && this.source.charCodeAt(c.start) == 47)) &&
        this.diagnostic === null) {
      this.current = this.lexer.regex(c.start); // an operand is wanted: `/` starts a regex literal
    }
    const t = this.advance();
    const prefix = prefixRules[t.kind];
    if (prefix === null) {
      this.unexpected(t, "an expression");
      this.depth--;
      return placeholder(t);
    }
    let left = this.measure(prefix(this, t));
    while (<i32>prec <= precedences[this.current.kind]) {
      const op = this.advance();
      const infix = changetype<InfixFn>(infixRules[op.kind]);
      left = this.measure(infix(this, op, left));
    }
    this.depth--;
    return left;
  }

  /**
   * Set the node's height and enforce MAX_HEIGHT: a long left-leaning chain
   * (`a + b + c + …`) costs the parser no recursion, but the checker and the
   * compiler walk it recursively.
   */
  measure(n: Node): Node {
    let h = 0;
    const l = n.left, r = n.right, t = n.third;
    if (l !== null) h = max(h, l.height);
    if (r !== null) h = max(h, r.height);
    if (t !== null) h = max(h, t.height);
    for (let i = 0; i < n.list.length; i++) h = max(h, n.list[i].height);
    n.height = h + 1;
    if (n.height > MAX_HEIGHT && this.diagnostic === null) {
      this.error(DiagCode.TooDeep, msg(Msg.ExpressionIsNestedToo) + intText(MAX_HEIGHT) + msg(Msg.OperationsInAChain),
        n.opStart, n.opEnd, msg(Msg.SplitItIntoSimpler));
    }
    return n;
  }

  // --- tokens ----------------------------------------------------------------

  advance(): Token {
    this.lastEnd = this.previous.end;
    this.previous = this.current;
    if (this.diagnostic === null) this.current = this.lexer.next();
    return this.previous;
  }

  check(kind: TokenKind): bool { return this.current.kind == kind; }

  /** Consume a token of `kind` or report what was found instead. */
  expect(kind: TokenKind, what: string): bool {
    if (this.current.kind == kind) { this.advance(); return true; }
    this.unexpected(this.current, what);
    return false;
  }

  get failed(): bool { return this.diagnostic !== null; }

  /** Keep the first diagnostic; stop the parse by making the current token Eof. */
  error(code: i32, message: string, start: i32, end: i32, hint: string | null = null): void {
    if (this.diagnostic === null) this.diagnostic = new Diagnostic(code, message, start, end, hint);
    const eof = new Token();
    eof.kind = TokenKind.Eof;
    eof.start = eof.end = this.source.length;
    this.current = eof;
  }

  text(t: Token): string { return this.source.substring(t.start, t.end); }

  /**
   * Report token `t` where `expected` was wanted. Tokens of rejected constructs
   * get their own code and message; anything else is a syntax error.
   */
  unexpected(t: Token, expected: string): void {
    const s = t.start, e = t.end;
    switch (t.kind) {
      case TokenKind.Error: this.error(t.code, t.message, s, e, t.hint); return;
      case TokenKind.Equal:
      case TokenKind.CompoundAssign:
        if (this.text(t).charCodeAt(0) == 47 && expected == "an expression") break; // `/=` starts a regex
        this.error(DiagCode.Assignment, "assignment ('" + this.text(t) + msg(Msg.IsNotAllowed), s, e,
          this.text(t) == "=" ? msg(Msg.UseToCompare) : null);
        return;
      case TokenKind.PlusPlus:
      case TokenKind.MinusMinus:
        this.error(DiagCode.Assignment, "'" + this.text(t) + msg(Msg.IsNotAllowedExpressions), s, e);
        return;
      case TokenKind.Semicolon:
        this.error(DiagCode.Statement, msg(Msg.IsNotAllowedA), s, e); return;
      case TokenKind.Comma: {
        // `(a, , b) => …` is a malformed arrow, not a comma expression: say so, from its `(` (V8 points inside).
        const arrow = this.arrowAfterParen(e);
        if (arrow >= 0) { this.error(DiagCode.FunctionLiteral, msg(Msg.ArrowParamsMustBeIdentifiers), this.groupStart(s), arrow + 2, msg(Msg.ArrowParamsHint)); return; }
        this.error(DiagCode.Comma, msg(Msg.TheCommaOperatorIs), s, e); return;
      }
      case TokenKind.Arrow:
        this.error(DiagCode.FunctionLiteral, msg(Msg.ArrowParamsMustBeIdentifiers), s, e, msg(Msg.ArrowParamsHint)); return;
      case TokenKind.Function:
        this.error(DiagCode.FunctionLiteral, msg(Msg.FunctionLiteralsAreNot), s, e); return;
      case TokenKind.Class:
        this.error(DiagCode.FunctionLiteral, msg(Msg.ClassLiteralsAreNot), s, e); return;
      case TokenKind.New:
        this.error(DiagCode.New, msg(Msg.NewIsOnlyAllowed), s, e); return;
      case TokenKind.This:
      case TokenKind.Super:
        this.error(DiagCode.This, "'" + t.text + msg(Msg.IsNotAllowed2), s, e); return;
      case TokenKind.Declaration:
        this.error(DiagCode.Statement, "declarations ('" + t.text + msg(Msg.AreNotAllowedA), s, e); return;
      case TokenKind.Statement:
        if (isStatementWord(t.text)) {
          this.error(DiagCode.Statement, "statements ('" + t.text + msg(Msg.AreNotAllowedA), s, e);
        } else {
          this.error(DiagCode.Statement, "'" + t.text + msg(Msg.IsAReservedWord), s, e);
        }
        return;
      case TokenKind.LeftBrace:
        this.error(DiagCode.Statement, msg(Msg.BlocksAreNotAllowed), s, e); return;
      case TokenKind.Delete:
      case TokenKind.Await:
      case TokenKind.Yield:
      case TokenKind.Import:
      case TokenKind.Instanceof:
        this.error(DiagCode.UnsupportedOperator, "'" + t.text + msg(Msg.IsNotSupported), s, e); return;
      case TokenKind.Ellipsis:
        this.error(DiagCode.UnsupportedOperator, msg(Msg.SpreadIsOnlyAllowed), s, e); return;
      case TokenKind.Hash:
        this.error(DiagCode.InvalidCharacter, msg(Msg.PrivateNamesAreNot), s, e); return;
      case TokenKind.At:
        this.error(DiagCode.InvalidCharacter, msg(Msg.DecoratorsAreNotSupported), s, e); return;
      case TokenKind.QuestionDot:
        this.error(DiagCode.Syntax, msg(Msg.MustFollowAValue), s, e); return;
      case TokenKind.Eof: {
        // Point just after the last token, not at trailing whitespace or a blank line.
        const at = this.previous.kind == TokenKind.Eof ? this.lastEnd : this.previous.end;
        this.error(DiagCode.Syntax, msg(Msg.UnexpectedEndOfExpression) + expected, at, at); return;
      }
    }
    if (expected == "an expression") {
      if (t.kind == TokenKind.RightParen && this.opensGroup(s)) { // `() => …` (not `(a * ) => …`)
        const arrow = this.arrowAfterParen(s);
        if (arrow >= 0) { this.error(DiagCode.FunctionLiteral, msg(Msg.ArrowParamsMustBeIdentifiers), arrow, arrow + 2, msg(Msg.ArrowParamsHint)); return; }
      }
      if (t.kind == TokenKind.Slash || t.kind == TokenKind.CompoundAssign) {
        this.error(DiagCode.Regex, msg(Msg.RegularExpressionLiteralsAre), s, e,
          msg(Msg.UseStringMethodsSuch));
        return;
      }
    }
    this.error(DiagCode.Syntax, "expected " + expected + ", found " + this.describe(t), s, e);
  }

  /**
   * Where `=>` follows the `)` that closes the group open at `from` (a position
   * inside it), or -1. Only for choosing a message: strings are not skipped.
   */
  arrowAfterParen(from: i32): i32 {
    const src = this.source;
    let depth = 0;
    let i = from;
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c == 40) depth++;
      else if (c == 41) { if (depth == 0) break; depth--; }
    }
    if (i >= src.length) return -1;
    i++;
    while (i < src.length && (src.charCodeAt(i) == 32 || src.charCodeAt(i) == 9)) i++;
    if (i + 1 < src.length && src.charCodeAt(i) == 61 && src.charCodeAt(i + 1) == 62) return i;
    return -1;
  }

  /** Where the group around `at` opens (its `(`), or `at`. Only for a message's span: strings are not skipped. */
  groupStart(at: i32): i32 {
    let depth = 0;
    for (let i = at - 1; i >= 0; i--) {
      const c = this.source.charCodeAt(i);
      if (c == 41) depth++;
      else if (c == 40) { if (depth == 0) return i; depth--; }
    }
    return at;
  }

  /** Whether the last character before `at`, spaces aside, is `(`: `at` is the `)` of an empty `()`. */
  opensGroup(at: i32): bool {
    let i = at - 1;
    while (i >= 0 && (this.source.charCodeAt(i) == 32 || this.source.charCodeAt(i) == 9)) i--;
    return i >= 0 && this.source.charCodeAt(i) == 40;
  }

  describe(t: Token): string {
    switch (t.kind) {
      case TokenKind.Number: return "number " + this.text(t);
      case TokenKind.String: return "string " + this.text(t);
      case TokenKind.Identifier: return "identifier '" + t.text + "'";
      case TokenKind.TemplateFull:
      case TokenKind.TemplateHead: return msg(Msg.ATemplateLiteral);
      case TokenKind.TemplateMiddle:
      case TokenKind.TemplateTail: return "'}'";
      case TokenKind.Eof: return msg(Msg.TheEndOfThe);
    }
    if (t.text.length > 0) return "keyword '" + t.text + "'";
    return "'" + this.text(t) + "'";
  }
}

function isStatementWord(w: string): bool {
  return w == "if" || w == "do" || w == "for" || w == "try" || w == "else" || w == "case" ||
    w == "with" || w == "while" || w == "throw" || w == "break" || w == "catch" ||
    w == "return" || w == "switch" || w == "finally" || w == "default" || w == "continue" ||
    w == "debugger";
}
