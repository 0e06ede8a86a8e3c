// The product module with deliberate extra work per message, for the
// performance gate's own test (tests/perf/gate.test.ts): every export of
// assembly/index.ts, but `process` first spins a small loop per message of the
// batch. Built with the test flags, so it matches build/stream_processor.speed.wasm
// in everything but that loop.
import { inputArea } from "../../assembly/area";
import { process as processBatchOf } from "../../assembly/index";

export * from "../../assembly/index";

// Read back through an export, so the optimiser cannot drop the loop.
let sink: u32 = 1;
const EXTRA_ITERATIONS_PER_MESSAGE: u32 = 32;

export function process(len: i32): i32 {
  // Batch header: the message count is the u32 at offset 8 (docs/ABI.md).
  const messages = len >= 16 ? load<u32>(inputArea.ptr + 8) : 0;
  for (let i: u32 = 0; i < messages * EXTRA_ITERATIONS_PER_MESSAGE; i++) sink = sink * 1103515245 + i;
  return processBatchOf(len);
}

export function perf_sink(): u32 { return sink; }
