// The named benchmark scenarios (W1–W4): a config and a deterministic message
// stream per workload. Every engine gets the same config and the same messages.
//
// A message is { topic, payload, metadata } with the topic also in
// metadata.umh_topic (the reference plugin reads it from there) and the payload
// as UTF-8 bytes (a Buffer), as a Benthos pipeline hands it over.

import { rng } from "./prng.mjs";

const BASE = "umh.v1.corpA.plant-A.aawd";
const T0 = 1733904000000;

const PUMP_SOURCES = {
  press: `${BASE}._raw.press`,
  tF: `${BASE}._raw.tempF`,
  r: `${BASE}._raw.run`,
};

/** The reference fixture's config (W1, W2). */
const PUMP = {
  model: { name: "pump", version: "v1" },
  output_topic: BASE,
  sources: PUMP_SOURCES,
  mapping: {
    pressure: "press + 4.00001",
    temperature: "tF * 69 / 31",
    motor: { rpm: "press / 4" },
    status: 'r ? "active" : "inactive"',
    serialNumber: '"SN-P42-008"',
    deviceType: '"pump"',
  },
};

/** Expression-heavy (W3). */
const HEAVY = {
  model: { name: "pump", version: "v1" },
  output_topic: BASE,
  sources: PUMP_SOURCES,
  mapping: {
    magnitude: "Math.sqrt(press*press + tF*tF) / 2",
    label: '"Temperature: " + tF + "F, Pressure: " + press + " PSI"',
    level: "press > 20 ? 'high' : 'normal'",
    score: "Math.pow(press, 2) + Math.abs(tF - 32) * 1.8",
  },
};

const SCALE_SOURCES = 1000;
const SCALE_MAPPINGS = 2000;

/** Scale (W4): 1,000 sources, 2,000 mappings; source k feeds mappings 2k, 2k+1 and 2k-1. */
function scaleConfig() {
  const sources = {};
  for (let k = 0; k < SCALE_SOURCES; k++) {
    sources[`s${k}`] = `${BASE}.line-${Math.floor(k / 100)}.machine-${k}._raw.sensor`;
  }
  const mapping = {};
  for (let k = 0; k < SCALE_SOURCES; k++) {
    const next = (k + 1) % SCALE_SOURCES;
    mapping[`m${k}`] = { scaled: `s${k} * 1.5 + 2`, sum: `s${k} + s${next}` };
  }
  return { model: { name: "plant", version: "v2" }, output_topic: BASE, sources, mapping };
}

const META_KEY = "pump-42";
const enc = new TextEncoder();

function message(topic, value, ts) {
  const payload = Buffer.from(`{"value":${JSON.stringify(value)},"timestamp_ms":${ts}}`);
  return { topic, payload, metadata: { umh_topic: topic, kafka_key: META_KEY } };
}

const press = (r) => Math.round(r() * 6000) / 100;          // 0.00 .. 60.00
const tempF = (r) => Math.round(600 + r() * 1600) / 10;     // 60.0 .. 220.0

/**
 * The workloads. `stream(n, seed)` returns n messages; `prime` (if any) are
 * messages processed once before timing so every source has a value.
 */
export const WORKLOADS = {
  W1: {
    title: "reference fixture (press only, 4 outputs/msg)",
    config: PUMP,
    prime: () => [],
    stream(n, seed) {
      const r = rng(seed);
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = message(PUMP_SOURCES.press, press(r), T0 + i * 100);
      return out;
    },
  },
  W2: {
    title: "realistic mix (60% press, 30% tF, 10% r)",
    config: PUMP,
    prime: () => [],
    stream(n, seed) {
      const r = rng(seed);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const x = r();
        const ts = T0 + i * 100;
        if (x < 0.6) out[i] = message(PUMP_SOURCES.press, press(r), ts);
        else if (x < 0.9) out[i] = message(PUMP_SOURCES.tF, tempF(r), ts);
        else out[i] = message(PUMP_SOURCES.r, r() < 0.8, ts);
      }
      return out;
    },
  },
  W3: {
    title: "expression-heavy (Math, string building; all sources primed)",
    config: HEAVY,
    prime: () => [message(PUMP_SOURCES.press, 21.5, T0 - 2), message(PUMP_SOURCES.tF, 98.6, T0 - 1)],
    stream(n, seed) {
      const r = rng(seed);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const ts = T0 + i * 100;
        out[i] = r() < 0.5 ? message(PUMP_SOURCES.press, press(r), ts) : message(PUMP_SOURCES.tF, tempF(r), ts);
      }
      return out;
    },
  },
  W4: {
    title: "scale (1,000 sources, 2,000 mappings, random source per message)",
    config: scaleConfig(),
    prime() {
      const c = this.config;
      return Object.values(c.sources).map((t, k) => message(t, k + 0.5, T0 - SCALE_SOURCES + k));
    },
    stream(n, seed) {
      const r = rng(seed);
      const topics = Object.values(this.config.sources);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const k = Math.floor(r() * topics.length);
        out[i] = message(topics[k], Math.round(r() * 100000) / 100, T0 + i * 100);
      }
      return out;
    },
  },
};

/** UTF-8 bytes of `s` (shared helper for framers). */
export const utf8 = (s) => enc.encode(s);
