// Batch framing for the raw in-module drivers (docs/ABI.md "Batch"), written
// from the document: the drivers must not share code with host/ so that the
// host's own framing cost is not hidden from the in-module numbers.

const enc = new TextEncoder();
const pad4 = (n) => (n + 3) & ~3;

/** Frame messages[from, from+count) as one batch; returns the bytes. */
export function frameBatch(messages, from, count, nowMs = 0) {
  const topics = new Array(count);
  let size = 16;
  for (let i = 0; i < count; i++) {
    const m = messages[from + i];
    topics[i] = enc.encode(m.metadata?.umh_topic ?? m.topic ?? "");
    size += 12 + pad4(topics[i].length + m.payload.length);
  }
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setFloat64(0, nowMs, true);
  dv.setUint32(8, count, true);
  let p = 16;
  for (let i = 0; i < count; i++) {
    const t = topics[i];
    const payload = messages[from + i].payload;
    dv.setUint32(p, i, true);
    dv.setUint32(p + 4, t.length, true);
    dv.setUint32(p + 8, payload.length, true);
    out.set(t, p + 12);
    out.set(payload, p + 12 + t.length);
    p += 12 + pad4(t.length + payload.length);
  }
  return out;
}

/** Frame a whole stream as consecutive batches of `batch` messages. */
export function frameStream(messages, batch, nowMs = 0) {
  const frames = [];
  for (let i = 0; i < messages.length; i += batch) {
    frames.push(frameBatch(messages, i, Math.min(batch, messages.length - i), nowMs));
  }
  return frames;
}
