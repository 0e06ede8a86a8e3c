// Random well-formed expressions over the whole tier-1 grammar (docs/behaviour.md §7), as
// syntax trees that tests/diff/gen/render.mjs prints. Generators are typed by
// the value they most likely produce (number, string, boolean, any) so that
// method calls mostly land on receivers that have the method, while every
// operand position still sees every type now and then.
//
// Node shapes:
//   {t:"lit", s}             literal source text (number, string, name)
//   {t:"alias", i}           alias slot i (render picks the name)
//   {t:"tpl", raw:[…], xs}   template: raw[0] ${xs[0]} raw[1] …
//   {t:"un", op, a}          {t:"bin", op, a, b}      {t:"cond", c, a, b}
//   {t:"call", f, args}      global or static function ("Math.max")
//   {t:"meth", r, m, args}   {t:"len", r}             {t:"split", r, args, i}
//   {t:"volatile", s}        Date.now() / Math.random() forms
//   {t:"arr", xs}            array literal; an element may be {t:"spread", a}
//   {t:"obj", props}         object literal: {key, v} | {computed, v} | {shorthand: alias}
//   {t:"idx", r, k, opt}     r[k] / r?.[k]      {t:"get", r, name, opt}  r.name / r?.name
// Any node may carry paren: true (extra parentheses). Kinds "arr" and "obj" give
// arrays and objects, "val" any value including them (issue 17).
import fc from "fast-check";
import { numberLiteral, stringLiteral, templatePiece } from "./literals.mjs";
import { callbackForms } from "./callbacks.mjs";
import { regexLiteral } from "./regex.mjs";
import { jsonDateForms } from "./jsondate.mjs";

const MATH1 = [
  "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh", "exp", "expm1",
  "floor", "fround", "log", "log1p", "log10", "log2", "round", "sign", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
];
const MATH_CONST = ["E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2"].map((c) => "Math." + c);
const NUMBER_CONST = [
  "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER", "EPSILON", "MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY", "NEGATIVE_INFINITY",
].map((c) => "Number." + c);
const NAMES = ["true", "false", "null", "undefined", "NaN", "Infinity"];

const ARITH = ["+", "-", "*", "/", "%", "**"];
const BITWISE = ["&", "|", "^", "<<", ">>", ">>>"];
const COMPARE = ["<", "<=", ">", ">=", "==", "!=", "===", "!=="];

const STR_METHODS0 = ["toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd", "trimLeft", "trimRight", "toWellFormed", "toString", "valueOf"];
const STR_METHODS_IDX = ["slice", "substring", "substr"];

/** Leaf and node helpers. */
const lit = (s) => ({ t: "lit", s });
const node = (t, fields) => ({ t, ...fields });
const withParen = (arb) => fc.tuple(arb, fc.integer({ min: 0, max: 9 })).map(([n, k]) => (k === 0 ? { ...n, paren: true } : n));

/** Small integers as literals, with a tail of awkward values (for counts, indexes, radixes). */
const smallInt = (lo, hi, extra) => fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: lo, max: hi }).map((n) => (n < 0 ? node("un", { op: "-", a: lit(String(-n)) }) : lit(String(n)))) },
  { weight: 1, arbitrary: fc.constantFrom(...extra).map((s) => (s.startsWith("-") ? node("un", { op: "-", a: lit(s.slice(1)) }) : lit(s))) },
);
const COUNT_EXTRA = ["-1", "1.5", "2.7", "NaN", "Infinity", "-0", "'3'", "\"\"", "null", "undefined", "true", "1e6", "2e6", "524288", "1048576", "1048577", "4294967296"];
const INDEX_EXTRA = ["-1", "-2", "1.5", "-0", "NaN", "Infinity", "-Infinity", "'1'", "' 2 '", "null", "undefined", "true", "1e10", "2147483648"];
const DIGITS_EXTRA = ["100", "101", "-1", "20.9", "NaN", "'2'", "undefined", "null", "Infinity"];
const RADIX_EXTRA = ["1", "37", "0", "10.5", "'16'", "undefined", "NaN", "-2", "36.9", "Infinity"];
const KEY_EXTRA = ["'0'", "'01'", "'length'", "'1'", "'-0'", "' 1'", "'1e0'", "-0", "1.5", "-1", "4294967294", "4294967295", "NaN", "null", "undefined", "true", "'x'"];

// Object keys as written in literals (names, keywords, strings, numbers) and as read back.
const KEY_WRITTEN = ["a", "b", "x", "length", "_", "$", "in", "if", "true", "null", "0", "1", "10", "2.5", "1e3", "0x10", "'01'", "\"x-y\"", "\"a\"", "''", "'-1'", "4294967295", "4294967294"];
const KEY_NAMES = ["a", "b", "x", "length", "_", "$", "in", "if", "y"];
const KEY_READ = ["'a'", "'b'", "'x'", "'x-y'", "'01'", "''", "'-1'", "'16'", "'1000'", "'2.5'", "0", "1", "2", "10", "16", "2.5", "-1", "-0", "NaN", "null", "undefined", "true", "4294967295", "'length'"];

const memo = new Map();

/**
 * Expression arbitrary of kind ("num" | "str" | "bool" | "any") and depth
 * budget d (0: leaves only).
 */
export function expr(kind, d) {
  const key = kind + d;
  if (!memo.has(key)) memo.set(key, withParen(build(kind, d)));
  return memo.get(key);
}

function leaf(kind) {
  const numLeaf = fc.oneof(
    { weight: 4, arbitrary: numberLiteral.map(lit) },
    { weight: 6, arbitrary: fc.constantFrom(0, 1, 4).map((i) => node("alias", { i })) },
    { weight: 1, arbitrary: fc.constantFrom(...MATH_CONST, ...NUMBER_CONST).map(lit) },
    { weight: 1, arbitrary: fc.constantFrom("Date.now()", "Math.floor(Math.random())", "Math.round(Math.random() * 0)").map((s) => node("volatile", { s })) },
  );
  const strLeaf = fc.oneof(
    { weight: 4, arbitrary: stringLiteral.map(lit) },
    { weight: 6, arbitrary: fc.constantFrom(2, 3, 4).map((i) => node("alias", { i })) },
    { weight: 1, arbitrary: templatePiece.map((p) => node("tpl", { raw: [p], xs: [] })) },
    { weight: 1, arbitrary: fc.constant(node("volatile", { s: "typeof Math.random()" })) },
  );
  const boolLeaf = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom("true", "false").map(lit) },
    { weight: 2, arbitrary: fc.constant(node("alias", { i: 4 })) },
    { weight: 1, arbitrary: fc.constantFrom("Math.random() < 1", "Math.random() >= 0", "Date.now() > 0").map((s) => node("volatile", { s })) },
  );
  switch (kind) {
    case "num": return numLeaf;
    case "str": return strLeaf;
    case "bool": return boolLeaf;
    default: return fc.oneof(
      { weight: 3, arbitrary: numLeaf }, { weight: 3, arbitrary: strLeaf }, { weight: 1, arbitrary: boolLeaf },
      { weight: 1, arbitrary: fc.constantFrom(...NAMES).map(lit) },
    );
  }
}

function build(kind, d) {
  if (kind === "val") return d === 0 ? leaf("any") : fc.oneof({ weight: 5, arbitrary: expr("any", d) }, { weight: 1, arbitrary: expr("arr", d - 1) }, { weight: 1, arbitrary: expr("obj", d - 1) });
  if (kind === "arr" || kind === "obj") return composite(kind, d);
  if (d === 0) return leaf(kind);
  const sub = (k) => expr(k, d - 1);
  const num = sub("num"), str = sub("str"), bool = sub("bool"), any = sub("any");
  // An argument: usually the expected type, sometimes anything.
  const arg = (k) => fc.oneof({ weight: 3, arbitrary: sub(k) }, { weight: 1, arbitrary: any });
  const optArgs = (...arbs) => fc.tuple(...arbs, fc.integer({ min: 0, max: arbs.length }))
    .map((xs) => xs.slice(0, xs[xs.length - 1]));
  const count = fc.oneof({ weight: 3, arbitrary: smallInt(0, 6, COUNT_EXTRA) }, { weight: 1, arbitrary: arg("num") });
  const index = fc.oneof({ weight: 3, arbitrary: smallInt(-3, 8, INDEX_EXTRA) }, { weight: 1, arbitrary: arg("num") });
  const logical = (k) => fc.tuple(fc.constantFrom("&&", "||", "??"), sub(k), sub(k)).map(([op, a, b]) => node("bin", { op, a, b }));
  const cond = (k) => fc.tuple(arg("bool"), sub(k), sub(k)).map(([c, a, b]) => node("cond", { c, a, b }));
  const meth = (r, m, args) => node("meth", { r, m, args });

  const nums = [
    { weight: 4, arbitrary: leaf("num") },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("-", "+", "~"), any).map(([op, a]) => node("un", { op, a })) },
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...ARITH), arg("num"), arg("num")).map(([op, a, b]) => node("bin", { op, a, b })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...BITWISE), arg("num"), arg("num")).map(([op, a, b]) => node("bin", { op, a, b })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...MATH1), optArgs(arg("num"))).map(([f, args]) => node("call", { f: "Math." + f, args: args.length ? args : [lit("0.5")] })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("Math.atan2", "Math.pow", "Math.imul"), arg("num"), arg("num")).map(([f, a, b]) => node("call", { f, args: [a, b] })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("Math.max", "Math.min", "Math.hypot"), fc.array(arg("num"), { maxLength: 4 })).map(([f, args]) => node("call", { f, args })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("parseInt", "Number.parseInt"), arg("str"), fc.option(smallInt(0, 36, RADIX_EXTRA), { nil: null })).map(([f, s, r]) => node("call", { f, args: r ? [s, r] : [s] })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("parseFloat", "Number.parseFloat", "Number"), arg("str")).map(([f, a]) => node("call", { f, args: [a] })) },
    { weight: 1, arbitrary: fc.constant(node("call", { f: "Number", args: [] })) },
    { weight: 2, arbitrary: arg("str").map((r) => node("len", { r })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("indexOf", "lastIndexOf"), str, optArgs(arg("str"), index)).map(([m, r, args]) => meth(r, m, args)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("charCodeAt", "codePointAt"), str, optArgs(index)).map(([m, r, args]) => meth(r, m, args)) },
    { weight: 1, arbitrary: fc.tuple(num).map(([r]) => meth(r, "valueOf", [])) },
    { weight: 2, arbitrary: cond("num") },
    { weight: 1, arbitrary: logical("num") },
  ];
  const strs = [
    { weight: 4, arbitrary: leaf("str") },
    { weight: 3, arbitrary: fc.tuple(templatePiece, fc.array(fc.tuple(any, templatePiece), { minLength: 1, maxLength: 3 }))
      .map(([head, rest]) => node("tpl", { raw: [head, ...rest.map((x) => x[1])], xs: rest.map((x) => x[0]) })) },
    { weight: 3, arbitrary: fc.tuple(str, any, fc.boolean()).map(([a, b, flip]) => node("bin", { op: "+", a: flip ? b : a, b: flip ? a : b })) },
    { weight: 1, arbitrary: arg("any").map((a) => node("call", { f: "String", args: [a] })) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...STR_METHODS0), str).map(([m, r]) => meth(r, m, [])) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...STR_METHODS_IDX), str, optArgs(index, index)).map(([m, r, args]) => meth(r, m, args)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("charAt", "at"), str, optArgs(index)).map(([m, r, args]) => meth(r, m, args)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("padStart", "padEnd"), str, optArgs(count, arg("str"))).map(([m, r, args]) => meth(r, m, args)) },
    { weight: 1, arbitrary: fc.tuple(str, count).map(([r, c]) => meth(r, "repeat", [c])) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("replace", "replaceAll"), str, arg("str"), arg("str")).map(([m, r, a, b]) => meth(r, m, [a, b])) },
    { weight: 1, arbitrary: fc.tuple(str, fc.array(arg("str"), { maxLength: 3 })).map(([r, args]) => meth(r, "concat", args)) },
    { weight: 2, arbitrary: fc.tuple(arg("num"), fc.option(smallInt(0, 20, DIGITS_EXTRA), { nil: null })).map(([r, dg]) => meth(r, "toFixed", dg ? [dg] : [])) },
    { weight: 2, arbitrary: fc.tuple(arg("num"), fc.option(smallInt(2, 36, RADIX_EXTRA), { nil: null })).map(([r, rx]) => meth(r, "toString", rx ? [rx] : [])) },
    { weight: 1, arbitrary: bool.map((r) => meth(r, "toString", [])) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("String.fromCharCode", "String.fromCodePoint"), fc.array(arg("num"), { maxLength: 3 })).map(([f, args]) => node("call", { f, args })) },
    { weight: 3, arbitrary: fc.tuple(str, fc.option(fc.oneof(arg("str"), fc.constantFrom(",", "", " ", "a", "$").map((s) => lit(JSON.stringify(s)))), { nil: null }), fc.option(smallInt(0, 3, ["-1", "4294967297", "NaN"]), { nil: null }), fc.oneof({ weight: 3, arbitrary: smallInt(0, 3, KEY_EXTRA) }, { weight: 1, arbitrary: any }))
      .map(([r, sep, limit, i]) => node("split", { r, args: sep === null ? [] : limit === null ? [sep] : [sep, limit], i })) },
    { weight: 2, arbitrary: any.map((a) => node("un", { op: "typeof", a })) },
    { weight: 2, arbitrary: cond("str") },
    { weight: 1, arbitrary: logical("str") },
  ];
  const bools = [
    { weight: 3, arbitrary: leaf("bool") },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...COMPARE), any, any).map(([op, a, b]) => node("bin", { op, a, b })) },
    { weight: 2, arbitrary: any.map((a) => node("un", { op: "!", a })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("isNaN", "isFinite", "Boolean", "Number.isInteger", "Number.isFinite", "Number.isNaN", "Number.isSafeInteger"), any).map(([f, a]) => node("call", { f, args: [a] })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("includes", "startsWith", "endsWith"), str, optArgs(arg("str"), index)).map(([m, r, args]) => meth(r, m, args)) },
    { weight: 1, arbitrary: str.map((r) => meth(r, "isWellFormed", [])) },
    { weight: 1, arbitrary: cond("bool") },
    { weight: 1, arbitrary: logical("bool") },
  ];
  const anys = [
    { weight: 3, arbitrary: num }, { weight: 3, arbitrary: str }, { weight: 2, arbitrary: bool },
    { weight: 1, arbitrary: leaf("any") },
    { weight: 1, arbitrary: any.map((a) => node("un", { op: "void", a })) },
    { weight: 2, arbitrary: logical("any") },
    { weight: 2, arbitrary: cond("any") },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ARITH, ...BITWISE, ...COMPARE), any, any).map(([op, a, b]) => node("bin", { op, a, b })) },
    // A method on a receiver of any type: TypeErrors for undefined/null and missing methods.
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("toUpperCase", "slice", "toFixed", "toString", "valueOf", "trim", "at"), any).map(([m, r]) => meth(r, m, [])) },
    { weight: 1, arbitrary: any.map((r) => node("len", { r })) },
  ];
  // Arrays and objects, consumed as V8 consumes them (issue 17).
  const val = sub("val"), arr = sub("arr"), obj = sub("obj");
  const comp = fc.oneof(arr, obj);
  const keyRead = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEY_READ).map((k) => (k.startsWith("-") ? node("un", { op: "-", a: lit(k.slice(1)) }) : lit(k))) }, { weight: 1, arbitrary: any });
  const opt = fc.integer({ min: 0, max: 4 }).map((k) => k === 0);
  const idx = (r) => fc.tuple(r, keyRead, opt).map(([r, k, o]) => node("idx", { r, k, opt: o }));
  const get = (r) => fc.tuple(r, fc.constantFrom(...KEY_NAMES), opt).map(([r, name, o]) => node("get", { r, name, opt: o }));
  const spreadArgs = fc.array(fc.oneof({ weight: 2, arbitrary: arr.map((a) => ({ t: "spread", a })) }, { weight: 1, arbitrary: arg("num") }), { minLength: 1, maxLength: 3 });
  nums.push(
    { weight: 2, arbitrary: arr.map((r) => node("len", { r })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("Object.keys", "Object.values", "Object.entries"), val).map(([f, a]) => node("len", { r: node("call", { f, args: [a] }) })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("Math.max", "Math.min", "Math.hypot"), spreadArgs).map(([f, args]) => node("call", { f, args })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("+", "-"), comp).map(([op, a]) => node("un", { op, a })) },
  );
  strs.push(
    { weight: 4, arbitrary: fc.tuple(val, fc.option(fc.oneof(fc.constant(lit("null")), arr), { nil: null }), fc.option(fc.oneof(smallInt(0, 12, ["-1", "2.5", "'\\t'", "'--'", "'12345678901'", "''", "true"]), str), { nil: null }))
      .map(([v, rep, sp]) => node("call", { f: "JSON.stringify", args: sp !== null ? [v, rep ?? lit("null"), sp] : rep !== null ? [v, rep] : [v] })) },
    { weight: 1, arbitrary: fc.tuple(templatePiece, val, templatePiece).map(([a, x, b]) => node("tpl", { raw: [a, b], xs: [x] })) },
    { weight: 1, arbitrary: fc.tuple(comp, str, fc.boolean()).map(([a, b, flip]) => node("bin", { op: "+", a: flip ? b : a, b: flip ? a : b })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("String.fromCharCode", "String.fromCodePoint"), spreadArgs).map(([f, args]) => node("call", { f, args })) },
    { weight: 1, arbitrary: comp.map((r) => meth(r, "toString", [])) },
  );
  bools.push(
    { weight: 2, arbitrary: fc.tuple(keyRead, comp).map(([a, b]) => node("bin", { op: "in", a, b })) },
    { weight: 1, arbitrary: val.map((a) => node("call", { f: "Array.isArray", args: [a] })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...COMPARE), val, val).map(([op, a, b]) => node("bin", { op, a, b })) },
  );
  anys.push(
    { weight: 3, arbitrary: idx(fc.oneof({ weight: 3, arbitrary: comp }, { weight: 1, arbitrary: any })) },
    { weight: 3, arbitrary: get(fc.oneof(comp, fc.tuple(arg("bool"), obj, fc.constantFrom("null", "undefined")).map(([c, a, b]) => node("cond", { c, a, b: lit(b) })))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ARITH, ...COMPARE), val, val).map(([op, a, b]) => node("bin", { op, a, b })) },
    { weight: 1, arbitrary: val.map((a) => node("un", { op: "typeof", a })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("&&", "||", "??"), val, val).map(([op, a, b]) => node("bin", { op, a, b })) },
  );
  const cb = callbackForms(sub, d);
  nums.push(...cb.nums); strs.push(...cb.strs); bools.push(...cb.bools); anys.push(...cb.anys);
  // Regular expression literals (issue 17): test, search, match, replace, replaceAll, split.
  const re = regexLiteral.map(lit);
  bools.push({ weight: 1, arbitrary: fc.tuple(re, arg("str")).map(([r, a]) => meth(r, "test", [a])) });
  nums.push({ weight: 1, arbitrary: fc.tuple(str, re).map(([r, a]) => meth(r, "search", [a])) });
  strs.push({ weight: 2, arbitrary: fc.tuple(fc.constantFrom("replace", "replaceAll"), str, re, arg("str")).map(([m, r, a, b]) => meth(r, m, [a, b])) },
    { weight: 1, arbitrary: fc.tuple(str, re, smallInt(0, 3, KEY_EXTRA)).map(([r, a, i]) => node("split", { r, args: [a], i })) });
  anys.push({ weight: 1, arbitrary: fc.tuple(str, re, keyRead).map(([r, a, k]) => node("idx", { r: meth(r, "match", [a]), k, opt: true })) });
  // JSON.parse and Date (gen/jsondate.mjs).
  const jd = jsonDateForms({ num, str, any, val, arg });
  nums.push(...jd.nums); strs.push(...jd.strs); bools.push(...jd.bools); anys.push(...jd.anys);
  switch (kind) {
    case "num": return fc.oneof(...nums);
    case "str": return fc.oneof(...strs);
    case "bool": return fc.oneof(...bools);
    default: return fc.oneof(...anys);
  }
}

/** Arrays ("arr") and objects ("obj") of depth budget d. */
function composite(kind, d) {
  const val = d === 0 ? leaf("any") : expr("val", d - 1);
  if (kind === "arr") {
    const spreadOf = d === 0 ? leaf("str") : fc.oneof({ weight: 3, arbitrary: expr("arr", d - 1) }, { weight: 2, arbitrary: expr("str", d - 1) }, { weight: 1, arbitrary: expr("any", d - 1) });
    const element = fc.oneof({ weight: 5, arbitrary: val }, { weight: 1, arbitrary: spreadOf.map((a) => ({ t: "spread", a })) });
    return fc.oneof(
      { weight: 5, arbitrary: fc.array(element, { maxLength: 4 }).map((xs) => node("arr", { xs })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("Object.keys", "Object.values", "Object.entries"), val).map(([f, a]) => node("call", { f, args: [a] })) },
      ...(d === 0 ? [] : callbackForms((k) => expr(k, d - 1), d).arrays),
    );
  }
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...KEY_WRITTEN), val).map(([key, v]) => ({ key, v })) },
    { weight: 1, arbitrary: fc.tuple(d === 0 ? leaf("any") : fc.oneof(expr("str", d - 1), expr("num", d - 1), expr("val", d - 1)), val).map(([computed, v]) => ({ computed, v })) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 3, 4).map((shorthand) => ({ shorthand })) },
  );
  const pair = fc.tuple(fc.oneof(leaf("str"), fc.constantFrom("'a'", "'b'", "0", "1", "'01'").map(lit)), val).map(([k, v]) => node("arr", { xs: [k, v] }));
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(key, { maxLength: 4 }).map((props) => node("obj", { props })) },
    { weight: 1, arbitrary: fc.array(pair, { maxLength: 3 }).map((xs) => node("call", { f: "Object.fromEntries", args: [node("arr", { xs })] })) },
  );
}

/** One differential case: an expression, the alias values' JSON, a layout seed. */
export function caseArbitrary(aliasValues, depth = 4) {
  return fc.record({
    tree: expr("any", depth),
    values: aliasValues,
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
    inline: fc.integer({ min: 0, max: 9 }).map((k) => k === 0),
  });
}
