// Fuzz family "config" in the default run: see tests/fuzz/family_config.mjs.
import { describe, expect, it } from "vitest";
import { ConfigError, StreamProcessor } from "../../host/index.js";
import { configFamily } from "./family_config.mjs";
import { compiledWasm, FUZZ_SEED, runFamily } from "./run.mjs";

const CASES = 12_000;

describe("fuzz: configs", () => {
  it(`${CASES} configs (mutated objects, JSON and YAML text, byte edits, absurd sizes) give a working processor or a ConfigError`, async () => {
    const host = { StreamProcessor, ConfigError, wasm: compiledWasm() };
    const r = await runFamily((h: typeof host) => configFamily(h, { absurdSizes: true }), host, { seed: FUZZ_SEED, numRuns: CASES });
    expect(r.failed, r.report).toBe(false);
    expect(r.numRuns).toBe(CASES);
  }, 240_000); // ~10 s alone; several times that on a loaded 2-core machine
});
