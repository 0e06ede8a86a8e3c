// Command bench-w2 times the stream_processor in Benthos over the W2 workload
// written by engines/bench/w2_stream.mjs (run by engines/bench_w2.sh):
//
//	bench-w2 DIR BATCH RUNS
//
// Two measures, each one warm-up pass and then RUNS timed passes over all
// messages in batches of BATCH, messages built before timing:
//   - "benthos stream": a real stream, batch producer -> stream_processor ->
//     batch consumer; a pass sends the batches one after another and waits for
//     each to be acknowledged (one batch in flight);
//   - "benthos processor": the processor alone, ProcessBatch through a
//     Benthos resource (no stream machinery).
//
// Prints one JSON line per measure: {"engine","batch","messages","outputs","nsPerMsg":[per run]}.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
	"github.com/redpanda-data/benthos/v4/public/service"

	streamprocessor "github.com/stream-processor-wasm/engines/benthos"
)

type message struct {
	Topic    string            `json:"topic"`
	Payload  string            `json:"payload"`
	Metadata map[string]string `json:"metadata"`
}

type result struct {
	Engine   string    `json:"engine"`
	Batch    int       `json:"batch"`
	Messages int       `json:"messages"`
	Outputs  int64     `json:"outputs"`
	NsPerMsg []float64 `json:"nsPerMsg"`
}

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: bench-w2 DIR BATCH RUNS"))
	}
	dir := os.Args[1]
	batch, err1 := strconv.Atoi(os.Args[2])
	runs, err2 := strconv.Atoi(os.Args[3])
	if err1 != nil || err2 != nil || batch <= 0 || runs <= 0 {
		fail(fmt.Errorf("BATCH and RUNS must be positive integers"))
	}
	config, err := os.ReadFile(filepath.Join(dir, "config.json"))
	fail(err)
	msgs := readMessages(filepath.Join(dir, "messages.jsonl"))
	proc := "stream_processor: " + string(config)
	fail(streamprocessor.RecordConfigYAML([]byte(proc)))

	emit(measureStream(proc, msgs, batch, runs))
	emit(measureProcessor(proc, msgs, batch, runs))
}

// batches builds fresh message batches (messages are not reused across passes).
func batches(msgs []message, size int) []service.MessageBatch {
	var out []service.MessageBatch
	for i := 0; i < len(msgs); i += size {
		b := make(service.MessageBatch, 0, size)
		for _, m := range msgs[i:min(i+size, len(msgs))] {
			sm := service.NewMessage([]byte(m.Payload))
			for k, v := range m.Metadata {
				sm.MetaSetMut(k, v)
			}
			b = append(b, sm)
		}
		out = append(out, b)
	}
	return out
}

func measureStream(proc string, msgs []message, batch, runs int) result {
	b := service.NewStreamBuilder()
	fail(b.SetLoggerYAML("level: none"))
	produce, err := b.AddBatchProducerFunc()
	fail(err)
	fail(b.AddProcessorYAML(proc))
	var outputs atomic.Int64
	fail(b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		outputs.Add(int64(len(batch)))
		return nil
	}))
	stream, err := b.Build()
	fail(err)
	go func() { _ = stream.Run(context.Background()) }()
	defer func() { _ = stream.Stop(context.Background()) }()
	ctx := context.Background()
	r := result{Engine: "benthos stream", Batch: batch, Messages: len(msgs)}
	for run := -1; run < runs; run++ {
		bs := batches(msgs, batch)
		outputs.Store(0)
		t0 := time.Now()
		for _, b := range bs {
			fail(produce(ctx, b))
		}
		if run >= 0 {
			r.NsPerMsg = append(r.NsPerMsg, float64(time.Since(t0).Nanoseconds())/float64(len(msgs)))
		}
	}
	r.Outputs = outputs.Load()
	return r
}

func measureProcessor(proc string, msgs []message, batch, runs int) result {
	rb := service.NewResourceBuilder()
	fail(rb.AddProcessorYAML("label: sp\n" + proc))
	res, closeRes, err := rb.Build()
	fail(err)
	defer func() { _ = closeRes(context.Background()) }()
	ctx := context.Background()
	r := result{Engine: "benthos processor", Batch: batch, Messages: len(msgs)}
	fail(res.AccessProcessor(ctx, "sp", func(p *service.ResourceProcessor) {
		for run := -1; run < runs; run++ {
			bs := batches(msgs, batch)
			var outputs int64
			t0 := time.Now()
			for _, b := range bs {
				out, err := p.ProcessBatch(ctx, b)
				fail(err)
				for _, o := range out {
					outputs += int64(len(o))
				}
			}
			if run >= 0 {
				r.NsPerMsg = append(r.NsPerMsg, float64(time.Since(t0).Nanoseconds())/float64(len(msgs)))
			}
			r.Outputs = outputs
		}
	}))
	return r
}

func readMessages(path string) []message {
	f, err := os.Open(path)
	fail(err)
	defer f.Close()
	var out []message
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		var m message
		fail(json.Unmarshal(s.Bytes(), &m))
		out = append(out, m)
	}
	fail(s.Err())
	return out
}

func emit(r result) {
	b, err := json.Marshal(r)
	fail(err)
	fmt.Println(string(b))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-w2:", err)
		os.Exit(1)
	}
}
