// Generated config documents for the YAML differential test: config-shaped YAML
// in every style the reader supports (block and flow collections, plain / quoted /
// block scalars, comments, anchors, aliases, merge keys, document markers), plus
// mutations that make many of them invalid (duplicate keys, bad indentation,
// unterminated quotes, bad escapes, unknown aliases, …). Deterministic per seed.

export function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (a) => a[Math.floor(next() * a.length)],
    chance: (p) => next() < p,
  };
}

const WORDS = ["press", "tF", "r", "pump", "motor", "rpm", "temp", "a", "b", "x1", "value", "mapping", "sources", "état", "温度", "v_2"];
const NUMBERS = ["0", "1", "-2", "+3", "42", "1.50", "-0", "0.0", "1e3", "1E-2", "-1.5e+2", ".5", "5.", "0x1F", "0o17", "0x0", "12345678901234567890",
  ".inf", "-.inf", "+.Inf", ".nan", ".NaN", "007", "1_000", "0b101", "1.2.3", "1e", "+.5"];
const LITERALS = ["true", "True", "TRUE", "false", "FALSE", "null", "Null", "~", "yes", "no", "on", "off", "NULL"];
const EXPRESSIONS = ["press + 4.00001", "tF * 69 / 31", "press/4", "r ? 1 : 0", "Math.max(press, tF)", "press > 10 && tF < 5",
  "\"SN-P42\"", "'quoted'", "press - 1 # not a comment?", "a:b", "x #y", "value.toFixed(2)", "[1, 2][0]", "{a: 1}.a",
  "é + 'ü'", "温度 * 2", "😀", "- 1", ": y", "% z", "@at", "`tick`", "a, b", "[x]", "{y}", "*star", "&amp", "|pipe", ">gt"];

function plainSafe(s) {
  // Words and numbers that stay plain scalars in any context.
  return s;
}

function scalar(r, depth, ctx) {
  const k = r.int(12);
  switch (k) {
    case 0: return r.pick(NUMBERS);
    case 1: return r.pick(LITERALS);
    case 2: case 3: return plainSafe(r.pick(WORDS));
    case 4: return r.pick(EXPRESSIONS);
    case 5: return singleQuoted(r);
    case 6: return doubleQuoted(r);
    case 7: return ctx.flow ? doubleQuoted(r) : r.chance(0.5) ? blockScalar(r, ctx.indent) : multiLinePlain(r, ctx.indent);
    case 8: return "";
    case 9: return `${r.pick(WORDS)} ${r.pick(["+", "*", "-", "/"])} ${r.pick(NUMBERS)}`;
    default: return r.pick(WORDS) + "." + r.pick(WORDS);
  }
}

function singleQuoted(r) {
  const parts = ["'"];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) parts.push(r.pick([r.pick(WORDS), "''", " ", "\\n", "\"", "#", ": ", "é", "😀", r.pick(EXPRESSIONS).replace(/'/g, "''")]));
  if (r.chance(0.1)) parts.push("\n   continued");
  parts.push("'");
  return parts.join("");
}

const ESCAPES = ["\\n", "\\t", "\\\\", "\\\"", "\\/", "\\u00e9", "\\x41", "\\U0001F600", "\\0", "\\e", "\\N", "\\_", "\\L", "\\ ", "\\uD83D", "\\a", "\\b", "\\r", "\\v", "\\f", "\\P"];
function doubleQuoted(r) {
  const parts = ['"'];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) parts.push(r.pick([r.pick(WORDS), r.pick(ESCAPES), " ", "'", "#", ": ", "é", "中"]));
  if (r.chance(0.1)) parts.push("\n    more");
  if (r.chance(0.05)) parts.push("\\\n    joined");
  parts.push('"');
  return parts.join("");
}

// A line starting with ": " at a lower indentation ends a block scalar and is an
// entry with an empty key to the `yaml` package; empty keys are not supported.
const BLOCK_LINES = EXPRESSIONS.filter((e) => !e.startsWith(": "));

function blockScalar(r, indent) {
  const style = r.pick(["|", ">"]);
  const chomp = r.pick(["", "", "-", "+"]);
  const ind = r.chance(0.15) ? "2" : "";
  const pad = " ".repeat(indent + 2);
  const lines = [];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const t = r.int(6);
    if (t === 0) lines.push("");
    else if (t === 1) lines.push(pad + "  " + r.pick(WORDS));
    else lines.push(pad + r.pick(BLOCK_LINES));
  }
  let text = `${style}${r.chance(0.5) ? ind + chomp : chomp + ind}${r.chance(0.2) ? " # header comment" : ""}\n${lines.join("\n")}`;
  if (r.chance(0.3)) text += "\n";
  return text;
}

function multiLinePlain(r, indent) {
  const pad = " ".repeat(indent + 2 + r.int(3));
  let s = r.pick(WORDS);
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) s += "\n" + (r.chance(0.2) ? "\n" : "") + pad + r.pick(["+ 1", "b", "c d", "- e", r.pick(WORDS)]);
  return s;
}

/** A value node: { text, block } — block means it must start on the next line. */
function value(r, depth, ctx) {
  const k = depth > 3 ? 0 : r.int(10);
  if (k <= 5) {
    let s = scalar(r, depth, ctx);
    if (ctx.anchors && r.chance(0.08)) {
      const name = "s" + r.int(4);
      ctx.anchors.push(name);
      s = `&${name} ${s}`;
    } else if (ctx.anchors && ctx.anchors.length > 0 && r.chance(0.1)) {
      s = "*" + r.pick(ctx.anchors);
    }
    return { text: s, block: false };
  }
  if (k <= 7) return { text: flowMap(r, depth + 1, ctx), block: false };
  if (k === 8) return { text: flowSeq(r, depth + 1, ctx), block: false };
  return { text: null, block: true };
}

function flowScalar(r, ctx) {
  const s = scalar(r, 0, { ...ctx, flow: true });
  if (/[,\[\]{}#]|: /.test(s) && !/^["']/.test(s)) return JSON.stringify(s);
  return s;
}

function flowMap(r, depth, ctx) {
  const n = r.int(4);
  const parts = [];
  for (let i = 0; i < n; i++) {
    const key = r.chance(0.2) ? JSON.stringify(r.pick(WORDS)) : r.pick(WORDS);
    let v;
    if (depth < 3 && r.chance(0.2)) v = flowMap(r, depth + 1, ctx);
    else if (ctx.anchors && ctx.anchors.length > 0 && r.chance(0.1)) v = "*" + r.pick(ctx.anchors);
    else v = flowScalar(r, ctx);
    if (ctx.anchors && ctx.mapAnchors.length > 0 && r.chance(0.1)) parts.push(`<<: *${r.pick(ctx.mapAnchors)}`);
    parts.push(r.chance(0.1) ? key : `${key}:${key.startsWith('"') && r.chance(0.5) ? "" : " "}${v}`);
  }
  const sep = r.chance(0.2) ? ",\n" + " ".repeat(ctx.indent + 2) : ", ";
  return `{${r.chance(0.3) ? " " : ""}${parts.join(sep)}${r.chance(0.1) && n > 0 ? "," : ""}${r.chance(0.3) ? " " : ""}}`;
}

function flowSeq(r, depth, ctx) {
  const n = r.int(4);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(depth < 3 && r.chance(0.2) ? flowSeq(r, depth + 1, ctx) : flowScalar(r, ctx));
  return `[${parts.join(", ")}]`;
}

function blockMap(r, indent, depth, ctx, keys) {
  const pad = " ".repeat(indent);
  const lines = [];
  const n = keys ? keys.length : 1 + r.int(4);
  const used = new Set();
  for (let i = 0; i < n; i++) {
    let key = keys ? keys[i] : r.pick(WORDS);
    if (!keys && used.has(key) && r.chance(0.9)) continue;
    used.add(key);
    if (r.chance(0.1)) key = r.pick([`"${key}"`, `'${key}'`, `${r.pick(NUMBERS)}`, r.pick(LITERALS)]);
    if (r.chance(0.05)) lines.push(pad + "# a comment line");
    if (r.chance(0.05)) lines.push("");
    if (ctx.mapAnchors.length > 0 && r.chance(0.08)) {
      lines.push(`${pad}<<: ${r.chance(0.7) ? "*" + r.pick(ctx.mapAnchors) : "[" + ctx.mapAnchors.map((a) => "*" + a).join(", ") + "]"}`);
    }
    const v = value(r, depth, { ...ctx, indent });
    const comment = r.chance(0.1) ? "   # trailing comment" : "";
    if (v.block && depth < 3) {
      let anchor = "";
      if (r.chance(0.2)) {
        const name = "m" + r.int(3);
        anchor = ` &${name}`;
        ctx.pendingMapAnchors.push(name);
      }
      const useSeq = r.chance(0.15);
      lines.push(`${pad}${key}:${anchor}${comment}`);
      if (useSeq) lines.push(blockSeq(r, indent + (r.chance(0.5) ? 0 : 2), depth + 1, ctx));
      else lines.push(blockMap(r, indent + 2 + (r.chance(0.1) ? 1 : 0), depth + 1, ctx));
      if (anchor) ctx.mapAnchors.push(...ctx.pendingMapAnchors.splice(0));
    } else {
      const text = v.text ?? r.pick(WORDS);
      lines.push(`${pad}${key}:${text === "" ? "" : " " + text}${/\n/.test(text) ? "" : comment}`);
    }
  }
  if (lines.length === 0) lines.push(`${pad}${r.pick(WORDS)}: 1`);
  return lines.join("\n");
}

function blockSeq(r, indent, depth, ctx) {
  const pad = " ".repeat(indent);
  const lines = [];
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    if (r.chance(0.2) && depth < 3) lines.push(`${pad}- ${blockMap(r, indent + 2, depth + 1, ctx).trimStart()}`);
    else lines.push(`${pad}- ${flowScalar(r, ctx)}`);
  }
  return lines.join("\n");
}

/** One config document. */
export function generateConfig(r) {
  const ctx = { indent: 0, anchors: [], mapAnchors: [], pendingMapAnchors: [], flow: false };
  const parts = [];
  if (r.chance(0.1)) parts.push("# generated config");
  if (r.chance(0.1)) parts.push("---");
  const top = ["mode", "model", "output_topic", "sources", "mapping"].filter(() => r.chance(0.9));
  if (r.chance(0.05)) top.push(r.pick(WORDS));
  for (const key of top) {
    if (key === "mode") parts.push(`mode: ${r.pick(["timeseries", "'timeseries'", "other", "1"])}`);
    else if (key === "model") {
      parts.push(r.chance(0.5) ? `model: { name: ${r.pick(["pump", "'p'", "1.0", "x"])}, version: ${r.pick(["v1", "1", "1.50", "'2'", "true"])} }`
        : `model:\n  name: ${r.pick(["pump", "p"])}\n  version: ${r.pick(["v1", "2.0"])}`);
    } else if (key === "output_topic") parts.push(`output_topic: ${r.pick(["umh.v1.corp.site", "'umh.v1.a'", "\"umh.v1.é\""])}`);
    else if (key === "sources") {
      const n = 1 + r.int(3);
      const lines = ["sources:"];
      for (let i = 0; i < n; i++) lines.push(`  ${r.pick(["press", "tF", "r", "a", "b"])}: umh.v1.t.${r.pick(WORDS)}${i}`);
      if (r.chance(0.2)) parts.push(`sources: {press: umh.v1.t.p, tF: "umh.v1.t.f"}`);
      else parts.push(lines.join("\n"));
    } else if (key === "mapping") {
      if (r.chance(0.1)) { parts.push(`mapping: ${flowMap(r, 1, ctx)}`); continue; }
      parts.push("mapping:");
      if (r.chance(0.3)) {
        // Anchored maps to merge later.
        const name = "m" + r.int(3);
        parts.push(`  base: &${name}\n    x: ${r.pick(NUMBERS)}\n    y: ${r.pick(EXPRESSIONS.filter((e) => !/^[-?:%@`*&!|>\[{'"]/.test(e) && !/: | #/.test(e)))}`);
        ctx.mapAnchors.push(name);
      }
      parts.push(blockMap(r, 2, 1, ctx));
    } else parts.push(`${key}: ${r.pick(WORDS)}`);
  }
  if (r.chance(0.05)) parts.push("...");
  let doc = parts.join("\n") + (r.chance(0.8) ? "\n" : "");
  if (r.chance(0.35)) doc = mutate(r, doc);
  return doc;
}

const MUTATIONS = [
  (r, d) => d.replace(/\n(\s*)(\w+):/, "\n$1$2:\n$1$2:"),           // duplicate key
  (r, d) => d.replace(/\n  (\w)/, "\n   $1"),                         // bad indentation
  (r, d) => d.replace(/\n  (\w)/, "\n $1"),
  (r, d) => d.replace(/'/, ""),                                       // unbalanced quote
  (r, d) => d.replace(/"/, ""),
  (r, d) => d.replace(/: /, ": \\q"),
  (r, d) => d.replace(/"/, '"\\q'),                                   // bad escape
  (r, d) => d.replace(/\n  /, "\n\t"),                                // tab indentation
  (r, d) => d + "extra: *nowhere\n",                                  // unknown alias
  (r, d) => d.replace(/: (\w+)/, ": $1: x"),                          // nested compact mapping
  (r, d) => d.replace(/\{/, "{ a: 1, "),
  (r, d) => d.replace(/\}/, ""),                                      // unclosed flow map
  (r, d) => d.replace(/\]/, ""),
  (r, d) => d.replace(/, /, ",, "),
  (r, d) => d + "---\nmore: 1\n",                                     // two documents
  (r, d) => d + "<<: 5\n",                                            // merge of a scalar
  (r, d) => d.replace(/\n/, "\n  # indented comment\n"),
  (r, d) => d.replace(/: /, ":"),
  (r, d) => d.replace(/ #/, "#"),
  (r, d) => d + "  stray: 1\n",
  (r, d) => d + "- item\n",
  (r, d) => d.replace(/^/, "  "),
  (r, d) => d.replace(/\n$/, ""),
  (r, d) => d.replace(/mapping:/, "mapping: &top"),
  (r, d) => d.replace(/\n(\w)/, "\n\n\n$1"),
  (r, d) => d.replace(/\r?\n/g, "\r\n"),
  (r, d) => d.replace(/(\w+): (\w+)/, "$1: '$2\n  more'"),
  (r, d) => d.replace(/\|/, "|0"),
  (r, d) => d.replace(/>/, ">9"),
  (r, d) => d + "k: [a, b\n",
  (r, d) => d.replace(/: /, ": &a &b "),
  (r, d) => d + "z: &e\n",
];

function mutate(r, doc) {
  const n = 1 + r.int(2);
  for (let i = 0; i < n; i++) doc = r.pick(MUTATIONS)(r, doc);
  return doc;
}

// Small documents built from fragments that exercise the corners: keys of every
// scalar type, sequences in mappings, aliases in every position, merge lists,
// alias expansion counts, document markers, comments and white space.
const FRAGMENTS = [
  "a: 1", "a: 1.0", "1: x", "0x1: y", "1.0: z", "'1': q", "\"a\": 2", "a  : spaced", "~: n", "null: n2", "true: t", "TRUE: t2",
  "b:\n- 1\n- two", "b:\n  - 1\n  - - nested\n    - seq", "c: [1, [2, 3], {d: 4}]", "c: {<<: [*A, *B], z: 9}",
  "d: &A {x: 1, y: 2}", "e: &B {y: 3, w: 4}", "f:\n  <<: *A\n  x: 10", "f2:\n  x: 10\n  <<: [*B, *A]", "g: *A", "h: *S",
  "s: &S 42", "t: &T 'str'", "u: [*S, *S, *T]", "mapping:\n  m: *S\n  n: 1.50\n  o: true\n  p: *A\n  q: [1.0, *S]",
  "mapping: *A", "mapping: 7", "mapping:\n  <<: *A\n  k: 0x10", "k: - x", "k: a: b", "k: |\n  text\n   more\n\n  end",
  "k: >-\n  folded\n  lines\n\n  para\n    indented\n  back", "k: |2\n   two\n  one", "k: \"a\\\n  b\"", "k: 'it''s'",
  "k: \"\\u00e9\\U0001F600\\x41\"", "# only a comment", "", "---", "...", "--- x", "k: v # c", "k: v#c", "k: [a, b, ]",
  "k: {a: 1, }", "k: {a, b: 2}", "k: @x", "k: `x",
  "k:\n\ta: 1", "k: v\t", "k:    \n  v", "- a\n- b", "- a: 1\n  b: 2\n- c", "k: &a1\n  x: 1\nl: *a1", "k: &x\nl: *x",
  "k: *undefined", "k: &self [*self]", "k: {a: 1, a: 2}", "k:\n  a: 1\n  a: 2", "k:\n  1: a\n  1.0: b", "k:\n  .nan: a\n  .nan: b",
  "k:\n  1: a\n  '1': b", "k: -.inf", "k: +12", "k: 0o777", "k: 0xFFFFFFFFFFFFFFFFF", "k: 1e400", "k: -0", "k: 007",
  "k: 12345678901234567890", "k: 1_000", "k: 0b11", "k:\n  - &I 1\n  - *I", "k: [*A, *B]", "<<: *A", "<<: [*A, 5]",
  "k: \"multi\n  line\"", "k: plain\n  continued\n\n  para", "k: 'single\n\n  para'", "k:   # comment\n  - x",
  "k:\n  # c1\n  a: 1\n  # c2\n  b: 2", "\"quoted key\": 1", "'': empty", "\"\": empty2", "k: ''", "k: \"\"",
  "k: [a,\n  b]", "k: {a: 1,\n  b: 2}", "é: ü", "中文: 值", "k: 😀", "k: a # b # c", "k: 'a # b'", "k: \"a: b\"",
];

/** A small document of random fragments (anchors A, B, S, T defined first when used). */
export function generateFragments(r) {
  const parts = [];
  const n = 1 + r.int(5);
  if (r.chance(0.7)) parts.push(r.pick(["s: &S 42", "s: &S 1.50", "s: &S true", "s: &S x"]));
  if (r.chance(0.6)) parts.push("d: &A {x: 1, y: 2}");
  if (r.chance(0.5)) parts.push("e: &B {y: 3, w: 4}");
  if (r.chance(0.3)) parts.push("t: &T 'str'");
  for (let i = 0; i < n; i++) parts.push(r.pick(FRAGMENTS));
  if (r.chance(0.05)) {
    // An alias bomb: each level doubles the expansions.
    parts.push("b0: &b0 [x, x]");
    for (let i = 1; i < 2 + r.int(8); i++) parts.push(`b${i}: &b${i} [*b${i - 1}, *b${i - 1}]`);
  }
  if (r.chance(0.05)) {
    const k = 95 + r.int(10);
    parts.push("many: [" + Array.from({ length: k }, () => "*S").join(", ") + "]");
  }
  let doc = parts.join("\n") + (r.chance(0.8) ? "\n" : "");
  if (r.chance(0.1)) doc = "---\n" + doc;
  if (r.chance(0.1)) doc = mutate(r, doc);
  return doc;
}
