// npm run build:web: the playground (web/) as static files in build/web/:
//   index.html, style.css   copied from web/
//   app.js                  web/src/main.ts bundled by esbuild with host/ and the `yaml` package
//   stream_processor.wasm   build/stream_processor.wasm, byte for byte
//   session.json            `{}`: no config/input passed (`stream-processor serve` answers its own)
// Needs build/stream_processor.wasm (npm run build:wasm). Type-checks web/ first.

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "web");
const out = join(root, "build", "web");
const wasm = join(root, "build", "stream_processor.wasm");

if (!existsSync(wasm)) {
  console.error("build:web: build/stream_processor.wasm is missing; run `npm run build:wasm` first");
  process.exit(1);
}

execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(web, "tsconfig.json")], { stdio: "inherit" });

const shim = join(web, "src", "node-builtins.ts");
/** host/ imports node:fs, node:path and node:url to find the default wasm file; the page passes its own module. */
const nodeBuiltins = {
  name: "node-builtins",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, () => ({ path: shim }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(web, "src", "main.ts")],
  outfile: join(out, "app.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  sourcemap: true,
  sourcesContent: false, // the map points at web/ and host/; keeps build/web small
  legalComments: "linked",
  loader: { ".yaml": "text", ".jsonl": "text" },
  plugins: [nodeBuiltins],
  inject: [shim], // the global Buffer of host/module.ts
  logLevel: "warning",
  metafile: true,
});
for (const file of ["index.html", "style.css"]) copyFileSync(join(web, file), join(out, file));
copyFileSync(wasm, join(out, "stream_processor.wasm"));
writeFileSync(join(out, "session.json"), "{}\n");

const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`build:web: build/web/ (app.js and map ${Math.round(bytes / 1024)} KiB)`);
