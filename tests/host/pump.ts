// The docs/behaviour.md §2 config and helpers shared by the host tests.

export const BASE = "umh.v1.corpA.plant-A.aawd";
export const PRESS = `${BASE}._raw.press`;
export const TEMP = `${BASE}._raw.tempF`;
export const RUN = `${BASE}._raw.run`;
export const OUT = `${BASE}._pump_v1.`;

export const PUMP = {
  mode: "timeseries",
  model: { name: "pump", version: "v1" },
  output_topic: BASE,
  sources: { press: PRESS, tF: TEMP, r: RUN },
  mapping: {
    pressure: "press + 4.00001",
    temperature: "tF * 69 / 31",
    combined: "press + tF",
    motor: { rpm: "press / 4" },
    status: 'r ? "active" : "inactive"',
    serialNumber: '"SN-P42-008"',
  },
};

export const PUMP_YAML = `
mode: timeseries
model: { name: pump, version: v1 }
output_topic: ${BASE}
sources:
  press: ${PRESS}
  tF:    ${TEMP}
  r:     ${RUN}
mapping:
  pressure: press + 4.00001
  temperature: tF * 69 / 31
  combined: press + tF
  motor:
    rpm: press / 4
  status: 'r ? "active" : "inactive"'
  serialNumber: '"SN-P42-008"'
`;

const dec = new TextDecoder();
export const text = (b: Uint8Array): string => dec.decode(b);

/** The payload V8 writes for value v at time t. */
export const payload = (value: unknown, t: number): string => JSON.stringify({ value, timestamp_ms: t });

/** [topic suffix, payload text] of outputs, for compact expectations. */
export function brief(outputs: { topic: string; payload: Uint8Array }[]): [string, string][] {
  return outputs.map((o) => [o.topic.startsWith(OUT) ? o.topic.slice(OUT.length) : o.topic, text(o.payload)]);
}

export const msg = (topic: string, value: unknown, t: number) => ({ topic, payload: payload(value, t) });

/** A config whose mapping has number, boolean, hex and quoted leaves (the YAML source-text rule). */
export const SCALAR_LEAVES_YAML = `
mode: timeseries
model: { name: pump, version: v1 }
output_topic: umh.v1.corpA.plant-A.aawd
sources:
  press: umh.v1.corpA.plant-A.aawd._raw.press
  tF:    umh.v1.corpA.plant-A.aawd._raw.tempF
mapping:
  pressure: press + 4.00001
  motor:
    rpm: press / 4
  status: 'r ? "active" : "inactive"'
  answer: 42
  price: 1.50
  hex: 0x1F
  on: true
  quoted: "42"
`;
