// Fuzz family "payload" in the default run: see tests/fuzz/family_payload.mjs.
import { describe, expect, it } from "vitest";
import { StreamProcessor } from "../../host/index.js";
import { payloadFamily } from "./family_payload.mjs";
import { compiledWasm, FUZZ_SEED, runFamily } from "./run.mjs";

const CASES = 40_000;

describe("fuzz: payloads", () => {
  it(`${CASES} hostile payloads are each rejected with the reference's error code, or stored exactly, and never touch the rest of the batch`, async () => {
    const r = await runFamily(payloadFamily, { StreamProcessor, wasm: compiledWasm() }, { seed: FUZZ_SEED, numRuns: CASES });
    expect(r.failed, r.report).toBe(false);
    expect(r.numRuns).toBe(CASES);
  });
});
