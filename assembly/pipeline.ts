// Per-batch processing (docs/ABI.md "Batch"): frame -> topic match -> payload ->
// state -> mappings -> output records. Nothing here allocates once the areas
// have grown to the batch's size.

import { inputArea, outputArea } from "./area";
import { lookupTopic } from "./topics";
import { readPayload, payloadValue, payloadTimestamp, payloadStampPtr, payloadStampLen } from "./json/payload";
import { writeJsonValue, writeJsonNumber, jsonStringMaxBytes } from "./json/writer";
import { storeValue, stateSlots, hasValue } from "./state";
import { CONST_WORDS_BYTES, Mapping, MappingKind, Program, staticArrayEnd } from "./program";
import { fastEvaluate } from "./fastmap";
import { DIGIT_PAIRS } from "./num/dtoa";
import { evaluate, setNow } from "./expr/index";
import { arenaReset } from "./arena";
import { resultProblem } from "./result";
import { ErrorCode, raise, errBegin, errText, errInt } from "./errors";
import { recordError, resetErrors } from "./records";
import { Metric, count, metricsBlock } from "./metrics";
import {
  beginBatchExplain, beginTrace, countInvalid, countMappingError, countNoTopic, countOutput, countSkip,
  countUnknownTopic, countUpdate, Outcome, Result, traceInput, traceMapping, tracing,
} from "./explain";
import { Tag, tagOf, strLen, numOf } from "./value";
import { decimalCount32 } from "util/number";

const HEADER_BYTES: usize = 16;
// Batch header flags (u32 at offset 12).
const FLAG_TRACE: u32 = 1;
const RECORD_HEADER_BYTES: usize = 12;

const resultSlot = memory.data(16, 8);
// `,"timestamp_ms":<T>}` of the current input, rendered once per input after
// the 16-byte prefix, which is static data.
const TAIL_MAX: usize = 64;
const tail = memory.data<u8>([
  0x2c, 0x22, 0x74, 0x69, 0x6d, 0x65, 0x73, 0x74, 0x61, 0x6d, 0x70, 0x5f, 0x6d, 0x73, 0x22, 0x3a, // ,"timestamp_ms":
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
], 8);
const TAIL_PREFIX: usize = 16; // ,"timestamp_ms":
// The tail's words as writeRecord stores them: the prefix as constants, bytes
// 16..31 in globals (set by renderTail), so records load nothing from `tail`.
const TAIL_WORD0: u64 = 0x7473656d6974222c; // ,"timest
const TAIL_WORD1: u64 = 0x3a22736d5f706d61; // amp_ms":
let tailWord2: u64 = 0;
let tailWord3: u64 = 0;
let tailLen: usize = 0;
// Every record reserves this much for the tail at least (see writeRecord).
const TAIL_WORDS_BYTES: usize = 40;
let outputCount: i32 = 0;
// Bytes a short copy may write past its end (copyShort moves whole u64 words);
// every reservation in the output area includes this slack.
const COPY_SLACK: usize = 8;
// Room reserved for a number's text (at most 25 bytes).
const NUMBER_MAX: usize = 32;
// Records whose value is at most this long (numbers, short constants) are written in processMessage's loop.
const FAST_VALUE_MAX: usize = 64;
// Integers below this print the same as String(x) does (no exponent below 1e21;
// exact as an integer below 2^53).
const INT_FAST_MAX: f64 = 9007199254740992.0;

/** Process the batch of `len` bytes in the input area; returns output records or a negative status. */
export function processBatch(p: Program, len: usize): i32 {
  if (len < HEADER_BYTES || len > inputArea.capacity) return -2;
  const base = inputArea.ptr;
  // The header's last word first: wazero then checks its bounds once.
  const flags = load<u32>(base, 12);
  const n = load<u32>(base, 8);
  setNow(load<f64>(base));
  outputArea.length = 0;
  outputCount = 0;
  resetErrors();
  beginBatchExplain();
  beginTrace((flags & FLAG_TRACE) != 0);
  setFastRoom();
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
  // Counted once per batch rather than per output.
  const outputs = metricsBlock + (<usize>Metric.OutputsGenerated << 3);
  store<u64>(outputs, load<u64>(outputs) + <u64>outputCount);
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
  if (alias < 0) {
    count(Metric.MessagesDropped);
    if (topicLen == 0) {
      countNoTopic();
      if (tracing) traceInput(index, Outcome.NoTopic, -1);
    } else {
      const near = countUnknownTopic(topic, topicLen, tracing);
      if (tracing) traceInput(index, Outcome.UnknownTopic, near);
    }
    return;
  }
  // readPayload refuses a payload above the limit (as u32: a length of 2^31 or more too).
  const code = readPayload(payload, <i32>payloadLen);
  if (code != 0) {
    count(Metric.MessagesErrored);
    if (code == ErrorCode.InvalidValueType) count(Metric.InvalidDataType);
    countInvalid(alias);
    if (tracing) traceInput(index, Outcome.InvalidPayload, alias);
    recordError(index, -1, code);
    return;
  }
  storeValue(alias, payloadValue);
  count(Metric.MessagesProcessed);
  countUpdate(alias, payloadTimestamp);
  if (tracing) traceInput(index, Outcome.Processed, alias);
  tailLen = renderTail(payloadTimestamp);

  // The statics and this alias's dependents, in declaration order. Constants
  // and finite chains are written here, with the output cursor in a local, as
  // long as the area has room for any such record; the rest go through emit.
  const start = changetype<usize>(unchecked(p.emissions[alias]));
  const end = staticArrayEnd(start);
  let w = outputArea.end;
  let fired: i32 = 0;
  for (let e = start; e < end; e += 4) {
    const mapping = changetype<Mapping>(load<usize>(e));
    // Fields from the highest offset down (index is the last): wazero checks
    // bounds only when one lies past those it has checked already.
    const m = mapping.index;
    if (mapping.kind == MappingKind.Constant) {
      const errorCode = mapping.constErrorCode;
      const jsonLen = mapping.constJsonLen;
      if (w < fastRoom && errorCode == 0 && <usize>jsonLen <= FAST_VALUE_MAX) {
        w = writeRecord(w, index, m, mapping.constJsonPtr, jsonLen, 0, false, false);
        countOutput(m);
        fired++;
      } else {
        w = emitValue(index, m, mapping, w, 0);
      }
      continue;
    }
    // Before depsReady: a chain's aliases that hold numbers are set.
    const fastCount = mapping.fastCount;
    if (mapping.fastSteps != 0) {
      const x = fastEvaluate(mapping.fastSteps, fastCount, stateSlots);
      // Finite: NaN (also a missing or non-number alias) and ±Infinity go the VM's way.
      if (x - x == 0) {
        if (w < fastRoom) {
          w = writeRecord(w, index, m, 0, 0, x, true, false);
          countOutput(m);
          fired++;
        } else {
          w = emitValue(index, m, mapping, w, x);
        }
        continue;
      }
    }
    if (mapping.kind == MappingKind.Dynamic && !depsReady(mapping)) {
      countSkip(m);
      if (tracing) traceMapping(m, Result.Skipped, firstMissing(mapping));
      continue;
    }
    arenaReset();
    let code = evaluate(mapping.expression, stateSlots, resultSlot);
    if (code == 0) code = resultProblem(resultSlot);
    if (code != 0) { mappingError(index, m, code); continue; }
    w = writeOutput(w, index, m, 0, 0, 0, false, true);
  }
  outputArea.length = w - outputArea.ptr;
  outputCount += fired;
}

// Records start below this address in processMessage's loop: then even the
// longest such record fits the output area. 0 (none) while tracing (the slow
// path traces) and before the area has room. Set per batch and when the area grows.
let fastRoom: usize = 0;
// The longest record written in processMessage's loop: a value of FAST_VALUE_MAX bytes, the longest tail.
const FAST_RECORD_MAX: usize = RECORD_HEADER_BYTES + 10 + FAST_VALUE_MAX + TAIL_MAX + 3 + COPY_SLACK;

// Inlined: processBatch runs it per call. Capacity (offset 4) before ptr: one wazero bounds check.
// @ts-ignore: decorator
@inline function setFastRoom(): void {
  const area = outputArea;
  const capacity = area.capacity;
  const areaEnd = area.ptr + capacity;
  fastRoom = tracing || areaEnd < FAST_RECORD_MAX ? 0 : areaEnd - FAST_RECORD_MAX;
}

/** Bytes a record reserves for a value of at most `valueMax` bytes (the current tail, slack included). */
// @ts-ignore: decorator
@inline function recordBytes(valueMax: usize): usize {
  return RECORD_HEADER_BYTES + 10 + valueMax + max(tailLen, TAIL_WORDS_BYTES) + 3 + COPY_SLACK;
}

/** `,"timestamp_ms":<T>}` in `tail` (prefix already there); returns its length. */
function renderTail(timestamp: f64): usize {
  const len = payloadStampLen;
  if (len - 8 < 8) {
    // 8–15 bytes of text (a 13-digit epoch ms): both words built in registers,
    // as reading back bytes just stored at other offsets stalls the CPU.
    const src = payloadStampPtr;
    const k = <u64>(len - 8) << 3; // bits after the first eight digits
    tailWord2 = load<u64>(src);
    tailWord3 = ((load<u64>(src + len - 8) >> 8) >> (56 - k)) | (<u64>0x7d << k); // }
    return TAIL_PREFIX + len + 1;
  }
  // Zeros after the tail in its words: they are the padding of records (writeRecord).
  store<u64>(tail, 0, 24);
  store<u64>(tail, 0, 16);
  let n = TAIL_PREFIX;
  if (len != 0) {
    // The payload's own text prints the same (payload.ts): 1–16 bytes, copied
    // as two words that may overlap, both inside the payload.
    const src = payloadStampPtr, dst = tail + n;
    if (len >= 8) {
      store<u64>(dst, load<u64>(src));
      store<u64>(dst + len - 8, load<u64>(src + len - 8));
    } else {
      for (let i: usize = 0; i < len; i++) store<u8>(dst + i, load<u8>(src + i));
    }
    n += len;
  } else {
    n += <usize>writeNumber(tail + n, timestamp);
  }
  store<u8>(tail + n, 0x7d); // }
  tailWord2 = load<u64>(tail, 16);
  tailWord3 = load<u64>(tail, 24);
  return n + 1;
}

/** A finite number as JSON.stringify prints it: integers below 2^53 directly, others by the shortest printer. */
// Inlined: under wazero a call costs more than these few instructions.
// @ts-ignore: decorator
@inline function writeNumber(dst: usize, x: f64): i32 {
  const a = abs(x);
  if (a < INT_FAST_MAX && a == Math.floor(a)) {
    if (x < 0) { store<u8>(dst, 0x2d); return 1 + writeDecimal(dst + 1, <u64>a); }
    return writeDecimal(dst, <u64>a); // -0 prints as 0, like JSON.stringify
  }
  return writeJsonNumber(dst, x);
}

/** Decimal digits of `v` (< 2^53) at `dst`; returns the length. Eight digits at a time in u32 arithmetic. */
function writeDecimal(dst: usize, v: u64): i32 {
  if (v < 100000000) return writeU32(dst, <u32>v, decimalCount32(<u32>v));
  const hi = <u32>(v / 100000000);           // < 2^53 / 1e8 < 2^27
  const lo = <u32>(v - <u64>hi * 100000000);
  const n = <i32>decimalCount32(hi);
  writeU32(dst, hi, <u32>n);
  writeU32(dst + <usize>n, lo, 8);
  return n + 8;
}

/** The low `digits` decimal digits of `v` (zero-padded) at `dst`, two at a time from the right. */
// @ts-ignore: decorator
@inline function writeU32(dst: usize, v: u32, digits: u32): i32 {
  let q = dst + <usize>digits;
  let left = digits;
  while (left >= 2) {
    const r = v % 100;
    v /= 100;
    q -= 2;
    store<u16>(q, load<u16>(DIGIT_PAIRS + (<usize>r << 1)));
    left -= 2;
  }
  if (left != 0) store<u8>(q - 1, <u8>(0x30 + v % 10));
  return <i32>digits;
}

/** Copy `len` bytes; may write up to COPY_SLACK - 1 bytes past dst + len (callers reserve them). */
// @ts-ignore: decorator
@inline function copyShort(dst: usize, src: usize, len: usize): void {
  if (len > 64) { memory.copy(dst, src, len); return; }
  for (let i: usize = 0; i < len; i += 8) store<u64>(dst + i, load<u64>(src + i));
}

/**
 * The output record (at `w`) or error of constant mapping m, or of a chain
 * whose result `x` is finite, for input `index`; returns the output cursor.
 */
function emitValue(index: i32, m: i32, mapping: Mapping, w: usize, x: f64): usize {
  const isNumber = mapping.kind != MappingKind.Constant;
  if (!isNumber && mapping.constErrorCode != 0) {
    errBegin();
    errText(mapping.constErrorMessage);
    mappingError(index, m, mapping.constErrorCode);
    return w;
  }
  // A chain's mapping has no JSON (constJsonLen 0).
  return writeOutput(w, index, m, mapping.constJsonPtr, mapping.constJsonLen, x, isNumber, false);
}

// @ts-ignore: decorator
@inline function depsReady(mapping: Mapping): bool {
  const deps = changetype<usize>(mapping.expression.deps);
  const end = staticArrayEnd(deps);
  for (let d = deps; d < end; d += 4) if (!hasValue(load<i32>(d))) return false;
  return true;
}

/** The first dependency of `mapping` without a value (one exists: depsReady was false). */
function firstMissing(mapping: Mapping): i32 {
  const deps = mapping.expression.deps;
  for (let i = 0; i < deps.length; i++) if (!hasValue(deps[i])) return deps[i];
  return -1;
}

function mappingError(index: i32, m: i32, code: i32): void {
  count(Metric.ExpressionErrors);
  countMappingError(m, code);
  if (tracing) traceMapping(m, Result.Error, code);
  recordError(index, m, code);
}

/** Append one output record at `w`; the value is pre-rendered JSON (len > 0), the number `x` (isNumber), or resultSlot. Returns the cursor. */
function writeOutput(w: usize, index: i32, m: i32, jsonPtr: usize, jsonLen: i32, x: f64, isNumber: bool, fromSlot: bool): usize {
  let valueMax: usize;
  if (fromSlot) valueMax = tagOf(resultSlot) == Tag.String ? <usize>jsonStringMaxBytes(strLen(resultSlot)) : NUMBER_MAX;
  else if (isNumber) valueMax = NUMBER_MAX;
  else valueMax = max(<usize>jsonLen, CONST_WORDS_BYTES);
  const bytes = recordBytes(valueMax);
  if (w - outputArea.ptr + bytes > outputArea.capacity) {
    outputArea.length = w - outputArea.ptr;
    if (!outputArea.reserve(bytes)) {
      mappingError(index, m, raise(ErrorCode.MemoryLimit, "output area cannot grow"));
      return w;
    }
    w = outputArea.end; // the area may have moved
    setFastRoom();
  }
  w = writeRecord(w, index, m, jsonPtr, jsonLen, x, isNumber, fromSlot);
  outputCount++;
  countOutput(m);
  if (tracing) traceMapping(m, Result.Fired, 0);
  return w;
}

/** Write one output record at `rec` (its room reserved; the value as for writeOutput, resultSlot only if `fromSlot`); returns where the next one starts. */
// @ts-ignore: decorator
@inline function writeRecord(rec: usize, index: i32, m: i32, jsonPtr: usize, jsonLen: i32, x: f64, isNumber: bool, fromSlot: bool): usize {
  // Stores from one base go highest offset first: wazero then checks bounds once.
  store<u64>(rec, 0x3a2265756c617622, RECORD_HEADER_BYTES + 1); // "value":
  store<u8>(rec, 0x7b, RECORD_HEADER_BYTES);                    // {
  store<i32>(rec, m, 4);
  store<i32>(rec, index);
  let w = rec + RECORD_HEADER_BYTES + 9;
  if (isNumber) w += <usize>writeNumber(w, x);
  else if (jsonLen > 0) {
    if (<usize>jsonLen <= CONST_WORDS_BYTES) {
      store<u64>(w, load<u64>(jsonPtr, 8), 8);
      store<u64>(w, load<u64>(jsonPtr));
    } else {
      copyShort(w, jsonPtr, <usize>jsonLen);
    }
    w += <usize>jsonLen;
  }
  else if (fromSlot) {
    if (tagOf(resultSlot) == Tag.Number) w += <usize>writeNumber(w, numOf(resultSlot));
    else w += <usize>writeJsonValue(w, resultSlot);
  }
  // Four words hold the tail of a timestamp of up to 15 digits, zeros after
  // it, and a zero word follows: the padding (at most 3 bytes; the
  // reservation covers them) without a store from another base.
  store<u32>(w, 0, 32);
  store<u64>(w, tailWord3, 24);
  store<u64>(w, tailWord2, 16);
  store<u64>(w, TAIL_WORD1, 8);
  store<u64>(w, TAIL_WORD0);
  if (tailLen > 32) {
    copyShort(w + 32, tail + 32, tailLen - 32);
    store<u32>(w + tailLen, 0);
  }
  w += tailLen;
  store<u32>(rec, <u32>(w - rec - RECORD_HEADER_BYTES), 8);
  // Round up (the area starts 4-aligned).
  return (w + 3) & ~<usize>3;
}
