// Binary and unary operators with JavaScript semantics (ECMA-262 §13.5–§13.12,
// ApplyStringOrNumericBinaryOperator §13.15.3). ToNumeric is ToNumber (no BigInt);
// an array or object operand is first replaced by its ToPrimitive text, except
// where JavaScript compares it as an object (===, == between objects or with
// null/undefined) or looks a key up in it (`in`).
// `out` may alias an operand: every operand is read before `out` is written.

import { Tag, tagOf, strPtr, strLen, setNumber, setBool, setString, setUndefined, copySlot, isComposite } from "../../value";
import { ErrorCode } from "../../errors";
import {
  toNumber, toInt32, toUint32, truthy, strictEquals, looseEquals, setLiteral,
  stringView, viewPtr, allocString, allocError, isNullish, toStringSlot,
} from "../lib/coerce";
import { hasKey } from "../lib/composite";
import { jsPow } from "../lib/math";

export const enum BinaryOp { Add, Sub, Mul, Div, Mod, Exp, Lt, Le, Gt, Ge, Eq, Ne, StrictEq, StrictNe, BitAnd, BitOr, BitXor, Shl, Shr, UShr, In }
export const enum UnaryOp { Neg, Plus, Not, BitNot, Typeof, Void }

/** Evaluate `a <op> b` into `out`. Returns an ErrorCode (only `+` can fail: string limits). */
export function binaryOp(op: BinaryOp, a: usize, b: usize, out: usize): i32 {
  if (op == BinaryOp.In) return hasKey(a, b, out);
  if (isComposite(tagOf(a)) || isComposite(tagOf(b))) {
    if (op == BinaryOp.StrictEq || op == BinaryOp.StrictNe) {
      setBool(out, strictEquals(a, b) == (op == BinaryOp.StrictEq));
      return ErrorCode.None;
    }
    const objects = isComposite(tagOf(a)) && isComposite(tagOf(b));
    if ((op == BinaryOp.Eq || op == BinaryOp.Ne) && (objects || isNullish(a) || isNullish(b))) {
      setBool(out, looseEquals(a, b) == (op == BinaryOp.Eq));
      return ErrorCode.None;
    }
    // Into scratch slots (`out` may alias `a`): arithmetic and bitwise operators need only the
    // numbers, which toNumber gives without the text; `+` and the comparisons need ToPrimitive.
    const numeric = (op != BinaryOp.Add && op < BinaryOp.Lt) || op > BinaryOp.Ne;
    // The comparisons ask for hint number, which only a Date answers with a number (its valueOf).
    const relational = op >= BinaryOp.Lt && op <= BinaryOp.Ge;
    let r = toPrimitive(a, leftText, numeric || (relational && tagOf(a) == Tag.Date));
    if (r == ErrorCode.None) r = toPrimitive(b, rightText, numeric || (relational && tagOf(b) == Tag.Date));
    if (r != ErrorCode.None) return r;
    a = leftText;
    b = rightText;
  }
  switch (op) {
    case BinaryOp.Add: return add(a, b, out);
    case BinaryOp.Sub: setNumber(out, toNumber(a) - toNumber(b)); break;
    case BinaryOp.Mul: setNumber(out, toNumber(a) * toNumber(b)); break;
    case BinaryOp.Div: setNumber(out, toNumber(a) / toNumber(b)); break;
    // Number::remainder is C's fmod (exact), which AssemblyScript's f64 `%` is.
    case BinaryOp.Mod: setNumber(out, toNumber(a) % toNumber(b)); break;
    case BinaryOp.Exp: { const x = toNumber(a); setNumber(out, jsPow(x, toNumber(b))); break; }
    case BinaryOp.Lt: setBool(out, compare(a, b) == Order.Less); break;
    case BinaryOp.Gt: setBool(out, compare(a, b) == Order.Greater); break;
    case BinaryOp.Le: { const c = compare(a, b); setBool(out, c == Order.Less || c == Order.Equal); break; }
    case BinaryOp.Ge: { const c = compare(a, b); setBool(out, c == Order.Greater || c == Order.Equal); break; }
    case BinaryOp.Eq: setBool(out, looseEquals(a, b)); break;
    case BinaryOp.Ne: setBool(out, !looseEquals(a, b)); break;
    case BinaryOp.StrictEq: setBool(out, strictEquals(a, b)); break;
    case BinaryOp.StrictNe: setBool(out, !strictEquals(a, b)); break;
    case BinaryOp.BitAnd: { const x = toInt32(toNumber(a)); setNumber(out, <f64>(x & toInt32(toNumber(b)))); break; }
    case BinaryOp.BitOr: { const x = toInt32(toNumber(a)); setNumber(out, <f64>(x | toInt32(toNumber(b)))); break; }
    case BinaryOp.BitXor: { const x = toInt32(toNumber(a)); setNumber(out, <f64>(x ^ toInt32(toNumber(b)))); break; }
    // Shift counts are ToUint32(b) & 31 (§13.9).
    case BinaryOp.Shl: { const x = toInt32(toNumber(a)); setNumber(out, <f64>(x << (toUint32(toNumber(b)) & 31))); break; }
    case BinaryOp.Shr: { const x = toInt32(toNumber(a)); setNumber(out, <f64>(x >> (toUint32(toNumber(b)) & 31))); break; }
    case BinaryOp.UShr: { const x = toUint32(toNumber(a)); setNumber(out, <f64>(x >>> (toUint32(toNumber(b)) & 31))); break; }
    default: setUndefined(out);
  }
  return ErrorCode.None;
}

const leftText = memory.data(16, 8);
const rightText = memory.data(16, 8);

function toPrimitive(v: usize, out: usize, numeric: bool): i32 {
  if (isComposite(tagOf(v))) {
    if (numeric) { setNumber(out, toNumber(v)); return ErrorCode.None; }
    return toStringSlot(v, out);
  }
  copySlot(out, v);
  return ErrorCode.None;
}

/** Evaluate `<op> a` into `out`. Never fails. */
export function unaryOp(op: UnaryOp, a: usize, out: usize): i32 {
  switch (op) {
    case UnaryOp.Neg: setNumber(out, -toNumber(a)); break;
    case UnaryOp.Plus: setNumber(out, toNumber(a)); break;
    case UnaryOp.Not: setBool(out, !truthy(a)); break;
    case UnaryOp.BitNot: setNumber(out, <f64>(~toInt32(toNumber(a)))); break;
    case UnaryOp.Typeof: {
      switch (tagOf(a)) {
        case Tag.Undefined: setLiteral(out, "undefined"); break;
        case Tag.Null: setLiteral(out, "object"); break;
        case Tag.Boolean: setLiteral(out, "boolean"); break;
        case Tag.Number: setLiteral(out, "number"); break;
        case Tag.String: setLiteral(out, "string"); break;
        default: setLiteral(out, "object"); // arrays and objects
      }
      break;
    }
    default: setUndefined(out); // void
  }
  return ErrorCode.None;
}

// ---------------------------------------------------------------------------
// Addition (§13.15.3 step 1.c): string concatenation if either side is a string.

function add(a: usize, b: usize, out: usize): i32 {
  const ta = tagOf(a), tb = tagOf(b);
  if (ta != Tag.String && tb != Tag.String) {
    setNumber(out, toNumber(a) + toNumber(b));
    return ErrorCode.None;
  }
  // "" + s and s + "" need no new string.
  if (ta == Tag.String && strLen(a) == 0 && tb == Tag.String) { copySlot(out, b); return ErrorCode.None; }
  if (tb == Tag.String && strLen(b) == 0 && ta == Tag.String) { copySlot(out, a); return ErrorCode.None; }
  const al = stringView(a, 0);
  const ap = viewPtr;
  const bl = stringView(b, 1);
  const bp = viewPtr;
  const dst = allocString(<i64>al + <i64>bl);
  if (dst == 0) return allocError;
  memory.copy(dst, ap, <usize>al << 1);
  memory.copy(dst + (<usize>al << 1), bp, <usize>bl << 1);
  setString(out, dst, al + bl);
  return ErrorCode.None;
}

// ---------------------------------------------------------------------------
// Relational comparison (IsLessThan §7.2.13, folded into a three-way order).

const enum Order { Less, Equal, Greater, Unordered }

function compare(a: usize, b: usize): Order {
  if (tagOf(a) == Tag.String && tagOf(b) == Tag.String) {
    const c = compareUnits(strPtr(a), strLen(a), strPtr(b), strLen(b));
    return c < 0 ? Order.Less : c > 0 ? Order.Greater : Order.Equal;
  }
  const x = toNumber(a), y = toNumber(b);
  if (x < y) return Order.Less;
  if (x > y) return Order.Greater;
  if (x == y) return Order.Equal;
  return Order.Unordered; // NaN on either side: every comparison is false
}

/** Lexicographic order of UTF-16 code units (not code points), as JS compares strings. */
export function compareUnits(p: usize, n: i32, q: usize, m: i32): i32 {
  const k = n < m ? n : m;
  for (let i = 0; i < k; i++) {
    const x = <i32>load<u16>(p + (<usize>i << 1));
    const y = <i32>load<u16>(q + (<usize>i << 1));
    if (x != y) return x - y;
  }
  return n - m;
}
