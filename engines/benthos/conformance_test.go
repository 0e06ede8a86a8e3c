package streamprocessor

import (
	"fmt"
	"maps"
	"testing"
)

// Every case of the shared conformance vectors through a real Benthos stream:
// each step is one batch; outputs exact and in order (topic, payload bytes,
// metadata); error records and drops counted, both on the messages and in the
// Benthos metrics.
func TestConformanceVectors_ThroughABenthosStream(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			h := startStream(t, processorYAML(t, c.Config))
			for i, step := range c.Steps {
				errorsBefore := h.metrics.get("messages_errored") + h.metrics.get("expression_errors")
				droppedBefore := h.metrics.get("messages_dropped")
				got := h.send(t, step.Input)

				var outputs []vectorMessage
				errs := 0
				for _, m := range got {
					if err := m.GetError(); err != nil {
						pes := processErrors(err)
						if len(pes) == 0 {
							t.Errorf("step %d: an error that is not a ProcessError: %v", i, err)
						}
						errs += len(pes)
						continue
					}
					b, err := m.AsBytes()
					if err != nil {
						t.Fatal(err)
					}
					meta := metadata(m)
					topic := meta[TopicKey]
					delete(meta, TopicKey)
					outputs = append(outputs, vectorMessage{Topic: topic, Payload: string(b), Metadata: meta})
				}
				if err := sameOutputs(outputs, step.Expect.Outputs); err != nil {
					t.Errorf("step %d outputs: %v", i, err)
				}
				if errs != step.Expect.Errors {
					t.Errorf("step %d: %d error records on messages, want %d", i, errs, step.Expect.Errors)
				}
				if d := h.metrics.get("messages_errored") + h.metrics.get("expression_errors") - errorsBefore; d != int64(step.Expect.Errors) {
					t.Errorf("step %d: metrics count %d errors, want %d", i, d, step.Expect.Errors)
				}
				if d := h.metrics.get("messages_dropped") - droppedBefore; d != int64(step.Expect.Dropped) {
					t.Errorf("step %d: metrics count %d drops, want %d", i, d, step.Expect.Dropped)
				}
			}
		})
	}
}

// sameOutputs compares outputs in order; nil metadata equals empty metadata.
func sameOutputs(got, want []vectorMessage) error {
	for k := 0; k < len(got) || k < len(want); k++ {
		if k >= len(got) {
			return fmt.Errorf("missing output %d: %+v", k, want[k])
		}
		if k >= len(want) {
			return fmt.Errorf("unexpected output %d: %+v", k, got[k])
		}
		g, w := got[k], want[k]
		if g.Topic != w.Topic || g.Payload != w.Payload || !maps.Equal(nonNil(g.Metadata), nonNil(w.Metadata)) {
			return fmt.Errorf("output %d:\n got  %+v\n want %+v", k, g, w)
		}
	}
	return nil
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
