package streamprocessor

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"

	"github.com/tetratelabs/wazero"
)

// maxMemoryPages caps a module instance's memory at 1 GiB (plugin.yaml
// runtime.wasm.memory.max_pages).
const maxMemoryPages = 16384

// CompilationCacheEnv names the environment variable of a directory where
// wazero keeps the compiled module across process starts (opt-in). Compiling
// the module takes about 70 ms on this project's machine, reading it back
// from the cache about 3 ms (engines/README.md "Performance").
const CompilationCacheEnv = "STREAM_PROCESSOR_COMPILATION_CACHE"

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
		rt, err := newRuntime(os.Getenv(CompilationCacheEnv))
		if err != nil {
			return nil, nil, err
		}
		shared.rt = rt
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

// newRuntime is a wazero runtime (its optimizing compiler, the default on
// amd64 and arm64), with its compiled code cached in cacheDir when not empty.
func newRuntime(cacheDir string) (wazero.Runtime, error) {
	conf := wazero.NewRuntimeConfig().WithMemoryLimitPages(maxMemoryPages)
	if cacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cacheDir)
		if err != nil {
			return nil, fmt.Errorf("stream_processor: %s=%s: %w", CompilationCacheEnv, cacheDir, err)
		}
		conf = conf.WithCompilationCache(cache)
	}
	return wazero.NewRuntimeWithConfig(context.Background(), conf), nil
}
