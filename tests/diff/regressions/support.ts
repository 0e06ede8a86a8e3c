// Regression tests found by the differential fuzzer (scripts/fuzz-expr.mjs
// prints them in this shape): one expression with alias values given as the
// JSON text of each payload's "value", run through the real host and compared
// with V8 exactly as the fuzzer compares (tests/diff/compare.mjs).
import { expect } from "vitest";
import { StreamProcessor } from "../../../host/index";
import { runThroughHost } from "../pipeline.mjs";
import { compareCase } from "../compare.mjs";

/** Run `expr` with `values` (alias name -> JSON text) and expect exactly V8's outcome. */
export async function expectSameAsV8(expr: string, values: Record<string, string>): Promise<void> {
  const names = Object.keys(values);
  const json = Object.values(values);
  const [result] = await runThroughHost(StreamProcessor, [{ expr, names, values: json }]);
  const diff = compareCase({ expr, names, values: json, result });
  expect(diff === null ? null : `${diff.kind}: ${diff.detail}; V8 ${JSON.stringify(diff.want)}`).toBeNull();
}

/** The module's outcome for `expr`, for tests that also pin the value. */
export async function outcome(expr: string, values: Record<string, string>): Promise<unknown> {
  const [result] = await runThroughHost(StreamProcessor, [{ expr, names: Object.keys(values), values: Object.values(values) }]);
  if ("payload" in result) return JSON.parse(result.payload).value;
  return result;
}
