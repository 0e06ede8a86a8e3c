// Arrow functions (issue 17): `x => e`, `(a, b) => e`, `() => e`, and the block
// form `{ return e; }`. They parse anywhere; the checker allows them only as the
// callback of an array method (a diagnostic elsewhere), so a function is never a
// value that outlives the call it is passed to.

import { Token, TokenKind } from "./token";
import { Lexer } from "./lexer";
import { Node, NodeKind, takeNode } from "./ast";
import { DiagCode } from "./diagnostic";
import { Parser } from "./parser";
import { isValueName } from "./words";
import { Msg, msg } from "../../messages";

/** Whether the tokens after `(` (the parser's current one on) are `a, b) =>` or `) =>`. */
export function arrowHeadFollows(p: Parser): bool {
  const c = p.current;
  if (c.kind == TokenKind.RightParen) return arrowAt(p, c.end);
  if (!isWord(c)) return false;
  // A separate lexer looks ahead, so the parser's own stays where it is.
  const look = new Lexer(p.source);
  look.pos = c.end;
  for (;;) {
    const t = look.next();
    if (t.kind == TokenKind.RightParen) return arrowAt(p, t.end);
    if (t.kind != TokenKind.Comma) return false;
    const w = look.next();
    if (w.kind == TokenKind.RightParen) return arrowAt(p, w.end); // a trailing comma
    if (!isWord(w)) return false;
  }
  return false;
}

function arrowAt(p: Parser, pos: i32): bool {
  const look = new Lexer(p.source);
  look.pos = pos;
  const t = look.next();
  return t.kind == TokenKind.Arrow && !t.newlineBefore;
}

function isWord(t: Token): bool {
  return t.kind == TokenKind.Identifier || (t.kind >= TokenKind.True && t.kind <= TokenKind.Statement && t.text.length > 0);
}

/** `(` was consumed and arrowHeadFollows: the parameters, `)`, `=>` and the body. */
export function parenArrow(p: Parser, open: Token): Node {
  const params = new Array<Node>();
  while (!p.check(TokenKind.RightParen)) {
    const t = p.advance();
    if (!param(p, t, params)) return params.length > 0 ? params[0] : placeholderAt(open);
    if (p.check(TokenKind.Comma)) p.advance();
  }
  p.advance(); // `)`
  return arrowBody(p, open.start, params);
}

/** `x =>` where `x` (an identifier) was consumed and `=>` is current. */
export function bareArrow(p: Parser, t: Token): Node {
  const params = new Array<Node>();
  param(p, t, params);
  return arrowBody(p, t.start, params);
}

function param(p: Parser, t: Token, params: Node[]): bool {
  if (t.kind != TokenKind.Identifier || isValueName(t.text)) {
    p.error(DiagCode.FunctionLiteral, "'" + p.text(t) + msg(Msg.CannotBeAParameter), t.start, t.end);
    return false;
  }
  for (let i = 0; i < params.length; i++) {
    if (params[i].text == t.text) {
      p.error(DiagCode.FunctionLiteral, msg(Msg.DuplicateParameterName) + t.text + "'", t.start, t.end);
      return false;
    }
  }
  const n = takeNode(NodeKind.Identifier, t.start, t.end);
  n.text = t.text;
  params.push(n);
  return true;
}

function placeholderAt(t: Token): Node {
  return takeNode(NodeKind.Identifier, t.start, t.end);
}

/** `=> body`: an expression, or `{ return expression; }`. */
function arrowBody(p: Parser, start: i32, params: Node[]): Node {
  const arrow = p.current;
  if (!p.expect(TokenKind.Arrow, "'=>'")) return placeholderAt(arrow);
  const n = takeNode(NodeKind.Arrow, start, arrow.end);
  n.opStart = arrow.start;
  n.opEnd = arrow.end;
  n.list = params;
  if (p.check(TokenKind.LeftBrace)) {
    const brace = p.advance();
    if (!(p.current.kind == TokenKind.Statement && p.current.text == "return")) {
      p.error(DiagCode.FunctionLiteral, msg(Msg.AnArrowFunctionS), brace.start, brace.end);
      return n;
    }
    const ret = p.advance();
    if (p.current.newlineBefore) {
      p.error(DiagCode.FunctionLiteral, msg(Msg.ALineBreakAfter), ret.start, ret.end,
        msg(Msg.PutTheReturnedExpression));
      return n;
    }
    n.left = p.expression();
    if (p.check(TokenKind.Semicolon)) p.advance();
    if (!p.expect(TokenKind.RightBrace, "'}'")) return n;
  } else {
    n.left = p.expression();
  }
  n.end = p.previous.end;
  return n;
}
