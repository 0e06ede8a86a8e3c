// The module boundary: loading build/stream_processor.wasm, the raw ABI calls,
// batch framing and record decoding. This is the only file that knows the byte
// layouts of docs/ABI.md.
//
// Any call into the module may grow its memory, which detaches every view of
// the old `memory.buffer`. `views()` re-reads `memory.buffer` after every call
// and rebuilds the views only when the buffer changed.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { instantiate } from "@assemblyscript/loader";
import { codeName } from "./codes.js";
import { ModuleNotFoundError } from "./errors.js";
import { type Message, type Output, type ProcessError, messageTopic, outputMetadata } from "./message.js";

/** The ABI version this host implements. */
export const ABI_VERSION = 2;

/** The exports of a module (docs/ABI.md "Exports"). */
export interface RawExports {
  readonly memory: WebAssembly.Memory;
  abi_version(): number;
  set_limit(id: number, value: number): number;
  input_area(bytes: number): number;
  configure(len: number, seed: number): number;
  describe(): number;
  process(len: number): number;
  output_ptr(): number;
  output_len(): number;
  error_ptr(): number;
  error_len(): number;
  error_count(): number;
  metrics_ptr(): number;
  state_export(): number;
  state_import(len: number): number;
  explain(): number;
  trace_ptr(): number;
  trace_len(): number;
  heap_top(): number;
}

const REQUIRED: readonly (keyof RawExports)[] = [
  "memory", "abi_version", "set_limit", "input_area", "configure", "describe", "process",
  "output_ptr", "output_len", "error_ptr", "error_len", "error_count", "metrics_ptr",
  "state_export", "state_import", "explain", "trace_ptr", "trace_len",
];

/** Batch header flag: write trace records (docs/ABI.md "Trace"). */
export const FLAG_TRACE = 1;

/** The explain record (docs/ABI.md "Explain"), decoded; indexes are mapping and alias indexes. */
export interface ExplainRecord {
  readonly droppedNoTopic: number;
  readonly droppedUnknownTopic: number;
  readonly nearMissesNotListed: number;
  readonly mappings: readonly { outputs: number; skipped: number; errors: number; lastErrorCode: number; errorsByCode: readonly number[] }[];
  readonly sources: readonly { updates: number; invalid: number; lastTimestampMs: number; hasValue: boolean }[];
  readonly nearMisses: readonly { alias: number; count: number; topic: string }[];
}

/** One input's trace record, decoded. */
export interface TraceRecord {
  readonly input: number;
  readonly outcome: number;
  readonly alias: number;
  readonly entries: readonly { mapping: number; result: number; detail: number }[];
}

/** The first error code counted per mapping in the explain record ("errors by code"). */
export const EXPLAIN_FIRST_CODE = 10;
/** The explain record's layout version, bytes per mapping and error-code slots per mapping. */
const EXPLAIN_LAYOUT = 2;
const EXPLAIN_MAPPING_BYTES = 72;
const EXPLAIN_CODE_SLOTS = 10;

/** One error record (docs/ABI.md "Error records"), decoded. */
export interface ErrorRecord {
  readonly input: number;
  readonly mapping: number;
  readonly code: number;
  readonly spanStart: number;
  readonly spanEnd: number;
  readonly path: string;
  readonly message: string;
}

/** The program description of `describe` (docs/ABI.md "Program description"), decoded. */
export interface Description {
  readonly aliases: readonly { readonly name: string; readonly topic: string }[];
  readonly mappings: readonly {
    readonly kind: number;
    readonly deps: readonly number[];
    readonly topic: string;
    readonly path: string;
    readonly expression: string;
  }[];
}

/** Bytes of the batch header (docs/ABI.md "Batch"). */
export const HEADER_BYTES = 16;
const INPUT_RECORD_BYTES = 12;
const OUTPUT_RECORD_BYTES = 12;
const ERROR_RECORD_BYTES = 28;
const METRIC_COUNT = 8;
const INITIAL_INPUT_AREA = 64 * 1024;
/** Cached encoded topics are dropped when the cache grows past this many (unbounded topic sets). */
const TOPIC_CACHE_MAX = 4096;
const EMPTY = new Uint8Array(0);
/** Size of the chunks output payloads are copied into (see copyOut). */
const POOL_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const pad4 = (n: number): number => (n + 3) & ~3;

let defaultModule: Promise<WebAssembly.Module> | undefined;

/** Where the default module lives: build/stream_processor.wasm, from host/*.ts and from dist/host/*.js. */
export function defaultWasmPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "build", "stream_processor.wasm"), join(here, "..", "..", "build", "stream_processor.wasm")];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new ModuleNotFoundError(`stream processor module not found (looked for ${candidates.join(" and ")}); ` +
    "in a checkout, run `npm run build`");
}

function compile(source: string | Uint8Array | WebAssembly.Module | undefined): Promise<WebAssembly.Module> | WebAssembly.Module {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof Uint8Array) return WebAssembly.compile(source as Uint8Array<ArrayBuffer>);
  if (typeof source === "string") return WebAssembly.compile(readFileSync(resolve(source)));
  defaultModule ??= WebAssembly.compile(readFileSync(defaultWasmPath()));
  return defaultModule;
}

/**
 * One instance of the module and the host's side of its ABI. Not thread-safe and
 * not re-entrant; one per StreamProcessor.
 */
export class ModuleInstance {
  private readonly x: RawExports;
  private buffer: ArrayBuffer | SharedArrayBuffer;
  private u8: Uint8Array;
  private dv: DataView;
  private areaPtr = 0;
  private areaCapacity = 0;
  private readonly topicCache = new Map<string, Uint8Array>();
  private topicScratch: Uint8Array[] = [];
  private pool = EMPTY;
  private poolUsed = 0;

  /** Instantiate `source` (default: this package's build/stream_processor.wasm) and check its ABI version. */
  static async load(source?: string | Uint8Array | WebAssembly.Module): Promise<ModuleInstance> {
    const module = await compile(source);
    // The loader instantiates and adds the AssemblyScript conveniences; our module
    // imports nothing, and the hot path calls the raw exports (the loader's
    // wrappers add a rest-argument closure per call).
    const { instance } = await instantiate(module, {});
    return new ModuleInstance(instance.exports as unknown as RawExports);
  }

  /** Wrap already instantiated exports (tests use a fake module here). */
  constructor(exports: RawExports) {
    for (const name of REQUIRED) {
      if (!(name in exports)) throw new Error(`not a stream processor module: missing export '${name}'`);
    }
    this.x = exports;
    const version = exports.abi_version();
    if (version !== ABI_VERSION) {
      throw new Error(`stream processor module has ABI version ${version}; this host implements version ${ABI_VERSION}`);
    }
    this.buffer = exports.memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
  }

  /** The raw exports, for diagnostics (heap_top) and tests. */
  get exports(): RawExports { return this.x; }

  /** Re-read memory.buffer after a call: growth replaces it and detaches the old views. */
  private views(): void {
    const b = this.x.memory.buffer;
    if (b !== this.buffer) {
      this.buffer = b;
      this.u8 = new Uint8Array(b);
      this.dv = new DataView(b);
    }
  }

  /** `set_limit`; false if the module refused (unknown id, zero, already configured). */
  setLimit(id: number, value: number): boolean {
    const r = this.x.set_limit(id, value | 0);
    this.views();
    return r === 0;
  }

  /** Make the input area hold at least `bytes` bytes; false above the module's input-area limit. */
  reserve(bytes: number): boolean {
    if (bytes <= this.areaCapacity) return true;
    const want = Math.max(bytes, this.areaCapacity * 2, INITIAL_INPUT_AREA);
    let ptr = this.x.input_area(want);
    let got = want;
    if (ptr === 0 && want > bytes) { ptr = this.x.input_area(bytes); got = bytes; }
    this.views();
    if (ptr === 0) { this.areaPtr = 0; this.areaCapacity = 0; return false; }
    this.areaPtr = ptr;
    this.areaCapacity = got;
    return true;
  }

  /** Copy `bytes` to the start of the input area (reserved by the caller). */
  private putBytes(bytes: Uint8Array): void {
    this.u8.set(bytes, this.areaPtr);
  }

  /** `configure` with `json`; null when ok, else the config error records. Throws if already configured. */
  configure(json: string, seed: number): ErrorRecord[] | null {
    const bytes = encoder.encode(json);
    if (!this.reserve(bytes.length)) {
      // A config problem like any other: the caller turns it into a ConfigError.
      return [{ input: -1, mapping: -1, code: 31, spanStart: -1, spanEnd: -1, path: "",
        message: `config of ${bytes.length} bytes is larger than the input area (limits.inputAreaBytes)` }];
    }
    this.putBytes(bytes);
    const r = this.x.configure(bytes.length, seed | 0);
    this.views();
    if (r === 0) return null;
    if (r === -2) throw new Error("module already configured");
    return this.errorRecords();
  }

  /** `describe`, decoded. */
  describe(): Description {
    const len = this.x.describe();
    this.views();
    if (len < 0) throw new Error("module not configured");
    const dv = this.dv;
    let p = this.x.output_ptr();
    const aliasCount = dv.getUint32(p, true);
    const mappingCount = dv.getUint32(p + 4, true);
    p += 8;
    const aliases = [];
    for (let i = 0; i < aliasCount; i++) {
      const nameLen = dv.getUint32(p, true);
      const topicLen = dv.getUint32(p + 4, true);
      p += 8;
      const name = this.text(p, nameLen);
      const topic = this.text(p + nameLen, topicLen);
      p = pad4(p + nameLen + topicLen);
      aliases.push({ name, topic });
    }
    const mappings = [];
    for (let i = 0; i < mappingCount; i++) {
      const kind = dv.getUint32(p, true);
      const depCount = dv.getUint32(p + 4, true);
      const topicLen = dv.getUint32(p + 8, true);
      const pathLen = dv.getUint32(p + 12, true);
      const exprLen = dv.getUint32(p + 16, true);
      p += 20;
      const deps = [];
      for (let d = 0; d < depCount; d++, p += 4) deps.push(dv.getUint32(p, true));
      const topic = this.text(p, topicLen);
      const path = this.text(p + topicLen, pathLen);
      const expression = this.text(p + topicLen + pathLen, exprLen);
      p = pad4(p + topicLen + pathLen + exprLen);
      mappings.push({ kind, deps, topic, path, expression });
    }
    return { aliases, mappings };
  }

  private text(p: number, len: number): string {
    return len === 0 ? "" : decoder.decode(this.u8.subarray(p, p + len));
  }

  /** The error records of the last configure, process or state_import. */
  errorRecords(): ErrorRecord[] {
    const count = this.x.error_count();
    const ptr = this.x.error_ptr();
    this.views();
    const dv = this.dv;
    const records: ErrorRecord[] = [];
    let p = ptr;
    for (let i = 0; i < count; i++) {
      const pathLen = dv.getUint32(p + 20, true);
      const messageLen = dv.getUint32(p + 24, true);
      const body = p + ERROR_RECORD_BYTES;
      records.push({
        input: dv.getInt32(p, true),
        mapping: dv.getInt32(p + 4, true),
        code: dv.getUint32(p + 8, true),
        spanStart: dv.getInt32(p + 12, true),
        spanEnd: dv.getInt32(p + 16, true),
        path: this.text(body, pathLen),
        message: this.text(body + pathLen, messageLen),
      });
      p = pad4(body + pathLen + messageLen);
    }
    return records;
  }

  /** The eight metric counters (docs/ABI.md "Metrics block"), as numbers. */
  metrics(): number[] {
    const ptr = this.x.metrics_ptr();
    this.views();
    const out = new Array<number>(METRIC_COUNT);
    for (let i = 0; i < METRIC_COUNT; i++) out[i] = this.counter(ptr, i);
    return out;
  }

  /** Metric counter `i` at metrics block `ptr` (u64, exact below 2^53). */
  private counter(ptr: number, i: number): number {
    const p = ptr + i * 8;
    return this.dv.getUint32(p, true) + this.dv.getUint32(p + 4, true) * 0x100000000;
  }

  /** One metric counter, read without allocating. */
  metric(i: number): number {
    const ptr = this.x.metrics_ptr();
    this.views();
    return this.counter(ptr, i);
  }

  private topicBytes(topic: string): Uint8Array {
    let b = this.topicCache.get(topic);
    if (b === undefined) {
      if (this.topicCache.size >= TOPIC_CACHE_MAX) this.topicCache.clear();
      b = encoder.encode(topic);
      this.topicCache.set(topic, b);
    }
    return b;
  }

  /**
   * Frame `inputs` as a batch in the input area (docs/ABI.md "Batch"), growing it
   * when needed; returns the batch length, or -1 when the batch does not fit the
   * module's input area (the caller splits it). Input record `i` carries input_index `i`.
   */
  frame(inputs: readonly Message[], nowMs: number, flags = 0): number {
    const n = inputs.length;
    const topics = this.topicScratch.length >= n ? this.topicScratch : (this.topicScratch = new Array<Uint8Array>(n));
    // Pass 1: topics and an upper bound of the size (a UTF-16 unit is at most 3 UTF-8 bytes).
    let bound = HEADER_BYTES;
    for (let i = 0; i < n; i++) {
      const m = inputs[i];
      const t = messageTopic(m);
      const tb = t === undefined ? EMPTY : this.topicBytes(t);
      topics[i] = tb;
      const payload = m.payload;
      let payloadBound: number;
      if (typeof payload === "string") payloadBound = payload.length * 3;
      else if (payload instanceof Uint8Array) payloadBound = payload.length;
      else throw new TypeError(`inputs[${i}].payload must be a Uint8Array or a string`);
      bound += INPUT_RECORD_BYTES + pad4(tb.length + payloadBound);
    }
    if (!this.reserve(bound) && !this.reserve(HEADER_BYTES + this.recordSizes(inputs, topics).reduce((a, b) => a + b, 0))) {
      topics.fill(EMPTY, 0, n);
      return -1;
    }
    // Pass 2: write.
    const u8 = this.u8;
    const dv = this.dv;
    const base = this.areaPtr;
    dv.setFloat64(base, nowMs, true);
    dv.setUint32(base + 8, n, true);
    dv.setUint32(base + 12, flags, true);
    let p = base + HEADER_BYTES;
    for (let i = 0; i < n; i++) {
      const tb = topics[i];
      const payload = inputs[i].payload;
      const tp = p + INPUT_RECORD_BYTES;
      u8.set(tb, tp);
      const pp = tp + tb.length;
      let payloadLen: number;
      if (typeof payload === "string") {
        payloadLen = payload.length === 0 ? 0 : encoder.encodeInto(payload, u8.subarray(pp, pp + payload.length * 3)).written;
      } else {
        u8.set(payload, pp);
        payloadLen = payload.length;
      }
      dv.setUint32(p, i, true);
      dv.setUint32(p + 4, tb.length, true);
      dv.setUint32(p + 8, payloadLen, true);
      let end = pp + payloadLen;
      while ((end & 3) !== 0) u8[end++] = 0;
      p = end;
    }
    topics.fill(EMPTY, 0, n); // do not keep callers' topics alive
    return p - base;
  }

  /** The exact framed size of each input's record (topic and payload as UTF-8, padded). */
  recordSizes(inputs: readonly Message[], topics?: readonly Uint8Array[]): number[] {
    return inputs.map((m, i) => {
      const t = topics?.[i] ?? encoder.encode(messageTopic(m) ?? "");
      const payload = m.payload;
      const len = typeof payload === "string" ? Buffer.byteLength(payload, "utf8") : payload.length;
      return INPUT_RECORD_BYTES + pad4(t.length + len);
    });
  }

  /** `process` of the framed batch; the output record count, or a negative status. */
  process(len: number): number {
    const r = this.x.process(len);
    this.views();
    return r;
  }

  /**
   * Decode the `count` output records of the last `process` into outputs.
   * `topics[m]` is mapping m's output topic. The payload bytes of the batch are
   * copied out of module memory once, into the current pool chunk; each payload
   * is a view of its own bytes there (distinct, never reused ranges).
   */
  outputs(count: number, inputs: readonly Message[], topics: readonly string[]): Output[] {
    const outputs = new Array<Output>(count);
    if (count === 0) return outputs;
    const start = this.x.output_ptr();
    const len = this.x.output_len();
    this.views();
    const base = this.copyOut(start, len);
    const buffer = this.pool.buffer;
    const dv = this.dv;
    let p = start;
    for (let k = 0; k < count; k++) {
      const input = dv.getUint32(p, true);
      const topic = topics[dv.getUint32(p + 4, true)];
      const payloadStart = p + OUTPUT_RECORD_BYTES;
      const payloadLen = dv.getUint32(p + 8, true);
      outputs[k] = {
        topic,
        payload: new Uint8Array(buffer, base + payloadStart - start, payloadLen),
        metadata: outputMetadata(inputs[input].metadata, topic),
      };
      p = pad4(payloadStart + payloadLen);
    }
    return outputs;
  }

  /**
   * Copy `len` bytes of module memory at `ptr` into the pool; returns their offset
   * in `this.pool`. A new ArrayBuffer costs ~250 ns in V8 whatever its size, so
   * small batches share chunks of POOL_BYTES (like Node's Buffer pool); a range
   * is handed out once and never written again. Large batches get their own.
   */
  private copyOut(ptr: number, len: number): number {
    if (this.poolUsed + len > this.pool.length) {
      this.pool = new Uint8Array(len > POOL_BYTES / 4 ? len : POOL_BYTES);
      this.poolUsed = 0;
    }
    const at = this.poolUsed;
    this.pool.set(this.u8.subarray(ptr, ptr + len), at);
    this.poolUsed = (at + len + 7) & ~7;
    return at;
  }

  /** The error records of the last `process` as ProcessErrors; `paths[m]` is mapping m's path. */
  processErrors(paths: readonly string[]): ProcessError[] {
    const count = this.x.error_count();
    if (count === 0) return [];
    const errors = new Array<ProcessError>(count);
    const records = this.errorRecords();
    for (let i = 0; i < count; i++) {
      const r = records[i];
      errors[i] = r.mapping >= 0
        ? { index: r.input, mapping: paths[r.mapping], code: codeName(r.code), message: r.message }
        : { index: r.input, code: codeName(r.code), message: r.message };
    }
    return errors;
  }

  /** `explain`, decoded. */
  explain(): ExplainRecord {
    const len = this.x.explain();
    this.views();
    if (len === -1) throw new Error("module not configured");
    if (len < 0) throw new RangeError("the explain record does not fit the output area");
    const dv = this.dv;
    const base = this.x.output_ptr();
    const layout = dv.getUint32(base, true);
    if (layout !== EXPLAIN_LAYOUT) throw new Error(`explain record has layout ${layout}, not ${EXPLAIN_LAYOUT} (module and host differ)`);
    const mappingCount = dv.getUint32(base + 4, true);
    const sourceCount = dv.getUint32(base + 8, true);
    const nearCount = dv.getUint32(base + 12, true);
    let p = base + 48;
    const mappings = [];
    for (let m = 0; m < mappingCount; m++, p += EXPLAIN_MAPPING_BYTES) {
      const errorsByCode = [];
      for (let c = 0; c < EXPLAIN_CODE_SLOTS; c++) errorsByCode.push(dv.getUint32(p + 32 + c * 4, true));
      mappings.push({ outputs: this.counter(p, 0), skipped: this.counter(p, 1), errors: this.counter(p, 2),
        lastErrorCode: dv.getUint32(p + 24, true), errorsByCode });
    }
    const sources = [];
    for (let a = 0; a < sourceCount; a++, p += 32) {
      sources.push({ updates: this.counter(p, 0), invalid: this.counter(p, 1), lastTimestampMs: dv.getFloat64(p + 16, true),
        hasValue: dv.getUint32(p + 24, true) !== 0 });
    }
    const nearMisses = [];
    for (let i = 0; i < nearCount; i++) {
      const topicLen = dv.getUint32(p + 4, true);
      nearMisses.push({ alias: dv.getInt32(p, true), count: this.counter(p + 8, 0), topic: this.text(p + 16, topicLen) });
      p = pad4(p + 16 + topicLen);
    }
    return {
      droppedNoTopic: this.counter(base + 16, 0),
      droppedUnknownTopic: this.counter(base + 24, 0),
      nearMissesNotListed: this.counter(base + 32, 0),
      mappings, sources, nearMisses,
    };
  }

  /** The trace records of the last `process` (empty unless its batch had FLAG_TRACE). */
  trace(): TraceRecord[] {
    const ptr = this.x.trace_ptr();
    const len = this.x.trace_len();
    this.views();
    const dv = this.dv;
    const records: TraceRecord[] = [];
    for (let p = ptr; p < ptr + len;) {
      const n = dv.getUint32(p + 12, true);
      const entries = [];
      for (let k = 0, e = p + 16; k < n; k++, e += 12) {
        entries.push({ mapping: dv.getUint32(e, true), result: dv.getUint32(e + 4, true), detail: dv.getInt32(e + 8, true) });
      }
      records.push({ input: dv.getUint32(p, true), outcome: dv.getUint32(p + 4, true), alias: dv.getInt32(p + 8, true), entries });
      p += 16 + n * 12;
    }
    return records;
  }

  /** `state_export`: a copy of the snapshot bytes. */
  exportState(): Uint8Array {
    const len = this.x.state_export();
    this.views();
    if (len === -1) throw new Error("module not configured");
    if (len < 0) throw new RangeError("the state is too large to export (over 512 MiB)");
    const ptr = this.x.output_ptr();
    this.views();
    return this.u8.slice(ptr, ptr + len);
  }

  /** `state_import` of `bytes`; null when accepted, else the module's error record. */
  importState(bytes: Uint8Array): ErrorRecord | null {
    if (!this.reserve(bytes.length)) {
      return { input: -1, mapping: -1, code: 80, spanStart: -1, spanEnd: -1, path: "",
        message: `state snapshot rejected: ${bytes.length} bytes do not fit the input area (limits.inputAreaBytes)` };
    }
    this.putBytes(bytes);
    const r = this.x.state_import(bytes.length);
    this.views();
    if (r === 0) return null;
    if (r === -2) throw new Error("module not configured");
    const records = this.errorRecords();
    return records[0] ?? { input: -1, mapping: -1, code: 80, spanStart: -1, spanEnd: -1, path: "", message: "snapshot rejected" };
  }
}
