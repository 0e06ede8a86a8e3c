package streamprocessor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// How long a state save blocks ProcessBatch: the export, under the lock that
// ProcessBatch takes (the cache write runs after the lock is released). Each
// export is timed on its own; the benchmark reports the median and the
// largest besides ns/op.
//
//	go test -run '^$' -bench StateExport -benchtime 2000x
func BenchmarkStateExport(b *testing.B) {
	for _, w := range []benchWorkload{w1, largeStateWorkload(10000)} {
		b.Run(w.Name, func(b *testing.B) {
			p := benchProcessor(b, w)
			ctx := context.Background()
			if _, err := p.ProcessBatch(ctx, benchMessages(w.Prime)); err != nil {
				b.Fatal(err)
			}
			if _, err := p.ProcessBatch(ctx, benchMessages(w.Messages)); err != nil {
				b.Fatal(err)
			}
			exporter, err := newStateExporter(p.in)
			if err != nil {
				b.Fatal(err)
			}
			took := make([]time.Duration, 0, b.N)
			size := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p.mu.Lock() // what ProcessBatch waits for
				start := time.Now()
				snapshot, err := exporter.export(ctx)
				took = append(took, time.Since(start))
				p.mu.Unlock()
				if err != nil {
					b.Fatal(err)
				}
				size = len(snapshot)
			}
			b.StopTimer()
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "median-ns")
			b.ReportMetric(float64(took[len(took)-1].Nanoseconds()), "max-ns")
			b.ReportMetric(float64(size), "snapshot-B")
		})
	}
}

// largeStateWorkload has n sources, every one with a value (every fourth a
// 32-character string), and one mapping per 100 sources.
func largeStateWorkload(n int) benchWorkload {
	var src, mapping []string
	w := benchWorkload{Name: fmt.Sprintf("sources%d", n)}
	for i := range n {
		topic := fmt.Sprintf("umh.v1.corpA.plant-A.line%d._raw.s%d", i/100, i)
		src = append(src, fmt.Sprintf(`"s%d":%q`, i, topic))
		value := fmt.Sprintf("%d.5", i)
		if i%4 == 0 {
			value = fmt.Sprintf(`"status-%026d"`, i)
		}
		w.Prime = append(w.Prime, benchMessage{Topic: topic, Payload: `{"value":` + value + `,"timestamp_ms":1733904000000}`})
		if i%100 == 1 {
			mapping = append(mapping, fmt.Sprintf(`"m%d":"s%d + 1"`, i, i))
		}
	}
	w.Config = []byte(`{"model":{"name":"big","version":"v1"},"output_topic":"umh.v1.corpA.plant-A",` +
		`"sources":{` + strings.Join(src, ",") + `},"mapping":{` + strings.Join(mapping, ",") + `}}`)
	w.Messages = w.Prime[1:2]
	return w
}
