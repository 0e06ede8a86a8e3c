package streamprocessor

import (
	"context"
	"fmt"
)

// limitID is a set_limit id (docs/ABI.md "Limits").
type limitID uint32

const (
	limitPayloadBytes   limitID = 3
	limitInputAreaBytes limitID = 7
)

// limitSpec is one module limit as the `limits` field names it: the Node
// host's option names (host/options.ts), the module's default and maximum.
type limitSpec struct {
	name        string
	id          limitID
	def, max    uint64
	description string
}

var limitSpecs = []limitSpec{
	{"expressionBytes", 0, 4096, 1<<32 - 1, "Expression text, UTF-8 bytes."},
	{"mappings", 1, 10000, 1<<32 - 1, "Number of mappings."},
	{"sources", 2, 10000, 1<<32 - 1, "Number of sources."},
	{"payloadBytes", limitPayloadBytes, 1 << 20, 512 << 20, "Payload bytes per message (larger: error `payload_too_large`)."},
	{"valueStringUnits", 4, 65536, 256 << 20, "A string value in a payload, UTF-16 code units (longer: `string_too_long`)."},
	{"evalStringUnits", 5, 1 << 20, 256 << 20, "Any string built during one evaluation, UTF-16 code units (`string_limit`)."},
	{"evalArenaBytes", 6, 32 << 20, 512 << 20, "Scratch memory of one evaluation, bytes (`memory_limit`)."},
	{"inputAreaBytes", limitInputAreaBytes, 256 << 20, 512 << 20, "The input area, bytes: the largest framed batch one module call takes (larger batches are processed in parts)."},
}

// limits are the module limits of a processor. The host itself needs two of
// them: it splits a batch whose frame is larger than the input area into
// parts that fit.
type limits struct {
	payloadBytes   uint32
	inputAreaBytes uint32
	others         map[limitID]uint32 // set explicitly, not read by the host
}

// defaultLimits are the module's defaults.
var defaultLimits = limits{payloadBytes: 1 << 20, inputAreaBytes: 256 << 20}

// withLimit is l with limit s set to v (checked against its maximum).
func (l limits) withLimit(s limitSpec, v int) (limits, error) {
	if v < 1 || uint64(v) > s.max {
		return l, fmt.Errorf("limit %s must be an integer from 1 to %d, got %d", s.name, s.max, v)
	}
	switch s.id {
	case limitPayloadBytes:
		l.payloadBytes = uint32(v)
	case limitInputAreaBytes:
		l.inputAreaBytes = uint32(v)
	default:
		others := make(map[limitID]uint32, len(l.others)+1)
		for k, x := range l.others {
			others[k] = x
		}
		others[s.id] = uint32(v)
		l.others = others
	}
	return l, nil
}

// set applies l to a module instance that is not configured yet.
func (l limits) set(ctx context.Context, in *instance) error {
	for id, v := range l.others {
		if err := in.setLimit(ctx, id, v); err != nil {
			return err
		}
	}
	if err := in.setLimit(ctx, limitPayloadBytes, l.payloadBytes); err != nil {
		return err
	}
	return in.setLimit(ctx, limitInputAreaBytes, l.inputAreaBytes)
}
