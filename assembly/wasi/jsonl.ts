// The CLI's JSON-lines format inside the module, byte for byte as the Node CLI
// (host/jsonl.ts, host/message.ts) writes it. An input line
//   {"topic": "...", "payload": <JSON> | "payload_raw": "<text>", "metadata": {...}}
// becomes a batch record (topic, payload as written in the line) plus the JSON
// text of its output metadata around `umh_topic`; an output record becomes
//   {"topic":<topic>,"payload":<payload>,"metadata":{...,"umh_topic":<topic>,...}}
// A valid line whose metadata values are all strings allocates nothing.
// Here: the line's members; the output metadata is metadata.ts, the parsed message message.ts.

export { problem } from "./jsonparse";
import { parseLine, problem, memberCount, memberKeyStart, memberKeyEnd, memberValueStart, memberValueEnd, kindAt, Kind } from "./jsonparse";
import { jsonBegin, strUnits } from "../json/reader";
import { encodeUtf8 } from "./io";
import { unitsUsed, units, decodeString, unitsEqualAscii } from "./line_strings";
import { lineStart, lineLen, topicFromMember, topic, payload, hasMetadata, metaBefore, metaAfter } from "./message";
import { cachedMetadata, useCached, remember, metadataText } from "./metadata";

const NOT_OBJECT = "not a JSON object; expected {\"topic\": \"...\", \"payload\": <JSON> or \"payload_raw\": \"<text>\", \"metadata\": {...}}";

// ---- one line -> one message ----------------------------------------------------------

function reject(why: string): bool {
  problem.len = 0;
  problem.ascii(why);
  return false;
}

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
