package streamprocessor

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"strings"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

const pumpSources = `
  model: { name: pump, version: v1 }
  output_topic: umh.v1.corpA.plant-A.aawd
  sources:
    press: umh.v1.corpA.plant-A.aawd._raw.press
`

func pressInput(value string) []vectorMessage {
	return []vectorMessage{{Topic: "umh.v1.corpA.plant-A.aawd._raw.press", Payload: `{"value":` + value + `,"timestamp_ms":1700000000000}`}}
}

func outputTopics(batch service.MessageBatch) []string {
	var out []string
	for _, m := range batch {
		t, _ := m.MetaGet(TopicKey)
		out = append(out, strings.TrimPrefix(t, "umh.v1.corpA.plant-A.aawd._pump_v1."))
	}
	return out
}

func TestConfig_InvalidExpression_FailsTheStreamWithRenderedDiagnostics(t *testing.T) {
	b := service.NewStreamBuilder()
	must(t, b.SetLoggerYAML("level: none"))
	_, err := b.AddBatchProducerFunc()
	must(t, err)
	// The lint rule rejects the config when it is added; without it, the
	// processor's constructor would fail the stream at start.
	err = b.AddProcessorYAML("stream_processor:" + pumpSources + "  mapping: { a: pres + 1, b: 'press +' }\n")
	if err == nil {
		must(t, b.AddBatchConsumerFunc(func(context.Context, service.MessageBatch) error { return nil }))
		s, buildErr := b.Build()
		must(t, buildErr)
		err = s.Run(context.Background())
	}
	if err == nil {
		t.Fatal("a stream with an invalid expression ran")
	}
	for _, want := range []string{
		"mapping 'a': unknown identifier 'pres'", "  pres + 1\n  ^^^^", "did you mean 'press'?",
		"mapping 'b': unexpected end of expression",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestConfig_MissingModelVersion_IsAModuleDiagnostic(t *testing.T) {
	conf, err := Spec().ParseYAML(`
model: { name: pump, version: "" }
output_topic: x
sources: { press: t }
`, nil)
	must(t, err)
	_, err = newProcessorFromConfig(conf, service.MockResources())
	if err == nil || !strings.Contains(err.Error(), "model version is required") {
		t.Fatalf("got %v, want the module's 'model version is required'", err)
	}
}

func TestConfig_RecordedOrder_IsTheOutputOrder(t *testing.T) {
	y := "stream_processor:" + pumpSources + "  mapping:\n    zeta: press\n    alpha: press\n    mid: { z: press, a: press }\n"
	must(t, RecordConfigYAML([]byte(y)))
	h := startStream(t, y)
	got := outputTopics(h.send(t, pressInput("1")))
	want := []string{"zeta", "alpha", "mid.z", "mid.a"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("outputs %v, want declaration order %v", got, want)
	}
}

func TestConfig_UnrecordedOrder_SortedPathsAndAWarning(t *testing.T) {
	var logs bytes.Buffer
	b := service.NewStreamBuilder()
	b.SetLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	produce, err := b.AddBatchProducerFunc()
	must(t, err)
	must(t, b.AddProcessorYAML("stream_processor:"+pumpSources+"  mapping:\n    yy: press\n    bb: press\n    nn: { zz: press, aa: press }\n"))
	var got service.MessageBatch
	must(t, b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		got = append(got, batch...)
		return nil
	}))
	s, err := b.Build()
	must(t, err)
	go func() { _ = s.Run(context.Background()) }()
	defer func() { _ = s.Stop(context.Background()) }()
	must(t, produce(context.Background(), service.MessageBatch{pressMessage("2")}))
	if topics := strings.Join(outputTopics(got), " "); topics != "bb nn.aa nn.zz yy" {
		t.Errorf("outputs %s, want sorted paths", topics)
	}
	if !strings.Contains(logs.String(), "key order of sources and mapping is not known") {
		t.Errorf("no warning logged:\n%s", logs.String())
	}
}

func pressMessage(value string) *service.Message {
	m := service.NewMessage([]byte(`{"value":` + value + `,"timestamp_ms":1700000000000}`))
	m.MetaSetMut(TopicKey, "umh.v1.corpA.plant-A.aawd._raw.press")
	return m
}

func TestConfig_ScalarLeaves_BecomeTheirTextAsExpressions(t *testing.T) {
	y := "stream_processor:" + pumpSources + "  mapping:\n    i: 42\n    f: 1.50\n    b: true\n    big: 1e21\n"
	must(t, RecordConfigYAML([]byte(y)))
	h := startStream(t, y)
	var payloads []string
	for _, m := range h.send(t, pressInput("1")) {
		b, _ := m.AsBytes()
		payloads = append(payloads, string(b))
	}
	want := []string{
		`{"value":42,"timestamp_ms":1700000000000}`, `{"value":1.5,"timestamp_ms":1700000000000}`,
		`{"value":true,"timestamp_ms":1700000000000}`, `{"value":1e+21,"timestamp_ms":1700000000000}`,
	}
	if strings.Join(payloads, "\n") != strings.Join(want, "\n") {
		t.Errorf("payloads:\n%s\nwant:\n%s", strings.Join(payloads, "\n"), strings.Join(want, "\n"))
	}
}

func TestJSNumber_PrintsAsJavaScriptReadsIt(t *testing.T) {
	cases := map[float64]string{
		0: "0", 1.5: "1.5", -2: "-2", 1e21: "1e+21", 1e20: "100000000000000000000",
		1.5e-7: "1.5e-7", 1e-7: "1e-7", 1e-6: "0.000001", 0.1: "0.1", math.Inf(1): "Infinity", math.Inf(-1): "-Infinity",
	}
	for f, want := range cases {
		if got := jsNumber(f); got != want {
			t.Errorf("jsNumber(%v) = %q, want %q", f, got, want)
		}
	}
	if got := jsNumber(math.NaN()); got != "NaN" {
		t.Errorf("jsNumber(NaN) = %q", got)
	}
}
