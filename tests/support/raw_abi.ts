// An independent, minimal client of docs/ABI.md written from the document alone:
// the ABI tests use it to check the module without going through host/.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const wasmPath = join(root, "build", "stream_processor.wasm");

export interface RawExports {
  memory: WebAssembly.Memory;
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
  heap_top(): number;
}

export function compiledModule(): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(wasmPath));
}

export function instantiate(): RawExports {
  return new WebAssembly.Instance(compiledModule(), {}).exports as unknown as RawExports;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function writeInput(x: RawExports, bytes: Uint8Array): number {
  const ptr = x.input_area(bytes.length);
  if (ptr === 0) throw new Error("input_area refused");
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
  return bytes.length;
}

export function configure(x: RawExports, config: unknown, seed = 1): number {
  const len = writeInput(x, enc.encode(JSON.stringify(config)));
  return x.configure(len, seed);
}

export interface RawInput { index?: number; topic: string; payload: string | Uint8Array }

export function frame(inputs: RawInput[], nowMs = 0): Uint8Array {
  const parts = inputs.map((m, i) => ({
    index: m.index ?? i,
    topic: enc.encode(m.topic),
    payload: typeof m.payload === "string" ? enc.encode(m.payload) : m.payload,
  }));
  let size = 16;
  for (const p of parts) size += (12 + p.topic.length + p.payload.length + 3) & ~3;
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  dv.setFloat64(0, nowMs, true);
  dv.setUint32(8, parts.length, true);
  let o = 16;
  for (const p of parts) {
    dv.setUint32(o, p.index, true);
    dv.setUint32(o + 4, p.topic.length, true);
    dv.setUint32(o + 8, p.payload.length, true);
    buf.set(p.topic, o + 12);
    buf.set(p.payload, o + 12 + p.topic.length);
    o += (12 + p.topic.length + p.payload.length + 3) & ~3;
  }
  return buf;
}

export interface RawOutput { index: number; mapping: number; payload: string }
export interface RawError { index: number; mapping: number; code: number; start: number; end: number; path: string; message: string }

export function readOutputs(x: RawExports, count: number): RawOutput[] {
  const dv = new DataView(x.memory.buffer);
  const out: RawOutput[] = [];
  let o = x.output_ptr();
  for (let i = 0; i < count; i++) {
    const len = dv.getUint32(o + 8, true);
    out.push({
      index: dv.getUint32(o, true),
      mapping: dv.getUint32(o + 4, true),
      payload: dec.decode(new Uint8Array(x.memory.buffer, o + 12, len)),
    });
    o += (12 + len + 3) & ~3;
  }
  return out;
}

export function readErrors(x: RawExports): RawError[] {
  const dv = new DataView(x.memory.buffer);
  const out: RawError[] = [];
  let o = x.error_ptr();
  for (let i = 0; i < x.error_count(); i++) {
    const pathLen = dv.getUint32(o + 20, true);
    const msgLen = dv.getUint32(o + 24, true);
    out.push({
      index: dv.getInt32(o, true),
      mapping: dv.getInt32(o + 4, true),
      code: dv.getUint32(o + 8, true),
      start: dv.getInt32(o + 12, true),
      end: dv.getInt32(o + 16, true),
      path: dec.decode(new Uint8Array(x.memory.buffer, o + 28, pathLen)),
      message: dec.decode(new Uint8Array(x.memory.buffer, o + 28 + pathLen, msgLen)),
    });
    o += (28 + pathLen + msgLen + 3) & ~3;
  }
  return out;
}

export function processBatch(x: RawExports, inputs: RawInput[], nowMs = 0) {
  const len = writeInput(x, frame(inputs, nowMs));
  const n = x.process(len);
  if (n < 0) throw new Error(`process returned ${n}`);
  return { outputs: readOutputs(x, n), errors: readErrors(x) };
}

export function metrics(x: RawExports): bigint[] {
  const dv = new DataView(x.memory.buffer);
  const p = x.metrics_ptr();
  return Array.from({ length: 8 }, (_, i) => dv.getBigUint64(p + i * 8, true));
}
