package streamprocessor

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// The test harness: the shared conformance vectors, and a real Benthos stream
// (batch producer -> stream_processor -> batch consumer) whose metrics go to
// a capturing exporter.

type vectorMessage struct {
	Topic    string            `json:"topic"`
	Payload  string            `json:"payload"`
	Metadata map[string]string `json:"metadata"`
}

type vectorStep struct {
	Input  []vectorMessage `json:"input"`
	Expect struct {
		Outputs []vectorMessage `json:"outputs"`
		Errors  int             `json:"errors"`
		Dropped int             `json:"dropped"`
	} `json:"expect"`
}

type vectorCase struct {
	Name   string          `json:"name"`
	Config json.RawMessage `json:"config"` // raw: keeps key order
	Steps  []vectorStep    `json:"steps"`
}

// vectorsPath is <repo>/tests/conformance/vectors.json (SP_VECTORS overrides).
func vectorsPath() string {
	if p := os.Getenv("SP_VECTORS"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "tests", "conformance", "vectors.json")
}

func loadVectors(t testing.TB) []vectorCase {
	t.Helper()
	b, err := os.ReadFile(vectorsPath())
	if err != nil {
		t.Fatalf("conformance vectors: %v", err)
	}
	var v struct {
		Cases []vectorCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("conformance vectors: %v", err)
	}
	if len(v.Cases) == 0 {
		t.Fatal("conformance vectors: no cases")
	}
	return v.Cases
}

// Benthos's environment-variable pattern (internal/config/env_vars.go).
var envVarPattern = regexp.MustCompile(`\$\{[0-9A-Za-z_.]+(:((\$\{[^}]+\})|[^}])*)?(?:\|[0-9A-Za-z]+)?\}`)

// escapeEnvVars writes every `${X}` that Benthos would interpolate as its
// escaped form `${{X}}`, which Benthos turns back into `${X}`.
func escapeEnvVars(s string) string {
	return envVarPattern.ReplaceAllStringFunc(s, func(m string) string { return "${{" + m[2:len(m)-1] + "}}" })
}

// processorYAML is the processor config of a JSON config (JSON is YAML),
// with its key order recorded, and on_error: forward (errored inputs reach
// the output, where the tests count their error records).
func processorYAML(t testing.TB, config []byte) string {
	t.Helper()
	return processorYAMLOnError(t, config, "forward")
}

// processorYAMLOnError is processorYAML with the given on_error.
func processorYAMLOnError(t testing.TB, config []byte, onError string) string {
	t.Helper()
	text := strings.TrimSpace(string(config))
	if !strings.HasPrefix(text, "{") {
		t.Fatalf("a config that is no JSON object: %s", text)
	}
	sep := ","
	if strings.TrimSpace(text[1:]) == "}" {
		sep = ""
	}
	text = `{"on_error":"` + onError + `"` + sep + text[1:]
	y := "stream_processor: " + escapeEnvVars(text)
	if err := RecordConfigYAML([]byte(y)); err != nil {
		t.Fatal(err)
	}
	return y
}

// captureMetrics is a Benthos metrics exporter that keeps counter totals by name.
type captureMetrics struct {
	mu     sync.Mutex
	counts map[string]int64
}

type captureCounter struct {
	m    *captureMetrics
	name string
}

func (c captureCounter) Incr(n int64) {
	c.m.mu.Lock()
	c.m.counts[c.name] += n
	c.m.mu.Unlock()
}
func (c captureCounter) IncrFloat64(n float64) { c.Incr(int64(n)) }
func (c captureCounter) Timing(int64)          {}
func (c captureCounter) Set(int64)             {}
func (c captureCounter) SetFloat64(float64)    {}

func (m *captureMetrics) NewCounterCtor(name string, _ ...string) service.MetricsExporterCounterCtor {
	return func(...string) service.MetricsExporterCounter { return captureCounter{m, name} }
}
func (m *captureMetrics) NewTimerCtor(name string, _ ...string) service.MetricsExporterTimerCtor {
	return func(...string) service.MetricsExporterTimer { return captureCounter{m, name} }
}
func (m *captureMetrics) NewGaugeCtor(name string, _ ...string) service.MetricsExporterGaugeCtor {
	return func(...string) service.MetricsExporterGauge { return captureCounter{m, name} }
}
func (m *captureMetrics) Close(context.Context) error { return nil }

func (m *captureMetrics) get(name string) int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counts[name]
}

// harness is a running stream: send a batch, get what reached the output.
type harness struct {
	produce service.MessageBatchHandlerFunc
	stream  *service.Stream
	metrics *captureMetrics
	done    chan error
	mu      sync.Mutex
	got     service.MessageBatch
}

// startStream builds and runs producer -> processor YAML -> consumer.
func startStream(t testing.TB, procYAML string) *harness {
	t.Helper()
	h := &harness{metrics: &captureMetrics{counts: map[string]int64{}}, done: make(chan error, 1)}
	env := service.NewEnvironment()
	if err := env.RegisterMetricsExporter("capture", service.NewConfigSpec(),
		func(*service.ParsedConfig, *service.Logger) (service.MetricsExporter, error) { return h.metrics, nil }); err != nil {
		t.Fatal(err)
	}
	b := env.NewStreamBuilder()
	must(t, b.SetLoggerYAML("level: none"))
	must(t, b.SetMetricsYAML("capture: {}"))
	var err error
	if h.produce, err = b.AddBatchProducerFunc(); err != nil {
		t.Fatal(err)
	}
	must(t, b.AddProcessorYAML(procYAML))
	must(t, b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		h.mu.Lock()
		h.got = append(h.got, batch...)
		h.mu.Unlock()
		return nil
	}))
	if h.stream, err = b.Build(); err != nil {
		t.Fatal(err)
	}
	go func() { h.done <- h.stream.Run(context.Background()) }()
	t.Cleanup(func() { h.stop(t) })
	return h
}

// send pushes one batch through and returns what the output received for it.
func (h *harness) send(t testing.TB, msgs []vectorMessage) service.MessageBatch {
	t.Helper()
	batch := make(service.MessageBatch, len(msgs))
	for i, m := range msgs {
		batch[i] = service.NewMessage([]byte(m.Payload))
		for k, v := range m.Metadata {
			batch[i].MetaSetMut(k, v)
		}
		batch[i].MetaSetMut(TopicKey, m.Topic)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.produce(ctx, batch); err != nil {
		t.Fatalf("producing a batch: %v", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	got := h.got
	h.got = nil
	return got
}

func (h *harness) stop(t testing.TB) {
	if h.stream == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.stream.Stop(ctx); err != nil {
		t.Errorf("stopping the stream: %v", err)
	}
	h.stream = nil
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// metadata of a message as a map.
func metadata(m *service.Message) map[string]string {
	out := map[string]string{}
	_ = m.MetaWalk(func(k, v string) error { out[k] = v; return nil })
	return out
}
