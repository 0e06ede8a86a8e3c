// The CLI's JSON-lines format. Input line:
//   {"topic": "...", "payload": <JSON value> | "payload_raw": "<text>", "metadata": {...}}
// (`payload` is re-serialised with JSON.stringify). Output line:
//   {"topic":"...","payload":<output payload bytes verbatim>,"metadata":{...}}

import type { Message, Metadata, Output } from "./message.js";

/** An input line parsed into a message, or the reason it cannot be one. */
export type ParsedLine = { ok: true; message: Message } | { ok: false; error: string };

const SHAPE = 'expected {"topic": "...", "payload": <JSON> or "payload_raw": "<text>", "metadata": {...}}';

/** Parse one input line. */
export function parseInputLine(line: string): ParsedLine {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { ok: false, error: `not a JSON object; ${SHAPE}` };
  const o = v as Record<string, unknown>;
  if (o.topic !== undefined && typeof o.topic !== "string") return { ok: false, error: '"topic" must be a string' };
  let payload: string;
  if (o.payload_raw !== undefined) {
    if (o.payload !== undefined) return { ok: false, error: 'give "payload" or "payload_raw", not both' };
    if (typeof o.payload_raw !== "string") return { ok: false, error: '"payload_raw" must be a string' };
    payload = o.payload_raw;
  } else {
    payload = o.payload === undefined ? "" : JSON.stringify(o.payload);
  }
  let metadata: Metadata | undefined;
  if (o.metadata !== undefined) {
    if (o.metadata === null || typeof o.metadata !== "object" || Array.isArray(o.metadata)) {
      return { ok: false, error: '"metadata" must be an object of strings' };
    }
    metadata = {};
    for (const [k, value] of Object.entries(o.metadata)) {
      metadata[k] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  const message: { topic?: string; payload: string; metadata?: Metadata } = { payload };
  if (o.topic !== undefined) message.topic = o.topic as string;
  if (metadata !== undefined) message.metadata = metadata;
  return { ok: true, message };
}

const decoder = new TextDecoder();

/** Formats outputs as lines; caches the JSON of each topic (topics repeat). */
export class OutputFormatter {
  private readonly topicJson = new Map<string, string>();

  /** One output line, with its trailing newline. */
  line(o: Output): string {
    let t = this.topicJson.get(o.topic);
    if (t === undefined) {
      t = JSON.stringify(o.topic);
      this.topicJson.set(o.topic, t);
    }
    return `{"topic":${t},"payload":${decoder.decode(o.payload)},"metadata":${JSON.stringify(o.metadata)}}\n`;
  }
}
