// Runs build/stream-processor.wasi.wasm under Node's built-in WASI (node:wasi), as
// a process: `node tests/wasi/node-wasi.mjs <command> [options]`. The current
// directory is preopened as "." (like `wasmtime run --dir .`); stdin, stdout and
// stderr are the process's own; the exit code is the command's.
import { WASI } from "node:wasi";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const wasm = process.env.SP_WASI_WASM ?? join(root, "build", "stream-processor.wasi.wasm");
const wasi = new WASI({
  version: "preview1",
  args: ["stream-processor", ...process.argv.slice(2)],
  env: {},
  preopens: { ".": process.cwd() },
  returnOnExit: true,
});
// Each import goes through a plain JS function: Node 20's direct (fast API) WASI
// calls crash the process (SIGABRT/SIGSEGV, no message) once the module's memory
// has grown past ~32 MiB during a long run; through a JS function they do not.
const imports = wasi.getImportObject();
const calls = {};
for (const [name, f] of Object.entries(imports.wasi_snapshot_preview1)) calls[name] = (...args) => f(...args);
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), { wasi_snapshot_preview1: calls });
process.exitCode = wasi.start(instance);
