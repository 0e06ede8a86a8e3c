// Peer (c): a hand-optimised V8 implementation. A byte scanner reads the payload
// without JSON.parse (numbers by the exact Clinger fast path, anything unusual
// falls back to JSON.parse), expressions are compiled once with `new Function`,
// outputs are written as bytes into one scratch buffer per batch (constant
// values pre-rendered, the timestamp tail rendered once per input), copied out
// once into a pooled chunk and handed out as views of it. The JS-side output
// tricks are the same as the host's (metadata copy, pooled payload views), so the
// comparison measures parsing, evaluation and serialisation.

import { compilePlan, compileFunction, callWithDeps, outputMetadata, resultProblem } from "./peer-common.mjs";

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const Q = 0x22, BS = 0x5c, COLON = 0x3a, COMMA = 0x2c, LB = 0x7b, RB = 0x7d;
const K_VALUE = [0x76, 0x61, 0x6c, 0x75, 0x65];
const K_TS = [...Buffer.from("timestamp_ms")];

// Scanner results (module-level: no allocation per message).
let pos = 0;
let num = 0;
let str = "";

function isWs(c) { return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; }
function skipWs(b, p) { while (p < b.length && isWs(b[p])) p++; return p; }

/** A JSON number at p; sets num and pos. False if it is not a plain JSON number. */
function scanNumber(b, p) {
  const start = p;
  let neg = false;
  if (b[p] === 0x2d) { neg = true; p++; }
  let m = 0, digits = 0, exp = 0, c = b[p];
  if (c === 0x30) { p++; c = b[p]; if (c >= 0x30 && c <= 0x39) return false; }
  else if (c >= 0x31 && c <= 0x39) { while (c >= 0x30 && c <= 0x39) { m = m * 10 + (c - 0x30); digits++; c = b[++p]; } }
  else return false;
  if (c === 0x2e) {
    c = b[++p];
    if (!(c >= 0x30 && c <= 0x39)) return false;
    while (c >= 0x30 && c <= 0x39) { m = m * 10 + (c - 0x30); digits++; exp--; c = b[++p]; }
  }
  let slow = false;
  if (c === 0x65 || c === 0x45) {
    c = b[++p];
    let eneg = false;
    if (c === 0x2b || c === 0x2d) { eneg = c === 0x2d; c = b[++p]; }
    if (!(c >= 0x30 && c <= 0x39)) return false;
    let e = 0;
    while (c >= 0x30 && c <= 0x39) { if (e < 100000) e = e * 10 + (c - 0x30); c = b[++p]; }
    exp += eneg ? -e : e;
  }
  if (digits > 15 || exp < -22 || exp > 22) slow = true;
  if (slow) num = Number(b.latin1Slice(start, p));
  else num = exp < 0 ? m / POW10[-exp] : m * POW10[exp];
  if (neg && !slow) num = -num;
  pos = p;
  return true;
}

/** A JSON string at p (the opening quote); sets str and pos. False on anything unusual. */
function scanString(b, p) {
  const start = ++p;
  while (p < b.length) {
    const c = b[p];
    if (c === Q) { str = b.utf8Slice(start, p); pos = p + 1; return true; }
    if (c === BS || c < 0x20) return false;
    p++;
  }
  return false;
}

function keyIs(b, p, end, key) {
  if (end - p !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (b[p + i] !== key[i]) return false;
  return true;
}

// Value kinds of the fast scan.
const EMPTY = Buffer.alloc(0);
let value;
let ts;

/** Fast scan of {"value":…,"timestamp_ms":…}; false means "use the slow path". */
function scanPayload(b) {
  value = undefined; ts = undefined;
  let p = skipWs(b, 0);
  if (b[p] !== LB) return false;
  p = skipWs(b, p + 1);
  if (b[p] === RB) { pos = p + 1; return skipWs(b, pos) === b.length; }
  for (;;) {
    if (b[p] !== Q) return false;
    const ks = p + 1;
    let ke = ks;
    while (ke < b.length && b[ke] !== Q) { if (b[ke] === BS) return false; ke++; }
    p = skipWs(b, ke + 1);
    if (b[p] !== COLON) return false;
    p = skipWs(b, p + 1);
    const isValue = keyIs(b, ks, ke, K_VALUE);
    const isTs = !isValue && keyIs(b, ks, ke, K_TS);
    const c = b[p];
    let v;
    if (c === Q) { if (!scanString(b, p)) return false; v = str; p = pos; }
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) { if (!scanNumber(b, p)) return false; v = num; p = pos; }
    else if (c === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) { v = true; p += 4; }
    else if (c === 0x66 && b[p + 1] === 0x61 && b[p + 2] === 0x6c && b[p + 3] === 0x73 && b[p + 4] === 0x65) { v = false; p += 5; }
    else return false; // null, objects, arrays, junk: the slow path decides
    if (isValue) value = v; else if (isTs) ts = v;
    p = skipWs(b, p);
    if (b[p] === COMMA) { p = skipWs(b, p + 1); continue; }
    if (b[p] === RB) { p++; break; }
    return false;
  }
  return skipWs(b, p) === b.length;
}

/** The slow path: JSON.parse and the same checks as the plain peer. Returns an error or null. */
function slowPayload(b) {
  let obj;
  try { obj = JSON.parse(b.toString()); } catch (e) { return ["invalid_json", `invalid JSON payload: ${e.message}`]; }
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return ["invalid_json", "invalid JSON payload: not an object"];
  value = obj.value; ts = obj.timestamp_ms;
  return null;
}

const POOL_BYTES = 64 * 1024;
const TS_HEAD = [...Buffer.from(',"timestamp_ms":')];
const VALUE_HEAD = [...Buffer.from('{"value":')];

/** Write the ASCII string `s` at out[o]; returns the new offset (the caller reserved room). */
function ascii(out, o, s) {
  for (let i = 0; i < s.length; i++) out[o++] = s.charCodeAt(i);
  return o;
}

/** Decimal digits of a safe integer at out[o]; returns the new offset. */
function writeInteger(out, o, n) {
  if (n < 0) { out[o++] = 0x2d; n = -n; }
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  let q = o + digits;
  do { const d = n % 10; out[--q] = 0x30 + d; n = (n - d) / 10; } while (n !== 0);
  return o + digits;
}

const encoder = new TextEncoder();

/** UTF-8 of `s` at out[o] (ASCII by a loop, anything else by TextEncoder); returns the new offset. */
function utf8(out, o, s) {
  const start = o;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return start + encoder.encodeInto(s, out.subarray(start)).written;
    out[o++] = c;
  }
  return o;
}

function grow(out, used, need) {
  const next = new Uint8Array(Math.max(out.length * 2, used + need));
  next.set(out.subarray(0, used));
  return next;
}

export function create(config) {
  const plan = compilePlan(config);
  const fns = plan.mappings.map(compileFunction);
  // Constant mappings: `{"value":<v>` pre-rendered once.
  const constHead = plan.mappings.map((m, i) => (m.static && !m.volatile ? new Uint8Array(Buffer.from(`{"value":${JSON.stringify(fns[i]())}`)) : null));
  const state = new Array(plan.aliases.length).fill(undefined);
  let scratch = new Uint8Array(1 << 16);
  let pool = new Uint8Array(0);
  let poolUsed = 0;
  const tail = new Uint8Array(64);
  for (let k = 0; k < TS_HEAD.length; k++) tail[k] = TS_HEAD[k];

  function process(inputs) {
    const outputs = [];
    const errors = [];
    const starts = [];
    let dropped = 0;
    let out = scratch;
    let o = 0;
    for (let i = 0; i < inputs.length; i++) {
      const msg = inputs[i];
      const topic = msg.metadata?.umh_topic;
      const alias = topic === undefined ? undefined : plan.topicAlias.get(topic);
      if (alias === undefined) { dropped++; continue; }
      const b = msg.payload;
      if (!scanPayload(b)) {
        const e = slowPayload(b);
        if (e !== null) { errors.push({ index: i, code: e[0], message: e[1] }); continue; }
      }
      if (value === undefined || value === null) { errors.push({ index: i, code: "missing_value", message: "missing value field" }); continue; }
      if (typeof value === "object") { errors.push({ index: i, code: "invalid_value_type", message: "value must be a number, string or boolean" }); continue; }
      if (typeof ts !== "number" || !Number.isInteger(ts) || ts === 0) { errors.push({ index: i, code: "invalid_timestamp", message: "missing or invalid timestamp_ms" }); continue; }
      state[alias] = value;
      // `,"timestamp_ms":<T>}` once per input.
      let tailLen = Number.isSafeInteger(ts) ? writeInteger(tail, TS_HEAD.length, ts) : ascii(tail, TS_HEAD.length, String(ts));
      tail[tailLen++] = RB;
      let firstTail = -1; // where this input's tail was first written: later outputs copy it with copyWithin
      const trig = plan.triggers[alias];
      for (let t = 0; t < trig.length; t++) {
        const mi = trig[t];
        const m = plan.mappings[mi];
        const deps = m.deps;
        let ready = true;
        for (let d = 0; d < deps.length; d++) if (state[deps[d]] === undefined) { ready = false; break; }
        if (!ready) continue;
        const start = o;
        const ch = constHead[mi];
        if (ch !== null) {
          if (o + ch.length + tailLen > out.length) out = scratch = grow(out, o, ch.length + tailLen);
          out.set(ch, o); o += ch.length;
        } else {
          let v;
          try { v = callWithDeps(fns[mi], deps, state); } catch (e) { errors.push({ index: i, mapping: m.path, code: "type_error", message: e.message }); continue; }
          const problem = resultProblem(v);
          if (problem !== null) { errors.push({ index: i, mapping: m.path, code: "non_finite_result", message: problem }); continue; }
          const text = typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "true" : "false") : JSON.stringify(v);
          const need = 9 + text.length * 3 + tailLen;
          if (o + need > out.length) out = scratch = grow(out, o, need);
          for (let k = 0; k < 9; k++) out[o++] = VALUE_HEAD[k];
          o = typeof v === "string" ? utf8(out, o, text) : ascii(out, o, text);
        }
        if (firstTail < 0) { firstTail = o; for (let k = 0; k < tailLen; k++) out[o++] = tail[k]; }
        else { out.copyWithin(o, firstTail, firstTail + tailLen); o += tailLen; }
        starts.push(start);
        outputs.push({ topic: m.topic, payload: EMPTY, metadata: outputMetadata(msg.metadata, m.topic) });
      }
    }
    // One copy out of the scratch buffer into a pooled chunk (as the host does);
    // payloads are views of it.
    if (poolUsed + o > pool.length) { pool = new Uint8Array(o > POOL_BYTES / 4 ? o : POOL_BYTES); poolUsed = 0; }
    pool.set(out.subarray(0, o), poolUsed);
    const buffer = pool.buffer;
    for (let k = 0; k < outputs.length; k++) {
      const end = k + 1 < outputs.length ? starts[k + 1] : o;
      outputs[k].payload = new Uint8Array(buffer, poolUsed + starts[k], end - starts[k]);
    }
    poolUsed = (poolUsed + o + 7) & ~7;
    return { outputs, errors, dropped };
  }
  return { name: "scanner-v8", process, memory: () => 0 };
}
