package streamprocessor

import (
	"encoding/binary"
	"fmt"

	"github.com/tetratelabs/wazero/api"
)

// The fixed parts of the records of docs/ABI.md.
const (
	batchHeaderBytes  = 16
	inputRecordBytes  = 12
	outputRecordBytes = 12
	errorRecordBytes  = 28
)

func pad4(n uint32) uint32 { return (n + 3) &^ 3 }

// errorRecord is one error record (docs/ABI.md "Error records").
type errorRecord struct {
	input     int32
	mapping   int32
	code      uint32
	spanStart int32
	spanEnd   int32
	path      string
	message   string
}

// decodeErrors reads count error records at ptr.
func decodeErrors(mem api.Memory, ptr uint32, count int) ([]errorRecord, error) {
	recs := make([]errorRecord, count)
	p := ptr
	for i := range recs {
		h, ok := mem.Read(p, errorRecordBytes)
		if !ok {
			return nil, fmt.Errorf("stream_processor: error record %d outside module memory (module bug)", i)
		}
		r := &recs[i]
		r.input = int32(binary.LittleEndian.Uint32(h[0:]))
		r.mapping = int32(binary.LittleEndian.Uint32(h[4:]))
		r.code = binary.LittleEndian.Uint32(h[8:])
		r.spanStart = int32(binary.LittleEndian.Uint32(h[12:]))
		r.spanEnd = int32(binary.LittleEndian.Uint32(h[16:]))
		pathLen := binary.LittleEndian.Uint32(h[20:])
		msgLen := binary.LittleEndian.Uint32(h[24:])
		body, ok := mem.Read(p+errorRecordBytes, pathLen+msgLen)
		if !ok {
			return nil, fmt.Errorf("stream_processor: error record %d outside module memory (module bug)", i)
		}
		r.path = string(body[:pathLen])
		r.message = string(body[pathLen:])
		p = pad4(p + errorRecordBytes + pathLen + msgLen)
	}
	return recs, nil
}

// mappingInfo is one mapping of the program description.
type mappingInfo struct {
	kind       uint32 // 0 constant, 1 volatile static, 2 dynamic
	deps       []uint32
	topic      string
	path       string
	expression string
}

// description is the program description (docs/ABI.md "Program description").
type description struct {
	aliases     []string
	aliasTopics []string
	mappings    []mappingInfo
}

type reader struct {
	b   []byte
	p   uint32
	err error
}

func (r *reader) u32() uint32 {
	if r.err != nil || uint64(r.p)+4 > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b[r.p:])
	r.p += 4
	return v
}

func (r *reader) text(n uint32) string {
	if r.err != nil || uint64(r.p)+uint64(n) > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[r.p : r.p+n])
	r.p += n
	return s
}

func (r *reader) align() { r.p = pad4(r.p) }

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("stream_processor: program description truncated at byte %d (module bug)", r.p)
	}
}

func decodeDescription(b []byte) (*description, error) {
	r := &reader{b: b}
	d := &description{}
	aliasCount, mappingCount := r.u32(), r.u32()
	for i := uint32(0); i < aliasCount && r.err == nil; i++ {
		nameLen, topicLen := r.u32(), r.u32()
		name, topic := r.text(nameLen), r.text(topicLen)
		r.align()
		d.aliases = append(d.aliases, name)
		d.aliasTopics = append(d.aliasTopics, topic)
	}
	for i := uint32(0); i < mappingCount && r.err == nil; i++ {
		var m mappingInfo
		m.kind = r.u32()
		depCount, topicLen, pathLen, exprLen := r.u32(), r.u32(), r.u32(), r.u32()
		for j := uint32(0); j < depCount && r.err == nil; j++ {
			m.deps = append(m.deps, r.u32())
		}
		m.topic, m.path, m.expression = r.text(topicLen), r.text(pathLen), r.text(exprLen)
		r.align()
		d.mappings = append(d.mappings, m)
	}
	return d, r.err
}

var codeNames = map[uint32]string{
	1: "invalid_json", 2: "missing_value", 3: "invalid_value_type", 4: "invalid_timestamp",
	5: "payload_too_large", 6: "string_too_long",
	10: "non_finite_result", 11: "nullish_result", 12: "type_error", 13: "string_limit",
	14: "memory_limit", 15: "range_error", 16: "non_scalar_result", 18: "callback_limit", 20: "bad_frame", 30: "config_invalid", 31: "config_limit",
	40: "syntax", 41: "unknown_identifier", 42: "unterminated_string", 43: "invalid_escape",
	44: "invalid_number", 45: "invalid_character", 46: "empty_expression", 47: "assignment",
	48: "statement", 49: "comma", 50: "function_literal", 51: "new", 52: "this", 53: "regex",
	54: "array_object_literal", 55: "optional_chaining", 56: "forbidden_global",
	57: "unknown_member", 58: "argument_count", 59: "unsupported_operator",
	60: "unsupported_index", 61: "mixed_coalesce", 62: "unary_exponent", 63: "too_deep",
	64: "too_complex", 65: "not_callable", 66: "builtin_as_value", 80: "snapshot_invalid",
}

// codeName is the name of an error code (docs/ABI.md "Error codes"), as the
// Node host names it (host/codes.ts).
func codeName(code uint32) string {
	if n, ok := codeNames[code]; ok {
		return n
	}
	if code >= 40 && code <= 69 {
		return fmt.Sprintf("expression_%d", code)
	}
	return fmt.Sprintf("code_%d", code)
}
