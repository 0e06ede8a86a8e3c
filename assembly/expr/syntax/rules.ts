// The parser's rule table: for each token kind, what it means at the start of an
// expression (prefix), what it means after one (infix), and how tightly it binds.
// Adding an operator starts here; its production goes in productions.ts.

import { Token, TokenKind } from "./token";
import { Node } from "./ast";
import { Parser } from "./parser";
import {
  literal, identifier, template, tagged, grouping, call, member, index, optionalChain,
  unary, binary, rejectedInfix, logical, conditional, newDate,
} from "./productions";
import { arrayLiteral, objectLiteral, regexLiteral } from "./literals";

// Precedence, lowest first (ECMA-262 §13; `??` shares `||`'s level and forbids mixing).
export const enum Prec {
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

export type PrefixFn = (p: Parser, t: Token) => Node;
export type InfixFn = (p: Parser, t: Token, left: Node) => Node;

export const prefixRules = new StaticArray<PrefixFn | null>(TokenKind.COUNT);
export const infixRules = new StaticArray<InfixFn | null>(TokenKind.COUNT);
export const precedences = new StaticArray<i32>(TokenKind.COUNT);
export let rulesReady = false;

function rule(kind: TokenKind, prefix: PrefixFn | null, infix: InfixFn | null, prec: Prec): void {
  prefixRules[kind] = prefix;
  infixRules[kind] = infix;
  precedences[kind] = prec;
}

export function initRules(): void {
  rule(TokenKind.Number, literal, null, Prec.None);
  rule(TokenKind.String, literal, null, Prec.None);
  rule(TokenKind.Regex, regexLiteral, null, Prec.None);
  rule(TokenKind.True, literal, null, Prec.None);
  rule(TokenKind.False, literal, null, Prec.None);
  rule(TokenKind.Null, literal, null, Prec.None);
  rule(TokenKind.Identifier, identifier, null, Prec.None);
  rule(TokenKind.TemplateFull, template, tagged, Prec.Call);
  rule(TokenKind.TemplateHead, template, tagged, Prec.Call);
  rule(TokenKind.LeftParen, grouping, call, Prec.Call);
  rule(TokenKind.Dot, null, member, Prec.Call);
  rule(TokenKind.LeftBracket, arrayLiteral, index, Prec.Call);
  rule(TokenKind.LeftBrace, objectLiteral, null, Prec.None);
  rule(TokenKind.QuestionDot, null, optionalChain, Prec.Call);
  rule(TokenKind.Minus, unary, binary, Prec.Additive);
  rule(TokenKind.Plus, unary, binary, Prec.Additive);
  rule(TokenKind.Bang, unary, null, Prec.None);
  rule(TokenKind.Tilde, unary, null, Prec.None);
  rule(TokenKind.Typeof, unary, null, Prec.None);
  rule(TokenKind.Void, unary, null, Prec.None);
  rule(TokenKind.New, newDate, null, Prec.None);
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
  rule(TokenKind.In, null, binary, Prec.Relational);
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
