// The CLI's JSON-lines format inside the module, byte for byte as the Node CLI
// (host/jsonl.ts, host/message.ts) writes it. An input line
//   {"topic": "...", "payload": <JSON> | "payload_raw": "<text>", "metadata": {...}}
// becomes a batch record (topic, payload as written in the line) plus the JSON
// text of its output metadata around `umh_topic`; an output record becomes
//   {"topic":<topic>,"payload":<payload>,"metadata":{...,"umh_topic":<topic>,...}}
// A valid line whose metadata values are all strings allocates nothing.

export { Buf } from "./buf";
export { problem } from "./jsonparse";
import { parseLine, problem, memberCount, memberKeyStart, memberKeyEnd, memberValueStart, memberValueEnd, kindAt, Kind } from "./jsonparse";
import { jsonBegin, readString, strUnits, skipValue, skipWs, readNumber, numberValue } from "../json/reader";
import { formatNumberAscii } from "../num/format";
import { Buf } from "./buf";
import { encodeUtf8 } from "./io";
import { jsonValueText } from "../yaml/index";
import { isJsWhitespace } from "../num/whitespace";

const NOT_OBJECT = "not a JSON object; expected {\"topic\": \"...\", \"payload\": <JSON> or \"payload_raw\": \"<text>\", \"metadata\": {...}}";

// ---- UTF-8 as Node decodes it --------------------------------------------------------

/** Length of the valid UTF-8 prefix of [p, end) (WHATWG rules). */
export function validUtf8Prefix(p: usize, end: usize): usize {
  const start = p;
  while (p < end) {
    // Eight ASCII bytes at a time.
    while (p + 8 <= end && (load<u64>(p) & 0x8080808080808080) == 0) p += 8;
    if (p >= end) break;
    const b = <u32>load<u8>(p);
    if (b < 0x80) { p++; continue; }
    const n = sequenceLength(p, end);
    if (n <= 0) break;
    p += <usize>n;
  }
  return p - start;
}

/** The length of the valid sequence at `p`, or -(bytes of its maximal invalid subpart). */
function sequenceLength(p: usize, end: usize): i32 {
  const b = <u32>load<u8>(p);
  let need = 0;
  let lo: u32 = 0x80, hi: u32 = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b == 0xe0) lo = 0xa0; else if (b == 0xed) hi = 0x9f; }
  else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b == 0xf0) lo = 0x90; else if (b == 0xf4) hi = 0x8f; }
  else return -1;
  for (let i = 1; i <= need; i++) {
    if (p + <usize>i >= end) return -i;
    const c = <u32>load<u8>(p + <usize>i);
    if (c < lo || c > hi) return -i;
    lo = 0x80; hi = 0xbf;
  }
  return need + 1;
}

/** Copy [src, src+len) to `dst` with each invalid sequence replaced by U+FFFD (room: len * 3). Returns bytes written. */
export function sanitizeUtf8(dst: usize, src: usize, len: i32): i32 {
  const end = src + <usize>len;
  let p = src;
  let o = dst;
  while (p < end) {
    const b = <u32>load<u8>(p);
    if (b < 0x80) { store<u8>(o++, <u8>b); p++; continue; }
    const n = sequenceLength(p, end);
    if (n > 0) {
      memory.copy(o, p, <usize>n);
      o += <usize>n;
      p += <usize>n;
    } else {
      store<u8>(o, 0xef); store<u8>(o, 0xbf, 1); store<u8>(o, 0xbd, 2);
      o += 3;
      p += <usize>(-n);
    }
  }
  return <i32>(o - dst);
}

/** Append `len` bytes to `out` as TextDecoder + TextEncoder would pass them (invalid UTF-8 -> U+FFFD). */
export function appendSanitized(out: Buf, src: usize, len: i32): void {
  if (validUtf8Prefix(src, src + <usize>len) == <usize>len) { out.bytes(src, len); return; }
  out.len += sanitizeUtf8(out.reserve(len * 3), src, len);
}

/** Is the UTF-8 line empty after String#trim? (Only called when it does not start with `{`.) */
export function isBlankLine(p: usize, len: i32): bool {
  const end = p + <usize>len;
  while (p < end) {
    const b = <u32>load<u8>(p);
    let cp: u32;
    if (b < 0x80) { cp = b; p++; }
    else if (b < 0xe0) { cp = ((b & 0x1f) << 6) | (<u32>load<u8>(p, 1) & 0x3f); p += 2; }
    else if (b < 0xf0) { cp = ((b & 0x0f) << 12) | ((<u32>load<u8>(p, 1) & 0x3f) << 6) | (<u32>load<u8>(p, 2) & 0x3f); p += 3; }
    else return false;
    if (!isJsWhitespace(cp)) return false;
  }
  return true;
}

// ---- strings of the line ------------------------------------------------------------

/** UTF-16 scratch for decoded strings (keys, topic, metadata values). */
let units: usize = 0;
let unitsCap: i32 = 0;
let unitsUsed: i32 = 0;

function unitsReserve(n: i32): usize {
  if (unitsUsed + n > unitsCap) {
    const cap = max(unitsUsed + n, max(unitsCap * 2, 4096));
    const next = heap.alloc(<usize>cap << 1);
    if (unitsUsed > 0) memory.copy(next, units, <usize>unitsUsed << 1);
    units = next;
    unitsCap = cap;
  }
  return units + (<usize>unitsUsed << 1);
}

/** Decode the string literal at `p` (valid JSON) into the scratch; returns its offset in units (length: strUnits). */
function decodeString(p: usize, rawLen: i32): i32 {
  const at = unitsUsed;
  const dst = unitsReserve(rawLen);
  readString(p, dst, rawLen);
  unitsUsed += strUnits;
  return at;
}

function unitsEqual(a: i32, aLen: i32, b: i32, bLen: i32): bool {
  if (aLen != bLen) return false;
  return memory.compare(units + (<usize>a << 1), units + (<usize>b << 1), <usize>aLen << 1) == 0;
}

function unitsEqualAscii(a: i32, aLen: i32, s: string): bool {
  if (aLen != s.length) return false;
  return memory.compare(units + (<usize>a << 1), changetype<usize>(s), <usize>aLen << 1) == 0;
}

/** A canonical array index key ("0", "42"; below 2^32 - 1)? Its value, or -1. */
function arrayIndex(at: i32, len: i32): f64 {
  if (len == 0 || len > 10) return -1;
  const p = units + (<usize>at << 1);
  if (load<u16>(p) == 0x30 && len > 1) return -1;
  let v: f64 = 0;
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c - 0x30 >= 10) return -1;
    v = v * 10 + <f64>(c - 0x30);
  }
  return v < 4294967295 ? v : -1;
}

// ---- one line -> one message ----------------------------------------------------------

function reject(why: string): bool {
  problem.len = 0;
  problem.ascii(why);
  return false;
}

// The parsed message, valid until the next parseMessage call: spans of the line
// (byte offsets from its start) and the metadata text around umh_topic.
let lineStart: usize = 0;
let lineLen: i32 = 0;
export let topicFromMember = false;
/** The message's topic as UTF-8 (in `topic`); empty when it has none. */
export const topic = new Buf();
export const payload = new Buf();
export let hasMetadata = false;
/** The output metadata up to and including `"umh_topic":`, and after its value. */
export const metaBefore = new Buf();
export const metaAfter = new Buf();

// Metadata entries: key (units offset, length), value span, array index; reused.
let entryKeys = new Array<i32>();
let entryValues = new Array<i32>();
let entryOrder = new Array<i32>();
let entryIndex = new Array<f64>();

/**
 * Parse one input line (UTF-8, valid, without its line break). true: a message
 * (topic, payload, metaBefore/metaAfter set); false: `problem` (UTF-8) says why.
 */
export function parseMessage(ptr: usize, len: i32): bool {
  unitsUsed = 0;
  topic.len = 0;
  payload.len = 0;
  metaBefore.len = 0;
  metaAfter.len = 0;
  hasMetadata = false;
  lineStart = ptr;
  lineLen = len;
  if (!parseLine(ptr, len)) return false;
  let p = ptr;
  while (p < ptr + <usize>len && (load<u8>(p) == 0x20 || load<u8>(p) == 0x09 || load<u8>(p) == 0x0a || load<u8>(p) == 0x0d)) p++;
  if (load<u8>(p) != 0x7b) return reject(NOT_OBJECT);

  // The last member of each name wins, as in JSON.parse.
  let topicAt = -1, payloadAt = -1, rawAt = -1, metaAt = -1;
  jsonBegin(ptr, len);
  for (let i = 0; i < memberCount; i++) {
    const ks = memberKeyStart(i), ke = memberKeyEnd(i);
    const kp = ptr + <usize>ks;
    const klen = <i32>(ke - ks);
    const k = keyName(kp, klen);
    if (k == 0) topicAt = i;
    else if (k == 1) payloadAt = i;
    else if (k == 2) rawAt = i;
    else if (k == 3) metaAt = i;
  }
  unitsUsed = 0;
  if (topicAt >= 0 && kindAt(ptr + <usize>memberValueStart(topicAt)) != Kind.String) {
    return reject("\"topic\" must be a string");
  }
  if (rawAt >= 0) {
    if (payloadAt >= 0) return reject("give \"payload\" or \"payload_raw\", not both");
    const vs = ptr + <usize>memberValueStart(rawAt);
    if (kindAt(vs) != Kind.String) return reject("\"payload_raw\" must be a string");
    const at = decodeString(vs, <i32>(memberValueEnd(rawAt) - memberValueStart(rawAt)));
    payload.len = encodeUtf8(payload.reserve(strUnits * 3), units + (<usize>at << 1), strUnits);
    unitsUsed = 0;
  } else if (payloadAt >= 0) {
    payload.bytes(ptr + <usize>memberValueStart(payloadAt), <i32>(memberValueEnd(payloadAt) - memberValueStart(payloadAt)));
  }
  if (topicAt >= 0) {
    const vs = ptr + <usize>memberValueStart(topicAt);
    const rawLen = <i32>(memberValueEnd(topicAt) - memberValueStart(topicAt));
    if (!hasBackslash(vs + 1, rawLen - 2)) {
      // No escapes: the string's UTF-8 is its source (the line is valid UTF-8).
      topic.bytes(vs + 1, rawLen - 2);
    } else {
      const at = decodeString(vs, rawLen);
      topic.len = encodeUtf8(topic.reserve(strUnits * 3), units + (<usize>at << 1), strUnits);
    }
    topicFromMember = true;
  } else {
    topicFromMember = false;
  }
  unitsUsed = 0;
  if (metaAt >= 0) {
    const vs = ptr + <usize>memberValueStart(metaAt);
    if (kindAt(vs) != Kind.Object) return reject("\"metadata\" must be an object of strings");
    hasMetadata = true;
    const ve = ptr + <usize>memberValueEnd(metaAt);
    // Metadata repeats from line to line: the same source text gives the same result.
    const hit = cachedMetadata(vs, <i32>(ve - vs));
    if (hit >= 0) useCached(hit);
    else {
      if (!metadataText(vs, ve)) return false;
      remember(vs, <i32>(ve - vs));
    }
  } else {
    metaBefore.ascii("{\"umh_topic\":");
    metaAfter.ascii("}");
  }
  return true;
}

function hasBackslash(p: usize, len: i32): bool {
  for (let i = 0; i < len; i++) if (load<u8>(p + <usize>i) == 0x5c) return true;
  return false;
}

// The last few metadata objects and what they became (metaBefore, metaAfter and,
// without a "topic" member, the topic from umh_topic).
const CACHE = 8;
const cacheSource = new Array<Buf>(CACHE);
const cacheBefore = new Array<Buf>(CACHE);
const cacheAfter = new Array<Buf>(CACHE);
const cacheTopic = new Array<Buf>(CACHE);
const cacheFromMember = new Array<bool>(CACHE);
let cacheUsed = 0;
let cacheNext = 0;

function cachedMetadata(p: usize, len: i32): i32 {
  for (let i = 0; i < cacheUsed; i++) {
    const src = cacheSource[i];
    if (src.len == len && cacheFromMember[i] == topicFromMember && memory.compare(src.ptr, p, <usize>len) == 0) return i;
  }
  return -1;
}

function useCached(i: i32): void {
  const b = cacheBefore[i], a = cacheAfter[i];
  metaBefore.bytes(b.ptr, b.len);
  metaAfter.bytes(a.ptr, a.len);
  if (!topicFromMember) {
    const t = cacheTopic[i];
    topic.len = 0;
    topic.bytes(t.ptr, t.len);
  }
}

function remember(p: usize, len: i32): void {
  const i = cacheNext;
  cacheNext = (cacheNext + 1) % CACHE;
  if (i >= cacheUsed) {
    cacheSource[i] = new Buf(); cacheBefore[i] = new Buf(); cacheAfter[i] = new Buf(); cacheTopic[i] = new Buf();
    cacheUsed = i + 1;
  }
  const src = cacheSource[i], b = cacheBefore[i], a = cacheAfter[i], t = cacheTopic[i];
  src.len = 0; src.bytes(p, len);
  b.len = 0; b.bytes(metaBefore.ptr, metaBefore.len);
  a.len = 0; a.bytes(metaAfter.ptr, metaAfter.len);
  t.len = 0; t.bytes(topic.ptr, topic.len);
  cacheFromMember[i] = topicFromMember;
}

/** 0 topic, 1 payload, 2 payload_raw, 3 metadata, -1 other: the key literal of `klen` bytes at `kp`. */
function keyName(kp: usize, klen: i32): i32 {
  let plain = true;
  for (let i = 1; i < klen - 1; i++) if (load<u8>(kp + <usize>i) == 0x5c) { plain = false; break; }
  if (plain) {
    const n = klen - 2;
    if (n == 5 && bytesAre(kp + 1, "topic")) return 0;
    if (n == 7 && bytesAre(kp + 1, "payload")) return 1;
    if (n == 11 && bytesAre(kp + 1, "payload_raw")) return 2;
    if (n == 8 && bytesAre(kp + 1, "metadata")) return 3;
    return -1;
  }
  const at = decodeString(kp, klen);
  const n = strUnits;
  let r = -1;
  if (unitsEqualAscii(at, n, "topic")) r = 0;
  else if (unitsEqualAscii(at, n, "payload")) r = 1;
  else if (unitsEqualAscii(at, n, "payload_raw")) r = 2;
  else if (unitsEqualAscii(at, n, "metadata")) r = 3;
  unitsUsed = at;
  return r;
}

function bytesAre(p: usize, s: string): bool {
  for (let i = 0; i < s.length; i++) if (<u32>load<u8>(p + <usize>i) != <u32>s.charCodeAt(i)) return false;
  return true;
}

/**
 * The output metadata of the object at [p, end): Object.entries order (array
 * indexes first), the last of duplicate keys, `__proto__` dropped (an assignment
 * to it sets no property), non-string values as JSON.stringify text; umh_topic in
 * its place or appended. Also the topic from metadata.umh_topic when the line has
 * no "topic".
 */
function metadataText(p: usize, end: usize): bool {
  entryKeys.length = 0;
  entryValues.length = 0;
  p = skipWs(p + 1);
  while (load<u8>(p) != 0x7d) {
    const ks = p;
    p = skipValue(p, 0);
    const at = decodeString(ks, <i32>(p - ks));
    const n = strUnits;
    p = skipWs(skipWs(p) + 1); // past ':'
    const vs = p;
    p = skipValue(p, 0);
    const ve = p;
    // A repeated key keeps its first position and takes the new value.
    let dup = -1;
    for (let j = 0; j < entryKeys.length; j += 2) {
      if (unitsEqual(entryKeys[j], entryKeys[j + 1], at, n)) { dup = j; break; }
    }
    if (dup >= 0) {
      entryValues[dup] = <i32>(vs - lineStart);
      entryValues[dup + 1] = <i32>(ve - lineStart);
    } else {
      entryKeys.push(at); entryKeys.push(n);
      entryValues.push(<i32>(vs - lineStart)); entryValues.push(<i32>(ve - lineStart));
    }
    p = skipWs(p);
    if (load<u8>(p) == 0x2c) p = skipWs(p + 1);
  }
  // Property order: array indexes ascending, then the others as inserted.
  entryOrder.length = 0;
  entryIndex.length = 0;
  const count = entryKeys.length >> 1;
  for (let e = 0; e < count; e++) {
    const x = arrayIndex(entryKeys[e << 1], entryKeys[(e << 1) + 1]);
    if (x < 0) continue;
    entryOrder.push(e);
    entryIndex.push(x);
    for (let k = entryOrder.length - 1; k > 0 && entryIndex[k - 1] > entryIndex[k]; k--) {
      const o = entryOrder[k]; entryOrder[k] = entryOrder[k - 1]; entryOrder[k - 1] = o;
      const y = entryIndex[k]; entryIndex[k] = entryIndex[k - 1]; entryIndex[k - 1] = y;
    }
  }
  for (let e = 0; e < count; e++) if (arrayIndex(entryKeys[e << 1], entryKeys[(e << 1) + 1]) < 0) entryOrder.push(e);

  let out = metaBefore;
  let sawUmh = false;
  let first = true;
  out.byte(0x7b);
  for (let i = 0; i < entryOrder.length; i++) {
    const e = entryOrder[i];
    const ka = entryKeys[e << 1], kn = entryKeys[(e << 1) + 1];
    if (unitsEqualAscii(ka, kn, "__proto__")) continue;
    if (!first) out.byte(0x2c);
    first = false;
    out.jsonString(units + (<usize>ka << 1), kn);
    out.byte(0x3a);
    const vs = lineStart + <usize>entryValues[e << 1];
    const ve = lineStart + <usize>entryValues[(e << 1) + 1];
    const isUmh = unitsEqualAscii(ka, kn, "umh_topic");
    if (isUmh) {
      sawUmh = true;
      if (!topicFromMember) metadataTopic(vs, ve);
      out = metaAfter; // the value is the output topic
      continue;
    }
    writeValueAsString(out, vs, ve);
  }
  if (!sawUmh) {
    if (!first) out.byte(0x2c);
    out.ascii("\"umh_topic\":");
    out = metaAfter;
  }
  out.byte(0x7d);
  return true;
}

const numberText = memory.data(32);

/** JSON.stringify of the number literal at `vs` (ASCII at numberText); returns its length. */
function numberAscii(vs: usize): i32 {
  readNumber(vs);
  if (!isFinite(numberValue)) { store<u32>(numberText, 0x6c6c756e); return 4; } // "null"
  return formatNumberAscii(numberText, numberValue);
}

/** The metadata value at [vs, ve) as a JSON string: a string as is, anything else as its JSON.stringify text. */
function writeValueAsString(out: Buf, vs: usize, ve: usize): void {
  const c = load<u8>(vs);
  if (c == 0x22) {
    const mark = unitsUsed;
    const at = decodeString(vs, <i32>(ve - vs));
    out.jsonString(units + (<usize>at << 1), strUnits);
    unitsUsed = mark;
    return;
  }
  if (c == 0x2d || <u32>c - 0x30 < 10) {
    out.byte(0x22);
    out.bytes(numberText, numberAscii(vs));
    out.byte(0x22);
    return;
  }
  if (c == 0x74 || c == 0x66 || c == 0x6e) {
    out.byte(0x22);
    out.bytes(vs, <i32>(ve - vs));
    out.byte(0x22);
    return;
  }
  const s = canonicalJson(vs, ve);
  out.jsonString(changetype<usize>(s), s.length);
}

/** topic = metadata.umh_topic as its string (UTF-8). */
function metadataTopic(vs: usize, ve: usize): void {
  topic.len = 0;
  if (load<u8>(vs) == 0x22) {
    const mark = unitsUsed;
    const at = decodeString(vs, <i32>(ve - vs));
    topic.len = encodeUtf8(topic.reserve(strUnits * 3), units + (<usize>at << 1), strUnits);
    unitsUsed = mark;
    return;
  }
  const c = load<u8>(vs);
  if (c == 0x2d || <u32>c - 0x30 < 10) { topic.bytes(numberText, numberAscii(vs)); return; }
  if (c == 0x74 || c == 0x66 || c == 0x6e) { topic.bytes(vs, <i32>(ve - vs)); return; }
  const s = canonicalJson(vs, ve);
  topic.len = encodeUtf8(topic.reserve(s.length * 3), changetype<usize>(s), s.length);
}

/** JSON.stringify(JSON.parse(text)) of an array or object (allocates: the one per-line allocation, for such metadata values). */
function canonicalJson(vs: usize, ve: usize): string {
  const len = <i32>(ve - vs);
  const lit = load<u8>(vs);
  if (lit == 0x74 && len == 4) return "true";
  if (lit == 0x66 && len == 5) return "false";
  if (lit == 0x6e && len == 4) return "null";
  // Numbers, arrays and objects: through the config reader's JSON path (JSON.parse,
  // then JSON.stringify with JavaScript's number printing and property order).
  const json = jsonValueText(vs, len);
  const s = String.UTF8.decodeUnsafe(json.ptr, <usize>json.len);
  jsonBegin(lineStart, lineLen); // the JSON tree used the reader: point it back at the line
  return s;
}
