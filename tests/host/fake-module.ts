// A JavaScript stand-in for build/stream_processor.wasm that implements the byte
// layouts of docs/ABI.md independently of host/module.ts, so framing and record
// decoding are tested against the document rather than against themselves.
//
// Behaviour (deliberately simple): config {sources: {alias: topic}, mapping: {path: expr}}
// (flat); `{"fail": [...]}` makes configure fail with those diagnostics. A message
// on a source topic emits, per mapping, the payload text echoed as
// {"value":<payload text as JSON string>,"timestamp_ms":<input index>}; payload "bad"
// gives a message error (code 4), payload "nan" an error on mapping 0 (code 10).
// Every input_area call moves the area and grows memory, to exercise view refresh.

import type { RawExports } from "../../host/module.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

export interface FakeModule extends RawExports {
  /** Number of input_area calls so far. */
  areaCalls: number;
  /** The batches process() saw: input records as decoded by the fake. */
  batches: { nowMs: number; records: { index: number; topic: string; payload: string }[] }[];
}

export function fakeModule(): FakeModule {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384 });
  let top = 1024;
  let area = 0;
  let areaSize = 0;
  let out = 0, outLen = 0;
  let err = 0, errLen = 0, errCount = 0;
  const metrics = 64;
  let config: { sources: Record<string, string>; mapping: Record<string, string>; model: { name: string; version: string }; output_topic: string } | null = null;
  const state = new Map<string, string>();

  const dv = () => new DataView(memory.buffer);
  const u8 = () => new Uint8Array(memory.buffer);
  function alloc(bytes: number): number {
    const p = (top + 7) & ~7;
    top = p + bytes;
    const need = Math.ceil(top / 65536);
    const have = memory.buffer.byteLength / 65536;
    if (need > have) memory.grow(need - have);
    return p;
  }
  function writer(size: number) {
    const start = alloc(size);
    let p = start;
    return {
      start,
      u32(v: number) { dv().setUint32(p, v >>> 0, true); p += 4; },
      bytes(b: Uint8Array) { u8().set(b, p); p += b.length; },
      pad() { while (p & 3) u8()[p++] = 0; },
      get length() { return p - start; },
    };
  }
  function errors(list: { input: number; mapping: number; code: number; span?: [number, number]; path?: string; message: string }[]) {
    const w = writer(64 + list.reduce((n, e) => n + 40 + 3 * ((e.path ?? "").length + e.message.length), 0));
    for (const e of list) {
      const path = enc.encode(e.path ?? "");
      const msg = enc.encode(e.message);
      w.u32(e.input); w.u32(e.mapping); w.u32(e.code);
      w.u32(e.span ? e.span[0] : -1); w.u32(e.span ? e.span[1] : -1);
      w.u32(path.length); w.u32(msg.length); w.bytes(path); w.bytes(msg); w.pad();
    }
    err = w.start; errLen = w.length; errCount = list.length;
  }
  function bump(i: number, by = 1) {
    const d = dv();
    d.setBigUint64(metrics + i * 8, d.getBigUint64(metrics + i * 8, true) + BigInt(by), true);
  }
  const paths = () => Object.keys(config!.mapping);
  const topicOf = (p: string) => `${config!.output_topic}._${config!.model.name}_${config!.model.version}.${p}`;

  const fake: FakeModule = {
    memory,
    areaCalls: 0,
    batches: [],
    abi_version: () => 2,
    set_limit: (id, value) => (config || id < 0 || id > 7 || value === 0 ? -1 : 0),
    input_area(bytes) {
      fake.areaCalls++;
      if (bytes > 1 << 26) return 0;
      area = alloc(bytes + 65536); // move and grow every time
      areaSize = bytes;
      return area;
    },
    configure(len, _seed) {
      if (config) return -2;
      const c = JSON.parse(dec.decode(u8().slice(area, area + len)));
      if (c.fail) {
        errors(c.fail.map((f: any) => ({ input: -1, mapping: f.mapping ?? -1, code: f.code, span: f.span, path: f.path, message: f.message })));
        return -1;
      }
      errors([]);
      config = c;
      dv().setBigUint64(metrics + 6 * 8, BigInt(paths().length), true);
      return 0;
    },
    describe() {
      if (!config) return -1;
      const aliases = Object.keys(config.sources);
      const w = writer(4096);
      w.u32(aliases.length); w.u32(paths().length);
      for (const a of aliases) {
        const n = enc.encode(a), t = enc.encode(config.sources[a]);
        w.u32(n.length); w.u32(t.length); w.bytes(n); w.bytes(t); w.pad();
      }
      paths().forEach((p) => {
        const expr = config!.mapping[p];
        const deps = aliases.map((a, i) => (expr.includes(a) ? i : -1)).filter((i) => i >= 0);
        const kind = deps.length > 0 ? 2 : expr.includes("Date.now") ? 1 : 0;
        const t = enc.encode(topicOf(p)), pa = enc.encode(p), e = enc.encode(expr);
        w.u32(kind); w.u32(deps.length); w.u32(t.length); w.u32(pa.length); w.u32(e.length);
        deps.forEach((d) => w.u32(d));
        w.bytes(t); w.bytes(pa); w.bytes(e); w.pad();
      });
      out = w.start; outLen = w.length;
      return outLen;
    },
    process(len) {
      if (!config) return -1;
      if (len < 16 || len > areaSize) return -2;
      const d = dv();
      const nowMs = d.getFloat64(area, true);
      const count = d.getUint32(area + 8, true);
      const records: { index: number; topic: string; payload: string }[] = [];
      let p = area + 16;
      for (let i = 0; i < count; i++) {
        const index = d.getUint32(p, true), tl = d.getUint32(p + 4, true), pl = d.getUint32(p + 8, true);
        const topic = dec.decode(u8().slice(p + 12, p + 12 + tl));
        const payload = dec.decode(u8().slice(p + 12 + tl, p + 12 + tl + pl));
        records.push({ index, topic, payload });
        p = (p + 12 + tl + pl + 3) & ~3;
      }
      if (p - area !== len) throw new Error(`fake: batch length ${len} but records end at ${p - area}`);
      fake.batches.push({ nowMs, records });
      const outs: Uint8Array[] = [];
      const errs: Parameters<typeof errors>[0] = [];
      for (const r of records) {
        const known = Object.values(config.sources).includes(r.topic);
        if (!known) { bump(1); continue; }
        if (r.payload === "bad") { bump(2); errs.push({ input: r.index, mapping: -1, code: 4, message: "missing or invalid timestamp_ms" }); continue; }
        bump(0);
        state.set(r.topic, r.payload);
        paths().forEach((_, m) => {
          if (r.payload === "nan" && m === 0) { bump(5); errs.push({ input: r.index, mapping: 0, code: 10, message: "result is NaN" }); return; }
          const body = enc.encode(`{"value":${JSON.stringify(r.payload)},"timestamp_ms":${r.index}}`);
          const rec = new Uint8Array((12 + body.length + 3) & ~3);
          const rd = new DataView(rec.buffer);
          rd.setUint32(0, r.index, true); rd.setUint32(4, m, true); rd.setUint32(8, body.length, true);
          rec.set(body, 12);
          outs.push(rec);
          bump(4);
        });
      }
      const w = writer(outs.reduce((n, r) => n + r.length, 0) + 8);
      outs.forEach((r) => w.bytes(r));
      out = w.start; outLen = w.length;
      errors(errs);
      return outs.length;
    },
    output_ptr: () => out,
    output_len: () => outLen,
    error_ptr: () => err,
    error_len: () => errLen,
    error_count: () => errCount,
    metrics_ptr: () => metrics,
    state_export() {
      if (!config) return -1;
      const body = enc.encode("SPST" + JSON.stringify([...state]));
      const w = writer(body.length + 8);
      w.bytes(body);
      out = w.start; outLen = w.length;
      return outLen;
    },
    state_import(len) {
      if (!config) return -2;
      const text = dec.decode(u8().slice(area, area + len));
      if (!text.startsWith("SPST")) {
        errors([{ input: -1, mapping: -1, code: 80, message: "not a state snapshot (bad magic)" }]);
        return -1;
      }
      state.clear();
      for (const [k, v] of JSON.parse(text.slice(4))) state.set(k, v);
      errors([]);
      return 0;
    },
    explain: () => (config ? 0 : -1),
    trace_ptr: () => 0,
    trace_len: () => 0,
    heap_top: () => top,
  };
  return fake;
}
