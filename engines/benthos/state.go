package streamprocessor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
	"github.com/tetratelabs/wazero/api"
)

// State across restarts: the module's snapshot (docs/ABI.md "State snapshot")
// kept in a Benthos cache resource. Restored when the processor is built,
// saved on an interval when it changed and when the processor closes.

// stateExporter calls state_export; made once per processor (wazero builds a
// call engine for every ExportedFunction lookup).
type stateExporter struct {
	in    *instance
	fn    api.Function
	stack [1]uint64
}

func newStateExporter(in *instance) (*stateExporter, error) {
	fn := in.mod.ExportedFunction("state_export")
	if fn == nil {
		return nil, errors.New("stream_processor: the module has no export 'state_export'")
	}
	return &stateExporter{in: in, fn: fn}, nil
}

// export is a copy of the module's state snapshot.
func (e *stateExporter) export(ctx context.Context) ([]byte, error) {
	if err := e.fn.CallWithStack(ctx, e.stack[:]); err != nil {
		return nil, fmt.Errorf("stream_processor: module call state_export failed: %w", err)
	}
	in := e.in
	if n := int32(uint32(e.stack[0])); n < 0 {
		return nil, fmt.Errorf("stream_processor: state_export failed (status %d)", int32(uint32(e.stack[0])))
	}
	b, err := in.output(ctx)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(b), nil
}

// stateImport replaces the module's state with snapshot; a rejected snapshot
// is a non-nil record (the state is unchanged).
func (in *instance) stateImport(ctx context.Context, snapshot []byte) (*errorRecord, error) {
	if err := in.input(ctx, snapshot); err != nil {
		return &errorRecord{input: -1, mapping: -1, code: 80, message: err.Error()}, nil
	}
	r, err := in.callExport(ctx, "state_import", uint32(len(snapshot)))
	switch {
	case err != nil:
		return nil, err
	case r == 0:
		return nil, nil
	case r == -2:
		return nil, errors.New("stream_processor: state_import: module not configured")
	}
	recs, err := in.errors(ctx)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return &errorRecord{input: -1, mapping: -1, code: 80, message: "snapshot rejected without a reason (module bug)"}, nil
	}
	return &recs[0], nil
}

// callExport calls an export the engine does not call per message.
func (in *instance) callExport(ctx context.Context, name string, args ...uint32) (int32, error) {
	f := in.mod.ExportedFunction(name)
	if f == nil {
		return 0, fmt.Errorf("stream_processor: the module has no export '%s'", name)
	}
	stack := make([]uint64, max(len(args), 1))
	for i, a := range args {
		stack[i] = uint64(a)
	}
	if err := f.CallWithStack(ctx, stack); err != nil {
		return 0, fmt.Errorf("stream_processor: module call %s failed: %w", name, err)
	}
	return int32(uint32(stack[0])), nil
}

// statefulProcessor is a processor whose state lives in a cache.
type statefulProcessor struct {
	*processor
	store    *stateStore
	exporter *stateExporter
	batches  atomic.Uint64 // batches processed: the state may have changed
	stop     chan struct{}
	done     chan struct{}
	closed   sync.Once
}

// stateStore is where a processor's snapshot is kept.
type stateStore struct {
	res      *service.Resources
	log      *service.Logger
	cache    string
	key      string
	interval time.Duration
	reset    bool

	mu        sync.Mutex // one save at a time
	saved     uint64     // batches count at the last save
	lastSaved []byte
}

// where names the snapshot in messages.
func (s *stateStore) where() string {
	return fmt.Sprintf("cache '%s' key '%s'", s.cache, s.key)
}

// withState restores p's state from the store and starts saving it.
//
// # Errors
//
// The cache resource does not exist or fails; the snapshot is rejected and
// on_bad_snapshot is fail.
func withState(ctx context.Context, p *processor, s *stateStore) (*statefulProcessor, error) {
	if err := s.restore(ctx, p); err != nil {
		return nil, err
	}
	exporter, err := newStateExporter(p.in)
	if err != nil {
		return nil, err
	}
	sp := &statefulProcessor{processor: p, store: s, exporter: exporter, stop: make(chan struct{}), done: make(chan struct{})}
	go sp.saveLoop()
	return sp, nil
}

// restore imports the snapshot at the key, if there is one.
func (s *stateStore) restore(ctx context.Context, p *processor) error {
	var snapshot []byte
	var getErr error
	if err := s.res.AccessCache(ctx, s.cache, func(c service.Cache) {
		snapshot, getErr = c.Get(ctx, s.key)
	}); err != nil {
		return fmt.Errorf("stream_processor: state: cache resource '%s': %w", s.cache, err)
	}
	if errors.Is(getErr, service.ErrKeyNotFound) {
		s.log.Infof("stream_processor: no state snapshot in %s: starting with no state", s.where())
		return nil
	}
	if getErr != nil {
		return fmt.Errorf("stream_processor: state: reading %s: %w", s.where(), getErr)
	}
	p.mu.Lock()
	rec, err := p.in.stateImport(ctx, snapshot)
	var now [numMetrics]uint64
	if err == nil && rec == nil {
		now, err = p.in.metrics(ctx)
	}
	p.mu.Unlock()
	if err != nil {
		return err
	}
	if rec != nil {
		bad := fmt.Sprintf("the state snapshot in %s (%d bytes) cannot be restored: %s: %s", s.where(), len(snapshot), codeName(rec.code), rec.message)
		if !s.reset {
			return fmt.Errorf("stream_processor: %s (on_bad_snapshot: reset starts with no state instead; or delete the key)", bad)
		}
		s.log.Warnf("stream_processor: %s; on_bad_snapshot is reset: starting with no state", bad)
		return nil
	}
	p.counters.update(now)
	s.lastSaved = snapshot
	s.log.Infof("stream_processor: state restored from %s (%d bytes, %d variables known)", s.where(), len(snapshot), now[7])
	return nil
}

// ProcessBatch processes the batch and notes that the state may have changed.
func (sp *statefulProcessor) ProcessBatch(ctx context.Context, batch service.MessageBatch) ([]service.MessageBatch, error) {
	out, err := sp.processor.ProcessBatch(ctx, batch)
	if len(batch) > 0 {
		sp.batches.Add(1)
	}
	return out, err
}

func (sp *statefulProcessor) saveLoop() {
	defer close(sp.done)
	t := time.NewTicker(sp.store.interval)
	defer t.Stop()
	for {
		select {
		case <-sp.stop:
			return
		case <-t.C:
			if _, err := sp.save(context.Background()); err != nil {
				sp.store.log.Errorf("%v", err)
			}
		}
	}
}

// save writes the snapshot to the cache if batches ran since the last save
// and the snapshot differs from the saved one. ProcessBatch waits only for
// the export; the cache write runs outside the processor's lock.
func (sp *statefulProcessor) save(ctx context.Context) (wrote bool, err error) {
	s := sp.store
	s.mu.Lock()
	defer s.mu.Unlock()
	batches := sp.batches.Load()
	if batches == s.saved {
		return false, nil
	}
	sp.mu.Lock()
	if sp.in == nil {
		sp.mu.Unlock()
		return false, nil
	}
	snapshot, err := sp.exporter.export(ctx)
	sp.mu.Unlock()
	if err != nil {
		return false, fmt.Errorf("stream_processor: state: exporting the snapshot: %w", err)
	}
	if bytes.Equal(snapshot, s.lastSaved) {
		s.saved = batches
		return false, nil
	}
	var setErr error
	if err := s.res.AccessCache(ctx, s.cache, func(c service.Cache) {
		setErr = c.Set(ctx, s.key, snapshot, nil)
	}); err != nil {
		setErr = err
	}
	if setErr != nil {
		return false, fmt.Errorf("stream_processor: state: saving to %s: %w", s.where(), setErr)
	}
	s.saved, s.lastSaved = batches, snapshot
	return true, nil
}

// Close stops the interval saves, saves the state a last time and closes the
// processor.
func (sp *statefulProcessor) Close(ctx context.Context) error {
	var saveErr error
	sp.closed.Do(func() {
		close(sp.stop)
		<-sp.done
		var wrote bool
		if wrote, saveErr = sp.save(ctx); wrote {
			sp.store.log.Infof("stream_processor: state saved to %s at shutdown", sp.store.where())
		}
	})
	return errors.Join(saveErr, sp.processor.Close(ctx))
}

// newBatchProcessor is the processor of a Benthos config: with its state in a
// cache when `state` is set.
func newBatchProcessor(conf *service.ParsedConfig, res *service.Resources) (service.BatchProcessor, error) {
	p, err := newProcessorFromConfig(conf, res)
	if err != nil {
		return nil, err
	}
	opts, err := readHostOptions(conf)
	if err == nil && opts.state == nil {
		return p, nil
	}
	var sp *statefulProcessor
	if err == nil {
		sp, err = withState(context.Background(), p, newStateStore(conf, res, opts.state))
	}
	if err != nil {
		_ = p.Close(context.Background())
		return nil, err
	}
	return sp, nil
}

func newStateStore(conf *service.ParsedConfig, res *service.Resources, o *stateOptions) *stateStore {
	key := o.key
	if key == "" {
		// readConfig has read these fields already: they parse.
		topic, _ := conf.FieldString(FieldOutputTopic)
		name, _ := conf.FieldString(FieldModel, FieldModelName)
		version, _ := conf.FieldString(FieldModel, FieldModelVersion)
		key = defaultStateKey(topic, name, version)
	}
	return &stateStore{res: res, log: res.Logger(), cache: o.cache, key: key, interval: o.interval, reset: o.reset}
}
