// Builds the YAML reader's test entry into build/test/yaml.wasm.
import { mkdirSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import asc from "assemblyscript/asc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function buildYamlReader() {
  mkdirSync(join(root, "build", "test"), { recursive: true });
  const out = join("build", "test", "yaml.wasm");
  const { error } = await asc.main([
    join("tests", "yaml", "yaml.entry.ts"), "--outFile", out,
    "--runtime", "stub", "--use", "abort=", "-O2",
  ], { stdout: process.stdout, stderr: { write() { return true; } }, baseDir: root });
  if (error) throw new Error(`yaml reader build failed: ${error.message}`);
  return join(root, out);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await buildYamlReader();
