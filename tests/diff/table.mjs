// Table-driven checks through the real host: a fixed set of aliases and
// mappings, then one batch per row of alias values. Each mapping's outcome in
// a row is the one of the row's last input that produced one (by then every
// alias holds the row's value), compared with V8 for the same text and values.
import { TIMESTAMP } from "./oracle.mjs";
import { PROCESSOR_OPTIONS } from "./pipeline.mjs";
import { compareCase } from "./compare.mjs";

/**
 * aliases: names; mappings: {path: expr}; rows: arrays of JSON value texts
 * (one per alias). Returns per row, per path: {result, diff}.
 */
export async function runTable(SP, aliases, mappings, rows) {
  const sources = Object.fromEntries(aliases.map((a) => [a, `t.${a}`]));
  const p = await SP.create({ model: { name: "d", version: "1" }, output_topic: "o", sources, mapping: mappings }, PROCESSOR_OPTIONS);
  const prefix = "o._d_1.";
  const dec = new TextDecoder();
  const out = [];
  try {
    for (const row of rows) {
      const inputs = aliases.map((a, k) => ({
        topic: `t.${a}`, payload: `{"value":${row[k]},"timestamp_ms":${TIMESTAMP}}`, metadata: { input: String(k) },
      }));
      const r = p.process(inputs);
      const results = {}, at = {};
      const keep = (path, index, result) => {
        if (at[path] === undefined || index >= at[path]) { results[path] = result; at[path] = index; }
      };
      for (const o of r.outputs) keep(o.topic.slice(prefix.length), Number(o.metadata.input), { payload: dec.decode(o.payload), bytes: o.payload });
      for (const e of r.errors) {
        if (e.mapping === undefined) throw new Error(`row ${JSON.stringify(row)}: input ${e.index} rejected: ${e.code} ${e.message}`);
        keep(e.mapping, e.index, { code: e.code, message: e.message });
      }
      const checked = {};
      for (const [path, expr] of Object.entries(mappings)) {
        checked[path] = { result: results[path], diff: compareCase({ expr, names: aliases, values: row, result: results[path] }) };
      }
      out.push(checked);
    }
  } finally {
    p.close();
  }
  return out;
}

/** Failures of a runTable run as readable lines. */
export function tableProblems(rows, table, mappings) {
  const problems = [];
  table.forEach((checked, i) => {
    for (const [path, { diff }] of Object.entries(checked)) {
      if (diff !== null) problems.push(`${mappings[path]} with ${rows[i].join(", ")}: ${diff.kind} ${diff.detail}; V8 ${JSON.stringify(diff.want)}`);
    }
  });
  return problems;
}
