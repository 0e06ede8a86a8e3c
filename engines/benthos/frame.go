package streamprocessor

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// inputRecord is what one message puts in a batch: the topic of its
// umh_topic metadata (none: empty, which the module drops) and its payload.
type inputRecord struct {
	topic   string
	payload []byte
}

// size is the bytes of the record in a batch (docs/ABI.md "Batch").
func (r inputRecord) size() uint64 {
	return inputRecordBytes + (uint64(len(r.topic))+uint64(len(r.payload))+3)&^3
}

// inputRecords reads the topic and payload of every message of batch.
func inputRecords(batch service.MessageBatch) ([]inputRecord, error) {
	return appendInputRecords(make([]inputRecord, 0, len(batch)), batch)
}

// appendInputRecords appends the topic and payload of every message of batch
// to recs (the processor reuses one slice: no allocation per batch).
func appendInputRecords(recs []inputRecord, batch service.MessageBatch) ([]inputRecord, error) {
	for i, m := range batch {
		t, _ := m.MetaGet(TopicKey)
		b, err := m.AsBytes()
		if err != nil {
			return recs, fmt.Errorf("stream_processor: message %d has no byte form: %w", i, err)
		}
		recs = append(recs, inputRecord{topic: t, payload: b})
	}
	return recs, nil
}

// nowMillis is the clock of Date.now(), read once per batch.
func nowMillis() float64 { return float64(time.Now().UnixMilli()) }

// frame writes recs as a batch into the module's input area (docs/ABI.md
// "Batch"), growing it when needed, and returns the batch length; false when
// the batch does not fit the module's input area. Input record i carries
// input_index i.
func frame(ctx context.Context, in *instance, recs []inputRecord, nowMs float64) (uint32, bool, error) {
	size := uint64(batchHeaderBytes)
	for _, r := range recs {
		size += r.size()
	}
	if size > math.MaxUint32 {
		return 0, false, nil
	}
	if ok, err := in.reserve(ctx, uint32(size)); !ok || err != nil {
		return 0, false, err
	}
	v, err := in.view(in.areaPtr, uint32(size))
	if err != nil {
		return 0, false, err
	}
	le := binary.LittleEndian
	le.PutUint64(v[0:], math.Float64bits(nowMs))
	le.PutUint32(v[8:], uint32(len(recs)))
	le.PutUint32(v[12:], batchFlags(ctx)) // bit 0: trace
	p := uint32(batchHeaderBytes)
	for i, r := range recs {
		le.PutUint32(v[p:], uint32(i))
		le.PutUint32(v[p+4:], uint32(len(r.topic)))
		le.PutUint32(v[p+8:], uint32(len(r.payload)))
		p += inputRecordBytes
		p += uint32(copy(v[p:], r.topic))
		p += uint32(copy(v[p:], r.payload))
		for ; p&3 != 0; p++ {
			v[p] = 0
		}
	}
	return p, true, nil
}

// outputRecord is one output record; payload is a view of module memory.
type outputRecord struct {
	input   int
	mapping int
	payload []byte
}

// appendOutputs appends count output records read from the output area to
// outs (the processor reuses one slice), and returns the sum of their payload
// lengths.
func appendOutputs(outs []outputRecord, area []byte, count, inputs, mappings int) ([]outputRecord, int, error) {
	le := binary.LittleEndian
	p, payloadBytes := uint64(0), 0
	for k := 0; k < count; k++ {
		if p+outputRecordBytes > uint64(len(area)) {
			return outs, 0, fmt.Errorf("stream_processor: output record %d past the output area (module bug)", k)
		}
		input, mapping := le.Uint32(area[p:]), le.Uint32(area[p+4:])
		n := uint64(le.Uint32(area[p+8:]))
		start := p + outputRecordBytes
		if start+n > uint64(len(area)) || int(input) >= inputs || int(mapping) >= mappings {
			return outs, 0, fmt.Errorf("stream_processor: output record %d is malformed (module bug)", k)
		}
		outs = append(outs, outputRecord{input: int(input), mapping: int(mapping), payload: area[start : start+n]})
		payloadBytes += int(n)
		p = uint64(pad4(uint32(start + n)))
	}
	return outs, payloadBytes, nil
}
