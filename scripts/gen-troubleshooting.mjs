#!/usr/bin/env node
// Fills the output blocks of docs/troubleshooting.md with what the CLI really
// prints: each block after a `<!-- run: ARGS -->` line is replaced by the
// stderr of `stream-processor run ARGS --explain` (timings shown as "…").
//   node scripts/gen-troubleshooting.mjs [--check]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const path = join(root, "docs", "troubleshooting.md");
const BLOCK = /(<!-- run: (.+?) -->\n```text\n)([\s\S]*?)(```)/g;

/** The doc with every run block regenerated. */
export function regenerate(doc) {
  return doc.replace(BLOCK, (_, head, args) => {
    const r = spawnSync(process.execPath, [join(root, "dist", "host", "cli.js"), "run", ...args.split(" "), "--explain"],
      { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`stream-processor run ${args} exited ${r.status}: ${r.stderr}`);
    return head + r.stderr.replace(/ in \d+\.\d+ s \(\d+ msgs\/s\)/, " in … s") + "```";
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = readFileSync(path, "utf8");
  const want = regenerate(doc);
  if (process.argv.includes("--check")) {
    if (want !== doc) { console.error("docs/troubleshooting.md is out of date: run node scripts/gen-troubleshooting.mjs"); process.exit(1); }
  } else writeFileSync(path, want);
}
