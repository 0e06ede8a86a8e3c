// Generators for arrow callbacks and the array methods that take them (issue 17):
// map, filter, reduce(Right), some, every, find(Last)(Index), flatMap, forEach,
// sort/toSorted with consistent and inconsistent comparators, built-in functions
// as callbacks, join, flat, reverse, Array.from/of, and the TypeErrors of each.
// expr.mjs hooks these in; render.mjs prints the two node kinds added here:
//   {t:"arrow", params:[p…], body, block}   p = {name} or {alias: k} (shadows alias k)
//   {t:"param", p}                          a reference to parameter p
import fc from "fast-check";

const lit = (s) => ({ t: "lit", s });
const node = (t, fields) => ({ t, ...fields });
const meth = (r, m, args) => node("meth", { r, m, args });
const ref = (p) => node("param", { p });
const arrow = (params, body, block = false) => node("arrow", { params, body, block });

const CMP = ["<", "<=", ">", ">=", "==", "!=", "===", "!=="];
const ARITH = ["+", "-", "*", "%"];
const BUILTIN_CALLBACKS = ["Number", "String", "Boolean", "parseInt", "parseFloat", "isNaN", "isFinite", "Math.abs", "Math.round", "Math.max",
  "Math.sign", "Number.isInteger", "Array.isArray", "JSON.stringify", "String.fromCharCode", "Object.keys"];
const NOT_FUNCTIONS = ["5", "'x'", "null", "undefined", "[1]", "({})", "true"];

/**
 * Weighted arbitraries to add to expr.mjs's lists, given its helpers for depth d
 * (sub(kind): a sub-expression of that kind; arr: an array expression).
 */
export function callbackForms(sub, d) {
  const num = sub("num"), str = sub("str"), any = sub("any"), arr = sub("arr");
  // Receivers: mostly small number arrays (so callbacks compute something), sometimes any array or value.
  const smallNum = fc.integer({ min: -3, max: 12 }).map((n) => (n < 0 ? node("un", { op: "-", a: lit(String(-n)) }) : lit(String(n))));
  const numArr = fc.array(fc.oneof({ weight: 4, arbitrary: smallNum }, { weight: 1, arbitrary: num }), { maxLength: 9 }).map((xs) => node("arr", { xs }));
  const mixedArr = fc.array(fc.oneof(smallNum, num, str, any, fc.constantFrom("null", "undefined", "'10'", "''", "[2, 1]", "NaN").map(lit)), { maxLength: 7 }).map((xs) => node("arr", { xs }));
  const receiver = fc.oneof({ weight: 5, arbitrary: numArr }, { weight: 2, arbitrary: mixedArr }, { weight: 2, arbitrary: arr }, { weight: 1, arbitrary: any });

  // Parameter names: plain, or shadowing an alias (built-in names are shadowed in callbacks.test.ts:
  // the sub-expressions here may call them, which V8 rejects only at run time and the checker at once).
  const name = (plain) => fc.oneof({ weight: 6, arbitrary: fc.constant({ name: plain }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 3, 4).map((alias) => ({ alias })) },
    { weight: 1, arbitrary: fc.constant({ name: plain + "_" }) });

  // A body over parameters `ps` (a reference is the point; sub-expressions add variety).
  const body = (ps, kind, level) => {
    const p = fc.constantFrom(...ps).map(ref);
    const forms = [
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ARITH), p, fc.oneof(num, p, smallNum)).map(([op, a, b]) => node("bin", { op, a, b })) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CMP), p, fc.oneof(num, smallNum, p)).map(([op, a, b]) => node("bin", { op, a, b })) },
      { weight: 1, arbitrary: p },
      { weight: 1, arbitrary: fc.tuple(p, smallNum).map(([a, b]) => node("bin", { op: "==", a: node("bin", { op: "%", a, b: lit("2") }), b: lit("0") })) },
      { weight: 1, arbitrary: p.map((a) => node("un", { op: "typeof", a })) },
      { weight: 1, arbitrary: fc.tuple(p, any).map(([a, b]) => node("cond", { c: node("bin", { op: ">", a, b: lit("2") }), a: b, b: a })) },
      { weight: 1, arbitrary: fc.tuple(p, str).map(([a, b]) => node("bin", { op: "+", a: b, b: a })) },
      { weight: 1, arbitrary: p.map((a) => node("tpl", { raw: ["<", ">"], xs: [a] })) },
      { weight: 1, arbitrary: fc.tuple(p, fc.constantFrom("length", "0", "a")).map(([r, k]) => node("idx", { r, k: lit(/^\d+$/.test(k) ? k : `'${k}'`), opt: true })) },
      { weight: 1, arbitrary: p.map((r) => meth(r, "toString", [])) },
    ];
    if (kind === "num") forms.push({ weight: 2, arbitrary: fc.tuple(p, p).map(([a, b]) => node("bin", { op: "-", a, b })) });
    // A callback inside the body that reads the outer parameters too.
    if (level < 2) {
      forms.push({ weight: 1, arbitrary: fc.tuple(numArr, name(level ? "z" : "y")).chain(([r, q]) =>
        body([...ps, q], "any", level + 1).map((b) => meth(meth(r, "map", [arrow([q], b)]), "join", []))) });
      forms.push({ weight: 1, arbitrary: fc.tuple(numArr, name(level ? "z" : "y")).chain(([r, q]) =>
        body([...ps, q], "bool", level + 1).map((b) => meth(r, "some", [arrow([q], b)]))) });
    }
    return fc.oneof(...forms);
  };

  // An arrow of 0 to `max` parameters (first names used), or a built-in, or now and then no function at all.
  const callback = (names, kind, { builtins = true, block = true } = {}) => fc.tuple(fc.integer({ min: 0, max: names.length }), fc.integer({ min: 0, max: 14 }))
    .chain(([count, pick]) => {
      if (builtins && pick === 0) return fc.constantFrom(...BUILTIN_CALLBACKS).map(lit);
      if (pick === 1) return fc.oneof(fc.constantFrom(...NOT_FUNCTIONS).map(lit), num);
      if (count === 0) return fc.oneof(num, any, smallNum).map((b) => arrow([], b, block && pick === 2));
      return fc.tuple(...names.slice(0, count).map(name)).chain((ps) => {
        const uniq = dedupe(ps);
        return body(uniq, kind, 0).map((b) => arrow(uniq, b, block && pick === 2));
      });
    });
  const pred = callback(["x", "i", "a"], "bool");
  const mapper = callback(["x", "i", "a"], "any");
  const reducer = callback(["acc", "x", "i", "a"], "any");
  const comparator = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("(a, b) => a - b", "(a, b) => b - a", "() => 1", "() => -1", "() => 0", "() => NaN", "(a, b) => a % 3 - b % 5",
      "(a, b) => (a > b) - (a < b)", "(a, b) => a > b", "(a, b) => String(a) < String(b) ? -1 : 1", "(a, b) => a.length - b.length", "(x, y) => [x - y]",
      "(a, b) => (a * 7 + b * 3) % 5 - 2", "(a, b) => typeof a < typeof b ? -1 : 0", "undefined").map(lit) },
    { weight: 2, arbitrary: callback(["a", "b"], "num", { builtins: false }) },
    { weight: 1, arbitrary: fc.constantFrom("Math.min", "Math.max", "parseInt", "5", "null", "'x'").map(lit) },
  );
  const join = (r) => meth(r, "join", []);
  const sep = fc.option(fc.oneof(fc.constantFrom("','", "''", "' - '", "undefined", "null", "[1, 2]").map(lit), str), { nil: null });

  const arrays = [
    { weight: 1, arbitrary: fc.tuple(receiver, mapper).map(([r, f]) => meth(r, "map", [f])) },
    { weight: 1, arbitrary: fc.tuple(receiver, pred).map(([r, f]) => meth(r, "filter", [f])) },
    { weight: 1, arbitrary: fc.tuple(receiver, mapper).map(([r, f]) => meth(r, "flatMap", [f])) },
    { weight: 1, arbitrary: fc.tuple(receiver, comparator, fc.boolean()).map(([r, c, to]) => meth(r, to ? "toSorted" : "sort", c.s === "undefined" && to ? [] : [c])) },
    { weight: 1, arbitrary: fc.tuple(receiver, fc.constantFrom("reverse", "toReversed")).map(([r, m]) => meth(r, m, [])) },
    { weight: 1, arbitrary: fc.tuple(receiver, fc.option(fc.oneof(smallNum, fc.constantFrom("Infinity", "-1", "'2'", "NaN").map(lit)), { nil: null })).map(([r, k]) => meth(r, "flat", k ? [k] : [])) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(str, numArr, fc.constantFrom("({length: 3})", "({length: 2, 0: 'a'})", "5", "null").map(lit)), fc.option(callback(["x", "i"], "any"), { nil: null }))
      .map(([s, f]) => node("call", { f: "Array.from", args: f ? [s, f] : [s] })) },
    { weight: 1, arbitrary: fc.array(fc.oneof(smallNum, any), { maxLength: 3 }).map((args) => node("call", { f: "Array.of", args })) },
  ];
  const nums = [
    { weight: 1, arbitrary: fc.tuple(receiver, reducer, fc.option(fc.oneof(smallNum, num, str), { nil: null }), fc.boolean())
      .map(([r, f, init, right]) => meth(r, right ? "reduceRight" : "reduce", init ? [f, init] : [f])) },
    { weight: 1, arbitrary: fc.tuple(receiver, pred, fc.constantFrom("findIndex", "findLastIndex")).map(([r, f, m]) => meth(r, m, [f])) },
    { weight: 1, arbitrary: fc.oneof(...arrays).map((r) => node("len", { r })) },
  ];
  const strs = [
    { weight: 1, arbitrary: fc.tuple(fc.oneof(...arrays), sep).map(([r, s]) => meth(r, "join", s ? [s] : [])) },
    { weight: 1, arbitrary: fc.oneof(...arrays).map((r) => node("call", { f: "JSON.stringify", args: [r] })) },
    { weight: 1, arbitrary: fc.tuple(receiver, fc.constantFrom(...BUILTIN_CALLBACKS)).map(([r, f]) => node("call", { f: "JSON.stringify", args: [meth(r, "map", [lit(f)])] })) },
    { weight: 1, arbitrary: fc.tuple(str, callback(["c", "i"], "any", { builtins: false })).map(([s, f]) => join(node("call", { f: "Array.from", args: [s, f] }))) },
  ];
  const bools = [
    { weight: 1, arbitrary: fc.tuple(receiver, pred, fc.constantFrom("some", "every")).map(([r, f, m]) => meth(r, m, [f])) },
  ];
  const anys = [
    { weight: 1, arbitrary: fc.tuple(receiver, pred, fc.constantFrom("find", "findLast")).map(([r, f, m]) => meth(r, m, [f])) },
    { weight: 1, arbitrary: fc.tuple(receiver, mapper).map(([r, f]) => meth(r, "forEach", [f])) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(...arrays), fc.integer({ min: -2, max: 4 })).map(([r, i]) => node("idx", { r, k: lit(String(i)), opt: false })) },
  ];
  return { nums, strs, bools, anys, arrays };
}

/** Parameters with duplicate names dropped (JavaScript rejects `(x, x) => …`). */
function dedupe(ps) {
  const seen = new Set();
  return ps.filter((p) => {
    const k = p.name ?? `alias${p.alias}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Tokens of an arrow or a parameter reference (render.mjs's printNode for these kinds). */
export function printCallback(n, ctx, tokens) {
  const pname = (p) => (p.name ?? ctx.names[p.alias]);
  if (n.t === "param") return { toks: ctx.trace ? ["__t", "(", pname(n.p), ")"] : [pname(n.p)], p: 20 };
  const b = tokens(n.body, ctx);
  const bodyToks = b.toks[0] === "{" ? ["(", ...b.toks, ")"] : b.toks;
  const params = n.params.length === 1 && !n.block ? [pname(n.params[0])] : ["(", ...n.params.flatMap((p, i) => (i ? [",", pname(p)] : [pname(p)])), ")"];
  return { toks: [...params, "=>", ...(n.block ? ["{", "return", ...bodyToks, ";", "}"] : bodyToks)], p: 1 };
}
