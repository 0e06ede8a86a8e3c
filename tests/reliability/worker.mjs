// A worker of tests/reliability/isolation.test.ts: one StreamProcessor per
// thread (dist/host, or $SP_HOST), fed the batches it is given.

import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const { host, module, config, batches, sabotage } = workerData;
const { StreamProcessor } = await import(pathToFileURL(host).href);
const dec = new TextDecoder();
const p = await StreamProcessor.create(config, { seed: 3, clock: () => 1_700_000_000_000, wasm: module });
const out = [];
for (let i = 0; i < batches.length; i++) {
  if (sabotage === "throw" && i === 2) throw new Error("worker sabotaged");
  if (sabotage === "scribble" && i === 2) {
    // Overwrite this thread's instance memory with noise; it may trap now.
    const mem = new Uint8Array(p.module.exports.memory.buffer);
    for (let k = 0; k < mem.length; k += 7) mem[k] = (k * 2654435761) >>> 24;
  }
  const r = p.process(batches[i]);
  out.push(...r.outputs.map((o) => `${o.topic} ${dec.decode(o.payload)}`), ...r.errors.map((e) => `${e.index} ${e.mapping ?? ""} ${e.code}`));
}
parentPort.postMessage({ out, state: p.exportState() });
