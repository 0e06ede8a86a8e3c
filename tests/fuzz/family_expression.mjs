// Fuzz family "expression": random token soup and mutations of valid
// expressions, four per config, through StreamProcessor.create and process.
// Each expression is either a config diagnostic (code, path, caret) or a
// mapping that evaluates to an output or a per-mapping error record for every
// input, never a throw or a trap. With `differential`, every accepted,
// non-volatile expression must also give V8's result for the same alias values
// (findings there belong to assembly/expr; the default run checks safety only).

import fc from "fast-check";
import { check, dec, weighted } from "./common.mjs";

export const ALIASES = ["a", "b", "s"];
const TOPICS = { a: "t.a", b: "t.b", s: "t.s" };

const PIECES = [
  "a", "b", "s", "1", "0", "2.5", "-1", "1e3", "0x1f", "0o17", "0b101", ".5", "1_0", "08", "1n", "'x'", '"y"', "''", '"\\u{1F600}"',
  "'\\x41'", "`t`", "`${", "}", "`", "(", ")", "[", "]", "{", "+", "-", "*", "/", "%", "**", "<", ">", "<=", ">=", "==", "===",
  "!=", "!==", "!", "&", "&&", "|", "||", "^", "~", "?", "??", ":", ".", "?.", ",", ";", "=", "+=", "++", "--", "=>", "...",
  "typeof", "void", "delete", "new", "in", "instanceof", "this", "null", "true", "false", "undefined", "NaN", "Infinity",
  "Math", "Math.PI", "Math.max", "Math.floor", "Math.random()", "Date.now()", "Number", "String", "Boolean", "parseInt",
  "parseFloat", "isNaN", "isFinite", "Number.isInteger", "String.fromCharCode", ".length", ".toUpperCase()", ".trim()",
  ".slice(1)", ".substring(0, 2)", ".includes('x')", ".indexOf('y')", ".charAt(0)", ".padStart(4, '0')", ".repeat(3)",
  ".replace('a', 'b')", ".replaceAll('', '-')", ".split(',')[0]", ".toFixed(2)", ".toString(16)", "eval", "Function",
  "require", "process", "globalThis", "console", "constructor", "__proto__", "prototype", "window", "import", "arguments",
  "/x/", "#", "@", "\\", "'", '"', "/*", "*/", "//", "\n", " ", " ", " ", "é", "\u2028", "\u0000", "𝑥",
];

export const VALID = [
  "a + 4.00001", "b * 69 / 31", "a + b", "a / 4", 'a ? "active" : "inactive"', '"SN-P42-008"', "s.toUpperCase() + '-' + s.length",
  "`p=${a} t=${b}`", "Math.max(a, b) - Math.min(a, b)", "Number(s) || 0", "String(a).padStart(8, '0')", "s.split(',')[1] ?? 'none'",
  "(a | 0) ^ (b >>> 1)", "a ** 2 % 7", "typeof s === 'string' && s.includes('x')", "parseInt(s, 16) + parseFloat('1.5e3')",
  "a.toFixed(3)", "(a * 1000).toString(36)", "s.replaceAll('a', 'bb').slice(-5)", "isNaN(s) ? -1 : +s", "!a || !!b",
  "String.fromCharCode(65 + (a % 26))", "s.trim().toLowerCase().startsWith('p')", "a > b ? a : b", "void a", "null ?? a",
  "Math.round(a * 100) / 100", "s.charAt(0) + s.lastIndexOf('x')", "~~(b / 3)", "a - -b", "+s + +a",
];

const soup = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((p) => p.join(""));
const spacedSoup = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((p) => p.join(" "));
const mutated = fc.tuple(fc.constantFrom(...VALID), fc.array(fc.tuple(fc.nat(3), fc.nat(), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 3 }))
  .map(([src, edits]) => {
    let t = src;
    for (const [kind, at, piece] of edits) {
      const i = at % (t.length + 1);
      if (kind === 0) t = t.slice(0, i) + piece + t.slice(i);
      else if (kind === 1) t = t.slice(0, i) + t.slice(i + 1 + (at % 3));
      else if (kind === 2) t = t.slice(0, i) + piece + t.slice(i + piece.length);
      else t = t.slice(0, i) + t.slice(i).replace(/[a-z]+/, piece);
    }
    return t;
  });
const combined = fc.tuple(fc.constantFrom(...VALID), fc.constantFrom("+", "*", "&&", "??", "<", "-", "||", "%"), fc.constantFrom(...VALID))
  .map(([x, op, y]) => `(${x}) ${op} (${y})`);

export const expression = weighted([[4, soup], [2, spacedSoup], [4, mutated], [2, combined], [1, fc.constantFrom(...VALID)]])
  .filter((e) => e.trim().length > 0);

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, 1e21, 2 ** 53, 0.1),
  fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("", "12", "0x1f", "p,q,r", " x ", "1e3"), fc.boolean(),
);

/** V8's outcome for `src` with the alias values, in the module's terms. */
export function v8Outcome(src, values) {
  let v;
  try {
    v = new Function(...ALIASES, `return (${src}\n)`)(...ALIASES.map((k) => values[k]));
  } catch (e) {
    return { error: e instanceof TypeError ? "type_error" : e instanceof RangeError ? "range_error" : "threw" };
  }
  if (v === null || v === undefined) return { error: "nullish_result" };
  if (typeof v === "number" && !Number.isFinite(v)) return { error: "non_finite_result" };
  if (typeof v === "string" && v.length > 1 << 20) return { error: "string_limit" };
  // An array or object result (the language has them) is not a timeseries value.
  if (typeof v === "object") return { error: "non_scalar_result" };
  if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean") return { error: `unsupported ${typeof v}` };
  return { json: JSON.stringify({ value: v, timestamp_ms: 5 }) };
}

const VOLATILE_OR_HEAVY = /random|Date|repeat|pad|replace/;

export async function expressionFamily({ StreamProcessor, ConfigError, wasm }, { differential = false } = {}) {
  const mismatches = [];
  const stats = { compared: 0 };
  const property = fc.asyncProperty(
    fc.array(expression, { minLength: 4, maxLength: 4 }), fc.array(fc.record({ a: value, b: value, s: value }), { minLength: 1, maxLength: 3 }),
    async (exprs, rows) => {
      let mapping = Object.fromEntries(exprs.map((e, i) => [`m${i}`, e]));
      const config = (m) => ({ model: { name: "f", version: "v1" }, output_topic: "out", sources: TOPICS, mapping: m });
      let p;
      try {
        p = await StreamProcessor.create(config(mapping), { seed: 1, clock: () => 1_700_000_000_000, wasm });
      } catch (e) {
        check(e instanceof ConfigError, `create threw ${e?.name}: ${e?.message}`, { exprs });
        for (const d of e.diagnostics) {
          check(typeof d.code === "string" && d.message.length > 0 && d.path in mapping, "diagnostic without code, message or path", d);
          if (d.span) {
            const src = mapping[d.path];
            check(d.span[0] >= 0 && d.span[0] <= d.span[1] && d.span[1] <= src.length, "diagnostic span outside its expression", { d, src });
          }
        }
        // Every bad mapping has its diagnostic: without them the config is valid.
        const bad = new Set(e.diagnostics.map((d) => d.path));
        mapping = Object.fromEntries(Object.entries(mapping).filter(([k]) => !bad.has(k)));
        try {
          p = await StreamProcessor.create(config(mapping), { seed: 1, clock: () => 1_700_000_000_000, wasm });
        } catch (e2) {
          throw new Error(`config still rejected without the diagnosed mappings: ${e2?.message}`);
        }
      }
      const known = new Set(p.mappings().map((m) => m.path));
      for (const row of rows) {
        const batch = ALIASES.map((k, i) => ({ topic: TOPICS[k], payload: JSON.stringify({ value: row[k], timestamp_ms: 5 }), metadata: { i: String(i) } }));
        const r = p.process(batch);
        for (const o of r.outputs) {
          const v = JSON.parse(dec.decode(o.payload)).value;
          check(["number", "string", "boolean"].includes(typeof v), "output value of a bad type", dec.decode(o.payload));
        }
        for (const e of r.errors) check(e.mapping !== undefined && known.has(e.mapping) && e.message.length > 0, "a mapping error without its mapping", e);
        if (!differential) continue;
        // A mapping's last event in the batch (output or error) saw every alias of the row.
        for (let i = 0; i < exprs.length; i++) {
          const src = exprs[i];
          if (!(`m${i}` in mapping) || VOLATILE_OR_HEAVY.test(src)) continue;
          const events = [
            ...r.outputs.filter((o) => o.topic.endsWith(`.m${i}`)).map((o) => ({ at: Number(o.metadata.i), json: dec.decode(o.payload) })),
            ...r.errors.filter((e) => e.mapping === `m${i}`).map((e) => ({ at: e.index, error: e.code })),
          ].sort((x, y) => x.at - y.at);
          const lastEvent = events.pop();
          if (lastEvent === undefined) continue; // emitted nothing in this batch (cannot happen: every alias arrives)
          const got = lastEvent.error !== undefined ? { error: lastEvent.error } : { json: lastEvent.json };
          const want = v8Outcome(src, row);
          stats.compared++;
          if (want.error !== "threw" && JSON.stringify(got) !== JSON.stringify(want)) mismatches.push({ src, row, want, got });
        }
      }
      p.close();
    });
  return { property, mismatches, stats };
}
