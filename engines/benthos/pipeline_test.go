package streamprocessor

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const exampleDir = "../../examples/benthos"

// builtBinary is cmd/benthos-sp, built once for the tests that run it.
var builtBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// buildBinary builds cmd/benthos-sp into a temporary folder (once per run;
// TestMain removes it).
func buildBinary(t *testing.T) string {
	t.Helper()
	builtBinary.once.Do(func() {
		if builtBinary.dir, builtBinary.err = os.MkdirTemp("", "benthos-sp-test"); builtBinary.err != nil {
			return
		}
		builtBinary.path = filepath.Join(builtBinary.dir, "benthos-sp")
		out, err := exec.Command("go", "build", "-o", builtBinary.path, "./cmd/benthos-sp").CombinedOutput()
		if err != nil {
			builtBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if builtBinary.err != nil {
		t.Fatal(builtBinary.err)
	}
	return builtBinary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBinary.dir != "" {
		_ = os.RemoveAll(builtBinary.dir)
	}
	os.Exit(code)
}

// The example pipeline, end to end through the built binary: JSON lines on
// stdin, outputs on stdout, failed inputs in the dead-letter file.
func TestExamplePipeline_BuiltBinary_OutputsAndDeadLetters(t *testing.T) {
	bin := buildBinary(t)
	input, err := os.Open(filepath.Join(exampleDir, "input.jsonl"))
	must(t, err)
	defer input.Close()
	deadLetters := filepath.Join(t.TempDir(), "dead_letters.jsonl")
	cmd := exec.Command(bin, "-c", filepath.Join(exampleDir, "pipeline.yaml"))
	cmd.Stdin = input
	cmd.Env = append(os.Environ(), "DEAD_LETTERS="+deadLetters)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("benthos-sp: %v\n%s", err, stderr.String())
	}
	sameLines(t, "stdout", stdout.Bytes(), filepath.Join(exampleDir, "expected_output.jsonl"))
	got, err := os.ReadFile(deadLetters)
	must(t, err)
	sameLines(t, "dead letters", got, filepath.Join(exampleDir, "expected_dead_letters.jsonl"))
}

func sameLines(t *testing.T, what string, got []byte, wantFile string) {
	t.Helper()
	want, err := os.ReadFile(wantFile)
	must(t, err)
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s line %d:\n got  %s\n want %s", what, i+1, gl, wl)
		}
	}
}
