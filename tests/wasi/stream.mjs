// A generated JSON-lines stream for the pump example config (examples/pump.yaml):
// valid messages on every source topic, unknown topics, metadata (umh_topic in
// place or absent, array-index keys, repeated keys, non-string values,
// __proto__), non-ASCII text, payload_raw, payloads the module rejects, blank and
// CRLF lines, and lines that are no message at all (invalid JSON of every kind
// JSON.parse reports, wrong member types). Deterministic per seed.

const TOPICS = [
  "umh.v1.corpA.plant-A.aawd._raw.press",
  "umh.v1.corpA.plant-A.aawd._raw.tempF",
  "umh.v1.corpA.plant-A.aawd._raw.run",
];
const OTHER = ["umh.v1.corpA.plant-A.aawd._raw.other", "umh.v1.é.température", "", "x"];
const TEXT = ["a", "é", "温度", "😀", "\u2028", "\\\"q\\\"", "\\u00e9", "\\ud800", "tab\\t", "/", "\\/", " spaced "];

function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  return { next, int: (n) => Math.floor(next() * n), pick: (a) => a[Math.floor(next() * a.length)], chance: (p) => next() < p };
}

function value(r) {
  switch (r.int(10)) {
    case 0: return String(r.int(1000));
    case 1: return (r.next() * 200 - 100).toFixed(r.int(6));
    case 2: return r.pick(["true", "false"]);
    case 3: return `"${r.pick(TEXT)}${r.int(10)}"`;
    case 4: return r.pick(["1e400", "-0", "0.1", "1E3", "-1.5e-7", "123456789012345678901234567890", "5e-324"]);
    case 5: return r.pick(["null", "[1,2]", "{\"a\":1}", "\"\""]);
    default: return (r.next() * 100).toFixed(2);
  }
}

function payload(r, ts) {
  switch (r.int(14)) {
    case 0: return `{"value": ${value(r)}}`;
    case 1: return `{"value": ${value(r)}, "timestamp_ms": ${r.pick(["0", "\"1\"", "1.5", "null", "-1"])}}`;
    case 2: return `{ "timestamp_ms" : ${ts} , "value" : ${value(r)} }`;
    case 3: return `[${value(r)}]`;
    case 4: return `{"value": ${value(r)}, "timestamp_ms": ${ts}, "value": ${value(r)}}`;
    default: return `{"value":${value(r)},"timestamp_ms":${ts}}`;
  }
}

function metaValue(r) {
  switch (r.int(8)) {
    case 0: return String(r.int(100));
    case 1: return r.pick(["true", "null", "1.50", "1e400", "[1, \"a\"]", "{\"b\": 1, \"2\": [], \"a\": {\"x\": -0}}"]);
    default: return `"${r.pick(TEXT)}"`;
  }
}

function metadata(r, topic) {
  const keys = [];
  const n = r.int(4);
  for (let i = 0; i < n; i++) keys.push(`"${r.pick(["site", "line", "2", "10", "0", "01", "__proto__", "é", "a\\u0062", "umh_topic", "ab"])}": ${metaValue(r)}`);
  if (topic !== undefined && r.chance(0.5)) keys.splice(r.int(keys.length + 1), 0, `"umh_topic": ${JSON.stringify(topic)}`);
  return `{${keys.join(r.chance(0.5) ? ", " : ",")}}`;
}

const BAD = [
  "", "not json", "{", "}", "[1,2]", "\"text\"", "42", "null", "{\"topic\": 5, \"payload\": {}}",
  "{\"topic\": \"t\", \"payload\": 1, \"payload_raw\": \"x\"}", "{\"payload_raw\": 5}", "{\"metadata\": []}",
  "{\"metadata\": \"m\"}", "{\"metadata\": null}", "{\"topic\": \"a\" \"payload\": 1}", "{\"topic\": \"a\",}", "{topic: 1}",
  "{\"a\":1}}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
  "{\"a\":\"\t\"}", "{\"a\":\"unterminated", "{\"a\" 1}", "{\"a\":1,\"b\" 1}", "{\"a\":1,\"b\" \"c\"}", "{\"a\":1,\"b\" x}",
  "[1 2]", "{\"a\":1 2}", "undefined", "NaN", "Infinity", "[object Object]", "\u00a0{}", "{\"topic\": \"é😀\", \"payload\": x}",
  "{\"topic\": \"umh.v1.corpA.plant-A.aawd._raw.press\", \"payload\": {\"value\": 1, \"timestamp_ms\": 17}, x}",
  "😀", "{\"x\":😀}", "[truE]", "{\"a\":[1,2}", "{\"a\":{\"b\" 1}}", "\"\\ud800\"x", "{\"a\":1} x", "{,}", "{]", "[}",
];

/** `count` lines (each without its line break). */
export function generateStream(count, seed = 1) {
  const r = rng(seed);
  const lines = [];
  let ts = 1700000000000;
  for (let i = 0; i < count; i++) {
    ts += r.int(1000);
    const k = r.int(100);
    if (k < 4) { lines.push(r.pick(BAD)); continue; }
    if (k < 5) { lines.push(r.pick(["", "   ", "\t", "\u00a0", "\u2028 "])); continue; }
    const onSource = k < 85;
    const topic = onSource ? r.pick(TOPICS) : r.pick(OTHER);
    const parts = [];
    const topicInMeta = r.chance(0.1);
    if (!topicInMeta) parts.push(`"topic": ${JSON.stringify(topic)}`);
    if (r.chance(0.03)) parts.push(`"payload_raw": ${JSON.stringify(payload(r, ts))}`);
    else if (!r.chance(0.01)) parts.push(`"payload": ${payload(r, ts)}`);
    if (topicInMeta || r.chance(0.4)) parts.push(`"metadata": ${metadata(r, topicInMeta ? topic : (r.chance(0.3) ? topic : undefined))}`);
    if (r.chance(0.02)) parts.push(`"extra": ${value(r)}`);
    if (r.chance(0.01)) parts.push(`"topic": ${JSON.stringify(r.pick(TOPICS))}`);
    let line = `{${parts.join(r.chance(0.5) ? ", " : ",")}}`;
    if (r.chance(0.02)) line += "\r";
    if (r.chance(0.02)) line = "  " + line + " ";
    lines.push(line);
  }
  return lines;
}

const FUZZ_CHARS = ["{", "}", "[", "]", "\"", ",", ":", "\\", " ", "\t", "0", "1", "-", ".", "e", "E", "+", "t", "n", "f", "x",
  "\u00e9", "😀", "\u0001", "u", "/", "\u2028", "\u00a0"];

/** `count` lines of generateStream with one to three random character edits each, some cut short: JSON.parse's every complaint. */
export function generateFuzzedLines(count, seed = 1) {
  const r = rng(seed);
  const base = generateStream(4000, seed + 1).map((l) => l.replace(/\r$/, "")).filter((l) => l.length > 2);
  const out = [];
  for (let i = 0; i < count; i++) {
    let line = r.pick(base);
    const edits = 1 + r.int(3);
    for (let j = 0; j < edits; j++) {
      const at = r.int(line.length + 1);
      const op = r.int(3);
      const ch = r.pick(FUZZ_CHARS);
      if (op === 0) line = line.slice(0, at) + ch + line.slice(at);
      else if (op === 1) line = line.slice(0, at) + line.slice(at + 1);
      else line = line.slice(0, at) + ch + line.slice(at + 1);
    }
    if (r.chance(0.2)) line = line.slice(0, r.int(line.length));
    out.push(line.replace(/[\n\r]/g, ""));
  }
  return out;
}
