// Loads the YAML reader test build (build/test/yaml.wasm, built by build.mjs) and
// converts config text through it: { ok: true, json } or { ok: false, error }.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function loadYamlReader(path = join(root, "build", "test", "yaml.wasm")) {
  const module = new WebAssembly.Module(readFileSync(path));
  const x = new WebAssembly.Instance(module, {}).exports;
  return (text) => {
    x.reset();
    const bytes = encoder.encode(text);
    const ptr = x.alloc(Math.max(bytes.length, 1));
    new Uint8Array(x.memory.buffer).set(bytes, ptr);
    const status = x.convert(ptr, bytes.length);
    const mem = new Uint8Array(x.memory.buffer);
    if (status === 0) return { ok: true, json: decoder.decode(mem.subarray(x.resultPtr(), x.resultPtr() + x.resultLen())) };
    return { ok: false, error: decoder.decode(mem.subarray(x.errorPtr(), x.errorPtr() + x.errorLen())) };
  };
}
