// Hostile payloads and the reference that says what the module must make of
// each: JSON.parse over the WHATWG UTF-8 decoding, then docs/behaviour.md §3's rules.

import fc from "fast-check";
import { concat, enc, weighted } from "./common.mjs";

export const DEFAULT_LIMITS = Object.freeze({ payloadBytes: 1 << 20, valueStringUnits: 65536 });
/** Containers nest at most this deep (assembly/json/reader.ts MAX_DEPTH). */
export const MAX_DEPTH = 1024;

const strictDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

function depthOf(v) {
  let max = 0;
  const stack = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop();
    if (x === null || typeof x !== "object") continue;
    if (d > max) max = d;
    for (const k in x) stack.push([x[k], d + 1]);
  }
  return max;
}

/**
 * What the module must report for a payload: `{code}` (an error code name) or
 * `{value, timestamp}`. Checks run in the module's order: size, JSON, value
 * presence, value type, string length, timestamp (docs/ABI.md error codes 1–6).
 */
export function expectedPayload(bytes, limits = DEFAULT_LIMITS) {
  if (bytes.length > limits.payloadBytes) return { code: "payload_too_large" };
  let v;
  try {
    // A leading BOM is no JSON whitespace: the module rejects it, as Go's decoder does.
    v = JSON.parse(strictDecoder.decode(bytes));
  } catch {
    return { code: "invalid_json" };
  }
  if (depthOf(v) > MAX_DEPTH) return { code: "invalid_json" };
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { code: "invalid_json" };
  const value = Object.prototype.hasOwnProperty.call(v, "value") ? v.value : undefined;
  if (value === undefined || value === null) return { code: "missing_value" };
  if (typeof value === "object") return { code: "invalid_value_type" };
  if (typeof value === "string" && value.length > limits.valueStringUnits) return { code: "string_too_long" };
  const t = Object.prototype.hasOwnProperty.call(v, "timestamp_ms") ? v.timestamp_ms : undefined;
  if (typeof t !== "number" || !Number.isInteger(t) || t === 0) return { code: "invalid_timestamp" };
  return { value, timestamp: t };
}

// ---- pieces

const ws = fc.constantFrom("", "", "", " ", "\n", "\t", "\r\n", "  ");
/** Mostly JSON whitespace, sometimes whitespace JSON does not allow. */
const wsHostile = weighted([[60, ws], [1, fc.constantFrom("\f", "\v", "\u00a0", "\u2028", "\ufeff", "\u0000")]]);

const digits = (min, max) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

/** JSON number text, valid or nearly so. */
export const numberText = weighted([
  [12, fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x))],
  [8, fc.integer().map(String)],
  [6, fc.tuple(fc.boolean(), digits(1, 40), fc.option(digits(1, 40)), fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), digits(1, 5))))
    .map(([neg, i, f, e]) => `${neg ? "-" : ""}${i.replace(/^0+(?=\d)/, "")}${f === null ? "" : "." + f}${e === null ? "" : e.join("")}`)],
  [2, digits(300, 900)],                                    // huge mantissas
  [2, fc.constantFrom("1e400", "-1e400", "1e-400", "4.9e-324", "2.4703282292062327e-324", "1.7976931348623157e308",
    "1.7976931348623158e308", "9007199254740993", "123456789012345678901234567890e-10", "0.1e1", "1e21", "-0", "0e0",
    "0.000000000000000000000000000000000000000000001e45")],
  [1, fc.constantFrom("01", "1.", ".5", "+1", "1e", "1e+", "--1", "0x10", "Infinity", "NaN", "-", "1_000", "1.e3",
    "00", "-01", "1ee2", "0.5.5", "١")],                  // not JSON numbers
]);

/** Bytes that are no valid UTF-8. */
const badUtf8 = fc.constantFrom(
  [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf0, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff], [0xfe], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3], [0xe2, 0x28, 0xa1],
).map((a) => Uint8Array.from(a));

const escape = weighted([
  [30, fc.constantFrom('\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000", "\\u001f", "\\u00e9", "\\ud83d\\ude00")],
  [20, fc.integer({ min: 0, max: 0xffff }).map((u) => "\\u" + u.toString(16).padStart(4, "0"))],          // lone surrogates too
  [2, fc.constantFrom("\\x41", "\\u12", "\\U0041", "\\a", "\\0", "\\'", "\\u{41}", "\\")],                  // not JSON escapes
]);

/** Pieces of the inside of a JSON string: text, escapes, raw bad bytes, raw control characters. */
const stringPiece = weighted([
  [60, fc.string({ maxLength: 12 }).map((s) => s.replace(/["\\\u0000-\u001f]/g, ""))],
  [30, fc.string({ unit: "grapheme", maxLength: 6 }).map((s) => s.replace(/["\\\u0000-\u001f]/g, ""))],
  [30, escape],
  [16, badUtf8],
  [1, fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c))],                               // raw control: invalid
  [1, fc.constant(Uint8Array.of(0))],                                                                     // raw NUL: invalid
]);

export const stringBytes = fc.array(stringPiece, { maxLength: 8 }).map((pieces) => concat(['"', ...pieces, '"']));

/** Any JSON value as text (valid), from fast-check's generator, strings with every code point. */
const jsonValueText = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));

const valueBytes = weighted([
  [5, numberText],
  [5, stringBytes],
  [2, fc.constantFrom("true", "false", "null", "tru", "nul", "falsey", "True", "NULL")],
  [2, jsonValueText],
  [1, fc.constantFrom("[]", "{}", "[1]", '{"a":1}', "[", "{", "]", "}", '"', "")],
]);

const timestampBytes = weighted([
  [8, fc.integer({ min: -1e15, max: 1e15 }).map(String)],
  [2, fc.constantFrom("0", "-0", "0.0", "1.5", "1e3", "1E21", "1e400", "-1e400", "9007199254740993", "1.0", "-1", "5e-1",
    '"1700000000000"', "null", "true", "[]", "{}", '"x"', "1e-7", "123456789012345678901234567890")],
  [1, numberText],
]);

const keyVariants = {
  value: fc.constantFrom('"value"', '"value"', '"value"', '"value"', '"value"', '"value"', '"\\u0076alue"', '"valu\\u0065"', '"VALUE"', '"Value"', '"value "',
    '" value"', '"valuee"', '"valu"', '"value\\u0000"'),
  timestamp: fc.constantFrom('"timestamp_ms"', '"timestamp_ms"', '"timestamp_ms"', '"timestamp_ms"', '"timestamp_ms"', '"timestamp_ms"', '"\\u0074imestamp_ms"', '"timestamp_MS"',
    '"timestamp"', '"timestamp_ms "', '"timestampms"'),
};

const member = (key, value) => fc.tuple(ws, key, wsHostile, ws, value).map(([a, k, b, c, v]) => [a, k, b, ":", c, v]);

/** An object built from members: value, timestamp, extras, duplicates, in any order. */
export const objectBytes = fc.tuple(
  fc.option(member(keyVariants.value, valueBytes), { freq: 12 }),
  fc.option(member(keyVariants.timestamp, timestampBytes), { freq: 12 }),
  fc.array(member(stringBytes, valueBytes), { maxLength: 2 }),
  fc.array(fc.oneof(member(keyVariants.value, valueBytes), member(keyVariants.timestamp, timestampBytes)), { maxLength: 2 }),
  fc.nat(),
  ws, ws,
  weighted([[30, fc.constant(",")], [1, fc.constantFrom(",,", ";", "")]]),
  weighted([[30, fc.constant(null)], [1, fc.constantFrom(",", "x", "}", "]", " ", "\n", "\u0000")]]),
).map(([v, t, extra, dups, order, before, after, sep, trailing]) => {
  const members = [...extra];
  if (v) members.push(v);
  if (t) members.push(t);
  // A deterministic shuffle from `order`, then duplicates (which win, coming last).
  for (let i = members.length - 1; i > 0; i--) {
    const j = (order + i * 7919) % (i + 1);
    [members[i], members[j]] = [members[j], members[i]];
  }
  members.push(...dups);
  const parts = [before, "{"];
  members.forEach((m, i) => { if (i > 0) parts.push(sep); parts.push(...m); });
  parts.push("}", after);
  if (trailing !== null) parts.push(trailing);
  return concat(parts);
});

/** A valid payload. */
export const validPayload = fc.tuple(
  fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ unit: "binary", maxLength: 20 }), fc.boolean()),
  fc.integer({ min: 1, max: 2 ** 50 }),
).map(([value, t]) => enc.encode(JSON.stringify({ value, timestamp_ms: t })));

/** Mutations of a valid payload: flips, deletions, insertions, repeats, truncation. */
export const mutatedPayload = fc.tuple(validPayload, fc.array(fc.tuple(fc.nat(6), fc.nat(), fc.nat(255), fc.nat(8)), { minLength: 1, maxLength: 4 }))
  .map(([bytes, edits]) => {
    let b = Array.from(bytes);
    for (const [kind, at, byte, n] of edits) {
      const i = b.length === 0 ? 0 : at % b.length;
      if (kind === 0) b[i] = byte;                                  // overwrite
      else if (kind === 1) b.splice(i, 1 + (n % 4));               // delete
      else if (kind === 2) b.splice(i, 0, byte);                   // insert
      else if (kind === 3) b = b.slice(0, i);                       // truncate
      else if (kind === 4) b.splice(i, 0, ...b.slice(i, i + n));   // repeat a range
      else if (kind === 5) b[i] = b[i] ^ (1 << (n % 8));            // bit flip
      else b.splice(i, 0, ...'{"value":'.split("").map((c) => c.charCodeAt(0))); // stutter a prefix
    }
    return Uint8Array.from(b);
  });

/** Deep nesting around the allowed depth, and far beyond it (unclosed). */
export const deepPayload = fc.tuple(fc.integer({ min: MAX_DEPTH - 4, max: MAX_DEPTH + 4 }), fc.boolean(), fc.boolean(), fc.constantFrom(0, 1, 2))
  .map(([depth, arrays, inValue, shape]) => {
    const open = arrays ? "[" : '{"k":';
    const close = arrays ? "]" : "}";
    if (shape === 2) return enc.encode('{"value":1,"timestamp_ms":5,"x":' + "[".repeat(100_000));
    // In `value` the object itself counts one level; in an extra key too.
    const inner = open.repeat(depth - 1) + "1" + close.repeat(depth - 1);
    const body = inValue ? `{"value":${inner},"timestamp_ms":5}` : `{"value":1,"timestamp_ms":5,"x":${inner}}`;
    return enc.encode(shape === 1 ? inner : body);
  });

/** Strings at the value-length limit, and numbers and keys far longer than usual. */
export const hugePayload = fc.tuple(fc.constantFrom(-2, -1, 0, 1, 2, 4000), fc.constantFrom("x", "é", "😀", "\\u0000", "\\ud800"), fc.constantFrom(0, 1, 2))
  .map(([delta, unit, shape]) => {
    const units = DEFAULT_LIMITS.valueStringUnits + delta;
    const perUnit = unit === "😀" ? 2 : 1;
    const text = unit.repeat(Math.floor(units / perUnit));
    if (shape === 0) return enc.encode(`{"value":"${text}","timestamp_ms":7}`);
    if (shape === 1) return enc.encode(`{"${text}":1,"value":2,"timestamp_ms":7}`);
    return enc.encode(`{"value":${"9".repeat(units)},"timestamp_ms":7}`);
  });

/** Bodies around the 1 MiB payload limit. */
export const bigPayload = fc.constantFrom(-1, 0, 1, 1000).map((delta) => {
  const head = '{"value":1,"timestamp_ms":5,"pad":"';
  const tail = '"}';
  return enc.encode(head + "a".repeat(DEFAULT_LIMITS.payloadBytes + delta - head.length - tail.length) + tail);
});

/** Anything: the full mix of hostile payloads, weighted towards the cheap ones. */
export const hostilePayload = weighted([
  [900, objectBytes],
  [300, mutatedPayload],
  [160, fc.uint8Array({ maxLength: 64 })],
  [120, fc.array(fc.constantFrom(..."{}[]\":,0123456789eE.+- tfnrul\\\u0000\u00ff"), { maxLength: 40 }).map((a) => enc.encode(a.join("")))],
  [100, valueBytes],
  [80, validPayload],
  [40, fc.constantFrom(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d), enc.encode(""), enc.encode(" "), Uint8Array.of(0), enc.encode("null"))],
  [20, deepPayload],
  [20, hugePayload],
  [1, bigPayload],
]).map((b) => (typeof b === "string" ? enc.encode(b) : b));
