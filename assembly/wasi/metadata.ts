// A message's output metadata, byte for byte as the Node CLI writes it: the
// metadata object's entries in JavaScript's property order around `umh_topic`,
// values as JSON strings; the last few objects and their results are cached.

import { jsonBegin, strUnits, skipValue, skipWs, readNumber, numberValue } from "../json/reader";
import { formatNumberAscii } from "../num/format";
import { Buf } from "./buf";
import { encodeUtf8 } from "./io";
import { jsonValueText } from "../yaml/index";
import { lineStart, lineLen, topicFromMember, topic, metaBefore, metaAfter } from "./message";
import { units, unitsUsed, decodeString, unitsEqual, unitsEqualAscii, arrayIndex } from "./line_strings";

// Metadata entries: key (units offset, length), value span, array index; reused.
let entryKeys = new Array<i32>();
let entryValues = new Array<i32>();
let entryOrder = new Array<i32>();
let entryIndex = new Array<f64>();

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

export function cachedMetadata(p: usize, len: i32): i32 {
  for (let i = 0; i < cacheUsed; i++) {
    const src = cacheSource[i];
    if (src.len == len && cacheFromMember[i] == topicFromMember && memory.compare(src.ptr, p, <usize>len) == 0) return i;
  }
  return -1;
}

export function useCached(i: i32): void {
  const b = cacheBefore[i], a = cacheAfter[i];
  metaBefore.bytes(b.ptr, b.len);
  metaAfter.bytes(a.ptr, a.len);
  if (!topicFromMember) {
    const t = cacheTopic[i];
    topic.len = 0;
    topic.bytes(t.ptr, t.len);
  }
}

export function remember(p: usize, len: i32): void {
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

/**
 * The output metadata of the object at [p, end): Object.entries order (array
 * indexes first), the last of duplicate keys, `__proto__` dropped (an assignment
 * to it sets no property), non-string values as JSON.stringify text; umh_topic in
 * its place or appended. Also the topic from metadata.umh_topic when the line has
 * no "topic".
 */
export function metadataText(p: usize, end: usize): bool {
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
