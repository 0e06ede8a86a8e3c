package streamprocessor

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// frame writes batch into the module's input area (docs/ABI.md "Batch"),
// growing it when needed, and returns the batch length. Input record i
// carries input_index i and the topic of the message's umh_topic metadata
// (none: topic_len 0, which the module drops).
func frame(ctx context.Context, in *instance, batch service.MessageBatch) (uint32, error) {
	size := uint64(batchHeaderBytes)
	for i, m := range batch {
		t, _ := m.MetaGet(TopicKey)
		b, err := m.AsBytes()
		if err != nil {
			return 0, fmt.Errorf("stream_processor: message %d has no byte form: %w", i, err)
		}
		size += inputRecordBytes + uint64(pad4(uint32(len(t)+len(b))))
	}
	if size > math.MaxUint32 {
		return 0, fmt.Errorf("stream_processor: a batch of %d bytes is too large; use smaller batches", size)
	}
	if err := in.reserve(ctx, uint32(size)); err != nil {
		return 0, err
	}
	v, err := in.view(in.areaPtr, uint32(size))
	if err != nil {
		return 0, err
	}
	le := binary.LittleEndian
	le.PutUint64(v[0:], math.Float64bits(float64(time.Now().UnixMilli())))
	le.PutUint32(v[8:], uint32(len(batch)))
	le.PutUint32(v[12:], 0)
	p := uint32(batchHeaderBytes)
	for i, m := range batch {
		t, _ := m.MetaGet(TopicKey)
		b, _ := m.AsBytes()
		le.PutUint32(v[p:], uint32(i))
		le.PutUint32(v[p+4:], uint32(len(t)))
		le.PutUint32(v[p+8:], uint32(len(b)))
		p += inputRecordBytes
		p += uint32(copy(v[p:], t))
		p += uint32(copy(v[p:], b))
		for ; p&3 != 0; p++ {
			v[p] = 0
		}
	}
	return p, nil
}

// outputRecord is one output record; payload is a view of module memory.
type outputRecord struct {
	input   int
	mapping int
	payload []byte
}

// decodeOutputs reads count output records from the output area.
func decodeOutputs(area []byte, count, inputs, mappings int) ([]outputRecord, error) {
	outs := make([]outputRecord, count)
	le := binary.LittleEndian
	p := uint64(0)
	for k := range outs {
		if p+outputRecordBytes > uint64(len(area)) {
			return nil, fmt.Errorf("stream_processor: output record %d past the output area (module bug)", k)
		}
		input, mapping := le.Uint32(area[p:]), le.Uint32(area[p+4:])
		n := uint64(le.Uint32(area[p+8:]))
		start := p + outputRecordBytes
		if start+n > uint64(len(area)) || int(input) >= inputs || int(mapping) >= mappings {
			return nil, fmt.Errorf("stream_processor: output record %d is malformed (module bug)", k)
		}
		outs[k] = outputRecord{input: int(input), mapping: int(mapping), payload: area[start : start+n]}
		p = uint64(pad4(uint32(start + n)))
	}
	return outs, nil
}
