// The `stream-processor` command as a WASI preview1 command (build/stream-processor.wasi.wasm):
// `run` a config over JSON lines, `check` a config, with the Node CLI's contract
// (host/cli.ts): the same stdout bytes, the same stderr lines, the same exit codes.
// The module core is called directly (assembly/index.ts); everything the Node host
// does around it (YAML, JSON lines, batching, state file) happens in here.

import {
  input_area, configure, describe, process as processBatchAbi, output_ptr, output_len, error_ptr, error_count,
  metrics_ptr, state_export, state_import,
} from "../index";
import { configText, configTextError } from "../yaml/index";
import { commandArgs, parseCommandLine, closest } from "./args";
import {
  stdout, stderr, exit, readFile, fileError, pathExists, dirName, writeFileAtomic, openRead, closeFd,
  readSome, isRegularFile, nowMs, monotonicNs, randomU32, Output,
} from "./io";
import {
  Buf, parseMessage, problem, topic, payload, metaBefore, metaAfter, appendSanitized, validUtf8Prefix,
  sanitizeUtf8, isBlankLine,
} from "./jsonl";
import { VERSION } from "./version";
import { formatFixed, FIXED_MAX_UNITS } from "../num/format";
import { intText } from "../text";

const USAGE = `usage: stream-processor <command> [options]
       wasmtime run --dir . stream-processor.wasi.wasm <command> [options]

commands:
  run    --config <file> [--input <file.jsonl>] [--seed <n>] [--state <file>]
         Process JSON lines from --input (default: stdin). Outputs go to stdout as
         JSON lines; errors (one line each) and a summary go to stderr. From a pipe,
         outputs follow each line as it arrives; a file goes in batches.
  check  --config <file>
         Validate the config and list its mappings: path, kind, dependencies.

options:
  -c, --config <file>   the config, YAML or JSON (docs/behaviour.md "Config")
  -i, --input <file>    JSON lines to process (default: stdin)
      --seed <n>        seed for Math.random (default: random)
      --state <file>    keep the state (latest value per alias) in <file>: restored at
                        start if the file exists, written atomically at exit
  -h, --help            show this help
  -V, --version         print the version

Files are reached through the directories the WASI runtime grants
(wasmtime run --dir .). Not in this build: serve, --explain, --trace, signals.

exit status: 0 done (bad messages are reported on stderr, not fatal),
             2 invalid config, unreadable file, unusable state file or usage error,
             1 internal error
`;

/** Messages per module call, at most (as the Node CLI). */
const BATCH = 1000;
const KINDS = ["constant", "volatile", "dynamic"];

function usageError(message: string, argsGiven: bool): void {
  if (argsGiven) stderr.text("stream-processor: " + message + " (see 'stream-processor --help')\n");
  else stderr.text(USAGE);
  exit(2);
}

function fail(message: string, code: i32 = 2): void {
  stderr.text("stream-processor: " + message + "\n");
  exit(code);
}

// ---- the program ---------------------------------------------------------------------

let mappingPaths: string[] = [];
let mappingTopicJson: Buf[] = [];
/** Per mapping: `{"topic":<topic>,"payload":`, the start of each of its output lines. */
let mappingHeads: Buf[] = [];
const METADATA_KEY = ",\"metadata\":";
const metadataKey = memory.data<u8>([0x2c, 0x22, 0x6d, 0x65, 0x74, 0x61, 0x64, 0x61, 0x74, 0x61, 0x22, 0x3a]);
let inputAreaPtr: usize = 0;
let inputAreaCap: i32 = 0;

/** The input area of the module with room for `bytes`. */
function area(bytes: i32): usize {
  if (bytes > inputAreaCap) {
    const want = max(bytes, max(inputAreaCap * 2, 64 << 10));
    inputAreaPtr = <usize>input_area(want);
    inputAreaCap = want;
    if (inputAreaPtr == 0) {
      inputAreaPtr = <usize>input_area(bytes);
      inputAreaCap = bytes;
      if (inputAreaPtr == 0) fail("internal error: a batch of " + intText(bytes) + " bytes does not fit the module's input area", 1);
    }
  }
  return inputAreaPtr;
}

function u32At(p: usize): i32 { return <i32>load<u32>(p); }
function text(p: usize, len: i32): string { return String.UTF8.decodeUnsafe(p, <usize>len); }
const pad4 = (n: i32): i32 => (n + 3) & ~3;

/** Read, convert and configure the config at `path`; exits 2 when it is unreadable or invalid. */
function loadConfig(path: string, seed: i32): void {
  const bytes = readFile(path);
  if (bytes == null) { fail("cannot read config '" + path + "': " + fileError()); return; }
  const json = configText(bytes.ptr, bytes.len);
  if (json == null) {
    stderr.text(path + ": invalid config\n" + configTextError() + "\n");
    exit(2);
    return;
  }
  const at = area(json.len);
  memory.copy(at, json.ptr, <usize>json.len);
  if (configure(json.len, seed) != 0) {
    stderr.text(path + ": invalid config\n");
    const count = error_count();
    let p = <usize>error_ptr();
    if (count == 0) stderr.text("config rejected without a reason (module bug)");
    for (let i = 0; i < count; i++) {
      const pathLen = u32At(p + 20);
      const messageLen = u32At(p + 24);
      if (i > 0) stderr.byte(0x0a);
      sanitizedTo(stderr, p + 28 + <usize>pathLen, messageLen);
      p += <usize>pad4(28 + pathLen + messageLen);
    }
    stderr.byte(0x0a);
    exit(2);
  }
  readDescription();
}

/** Bytes to an output stream as Node's TextDecoder would have read them. */
function sanitizedTo(out: Output, p: usize, len: i32): void {
  if (validUtf8Prefix(p, p + <usize>len) == <usize>len) { out.bytes(p, len); return; }
  const tmp = heap.alloc(<usize>len * 3);
  out.bytes(tmp, sanitizeUtf8(tmp, p, len));
  heap.free(tmp);
}

class MappingInfo {
  path: string = "";
  kind: i32 = 0;
  deps: string[] = [];
}
let mappings: MappingInfo[] = [];

function readDescription(): void {
  describe();
  let p = <usize>output_ptr();
  const aliasCount = u32At(p);
  const mappingCount = u32At(p + 4);
  p += 8;
  const aliases = new Array<string>();
  for (let i = 0; i < aliasCount; i++) {
    const nameLen = u32At(p), topicLen = u32At(p + 4);
    aliases.push(text(p + 8, nameLen));
    p += <usize>pad4(8 + nameLen + topicLen);
  }
  for (let i = 0; i < mappingCount; i++) {
    const m = new MappingInfo();
    m.kind = u32At(p);
    const depCount = u32At(p + 4), topicLen = u32At(p + 8), pathLen = u32At(p + 12), exprLen = u32At(p + 16);
    p += 20;
    for (let d = 0; d < depCount; d++) { m.deps.push(aliases[u32At(p)]); p += 4; }
    const t = text(p, topicLen);
    m.path = text(p + <usize>topicLen, pathLen);
    p += <usize>pad4(topicLen + pathLen + exprLen);
    const json = new Buf();
    json.jsonString(changetype<usize>(t), t.length);
    mappingTopicJson.push(json);
    const head = new Buf();
    head.ascii("{\"topic\":");
    head.bytes(json.ptr, json.len);
    head.ascii(",\"payload\":");
    mappingHeads.push(head);
    mappingPaths.push(m.path);
    mappings.push(m);
  }
}

// ---- check --------------------------------------------------------------------------

function check(configPath: string): void {
  loadConfig(configPath, <i32>randomU32());
  let width = 0;
  for (let i = 0; i < mappings.length; i++) width = max(width, mappings[i].path.length);
  for (let i = 0; i < mappings.length; i++) {
    const m = mappings[i];
    let line = m.path.padEnd(width) + "  " + KINDS[m.kind].padEnd(8) + "  " + m.deps.join(", ");
    line = line.trimEnd();
    stdout.text(line + "\n");
  }
  const n = mappings.length;
  stderr.text(configPath + ": ok, " + intText(n) + " mapping" + (n == 1 ? "" : "s") + "\n");
}

// ---- run ----------------------------------------------------------------------------

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

function restoreState(path: string): void {
  const bytes = readFile(path);
  if (bytes == null) {
    const problem = fileError();
    if (!problem.startsWith("ENOENT")) fail("cannot read state file '" + path + "': " + problem);
    // Fail now rather than after the whole input if the state can never be saved.
    if (!pathExists(dirName(path))) fail("cannot write state file '" + path + "': its directory does not exist");
    return;
  }
  const at = area(bytes.len);
  memory.copy(at, bytes.ptr, <usize>bytes.len);
  if (state_import(bytes.len) != 0) {
    let message = "snapshot rejected";
    if (error_count() > 0) {
      const e = <usize>error_ptr();
      message = text(e + 28 + <usize>u32At(e + 20), u32At(e + 24));
    }
    fail("cannot restore state from '" + path + "': " + message + " (delete the file to start with an empty state)");
  }
}

function saveState(path: string): void {
  const len = state_export();
  if (len < 0) fail("cannot write state file '" + path + "': the state is too large to export (over 512 MiB)", 1);
  const problem = writeFileAtomic(path, <usize>output_ptr(), len);
  if (problem.length > 0) fail("cannot write state file '" + path + "': " + problem, 1);
}

function run(configPath: string, inputPath: string | null, seed: i32, statePath: string | null): void {
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

// ---- main ---------------------------------------------------------------------------

const COMMANDS = ["run", "check", "serve"];

function main(): void {
  const argv = commandArgs();
  const argsGiven = argv.length > 0;
  const a = parseCommandLine(argv);
  if (a.error.length > 0) { usageError(a.error, argsGiven); return; }
  if (a.has("help")) { stdout.text(USAGE); return; }
  if (a.has("version")) { stdout.text("stream-processor " + VERSION + "\n"); return; }
  if (a.positionals.length == 0) { usageError("missing command (run, check, serve)", argsGiven); return; }
  const command = a.positionals[0];
  if (!COMMANDS.includes(command)) {
    const near = closest(command, COMMANDS);
    usageError("unknown command '" + command + "'" + (near == null ? "" : "; did you mean '" + near! + "'?"), argsGiven);
    return;
  }
  if (a.positionals.length > 1) { usageError("unexpected argument '" + a.positionals[1] + "'", argsGiven); return; }
  const allowed = command == "run" ? ["config", "input", "seed", "state", "explain", "trace"]
    : command == "check" ? ["config"] : ["port", "config", "input"];
  for (let i = 0; i < a.names.length; i++) {
    const name = a.names[i];
    if (name == "help" || name == "version") continue;
    if (!allowed.includes(name)) {
      const list = new Array<string>();
      for (let k = 0; k < allowed.length; k++) list.push("--" + allowed[k]);
      usageError(command + " does not take --" + name + " (it takes " + list.join(", ") + ")", argsGiven);
      return;
    }
  }
  if (command == "serve") { fail("serve is not available in the WASI command (use the Node CLI)"); return; }
  if (a.has("explain") || a.has("trace")) { fail("--explain and --trace are not available in the WASI command (use the Node CLI)"); return; }
  const config = a.get("config");
  if (config == null) { usageError(command + ": --config <file> is required", argsGiven); return; }
  if (command == "check") { check(config!); return; }
  let seed: i32 = <i32>randomU32();
  const seedText = a.get("seed");
  if (seedText != null) {
    const s = seedText!;
    // /^-?\d+$/ and a safe integer, as the Node CLI checks it.
    let i = s.startsWith("-") ? 1 : 0;
    let ok = i < s.length;
    let v: f64 = 0;
    for (; ok && i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x30 || c > 0x39) { ok = false; break; }
      v = v * 10 + <f64>(c - 0x30);
      if (v > 9007199254740991) ok = false;
    }
    if (!ok) { usageError("--seed must be an integer, got '" + s + "'", argsGiven); return; }
    seed = <i32><i64>(s.startsWith("-") ? -v : v); // seed | 0
  }
  run(config!, a.get("input"), seed, a.get("state"));
}

/** The command. Success returns from _start (exit status 0); failures end in proc_exit. */
export function _start(): void {
  main();
  stdout.flush();
  stderr.flush();
}
export { heap_top } from "../index";
