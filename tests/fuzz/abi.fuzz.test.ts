// Fuzz family "abi" in the default run: see tests/fuzz/family_abi.mjs.
import { describe, expect, it } from "vitest";
import { abiFamily } from "./family_abi.mjs";
import { compiledWasm, FUZZ_SEED, runFamily } from "./run.mjs";

const CASES = 10_000;

describe("fuzz: ABI misuse", () => {
  it(`${CASES} call sequences (wrong lengths, garbage frames and snapshots, calls out of order) never trap and leave the instance sound`, async () => {
    const r = await runFamily(abiFamily, { wasm: compiledWasm() }, { seed: FUZZ_SEED, numRuns: CASES });
    expect(r.failed, r.report).toBe(false);
    expect(r.numRuns).toBe(CASES);
  });
});
