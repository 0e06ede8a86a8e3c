// Shared by tests/diff/json_parse.test.ts and date.test.ts: run expression
// templates over many alias values through the real host, and list every case
// whose outcome is not exactly V8's (value, or error class and message).
import { StreamProcessor } from "../../host/index";
import { runThroughHost } from "./pipeline.mjs";
import { compareCase } from "./compare.mjs";

/**
 * Each case is {expr, values}: `expr` names its aliases #0, #1 … (in order of
 * `values`, the JSON texts of their payload values). Returns the differences
 * as text.
 */
export async function differences(cases, chunk = 2000) {
  const out = [];
  for (let at = 0; at < cases.length; at += chunk) {
    const part = cases.slice(at, at + chunk).map((c, k) => {
      const i = at + k;
      const names = c.values.map((_, j) => `v${i}_${j}`);
      const expr = c.expr.replace(/#(\d)/g, (_, j) => names[Number(j)]);
      return { expr, names, values: c.values, source: c.expr };
    });
    const results = await runThroughHost(StreamProcessor, part);
    part.forEach((c, k) => {
      const d = compareCase({ ...c, result: results[k] });
      if (d !== null) out.push(`${c.source} with ${JSON.stringify(c.values)}: ${d.kind}: ${d.detail}; V8 ${JSON.stringify(d.want)}${d.got ? ` got ${JSON.stringify(d.got)}` : ""}`);
    });
  }
  return out;
}
