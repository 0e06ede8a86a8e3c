// Package streamprocessor is the Benthos v4 plugin of the stream processor: a
// `stream_processor` processor that runs build/stream_processor.wasm (the
// project's AssemblyScript module) under wazero and speaks its ABI
// (docs/ABI.md).
//
// Importing the package registers the processor in Benthos's global
// environment:
//
//	import _ "github.com/stream-processor-wasm/engines/benthos"
//
// One processor is one module instance: it keeps the latest value of every
// source alias, so all pipeline threads share it (calls are serialised by a
// mutex). Each batch is one `process` call. Outputs are derived from their
// input: its context (tracing span, sync_response store), error flag and
// metadata, with `umh_topic` set to the output topic (outputs.go says how they
// are built); an input with error records is passed on with the errors set on
// it (`SetError`), so `catch`, `try` and `errored()` routing work; dropped
// inputs are left out.
//
// # Notes
//
// Benthos hands plugins their config as Go maps, which have no key order. The
// order of `mapping` keys is the output order, so the plugin recovers it from
// the YAML text recorded with RecordConfigYAML (the benthos-sp binary records
// every config file it is given). Without a record it falls back to sorted key
// order and logs a warning. See engines/README.md.
package streamprocessor
