// Test entry for the expression semantics (operators, coercions, built-ins,
// methods): re-exports them plus helpers that build and read Value slots, so
// tests/expr/{run,lib,math}/ (through tests/expr/harness.ts) can compare every
// result with V8.
import { Tag, tagOf, numOf, strPtr, strLen, setNumber, setString, setBool, setNull, setUndefined } from "../../assembly/value";
import { arenaReset } from "../../assembly/arena";
import { errPtr, errLen } from "../../assembly/errors";
import { setLimit } from "../../assembly/limits";
import * as b from "../../assembly/expr/lib/builtins";

export { binaryOp, unaryOp } from "../../assembly/expr/run/operators";
export { truthy, toNumber, toStringSlot, strictEquals, looseEquals, isNullish } from "../../assembly/expr/lib/coerce";
export {
  callBuiltin, callMethod, getProperty, splitIndex, isConstantBuiltin, builtinConstant,
  builtinMinArgs, builtinMaxArgs, isVolatile, methodMinArgs, methodMaxArgs,
} from "../../assembly/expr/lib/builtins";
export { seedRandom, nextRandom } from "../../assembly/expr/lib/random";
export { setNow, now } from "../../assembly/expr/lib/clock";
export { arenaReset, errPtr, errLen, setLimit };

// 16 slots for operands, arguments and results.
const slots = memory.data(16 * 16);
export function slot(i: i32): usize { return slots + (<usize>i << 4); }

// A text area the test writes UTF-16 strings into (8 MiB).
const TEXT_BYTES: usize = 8 << 20;
let text: usize = 0;
export function textArea(): usize {
  if (text == 0) text = heap.alloc(TEXT_BYTES);
  return text;
}

export function putNumber(s: usize, x: f64): void { setNumber(s, x); }
export function putString(s: usize, ptr: usize, len: i32): void { setString(s, ptr, len); }
export function putBool(s: usize, v: bool): void { setBool(s, v); }
export function putNull(s: usize): void { setNull(s); }
export function putUndefined(s: usize): void { setUndefined(s); }
export function getTag(s: usize): i32 { return <i32>tagOf(s); }
export function getNumber(s: usize): f64 { return numOf(s); }
export function getPtr(s: usize): usize { return strPtr(s); }
export function getLen(s: usize): i32 { return strLen(s); }

// Name lookups take raw UTF-16 (ptr, len) here; the real callers pass strings.
function name(ptr: usize, len: i32): string { return String.UTF16.decodeUnsafe(ptr, <usize>len << 1); }
export function lookupGlobal(p: usize, n: i32): i32 { return b.lookupGlobalFunction(name(p, n)); }
export function lookupStatic(p: usize, n: i32, q: usize, m: i32): i32 { return b.lookupStatic(name(p, n), name(q, m)); }
export function isNamespace(p: usize, n: i32): bool { return b.isNamespace(name(p, n)); }
export function lookupMethod(p: usize, n: i32): i32 { return b.lookupMethod(name(p, n)); }
export function lookupProperty(p: usize, n: i32): i32 { return b.lookupProperty(name(p, n)); }
export function builtinNameLength(id: i32): i32 { return b.builtinName(id).length; }
export function builtinNamePtr(id: i32): usize { return changetype<usize>(b.builtinName(id)); }
export function builtinCount(): i32 { return b.builtinNames().length; }
export function methodNameLength(id: i32): i32 { return b.methodName(id).length; }
export function methodNamePtr(id: i32): usize { return changetype<usize>(b.methodName(id)); }

/** Allocates 16 bytes on the heap and returns the address: two marks around run-time calls show whether anything else was allocated in between. */
export function heapMark(): usize { return heap.alloc(16); }

// Math functions called directly with f64 arguments (scripts/math-ulp.mjs compares millions with V8).
export { math1, math2 } from "../../assembly/expr/lib/math";
