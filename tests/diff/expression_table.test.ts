// docs/expressions.md's "Supported, with V8's results" table is generated
// (scripts/gen-expression-table.mjs); this test fails when an example no longer
// gives V8's result or when the doc no longer says what both produce.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { StreamProcessor } from "../../host/index";
import { expressionTable, generatedPart } from "./doc_table.mjs";

test("every example of the expression reference gives V8's result, and the doc table says so", async () => {
  const { markdown, problems, count } = await expressionTable(StreamProcessor);
  expect(count).toBeGreaterThan(90);
  expect(problems).toEqual([]);
  const doc = readFileSync(new URL("../../docs/expressions.md", import.meta.url), "utf8");
  // Regenerate with: node scripts/gen-expression-table.mjs
  expect(generatedPart(doc)).toBe(markdown);
});
