// `stream-processor run`: JSON lines in (a file in large chunks, or a pipe as it
// arrives), batches through the module, output lines to stdout, errors and notes of
// unreadable lines to stderr in line order, and the summary line.

import { process as processBatchAbi, output_ptr, error_ptr, error_count, metrics_ptr } from "../index";
import {
  stdout, stderr, fileError, openRead, closeFd, readSome, isRegularFile, nowMs, monotonicNs, fail,
} from "./io";
import { Buf } from "./buf";
import { parseMessage, problem } from "./jsonl";
import { topic, payload, metaBefore, metaAfter } from "./message";
import { appendSanitized, validUtf8Prefix, sanitizeUtf8, isBlankLine } from "./utf8";
import { area, u32At, pad4, loadConfig, sanitizedTo, mappingPaths, mappingTopicJson, mappingHeads } from "./core";
import { restoreState, saveState } from "./state_file";
import { formatFixed, FIXED_MAX_UNITS } from "../num/format";
import { intText } from "../text";

/** Messages per module call, at most (as the Node CLI). */
const BATCH = 1000;
const METADATA_KEY = ",\"metadata\":";
const metadataKey = memory.data<u8>([0x2c, 0x22, 0x6d, 0x65, 0x74, 0x61, 0x64, 0x61, 0x74, 0x61, 0x22, 0x3a]);

const batch = new Buf();        // the framed batch, copied into the input area
const lines = new Array<i32>(); // input line of each message in the batch
const metaOffsets = new Array<i32>(); // per message: before start, before len, after start, after len (in `metas`)
const metas = new Buf();
const outBuf = new Buf();
let batchCount = 0;
// Notes of unreadable lines not yet written: line numbers, and their messages in `pendingText`.
const pendingLines = new Array<i32>();
const pendingEnds = new Array<i32>();
const pendingText = new Buf();

let inputs: i64 = 0, outputs: i64 = 0, dropped: i64 = 0, errors: i64 = 0, unreadable: i64 = 0;

function startBatch(): void {
  batch.len = 16;
  batch.reserve(0);
  lines.length = 0;
  metaOffsets.length = 0;
  metas.len = 0;
  batchCount = 0;
}

function addMessage(lineNo: i32): void {
  const rec = batch.reserve(12 + topic.len + payload.len + 3);
  store<u32>(rec, <u32>batchCount);
  store<u32>(rec, <u32>topic.len, 4);
  store<u32>(rec, <u32>payload.len, 8);
  batch.len += 12;
  batch.bytes(topic.ptr, topic.len);
  batch.bytes(payload.ptr, payload.len);
  batch.pad4();
  lines.push(lineNo);
  metaOffsets.push(metas.len);
  metaOffsets.push(metaBefore.len);
  metas.bytes(metaBefore.ptr, metaBefore.len);
  metaOffsets.push(metas.len);
  metaOffsets.push(metaAfter.len);
  metas.bytes(metaAfter.ptr, metaAfter.len);
  batchCount++;
}

let pendingDone = 0; // notes of pendingLines already written

function writePendingUpTo(line: i32): void {
  // Notes of unreadable lines before `line`, in line order (they were queued in order).
  while (pendingDone < pendingLines.length && pendingLines[pendingDone] < line) {
    const from = pendingDone == 0 ? 0 : pendingEnds[pendingDone - 1];
    stderr.ascii("line ");
    stderr.int(pendingLines[pendingDone]);
    stderr.ascii(": ");
    stderr.bytes(pendingText.ptr + <usize>from, pendingEnds[pendingDone] - from);
    stderr.byte(0x0a);
    pendingDone++;
  }
  if (pendingDone == pendingLines.length) {
    pendingLines.length = 0;
    pendingEnds.length = 0;
    pendingText.len = 0;
    pendingDone = 0;
  }
}

function metricDropped(): i64 { return load<i64>(<usize>metrics_ptr(), 8); }

let live = false;

/** Process the batch; write its outputs and notes (to the terminal or pipe at once when live). */
function flush(): void {
  if (batchCount > 0) {
    store<f64>(batch.ptr, nowMs());
    store<u32>(batch.ptr, <u32>batchCount, 8);
    store<u32>(batch.ptr, 0, 12);
    const at = area(batch.len);
    memory.copy(at, batch.ptr, <usize>batch.len);
    const droppedBefore = metricDropped();
    const count = processBatchAbi(batch.len);
    if (count < 0) fail("internal error: the module rejected the batch (status " + intText(count) + ")", 1);
    inputs += batchCount;
    outputs += count;
    dropped += metricDropped() - droppedBefore;
    // Outputs, in input order.
    let p = <usize>output_ptr();
    for (let k = 0; k < count; k++) {
      const input = u32At(p);
      const mapping = u32At(p + 4);
      const len = u32At(p + 8);
      const t = mappingTopicJson[mapping];
      const head = mappingHeads[mapping];
      const m = input << 2;
      const before = metaOffsets[m + 1], after = metaOffsets[m + 3];
      const payloadPtr = p + 12;
      if (validUtf8Prefix(payloadPtr, payloadPtr + <usize>len) == <usize>len) {
        // {"topic":T,"payload": P ,"metadata": before T after }\n, in one piece.
        const size = head.len + len + METADATA_KEY.length + before + t.len + after + 2;
        let o = stdout.reserve(size);
        memory.copy(o, head.ptr, <usize>head.len); o += <usize>head.len;
        memory.copy(o, payloadPtr, <usize>len); o += <usize>len;
        memory.copy(o, metadataKey, <usize>METADATA_KEY.length); o += <usize>METADATA_KEY.length;
        memory.copy(o, metas.ptr + <usize>metaOffsets[m], <usize>before); o += <usize>before;
        memory.copy(o, t.ptr, <usize>t.len); o += <usize>t.len;
        memory.copy(o, metas.ptr + <usize>metaOffsets[m + 2], <usize>after); o += <usize>after;
        store<u16>(o, 0x0a7d); // "}\n"
        stdout.len += size;
      } else {
        outBuf.len = 0;
        outBuf.bytes(head.ptr, head.len);
        appendSanitized(outBuf, payloadPtr, len);
        outBuf.ascii(METADATA_KEY);
        outBuf.bytes(metas.ptr + <usize>metaOffsets[m], before);
        outBuf.bytes(t.ptr, t.len);
        outBuf.bytes(metas.ptr + <usize>metaOffsets[m + 2], after);
        outBuf.ascii("}\n");
        stdout.bytes(outBuf.ptr, outBuf.len);
      }
      p += <usize>pad4(12 + len);
    }
    // Errors, merged with the notes of unreadable lines by line.
    const n = error_count();
    errors += n;
    let e = <usize>error_ptr();
    for (let k = 0; k < n; k++) {
      const input = load<i32>(e);
      const mapping = load<i32>(e, 4);
      const pathLen = u32At(e + 20);
      const messageLen = u32At(e + 24);
      const line = input >= 0 && input < lines.length ? lines[input] : 0;
      writePendingUpTo(line);
      stderr.ascii("line ");
      stderr.int(line);
      if (mapping >= 0) {
        stderr.ascii(", mapping '");
        stderr.text(mappingPaths[mapping]);
        stderr.ascii("': ");
      } else {
        stderr.ascii(": ");
      }
      sanitizedTo(stderr, e + 28 + <usize>pathLen, messageLen);
      stderr.byte(0x0a);
      e += <usize>pad4(28 + pathLen + messageLen);
    }
  }
  writePendingUpTo(i32.MAX_VALUE);
  if (live) { stdout.flush(); stderr.flush(); }
  startBatch();
}

// The input: read in large chunks, split into lines.
let inPtr: usize = 0;
let inCap: i32 = 0;
let lineNo: i32 = 0;
const clean = new Buf();

function handleLine(p: usize, len: i32): void {
  lineNo++;
  if (len > 0 && load<u8>(p + <usize>len - 1) == 0x0d) len--;
  if (len == 0) return;
  if (validUtf8Prefix(p, p + <usize>len) != <usize>len) {
    clean.len = 0;
    clean.len = sanitizeUtf8(clean.reserve(len * 3), p, len);
    p = clean.ptr;
    len = clean.len;
  }
  if (load<u8>(p) != 0x7b && isBlankLine(p, len)) return;
  if (!parseMessage(p, len)) {
    unreadable++;
    pendingLines.push(lineNo);
    pendingText.bytes(problem.ptr, problem.len);
    pendingEnds.push(pendingText.len);
    return;
  }
  addMessage(lineNo);
  if (batchCount >= BATCH) flush();
}

function readInput(fd: u32, name: string): void {
  if (inCap == 0) { inCap = 1 << 20; inPtr = heap.alloc(<usize>inCap); }
  let filled = 0;
  while (true) {
    if (filled == inCap) {
      // One line longer than the buffer: grow it.
      const next = heap.alloc(<usize>inCap * 2);
      memory.copy(next, inPtr, <usize>filled);
      inPtr = next;
      inCap *= 2;
    }
    const want = inCap - filled;
    const n = readSome(fd, inPtr + <usize>filled, want);
    if (n < 0) fail("cannot read input '" + name + "': " + readErrorText(-n));
    if (n == 0) break;
    const end = filled + n;
    let start = 0;
    let i = filled;
    while (i < end) {
      // Eight bytes at a time up to the next line feed.
      while (i + 8 <= end) {
        const v = load<u64>(inPtr + <usize>i) ^ 0x0a0a0a0a0a0a0a0a;
        if (((v - 0x0101010101010101) & ~v & 0x8080808080808080) != 0) break;
        i += 8;
      }
      if (i >= end) break;
      if (load<u8>(inPtr + <usize>i) == 0x0a) {
        handleLine(inPtr + <usize>start, i - start);
        start = i + 1;
      }
      i++;
    }
    filled = end - start;
    if (start > 0 && filled > 0) memory.copy(inPtr, inPtr + <usize>start, <usize>filled);
    // A live source (a pipe or terminal) that has paused: answer what arrived now.
    if (live && n < want) flush();
  }
  if (filled > 0) handleLine(inPtr, filled);
}

function readErrorText(errno: i32): string {
  return errno == 31 ? "EISDIR: illegal operation on a directory, read" : "read error " + intText(errno);
}

export function run(configPath: string, inputPath: string | null, seed: i32, statePath: string | null): void {
  loadConfig(configPath, seed);
  if (statePath != null) restoreState(statePath!);
  let fd: u32 = 0;
  if (inputPath != null) {
    const opened = openRead(inputPath!);
    if (opened < 0) fail("cannot read input '" + inputPath! + "': " + fileError());
    fd = <u32>opened;
  }
  live = inputPath == null && !isRegularFile(0);
  const started = monotonicNs();
  startBatch();
  readInput(fd, inputPath == null ? "stdin" : inputPath!);
  flush();
  if (inputPath != null) closeFd(<i32>fd);
  if (statePath != null) saveState(statePath!);
  const seconds = <f64>(monotonicNs() - started) / 1e9;
  const rate = inputs > 0 ? Math.round(<f64>inputs / Math.max(seconds, 1e-9)) : 0;
  // Written piece by piece: the heap top stays what the lines left (tests/wasi checks it).
  stderr.int(inputs);
  stderr.ascii(" inputs");
  if (unreadable > 0) {
    stderr.ascii(" (+");
    stderr.int(unreadable);
    stderr.ascii(unreadable == 1 ? " unreadable line)" : " unreadable lines)");
  }
  stderr.ascii(", "); stderr.int(outputs);
  stderr.ascii(" outputs, "); stderr.int(dropped);
  stderr.ascii(" dropped, "); stderr.int(errors + unreadable);
  stderr.ascii(" errors in ");
  const n = formatFixed(fixedBuf, seconds, 3);
  for (let i = 0; i < n; i++) stderr.byte(<i32>load<u16>(fixedBuf + (<usize>i << 1)));
  stderr.ascii(" s (");
  stderr.int(<i64>rate);
  stderr.ascii(" msgs/s)\n");
}

const fixedBuf = memory.data(FIXED_MAX_UNITS << 1);
