// A Pratt parser (clox style): a {prefix, infix, precedence} rule per token kind
// and a ~20-line core loop, building the syntax tree of ast.ts. It stops at the
// first error: the diagnostic is kept, the current token becomes Eof so every
// loop unwinds, and parse() returns null. JavaScript's grammar decides what is
// an error (`-2 ** 2`, `a ?? b || c`); the subset decides what is rejected
// (assignments, statements, `new` …), each with its own message and code.

import { NO_TOKEN, Token, TokenKind, releaseTokens } from "./token";
import { Lexer } from "./lexer";
import { Node, NodeKind, LogicalOp, leftOf, numberSlot, boolSlot, nullSlot, undefinedSlot, stringSlot, takeNode, releaseNodes } from "./ast";
import { Diagnostic, DiagCode } from "./diagnostic";
import { BinaryOp, UnaryOp } from "./operators";
import { isValueName } from "./names";
import { intText } from "../text";

/** Deepest nesting of sub-expressions the parser follows (a diagnostic, not a stack overflow). */
export const MAX_DEPTH: i32 = 256;
/** Tallest syntax tree accepted (the checker and compiler recurse over it). */
export const MAX_HEIGHT: i32 = 1000;

// Precedence, lowest first (ECMA-262 §13; `??` shares `||`'s level and forbids mixing).
const enum Prec {
  None,
  Conditional,    // ?:
  Or,             // || ??
  And,            // &&
  BitOr,          // |
  BitXor,         // ^
  BitAnd,         // &
  Equality,       // == != === !==
  Relational,     // < <= > >= in instanceof
  Shift,          // << >> >>>
  Additive,       // + -
  Multiplicative, // * / %
  Exponent,       // ** (right-associative)
  Unary,          // - + ! ~ typeof void
  Call,           // . () [] ?. tagged template
}

type PrefixFn = (p: Parser, t: Token) => Node;
type InfixFn = (p: Parser, t: Token, left: Node) => Node;

const prefixRules = new StaticArray<PrefixFn | null>(TokenKind.COUNT);
const infixRules = new StaticArray<InfixFn | null>(TokenKind.COUNT);
const precedences = new StaticArray<i32>(TokenKind.COUNT);
let rulesReady = false;

function rule(kind: TokenKind, prefix: PrefixFn | null, infix: InfixFn | null, prec: Prec): void {
  prefixRules[kind] = prefix;
  infixRules[kind] = infix;
  precedences[kind] = prec;
}

function initRules(): void {
  rule(TokenKind.Number, literal, null, Prec.None);
  rule(TokenKind.String, literal, null, Prec.None);
  rule(TokenKind.True, literal, null, Prec.None);
  rule(TokenKind.False, literal, null, Prec.None);
  rule(TokenKind.Null, literal, null, Prec.None);
  rule(TokenKind.Identifier, identifier, null, Prec.None);
  rule(TokenKind.TemplateFull, template, tagged, Prec.Call);
  rule(TokenKind.TemplateHead, template, tagged, Prec.Call);
  rule(TokenKind.LeftParen, grouping, call, Prec.Call);
  rule(TokenKind.Dot, null, member, Prec.Call);
  rule(TokenKind.LeftBracket, null, index, Prec.Call);
  rule(TokenKind.QuestionDot, null, optionalChain, Prec.Call);
  rule(TokenKind.Minus, unary, binary, Prec.Additive);
  rule(TokenKind.Plus, unary, binary, Prec.Additive);
  rule(TokenKind.Bang, unary, null, Prec.None);
  rule(TokenKind.Tilde, unary, null, Prec.None);
  rule(TokenKind.Typeof, unary, null, Prec.None);
  rule(TokenKind.Void, unary, null, Prec.None);
  rule(TokenKind.Star, null, binary, Prec.Multiplicative);
  rule(TokenKind.Slash, null, binary, Prec.Multiplicative);
  rule(TokenKind.Percent, null, binary, Prec.Multiplicative);
  rule(TokenKind.StarStar, null, binary, Prec.Exponent);
  rule(TokenKind.LessLess, null, binary, Prec.Shift);
  rule(TokenKind.GreaterGreater, null, binary, Prec.Shift);
  rule(TokenKind.GreaterGreaterGreater, null, binary, Prec.Shift);
  rule(TokenKind.Less, null, binary, Prec.Relational);
  rule(TokenKind.LessEqual, null, binary, Prec.Relational);
  rule(TokenKind.Greater, null, binary, Prec.Relational);
  rule(TokenKind.GreaterEqual, null, binary, Prec.Relational);
  rule(TokenKind.In, null, rejectedInfix, Prec.Relational);
  rule(TokenKind.Instanceof, null, rejectedInfix, Prec.Relational);
  rule(TokenKind.EqualEqual, null, binary, Prec.Equality);
  rule(TokenKind.BangEqual, null, binary, Prec.Equality);
  rule(TokenKind.EqualEqualEqual, null, binary, Prec.Equality);
  rule(TokenKind.BangEqualEqual, null, binary, Prec.Equality);
  rule(TokenKind.Amp, null, binary, Prec.BitAnd);
  rule(TokenKind.Caret, null, binary, Prec.BitXor);
  rule(TokenKind.Pipe, null, binary, Prec.BitOr);
  rule(TokenKind.AmpAmp, null, logical, Prec.And);
  rule(TokenKind.PipePipe, null, logical, Prec.Or);
  rule(TokenKind.QuestionQuestion, null, logical, Prec.Or);
  rule(TokenKind.Question, null, conditional, Prec.Conditional);
  rulesReady = true;
}

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
      this.error(DiagCode.EmptyExpression, "empty expression", 0, 0,
        "write a value such as 0 or \"text\", or remove the mapping");
      return null;
    }
    const n = this.expression();
    if (this.diagnostic === null && this.current.kind != TokenKind.Eof) {
      this.unexpected(this.current, "an operator or the end of the expression");
    }
    return this.diagnostic === null ? n : null;
  }

  // --- the core loop ---------------------------------------------------------

  expression(): Node { return this.parsePrecedence(Prec.Conditional); }

  parsePrecedence(prec: Prec): Node {
    if (++this.depth > MAX_DEPTH) {
      const t = this.current;
      this.error(DiagCode.TooDeep, "expression is nested too deeply (limit " + intText(MAX_DEPTH) + " levels)", t.start, t.end,
        "split it into simpler mappings");
      this.depth--;
      return placeholder(t);
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
      this.error(DiagCode.TooDeep, "expression is nested too deeply (limit " + intText(MAX_HEIGHT) + " operations in a chain)",
        n.opStart, n.opEnd, "split it into simpler mappings");
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
        this.error(DiagCode.Assignment, "assignment ('" + this.text(t) + "') is not allowed", s, e,
          this.text(t) == "=" ? "use '===' to compare" : null);
        return;
      case TokenKind.PlusPlus:
      case TokenKind.MinusMinus:
        this.error(DiagCode.Assignment, "'" + this.text(t) + "' is not allowed (expressions cannot assign)", s, e);
        return;
      case TokenKind.Semicolon:
        this.error(DiagCode.Statement, "';' is not allowed: a mapping is a single expression", s, e); return;
      case TokenKind.Comma: {
        // `(a, b) => …` is an arrow function, not a comma expression: say so.
        const arrow = this.arrowAfterParen(e);
        if (arrow >= 0) { this.error(DiagCode.FunctionLiteral, "arrow functions are not allowed", arrow, arrow + 2); return; }
        this.error(DiagCode.Comma, "the comma operator is not allowed", s, e); return;
      }
      case TokenKind.Arrow:
        this.error(DiagCode.FunctionLiteral, "arrow functions are not allowed", s, e); return;
      case TokenKind.Function:
        this.error(DiagCode.FunctionLiteral, "function literals are not allowed", s, e); return;
      case TokenKind.Class:
        this.error(DiagCode.FunctionLiteral, "class literals are not allowed", s, e); return;
      case TokenKind.New:
        this.error(DiagCode.New, "'new' is not allowed", s, e); return;
      case TokenKind.This:
      case TokenKind.Super:
        this.error(DiagCode.This, "'" + t.text + "' is not allowed", s, e); return;
      case TokenKind.Declaration:
        this.error(DiagCode.Statement, "declarations ('" + t.text + "') are not allowed: a mapping is a single expression", s, e); return;
      case TokenKind.Statement:
        if (isStatementWord(t.text)) {
          this.error(DiagCode.Statement, "statements ('" + t.text + "') are not allowed: a mapping is a single expression", s, e);
        } else {
          this.error(DiagCode.Statement, "'" + t.text + "' is a reserved word", s, e);
        }
        return;
      case TokenKind.LeftBrace:
        if (expected == "an expression") {
          this.error(DiagCode.ArrayObjectLiteral, "object literals are not supported yet", s, e); return;
        }
        this.error(DiagCode.Statement, "blocks are not allowed: a mapping is a single expression", s, e); return;
      case TokenKind.Delete:
      case TokenKind.Await:
      case TokenKind.Yield:
      case TokenKind.Import:
      case TokenKind.In:
      case TokenKind.Instanceof:
        this.error(DiagCode.UnsupportedOperator, "'" + t.text + "' is not supported", s, e); return;
      case TokenKind.Ellipsis:
        this.error(DiagCode.UnsupportedOperator, "spread ('...') is not supported", s, e); return;
      case TokenKind.Hash:
        this.error(DiagCode.InvalidCharacter, "private names ('#') are not supported", s, e); return;
      case TokenKind.At:
        this.error(DiagCode.InvalidCharacter, "decorators ('@') are not supported", s, e); return;
      case TokenKind.QuestionDot:
        this.error(DiagCode.OptionalChaining, "optional chaining ('?.') is not supported yet", s, e); return;
      case TokenKind.Eof: {
        // Point just after the last token, not at trailing whitespace or a blank line.
        const at = this.previous.kind == TokenKind.Eof ? this.lastEnd : this.previous.end;
        this.error(DiagCode.Syntax, "unexpected end of expression; expected " + expected, at, at); return;
      }
    }
    if (expected == "an expression") {
      if (t.kind == TokenKind.RightParen && this.opensGroup(s)) { // `() => …` (not `(a * ) => …`)
        const arrow = this.arrowAfterParen(s);
        if (arrow >= 0) { this.error(DiagCode.FunctionLiteral, "arrow functions are not allowed", arrow, arrow + 2); return; }
      }
      if (t.kind == TokenKind.Slash || t.kind == TokenKind.CompoundAssign) {
        this.error(DiagCode.Regex, "regular expression literals are not allowed", s, e,
          "use string methods such as includes, startsWith or replace");
        return;
      }
      if (t.kind == TokenKind.LeftBracket) {
        this.error(DiagCode.ArrayObjectLiteral, "array literals are not supported yet", s, e); return;
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
      case TokenKind.TemplateHead: return "a template literal";
      case TokenKind.TemplateMiddle:
      case TokenKind.TemplateTail: return "'}'";
      case TokenKind.Eof: return "the end of the expression";
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

/** A stand-in after an error; never compiled. */
function placeholder(t: Token): Node {
  const n = takeNode(NodeKind.Literal, t.start, t.end);
  n.slot = undefinedSlot();
  return n;
}

// --- prefix rules --------------------------------------------------------------

function literal(p: Parser, t: Token): Node {
  const n = takeNode(NodeKind.Literal, t.start, t.end);
  switch (t.kind) {
    case TokenKind.Number: n.slot = numberSlot(t.number); break;
    case TokenKind.String: n.slot = stringSlot(t.text); break;
    case TokenKind.True: n.slot = boolSlot(true); break;
    case TokenKind.False: n.slot = boolSlot(false); break;
    default: n.slot = nullSlot();
  }
  return n;
}

function identifier(p: Parser, t: Token): Node {
  // undefined, NaN and Infinity are globals in JavaScript; here they are literals
  // (no alias may take these names, so they can never be shadowed).
  if (isValueName(t.text)) {
    const n = takeNode(NodeKind.Literal, t.start, t.end);
    n.slot = t.text == "undefined" ? undefinedSlot() : numberSlot(t.text == "NaN" ? NaN : Infinity);
    return n;
  }
  const n = takeNode(NodeKind.Identifier, t.start, t.end);
  n.text = t.text;
  return n;
}

function grouping(p: Parser, t: Token): Node {
  const inner = p.expression();
  if (!p.expect(TokenKind.RightParen, "')'")) return inner;
  inner.paren = true;
  // The span of a parenthesised expression includes its parentheses.
  inner.start = t.start;
  inner.end = p.previous.end;
  return inner;
}

function unary(p: Parser, t: Token): Node {
  const operand = p.parsePrecedence(Prec.Unary);
  const n = takeNode(NodeKind.Unary, t.start, operand.end);
  n.opStart = t.start;
  n.opEnd = t.end;
  n.left = operand;
  switch (t.kind) {
    case TokenKind.Minus: n.op = UnaryOp.Neg; break;
    case TokenKind.Plus: n.op = UnaryOp.Plus; break;
    case TokenKind.Bang: n.op = UnaryOp.Not; break;
    case TokenKind.Tilde: n.op = UnaryOp.BitNot; break;
    case TokenKind.Typeof: n.op = UnaryOp.Typeof; break;
    default: n.op = UnaryOp.Void;
  }
  return n;
}

function template(p: Parser, t: Token): Node {
  const n = takeNode(NodeKind.Template, t.start, t.end);
  n.strings = [t.text];
  n.list = [];
  if (t.kind == TokenKind.TemplateFull) return n;
  for (;;) {
    n.list.push(p.expression());
    if (p.failed) return n;
    const c = p.current;
    if (c.kind != TokenKind.TemplateMiddle && c.kind != TokenKind.TemplateTail) {
      p.unexpected(c, "'}' to close '${'");
      return n;
    }
    p.advance();
    n.strings.push(c.text);
    n.end = c.end;
    if (c.kind == TokenKind.TemplateTail) return n;
  }
  return n; // not reached
}

// --- infix rules ---------------------------------------------------------------

function binary(p: Parser, t: Token, left: Node): Node {
  const prec = precedences[t.kind];
  let right: Node;
  if (t.kind == TokenKind.StarStar) {
    // JavaScript forbids a bare unary operand on the left of ** (ambiguous).
    if (left.kind == NodeKind.Unary && !left.paren) {
      p.error(DiagCode.UnaryExponent, "a unary operator before '**' needs parentheses", left.start, t.end,
        "write (" + p.source.substring(left.start, left.end) + ") ** … or " +
        p.source.substring(left.opStart, left.opEnd) + (left.op == UnaryOp.Typeof || left.op == UnaryOp.Void ? " (" : "(") + p.source.substring(leftOf(left).start, leftOf(left).end) + " ** …)");
      return left;
    }
    right = p.parsePrecedence(Prec.Exponent); // right-associative
  } else {
    right = p.parsePrecedence(prec + 1);
  }
  const n = takeNode(NodeKind.Binary, left.start, right.end);
  n.opStart = t.start;
  n.opEnd = t.end;
  n.left = left;
  n.right = right;
  n.op = binaryOpOf(t.kind);
  return n;
}

function binaryOpOf(k: TokenKind): BinaryOp {
  switch (k) {
    case TokenKind.Plus: return BinaryOp.Add;
    case TokenKind.Minus: return BinaryOp.Sub;
    case TokenKind.Star: return BinaryOp.Mul;
    case TokenKind.Slash: return BinaryOp.Div;
    case TokenKind.Percent: return BinaryOp.Mod;
    case TokenKind.StarStar: return BinaryOp.Exp;
    case TokenKind.Less: return BinaryOp.Lt;
    case TokenKind.LessEqual: return BinaryOp.Le;
    case TokenKind.Greater: return BinaryOp.Gt;
    case TokenKind.GreaterEqual: return BinaryOp.Ge;
    case TokenKind.EqualEqual: return BinaryOp.Eq;
    case TokenKind.BangEqual: return BinaryOp.Ne;
    case TokenKind.EqualEqualEqual: return BinaryOp.StrictEq;
    case TokenKind.BangEqualEqual: return BinaryOp.StrictNe;
    case TokenKind.Amp: return BinaryOp.BitAnd;
    case TokenKind.Pipe: return BinaryOp.BitOr;
    case TokenKind.Caret: return BinaryOp.BitXor;
    case TokenKind.LessLess: return BinaryOp.Shl;
    case TokenKind.GreaterGreater: return BinaryOp.Shr;
    default: return BinaryOp.UShr;
  }
}

function isBareLogical(n: Node, op: LogicalOp): bool {
  return n.kind == NodeKind.Logical && n.op == op && !n.paren;
}

function logical(p: Parser, t: Token, left: Node): Node {
  let op: LogicalOp;
  let right: Node;
  if (t.kind == TokenKind.QuestionQuestion) {
    op = LogicalOp.Coalesce;
    if (isBareLogical(left, LogicalOp.And) || isBareLogical(left, LogicalOp.Or)) return mixed(p, t);
    right = p.parsePrecedence(Prec.BitOr); // operands of ?? are bitwise-OR expressions
  } else {
    op = t.kind == TokenKind.AmpAmp ? LogicalOp.And : LogicalOp.Or;
    if (isBareLogical(left, LogicalOp.Coalesce)) return mixed(p, t);
    right = p.parsePrecedence(precedences[t.kind] + 1);
  }
  const n = takeNode(NodeKind.Logical, left.start, right.end);
  n.opStart = t.start;
  n.opEnd = t.end;
  n.op = op;
  n.left = left;
  n.right = right;
  return n;
}

function mixed(p: Parser, t: Token): Node {
  p.error(DiagCode.MixedCoalesce, "'??' cannot be mixed with '&&' or '||' without parentheses", t.start, t.end,
    "add parentheses to say which runs first, e.g. (a ?? b) || c");
  return placeholder(t);
}

function conditional(p: Parser, t: Token, left: Node): Node {
  const then = p.parsePrecedence(Prec.Conditional);
  if (!p.expect(TokenKind.Colon, "':' of the conditional '?'")) return then;
  const otherwise = p.parsePrecedence(Prec.Conditional); // right-associative
  const n = takeNode(NodeKind.Conditional, left.start, otherwise.end);
  n.opStart = t.start;
  n.opEnd = t.end;
  n.left = left;
  n.right = then;
  n.third = otherwise;
  return n;
}

function member(p: Parser, t: Token, left: Node): Node {
  const name = p.current;
  // Any identifier name, keywords included, may follow a dot (a.default).
  if (name.kind == TokenKind.Hash) { p.unexpected(name, "a member name"); return left; }
  // Only identifiers and keywords are names (strings and template pieces carry text too).
  const word = name.kind == TokenKind.Identifier || (name.kind >= TokenKind.True && name.kind <= TokenKind.Statement);
  if (!word || name.text.length == 0) {
    if (name.kind == TokenKind.Error || name.kind == TokenKind.Eof) p.unexpected(name, "a member name after '.'");
    else p.error(DiagCode.Syntax, "expected a member name after '.', found " + p.describe(name), name.start, name.end);
    return left;
  }
  p.advance();
  const n = takeNode(NodeKind.Member, left.start, name.end);
  n.opStart = name.start;
  n.opEnd = name.end;
  n.text = name.text;
  n.left = left;
  return n;
}

function call(p: Parser, t: Token, left: Node): Node {
  const n = takeNode(NodeKind.Call, left.start, t.end);
  n.opStart = t.start;
  n.left = left;
  n.list = [];
  if (!p.check(TokenKind.RightParen)) {
    for (;;) {
      if (p.check(TokenKind.Ellipsis)) { p.unexpected(p.current, "an argument"); return n; }
      n.list.push(p.expression());
      if (p.failed) return n;
      if (!p.check(TokenKind.Comma)) break;
      p.advance();
      if (p.check(TokenKind.RightParen)) break; // trailing comma, as JavaScript allows
    }
  }
  if (!p.expect(TokenKind.RightParen, "',' or ')' after an argument")) return n;
  n.end = p.previous.end;
  n.opEnd = n.end;
  return n;
}

function index(p: Parser, t: Token, left: Node): Node {
  if (!isSplitCall(left)) {
    p.error(DiagCode.UnsupportedIndex, "indexing with '[…]' is only supported as x.split(separator)[i]", t.start, t.end);
    return left;
  }
  const i = p.expression();
  if (!p.expect(TokenKind.RightBracket, "']'")) return left;
  const n = takeNode(NodeKind.SplitIndex, left.start, p.previous.end);
  const callee = leftOf(left);
  n.opStart = callee.opStart;
  n.opEnd = p.previous.end;
  n.left = callee.left;
  n.list = left.list;
  n.right = i;
  return n;
}

function isSplitCall(n: Node): bool {
  if (n.kind != NodeKind.Call) return false;
  const callee = leftOf(n);
  return callee.kind == NodeKind.Member && callee.text == "split";
}

function tagged(p: Parser, t: Token, left: Node): Node {
  p.error(DiagCode.UnsupportedOperator, "tagged templates are not supported", t.start, t.end);
  return left;
}

function optionalChain(p: Parser, t: Token, left: Node): Node {
  p.unexpected(t, "");
  return left;
}

function rejectedInfix(p: Parser, t: Token, left: Node): Node {
  p.unexpected(t, "");
  return left;
}
