// Writes the W2 workload (bench/lib/workloads.mjs: 60% press, 30% tF, 10% r,
// varying values, metadata umh_topic + kafka_key) for engines/bench_w2.sh:
//   node engines/bench/w2_stream.mjs OUT_DIR COUNT [SEED]
// -> OUT_DIR/config.json (the W2 config) and OUT_DIR/messages.jsonl
//    ({"topic", "payload" (text), "metadata"} per line).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { WORKLOADS } from "../../bench/lib/workloads.mjs";

const [dir, countArg, seedArg] = process.argv.slice(2);
if (!dir || !countArg) {
  console.error("usage: node engines/bench/w2_stream.mjs OUT_DIR COUNT [SEED]");
  process.exit(2);
}
const w = WORKLOADS.W2;
const messages = w.stream(Number(countArg), Number(seedArg ?? 42));
writeFileSync(join(dir, "config.json"), JSON.stringify(w.config));
writeFileSync(join(dir, "messages.jsonl"), messages.map((m) =>
  JSON.stringify({ topic: m.topic, payload: m.payload.toString("utf8"), metadata: m.metadata })).join("\n") + "\n");
