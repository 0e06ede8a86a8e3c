// The checker: resolves every name (alias, built-in, method, property), checks
// argument counts (calls.ts), records dependencies and volatility, and folds constant
// subtrees with the very functions the VM calls, so a folded value is the value
// the VM would have computed. A fold that raises an error is left for run time
// (where it becomes that message's error record). Configure time only.

import { Node, NodeKind, LogicalOp, leftOf, rightOf, thirdOf, newSlot, persistSlot } from "../syntax/ast";
import { Diagnostic, DiagCode } from "../syntax/diagnostic";
import { BinaryOp, UnaryOp, binaryOp, unaryOp } from "../run/operators";
import { truthy, isNullish } from "../lib/coerce";
import {
  lookupGlobalFunction, isNamespace, lookupStatic, isConstantBuiltin, builtinConstant, builtinNames,
  lookupMethod, lookupProperty, getProperty,
} from "../lib/builtins";
import { isForbiddenGlobal, didYouMean, MEMBER_NAMES } from "./names";
import { checkCall, checkSplit } from "./calls";
import { templateConcat } from "../run/vm";
import { SLOT_SIZE, copySlot, setString, isComposite, tagOf } from "../../value";
import { mayBeComposite, memberAsIndex, checkIndex, checkList, checkSpread, inProblem } from "./composites";
import { ErrorCode } from "../../errors";
import { misplacedArrow, localIndex } from "./callbacks";
import { Msg, msg } from "../../messages";

// The alias table is the same for every mapping of a config: build its index once.
let cachedAliases: string[] | null = null;
let cachedLength: i32 = -1;
let cachedIndex: Map<string, i32> = new Map();

function aliasIndex(aliases: string[]): Map<string, i32> {
  if (cachedAliases === aliases && cachedLength == aliases.length) return cachedIndex;
  const m = new Map<string, i32>();
  for (let i = 0; i < aliases.length; i++) m.set(aliases[i], i);
  cachedAliases = aliases;
  cachedLength = aliases.length;
  cachedIndex = m;
  return m;
}

// Shared by every Checker (checks do not nest; deps() copies it out), so thousands
// of mappings do not leave thousands of small arrays behind.
const usedScratch: i32[] = [];

export class Checker {
  aliases: string[];
  index: Map<string, i32>;
  diagnostic: Diagnostic | null = null;
  volatile: bool = false;
  /** Parameter names of the arrows being checked, outermost first: a name's index is its local slot. */
  params: string[] = [];
  arrowNesting: i32 = 0;
  /** Alias indexes seen so far, ascending and unique (usually one or two). */
  private used: i32[] = usedScratch;

  constructor(aliases: string[]) {
    this.aliases = aliases;
    this.index = aliasIndex(aliases);
    usedScratch.length = 0;
  }

  /** Alias indexes used anywhere, ascending, unique. */
  deps(): StaticArray<i32> {
    const used = this.used;
    const out = new StaticArray<i32>(used.length);
    for (let i = 0; i < used.length; i++) out[i] = used[i];
    return out;
  }

  private use(alias: i32): void {
    const used = this.used;
    let i = used.length;
    while (i > 0 && used[i - 1] > alias) i--;
    if (i > 0 && used[i - 1] == alias) return;
    used.push(0);
    for (let j = used.length - 1; j > i; j--) used[j] = used[j - 1];
    used[i] = alias;
  }

  error(code: i32, message: string, start: i32, end: i32, hint: string | null = null): void {
    if (this.diagnostic === null) this.diagnostic = new Diagnostic(code, message, start, end, hint);
  }

  /**
   * Check `n` and return it, or the node that replaces it (a folded constant,
   * or the chosen branch of a constant `&&` `||` `??` `?:`).
   * Every subtree is checked, even a branch that folding drops, so its names
   * are validated and its aliases still count as dependencies.
   */
  check(n: Node): Node {
    if (this.diagnostic !== null) return n;
    switch (n.kind) {
      case NodeKind.Literal: return n;
      case NodeKind.Identifier: return this.identifier(n);
      case NodeKind.Template: return this.template(n);
      case NodeKind.Unary: return this.unary(n);
      case NodeKind.Binary: return this.binary(n);
      case NodeKind.Logical: return this.logical(n);
      case NodeKind.Conditional: return this.conditional(n);
      case NodeKind.Member: return this.member(n);
      case NodeKind.Call: return checkCall(this, n);
      case NodeKind.SplitIndex: return checkSplit(this, n);
      case NodeKind.ArrayLit:
      case NodeKind.ObjectLit: return checkList(this, n);
      case NodeKind.Spread: return checkSpread(this, n);
      case NodeKind.Index: return checkIndex(this, n);
      case NodeKind.Arrow: return misplacedArrow(this, n);
    }
    return n;
  }

  // --- names -------------------------------------------------------------------

  private identifier(n: Node): Node {
    const name = n.text;
    const local = localIndex(this, name);
    if (local >= 0) {
      n.kind = NodeKind.Local;
      n.id = local;
      return n;
    }
    if (this.index.has(name)) {
      n.kind = NodeKind.Alias;
      n.id = this.index.get(name);
      this.use(n.id);
      return n;
    }
    if (isForbiddenGlobal(name)) {
      this.error(DiagCode.ForbiddenGlobal, "'" + name + msg(Msg.IsNotAllowedIn), n.start, n.end);
    } else if (lookupGlobalFunction(name) >= 0) {
      this.error(DiagCode.BuiltinAsValue, "'" + name + msg(Msg.IsAFunctionAnd), n.start, n.end,
        "write " + name + "(…)");
    } else if (isNamespace(name)) {
      this.error(DiagCode.BuiltinAsValue, "'" + name + msg(Msg.CannotBeUsedAs), n.start, n.end);
    } else {
      this.unknown(n);
    }
    return n;
  }

  unknown(n: Node): void {
    this.error(DiagCode.UnknownIdentifier, msg(Msg.UnknownIdentifier) + n.text + "'", n.start, n.end,
      didYouMean(n.text, this.globalCandidates()));
  }

  /** Aliases first (they win ties), then global built-in names. */
  private globalCandidates(): string[] {
    const out = this.aliases.slice(0);
    const names = builtinNames();
    for (let i = 0; i < names.length; i++) {
      const s = names[i];
      const dot = s.indexOf(".");
      const head = dot < 0 ? s : s.substring(0, dot);
      if (!out.includes(head)) out.push(head);
    }
    return out;
  }

  /** `ns.x` names of namespace `ns`, for "did you mean". */
  private staticCandidates(ns: string): string[] {
    const out = new Array<string>();
    const names = builtinNames();
    const prefix = ns + ".";
    for (let i = 0; i < names.length; i++) {
      if (names[i].startsWith(prefix)) out.push(names[i].substring(prefix.length));
    }
    return out;
  }

  private memberCandidates(): string[] {
    const out = new Array<string>();
    for (let i = 0; i < MEMBER_NAMES.length; i++) {
      const m = MEMBER_NAMES[i];
      if (m == "split" || lookupMethod(m) >= 0 || lookupProperty(m) >= 0) out.push(m);
    }
    return out;
  }

  /** `ns` when `n` is a bare namespace name (Math, Number, …) and not an alias. */
  namespaceOf(n: Node): string | null {
    if (n.kind != NodeKind.Identifier || this.index.has(n.text) || !isNamespace(n.text) || localIndex(this, n.text) >= 0) return null;
    return n.text;
  }

  // --- operators -----------------------------------------------------------------

  private unary(n: Node): Node {
    const a = this.check(leftOf(n));
    n.left = a;
    if (a.isConstant) {
      const out = this.scratch(1);
      this.fold(n, unaryOp(<UnaryOp>n.op, a.slot, out), out);
    }
    return n;
  }

  private binary(n: Node): Node {
    const a = this.check(leftOf(n));
    const b = this.check(rightOf(n));
    n.left = a;
    n.right = b;
    if (n.op == BinaryOp.In && this.diagnostic === null && inProblem(this, n)) return n;
    if (a.isConstant && b.isConstant) {
      const out = this.scratch(1);
      this.fold(n, binaryOp(<BinaryOp>n.op, a.slot, b.slot, out), out);
    }
    return n;
  }

  private logical(n: Node): Node {
    const a = this.check(leftOf(n));
    const b = this.check(rightOf(n));
    n.left = a;
    n.right = b;
    if (!a.isConstant) return n;
    let takeLeft: bool;
    switch (<LogicalOp>n.op) {
      case LogicalOp.And: takeLeft = !truthy(a.slot); break;
      case LogicalOp.Or: takeLeft = truthy(a.slot); break;
      default: takeLeft = !isNullish(a.slot);
    }
    return this.chosen(n, takeLeft ? a : b);
  }

  /**
   * The branch a constant condition chose: when the node could have given an
   * array or object, `x.name` on it still reads a property at run time (as it
   * would have without folding) rather than being checked as a member of a
   * primitive; and it keeps the node's parentheses.
   */
  private chosen(n: Node, branch: Node): Node {
    if (mayBeComposite(n)) branch.foldedFromComposite = true;
    // `(a && b?.c).d`: the parentheses still end b's optional chain.
    if (n.paren) branch.paren = true;
    return branch;
  }

  private conditional(n: Node): Node {
    const c = this.check(leftOf(n));
    const t = this.check(rightOf(n));
    const e = this.check(thirdOf(n));
    n.left = c;
    n.right = t;
    n.third = e;
    if (!c.isConstant) return n;
    return this.chosen(n, truthy(c.slot) ? t : e);
  }

  private template(n: Node): Node {
    let allConstant = true;
    for (let i = 0; i < n.list.length; i++) {
      const e = this.check(n.list[i]);
      n.list[i] = e;
      if (!e.isConstant) allConstant = false;
    }
    if (!allConstant || this.diagnostic !== null) return n;
    // Lay the pieces out as the VM does (string, value, string, …) and join them.
    const count = n.strings.length + n.list.length;
    const base = this.scratch(count);
    const pieces = new Array<usize>();
    for (let i = 0; i < n.strings.length; i++) {
      pieces.push(stringPiece(n.strings[i]));
      if (i < n.list.length) pieces.push(n.list[i].slot);
    }
    for (let i = 0; i < count; i++) copySlot(base + <usize>i * SLOT_SIZE, pieces[i]);
    this.fold(n, templateConcat(base, count, base), base);
    return n;
  }

  // --- members (calls: calls.ts) -----------------------------------------------------

  private member(n: Node): Node {
    const ns = this.namespaceOf(leftOf(n));
    if (ns !== null) {
      const id = this.staticId(n, ns);
      if (id < 0) return n;
      if (!isConstantBuiltin(id)) {
        this.error(DiagCode.BuiltinAsValue, "'" + ns + "." + n.text + msg(Msg.IsAFunctionAnd),
          n.start, n.end, "write " + ns + "." + n.text + "(…)");
        return n;
      }
      n.kind = NodeKind.Builtin;
      n.id = id;
      n.slot = newSlot();
      builtinConstant(id, n.slot);
      return n;
    }
    const r = this.check(leftOf(n));
    n.left = r;
    if (this.diagnostic !== null) return n;
    // An array or object has any key; undefined and null throw at run time, as in JavaScript (or `?.` gives undefined).
    if (mayBeComposite(r) || (r.isConstant && isNullish(r.slot))) return checkIndex(this, memberAsIndex(n, r));
    const pid = lookupProperty(n.text);
    if (pid >= 0) {
      n.kind = NodeKind.Property;
      n.id = pid;
      if (r.isConstant && !n.optional) {
        const out = this.scratch(1);
        this.fold(n, getProperty(pid, r.slot, out), out);
      }
      return n;
    }
    if (n.text == "split") {
      this.splitOnly(n);
    } else if (lookupMethod(n.text) >= 0) {
      this.error(DiagCode.BuiltinAsValue, "method '" + n.text + msg(Msg.MustBeCalled), n.opStart, n.opEnd,
        "write ." + n.text + "(…)");
    } else {
      this.unknownMember(n);
    }
    return n;
  }

  staticId(member: Node, ns: string): i32 {
    const id = lookupStatic(ns, member.text);
    if (id < 0) {
      this.error(DiagCode.UnknownMember, msg(Msg.UnknownMember) + member.text + "' of " + ns, member.opStart, member.opEnd,
        didYouMean(member.text, this.staticCandidates(ns)));
    }
    return id;
  }

  unknownMember(n: Node): void {
    this.error(DiagCode.UnknownMember, msg(Msg.UnknownMember) + n.text + "'", n.opStart, n.opEnd,
      didYouMean(n.text, this.memberCandidates()));
  }

  splitOnly(n: Node): void {
    this.error(DiagCode.UnsupportedIndex, msg(Msg.SplitIsOnlySupported), n.opStart, n.opEnd,
      msg(Msg.PickOnePartE));
  }

  // --- folding -------------------------------------------------------------------

  /** `count` (at least 1) fresh slots in a row. */
  scratch(count: i32): usize {
    return heap.alloc(<usize>max(count, 1) * SLOT_SIZE);
  }

  /**
   * Keep the result of a fold that succeeded; a failed fold stays for run time,
   * and so does an array or object (its memory is the evaluation arena's).
   */
  fold(n: Node, code: i32, result: usize): void {
    if (code != ErrorCode.None || isComposite(tagOf(result))) return;
    n.slot = persistSlot(result);
  }
}

function stringPiece(s: string): usize {
  // Only read during the fold, which copies the result: point at the String's data.
  const p = newSlot();
  setString(p, changetype<usize>(s), s.length);
  return p;
}
