// Checks syntax mutations (mutate.mjs) against V8 through the real host; shared
// by tests/diff/syntax_mutations.test.ts and scripts/fuzz-syntax.mjs.
//   rejected:   every text V8 rejects as a SyntaxError has a diagnostic naming its mapping, with a caret
//   caret:      where V8 reports an unexpected token, the module's caret is on it
//   named:      what V8 accepts but the subset does not is rejected by name, not as a bare syntax error
//   evaluation: what the module accepts parses in V8 as one expression and evaluates to V8's result
import { generateCases, REGRESSION_NAMES } from "./fuzz.mjs";
import { caseTokens } from "./gen/render.mjs";
import { mutate, v8Accepts, v8SyntaxError, v8CaretOffset } from "./mutate.mjs";
import { runThroughHost } from "./pipeline.mjs";
import { compareCase } from "./compare.mjs";

/** `count` mutants of generated expressions, one to three mutations each (tokens joined by single spaces). */
export function mutants(seed, count) {
  return generateCases(seed, count).map((v, i) => {
    const c = v.value;
    let toks = caseTokens({ ...c, inline: false }, REGRESSION_NAMES);
    const kinds = [];
    for (let k = 0; k <= i % 3 && toks.length > 0; k++) {
      const m = mutate(toks, (seed + i * 3 + k + 1) >>> 0);
      toks = m.toks;
      kinds.push(m.kind);
    }
    return { toks, kind: kinds.join("+"), expr: toks.join(" "), values: c.values, path: `m${i}` };
  });
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** The caret line the renderer prints for a one-line source and a span start (up to the first caret). */
function caretPrefix(src, start) {
  let s = "  ";
  for (let i = 0; i < start; i++) {
    const c = src.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && (src.charCodeAt(i - 1) & 0xfc00) === 0xd800) continue;
    s += c === 9 ? "\t" : " ";
  }
  return s + "^";
}

/** A ")" closing more than was opened lets V8's `(…)` wrapper parse on: its caret is not comparable. */
function escapesWrapper(toks) {
  let depth = 0;
  for (const t of toks) { if (t === "(") depth++; else if (t === ")" && --depth < 0) return true; }
  return false;
}

/** Diagnostics by mapping path for the mutants (one config per 2,000). */
async function diagnose(SP, list) {
  const out = new Map();
  const sources = Object.fromEntries(REGRESSION_NAMES.map((n) => [n, `t.${n}`]));
  for (let i = 0; i < list.length; i += 2000) {
    const part = list.slice(i, i + 2000);
    try {
      const p = await SP.create({ model: { name: "d", version: "1" }, output_topic: "o", sources, mapping: Object.fromEntries(part.map((m) => [m.path, m.expr])) });
      p.close();
    } catch (e) {
      if (!Array.isArray(e.diagnostics)) throw e;
      for (const d of e.diagnostics) out.set(d.path, d);
    }
  }
  return out;
}

/** Run every check; returns {counts, problems: {rejected, caret, named, evaluation}} (problem lists capped at 20). */
export async function checkMutants(SP, list) {
  const diagnostics = await diagnose(SP, list);
  const problems = { rejected: [], caret: [], named: [], evaluation: [] };
  const add = (k, s) => { if (problems[k].length < 20) problems[k].push(s); };
  const counts = { mutants: list.length, v8Rejects: 0, caretsCompared: 0, accepted: 0 };
  const accepted = [];
  for (const m of list) {
    const d = diagnostics.get(m.path);
    const syntax = v8SyntaxError(m.expr);
    if (d === undefined) { accepted.push(m); continue; }
    if (syntax === null) {
      // Only a text that parses in both wrappers is an expression to V8 (`f ) (` closes the first one).
      if (d.code === "syntax" && v8Accepts(m.expr)) add("named", `${JSON.stringify(m.expr)} -> ${d.message}`);
      continue;
    }
    counts.v8Rejects++;
    if (m.expr.trim() === "") { if (!/empty expression/.test(d.message)) add("rejected", `empty: ${d.message}`); continue; }
    const [start, end] = d.span ?? [-1, -1];
    if (!(start >= 0 && start <= end && end <= m.expr.length)) add("rejected", `${JSON.stringify(m.expr)}: span ${d.span}`);
    if (!d.message.startsWith(`mapping '${m.path}': `)) add("rejected", `${JSON.stringify(m.expr)}: ${d.message}`);
    const lines = d.message.split("\n");
    if (!LINE_BREAK.test(m.expr)) {
      if (lines[1] !== ("  " + m.expr).trimEnd() || !(lines[2] ?? "").startsWith(caretPrefix(m.expr, start))) {
        add("rejected", `${JSON.stringify(m.expr)}: caret line does not match span ${start}:\n${d.message}`);
      }
    } else if (!lines.some((l) => /^\s*\^+$/.test(l))) {
      add("rejected", `${JSON.stringify(m.expr)}: no caret line in\n${d.message}`);
    }
    if (LINE_BREAK.test(m.expr) || escapesWrapper(m.toks)) continue;
    // At the end of input the module points just after the last token; V8 after any comment that follows.
    if (/unexpected end of expression/.test(d.message) && /^(\s|\/\/.*|\/\*[\s\S]*?\*\/)*$/.test(m.expr.slice(start))) continue;
    const v8At = v8CaretOffset(m.expr);
    // V8 shows no caret, or (for an unfinished template substitution) none at the end of input.
    if (v8At === null || (syntax === "Unexpected end of input" && v8At !== m.expr.length)) continue;
    if (d.code === "syntax" && syntax.startsWith("Unexpected")) {
      counts.caretsCompared++;
      if (start !== v8At) add("caret", `${JSON.stringify(m.expr)}: caret at ${start}, V8 at ${v8At} (${syntax})`);
    } else if (/^(missing \) after|Missing \} in template|Invalid left-hand side|Invalid destructuring|Malformed arrow|Unary operator used immediately)/.test(syntax)) {
      // V8 points at the start of the construct, the module at the offending token in it (or at a construct outside the subset).
      if (start < v8At && d.code === "syntax") add("caret", `${JSON.stringify(m.expr)}: caret at ${start}, before V8's ${v8At} (${syntax})`);
    } else if (start > v8At) {
      add("caret", `${JSON.stringify(m.expr)}: caret at ${start}, after V8's ${v8At} (${syntax}; ${d.code})`);
    }
  }
  counts.accepted = accepted.length;
  // Mutations can make Math.random() matter (`v0 * Math.random() < 1`): its values are not V8's, so those only parse.
  for (const m of accepted) {
    if (!v8Accepts(m.expr)) add("rejected", `accepted, but V8 does not parse it as an expression: ${JSON.stringify(m.expr)}`);
  }
  const cases = accepted.filter((m) => !m.expr.includes("Math.random")).map((m, i) => {
    const names = REGRESSION_NAMES.map((n) => `a${i}_${n}`);
    return { expr: m.toks.map((t) => (REGRESSION_NAMES.includes(t) ? `a${i}_${t}` : t)).join(" "), names, values: m.values };
  });
  const results = await runThroughHost(SP, cases);
  cases.forEach((c, i) => {
    const diff = compareCase({ ...c, result: results[i] });
    if (diff !== null) add("evaluation", `${c.expr}: ${diff.kind} ${diff.detail} (V8 ${JSON.stringify(diff.want)})`);
  });
  return { counts, problems };
}
