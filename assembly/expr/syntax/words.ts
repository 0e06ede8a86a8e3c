// Words: what may be an identifier, which words are reserved, and which names
// parse as literals. Used by the lexer and parser, and by check/names for aliases.

import { TokenKind } from "./token";

// Identifiers are ASCII only: `$`, `_`, letters, then digits too. JavaScript
// allows Unicode letters; we reject them (a clear error, never a silent
// mismatch), and aliases follow the same rule.
// @ts-ignore: decorator
@inline export function isIdentStart(c: i32): bool {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 36 || c == 95;
}
// @ts-ignore: decorator
@inline export function isIdentPart(c: i32): bool {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** The token kind of a word: a keyword kind, or Identifier. */
export function keywordKind(w: string): TokenKind {
  switch (w.length) {
    case 2:
      if (w == "in") return TokenKind.In;
      if (w == "if" || w == "do") return TokenKind.Statement;
      break;
    case 3:
      if (w == "new") return TokenKind.New;
      if (w == "var" || w == "let") return TokenKind.Declaration;
      if (w == "for" || w == "try") return TokenKind.Statement;
      break;
    case 4:
      if (w == "true") return TokenKind.True;
      if (w == "null") return TokenKind.Null;
      if (w == "void") return TokenKind.Void;
      if (w == "this") return TokenKind.This;
      if (w == "else" || w == "case" || w == "enum" || w == "with") return TokenKind.Statement;
      break;
    case 5:
      if (w == "false") return TokenKind.False;
      if (w == "class") return TokenKind.Class;
      if (w == "await") return TokenKind.Await;
      if (w == "yield") return TokenKind.Yield;
      if (w == "super") return TokenKind.Super;
      if (w == "const") return TokenKind.Declaration;
      if (w == "while" || w == "throw" || w == "break" || w == "catch") return TokenKind.Statement;
      break;
    case 6:
      if (w == "typeof") return TokenKind.Typeof;
      if (w == "delete") return TokenKind.Delete;
      if (w == "import") return TokenKind.Import;
      if (w == "return" || w == "switch" || w == "export" || w == "static" || w == "public") return TokenKind.Statement;
      break;
    case 7:
      if (w == "finally" || w == "default" || w == "extends" || w == "package" || w == "private") return TokenKind.Statement;
      break;
    case 8:
      if (w == "function") return TokenKind.Function;
      if (w == "continue" || w == "debugger") return TokenKind.Statement;
      break;
    case 9:
      if (w == "interface" || w == "protected") return TokenKind.Statement;
      break;
    case 10:
      if (w == "instanceof") return TokenKind.Instanceof;
      if (w == "implements") return TokenKind.Statement;
      break;
  }
  return TokenKind.Identifier;
}

/** Names that are values in JavaScript but parse here as literals. */
export function isValueName(name: string): bool {
  return name == "undefined" || name == "NaN" || name == "Infinity";
}
