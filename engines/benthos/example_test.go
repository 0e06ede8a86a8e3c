package streamprocessor_test

import (
	"context"
	"fmt"

	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
	"github.com/redpanda-data/benthos/v4/public/service"

	streamprocessor "github.com/stream-processor-wasm/engines/benthos"
)

// A stream with the processor: one press reading in, one message per mapping
// out, in declaration order, each on its own topic.
func Example() {
	processor := `
stream_processor:
  model: { name: pump, version: v1 }
  output_topic: umh.v1.corpA.plant-A.aawd
  sources:
    press: umh.v1.corpA.plant-A.aawd._raw.press
  mapping:
    pressure: press + 4.00001
    motor:
      rpm: press / 4
    serialNumber: '"SN-P42-008"'
`
	// Keep the mapping order (Benthos passes plugin configs as unordered maps).
	if err := streamprocessor.RecordConfigYAML([]byte(processor)); err != nil {
		panic(err)
	}
	b := service.NewStreamBuilder()
	_ = b.SetLoggerYAML("level: none")
	produce, err := b.AddBatchProducerFunc()
	if err != nil {
		panic(err)
	}
	if err := b.AddProcessorYAML(processor); err != nil {
		panic(err)
	}
	_ = b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		for _, m := range batch {
			topic, _ := m.MetaGet("umh_topic")
			payload, _ := m.AsBytes()
			fmt.Println(topic, string(payload))
		}
		return nil
	})
	stream, err := b.Build()
	if err != nil {
		panic(err)
	}
	go func() { _ = stream.Run(context.Background()) }()
	defer func() { _ = stream.Stop(context.Background()) }()

	in := service.NewMessage([]byte(`{"value":100,"timestamp_ms":1700000000000}`))
	in.MetaSet("umh_topic", "umh.v1.corpA.plant-A.aawd._raw.press")
	if err := produce(context.Background(), service.MessageBatch{in}); err != nil {
		panic(err)
	}
	// Output:
	// umh.v1.corpA.plant-A.aawd._pump_v1.pressure {"value":104.00001,"timestamp_ms":1700000000000}
	// umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm {"value":25,"timestamp_ms":1700000000000}
	// umh.v1.corpA.plant-A.aawd._pump_v1.serialNumber {"value":"SN-P42-008","timestamp_ms":1700000000000}
}
