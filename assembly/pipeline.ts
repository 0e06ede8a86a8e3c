// Per-batch processing (docs/ABI.md "Batch"): frame -> topic match -> payload ->
// state -> mappings -> output records. Nothing here allocates once the areas
// have grown to the batch's size.

import { inputArea, outputArea } from "./area";
import { lookupTopic } from "./topics";
import { readPayload, payloadValue, payloadTimestamp } from "./json/payload";
import { writeJsonValue, writeJsonNumber, jsonStringMaxBytes } from "./json/writer";
import { setValue, stateSlots, hasValue } from "./state";
import { Mapping, MappingKind, Program } from "./program";
import { evaluate } from "./expr/index";
import { setNow } from "./expr/clock";
import { arenaReset } from "./arena";
import { resultProblem } from "./result";
import { ErrorCode, raise, errBegin, errText, errInt } from "./errors";
import { recordError, resetErrors } from "./records";
import { Metric, count } from "./metrics";
import { Limit, limit } from "./limits";
import { Tag, tagOf, strLen } from "./value";

const HEADER_BYTES: usize = 16;
const RECORD_HEADER_BYTES: usize = 12;

const resultSlot = memory.data(16, 8);
// `,"timestamp_ms":<T>}` of the current input, rendered once per input.
const tail = memory.data(64, 8);
let tailLen: usize = 0;
let outputCount: i32 = 0;

/** Process the batch of `len` bytes in the input area; returns output records or a negative status. */
export function processBatch(p: Program, len: usize): i32 {
  if (len < HEADER_BYTES || len > inputArea.capacity) return -2;
  const base = inputArea.ptr;
  setNow(load<f64>(base));
  const n = load<u32>(base, 8);
  outputArea.length = 0;
  outputCount = 0;
  resetErrors();
  const end = base + len;
  let rec = base + HEADER_BYTES;
  for (let i: u32 = 0; i < n; i++) {
    if (rec + RECORD_HEADER_BYTES > end) { badFrame(<i32>i, -1); break; }
    const index = load<i32>(rec);
    const topicLen = <usize>load<u32>(rec, 4);
    const payloadLen = <usize>load<u32>(rec, 8);
    const topic = rec + RECORD_HEADER_BYTES;
    // Compare against what is left rather than summing, which could overflow.
    const room = end - topic;
    if (topicLen > room || payloadLen > room - topicLen) { badFrame(<i32>i, index); break; }
    processMessage(p, index, topic, topicLen, topic + topicLen, payloadLen);
    rec = (topic + topicLen + payloadLen + 3) & ~<usize>3;
  }
  return outputCount;
}

function badFrame(position: i32, index: i32): void {
  errBegin();
  errText("malformed batch: record ");
  errInt(position);
  errText(" runs past the end of the batch");
  recordError(index, -1, ErrorCode.BadFrame);
}

function processMessage(p: Program, index: i32, topic: usize, topicLen: usize, payload: usize, payloadLen: usize): void {
  const alias = topicLen == 0 ? -1 : lookupTopic(topic, topicLen);
  if (alias < 0) { count(Metric.MessagesDropped); return; }
  let code: i32;
  if (payloadLen > <usize>limit(Limit.PayloadBytes)) {
    errBegin();
    errText("payload larger than ");
    errInt(limit(Limit.PayloadBytes));
    errText(" bytes");
    code = ErrorCode.PayloadTooLarge;
  } else {
    code = readPayload(payload, <i32>payloadLen);
  }
  if (code != 0) {
    count(Metric.MessagesErrored);
    if (code == ErrorCode.InvalidValueType) count(Metric.InvalidDataType);
    recordError(index, -1, code);
    return;
  }
  setValue(alias, payloadValue);
  count(Metric.MessagesProcessed);
  tailLen = renderTail(payloadTimestamp);

  // Walk statics and this alias's dependents together, in declaration order.
  const statics = p.statics;
  const dependents = unchecked(p.dependents[alias]);
  const ns = statics.length, nd = dependents.length;
  let s = 0, d = 0;
  while (s < ns || d < nd) {
    let m: i32;
    if (d >= nd || (s < ns && unchecked(statics[s]) < unchecked(dependents[d]))) m = unchecked(statics[s++]);
    else m = unchecked(dependents[d++]);
    emit(p, index, m);
  }
}

function renderTail(timestamp: f64): usize {
  let n: usize = 0;
  const prefix = ',"timestamp_ms":';
  for (let i = 0; i < prefix.length; i++) store<u8>(tail + <usize>i, <u8>prefix.charCodeAt(i));
  n = <usize>prefix.length;
  n += <usize>writeJsonNumber(tail + n, timestamp);
  store<u8>(tail + n, 0x7d); // }
  return n + 1;
}

function emit(p: Program, index: i32, m: i32): void {
  const mapping = unchecked(p.mappings[m]);
  if (mapping.kind == MappingKind.Constant) {
    if (mapping.constErrorCode != 0) {
      errBegin();
      errText(mapping.constErrorMessage);
      mappingError(index, m, mapping.constErrorCode);
      return;
    }
    writeOutput(index, m, mapping.constJsonPtr, mapping.constJsonLen);
    return;
  }
  if (mapping.kind == MappingKind.Dynamic && !depsReady(mapping)) return;
  arenaReset();
  let code = evaluate(mapping.expression, stateSlots, resultSlot);
  if (code == 0) code = resultProblem(resultSlot);
  if (code != 0) { mappingError(index, m, code); return; }
  writeOutput(index, m, 0, 0);
}

function depsReady(mapping: Mapping): bool {
  const deps = mapping.expression.deps;
  for (let i = 0; i < deps.length; i++) if (!hasValue(unchecked(deps[i]))) return false;
  return true;
}

function mappingError(index: i32, m: i32, code: i32): void {
  count(Metric.ExpressionErrors);
  recordError(index, m, code);
}

/** Append one output record; the value is pre-rendered JSON (len > 0) or resultSlot. */
function writeOutput(index: i32, m: i32, jsonPtr: usize, jsonLen: i32): void {
  let valueMax: usize;
  if (jsonLen > 0) valueMax = <usize>jsonLen;
  else if (tagOf(resultSlot) == Tag.String) valueMax = <usize>jsonStringMaxBytes(strLen(resultSlot));
  else valueMax = 32;
  if (!outputArea.reserve(RECORD_HEADER_BYTES + 10 + valueMax + tailLen + 3)) {
    mappingError(index, m, raise(ErrorCode.MemoryLimit, "output area cannot grow"));
    return;
  }
  const rec = outputArea.end;
  store<i32>(rec, index);
  store<i32>(rec, m, 4);
  let w = rec + RECORD_HEADER_BYTES;
  // {"value":
  store<u64>(w, 0x65756c6176227b); // {"value  (7 bytes + a zero we overwrite)
  store<u16>(w, 0x3a22, 7);        // ":
  w += 9;
  if (jsonLen > 0) { memory.copy(w, jsonPtr, <usize>jsonLen); w += <usize>jsonLen; }
  else w += <usize>writeJsonValue(w, resultSlot);
  memory.copy(w, tail, tailLen);
  w += tailLen;
  const payloadLen = w - rec - RECORD_HEADER_BYTES;
  store<u32>(rec, <u32>payloadLen, 8);
  outputArea.length += RECORD_HEADER_BYTES + payloadLen;
  outputArea.pad4();
  outputCount++;
  count(Metric.OutputsGenerated);
}
