// The differential fuzzer: generate cases with fast-check arbitraries, run them
// in batches through the real host, compare each with V8, and shrink a failing
// case with fast-check's own shrinker (driven case by case, so that the bulk
// run can batch hundreds of mappings per processor), then by replacing subtrees
// with their children. Shared by tests/diff/expressions.test.ts and
// scripts/fuzz-expr.mjs.
import fc from "fast-check";
import { caseArbitrary } from "./gen/expr.mjs";
import { aliasValues, ALIAS_KINDS } from "./gen/values.mjs";
import { render, renderTraced } from "./gen/render.mjs";
import { runThroughHost, aliasNames } from "./pipeline.mjs";
import { compareCase } from "./compare.mjs";

/** The default depth budget of generated trees (up to ~50 nodes). */
export const DEPTH = 4;
const arbitraries = new Map();
/** The case arbitrary for a depth budget. */
export function caseOf(depth = DEPTH) {
  if (!arbitraries.has(depth)) arbitraries.set(depth, caseArbitrary(aliasValues, depth));
  return arbitraries.get(depth);
}
export const CASE = caseOf(DEPTH);
export const REGRESSION_NAMES = ALIAS_KINDS.map((_, k) => `v${k}`);
const MAX_EXPRESSION_BYTES = 4000;

/** A mutable xoshiro128** generator in the shape fast-check's Random wraps. */
function generator(seed) {
  const s = new Uint32Array([seed >>> 0, 0x9e3779b9, 0x243f6a88, 0xb7e15162]);
  const rotl = (x, k) => (x << k) | (x >>> (32 - k));
  const g = {
    next() {
      const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9);
      const t = s[1] << 9;
      s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
      return r | 0;
    },
    clone() { const c = generator(0); c.setState(s); return c; },
    setState(x) { s.set(x); },
    getState() { return Array.from(s); },
    jump() { for (let i = 0; i < 42; i++) g.next(); },
  };
  for (let i = 0; i < 16; i++) g.next();
  return g;
}

/** `count` generated cases (fast-check Values, shrinkable) from `seed`. */
export function generateCases(seed, count, depth = DEPTH) {
  const arb = caseOf(depth);
  const mrng = new fc.Random(generator(seed));
  const out = [];
  // fast-check's bias factor (smaller: more edge values), cycling so each batch has every level.
  for (let i = 0; i < count; i++) out.push(arb.generate(mrng, 2 + (i % 7)));
  return out;
}

/** The runnable form of a generated case: expression text per name set, values. */
function prepare(c, names) {
  return { expr: render(c, names), traced: renderTraced(c, names), names, values: c.values };
}

/**
 * Run cases (plain objects from CASE) through `SP` and compare each with V8.
 * Returns [{index, case, prepared, diff}] for the ones that differ; `skipped`
 * counts expressions over the 4 KiB expression limit (not run).
 */
export async function checkCases(SP, cases, stats = { run: 0, skipped: 0 }) {
  const prepared = [], index = [];
  cases.forEach((c, i) => {
    const p = prepare(c, aliasNames(i, c.values.length));
    if (Buffer.byteLength(p.expr) > MAX_EXPRESSION_BYTES) { stats.skipped++; return; }
    prepared.push(p);
    index.push(i);
  });
  const results = await runThroughHost(SP, prepared);
  const failures = [];
  prepared.forEach((p, k) => {
    const diff = compareCase({ ...p, result: results[k] });
    if (diff !== null) failures.push({ index: index[k], case: cases[index[k]], prepared: p, diff });
  });
  stats.run += prepared.length;
  return failures;
}

async function fails(SP, c, kind) {
  const f = await checkCases(SP, [c]);
  return f.length > 0 && f[0].diff.kind === kind ? f[0] : null;
}

/** Children of a tree node (for structural shrinking). */
function children(n) {
  switch (n.t) {
    case "un": case "len": return [n.a ?? n.r].filter(Boolean);
    case "bin": return [n.a, n.b];
    case "cond": return [n.c, n.a, n.b];
    case "tpl": return n.xs;
    case "call": return n.args;
    case "meth": return [n.r, ...n.args];
    case "split": return [n.r, ...n.args, n.i];
    default: return [];
  }
}

/** Every tree obtained by replacing one node with one of its children, or dropping its parentheses. */
function* simpler(tree) {
  if (tree.paren) yield { ...tree, paren: false };
  for (const ch of children(tree)) yield ch;
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === "object" && !Array.isArray(v) && v.t) {
      for (const s of simpler(v)) yield { ...tree, [k]: s };
    } else if (Array.isArray(v) && k !== "raw") {
      for (let i = 0; i < v.length; i++) {
        if (!v[i] || !v[i].t) continue;
        for (const s of simpler(v[i])) { const copy = v.slice(); copy[i] = s; yield { ...tree, [k]: copy }; }
      }
    }
  }
}

/**
 * Shrink a failing generated case (a fast-check Value): first fast-check's
 * shrinker, then subtree replacement; then a plain layout. Returns the
 * smallest failure found.
 */
export async function shrink(SP, value, first, maxSteps = 3000, depth = DEPTH) {
  const arb = caseOf(depth);
  const kind = first.diff.kind;
  let cur = value, best = first, steps = 0;
  outer: while (steps < maxSteps) {
    // value_ is the unshrunk value fast-check's own runner hands to shrink().
    for (const s of arb.shrink(cur.value_, cur.context)) {
      if (++steps > maxSteps) break outer;
      const f = await fails(SP, s.value, kind);
      if (f) { cur = s; best = f; continue outer; }
    }
    break;
  }
  let c = best.case;
  outer2: for (;;) {
    for (const tree of simpler(c.tree)) {
      const f = await fails(SP, { ...c, tree }, kind);
      if (f) { c = f.case; best = f; continue outer2; }
    }
    break;
  }
  // Seed 0 is the plain layout (single spaces, no comments), unless the layout is the point.
  const plain = await fails(SP, { ...c, seed: 0 }, kind);
  return plain ?? best;
}

/** A ready-to-paste vitest regression test for a failure. */
export function regressionTest(failure) {
  const c = failure.case;
  const expr = render(c, REGRESSION_NAMES);
  const used = REGRESSION_NAMES.filter((n) => new RegExp(`\\b${n}\\b`).test(expr));
  const values = Object.fromEntries(REGRESSION_NAMES.map((n, k) => [n, c.values[k]]).filter(([n]) => used.includes(n)));
  const title = `${expr.replace(/\s+/g, " ").slice(0, 60)} matches V8`;
  return [
    `// ${failure.diff.detail}`,
    `test(${JSON.stringify(title)}, async () => {`,
    `  await expectSameAsV8(${JSON.stringify(expr)}, ${JSON.stringify(values)});`,
    `});`,
  ].join("\n");
}

/** Describe a failure for humans: expression, values, V8's answer, ours. */
export function describeFailure(f) {
  const p = f.prepared;
  const got = f.diff.got ?? {};
  return [
    `expression: ${p.expr}`,
    `values:     ${p.names.map((n, k) => `${n}=${p.values[k]}`).join(" ")}`,
    `difference: ${f.diff.kind}: ${f.diff.detail}`,
    `V8:         ${JSON.stringify(f.diff.want)}`,
    `module:     ${JSON.stringify(got.payload !== undefined ? { payload: got.payload } : got)}`,
  ].join("\n");
}

/**
 * Run generated cases from `seed` in batches of `batch` until `count` ran.
 * Returns {run, skipped, failures} where failures are the raw (unshrunk) ones
 * with their fast-check Values; stops collecting after `maxFailures`.
 */
export async function fuzz(SP, { count, seed, batch = 250, maxFailures = 50, depth = DEPTH, onBatch } = {}) {
  const stats = { run: 0, skipped: 0 };
  const failures = [];
  // Until `count` cases ran (expressions over the size limit are replaced by more).
  for (let start = 0; stats.run < count; start += batch) {
    const values = generateCases(batchSeed(seed, start), Math.min(batch, count - stats.run), depth);
    const cases = values.map((v) => v.value);
    const f = await checkCases(SP, cases, stats);
    for (const x of f) if (failures.length < maxFailures) failures.push({ ...x, generated: values[x.index] });
    if (onBatch) onBatch(stats, failures);
  }
  return { ...stats, failures };
}

/** The generator seed of the batch starting at case `start` of a run with `seed`. */
export function batchSeed(seed, start) {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(start + 1, 0x85ebca6b)) >>> 0;
}
