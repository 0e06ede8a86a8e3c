// Built-in functions, constants, methods and properties (docs/behaviour.md §7 "Built-ins",
// "String members", "Number members"). Lookups by name run at configure time and
// may allocate; calls by id run during evaluation and never do.
//
// Every function accepts any number of arguments, as in JavaScript: a missing one
// is undefined, so min args are 0. Max args are the function's own parameters
// (-1: variadic); the checker may reject extra arguments, which JS would ignore.

import { Tag, tagOf, numOf, setNumber, setBool, setString, setUndefined, isComposite } from "../../value";
import { ErrorCode, errBegin, errText, errCodeUnit } from "../../errors";
import {
  argAt, toNumber, toInt32, toUint16, truthy, toStringSlot, stringView, viewPtr,
  allocString, allocError, setLiteral, numberToText, numberTextPtr,
} from "./coerce";
import { MathFn, math1, math2, maxMin, hypot } from "./math";
import { nextRandom } from "./random";
import { now } from "./clock";
import { parseFloatJs, parseIntJs } from "../../num/parse";
import { callMethod as callMethodImpl, getLength, splitIndexImpl, notAFunction } from "./methods";
export { checkReceiver, checkSplit } from "./methods";
import { ownList, OwnKind, fromEntries, isArray } from "./object_builtins";
import { jsonStringify } from "./json_stringify";
import { getKey } from "./composite";
import { arrayFrom, arrayOf } from "./array_from";
import { jsonParse } from "./json_parse";
import { construct, dateUtc, dateParse, dateNowText } from "./date/date";

export { lookupMethod, lookupProperty, methodMinArgs, methodMaxArgs, methodName, takesCallback, isArrayOnlyMethod } from "./methods";

const enum B {
  // Global functions.
  ParseInt, ParseFloat, IsNaN, IsFinite, NumberFn, StringFn, BooleanFn,
  // Math functions, in MathFn order (id = MathFirst + MathFn).
  MathFirst,
  MathLast = MathFirst + MathFn.Trunc,
  // Math constants.
  E, LN10, LN2, LOG10E, LOG2E, PI, SQRT1_2, SQRT2,
  // Number.
  NumIsInteger, NumIsFinite, NumIsNaN, NumIsSafeInteger, NumParseFloat, NumParseInt,
  MaxSafeInteger, MinSafeInteger, Epsilon, MaxValue, MinValue, NumNaN, PositiveInfinity, NegativeInfinity,
  // String, Date.
  FromCharCode, FromCodePoint, DateNow,
  // Object, Array, JSON (issue 17): these take arrays and objects as they are.
  ObjectKeys, ObjectValues, ObjectEntries, ObjectFromEntries, ArrayIsArray, JsonStringify,
  ArrayFrom, ArrayOf,
  // JSON.parse and Date (issue 17): new Date(…), new Date() (now) and Date() are all "Date".
  JsonParse, DateUTC, DateParse, DateNew, DateNewNow, DateCall,
  COUNT,
}

// Names in id order. Static functions are "Namespace.name".
const NAMES: string[] = [
  "parseInt", "parseFloat", "isNaN", "isFinite", "Number", "String", "Boolean",
  "Math.abs", "Math.acos", "Math.acosh", "Math.asin", "Math.asinh", "Math.atan", "Math.atanh",
  "Math.atan2", "Math.cbrt", "Math.ceil", "Math.clz32", "Math.cos", "Math.cosh", "Math.exp",
  "Math.expm1", "Math.floor", "Math.fround", "Math.hypot", "Math.imul", "Math.log", "Math.log1p",
  "Math.log10", "Math.log2", "Math.max", "Math.min", "Math.pow", "Math.random", "Math.round",
  "Math.sign", "Math.sin", "Math.sinh", "Math.sqrt", "Math.tan", "Math.tanh", "Math.trunc",
  "Math.E", "Math.LN10", "Math.LN2", "Math.LOG10E", "Math.LOG2E", "Math.PI", "Math.SQRT1_2", "Math.SQRT2",
  "Number.isInteger", "Number.isFinite", "Number.isNaN", "Number.isSafeInteger",
  "Number.parseFloat", "Number.parseInt",
  "Number.MAX_SAFE_INTEGER", "Number.MIN_SAFE_INTEGER", "Number.EPSILON", "Number.MAX_VALUE",
  "Number.MIN_VALUE", "Number.NaN", "Number.POSITIVE_INFINITY", "Number.NEGATIVE_INFINITY",
  "String.fromCharCode", "String.fromCodePoint", "Date.now",
  "Object.keys", "Object.values", "Object.entries", "Object.fromEntries", "Array.isArray", "JSON.stringify",
  "Array.from", "Array.of",
  "JSON.parse", "Date.UTC", "Date.parse", "Date", "Date", "Date",
];

const GLOBAL_COUNT: i32 = B.BooleanFn + 1;

/** Id of a global function (parseInt, parseFloat, isNaN, isFinite, Number, String, Boolean), else -1. */
export function lookupGlobalFunction(name: string): i32 {
  for (let i = 0; i < GLOBAL_COUNT; i++) if (NAMES[i] == name) return i;
  return -1;
}

/** Whether `name` is a namespace object with static members. */
export function isNamespace(name: string): bool {
  return name == "Math" || name == "Number" || name == "String" || name == "Date" ||
    name == "Object" || name == "Array" || name == "JSON";
}

/** Id of `ns.prop` (a function or a constant), else -1. */
export function lookupStatic(ns: string, prop: string): i32 {
  const full = ns + "." + prop;
  for (let i = GLOBAL_COUNT; i < B.COUNT; i++) if (NAMES[i] == full) return i;
  return -1;
}

/** Whether the id names a constant (Math.PI, Number.EPSILON …) rather than a function. */
export function isConstantBuiltin(id: i32): bool {
  return (id >= B.E && id <= B.SQRT2) || (id >= B.MaxSafeInteger && id <= B.NegativeInfinity);
}

/** The value of a constant built-in. */
export function builtinConstant(id: i32, out: usize): void {
  let v: f64 = 0;
  switch (id) {
    case B.E: v = Math.E; break;
    case B.LN10: v = Math.LN10; break;
    case B.LN2: v = Math.LN2; break;
    case B.LOG10E: v = Math.LOG10E; break;
    case B.LOG2E: v = Math.LOG2E; break;
    case B.PI: v = Math.PI; break;
    case B.SQRT1_2: v = Math.SQRT1_2; break;
    case B.SQRT2: v = Math.SQRT2; break;
    case B.MaxSafeInteger: v = 9007199254740991.0; break;
    case B.MinSafeInteger: v = -9007199254740991.0; break;
    case B.Epsilon: v = 2.220446049250313e-16; break;
    case B.MaxValue: v = 1.7976931348623157e308; break;
    case B.MinValue: v = 5e-324; break;
    case B.NumNaN: v = NaN; break;
    case B.PositiveInfinity: v = Infinity; break;
    case B.NegativeInfinity: v = -Infinity; break;
    default: setUndefined(out); return;
  }
  setNumber(out, v);
}

const LATE_MAX_ARGS = memory.data<i8>([2, 7, 1, 7, 0, -1]);

/** Fewest arguments a call may pass (always 0: missing arguments are undefined). */
export function builtinMinArgs(id: i32): i32 { return 0; }

/** Most arguments the function uses; -1 for variadic ones. */
export function builtinMaxArgs(id: i32): i32 {
  // JSON.parse, Date.UTC, Date.parse, new Date(…), new Date(), Date() (which ignores its arguments).
  if (id >= B.JsonParse) return <i32>load<i8>(LATE_MAX_ARGS + <usize>(id - B.JsonParse));
  switch (id) {
    case B.ParseInt: case B.NumParseInt: return 2;
    case B.DateNow: return 0;
    case B.JsonStringify: return 3;
    case B.ArrayFrom: return 2;
    case B.ArrayOf: return -1;
    case B.FromCharCode: case B.FromCodePoint: return -1;
    case B.MathFirst + MathFn.Max: case B.MathFirst + MathFn.Min: case B.MathFirst + MathFn.Hypot: return -1;
    case B.MathFirst + MathFn.Atan2: case B.MathFirst + MathFn.Imul: case B.MathFirst + MathFn.Pow: return 2;
    case B.MathFirst + MathFn.Random: return 0;
    default: return isConstantBuiltin(id) ? 0 : 1;
  }
}

/** Whether the built-in gives an array or object (Object.keys/values/entries/fromEntries). */
export function returnsComposite(id: i32): bool {
  return (id >= B.ObjectKeys && id <= B.ObjectFromEntries) || id == B.ArrayFrom || id == B.ArrayOf ||
    id == B.JsonParse || id == B.DateNew || id == B.DateNewNow;
}

/** Whether argument `i` of built-in `id` is a callback (Array.from's map function). */
export function isCallbackArgument(id: i32, i: i32): bool { return id == B.ArrayFrom && i == 1; }

/** Ids of `new Date(…)` (with arguments, or none: now) and of `Date(…)` called without new. */
export function dateConstructorId(argc: i32): i32 { return argc == 0 ? B.DateNewNow : B.DateNew; }
export const DATE_CALL_ID: i32 = B.DateCall;
/** Whether built-in `id` makes a new Date (which has no own properties). */
export function makesDate(id: i32): bool { return id == B.DateNew || id == B.DateNewNow; }

/** Whether each call may give a different result (never folded or cached). */
export function isVolatile(id: i32): bool {
  return id == B.MathFirst + MathFn.Random || id == B.DateNow || id == B.DateNewNow || id == B.DateCall;
}

/** The built-in's name as written in source ("Math.max"). */
export function builtinName(id: i32): string {
  return id >= 0 && id < B.COUNT ? NAMES[id] : "";
}

/** Every built-in name (for "did you mean" hints). */
export function builtinNames(): string[] { return NAMES.slice(0); }

/** Call built-in `id` with `argc` argument slots at `args`; the result goes to `out`. */
export function callBuiltin(id: i32, args: usize, argc: i32, out: usize): i32 {
  // Math takes numbers: toNumber gives an array's or object's number without its text.
  if (id >= B.MathFirst && id <= B.MathLast) return callMath(<MathFn>(id - B.MathFirst), args, argc, out);
  if (id >= B.ObjectKeys) return callComposite(id, args, argc, out);
  if (id == B.BooleanFn) { setBool(out, truthy(argAt(args, argc, 0))); return ErrorCode.None; } // no ToPrimitive
  // ToNumber of an array or object is ToNumber of its ToPrimitive (a Date's is its time value).
  if (id == B.NumberFn) { setNumber(out, argc == 0 ? 0 : toNumber(args)); return ErrorCode.None; }
  if (id == B.IsNaN) { const x = toNumber(argAt(args, argc, 0)); setBool(out, x != x); return ErrorCode.None; }
  if (id == B.IsFinite) { setBool(out, isFinite(toNumber(argAt(args, argc, 0)))); return ErrorCode.None; }
  if (id == B.FromCharCode) return fromCharCode(args, argc, out);
  if (id == B.FromCodePoint) return fromCodePoint(args, argc, out);
  // Every other built-in takes primitives: an array or object argument is its text (ToPrimitive).
  const r = primitiveArgs(args, argc);
  if (r != ErrorCode.None) return r;
  const a = argAt(args, argc, 0);
  switch (id) {
    case B.ParseInt: case B.NumParseInt: {
      const n = stringView(a, 0);
      const r = argAt(args, argc, 1);
      const radix = tagOf(r) == Tag.Undefined ? 0 : toInt32(toNumber(r));
      setNumber(out, parseIntJs(viewPtr, n, radix));
      break;
    }
    case B.ParseFloat: case B.NumParseFloat: {
      const n = stringView(a, 0);
      setNumber(out, parseFloatJs(viewPtr, n));
      break;
    }
    case B.StringFn: {
      if (argc == 0) { setLiteral(out, ""); break; }
      return toStringSlot(a, out);
    }
    case B.BooleanFn: setBool(out, truthy(a)); break;
    case B.NumIsInteger: setBool(out, isIntegral(a)); break;
    case B.NumIsFinite: setBool(out, tagOf(a) == Tag.Number && isFinite(numOf(a))); break;
    case B.NumIsNaN: setBool(out, tagOf(a) == Tag.Number && isNaN(numOf(a))); break;
    case B.NumIsSafeInteger: setBool(out, isIntegral(a) && Math.abs(numOf(a)) <= 9007199254740991.0); break;
    case B.DateNow: setNumber(out, now()); break;
    default: {
      if (id >= 0 && id < B.COUNT) return notAFunction(NAMES[id]);
      setUndefined(out);
    }
  }
  return ErrorCode.None;
}

/** ToPrimitive of each array or object among `argc` slots at `args`, in place. */
export function primitiveArgs(args: usize, argc: i32): i32 {
  for (let i = 0; i < argc; i++) {
    const s = args + (<usize>i << 4);
    if (isComposite(tagOf(s))) {
      const r = toStringSlot(s, s);
      if (r != ErrorCode.None) return r;
    }
  }
  return ErrorCode.None;
}

function callComposite(id: i32, args: usize, argc: i32, out: usize): i32 {
  const a = argAt(args, argc, 0);
  switch (id) {
    case B.ObjectKeys: return ownList(OwnKind.Keys, a, out);
    case B.ObjectValues: return ownList(OwnKind.Values, a, out);
    case B.ObjectEntries: return ownList(OwnKind.Entries, a, out);
    case B.ObjectFromEntries: return fromEntries(a, out);
    case B.ArrayIsArray: return isArray(a, out);
    case B.JsonStringify: return jsonStringify(args, argc, out);
    case B.ArrayFrom: return arrayFrom(args, argc, out);
    case B.ArrayOf: return arrayOf(args, argc, out);
    case B.JsonParse: return jsonParse(args, argc, out);
    case B.DateUTC: return dateUtc(args, argc, out);
    case B.DateParse: return dateParse(args, argc, out);
    case B.DateNew: case B.DateNewNow: return construct(args, argc, out);
    case B.DateCall: return dateNowText(out);
  }
  return notAFunction(NAMES[id]);
}

function callMath(fn: MathFn, args: usize, argc: i32, out: usize): i32 {
  let r: f64;
  switch (fn) {
    case MathFn.Max: r = maxMin(args, argc, true); break;
    case MathFn.Min: r = maxMin(args, argc, false); break;
    case MathFn.Hypot: r = hypot(args, argc); break;
    case MathFn.Random: r = nextRandom(); break;
    case MathFn.Atan2: case MathFn.Imul: case MathFn.Pow: {
      const x = toNumber(argAt(args, argc, 0));
      r = math2(fn, x, toNumber(argAt(args, argc, 1)));
      break;
    }
    default: r = math1(fn, toNumber(argAt(args, argc, 0)));
  }
  setNumber(out, r);
  return ErrorCode.None;
}

/** IsIntegralNumber (§7.2.6) of a Number slot (no coercion: Number.isInteger("1") is false). */
function isIntegral(v: usize): bool {
  if (tagOf(v) != Tag.Number) return false;
  const x = numOf(v);
  return isFinite(x) && Math.trunc(x) == x;
}

/** String.fromCharCode §22.1.2.1: ToUint16 of each argument. */
function fromCharCode(args: usize, argc: i32, out: usize): i32 {
  const dst = allocString(argc);
  if (dst == 0) return allocError;
  for (let i = 0; i < argc; i++) {
    const u = toUint16(toNumber(args + (<usize>i << 4)));
    store<u16>(dst + (<usize>i << 1), <u16>u);
  }
  setString(out, dst, argc);
  return ErrorCode.None;
}

/** String.fromCodePoint §22.1.2.2: RangeError for non-integers and values past U+10FFFF. */
function fromCodePoint(args: usize, argc: i32, out: usize): i32 {
  let units: i64 = 0;
  for (let i = 0; i < argc; i++) {
    const x = toNumber(args + (<usize>i << 4));
    if (!(x >= 0 && x <= 1114111.0 && Math.trunc(x) == x)) {
      errBegin();
      errText("Invalid code point ");
      const k = numberToText(x);
      for (let j = 0; j < k; j++) errCodeUnit(load<u16>(numberTextPtr() + (<usize>j << 1)));
      return ErrorCode.RangeError;
    }
    units += x > 65535.0 ? 2 : 1;
  }
  const dst = allocString(units);
  if (dst == 0) return allocError;
  let o = dst;
  for (let i = 0; i < argc; i++) {
    const c = <i32>toNumber(args + (<usize>i << 4));
    if (c <= 0xffff) { store<u16>(o, <u16>c); o += 2; continue; }
    store<u16>(o, <u16>(0xd800 | ((c - 0x10000) >> 10)));
    store<u16>(o + 2, <u16>(0xdc00 | (c & 0x3ff)));
    o += 4;
  }
  setString(out, dst, <i32>units);
  return ErrorCode.None;
}

/** Call method `id` on `receiver` with `argc` argument slots at `args`. */
export function callMethod(id: i32, receiver: usize, args: usize, argc: i32, out: usize): i32 {
  return callMethodImpl(id, receiver, args, argc, out);
}

/** Read property `id` ("length") of `receiver`. */
export function getProperty(id: i32, receiver: usize, out: usize): i32 {
  return getLength(receiver, out);
}

/** receiver.split(args…)[index]: the element, or undefined. */
export function splitIndex(receiver: usize, args: usize, argc: i32, index: usize, out: usize): i32 {
  // A regular expression separator stays one (split's own rules); other arguments are their text.
  const regex = argc > 0 && tagOf(args) == Tag.RegExp ? 1 : 0;
  // The limit is ToUint32(ToNumber(limit)): a Date there is its time value.
  if (argc > 1 && tagOf(args + 16) == Tag.Date) setNumber(args + 16, toNumber(args + 16));
  let r = primitiveArgs(args + (<usize>regex << 4), argc - regex);
  if (r == ErrorCode.None) r = primitiveArgs(index, 1);
  if (r != ErrorCode.None) return r;
  return splitIndexImpl(receiver, args, argc, index, out);
}
