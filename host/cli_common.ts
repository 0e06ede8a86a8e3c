// What the CLI's commands share: one-line failures and loading a config file.

import { readFileSync } from "node:fs";
import { ConfigError } from "./errors.js";
import { StreamProcessor } from "./processor.js";

/** Print `stream-processor: <message>` and exit (2: the user's input; 1: the machine or the module). */
export function fail(message: string, code = 2): never {
  process.stderr.write(`stream-processor: ${message}\n`);
  process.exit(code);
}

/** The text of a config file; exits 2 if it cannot be read. */
export function readConfig(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    fail(`cannot read config '${path}': ${(e as Error).message}`);
  }
}

/** A processor for the config file at `path`; an invalid config is printed with its carets and exits 2. */
export async function createProcessor(path: string, seed?: number): Promise<StreamProcessor> {
  try {
    return await StreamProcessor.create(readConfig(path), seed === undefined ? {} : { seed });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${path}: invalid config\n${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

