// Checking calls: built-in functions (Math.max, parseInt …) and methods
// (s.trim() …) by name and argument count, the one index form
// x.split(separator)[i], and folding each when its inputs are constant.

import { Checker } from "./checker";
import { isForbiddenGlobal } from "./names";
import { hasSpread } from "./composites";
import { Node, NodeKind, leftOf, rightOf } from "../syntax/ast";
import { DiagCode, valueText } from "../syntax/diagnostic";
import {
  lookupGlobalFunction, isNamespace, isConstantBuiltin, builtinMinArgs, builtinMaxArgs, isVolatile,
  callBuiltin, lookupMethod, lookupProperty, methodMinArgs, methodMaxArgs, callMethod, splitIndex,
  takesCallback, isCallbackArgument, dateConstructorId, DATE_CALL_ID,
} from "../lib/builtins";
import { checkCallbackArgument, localIndex } from "./callbacks";
import { NEW_CALL } from "../syntax/productions";
import { isInheritedArrayKey } from "../lib/array_keys";
import { SLOT_SIZE, copySlot, Tag, tagOf, strPtr, strLen } from "../../value";
import { intText } from "../../text";
import { Msg, msg } from "../../messages";

export function checkCall(c: Checker, n: Node): Node {
  const callee = leftOf(n);
  switch (callee.kind) {
    case NodeKind.Identifier: {
      const name = callee.text;
      if (localIndex(c, name) >= 0) {
        c.error(DiagCode.NotCallable, "'" + name + msg(Msg.IsAParameterA), callee.start, callee.end);
        return n;
      }
      if ((n.op == NEW_CALL || name == "Date") && !c.index.has(name)) return dateCall(c, n);
      const id = c.index.has(name) ? -1 : lookupGlobalFunction(name);
      if (id >= 0) return builtinCall(c, n, id, name);
      if (c.index.has(name)) {
        c.error(DiagCode.NotCallable, "'" + name + msg(Msg.IsAnAliasA), callee.start, callee.end);
      } else if (isForbiddenGlobal(name)) {
        c.error(DiagCode.ForbiddenGlobal, "'" + name + msg(Msg.IsNotAllowedIn), callee.start, callee.end);
      } else if (isNamespace(name)) {
        c.error(DiagCode.NotCallable, "'" + name + msg(Msg.CannotBeCalledOnly), callee.start, callee.end);
      } else {
        c.unknown(callee);
      }
      return n;
    }
    case NodeKind.Member: {
      const ns = c.namespaceOf(leftOf(callee));
      if (ns !== null) {
        const id = c.staticId(callee, ns);
        if (id < 0) return n;
        if (isConstantBuiltin(id)) {
          c.error(DiagCode.NotCallable, "'" + ns + "." + callee.text + msg(Msg.IsAValueNot),
            callee.start, callee.end);
          return n;
        }
        return builtinCall(c, n, id, ns + "." + callee.text);
      }
      return methodCall(c, n, callee);
    }
  }
  c.check(callee);
  c.error(DiagCode.NotCallable, msg(Msg.ThisExpressionIsNot), callee.start, callee.end);
  return n;
}

/** `new Date(…)` (an object; with a spread, maybe now), or `Date(…)` without new (the text of now). */
function dateCall(c: Checker, n: Node): Node {
  if (hasSpread(n)) c.volatile = true;
  return builtinCall(c, n, n.op == NEW_CALL ? dateConstructorId(n.list.length) : DATE_CALL_ID, "Date");
}

/** Check the arguments (`callback`: the index of the callback argument, or -1); whether all are constants. */
function checkArguments(c: Checker, n: Node, callback: i32 = -1): bool {
  let allConstant = true;
  for (let i = 0; i < n.list.length; i++) {
    const a = i == callback ? checkCallbackArgument(c, n.list[i]) : c.check(n.list[i]);
    n.list[i] = a;
    if (!a.isConstant) allConstant = false;
  }
  return allConstant && c.diagnostic === null;
}

function arity(c: Checker, n: Node, name: string, lo: i32, hi: i32): bool {
  const got = n.list.length;
  if (got >= lo && (hi < 0 || got <= hi)) return true;
  let want: string;
  if (hi < 0) want = "at least " + plural(lo);
  else if (lo == hi) want = plural(lo);
  else want = intText(lo) + " to " + intText(hi) + " arguments";
  c.error(DiagCode.ArgumentCount, "'" + name + "' expects " + want + ", got " + intText(got), n.start, n.end);
  return false;
}

function builtinCall(c: Checker, n: Node, id: i32, name: string): Node {
  const allConstant = checkArguments(c, n, isCallbackArgument(id, 1) ? 1 : -1);
  // With a spread the count is known only at run time; extra arguments are ignored, as in JavaScript.
  const spread = hasSpread(n);
  // With a spread the arguments travel as an array: an arrow (run on the VM's stack) cannot ride along.
  if (spread && n.list.length > 1 && n.list[1].kind == NodeKind.Arrow) {
    c.error(DiagCode.UnsupportedOperator, msg(Msg.AnArrowCallbackCannot), n.list[1].start, n.list[1].opEnd);
    return n;
  }
  if (!spread && !arity(c, n, name, builtinMinArgs(id), builtinMaxArgs(id))) return n;
  n.kind = NodeKind.BuiltinCall;
  n.id = id;
  n.left = null;
  n.optional = false; // a built-in always exists: f?.() is f()
  if (isVolatile(id)) { c.volatile = true; return n; }
  if (allConstant && !spread) {
    const argc = n.list.length;
    const args = c.scratch(argc + 1);
    for (let i = 0; i < argc; i++) copySlot(args + <usize>i * SLOT_SIZE, n.list[i].slot);
    const out = args + <usize>argc * SLOT_SIZE;
    c.fold(n, callBuiltin(id, args, argc, out), out);
  }
  return n;
}

function methodCall(c: Checker, n: Node, callee: Node): Node {
  const r = c.check(leftOf(callee));
  if (c.diagnostic !== null) return n;
  const name = callee.text;
  if (name == "split") { c.splitOnly(callee); return n; }
  const id = lookupMethod(name);
  if (id < 0) {
    if (lookupProperty(name) >= 0) {
      c.error(DiagCode.NotCallable, "'" + name + msg(Msg.IsAPropertyNot), callee.opStart, callee.opEnd,
        "write ." + name + msg(Msg.WithoutParentheses));
    } else {
      c.unknownMember(callee);
    }
    return n;
  }
  if (n.optional) {
    c.error(DiagCode.OptionalChaining, msg(Msg.OptionalCallsAreOnly), n.opStart, n.opStart + 2,
      "write ." + name + msg(Msg.OrGuardTheReceiver) + name + "(…)");
    return n;
  }
  const allConstant = checkArguments(c, n, takesCallback(id) ? 0 : -1);
  if (hasSpread(n)) {
    c.error(DiagCode.UnsupportedOperator, msg(Msg.SpreadInArgumentsIs),
      n.start, n.end);
    return n;
  }
  if (!arity(c, n, name, methodMinArgs(id), methodMaxArgs(id))) return n;
  n.kind = NodeKind.MethodCall;
  n.optional = callee.optional;
  n.id = id;
  n.left = r;
  n.opStart = callee.opStart;
  n.opEnd = callee.opEnd;
  if (allConstant && r.isConstant && !n.optional) {
    const argc = n.list.length;
    const args = c.scratch(argc + 1);
    for (let i = 0; i < argc; i++) copySlot(args + <usize>i * SLOT_SIZE, n.list[i].slot);
    const out = args + <usize>argc * SLOT_SIZE;
    c.fold(n, callMethod(id, r.slot, args, argc, out), out);
  }
  return n;
}

export function checkSplit(c: Checker, n: Node): Node {
  const r = c.check(leftOf(n));
  n.left = r;
  const argsConstant = checkArguments(c, n);
  const i = c.check(rightOf(n));
  n.right = i;
  if (c.diagnostic !== null) return n;
  if (hasSpread(n)) {
    c.error(DiagCode.UnsupportedOperator, msg(Msg.SpreadInArgumentsIs),
      n.start, n.end);
    return n;
  }
  if (n.list.length > 2) {
    c.error(DiagCode.ArgumentCount, msg(Msg.SplitExpects0To) + intText(n.list.length), n.start, n.end);
    return n;
  }
  if (i.isConstant && tagOf(i.slot) == Tag.String && isInheritedArrayKey(strPtr(i.slot), strLen(i.slot))) {
    c.error(DiagCode.UnsupportedIndex, "split(...)[" + valueText(i.slot) + msg(Msg.NamesAnInheritedArray),
      i.start, i.end, msg(Msg.IndexWithANumber));
    return n;
  }
  if (argsConstant && r.isConstant && i.isConstant && !n.optional) {
    const argc = n.list.length;
    const args = c.scratch(argc + 1);
    for (let k = 0; k < argc; k++) copySlot(args + <usize>k * SLOT_SIZE, n.list[k].slot);
    const out = args + <usize>argc * SLOT_SIZE;
    c.fold(n, splitIndex(r.slot, args, argc, i.slot, out), out);
  }
  return n;
}

function plural(k: i32): string {
  return intText(k) + (k == 1 ? " argument" : " arguments");
}
