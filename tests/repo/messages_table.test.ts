// assembly/messages.ts is generated from assembly/messages.txt (scripts/gen-messages.mjs);
// this fails when the table is stale or a message is no longer used.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { generate } from "../../scripts/gen-messages.mjs";

const root = new URL("../../", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") && !p.endsWith("messages.ts") ? [p] : [];
  });
}

test("assembly/messages.ts is generated from assembly/messages.txt", () => {
  const list = readFileSync(join(root, "assembly/messages.txt"), "utf8");
  // Regenerate with: node scripts/gen-messages.mjs
  expect(readFileSync(join(root, "assembly/messages.ts"), "utf8")).toBe(generate(list));
});

test("every message in the table is used, and each name once", () => {
  const names = readFileSync(join(root, "assembly/messages.txt"), "utf8").split("\n").filter(Boolean).map((l) => l.split(" ")[0]);
  expect(new Set(names).size).toBe(names.length);
  const code = sources(join(root, "assembly")).map((p) => readFileSync(p, "utf8")).join("\n");
  expect(names.filter((n) => !new RegExp(`\\bMsg\\.${n}\\b`).test(code))).toEqual([]);
});
