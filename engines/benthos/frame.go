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

// outputReader reads the output records of an output area in order.
type outputReader struct {
	area             []byte
	at               uint64 // offset of the next record
	count, read      int    // records in the area, records read
	inputs, mappings int    // bounds of a record's input and mapping
	// The record read last; input -1 once every record has been read.
	input, mapping int
	payload        []byte // a view of module memory
}

// payloadBytes is the sum of the payload lengths of the records (the
// records' own checks are next's).
func (r *outputReader) payloadBytes() int {
	sum := 0
	for k, p := 0, uint64(0); k < r.count && p+outputRecordBytes <= uint64(len(r.area)); k++ {
		end := p + outputRecordBytes + uint64(binary.LittleEndian.Uint32(r.area[p+8:]))
		if end > uint64(len(r.area)) {
			break
		}
		sum += int(end - p - outputRecordBytes)
		p = uint64(pad4(uint32(end)))
	}
	return sum
}

// next reads the next record.
func (r *outputReader) next() error {
	if r.read == r.count {
		r.input = -1
		return nil
	}
	k, le, p := r.read, binary.LittleEndian, r.at
	if p+outputRecordBytes > uint64(len(r.area)) {
		return fmt.Errorf("stream_processor: output record %d past the output area (module bug)", k)
	}
	input, mapping := le.Uint32(r.area[p:]), le.Uint32(r.area[p+4:])
	n := uint64(le.Uint32(r.area[p+8:]))
	start := p + outputRecordBytes
	if start+n > uint64(len(r.area)) || uint64(input) >= uint64(r.inputs) || uint64(mapping) >= uint64(r.mappings) {
		return fmt.Errorf("stream_processor: output record %d is malformed (module bug)", k)
	}
	r.input, r.mapping, r.payload = int(input), int(mapping), r.area[start:start+n]
	r.at = uint64(pad4(uint32(start + n)))
	r.read++
	return nil
}
