// Times the Node host over engines/bench/w2_stream.mjs output:
//   node engines/bench/w2_node.mjs DIR BATCH RUNS
// One warm-up pass, then RUNS timed passes over all messages in batches of
// BATCH (each batch one StreamProcessor.process call; messages built before
// timing, payloads as Buffers as a pipeline hands them over). Prints JSON:
// {"engine","batch","messages","outputs","nsPerMsg":[per run]}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StreamProcessor } from "../../dist/host/index.js";

const [dir, batchArg, runsArg] = process.argv.slice(2);
const batch = Number(batchArg), runs = Number(runsArg);
const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
const messages = readFileSync(join(dir, "messages.jsonl"), "utf8").trimEnd().split("\n").map((l) => {
  const m = JSON.parse(l);
  return { payload: Buffer.from(m.payload), metadata: m.metadata };
});
const batches = [];
for (let i = 0; i < messages.length; i += batch) batches.push(messages.slice(i, i + batch));

const p = await StreamProcessor.create(config, { seed: 1 });
function pass() {
  let outputs = 0;
  for (const b of batches) outputs += p.process(b).outputs.length;
  return outputs;
}
pass();
const nsPerMsg = [];
let outputs = 0;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  outputs = pass();
  nsPerMsg.push(Number(process.hrtime.bigint() - t0) / messages.length);
}
console.log(JSON.stringify({ engine: "node host", batch, messages: messages.length, outputs, nsPerMsg }));
