// A raw client of docs/ABI.md in plain JS for the fuzz families: topics as
// arbitrary bytes, calls in any order, hand-made frames. It never goes through
// host/, so a host bug cannot hide a module bug (and vice versa).

import { enc, dec } from "./common.mjs";

export function instantiate(module) {
  return new WebAssembly.Instance(module, {}).exports;
}

/** Copy `bytes` into a fresh input area; returns their length (throws if refused). */
export function writeInput(x, bytes) {
  const ptr = x.input_area(bytes.length);
  if (ptr === 0) throw new Error(`input_area(${bytes.length}) refused`);
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
  return bytes.length;
}

export function configure(x, config, seed = 1) {
  return x.configure(writeInput(x, enc.encode(typeof config === "string" ? config : JSON.stringify(config))), seed);
}

/** A batch: inputs of {topic, payload} as strings or bytes, `index` defaulting to the position. */
export function frame(inputs, nowMs = 0) {
  const parts = inputs.map((m, i) => ({
    index: m.index ?? i,
    topic: typeof m.topic === "string" ? enc.encode(m.topic) : m.topic,
    payload: typeof m.payload === "string" ? enc.encode(m.payload) : m.payload,
  }));
  let size = 16;
  for (const p of parts) size += (12 + p.topic.length + p.payload.length + 3) & ~3;
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  dv.setFloat64(0, nowMs, true);
  dv.setUint32(8, parts.length, true);
  let o = 16;
  for (const p of parts) {
    dv.setUint32(o, p.index, true);
    dv.setUint32(o + 4, p.topic.length, true);
    dv.setUint32(o + 8, p.payload.length, true);
    buf.set(p.topic, o + 12);
    buf.set(p.payload, o + 12 + p.topic.length);
    o += (12 + p.topic.length + p.payload.length + 3) & ~3;
  }
  return buf;
}

export function readOutputs(x, count) {
  const dv = new DataView(x.memory.buffer);
  const out = [];
  let o = x.output_ptr();
  for (let i = 0; i < count; i++) {
    const len = dv.getUint32(o + 8, true);
    out.push({ index: dv.getUint32(o, true), mapping: dv.getUint32(o + 4, true), payload: dec.decode(new Uint8Array(x.memory.buffer, o + 12, len)) });
    o += (12 + len + 3) & ~3;
  }
  return out;
}

export function readErrors(x) {
  const dv = new DataView(x.memory.buffer);
  const out = [];
  let o = x.error_ptr();
  const n = x.error_count();
  for (let i = 0; i < n; i++) {
    const pathLen = dv.getUint32(o + 20, true);
    const msgLen = dv.getUint32(o + 24, true);
    out.push({
      index: dv.getInt32(o, true), mapping: dv.getInt32(o + 4, true), code: dv.getUint32(o + 8, true),
      start: dv.getInt32(o + 12, true), end: dv.getInt32(o + 16, true),
      path: dec.decode(new Uint8Array(x.memory.buffer, o + 28, pathLen)),
      message: dec.decode(new Uint8Array(x.memory.buffer, o + 28 + pathLen, msgLen)),
    });
    o += (28 + pathLen + msgLen + 3) & ~3;
  }
  return out;
}

/** Frame, process and read back; throws on a negative status. */
export function processBatch(x, inputs, nowMs = 0) {
  const n = x.process(writeInput(x, frame(inputs, nowMs)));
  if (n < 0) throw new Error(`process returned ${n}`);
  return { outputs: readOutputs(x, n), errors: readErrors(x) };
}

export function metrics(x) {
  const dv = new DataView(x.memory.buffer);
  const p = x.metrics_ptr();
  return Array.from({ length: 8 }, (_, i) => Number(dv.getBigUint64(p + i * 8, true)));
}

export function exportState(x) {
  const n = x.state_export();
  if (n < 0) throw new Error(`state_export returned ${n}`);
  return new Uint8Array(x.memory.buffer, x.output_ptr(), n).slice();
}

export function importState(x, bytes) {
  return x.state_import(writeInput(x, bytes));
}

const M64 = (1n << 64n) - 1n;
/**
 * topics.ts hashBytes, mirrored (16-byte LE blocks in two lanes with the splitmix64
 * constants, the last block ending at the end; below 16 bytes the first and last
 * word, below 8 the bytes as one word). tests/fuzz/topic_hash.test.ts checks the
 * mirror against the module's own function, so a changed hash is noticed.
 */
export function topicHash(bytes) {
  const K1 = 0xbf58476d1ce4e5b9n, K2 = 0x94d049bb133111ebn;
  const len = bytes.length;
  let a = 0x9e3779b97f4a7c15n ^ BigInt(len);
  let b = 0xc2b2ae3d27d4eb4fn;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, len);
  const word = (i) => dv.getBigUint64(i, true);
  if (len >= 16) {
    const last = len - 16;
    for (let i = 0; i < last; i += 16) {
      a = ((a ^ word(i)) * K1) & M64;
      b = ((b ^ word(i + 8)) * K2) & M64;
    }
    a = ((a ^ word(last)) * K1) & M64;
    b = ((b ^ word(last + 8)) * K2) & M64;
  } else if (len >= 8) {
    a = ((a ^ word(0)) * K1) & M64;
    b = ((b ^ word(len - 8)) * K2) & M64;
  } else {
    let t = 0n;
    for (let i = 0; i < len; i++) t |= BigInt(bytes[i]) << BigInt(8 * i);
    b = ((b ^ t) * K2) & M64;
  }
  let h = a ^ (((b >> 29n) | (b << 35n)) & M64);
  h ^= h >> 31n;
  h = (h * K1) & M64;
  h ^= h >> 29n;
  h = (h * K2) & M64;
  h ^= h >> 32n;
  return Number(h & 0xffffffffn);
}

/** `pairs` pairs of distinct topics `${prefix}<n>` with equal 32-bit topic hashes (birthday search). */
export function collidingTopics(prefix, pairs) {
  const seen = new Map();
  const found = [];
  for (let n = 0; found.length < pairs; n++) {
    const t = `${prefix}${n.toString(36)}`;
    const h = topicHash(enc.encode(t));
    const other = seen.get(h);
    if (other !== undefined) found.push([other, t]);
    else seen.set(h, t);
  }
  return found;
}
