// docs/behaviour.md §7 at scale: 20,000 random expressions over the whole tier-1 grammar,
// with random alias values, through the real host, each compared with V8
// (tests/diff/fuzz.mjs). A fixed seed keeps the run reproducible; any
// difference is shrunk and reported as a ready-to-paste regression test.
// More: `node scripts/fuzz-expr.mjs --count N --seed S`.
import { expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { fuzz, shrink, describeFailure, regressionTest } from "./fuzz.mjs";

const COUNT = 20_000;
const SEED = 20_240_611;

test(`${COUNT.toLocaleString("en")} random expressions give V8's results through the host`, async () => {
  const r = await fuzz(StreamProcessor, { count: COUNT, seed: SEED, maxFailures: 3 });
  expect(r.run).toBeGreaterThanOrEqual(COUNT);
  if (r.failures.length > 0) {
    const s = await shrink(StreamProcessor, r.failures[0].generated, r.failures[0], 500);
    expect.fail(`${r.failures.length}+ expressions differ from V8; the first, shrunk:\n${describeFailure(s)}\n\n${regressionTest(s)}`);
  }
}, 300_000);
