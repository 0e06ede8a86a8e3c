// The module's ABI: exports only. Byte layouts are in docs/ABI.md; each export
// here carries its one-line contract.

import { inputArea, outputArea, errorArea } from "./area";
import { setLimit, Limit, limit } from "./limits";
import { loadConfig } from "./config";
import { Program, installProgram, program } from "./program";
import { buildTopicTable, topicLen } from "./topics";
import { explainBytes, initExplain, traceArea, writeExplain } from "./explain";
import { initState } from "./state";
import { processBatch } from "./pipeline";
import { describeProgram } from "./describe";
import { exportState, importState } from "./snapshot";
import { resetErrors, errorCount, recordConfigError } from "./records";
import { ErrorCode } from "./errors";
import { metricsBlock, Metric, setMetric } from "./metrics";
import { seedRandom } from "./expr/index";
import { intText } from "./text";
import { Msg, msg } from "./messages";
import { statusBlock, syncStatus, setProgramFlags } from "./status";

const ABI_VERSION: i32 = 2;

/** ABI version of this module (docs/ABI.md). */
export function abi_version(): i32 { return ABI_VERSION; }

/** Before configure: set limit `id` to `value`. 0 ok, -1 unknown id / zero / above the limit's maximum / already configured. */
export function set_limit(id: i32, value: i32): i32 {
  if (program != null) return -1;
  return setLimit(id, <u32>value) ? 0 : -1;
}

/** Reserve an input area of at least `bytes`; returns its address, 0 above the input-area limit. */
export function input_area(bytes: i32): i32 {
  // limit() is at most limitMax (512 MiB), so a refused size allocates nothing.
  if (bytes < 0 || <u32>bytes > limit(Limit.InputAreaBytes)) return 0;
  if (!inputArea.resetTo(<usize>max(bytes, 16))) return 0;
  return <i32>inputArea.ptr;
}

/** Configure from `len` bytes of config JSON in the input area. 0 ok, -1 invalid (error records), -2 already configured. */
export function configure(len: i32, seed: i32): i32 {
  const r = configureFrom(len, seed);
  syncStatus();
  return r;
}

function configureFrom(len: i32, seed: i32): i32 {
  resetErrors();
  if (program != null) return -2;
  if (len < 0 || <usize>len > inputArea.capacity) {
    recordConfigError(-1, ErrorCode.ConfigInvalid, "", -1, -1,
      "config length " + intText(len) + msg(Msg.DoesNotFitTheInput) + intText(inputArea.capacity) + msg(Msg.BytesReserved));
    return -1;
  }
  const p = loadConfig(inputArea.ptr, len);
  if (p == null) return -1;
  initState(p.aliases.length);
  buildTopicTable(p.topics);
  let longest = 0;
  for (let a = 0; a < p.aliases.length; a++) longest = max(longest, topicLen(a));
  initExplain(p.mappings.length, p.aliases.length, longest);
  seedRandom(<u64><u32>seed);
  setMetric(Metric.ActiveMappings, <u64>p.mappings.length);
  installProgram(p);
  setProgramFlags(p);
  return 0;
}

/** Write the program description to the output area; returns its length (-1 if not configured). */
export function describe(): i32 {
  const p = program;
  if (p == null) return -1;
  const n = describeProgram(p);
  syncStatus();
  return n;
}

/** Process the batch of `len` bytes in the input area; returns output records, -1 not configured, -2 malformed header. */
export function process(len: i32): i32 {
  const p = program;
  if (p == null) return -1;
  if (len < 0) return -2;
  const n = processBatch(p, <usize>len);
  syncStatus();
  return n;
}

/** Write the explain record (docs/ABI.md "Explain") to the output area; returns its length (-1 if not configured). */
export function explain(): i32 {
  if (program == null) return -1;
  outputArea.length = 0;
  const n = outputArea.reserve(explainBytes()) ? writeExplain(outputArea.ptr) : 0;
  outputArea.length = n;
  syncStatus();
  return n > 0 ? <i32>n : -2;
}

/** Address of the trace records of the last `process` whose batch asked for a trace. */
export function trace_ptr(): i32 { return <i32>traceArea.ptr; }
/** Bytes of trace records of the last `process` (0 when its batch did not ask for a trace). */
export function trace_len(): i32 { return <i32>traceArea.length; }

/** Address of the output area. */
export function output_ptr(): i32 { return <i32>outputArea.ptr; }
/** Bytes used in the output area. */
export function output_len(): i32 { return <i32>outputArea.length; }
/** Address of the error area. */
export function error_ptr(): i32 { return <i32>errorArea.ptr; }
/** Bytes used in the error area. */
export function error_len(): i32 { return <i32>errorArea.length; }
/** Error records in the error area. */
export function error_count(): i32 { return errorCount; }
/** Address of the eight u64 metrics counters. */
export function metrics_ptr(): i32 { return <i32>metricsBlock; }
/** Address of the status block (docs/ABI.md "Status block"), fixed for the instance's life. */
export function status_ptr(): i32 { return <i32>statusBlock; }

/** Write a state snapshot to the output area; returns its length (-1 not configured, -2 larger than an area can hold). */
export function state_export(): i32 {
  const p = program;
  if (p == null) return -1;
  const n = exportState(p);
  syncStatus();
  return n;
}

/** Replace the state by the snapshot of `len` bytes in the input area. 0 ok, -1 rejected (error record), -2 not configured. */
export function state_import(len: i32): i32 {
  resetErrors();
  const p = program;
  if (p == null) return -2;
  const r = importState(p, len);
  syncStatus();
  return r;
}

/** Diagnostic: the bump allocator's top. Constant across process calls once areas are sized. */
export function heap_top(): i32 {
  const p = heap.alloc(0);
  heap.free(p); // the stub runtime gives back its last block
  return <i32>p;
}
