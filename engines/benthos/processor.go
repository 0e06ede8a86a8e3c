package streamprocessor

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// TopicKey is the metadata key of a message's UNS topic.
const TopicKey = "umh_topic"

// processor is the stream_processor BatchProcessor: one module instance, its
// state shared by every pipeline thread.
type processor struct {
	mu        sync.Mutex
	in        *instance // nil once closed
	topics    []string  // output topic of each mapping index
	topicMeta []any     // the same, boxed once for MetaSetMut
	paths     []string  // path of each mapping index
	limits    limits
	counters  *counters
	explain   *explainer  // explain record, trace, per-mapping metrics and logs
	onError   onErrorMode // zero: forward
	errLog    *errorLog   // nil: errors are not logged
	// Scratch reused by every batch (under mu), emptied after it: the
	// input records, an input's metadata.
	recs []inputRecord
	meta metaScratch
	slab payloadSlab
}

// newProcessorFromConfig builds a processor from its Benthos config.
//
// # Errors
//
// A field of the wrong type; the module cannot be read, compiled or
// instantiated; the module rejects the config (the error holds every
// diagnostic, rendered by the module with path, expression and caret).
func newProcessorFromConfig(conf *service.ParsedConfig, res *service.Resources) (*processor, error) {
	mc, err := readConfig(conf)
	if err != nil {
		return nil, err
	}
	if mc.needs && !mc.ordered {
		res.Logger().Warnf("the key order of %s and %s is not known (Benthos passes plugin configs as unordered maps): outputs of one input follow sorted mapping paths, not declaration order; the benthos-sp binary keeps the order (see engines/README.md)", FieldSources, FieldMapping)
	}
	opts, err := readHostOptions(conf)
	if err != nil {
		return nil, err
	}
	wasm, err := moduleBytes(mc.wasmPath)
	if err != nil {
		return nil, err
	}
	p, err := newProcessor(context.Background(), wasm, mc.json, opts.seed, opts.limits, res.Metrics())
	if err != nil {
		return nil, err
	}
	p.onError, p.errLog = opts.onError, newErrorLog(res.Logger(), errorLogBurst, errorLogWindow)
	p.explain.enableReports(res.Metrics(), res.Logger())
	return p, nil
}

// newProcessor instantiates wasm, sets its limits and configures it with the
// config JSON.
func newProcessor(ctx context.Context, wasm, config []byte, seed uint32, lim limits, m *service.Metrics) (*processor, error) {
	in, err := newInstance(ctx, wasm)
	if err != nil {
		return nil, err
	}
	p, err := configure(ctx, in, config, seed, lim)
	if err == nil {
		p.explain, err = newExplainer(ctx, in)
	}
	if err == nil {
		p.counters = newCounters(m)
		var now [numMetrics]uint64
		if now, err = in.metrics(ctx); err == nil {
			p.counters.update(now)
			return p, nil
		}
	}
	_ = in.close(ctx)
	return nil, err
}

// configure sets the limits of in, configures it with the config JSON and
// reads its mapping table.
func configure(ctx context.Context, in *instance, config []byte, seed uint32, lim limits) (*processor, error) {
	if err := lim.set(ctx, in); err != nil {
		return nil, err
	}
	recs, err := in.configure(ctx, config, seed)
	if err != nil {
		return nil, err
	}
	if len(recs) > 0 {
		msgs := make([]string, len(recs))
		for i, r := range recs {
			msgs[i] = r.message
		}
		return nil, fmt.Errorf("stream_processor: invalid config:\n%s", strings.Join(msgs, "\n"))
	}
	d, err := in.describe(ctx)
	if err != nil {
		return nil, err
	}
	p := &processor{in: in, limits: lim}
	for _, m := range d.mappings {
		p.topics = append(p.topics, m.topic)
		p.topicMeta = append(p.topicMeta, m.topic)
		p.paths = append(p.paths, m.path)
	}
	return p, nil
}

// ProcessBatch runs the batch through the module, in one call when its frame
// fits the module's input area. The result, in input order: each input's
// outputs (in mapping declaration order), then the input itself if it has
// error records, with them set as its error. Dropped inputs are left out.
//
// A larger batch is processed in consecutive parts that fit, with the result
// of processing them one after another (Date.now() is read once for all); a
// single message too large for the area is an errored input
// (payload_too_large).
//
// # Errors
//
// A message has no byte form, or the module trapped (a module bug): every
// message of the batch then fails.
func (p *processor) ProcessBatch(ctx context.Context, batch service.MessageBatch) ([]service.MessageBatch, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.in == nil {
		return nil, errors.New("stream_processor: processor is closed")
	}
	recs, err := appendInputRecords(p.recs[:0], batch)
	defer func() { p.recs = clearRecords(recs) }()
	if err != nil {
		return nil, err
	}
	var nowMs float64 // read only by a program that reads the clock
	if p.in.readsClock {
		nowMs = nowMillis()
	}
	var out []service.MessageBatch
	size, fits, err := frame(ctx, p.in, recs, nowMs)
	switch {
	case err != nil:
	case fits:
		out, err = p.processFramed(ctx, size, batch, 0)
	default:
		out, err = p.processInParts(ctx, batch, recs, nowMs)
	}
	if err != nil {
		return nil, err
	}
	now, err := p.in.metrics(ctx)
	if err != nil {
		return nil, err
	}
	p.counters.update(now)
	p.explain.tick(ctx, p.in)
	if len(out) == 0 || len(out[0]) == 0 {
		return nil, nil
	}
	return out, nil
}

// processFramed is one module call for part, framed in size bytes at the
// input area; part starts at index offset of the whole batch. The result is
// one batch, or nil (see results).
func (p *processor) processFramed(ctx context.Context, size uint32, part service.MessageBatch, offset int) ([]service.MessageBatch, error) {
	count, err := p.in.process(ctx, size)
	if err != nil {
		return nil, err
	}
	if count < 0 {
		return nil, fmt.Errorf("stream_processor: the module rejected the batch (status %d, engine bug)", count)
	}
	if sink := traceSinkOf(ctx); sink != nil {
		if err := p.explain.collectTrace(ctx, p.in, sink, part, offset); err != nil {
			return nil, err
		}
	}
	return p.results(ctx, part, int(count), offset)
}

// processInParts processes a batch larger than the input area in consecutive
// parts that each fit, all with the same clock reading.
func (p *processor) processInParts(ctx context.Context, batch service.MessageBatch, recs []inputRecord, nowMs float64) ([]service.MessageBatch, error) {
	room := uint64(p.limits.inputAreaBytes) - batchHeaderBytes
	var out service.MessageBatch
	for start := 0; start < len(batch); {
		end, size := start, uint64(0)
		for ; end < len(batch) && size+recs[end].size() <= room; end++ {
			size += recs[end].size()
		}
		var part []service.MessageBatch
		var err error
		if end == start {
			part, err = p.processOversized(ctx, batch[start], recs[start], nowMs, start)
			end = start + 1
		} else {
			n, fits, ferr := frame(ctx, p.in, recs[start:end], nowMs)
			if ferr == nil && !fits {
				ferr = fmt.Errorf("stream_processor: a part of %d messages sized to fit the input area did not (engine bug)", end-start)
			}
			if err = ferr; err == nil {
				part, err = p.processFramed(ctx, n, batch[start:end], start)
			}
		}
		if err != nil {
			return nil, err
		}
		if len(part) > 0 {
			out = append(out, part[0]...)
		}
		start = end
	}
	return []service.MessageBatch{out}, nil
}

// processOversized handles one message whose record alone is larger than the
// input area. The module checks the topic, then the payload's length, before
// reading the payload; so the message with its payload cut to one byte over
// the payload limit gets exactly the full message's result (dropped, or
// payload_too_large, counted in the metrics). When even that does not fit (an
// input area smaller than the payload limit), the engine reports
// payload_too_large itself, and the module's metrics do not count it.
func (p *processor) processOversized(ctx context.Context, msg *service.Message, rec inputRecord, nowMs float64, index int) ([]service.MessageBatch, error) {
	room := uint64(p.limits.inputAreaBytes) - batchHeaderBytes
	if uint64(len(rec.payload)) > uint64(p.limits.payloadBytes) {
		cut := inputRecord{topic: rec.topic, payload: rec.payload[:p.limits.payloadBytes+1]}
		if cut.size() <= room {
			n, fits, err := frame(ctx, p.in, []inputRecord{cut}, nowMs)
			if err != nil {
				return nil, err
			}
			if fits {
				return p.processFramed(ctx, n, service.MessageBatch{msg}, index)
			}
		}
	}
	traceOversized(ctx, msg, index)
	return []service.MessageBatch{p.erroredInput(nil, msg, &ProcessError{Index: index, Code: codeName(5), Message: fmt.Sprintf(
		"message of %d bytes does not fit the input area of %d bytes", rec.size(), p.limits.inputAreaBytes)})}, nil
}

// results decodes the output and error records of the last process call for
// part, which starts at index offset of the whole batch, into one batch: the
// value ProcessBatch returns; nil when there is nothing (every input dropped).
func (p *processor) results(ctx context.Context, part service.MessageBatch, count, offset int) ([]service.MessageBatch, error) {
	errs, err := p.errorsByInput(ctx, len(part), offset)
	if err != nil || count == 0 && len(errs) == 0 {
		return nil, err
	}
	area, err := p.in.output(ctx)
	if err != nil {
		return nil, err
	}
	rd := outputReader{area: area, count: count, inputs: len(part), mappings: len(p.topics)}
	payloads := p.slab.take(rd.payloadBytes()) // the batch's payloads, copied out of module memory
	out := newResult(count + len(errs))
	result := out[0]
	var d deriver
	defer clear(p.meta[:]) // no reference to the inputs' values kept
	err = rd.next()
	for i, in := range part {
		if err == nil && rd.input == i {
			d = newDeriver(in, &p.meta)
		}
		for ; err == nil && rd.input == i; err = rd.next() {
			start := len(payloads)
			payloads = append(payloads, rd.payload...)
			result = append(result, d.output(payloads[start:len(payloads):len(payloads)], p.topicMeta[rd.mapping]))
		}
		if err != nil {
			return nil, err
		}
		if e := errs[i]; e != nil {
			result = p.erroredInput(result, in, e)
		}
	}
	if rd.input >= 0 {
		return nil, fmt.Errorf("stream_processor: output record %d is out of input order (module bug)", rd.read-1)
	}
	out[0] = result
	return out, nil
}

// errorsByInput is the error records of the last process call as one error
// per input (nil for inputs without errors), for a part of n inputs starting
// at index offset of the whole batch.
func (p *processor) errorsByInput(ctx context.Context, n, offset int) (map[int]error, error) {
	recs, err := p.in.errors(ctx)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	byInput := map[int][]error{}
	for _, r := range recs {
		if r.input < 0 || int(r.input) >= n {
			return nil, fmt.Errorf("stream_processor: error record for input %d of a batch of %d: %s: %s", r.input, n, codeName(r.code), r.message)
		}
		pe := &ProcessError{Index: int(r.input) + offset, Code: codeName(r.code), Message: r.message}
		if r.mapping >= 0 && int(r.mapping) < len(p.paths) {
			pe.Mapping = p.paths[r.mapping]
			p.explain.noteError(r.mapping, pe)
		}
		byInput[int(r.input)] = append(byInput[int(r.input)], pe)
	}
	out := make(map[int]error, len(byInput))
	for i, es := range byInput {
		if len(es) == 1 {
			out[i] = es[0]
		} else {
			out[i] = errors.Join(es...)
		}
	}
	return out, nil
}

// Close drops the module instance; later batches fail.
func (p *processor) Close(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.in == nil {
		return nil
	}
	p.explain.reportNow(ctx, p.in) // what changed since the last report
	p.explain.stopReports()
	if p.errLog != nil {
		p.errLog.flush() // the suppressed count of the current window
	}
	err := p.in.close(ctx)
	p.in = nil
	return err
}

// maxScratchRecords bounds the scratch a processor keeps after a large batch.
const maxScratchRecords = 4096

// clearRecords empties s for reuse, keeping none of the payloads it pointed
// to (nil when it grew past maxScratchRecords).
func clearRecords[T any](s []T) []T {
	if cap(s) > maxScratchRecords {
		return nil
	}
	clear(s)
	return s[:0]
}
