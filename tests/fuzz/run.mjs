// Running a fuzz family with fast-check: fixed seed in the default run, fresh
// seeds and a time budget in scripts/fuzz.mjs.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The seed of the default run: failures reproduce exactly. */
export const FUZZ_SEED = 20241127;

let wasm;
/** The compiled product module (SP_WASM overrides build/stream_processor.wasm), compiled once. */
export function compiledWasm() {
  wasm ??= new WebAssembly.Module(readFileSync(process.env.SP_WASM ?? join(root, "build", "stream_processor.wasm")));
  return wasm;
}

/**
 * Run `family(host)`'s property. Returns { failed, numRuns, report, seed }; the
 * report has fast-check's counterexample and the seed/path to replay it.
 */
export async function runFamily(family, host, { seed = FUZZ_SEED, numRuns, interruptAfterTimeLimit, path } = {}) {
  const f = await family(host);
  try {
    const details = await fc.check(f.property, {
      seed, numRuns, path, interruptAfterTimeLimit, markInterruptAsFailure: false, endOnFailure: false,
      maxSkipsPerRun: 1000,
    });
    return {
      failed: details.failed,
      numRuns: details.numRuns,
      seed,
      report: details.failed ? `${fc.defaultReportMessage(details) ?? "failed"}\n${details.errorInstance?.stack ?? details.errorInstance ?? ""}` : "",
    };
  } finally {
    f.close?.();
  }
}
