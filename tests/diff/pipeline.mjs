// Runs many differential cases through one processor of the real Node host:
// case i's aliases are c<i>_v<k> on topics t.<i>.<k>, its expression is mapping
// m<i>, and one input per alias (all in one batch) sets the values, so each
// mapping is evaluated exactly once, when its last alias arrives. Statics are
// emitted on every input; their first emission counts.
import { CLOCK, TIMESTAMP } from "./oracle.mjs";

export const aliasNames = (i, count) => Array.from({ length: count }, (_, k) => `c${i}_v${k}`);

/** Options for differential processors: fixed seed and clock, and room for 1 Mi-unit strings everywhere. */
export const PROCESSOR_OPTIONS = Object.freeze({
  seed: 7,
  clock: () => CLOCK,
  limits: { evalArenaBytes: 512 * 1024 * 1024 },
});

/**
 * Run each case {expr, names, values} (alias k is names[k], its value the JSON
 * text values[k]; names are unique across cases) through a processor made by
 * `SP` (the host's StreamProcessor class). Returns one result per case:
 *   {payload, bytes} | {code, message} | {config: {code, message, span}} | {input: {code, message}} | {trap}
 */
export async function runThroughHost(SP, cases) {
  let results;
  try {
    results = await runOnce(SP, cases);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    // A trap: split the batch until the case(s) that trap stand alone.
    if (cases.length === 1) return [{ trap: e.message }];
    const half = cases.length >> 1;
    return [...await runThroughHost(SP, cases.slice(0, half)), ...await runThroughHost(SP, cases.slice(half))];
  }
  // The batch's outputs share one output area (512 MiB): when big results filled it, run those cases alone.
  if (cases.length > 1) {
    for (let i = 0; i < cases.length; i++) {
      const r = results[i];
      if (r && r.code === "memory_limit" && /output area/.test(r.message)) [results[i]] = await runThroughHost(SP, [cases[i]]);
    }
  }
  return results;
}

/** Indexes (into `live`) of the mappings that are not dynamic: emitted on every input. */
function staticMappings(p) {
  const out = [];
  p.mappings().forEach((m, k) => { if (m.kind !== "dynamic") out.push(k); });
  return out;
}

async function runOnce(SP, cases) {
  const results = new Array(cases.length);
  let live = cases.map((_, i) => i);
  for (;;) {
    // A trigger source no expression uses: its input emits the static mappings first.
    const sources = { trigger_: "t.trigger" }, mapping = {};
    for (const i of live) {
      cases[i].names.forEach((n, k) => { sources[n] = `t.${i}.${k}`; });
      mapping[`m${i}`] = cases[i].expr;
    }
    let p;
    try {
      p = await SP.create({ model: { name: "d", version: "1" }, output_topic: "o", sources, mapping }, PROCESSOR_OPTIONS);
    } catch (e) {
      if (!Array.isArray(e.diagnostics)) throw e;
      const rejected = new Set();
      for (const d of e.diagnostics) {
        const m = /^m(\d+)$/.exec(d.path ?? "");
        if (!m) throw e;
        results[Number(m[1])] = { config: { code: d.code, message: d.message, span: d.span } };
        rejected.add(Number(m[1]));
      }
      live = live.filter((i) => !rejected.has(i));
      if (live.length === 0) return results;
      continue;
    }
    // Static mappings are emitted on every input: run them apart, on the trigger input alone.
    const statics = staticMappings(p);
    if (statics.length > 0 && statics.length < live.length) {
      p.close();
      const set = new Set(statics.map((k) => live[k]));
      const parts = [live.filter((i) => set.has(i)), live.filter((i) => !set.has(i))];
      for (const part of parts) {
        const r = await runOnce(SP, part.map((i) => cases[i]));
        part.forEach((i, k) => { results[i] = r[k]; });
      }
      return results;
    }
    try {
      const inputs = [{ topic: "t.trigger", payload: `{"value":0,"timestamp_ms":${TIMESTAMP}}` }];
      const owner = [-1];
      for (const i of statics.length > 0 ? [] : live) {
        cases[i].values.forEach((json, k) => {
          inputs.push({ topic: `t.${i}.${k}`, payload: `{"value":${json},"timestamp_ms":${TIMESTAMP}}` });
          owner.push(i);
        });
      }
      const r = p.process(inputs);
      const prefix = "o._d_1.m";
      const dec = new TextDecoder();
      for (const o of r.outputs) {
        const i = Number(o.topic.slice(prefix.length));
        if (results[i] === undefined) results[i] = { payload: dec.decode(o.payload), bytes: o.payload };
      }
      for (const e of r.errors) {
        if (e.mapping === undefined) {
          const i = owner[e.index];
          if (results[i] === undefined) results[i] = { input: { code: e.code, message: e.message } };
          continue;
        }
        const i = Number(e.mapping.slice(1));
        if (results[i] === undefined) results[i] = { code: e.code, message: e.message };
      }
    } finally {
      p.close();
    }
    return results;
  }
}
