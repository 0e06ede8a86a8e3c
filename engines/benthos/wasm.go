package streamprocessor

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

//go:generate sh -c "cp ../../build/stream_processor.wasm wasm/stream_processor.wasm"

// The module, copied from build/ by a build step (see wasm/README.md).
//
//go:embed wasm
var embedded embed.FS

const embeddedName = "wasm/stream_processor.wasm"

// moduleBytes is the module at path, or the embedded one when path is empty.
func moduleBytes(path string) ([]byte, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("stream_processor: reading %s: %w", FieldWasmPath, err)
		}
		return b, nil
	}
	b, err := embedded.ReadFile(embeddedName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("stream_processor: this binary has no embedded module (copy build/stream_processor.wasm to engines/benthos/wasm/ and rebuild, e.g. `go generate`), and no wasm_path is set")
	}
	return b, err
}
