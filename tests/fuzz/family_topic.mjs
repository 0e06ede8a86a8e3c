// Fuzz family "topic": topics as arbitrary bytes through the raw ABI. A topic
// is a source exactly when its bytes equal the source's UTF-8 bytes: then the
// message lands on that alias; otherwise it is a counted drop that changes
// nothing else in the batch. The config holds topics whose 32-bit hashes collide
// (with each other and with non-source topics), unicode, NUL, very long and
// prefix-related topics.

import fc from "fast-check";
import { BASE, bytesEqual, check, enc, SOURCES, weighted } from "./common.mjs";
import * as raw from "./raw.mjs";

function topicConfig() {
  const pairs = raw.collidingTopics(`${BASE}._raw.c`, 3);
  const sources = {
    ...SOURCES,
    c0a: pairs[0][0], c0b: pairs[0][1],   // both colliding topics are sources
    c1a: pairs[1][0],                      // its partner is not
    c2b: pairs[2][1],
    uni: "umh.v1.é.温度.😀",
    nul: "umh.v1.a\u0000b",
    space: " ",
    raw: `${BASE}._raw`,                   // a prefix of the source topics
    long: `umh.v1.${"x".repeat(10_000)}`,
  };
  const mapping = { id: {} };
  for (const alias of Object.keys(sources)) mapping.id[alias] = alias;
  return {
    config: { model: { name: "t", version: "v1" }, output_topic: "out", sources, mapping },
    nonSources: [pairs[1][1], pairs[2][0]],
  };
}

function nearMisses(topic) {
  const t = enc.encode(topic);
  return fc.tuple(fc.nat(), fc.nat(255), fc.nat(5)).map(([at, byte, kind]) => {
    const b = Array.from(t);
    const i = b.length === 0 ? 0 : at % b.length;
    if (kind === 0) b[i] = byte;
    else if (kind === 1) b.splice(i, 1);
    else if (kind === 2) b.splice(i, 0, byte);
    else if (kind === 3) b[i] = b[i] >= 0x61 && b[i] <= 0x7a ? b[i] - 32 : b[i] >= 0x41 && b[i] <= 0x5a ? b[i] + 32 : b[i] ^ 1;
    else if (kind === 4) b.push([0x20, 0x00, 0x0a, 0x2e][byte & 3]);
    else return Uint8Array.from(enc.encode(topic.normalize("NFD")));
    return Uint8Array.from(b);
  });
}

export async function topicFamily({ wasm }) {
  const { config, nonSources } = topicConfig();
  const aliases = Object.keys(config.sources);
  const topicBytes = aliases.map((a) => enc.encode(config.sources[a]));
  const a = raw.instantiate(wasm), b = raw.instantiate(wasm);
  check(raw.configure(a, config) === 0 && raw.configure(b, config) === 0, "topic config rejected", raw.readErrors(a));
  // Mapping id.<alias> is declared in alias order: its index is the alias's.
  const idMapping = new Map(aliases.map((alias, i) => [alias, i]));

  const probeTopic = weighted([
    [20, fc.constantFrom(...topicBytes)],
    [30, fc.oneof(...Object.values(config.sources).map(nearMisses))],
    [10, fc.constantFrom(...nonSources.map((t) => enc.encode(t)))],
    [20, fc.uint8Array({ maxLength: 64 })],
    [10, fc.string({ unit: "binary", maxLength: 40 }).map((s) => enc.encode(s))],
    [5, fc.constantFrom(new Uint8Array(0), enc.encode(BASE), enc.encode(`${BASE}._raw.press\u0000`), enc.encode("umh.v1.e\u0301.温度.😀"))],
    [1, fc.tuple(fc.integer({ min: 9_990, max: 10_010 }), fc.constantFrom(0x78, 0x79)).map(([n, c]) => {
      const t = new Uint8Array(7 + n).fill(c); t.set(enc.encode("umh.v1."), 0); return t;
    })],
    [1, fc.integer({ min: 50_000, max: 100_000 }).map((n) => new Uint8Array(n).fill(0x61))],
  ]);
  const goodMessage = fc.tuple(fc.nat(aliases.length), fc.integer({ min: 1, max: 1e9 })).map(([i, v]) => ({
    topic: i === aliases.length ? enc.encode("umh.v1.nowhere") : topicBytes[i],
    payload: `{"value":${v},"timestamp_ms":${v}}`,
  }));

  const property = fc.property(fc.array(goodMessage, { maxLength: 5 }), probeTopic, fc.nat(), fc.integer({ min: 1, max: 1e9 }),
    (good, topic, at, value) => {
      check(raw.importState(b, raw.exportState(a)) === 0, "state sync failed");
      const pos = at % (good.length + 1);
      const probe = { topic, payload: `{"value":-${value},"timestamp_ms":7}` };
      const batch = [...good.slice(0, pos), probe, ...good.slice(pos)];
      const dropsBefore = raw.metrics(a)[1];
      const ra = raw.processBatch(a, batch);
      const dropped = raw.metrics(a)[1] - dropsBefore;
      const alias = topicBytes.findIndex((t) => bytesEqual(t, topic));
      const mine = ra.outputs.filter((o) => o.index === pos);
      check(ra.errors.every((e) => e.index !== pos), "a probe with a valid payload got an error", ra.errors);
      if (alias < 0) {
        check(mine.length === 0, "a topic that is no source produced outputs", { topic: Array.from(topic.slice(0, 80)), mine });
        const rb = raw.processBatch(b, [...good.slice(0, pos), ...good.slice(pos)].map((m, i) => ({ ...m, index: i < pos ? i : i + 1 })));
        check(JSON.stringify(ra) === JSON.stringify(rb), "a dropped topic changed the rest of the batch", { ra, rb });
        const others = good.filter((m) => m.topic.length === 14).length; // umh.v1.nowhere
        check(dropped === others + 1, "drop not counted", { dropped, others });
      } else {
        const want = `{"value":-${value},"timestamp_ms":7}`;
        check(mine.length === 1 && mine[0].mapping === idMapping.get(aliases[alias]) && mine[0].payload === want,
          `a source topic must land on alias ${aliases[alias]}`, { mine });
        raw.processBatch(b, batch);
      }
      const sa = raw.exportState(a), sb = raw.exportState(b);
      check(bytesEqual(sa, sb), "states differ");
    });
  return { property };
}
