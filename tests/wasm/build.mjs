// Builds every tests/wasm/*.entry.ts into build/test/<name>.wasm. Test entries
// re-export internals of assembly/ so unit tests can reach them; the product
// module (assembly/index.ts) exports only the ABI.
import { readdirSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
mkdirSync(join(root, "build", "test"), { recursive: true });
const entries = readdirSync(here).filter((f) => f.endsWith(".entry.ts"));
let failed = false;
for (const entry of entries) {
  const name = entry.slice(0, -".entry.ts".length);
  const { error, stderr } = await asc.main([
    join("tests", "wasm", entry),
    "--outFile", join("build", "test", `${name}.wasm`),
    "--runtime", "stub", "--use", "abort=", "-O3",
    "--config", "asconfig.json",
  ], { stdout: process.stdout, stderr: process.stderr, baseDir: root });
  if (error) { failed = true; console.error(`test wasm ${name}: ${error.message}`); }
}
process.exit(failed ? 1 : 0);
