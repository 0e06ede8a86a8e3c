"""The wasmtime host's API beyond the vectors: config errors, topics from
metadata, state export/import, metrics, limits, clock and close."""

import json

import pytest

from stream_processor_wasmtime import ConfigError, SnapshotError, StreamProcessor

PRESS = "umh.v1.corpA.plant-A.aawd._raw.press"
TEMP = "umh.v1.corpA.plant-A.aawd._raw.tempF"


def reading(topic, value, ts=1700000000000, **meta):
    m = {"topic": topic, "payload": json.dumps({"value": value, "timestamp_ms": ts}).encode()}
    if meta:
        m["metadata"] = meta
    return m


def test_invalid_expressions_raise_config_error_with_every_rendered_diagnostic(pump_config):
    pump_config["mapping"] = {"a": "pres + 1", "b": "press +"}
    with pytest.raises(ConfigError) as e:
        StreamProcessor.create(pump_config)
    d = e.value.diagnostics
    assert [x.code for x in d] == ["unknown_identifier", "syntax"]
    assert d[0].path == "a" and d[0].span == (0, 4)
    assert "  pres + 1\n  ^^^^" in str(e.value) and "did you mean 'press'?" in str(e.value)


def test_config_as_json_text_keeps_key_order(pump_config):
    with StreamProcessor.create(json.dumps(pump_config)) as p:
        assert [m.path for m in p.mappings()] == ["pressure", "motor.rpm", "both"]
        assert p.mappings()[2].dependencies == ("press", "tF")
        assert p.mappings()[2].kind == "dynamic"


def test_topic_from_metadata_and_metadata_carried(pump_config):
    with StreamProcessor.create(pump_config) as p:
        r = p.process([{"payload": '{"value":8,"timestamp_ms":5}', "metadata": {"umh_topic": PRESS, "k": "v"}},
                       {"payload": b"junk"}])
        assert [(o.topic.rsplit(".", 1)[-1], o.payload, o.metadata) for o in r.outputs] == [
            ("pressure", b'{"value":12.00001,"timestamp_ms":5}',
             {"umh_topic": "umh.v1.corpA.plant-A.aawd._pump_v1.pressure", "k": "v"}),
            ("rpm", b'{"value":2,"timestamp_ms":5}', {"umh_topic": "umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm", "k": "v"}),
        ]
        assert r.dropped == 1 and r.errors == []


def test_state_export_import_restores_the_latest_values(pump_config):
    with StreamProcessor.create(pump_config) as a:
        a.process([reading(PRESS, 10)])
        snapshot = a.export_state()
    with StreamProcessor.create(pump_config) as b:
        assert b.process([reading(TEMP, 1)]).outputs == []
        b.import_state(snapshot)
        assert [o.payload for o in b.process([reading(TEMP, 1)]).outputs] == [b'{"value":11,"timestamp_ms":1700000000000}']
        assert b.metrics()["active_variables"] == 2


def test_snapshot_of_another_config_or_corrupted_is_rejected(pump_config):
    with StreamProcessor.create(pump_config) as a:
        a.process([reading(PRESS, 10)])
        snapshot = a.export_state()
    other = dict(pump_config, sources={"press": PRESS})
    other["mapping"] = {"x": "press"}
    with StreamProcessor.create(other) as b:
        with pytest.raises(SnapshotError) as e:
            b.import_state(snapshot)
        assert e.value.code == "snapshot_invalid"
    with StreamProcessor.create(pump_config) as c:
        broken = bytearray(snapshot)
        broken[-6] ^= 1
        with pytest.raises(SnapshotError):
            c.import_state(bytes(broken))


def test_metrics_count_every_kind_of_input(pump_config):
    pump_config["mapping"]["nan"] = "press * undefined"
    with StreamProcessor.create(pump_config) as p:
        p.process([reading(PRESS, 1), reading(PRESS, [1]), reading("other", 1), {"topic": PRESS, "payload": "{"}])
        assert p.metrics() == {
            "messages_processed": 1, "messages_dropped": 1, "messages_errored": 2, "invalid_data_type": 1,
            "outputs_generated": 2, "expression_errors": 1, "active_mappings": 4, "active_variables": 1,
        }


def test_limits_apply_and_unknown_limits_are_refused(pump_config):
    with StreamProcessor.create(pump_config, limits={"payload_bytes": 16}) as p:
        r = p.process([reading(PRESS, 1)])
        assert [e.code for e in r.errors] == ["payload_too_large"]
    with pytest.raises(ValueError):
        StreamProcessor.create(pump_config, limits={"nope": 1})
    with pytest.raises(ValueError):
        StreamProcessor.create(pump_config, limits={"payload_bytes": 0})


def test_clock_is_date_now_and_seed_fixes_math_random(pump_config):
    pump_config["mapping"] = {"now": "Date.now()", "r": "Math.random()"}
    with StreamProcessor.create(pump_config, clock=lambda: 1234, seed=7) as a, \
            StreamProcessor.create(pump_config, clock=lambda: 1234, seed=7) as b:
        ra, rb = a.process([reading(PRESS, 1)]), b.process([reading(PRESS, 1)])
        assert ra.outputs[0].payload == b'{"value":1234,"timestamp_ms":1700000000000}'
        assert ra.outputs[1].payload == rb.outputs[1].payload


def test_bad_payload_type_and_closed_processor_raise(pump_config):
    p = StreamProcessor.create(pump_config)
    with pytest.raises(TypeError):
        p.process([{"topic": PRESS, "payload": 5}])
    p.close()
    with pytest.raises(RuntimeError):
        p.process([reading(PRESS, 1)])


def test_large_batches_grow_the_input_area(pump_config):
    with StreamProcessor.create(pump_config) as p:
        batch = [reading(PRESS, i, ts=i + 1, pad="x" * 100) for i in range(5000)]
        r = p.process(batch)
        assert len(r.outputs) == 10000 and r.errors == []
        assert r.outputs[-1].payload == b'{"value":1249.75,"timestamp_ms":5000}'
