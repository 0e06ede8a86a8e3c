// Prints a syntax tree of gen/expr.mjs as source text: parentheses only where
// JavaScript's grammar needs them (or the node asks for them), and random but
// safe whitespace and comments between tokens, chosen by a seed. `trace`
// wraps every computed value in __t(…) for the oracle's string-size check.
import { printCallback } from "./callbacks.mjs";

const PREC = {
  "??": 2, "||": 2, "&&": 3, "|": 4, "^": 5, "&": 6, "==": 7, "!=": 7, "===": 7, "!==": 7,
  "<": 8, "<=": 8, ">": 8, ">=": 8, "in": 8, "<<": 9, ">>": 9, ">>>": 9, "+": 10, "-": 10, "*": 11, "/": 11, "%": 11, "**": 12,
};
const UNARY = 13, CALL = 14, PRIMARY = 20;

/** Literal source text of a value bound by JSON.parse (for inlined cases). */
export function valueLiteral(v) {
  if (typeof v === "string") return { t: "lit", s: JSON.stringify(v) };
  if (typeof v === "number" && (v < 0 || Object.is(v, -0))) return { t: "un", op: "-", a: { t: "lit", s: String(-v) } };
  return { t: "lit", s: String(v) };
}

/**
 * Tokens of `n` and its precedence: {toks, p, op}. names[i] is alias i's name;
 * inline[i], when given, replaces alias i by a literal node.
 */
function tokens(n, ctx) {
  const out = printNode(n, ctx);
  if (n.paren && !ctx.trace) return { toks: ["(", ...out.toks, ")"], p: PRIMARY };
  return out;
}

function wrap(r, ok) { return ok ? r.toks : ["(", ...r.toks, ")"]; }
function traced(toks, ctx) { return ctx.trace ? ["__t", "(", ...toks, ")"] : toks; }
const isBareNumber = (r) => r.toks.length === 1 && /^\d+$/.test(r.toks[0]);

function printNode(n, ctx) {
  switch (n.t) {
    case "lit": return { toks: [n.s], p: PRIMARY, lit: true };
    case "alias": {
      if (ctx.inline) return tokens(ctx.inline[n.i], ctx);
      return { toks: traced([ctx.names[n.i]], ctx), p: PRIMARY };
    }
    case "volatile": return { toks: traced(["(", n.s, ")"], ctx), p: PRIMARY };
    case "tpl": {
      if (n.xs.length === 0) return { toks: ["`" + n.raw[0] + "`"], p: PRIMARY };
      const toks = ["`" + n.raw[0] + "${"];
      n.xs.forEach((x, i) => {
        toks.push(...tokens(x, ctx).toks);
        toks.push("}" + n.raw[i + 1] + (i + 1 === n.xs.length ? "`" : "${"));
      });
      return { toks: traced(toks, ctx), p: PRIMARY };
    }
    case "un": {
      const a = tokens(n.a, ctx);
      const inner = wrap(a, a.p >= UNARY);
      return { toks: traced([n.op, ...inner], ctx), p: ctx.trace ? CALL : UNARY };
    }
    case "bin": {
      const p = PREC[n.op];
      const a = tokens(n.a, ctx), b = tokens(n.b, ctx);
      let okA, okB;
      if (n.op === "**") { okA = a.p >= CALL; okB = b.p >= p; }
      else if (n.op === "??") { okA = (a.op === "??" && !n.a.paren) || a.p >= 4; okB = b.p >= 4; }
      else if (n.op === "||") { okA = a.p >= 2 && a.op !== "??"; okB = b.p >= 3; }
      else if (n.op === "&&") { okA = a.p >= 3; okB = b.p >= 4; }
      else { okA = a.p >= p; okB = b.p >= p + 1; }
      const toks = [...wrap(a, okA), n.op, ...wrap(b, okB)];
      return ctx.trace ? { toks: traced(toks, ctx), p: CALL } : { toks, p, op: n.op };
    }
    case "cond": {
      const c = tokens(n.c, ctx), a = tokens(n.a, ctx), b = tokens(n.b, ctx);
      const toks = [...wrap(c, c.p >= 2), "?", ...wrap(a, a.p >= 1), ":", ...wrap(b, b.p >= 1)];
      return ctx.trace ? { toks: traced(toks, ctx), p: CALL } : { toks, p: 1 };
    }
    case "call": return { toks: traced([...n.f.split(/(\.)/).filter(Boolean), ...argList(n.args, ctx)], ctx), p: CALL };
    case "meth": return { toks: traced([...receiver(n.r, ctx), ".", n.m, ...argList(n.args, ctx)], ctx), p: CALL };
    case "new": return { toks: traced(["new", "Date", ...argList(n.args, ctx)], ctx), p: CALL }; // gen/jsondate.mjs
    case "len": return { toks: traced([...receiver(n.r, ctx), n.opt ? "?." : ".", "length"], ctx), p: CALL };
    case "arr": return { toks: traced(["[", ...elements(n.xs, ctx), "]"], ctx), p: PRIMARY };
    case "obj": {
      const toks = ["{"];
      n.props.forEach((pr, i) => {
        if (i > 0) toks.push(",");
        // Shorthand {a} names the alias (the traced form writes a: __t(a)).
        if (pr.shorthand !== undefined) {
          const name = ctx.names[pr.shorthand];
          toks.push(...(ctx.trace ? [name, ":", ...traced([name], ctx)] : [name]));
          return;
        }
        if (pr.computed) { const k = tokens(pr.computed, ctx); toks.push("[", ...wrap(k, k.p >= 1), "]"); }
        else toks.push(pr.key);
        const v = tokens(pr.v, ctx);
        toks.push(":", ...wrap(v, v.p >= 1));
      });
      toks.push("}");
      return { toks: traced(toks, ctx), p: PRIMARY };
    }
    case "idx": {
      const k = tokens(n.k, ctx);
      return { toks: traced([...receiver(n.r, ctx), n.opt ? "?.[" : "[", ...k.toks, "]"], ctx), p: CALL };
    }
    case "get": return { toks: traced([...receiver(n.r, ctx), n.opt ? "?." : ".", n.name], ctx), p: CALL };
    case "split": {
      const i = tokens(n.i, ctx);
      return { toks: traced([...receiver(n.r, ctx), ".", "split", ...argList(n.args, ctx), "[", ...i.toks, "]"], ctx), p: CALL };
    }
    case "arrow": case "param": return printCallback(n, ctx, tokens);
  }
  throw new Error("unknown node " + n.t);
}

function receiver(r, ctx) {
  const x = tokens(r, ctx);
  return wrap(x, x.p >= CALL && !isBareNumber(x));
}

function argList(args, ctx) {
  return ["(", ...elements(args, ctx), ")"];
}

/** Arguments or array elements, comma-separated; {t:"spread", a} is `...a`. */
function elements(xs, ctx) {
  const toks = [];
  xs.forEach((a, i) => {
    if (i > 0) toks.push(",");
    if (a.t === "spread") toks.push("...");
    const x = tokens(a.t === "spread" ? a.a : a, ctx);
    toks.push(...wrap(x, x.p >= 1));
  });
  return toks;
}

const WORD = /[A-Za-z0-9_$.]/;
const OPCH = /[-+*/%<>=!&|^?~:.]/;
const SEPARATORS = [
  " ", " ", " ", " ", "", "", "", "\n", "\t", "  ", " /* c */ ", "/**/", " // note\n", "\r\n",
  // Every other kind of JavaScript whitespace and line terminator.
  "\u00a0", "\ufeff", "\u2003", "\u3000", "\v", "\f", "\u2028", "\u2029", "\u1680", "\u202f", "\u205f", " /* \u2028 */ ",
];

/** Deterministic xorshift from a seed. */
export function prng(seed) {
  let r = (seed >>> 0) || 0x9e3779b9;
  return () => { r ^= r << 13; r >>>= 0; r ^= r >>> 17; r ^= r << 5; r >>>= 0; return r / 4294967296; };
}

/** Join tokens as a person would write them (seed 0: for printed regression tests). */
function plainJoin(toks) {
  let s = toks[0] ?? "";
  for (let i = 1; i < toks.length; i++) {
    const prev = toks[i - 1], t = toks[i];
    const a = s[s.length - 1], b = t[0];
    const clash = (WORD.test(a) && WORD.test(b)) || (OPCH.test(a) && OPCH.test(b));
    const tight = prev === "(" || prev === "[" || prev === "." || t === ")" || t === "]" || t === "," || t === "." ||
      ((t === "(" || t === "[") && /[\w$)\]]$/.test(prev) && !/^(typeof|void)$/.test(prev));
    const member = prev === "." || t === "."; // bare integer receivers are parenthesized, so `x.y` never merges
    s += member || (tight && !clash) ? t : " " + t;
  }
  return s;
}

/** Join tokens with separators that never merge two tokens into one (seed 0: plain layout). */
export function join(toks, seed) {
  if (seed === 0) return plainJoin(toks);
  const rnd = prng(seed);
  let s = toks[0] ?? "";
  for (let i = 1; i < toks.length; i++) {
    const a = s[s.length - 1], b = toks[i][0];
    let sep = SEPARATORS[Math.floor(rnd() * SEPARATORS.length)];
    const clash = (WORD.test(a) && WORD.test(b)) || (OPCH.test(a) && OPCH.test(b)) || a === "/" || b === "/";
    if (clash && sep === "") sep = " ";
    // No line break before an arrow's => nor after return (JavaScript would end the statement there).
    if ((toks[i] === "=>" || toks[i - 1] === "return") && /[\n\r\u2028\u2029]/.test(sep)) sep = " ";
    if (sep === "/**/" && (a === "/" || a === "*" || b === "/" || b === "*")) sep = " ";
    s += sep + toks[i];
  }
  return s;
}

/** The tokens of a case's expression (aliases named by `names`). */
export function caseTokens(c, names, trace = false) {
  const inline = c.inline ? c.values.map((j) => valueLiteral(JSON.parse(j))) : null;
  return tokens(c.tree, { names, trace, inline }).toks;
}

/** The source text of a case's expression. */
export function render(c, names) {
  return join(caseTokens(c, names), c.seed);
}

/** The traced source text (single spaces; only the oracle reads it). */
export function renderTraced(c, names) {
  return caseTokens(c, names, true).join(" ");
}
