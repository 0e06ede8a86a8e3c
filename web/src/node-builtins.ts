// What the browser bundle gets for host/'s `node:fs`, `node:path` and `node:url`
// imports (scripts/build-web.mjs resolves every `node:` import here). The host
// only uses them to find and read build/stream_processor.wasm when no `wasm`
// option is given; the playground always passes the compiled module, so these
// are never called. A missing name fails the build, not the page.

function unavailable(name: string): never {
  throw new Error(`${name} is not available in the browser (pass the wasm option)`);
}

export const existsSync = (_path: string): boolean => unavailable("fs.existsSync");
export const readFileSync = (_path: string): never => unavailable("fs.readFileSync");
export const dirname = (_path: string): string => unavailable("path.dirname");
export const join = (..._parts: string[]): string => unavailable("path.join");
export const resolve = (..._parts: string[]): string => unavailable("path.resolve");
export const fileURLToPath = (_url: string | URL): string => unavailable("url.fileURLToPath");

/** host/module.ts measures a batch with Buffer.byteLength near the input-area limit. */
export const Buffer = {
  byteLength(text: string, _encoding?: "utf8"): number {
    return new TextEncoder().encode(text).length;
  },
};
