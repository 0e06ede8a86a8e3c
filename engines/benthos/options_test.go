package streamprocessor

import (
	"context"
	"strings"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

func buildFromYAML(t *testing.T, conf string) (service.BatchProcessor, error) {
	t.Helper()
	pc, err := Spec().ParseYAML(conf, nil)
	must(t, err)
	p, err := newBatchProcessor(pc, service.MockResources())
	if err == nil {
		t.Cleanup(func() { _ = p.Close(context.Background()) })
	}
	return p, err
}

func randomDraws(t *testing.T, seed string) string {
	t.Helper()
	conf := pumpConf + "mapping: { r: Math.random() }\n"
	if seed != "" {
		conf += "seed: " + seed + "\n"
	}
	p, err := buildFromYAML(t, conf)
	must(t, err)
	var draws []string
	for range 3 {
		out, err := p.ProcessBatch(context.Background(), service.MessageBatch{pressMessage("1")})
		must(t, err)
		b, _ := out[0][0].AsBytes()
		draws = append(draws, string(b))
	}
	return strings.Join(draws, " ")
}

// seed: the same seed gives the same Math.random sequence; another seed or
// none (a random seed per processor) another one.
func TestSeed_SameSeedSameSequence(t *testing.T) {
	a, b := randomDraws(t, "7"), randomDraws(t, "7")
	if a != b {
		t.Fatalf("seed 7 twice: %s vs %s", a, b)
	}
	if c := randomDraws(t, "8"); c == a {
		t.Fatalf("seeds 7 and 8 gave the same draws %s", a)
	}
	if d := randomDraws(t, ""); d == a {
		t.Fatalf("no seed gave seed 7's draws %s", a)
	}
}

// limits: each named limit reaches the module; out-of-range values fail with
// the limit's name and range.
func TestLimits_ByName_ReachTheModule(t *testing.T) {
	_, err := buildFromYAML(t, pumpConf+"mapping: { x: press + 100 }\nlimits: { expressionBytes: 5 }\n")
	if err == nil || !strings.Contains(err.Error(), "expression longer than 5 bytes") {
		t.Errorf("expressionBytes 5 gave %v", err)
	}
	_, err = buildFromYAML(t, pumpConf+"mapping: { x: press, y: press }\nlimits: { mappings: 1 }\n")
	if err == nil || !strings.Contains(err.Error(), "too many mappings: 2 (limit 1)") {
		t.Errorf("mappings 1 gave %v", err)
	}

	p, err := buildFromYAML(t, pumpConf+"mapping: { x: press }\non_error: forward\nlimits: { payloadBytes: 30 }\n")
	must(t, err)
	out, err := p.ProcessBatch(context.Background(), service.MessageBatch{pressMessage("1")}) // 44 bytes
	must(t, err)
	if len(out) != 1 || len(out[0]) != 1 || len(processErrors(out[0][0].GetError())) != 1 || processErrors(out[0][0].GetError())[0].Code != "payload_too_large" {
		t.Errorf("payloadBytes 30: %v, want the input with payload_too_large", out)
	}

	for _, bad := range []string{"payloadBytes: 0", "payloadBytes: 536870913", "evalStringUnits: -1"} {
		_, err := buildFromYAML(t, pumpConf+"mapping: { x: press }\nlimits: { "+bad+" }\n")
		name := strings.Split(bad, ":")[0]
		if err == nil || !strings.Contains(err.Error(), "limit "+name+" must be an integer from 1 to") {
			t.Errorf("%s gave %v", bad, err)
		}
	}
}

// An unknown limit name is a lint error (Benthos checks the object's fields).
func TestLimits_UnknownName_IsALintError(t *testing.T) {
	lints, err := service.GlobalEnvironment().NewComponentConfigLinter().LintProcessorYAML([]byte(
		"stream_processor:" + pumpSources + "  mapping: { x: press }\n  limits: { payloadByte: 10 }\n"))
	must(t, err)
	if len(lints) != 1 || !strings.Contains(lints[0].What, "payloadByte") {
		t.Fatalf("lints %+v, want one for payloadByte", lints)
	}
}
