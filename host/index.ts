// The package's public API: StreamProcessor and its types. See docs/host.md.

export { StreamProcessor, type Metrics, type MappingInfo, type MappingKind } from "./processor.js";
export { ConfigError, ModuleNotFoundError, SnapshotError, type Diagnostic } from "./errors.js";
export type { Message, Output, ProcessError, ProcessResult, Metadata } from "./message.js";
export type { Explanation, MappingReport, SourceReport, NearMiss, TraceEntry } from "./explain.js";
export type { Options, Limits, ResolvedOptions } from "./options.js";
export type { Config, ConfigInput, MappingTree } from "./config.js";
