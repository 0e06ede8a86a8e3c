package streamprocessor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// Every conformance case with on_error: drop: the same outputs as the
// vectors, no errored input reaches the output, and the metrics count every
// error record and drop exactly as in forward mode.
func TestOnErrorDrop_ConformanceVectors_NoErroredInputOut_CountersExact(t *testing.T) {
	errorSteps := 0
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			h := startStream(t, processorYAMLOnError(t, c.Config, "drop"))
			for i, step := range c.Steps {
				errorsBefore := h.metrics.get("messages_errored") + h.metrics.get("expression_errors")
				droppedBefore := h.metrics.get("messages_dropped")
				var outputs []vectorMessage
				for _, m := range h.send(t, step.Input) {
					if err := m.GetError(); err != nil {
						t.Fatalf("step %d: an errored input reached the output with on_error: drop: %v", i, err)
					}
					b, _ := m.AsBytes()
					meta := metadata(m)
					topic := meta[TopicKey]
					delete(meta, TopicKey)
					outputs = append(outputs, vectorMessage{Topic: topic, Payload: string(b), Metadata: meta})
				}
				if err := sameOutputs(outputs, step.Expect.Outputs); err != nil {
					t.Errorf("step %d outputs: %v", i, err)
				}
				if d := h.metrics.get("messages_errored") + h.metrics.get("expression_errors") - errorsBefore; d != int64(step.Expect.Errors) {
					t.Errorf("step %d: metrics count %d errors, want %d", i, d, step.Expect.Errors)
				}
				if d := h.metrics.get("messages_dropped") - droppedBefore; d != int64(step.Expect.Dropped) {
					t.Errorf("step %d: metrics count %d drops, want %d", i, d, step.Expect.Dropped)
				}
				if step.Expect.Errors > 0 {
					errorSteps++
				}
			}
		})
	}
	if errorSteps == 0 {
		t.Fatal("no vector step has errors: the test exercises nothing")
	}
}

// syncBuffer is a log sink written by several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// records are the JSON log records written so far.
func (s *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		if line == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line is no JSON: %s", line)
		}
		out = append(out, r)
	}
	return out
}

func warnings(t *testing.T, logs *syncBuffer) []map[string]any {
	var out []map[string]any
	for _, r := range logs.records(t) {
		if r["level"] == "WARN" && strings.HasPrefix(r["msg"].(string), "stream_processor: input on topic") {
			out = append(out, r)
		}
	}
	return out
}

// Both modes through a real stream: drop keeps the input out, forward passes
// it on with its error; in both the other mapping's output goes out and each
// error record is one WARN line with topic, mapping, code and message.
func TestOnError_DropAndForward_OutputsAndWarnLogs(t *testing.T) {
	for _, mode := range []string{"drop", "forward"} {
		t.Run(mode, func(t *testing.T) {
			logs := &syncBuffer{}
			b := service.NewStreamBuilder()
			b.SetLogger(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn})))
			produce, err := b.AddBatchProducerFunc()
			must(t, err)
			conf := "stream_processor:" + pumpSources + "  mapping: { ok: press, nan: press * undefined }\n"
			if mode == "forward" {
				conf += "  on_error: forward\n"
			}
			must(t, b.AddProcessorYAML(conf))
			var mu sync.Mutex
			var got service.MessageBatch
			must(t, b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
				mu.Lock()
				got = append(got, batch...)
				mu.Unlock()
				return nil
			}))
			s, err := b.Build()
			must(t, err)
			go func() { _ = s.Run(context.Background()) }()
			defer func() { _ = s.Stop(context.Background()) }()
			bad := service.NewMessage([]byte(`{"value":1}`))
			bad.MetaSetMut(TopicKey, "umh.v1.corpA.plant-A.aawd._raw.press")
			must(t, produce(context.Background(), service.MessageBatch{pressMessage("2"), bad}))

			mu.Lock()
			defer mu.Unlock()
			var topics []string
			errored := 0
			for _, m := range got {
				if m.GetError() != nil {
					raw, _ := m.AsBytes()
					if want := []string{`{"value":2,"timestamp_ms":1700000000000}`, `{"value":1}`}; errored >= len(want) || string(raw) != want[errored] {
						t.Errorf("forwarded message %d is not its input: %s", errored, raw)
					}
					errored++
					continue
				}
				topics = append(topics, outputTopics(service.MessageBatch{m})...)
			}
			if strings.Join(topics, " ") != "ok" {
				t.Errorf("outputs %v, want the ok mapping's output only", topics)
			}
			wantErrored := map[string]int{"drop": 0, "forward": 2}[mode]
			if errored != wantErrored {
				t.Errorf("%d errored inputs reached the output, want %d", errored, wantErrored)
			}
			ws := warnings(t, logs)
			if len(ws) != 2 {
				t.Fatalf("%d WARN lines, want 2 (one per error record): %v", len(ws), logs.records(t))
			}
			nan, ts := ws[0], ws[1]
			if nan["mapping"] != "nan" || nan["code"] != "non_finite_result" || nan["topic"] != "umh.v1.corpA.plant-A.aawd._raw.press" ||
				!strings.Contains(nan["msg"].(string), "result is NaN") || !strings.Contains(nan["msg"].(string), "on_error: "+mode) {
				t.Errorf("mapping error logged as %v", nan)
			}
			if _, has := ts["mapping"]; has || ts["code"] != "invalid_timestamp" || !strings.Contains(ts["msg"].(string), "missing or invalid timestamp_ms") {
				t.Errorf("payload error logged as %v", ts)
			}
		})
	}
}

// A flood of bad input logs at most burst lines per window, then one line with
// the exact number suppressed; the next window logs again.
func TestOnError_Flood_LogsBurstPerWindowAndSuppressedCount(t *testing.T) {
	logs := &syncBuffer{}
	logger := service.NewLoggerFromSlog(slog.New(slog.NewJSONHandler(logs, nil)))
	pc, err := Spec().ParseYAML(pumpConf+"mapping: { p: press }\n", nil)
	must(t, err)
	p, err := newProcessorFromConfig(pc, service.MockResources(service.MockResourcesOptUseLogger(logger)))
	must(t, err)
	defer p.Close(context.Background())
	const burst, window = 3, 400 * time.Millisecond
	p.errLog = newErrorLog(logger, burst, window)

	badBatch := func(n int) service.MessageBatch {
		batch := make(service.MessageBatch, n)
		for i := range batch {
			batch[i] = service.NewMessage([]byte(`not json`))
			batch[i].MetaSetMut(TopicKey, "umh.v1.corpA.plant-A.aawd._raw.press")
		}
		return batch
	}
	start := time.Now()
	for range 10 {
		out, err := p.ProcessBatch(context.Background(), badBatch(100))
		must(t, err)
		if len(out) != 0 {
			t.Fatalf("bad inputs came out with on_error: drop: %v", out)
		}
	}
	if time.Since(start) > window/2 {
		t.Skipf("the flood took %s, not well within one window of %s (machine too slow to tell windows apart)", time.Since(start), window)
	}
	if n := len(warnings(t, logs)); n != burst {
		t.Fatalf("%d lines for 1000 errors in one window, want %d", n, burst)
	}
	time.Sleep(window + 200*time.Millisecond) // the window ends: its suppressed line is written
	var suppressed []map[string]any
	for _, r := range logs.records(t) {
		if strings.Contains(r["msg"].(string), "suppressed") {
			suppressed = append(suppressed, r)
		}
	}
	if len(suppressed) != 1 || fmt.Sprint(suppressed[0]["suppressed"]) != fmt.Sprint(1000-burst) {
		t.Fatalf("suppressed lines %v, want one with %d", suppressed, 1000-burst)
	}
	newWindow := time.Now()
	_, err = p.ProcessBatch(context.Background(), badBatch(1))
	must(t, err)
	if n := len(warnings(t, logs)); n != burst+1 {
		t.Errorf("%d lines after a new window's error, want %d", n, burst+1)
	}
	if c := p.counters.last[metricMessagesErrored]; c != 1001 {
		t.Errorf("messages_errored = %d, want 1001: every dropped input is counted", c)
	}

	// Close writes the suppressed count of the window it ends: 1 + burst+5
	// records in this window, burst of them logged.
	_, err = p.ProcessBatch(context.Background(), badBatch(burst+5))
	must(t, err)
	must(t, p.Close(context.Background()))
	if time.Since(newWindow) > window/2 {
		t.Skipf("the second window's batches took %s (machine too slow to tell windows apart)", time.Since(newWindow))
	}
	last := logs.records(t)
	if msg := last[len(last)-1]["msg"].(string); !strings.Contains(msg, "suppressed 6 more error logs") {
		t.Errorf("the last line after Close is %q, want the suppressed count 6", msg)
	}
}

// examples/benthos/pipeline_drop.yaml through the built binary: the same
// outputs as pipeline.yaml, and its three dead letters as three WARN lines.
func TestExamplePipelineDrop_BuiltBinary_OutputsAndWarnLines(t *testing.T) {
	bin := buildBinary(t)
	input, err := os.Open(filepath.Join(exampleDir, "input.jsonl"))
	must(t, err)
	defer input.Close()
	cmd := exec.Command(bin, "-c", filepath.Join(exampleDir, "pipeline_drop.yaml"))
	cmd.Stdin = input
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("benthos-sp: %v\n%s", err, stderr.String())
	}
	sameLines(t, "stdout", stdout.Bytes(), filepath.Join(exampleDir, "expected_output.jsonl"))
	dead, err := os.ReadFile(filepath.Join(exampleDir, "expected_dead_letters.jsonl"))
	must(t, err)
	var codes []string
	for _, line := range strings.Split(strings.TrimSpace(string(dead)), "\n") {
		var d struct{ Error string }
		must(t, json.Unmarshal([]byte(line), &d))
		codes = append(codes, d.Error)
	}
	var warned []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "level=warning") && strings.Contains(line, "dropped (on_error: drop)") {
			msg, _, _ := strings.Cut(line, `" @service`)
			warned = append(warned, msg)
		}
	}
	if len(warned) != len(codes) {
		t.Fatalf("%d WARN lines, want %d (one per dead letter of pipeline.yaml):\n%s", len(warned), len(codes), stderr.String())
	}
	for i, w := range warned {
		if want := strings.TrimPrefix(codes[i], "stream_processor: "); !strings.HasSuffix(w, want) {
			t.Errorf("WARN line %d: %s\n want it to end with the dead letter's error %s", i, w, want)
		}
	}
}
