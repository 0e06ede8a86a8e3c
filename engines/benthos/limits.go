package streamprocessor

import "context"

// limitID is a set_limit id (docs/ABI.md "Limits").
type limitID uint32

const (
	limitPayloadBytes   limitID = 3
	limitInputAreaBytes limitID = 7
)

// limits are the module limits the host itself needs to know: it splits a
// batch whose frame is larger than the input area into parts that fit.
type limits struct {
	payloadBytes   uint32
	inputAreaBytes uint32
}

// defaultLimits are the module's defaults, which a Benthos processor keeps.
var defaultLimits = limits{payloadBytes: 1 << 20, inputAreaBytes: 256 << 20}

// set applies l to a module instance that is not configured yet.
func (l limits) set(ctx context.Context, in *instance) error {
	if err := in.setLimit(ctx, limitPayloadBytes, l.payloadBytes); err != nil {
		return err
	}
	return in.setLimit(ctx, limitInputAreaBytes, l.inputAreaBytes)
}
