// Regular expression literals (§12.9.5): where the parser wants an operand, a
// `/` starts one instead of being division, as in JavaScript. The body runs to
// the first `/` outside a class; a line terminator or the end before it is V8's
// "missing /". Flags are the identifier characters after it.

import { Token, TokenKind } from "./token";
import { Lexer } from "./lexer";
import { DiagCode } from "./diagnostic";
import { isIdentPart } from "./words";
import { C, isLineTerminator } from "./char_classes";

export function lexRegex(lx: Lexer, start: i32): Token {
  const s = lx.source, n = s.length;
  let i = start + 1;
  let inClass = false;
  for (;;) {
    if (i >= n || isLineTerminator(s.charCodeAt(i))) {
      lx.pos = i;
      return lx.error(DiagCode.Syntax, "Invalid regular expression: missing /", start, i);
    }
    const c = s.charCodeAt(i);
    if (c == C.BACKSLASH) {
      if (i + 1 < n && isLineTerminator(s.charCodeAt(i + 1))) { i++; continue; }
      i = min(i + 2, n);
      continue;
    }
    if (c == C.LBRACKET) inClass = true;
    else if (c == C.RBRACKET) inClass = false;
    else if (c == C.SLASH && !inClass) break;
    i++;
  }
  const bodyEnd = i;
  i++;
  while (i < n && isIdentPart(s.charCodeAt(i))) i++;
  lx.pos = i;
  const t = lx.make(TokenKind.Regex, start);
  t.text = s.substring(start + 1, bodyEnd);
  t.flags = s.substring(bodyEnd + 1, i);
  return t;
}
