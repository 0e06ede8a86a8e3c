package streamprocessor

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/tetratelabs/wazero/api"
)

// Why a mapping did or did not fire: the module's explain record (docs/ABI.md
// "Explain record", ABI version 2) decoded into the report the Node host's
// StreamProcessor.explain() returns (host/explain.ts), same shape and JSON names.

// Explanation is what Explain returns: counters since the processor was created.
type Explanation struct {
	Mappings []MappingReport `json:"mappings"`
	Sources  []SourceReport  `json:"sources"`
	Dropped  DroppedReport   `json:"dropped"`
}

// MappingReport is the counters of one mapping.
type MappingReport struct {
	Path string `json:"path"`
	// Kind is "constant", "volatile" or "dynamic".
	Kind         string   `json:"kind"`
	Dependencies []string `json:"dependencies"`
	// WaitingFor is the dependencies that have no value yet: a dynamic mapping
	// fires only when it is empty.
	WaitingFor []string `json:"waitingFor"`
	// Outputs is the output messages emitted.
	Outputs uint64 `json:"outputs"`
	// Skipped is the times one of its aliases arrived while another
	// dependency had no value yet.
	Skipped uint64 `json:"skipped"`
	// Errors is the error records (NaN results, TypeErrors, limits, …).
	Errors uint64 `json:"errors"`
	// ErrorsByCode is the error records by code name (codes 10..19).
	ErrorsByCode map[string]uint64 `json:"errorsByCode"`
	// LastError is the last error record of this mapping seen by this processor.
	LastError *LastError `json:"lastError,omitempty"`
}

// LastError is a mapping's last error record.
type LastError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// SourceReport is the counters of one source alias.
type SourceReport struct {
	Alias    string `json:"alias"`
	Topic    string `json:"topic"`
	HasValue bool   `json:"hasValue"`
	// Updates is the valid messages on its topic.
	Updates uint64 `json:"updates"`
	// Invalid is the messages on its topic whose payload was rejected.
	Invalid uint64 `json:"invalid"`
	// LastTimestampMs is timestamp_ms of the last valid message; nil if none.
	LastTimestampMs *float64 `json:"lastTimestampMs,omitempty"`
}

// DroppedReport says why inputs were dropped.
type DroppedReport struct {
	// NoTopic is the inputs without a umh_topic.
	NoTopic uint64 `json:"noTopic"`
	// UnknownTopic is the inputs on a topic that is no source.
	UnknownTopic uint64 `json:"unknownTopic"`
	// NearMisses is up to 16 dropped topics within two edits (ASCII case
	// ignored) of a source topic, most messages first.
	NearMisses []NearMiss `json:"nearMisses"`
	// NearMissesNotListed is the near-miss messages on further topics once
	// the 16 places are taken.
	NearMissesNotListed uint64 `json:"nearMissesNotListed"`
}

// NearMiss is a dropped topic that nearly matches a source topic.
type NearMiss struct {
	Topic string `json:"topic"`
	// DidYouMean is the source topic it nearly matches.
	DidYouMean string `json:"didYouMean"`
	// Count is the messages dropped on it.
	Count uint64 `json:"count"`
}

// Explain reports why each mapping did or did not fire: per mapping, its
// counters and the dependencies it still waits for; per source, its updates
// and rejected payloads; why inputs were dropped, and dropped topics that
// nearly match a source topic. Counters since the processor was created.
//
// # Errors
//
// The processor is closed, the module has ABI version 1 (no explain export),
// or the module returned a malformed record (a module bug).
func (p *processor) Explain(ctx context.Context) (*Explanation, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.in == nil {
		return nil, errors.New("stream_processor: processor is closed")
	}
	rec, err := p.explain.read(ctx, p.in)
	if err != nil {
		return nil, err
	}
	return p.explain.report(rec), nil
}

// Explain record layout (docs/ABI.md "Explain record").
const (
	explainLayout               = 2
	explainHeaderBytes          = 48
	explainMappingBytes         = 72
	explainSourceBytes          = 32
	explainNearMissBytes        = 16
	explainFirstCode            = 10 // errors_by_code counts codes 10..19
	explainCodeSlots            = 10
	batchFlagTrace       uint32 = 1 // batch header flags bit 0: write trace records
)

var kindNames = [...]string{"constant", "volatile", "dynamic"}

const kindDynamic = 2

type mappingCounters struct {
	outputs, skipped, errors uint64
	lastErrorCode            uint32
	errorsByCode             [explainCodeSlots]uint32
}

type sourceCounters struct {
	updates, invalid uint64
	lastTimestampMs  float64 // NaN: none yet
	hasValue         bool
}

type nearMissRecord struct {
	alias int32
	count uint64
	topic string
}

// explainRecord is the explain record, decoded.
type explainRecord struct {
	droppedNoTopic, droppedUnknownTopic, nearMissesNotListed uint64
	mappings                                                 []mappingCounters
	sources                                                  []sourceCounters
	nearMisses                                               []nearMissRecord
}

// decodeExplain decodes b into rec, reusing its slices, and checks the counts
// against the program's.
func decodeExplain(rec *explainRecord, b []byte, mappings, sources int) error {
	le := binary.LittleEndian
	bad := func(what string) error {
		return fmt.Errorf("stream_processor: explain record %s (module bug)", what)
	}
	if len(b) < explainHeaderBytes {
		return bad("shorter than its header")
	}
	if v := le.Uint32(b); v != explainLayout {
		return bad(fmt.Sprintf("has layout %d, not %d", v, explainLayout))
	}
	mc, sc, nc := le.Uint32(b[4:]), le.Uint32(b[8:]), le.Uint32(b[12:])
	if int(mc) != mappings || int(sc) != sources {
		return bad(fmt.Sprintf("has %d mappings and %d sources, not %d and %d", mc, sc, mappings, sources))
	}
	p := uint64(explainHeaderBytes) + uint64(mc)*explainMappingBytes + uint64(sc)*explainSourceBytes
	if p > uint64(len(b)) {
		return bad("truncated")
	}
	rec.droppedNoTopic, rec.droppedUnknownTopic, rec.nearMissesNotListed = le.Uint64(b[16:]), le.Uint64(b[24:]), le.Uint64(b[32:])
	rec.mappings = slices.Grow(rec.mappings[:0], int(mc))[:mc]
	q := b[explainHeaderBytes:]
	for i := range rec.mappings {
		m := &rec.mappings[i]
		m.outputs, m.skipped, m.errors = le.Uint64(q), le.Uint64(q[8:]), le.Uint64(q[16:])
		m.lastErrorCode = le.Uint32(q[24:])
		for k := range m.errorsByCode {
			m.errorsByCode[k] = le.Uint32(q[32+4*k:])
		}
		q = q[explainMappingBytes:]
	}
	rec.sources = slices.Grow(rec.sources[:0], int(sc))[:sc]
	for i := range rec.sources {
		s := &rec.sources[i]
		s.updates, s.invalid = le.Uint64(q), le.Uint64(q[8:])
		s.lastTimestampMs = math.Float64frombits(le.Uint64(q[16:]))
		s.hasValue = le.Uint32(q[24:]) != 0
		q = q[explainSourceBytes:]
	}
	rec.nearMisses = rec.nearMisses[:0]
	for range nc {
		if p+explainNearMissBytes > uint64(len(b)) {
			return bad("truncated in its near misses")
		}
		alias, n := int32(le.Uint32(b[p:])), uint64(le.Uint32(b[p+4:]))
		start := p + explainNearMissBytes
		if start+n > uint64(len(b)) || alias < 0 || int(alias) >= sources {
			return bad("has a malformed near miss")
		}
		rec.nearMisses = append(rec.nearMisses, nearMissRecord{alias: alias, count: le.Uint64(b[p+8:]), topic: string(b[start : start+n])})
		p = uint64(pad4(uint32(start + n)))
	}
	return nil
}

// explainer is the processor's side of the explain record and the trace: the
// program they are about, the last error of each mapping, and the per-mapping
// metrics and logs fed from them (mapping_metrics.go).
type explainer struct {
	explainFn, tracePtrFn, traceLenFn api.Function // nil: an ABI-1 module
	stack                             [1]uint64
	mappings                          []mappingInfo
	paths                             []string
	aliases, aliasTopics              []string
	lastErrors                        []*ProcessError // per mapping index
	rec                               explainRecord   // reused by every read
	reporter                          *mappingReporter
}

var errNoExplain = errors.New("stream_processor: the module has ABI version 1, without explain and trace (docs/ABI.md); use a module of version 2")

// newExplainer reads the program description of the configured instance in.
func newExplainer(ctx context.Context, in *instance) (*explainer, error) {
	d, err := in.describe(ctx)
	if err != nil {
		return nil, err
	}
	x := &explainer{
		mappings: d.mappings, aliases: d.aliases, aliasTopics: d.aliasTopics,
		lastErrors: make([]*ProcessError, len(d.mappings)),
	}
	for _, m := range d.mappings {
		for _, a := range m.deps {
			if int(a) >= len(d.aliases) {
				return nil, fmt.Errorf("stream_processor: mapping %s depends on alias %d of %d (module bug)", m.path, a, len(d.aliases))
			}
		}
		x.paths = append(x.paths, m.path)
	}
	x.explainFn = in.mod.ExportedFunction("explain")
	x.tracePtrFn = in.mod.ExportedFunction("trace_ptr")
	x.traceLenFn = in.mod.ExportedFunction("trace_len")
	if x.explainFn == nil || x.tracePtrFn == nil || x.traceLenFn == nil {
		x.explainFn, x.tracePtrFn, x.traceLenFn = nil, nil, nil
	}
	return x, nil
}

// noteError keeps pe as the last error of its mapping (index mapping, -1: none).
func (x *explainer) noteError(mapping int32, pe *ProcessError) {
	if x != nil && mapping >= 0 && int(mapping) < len(x.lastErrors) {
		x.lastErrors[mapping] = pe
	}
}

// call calls an export without arguments that returns an i32.
func (x *explainer) call(ctx context.Context, f api.Function, name string) (int32, error) {
	if err := f.CallWithStack(ctx, x.stack[:]); err != nil {
		return 0, fmt.Errorf("stream_processor: module call %s failed: %w", name, err)
	}
	return int32(uint32(x.stack[0])), nil
}

// read calls explain and decodes the record into x.rec (valid until the next
// read). It overwrites the output area.
func (x *explainer) read(ctx context.Context, in *instance) (*explainRecord, error) {
	if x == nil || x.explainFn == nil {
		return nil, errNoExplain
	}
	n, err := x.call(ctx, x.explainFn, "explain")
	switch {
	case err != nil:
		return nil, err
	case n == -1:
		return nil, errors.New("stream_processor: explain: module not configured (engine bug)")
	case n < 0:
		return nil, errors.New("stream_processor: explain: the record does not fit the output area")
	}
	ptr, err := in.call(ctx, fnOutputPtr)
	if err != nil {
		return nil, err
	}
	b, err := in.view(uint32(ptr), uint32(n))
	if err != nil {
		return nil, err
	}
	if err := decodeExplain(&x.rec, b, len(x.mappings), len(x.aliases)); err != nil {
		return nil, err
	}
	return &x.rec, nil
}

// report is the Explanation of rec.
func (x *explainer) report(rec *explainRecord) *Explanation {
	e := &Explanation{Mappings: make([]MappingReport, len(x.mappings)), Sources: make([]SourceReport, len(x.aliases))}
	for i, m := range x.mappings {
		c := rec.mappings[i]
		r := MappingReport{
			Path: m.path, Kind: kindName(m.kind), Dependencies: []string{}, WaitingFor: []string{},
			Outputs: c.outputs, Skipped: c.skipped, Errors: c.errors, ErrorsByCode: map[string]uint64{},
		}
		for _, d := range m.deps {
			r.Dependencies = append(r.Dependencies, x.aliases[d])
			if !rec.sources[d].hasValue {
				r.WaitingFor = append(r.WaitingFor, x.aliases[d])
			}
		}
		for k, n := range c.errorsByCode {
			if n > 0 {
				r.ErrorsByCode[codeName(uint32(explainFirstCode+k))] = uint64(n)
			}
		}
		if pe := x.lastErrors[i]; pe != nil {
			r.LastError = &LastError{Code: pe.Code, Message: pe.Message}
		}
		e.Mappings[i] = r
	}
	for i, s := range rec.sources {
		r := SourceReport{Alias: x.aliases[i], Topic: x.aliasTopics[i], HasValue: s.hasValue, Updates: s.updates, Invalid: s.invalid}
		if !math.IsNaN(s.lastTimestampMs) {
			t := s.lastTimestampMs
			r.LastTimestampMs = &t
		}
		e.Sources[i] = r
	}
	e.Dropped = DroppedReport{NoTopic: rec.droppedNoTopic, UnknownTopic: rec.droppedUnknownTopic,
		NearMisses: []NearMiss{}, NearMissesNotListed: rec.nearMissesNotListed}
	for _, n := range rec.nearMisses {
		e.Dropped.NearMisses = append(e.Dropped.NearMisses, NearMiss{Topic: n.topic, DidYouMean: x.aliasTopics[n.alias], Count: n.count})
	}
	slices.SortStableFunc(e.Dropped.NearMisses, func(a, b NearMiss) int {
		switch {
		case a.Count > b.Count:
			return -1
		case a.Count < b.Count:
			return 1
		}
		return 0
	})
	return e
}

func kindName(kind uint32) string {
	if int(kind) < len(kindNames) {
		return kindNames[kind]
	}
	return fmt.Sprintf("kind_%d", kind)
}
