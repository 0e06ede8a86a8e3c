package streamprocessor

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// pumpConf is pumpSources at the top level.
var pumpConf = strings.ReplaceAll(pumpSources, "\n  ", "\n")

func newTestProcessor(t *testing.T, conf string) *processor {
	t.Helper()
	pc, err := Spec().ParseYAML(conf, nil)
	must(t, err)
	p, err := newProcessorFromConfig(pc, service.MockResources())
	must(t, err)
	t.Cleanup(func() { _ = p.Close(context.Background()) })
	return p
}

func TestProcessor_TwoFailingMappings_OneErroredInputWithBothErrors(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"on_error: forward\nmapping: { ok: press, nan: press * undefined, nul: 'null' }\n")
	in := pressMessage("3")
	in.MetaSetMut("kafka_key", "k1")
	out, err := p.ProcessBatch(context.Background(), service.MessageBatch{in})
	must(t, err)
	if len(out) != 1 || len(out[0]) != 2 {
		t.Fatalf("got %v batches, want one batch of an output and the errored input", out)
	}
	errored := out[0][1]
	pes := processErrors(errored.GetError())
	if len(pes) != 2 || pes[0].Mapping != "nan" || pes[0].Code != "non_finite_result" || pes[1].Mapping != "nul" || pes[1].Code != "nullish_result" {
		t.Fatalf("errors %v, want non_finite_result on nan and nullish_result on nul", errored.GetError())
	}
	if b, _ := errored.AsBytes(); string(b) != `{"value":3,"timestamp_ms":1700000000000}` {
		t.Errorf("the errored message is not the input: %s", b)
	}
	if k, _ := errored.MetaGet("kafka_key"); k != "k1" {
		t.Errorf("errored message lost its metadata")
	}
	if in.GetError() != nil {
		t.Errorf("the input message itself was mutated")
	}
}

func TestProcessor_NoTopicOrUnknownTopic_Dropped(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"mapping: { c: '\"x\"' }\n")
	noTopic := service.NewMessage([]byte(`{"value":1,"timestamp_ms":1}`))
	unknown := service.NewMessage([]byte(`junk`))
	unknown.MetaSetMut(TopicKey, "umh.v1.other")
	out, err := p.ProcessBatch(context.Background(), service.MessageBatch{noTopic, unknown})
	must(t, err)
	if len(out) != 0 {
		t.Fatalf("dropped inputs produced %v", out)
	}
}

// Pipeline threads share one processor: concurrent batches are serialised
// and see one state.
func TestProcessor_ConcurrentBatches_OneSharedState(t *testing.T) {
	p := newTestProcessor(t, `
model: { name: m, version: v1 }
output_topic: o
sources: { a: ta, b: tb }
mapping: { sum: a + b }
`)
	msg := func(topic string, v int) *service.Message {
		m := service.NewMessage(fmt.Appendf(nil, `{"value":%d,"timestamp_ms":1}`, v))
		m.MetaSetMut(TopicKey, topic)
		return m
	}
	_, err := p.ProcessBatch(context.Background(), service.MessageBatch{msg("tb", 0)})
	must(t, err)
	const workers, batches = 4, 50
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range batches {
				out, err := p.ProcessBatch(context.Background(), service.MessageBatch{msg("ta", w*1000+i), msg("ta", 7)})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				total += len(out[0])
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if total != workers*batches*2 {
		t.Errorf("%d outputs, want %d", total, workers*batches*2)
	}
	if p.counters.last[0] != workers*batches*2+1 {
		t.Errorf("messages_processed = %d, want %d", p.counters.last[0], workers*batches*2+1)
	}
}

func TestProcessor_WasmPath(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"mapping: { x: press }\nwasm_path: "+filepath.Join("wasm", "stream_processor.wasm")+"\n")
	out, err := p.ProcessBatch(context.Background(), service.MessageBatch{pressMessage("5")})
	must(t, err)
	if b, _ := out[0][0].AsBytes(); string(b) != `{"value":5,"timestamp_ms":1700000000000}` {
		t.Errorf("output %s", b)
	}

	pc, err := Spec().ParseYAML(pumpConf+"wasm_path: /nonexistent.wasm\n", nil)
	must(t, err)
	if _, err := newProcessorFromConfig(pc, service.MockResources()); err == nil || !strings.Contains(err.Error(), "/nonexistent.wasm") {
		t.Errorf("a missing wasm_path gave %v", err)
	}
	pc, err = Spec().ParseYAML(pumpConf+"wasm_path: "+filepath.Join("cmd", "benthos-sp", "main.go")+"\n", nil)
	must(t, err)
	if _, err := newProcessorFromConfig(pc, service.MockResources()); err == nil || !strings.Contains(err.Error(), "compiling the module") {
		t.Errorf("a wasm_path that is no module gave %v", err)
	}
}

func TestProcessor_Closed_BatchesFail(t *testing.T) {
	p := newTestProcessor(t, pumpConf)
	must(t, p.Close(context.Background()))
	if _, err := p.ProcessBatch(context.Background(), service.MessageBatch{pressMessage("1")}); err == nil {
		t.Error("a closed processor processed a batch")
	}
}
