package streamprocessor

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// The per-input trace (docs/ABI.md "Trace records", ABI version 2): a batch
// whose header has flag bit 0 set makes `process` write one record per input.
// Off by default; a batch asks for it through its context (ProcessBatchTraced),
// so a plain ProcessBatch pays one context lookup and nothing else.

// TraceEntry is what became of one input (the Node host's TraceEntry).
type TraceEntry struct {
	// Index of the input in the batch.
	Index int    `json:"index"`
	Topic string `json:"topic,omitempty"`
	// Outcome is "processed" (a valid message on a source topic), "dropped",
	// or "invalid" (its payload was rejected).
	Outcome string `json:"outcome"`
	// Reason says why it was dropped: "no topic" or "unknown topic".
	Reason string `json:"reason,omitempty"`
	// DidYouMean is, for an unknown topic within two edits of a source topic,
	// that topic.
	DidYouMean string `json:"didYouMean,omitempty"`
	// Alias is the alias whose topic it arrived on.
	Alias string `json:"alias,omitempty"`
	// Mappings is the mappings it triggered, in declaration order.
	Mappings []TraceMapping `json:"mappings"`
	// NotDependent is, for a processed input, the dynamic mappings that do
	// not depend on its alias (not evaluated).
	NotDependent []string `json:"notDependent,omitempty"`
}

// TraceMapping is what became of one mapping an input triggered.
type TraceMapping struct {
	Path string `json:"path"`
	// Result is "fired" (an output), "skipped" or "error" (an error record).
	Result string `json:"result"`
	// WaitingFor is, when skipped, the first dependency without a value.
	WaitingFor string `json:"waitingFor,omitempty"`
	// Code is, for an error, the error code's name.
	Code string `json:"code,omitempty"`
}

// ProcessBatchTraced is ProcessBatch that also returns one TraceEntry per
// input, in input order, saying what became of it and of each mapping it
// triggered.
//
// # Errors
//
// Those of ProcessBatch; the module has ABI version 1 (no trace).
func (p *processor) ProcessBatchTraced(ctx context.Context, batch service.MessageBatch) ([]service.MessageBatch, []TraceEntry, error) {
	if p.explain == nil || p.explain.tracePtrFn == nil {
		return nil, nil, errNoExplain
	}
	sink := &traceSink{}
	out, err := p.ProcessBatch(context.WithValue(ctx, traceKey{}, sink), batch)
	if err != nil {
		return nil, nil, err
	}
	return out, sink.entries, nil
}

type traceKey struct{}

// traceSink collects the trace entries of one batch (of all its parts).
type traceSink struct{ entries []TraceEntry }

func traceSinkOf(ctx context.Context) *traceSink {
	s, _ := ctx.Value(traceKey{}).(*traceSink)
	return s
}

// batchFlags is the batch header flags for a batch processed with ctx.
func batchFlags(ctx context.Context) uint32 {
	if traceSinkOf(ctx) != nil {
		return batchFlagTrace
	}
	return 0
}

// traceRecord is one input's trace record; entries are [mapping, result, detail].
type traceRecord struct {
	input, outcome uint32
	alias          int32
	entries        [][3]int32
}

const traceRecordBytes, traceEntryBytes = 16, 12

func decodeTrace(b []byte) ([]traceRecord, error) {
	le := binary.LittleEndian
	var recs []traceRecord
	for p := uint64(0); p < uint64(len(b)); {
		if p+traceRecordBytes > uint64(len(b)) {
			return nil, fmt.Errorf("stream_processor: trace record at byte %d truncated (module bug)", p)
		}
		r := traceRecord{input: le.Uint32(b[p:]), outcome: le.Uint32(b[p+4:]), alias: int32(le.Uint32(b[p+8:]))}
		n := uint64(le.Uint32(b[p+12:]))
		p += traceRecordBytes
		if p+n*traceEntryBytes > uint64(len(b)) {
			return nil, fmt.Errorf("stream_processor: trace record of input %d truncated (module bug)", r.input)
		}
		for range n {
			r.entries = append(r.entries, [3]int32{int32(le.Uint32(b[p:])), int32(le.Uint32(b[p+4:])), int32(le.Uint32(b[p+8:]))})
			p += traceEntryBytes
		}
		recs = append(recs, r)
	}
	return recs, nil
}

var (
	traceOutcomes = [...]string{"processed", "dropped", "dropped", "invalid"}
	traceResults  = [...]string{"fired", "skipped", "error"}
)

// collectTrace adds the trace of the last process call, over part (which
// starts at index offset of the whole batch), to sink.
func (x *explainer) collectTrace(ctx context.Context, in *instance, sink *traceSink, part service.MessageBatch, offset int) error {
	ptr, err := x.call(ctx, x.tracePtrFn, "trace_ptr")
	if err != nil {
		return err
	}
	n, err := x.call(ctx, x.traceLenFn, "trace_len")
	if err != nil {
		return err
	}
	b, err := in.view(uint32(ptr), uint32(n))
	if err != nil {
		return err
	}
	recs, err := decodeTrace(b)
	if err != nil {
		return err
	}
	for _, r := range recs {
		e, err := x.traceEntry(r, part)
		if err != nil {
			return err
		}
		e.Index += offset
		sink.entries = append(sink.entries, e)
	}
	return nil
}

func (x *explainer) traceEntry(r traceRecord, part service.MessageBatch) (TraceEntry, error) {
	bad := func() (TraceEntry, error) {
		return TraceEntry{}, fmt.Errorf("stream_processor: trace record of input %d is malformed (module bug)", r.input)
	}
	validAlias := r.alias >= 0 && int(r.alias) < len(x.aliases)
	if int(r.input) >= len(part) || int(r.outcome) >= len(traceOutcomes) || (r.outcome == 0 || r.outcome == 3) && !validAlias {
		return bad()
	}
	e := TraceEntry{Index: int(r.input), Outcome: traceOutcomes[r.outcome], Mappings: []TraceMapping{}}
	e.Topic, _ = part[r.input].MetaGet(TopicKey)
	switch r.outcome {
	case 0, 3:
		e.Alias = x.aliases[r.alias]
	case 1:
		e.Reason = "no topic"
	case 2:
		e.Reason = "unknown topic"
		if validAlias {
			e.DidYouMean = x.aliasTopics[r.alias]
		}
	}
	for _, en := range r.entries {
		mapping, result, detail := en[0], en[1], en[2]
		if mapping < 0 || int(mapping) >= len(x.paths) || result < 0 || int(result) >= len(traceResults) {
			return bad()
		}
		m := TraceMapping{Path: x.paths[mapping], Result: traceResults[result]}
		switch {
		case result == 1 && detail >= 0 && int(detail) < len(x.aliases):
			m.WaitingFor = x.aliases[detail]
		case result == 2:
			m.Code = codeName(uint32(detail))
		}
		e.Mappings = append(e.Mappings, m)
	}
	if r.outcome == 0 {
		for i, m := range x.mappings {
			if m.kind == kindDynamic && !dependsOn(m, uint32(r.alias)) {
				e.NotDependent = append(e.NotDependent, x.paths[i])
			}
		}
	}
	return e, nil
}

func dependsOn(m mappingInfo, alias uint32) bool {
	for _, d := range m.deps {
		if d == alias {
			return true
		}
	}
	return false
}

// traceOversized adds the entry of an input the engine itself reported as
// payload_too_large (the module never saw it) to the batch's trace, if any.
func traceOversized(ctx context.Context, msg *service.Message, index int) {
	if sink := traceSinkOf(ctx); sink != nil {
		topic, _ := msg.MetaGet(TopicKey)
		sink.entries = append(sink.entries, TraceEntry{Index: index, Topic: topic, Outcome: "invalid", Mappings: []TraceMapping{}})
	}
}
