// Test entry for assembly/json: the payload reader, the writer and the DOM,
// with plain i32/f64 signatures.
import { readPayload, payloadValue, payloadTimestamp } from "../../assembly/json/payload";
import {
  jsonStringMaxBytes, writeAscii, writeInt, writeJsonNumber, writeJsonString, writeJsonValue,
} from "../../assembly/json/writer";
import { JsonKind, JsonNode, parseJsonDocument } from "../../assembly/json/dom";
import { errLen, errPtr } from "../../assembly/errors";
import { setBool, setNumber, setString, strLen, strPtr, numOf, tagOf } from "../../assembly/value";

export function alloc(bytes: i32): usize { return heap.alloc(<usize>bytes); }
export function heapTop(): usize { return heap.alloc(0); }
export function errorPtr(): usize { return errPtr(); }
export function errorLen(): i32 { return errLen(); }

export function payload(ptr: usize, len: i32): i32 { return readPayload(ptr, len); }
export function valueTag(): i32 { return tagOf(payloadValue); }
export function valueNum(): f64 { return numOf(payloadValue); }
export function valueStrPtr(): usize { return strPtr(payloadValue); }
export function valueStrLen(): i32 { return strLen(payloadValue); }
export function timestamp(): f64 { return payloadTimestamp; }

export function stringMaxBytes(len: i32): i32 { return jsonStringMaxBytes(len); }
export function writeString(dst: usize, ptr: usize, len: i32): i32 { return writeJsonString(dst, ptr, len); }
export function writeNumber(dst: usize, x: f64): i32 { return writeJsonNumber(dst, x); }
export function writeInteger(dst: usize, n: f64): i32 { return writeInt(dst, <i64>n); }
export function writeTrue(dst: usize): i32 { return writeAscii(dst, "true"); }
const slot = memory.data(16);
/** kind: 0 number (x), 1 boolean (x != 0), 2 string (ptr, len). */
export function writeValue(dst: usize, kind: i32, x: f64, ptr: usize, len: i32): i32 {
  if (kind == 0) setNumber(slot, x);
  else if (kind == 1) setBool(slot, x != 0);
  else setString(slot, ptr, len);
  return writeJsonValue(dst, slot);
}

// The DOM re-serialised as JSON (numbers from their parsed value), so tests can
// compare it with JSON.stringify(JSON.parse(text)). Test-only: allocates.
function dump(dst: usize, node: JsonNode): usize {
  if (node.kind == JsonKind.Null) return dst + <usize>writeAscii(dst, "null");
  if (node.kind == JsonKind.Boolean) return dst + <usize>writeAscii(dst, node.bool ? "true" : "false");
  if (node.kind == JsonKind.Number) {
    if (!isFinite(node.num)) return dst + <usize>writeAscii(dst, "null");
    return dst + <usize>writeJsonNumber(dst, node.num);
  }
  if (node.kind == JsonKind.String) {
    return dst + <usize>writeJsonString(dst, changetype<usize>(node.text), node.text.length);
  }
  const object = node.kind == JsonKind.Object;
  store<u8>(dst++, object ? 0x7b : 0x5b);
  const n = object ? node.keys.length : node.items.length;
  for (let i = 0; i < n; i++) {
    if (i > 0) store<u8>(dst++, 0x2c);
    if (object) {
      const k = node.keys[i];
      dst += <usize>writeJsonString(dst, changetype<usize>(k), k.length);
      store<u8>(dst++, 0x3a);
      dst = dump(dst, node.values[i]);
    } else {
      dst = dump(dst, node.items[i]);
    }
  }
  store<u8>(dst++, object ? 0x7d : 0x5d);
  return dst;
}

let lastError = "";
let lastOffset: i32 = 0;
/** Parse and re-serialise at dst; returns bytes, or -1 (see domError*). */
export function domDump(ptr: usize, len: i32, dst: usize): i32 {
  const doc = parseJsonDocument(ptr, len);
  if (doc.root == null) {
    lastError = doc.error;
    lastOffset = doc.offset;
    return -1;
  }
  return <i32>(dump(dst, doc.root!) - dst);
}
/** The last DOM error as UTF-16 at dst; returns units. */
export function domError(dst: usize): i32 {
  memory.copy(dst, changetype<usize>(lastError), <usize>lastError.length << 1);
  return lastError.length;
}
export function domErrorOffset(): i32 { return lastOffset; }
/** Source text of the number at the root (or the first item of a root array). */
export function domNumberText(ptr: usize, len: i32, dst: usize): i32 {
  const doc = parseJsonDocument(ptr, len);
  let node = doc.root!;
  if (node.kind == JsonKind.Array) node = node.items[0];
  memory.copy(dst, changetype<usize>(node.text), <usize>node.text.length << 1);
  return node.text.length;
}

// The topic hash (assembly/topics.ts), for tests/fuzz/topic_hash.test.ts: the
// topic fuzzer mirrors it in JS to build colliding topics, and checks the
// mirror against this.
import { hashBytes } from "../../assembly/topics";
export function topicHash(ptr: usize, len: i32): u32 { return hashBytes(ptr, <usize>len); }
