// Errors the host throws: ConfigError for a config the module (or the YAML
// reader) rejects, SnapshotError for a state snapshot the module rejects.
// Everything else the host throws is a plain Error (API misuse, host bugs) or
// a RangeError (limits).

/** One config diagnostic, decoded from a module error record (docs/ABI.md "Error records"). */
export interface Diagnostic {
  /** Error code name, e.g. `config_invalid`, `config_limit`, or an expression diagnostic name. */
  readonly code: string;
  /** The mapping path (`motor.rpm`) or config field (`model.name`) at fault, when there is one. */
  readonly path?: string;
  /** The module's rendered message: for expressions, the path, the expression and a caret line. */
  readonly message: string;
  /** `[start, end)` of the fault in the expression, in UTF-16 code units (JavaScript string indexes), when known. */
  readonly span?: readonly [number, number];
}

/**
 * ConfigError is thrown by `StreamProcessor.create` when the config is rejected:
 * by the YAML reader (syntax, duplicate keys) or by the module's `configure`.
 *
 * `diagnostics` holds every problem found (the module reports the first one per
 * expression, for every mapping); `message` is their messages joined by newlines,
 * ready to print.
 */
export class ConfigError extends Error {
  /** Every problem found, in the order the module reported them. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n"));
    this.name = "ConfigError";
    this.diagnostics = Object.freeze(diagnostics.slice());
  }
}

/**
 * SnapshotError is thrown by `StreamProcessor.importState` when the module rejects
 * a snapshot (corrupted, another ABI/snapshot version, or another config). The
 * processor's state is unchanged when it is thrown.
 */
export class SnapshotError extends Error {
  /** Error code name from the module, normally `snapshot_invalid`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "SnapshotError";
    this.code = code;
  }
}

/**
 * ModuleNotFoundError is thrown by `StreamProcessor.create` when no `wasm` option
 * is given and the package's own build/stream_processor.wasm is missing (a
 * package installed without its build, or a checkout before `npm run build`).
 */
export class ModuleNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModuleNotFoundError";
  }
}
