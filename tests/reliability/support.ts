// Helpers of the reliability tests: processors on the product module (or
// $SP_WASM), docs/behaviour.md §2 config, payload and output shorthands.

import { ConfigError, StreamProcessor, type Options } from "../../host/index.js";
import type { Message, ProcessResult } from "../../host/message.js";
import { compiledWasm } from "../fuzz/run.mjs";

export { compiledWasm };
export { BASE, PRESS, TEMP, RUN } from "../host/pump.js";
/** The docs/behaviour.md §2 config (one definition, shared with the host tests). */
export { PUMP as SPEC_CONFIG } from "../host/pump.js";

const dec = new TextDecoder();

export function create(config: object | string, options: Options = {}): Promise<StreamProcessor> {
  return StreamProcessor.create(config, { seed: 1, clock: () => 1_700_000_000_000, wasm: compiledWasm(), ...options });
}

/** The ConfigError `create` throws (fails the test if it resolves or throws something else). */
export async function configError(config: object | string, options: Options = {}): Promise<ConfigError> {
  try {
    const p = await create(config, options);
    p.close();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw new Error(`expected a ConfigError, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
  throw new Error("expected a ConfigError, the config was accepted");
}

export function msg(topic: string, value: unknown, timestamp = 1000, extra = ""): Message {
  return { topic, payload: `{"value":${JSON.stringify(value)},"timestamp_ms":${timestamp}${extra}}` };
}

/** Outputs as "path=payload" lines (path relative to the pump prefix). */
export function brief(r: ProcessResult): string[] {
  return r.outputs.map((o) => `${o.topic.slice(o.topic.lastIndexOf("._") + 2).replace(/^[^.]*\./, "")}=${dec.decode(o.payload)}`);
}

export function codes(r: ProcessResult): string[] {
  return r.errors.map((e) => (e.mapping === undefined ? `${e.index}:${e.code}` : `${e.index}:${e.mapping}:${e.code}`));
}

export { dec };
