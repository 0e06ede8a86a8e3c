// A typed raw client of docs/ABI.md for the ABI tests: checks the module without
// going through host/.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as raw from "../fuzz/raw.mjs";

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
  status_ptr(): number;
  explain(): number;
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

export interface RawInput { index?: number; topic: string | Uint8Array; payload: string | Uint8Array }
export interface RawOutput { index: number; mapping: number; payload: string }
export interface RawError { index: number; mapping: number; code: number; start: number; end: number; path: string; message: string }

// The byte layouts live once, in the fuzzers' plain-JS client (plain Node scripts
// use it too); this file gives them types.
export const writeInput: (x: RawExports, bytes: Uint8Array) => number = raw.writeInput;
export const configure: (x: RawExports, config: unknown, seed?: number) => number = raw.configure;
export const frame: (inputs: RawInput[], nowMs?: number) => Uint8Array = raw.frame;
export const readOutputs: (x: RawExports, count: number) => RawOutput[] = raw.readOutputs;
export const readErrors: (x: RawExports) => RawError[] = raw.readErrors;
export const processBatch: (x: RawExports, inputs: RawInput[], nowMs?: number) => { outputs: RawOutput[]; errors: RawError[] } = raw.processBatch;
/** The eight counters of the metrics block, in ABI order. */
export const metrics: (x: RawExports) => number[] = raw.metrics;
