// The version `--version` prints: package.json's (tests/wasi checks they agree).
export const VERSION = "0.1.0";
