package streamprocessor

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// The per-mapping metrics and the "waiting for" and near-miss logs, through a
// real Benthos stream whose metrics and logs are captured.

// labelledMetrics is a Benthos metrics exporter that keeps counter totals by
// name and value of the `mapping` label ("" without one).
type labelledMetrics struct {
	mu     sync.Mutex
	counts map[[2]string]int64
}

type labelledCounter struct {
	m   *labelledMetrics
	key [2]string
}

func (c labelledCounter) Incr(n int64) {
	c.m.mu.Lock()
	c.m.counts[c.key] += n
	c.m.mu.Unlock()
}
func (c labelledCounter) IncrFloat64(n float64) { c.Incr(int64(n)) }
func (c labelledCounter) Timing(int64)          {}
func (c labelledCounter) Set(int64)             {}
func (c labelledCounter) SetFloat64(float64)    {}

func (m *labelledMetrics) ctor(name string, keys []string) func(...string) labelledCounter {
	return func(values ...string) labelledCounter {
		key := [2]string{name, ""}
		for i, k := range keys {
			if k == MappingLabel && i < len(values) {
				key[1] = values[i]
			}
		}
		return labelledCounter{m, key}
	}
}

func (m *labelledMetrics) NewCounterCtor(name string, keys ...string) service.MetricsExporterCounterCtor {
	c := m.ctor(name, keys)
	return func(v ...string) service.MetricsExporterCounter { return c(v...) }
}
func (m *labelledMetrics) NewTimerCtor(name string, keys ...string) service.MetricsExporterTimerCtor {
	c := m.ctor(name, keys)
	return func(v ...string) service.MetricsExporterTimer { return c(v...) }
}
func (m *labelledMetrics) NewGaugeCtor(name string, keys ...string) service.MetricsExporterGaugeCtor {
	c := m.ctor(name, keys)
	return func(v ...string) service.MetricsExporterGauge { return c(v...) }
}
func (m *labelledMetrics) Close(context.Context) error { return nil }

// byMapping is the counters of metric name by mapping path.
func (m *labelledMetrics) byMapping(name string) map[string]uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]uint64{}
	for k, v := range m.counts {
		if k[0] == name && v != 0 {
			out[k[1]] = uint64(v)
		}
	}
	return out
}

// logLines keeps the messages of INFO and higher records.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) Enabled(_ context.Context, level slog.Level) bool { return level >= slog.LevelInfo }
func (l *logLines) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	l.lines = append(l.lines, r.Level.String()+" "+r.Message)
	l.mu.Unlock()
	return nil
}
func (l *logLines) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logLines) WithGroup(string) slog.Handler      { return l }

// matching is the lines that contain s.
func (l *logLines) matching(s string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			out = append(out, line)
		}
	}
	return out
}

// observedStream is a running producer -> stream_processor -> consumer
// stream with labelled metrics and captured logs.
type observedStream struct {
	produce service.MessageBatchHandlerFunc
	stream  *service.Stream
	metrics *labelledMetrics
	logs    *logLines
	mu      sync.Mutex
	got     service.MessageBatch
}

// startObserved runs the JSON config in a stream; interval is the report
// interval of the per-mapping metrics and logs while it runs.
func startObserved(t *testing.T, config string, interval time.Duration) *observedStream {
	t.Helper()
	saved := mappingReportInterval
	mappingReportInterval = interval
	t.Cleanup(func() { mappingReportInterval = saved })
	s := &observedStream{metrics: &labelledMetrics{counts: map[[2]string]int64{}}, logs: &logLines{}}
	env := service.NewEnvironment()
	must(t, env.RegisterMetricsExporter("labelled", service.NewConfigSpec(),
		func(*service.ParsedConfig, *service.Logger) (service.MetricsExporter, error) { return s.metrics, nil }))
	b := env.NewStreamBuilder()
	b.SetLogger(slog.New(s.logs))
	must(t, b.SetMetricsYAML("labelled: {}"))
	var err error
	s.produce, err = b.AddBatchProducerFunc()
	must(t, err)
	must(t, b.AddProcessorYAML(processorYAML(t, []byte(config))))
	must(t, b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		s.mu.Lock()
		s.got = append(s.got, batch...)
		s.mu.Unlock()
		return nil
	}))
	s.stream, err = b.Build()
	must(t, err)
	go func() { _ = s.stream.Run(context.Background()) }()
	t.Cleanup(func() { s.stop(t) })
	return s
}

// send pushes one batch through and returns what reached the output.
func (s *observedStream) send(t *testing.T, msgs ...*service.Message) service.MessageBatch {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	must(t, s.produce(ctx, msgs))
	s.mu.Lock()
	defer s.mu.Unlock()
	got := s.got
	s.got = nil
	return got
}

// stop stops the stream (closing the processor: its last report).
func (s *observedStream) stop(t *testing.T) {
	if s.stream == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.stream.Stop(ctx); err != nil {
		t.Errorf("stopping the stream: %v", err)
	}
	s.stream = nil
}

const (
	flowPress = xBase + "._raw.press"
	flowFlow  = xBase + "._raw.flow"
)

var flowConfig = `{"model":{"name":"pump","version":"v1"},"output_topic":"` + xBase + `",
	"sources":{"press":"` + flowPress + `","flow":"` + flowFlow + `"},
	"mapping":{"pressure":"press","efficiency":"press / flow"}}`

func TestMappingLogs_WaitingMapping_LoggedOnceAfterItsFirstSkips_NamingWhatItWaitsFor(t *testing.T) {
	s := startObserved(t, flowConfig, 0)
	wantLine := "INFO mapping 'efficiency' waiting for 'flow' (no message on " + flowFlow + " yet)"
	for i := 1; i < waitingLogSkips; i++ {
		s.send(t, xMsg(flowPress, i, i))
	}
	if got := s.logs.matching("waiting for"); len(got) != 0 {
		t.Fatalf("logged after %d skips: %v", waitingLogSkips-1, got)
	}
	s.send(t, xMsg(flowPress, 10, 10))
	got := s.logs.matching("waiting for")
	if len(got) != 1 || !strings.HasPrefix(got[0], wantLine) || !strings.Contains(got[0], "skipped 10 times") {
		t.Fatalf("after %d skips, logs %q, want one %q", waitingLogSkips, got, wantLine)
	}
	for i := range 5 {
		s.send(t, xMsg(flowPress, i, 21+i))
	}
	out := s.send(t, xMsg(flowFlow, 2, 30))
	if topics := outputTopics(out); !slicesContain(topics, "efficiency") {
		t.Fatalf("efficiency did not fire once flow arrived: %v", topics)
	}
	s.stop(t)
	if got := s.logs.matching("mapping '"); len(got) != 1 {
		t.Fatalf("want one waiting log in all, got %q", got)
	}
	if skipped := s.metrics.byMapping(MetricMappingSkipped); skipped["efficiency"] != 15 || len(skipped) != 1 {
		t.Errorf("%s %v, want efficiency 15", MetricMappingSkipped, skipped)
	}
}

func TestMappingLogs_RejectedPayloads_NamedInTheWaitingLog(t *testing.T) {
	s := startObserved(t, flowConfig, 0)
	s.send(t, xRaw(flowFlow, `{"value":1}`)) // no timestamp_ms: rejected
	for i := range waitingLogSkips {
		s.send(t, xMsg(flowPress, i, i+1))
	}
	want := "mapping 'efficiency' waiting for 'flow' (no valid message on " + flowFlow + " yet; 1 rejected)"
	if got := s.logs.matching("waiting for"); len(got) != 1 || !strings.Contains(got[0], want) {
		t.Fatalf("logs %q, want %q", got, want)
	}
}

func TestMappingLogs_NearMissTopic_LoggedOnce(t *testing.T) {
	s := startObserved(t, flowConfig, 0)
	caseDiff := xBase + "._raw.Flow"
	s.send(t, xMsg(caseDiff, 1, 1), xMsg(caseDiff, 2, 2))
	s.send(t, xMsg(caseDiff, 3, 3), xMsg(xBase+"._raw.vibration", 4, 4))
	want := "INFO messages on '" + caseDiff + "' are dropped: no source has that topic; did you mean '" + flowFlow + "'?"
	got := s.logs.matching("are dropped")
	if len(got) != 1 || got[0] != want {
		t.Fatalf("logs %q, want exactly %q", got, want)
	}
}

// Over a generated stream of 100k messages the per-mapping counters equal the
// outputs and error records that reached the output, and the skips equal
// Explain's on a processor fed the same batches. Reported after every batch
// (interval 0), so they are right while the stream runs.
func TestMappingMetrics_Over100kMessages_EqualTheOutputsAndErrorRecords(t *testing.T) {
	s := startObserved(t, xPump, 0)
	twin := newExplainProcessor(t, xPump)
	pathOf := pathsByTopic(twin)
	outputs, errs := map[string]uint64{}, map[string]uint64{}
	msgs := xStream(100_000, 11)
	for start := 0; start < len(msgs); start += 1000 {
		batch := msgs[start : start+1000]
		for _, m := range s.send(t, batch...) {
			if m.GetError() == nil {
				topic, _ := m.MetaGet(TopicKey)
				outputs[pathOf[topic]]++
			}
			for _, pe := range processErrors(m.GetError()) {
				if pe.Mapping != "" {
					errs[pe.Mapping]++
				}
			}
		}
		process(t, twin, batch...)
	}
	skipped := map[string]uint64{}
	for _, m := range explainNow(t, twin).Mappings {
		if m.Skipped > 0 {
			skipped[m.Path] = m.Skipped
		}
	}
	check := func(when string) {
		t.Helper()
		for _, c := range []struct {
			name string
			want map[string]uint64
		}{{MetricMappingOutputs, outputs}, {MetricMappingErrors, errs}, {MetricMappingSkipped, skipped}} {
			if got := s.metrics.byMapping(c.name); !mapsEqual(got, c.want) {
				t.Errorf("%s: %s %v, want %v", when, c.name, got, c.want)
			}
		}
	}
	check("while running")
	s.stop(t)
	check("after stopping")
	if len(outputs) <= 4 || len(errs) == 0 || len(skipped) == 0 {
		t.Errorf("the stream exercises too little: outputs %v, errors %v, skips %v", outputs, errs, skipped)
	}
}

// With the default interval the metrics lag by at most a second while the
// stream runs; closing the processor reports the rest.
func TestMappingMetrics_DefaultInterval_CompleteWhenTheStreamStops(t *testing.T) {
	s := startObserved(t, xPump, time.Hour)
	var n uint64
	for i := range 50 {
		n += uint64(len(s.send(t, xMsg(xPress, i, i+1))))
	}
	if got := s.metrics.byMapping(MetricMappingOutputs)["pressure"]; got != 1 {
		t.Fatalf("while running, %s{pressure} is %d, want 1 (the first batch's report only)", MetricMappingOutputs, got)
	}
	s.stop(t)
	got := s.metrics.byMapping(MetricMappingOutputs)
	var sum uint64
	for _, v := range got {
		sum += v
	}
	if got["pressure"] != 50 || sum != n {
		t.Errorf("after stopping: %s %v (sum %d), want pressure 50 and %d in all", MetricMappingOutputs, got, sum, n)
	}
}

func mapsEqual(a, b map[string]uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
