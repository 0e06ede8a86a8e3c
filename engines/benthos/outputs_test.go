package streamprocessor

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/redpanda-data/benthos/v4/public/service"
)

type ctxKey struct{}

// allMeta is a message's metadata with its values as stored.
func allMeta(m *service.Message) map[string]any {
	out := map[string]any{}
	_ = m.MetaWalkMut(func(k string, v any) error { out[k] = v; return nil })
	return out
}

// Every output is what Benthos's Copy of its input gives after SetBytes and
// MetaSetMut(umh_topic): the input's context, error and metadata (values as
// stored, not as text), its own payload and topic; the input is left as it
// was. For inputs whose metadata is built into a new message (up to 8 entries)
// and inputs that are copied (more).
func TestOutputs_AreTheInputsCopyWithPayloadAndTopic(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"on_error: forward\nmapping: { a: press + 1, b: press * 2, c: '\"x\"' }\n")
	for _, extra := range []int{0, 1, builtMetaMax - 1, builtMetaMax, 12} {
		t.Run(fmt.Sprintf("%d keys besides umh_topic", extra), func(t *testing.T) {
			ctx := context.WithValue(context.Background(), ctxKey{}, extra)
			plain, errored := pressMessage("3").WithContext(ctx), pressMessage("4").WithContext(ctx)
			upstream := errors.New("set by an earlier processor")
			errored.SetError(upstream)
			for _, in := range []*service.Message{plain, errored} {
				for k := 0; k < extra; k++ {
					in.MetaSetMut(fmt.Sprintf("key%d", k), k) // an int: kept as an int
				}
			}
			before := []map[string]any{allMeta(plain), allMeta(errored)}
			out, err := p.ProcessBatch(context.Background(), service.MessageBatch{plain, errored})
			must(t, err)
			if len(out) != 1 || len(out[0]) != 6 {
				t.Fatalf("got %v, want one batch of 3 outputs per input", out)
			}
			for i, m := range out[0] {
				in := []*service.Message{plain, errored}[i/3]
				payload, _ := m.AsBytes()
				topic, _ := m.MetaGetMut(TopicKey)
				want := in.Copy()
				want.SetBytes(payload)
				want.MetaSetMut(TopicKey, topic)
				if got, exp := allMeta(m), allMeta(want); !reflect.DeepEqual(got, exp) || len(got) != extra+1 {
					t.Errorf("output %d metadata %v, want %v", i, got, exp)
				}
				if m.Context() != in.Context() || m.Context().Value(ctxKey{}) != extra {
					t.Errorf("output %d does not carry its input's context", i)
				}
				if m.GetError() != want.GetError() {
					t.Errorf("output %d error %v, want the input's %v", i, m.GetError(), want.GetError())
				}
			}
			if errored.GetError() != upstream || plain.GetError() != nil {
				t.Errorf("the inputs' errors changed")
			}
			for i, in := range []*service.Message{plain, errored} {
				if !reflect.DeepEqual(allMeta(in), before[i]) {
					t.Errorf("input %d metadata changed: %v, was %v", i, allMeta(in), before[i])
				}
			}
		})
	}
}

// A batch whose inputs are all dropped (no topic, or a topic that is no
// source: most of what a stream processor sees in a UNS) allocates nothing.
func TestProcessor_DroppedBatch_AllocatesNothing(t *testing.T) {
	p := newTestProcessor(t, pumpConf+"mapping: { a: press + 1 }\n")
	unknown := pressMessage("1")
	unknown.MetaSetMut(TopicKey, "umh.v1.corpA.plant-A.aawd._raw.other")
	batch := service.MessageBatch{unknown, service.NewMessage([]byte(`{"value":1,"timestamp_ms":1}`))}
	ctx := context.Background()
	if allocs := testing.AllocsPerRun(200, func() {
		out, err := p.ProcessBatch(ctx, batch)
		if err != nil || out != nil {
			t.Fatalf("got %v, %v; want nothing", out, err)
		}
	}); allocs != 0 {
		t.Errorf("%v allocations per dropped batch, want 0", allocs)
	}
}

// Payloads of consecutive batches share a chunk without sharing bytes: each
// is capacity-limited, so an append by a later processor copies instead of
// writing into the next payload; a large batch gets its own allocation.
func TestPayloadSlab_PayloadsShareChunksWithoutOverlap(t *testing.T) {
	var s payloadSlab
	var got [][]byte
	for i := 0; i < 3000; i++ { // several chunks' worth
		n := 1 + i%97
		b := s.take(n)
		if len(b) != 0 || cap(b) != n {
			t.Fatalf("take(%d) = len %d cap %d", n, len(b), cap(b))
		}
		for k := 0; k < n; k++ {
			b = append(b, byte(i))
		}
		got = append(got, b)
	}
	grown := append(got[0], 'x') // a downstream append: must not touch got[1]
	grown[0] = 0xFF
	for i, b := range got {
		for _, c := range b {
			if c != byte(i) {
				t.Fatalf("payload %d was overwritten: %v", i, b)
			}
		}
	}
	big := s.take(payloadSlabBytes)
	if cap(big) != payloadSlabBytes {
		t.Fatalf("a large take has cap %d", cap(big))
	}
	if small := s.take(10); cap(small) != 10 {
		t.Fatalf("after a large take, cap %d", cap(small))
	}
}
