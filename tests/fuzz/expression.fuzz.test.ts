// Fuzz family "expression" in the default run: see tests/fuzz/family_expression.mjs.
import { describe, expect, it } from "vitest";
import { ConfigError, StreamProcessor } from "../../host/index.js";
import { expressionFamily } from "./family_expression.mjs";
import { compiledWasm, FUZZ_SEED, runFamily } from "./run.mjs";

const CONFIGS = 5_000;
const PER_CONFIG = 4;

describe("fuzz: expressions", () => {
  it(`${CONFIGS * PER_CONFIG} expressions (token soup, mutations of valid ones) are a diagnostic with a span or evaluate without a throw`, async () => {
    const host = { StreamProcessor, ConfigError, wasm: compiledWasm() };
    const r = await runFamily(expressionFamily, host, { seed: FUZZ_SEED, numRuns: CONFIGS });
    expect(r.failed, r.report).toBe(false);
    expect(r.numRuns).toBe(CONFIGS);
  });
});
