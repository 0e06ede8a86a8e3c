package streamprocessor

import (
	"github.com/redpanda-data/benthos/v4/public/service"
)

// ProcessorName is the name the processor is registered under.
const ProcessorName = "stream_processor"

// Config field names (plugin.yaml).
const (
	FieldMode         = "mode"
	FieldModel        = "model"
	FieldModelName    = "name"
	FieldModelVersion = "version"
	FieldOutputTopic  = "output_topic"
	FieldSources      = "sources"
	FieldMapping      = "mapping"
	FieldWasmPath     = "wasm_path"
)

const exampleConfig = `
pipeline:
  processors:
    - stream_processor:
        mode: timeseries
        model: { name: pump, version: v1 }
        output_topic: umh.v1.corpA.plant-A.aawd
        sources:
          press: umh.v1.corpA.plant-A.aawd._raw.press
          tF: umh.v1.corpA.plant-A.aawd._raw.tempF
          r: umh.v1.corpA.plant-A.aawd._raw.run
        mapping:
          pressure: press + 4.00001
          temperature: tF * 69 / 31
          motor:
            rpm: press / 4
          status: 'r ? "active" : "inactive"'
          serialNumber: '"SN-P42-008"'
`

// Spec is the config spec of the processor: the fields of plugin.yaml, plus
// `wasm_path`.
func Spec() *service.ConfigSpec {
	return service.NewConfigSpec().
		Beta().
		Categories("Mapping", "Utility").
		Summary("Keeps the latest value of UNS timeseries sources and emits one message per JavaScript-subset mapping.").
		Description(`
A faster, stricter drop-in for benthos-umh's `+"`stream_processor`"+`, running a WebAssembly module.
Each input message is matched by its `+"`umh_topic`"+` metadata against `+"`sources`"+` (exact,
case-sensitive); its payload `+"`{\"value\": V, \"timestamp_ms\": T}`"+` updates that alias's latest
value, and every mapping that is static, or depends on the arriving alias with all its
dependencies known, is evaluated and emitted as `+"`{\"value\": <result>, \"timestamp_ms\": T}`"+`
on `+"`<output_topic>._<model.name>_<model.version>.<path>`"+`.

Outputs are new messages carrying the input's metadata with `+"`umh_topic`"+` set to the output
topic. The input itself is consumed. An input on no source topic is dropped. An input with a
bad payload, or a mapping that fails (NaN, null, TypeError...), is logged at WARN (rate-limited),
counted, and by default (`+"`on_error: drop`"+`) consumed; with `+"`on_error: forward`"+` it is passed on with
an error set (catch it with `+"`catch`"+`, or route it with `+"`errored()`"+`). The other outputs still flow.

With `+"`state`"+`, the latest values survive restarts in a Benthos cache resource.

One processor keeps one state, shared by all pipeline threads. Expressions are checked when the
config loads: a config error fails the pipeline with the rendered diagnostics.

In Benthos configs, `+"`${NAME}`"+` (NAME of letters, digits, `+"`_`"+` and `+"`.`"+`) is environment-variable
interpolation, also inside an expression. In a template literal, a substitution that is only an
alias or a member chain (`+"`${a}`"+`, `+"`${a.length}`"+`) must be written with a space after `+"`${`"+`
(`+"`${ a }`"+`) or as `+"`${{a}}`"+`; any other expression (`+"`${burnerOn ? \"on\" : \"off\"}`"+`) passes as written.
`+"`${{...}}`"+` is an escape only around a bare name, and `+"`$${a}`"+` is no escape.`).
		Fields(
			service.NewStringField(FieldMode).
				Description("Processing mode. Only `timeseries` is supported.").
				Default("timeseries").
				Advanced(),
			service.NewObjectField(FieldModel,
				service.NewStringField(FieldModelName).
					Description("The data model's name (non-empty).").
					Example("pump"),
				service.NewStringField(FieldModelVersion).
					Description("The data model's version (non-empty).").
					Example("v1"),
			).Description("The data model of the outputs: `name` and `version`."),
			service.NewStringField(FieldOutputTopic).
				Description("Base UNS topic of the outputs.").
				Example("umh.v1.corpA.plant-A.aawd"),
			service.NewStringMapField(FieldSources).
				Description("Alias -> exact UNS topic. At least one. Each alias must be a JavaScript identifier that is not a reserved or built-in name; two aliases may not share a topic.").
				Example(map[string]any{"press": "umh.v1.corpA.plant-A.aawd._raw.press"}),
			service.NewAnyField(FieldMapping).
				Description("Output path -> JavaScript-subset expression over the aliases. Nested objects flatten to dotted paths, in declaration order. A number or boolean becomes its text as the expression.").
				Example(map[string]any{"pressure": "press + 4.00001", "motor": map[string]any{"rpm": "press / 4"}}).
				Default(map[string]any{}),
			service.NewStringField(FieldWasmPath).
				Description("Path of a stream_processor.wasm to run instead of the module embedded in this binary. Empty: the embedded module.").
				Default("").
				Advanced(),
		).
		Fields(hostFields()...).
		LintRule(lintRule()).
		Example("A pump", "Three sources of line aawd, five mappings.", exampleConfig)
}

func init() {
	err := service.RegisterBatchProcessor(ProcessorName, Spec(),
		func(conf *service.ParsedConfig, res *service.Resources) (service.BatchProcessor, error) {
			return newBatchProcessor(conf, res)
		})
	if err != nil {
		panic(err)
	}
}
