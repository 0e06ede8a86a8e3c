// Fuzz family "payload": hostile payloads on source topics, inside batches of
// valid messages. Twin processors A and B, created alike: A gets the batch with
// the hostile input, B the batch without it (or with it, when the reference says
// it is valid). The module must report exactly the reference's error code, never
// trap, never let the hostile input change anything else (outputs, errors,
// drops of the others; the state; the clock), and a valid one must come out as
// V8's JSON.stringify would write it.

import fc from "fast-check";
import { check, dec, sameWithout, SOURCES, SPEC_CONFIG, enc } from "./common.mjs";
import { expectedPayload, hostilePayload, validPayload } from "./payloads.mjs";

const ALIASES = Object.keys(SOURCES);
export const PAYLOAD_CONFIG = Object.freeze({
  ...SPEC_CONFIG,
  mapping: {
    ...SPEC_CONFIG.mapping,
    // Identity mappings: the stored value must be exactly the parsed one.
    id: { press: "press", tF: "tF", r: "r" },
    now: "Date.now()",
    text: "`${press}|${typeof tF}|${r}`",
  },
});

/** Valid messages (and a few drops) around the hostile one. */
const goodMessage = fc.tuple(fc.constantFrom(...ALIASES, "unknown"), validPayload).map(([alias, payload]) => ({
  topic: alias === "unknown" ? "umh.v1.elsewhere" : SOURCES[alias],
  payload,
}));

export async function payloadFamily({ StreamProcessor, wasm }) {
  const create = () => StreamProcessor.create(PAYLOAD_CONFIG, { seed: 7, clock: () => 1_700_000_000_000, wasm });
  const a = await create();
  const b = await create();
  let serial = 0;

  const property = fc.property(
    fc.array(goodMessage, { maxLength: 6 }), hostilePayload, fc.constantFrom(...ALIASES), fc.nat(), fc.boolean(),
    (good, bytes, alias, at, asString) => {
      // Start both in the same state: a failing case must not poison the next.
      b.importState(a.exportState());
      const tag = String(serial++);
      const others = good.map((m, i) => ({ ...m, metadata: { n: `${tag}.${i}` } }));
      const pos = at % (others.length + 1);
      // A string payload goes through the host's UTF-8 encoder: test its bytes.
      const text = asString ? dec.decode(bytes) : undefined;
      const sent = asString ? enc.encode(text) : bytes;
      const hostile = { topic: SOURCES[alias], payload: asString ? text : bytes, metadata: { hostile: tag } };
      const batch = [...others.slice(0, pos), hostile, ...others.slice(pos)];

      const ra = a.process(batch);
      const want = expectedPayload(sent);
      const own = ra.errors.filter((e) => e.index === pos);
      if (want.code !== undefined) {
        check(own.length === 1 && own[0].mapping === undefined && own[0].code === want.code && own[0].message.length > 0,
          `payload should be rejected as ${want.code}`, { payload: sent, errors: own });
        check(ra.outputs.every((o) => o.metadata.hostile === undefined), "a rejected payload produced outputs");
        sameWithout(ra, b.process(others), pos, false);
      } else {
        check(own.every((e) => e.mapping !== undefined), "a valid payload was rejected", { payload: sent, errors: own, want });
        const rb = b.process(batch);
        check(JSON.stringify(ra.outputs.map((o) => [o.topic, dec.decode(o.payload)])) ===
          JSON.stringify(rb.outputs.map((o) => [o.topic, dec.decode(o.payload)])), "twin processors disagree");
        const idPath = `id.${alias}`;
        const mine = ra.outputs.find((o) => o.metadata.hostile === tag && o.topic.endsWith(`._pump_v1.${idPath}`));
        if (typeof want.value === "number" && !Number.isFinite(want.value)) {
          check(mine === undefined && own.some((e) => e.mapping === idPath && e.code === "non_finite_result"),
            "a non-finite value must be a non_finite_result error", { payload: sent, errors: own });
        } else {
          const expected = JSON.stringify({ value: want.value, timestamp_ms: want.timestamp });
          check(mine !== undefined && dec.decode(mine.payload) === expected, "value not stored exactly",
            { payload: sent, got: mine && dec.decode(mine.payload), expected });
        }
      }
      const sa = a.exportState(), sb = b.exportState();
      check(sa.length === sb.length && sa.every((x, i) => x === sb[i]), "states differ after the batch", { payload: sent });
    });
  return { property, close: () => { a.close(); b.close(); } };
}
