// Mappings that are a left-to-right chain of + - * / over aliases and number
// constants (`press + 4.00001`, `tF * 69 / 31`, `a + b`: unit conversions and
// offsets, the commonest shape): recognised once from the bytecode at
// configure time and evaluated per message without the VM while every alias
// in them holds a number. Otherwise (a string, a boolean), and for a result
// that is not finite, the VM runs as before, so other results and every error
// stay the VM's own; the IEEE operations here are those of its number path.

import { Expression, Op, BinaryOp } from "./expr/index";
import { Tag, tagOf, numOf } from "./value";

/** Most operands in a chain. */
const MAX_OPERANDS = 8;
// A step is 16 bytes: u32 (BinaryOp | FROM_ALIAS | alias << 4), u32 unused, f64 constant.
// The first step's unused word holds the shape of a two-operand chain (0 for longer ones).
const FROM_ALIAS: u32 = 8;
const enum Shape { Long = 0, AliasConst = 4, ConstAlias = 8, AliasAlias = 12 } // | BinaryOp (0..3)
const scratch = memory.data(MAX_OPERANDS << 4);

/**
 * The chain of `e` as steps in raw memory (the first step's operator unused),
 * with the step count in fastSteps; 0 if `e` is not such a chain. Configure time.
 */
export let fastSteps: i32 = 0;
export function fastChain(e: Expression): usize {
  fastSteps = 0;
  const code = e.code, end = code + <usize>e.chunk.codeLength;
  const base = scratch;
  let ip = code, n = 0;
  while (ip < end) {
    const op = <i32>load<u8>(ip);
    if (op == Op.Return) { ip++; break; }
    if (op == Op.Binary) {
      const b = <i32>load<u8>(ip, 1);
      if (n < 2 || (b != BinaryOp.Add && b != BinaryOp.Sub && b != BinaryOp.Mul && b != BinaryOp.Div)) return 0;
      if (<u32>b >= 7) return 0; // the step keeps its operator in 3 bits (7: still to come)
      // Left to right: the operator follows its right operand, which is the latest one.
      const step = base + (<usize>(n - 1) << 4);
      if ((load<u32>(step) & 7) != 7) return 0; // two operands pending: not a plain chain
      store<u32>(step, (load<u32>(step) & ~7) | <u32>b);
      ip += 2;
      continue;
    }
    if (n == MAX_OPERANDS || (n >= 2 && (load<u32>(base + (<usize>(n - 1) << 4)) & 7) == 7)) return 0;
    const at = base + (<usize>n << 4);
    if (op == Op.Load) {
      store<u32>(at, 7 | FROM_ALIAS | (<u32>load<u16>(ip, 1) << 4)); // 7: operator still to come
    } else if (op == Op.Const) {
      const slot = e.consts + (<usize>load<u16>(ip, 1) << 4);
      if (tagOf(slot) != Tag.Number) return 0;
      store<u32>(at, 7);
      store<f64>(at, numOf(slot), 8);
    } else return 0;
    n++;
    ip += 3;
  }
  if (ip != end || n < 2 || (load<u32>(base + (<usize>(n - 1) << 4)) & 7) == 7) return 0;
  if (n == 2) {
    const left = load<u32>(base) & FROM_ALIAS, right = load<u32>(base, 16) & FROM_ALIAS;
    const shape = left != 0 ? (right != 0 ? Shape.AliasAlias : Shape.AliasConst) : Shape.ConstAlias;
    store<u32>(base, <u32>shape + (load<u32>(base, 16) & 7), 4);
  } else {
    store<u32>(base, Shape.Long, 4);
  }
  const steps = heap.alloc(<usize>n << 4);
  memory.copy(steps, base, <usize>n << 4);
  fastSteps = n;
  return steps;
}

/** The number of the alias of step `s` (NaN for any other value). */
// @ts-ignore: decorator
@inline function aliasNumber(s: usize, state: usize): f64 {
  const slot = state + <usize>(load<u32>(s) & ~15);
  return tagOf(slot) == Tag.Number ? numOf(slot) : NaN;
}

/** A step's operand: its constant, or its alias's number (NaN for any other value). */
// @ts-ignore: decorator
@inline function operand(s: usize, state: usize): f64 {
  return (load<u32>(s) & FROM_ALIAS) == 0 ? load<f64>(s, 8) : aliasNumber(s, state);
}

/**
 * Evaluate a chain over alias slots at `state`. NaN when an alias does not hold
 * a number (NaN propagates): the caller then runs the VM, as for any NaN.
 */
// @ts-ignore: decorator
@inline export function fastEvaluate(steps: usize, n: i32, state: usize): f64 {
  // Two operands, no loop: `alias op constant` (unit conversions, offsets:
  // the commonest) and `alias + alias` by one dispatch on shape and operator,
  // the others by shape.
  const shape = load<u32>(steps, 4);
  switch (shape) {
    case Shape.AliasConst | BinaryOp.Add: return aliasNumber(steps, state) + load<f64>(steps, 24);
    case Shape.AliasConst | BinaryOp.Sub: return aliasNumber(steps, state) - load<f64>(steps, 24);
    case Shape.AliasConst | BinaryOp.Mul: return aliasNumber(steps, state) * load<f64>(steps, 24);
    case Shape.AliasConst | BinaryOp.Div: return aliasNumber(steps, state) / load<f64>(steps, 24);
    case Shape.AliasAlias | BinaryOp.Add: return aliasNumber(steps, state) + aliasNumber(steps + 16, state);
  }
  if (shape != Shape.Long) {
    const a = (shape & ~3) == Shape.ConstAlias ? load<f64>(steps, 8) : aliasNumber(steps, state);
    return apply(shape & 3, a, aliasNumber(steps + 16, state));
  }
  let acc = apply(load<u32>(steps, 16) & 7, operand(steps, state), operand(steps + 16, state));
  const end = steps + (<usize>n << 4);
  for (let s = steps + 32; s < end; s += 16) acc = apply(load<u32>(s) & 7, acc, operand(s, state));
  return acc;
}

// @ts-ignore: decorator
@inline function apply(op: u32, a: f64, b: f64): f64 {
  if (op == BinaryOp.Add) return a + b;
  if (op == BinaryOp.Sub) return a - b;
  if (op == BinaryOp.Mul) return a * b;
  return a / b;
}
