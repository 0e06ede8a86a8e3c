package streamprocessor

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// Per-mapping Benthos metrics and the INFO logs that answer "why is nothing
// emitted?" in a pipeline, from the module's explain record. The record is
// read at most once per mappingReportInterval (and when the processor
// closes), not per batch: a batch pays one atomic load (a timer marks the
// report due; the next batch makes it).

// Per-mapping counters, each with the label MappingLabel (the mapping's path).
const (
	MetricMappingOutputs = "stream_processor_mapping_outputs"
	MetricMappingErrors  = "stream_processor_mapping_errors"
	MetricMappingSkipped = "stream_processor_mapping_skipped"
	MappingLabel         = "mapping"
)

// mappingReportInterval is how often the explain record is read for the
// metrics and logs (tests shorten it).
var mappingReportInterval = time.Second

// waitingLogSkips is the skips after which a dynamic mapping that never
// fired is logged with what it waits for.
const waitingLogSkips = 10

// maxNearMissLogs bounds the near-miss topics remembered as logged.
const maxNearMissLogs = 1024

// mappingReporter adds the module's per-mapping counters to Benthos counters
// and logs, once each, a dynamic mapping still waiting after its first skips
// and a dropped topic that nearly matches a source.
type mappingReporter struct {
	outputs, errors, skipped *service.MetricCounter
	log                      *service.Logger
	last                     []mappingCounters // as of the last report
	due                      atomic.Bool       // the next batch reports
	timer                    *time.Timer       // marks due mappingReportInterval after a report
	waitingLogged            []bool
	nearMissLogged           map[string]bool
	broken                   bool // the explain record could not be read: logged once, then off
}

func newMappingReporter(m *service.Metrics, mappings int) *mappingReporter {
	r := &mappingReporter{
		outputs:        m.NewCounter(MetricMappingOutputs, MappingLabel),
		errors:         m.NewCounter(MetricMappingErrors, MappingLabel),
		skipped:        m.NewCounter(MetricMappingSkipped, MappingLabel),
		last:           make([]mappingCounters, mappings),
		waitingLogged:  make([]bool, mappings),
		nearMissLogged: map[string]bool{},
	}
	r.due.Store(true) // the first batch reports
	return r
}

// enableReports starts the per-mapping metrics and logs (m and log may be
// nil); an ABI-1 module has no explain record to report from.
func (x *explainer) enableReports(m *service.Metrics, log *service.Logger) {
	if x == nil || x.explainFn == nil {
		return
	}
	x.reporter = newMappingReporter(m, len(x.mappings))
	x.reporter.log = log
}

// tick reports when the report is due: at the first batch, then at the first
// batch mappingReportInterval or more after the last report.
func (x *explainer) tick(ctx context.Context, in *instance) {
	if x == nil || x.reporter == nil || !x.reporter.due.Load() || x.reporter.broken {
		return
	}
	r := x.reporter
	r.due.Store(false)
	x.reportNow(ctx, in)
	if r.timer == nil {
		r.timer = time.AfterFunc(mappingReportInterval, func() { r.due.Store(true) })
	} else {
		r.timer.Reset(mappingReportInterval)
	}
}

// stopReports stops the report timer (the processor closes).
func (x *explainer) stopReports() {
	if x != nil && x.reporter != nil && x.reporter.timer != nil {
		x.reporter.timer.Stop()
	}
}

// reportNow reads the explain record and reports it.
func (x *explainer) reportNow(ctx context.Context, in *instance) {
	if x == nil || x.reporter == nil || x.reporter.broken {
		return
	}
	rec, err := x.read(ctx, in)
	if err != nil {
		// The batch's results are right; only the report is lost.
		x.reporter.broken = true
		x.reporter.log.Errorf("per-mapping metrics and logs are off: %v", err)
		return
	}
	x.reporter.report(x, rec)
}

func (r *mappingReporter) report(x *explainer, rec *explainRecord) {
	for i := range rec.mappings {
		now, last, path := rec.mappings[i], &r.last[i], x.paths[i]
		incr(r.outputs, now.outputs, last.outputs, path)
		incr(r.errors, now.errors, last.errors, path)
		incr(r.skipped, now.skipped, last.skipped, path)
		*last = now
		if !r.waitingLogged[i] && x.mappings[i].kind == kindDynamic && now.outputs == 0 && now.skipped >= waitingLogSkips {
			if msg := x.waitingMessage(i, rec); msg != "" {
				r.log.Info(msg)
				r.waitingLogged[i] = true
			}
		}
	}
	for _, n := range rec.nearMisses {
		if !r.nearMissLogged[n.topic] && len(r.nearMissLogged) < maxNearMissLogs {
			r.nearMissLogged[n.topic] = true
			r.log.Infof("messages on '%s' are dropped: no source has that topic; did you mean '%s'?", n.topic, x.aliasTopics[n.alias])
		}
	}
}

// incr adds now - last to c; the module's counters only grow.
func incr(c *service.MetricCounter, now, last uint64, path string) {
	if now > last {
		c.Incr(int64(now-last), path)
	}
}

// waitingMessage is `mapping 'efficiency' waiting for 'flow' (no message on
// <topic> yet): skipped 12 times`; "" when no dependency lacks a value.
func (x *explainer) waitingMessage(i int, rec *explainRecord) string {
	var why []string
	for _, d := range x.mappings[i].deps {
		s := rec.sources[d]
		if s.hasValue {
			continue
		}
		switch {
		case s.updates == 0 && s.invalid == 0:
			why = append(why, fmt.Sprintf("'%s' (no message on %s yet)", x.aliases[d], x.aliasTopics[d]))
		case s.updates == 0:
			why = append(why, fmt.Sprintf("'%s' (no valid message on %s yet; %d rejected)", x.aliases[d], x.aliasTopics[d], s.invalid))
		default:
			why = append(why, fmt.Sprintf("'%s' (no value yet)", x.aliases[d]))
		}
	}
	if len(why) == 0 {
		return ""
	}
	return fmt.Sprintf("mapping '%s' waiting for %s: skipped %d times", x.paths[i], strings.Join(why, ", "), rec.mappings[i].skipped)
}
