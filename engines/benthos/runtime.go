package streamprocessor

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/tetratelabs/wazero"
)

// maxMemoryPages caps a module instance's memory at 1 GiB (plugin.yaml
// runtime.wasm.memory.max_pages).
const maxMemoryPages = 16384

// One wazero runtime per process; each distinct module is compiled once and
// shared by every processor that runs it.
var shared = struct {
	sync.Mutex
	rt       wazero.Runtime
	compiled map[[32]byte]wazero.CompiledModule
}{compiled: map[[32]byte]wazero.CompiledModule{}}

// compile returns the compiled module for wasm, compiling it on first use.
func compile(ctx context.Context, wasm []byte) (wazero.Runtime, wazero.CompiledModule, error) {
	shared.Lock()
	defer shared.Unlock()
	if shared.rt == nil {
		shared.rt = wazero.NewRuntimeWithConfig(context.Background(),
			wazero.NewRuntimeConfig().WithMemoryLimitPages(maxMemoryPages))
	}
	key := sha256.Sum256(wasm)
	if c, ok := shared.compiled[key]; ok {
		return shared.rt, c, nil
	}
	c, err := shared.rt.CompileModule(ctx, wasm)
	if err != nil {
		return nil, nil, fmt.Errorf("stream_processor: compiling the module: %w", err)
	}
	shared.compiled[key] = c
	return shared.rt, c, nil
}
