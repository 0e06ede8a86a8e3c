// Function values (issue 17): an arrow or a built-in passed as the callback of an
// array method. They exist only on the VM stack between the ARROW instruction
// (or the constant) and the call they are an argument of; nothing stores them.
//
//   tag Function; info (offset 4): BUILTIN_FN | built-in id, or local base << 8 | parameter count
//   ptr (offset 8): the arrow body's first instruction (absolute), for arrows
//
// An arrow is called by copying its arguments into its parameters' local slots
// and running its body with the VM (run/vm.ts registers the runner: lib/ does not
// import run/). Every arrow call counts against the evaluation's callback budget.

import { Tag, tagOf, strPtr, setUndefined, copySlot } from "../../value";
import { ErrorCode, raise, errBegin, errText } from "../../errors";
import { errValue } from "./composite";
import { callBuiltin, builtinMaxArgs } from "./builtins";

export const BUILTIN_FN: u32 = 0x80000000;
/** Parameters of all arrows nested in one another (each arrow's start after its encloser's). */
export const MAX_LOCALS: i32 = 64;
/** Callback calls one evaluation may make (nested callbacks multiply: this bounds the work). */
export const CALLBACK_BUDGET: i32 = 10000000;

const locals = memory.data(MAX_LOCALS << 4, 16);
let callsLeft: i32 = CALLBACK_BUDGET;

/** Runs the arrow body at `body` with the value stack starting at `stackBase`; the result to `out`. */
export type ArrowRunner = (body: usize, stackBase: usize, out: usize) => i32;

function noRunner(body: usize, stackBase: usize, out: usize): i32 { return ErrorCode.TypeError; }
let runner: ArrowRunner = noRunner;

export function setArrowRunner(r: ArrowRunner): void { runner = r; }

/** A new evaluation starts: the whole callback budget is available again. */
// @ts-ignore: decorator
@inline export function resetCallbackBudget(): void { callsLeft = CALLBACK_BUDGET; }

// @ts-ignore: decorator
@inline export function localSlot(i: i32): usize { return locals + (<usize>i << 4); }

/** A function slot for built-in `id` (a constant). */
export function setBuiltinFunction(slot: usize, id: i32): void {
  store<u32>(slot, Tag.Function);
  store<u32>(slot, BUILTIN_FN | <u32>id, 4);
  store<u64>(slot, 0, 8);
}

/** A function slot for the arrow whose body starts at `body`. */
// @ts-ignore: decorator
@inline export function setArrow(slot: usize, body: usize, base: i32, count: i32): void {
  store<u32>(slot, Tag.Function);
  store<u32>(slot, <u32>((base << 8) | count), 4);
  store<u64>(slot, <u64>body, 8);
}

/**
 * Call function `fn` with the `argc` slots at `args` (which it may change);
 * the result goes to `out`. A nested arrow runs its stack from `stackBase` up.
 */
export function callFunction(fn: usize, args: usize, argc: i32, stackBase: usize, out: usize): i32 {
  const info = load<u32>(fn, 4);
  if ((info & BUILTIN_FN) != 0) {
    // A built-in sees only the arguments it uses: Number(x, i, arr) never converts arr.
    const id = <i32>(info & ~BUILTIN_FN);
    const most = builtinMaxArgs(id);
    return callBuiltin(id, args, most >= 0 && argc > most ? most : argc, out);
  }
  // Only arrows count: a built-in callback calls nothing back, so its calls are bounded by the arrows'.
  if (--callsLeft < 0) return raise(ErrorCode.CallbackLimit, "more than 10000000 callback calls");
  const base = <i32>(info >> 8) & 0xff;
  const count = <i32>info & 0xff;
  for (let k = 0; k < count; k++) {
    const dst = localSlot(base + k);
    if (k < argc) copySlot(dst, args + (<usize>k << 4));
    else setUndefined(dst);
  }
  return runner(strPtr(fn), stackBase, out);
}

/** TypeError "<value> is not a function", V8's text for a callback that is none. */
export function notCallable(v: usize): i32 {
  errBegin();
  errValue(v);
  errText(" is not a function");
  return ErrorCode.TypeError;
}

/** Whether the slot is a function (an arrow or a built-in). */
// @ts-ignore: decorator
@inline export function isFunction(v: usize): bool { return tagOf(v) == Tag.Function; }
