// Options of StreamProcessor.create: their types, defaults and validation.
// Options are read once at create time and frozen; a processor never changes them.

import { closest } from "./suggest.js";

/**
 * Module limits (docs/ABI.md "Limits"), applied with `set_limit` before `configure`.
 * Every value is a positive integer up to `LIMIT_MAX` (2^32 - 1 for counts, 512 MiB
 * for byte sizes, 256 Mi for UTF-16 unit counts). Unset limits keep the module's default.
 */
export interface Limits {
  /** Expression text, UTF-8 bytes. Default 4096. */
  readonly expressionBytes?: number;
  /** Number of mappings. Default 10000. */
  readonly mappings?: number;
  /** Number of sources. Default 10000. */
  readonly sources?: number;
  /** Payload bytes per message (larger: error `payload_too_large`). Default 1048576. */
  readonly payloadBytes?: number;
  /** A string value in a payload, UTF-16 code units (longer: `string_too_long`). Default 65536. */
  readonly valueStringUnits?: number;
  /** Any string built during one evaluation, UTF-16 code units (`string_limit`). Default 1048576. */
  readonly evalStringUnits?: number;
  /** Scratch memory of one evaluation, bytes (`memory_limit`). Default 33554432. */
  readonly evalArenaBytes?: number;
  /** The input area, bytes: the largest batch (framed) the module accepts. Default 268435456. */
  readonly inputAreaBytes?: number;
}

/** `set_limit` id of each limit, in ABI order. */
export const LIMIT_IDS: Readonly<Record<keyof Limits, number>> = Object.freeze({
  expressionBytes: 0,
  mappings: 1,
  sources: 2,
  payloadBytes: 3,
  valueStringUnits: 4,
  evalStringUnits: 5,
  evalArenaBytes: 6,
  inputAreaBytes: 7,
});

/**
 * The largest value of each limit (the module refuses more; docs/reliability.md
 * "Limits"). Every buffer the module sizes from a limit then stays below the
 * 1 GiB block size its allocator can hand out.
 */
export const LIMIT_MAX: Readonly<Record<keyof Limits, number>> = Object.freeze({
  expressionBytes: 0xffffffff,
  mappings: 0xffffffff,
  sources: 0xffffffff,
  payloadBytes: 512 * 1024 * 1024,
  valueStringUnits: 256 * 1024 * 1024,
  evalStringUnits: 256 * 1024 * 1024,
  evalArenaBytes: 512 * 1024 * 1024,
  inputAreaBytes: 512 * 1024 * 1024,
});

/** Options of `StreamProcessor.create`. Every field is optional. */
export interface Options {
  /**
   * Seed of the module's `Math.random` (an integer; its low 32 bits are used).
   * Default: a random seed per processor.
   */
  readonly seed?: number;
  /**
   * The clock: milliseconds since the epoch, read once per `process` call and used
   * as `Date.now()` by every expression in that batch. Default `Date.now`.
   */
  readonly clock?: () => number;
  /** Module limits; see `Limits`. Default: the module's defaults. */
  readonly limits?: Limits;
  /**
   * The module to run: a file path, its bytes, or a compiled `WebAssembly.Module`.
   * Default: `build/stream_processor.wasm` of this package (compiled once per process
   * and shared by every processor).
   */
  readonly wasm?: string | Uint8Array | WebAssembly.Module;
}

/** Options after validation, with defaults filled in. */
export interface ResolvedOptions {
  readonly seed: number;
  readonly clock: () => number;
  readonly limits: Readonly<Limits>;
  readonly wasm: string | Uint8Array | WebAssembly.Module | undefined;
}

/** The module's defaults of the limits the host sizes batches by (docs/ABI.md "Limits"). */
export const LIMIT_DEFAULTS = Object.freeze({ payloadBytes: 1048576, inputAreaBytes: 268435456 });

const OPTION_NAMES: readonly (keyof Options)[] = ["seed", "clock", "limits", "wasm"];

/** Validate `options` and fill in defaults. Throws TypeError or RangeError on a bad option. */
export function resolveOptions(options: Options | undefined): ResolvedOptions {
  const o = options ?? {};
  if (o === null || typeof o !== "object") throw new TypeError("options must be an object");
  for (const name of Object.keys(o)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) {
      const near = closest(name, OPTION_NAMES);
      throw new TypeError(`unknown option '${name}'${near === undefined ? "" : ` (did you mean '${near}'?)`}; known: ${OPTION_NAMES.join(", ")}`);
    }
  }
  let seed: number;
  if (o.seed === undefined) {
    seed = (Math.random() * 0x100000000) >>> 0;
  } else {
    if (typeof o.seed !== "number" || !Number.isInteger(o.seed)) {
      throw new TypeError(`options.seed must be an integer, got ${String(o.seed)}`);
    }
    seed = o.seed;
  }
  const clock = o.clock ?? Date.now;
  if (typeof clock !== "function") throw new TypeError("options.clock must be a function returning milliseconds");
  const limits: Limits = {};
  if (o.limits !== undefined) {
    if (o.limits === null || typeof o.limits !== "object") throw new TypeError("options.limits must be an object");
    for (const [name, value] of Object.entries(o.limits)) {
      if (!(name in LIMIT_IDS)) {
        const near = closest(name, Object.keys(LIMIT_IDS));
        throw new TypeError(`unknown limit '${name}'${near === undefined ? "" : ` (did you mean '${near}'?)`}; known: ${Object.keys(LIMIT_IDS).join(", ")}`);
      }
      if (value === undefined) continue;
      const max = LIMIT_MAX[name as keyof Limits];
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
        throw new RangeError(`limit ${name} must be an integer from 1 to ${max}, got ${String(value)}`);
      }
      (limits as Record<string, number>)[name] = value;
    }
  }
  const wasm = o.wasm;
  if (wasm !== undefined && typeof wasm !== "string" && !(wasm instanceof Uint8Array) && !(wasm instanceof WebAssembly.Module)) {
    throw new TypeError("options.wasm must be a file path, a Uint8Array or a WebAssembly.Module");
  }
  return Object.freeze({ seed, clock, limits: Object.freeze(limits), wasm });
}
