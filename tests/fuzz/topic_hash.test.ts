// The topic fuzzer's JS mirror of the module's topic hash (tests/fuzz/raw.mjs
// topicHash) must match assembly/topics.ts hashBytes; otherwise its "colliding"
// topics would silently stop colliding.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadTestModule } from "../wasm/load";
import { collidingTopics, topicHash } from "./raw.mjs";
import { FUZZ_SEED } from "./run.mjs";

const m = loadTestModule("json");
const enc = new TextEncoder();

function moduleHash(bytes: Uint8Array): number {
  const p = m.exports.alloc(Math.max(bytes.length, 1));
  m.bytes().set(bytes, p);
  return m.exports.topicHash(p, bytes.length) >>> 0;
}

describe("topic hash mirror", () => {
  it("matches the module's hash on 2000 random byte strings of every length class", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => { expect(topicHash(b)).toBe(moduleHash(b)); }), { seed: FUZZ_SEED, numRuns: 2000 });
  });

  it("the pairs the topic fuzzer uses collide in the module", () => {
    for (const [a, b] of collidingTopics("umh.v1.corpA.plant-A.aawd._raw.c", 3)) {
      expect(a).not.toBe(b);
      expect(moduleHash(enc.encode(a))).toBe(moduleHash(enc.encode(b)));
    }
  });
});
