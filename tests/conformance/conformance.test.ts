// Every case of the conformance vectors (tests/conformance/vectors.json, generated with V8),
// through the Node host: outputs exact and in order, error and drop counts. Both
// builds: the release module and the speed variant (asconfig target "speed").
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StreamProcessor } from "../../host/index";
import { root } from "../support/raw_abi";

interface VectorOutput { topic: string; payload: string; metadata: Record<string, string> }
interface Step {
  input: { topic: string; payload: string; metadata?: Record<string, string> }[];
  expect: { outputs: VectorOutput[]; errors: number; dropped: number };
}
interface Case { name: string; config: unknown; steps: Step[] }

const vectors = JSON.parse(readFileSync(join(root, "tests", "conformance", "vectors.json"), "utf8")) as { cases: Case[] };
const dec = new TextDecoder();

const builds: [string, string | undefined][] = [
  ["release", undefined],
  ["speed", join(root, "build", "stream_processor.speed.wasm")],
];

describe.each(builds)("conformance vectors (%s build)", (_name, wasm) => {
  test("the vector file has cases", () => {
    expect(vectors.cases.length).toBeGreaterThan(0);
  });

  for (const c of vectors.cases) {
    test(c.name, async () => {
      const p = await StreamProcessor.create(c.config as object, { seed: 1, wasm });
      try {
        for (const [i, step] of c.steps.entries()) {
          const r = p.process(step.input);
          const got = r.outputs.map((o) => {
            const { umh_topic, ...rest } = o.metadata;
            expect(umh_topic, `step ${i}: umh_topic carries the output topic`).toBe(o.topic);
            return { topic: o.topic, payload: dec.decode(o.payload), metadata: rest };
          });
          expect(got, `step ${i} outputs`).toEqual(step.expect.outputs);
          expect(r.errors.length, `step ${i} errors: ${JSON.stringify(r.errors)}`).toBe(step.expect.errors);
          expect(r.dropped, `step ${i} dropped`).toBe(step.expect.dropped);
        }
      } finally {
        p.close();
      }
    });
  }
});
