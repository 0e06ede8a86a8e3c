// Fuzz family "topic" in the default run: see tests/fuzz/family_topic.mjs.
import { describe, expect, it } from "vitest";
import { topicFamily } from "./family_topic.mjs";
import { compiledWasm, FUZZ_SEED, runFamily } from "./run.mjs";

const CASES = 20_000;

describe("fuzz: topics", () => {
  it(`${CASES} topics (random bytes, near misses, hash collisions, very long) land on their source exactly or are dropped without side effects`, async () => {
    const r = await runFamily(topicFamily, { wasm: compiledWasm() }, { seed: FUZZ_SEED, numRuns: CASES });
    expect(r.failed, r.report).toBe(false);
    expect(r.numRuns).toBe(CASES);
  });
});
