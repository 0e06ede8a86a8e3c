// Method calls and property reads on primitive receivers, dispatched by the
// receiver's type as V8 does: String.prototype methods on strings,
// Number.prototype methods on numbers, Boolean.prototype toString/valueOf on
// booleans; undefined/null throw "Cannot read properties of …"; a method the
// receiver's prototype lacks throws "<name> is not a function".

import { Tag, tagOf, numOf, strPtr, strLen, setNumber, setString, setUndefined, copySlot, isComposite } from "../../value";
import { getKey } from "./composite";
import { arrayMethod, ArrayMethod } from "./array_methods";
import { arrayCallback, ArrayCallback } from "./array_callbacks";
import { ErrorCode, errBegin, errText, raise } from "../../errors";
import { argAt, toNumber, integerOrInfinity, toStringSlot, allocString, allocError } from "./coerce";
import * as str from "./strings";
import { changeCase } from "./strcase";
import { replace, splitIndex as splitString } from "./replace";
import { regexTest, regexExec, regexMatch, regexSearch } from "./regexp";
import { regexReplace, regexSplitIndex } from "./regexp_replace";
import { formatFixed, formatRadix, RADIX_MAX_UNITS } from "../../num/format";
import { lookupDateMethod, dateMethodName, dateMethodMaxArgs, callDateMethod, errDateMethodName } from "./date/methods";
import { timeOf } from "./date/date";

/** Date methods' ids start here (date/methods.ts numbers them). */
const DATE_METHODS: i32 = 0x100;

const enum M {
  ToUpperCase, ToLowerCase, Trim, TrimStart, TrimEnd, Slice, Substring, Substr,
  Includes, StartsWith, EndsWith, IndexOf, LastIndexOf, CharAt, CharCodeAt, CodePointAt,
  PadStart, PadEnd, Repeat, Replace, ReplaceAll, At, Concat, IsWellFormed, ToWellFormed,
  TrimLeft, TrimRight,
  // Also on numbers and booleans.
  ToString, ValueOf,
  // Numbers only.
  ToFixed,
  // Regular expressions (test, exec) and strings with one (match, search).
  Test, Exec, Match, Search,
  // Arrays only (array_callbacks.ts, in ArrayCallback order); the first takes a callback up to FlatMapLast.
  Map, Filter, Reduce, ReduceRight, Some, Every, Find, FindIndex, FindLast, FindLastIndex, FlatMap, ForEach,
  Sort, ToSorted, Join, Flat, Reverse, ToReversed,
  COUNT,
}

const NAMES: string[] = [
  "toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd", "slice", "substring", "substr",
  "includes", "startsWith", "endsWith", "indexOf", "lastIndexOf", "charAt", "charCodeAt", "codePointAt",
  "padStart", "padEnd", "repeat", "replace", "replaceAll", "at", "concat", "isWellFormed", "toWellFormed",
  "trimLeft", "trimRight",
  "toString", "valueOf",
  "toFixed",
  "test", "exec", "match", "search",
  "map", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "flatMap", "forEach",
  "sort", "toSorted", "join", "flat", "reverse", "toReversed",
];

// Parameters each method uses (-1: variadic).
const MAX_ARGS = memory.data<i8>([
  0, 0, 0, 0, 0, 2, 2, 2,
  2, 2, 2, 2, 2, 1, 1, 1,
  2, 2, 1, 2, 2, 1, -1, 0, 0,
  0, 0,
  1, 0,
  1,
  1, 1, 1, 1,
  1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 0, 0,
]);

/** Id of a method name, else -1 (split is handled by splitIndex). */
export function lookupMethod(name: string): i32 {
  for (let i = 0; i < M.COUNT; i++) if (NAMES[i] == name) return i;
  const d = lookupDateMethod(name);
  return d >= 0 ? DATE_METHODS + d : -1;
}

/** Id of a property name ("length" is the only one), else -1. */
export function lookupProperty(name: string): i32 { return name == "length" ? 0 : -1; }

/** Fewest arguments (0: missing ones are undefined). */
export function methodMinArgs(id: i32): i32 { return 0; }

/** Most arguments the method uses; -1 for variadic (concat). */
export function methodMaxArgs(id: i32): i32 {
  if (id >= DATE_METHODS) return dateMethodMaxArgs(id - DATE_METHODS);
  return id >= 0 && id < M.COUNT ? <i32>load<i8>(MAX_ARGS + <usize>id) : 0;
}

/** Whether the method takes a callback as its first argument (map … toSorted). */
export function takesCallback(id: i32): bool { return id >= M.Map && id <= M.ToSorted; }

/** Whether the method exists on arrays only (map … toReversed): its result may be an array or anything in one. */
export function isArrayOnlyMethod(id: i32): bool { return id >= M.Map && id < M.COUNT; }

export function methodName(id: i32): string {
  if (id >= DATE_METHODS) return dateMethodName(id - DATE_METHODS);
  return id >= 0 && id < M.COUNT ? NAMES[id] : "";
}

/** TypeError "Cannot read properties of undefined (reading '<name>')". */
function cannotRead(receiver: usize, name: string): i32 {
  errBegin();
  errText(tagOf(receiver) == Tag.Null ? "Cannot read properties of null (reading '" : "Cannot read properties of undefined (reading '");
  errText(name);
  errText("')");
  return ErrorCode.TypeError;
}

/**
 * The member lookup of a call `receiver.name(…)`, done before the arguments are
 * evaluated (as JavaScript does): TypeError when the receiver is undefined or
 * null. `id` is a method id, or -1 for split.
 */
export function checkReceiver(receiver: usize, id: i32): i32 {
  const t = tagOf(receiver);
  if (t != Tag.Undefined && t != Tag.Null) return ErrorCode.None;
  if (id >= DATE_METHODS) return cannotReadDate(receiver, id);
  return cannotRead(receiver, id >= 0 && id < M.COUNT ? NAMES[id] : "split");
}

/** split's receiver after its arguments ran: a string, else split is not a function (or cannot be read). */
export function checkSplit(receiver: usize): i32 {
  switch (tagOf(receiver)) {
    case Tag.String: return ErrorCode.None;
    case Tag.Undefined: case Tag.Null: return cannotRead(receiver, "split");
    default: return notAFunction("split");
  }
}

/** cannotRead for a Date method, its name written without allocating. */
function cannotReadDate(receiver: usize, id: i32): i32 {
  errBegin();
  errText(tagOf(receiver) == Tag.Null ? "Cannot read properties of null (reading '" : "Cannot read properties of undefined (reading '");
  errDateMethodName(id - DATE_METHODS);
  errText("')");
  return ErrorCode.TypeError;
}

/** TypeError "<name> is not a function". */
export function notAFunction(name: string): i32 {
  errBegin();
  errText(name);
  errText(" is not a function");
  return ErrorCode.TypeError;
}

export function callMethod(id: i32, receiver: usize, args: usize, argc: i32, out: usize): i32 {
  if (id >= DATE_METHODS) {
    const t = tagOf(receiver);
    if (t == Tag.Date) return callDateMethod(id - DATE_METHODS, receiver, args, argc, out);
    if (t == Tag.Undefined || t == Tag.Null) return cannotReadDate(receiver, id);
    errBegin();
    errDateMethodName(id - DATE_METHODS);
    errText(" is not a function");
    return ErrorCode.TypeError;
  }
  if (id < 0 || id >= M.COUNT) return notAFunction("method");
  if (tagOf(receiver) == Tag.String && argc > 0 && tagOf(args) == Tag.RegExp) {
    const r = stringRegexMethod(id, receiver, args, argc, out);
    if (r >= 0) return r;
  }
  if (isComposite(tagOf(receiver))) return compositeMethod(id, receiver, args, argc, out);
  if (id >= M.Map) { const t = tagOf(receiver); return t == Tag.Undefined || t == Tag.Null ? cannotRead(receiver, NAMES[id]) : notAFunction(NAMES[id]); }
  // The string and number methods take primitives: an array or object argument is its text (ToPrimitive).
  for (let i = 0; i < argc; i++) {
    const s = args + (<usize>i << 4);
    if (isComposite(tagOf(s))) {
      // repeat's RangeError names such a count as V8 prints the object, not its text.
      if (id == M.Repeat && tagOf(receiver) == Tag.String) {
        const c = integerOrInfinity(toNumber(s));
        if (c < 0 || c == Infinity) {
          const t = tagOf(s);
          return raise(ErrorCode.RangeError, t == Tag.Array ? "Invalid count value: [object Array]" : t == Tag.Date ? "Invalid count value: [object Date]" : "Invalid count value: #<Object>");
        }
        setNumber(s, c);
        continue;
      }
      // A Date where a number is wanted is its time value (ToPrimitive with hint number).
      if (tagOf(s) == Tag.Date && !stringParameter(id, i)) { setNumber(s, toNumber(s)); continue; }
      const r = toStringSlot(s, s);
      if (r != ErrorCode.None) return r;
    }
  }
  switch (tagOf(receiver)) {
    case Tag.String: return stringMethod(id, strPtr(receiver), strLen(receiver), args, argc, out);
    case Tag.Number: return numberMethod(id, numOf(receiver), args, argc, out);
    case Tag.Boolean: {
      if (id == M.ValueOf) { copySlot(out, receiver); return ErrorCode.None; }
      if (id == M.ToString) return toStringSlot(receiver, out);
      return notAFunction(NAMES[id]);
    }
    default: return cannotRead(receiver, NAMES[id]);
  }
}

/** The string methods that take a regular expression as their first argument; -1 for the others. */
function stringRegexMethod(id: i32, receiver: usize, args: usize, argc: i32, out: usize): i32 {
  const p = strPtr(receiver), n = strLen(receiver);
  switch (id) {
    case M.Includes: case M.StartsWith: case M.EndsWith:
      return raise(ErrorCode.TypeError, "First argument to String.prototype." + NAMES[id] + " must not be a regular expression");
    case M.Match: return regexMatch(args, p, n, true, out);
    case M.Search: return regexSearch(args, p, n, out);
    case M.Replace: case M.ReplaceAll: {
      // A function replacement is rejected at configure time; anything else is its text.
      const t = args + 16;
      if (argc > 1 && isComposite(tagOf(t))) { const r = toStringSlot(t, t); if (r != ErrorCode.None) return r; }
      return regexReplace(args, p, n, args, argc, id == M.ReplaceAll, out);
    }
  }
  return -1;
}

/** Whether argument `i` of string method `id` is converted with ToString (the others with ToNumber). */
function stringParameter(id: i32, i: i32): bool {
  switch (id) {
    case M.Includes: case M.StartsWith: case M.EndsWith: case M.IndexOf: case M.LastIndexOf: return i == 0;
    case M.PadStart: case M.PadEnd: return i == 1;
    case M.Replace: case M.ReplaceAll: case M.Concat: return true;
  }
  return false;
}

/** Methods of arrays and objects: toString and valueOf; at, concat, includes, indexOf, lastIndexOf, slice of arrays; test and exec of regular expressions. */
function compositeMethod(id: i32, receiver: usize, args: usize, argc: i32, out: usize): i32 {
  if (id == M.ValueOf && tagOf(receiver) == Tag.Date) { setNumber(out, timeOf(receiver)); return ErrorCode.None; }
  if (id == M.ValueOf) { copySlot(out, receiver); return ErrorCode.None; }
  if (id == M.ToString) return toStringSlot(receiver, out);
  if (tagOf(receiver) == Tag.RegExp) {
    if (id == M.Test) return regexTest(receiver, argAt(args, argc, 0), out);
    if (id == M.Exec) return regexExec(receiver, argAt(args, argc, 0), out);
  }
  if (tagOf(receiver) == Tag.Array) {
    if (id >= M.Map) return arrayCallback(<ArrayCallback>(id - M.Map), receiver, args, argc, out);
    switch (id) {
      case M.At: return arrayMethod(ArrayMethod.At, receiver, args, argc, out);
      case M.Concat: return arrayMethod(ArrayMethod.Concat, receiver, args, argc, out);
      case M.Includes: return arrayMethod(ArrayMethod.Includes, receiver, args, argc, out);
      case M.IndexOf: return arrayMethod(ArrayMethod.IndexOf, receiver, args, argc, out);
      case M.LastIndexOf: return arrayMethod(ArrayMethod.LastIndexOf, receiver, args, argc, out);
      case M.Slice: return arrayMethod(ArrayMethod.Slice, receiver, args, argc, out);
    }
  }
  return notAFunction(NAMES[id]);
}


function stringMethod(id: i32, p: usize, n: i32, args: usize, argc: i32, out: usize): i32 {
  switch (id) {
    case M.ToUpperCase: return changeCase(p, n, true, out);
    case M.ToLowerCase: return changeCase(p, n, false, out);
    case M.Trim: return str.trim(p, n, true, true, out);
    case M.TrimStart: case M.TrimLeft: return str.trim(p, n, true, false, out);
    case M.TrimEnd: case M.TrimRight: return str.trim(p, n, false, true, out);
    case M.Slice: return str.slice(p, n, args, argc, out);
    case M.Substring: return str.substring(p, n, args, argc, out);
    case M.Substr: return str.substr(p, n, args, argc, out);
    case M.Includes: return str.includes(p, n, args, argc, out);
    case M.StartsWith: return str.startsWith(p, n, args, argc, out);
    case M.EndsWith: return str.endsWith(p, n, args, argc, out);
    case M.IndexOf: return str.indexOf(p, n, args, argc, out);
    case M.LastIndexOf: return str.lastIndexOf(p, n, args, argc, out);
    case M.CharAt: return str.charAt(p, n, args, argc, out);
    case M.CharCodeAt: return str.charCodeAt(p, n, args, argc, out);
    case M.CodePointAt: return str.codePointAt(p, n, args, argc, out);
    case M.PadStart: return str.pad(p, n, args, argc, true, out);
    case M.PadEnd: return str.pad(p, n, args, argc, false, out);
    case M.Repeat: return str.repeat(p, n, args, argc, out);
    case M.Replace: return replace(p, n, args, argc, false, out);
    case M.ReplaceAll: return replace(p, n, args, argc, true, out);
    case M.At: return str.at(p, n, args, argc, out);
    case M.Concat: return str.concat(p, n, args, argc, out);
    case M.IsWellFormed: return str.isWellFormed(p, n, out);
    case M.ToWellFormed: return str.toWellFormed(p, n, out);
    case M.ToString: case M.ValueOf: setString(out, p, n); return ErrorCode.None;
    case M.Match: case M.Search:
      return raise(ErrorCode.TypeError, NAMES[id] + " with a string pattern is not supported: use a regular expression literal");
    default: return notAFunction(NAMES[id]);
  }
}

// Number text is printed here first, then copied to the arena at its exact length.
const numberBuffer = memory.data(RADIX_MAX_UNITS << 1);

function numberMethod(id: i32, x: f64, args: usize, argc: i32, out: usize): i32 {
  switch (id) {
    case M.ValueOf: setNumber(out, x); return ErrorCode.None;
    case M.ToString: {
      // Number.prototype.toString §21.1.3.6: radix undefined -> 10, else 2..36.
      const rv = argAt(args, argc, 0);
      let radix: f64 = 10;
      if (tagOf(rv) != Tag.Undefined) radix = integerOrInfinity(toNumber(rv));
      if (radix < 2 || radix > 36) {
        return raise(ErrorCode.RangeError, "toString() radix argument must be between 2 and 36");
      }
      return copyOut(formatRadix(numberBuffer, x, <i32>radix), out);
    }
    case M.ToFixed: {
      // Number.prototype.toFixed §21.1.3.3.
      const f = integerOrInfinity(toNumber(argAt(args, argc, 0)));
      if (!(f >= 0 && f <= 100)) {
        return raise(ErrorCode.RangeError, "toFixed() digits argument must be between 0 and 100");
      }
      return copyOut(formatFixed(numberBuffer, x, <i32>f), out);
    }
    default: return notAFunction(NAMES[id]);
  }
}

function copyOut(units: i32, out: usize): i32 {
  const dst = allocString(units);
  if (dst == 0) return allocError;
  memory.copy(dst, numberBuffer, <usize>units << 1);
  setString(out, dst, units);
  return ErrorCode.None;
}

/** The "length" property: a string's length; undefined on numbers and booleans. */
export function getLength(receiver: usize, out: usize): i32 {
  switch (tagOf(receiver)) {
    case Tag.String: setNumber(out, <f64>strLen(receiver)); return ErrorCode.None;
    case Tag.Number: case Tag.Boolean: setUndefined(out); return ErrorCode.None;
    case Tag.Undefined: case Tag.Null: return cannotRead(receiver, "length");
    default: {
      setString(lengthKey, changetype<usize>("length"), 6);
      return getKey(receiver, lengthKey, out);
    }
  }
}

const lengthKey = memory.data(16, 8);

/** receiver.split(args…)[key]. */
export function splitIndexImpl(receiver: usize, args: usize, argc: i32, key: usize, out: usize): i32 {
  switch (tagOf(receiver)) {
    case Tag.String:
      if (argc > 0 && tagOf(args) == Tag.RegExp) return regexSplitIndex(args, strPtr(receiver), strLen(receiver), args, argc, key, out);
      return splitString(strPtr(receiver), strLen(receiver), args, argc, key, out);
    case Tag.Undefined: case Tag.Null: return cannotRead(receiver, "split");
    default: return notAFunction("split");
  }
}
