// The built package (dist/, after `npm run build`) imported by plain Node ESM,
// by package name as a consumer would, from outside the repository.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PRESS, PUMP } from "./pump.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const consumer = mkdtempSync(join(tmpdir(), "sp-consumer-"));
mkdirSync(join(consumer, "node_modules"));
symlinkSync(root, join(consumer, "node_modules", "stream-processor-wasm"), "dir");
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

function node(script: string): string {
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer, encoding: "utf8" });
}

describe("dist import", () => {
  it("exports StreamProcessor, ConfigError and SnapshotError and processes a message", () => {
    const out = node(`
      import { StreamProcessor, ConfigError, SnapshotError } from "stream-processor-wasm";
      const p = await StreamProcessor.create(${JSON.stringify(JSON.stringify(PUMP))});
      const r = p.process([{ topic: ${JSON.stringify(PRESS)}, payload: '{"value":100,"timestamp_ms":5}' }]);
      console.log(JSON.stringify({
        classes: [typeof StreamProcessor, typeof ConfigError, typeof SnapshotError],
        outputs: r.outputs.map((o) => new TextDecoder().decode(o.payload)),
      }));
    `);
    expect(JSON.parse(out)).toEqual({
      classes: ["function", "function", "function"],
      outputs: ['{"value":104.00001,"timestamp_ms":5}', '{"value":25,"timestamp_ms":5}', '{"value":"SN-P42-008","timestamp_ms":5}'],
    });
  });

  it("throws ConfigError from dist for an invalid config", () => {
    const out = node(`
      import { StreamProcessor, ConfigError } from "stream-processor-wasm";
      try { await StreamProcessor.create("model: {name: p}\\n"); }
      catch (e) { console.log(e instanceof ConfigError, e.diagnostics[0].code); }
    `);
    expect(out.trim()).toBe("true config_invalid");
  });
});
