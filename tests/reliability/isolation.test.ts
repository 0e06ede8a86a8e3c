// Isolation (docs/reliability.md "Thread model and isolation"): processor
// instances share nothing — not state, not memory, not the random generator —
// in one thread or across worker_threads, and a failure in one (a bad clock, a
// close, a config error, its memory overwritten, its thread dying) never
// changes what another produces.

import { Worker } from "node:worker_threads";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, type StreamProcessor } from "../../host/index.js";
import type { Message } from "../../host/message.js";
import { compiledWasm, create, dec, PRESS, RUN, SPEC_CONFIG, TEMP } from "./support.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const HOST = process.env.SP_HOST ?? join(root, "dist", "host", "index.js");

const CONFIG = { ...SPEC_CONFIG, mapping: { ...SPEC_CONFIG.mapping, rnd: "Math.random()", t: "`${press}/${tF}/${r}`" } };

function batches(seed: number, n = 6): Message[][] {
  const out: Message[][] = [];
  let x = seed;
  for (let b = 0; b < n; b++) {
    const batch: Message[] = [];
    for (let i = 0; i < 50; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const topic = [PRESS, TEMP, RUN, "nowhere"][x % 4];
      batch.push({ topic, payload: x % 17 === 0 ? "junk" : `{"value":${topic === RUN ? x % 2 === 0 : (x % 10000) / 10},"timestamp_ms":${b * 100 + i + 1}}` });
    }
    out.push(batch);
  }
  return out;
}

function run(p: StreamProcessor, bs: Message[][]): string[] {
  const out: string[] = [];
  for (const b of bs) {
    const r = p.process(b);
    out.push(...r.outputs.map((o) => `${o.topic} ${dec.decode(o.payload)}`), ...r.errors.map((e) => `${e.index} ${e.mapping ?? ""} ${e.code}`));
  }
  return out;
}

/** What a fresh processor alone makes of each stream. */
async function alone(seed: number): Promise<string[]> {
  const p = await create(CONFIG, { seed: 3 });
  const out = run(p, batches(seed));
  p.close();
  return out;
}

describe("in one thread", () => {
  it("interleaved processors produce exactly what each produces alone", async () => {
    const seeds = [1, 2, 3, 4];
    const expected = await Promise.all(seeds.map(alone));
    const ps = await Promise.all(seeds.map(() => create(CONFIG, { seed: 3 })));
    const got: string[][] = seeds.map(() => []);
    const streams = seeds.map((s) => batches(s));
    for (let b = 0; b < streams[0].length; b++) {
      for (const i of [2, 0, 3, 1]) got[i].push(...run(ps[i], [streams[i][b]]));
    }
    expect(got).toEqual(expected);
    expect(new Set(got.map((g) => g.join("\n"))).size).toBe(4); // the streams differ, so the check means something
  });

  it("a failing neighbour — throwing clock, closed, rejected config, memory overwritten — changes nothing for the others", async () => {
    const expected = await alone(7);
    const healthy = await create(CONFIG, { seed: 3 });
    const clockFails = await create(CONFIG, { seed: 3, clock: () => { throw new Error("clock broke"); } });
    const closed = await create(CONFIG, { seed: 3 });
    const scribbled = await create(CONFIG, { seed: 3 });
    const stream = batches(7);
    const got: string[] = [];
    for (let b = 0; b < stream.length; b++) {
      expect(() => clockFails.process(stream[b])).toThrow("clock broke");
      if (b === 1) closed.close();
      if (b > 1) expect(() => closed.process(stream[b])).toThrow(/closed/);
      await expect(create({ ...CONFIG, mapping: { bad: "press +" } })).rejects.toBeInstanceOf(ConfigError);
      if (b === 2) {
        const mem = new Uint8Array((scribbled as unknown as { module: { exports: { memory: WebAssembly.Memory } } }).module.exports.memory.buffer);
        for (let k = 0; k < mem.length; k += 5) mem[k] = (k * 2654435761) >>> 24;
      }
      try { scribbled.process(stream[b]); } catch { /* it may trap: its own problem */ }
      got.push(...run(healthy, [stream[b]]));
    }
    expect(got).toEqual(expected);
  });

  it("Math.random is per instance: seeded alike, two processors draw the same sequence whatever the other does", async () => {
    const cfg = { ...CONFIG, mapping: { rnd: "Math.random()" } };
    const a = await create(cfg, { seed: 99 }), b = await create(cfg, { seed: 99 }), noisy = await create(cfg, { seed: 99 });
    const m = [{ topic: PRESS, payload: '{"value":1,"timestamp_ms":1}' }];
    const draws = (p: StreamProcessor) => dec.decode(p.process(m).outputs[0].payload);
    const seqA: string[] = [], seqB: string[] = [];
    for (let i = 0; i < 20; i++) {
      for (let k = 0; k < i; k++) draws(noisy);
      seqA.push(draws(a));
    }
    for (let i = 0; i < 20; i++) seqB.push(draws(b));
    expect(seqA).toEqual(seqB);
  });
});

describe("across worker_threads", () => {
  function worker(data: object): Promise<{ out: string[]; state: Uint8Array }> {
    return new Promise((done, fail) => {
      const w = new Worker(join(root, "tests", "reliability", "worker.mjs"), { workerData: { host: HOST, module: compiledWasm(), config: CONFIG, ...data } });
      w.once("message", done);
      w.once("error", fail);
      w.once("exit", (code) => { if (code !== 0) fail(new Error(`worker exited with ${code}`)); });
    });
  }

  it("processors in four threads, sharing one compiled module, each produce what they produce alone; a crashing or scribbled thread harms none", async () => {
    const seeds = [11, 12, 13, 14];
    const expected = await Promise.all(seeds.map(alone));
    const results = await Promise.allSettled([
      ...seeds.map((s) => worker({ batches: batches(s) })),
      worker({ batches: batches(15), sabotage: "throw" }),
      worker({ batches: batches(16), sabotage: "scribble" }),
    ]);
    for (let i = 0; i < seeds.length; i++) {
      expect(results[i].status).toBe("fulfilled");
      expect((results[i] as PromiseFulfilledResult<{ out: string[] }>).value.out).toEqual(expected[i]);
    }
    expect(results[4].status).toBe("rejected");
  });
});
