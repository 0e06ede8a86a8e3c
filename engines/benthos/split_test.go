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

// Batches larger than the module's input area: processed in parts, with the
// result of processing the messages one after another; a single message too
// large for the area is an errored input (payload_too_large).

const (
	splitPress = "umh.v1.corpA.plant-A.aawd._raw.press"
	splitTemp  = "umh.v1.corpA.plant-A.aawd._raw.tempF"
	splitName  = "umh.v1.corpA.plant-A.aawd._raw.name"
	smallArea  = 512
)

const splitConfig = `{"model":{"name":"pump","version":"v1"},"output_topic":"umh.v1.corpA.plant-A.aawd",
"sources":{"press":"` + splitPress + `","tF":"` + splitTemp + `","name":"` + splitName + `"},
"mapping":{"pressure":"press + 4.00001","both":"press + tF","label":"` + "`${name}: ${press}`" + `","ratio":"press / tF"}}`

func splitMessage(topic, payload string, meta ...string) *service.Message {
	m := service.NewMessage([]byte(payload))
	if topic != "" {
		m.MetaSetMut(TopicKey, topic)
	}
	for i := 0; i+1 < len(meta); i += 2 {
		m.MetaSetMut(meta[i], meta[i+1])
	}
	return m
}

func splitReading(topic string, value any, ts int, meta ...string) *service.Message {
	b, _ := json.Marshal(map[string]any{"value": value, "timestamp_ms": ts})
	return splitMessage(topic, string(b), meta...)
}

// mixedBatch has every kind of input, multi-byte UTF-8 among them (sizes must
// be exact bytes), with oversized in the middle.
func mixedBatch(oversized *service.Message) service.MessageBatch {
	var batch service.MessageBatch
	for i := range 24 {
		tF := i - 5
		if i%7 == 3 {
			tF = 0 // ratio is Infinity: an error record
		}
		batch = append(batch,
			splitReading(splitPress, float64(i)*1.5, 1700000000000+i, "k", fmt.Sprintf("p%d", i)),
			splitReading(splitTemp, tF, 1700000000000+i),
			splitReading(splitName, "Ölpumpe €"+strings.Repeat("𝄞", i%9), 1700000000000+i, "k", "ü"))
		if i%6 == 2 {
			batch = append(batch,
				splitMessage(splitPress, "{not json"),
				splitReading("umh.v1.elsewhere", 1, 1),           // dropped
				splitMessage("", `{"value":1,"timestamp_ms":1}`)) // no topic: dropped
		}
		if i == 12 {
			batch = append(batch, oversized)
		}
	}
	return batch
}

type splitOutcome struct {
	Messages []string   // payload, metadata and errors of every message out, in order
	Metrics  [8]uint64  // the module's counters
	State    [][]string // outputs of probes that read every alias
}

// runSplit processes batches in order on a fresh processor with lim; error
// indexes count over all batches.
func runSplit(t *testing.T, lim limits, batches ...service.MessageBatch) splitOutcome {
	t.Helper()
	ctx := context.Background()
	wasm, err := moduleBytes("")
	must(t, err)
	p, err := newProcessor(ctx, wasm, []byte(splitConfig), 1, lim, service.MockResources().Metrics())
	must(t, err)
	defer p.Close(ctx)
	var o splitOutcome
	offset := 0
	describe := func(out []service.MessageBatch, offset int) []string {
		var lines []string
		for _, b := range out {
			for _, m := range b {
				payload, _ := m.AsBytes()
				line := fmt.Sprintf("%s %v", payload, metadata(m))
				for _, pe := range processErrors(m.GetError()) {
					line += fmt.Sprintf(" error[%d %s %s %q]", pe.Index+offset, pe.Code, pe.Mapping, pe.Message)
				}
				if m.GetError() != nil && len(processErrors(m.GetError())) == 0 {
					t.Fatalf("an error that is no ProcessError: %v", m.GetError())
				}
				lines = append(lines, line)
			}
		}
		return lines
	}
	for _, batch := range batches {
		out, err := p.ProcessBatch(ctx, batch)
		must(t, err)
		o.Messages = append(o.Messages, describe(out, offset)...)
		offset += len(batch)
	}
	o.Metrics = p.counters.last
	for _, probe := range []*service.Message{splitReading(splitPress, 1000, 1), splitReading(splitTemp, 8, 2), splitReading(splitName, "probe", 3)} {
		out, err := p.ProcessBatch(ctx, service.MessageBatch{probe})
		must(t, err)
		o.State = append(o.State, describe(out, 0))
	}
	return o
}

func framedSize(t *testing.T, batch service.MessageBatch) uint64 {
	recs, err := inputRecords(batch)
	must(t, err)
	size := uint64(batchHeaderBytes)
	for _, r := range recs {
		size += r.size()
	}
	return size
}

func oneByOne(batch service.MessageBatch) []service.MessageBatch {
	out := make([]service.MessageBatch, len(batch))
	for i, m := range batch {
		out[i] = service.MessageBatch{m}
	}
	return out
}

func TestProcessor_BatchOverTheInputArea_SplitWithTheResultOfOneByOne(t *testing.T) {
	// Over the payload limit, and alone over the area: still the module's payload_too_large.
	oversized := splitReading(splitPress, strings.Repeat("x", 900), 1)
	batch := mixedBatch(oversized)
	if size := framedSize(t, batch); size <= 10*smallArea {
		t.Fatalf("the batch (%d bytes) must need several parts", size)
	}
	small := limits{payloadBytes: 200, inputAreaBytes: smallArea}
	split := runSplit(t, small, batch)
	if byOne := runSplit(t, small, oneByOne(batch)...); !reflect.DeepEqual(split, byOne) {
		t.Fatalf("split batch:\n%v\none by one:\n%v", split, byOne)
	}
	if oneCall := runSplit(t, limits{payloadBytes: 200, inputAreaBytes: defaultLimits.inputAreaBytes}, batch); !reflect.DeepEqual(split, oneCall) {
		t.Fatalf("split batch:\n%v\none call:\n%v", split, oneCall)
	}
	at := -1
	for i, m := range batch {
		if m == oversized {
			at = i
		}
	}
	text := strings.Join(split.Messages, "\n")
	if !strings.Contains(text, fmt.Sprintf("error[%d payload_too_large  \"payload larger than 200 bytes\"]", at)) {
		t.Errorf("no payload_too_large for input %d:\n%s", at, text)
	}
	if split.Metrics[metricMessagesErrored] != 5 || split.Metrics[metricDropped] != 8 || len(split.Messages) < 100 {
		t.Errorf("metrics %v, %d messages", split.Metrics, len(split.Messages))
	}
}

func TestProcessor_MessageAloneOverTheArea_WithinThePayloadLimit_IsAnEngineError(t *testing.T) {
	oversized := splitReading(splitPress, strings.Repeat("y", 600), 1, "k", "big")
	batch := mixedBatch(oversized)
	at := -1
	var without service.MessageBatch
	for i, m := range batch {
		if m == oversized {
			at = i
		} else {
			without = append(without, m)
		}
	}
	got := runSplit(t, limits{payloadBytes: defaultLimits.payloadBytes, inputAreaBytes: smallArea}, batch)
	// The engine's error on the message itself; everything else is what the
	// batch without it gives in one call, whose error indexes past it shift by one.
	want := runSplit(t, defaultLimits, without)
	for i, line := range want.Messages {
		want.Messages[i] = shiftIndexes(line, at)
	}
	payload, _ := oversized.AsBytes()
	engineError := fmt.Sprintf(`%s map[k:big umh_topic:%s] error[%d payload_too_large  "message of %d bytes does not fit the input area of %d bytes"]`,
		payload, splitPress, at, framedSize(t, service.MessageBatch{oversized})-batchHeaderBytes, smallArea)
	found := -1
	for i, line := range got.Messages {
		if line == engineError {
			found = i
		}
	}
	if found < 0 {
		t.Fatalf("no engine error for input %d:\n%s", at, strings.Join(got.Messages, "\n"))
	}
	got.Messages = append(got.Messages[:found:found], got.Messages[found+1:]...)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("split batch:\n%v\nwithout the oversized message:\n%v", got, want)
	}
}

// shiftIndexes adds one to the error indexes at or past at in a line of runSplit.
func shiftIndexes(line string, at int) string {
	parts := strings.Split(line, " error[")
	for i := 1; i < len(parts); i++ {
		var index int
		fmt.Sscanf(parts[i], "%d", &index)
		if index >= at {
			parts[i] = fmt.Sprint(index+1) + strings.TrimPrefix(parts[i], fmt.Sprint(index))
		}
	}
	return strings.Join(parts, " error[")
}

func TestProcessor_OversizedMessageOnAnUnknownTopic_Dropped(t *testing.T) {
	batch := service.MessageBatch{splitReading(splitPress, 1, 1), splitReading("umh.v1.elsewhere", strings.Repeat("z", 900), 1), splitReading(splitPress, 2, 1)}
	split := runSplit(t, limits{payloadBytes: 100, inputAreaBytes: smallArea}, batch)
	if oneCall := runSplit(t, limits{payloadBytes: 100, inputAreaBytes: defaultLimits.inputAreaBytes}, batch); !reflect.DeepEqual(split, oneCall) {
		t.Fatalf("split batch:\n%v\none call:\n%v", split, oneCall)
	}
	if split.Metrics[metricDropped] != 1 || strings.Contains(strings.Join(split.Messages, "\n"), "error[") {
		t.Errorf("the unknown topic was not just dropped: %v", split)
	}
}
