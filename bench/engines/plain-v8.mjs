// Peer (a): plain V8 as anyone would write it: JSON.parse of the payload,
// expressions compiled once with `new Function`, JSON.stringify of the output,
// Buffers in and out.

import { compilePlan, compileFunction, callWithDeps, outputMetadata, resultProblem } from "./peer-common.mjs";

export function create(config) {
  const plan = compilePlan(config);
  const fns = plan.mappings.map(compileFunction);
  const constants = plan.mappings.map((m, i) => (m.static && !m.volatile ? fns[i]() : undefined));
  const state = new Array(plan.aliases.length).fill(undefined);

  function process(inputs) {
    const outputs = [];
    const errors = [];
    let dropped = 0;
    for (let i = 0; i < inputs.length; i++) {
      const msg = inputs[i];
      const topic = msg.metadata?.umh_topic;
      const alias = topic === undefined ? undefined : plan.topicAlias.get(topic);
      if (alias === undefined) { dropped++; continue; }
      let obj;
      try { obj = JSON.parse(msg.payload.toString()); } catch (e) { errors.push({ index: i, code: "invalid_json", message: `invalid JSON payload: ${e.message}` }); continue; }
      if (obj === null || typeof obj !== "object" || Array.isArray(obj)) { errors.push({ index: i, code: "invalid_json", message: "invalid JSON payload: not an object" }); continue; }
      const value = obj.value;
      if (value === undefined || value === null) { errors.push({ index: i, code: "missing_value", message: "missing value field" }); continue; }
      if (typeof value === "object") { errors.push({ index: i, code: "invalid_value_type", message: "value must be a number, string or boolean" }); continue; }
      const ts = obj.timestamp_ms;
      if (typeof ts !== "number" || !Number.isInteger(ts) || ts === 0) { errors.push({ index: i, code: "invalid_timestamp", message: "missing or invalid timestamp_ms" }); continue; }
      state[alias] = value;
      for (const mi of plan.triggers[alias]) {
        const m = plan.mappings[mi];
        if (!m.deps.every((d) => state[d] !== undefined)) continue;
        let v;
        try { v = m.static && !m.volatile ? constants[mi] : callWithDeps(fns[mi], m.deps, state); } catch (e) { errors.push({ index: i, mapping: m.path, code: "type_error", message: e.message }); continue; }
        const problem = resultProblem(v);
        if (problem !== null) { errors.push({ index: i, mapping: m.path, code: "non_finite_result", message: problem }); continue; }
        outputs.push({
          topic: m.topic,
          payload: Buffer.from(JSON.stringify({ value: v, timestamp_ms: ts })),
          metadata: outputMetadata(msg.metadata, m.topic),
        });
      }
    }
    return { outputs, errors, dropped };
  }
  return { name: "plain-v8", process, memory: () => 0 };
}
