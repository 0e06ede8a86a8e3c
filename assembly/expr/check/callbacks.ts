// Checking arrow functions and callbacks (issue 17). An arrow is allowed only as
// the callback argument of an array method (map … toSorted) or of Array.from;
// a built-in function may stand there by name (Number, Boolean, Math.abs). Each
// arrow's parameters take the local slots after those of the arrows around it,
// and shadow aliases and built-in names inside its body.

import { Checker } from "./checker";
import { Node, NodeKind, leftOf, newSlot } from "../syntax/ast";
import { DiagCode } from "../syntax/diagnostic";
import { lookupGlobalFunction, isConstantBuiltin, isVolatile } from "../lib/builtins";
import { setBuiltinFunction, MAX_LOCALS } from "../lib/callbacks";
import { intText } from "../../text";
import { Msg, msg } from "../../messages";

/** Arrows nested in one another (each nesting multiplies the work). */
export const MAX_ARROW_NESTING: i32 = 8;

/** An arrow met anywhere else than a callback argument. */
export function misplacedArrow(c: Checker, n: Node): Node {
  c.error(DiagCode.FunctionLiteral, msg(Msg.ArrowFunctionsOnlyAsCallbacks), n.start, n.opEnd);
  return n;
}

/** The local slot of parameter `name` in scope (innermost first), else -1. */
export function localIndex(c: Checker, name: string): i32 {
  const p = c.params;
  for (let i = p.length - 1; i >= 0; i--) if (p[i] == name) return i;
  return -1;
}

/** A callback argument: an arrow, a built-in function by name, or any other expression (V8 rejects it at run time). */
export function checkCallbackArgument(c: Checker, n: Node): Node {
  if (n.kind == NodeKind.Arrow) return checkArrow(c, n);
  const id = builtinFunctionId(c, n);
  if (id < 0) return c.check(n);
  n.kind = NodeKind.FunctionRef;
  n.id = id;
  n.left = null;
  n.slot = newSlot();
  setBuiltinFunction(n.slot, id);
  if (isVolatile(id)) c.volatile = true;
  return n;
}

/** The built-in function `n` names (parseInt, Math.abs …), unless an alias or a parameter takes the name; else -1. */
function builtinFunctionId(c: Checker, n: Node): i32 {
  if (n.kind == NodeKind.Identifier) {
    if (c.index.has(n.text) || localIndex(c, n.text) >= 0) return -1;
    return lookupGlobalFunction(n.text);
  }
  if (n.kind == NodeKind.Member) {
    const ns = c.namespaceOf(leftOf(n));
    if (ns === null) return -1;
    const id = c.staticId(n, ns);
    return id >= 0 && !isConstantBuiltin(id) ? id : -1;
  }
  return -1;
}

function checkArrow(c: Checker, n: Node): Node {
  if (c.arrowNesting >= MAX_ARROW_NESTING) {
    c.error(DiagCode.TooDeep, msg(Msg.ArrowFunctionsAreNested) + intText(MAX_ARROW_NESTING) + ")", n.start, n.opEnd,
      msg(Msg.SplitItIntoSimpler));
    return n;
  }
  const base = c.params.length;
  if (base + n.list.length > MAX_LOCALS) {
    c.error(DiagCode.TooComplex, msg(Msg.TooManyParametersOf) + intText(MAX_LOCALS) + ")",
      n.start, n.opEnd, msg(Msg.SplitItIntoSimpler));
    return n;
  }
  for (let i = 0; i < n.list.length; i++) c.params.push(n.list[i].text);
  c.arrowNesting++;
  n.left = c.check(leftOf(n));
  c.arrowNesting--;
  c.params.length = base;
  n.id = base;
  return n;
}
