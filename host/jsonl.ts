// The CLI's JSON-lines format. Input line:
//   {"topic": "...", "payload": <JSON value> | "payload_raw": "<text>", "metadata": {...}}
// (`payload` is passed on as its own text, exactly as written in the line, so
// the module sees `1e400` or `-0` as the user wrote them). Output line:
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
    payload = o.payload === undefined ? "" : rawMemberText(line, "payload");
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

/**
 * The source text of the last member `key` of the top-level object in `line`
 * (JSON.parse keeps the last of duplicate keys, so this does too). `line` must
 * be valid JSON whose top level is an object that has `key`.
 */
export function rawMemberText(line: string, key: string): string {
  let i = skipSpace(line, 0) + 1; // past "{"
  let text = "";
  for (;;) {
    i = skipSpace(line, i);
    const keyEnd = stringEnd(line, i);
    const name = JSON.parse(line.slice(i, keyEnd)) as string;
    const start = skipSpace(line, skipSpace(line, keyEnd) + 1); // past ":"
    const end = valueEnd(line, start);
    if (name === key) text = line.slice(start, end);
    i = skipSpace(line, end);
    if (line.charCodeAt(i) !== 0x2c) return text; // "}" ends the object
    i++;
  }
}

function skipSpace(s: string, i: number): number {
  for (let c = s.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = s.charCodeAt(++i));
  return i;
}

/** The index just past the string literal that starts at `i`. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; ; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
}

/** The index just past the JSON value that starts at `i` (valid JSON assumed). */
function valueEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; ; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x22) j = stringEnd(s, j) - 1;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return j; // the end of the enclosing object
      if (--depth === 0) return j + 1;
    } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d)) return j;
  }
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
