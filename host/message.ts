// The shapes of messages going in and out of a processor, and the two rules
// that connect them: where an input's topic comes from, and what metadata an
// output carries.

import type { TraceEntry } from "./explain.js";

/** Metadata of a message: string keys to string values (Benthos metadata). */
export type Metadata = Record<string, string>;

/** One input message. */
export interface Message {
  /** The UNS topic. When absent, `metadata.umh_topic` is used; with neither, the message is dropped. */
  readonly topic?: string;
  /** The payload, normally `{"value": V, "timestamp_ms": T}`. A string is sent as UTF-8. */
  readonly payload: Uint8Array | string;
  /** Carried onto every output of this message (except `umh_topic`, which is set to the output topic). */
  readonly metadata?: Metadata;
}

/** One output message. Every object and payload is new: the caller owns it. */
export interface Output {
  /** The output topic: `<output_topic>._<model.name>_<model.version>.<mapping path>`. */
  topic: string;
  /**
   * `{"value":<v>,"timestamp_ms":<T>}` as UTF-8, byte-identical to V8's JSON.stringify.
   * A view of exactly these bytes in a copy the caller owns (never module memory).
   * Like Node's pooled Buffers, payloads share larger ArrayBuffers (up to 64 KiB
   * across calls, each range handed out once), so use `payload` itself, not
   * `payload.buffer`.
   */
  payload: Uint8Array;
  /** The input's metadata with `umh_topic` set to `topic`. */
  metadata: Metadata;
}

/** One per-message or per-mapping error of a `process` call. */
export interface ProcessError {
  /** Index of the input in the batch passed to `process`. */
  index: number;
  /** Path of the mapping that failed (`motor.rpm`); absent for errors of the message itself. */
  mapping?: string;
  /** Error code name (docs/ABI.md "Error codes"), e.g. `invalid_timestamp`, `non_finite_result`. */
  code: string;
  /** The module's message, e.g. `missing or invalid timestamp_ms`. */
  message: string;
}

/** What one `process` call produced. */
export interface ProcessResult {
  /** Output messages, in input order and, per input, in mapping declaration order. */
  outputs: Output[];
  /** Errors, in input order. An input with an error may still have outputs (per-mapping errors). */
  errors: ProcessError[];
  /** Inputs dropped silently: no topic, or a topic that is no configured source. */
  dropped: number;
  /** With `process(…, { trace: true })`: what became of each input, in input order. */
  trace?: TraceEntry[];
}

/** The topic of input `m`: `topic`, else `metadata.umh_topic`, else undefined. */
export function messageTopic(m: Message): string | undefined {
  return m.topic ?? m.metadata?.umh_topic;
}

/** The metadata of an output on `topic` for an input with metadata `input`: a new object. */
export function outputMetadata(input: Metadata | undefined, topic: string): Metadata {
  if (input === undefined) return { umh_topic: topic };
  // Keeps the input's key order; `umh_topic` is overwritten in place. When the
  // input has `umh_topic` (the usual case), V8 clones the object's shape for a
  // spread with an overriding existing key (~9 ns vs ~28 ns for a key loop); a
  // spread that *adds* the key leaves the fast path (~200 ns), so that case keeps
  // the key loop.
  if (input.umh_topic !== undefined) return { ...input, umh_topic: topic };
  const out: Metadata = {};
  for (const key in input) out[key] = input[key];
  out.umh_topic = topic;
  return out;
}
