package streamprocessor

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

// The engine reads its clock only for a program with a volatile expression
// (the status block's flag); such a program gets the wall clock per batch.
func TestProcessor_DateNow_IsTheClockOfTheBatch_OnlyWhenAnExpressionReadsIt(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"mapping: { now: 'Date.now()', p: press }\n")
	if !p.in.readsClock {
		t.Fatal("a program calling Date.now() is not marked as reading the clock")
	}
	before := time.Now().UnixMilli()
	out, err := p.ProcessBatch(context.Background(), service.MessageBatch{pressMessage("3")})
	after := time.Now().UnixMilli()
	must(t, err)
	if len(out) != 1 || len(out[0]) != 2 {
		t.Fatalf("got %v, want the two outputs", out)
	}
	var v struct{ Value float64 }
	b, _ := out[0][0].AsBytes()
	must(t, json.Unmarshal(b, &v))
	if ms := int64(v.Value); ms < before || ms > after {
		t.Errorf("Date.now() gave %d, outside the batch's [%d, %d]", ms, before, after)
	}
	if q := newTestProcessor(t, pumpConf+"mapping: { p: press + 1, d: 'new Date(press).toISOString()' }\n"); q.in.readsClock {
		t.Error("a program without a volatile expression is marked as reading the clock")
	}
}

// A module without a status block (before status_ptr) is read with the getter
// calls: the same outputs, errors and metrics as through the block.
func TestProcessor_WithoutStatusBlock_GetterCallsGiveTheSameResults(t *testing.T) {
	conf := pumpConf + "on_error: forward\nmapping: { p: press + 4.00001, bad: press * undefined, c: '\"x\"' }\n"
	run := func(p *processor) (string, [numMetrics]uint64) {
		var got []string
		for _, v := range []string{"3", "oops", "5.8"} {
			out, err := p.ProcessBatch(context.Background(), service.MessageBatch{pressMessage(v)})
			must(t, err)
			got = append(got, resultText(out))
		}
		now, err := p.in.metrics(context.Background())
		must(t, err)
		return strings.Join(got, "\n"), now
	}
	withBlock := newTestProcessor(t, conf)
	if withBlock.in.status == 0 {
		t.Fatal("the built module has no status block")
	}
	calls := newTestProcessor(t, conf)
	calls.in.status, calls.in.metricsPtr, calls.in.readsClock = 0, 0, true
	a, am := run(withBlock)
	b, bm := run(calls)
	if a != b || am != bm {
		t.Fatalf("through the status block:\n%s\n%v\nthrough calls:\n%s\n%v", a, am, b, bm)
	}
	if !strings.Contains(a, "non_finite_result") || !strings.Contains(a, `{"value":7.00001,`) {
		t.Fatalf("the batches did not give outputs and errors:\n%s", a)
	}
}

// resultText is a ProcessBatch result, a line per message: topic, payload, error.
func resultText(out []service.MessageBatch) string {
	var lines []string
	for _, b := range out {
		for _, m := range b {
			pl, _ := m.AsBytes()
			topic, _ := m.MetaGet(TopicKey)
			lines = append(lines, fmt.Sprintf("%s %s %v", topic, pl, m.GetError()))
		}
	}
	return strings.Join(lines, "\n")
}

// BenchmarkGoPath replaces the module's process call with a recorded result:
// the batch must then give the same outputs as the real call did.
func TestProcessor_ReplayedProcessCall_GivesTheRecordedOutputs(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"mapping: { p: press + 4.00001, c: '\"x\"' }\n")
	ctx := context.Background()
	batch := service.MessageBatch{pressMessage("3"), pressMessage("5.8")}
	recorded := recordedProcess(t, p, batch)

	real, err := p.ProcessBatch(ctx, batch)
	must(t, err)
	// Another batch moves the module's output area on; the replay still gives the first's.
	_, err = p.ProcessBatch(ctx, service.MessageBatch{pressMessage("100")})
	must(t, err)
	p.in.replay = &recorded
	replayed, err := p.ProcessBatch(ctx, batch)
	p.in.replay = nil
	must(t, err)
	if resultText(real) != resultText(replayed) || !strings.Contains(resultText(real), `{"value":9.80001,`) || recorded.count != 4 {
		t.Fatalf("real (%d records):\n%s\nreplayed:\n%s", recorded.count, resultText(real), resultText(replayed))
	}
}
