// StreamProcessor: one configured instance of the module and its state.

import { readConfig, type ConfigInput } from "./config.js";
import { literalTextHint, type ConfigFormat } from "./hints.js";
import { codeName } from "./codes.js";
import { ConfigError, SnapshotError, type Diagnostic } from "./errors.js";
import { messageTopic, type Message, type ProcessResult } from "./message.js";
import { FLAG_TRACE, HEADER_BYTES, ModuleInstance, type ErrorRecord } from "./module.js";
import { explanation, traceEntries, type AliasInfo, type Explanation } from "./explain.js";
import { LIMIT_DEFAULTS, LIMIT_IDS, resolveOptions, type Limits, type Options, type ResolvedOptions } from "./options.js";

/** Counters since the processor was created (docs/behaviour.md §9). */
export interface Metrics {
  /** Inputs on a source topic with a valid payload. */
  messages_processed: number;
  /** Inputs without a topic or on a topic that is no source. */
  messages_dropped: number;
  /** Inputs on a source topic whose payload was rejected. */
  messages_errored: number;
  /** Of those, payloads whose `value` had an invalid type. */
  invalid_data_type: number;
  /** Output messages produced. */
  outputs_generated: number;
  /** Mapping evaluations that failed (NaN, null, TypeError, limits…). */
  expression_errors: number;
  /** Mappings in the config. */
  active_mappings: number;
  /** Aliases that currently hold a value. */
  active_variables: number;
}

const METRIC_NAMES = [
  "messages_processed", "messages_dropped", "messages_errored", "invalid_data_type",
  "outputs_generated", "expression_errors", "active_mappings", "active_variables",
] as const;
const DROPPED = 1;
const encoder = new TextEncoder();

/** How a mapping is evaluated. */
export type MappingKind = "constant" | "volatile" | "dynamic";
const KINDS: readonly MappingKind[] = ["constant", "volatile", "dynamic"];

/** One mapping of the config, as the module compiled it. */
export interface MappingInfo {
  /** Dotted path in the mapping tree, e.g. `motor.rpm`. */
  readonly path: string;
  /** Full output topic. */
  readonly topic: string;
  /** The expression text. */
  readonly expression: string;
  /**
   * `constant`: no aliases, computed once at create time and emitted on every valid input;
   * `volatile`: no aliases but uses `Date.now()`/`Math.random()`, evaluated on every valid input;
   * `dynamic`: evaluated when one of its aliases arrives and all of them have a value.
   */
  readonly kind: MappingKind;
  /** Alias names the expression uses, in source declaration order. */
  readonly dependencies: readonly string[];
}

function diagnostic(r: ErrorRecord): Diagnostic {
  const d: { code: string; message: string; path?: string; span?: [number, number] } = {
    code: codeName(r.code),
    message: r.message,
  };
  if (r.path !== "") d.path = r.path;
  if (r.spanStart >= 0 && r.spanEnd >= 0) d.span = [r.spanStart, r.spanEnd];
  return d;
}

const HINTED_CODES = new Set(["unknown_identifier", "syntax"]);

/** `diagnostics` with a hint added to each expression error whose expression looks like text meant literally. */
function withHints(diagnostics: Diagnostic[], json: string, format: ConfigFormat): Diagnostic[] {
  if (!diagnostics.some((d) => HINTED_CODES.has(d.code))) return diagnostics;
  const config = JSON.parse(json) as { mapping?: unknown; sources?: unknown };
  const expressions = mappingExpressions(config.mapping);
  const aliases = config.sources !== null && typeof config.sources === "object" ? Object.keys(config.sources) : [];
  return diagnostics.map((d) => {
    const expression = HINTED_CODES.has(d.code) && d.path !== undefined ? expressions.get(d.path) : undefined;
    const hint = expression === undefined ? undefined : literalTextHint(expression, d.message, format, aliases);
    return hint === undefined ? d : { ...d, message: `${d.message}\n  ${hint}` };
  });
}

/** Dotted path -> expression text of every string leaf of a mapping tree. */
function mappingExpressions(tree: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (tree === null || typeof tree !== "object") return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") out.set(path, value);
    else mappingExpressions(value, path, out);
  }
  return out;
}

/**
 * StreamProcessor runs one config over a stream of UNS timeseries messages and keeps
 * the latest value of each source alias between calls.
 *
 * Create one with `StreamProcessor.create`. Its methods are synchronous; it is not
 * re-entrant (do not call it from its own `clock`). Close it with `close()` to drop
 * the module instance; every method then throws.
 *
 * # Notes
 * The module's memory may grow during any call, which detaches every view of the
 * old `memory.buffer`; the processor re-reads `memory.buffer` after every call, and
 * nothing it returns is a view of module memory (payloads and snapshots are copies).
 */
export class StreamProcessor {
  /** The options this processor was created with, defaults filled in (frozen). */
  readonly options: ResolvedOptions;
  private module: ModuleInstance | null;
  private readonly mappingList: readonly MappingInfo[];
  private readonly topics: readonly string[];
  private readonly paths: readonly string[];
  private readonly aliases: readonly AliasInfo[];
  /** The last error record of each mapping path, for explain(). */
  private readonly lastErrors = new Map<string, { code: string; message: string }>();

  private constructor(module: ModuleInstance, options: ResolvedOptions, mappings: readonly MappingInfo[], aliases: readonly AliasInfo[]) {
    this.module = module;
    this.options = options;
    this.mappingList = mappings;
    this.aliases = aliases;
    this.topics = mappings.map((m) => m.topic);
    this.paths = mappings.map((m) => m.path);
  }

  /**
   * Load the module, apply `options.limits`, and configure it with `config`: an
   * `Config` object (docs/behaviour.md §2), or its YAML or JSON text.
   *
   * # Errors
   * - ConfigError: the config is invalid (YAML syntax or duplicate keys, a missing or
   *   wrong field, an expression that does not compile). `.diagnostics` lists every
   *   problem; `.message` renders them with expression and caret.
   * - TypeError / RangeError: a bad option, or a limit the module refused.
   * - Error: the module cannot be loaded or has another ABI version.
   */
  static async create(config: ConfigInput, options?: Options): Promise<StreamProcessor> {
    const resolved = resolveOptions(options);
    const { json, format } = readConfig(config);
    const module = await ModuleInstance.load(resolved.wasm);
    for (const [name, value] of Object.entries(resolved.limits) as [keyof Limits, number][]) {
      if (!module.setLimit(LIMIT_IDS[name], value)) throw new RangeError(`the module refused limit ${name} = ${value}`);
    }
    const errors = module.configure(json, resolved.seed);
    if (errors !== null) {
      throw new ConfigError(errors.length > 0 ? withHints(errors.map(diagnostic), json, format)
        : [{ code: "config_invalid", message: "config rejected without a reason (module bug)" }]);
    }
    const d = module.describe();
    const mappings = d.mappings.map((m): MappingInfo => Object.freeze({
      path: m.path,
      topic: m.topic,
      expression: m.expression,
      kind: KINDS[m.kind] ?? "dynamic",
      dependencies: Object.freeze(m.deps.map((a) => d.aliases[a].name)),
    }));
    return new StreamProcessor(module, resolved, Object.freeze(mappings), Object.freeze(d.aliases.map((a) => Object.freeze({ ...a }))));
  }

  private live(): ModuleInstance {
    if (this.module === null) throw new Error("StreamProcessor is closed");
    return this.module;
  }

  /**
   * Process one batch: every input updates state and triggers its mappings, in order.
   * One module call per batch; `Date.now()` in expressions is `options.clock()` read
   * once for the batch. A bad input or mapping never affects the others: it shows
   * up in `errors`.
   *
   * A batch larger than the module's input area (`limits.inputAreaBytes`) is
   * processed in consecutive parts that fit, with the same result as processing
   * them one after another; a single message too large for the area is an error
   * (`payload_too_large`).
   *
   * With `{ trace: true }`, the result also has `trace`: one entry per input saying
   * what became of it and of each mapping it triggered (see `TraceEntry`).
   *
   * # Errors
   * - TypeError: an input's payload is neither a Uint8Array nor a string.
   * - Error: the module rejected the batch frame (a host bug), or the processor is closed.
   */
  process(inputs: readonly Message[], options?: { readonly trace?: boolean }): ProcessResult {
    const m = this.live();
    const trace = options?.trace === true;
    if (inputs.length === 0) return trace ? { outputs: [], errors: [], dropped: 0, trace: [] } : { outputs: [], errors: [], dropped: 0 };
    const nowMs = this.options.clock();
    const flags = trace ? FLAG_TRACE : 0;
    const len = m.frame(inputs, nowMs, flags);
    return len >= 0 ? this.processFramed(m, len, inputs, flags) : this.processInParts(m, inputs, nowMs, flags);
  }

  /** One module call for the batch `inputs` framed in `len` bytes. */
  private processFramed(m: ModuleInstance, len: number, inputs: readonly Message[], flags: number): ProcessResult {
    const droppedBefore = m.metric(DROPPED);
    const count = m.process(len);
    if (count < 0) {
      throw new Error(count === -1 ? "stream processor module is not configured (host bug)"
        : `stream processor module rejected the batch header (status ${count}, host bug)`);
    }
    const result: ProcessResult = {
      outputs: m.outputs(count, inputs, this.topics),
      errors: m.processErrors(this.paths),
      dropped: m.metric(DROPPED) - droppedBefore,
    };
    for (const e of result.errors) if (e.mapping !== undefined) this.lastErrors.set(e.mapping, { code: e.code, message: e.message });
    if ((flags & FLAG_TRACE) !== 0) result.trace = traceEntries(m.trace(), inputs, 0, this.mappingList, this.aliases);
    return result;
  }

  /**
   * A batch larger than the input area: consecutive parts that each fit, with the
   * same clock reading, so the result is that of processing the parts one after
   * another (error indexes count from the start of the whole batch).
   */
  private processInParts(m: ModuleInstance, inputs: readonly Message[], nowMs: number, flags: number): ProcessResult {
    const room = this.inputAreaBytes - HEADER_BYTES;
    const sizes = m.recordSizes(inputs);
    const whole: ProcessResult = { outputs: [], errors: [], dropped: 0 };
    if ((flags & FLAG_TRACE) !== 0) whole.trace = [];
    const add = (r: ProcessResult, offset: number): void => {
      for (const o of r.outputs) whole.outputs.push(o);
      for (const e of r.errors) whole.errors.push({ ...e, index: e.index + offset });
      whole.dropped += r.dropped;
      for (const t of r.trace ?? []) whole.trace?.push({ ...t, index: t.index + offset });
    };
    for (let start = 0; start < inputs.length;) {
      let end = start;
      for (let size = 0; end < inputs.length && size + sizes[end] <= room; end++) size += sizes[end];
      if (end === start) {
        add(this.processOversized(m, inputs[start], room, nowMs, flags), start);
        start++;
        continue;
      }
      const part = inputs.slice(start, end);
      const len = m.frame(part, nowMs, flags);
      if (len < 0) throw new Error(`a part of ${part.length} messages sized to fit the input area did not (host bug)`);
      add(this.processFramed(m, len, part, flags), start);
      start = end;
    }
    return whole;
  }

  /**
   * One message whose record alone is larger than the input area. The module
   * checks the topic, then the payload's length, before reading it; so the
   * message with its payload cut to one byte over `payloadBytes` gets exactly
   * the full message's result (dropped, or `payload_too_large`). When even that
   * does not fit (an input area smaller than the payload limit), the host
   * reports `payload_too_large` itself; the module's metrics do not count it.
   */
  private processOversized(m: ModuleInstance, message: Message, room: number, nowMs: number, flags: number): ProcessResult {
    const payloadLimit = this.options.limits.payloadBytes ?? LIMIT_DEFAULTS.payloadBytes;
    const bytes = typeof message.payload === "string" ? encoder.encode(message.payload) : message.payload;
    if (bytes.length > payloadLimit) {
      const cut: Message = { ...message, payload: bytes.subarray(0, payloadLimit + 1) };
      if (m.recordSizes([cut])[0] <= room) return this.processFramed(m, m.frame([cut], nowMs, flags), [message], flags);
    }
    const result: ProcessResult = {
      outputs: [],
      errors: [{ index: 0, code: "payload_too_large",
        message: `message of ${HEADER_BYTES + m.recordSizes([message])[0]} bytes framed does not fit the input area of ${this.inputAreaBytes} bytes (limits.inputAreaBytes)` }],
      dropped: 0,
    };
    if ((flags & FLAG_TRACE) !== 0) {
      const topic = messageTopic(message);
      result.trace = [{ index: 0, outcome: "invalid", mappings: [], ...(topic ? { topic } : {}) }];
    }
    return result;
  }

  private get inputAreaBytes(): number {
    return this.options.limits.inputAreaBytes ?? LIMIT_DEFAULTS.inputAreaBytes;
  }

  /**
   * Why each mapping did or did not fire: per mapping, its counters and the
   * dependencies it still waits for; per source, its updates and invalid
   * payloads; why inputs were dropped, and dropped topics that nearly match a
   * source topic (a typo or a case difference). Counters since create.
   */
  explain(): Explanation {
    return explanation(this.live().explain(), this.mappingList, this.aliases, this.lastErrors);
  }

  /** The counters since create (a new object each call). */
  metrics(): Metrics {
    const values = this.live().metrics();
    const out = {} as Metrics;
    for (let i = 0; i < METRIC_NAMES.length; i++) out[METRIC_NAMES[i]] = values[i];
    return out;
  }

  /** The mappings in declaration order (the same frozen array on every call). */
  mappings(): readonly MappingInfo[] {
    this.live();
    return this.mappingList;
  }

  /**
   * A snapshot of the state (the latest value of every alias), to restore with
   * `importState` on a processor with the same sources, e.g. after a restart.
   */
  exportState(): Uint8Array {
    return this.live().exportState();
  }

  /**
   * Replace the state with a snapshot from `exportState`.
   *
   * # Errors
   * SnapshotError (state unchanged): corrupted, another version, or another config's sources.
   */
  importState(snapshot: Uint8Array): void {
    if (!(snapshot instanceof Uint8Array)) throw new TypeError("snapshot must be a Uint8Array");
    const rejected = this.live().importState(snapshot);
    if (rejected !== null) throw new SnapshotError(codeName(rejected.code), rejected.message);
  }

  /** Drop the module instance. Idempotent; every other method throws afterwards. */
  close(): void {
    this.module = null;
  }
}
