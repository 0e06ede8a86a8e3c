package streamprocessor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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
//   SP_BENCH_METADATA   "uns": inputs carry the metadata of benthos-umh's uns
//                       input (kafka_msg_key, kafka_topic, a kafka_timestamp_ms
//                       that differs per message, three headers) instead of
//                       kafka_key alone.

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
	uns := os.Getenv("SP_BENCH_METADATA") == "uns"
	out := make([]*service.Message, len(ms))
	for i, m := range ms {
		out[i] = service.NewMessage([]byte(m.Payload))
		out[i].MetaSetMut(TopicKey, m.Topic)
		if !uns {
			out[i].MetaSetMut("kafka_key", "pump-42")
			continue
		}
		out[i].MetaSetMut("kafka_msg_key", m.Topic)
		out[i].MetaSetMut("kafka_topic", "umh.messages")
		out[i].MetaSetMut("kafka_timestamp_ms", strconv.FormatInt(1733904000000+int64(i), 10))
		out[i].MetaSetMut("location_path", "corpA.plant-A.aawd")
		out[i].MetaSetMut("data_contract", "_raw")
		out[i].MetaSetMut("tag_name", m.Topic[strings.LastIndexByte(m.Topic, '.')+1:])
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
			p, batches := benchBatches(b, w, size)
			ctx := context.Background()
			b.ReportAllocs()
			cpu := startCPU(b)
			for i := 0; i < b.N; i++ {
				if _, err := p.ProcessBatch(ctx, batches[i%len(batches)]); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report()
		})
	}
}

// benchBatches is a processor for w, primed, and w's messages in batches of
// size, each processed once (checked: no errors, some outputs).
func benchBatches(b *testing.B, w benchWorkload, size int) (*processor, []service.MessageBatch) {
	p := primedProcessor(b, w)
	ctx := context.Background()
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
	return p, batches
}

// primedProcessor is a processor for w that has processed w's prime messages.
func primedProcessor(b *testing.B, w benchWorkload) *processor {
	p := benchProcessor(b, w)
	if len(w.Prime) > 0 {
		if _, err := p.ProcessBatch(context.Background(), benchMessages(w.Prime)); err != nil {
			b.Fatal(err)
		}
	}
	return p
}

// BenchmarkProcessBatch_Single: one message per ProcessBatch.
func BenchmarkProcessBatch_Single(b *testing.B) { processBatches(b, 1) }

// BenchmarkProcessBatch_Batch100: 100 messages per ProcessBatch.
func BenchmarkProcessBatch_Batch100(b *testing.B) { processBatches(b, 100) }

// BenchmarkModuleProcess is the module alone under wazero: the `process` call
// on a batch framed once beforehand (W's messages, one batch of `size`), per
// message. What the Go path adds around it is ProcessBatch's time minus this.
func BenchmarkModuleProcess(b *testing.B) {
	perWorkloadAndSize(b, func(b *testing.B, w benchWorkload, size int) {
		p, batches := benchBatches(b, w, size)
		ctx := context.Background()
		n := framed(b, p, batches[0])
		cpu := startCPU(b)
		for i := 0; i < b.N; i++ {
			if _, err := p.in.call(ctx, fnProcess, n); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report()
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size), "ns/msg")
	})
}

// perWorkloadAndSize runs bench as sub-benchmark W/batchN for each workload and
// batch size 1 and 100.
func perWorkloadAndSize(b *testing.B, bench func(b *testing.B, w benchWorkload, size int)) {
	for _, size := range []int{1, 100} {
		for _, w := range benchWorkloads(b) {
			b.Run(fmt.Sprintf("%s/batch%d", w.Name, size), func(b *testing.B) { bench(b, w, size) })
		}
	}
}

// framed frames batch into p's input area; its length in bytes.
func framed(tb testing.TB, p *processor, batch service.MessageBatch) uint32 {
	tb.Helper()
	recs, err := inputRecords(batch)
	must(tb, err)
	n, fits, err := frame(context.Background(), p.in, recs, nowMillis())
	if err != nil || !fits {
		tb.Fatalf("framing: %v", err)
	}
	return n
}

// recordedProcess runs the module on batch and keeps its result for replay
// (BenchmarkGoPath).
func recordedProcess(tb testing.TB, p *processor, batch service.MessageBatch) processReplay {
	tb.Helper()
	ctx := context.Background()
	count, err := p.in.process(ctx, framed(tb, p, batch))
	must(tb, err)
	area, err := p.in.output(ctx)
	must(tb, err)
	return processReplay{count: count, area: bytes.Clone(area)}
}

// BenchmarkGoPath is ProcessBatch with the module's process call replaced by
// the result the real call gave for the same batch (recorded beforehand):
// framing, decoding, building the outputs and the metrics read, without the
// module. Its ratio to the floor is the least ProcessBatch's can be with any
// module. The module's counters do not move, so no Benthos counter is
// incremented (ProcessBatch increments two or three per batch).
func BenchmarkGoPath(b *testing.B) {
	perWorkloadAndSize(b, func(b *testing.B, w benchWorkload, size int) {
		p, batches := benchBatches(b, w, size)
		ctx := context.Background()
		replays := make([]processReplay, len(batches))
		for i, batch := range batches {
			replays[i] = recordedProcess(b, p, batch)
		}
		b.ReportAllocs()
		cpu := startCPU(b)
		for i := 0; i < b.N; i++ {
			p.in.replay = &replays[i%len(batches)]
			if _, err := p.ProcessBatch(ctx, batches[i%len(batches)]); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report()
		p.in.replay = nil
	})
}

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
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		batch := make(service.MessageBatch, len(topics))
		for k, t := range topics {
			batch[k] = service.NewMessage(payload)
			batch[k].MetaSetMut(TopicKey, t)
		}
		floorSink = batch
	}
	cpu.report()
}

// floorSink keeps the floor's batches escaping, as a processor's results do.
var floorSink service.MessageBatch

// floorOutputs is, per batch of processBatchesOf, the outputs our processor
// gives for it: their topics (boxed once) and payloads.
type floorOutputs struct {
	topics   []any
	payloads [][]byte
}

// BenchmarkFloor_Batch100 is Benthos's message API floor for exactly the
// outputs ProcessBatch_Batch100 gives per workload (same counts, topics and
// payload sizes): a message per output with its topic in metadata, in one
// batch per op. Its ns/op over ProcessBatch_Batch100's is the batch ratio.
func BenchmarkFloor_Batch100(b *testing.B) {
	for _, w := range benchWorkloads(b) {
		b.Run(w.Name, func(b *testing.B) {
			p, batches := benchBatches(b, w, 100)
			var floors []floorOutputs
			for _, batch := range batches {
				out, err := p.ProcessBatch(context.Background(), batch)
				if err != nil {
					b.Fatal(err)
				}
				var f floorOutputs
				for _, o := range out {
					for _, m := range o {
						t, _ := m.MetaGetMut(TopicKey)
						pl, _ := m.AsBytes()
						f.topics = append(f.topics, t)
						f.payloads = append(f.payloads, pl)
					}
				}
				floors = append(floors, f)
			}
			b.ReportAllocs()
			cpu := startCPU(b)
			for i := 0; i < b.N; i++ {
				f := floors[i%len(floors)]
				batch := make(service.MessageBatch, len(f.topics))
				for k, t := range f.topics {
					batch[k] = service.NewMessage(f.payloads[k])
					batch[k].MetaSetMut(TopicKey, t)
				}
				floorSink = batch
			}
			cpu.report()
		})
	}
}

// BenchmarkLatency_Single times each single-message ProcessBatch on its own
// after a warm-up, and reports the percentiles and the garbage collections
// during the timed calls (run it with -benchtime=200000x or more; the figures
// are meaningless for small b.N). BenchmarkLatency_Floor does the same for
// Floor_Single's work.
//
//	go test -run '^$' -bench Latency_ -benchtime 200000x -cpu 1
func BenchmarkLatency_Single(b *testing.B) {
	for _, w := range benchWorkloads(b) {
		b.Run(w.Name, func(b *testing.B) {
			p, batches := benchBatches(b, w, 1)
			ctx := context.Background()
			timeCalls(b, func(i int) {
				if _, err := p.ProcessBatch(ctx, batches[i%len(batches)]); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkLatency_Floor(b *testing.B) {
	payload := []byte(`{"value":40.070009999999996,"timestamp_ms":1733904000000}`)
	topics := []any{
		"umh.v1.corpA.plant-A.aawd._pump_v1.pressure",
		"umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm",
		"umh.v1.corpA.plant-A.aawd._pump_v1.serialNumber",
		"umh.v1.corpA.plant-A.aawd._pump_v1.deviceType",
	}
	timeCalls(b, func(int) {
		batch := make(service.MessageBatch, len(topics))
		for k, t := range topics {
			batch[k] = service.NewMessage(payload)
			batch[k].MetaSetMut(TopicKey, t)
		}
		floorSink = batch
	})
}

// latencyWarmUp is the untimed calls before the timed ones.
const latencyWarmUp = 20000

// timeCalls runs call latencyWarmUp times, then b.N times each timed, and
// reports p50/p95/p99/p99.9 in ns and the GC cycles of the timed part.
func timeCalls(b *testing.B, call func(i int)) {
	for i := 0; i < latencyWarmUp; i++ {
		call(i)
	}
	took := make([]int64, b.N)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		call(i)
		took[i] = int64(time.Since(start))
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	slices.Sort(took)
	at := func(q float64) float64 { return float64(took[min(len(took)-1, int(q*float64(len(took))))]) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.95), "p95-ns")
	b.ReportMetric(at(0.99), "p99-ns")
	b.ReportMetric(at(0.999), "p99.9-ns")
	b.ReportMetric(float64(after.NumGC-before.NumGC), "GCs")
}

// cpuClock reports a benchmark's process CPU time per op ("cpu-ns/op": user
// and system time of all threads, the GC's included) beside Go's wall-clock
// ns/op: on a shared machine the wall clock also counts the time the process
// sat descheduled.
type cpuClock struct {
	b     *testing.B
	start int64
}

// startCPU resets b's timer and starts the CPU clock.
func startCPU(b *testing.B) cpuClock {
	b.ResetTimer()
	return cpuClock{b, processCPUNanos()}
}

// report stops b's timer and reports the CPU time per op.
func (c cpuClock) report() {
	c.b.StopTimer()
	c.b.ReportMetric(float64(processCPUNanos()-c.start)/float64(c.b.N), "cpu-ns/op")
}

func processCPUNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// The Copy floor: outputs derived from their inputs the way Benthos's
// documentation asks ("MUST be derived from the provided messages ... use the
// Copy method", service.BatchProcessor): per output, a Copy of its input (its
// context, error flag and metadata) with the output topic set, which clones
// the input's metadata map. Same outputs as ours, each from the input that
// gave it; ours are the same messages, built without the clone when the
// metadata fits (outputs.go).

// BenchmarkFloor_CopySingle is the Copy floor of ProcessBatch_Single/W1's
// outputs (W1: four per input).
func BenchmarkFloor_CopySingle(b *testing.B) { derivedFloor(b, 1, copyOutput) }

// BenchmarkFloor_CopyBatch100 is the Copy floor of ProcessBatch_Batch100's outputs.
func BenchmarkFloor_CopyBatch100(b *testing.B) { derivedFloor(b, 100, copyOutput) }

// The metadata floor: per output, NewMessage + MetaSetMut of each of its
// input's metadata entries (read beforehand, not walked) + the topic: the
// metadata our outputs carry, at the message API's cost, without the input's
// context. The floor (NewMessage + the topic) carries none of it.

// BenchmarkFloor_MetaSingle is the metadata floor of ProcessBatch_Single/W1's outputs.
func BenchmarkFloor_MetaSingle(b *testing.B) { derivedFloor(b, 1, metaOutput) }

// BenchmarkFloor_MetaBatch100 is the metadata floor of ProcessBatch_Batch100's outputs.
func BenchmarkFloor_MetaBatch100(b *testing.B) { derivedFloor(b, 100, metaOutput) }

// derivedOutput is one output of a batch: the input it came from, the input's
// metadata entries but umh_topic, its topic (boxed once) and payload.
type derivedOutput struct {
	input   *service.Message
	meta    []metaEntry
	topic   any
	payload []byte
}

func copyOutput(o *derivedOutput) *service.Message {
	m := o.input.Copy()
	m.SetBytes(o.payload)
	m.MetaSetMut(TopicKey, o.topic)
	return m
}

func metaOutput(o *derivedOutput) *service.Message {
	m := service.NewMessage(o.payload)
	for _, e := range o.meta {
		m.MetaSetMut(e.key, e.value)
	}
	m.MetaSetMut(TopicKey, o.topic)
	return m
}

// derivedFloor times build over exactly the outputs ProcessBatch gives for
// batches of size, each attributed to the input that gave it.
func derivedFloor(b *testing.B, size int, build func(*derivedOutput) *service.Message) {
	for _, w := range benchWorkloads(b) {
		if size == 1 && w.Name != "W1" {
			continue
		}
		b.Run(w.Name, func(b *testing.B) {
			_, batches := benchBatches(b, w, size)
			// Each input alone, in order, on a fresh primed processor: the same
			// outputs as the batches give, attributed to their inputs.
			single := primedProcessor(b, w)
			var floors [][]derivedOutput
			for _, batch := range batches {
				var f []derivedOutput
				for _, in := range batch {
					var meta []metaEntry
					_ = in.MetaWalkMut(func(k string, v any) error {
						if k != TopicKey {
							meta = append(meta, metaEntry{k, v})
						}
						return nil
					})
					out, err := single.ProcessBatch(context.Background(), service.MessageBatch{in})
					if err != nil {
						b.Fatal(err)
					}
					for _, o := range out {
						for _, m := range o {
							t, _ := m.MetaGetMut(TopicKey)
							pl, _ := m.AsBytes()
							f = append(f, derivedOutput{in, meta, t, pl})
						}
					}
				}
				floors = append(floors, f)
			}
			b.ReportAllocs()
			cpu := startCPU(b)
			for i := 0; i < b.N; i++ {
				f := floors[i%len(floors)]
				batch := make(service.MessageBatch, len(f))
				for k := range f {
					batch[k] = build(&f[k])
				}
				floorSink = batch
			}
			cpu.report()
		})
	}
}
