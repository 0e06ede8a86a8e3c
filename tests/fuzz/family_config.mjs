// Fuzz family "config": valid configs, then mutated (wrong types at random
// positions, missing and unknown keys, unicode, absurd sizes), given to
// StreamProcessor.create as an object, JSON text or YAML text, or as that text
// with random byte edits. create must either give a working processor or throw
// a ConfigError with a non-empty message per diagnostic; never anything else,
// never a trap. A generated config that was not mutated must be accepted.

import fc from "fast-check";
import { stringify as yamlStringify } from "yaml";
import { check, weighted } from "./common.mjs";

// ASCII only: the module accepts no other identifiers (a clear config error; see docs/expressions.md).
const IDENTS = ["press", "tF", "r", "a", "b", "_x", "$y", "temp_1", "x2", "value", "ts", "_", "$"];
const RESERVED = ["é", "Δt", "Math", "NaN", "undefined", "this", "new", "class", "eval", "process", "if", "true", "constructor", "__proto__"];

/** A name JavaScript accepts as a variable that is no global of any kind (reserved words like `in` excluded). */
function plainName(name) {
  if (name in globalThis || ["eval", "arguments", "require", "process", "module", "exports", "Date", "undefined"].includes(name)) return false;
  try { new Function(`"use strict"; let ${name};`); return true; } catch { return false; }
}
const alias = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...IDENTS) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-zA-Z_$][a-zA-Z0-9_$]{0,8}$/).filter(plainName) },
);
const topic = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^umh\.v1\.[a-z]{1,6}\._raw\.[a-zA-Z0-9]{1,8}$/) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }) },
);
const TEMPLATES = [
  (a) => `${a} + 4.00001`, (a, b) => `${a} * 69 / ${b}`, (a) => `${a} / 4`, (a) => `${a} ? "active" : "inactive"`,
  () => '"SN-P42-008"', (a, b) => `${a} + ${b}`, (a) => `String(${a}).length`, (a) => `\`v=\${${a}}\``,
  (a) => `Math.max(${a}, 3)`, () => "Date.now()", () => "Math.random() < 2", (a) => `typeof ${a}`, () => "42",
  (a) => `${a} ?? 0`, (a) => `String(${a}).padStart(8, "0")`, (a, b) => `${a} > ${b} && ${b} != 0`,
];
const pathKey = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,8}$/) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }).filter((s) => !s.includes(".")) },
);

/** A valid config (distinct aliases and topics; at least one source). */
export const validConfig = fc.tuple(
  fc.uniqueArray(alias, { minLength: 1, maxLength: 5 }),
  fc.uniqueArray(topic, { minLength: 5, maxLength: 5 }),
  fc.array(fc.tuple(fc.array(pathKey, { minLength: 1, maxLength: 3 }), fc.nat(TEMPLATES.length - 1), fc.nat(), fc.nat()), { maxLength: 6 }),
  fc.boolean(), fc.stringMatching(/^[a-zA-Z0-9.-]{1,20}$/), fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^v[0-9]{1,2}$/),
).map(([aliases, topics, leaves, withMode, outputTopic, name, version]) => {
  const sources = {};
  aliases.forEach((a, i) => { sources[a] = topics[i]; });
  const mapping = {};
  const used = new Set();
  for (const [path, t, x, y] of leaves) {
    // Skip a path that is a prefix of another (defined twice) or already used.
    const dotted = path.join(".");
    if ([...used].some((u) => u === dotted || u.startsWith(dotted + ".") || dotted.startsWith(u + "."))) continue;
    used.add(dotted);
    let node = mapping;
    for (const k of path.slice(0, -1)) node = node[k] ??= {};
    node[path[path.length - 1]] = TEMPLATES[t](aliases[x % aliases.length], aliases[y % aliases.length]);
  }
  const config = { model: { name, version }, output_topic: outputTopic, sources, mapping };
  if (withMode) config.mode = "timeseries";
  return config;
});

const wrongValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, "", " ", [], {}, [1, 2], { a: 1 }, "timeseries", "streaming", "\u0000", "😀"),
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...RESERVED),
);

function paths(value, prefix = [], out = []) {
  out.push(prefix);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const k of Object.keys(value)) paths(value[k], [...prefix, k], out);
  }
  return out;
}

/** Mutate a copy of `config`: [kind, pick, value]. */
function mutate(config, [kind, pick, value, key]) {
  const c = structuredClone(config);
  const all = paths(c).filter((p) => p.length > 0);
  const path = all[pick % all.length];
  const parent = path.slice(0, -1).reduce((o, k) => o[k], c);
  const last = path[path.length - 1];
  if (kind === 0) parent[last] = value;                     // wrong type / value at any position
  else if (kind === 1) delete parent[last];                 // missing
  else if (kind === 2) parent[key] = value;                 // unknown or extra key
  else if (kind === 3) { parent[last.toUpperCase() + "_"] = parent[last]; delete parent[last]; } // renamed
  else if (kind === 4) parent[last] = typeof parent[last] === "string" ? parent[last] + (typeof value === "string" ? value : JSON.stringify(value)) : value; // garbled text
  else return value;                                        // not an object at all
  return c;
}

/** Absurd sizes: counts and lengths at and beyond the limits. */
const absurd = fc.constantFrom(
  () => ({ model: { name: "p", version: "v1" }, output_topic: "o", sources: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`a${i}`, `t${i}`])) }),
  () => ({ model: { name: "p", version: "v1" }, output_topic: "o", sources: { a: "t" }, mapping: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`m${i}`, "a + 1"])) }),
  () => ({ model: { name: "p", version: "v1" }, output_topic: "o", sources: { a: "t" }, mapping: { m: "a" + " + 1".repeat(1024) } }),
  () => ({ model: { name: "p", version: "v1" }, output_topic: "o", sources: { a: "t" }, mapping: { m: "(".repeat(3000) + "a" + ")".repeat(3000) } }),
  () => {
    let m = { leaf: "a" };
    for (let i = 0; i < 1100; i++) m = { k: m };
    return { model: { name: "p", version: "v1" }, output_topic: "o", sources: { a: "t" }, mapping: m };
  },
  () => ({ model: { name: "p".repeat(100_000), version: "v1" }, output_topic: "o".repeat(100_000), sources: { a: "t".repeat(100_000) }, mapping: { ["k".repeat(100_000)]: "a" } }),
  () => ({ model: { name: "p", version: "v1" }, output_topic: "o", sources: { ["a".repeat(5000)]: "t" } }),
);

const textEdit = fc.array(fc.tuple(fc.nat(3), fc.nat(), fc.string({ unit: "binary", maxLength: 3 })), { minLength: 1, maxLength: 3 });

function editText(text, edits) {
  let t = text;
  for (const [kind, at, s] of edits) {
    const i = t.length === 0 ? 0 : at % t.length;
    if (kind === 0) t = t.slice(0, i) + s + t.slice(i + 1);
    else if (kind === 1) t = t.slice(0, i) + t.slice(i + 1 + (at % 5));
    else if (kind === 2) t = t.slice(0, i) + s + t.slice(i);
    else t = t.slice(0, i);
  }
  return t;
}

const mutation = fc.tuple(fc.nat(5), fc.nat(), wrongValue, fc.oneof(fc.constantFrom("extra", "Mode", "mapping ", "__proto__"), fc.string({ maxLength: 5 })));

/** [input for create, expectation: true must be accepted, "reject" must be a ConfigError, false either] */
export const configInput = weighted([
  [3, validConfig.map((c) => [c, true])],
  [2, validConfig.map((c) => [JSON.stringify(c, null, 1), true])],
  [2, validConfig.map((c) => [yamlStringify(c), true])],
  [8, fc.tuple(validConfig, mutation).map(([c, m]) => [mutate(c, m), false])],
  [3, fc.tuple(validConfig, mutation).map(([c, m]) => [yamlStringify(mutate(c, m) ?? null), false])],
  [4, fc.tuple(validConfig, textEdit).map(([c, e]) => [editText(yamlStringify(c), e), false])],
  [3, fc.tuple(validConfig, textEdit).map(([c, e]) => [editText(JSON.stringify(c), e), false])],
  [1, fc.string({ unit: "binary", maxLength: 60 }).map((s) => [s, false])],
  [1, fc.tuple(validConfig, fc.nat()).map(([c, n]) => {
    // Duplicate a key in JSON text: must be a ConfigError, not "last wins".
    const text = JSON.stringify(c);
    const k = ['"model":', '"sources":', '"output_topic":'][n % 3];
    return [text.replace(k, `${k}1,${k}`), "reject"];
  })],
]);

export async function configFamily({ StreamProcessor, ConfigError, wasm }, { absurdSizes = false } = {}) {
  const input = absurdSizes ? weighted([[50, configInput], [1, absurd.map((f) => [f(), false])]]) : configInput;
  const property = fc.asyncProperty(input, fc.integer(), async ([config, mustAccept], seed) => {
    let p;
    try {
      p = await StreamProcessor.create(config, { seed, wasm });
    } catch (e) {
      check(e instanceof ConfigError, `create threw ${e?.name}, not a ConfigError: ${e?.message}`, { config });
      check(mustAccept !== true, "a valid config was rejected", { config, message: e.message });
      check(e.diagnostics.length > 0 && e.diagnostics.every((d) => typeof d.code === "string" && d.message.trim().length > 0),
        "a ConfigError without a clear message", { config, diagnostics: e.diagnostics });
      const shown = typeof config === "string" ? config : JSON.stringify(config) ?? "";
      check(!/\[object Object\]/.test(e.message) || shown.includes("[object Object]"), "message shows [object Object]", e.message);
      return;
    }
    check(mustAccept !== "reject", "an invalid config was accepted", { config });
    // Accepted: it must run. One valid message per source, and one garbage.
    const mappings = p.mappings();
    const topics = p.mappings().length >= 0 ? Object.values(typeof config === "object" && config?.sources ? config.sources : {}) : [];
    const batch = topics.filter((t) => typeof t === "string").map((t, i) => ({ topic: t, payload: `{"value":${i + 1},"timestamp_ms":${seed || 1}}` }));
    batch.push({ topic: "x", payload: "garbage" });
    const r = p.process(batch);
    check(Array.isArray(r.outputs) && r.outputs.every((o) => mappings.some((m) => m.topic === o.topic)), "outputs on unknown topics");
    p.exportState();
    p.close();
  });
  return { property };
}
