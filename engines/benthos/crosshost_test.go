package streamprocessor

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The cross-host agreement test: the same vectors (the shared conformance
// vectors plus a generated stream with errors, drops, metadata and non-ASCII
// strings) through the Node host (node engines/vectors_node.mjs, needs
// `npm run build`), this Benthos processor (a real stream) and the wasmtime
// host (python -m stream_processor_wasmtime.vectors, needs the packages of
// engines/wasmtime/requirements.txt: $SP_PYTHON, default engines/.venv).
// Outputs must be byte-identical (topic, payload bytes, metadata) and the
// error and drop counts equal, step by step.

type hostOutput struct {
	Topic      string            `json:"topic"`
	PayloadB64 string            `json:"payload_b64"`
	Metadata   map[string]string `json:"metadata"`
}

type hostStep struct {
	Outputs []hostOutput `json:"outputs"`
	Errors  int          `json:"errors"`
	Dropped int          `json:"dropped"`
}

type hostResult struct {
	Engine string `json:"engine"`
	Cases  []struct {
		Name  string     `json:"name"`
		Steps []hostStep `json:"steps"`
	} `json:"cases"`
}

func TestCrossHost_NodeBenthosWasmtime_AgreeByteForByte(t *testing.T) {
	if os.Getenv("SP_SKIP_CROSS_HOST") == "1" {
		t.Skip("SP_SKIP_CROSS_HOST=1")
	}
	cases := append(loadVectors(t), generatedCase())
	file := filepath.Join(t.TempDir(), "vectors.json")
	b, err := json.Marshal(map[string]any{"cases": cases})
	must(t, err)
	must(t, os.WriteFile(file, b, 0o644))

	results := []hostResult{runBenthos(t, cases)}
	results = append(results, runHost(t, "node", "..", "node", "vectors_node.mjs", file))
	results = append(results, runHost(t, "wasmtime", filepath.Join("..", "wasmtime"), pythonPath(), "-m", "stream_processor_wasmtime.vectors", file))

	outputs := 0
	for _, r := range results[1:] {
		if len(r.Cases) != len(cases) {
			t.Fatalf("%s ran %d cases, want %d", r.Engine, len(r.Cases), len(cases))
		}
		for ci, c := range r.Cases {
			ref := results[0].Cases[ci]
			if len(c.Steps) != len(cases[ci].Steps) || len(ref.Steps) != len(cases[ci].Steps) {
				t.Fatalf("case %q: step counts differ", cases[ci].Name)
			}
			for si := range c.Steps {
				if d := stepDiff(ref.Steps[si], c.Steps[si]); d != "" {
					t.Errorf("case %q step %d: %s vs %s: %s", cases[ci].Name, si, results[0].Engine, r.Engine, d)
				}
				outputs += len(c.Steps[si].Outputs)
			}
		}
	}
	if outputs < 1000 {
		t.Errorf("only %d outputs compared: the vectors are not exercising the hosts", outputs)
	}
}

// runBenthos runs the cases through a Benthos stream per case.
func runBenthos(t *testing.T, cases []vectorCase) hostResult {
	var r hostResult
	r.Engine = "benthos"
	for _, c := range cases {
		h := startStream(t, processorYAML(t, c.Config))
		var steps []hostStep
		for _, step := range c.Steps {
			errs0, dropped0 := h.metrics.get("messages_errored")+h.metrics.get("expression_errors"), h.metrics.get("messages_dropped")
			var s hostStep
			for _, m := range h.send(t, step.Input) {
				if err := m.GetError(); err != nil {
					s.Errors += len(processErrors(err))
					continue
				}
				p, _ := m.AsBytes()
				meta := metadata(m)
				s.Outputs = append(s.Outputs, hostOutput{Topic: meta[TopicKey], PayloadB64: base64.StdEncoding.EncodeToString(p), Metadata: meta})
			}
			if got := int(h.metrics.get("messages_errored") + h.metrics.get("expression_errors") - errs0); got != s.Errors {
				t.Errorf("case %q: metrics count %d errors, messages carry %d", c.Name, got, s.Errors)
			}
			s.Dropped = int(h.metrics.get("messages_dropped") - dropped0)
			steps = append(steps, s)
		}
		h.stop(t)
		r.Cases = append(r.Cases, struct {
			Name  string     `json:"name"`
			Steps []hostStep `json:"steps"`
		}{c.Name, steps})
	}
	return r
}

func runHost(t *testing.T, engine, dir, name string, args ...string) hostResult {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s host (%s %v in %s): %v\n%s\n(run engines/test.sh, after `npm run build`)", engine, name, args, dir, err, stderr.String())
	}
	var r hostResult
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("%s host printed no result: %v\n%s", engine, err, stderr.String())
	}
	return r
}

// pythonPath is $SP_PYTHON, else engines/.venv's python.
func pythonPath() string {
	if p := os.Getenv("SP_PYTHON"); p != "" {
		return p
	}
	p, _ := filepath.Abs(filepath.Join("..", ".venv", "bin", "python"))
	return p
}

func stepDiff(a, b hostStep) string {
	if a.Errors != b.Errors || a.Dropped != b.Dropped {
		return fmt.Sprintf("errors %d/%d, dropped %d/%d", a.Errors, b.Errors, a.Dropped, b.Dropped)
	}
	if len(a.Outputs) != len(b.Outputs) {
		return fmt.Sprintf("%d/%d outputs", len(a.Outputs), len(b.Outputs))
	}
	for k := range a.Outputs {
		x, y := a.Outputs[k], b.Outputs[k]
		if x.Topic != y.Topic || x.PayloadB64 != y.PayloadB64 || !maps.Equal(x.Metadata, y.Metadata) {
			return fmt.Sprintf("output %d: %+v / %+v", k, x, y)
		}
	}
	return ""
}

// generatedCase is a deterministic stream of 600 inputs in 6 batches over a
// config with failing mappings: bad payloads, unknown topics, metadata, strings.
func generatedCase() vectorCase {
	const base = "umh.v1.corpA.plant-A.aawd"
	config := `{"model":{"name":"pump","version":"v1"},"output_topic":"` + base + `",` +
		`"sources":{"press":"` + base + `._raw.press","tF":"` + base + `._raw.tempF","r":"` + base + `._raw.run","s":"` + base + `._raw.label"},` +
		`"mapping":{"pressure":"press+4.00001","temperature":"tF*69/31","motor":{"rpm":"press/4","ratio":"press / (tF - 100)"},` +
		`"status":"r ? \"active\" : \"inactive\"","label":"` + "`${s}: ${press.toFixed(2)}`" + `","upper":"s.toUpperCase() + s.length",` +
		`"maybe":"press > 50 ? null : press","serialNumber":"\"SN-P42-008\""}}`
	c := vectorCase{Name: "generated stream: 600 inputs, errors, drops, metadata", Config: json.RawMessage(config)}
	seed := uint32(42)
	next := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 8 }
	labels := []string{"Grüße ✓", "pump-7", "", "ünïcødé 🚀", "a\"quote"}
	for b := 0; b < 6; b++ {
		var step vectorStep
		for i := 0; i < 100; i++ {
			n := b*100 + i
			ts := 1700000000000 + int64(n)*100
			var m vectorMessage
			switch x := next() % 100; {
			case x < 45:
				m = vectorMessage{Topic: base + "._raw.press", Payload: fmt.Sprintf(`{"value":%d.%02d,"timestamp_ms":%d}`, next()%70, next()%100, ts)}
			case x < 70:
				m = vectorMessage{Topic: base + "._raw.tempF", Payload: fmt.Sprintf(`{"value":%d,"timestamp_ms":%d}`, 95+next()%10, ts)}
			case x < 78:
				m = vectorMessage{Topic: base + "._raw.run", Payload: fmt.Sprintf(`{"value":%v,"timestamp_ms":%d}`, next()%2 == 0, ts)}
			case x < 86:
				l, _ := json.Marshal(labels[next()%uint32(len(labels))])
				m = vectorMessage{Topic: base + "._raw.label", Payload: fmt.Sprintf(`{"value":%s,"timestamp_ms":%d}`, l, ts)}
			case x < 90:
				m = vectorMessage{Topic: base + "._raw.press", Payload: `{"value":1,`}
			case x < 93:
				m = vectorMessage{Topic: base + "._raw.tempF", Payload: `{"value":1}`}
			default:
				m = vectorMessage{Topic: base + "._raw.other", Payload: `{"value":1,"timestamp_ms":1}`}
			}
			if n%3 == 0 {
				m.Metadata = map[string]string{"seq": fmt.Sprint(n), "kafka_key": "pump-42"}
			}
			step.Input = append(step.Input, m)
		}
		c.Steps = append(c.Steps, step)
	}
	return c
}
