#!/usr/bin/env node
// Regenerates the "Supported, with V8's results" table of docs/expressions.md
// from tests/diff/examples.mjs: each example runs through the host (dist/) and
// through V8. Fails, writing nothing, if any example differs from V8.
//   node scripts/gen-expression-table.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { StreamProcessor } from "../dist/host/index.js";
import { expressionTable, generatedPart } from "../tests/diff/doc_table.mjs";

const path = new URL("../docs/expressions.md", import.meta.url);
const doc = readFileSync(path, "utf8");
const { markdown, problems, count } = await expressionTable(StreamProcessor);
if (problems.length > 0) {
  console.error(`examples that differ from V8:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
const old = generatedPart(doc);
if (old === null) {
  console.error("docs/expressions.md has no generated-table markers");
  process.exit(1);
}
if (process.argv.includes("--check")) {
  console.log(old === markdown ? "docs/expressions.md is up to date" : "docs/expressions.md is out of date");
  process.exit(old === markdown ? 0 : 1);
}
writeFileSync(path, doc.replace(old, () => markdown));
console.log(`docs/expressions.md: ${count} examples written`);
