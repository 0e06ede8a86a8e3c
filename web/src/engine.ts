// One playground run: the config text and the input JSON lines through the real
// StreamProcessor (host/processor.ts over build/stream_processor.wasm), read the
// way `stream-processor run` reads them (host/jsonl.ts, same line numbers, same
// batches), and the per-mapping report derived from the results. No DOM here.

import { configJson } from "../../host/config.js";
import { ConfigError, type Diagnostic } from "../../host/errors.js";
import { OutputFormatter, parseInputLine } from "../../host/jsonl.js";
import { messageTopic, type Message, type Output } from "../../host/message.js";
import { StreamProcessor, type MappingInfo } from "../../host/processor.js";

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

/** One output with the input line that produced it. */
export interface ShownOutput {
  readonly line: number;
  readonly output: Output;
  /** The output as `stream-processor run` prints it (one JSON line, without newline). */
  readonly jsonl: string;
}

/**
 * Per mapping: what it is and what it did on this input, in the shape of the
 * explain report (kind, dependencies, waiting for, outputs, errors). Until the
 * module has an explain API these are derived here from `mappings()` and the
 * results; that API can fill the same shape without touching the view.
 */
export interface MappingReport {
  readonly path: string;
  readonly kind: MappingInfo["kind"];
  readonly dependencies: readonly string[];
  /** Aliases the mapping still waits for after the whole input (never received a valid value). */
  readonly waitingFor: readonly string[];
  readonly topic: string;
  readonly outputs: number;
  readonly errors: number;
}

/** An input topic that is no source but close to one (a likely typo). */
export interface NearMiss {
  readonly topic: string;
  readonly count: number;
  readonly closest: string;
  readonly alias: string;
}

export type RunResult =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | {
    readonly ok: true;
    readonly outputs: readonly ShownOutput[];
    readonly errors: readonly InputError[];
    readonly inputs: number;
    readonly dropped: number;
    readonly mappings: readonly MappingReport[];
    readonly nearMisses: readonly NearMiss[];
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
    return { ok: true, ...processAll(p, input, sourceTopics(config), (ms) => { now = ms; }) };
  } finally {
    p.close();
  }
}

/** alias -> topic of the config's sources (the config is valid: the module accepted it). */
function sourceTopics(config: string): Map<string, string> {
  const parsed = JSON.parse(configJson(config)) as { sources?: Record<string, string> };
  return new Map(Object.entries(parsed.sources ?? {}));
}

function processAll(p: StreamProcessor, input: string, sources: Map<string, string>, setNow: (ms: number) => void) {
  const fmt = new OutputFormatter();
  const outputs: ShownOutput[] = [];
  const errors: InputError[] = [];
  const aliasOf = new Map([...sources].map(([alias, topic]) => [topic, alias]));
  const arrived = new Set<string>(); // aliases that received a valid value
  const unmatched = new Map<string, number>();
  let inputs = 0, dropped = 0, inBatch = 0;

  // One process() call per message, so each output and error is known to come from
  // its line; the clock is read once per BATCH messages, as `stream-processor run`
  // reads it once per process() call of BATCH messages, so results are the same.
  const processOne = (m: Message, line: number): void => {
    if (inBatch === 0) setNow(Date.now());
    inBatch = (inBatch + 1) % BATCH;
    const r = p.process([m]);
    inputs++;
    dropped += r.dropped;
    let rejected = false;
    for (const e of r.errors) {
      if (e.mapping === undefined) rejected = true;
      errors.push(e.mapping === undefined
        ? { line, code: e.code, message: e.message }
        : { line, mapping: e.mapping, code: e.code, message: e.message });
    }
    for (const o of r.outputs) outputs.push({ line, output: o, jsonl: fmt.line(o).slice(0, -1) });
    const topic = messageTopic(m);
    const alias = topic === undefined ? undefined : aliasOf.get(topic);
    if (alias !== undefined && !rejected) arrived.add(alias);
    if (topic !== undefined && alias === undefined) unmatched.set(topic, (unmatched.get(topic) ?? 0) + 1);
  };

  let lineNo = 0;
  for (const raw of splitLines(input)) {
    lineNo++;
    if (raw.trim().length === 0) continue;
    const parsed = parseInputLine(raw);
    if (parsed.ok) processOne(parsed.message, lineNo);
    else errors.push({ line: lineNo, code: "unreadable_line", message: parsed.error });
  }

  const mappings = p.mappings().map((m): MappingReport => ({
    path: m.path,
    kind: m.kind,
    dependencies: m.dependencies,
    waitingFor: m.dependencies.filter((a) => !arrived.has(a)),
    topic: m.topic,
    outputs: outputs.filter((o) => o.output.topic === m.topic).length,
    errors: errors.filter((e) => e.mapping === m.path).length,
  }));
  return { outputs, errors, inputs, dropped, mappings, nearMisses: nearMisses(unmatched, sources) };
}

/** Lines of `text` as the CLI reads them: split at \n, a trailing \r removed. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/** Topics that are no source but within a small edit distance of one. */
function nearMisses(unmatched: Map<string, number>, sources: Map<string, string>): NearMiss[] {
  const out: NearMiss[] = [];
  for (const [topic, count] of unmatched) {
    let best: [string, string, number] | null = null;
    for (const [alias, source] of sources) {
      const d = editDistance(topic, source, 3);
      if (d <= 3 && (best === null || d < best[2])) best = [alias, source, d];
    }
    if (best !== null) out.push({ topic, count, closest: best[1], alias: best[0] });
  }
  return out;
}

/** Levenshtein distance of a and b, or max + 1 once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
