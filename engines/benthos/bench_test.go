package streamprocessor

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// Benchmarks of the Benthos path for the performance gate (bench/gate.mjs):
// allocations per ProcessBatch through the real processor, and the floor of
// Benthos's message API for the same outputs. The gate runs them with
// `-benchtime=Nx -benchmem`, so every run does the same work and allocs/op and
// B/op are reproducible.
//
//   SP_BENCH_WORKLOADS  JSON file of workloads (bench/gate.mjs writes W1–W4 from
//                       bench/lib/workloads.mjs); unset: W1 written out below.
//   SP_BENCH_WASM       module to run (wasm_path); unset: the embedded module.

type benchMessage struct {
	Topic   string `json:"topic"`
	Payload string `json:"payload"`
}

type benchWorkload struct {
	Name     string          `json:"name"`
	Config   json.RawMessage `json:"config"`
	Prime    []benchMessage  `json:"prime"`
	Messages []benchMessage  `json:"messages"`
}

// w1 is bench/lib/workloads.mjs's W1: the reference fixture, press messages only.
var w1 = benchWorkload{
	Name: "W1",
	Config: json.RawMessage(`{"model":{"name":"pump","version":"v1"},"output_topic":"umh.v1.corpA.plant-A.aawd",
		"sources":{"press":"umh.v1.corpA.plant-A.aawd._raw.press","tF":"umh.v1.corpA.plant-A.aawd._raw.tempF","r":"umh.v1.corpA.plant-A.aawd._raw.run"},
		"mapping":{"pressure":"press + 4.00001","temperature":"tF * 69 / 31","motor":{"rpm":"press / 4"},
		"status":"r ? \"active\" : \"inactive\"","serialNumber":"\"SN-P42-008\"","deviceType":"\"pump\""}}`),
	Messages: []benchMessage{
		{Topic: "umh.v1.corpA.plant-A.aawd._raw.press", Payload: `{"value":37.42,"timestamp_ms":1733904000000}`},
		{Topic: "umh.v1.corpA.plant-A.aawd._raw.press", Payload: `{"value":5.8,"timestamp_ms":1733904000100}`},
	},
}

func benchWorkloads(b *testing.B) []benchWorkload {
	path := os.Getenv("SP_BENCH_WORKLOADS")
	if path == "" {
		return []benchWorkload{w1}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var ws []benchWorkload
	if err := json.Unmarshal(data, &ws); err != nil {
		b.Fatal(err)
	}
	return ws
}

func benchProcessor(b *testing.B, w benchWorkload) *processor {
	var conf map[string]any
	if err := json.Unmarshal(w.Config, &conf); err != nil {
		b.Fatal(err)
	}
	if wasm := os.Getenv("SP_BENCH_WASM"); wasm != "" {
		conf[FieldWasmPath] = wasm
	}
	text, err := json.Marshal(conf) // JSON is YAML
	if err != nil {
		b.Fatal(err)
	}
	pc, err := Spec().ParseYAML(string(text), nil)
	if err != nil {
		b.Fatal(err)
	}
	p, err := newProcessorFromConfig(pc, service.MockResources())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = p.Close(context.Background()) })
	return p
}

func benchMessages(ms []benchMessage) []*service.Message {
	out := make([]*service.Message, len(ms))
	for i, m := range ms {
		out[i] = service.NewMessage([]byte(m.Payload))
		out[i].MetaSetMut(TopicKey, m.Topic)
		out[i].MetaSetMut("kafka_key", "pump-42")
	}
	return out
}

// processBatches runs every workload's messages through ProcessBatch in
// batches of `size`, one batch per op. The inputs are built beforehand (the
// processor does not modify them) and processed once untimed, so the areas,
// pools and maps have their steady-state sizes when timing starts.
func processBatches(b *testing.B, size int) {
	for _, w := range benchWorkloads(b) {
		b.Run(w.Name, func(b *testing.B) {
			p := benchProcessor(b, w)
			ctx := context.Background()
			if len(w.Prime) > 0 {
				if _, err := p.ProcessBatch(ctx, benchMessages(w.Prime)); err != nil {
					b.Fatal(err)
				}
			}
			src := w.Messages
			for len(src) > 0 && len(src) < size { // the built-in W1 is short: repeat it
				src = append(src[:len(src):len(src)], w.Messages...)
			}
			msgs := benchMessages(src)
			var batches []service.MessageBatch
			for i := 0; i+size <= len(msgs); i += size {
				batches = append(batches, service.MessageBatch(msgs[i:i+size]))
			}
			if len(batches) == 0 {
				b.Fatalf("%s: fewer than %d messages", w.Name, size)
			}
			outputs := 0
			for _, batch := range batches {
				out, err := p.ProcessBatch(ctx, batch)
				if err != nil {
					b.Fatal(err)
				}
				for _, o := range out {
					for _, m := range o {
						if m.GetError() != nil {
							b.Fatalf("%s: %v", w.Name, m.GetError())
						}
					}
					outputs += len(o)
				}
			}
			if outputs == 0 {
				b.Fatalf("%s: no outputs", w.Name)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := p.ProcessBatch(ctx, batches[i%len(batches)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProcessBatch_Single: one message per ProcessBatch.
func BenchmarkProcessBatch_Single(b *testing.B) { processBatches(b, 1) }

// BenchmarkProcessBatch_Batch100: 100 messages per ProcessBatch.
func BenchmarkProcessBatch_Batch100(b *testing.B) { processBatches(b, 100) }

// BenchmarkFloor_Single is what any Benthos processor pays for W1's four
// outputs of one input: a message per output with its topic in metadata, in
// one batch (topics boxed once, as the processor does).
func BenchmarkFloor_Single(b *testing.B) {
	payload := []byte(`{"value":40.070009999999996,"timestamp_ms":1733904000000}`)
	topics := []any{
		"umh.v1.corpA.plant-A.aawd._pump_v1.pressure",
		"umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm",
		"umh.v1.corpA.plant-A.aawd._pump_v1.serialNumber",
		"umh.v1.corpA.plant-A.aawd._pump_v1.deviceType",
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		batch := make(service.MessageBatch, len(topics))
		for k, t := range topics {
			batch[k] = service.NewMessage(payload)
			batch[k].MetaSetMut(TopicKey, t)
		}
		floorSink = batch
	}
}

// floorSink keeps the floor's batches escaping, as a processor's results do.
var floorSink service.MessageBatch
