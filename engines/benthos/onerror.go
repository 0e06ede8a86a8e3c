package streamprocessor

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// FieldOnError selects what happens to an input with error records.
const FieldOnError = "on_error"

// onErrorMode is the on_error setting. The zero value forwards (the module's
// raw result, what newProcessor gives); a processor built from a Benthos config
// drops by default.
type onErrorMode int

const (
	onErrorForward onErrorMode = iota // the input goes on with SetError
	onErrorDrop                       // the input is consumed
)

func (m onErrorMode) String() string {
	if m == onErrorDrop {
		return "drop"
	}
	return "forward"
}

func onErrorField() *service.ConfigField {
	return service.NewStringAnnotatedEnumField(FieldOnError, map[string]string{
		"drop": "The input is consumed: it is not passed on (a plain output would otherwise republish the raw message). " +
			"The outputs of its other mappings still go out. Each error is logged at WARN with the input topic, mapping, code and message (rate-limited) and counted.",
		"forward": "The input is passed on with its error records set as its error (`SetError`), for `catch`, `try` or a dead-letter output routed with `errored()`. " +
			"Each error is also logged at WARN (rate-limited) and counted.",
	}).
		Description("What happens to an input with error records (a bad payload, a mapping that fails).").
		Default("drop")
}

func parseOnError(s string) (onErrorMode, error) {
	switch s {
	case "drop":
		return onErrorDrop, nil
	case "forward":
		return onErrorForward, nil
	}
	return 0, fmt.Errorf("field '%s': '%s' is neither 'drop' nor 'forward'", FieldOnError, s)
}

// erroredInput applies on_error to an input whose error records are err: it
// logs every record and appends the input (with the error set) to out only in
// forward mode.
func (p *processor) erroredInput(out service.MessageBatch, in *service.Message, err error) service.MessageBatch {
	if p.errLog != nil {
		topic, _ := in.MetaGetMut(TopicKey)
		t, _ := topic.(string)
		for _, pe := range processErrors(err) {
			p.errLog.report(t, pe, p.onError)
		}
	}
	if p.onError == onErrorDrop {
		return out
	}
	m := in.Copy()
	m.SetError(err)
	return append(out, m)
}

// processErrors lists the ProcessErrors of a message error (joined or single).
func processErrors(err error) []*ProcessError {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*ProcessError
		for _, e := range j.Unwrap() {
			out = append(out, processErrors(e)...)
		}
		return out
	}
	var pe *ProcessError
	if errors.As(err, &pe) {
		return []*ProcessError{pe}
	}
	return nil
}

// A flood of bad input logs at most errorLogBurst lines per errorLogWindow, then
// one line with the number suppressed.
const (
	errorLogBurst  = 10
	errorLogWindow = 10 * time.Second
)

// errorLog writes one WARN line per error record, rate-limited: at most burst
// lines per window; the records over that are counted and reported in one
// "suppressed" line when the window ends.
type errorLog struct {
	mu         sync.Mutex
	log        *service.Logger
	burst      int
	window     time.Duration
	windowEnd  time.Time
	logged     int
	suppressed int
	timer      *time.Timer
}

func newErrorLog(log *service.Logger, burst int, window time.Duration) *errorLog {
	return &errorLog{log: log, burst: burst, window: window}
}

func (l *errorLog) report(topic string, pe *ProcessError, mode onErrorMode) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if !now.Before(l.windowEnd) {
		l.flushLocked()
		l.windowEnd, l.logged = now.Add(l.window), 0
	}
	if l.logged >= l.burst {
		l.suppressed++
		if l.timer == nil {
			l.timer = time.AfterFunc(time.Until(l.windowEnd), l.flush)
		}
		return
	}
	l.logged++
	action := "dropped"
	if mode == onErrorForward {
		action = "forwarded with its error"
	}
	log := l.log.With("topic", topic, "code", pe.Code)
	if pe.Mapping != "" {
		log = log.With("mapping", pe.Mapping)
	}
	log.Warnf("stream_processor: input on topic '%s' %s (on_error: %s): %s", topic, action, mode, strings.TrimPrefix(pe.Error(), "stream_processor: "))
}

// flush writes the "suppressed" line of the window that ended, if any.
func (l *errorLog) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
}

func (l *errorLog) flushLocked() {
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if l.suppressed > 0 {
		l.log.With("suppressed", l.suppressed).
			Warnf("stream_processor: suppressed %d more error logs in the last %s (at most %d per %s)", l.suppressed, l.window, l.burst, l.window)
		l.suppressed = 0
	}
}
