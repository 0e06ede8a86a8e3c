// Inputs too large for an area: each becomes an error record or the right error
// class, never a trap or a stray RangeError (found by the issue-5 fuzzing, fixed in
// assembly/area.ts and host/module.ts).

import { describe, expect, it } from "vitest";
import { ConfigError, SnapshotError } from "../../host/index.js";
import { create, msg, SPEC_CONFIG } from "./support.js";

describe("oversized inputs", () => {
  // assembly/area.ts: Area.reserve/resetTo round the capacity up to a power of
  // two with no ceiling, so an output (or error) area that must pass 512 MiB asks
  // the stub allocator for a 1 GiB block, which traps (unreachable). A legal
  // config and ~90 messages do it. Fix: a ceiling of 512 MiB (1 << 29) on every
  // area — reserve/resetTo return false above it, and writeOutput already turns
  // that into a memory_limit error record ("output area cannot grow").
  it("outputs that would pass 512 MiB in one batch become memory_limit records, not a trap", async () => {
    const p = await create({ model: { name: "m", version: "v1" }, output_topic: "o", sources: { s: "t" }, mapping: { big: "s.repeat(1048576)" } });
    const batch = Array.from({ length: 100 }, (_, i) => msg("t", "\u0001", i + 1)); // each output: 6 MiB of \u0001 escapes
    const r = p.process(batch);
    expect(r.errors.some((e) => e.code === "memory_limit")).toBe(true);
    expect(r.outputs.length + r.errors.length).toBe(100);
  });

  // host/processor.ts + host/module.ts: configure() throws a RangeError when the
  // config JSON is larger than limits.inputAreaBytes. Config problems should all be
  // ConfigError (code config_limit). Fix: in StreamProcessor.create, catch that
  // RangeError from module.configure and throw ConfigError([{ code: "config_limit",
  // message: "config of N bytes is larger than the input area (limits.inputAreaBytes)" }]).
  it("a config larger than the input area is a ConfigError", async () => {
    await expect(create(SPEC_CONFIG, { limits: { inputAreaBytes: 256 } })).rejects.toBeInstanceOf(ConfigError);
  });

  // host/processor.ts importState: a snapshot larger than limits.inputAreaBytes
  // throws the RangeError of module.importState instead of a SnapshotError. Fix:
  // catch it in importState and throw SnapshotError("snapshot_invalid", "state
  // snapshot rejected: N bytes do not fit the input area (limits.inputAreaBytes)").
  it("a snapshot larger than the input area is a SnapshotError", async () => {
    const p = await create(SPEC_CONFIG, { limits: { inputAreaBytes: 1024 } });
    expect(() => p.importState(new Uint8Array(4096))).toThrow(SnapshotError);
  });
});
