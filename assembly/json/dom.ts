// A JSON document tree for configure time (the config JSON): allocation is
// fine here. Tokens come from reader.ts, so the grammar, string decoding and
// error texts are exactly those of the payload reader. Objects keep their
// members in source order; a duplicate key replaces the earlier value in place,
// as JSON.parse does, and the first duplicate is reported (the config rejects it).

import { Char, hexDigit } from "../num/chars";
import {
  jsonBegin, jsonEnd, jsonErrorByte, jsonErrorOffset, jsonErrorReason, jsonFail, jsonUnexpected,
  literalValue, Literal, MAX_DEPTH, numberValue, readLiteral, readNumber, readString, skipWs, strUnits,
} from "./reader";

export const enum JsonKind { Null, Boolean, Number, String, Array, Object }

// Scalars share these empty lists (never pushed to): three arrays per node were
// most of a big config's tree, and configure time goes mostly to touching memory.
const NO_KEYS: string[] = [];
const NO_NODES: JsonNode[] = [];

export class JsonNode {
  kind: JsonKind = JsonKind.Null;
  bool: bool = false;
  num: f64 = 0;
  /** A string's value, or a number's source text. */
  text: string = "";
  /** Object members in source order. */
  keys: string[] = NO_KEYS;
  values: JsonNode[] = NO_NODES;
  /** Array items. */
  items: JsonNode[] = NO_NODES;

  /** The member `key` of an object, or null. */
  get(key: string): JsonNode | null {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] == key) return this.values[i];
    return null;
  }
}

export class JsonDocument {
  root: JsonNode | null = null;
  /** "" if ok, else the reason, e.g. "unexpected character 'x'" (the offset is separate). */
  error: string = "";
  /** Byte offset of the error. */
  offset: i32 = 0;
  /** The first key that repeats an earlier key of its object ("" if none). */
  duplicateKey: string = "";
  /** Byte offset of that repeated key, or -1. */
  duplicateOffset: i32 = -1;
}

const INDEX_FROM: i32 = 16;  // objects with this many keys get a key -> index map
let pos: usize = 0;           // the parser's position (0 after an error)
let textBuf: usize = 0;       // UTF-16 scratch for strings, as long as the input
let dupKey: string = "";      // first duplicate key of the document being parsed
let dupOffset: i32 = -1;
let docBase: usize = 0;

function parseString(): string {
  pos = readString(pos, textBuf, i32.MAX_VALUE);
  if (pos == 0) return "";
  return String.UTF16.decodeUnsafe(textBuf, <usize>strUnits << 1);
}

function parseValue(depth: i32): JsonNode {
  const node = new JsonNode();
  pos = skipWs(pos);
  if (pos >= jsonEnd) { pos = jsonUnexpected(pos); return node; }
  const c = <u32>load<u8>(pos);
  if (c == Char.LBRACE || c == Char.LBRACKET) {
    if (depth >= MAX_DEPTH) { pos = jsonFail(pos, "nesting deeper than 1024"); return node; }
    const object = c == Char.LBRACE;
    node.kind = object ? JsonKind.Object : JsonKind.Array;
    if (object) { node.keys = []; node.values = []; } else node.items = [];
    const close: u32 = object ? Char.RBRACE : Char.RBRACKET;
    pos = skipWs(pos + 1);
    if (pos < jsonEnd && <u32>load<u8>(pos) == close) { pos++; return node; }
    let index: Map<string, i32> | null = null;
    while (true) {
      if (object) {
        pos = skipWs(pos);
        if (pos >= jsonEnd || load<u8>(pos) != Char.QUOTE) { pos = jsonUnexpected(pos); return node; }
        const keyAt = pos;
        const key = parseString();
        if (pos == 0) return node;
        pos = skipWs(pos);
        if (pos >= jsonEnd || load<u8>(pos) != Char.COLON) { pos = jsonUnexpected(pos); return node; }
        pos++;
        const value = parseValue(depth + 1);
        if (pos == 0) return node;
        // Duplicate keys: a linear search while the object is small, a map beyond.
        let at = -1;
        if (index != null) {
          if (index.has(key)) at = index.get(key);
        } else {
          at = node.keys.indexOf(key);
        }
        if (at >= 0) {
          node.values[at] = value;
          if (dupOffset < 0) { dupKey = key; dupOffset = <i32>(keyAt - docBase); }
        } else {
          if (index != null) index.set(key, node.keys.length);
          node.keys.push(key);
          node.values.push(value);
          if (index == null && node.keys.length == INDEX_FROM) {
            index = new Map<string, i32>();
            for (let i = 0; i < INDEX_FROM; i++) index.set(node.keys[i], i);
          }
        }
      } else {
        const item = parseValue(depth + 1);
        if (pos == 0) return node;
        node.items.push(item);
      }
      pos = skipWs(pos);
      if (pos >= jsonEnd) { pos = jsonUnexpected(pos); return node; }
      const d = <u32>load<u8>(pos);
      if (d == Char.COMMA) { pos++; continue; }
      if (d == close) { pos++; return node; }
      pos = jsonUnexpected(pos);
      return node;
    }
  }
  if (c == Char.QUOTE) {
    node.kind = JsonKind.String;
    node.text = parseString();
  } else if (c == Char.MINUS || c - Char._0 < 10) {
    const start = pos;
    pos = readNumber(pos);
    if (pos == 0) return node;
    node.kind = JsonKind.Number;
    node.num = numberValue;
    node.text = String.UTF8.decodeUnsafe(start, pos - start);
  } else if (c == Char.t || c == Char.f || c == Char.n) {
    pos = readLiteral(pos);
    if (pos == 0) return node;
    if (literalValue != Literal.Null) {
      node.kind = JsonKind.Boolean;
      node.bool = literalValue == Literal.True;
    }
  } else {
    pos = jsonUnexpected(pos);
  }
  return node;
}

/** The error of the reader as "<reason>[ 'x']". */
function errorText(): string {
  let s = jsonErrorReason();
  const b = jsonErrorByte();
  if (b >= 0x20 && b < 0x7f) s += " '" + String.fromCharCode(b) + "'";
  else if (b >= 0) s += " (byte 0x" + String.fromCharCode(hexDigit(b >> 4)) + String.fromCharCode(hexDigit(b & 15)) + ")";
  return s;
}

/** Parse `len` UTF-8 bytes at `ptr` as one JSON value (whitespace around it allowed). */
export function parseJsonDocument(ptr: usize, len: i32): JsonDocument {
  const doc = new JsonDocument();
  jsonBegin(ptr, len);
  textBuf = heap.alloc(<usize>max<i32>(len, 1) << 1);
  pos = ptr;
  docBase = ptr;
  dupKey = "";
  dupOffset = -1;
  const root = parseValue(0);
  if (pos != 0) {
    pos = skipWs(pos);
    if (pos < jsonEnd) pos = jsonFail(pos, "trailing characters after the value");
  }
  heap.free(textBuf);
  if (pos == 0) {
    doc.error = errorText();
    doc.offset = jsonErrorOffset();
  } else {
    doc.root = root;
    doc.duplicateKey = dupKey;
    doc.duplicateOffset = dupOffset;
  }
  return doc;
}
