// Runs a vectors file (the shape of tests/conformance/vectors.json) through
// the Node host and prints what it produced, for engines' cross-host test:
//   node engines/vectors_node.mjs VECTORS.json > result.json
// Each step is one batch. Payloads are base64 (byte-exact); expectations in the
// file are ignored.
import { readFileSync } from "node:fs";
import { StreamProcessor } from "../dist/host/index.js";

const file = process.argv[2];
if (!file) {
  console.error("usage: node engines/vectors_node.mjs VECTORS.json");
  process.exit(2);
}
const vectors = JSON.parse(readFileSync(file, "utf8"));
const cases = [];
for (const c of vectors.cases) {
  const p = await StreamProcessor.create(c.config, { seed: 1, clock: () => 1700000000000 });
  const steps = [];
  for (const step of c.steps) {
    const inputs = step.input.map((m) => ({
      ...m,
      metadata: { ...(m.metadata ?? {}), ...(m.topic !== undefined ? { umh_topic: m.topic } : {}) },
    }));
    const r = p.process(inputs);
    steps.push({
      outputs: r.outputs.map((o) => ({ topic: o.topic, payload_b64: Buffer.from(o.payload).toString("base64"), metadata: o.metadata })),
      errors: r.errors.length,
      dropped: r.dropped,
    });
  }
  p.close();
  cases.push({ name: c.name, steps });
}
process.stdout.write(JSON.stringify({ engine: "node", cases }));
