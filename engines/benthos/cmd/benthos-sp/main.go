// Command benthos-sp is a Benthos binary with the stream_processor plugin and
// the standard pure and io components (stdin/stdout, files, HTTP, sockets,
// bloblang, ...). Run it as Benthos: `benthos-sp -c pipeline.yaml`.
//
// Before Benthos starts, every config file named on the command line is read
// once with RecordConfigYAML, so that stream_processor outputs keep the
// declaration order of their mappings (Benthos itself passes plugin configs as
// unordered maps).
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
	"github.com/redpanda-data/benthos/v4/public/service"

	streamprocessor "github.com/stream-processor-wasm/engines/benthos"
)

func main() {
	for _, path := range configFiles(os.Args[1:]) {
		text, err := os.ReadFile(path)
		if err != nil {
			continue // Benthos reports unreadable configs itself
		}
		if err := streamprocessor.RecordConfigYAML(text); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	service.RunCLI(context.Background())
}

// configFiles lists the files of -c/--config, -r/--resources and every other
// argument that names an existing .yaml, .yml or .json file.
func configFiles(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if name, value, ok := strings.Cut(a, "="); ok && isConfigFlag(name) {
			out = append(out, value)
			continue
		}
		if isConfigFlag(a) && i+1 < len(args) {
			out = append(out, args[i+1])
			i++
			continue
		}
		if hasConfigExt(a) {
			if st, err := os.Stat(a); err == nil && st.Mode().IsRegular() {
				out = append(out, a)
			}
		}
	}
	return out
}

func isConfigFlag(a string) bool {
	switch a {
	case "-c", "--config", "-r", "--resources":
		return true
	}
	return false
}

func hasConfigExt(a string) bool {
	return strings.HasSuffix(a, ".yaml") || strings.HasSuffix(a, ".yml") || strings.HasSuffix(a, ".json")
}
