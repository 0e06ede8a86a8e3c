#!/usr/bin/env node
// Number parsing of payloads against JSON.parse: --count decimal texts from
// every family of tests/diff/numbers.mjs (17+ significant digits, exponents
// near the limits, subnormals, -0, integers beyond 2^53, exact halfway points,
// long zero runs). Each text is read by the module's payload reader
// (build/test/json.wasm, compared with Object.is) and also sent through the
// real host (dist/), whose output payload must equal
// JSON.stringify({value: JSON.parse(text), timestamp_ms}).
//   node scripts/numbers-in.mjs --count 1000000 [--seed 1]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { StreamProcessor } from "../dist/host/index.js";
import { rng, decimalAt } from "../tests/diff/numbers.mjs";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "1000000" }, seed: { type: "string", default: "1" } } });
const COUNT = Number(args.count);
const wasm = readFileSync(new URL("../build/test/json.wasm", import.meta.url));
const j = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;
const BUF = 1 << 16;
const buf = j.alloc(BUF);
const enc = new TextEncoder();

const p = await StreamProcessor.create({ model: { name: "n", version: "1" }, output_topic: "o", sources: { x: "t" }, mapping: { v: "x" } }, { seed: 1 });
const r = rng(Number(args.seed));
const failures = [];
const fail = (m) => { if (failures.length < 20) failures.push(m); };
const T = 1717171717171;
let viaReader = 0, viaHost = 0;
const t0 = performance.now();
const BATCH = 5000;
for (let start = 0; start < COUNT; start += BATCH) {
  const texts = [];
  for (let i = start; i < Math.min(COUNT, start + BATCH); i++) texts.push(decimalAt(r, i));
  const payloads = texts.map((t) => `{"value":${t},"timestamp_ms":${T}}`);
  payloads.forEach((payload, k) => {
    const bytes = enc.encode(payload);
    if (bytes.length > BUF) return;
    new Uint8Array(j.memory.buffer, buf, bytes.length).set(bytes);
    const code = j.payload(buf, bytes.length);
    const want = JSON.parse(texts[k]);
    viaReader++;
    if (code !== 0 || j.valueTag() !== 3 || !Object.is(j.valueNum(), want)) fail(`${texts[k]}: reader ${code !== 0 ? `error ${code}` : j.valueNum()}, JSON.parse ${want}`);
  });
  // The real pipeline: payload in, number out (non-finite values are error records in both).
  const res = p.process(payloads.map((payload) => ({ topic: "t", payload })));
  const outputs = res.outputs.map((o) => new TextDecoder().decode(o.payload));
  let at = 0;
  texts.forEach((t) => {
    const v = JSON.parse(t);
    viaHost++;
    if (!Number.isFinite(v)) return; // 1e400 is Infinity: an error record, checked by count below
    const want = JSON.stringify({ value: v, timestamp_ms: T });
    if (outputs[at] !== want) fail(`${t}: host ${outputs[at]}, V8 ${want}`);
    at++;
  });
  if (at !== outputs.length) fail(`batch at ${start}: ${outputs.length} outputs for ${at} finite values`);
}
p.close();
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`${viaReader} texts through the payload reader and ${viaHost} through the host, compared with JSON.parse in ${secs} s; ${failures.length} differ`);
for (const f of failures) console.log("  " + f);
process.exit(failures.length === 0 ? 0 : 1);
