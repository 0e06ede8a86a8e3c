package streamprocessor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"
)

// A runtime with a compilation cache writes the compiled module to its
// directory, and a second runtime (as in the next process) runs the module
// from it.
func TestRuntime_CompilationCache(t *testing.T) {
	wasm, err := moduleBytes("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	for run := range 2 {
		rt, err := newRuntime(dir)
		if err != nil {
			t.Fatal(err)
		}
		compiled, err := rt.CompileModule(ctx, wasm)
		if err != nil {
			t.Fatal(err)
		}
		mod, err := rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithStartFunctions())
		if err != nil {
			t.Fatal(err)
		}
		res, err := mod.ExportedFunction("abi_version").Call(ctx)
		if err != nil || len(res) != 1 || (res[0] != abiVersion && res[0] != 1) {
			t.Fatalf("run %d: abi_version = %v, %v", run, res, err)
		}
		_ = rt.Close(ctx)
		var files int
		_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, _ error) error {
			if d != nil && !d.IsDir() {
				files++
			}
			return nil
		})
		if files == 0 {
			t.Fatalf("run %d: nothing cached in %s", run, dir)
		}
	}
}

// A cache directory that cannot be one fails naming the variable.
func TestRuntime_CompilationCacheNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := newRuntime(file)
	if err == nil || !strings.Contains(err.Error(), CompilationCacheEnv) {
		t.Fatalf("err = %v, want an error naming %s", err, CompilationCacheEnv)
	}
}
