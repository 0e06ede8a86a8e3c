package streamprocessor

import "fmt"

// ProcessError is one error record of a processed message, set as the
// message's error (several are joined with errors.Join). Find it with
// errors.As on a message's error.
type ProcessError struct {
	// Index of the input in its batch.
	Index int
	// Mapping is the path of the mapping that failed (`motor.rpm`), empty when
	// the message itself was rejected.
	Mapping string
	// Code is the error code's name (docs/ABI.md "Error codes"), e.g.
	// `invalid_timestamp` or `non_finite_result`.
	Code string
	// Message is the module's message, e.g. `missing or invalid timestamp_ms`.
	Message string
}

// Error renders the record: `stream_processor: mapping motor.rpm: non_finite_result: …`.
func (e *ProcessError) Error() string {
	if e.Mapping != "" {
		return fmt.Sprintf("stream_processor: mapping %s: %s: %s", e.Mapping, e.Code, e.Message)
	}
	return fmt.Sprintf("stream_processor: %s: %s", e.Code, e.Message)
}
