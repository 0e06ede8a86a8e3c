"""Batches larger than the module's input area (input_area_bytes): processed in
parts, with the result of processing the messages one after another; a single
message too large for the area is a payload_too_large error."""

import json

import pytest

from stream_processor_wasmtime import StreamProcessor

PRESS = "umh.v1.corpA.plant-A.aawd._raw.press"
TEMP = "umh.v1.corpA.plant-A.aawd._raw.tempF"
NAME = "umh.v1.corpA.plant-A.aawd._raw.name"
SMALL_AREA = 512
HEADER_BYTES = 16
CLOCK = 1700000000000


@pytest.fixture
def config():
    return {
        "model": {"name": "pump", "version": "v1"},
        "output_topic": "umh.v1.corpA.plant-A.aawd",
        "sources": {"press": PRESS, "tF": TEMP, "name": NAME},
        "mapping": {
            "pressure": "press + 4.00001",
            "both": "press + tF",
            "label": "`${name}: ${press}`",
            "ratio": "press / tF",
            "seen": "Date.now()",
        },
    }


def reading(topic, value, ts, **meta):
    m = {"topic": topic, "payload": json.dumps({"value": value, "timestamp_ms": ts}, ensure_ascii=False)}
    if meta:
        m["metadata"] = meta
    return m


def mixed_batch(oversized):
    """Every kind of input, multi-byte UTF-8 among them (sizes must be exact
    bytes, not characters), with `oversized` in the middle."""
    batch = []
    for i in range(24):
        batch.append(reading(PRESS, i * 1.5, CLOCK + i, k=f"p{i}"))
        batch.append(reading(TEMP, 0 if i % 7 == 3 else i - 5, CLOCK + i))  # tF 0: ratio is Infinity, an error
        batch.append(reading(NAME, "Ölpumpe €" + "𝄞" * (i % 9), CLOCK + i, k="ü"))
        if i % 6 == 2:
            batch.append({"topic": PRESS, "payload": "{not json"})
            batch.append(reading("umh.v1.elsewhere", 1, CLOCK))  # dropped
            batch.append({"payload": b'{"value":1,"timestamp_ms":1}'})  # no topic: dropped
        if i == 12:
            batch.append(oversized)
    return batch


def framed_size(batch):
    size = HEADER_BYTES
    for m in batch:
        t = m.get("topic", "").encode()
        p = m["payload"] if isinstance(m["payload"], bytes) else m["payload"].encode()
        size += 12 + ((len(t) + len(p) + 3) & ~3)
    return size


def run(config, batches, **limits):
    """Outputs, errors (indexes counted over all batches), dropped, metrics and
    the state snapshot after processing `batches` in order."""
    outputs, errors, dropped, offset = [], [], 0, 0
    with StreamProcessor.create(config, seed=1, clock=lambda: CLOCK, limits=limits) as p:
        for batch in batches:
            r = p.process(batch)
            outputs += [(o.topic, o.payload, o.metadata) for o in r.outputs]
            errors += [(e.index + offset, e.code, e.mapping, e.message) for e in r.errors]
            dropped += r.dropped
            offset += len(batch)
        return outputs, errors, dropped, p.metrics(), p.export_state()


def test_a_batch_over_the_input_area_is_split_with_the_result_of_one_by_one(config):
    # Over payload_bytes, and alone over the area: the module must still say payload_too_large.
    oversized = reading(PRESS, "x" * 900, CLOCK)
    batch = mixed_batch(oversized)
    assert framed_size(batch) > 10 * SMALL_AREA, "the batch must need several parts"
    limits = {"input_area_bytes": SMALL_AREA, "payload_bytes": 200}

    split = run(config, [batch], **limits)
    one_by_one = run(config, [[m] for m in batch], **limits)
    one_call = run(config, [batch], payload_bytes=200)

    assert split == one_by_one == one_call
    outputs, errors, dropped, metrics, _ = split
    assert len(outputs) > 100 and dropped == 8
    codes = {(e[0], e[1]) for e in errors}
    assert (batch.index(oversized), "payload_too_large") in codes
    assert {"invalid_json", "non_finite_result"} <= {e[1] for e in errors}
    assert metrics["messages_errored"] == 5  # 4 bad JSON + the oversized payload


def test_a_message_alone_over_the_area_but_within_payload_bytes_is_a_host_error(config):
    oversized = reading(PRESS, "y" * 600, CLOCK, k="big")
    batch = mixed_batch(oversized)
    at = batch.index(oversized)
    without = batch[:at] + batch[at + 1:]

    outputs, errors, dropped, metrics, state = run(config, [batch], input_area_bytes=SMALL_AREA)
    host_error = [e for e in errors if e[0] == at]
    assert host_error == [(at, "payload_too_large", None,
                           f"message of {framed_size([oversized]) - HEADER_BYTES} bytes does not fit the input area "
                           f"of {SMALL_AREA} bytes (input_area_bytes)")]
    # Everything else is what the batch without that message gives in one call;
    # the module never saw the message, so its metrics do not count it.
    ref_outputs, ref_errors, ref_dropped, ref_metrics, ref_state = run(config, [without])
    shifted = [(i + (i >= at), code, mapping, message) for i, code, mapping, message in ref_errors]
    assert (outputs, [e for e in errors if e[0] != at], dropped, metrics, state) == \
        (ref_outputs, shifted, ref_dropped, ref_metrics, ref_state)


def test_an_oversized_message_on_an_unknown_topic_is_dropped_when_the_module_can_tell(config):
    unknown = reading("umh.v1.elsewhere", "z" * 900, CLOCK)
    batch = [reading(PRESS, 1, CLOCK), unknown, reading(PRESS, 2, CLOCK)]
    split = run(config, [batch], input_area_bytes=SMALL_AREA, payload_bytes=100)
    assert split == run(config, [batch], payload_bytes=100)
    assert split[1] == [] and split[2] == 1


def test_a_config_or_snapshot_larger_than_the_input_area_is_a_config_or_snapshot_error(config):
    from stream_processor_wasmtime import ConfigError, SnapshotError
    with pytest.raises(ConfigError) as e:
        StreamProcessor.create(config, limits={"input_area_bytes": 64})
    assert e.value.diagnostics[0].code == "config_limit"
    with StreamProcessor.create(config, limits={"input_area_bytes": SMALL_AREA}) as p:
        with pytest.raises(SnapshotError, match="do not fit the input area"):
            p.import_state(b"\0" * (SMALL_AREA + 1))
