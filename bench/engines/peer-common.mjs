// What every JavaScript peer shares: the config flattened to mappings in
// declaration order, each mapping's dependencies (aliases used as identifiers
// outside string literals), the output topics, and per alias the mappings an
// arriving value triggers (statics and its dependents, in declaration order).
// The peers differ only in how they parse, evaluate and serialise.

/** Flatten the mapping tree to [path, expression] in declaration order. */
function flatten(tree, prefix, out) {
  for (const [k, v] of Object.entries(tree ?? {})) {
    const path = prefix === "" ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === "object") flatten(v, path, out);
    else out.push([path, String(v)]);
  }
  return out;
}

const STRINGS = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const IDENT = /(?<![.\w$])[A-Za-z_$][\w$]*/g;

export function compilePlan(config) {
  const aliases = Object.keys(config.sources);
  const aliasIndex = new Map(aliases.map((a, i) => [a, i]));
  const topicAlias = new Map(Object.entries(config.sources).map(([a, t]) => [t, aliasIndex.get(a)]));
  const prefix = `${config.output_topic}._${config.model.name}_${config.model.version}.`;
  const mappings = flatten(config.mapping, "", []).map(([path, expression]) => {
    const ids = new Set(expression.replace(STRINGS, '""').match(IDENT) ?? []);
    const deps = [...ids].filter((id) => aliasIndex.has(id)).map((id) => aliasIndex.get(id)).sort((a, b) => a - b);
    const volatile = /\b(Date\.now|Math\.random)\b/.test(expression);
    return { path, expression, topic: prefix + path, deps, depNames: deps.map((d) => aliases[d]), static: deps.length === 0, volatile };
  });
  const triggers = aliases.map((_, a) => {
    const list = [];
    mappings.forEach((m, i) => { if (m.static || m.deps.includes(a)) list.push(i); });
    return list;
  });
  return { aliases, topicAlias, mappings, triggers };
}

/** The output metadata rule, written exactly as host/message.ts outputMetadata (same cost for every engine). */
export function outputMetadata(input, topic) {
  if (input === undefined) return { umh_topic: topic };
  if (input.umh_topic !== undefined) return { ...input, umh_topic: topic };
  const out = {};
  for (const key in input) out[key] = input[key];
  out.umh_topic = topic;
  return out;
}

/** A JavaScript function of the mapping's dependencies, compiled once. */
export function compileFunction(m) {
  return new Function(...m.depNames, `"use strict"; return (${m.expression});`);
}

/** Call `fn` with the dependency values of `m` from `state`. */
export function callWithDeps(fn, deps, state) {
  switch (deps.length) {
    case 0: return fn();
    case 1: return fn(state[deps[0]]);
    case 2: return fn(state[deps[0]], state[deps[1]]);
    case 3: return fn(state[deps[0]], state[deps[1]], state[deps[2]]);
    default: return fn(...deps.map((d) => state[d]));
  }
}

/** docs/behaviour.md §6: NaN, ±Infinity, null and undefined results are errors, not outputs. */
export function resultProblem(v) {
  if (v === undefined) return "result is undefined";
  if (v === null) return "result is null";
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "result is NaN" : (v > 0 ? "result is Infinity" : "result is -Infinity");
  return null;
}
