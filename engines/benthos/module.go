package streamprocessor

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// abiVersion is the ABI version this engine implements (docs/ABI.md). Version 2
// only added exports (explain, trace) to version 1, so a version-1 module still
// runs here, without the explain report and the per-mapping metrics.
const abiVersion = 2

type fnID int

// The exports the engine calls (docs/ABI.md "Exports").
const (
	fnABIVersion fnID = iota
	fnSetLimit
	fnInputArea
	fnConfigure
	fnDescribe
	fnProcess
	fnOutputPtr
	fnOutputLen
	fnErrorPtr
	fnErrorCount
	fnMetricsPtr
	numFns
)

var fnNames = [numFns]string{
	"abi_version", "set_limit", "input_area", "configure", "describe", "process", "output_ptr",
	"output_len", "error_ptr", "error_count", "metrics_ptr",
}

const initialInputArea = 64 * 1024

// The status block (docs/ABI.md "Status block"): where the last call left the
// areas, at an address fixed for the instance's life.
const (
	statusOutputPtr  = 0
	statusOutputLen  = 4
	statusErrorPtr   = 8
	statusErrorCount = 16
	statusMetricsPtr = 20
	statusFlags      = 24
	statusBytes      = 32

	statusFlagReadsClock = 1
)

// instance is one module instance and the host's side of its ABI. Not safe
// for concurrent use. Any call may grow the memory, so a view of it is valid
// only until the next call.
type instance struct {
	mod     api.Module
	mem     api.Memory
	fns     [numFns]api.Function
	stack   [2]uint64
	areaPtr uint32
	areaCap uint32
	// status is the status block's address: after a call the areas are read
	// from it rather than asked for with a call each. 0: a module without one
	// (before status_ptr), asked with calls.
	status uint32
	// metricsPtr is the metrics block's address once known (fixed when the
	// module has a status block).
	metricsPtr uint32
	// readsClock: the configured program may read the batch's now_ms (always
	// true without a status block).
	readsClock bool
	// replay, set by benchmarks only, stands in for the module's process call.
	replay *processReplay
}

// processReplay is a recorded result of a process call: its record count and
// output area. With it set, process returns the count and output the area
// without running the module, so a benchmark times the Go path alone
// (BenchmarkGoPath). The module's error area and counters stay as the last
// real call left them.
type processReplay struct {
	count int32
	area  []byte
}

// newInstance instantiates wasm (compiled once per process) and checks its ABI.
func newInstance(ctx context.Context, wasm []byte) (*instance, error) {
	rt, compiled, err := compile(ctx, wasm)
	if err != nil {
		return nil, err
	}
	// An empty name lets one compiled module be instantiated many times.
	mod, err := rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return nil, fmt.Errorf("stream_processor: instantiating the module: %w", err)
	}
	in := &instance{mod: mod, mem: mod.Memory()}
	if in.mem == nil {
		_ = mod.Close(ctx)
		return nil, errors.New("stream_processor: not a stream processor module: no memory export")
	}
	for i, name := range fnNames {
		if in.fns[i] = mod.ExportedFunction(name); in.fns[i] == nil {
			_ = mod.Close(ctx)
			return nil, fmt.Errorf("stream_processor: not a stream processor module: missing export '%s'", name)
		}
	}
	v, err := in.call(ctx, fnABIVersion)
	if err == nil && v != abiVersion && v != 1 {
		err = fmt.Errorf("stream_processor: the module has ABI version %d; this engine implements version %d", v, abiVersion)
	}
	if err == nil {
		err = in.findStatus(ctx)
	}
	if err != nil {
		_ = mod.Close(ctx)
		return nil, err
	}
	return in, nil
}

// findStatus locates the status block of a module that exports status_ptr.
func (in *instance) findStatus(ctx context.Context) error {
	in.readsClock = true
	f := in.mod.ExportedFunction("status_ptr")
	if f == nil {
		return nil
	}
	r, err := f.Call(ctx)
	if err != nil {
		return fmt.Errorf("stream_processor: module call status_ptr failed: %w", err)
	}
	if _, ok := in.mem.Read(uint32(r[0]), statusBytes); !ok || r[0] == 0 {
		return fmt.Errorf("stream_processor: status block at %d outside the module's memory (module bug)", uint32(r[0]))
	}
	in.status = uint32(r[0])
	return nil
}

// statusWord is the u32 at offset off of the status block.
func (in *instance) statusWord(off uint32) uint32 {
	v, _ := in.mem.ReadUint32Le(in.status + off) // in memory: checked by findStatus
	return v
}

// call calls export f with i32 arguments and returns its i32 result. A trap is
// an error (a module bug: docs/ABI.md).
func (in *instance) call(ctx context.Context, f fnID, args ...uint32) (int32, error) {
	s := in.stack[:]
	for i, a := range args {
		s[i] = uint64(a)
	}
	if err := in.fns[f].CallWithStack(ctx, s); err != nil {
		return 0, fmt.Errorf("stream_processor: module call %s failed: %w", fnNames[f], err)
	}
	return int32(uint32(s[0])), nil
}

// process runs the module on the batch framed in size bytes of the input
// area: the number of output records, negative when the module rejected the
// frame (docs/ABI.md "Batch").
func (in *instance) process(ctx context.Context, size uint32) (int32, error) {
	if in.replay != nil {
		return in.replay.count, nil
	}
	return in.call(ctx, fnProcess, size)
}

// view is the module memory [ptr, ptr+n), valid until the next call.
func (in *instance) view(ptr, n uint32) ([]byte, error) {
	b, ok := in.mem.Read(ptr, n)
	if !ok {
		return nil, fmt.Errorf("stream_processor: module returned an area [%d, +%d) outside its memory (module bug)", ptr, n)
	}
	return b, nil
}

// reserve makes the input area hold at least n bytes; false when n is over
// the module's input-area limit.
func (in *instance) reserve(ctx context.Context, n uint32) (bool, error) {
	if n <= in.areaCap && in.areaPtr != 0 {
		return true, nil
	}
	want := max(uint64(n), 2*uint64(in.areaCap), initialInputArea)
	if want > 1<<31 {
		want = uint64(n)
	}
	ptr, err := in.call(ctx, fnInputArea, uint32(want))
	if err == nil && ptr == 0 && uint64(n) < want {
		want = uint64(n)
		ptr, err = in.call(ctx, fnInputArea, n)
	}
	if err != nil {
		return false, err
	}
	if ptr == 0 {
		in.areaPtr, in.areaCap = 0, 0
		return false, nil
	}
	in.areaPtr, in.areaCap = uint32(ptr), uint32(want)
	return true, nil
}

// setLimit sets limit id (docs/ABI.md "Limits") before configure.
func (in *instance) setLimit(ctx context.Context, id limitID, value uint32) error {
	r, err := in.call(ctx, fnSetLimit, uint32(id), value)
	if err == nil && r != 0 {
		err = fmt.Errorf("stream_processor: the module refused limit %d = %d", id, value)
	}
	return err
}

// input copies b to the start of the input area.
func (in *instance) input(ctx context.Context, b []byte) error {
	ok, err := in.reserve(ctx, uint32(len(b)))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("stream_processor: %d bytes exceed the module's input-area limit", len(b))
	}
	v, err := in.view(in.areaPtr, uint32(len(b)))
	if err != nil {
		return err
	}
	copy(v, b)
	return nil
}

// configure configures the module with config JSON; nil records when ok.
func (in *instance) configure(ctx context.Context, config []byte, seed uint32) ([]errorRecord, error) {
	if err := in.input(ctx, config); err != nil {
		return nil, err
	}
	r, err := in.call(ctx, fnConfigure, uint32(len(config)), seed)
	switch {
	case err != nil:
		return nil, err
	case r == 0:
		if in.status != 0 {
			in.readsClock = in.statusWord(statusFlags)&statusFlagReadsClock != 0
		}
		return nil, nil
	case r == -2:
		return nil, errors.New("stream_processor: module already configured")
	}
	recs, err := in.errors(ctx)
	if err == nil && len(recs) == 0 {
		recs = []errorRecord{{input: -1, mapping: -1, code: 30, message: "config rejected without a reason (module bug)"}}
	}
	return recs, err
}

// output is the output area of the last process, describe or state_export.
func (in *instance) output(ctx context.Context) ([]byte, error) {
	if in.replay != nil {
		return in.replay.area, nil
	}
	if in.status != 0 {
		return in.view(in.statusWord(statusOutputPtr), in.statusWord(statusOutputLen))
	}
	ptr, err := in.call(ctx, fnOutputPtr)
	if err != nil {
		return nil, err
	}
	n, err := in.call(ctx, fnOutputLen)
	if err != nil {
		return nil, err
	}
	return in.view(uint32(ptr), uint32(n))
}

// errors decodes the error area of the last configure, process or state_import.
func (in *instance) errors(ctx context.Context) ([]errorRecord, error) {
	if in.status != 0 {
		count := int32(in.statusWord(statusErrorCount))
		if count <= 0 {
			return nil, nil
		}
		return decodeErrors(in.mem, in.statusWord(statusErrorPtr), int(count))
	}
	count, err := in.call(ctx, fnErrorCount)
	if err != nil || count == 0 {
		return nil, err
	}
	ptr, err := in.call(ctx, fnErrorPtr)
	if err != nil {
		return nil, err
	}
	return decodeErrors(in.mem, uint32(ptr), int(count))
}

// describe decodes the program description.
func (in *instance) describe(ctx context.Context) (*description, error) {
	n, err := in.call(ctx, fnDescribe)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, errors.New("stream_processor: describe: module not configured")
	}
	b, err := in.output(ctx)
	if err != nil {
		return nil, err
	}
	return decodeDescription(b)
}

// metrics reads the eight counters (docs/ABI.md "Metrics block").
func (in *instance) metrics(ctx context.Context) ([numMetrics]uint64, error) {
	var out [numMetrics]uint64
	ptr := in.metricsPtr
	if ptr == 0 && in.status != 0 {
		ptr = in.statusWord(statusMetricsPtr) // fixed for the instance's life
		in.metricsPtr = ptr
	}
	if ptr == 0 {
		p, err := in.call(ctx, fnMetricsPtr)
		if err != nil {
			return out, err
		}
		ptr = uint32(p)
	}
	b, err := in.view(ptr, numMetrics*8)
	if err != nil {
		return out, err
	}
	for i := range out {
		out[i] = binary.LittleEndian.Uint64(b[i*8:])
	}
	return out, nil
}

func (in *instance) close(ctx context.Context) error {
	return in.mod.Close(ctx)
}
