// Character classes of the lexer: the code units it names, and which are digits,
// line terminators and white space in JavaScript's sense.

export const enum C {
  TAB = 9, LF = 10, VT = 11, FF = 12, CR = 13, SPACE = 32, BANG = 33, DQUOTE = 34,
  HASH = 35, DOLLAR = 36, PERCENT = 37, AMP = 38, QUOTE = 39, LPAREN = 40, RPAREN = 41,
  STAR = 42, PLUS = 43, COMMA = 44, MINUS = 45, DOT = 46, SLASH = 47, _0 = 48, _7 = 55,
  _9 = 57, COLON = 58, SEMI = 59, LT = 60, EQ = 61, GT = 62, QUESTION = 63, AT = 64,
  LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, CARET = 94, UNDERSCORE = 95,
  BACKTICK = 96, LBRACE = 123, PIPE = 124, RBRACE = 125, TILDE = 126,
  LS = 0x2028, PS = 0x2029,
}

export function isDecimalDigit(c: i32): bool { return c >= C._0 && c <= C._9; }

/** 0–35 for 0-9 a-z A-Z, else -1. */
export function digitValue(c: i32): i32 {
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
