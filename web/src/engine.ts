// One playground run: the config text and the input JSON lines through the real
// StreamProcessor (host/processor.ts over build/stream_processor.wasm), read the
// way `stream-processor run` reads them (host/jsonl.ts, same line numbers), and
// the module's explain report afterwards (StreamProcessor.explain(), what
// `run --explain` prints). No DOM here.

import { ConfigError, type Diagnostic } from "../../host/errors.js";
import type { Explanation, TraceEntry } from "../../host/explain.js";
import { OutputFormatter, parseInputLine } from "../../host/jsonl.js";
import type { Message, Output } from "../../host/message.js";
import { StreamProcessor } from "../../host/processor.js";

/** Messages per batch of `stream-processor run` (Date.now() is read once per batch). */
const BATCH = 1000;
/** The seed of Math.random in the playground: fixed, so a shared link gives the same results. */
export const PLAYGROUND_SEED = 1;

/** One error of the input: an unreadable line, a rejected payload, or a failed mapping. */
export interface InputError {
  /** 1-based line of the input text. */
  readonly line: number;
  /** The mapping that failed, for per-mapping errors. */
  readonly mapping?: string;
  /** Error code name (docs/ABI.md), or `unreadable_line` for a line the CLI cannot read. */
  readonly code: string;
  readonly message: string;
}

/** What became of the input on one line (the module's trace, as `run --trace` prints it). */
export interface LineTrace {
  readonly line: number;
  readonly trace: Omit<TraceEntry, "index">;
}

/** One output with the input line that produced it. */
export interface ShownOutput {
  readonly line: number;
  readonly output: Output;
  /** The output as `stream-processor run` prints it (one JSON line, without newline). */
  readonly jsonl: string;
}

export type RunResult =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | {
    readonly ok: true;
    readonly outputs: readonly ShownOutput[];
    readonly errors: readonly InputError[];
    /** One entry per input line that was read (not for unreadable lines). */
    readonly traces: readonly LineTrace[];
    readonly inputs: number;
    readonly dropped: number;
    /** The module's explain report after the whole input. */
    readonly explanation: Explanation;
  };

/** Run `config` over `input` with the module `wasm`. Throws only for host/module bugs. */
export async function runPlayground(config: string, input: string, wasm: WebAssembly.Module): Promise<RunResult> {
  let p: StreamProcessor;
  let now = 0;
  try {
    p = await StreamProcessor.create(config, { wasm, seed: PLAYGROUND_SEED, clock: () => now });
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
  try {
    return { ok: true, ...processAll(p, input, (ms) => { now = ms; }), explanation: p.explain() };
  } finally {
    p.close();
  }
}

function processAll(p: StreamProcessor, input: string, setNow: (ms: number) => void) {
  const fmt = new OutputFormatter();
  const outputs: ShownOutput[] = [];
  const errors: InputError[] = [];
  const traces: LineTrace[] = [];
  let inputs = 0, dropped = 0, inBatch = 0;

  // One process() call per message, so each output and error is known to come from
  // its line; the clock is read once per BATCH messages, as `stream-processor run`
  // reads it once per process() call of BATCH messages, so results are the same.
  const processOne = (m: Message, line: number): void => {
    if (inBatch === 0) setNow(Date.now());
    inBatch = (inBatch + 1) % BATCH;
    const r = p.process([m], { trace: true });
    inputs++;
    for (const { index: _, ...trace } of r.trace ?? []) traces.push({ line, trace });
    dropped += r.dropped;
    for (const e of r.errors) {
      errors.push(e.mapping === undefined
        ? { line, code: e.code, message: e.message }
        : { line, mapping: e.mapping, code: e.code, message: e.message });
    }
    for (const o of r.outputs) outputs.push({ line, output: o, jsonl: fmt.line(o).slice(0, -1) });
  };

  let lineNo = 0;
  for (const raw of splitLines(input)) {
    lineNo++;
    if (raw.trim().length === 0) continue;
    const parsed = parseInputLine(raw);
    if (parsed.ok) processOne(parsed.message, lineNo);
    else errors.push({ line: lineNo, code: "unreadable_line", message: parsed.error });
  }

  return { outputs, errors, traces, inputs, dropped };
}

/** Lines of `text` as the CLI reads them: split at \n, a trailing \r removed. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}
