// Loads a test build (build/test/<name>.wasm) for unit tests of module internals.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface TestModule {
  exports: Record<string, any> & { memory: WebAssembly.Memory };
  /** Fresh view of memory: call after every export call (memory may grow). */
  bytes(): Uint8Array;
  /** Write UTF-8 text into a fresh scratch block from `alloc` export; returns [ptr, len]. */
}

export function loadTestModule(name: string): TestModule {
  const bin = readFileSync(join(root, "build", "test", `${name}.wasm`));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bin), {});
  const exports = instance.exports as TestModule["exports"];
  return { exports, bytes: () => new Uint8Array(exports.memory.buffer) };
}
