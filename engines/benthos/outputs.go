package streamprocessor

import (
	"context"
	"errors"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// An output message is its payload with its input's context (tracing span,
// sync_response store, …), error and metadata, and umh_topic set to the
// output topic: what Benthos's Copy of the input gives after SetBytes and
// MetaSetMut(umh_topic), which is how Benthos asks a processor to derive its
// results from its inputs (service.BatchProcessor). Copy shares the input's
// metadata map and the first MetaSetMut clones it by iterating over it; when
// the metadata fits a new message's map, building the output from
// NewMessage, WithContext and the input's entries gives the same message
// with the same allocations, without the iteration per output
// (engines/README.md, "Performance of the Benthos path").

// builtMetaMax is the most metadata entries (umh_topic included) an output is
// built with: Benthos makes a message's metadata map with room for 5 entries,
// which Go keeps in one group of 8 slots; a ninth entry grows the map, and
// then Copy's clone, made to size, is cheaper.
const builtMetaMax = 8

// metaEntry is one metadata entry of an input.
type metaEntry struct {
	key   string
	value any
}

// deriver makes the outputs of one input.
type deriver struct {
	in    *service.Message
	ctx   context.Context
	err   error
	meta  []metaEntry // the input's entries but umh_topic
	built bool        // build outputs (else Copy the input)
}

// background is the context of a new message.
var background = context.Background()

var errMetaOverMax = errors.New("more metadata than builtMetaMax")

// metaScratch holds an input's metadata entries while its outputs are made.
type metaScratch [builtMetaMax - 1]metaEntry

// newDeriver reads in's metadata into scratch.
func newDeriver(in *service.Message, scratch *metaScratch) deriver {
	d := deriver{in: in, meta: scratch[:0]}
	walk := in.MetaWalkMut(func(k string, v any) error {
		if k == TopicKey {
			return nil
		}
		if len(d.meta) == builtMetaMax-1 {
			return errMetaOverMax
		}
		d.meta = append(d.meta, metaEntry{k, v})
		return nil
	})
	d.built = walk == nil
	if d.built {
		d.ctx, d.err = in.Context(), in.GetError()
	}
	return d
}

// output is an output of the input with payload and topic.
func (d *deriver) output(payload []byte, topic any) *service.Message {
	if !d.built {
		m := d.in.Copy()
		m.SetBytes(payload)
		m.MetaSetMut(TopicKey, topic)
		return m
	}
	m := service.NewMessage(payload)
	if d.ctx != background { // a new message's context: no copy needed
		m = m.WithContext(d.ctx)
	}
	if d.err != nil {
		m.SetError(d.err)
	}
	for _, e := range d.meta {
		m.MetaSetMut(e.key, e.value)
	}
	m.MetaSetMut(TopicKey, topic)
	return m
}

// resultBlock is a one-batch result of ProcessBatch and room for the batch's
// messages, in one allocation.
type resultBlock[A any] struct {
	batches [1]service.MessageBatch
	msgs    A
}

// newResult is a result of one empty batch with room for n messages: one
// allocation, sized to a Go size class (32 to 128 bytes), for up to 13
// messages; beyond that the messages' own allocations dwarf the second one.
func newResult(n int) []service.MessageBatch {
	switch {
	case n <= 1:
		b := new(resultBlock[[1]*service.Message])
		return b.hold(b.msgs[:0:n])
	case n <= 3:
		b := new(resultBlock[[3]*service.Message])
		return b.hold(b.msgs[:0:n])
	case n <= 5:
		b := new(resultBlock[[5]*service.Message])
		return b.hold(b.msgs[:0:n])
	case n <= 7:
		b := new(resultBlock[[7]*service.Message])
		return b.hold(b.msgs[:0:n])
	case n <= 9:
		b := new(resultBlock[[9]*service.Message])
		return b.hold(b.msgs[:0:n])
	case n <= 13:
		b := new(resultBlock[[13]*service.Message])
		return b.hold(b.msgs[:0:n])
	}
	return []service.MessageBatch{make(service.MessageBatch, 0, n)}
}

func (b *resultBlock[A]) hold(msgs service.MessageBatch) []service.MessageBatch {
	b.batches[0] = msgs
	return b.batches[:]
}

// payloadSlabBytes is the size of the chunks output payloads are carved from.
const payloadSlabBytes = 16 << 10

// payloadSlab hands out room for output payloads from shared chunks: one
// allocation per 16 KiB of payloads instead of one per batch. A payload is a
// capacity-limited slice of a chunk, never written again once handed out (an
// append to it copies), so outputs of different batches share a chunk safely;
// the chunk is freed when the last of them is. It holds bytes only, so a
// payload kept alive keeps at most 16 KiB of bytes, no other object.
type payloadSlab struct {
	free []byte // the current chunk's unused room, length 0
}

// take is an empty slice with room for n bytes, for one batch's payloads.
func (s *payloadSlab) take(n int) []byte {
	if n > cap(s.free) {
		if n > payloadSlabBytes/4 {
			return make([]byte, 0, n) // large: its own allocation, the chunk kept
		}
		s.free = make([]byte, 0, payloadSlabBytes)
	}
	room := s.free[:0:n]
	s.free = s.free[n:n:cap(s.free)]
	return room
}
