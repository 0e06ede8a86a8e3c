// End to end through the TypeScript host: StreamProcessor.process on JS message
// objects (payload Buffers, metadata), returning output objects.

import { pathToFileURL } from "node:url";

export async function create(config, { wasm, hostModule } = {}) {
  const url = hostModule ? pathToFileURL(hostModule).href : new URL("../../dist/host/index.js", import.meta.url).href;
  const { StreamProcessor } = await import(url);
  const p = await StreamProcessor.create(config, { seed: 1, clock: () => 1733904000000, wasm });
  return { name: "host", process: (inputs) => p.process(inputs), processor: p };
}
