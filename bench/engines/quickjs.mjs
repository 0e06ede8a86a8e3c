// Peer (b): QuickJS compiled to WebAssembly (npm `quickjs-emscripten`), the
// closest analogue of the reference plugin's Goja: the host (here V8, there Go)
// parses the payload JSON, hands the alias values to the embedded interpreter,
// which evaluates each mapping; the host serialises the result. Each mapping is
// compiled once into a QuickJS function of its dependencies, and each alias's
// latest value is kept as a QuickJS handle (replaced when the alias changes),
// so a mapping costs one interpreter call plus reading its result.

import { getQuickJS } from "quickjs-emscripten";
import { compilePlan, outputMetadata, resultProblem } from "./peer-common.mjs";

export async function create(config) {
  const QuickJS = await getQuickJS();
  const vm = QuickJS.newContext();
  const plan = compilePlan(config);
  const fns = plan.mappings.map((m) => vm.unwrapResult(vm.evalCode(`(function(${m.depNames.join(",")}) { "use strict"; return (${m.expression}); })`)));
  const handles = new Array(plan.aliases.length).fill(null);
  const state = new Array(plan.aliases.length).fill(undefined);

  function toHandle(v) {
    if (typeof v === "number") return vm.newNumber(v);
    if (typeof v === "string") return vm.newString(v);
    return v ? vm.true : vm.false;
  }
  function fromHandle(h) {
    switch (vm.typeof(h)) {
      case "number": return vm.getNumber(h);
      case "string": return vm.getString(h);
      case "boolean": return vm.dump(h);
      case "undefined": return undefined;
      default: return vm.dump(h);
    }
  }
  function call(mi, deps) {
    const args = deps.map((d) => handles[d]);
    const r = vm.callFunction(fns[mi], vm.undefined, ...args);
    if (r.error) { const e = vm.dump(r.error); r.error.dispose(); throw new Error(e?.message ?? String(e)); }
    const v = fromHandle(r.value);
    r.value.dispose();
    return v;
  }
  const constants = plan.mappings.map((m, i) => (m.static && !m.volatile ? call(i, []) : undefined));

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
      const old = handles[alias];
      handles[alias] = toHandle(value);
      if (old !== null && old.alive && old !== vm.true && old !== vm.false) old.dispose();
      for (const mi of plan.triggers[alias]) {
        const m = plan.mappings[mi];
        if (!m.deps.every((d) => state[d] !== undefined)) continue;
        let v;
        try { v = m.static && !m.volatile ? constants[mi] : call(mi, m.deps); } catch (e) { errors.push({ index: i, mapping: m.path, code: "type_error", message: e.message }); continue; }
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
  const memory = () => {
    const h = vm.runtime.computeMemoryUsage();
    const u = vm.dump(h); h.dispose();
    return u.memory_used_size ?? 0;
  };
  return { name: "quickjs-wasm", process, memory };
}
