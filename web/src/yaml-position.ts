// Where a config diagnostic belongs in the YAML (or JSON) text the user typed.
//
// The module reports an expression fault as a mapping path and a span in UTF-16
// code units of the expression *value*; the user sees the YAML *source*, where
// that value may be quoted, escaped, folded over lines or a block scalar. This
// file finds the scalar of the path with the `yaml` package (same options as
// host/config.ts), decodes its source text itself while recording, for every
// value code unit, the source range it came from, and checks the decoding
// against the value the parser produced: when they differ (a YAML form this
// decoder does not know), it says so (`exact: false`) and points at the scalar
// instead of guessing a column.

import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from "yaml";

// host/config.ts parses with these options; positions must come from the same reading.
const YAML_OPTIONS = { uniqueKeys: true, merge: true } as const;

/** A place in the source text: 1-based line, 1-based column in UTF-16 code units. */
export interface SourcePoint {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A diagnostic's place in the source text. */
export interface SourceLocation {
  readonly start: SourcePoint;
  /** Exclusive end; on the same line as `start` unless the span crosses a line break. */
  readonly end: SourcePoint;
  /** False when the span could not be mapped exactly and the location is the whole scalar or key. */
  readonly exact: boolean;
}

/** Per value code unit: the source range [start, end) it was decoded from. */
interface DecodedScalar {
  readonly text: string;
  readonly starts: number[];
  readonly ends: number[];
}

/** 1-based line and column of `offset` in `text`. */
export function pointAt(text: string, offset: number): SourcePoint {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** Is `c` a YAML white space character (space or tab)? */
const isWhite = (c: string): boolean => c === " " || c === "\t";
const isBreak = (c: string): boolean => c === "\n" || c === "\r";

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b",
  " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029",
};
const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Decode a flow scalar (plain, 'single' or "double" quoted; `from`/`to` exclude
 * the quotes) with YAML's line folding: a line break with the white space around
 * it becomes one space, or one newline per empty line that follows it.
 */
function decodeFlow(src: string, from: number, to: number, style: "plain" | "single" | "double"): DecodedScalar {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (s: string, start: number, end: number): void => {
    for (let k = 0; k < s.length; k++) { out.push(s[k]); starts.push(start); ends.push(end); }
  };
  let pending: number[] = []; // offsets of white space not yet known to be content
  const flush = (): void => { for (const p of pending) emit(src[p], p, p + 1); pending = []; };
  let i = from;
  // Skip the break at `i` and the white space and empty lines after it; returns [next offset, empty lines].
  const skipBreak = (at: number): [number, number] => {
    let j = at + (src[at] === "\r" && src[at + 1] === "\n" ? 2 : 1);
    let empty = 0;
    for (;;) {
      let k = j;
      while (k < to && isWhite(src[k])) k++;
      if (k < to && isBreak(src[k])) { empty++; j = k + (src[k] === "\r" && src[k + 1] === "\n" ? 2 : 1); continue; }
      return [k, empty];
    }
  };
  while (i < to) {
    const c = src[i];
    if (isBreak(c)) {
      pending = []; // trailing white space of a line is not content
      const [next, empty] = skipBreak(i);
      emit(empty === 0 ? " " : "\n".repeat(empty), i, i + 1);
      i = next;
    } else if (isWhite(c)) {
      pending.push(i);
      i++;
    } else if (style === "double" && c === "\\") {
      flush();
      const n = src[i + 1];
      if (n !== undefined && isBreak(n)) { // escaped line break: joins the lines
        let j = i + 1 + (n === "\r" && src[i + 2] === "\n" ? 2 : 1);
        while (j < to && isWhite(src[j])) j++;
        i = j;
      } else if (n !== undefined && n in HEX_ESCAPE_DIGITS) {
        const digits = HEX_ESCAPE_DIGITS[n];
        const code = parseInt(src.slice(i + 2, i + 2 + digits), 16);
        emit(String.fromCodePoint(code), i, i + 2 + digits);
        i += 2 + digits;
      } else {
        emit(ESCAPES[n] ?? n, i, i + 2);
        i += 2;
      }
    } else if (style === "single" && c === "'" && src[i + 1] === "'") {
      flush();
      emit("'", i, i + 2);
      i += 2;
    } else {
      flush();
      emit(c, i, i + 1);
      i++;
    }
  }
  if (style !== "plain") flush(); // inside quotes, white space before the closing quote is content
  return { text: out.join(""), starts, ends };
}

/** Decode a block scalar (`|` literal or `>` folded) whose header starts at `from`. */
function decodeBlock(src: string, from: number, to: number, folded: boolean): DecodedScalar {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (s: string, start: number, end: number): void => {
    for (let k = 0; k < s.length; k++) { out.push(s[k]); starts.push(start); ends.push(end); }
  };
  const headerEnd = src.indexOf("\n", from);
  if (headerEnd === -1 || headerEnd >= to) return { text: "", starts, ends };
  const explicit = /[1-9]/.exec(src.slice(from, headerEnd).split("#")[0]);
  // Lines of the block: [start offset, end offset without the break].
  const lines: [number, number][] = [];
  for (let s = headerEnd + 1; s < to;) {
    let e = src.indexOf("\n", s);
    if (e === -1 || e > to) e = to;
    lines.push([s, src[e - 1] === "\r" ? e - 1 : e]);
    s = e + 1;
  }
  const blank = (l: [number, number]): boolean => src.slice(l[0], l[1]).trim() === "";
  let indent: number;
  if (explicit) {
    // The indicator is relative to the parent's indentation: the key's column.
    const lineStart = src.lastIndexOf("\n", from) + 1;
    let parent = lineStart;
    while (src[parent] === " ") parent++;
    indent = parent - lineStart + Number(explicit[0]);
  } else {
    const first = lines.find((l) => !blank(l));
    if (first === undefined) return { text: "", starts, ends };
    indent = 0;
    while (src[first[0] + indent] === " ") indent++;
  }
  let prevNormal = false;
  let emptyRun: number[] = [];
  let seenContent = false;
  for (const [s, e] of lines) {
    const contentStart = Math.min(s + indent, e);
    if (blank([s, e]) && e - s <= indent) { emptyRun.push(s); continue; }
    const normal = !isWhite(src[contentStart]);
    if (seenContent) {
      // The break that ended the previous content line, and the empty lines after it.
      if (folded && prevNormal && normal) {
        if (emptyRun.length === 0) emit(" ", s - 1, s);
        for (const p of emptyRun) emit("\n", p, p + 1);
      } else {
        emit("\n", s - 1, s);
        for (const p of emptyRun) emit("\n", p, p + 1);
      }
    } else {
      for (const p of emptyRun) emit("\n", p, p + 1);
    }
    emptyRun = [];
    for (let k = contentStart; k < e; k++) emit(src[k], k, k + 1);
    prevNormal = normal;
    seenContent = true;
  }
  return { text: out.join(""), starts, ends };
}

function decodeScalar(src: string, node: Scalar): DecodedScalar | null {
  const range = node.range;
  if (!range) return null;
  const [from, to] = range;
  switch (node.type) {
    case "PLAIN": return decodeFlow(src, from, to, "plain");
    case "QUOTE_SINGLE": return decodeFlow(src, from + 1, to - 1, "single");
    case "QUOTE_DOUBLE": return decodeFlow(src, from + 1, to - 1, "double");
    case "BLOCK_LITERAL": return decodeBlock(src, from, to, false);
    case "BLOCK_FOLDED": return decodeBlock(src, from, to, true);
    default: return null;
  }
}

/** The text the module was given for this scalar (host/config.ts keeps number and boolean source text). */
function scalarText(node: Scalar): string {
  return typeof node.value === "string" ? node.value : node.source ?? String(node.value);
}

/** Resolve an alias (`*name`) to its anchored node. */
function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * The node at dotted `path` under `node`, and its key node. Keys may themselves
 * contain dots (`a.b: …` and `a: {b: …}` both have path `a.b`), so every key
 * that is a prefix of the path is tried; merge keys (`<<`) are searched after the
 * map's own keys, as they lose to them.
 */
function find(doc: Document, node: unknown, path: string): { key: Node | null; value: unknown } | null {
  const map = deref(doc, node);
  if (!isMap(map)) return null;
  const merges: unknown[] = [];
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode)) continue;
    // With `merge: true` the parser gives a merge key the value Symbol(<<).
    if (keyNode.source === "<<" && typeof keyNode.value === "symbol") { merges.push(pair.value); continue; }
    const key = String(keyNode.value);
    if (key === path) return { key: keyNode, value: pair.value };
    if (path.startsWith(key + ".")) {
      const found = find(doc, pair.value, path.slice(key.length + 1));
      if (found !== null) return found;
    }
  }
  for (const m of merges) {
    const target = deref(doc, m);
    for (const source of isSeq(target) ? target.items : [target]) {
      const found = find(doc, source, path);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Is the diagnostic about a mapping expression (path under `mapping`) rather than a config field? */
export function isMappingDiagnostic(d: { message: string; span?: readonly [number, number] }): boolean {
  return d.span !== undefined || d.message.startsWith("mapping '");
}

/**
 * The location in `text` of a diagnostic with `path` and, for an expression,
 * `span` (UTF-16 offsets into the expression). Returns null when `text` does not
 * parse or has no node at the path.
 */
export function locateDiagnostic(text: string, d: { path?: string; message: string; span?: readonly [number, number] }): SourceLocation | null {
  const fromMessage = yamlErrorLocation(text, d.message);
  if (fromMessage !== null) return fromMessage;
  if (d.path === undefined) return null;
  let doc: Document;
  try {
    doc = parseDocument(text, YAML_OPTIONS);
  } catch {
    return null;
  }
  if (doc.errors.length > 0) return null;
  const found = find(doc, doc.contents, isMappingDiagnostic(d) ? `mapping.${d.path}` : d.path);
  if (found === null) return null;
  const value = deref(doc, found.value);
  if (d.span !== undefined && isScalar(value)) {
    const exact = spanLocation(text, value, d.span);
    if (exact !== null) return exact;
  }
  // No span: the key. A span in a form the decoder does not know: the value, marked inexact.
  const anchor = (d.span === undefined ? found.key ?? value : value) as Node | null;
  const range = anchor?.range;
  if (!range) return null;
  const start = pointAt(text, range[0]);
  const lineEnd = text.indexOf("\n", range[0]);
  const end = pointAt(text, Math.min(range[1], lineEnd === -1 ? text.length : lineEnd));
  return { start, end: end.offset > start.offset ? end : pointAt(text, start.offset + 1), exact: d.span === undefined };
}

/** The exact source location of `span` in scalar `node`, or null if its decoding does not match the value. */
function spanLocation(text: string, node: Scalar, span: readonly [number, number]): SourceLocation | null {
  const decoded = decodeScalar(text, node);
  if (decoded === null) return null;
  const expected = scalarText(node);
  // Block scalars may decode with trailing newlines that chomping removes: only a prefix must match.
  const matches = decoded.text === expected
    || (node.type?.startsWith("BLOCK") === true && decoded.text.startsWith(expected.replace(/\n+$/, ""))
      && expected.length >= decoded.text.replace(/\n+$/, "").length);
  if (!matches) return null;
  const n = expected.length;
  const [s, e] = [Math.max(0, Math.min(span[0], n)), Math.max(0, Math.min(span[1], n))];
  const valueEnd = n === 0 ? (node.range?.[0] ?? 0) : decoded.ends[n - 1];
  const startOffset = s < n ? decoded.starts[s] : valueEnd;
  let endOffset = e > s ? decoded.ends[e - 1] : startOffset;
  // A span over a line break (a folded scalar) is shown up to the end of its first line.
  const lineEnd = text.indexOf("\n", startOffset);
  if (lineEnd !== -1 && endOffset > lineEnd) endOffset = lineEnd;
  return { start: pointAt(text, startOffset), end: pointAt(text, endOffset), exact: true };
}

/** The position in a YAML or JSON syntax error message ("… at line 3, column 7"), if any. */
function yamlErrorLocation(text: string, message: string): SourceLocation | null {
  const m = /at line (\d+), column (\d+)/.exec(message);
  if (m === null) return null;
  const line = Number(m[1]);
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl === -1) return null;
    offset = nl + 1;
  }
  const start = pointAt(text, offset + Number(m[2]) - 1);
  return { start, end: pointAt(text, start.offset), exact: true };
}
