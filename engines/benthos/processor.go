package streamprocessor

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
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
	counters  *counters
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
	wasm, err := moduleBytes(mc.wasmPath)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	in, err := newInstance(ctx, wasm)
	if err != nil {
		return nil, err
	}
	p, err := configure(ctx, in, mc.json, rand.Uint32())
	if err != nil {
		_ = in.close(ctx)
		return nil, err
	}
	p.counters = newCounters(res.Metrics())
	now, err := in.metrics(ctx)
	if err != nil {
		_ = in.close(ctx)
		return nil, err
	}
	p.counters.update(now)
	return p, nil
}

// configure configures in with the config JSON and reads its mapping table.
func configure(ctx context.Context, in *instance, config []byte, seed uint32) (*processor, error) {
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
	p := &processor{in: in}
	for _, m := range d.mappings {
		p.topics = append(p.topics, m.topic)
		p.topicMeta = append(p.topicMeta, m.topic)
		p.paths = append(p.paths, m.path)
	}
	return p, nil
}

// ProcessBatch runs the batch through the module in one call. The result, in
// input order: each input's outputs (in mapping declaration order), then the
// input itself if it has error records, with them set as its error. Dropped
// inputs are left out.
//
// # Errors
//
// The batch does not fit the module's input area, a message has no byte
// form, or the module trapped (a module bug): every message of the batch
// then fails.
func (p *processor) ProcessBatch(ctx context.Context, batch service.MessageBatch) ([]service.MessageBatch, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.in == nil {
		return nil, errors.New("stream_processor: processor is closed")
	}
	size, err := frame(ctx, p.in, batch)
	if err != nil {
		return nil, err
	}
	count, err := p.in.call(ctx, fnProcess, size)
	if err != nil {
		return nil, err
	}
	if count < 0 {
		return nil, fmt.Errorf("stream_processor: the module rejected the batch (status %d, engine bug)", count)
	}
	out, err := p.results(ctx, batch, int(count))
	if err != nil {
		return nil, err
	}
	now, err := p.in.metrics(ctx)
	if err != nil {
		return nil, err
	}
	p.counters.update(now)
	if len(out) == 0 {
		return nil, nil
	}
	return []service.MessageBatch{out}, nil
}

// results decodes the output and error records of the last process call.
func (p *processor) results(ctx context.Context, batch service.MessageBatch, count int) (service.MessageBatch, error) {
	errs, err := p.errorsByInput(ctx, len(batch))
	if err != nil {
		return nil, err
	}
	area, err := p.in.output(ctx)
	if err != nil {
		return nil, err
	}
	outs, err := decodeOutputs(area, count, len(batch), len(p.topics))
	if err != nil {
		return nil, err
	}
	payloads := make([]byte, 0, len(area)) // one copy out of module memory per batch
	result := make(service.MessageBatch, 0, count+len(errs))
	next := 0
	for i, in := range batch {
		for ; next < len(outs) && outs[next].input == i; next++ {
			o := outs[next]
			start := len(payloads)
			payloads = append(payloads, o.payload...)
			m := in.Copy()
			m.SetBytes(payloads[start:len(payloads):len(payloads)])
			m.MetaSetMut(TopicKey, p.topicMeta[o.mapping])
			result = append(result, m)
		}
		if e := errs[i]; e != nil {
			m := in.Copy()
			m.SetError(e)
			result = append(result, m)
		}
	}
	return result, nil
}

// errorsByInput is the error records of the last process call as one error
// per input (nil for inputs without errors).
func (p *processor) errorsByInput(ctx context.Context, n int) (map[int]error, error) {
	recs, err := p.in.errors(ctx)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	byInput := map[int][]error{}
	for _, r := range recs {
		if r.input < 0 || int(r.input) >= n {
			return nil, fmt.Errorf("stream_processor: error record for input %d of a batch of %d: %s: %s", r.input, n, codeName(r.code), r.message)
		}
		pe := &ProcessError{Index: int(r.input), Code: codeName(r.code), Message: r.message}
		if r.mapping >= 0 && int(r.mapping) < len(p.paths) {
			pe.Mapping = p.paths[r.mapping]
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
	err := p.in.close(ctx)
	p.in = nil
	return err
}
