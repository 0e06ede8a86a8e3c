// Array and object literals (issue 17): `[a, ...b]`, `{k: v, "x-y": v, 1: v,
// [expr]: v, shorthand}`. What JavaScript allows there but the language does not
// (holes, methods, getters and setters, `...` in objects, `__proto__: v`, which
// sets the prototype) is a diagnostic naming the construct.

import { Token, TokenKind } from "./token";
import { Node, NodeKind, numberSlot, stringSlot, takeNode, newSlot } from "./ast";
import { DiagCode } from "./diagnostic";
import { Parser } from "./parser";
import { identifier, elementOrSpread } from "./productions";
import { compileRegexLiteral, setRegExp } from "../lib/regexp";
import { Msg, msg } from "../../messages";

export function arrayLiteral(p: Parser, t: Token): Node {
  const n = takeNode(NodeKind.ArrayLit, t.start, t.end);
  n.list = [];
  while (!p.check(TokenKind.RightBracket)) {
    if (p.check(TokenKind.Comma)) {
      const c = p.current;
      p.error(DiagCode.ArrayObjectLiteral, msg(Msg.ArrayHolesAB), c.start, c.end,
        msg(Msg.WriteUndefinedOrNull));
      return n;
    }
    n.list.push(elementOrSpread(p));
    if (p.failed) return n;
    if (!p.check(TokenKind.Comma)) break;
    p.advance(); // a trailing comma is allowed, as in JavaScript
  }
  if (!p.expect(TokenKind.RightBracket, "',' or ']' after an element")) return n;
  n.end = p.previous.end;
  return n;
}

function keyNode(k: Token, text: string): Node {
  const n = takeNode(NodeKind.Literal, k.start, k.end);
  n.slot = stringSlot(text);
  return n;
}

/** `,` `}` or `=` after a key: a shorthand property (or its default), which only an identifier may be. */
function endsShorthand(p: Parser): bool {
  return p.check(TokenKind.Comma) || p.check(TokenKind.RightBrace) || p.check(TokenKind.Equal);
}

/** Skip the key of a getter, setter, async or generator method; false after an error. */
function skipKey(p: Parser): bool {
  const c = p.current;
  if (c.kind == TokenKind.LeftBracket) {
    p.advance();
    p.expression();
    return !p.failed && p.expect(TokenKind.RightBracket, "']' after a computed key");
  }
  if (isWord(c) || c.kind == TokenKind.String || c.kind == TokenKind.Number) { p.advance(); return true; }
  p.unexpected(c, "a property name");
  return false;
}

/**
 * A method where a property was expected: its parameter list (names and commas)
 * and the `{` of its body are read so that a malformed one is reported at the
 * token V8 reports; a well-formed one is named as unsupported.
 */
function method(p: Parser, k: Token): void {
  if (!p.expect(TokenKind.LeftParen, "'(' of a method")) return;
  while (!p.check(TokenKind.RightParen)) {
    if (!p.expect(TokenKind.Identifier, "a parameter name")) return;
    if (!p.check(TokenKind.Comma)) break;
    p.advance();
  }
  if (!p.expect(TokenKind.RightParen, "')' after the parameters")) return;
  if (!p.check(TokenKind.LeftBrace)) { p.unexpected(p.current, msg(Msg.OfAMethodBody)); return; }
  p.error(DiagCode.ArrayObjectLiteral, msg(Msg.MethodsGettersAndSetters), k.start, k.end,
    msg(Msg.AnObjectHoldsValues));
}

function isWord(k: Token): bool {
  return k.kind == TokenKind.Identifier || (k.kind >= TokenKind.True && k.kind <= TokenKind.Statement);
}

export function objectLiteral(p: Parser, t: Token): Node {
  const n = takeNode(NodeKind.ObjectLit, t.start, t.end);
  n.list = [];
  while (!p.check(TokenKind.RightBrace)) {
    const k = p.current;
    let key: Node;
    let value: Node | null = null;
    let plainName = false; // a non-computed name: `__proto__:` there sets the prototype
    if (k.kind == TokenKind.LeftBracket) {
      p.advance();
      key = p.expression();
      if (!p.expect(TokenKind.RightBracket, "']' after a computed key")) return n;
      if (p.check(TokenKind.LeftParen)) { method(p, k); return n; }
      if (endsShorthand(p)) { p.unexpected(p.previous, msg(Msg.AfterAComputedKey)); return n; } // V8 points at the `]`
    } else if (k.kind == TokenKind.String || k.kind == TokenKind.Number) {
      p.advance();
      if (k.kind == TokenKind.String) { key = keyNode(k, k.text); plainName = true; }
      else { key = takeNode(NodeKind.Literal, k.start, k.end); key.slot = numberSlot(k.number); } // its ToString, made with the object
      if (p.check(TokenKind.LeftParen)) { method(p, k); return n; }
      if (endsShorthand(p)) { p.unexpected(k, "a property"); return n; } // not a shorthand: V8 points at the key
    } else if (isWord(k) && k.text.length > 0) {
      p.advance();
      key = keyNode(k, k.text);
      plainName = true;
      const c = p.current;
      const shorthand = c.kind == TokenKind.Comma || c.kind == TokenKind.RightBrace;
      if (k.kind == TokenKind.Identifier && shorthand) {
        value = identifier(p, k); // shorthand {a}: never sets the prototype
        plainName = false;
      } else if (c.kind == TokenKind.LeftParen) {
        method(p, k);
        return n;
      } else if ((k.text == "get" || k.text == "set" || k.text == "async") && c.kind != TokenKind.Colon && !shorthand) {
        if (!skipKey(p)) return n;
        method(p, k);
        return n;
      } else if (k.kind != TokenKind.Identifier && endsShorthand(p)) {
        p.unexpected(k, "a property"); // `{if}` is no shorthand: V8 points at the key
        return n;
      } else if (k.kind == TokenKind.Identifier && c.kind == TokenKind.Equal) {
        // `{a = 1}` is a destructuring default: V8 reads the initializer, then points at the key.
        p.advance();
        p.expression();
        if (!p.failed) p.error(DiagCode.Syntax, msg(Msg.InvalidShorthandPropertyInitializer), k.start, k.end);
        return n;
      }
    } else if (k.kind == TokenKind.Ellipsis) {
      p.advance();
      p.expression(); // a malformed operand is the error V8 reports first
      if (!p.failed) {
        p.error(DiagCode.ArrayObjectLiteral, msg(Msg.SpreadInObjectLiterals), k.start, k.end,
          msg(Msg.UseObjectFromEntriesObject));
      }
      return n;
    } else if (k.kind == TokenKind.Star) {
      p.advance();
      if (skipKey(p)) method(p, k);
      return n;
    } else {
      p.unexpected(k, "a property name");
      return n;
    }
    if (value === null) {
      if (plainName && k.text == "__proto__") {
        p.error(DiagCode.ArrayObjectLiteral, msg(Msg.ProtoSetsThePrototype), k.start, k.end,
          msg(Msg.WriteProtoForA));
        return n;
      }
      if (!p.expect(TokenKind.Colon, "':' after a property name")) return n;
      value = p.expression();
    }
    if (p.failed) return n;
    n.list.push(key);
    n.list.push(value);
    if (!p.check(TokenKind.Comma)) break;
    p.advance();
  }
  if (!p.expect(TokenKind.RightBrace, "',' or '}' after a property")) return n;
  n.end = p.previous.end;
  return n;
}

/**
 * `/body/flags`: compiled now into a value slot (its program lives for the
 * module's life). V8's SyntaxError for a bad pattern; a construct the engine
 * does not run is code 53 with a caret on it.
 */
export function regexLiteral(p: Parser, t: Token): Node {
  const n = takeNode(NodeKind.Literal, t.start, t.end);
  n.slot = newSlot();
  const r = compileRegexLiteral(t.text, t.flags);
  if (r.error !== null) {
    p.error(DiagCode.Syntax, <string>r.error, t.start, t.end);
  } else if (r.unsupported !== null) {
    p.error(DiagCode.Regex, <string>r.unsupported, t.start + r.at, t.start + r.end);
  } else {
    setRegExp(n.slot, r.descriptor);
  }
  return n;
}
