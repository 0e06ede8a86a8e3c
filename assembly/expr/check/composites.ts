// Checking arrays, objects, spreads and indexing (issue 17). Literals are never
// folded (their values live in the evaluation arena, which is reset); an index
// of constants is, when its value is a primitive. `mayBeComposite` is the one
// static type question the checker asks: can this node give an array or object?
// Where it cannot (an alias, arithmetic, a string method), `x.name` keeps its
// configure-time checks; where it can, `x.name` reads a property at run time.

import { Checker } from "./checker";
import { Node, NodeKind, leftOf, rightOf, thirdOf, stringSlot, takeNode } from "../syntax/ast";
import { DiagCode } from "../syntax/diagnostic";
import { returnsComposite, returnsArray, methodName, arrayLacksMethod } from "../lib/builtins";
import { getKey } from "../lib/composite";

/** Whether evaluating `n` may give an array or object. */
export function mayBeComposite(n: Node): bool {
  switch (n.kind) {
    case NodeKind.ArrayLit:
    case NodeKind.ObjectLit:
    case NodeKind.Index: return true;
    case NodeKind.BuiltinCall: return returnsComposite(n.id);
    case NodeKind.Conditional: return mayBeComposite(rightOf(n)) || mayBeComposite(thirdOf(n));
    case NodeKind.Logical: return mayBeComposite(leftOf(n)) || mayBeComposite(rightOf(n));
    case NodeKind.MethodCall: {
      // valueOf gives the array or object itself; at, slice and concat of an array give elements or arrays.
      const m = methodName(n.id);
      return (m == "valueOf" || m == "at" || m == "slice" || m == "concat") && mayBeComposite(leftOf(n));
    }
  }
  return false;
}

/** Whether evaluating `n` always gives an array (for clear diagnostics on array methods). */
function isArrayNode(n: Node): bool {
  if (n.kind == NodeKind.ArrayLit) return true;
  return n.kind == NodeKind.BuiltinCall && returnsArray(n.id);
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
  if (r.isConstant && k.isConstant && !n.optional && c.diagnostic === null) {
    const out = c.scratch(1);
    c.fold(n, getKey(r.slot, k.slot, out), out);
  }
  return n;
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

/** A string method arrays do not have (trim, padStart …) on a value that is always an array. */
export function arrayMethodProblem(c: Checker, receiver: Node, id: i32, callee: Node): bool {
  if (!arrayLacksMethod(id) || !isArrayNode(receiver)) return false;
  c.error(DiagCode.UnknownMember, "arrays have no method '" + callee.text + "'", callee.opStart, callee.opEnd,
    "array methods: at, concat, includes, indexOf, lastIndexOf, slice, toString, valueOf");
  return true;
}

/** Whether any argument of the call is `...x`. */
export function hasSpread(n: Node): bool {
  for (let i = 0; i < n.list.length; i++) if (n.list[i].kind == NodeKind.Spread) return true;
  return false;
}
