package streamprocessor

import (
	"github.com/redpanda-data/benthos/v4/public/service"
)

// numMetrics is the number of counters in the module's metrics block.
const numMetrics = 8

// MetricNames are the module's counters (docs/ABI.md "Metrics block",
// docs/behaviour.md §9), in block order; each is a Benthos counter of the same name.
var MetricNames = [numMetrics]string{
	"messages_processed", "messages_dropped", "messages_errored", "invalid_data_type",
	"outputs_generated", "expression_errors", "active_mappings", "active_variables",
}

// Block indexes the processor reads itself.
const (
	metricDropped          = 1
	metricMessagesErrored  = 2
	metricExpressionErrors = 5
)

// counters mirrors the module's counters into Benthos counters: after each
// call it adds what the module counted since the last one.
type counters struct {
	c    [numMetrics]*service.MetricCounter
	last [numMetrics]uint64
}

func newCounters(m *service.Metrics) *counters {
	c := &counters{}
	for i, name := range MetricNames {
		c.c[i] = m.NewCounter(name)
	}
	return c
}

// update adds the deltas from the last update to now. A counter that went
// down (active_variables after a state import) is not decreased: Benthos
// counters only go up.
func (c *counters) update(now [numMetrics]uint64) {
	for i, v := range now {
		if v > c.last[i] && c.c[i] != nil {
			c.c[i].Incr(int64(v - c.last[i]))
		}
		c.last[i] = v
	}
}
