// The VM: one dispatch loop over a chunk's bytecode with a value stack in
// static memory. Operators, built-ins and methods are E2's functions; the VM
// only moves slots, follows jumps and adds a fast path for arithmetic and
// comparison of two numbers (IEEE results, identical to binaryOp's).
// Nothing here allocates on the AssemblyScript heap; errors are returned codes.

import { Op, SPLIT_RECEIVER } from "./chunk";
import { BinaryOp, binaryOp, unaryOp } from "./operators";
import { truthy, isNullish, toStringSlot, allocString, allocError } from "../lib/coerce";
import { callBuiltin, callMethod, getProperty, splitIndex, checkReceiver, checkSplit } from "../lib/builtins";
import { Tag, tagOf, numOf, strPtr, strLen, setNumber, setBool, setString, setUndefined, copySlot } from "../../value";
import { makeArray, makeObject, spread, getKey } from "../lib/composite";
import { resetRegexSteps } from "../lib/regexp";
import { ErrorCode } from "../../errors";
import { setArrowRunner, resetCallbackBudget, setArrow, localSlot } from "../lib/callbacks";

/** Value stack size in slots; the compiler rejects expressions that need more. */
export const STACK_SLOTS: i32 = 256;
const stack = memory.data(STACK_SLOTS * 16);

// Arrays, objects, spreads, `?.` and arrows, out of the hot loop: where they leave the stack and code.
let compositeSp: usize = 0;
let compositeIp: usize = 0;

// The chunk being run (set by ARROW), for the arrows its callbacks call: a nested
// run on the same stack, from execBase up (the whole stack for a mapping's own run).
let runConsts: usize = 0;
let runState: usize = 0;
let execBase: usize = stack;

function runArrow(body: usize, stackBase: usize, out: usize): i32 {
  const outer = execBase;
  execBase = stackBase;
  const r = run(body, runConsts, runState, out);
  execBase = outer;
  return r;
}

/**
 * Run the bytecode at `code` with constants at `consts` and alias i's value at
 * `state + i*16`; the result goes to `out`. Returns an ErrorCode (0 = ok).
 * The stack's free slots start at execBase (an arrow's body runs above its caller's).
 */
export function run(code: usize, consts: usize, state: usize, out: usize): i32 {
  resetRegexSteps();
  let ip = code;
  let sp = execBase; // next free slot
  for (;;) {
    const op = <i32>load<u8>(ip);
    switch (op) {
      case Op.Const: {
        copySlot(sp, consts + (<usize>load<u16>(ip, 1) << 4));
        sp += 16;
        ip += 3;
        break;
      }
      case Op.Load: {
        copySlot(sp, state + (<usize>load<u16>(ip, 1) << 4));
        sp += 16;
        ip += 3;
        break;
      }
      case Op.Unary: {
        const r = unaryOp(load<u8>(ip, 1), sp - 16, sp - 16);
        if (r != ErrorCode.None) return r;
        ip += 2;
        break;
      }
      case Op.Binary: {
        const b = sp - 16;
        const a = sp - 32;
        const o = <i32>load<u8>(ip, 1);
        if (!(tagOf(a) == Tag.Number && tagOf(b) == Tag.Number && numberOp(o, a, b))) {
          const r = binaryOp(o, a, b, a);
          if (r != ErrorCode.None) return r;
        }
        sp = b;
        ip += 2;
        break;
      }
      case Op.JumpIfFalsy: {
        if (!truthy(sp - 16)) { ip += 3 + <usize>load<u16>(ip, 1); } else { sp -= 16; ip += 3; }
        break;
      }
      case Op.JumpIfTruthy: {
        if (truthy(sp - 16)) { ip += 3 + <usize>load<u16>(ip, 1); } else { sp -= 16; ip += 3; }
        break;
      }
      case Op.JumpIfNotNullish: {
        if (!isNullish(sp - 16)) { ip += 3 + <usize>load<u16>(ip, 1); } else { sp -= 16; ip += 3; }
        break;
      }
      case Op.PopJumpIfFalsy: {
        sp -= 16;
        if (!truthy(sp)) { ip += 3 + <usize>load<u16>(ip, 1); } else { ip += 3; }
        break;
      }
      case Op.Jump: {
        ip += 3 + <usize>load<u16>(ip, 1);
        break;
      }
      case Op.CallBuiltin: {
        const argc = <i32>load<u8>(ip, 3);
        const args = sp - (<usize>argc << 4);
        const r = callBuiltin(<i32>load<u16>(ip, 1), args, argc, args);
        if (r != ErrorCode.None) return r;
        sp = args + 16;
        ip += 4;
        break;
      }
      case Op.CallMethod: {
        const argc = <i32>load<u8>(ip, 3);
        const args = sp - (<usize>argc << 4);
        const receiver = args - 16;
        const r = callMethod(<i32>load<u16>(ip, 1), receiver, args, argc, receiver);
        if (r != ErrorCode.None) return r;
        sp = args;
        ip += 4;
        break;
      }
      case Op.GetProperty: {
        const r = getProperty(<i32>load<u16>(ip, 1), sp - 16, sp - 16);
        if (r != ErrorCode.None) return r;
        ip += 3;
        break;
      }
      case Op.SplitIndex: {
        const argc = <i32>load<u8>(ip, 1);
        const index = sp - 16;
        const args = index - (<usize>argc << 4);
        const receiver = args - 16;
        const r = splitIndex(receiver, args, argc, index, receiver);
        if (r != ErrorCode.None) return r;
        sp = args;
        ip += 2;
        break;
      }
      case Op.CheckReceiver: {
        const id = <i32>load<u16>(ip, 1);
        const r = checkReceiver(sp - 16, id == SPLIT_RECEIVER ? -1 : id);
        if (r != ErrorCode.None) return r;
        ip += 3;
        break;
      }
      case Op.CheckSplit: {
        const r = checkSplit(sp - 16 - (<usize>load<u8>(ip, 1) << 4));
        if (r != ErrorCode.None) return r;
        ip += 2;
        break;
      }
      case Op.Template: {
        const count = <i32>load<u8>(ip, 1);
        const base = sp - (<usize>count << 4);
        const r = templateConcat(base, count, base);
        if (r != ErrorCode.None) return r;
        sp = base + 16;
        ip += 2;
        break;
      }
      case Op.Return: {
        copySlot(out, sp - 16);
        return ErrorCode.None;
      }
      case Op.Arrow: {
        runConsts = consts;
        runState = state;
        if (execBase == stack) resetCallbackBudget(); // a mapping's own callback call, not one nested in another
        setArrow(sp, ip + 5, <i32>load<u8>(ip, 1), <i32>load<u8>(ip, 2));
        sp += 16;
        ip += 5 + <usize>load<u16>(ip, 3);
        break;
      }
      default: {
        const r = compositeOp(op, ip, sp);
        if (r != ErrorCode.None) return r;
        sp = compositeSp;
        ip = compositeIp;
      }
    }
  }
  return ErrorCode.None; // not reached
}


function compositeOp(op: i32, ip: usize, sp: usize): i32 {
  let r = ErrorCode.None;
  switch (op) {
    case Op.MakeArray: {
      const count = <i32>load<u16>(ip, 1);
      const base = sp - (<usize>count << 4);
      r = makeArray(base, count, base);
      sp = base + 16;
      ip += 3;
      break;
    }
    case Op.MakeObject: {
      const pairs = <i32>load<u16>(ip, 1);
      const base = sp - (<usize>pairs << 5);
      r = makeObject(base, pairs, base);
      sp = base + 16;
      ip += 3;
      break;
    }
    case Op.Spread: {
      r = spread(sp - 16);
      ip += 1;
      break;
    }
    case Op.GetIndex: {
      r = getKey(sp - 32, sp - 16, sp - 32);
      sp -= 16;
      ip += 1;
      break;
    }
    case Op.JumpIfNullish: {
      if (isNullish(sp - 16)) { setUndefined(sp - 16); ip += 3 + <usize>load<u16>(ip, 1); } else { ip += 3; }
      break;
    }
    case Op.LoadLocal: {
      copySlot(sp, localSlot(<i32>load<u8>(ip, 1)));
      sp += 16;
      ip += 2;
      break;
    }
    default: { // Op.CallBuiltinArray
      const list = sp - 16;
      r = callBuiltin(<i32>load<u16>(ip, 1), strPtr(list), strLen(list), list);
      ip += 3;
    }
  }
  compositeSp = sp;
  compositeIp = ip;
  return r;
}

/** `a op b` for two numbers when op is plain IEEE arithmetic or comparison; false to take the general path. */
// @ts-ignore: decorator
@inline function numberOp(o: i32, a: usize, b: usize): bool {
  const x = numOf(a), y = numOf(b);
  switch (o) {
    case BinaryOp.Add: setNumber(a, x + y); return true;
    case BinaryOp.Sub: setNumber(a, x - y); return true;
    case BinaryOp.Mul: setNumber(a, x * y); return true;
    case BinaryOp.Div: setNumber(a, x / y); return true;
    case BinaryOp.Lt: setBool(a, x < y); return true;
    case BinaryOp.Le: setBool(a, x <= y); return true;
    case BinaryOp.Gt: setBool(a, x > y); return true;
    case BinaryOp.Ge: setBool(a, x >= y); return true;
    case BinaryOp.Eq:
    case BinaryOp.StrictEq: setBool(a, x == y); return true;
    case BinaryOp.Ne:
    case BinaryOp.StrictNe: setBool(a, x != y); return true;
  }
  return false;
}

/**
 * A template literal's join: ToString of each of the `count` slots at `base`,
 * concatenated into one arena string in `out` (which may be `base`). Used by
 * the VM and, for constant templates, by the checker's folding.
 */
export function templateConcat(base: usize, count: i32, out: usize): i32 {
  let total: i64 = 0;
  for (let i = 0; i < count; i++) {
    const s = base + (<usize>i << 4);
    if (tagOf(s) != Tag.String) {
      const r = toStringSlot(s, s);
      if (r != ErrorCode.None) return r;
    }
    total += <i64>strLen(s);
  }
  if (count == 1) { copySlot(out, base); return ErrorCode.None; }
  const dst = allocString(total);
  if (dst == 0) return allocError;
  let at = dst;
  for (let i = 0; i < count; i++) {
    const s = base + (<usize>i << 4);
    const bytes = <usize>strLen(s) << 1;
    memory.copy(at, strPtr(s), bytes);
    at += bytes;
  }
  setString(out, dst, <i32>total);
  return ErrorCode.None;
}

setArrowRunner(runArrow);
