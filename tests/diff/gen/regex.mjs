// Random regular expressions over the syntax the module runs (docs/expressions.md
// "Regular expressions"), subjects built to match or almost match them, and the
// expressions that use them (test, exec, match, search, replace, replaceAll,
// split(...)[i], properties). Patterns stay small and subjects short, so V8's own
// backtracking cannot run away on them (pathological cases are tested apart).
import fc from "fast-check";
import { prng } from "./render.mjs";

const LETTERS = ["a", "b", "c", "A", "B", "x", "0", "1", "9", " ", "-", "_", "é", "ß", "σ", "Σ", "ς", "K", "k", "\u212a", "ſ", "s", "S", "😀", "\n"];
const CLASS_ESC = ["\\d", "\\D", "\\w", "\\W", "\\s", "\\S"];
const CHAR_ESC = ["\\n", "\\t", "\\x41", "\\x61", "\\u0062", "\\u00e9", "\\cJ", "\\.", "\\*", "\\/", "\\-", "\\(", "\\$", "\\0", "\\f", "\\v", "\\r"];
const ANY_ESC = ["\\q", "\\e", "\\8", "\\k", "\\cx1", "\\x4", "\\u12", "\\_", "\\ "]; // identity and Annex B forms (no u flag)
const FLAG_SETS = ["", "", "g", "i", "gi", "m", "s", "u", "iu", "gu", "gm", "gims", "gimsu", "y"].filter((f) => !f.includes("y"));

/** Draw from a seeded generator. */
function make(rnd) {
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  return { rnd, pick, int };
}

/**
 * A pattern as a small tree: {k:"char",s,sample} {k:"class",s,samples} {k:"dot"} {k:"seq",xs} {k:"alt",xs}
 * {k:"group",cap,name,x} {k:"look",neg,x} {k:"quant",x,q} {k:"anchor",s} {k:"backref",s}.
 */
function tree(g, depth, ctx) {
  const r = g.rnd();
  if (depth <= 0 || r < 0.35) return atom(g, ctx);
  if (r < 0.55) return { k: "seq", xs: Array.from({ length: g.int(2, 4) }, () => tree(g, depth - 1, ctx)) };
  if (r < 0.65) return { k: "alt", xs: Array.from({ length: g.int(2, 3) }, () => tree(g, depth - 1, ctx)) };
  if (r < 0.8) {
    const kind = g.int(0, 3);
    const x = tree(g, depth - 1, ctx);
    if (kind === 0) return { k: "group", cap: false, x };
    const name = kind === 3 ? `n${ctx.names.length}` : null;
    if (name) ctx.names.push(name);
    ctx.groups++;
    return { k: "group", cap: true, name, x };
  }
  if (r < 0.85) return { k: "look", neg: g.rnd() < 0.4, x: tree(g, depth - 1, ctx) };
  // Inside a quantified group only bounded quantifiers: (a+)+ and its kin are exponential for V8 too.
  const inner = ctx.inQuant;
  ctx.inQuant = true;
  const x = atomOrGroup(g, depth - 1, ctx);
  ctx.inQuant = inner;
  return { k: "quant", x, q: inner ? g.pick(["?", "{0,2}", "{1,2}", "{2}", "??"]) : quantifier(g) };
}

function atomOrGroup(g, depth, ctx) {
  if (g.rnd() < 0.7) return atom(g, ctx, true);
  const x = tree(g, depth, ctx);
  if (g.rnd() < 0.5) { ctx.groups++; return { k: "group", cap: true, name: null, x }; }
  return { k: "group", cap: false, x };
}

function quantifier(g) {
  const q = g.pick(["*", "+", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}", "{0}", "{1}"]);
  return q + (g.rnd() < 0.3 ? "?" : "");
}

function atom(g, ctx, quantifiable = false) {
  const r = g.rnd();
  if (r < 0.45) { const s = g.pick(LETTERS); return { k: "char", s: s === "\n" ? "\\n" : s === " " && g.rnd() < 0.5 ? "\\x20" : s, sample: s }; }
  if (r < 0.6) { const s = g.pick(CLASS_ESC); return { k: "class", s, samples: classSamples(s) }; }
  if (r < 0.7) return klass(g);
  if (r < 0.76) return { k: "dot" };
  if (r < 0.84) { const s = g.pick(CHAR_ESC); return { k: "char", s, sample: escSample(s) }; }
  if (r < 0.87 && !ctx.unicode) { const s = g.pick(ANY_ESC); return { k: "char", s, sample: s.slice(1, 2) }; }
  if (!quantifiable && r < 0.94) return { k: "anchor", s: g.pick(["^", "$", "\\b", "\\B"]) };
  if (ctx.groups > 0 && r < 0.97) return { k: "backref", s: ctx.names.length > 0 && g.rnd() < 0.5 ? `\\k<${g.pick(ctx.names)}>` : `\\${g.int(1, ctx.groups)}` };
  const s = g.pick(LETTERS);
  return { k: "char", s: s === "\n" ? "\\n" : s, sample: s };
}

function escSample(s) {
  const m = { "\\n": "\n", "\\t": "\t", "\\x41": "A", "\\x61": "a", "\\u0062": "b", "\\u00e9": "é", "\\cJ": "\n", "\\0": "\0", "\\f": "\f", "\\v": "\v", "\\r": "\r" };
  return m[s] ?? s.slice(1);
}

function classSamples(s) {
  return { "\\d": ["0", "7"], "\\D": ["a", "-"], "\\w": ["a", "Z", "_"], "\\W": [" ", "é"], "\\s": [" ", "\n", "\u00a0"], "\\S": ["x", "1"] }[s];
}

function klass(g) {
  const parts = [], samples = [];
  for (let i = g.int(1, 3); i > 0; i--) {
    const r = g.rnd();
    if (r < 0.4) { const c = g.pick(["a", "b", "x", "0", "_", "é", "Σ", "K", ".", "$", "*"]); parts.push(c); samples.push(c); }
    else if (r < 0.7) { const [a, b] = g.pick([["a", "f"], ["0", "5"], ["A", "Z"], ["α", "ω"], ["\\x20", "\\x2f"]]); parts.push(`${a}-${b}`); samples.push(a.startsWith("\\") ? " " : a); }
    else if (r < 0.9) { const e = g.pick(CLASS_ESC); parts.push(e); samples.push(...classSamples(e)); }
    else { const e = g.pick(["\\n", "\\b", "\\-", "\\]", "\\\\"]); parts.push(e); samples.push(escSample(e)); }
  }
  const neg = g.rnd() < 0.25;
  return { k: "class", s: `[${neg ? "^" : ""}${parts.join("")}]`, samples: neg ? ["#", "~"] : samples };
}

function text(n) {
  switch (n.k) {
    case "char": case "class": case "anchor": case "backref": return n.s;
    case "dot": return ".";
    case "seq": return n.xs.map(text).join("");
    case "alt": return n.xs.map(text).join("|");
    case "group": return n.cap ? (n.name ? `(?<${n.name}>${text(n.x)})` : `(${text(n.x)})`) : `(?:${text(n.x)})`;
    case "look": return `(?${n.neg ? "!" : "="}${text(n.x)})`;
    case "quant": {
      const inner = text(n.x);
      const simple = n.x.k === "char" || n.x.k === "class" || n.x.k === "dot" || n.x.k === "group" || n.x.k === "backref";
      return (simple ? inner : `(?:${inner})`) + n.q;
    }
  }
  return "";
}

/** A string the pattern likely matches (lookarounds and anchors ignored). */
function sample(g, n) {
  switch (n.k) {
    case "char": return n.sample;
    case "class": return g.pick(n.samples);
    case "dot": return g.pick(["a", "z", " ", "😀"]);
    case "seq": return n.xs.map((x) => sample(g, x)).join("");
    case "alt": return sample(g, g.pick(n.xs));
    case "group": return sample(g, n.x);
    case "quant": {
      const m = /\{(\d+)(,(\d*))?\}/.exec(n.q);
      const lo = n.q[0] === "+" ? 1 : m ? Number(m[1]) : 0;
      const hi = n.q[0] === "*" || n.q[0] === "+" ? 3 : n.q[0] === "?" ? 1 : m ? (m[2] ? (m[3] ? Number(m[3]) : lo + 2) : lo) : 1;
      return Array.from({ length: g.int(lo, hi) }, () => sample(g, n.x)).join("");
    }
  }
  return "";
}

function mutate(g, s) {
  const cps = [...s];
  const k = g.int(0, 3);
  for (let i = 0; i < k; i++) {
    const at = g.int(0, cps.length);
    const r = g.rnd();
    if (r < 0.4 && cps.length > 0) cps.splice(Math.min(at, cps.length - 1), 1);
    else if (r < 0.8) cps.splice(at, 0, g.pick(LETTERS));
    else if (cps.length > 0) cps[Math.min(at, cps.length - 1)] = cps[Math.min(at, cps.length - 1)].toUpperCase();
  }
  return cps.join("");
}

/** `count` patterns, each {source, flags, subjects: [4 strings]}: a valid literal for V8 with its flags. */
export function regexCorpus(seed, count) {
  const g = make(prng(seed));
  const out = [];
  while (out.length < count) {
    const flags = g.pick(FLAG_SETS);
    const ctx = { groups: 0, names: [], unicode: flags.includes("u"), inQuant: false };
    const t = tree(g, 3, ctx);
    const source = text(t);
    if (source === "" ) continue;
    try { new RegExp(source, flags); } catch { continue; } // e.g. a quantified lookahead with u
    const a = sample(g, t), b = sample(g, t);
    const subjects = [a, mutate(g, a), `${mutate(g, b)}${g.pick(["", " ", "x", "\n"])}${b}`, mutate(g, sample(g, t) + sample(g, t))];
    out.push({ source, flags, subjects: subjects.map((s) => s.slice(0, 24)) });
  }
  return out;
}

const TEMPLATES = ["<$&>", "$1", "[$2|$1]", "$$", "$`", "$'", "$<n0>", "$<zz>", "$10", "$01", "x", "", "$", "$0", "-$&-$1-"];

/** The expressions over one corpus entry; `s` names the subject alias. */
export function regexExpressions(e, s, k) {
  const re = `/${e.source}/${e.flags}`;
  const g = make(prng(k * 7919 + 1));
  const all = [
    `${re}.test(${s})`,
    `JSON.stringify(${s}.match(${re}))`,
    `${s}.search(${re})`,
    `${s}.replace(${re}, ${JSON.stringify(g.pick(TEMPLATES))})`,
    `JSON.stringify(${re}.exec(${s}))`,
    `${s}.split(${re})[${g.int(0, 3)}] ?? "none"`,
    `JSON.stringify(${s}.split(${re}, ${g.int(0, 3)})[${g.int(0, 2)}] ?? null)`,
    `(${s}.match(${re}) ?? {index: -1}).index`,
    `JSON.stringify((${s}.match(${re}) ?? {groups: 0}).groups)`,
  ];
  if (e.flags.includes("g")) all.push(`${s}.replaceAll(${re}, ${JSON.stringify(g.pick(TEMPLATES))})`);
  return all;
}

/** For the random-expression fuzzer: a regex literal (text) valid in V8. */
export const regexLiteral = fc.integer({ min: 1, max: 0x7fffffff }).map((seed) => {
  const [e] = regexCorpus(seed, 1);
  return `/${e.source}/${e.flags}`;
});
