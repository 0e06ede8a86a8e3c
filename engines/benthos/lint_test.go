package streamprocessor

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// A config with broken expressions at the top level and nested in a branch
// of a processor resource.
const lintPipeline = `input:
  stdin: {}
pipeline:
  processors:
    - stream_processor:
        model: { name: pump, version: v1 }
        output_topic: umh.v1.t
        sources:
          press: umh.v1.t._raw.press
        mapping:
          ok: press * 2
          motor:
            rpm: pres / 4
    - resource: nested
processor_resources:
  - label: nested
    branch:
      processors:
        - try:
            - stream_processor:
                model: { name: pump, version: v2 }
                output_topic: umh.v1.t
                sources:
                  press: umh.v1.t._raw.press
                mapping:
                  broken: press +* 2
output:
  stdout: {}
`

// lineOf is the 1-based line of the first line of text containing s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%q not in the config", s)
	return 0
}

// benthos-sp lint: every broken expression, with the mapping's YAML line, its
// path, the expression and a caret under the fault; exit code 1.
func TestLint_BuiltBinary_BrokenExpressionsWithLineAndCaret(t *testing.T) {
	bin := buildBinary(t)
	conf := filepath.Join(t.TempDir(), "pipeline.yaml")
	must(t, os.WriteFile(conf, []byte(lintPipeline), 0o644))
	out, err := exec.Command(bin, "lint", conf).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("lint exit %v, want 1:\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		fmt.Sprintf("stream_processor (YAML line %d): mapping 'motor.rpm': unknown identifier 'pres' (E41)\n  pres / 4\n  ^^^^\n", lineOf(t, lintPipeline, "rpm: pres")),
		fmt.Sprintf("stream_processor (YAML line %d): mapping 'broken': expected an expression, found '*' (E40)\n  press +* 2\n         ^", lineOf(t, lintPipeline, "broken:")),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("lint output lacks\n%s\ngot:\n%s", want, text)
		}
	}
	if strings.Contains(text, "'ok'") {
		t.Errorf("lint reports the valid mapping:\n%s", text)
	}

	fixed := strings.NewReplacer("pres / 4", "press / 4", "press +* 2", "press + 2").Replace(lintPipeline)
	must(t, os.WriteFile(conf, []byte(fixed), 0o644))
	if out, err := exec.Command(bin, "lint", conf).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) != 0 {
		t.Fatalf("lint of the fixed config: %v\n%s", err, out)
	}
}

// The lint rule works in any binary with the plugin, without the YAML lines
// benthos-sp records: the diagnostic with path, expression and caret.
func TestLint_ComponentLinter_ReportsTheDiagnostic(t *testing.T) {
	lints, err := service.GlobalEnvironment().NewComponentConfigLinter().LintProcessorYAML([]byte(`
stream_processor:
  model: { name: pump, version: v1 }
  output_topic: umh.v1.t
  sources: { press: umh.v1.t._raw.press }
  mapping: { x: "press.toFixed(1, 2, 3)" }
`))
	must(t, err)
	if len(lints) != 1 || !strings.Contains(lints[0].What, "mapping 'x'") || !strings.Contains(lints[0].What, "press.toFixed(1, 2, 3)\n") ||
		!strings.Contains(lints[0].What, "^") {
		t.Fatalf("lints %+v, want the module's diagnostic for x", lints)
	}
	valid, err := service.GlobalEnvironment().NewComponentConfigLinter().LintProcessorYAML([]byte(
		"stream_processor:" + pumpSources + "  mapping: { x: press }\n"))
	must(t, err)
	if len(valid) != 0 {
		t.Fatalf("lints of a valid config: %+v", valid)
	}
}
