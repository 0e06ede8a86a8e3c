// The parser's productions: the node each prefix and infix rule of rules.ts
// builds, and the errors met there (`-2 ** 2`, `a ?? b || c`, tagged templates,
// `?.()` on a method), each with its code. Array and object literals are in
// literals.ts.

import { Token, TokenKind } from "./token";
import { Node, NodeKind, LogicalOp, leftOf, numberSlot, boolSlot, nullSlot, undefinedSlot, stringSlot, takeNode } from "./ast";
import { DiagCode } from "./diagnostic";
import { Parser } from "./parser";
import { Prec, precedences } from "./rules";
import { isValueName } from "./words";
import { BinaryOp, UnaryOp } from "../run/operators";
import { arrowHeadFollows, parenArrow, bareArrow } from "./arrows";
import { Msg, msg } from "../../messages";

/** A stand-in after an error; never compiled. */
export function placeholder(t: Token): Node {
  const n = takeNode(NodeKind.Literal, t.start, t.end);
  n.slot = undefinedSlot();
  return n;
}

// --- prefix rules --------------------------------------------------------------

export function literal(p: Parser, t: Token): Node {
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

export function identifier(p: Parser, t: Token): Node {
  // undefined, NaN and Infinity are globals in JavaScript; here they are literals
  // (no alias may take these names, so they can never be shadowed).
  if (p.check(TokenKind.Arrow) && !p.current.newlineBefore) return bareArrow(p, t);
  if (isValueName(t.text)) {
    const n = takeNode(NodeKind.Literal, t.start, t.end);
    n.slot = t.text == "undefined" ? undefinedSlot() : numberSlot(t.text == "NaN" ? NaN : Infinity);
    return n;
  }
  const n = takeNode(NodeKind.Identifier, t.start, t.end);
  n.text = t.text;
  return n;
}

export function grouping(p: Parser, t: Token): Node {
  if (arrowHeadFollows(p)) return parenArrow(p, t);
  const inner = p.expression();
  if (!p.expect(TokenKind.RightParen, "')'")) return inner;
  inner.paren = true;
  // The span of a parenthesised expression includes its parentheses.
  inner.start = t.start;
  inner.end = p.previous.end;
  return inner;
}

export function unary(p: Parser, t: Token): Node {
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

export function template(p: Parser, t: Token): Node {
  const n = takeNode(NodeKind.Template, t.start, t.end);
  n.strings = [t.text];
  n.list = [];
  if (t.kind == TokenKind.TemplateFull) return n;
  for (;;) {
    n.list.push(p.expression());
    if (p.failed) return n;
    const c = p.current;
    if (c.kind != TokenKind.TemplateMiddle && c.kind != TokenKind.TemplateTail) {
      p.unexpected(c, msg(Msg.ToClose));
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

export function binary(p: Parser, t: Token, left: Node): Node {
  const prec = precedences[t.kind];
  let right: Node;
  if (t.kind == TokenKind.StarStar) {
    // JavaScript forbids a bare unary operand on the left of ** (ambiguous).
    if (left.kind == NodeKind.Unary && !left.paren) {
      p.error(DiagCode.UnaryExponent, msg(Msg.AUnaryOperatorBefore), left.start, t.end,
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
    case TokenKind.In: return BinaryOp.In;
    default: return BinaryOp.UShr;
  }
}

function isBareLogical(n: Node, op: LogicalOp): bool {
  return n.kind == NodeKind.Logical && n.op == op && !n.paren;
}

export function logical(p: Parser, t: Token, left: Node): Node {
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
  p.error(DiagCode.MixedCoalesce, msg(Msg.CannotBeMixedWith), t.start, t.end,
    msg(Msg.AddParenthesesToSay));
  return placeholder(t);
}

export function conditional(p: Parser, t: Token, left: Node): Node {
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

export function member(p: Parser, t: Token, left: Node): Node {
  const name = p.current;
  // Any identifier name, keywords included, may follow a dot (a.default).
  if (name.kind == TokenKind.Hash) { p.unexpected(name, "a member name"); return left; }
  // Only identifiers and keywords are names (strings and template pieces carry text too).
  const word = name.kind == TokenKind.Identifier || (name.kind >= TokenKind.True && name.kind <= TokenKind.Statement);
  if (!word || name.text.length == 0) {
    if (name.kind == TokenKind.Error || name.kind == TokenKind.Eof) p.unexpected(name, msg(Msg.AMemberNameAfter2));
    else p.error(DiagCode.Syntax, msg(Msg.ExpectedAMemberName) + p.describe(name), name.start, name.end);
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

export function call(p: Parser, t: Token, left: Node): Node {
  const n = takeNode(NodeKind.Call, left.start, t.end);
  n.opStart = t.start;
  n.left = left;
  n.list = [];
  if (!p.check(TokenKind.RightParen)) {
    for (;;) {
      n.list.push(elementOrSpread(p));
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

/** A Call node's `op` when it was written `new Date(…)`. */
export const NEW_CALL: i32 = 1;

/** `new Date` or `new Date(…)`, the one constructor the language has; any other `new` is E51. */
export function newDate(p: Parser, t: Token): Node {
  if (!p.check(TokenKind.Identifier) || p.current.text != "Date") {
    p.error(DiagCode.New, msg(Msg.NewIsOnlyAllowed), t.start, t.end);
    return placeholder(t);
  }
  const callee = identifier(p, p.advance());
  // `new Date.x(…)` and `new Date[k](…)` construct Date.x, another constructor.
  if (p.check(TokenKind.Dot) || p.check(TokenKind.LeftBracket) || p.check(TokenKind.QuestionDot)) {
    p.error(DiagCode.New, msg(Msg.NewIsOnlyAllowed), t.start, t.end);
    return placeholder(t);
  }
  let n: Node;
  if (p.check(TokenKind.LeftParen)) {
    n = call(p, p.advance(), callee);
  } else {
    n = takeNode(NodeKind.Call, callee.start, callee.end);
    n.left = callee;
    n.list = [];
    n.opStart = n.opEnd = callee.end;
  }
  n.start = t.start;
  n.op = NEW_CALL;
  return n;
}

export function index(p: Parser, t: Token, left: Node): Node {
  if (!isSplitCall(left)) {
    const key = p.expression();
    if (!p.expect(TokenKind.RightBracket, "']'")) return left;
    const n = takeNode(NodeKind.Index, left.start, p.previous.end);
    n.opStart = t.start;
    n.opEnd = p.previous.end;
    n.left = left;
    n.right = key;
    return n;
  }
  const i = p.expression();
  if (!p.expect(TokenKind.RightBracket, "']'")) return left;
  const n = takeNode(NodeKind.SplitIndex, left.start, p.previous.end);
  const callee = leftOf(left);
  if (left.optional) {
    p.error(DiagCode.OptionalChaining, msg(Msg.OptionalCallsAreOnly), left.opStart, left.opStart + 2);
    return left;
  }
  n.optional = callee.optional;
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

export function tagged(p: Parser, t: Token, left: Node): Node {
  p.error(DiagCode.UnsupportedOperator, msg(Msg.TaggedTemplatesAreNot), t.start, t.end);
  return left;
}

/** `a?.b`, `a?.[k]`, `f?.(…)`: the link is marked optional (the compiler short-circuits the chain). */
export function optionalChain(p: Parser, t: Token, left: Node): Node {
  const c = p.current;
  let n: Node;
  if (c.kind == TokenKind.LeftParen) { p.advance(); n = call(p, c, left); n.opStart = t.start; } // errors point at `?.`
  else if (c.kind == TokenKind.LeftBracket) { p.advance(); n = index(p, c, left); }
  else if (c.kind == TokenKind.TemplateFull || c.kind == TokenKind.TemplateHead) {
    p.error(DiagCode.OptionalChaining, msg(Msg.ATaggedTemplateCannot), c.start, c.end);
    return left;
  } else if (c.kind == TokenKind.QuestionDot) {
    p.unexpected(t, msg(Msg.AMemberNameAfter)); // V8 points at the first of `?. ?.`
    return left;
  } else n = member(p, t, left);
  // x.split(sep)?.[i]: split's result is never nullish.
  if (n !== left && n.kind != NodeKind.SplitIndex) n.optional = true;
  return n;
}

/** An argument or array element: an expression, or `...expression`. */
export function elementOrSpread(p: Parser): Node {
  if (!p.check(TokenKind.Ellipsis)) return p.expression();
  const t = p.advance();
  const inner = p.expression();
  const n = takeNode(NodeKind.Spread, t.start, inner.end);
  n.opStart = t.start;
  n.opEnd = t.end;
  n.left = inner;
  return n;
}

export function rejectedInfix(p: Parser, t: Token, left: Node): Node {
  p.unexpected(t, "");
  return left;
}
