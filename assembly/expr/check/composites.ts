// Checking arrays, objects, spreads and indexing (issue 17). Literals are never
// folded (their values live in the evaluation arena, which is reset); an index
// of constants is, when its value is a primitive. `mayBeComposite` is the one
// static type question the checker asks: can this node give an array or object?
// Where it cannot (an alias, arithmetic, a string method), `x.name` keeps its
// configure-time checks; where it can, `x.name` reads a property at run time.

import { Checker } from "./checker";
import { Node, NodeKind, leftOf, rightOf, thirdOf, stringSlot, takeNode } from "../syntax/ast";
import { DiagCode, valueText } from "../syntax/diagnostic";
import { returnsComposite, methodName, isArrayOnlyMethod, makesDate } from "../lib/builtins";
import { isInheritedKey } from "../lib/prototype_keys";
import { isInheritedArrayKey } from "../lib/array_keys";
import { Tag, tagOf, strPtr, strLen } from "../../value";
import { getKey } from "../lib/composite";
import { Msg, msg } from "../../messages";

/** Whether evaluating `n` may give an array or object. */
export function mayBeComposite(n: Node): bool {
  if (n.foldedFromComposite) return true;
  switch (n.kind) {
    case NodeKind.ArrayLit:
    case NodeKind.ObjectLit:
    case NodeKind.Index:
    case NodeKind.Local: return true;
    case NodeKind.Literal: return n.slot != 0 && tagOf(n.slot) == Tag.RegExp;
    case NodeKind.BuiltinCall: return returnsComposite(n.id);
    case NodeKind.Conditional: return mayBeComposite(rightOf(n)) || mayBeComposite(thirdOf(n));
    case NodeKind.Logical: return mayBeComposite(leftOf(n)) || mayBeComposite(rightOf(n));
    case NodeKind.MethodCall: {
      // valueOf gives the array or object itself; at, slice and concat of an array give elements or arrays.
      if (isArrayOnlyMethod(n.id)) return true;
      const m = methodName(n.id);
      if (m == "match" || m == "exec") return true; // the match array
      return (m == "valueOf" || m == "at" || m == "slice" || m == "concat") && mayBeComposite(leftOf(n));
    }
  }
  return false;
}

export function checkList(c: Checker, n: Node): Node {
  for (let i = 0; i < n.list.length; i++) n.list[i] = c.check(n.list[i]);
  return n;
}

export function checkSpread(c: Checker, n: Node): Node {
  n.left = c.check(leftOf(n));
  return n;
}

/** `left[right]`: folded when both are constants and the value is a primitive. */
export function checkIndex(c: Checker, n: Node): Node {
  const r = c.check(leftOf(n));
  const k = c.check(rightOf(n));
  n.left = r;
  n.right = k;
  if (c.diagnostic !== null) return n;
  if (k.isConstant && tagOf(k.slot) == Tag.String && !mayHaveOwnKey(r, strPtr(k.slot), strLen(k.slot)) &&
      isInheritedKey(isNewDate(r) ? Tag.Date : Tag.Object, strPtr(k.slot), strLen(k.slot))) {
    c.error(DiagCode.UnsupportedIndex, "[" + valueText(k.slot) + msg(Msg.NamesAnInheritedProperty),
      k.start, k.end, msg(Msg.TheValuesHereAre));
    return n;
  }
  if (r.kind == NodeKind.ArrayLit && k.isConstant && tagOf(k.slot) == Tag.String && isInheritedArrayKey(strPtr(k.slot), strLen(k.slot))) {
    c.error(DiagCode.UnsupportedIndex, "[" + valueText(k.slot) + msg(Msg.NamesAnInheritedProperty), k.start, k.end);
    return n;
  }
  if (r.isConstant && k.isConstant && !n.optional && c.diagnostic === null) {
    const out = c.scratch(1);
    c.fold(n, getKey(r.slot, k.slot, out), out);
  }
  return n;
}

/** `new Date(…)`: a Date, whose keys are all inherited. */
function isNewDate(n: Node): bool { return n.kind == NodeKind.BuiltinCall && makesDate(n.id); }

/** Whether `n` may be an object with an own property (p, n): not for primitives and arrays, nor literals without it. */

function mayHaveOwnKey(n: Node, p: usize, len: i32): bool {
  if (!mayBeComposite(n) || n.kind == NodeKind.ArrayLit || n.kind == NodeKind.Literal || isNewDate(n)) return false; // a regex literal has none
  if (n.kind != NodeKind.ObjectLit) return true;
  for (let i = 0; i < n.list.length; i += 2) {
    const k = n.list[i];
    if (k.isConstant && tagOf(k.slot) == Tag.Number) continue; // its text is numeric, never a prototype's key
    if (!k.isConstant || tagOf(k.slot) != Tag.String) return true; // a computed key: may be anything
    if (strLen(k.slot) == len && memory.compare(strPtr(k.slot), p, <usize>len << 1) == 0) return true;
  }
  return false;
}

/** `key in right` where `right` is never an array or object: always a TypeError in JavaScript. */
export function inProblem(c: Checker, n: Node): bool {
  if (mayBeComposite(rightOf(n))) return false;
  c.error(DiagCode.UnsupportedOperator, msg(Msg.InSearchesAnArray),
    n.opStart, n.opEnd);
  return true;
}

/** `receiver.name` where the receiver may be an array or object: an Index with a constant key. */
export function memberAsIndex(n: Node, receiver: Node): Node {
  const key = takeNode(NodeKind.Literal, n.opStart, n.opEnd);
  key.slot = stringSlot(n.text);
  n.kind = NodeKind.Index;
  n.left = receiver;
  n.right = key;
  return n;
}

/** Whether any argument of the call is `...x`. */
export function hasSpread(n: Node): bool {
  for (let i = 0; i < n.list.length; i++) if (n.list[i].kind == NodeKind.Spread) return true;
  return false;
}
