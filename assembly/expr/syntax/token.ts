// Tokens of the expression language. The lexer makes them on demand; an Error
// token carries the diagnostic code and message so the lexer never reports.
// Kinds that name a construct we reject (`=`, `=>`, `new`, …) exist so that the
// parser can say exactly what was written instead of "unexpected character".

export const enum TokenKind {
  // Literals and names
  Number, String, Identifier,
  Regex,         // /body/flags: text = body, flags
  // Template pieces: `abc` | `abc${ | }abc${ | }abc`
  TemplateFull, TemplateHead, TemplateMiddle, TemplateTail,
  // Grouping and members
  LeftParen, RightParen, LeftBracket, RightBracket, LeftBrace, RightBrace,
  Dot, QuestionDot, Comma, Semicolon, Colon, Question, Ellipsis,
  // Operators
  Plus, Minus, Star, Slash, Percent, StarStar,
  Less, LessEqual, Greater, GreaterEqual,
  EqualEqual, BangEqual, EqualEqualEqual, BangEqualEqual,
  AmpAmp, PipePipe, QuestionQuestion,
  Bang, Tilde, Amp, Pipe, Caret, LessLess, GreaterGreater, GreaterGreaterGreater,
  // Rejected punctuators
  Equal, CompoundAssign, PlusPlus, MinusMinus, Arrow, Hash, At,
  // Keywords that are expressions
  True, False, Null, Typeof, Void,
  // Keywords we reject, each with its own message
  In, Instanceof, Delete, New, This, Function, Class, Await, Yield, Super, Import,
  Declaration,   // var let const
  Statement,     // if for while return throw … (any other reserved word)
  Error,         // lexical error: code and message on the token
  Eof,
  COUNT,
}

/**
 * One token: kind and span (UTF-16 code-unit offsets, end exclusive). Tokens live
 * only while one expression is parsed (nodes copy what they need), so the lexer
 * takes them from a pool that every parse reuses (takeToken/releaseTokens below).
 * A field added here must be reset in clear() too.
 */
export class Token {
  kind: TokenKind = TokenKind.Eof;
  start: i32 = 0;
  end: i32 = 0;
  /** Number literal value. */
  number: f64 = 0;
  /** Cooked value of a string or template piece; identifier or keyword text. */
  text: string = "";
  /** Error tokens: diagnostic code, message and hint. */
  code: i32 = 0;
  message: string = "";
  hint: string | null = null;
  /** A line terminator precedes this token (for messages only; no ASI here). */
  newlineBefore: bool = false;
  /** Regex literals: the flags after the closing `/`. */
  flags: string = "";

  /** Every field as a new Token has it. */
  clear(): void {
    this.kind = TokenKind.Eof;
    this.start = 0;
    this.end = 0;
    this.number = 0;
    this.text = "";
    this.code = 0;
    this.message = "";
    this.hint = null;
    this.newlineBefore = false;
    this.flags = "";
  }
}

const tokenPool: Token[] = [];
let tokensTaken: i32 = 0;

/** A cleared token, valid until the next releaseTokens(). */
export function takeToken(): Token {
  if (tokensTaken < tokenPool.length) {
    const t = unchecked(tokenPool[tokensTaken++]);
    t.clear();
    return t;
  }
  const t = new Token();
  tokenPool.push(t);
  tokensTaken++;
  return t;
}

/** A new parse starts: every pooled token may be handed out again. */
export function releaseTokens(): void { tokensTaken = 0; }

/** The placeholder a parser or lexer starts with (never written to). */
export const NO_TOKEN = new Token();
