// The compiler: one walk over the checked tree, emitting stack bytecode into a
// Chunk. `&&` `||` `??` `?:` become forward jumps, so the side not taken is never
// evaluated. It tracks the stack depth of every instruction and fails with a
// diagnostic when the deepest point exceeds the VM's stack, or when a jump or
// the constant pool outgrows its 16-bit operand. Configure time only.

import { Node, NodeKind, LogicalOp, leftOf, rightOf, thirdOf, stringSlot } from "../syntax/ast";
import { Chunk, ChunkWriter, chunkWriter, Op, SPLIT_RECEIVER } from "../run/chunk";
import { Diagnostic, DiagCode } from "../syntax/diagnostic";
import { STACK_SLOTS } from "../run/vm";
import { intText } from "../../text";
import { Msg, msg } from "../../messages";

/** Values joined per TEMPLATE instruction; longer templates are joined in steps. */
const TEMPLATE_GROUP: i32 = 16;
/** Values per MAKE_ARRAY instruction; longer array literals are made in steps. */
const ARRAY_GROUP: i32 = 64;
/** Properties of one object literal (all on the stack at once). */
const OBJECT_GROUP: i32 = 100;

export class Compiler {
  /** The result of a successful compile(). */
  chunk: Chunk | null = null;
  private out: ChunkWriter = chunkWriter;
  diagnostic: Diagnostic | null = null;
  maxDepth: i32 = 0;
  private depth: i32 = 0;
  private root: Node;
  /** Stack depth when the call whose arguments are being compiled runs (where an arrow's body starts). */
  private callDepth: i32 = 0;
  /** Jumps of the `?.` links of the chain being compiled, landed at its end. */
  private chainJumps: i32[] = [];

  constructor(root: Node) {
    this.root = root;
    this.out.reset();
  }

  /** Compile the tree; false with `diagnostic` set if it does not fit the VM. */
  compile(): bool {
    const n = this.root;
    this.expr(n);
    this.out.op(Op.Return, n.start, n.end);
    if (this.diagnostic === null && this.maxDepth > STACK_SLOTS) {
      this.tooComplex("needs " + intText(this.maxDepth) + msg(Msg.StackSlotsMoreThan) + intText(STACK_SLOTS) + " available");
    }
    if (this.diagnostic === null && this.out.constants.length > 0xffff) {
      this.tooComplex(msg(Msg.HasMoreThan65535));
    }
    if (this.diagnostic !== null) return false;
    this.chunk = this.out.finish();
    return true;
  }

  private tooComplex(why: string): void {
    if (this.diagnostic === null) {
      this.diagnostic = new Diagnostic(DiagCode.TooComplex, msg(Msg.ExpressionIsTooComplex) + why,
        this.root.start, this.root.end, msg(Msg.SplitItIntoSimpler));
    }
  }

  private push(k: i32): void {
    this.depth += k;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
  }

  private pop(k: i32): void { this.depth -= k; }

  private constant(slot: usize, n: Node): void {
    this.out.op(Op.Const, n.start, n.end);
    this.out.u16(this.out.constant(slot));
    this.push(1);
  }

  /** Emit a jump with a placeholder operand; returns the operand's offset. */
  private jump(op: Op, n: Node): i32 {
    this.out.op(op, n.opStart, n.opEnd);
    const at = this.out.code.length;
    this.out.u16(0);
    return at;
  }

  private land(at: i32): void {
    if (this.out.patchJump(at) > 0xffff) this.tooComplex(msg(Msg.JumpsFurtherThan65535));
  }

  private expr(n: Node): void {
    if (n.isConstant) { this.constant(n.slot, n); return; }
    if (isLink(n)) { this.chain(n); return; }
    this.node(n);
  }

  /**
   * A member/call/index chain: every `?.` link jumps to the chain's end with
   * undefined when its receiver is nullish, so the rest of the chain is skipped.
   */
  private chain(n: Node): void {
    const outer = this.chainJumps;
    const jumps = new Array<i32>();
    this.chainJumps = jumps;
    this.node(n);
    this.chainJumps = outer;
    for (let i = 0; i < jumps.length; i++) this.land(jumps[i]);
  }

  /** The receiver of a chain link: part of the same chain unless parenthesised. */
  private receiver(n: Node, link: Node): void {
    if (isLink(n) && !n.paren && !n.isConstant) this.node(n);
    else this.expr(n);
    if (link.optional) this.chainJumps.push(this.jump(Op.JumpIfNullish, link));
  }

  private node(n: Node): void {
    const c = this.out;
    switch (n.kind) {
      case NodeKind.Alias: {
        c.op(Op.Load, n.start, n.end);
        c.u16(n.id);
        this.push(1);
        break;
      }
      case NodeKind.Unary: {
        this.expr(leftOf(n));
        c.op(Op.Unary, n.opStart, n.opEnd);
        c.byte(n.op);
        break;
      }
      case NodeKind.Binary: {
        this.expr(leftOf(n));
        this.expr(rightOf(n));
        c.op(Op.Binary, n.opStart, n.opEnd);
        c.byte(n.op);
        this.pop(1);
        break;
      }
      case NodeKind.Logical: {
        this.expr(leftOf(n));
        const op = n.op == LogicalOp.And ? Op.JumpIfFalsy : n.op == LogicalOp.Or ? Op.JumpIfTruthy : Op.JumpIfNotNullish;
        const end = this.jump(op, n);
        this.pop(1); // the right side replaces the left when the jump is not taken
        this.expr(rightOf(n));
        this.land(end);
        break;
      }
      case NodeKind.Conditional: {
        this.expr(leftOf(n));
        const otherwise = this.jump(Op.PopJumpIfFalsy, n);
        this.pop(1);
        this.expr(rightOf(n));
        const end = this.jump(Op.Jump, n);
        this.land(otherwise);
        this.pop(1); // only one branch's value is on the stack at the end
        this.expr(thirdOf(n));
        this.land(end);
        break;
      }
      case NodeKind.Template: this.template(n); break;
      case NodeKind.BuiltinCall: {
        if (hasSpreadArgument(n)) {
          this.elements(n, n.list.length);
          c.op(Op.CallBuiltinArray, n.start, n.end);
          c.u16(n.id);
          break;
        }
        this.arguments(n);
        c.op(Op.CallBuiltin, n.start, n.end);
        c.u16(n.id);
        c.byte(n.list.length);
        this.pop(n.list.length);
        this.push(1);
        break;
      }
      case NodeKind.MethodCall: {
        this.receiver(leftOf(n), n);
        // JavaScript reads the method off the receiver before the arguments run.
        if (!allConstant(n.list)) { c.op(Op.CheckReceiver, n.opStart, n.opEnd); c.u16(n.id); }
        this.arguments(n);
        c.op(Op.CallMethod, n.opStart, n.opEnd);
        c.u16(n.id);
        c.byte(n.list.length);
        this.pop(n.list.length);
        break;
      }
      case NodeKind.Property: {
        this.receiver(leftOf(n), n);
        c.op(Op.GetProperty, n.opStart, n.opEnd);
        c.u16(n.id);
        break;
      }
      case NodeKind.SplitIndex: {
        this.receiver(leftOf(n), n);
        // Reading `split` comes before the arguments; calling it before the index.
        if (!allConstant(n.list)) { c.op(Op.CheckReceiver, n.opStart, n.opEnd); c.u16(SPLIT_RECEIVER); }
        this.arguments(n);
        if (!rightOf(n).isConstant) { c.op(Op.CheckSplit, n.opStart, n.opEnd); c.byte(n.list.length); }
        this.expr(rightOf(n));
        c.op(Op.SplitIndex, n.opStart, n.opEnd);
        c.byte(n.list.length);
        this.pop(n.list.length + 1);
        break;
      }
      case NodeKind.Index: {
        this.receiver(leftOf(n), n);
        this.expr(rightOf(n));
        c.op(Op.GetIndex, n.opStart, n.opEnd);
        this.pop(1);
        break;
      }
      case NodeKind.ArrayLit: this.elements(n, n.list.length); break;
      case NodeKind.Arrow: this.arrow(n); break;
      case NodeKind.Local: {
        c.op(Op.LoadLocal, n.start, n.end);
        c.byte(n.id);
        this.push(1);
        break;
      }
      case NodeKind.ObjectLit: {
        const pairs = n.list.length >> 1;
        if (pairs > OBJECT_GROUP) { this.tooComplex(msg(Msg.HasAnObjectLiteral) + intText(OBJECT_GROUP) + " properties"); break; }
        for (let i = 0; i < n.list.length; i++) this.expr(n.list[i]);
        c.op(Op.MakeObject, n.start, n.end);
        c.u16(pairs);
        this.pop(pairs * 2);
        this.push(1);
        break;
      }
      default:
        // The checker resolves or rejects every other kind.
        this.tooComplex(msg(Msg.ContainsAnUnresolvedNode));
    }
  }

  /**
   * An array of the `count` elements of n.list (spread ones contribute their
   * elements), made ARRAY_GROUP values at a time so the stack stays shallow:
   * the array so far is spread into the next group.
   */
  private elements(n: Node, count: i32): void {
    let pending = 0;
    for (let i = 0; i < count; i++) {
      const e = n.list[i];
      if (e.kind == NodeKind.Spread) {
        this.expr(leftOf(e));
        this.out.op(Op.Spread, e.opStart, e.opEnd);
      } else {
        this.expr(e);
      }
      pending++;
      if (pending == ARRAY_GROUP && i + 1 < count) {
        this.makeArray(n, pending);
        this.out.op(Op.Spread, n.start, n.end);
        pending = 1;
      }
    }
    this.makeArray(n, pending);
  }

  private makeArray(n: Node, count: i32): void {
    this.out.op(Op.MakeArray, n.start, n.end);
    this.out.u16(count);
    this.pop(count);
    this.push(1);
  }

  private arguments(n: Node): void {
    if (n.list.length > 255) { this.tooComplex(msg(Msg.HasACallWith)); return; }
    // An arrow among the arguments runs when the call does, on the stack above all of them.
    const outer = this.callDepth;
    this.callDepth = this.depth + n.list.length;
    for (let i = 0; i < n.list.length; i++) this.expr(n.list[i]);
    this.callDepth = outer;
  }

  /** ARROW, then the body (run by the method through a nested VM call) and RETURN, jumped over here. */
  private arrow(n: Node): void {
    const c = this.out;
    c.op(Op.Arrow, n.opStart, n.opEnd);
    c.byte(n.id);
    c.byte(n.list.length);
    const at = c.code.length;
    c.u16(0);
    const depth = this.depth;
    this.depth = this.callDepth;
    const body = leftOf(n);
    this.expr(body);
    c.op(Op.Return, body.start, body.end);
    this.depth = depth;
    this.land(at);
    this.push(1);
  }

  /**
   * `a${x}b${y}c` pushes "a", x, "b", y, "c" (empty strings left out) and joins
   * them with TEMPLATE, at most TEMPLATE_GROUP values at a time so the stack
   * stays shallow: the joined string is the first value of the next group.
   */
  private template(n: Node): void {
    let pending = 0;
    const pieces = n.strings.length + n.list.length;
    let emitted = 0;
    for (let i = 0; i < pieces; i++) {
      const isString = (i & 1) == 0;
      if (isString) {
        const s = n.strings[i >> 1];
        // An empty piece adds nothing, unless it would leave the template with no value at all.
        if (s.length == 0 && !(i == pieces - 1 && emitted == 0)) continue;
        this.constant(stringSlot(s), n);
      } else {
        this.expr(n.list[i >> 1]);
      }
      emitted++;
      pending++;
      if (pending == TEMPLATE_GROUP) {
        this.join(n, pending);
        pending = 1;
      }
    }
    // Even a single value is joined: the result must be ToString of it.
    if (pending > 1 || (pending == 1 && emitted == 1)) this.join(n, pending);
  }

  private join(n: Node, count: i32): void {
    this.out.op(Op.Template, n.start, n.end);
    this.out.byte(count);
    this.pop(count);
    this.push(1);
  }
}

/** A link of a member/call/index chain (where `?.` may appear). */
function isLink(n: Node): bool {
  switch (n.kind) {
    case NodeKind.Property: case NodeKind.MethodCall: case NodeKind.SplitIndex: case NodeKind.Index: return true;
  }
  return false;
}

function hasSpreadArgument(n: Node): bool {
  for (let i = 0; i < n.list.length; i++) if (n.list[i].kind == NodeKind.Spread) return true;
  return false;
}

/** Whether every node of the list is a constant (evaluating it cannot fail). */
function allConstant(list: Node[]): bool {
  for (let i = 0; i < list.length; i++) if (!list[i].isConstant) return false;
  return true;
}
