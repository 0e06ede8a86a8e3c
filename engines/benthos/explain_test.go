package streamprocessor

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// Explain and the trace, checked against what the processor actually did (the
// Go side of tests/host/explain.test.ts).

const (
	xBase  = "umh.v1.corpA.plant-A.aawd"
	xPress = xBase + "._raw.press"
	xTemp  = xBase + "._raw.tempF"
	xRun   = xBase + "._raw.run"
)

// xPump is tests/host/pump.ts's PUMP.
var xPump = `{"mode":"timeseries","model":{"name":"pump","version":"v1"},"output_topic":"` + xBase + `",
	"sources":{"press":"` + xPress + `","tF":"` + xTemp + `","r":"` + xRun + `"},
	"mapping":{"pressure":"press + 4.00001","temperature":"tF * 69 / 31","combined":"press + tF",
	"motor":{"rpm":"press / 4"},"status":"r ? \"active\" : \"inactive\"","serialNumber":"\"SN-P42-008\""}}`

// newExplainProcessor is a processor of config (on_error forward: errored
// inputs come out with their error records).
func newExplainProcessor(t testing.TB, config string) *processor {
	t.Helper()
	wasm, err := moduleBytes("")
	must(t, err)
	p, err := newProcessor(context.Background(), wasm, []byte(config), 1, defaultLimits, service.MockResources().Metrics())
	must(t, err)
	t.Cleanup(func() { _ = p.Close(context.Background()) })
	return p
}

// xMsg is a message on topic ("": none) with payload {"value": value, "timestamp_ms": ts}.
func xMsg(topic string, value any, ts int) *service.Message {
	v, _ := json.Marshal(value)
	return xRaw(topic, fmt.Sprintf(`{"value":%s,"timestamp_ms":%d}`, v, ts))
}

func xRaw(topic, payload string) *service.Message {
	m := service.NewMessage([]byte(payload))
	if topic != "" {
		m.MetaSetMut(TopicKey, topic)
	}
	return m
}

func explainNow(t testing.TB, p *processor) *Explanation {
	t.Helper()
	e, err := p.Explain(context.Background())
	must(t, err)
	return e
}

func mappingReport(t testing.TB, p *processor, path string) MappingReport {
	t.Helper()
	for _, m := range explainNow(t, p).Mappings {
		if m.Path == path {
			return m
		}
	}
	t.Fatalf("no mapping %s", path)
	return MappingReport{}
}

func sourceReport(t testing.TB, p *processor, alias string) SourceReport {
	t.Helper()
	for _, s := range explainNow(t, p).Sources {
		if s.Alias == alias {
			return s
		}
	}
	t.Fatalf("no source %s", alias)
	return SourceReport{}
}

func process(t testing.TB, p *processor, msgs ...*service.Message) service.MessageBatch {
	t.Helper()
	out, err := p.ProcessBatch(context.Background(), msgs)
	must(t, err)
	if len(out) == 0 {
		return nil
	}
	return out[0]
}

func TestExplain_WaitingMapping_NamesTheAlias_FiresOnceItArrives(t *testing.T) {
	p := newExplainProcessor(t, xPump)
	c := mappingReport(t, p, "combined")
	if c.Kind != "dynamic" || !reflect.DeepEqual(c.Dependencies, []string{"press", "tF"}) || !reflect.DeepEqual(c.WaitingFor, []string{"press", "tF"}) || c.Outputs != 0 || c.Skipped != 0 {
		t.Fatalf("before any input: %+v", c)
	}
	process(t, p, xMsg(xPress, 10, 1000), xMsg(xPress, 11, 1000))
	c = mappingReport(t, p, "combined")
	if !reflect.DeepEqual(c.WaitingFor, []string{"tF"}) || c.Outputs != 0 || c.Skipped != 2 {
		t.Fatalf("after two press inputs: %+v", c)
	}
	if s := sourceReport(t, p, "tF"); !reflect.DeepEqual(s, SourceReport{Alias: "tF", Topic: xTemp}) {
		t.Fatalf("tF before it arrives: %+v", s)
	}
	out := process(t, p, xMsg(xTemp, 70, 2000))
	if !slicesContain(outputTopics(out), "combined") { // outputTopics cuts the output topic prefix
		t.Fatalf("combined did not fire: %v", outputTopics(out))
	}
	c = mappingReport(t, p, "combined")
	if len(c.WaitingFor) != 0 || c.WaitingFor == nil || c.Outputs != 1 || c.Skipped != 2 {
		t.Fatalf("after tF arrived: %+v", c)
	}
	s := sourceReport(t, p, "tF")
	if !s.HasValue || s.Updates != 1 || s.Invalid != 0 || s.LastTimestampMs == nil || *s.LastTimestampMs != 2000 {
		t.Fatalf("tF after it arrived: %+v", s)
	}
	if k := mappingReport(t, p, "serialNumber").Kind; k != "constant" {
		t.Errorf("serialNumber is %s, want constant", k)
	}
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestExplain_ErrorsByCode_KeepsTheLastErrorMessage(t *testing.T) {
	p := newExplainProcessor(t, xPump)
	process(t, p, xMsg(xPress, "abc", 1000), xMsg(xPress, 4, 1000)) // motor.rpm: "abc" / 4 is NaN
	process(t, p, xRaw(xPress, "{oops"))
	m := mappingReport(t, p, "motor.rpm")
	want := MappingReport{Path: "motor.rpm", Kind: "dynamic", Dependencies: []string{"press"}, WaitingFor: []string{},
		Outputs: 1, Errors: 1, ErrorsByCode: map[string]uint64{"non_finite_result": 1},
		LastError: &LastError{Code: "non_finite_result", Message: "result is NaN"}}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("motor.rpm: %+v (last error %+v), want %+v", m, m.LastError, want)
	}
	if s := sourceReport(t, p, "press"); s.Updates != 2 || s.Invalid != 1 {
		t.Fatalf("press: %+v, want 2 updates and 1 invalid", s)
	}
}

func TestExplain_CaseOrTypoTopic_IsANearMiss_OthersNot(t *testing.T) {
	p := newExplainProcessor(t, xPump)
	caseDiff := strings.Replace(xPress, "press", "Press", 1)
	typo := strings.Replace(xTemp, "tempF", "tmepF", 1)
	process(t, p, xMsg(caseDiff, 1, 1), xMsg(caseDiff, 2, 1), xMsg(typo, 3, 1), xMsg(xBase+"._raw.vibration", 4, 1), xMsg("", 5, 1), xMsg(caseDiff, 6, 1))
	got := explainNow(t, p).Dropped
	want := DroppedReport{NoTopic: 1, UnknownTopic: 5, NearMisses: []NearMiss{
		{Topic: caseDiff, DidYouMean: xPress, Count: 3},
		{Topic: typo, DidYouMean: xTemp, Count: 1},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("dropped: %+v, want %+v", got, want)
	}
}

// xStream is a generated stream: every source, bad payloads, errors, unknown
// and missing topics, and a case-different topic.
func xStream(n int, seed uint32) []*service.Message {
	s := seed
	rnd := func() float64 { s = s*1103515245 + 12345; return float64(s) / (1 << 32) }
	out := make([]*service.Message, 0, n)
	for i := range n {
		ts := i + 1
		switch k := rnd(); {
		case k < 0.35:
			if rnd() < 0.1 {
				out = append(out, xMsg(xPress, "n/a", ts))
			} else {
				out = append(out, xMsg(xPress, float64(int(rnd()*1000))/10, ts))
			}
		case k < 0.6:
			out = append(out, xMsg(xTemp, rnd()*200, ts))
		case k < 0.7:
			out = append(out, xMsg(xRun, rnd() < 0.5, ts))
		case k < 0.78:
			payload := `{"value":null,"timestamp_ms":1}`
			if rnd() < 0.5 {
				payload = "{bad"
			}
			out = append(out, xRaw([]string{xPress, xTemp, xRun}[i%3], payload))
		case k < 0.88:
			out = append(out, xMsg(fmt.Sprintf("%s._raw.other%d", xBase, i%50), 1, ts))
		case k < 0.93:
			out = append(out, xMsg(strings.ToUpper(xRun), 1, ts))
		default:
			out = append(out, xMsg("", 1, ts))
		}
	}
	return out
}

// resultLines is what a batch's result says, one line per message: "out
// <input> <path>" for an output, "err <input> <mapping:code>…" for an errored
// input ("input" for a rejected payload).
func resultLines(t testing.TB, out service.MessageBatch, pathOf map[string]string) []string {
	t.Helper()
	var lines []string
	for _, m := range out {
		if m.GetError() == nil {
			topic, _ := m.MetaGet(TopicKey)
			lines = append(lines, "out "+pathOf[topic])
			continue
		}
		pes := processErrors(m.GetError())
		line := fmt.Sprintf("err %d", pes[0].Index)
		for _, pe := range pes {
			if pe.Mapping == "" {
				line += " input"
			} else {
				line += " " + pe.Mapping + ":" + pe.Code
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// traceLines is the same from the trace: each fired mapping an output line,
// then an error line for an input with error entries or a rejected payload.
func traceLines(trace []TraceEntry) []string {
	var lines []string
	for _, e := range trace {
		errLine := fmt.Sprintf("err %d", e.Index)
		errored := e.Outcome == "invalid"
		if errored {
			errLine += " input"
		}
		for _, m := range e.Mappings {
			switch m.Result {
			case "fired":
				lines = append(lines, "out "+m.Path)
			case "error":
				errLine += " " + m.Path + ":" + m.Code
				errored = true
			}
		}
		if errored {
			lines = append(lines, errLine)
		}
	}
	return lines
}

func TestExplainAndTrace_Over100kMessages_AgreeWithWhatWasProduced(t *testing.T) {
	ctx := context.Background()
	p := newExplainProcessor(t, xPump)
	pathOf := pathsByTopic(p)
	outputs, errs, skipped := map[string]uint64{}, map[string]uint64{}, map[string]uint64{}
	updates, invalid := map[string]uint64{}, map[string]uint64{}
	var dropped, noTopic uint64
	msgs := xStream(100_000, 7)
	for start := 0; start < len(msgs); start += 1000 {
		batch := service.MessageBatch(msgs[start : start+1000])
		out, trace, err := p.ProcessBatchTraced(ctx, batch)
		must(t, err)
		var result service.MessageBatch
		if len(out) > 0 {
			result = out[0]
		}
		if len(trace) != len(batch) {
			t.Fatalf("batch at %d: %d trace entries for %d inputs", start, len(trace), len(batch))
		}
		for k, e := range trace {
			if e.Index != k {
				t.Fatalf("batch at %d: trace entry %d has index %d", start, k, e.Index)
			}
			if topic, _ := batch[k].MetaGet(TopicKey); e.Topic != topic {
				t.Fatalf("batch at %d: trace entry %d has topic %q, the input %q", start, k, e.Topic, topic)
			}
		}
		if got, want := resultLines(t, result, pathOf), traceLines(trace); !reflect.DeepEqual(got, want) {
			t.Fatalf("batch at %d: the result and the trace disagree:\nresult %v\ntrace  %v", start, first(got, 20), first(want, 20))
		}
		for _, m := range result {
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
		for _, e := range trace {
			for _, m := range e.Mappings {
				if m.Result == "skipped" {
					skipped[m.Path]++
				}
			}
			switch {
			case e.Outcome == "processed":
				updates[e.Alias]++
			case e.Outcome == "invalid":
				invalid[e.Alias]++
			case e.Reason == "no topic":
				noTopic++
				dropped++
			default:
				dropped++
			}
		}
	}
	e := explainNow(t, p)
	for _, m := range e.Mappings {
		if m.Outputs != outputs[m.Path] || m.Errors != errs[m.Path] || m.Skipped != skipped[m.Path] {
			t.Errorf("%s: explain says %d outputs, %d errors, %d skipped; produced %d outputs, %d error records, %d skips in the trace",
				m.Path, m.Outputs, m.Errors, m.Skipped, outputs[m.Path], errs[m.Path], skipped[m.Path])
		}
	}
	for _, s := range e.Sources {
		if s.Updates != updates[s.Alias] || s.Invalid != invalid[s.Alias] {
			t.Errorf("%s: explain says %d updates, %d invalid; the trace %d, %d", s.Alias, s.Updates, s.Invalid, updates[s.Alias], invalid[s.Alias])
		}
	}
	metrics, err := p.in.metrics(ctx)
	must(t, err)
	if e.Dropped.NoTopic != noTopic || e.Dropped.NoTopic+e.Dropped.UnknownTopic != dropped || dropped != metrics[metricDropped] {
		t.Errorf("dropped: explain %d without topic + %d unknown; trace %d without topic of %d; messages_dropped %d",
			e.Dropped.NoTopic, e.Dropped.UnknownTopic, noTopic, dropped, metrics[metricDropped])
	}
	if len(e.Dropped.NearMisses) != 1 || e.Dropped.NearMisses[0].Topic != strings.ToUpper(xRun) || e.Dropped.NearMisses[0].DidYouMean != xRun || e.Dropped.NearMisses[0].Count == 0 {
		t.Errorf("near misses %+v, want only the upper-case run topic", e.Dropped.NearMisses)
	}
	var sumOutputs, sumErrors uint64
	for _, m := range e.Mappings {
		sumOutputs += m.Outputs
		sumErrors += m.Errors
	}
	if sumOutputs != metrics[4] || sumErrors != metrics[metricExpressionErrors] {
		t.Errorf("explain sums %d outputs, %d errors; metrics outputs_generated %d, expression_errors %d", sumOutputs, sumErrors, metrics[4], metrics[metricExpressionErrors])
	}
	if len(outputs) <= 4 || len(skipped) == 0 || len(errs) == 0 {
		t.Errorf("the stream exercises too little: outputs by %v, skips by %v, errors by %v", outputs, skipped, errs)
	}
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

func pathsByTopic(p *processor) map[string]string {
	pathOf := map[string]string{}
	for i, topic := range p.topics {
		pathOf[topic] = p.paths[i]
	}
	return pathOf
}

// A batch larger than the input area is processed in parts: the trace covers
// every input with its index in the whole batch.
func TestTrace_BatchInParts_IndexesOverTheWholeBatch(t *testing.T) {
	ctx := context.Background()
	wasm, err := moduleBytes("")
	must(t, err)
	p, err := newProcessor(ctx, wasm, []byte(xPump), 1, limits{payloadBytes: 1 << 10, inputAreaBytes: 64 << 10}, service.MockResources().Metrics())
	must(t, err)
	defer p.Close(ctx)
	var batch service.MessageBatch
	for i := range 3000 { // about 60 bytes a record: three parts
		batch = append(batch, xMsg([]string{xPress, xTemp, "", xRun}[i%4], i, i))
	}
	out, trace, err := p.ProcessBatchTraced(ctx, batch)
	must(t, err)
	if len(trace) != len(batch) {
		t.Fatalf("%d trace entries for %d inputs", len(trace), len(batch))
	}
	for k, e := range trace {
		if e.Index != k {
			t.Fatalf("trace entry %d has index %d", k, e.Index)
		}
	}
	if got, want := resultLines(t, out[0], pathsByTopic(p)), traceLines(trace); !reflect.DeepEqual(got, want) || len(got) < len(batch)/2 {
		t.Fatalf("the result (%d messages) and the trace (%d lines) disagree", len(got), len(want))
	}
}

func TestTrace_PlainProcessBatch_WritesNoTrace(t *testing.T) {
	p := newExplainProcessor(t, xPump)
	_, trace, err := p.ProcessBatchTraced(context.Background(), service.MessageBatch{xMsg(xPress, 1, 1)})
	must(t, err)
	if len(trace) != 1 || trace[0].Outcome != "processed" || trace[0].Alias != "press" {
		t.Fatalf("trace %+v", trace)
	}
	process(t, p, xMsg(xPress, 2, 2))
	n, err := p.explain.call(context.Background(), p.explain.traceLenFn, "trace_len")
	must(t, err)
	if n != 0 {
		t.Errorf("a batch without the trace flag left %d bytes of trace records", n)
	}
}
