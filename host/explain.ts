// The explain report and trace entries: why each mapping did or did not fire,
// from the module's counters (docs/ABI.md "Explain", "Trace"), in the shapes
// StreamProcessor.explain() and process(…, { trace: true }) return.

import { codeName } from "./codes.js";
import type { MappingInfo, MappingKind } from "./processor.js";
import { EXPLAIN_FIRST_CODE, type ExplainRecord, type TraceRecord } from "./module.js";
import type { Message } from "./message.js";
import { messageTopic } from "./message.js";

/** One source alias of the config. */
export interface AliasInfo {
  readonly name: string;
  readonly topic: string;
}

/** Counters of one mapping since the processor was created. */
export interface MappingReport {
  readonly path: string;
  readonly kind: MappingKind;
  readonly dependencies: readonly string[];
  /** Dependencies that have no value yet: a dynamic mapping fires only when this is empty. */
  readonly waitingFor: readonly string[];
  /** Output messages emitted. */
  readonly outputs: number;
  /** Times one of its aliases arrived while another dependency had no value yet. */
  readonly skipped: number;
  /** Error records (NaN results, TypeErrors, limits, …). */
  readonly errors: number;
  /** Error records by code name. */
  readonly errorsByCode: Readonly<Record<string, number>>;
  /** The last error record of this mapping seen by this processor. */
  readonly lastError?: { readonly code: string; readonly message: string };
}

/** Counters of one source since the processor was created. */
export interface SourceReport {
  readonly alias: string;
  readonly topic: string;
  readonly hasValue: boolean;
  /** Valid messages on its topic. */
  readonly updates: number;
  /** Messages on its topic whose payload was rejected. */
  readonly invalid: number;
  /** timestamp_ms of the last valid message. */
  readonly lastTimestampMs?: number;
}

/** A dropped topic that is within two edits (ASCII case ignored) of a source topic. */
export interface NearMiss {
  readonly topic: string;
  /** The source topic it nearly matches. */
  readonly didYouMean: string;
  /** Messages dropped on it. */
  readonly count: number;
}

/** What `StreamProcessor.explain()` returns. */
export interface Explanation {
  readonly mappings: readonly MappingReport[];
  readonly sources: readonly SourceReport[];
  readonly dropped: {
    /** Inputs without a topic. */
    readonly noTopic: number;
    /** Inputs on a topic that is no source. */
    readonly unknownTopic: number;
    /** Up to 16 dropped topics that nearly match a source, most messages first. */
    readonly nearMisses: readonly NearMiss[];
    /** Near-miss messages on further topics once the 16 places are taken. */
    readonly nearMissesNotListed: number;
  };
}

/** What became of one input, when `process` was asked for a trace. */
export interface TraceEntry {
  /** Index of the input in the batch. */
  readonly index: number;
  readonly topic?: string;
  /** `processed`: a valid message on a source topic; `dropped`; `invalid`: its payload was rejected. */
  readonly outcome: "processed" | "dropped" | "invalid";
  /** Why it was dropped. */
  readonly reason?: "no topic" | "unknown topic";
  /** For an unknown topic within two edits of a source topic: that topic. */
  readonly didYouMean?: string;
  /** The alias whose topic it arrived on. */
  readonly alias?: string;
  /** The mappings it triggered, in declaration order. */
  readonly mappings: readonly {
    readonly path: string;
    readonly result: "fired" | "skipped" | "error";
    /** For `skipped`: the first dependency without a value. */
    readonly waitingFor?: string;
    /** For `error`: the error code name. */
    readonly code?: string;
  }[];
  /** For a processed input: the dynamic mappings that do not depend on its alias (not evaluated). */
  readonly notDependent?: readonly string[];
}

/** The report from the module's explain record. */
export function explanation(r: ExplainRecord, mappings: readonly MappingInfo[], aliases: readonly AliasInfo[],
  lastErrors: ReadonlyMap<string, { code: string; message: string }>): Explanation {
  const hasValue = new Set(aliases.filter((_, a) => r.sources[a].hasValue).map((a) => a.name));
  return {
    mappings: mappings.map((m, i): MappingReport => {
      const c = r.mappings[i];
      const errorsByCode: Record<string, number> = {};
      c.errorsByCode.forEach((n, k) => { if (n > 0) errorsByCode[codeName(EXPLAIN_FIRST_CODE + k)] = n; });
      const last = lastErrors.get(m.path);
      return {
        path: m.path, kind: m.kind, dependencies: m.dependencies,
        waitingFor: m.dependencies.filter((d) => !hasValue.has(d)),
        outputs: c.outputs, skipped: c.skipped, errors: c.errors, errorsByCode,
        ...(last === undefined ? {} : { lastError: last }),
      };
    }),
    sources: aliases.map((a, i): SourceReport => {
      const s = r.sources[i];
      return {
        alias: a.name, topic: a.topic, hasValue: s.hasValue, updates: s.updates, invalid: s.invalid,
        ...(Number.isNaN(s.lastTimestampMs) ? {} : { lastTimestampMs: s.lastTimestampMs }),
      };
    }),
    dropped: {
      noTopic: r.droppedNoTopic,
      unknownTopic: r.droppedUnknownTopic,
      nearMisses: r.nearMisses.map((n) => ({ topic: n.topic, didYouMean: aliases[n.alias].topic, count: n.count }))
        .sort((a, b) => b.count - a.count),
      nearMissesNotListed: r.nearMissesNotListed,
    },
  };
}

const OUTCOMES = ["processed", "dropped", "dropped", "invalid"] as const;
const RESULTS = ["fired", "skipped", "error"] as const;

/** Trace entries of `inputs` from the module's records; `offset` is added to each index. */
export function traceEntries(records: readonly TraceRecord[], inputs: readonly Message[], offset: number,
  mappings: readonly MappingInfo[], aliases: readonly AliasInfo[]): TraceEntry[] {
  const notDependentOf = new Map<string, readonly string[]>(); // per alias, computed once per batch
  return records.map((r): TraceEntry => {
    const topic = messageTopic(inputs[r.input]);
    const head: { index: number; topic?: string; outcome?: TraceEntry["outcome"]; reason?: TraceEntry["reason"]; didYouMean?: string; alias?: string } =
      { index: r.input + offset };
    if (topic !== undefined && topic !== "") head.topic = topic;
    head.outcome = OUTCOMES[r.outcome];
    if (r.outcome === 1) head.reason = "no topic";
    if (r.outcome === 2) {
      head.reason = "unknown topic";
      if (r.alias >= 0) head.didYouMean = aliases[r.alias].topic;
    }
    if (r.outcome === 0 || r.outcome === 3) head.alias = aliases[r.alias].name;
    const entry: TraceEntry = {
      ...(head as Omit<TraceEntry, "mappings">), // outcome is always set above
      mappings: r.entries.map((e) => {
        const result = RESULTS[e.result];
        const m: { path: string; result: typeof result; waitingFor?: string; code?: string } = { path: mappings[e.mapping].path, result };
        if (result === "skipped" && e.detail >= 0) m.waitingFor = aliases[e.detail].name;
        if (result === "error") m.code = codeName(e.detail);
        return m;
      }),
    };
    if (r.outcome !== 0) return entry;
    const alias = aliases[r.alias].name;
    let notDependent = notDependentOf.get(alias);
    if (notDependent === undefined) {
      notDependent = Object.freeze(mappings.filter((m) => m.kind === "dynamic" && !m.dependencies.includes(alias)).map((m) => m.path));
      notDependentOf.set(alias, notDependent);
    }
    return { ...entry, notDependent };
  });
}
