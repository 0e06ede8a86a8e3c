// host/module.ts uses Node's global Buffer (byteLength only); the bundle injects
// the one of node-builtins.ts (scripts/build-web.mjs).
declare const Buffer: typeof import("./node-builtins.js").Buffer;
