"""Why a mapping did or did not fire: StreamProcessor.explain() and
process(..., trace=True), checked against what the processor actually did
(the Python side of tests/host/explain.test.ts)."""

import json
import random
from collections import Counter

import pytest

from stream_processor_wasmtime import LastError, SourceReport, StreamProcessor

BASE = "umh.v1.corpA.plant-A.aawd"
PRESS = f"{BASE}._raw.press"
TEMP = f"{BASE}._raw.tempF"
RUN = f"{BASE}._raw.run"
PUMP = {
    "mode": "timeseries",
    "model": {"name": "pump", "version": "v1"},
    "output_topic": BASE,
    "sources": {"press": PRESS, "tF": TEMP, "r": RUN},
    "mapping": {
        "pressure": "press + 4.00001",
        "temperature": "tF * 69 / 31",
        "combined": "press + tF",
        "motor": {"rpm": "press / 4"},
        "status": 'r ? "active" : "inactive"',
        "serialNumber": '"SN-P42-008"',
    },
}


def msg(topic, value, t=1000):
    payload = json.dumps({"value": value, "timestamp_ms": t}, separators=(",", ":"))
    return {"payload": payload} if topic is None else {"topic": topic, "payload": payload}


def create():
    return StreamProcessor.create(PUMP, seed=1, clock=lambda: 0)


def mapping(p, path):
    return next(m for m in p.explain().mappings if m.path == path)


def source(p, alias):
    return next(s for s in p.explain().sources if s.alias == alias)


def test_names_the_alias_a_mapping_waits_for_and_once_it_arrives_the_mapping_fires():
    with create() as p:
        m = mapping(p, "combined")
        assert (m.kind, m.dependencies, m.waiting_for, m.outputs, m.skipped) == \
            ("dynamic", ("press", "tF"), ("press", "tF"), 0, 0)
        p.process([msg(PRESS, 10), msg(PRESS, 11)])
        m = mapping(p, "combined")
        assert (m.waiting_for, m.outputs, m.skipped) == (("tF",), 0, 2)
        assert source(p, "tF") == SourceReport(alias="tF", topic=TEMP, has_value=False, updates=0, invalid=0)
        r = p.process([msg(TEMP, 70, 2000)])
        assert f"{BASE}._pump_v1.combined" in [o.topic for o in r.outputs]
        m = mapping(p, "combined")
        assert (m.waiting_for, m.outputs, m.skipped) == ((), 1, 2)
        assert source(p, "tF") == SourceReport(alias="tF", topic=TEMP, has_value=True, updates=1, invalid=0,
                                               last_timestamp_ms=2000)


def test_counts_errors_by_code_and_keeps_the_last_errors_message():
    with create() as p:
        p.process([msg(PRESS, "abc"), msg(PRESS, 4)])  # motor.rpm: "abc" / 4 is NaN
        p.process([{"topic": PRESS, "payload": "{oops"}])
        m = mapping(p, "motor.rpm")
        assert (m.outputs, m.errors, m.errors_by_code, m.last_error) == \
            (1, 1, {"non_finite_result": 1}, LastError("non_finite_result", "result is NaN"))
        s = p.explain().sources[0]
        assert (s.alias, s.updates, s.invalid) == ("press", 2, 1)


def test_the_report_in_the_node_shape():
    with create() as p:
        p.process([msg(PRESS, "abc", 5)])
        d = p.explain().to_dict()
        assert d["mappings"][3] == {
            "path": "motor.rpm", "kind": "dynamic", "dependencies": ["press"], "waitingFor": [], "outputs": 0,
            "skipped": 0, "errors": 1, "errorsByCode": {"non_finite_result": 1},
            "lastError": {"code": "non_finite_result", "message": "result is NaN"}}
        assert d["sources"][1] == {"alias": "tF", "topic": TEMP, "hasValue": False, "updates": 0, "invalid": 0}
        assert d["sources"][0]["lastTimestampMs"] == 5
        assert d["dropped"] == {"noTopic": 0, "unknownTopic": 0, "nearMisses": [], "nearMissesNotListed": 0}


def test_a_topic_differing_from_a_source_by_case_or_a_typo_is_a_near_miss_others_not():
    with create() as p:
        case_diff = PRESS.replace("press", "Press")
        typo = TEMP.replace("tempF", "tmepF")
        p.process([msg(case_diff, 1), msg(case_diff, 2), msg(typo, 3), msg(f"{BASE}._raw.vibration", 4),
                   msg(None, 5), msg(case_diff, 6)])
        d = p.explain().to_dict()["dropped"]
        assert d == {
            "noTopic": 1,
            "unknownTopic": 5,
            "nearMisses": [
                {"topic": case_diff, "didYouMean": PRESS, "count": 3},
                {"topic": typo, "didYouMean": TEMP, "count": 1},
            ],
            "nearMissesNotListed": 0,
        }
        r = p.process([msg(case_diff, 7)], trace=True)
        assert r.trace[0].to_dict() == {"index": 0, "topic": case_diff, "outcome": "dropped",
                                        "reason": "unknown topic", "didYouMean": PRESS, "mappings": []}


def test_keeps_16_near_miss_topics_and_counts_the_rest():
    with create() as p:
        near = [msg(PRESS[:-1] + chr(65 + i), i) for i in range(40)]  # 40 topics one edit from PRESS
        p.process(near)
        d = p.explain().dropped
        assert d.unknown_topic == 40 and len(d.near_misses) == 16
        assert d.near_misses_not_listed == 32 - 16  # 8 topics were over this batch's budget
        p.process(near)
        d = p.explain().dropped
        assert sum(n.count for n in d.near_misses) + d.near_misses_not_listed == 32 + 40


def stream(n, seed):
    """A generated stream: every source, bad payloads, failing mappings, unknown and missing topics."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        k = rnd.random()
        if k < 0.35:
            out.append(msg(PRESS, "n/a" if rnd.random() < 0.1 else round(rnd.random() * 1000) / 10, i + 1))
        elif k < 0.6:
            out.append(msg(TEMP, rnd.random() * 200, i + 1))
        elif k < 0.7:
            out.append(msg(RUN, rnd.random() < 0.5, i + 1))
        elif k < 0.78:
            out.append({"topic": (PRESS, TEMP, RUN)[i % 3],
                        "payload": "{bad" if rnd.random() < 0.5 else '{"value":null,"timestamp_ms":1}'})
        elif k < 0.88:
            out.append(msg(f"{BASE}._raw.other{i % 50}", 1, i + 1))
        elif k < 0.93:
            out.append(msg(RUN.upper(), 1, i + 1))
        else:
            out.append(msg(None, 1, i + 1))
    return out


def test_over_100k_generated_messages_counters_equal_what_was_produced_and_traces_agree_with_each_batch():
    p = create()
    messages = stream(100_000, 7)
    path_of = {m.topic: m.path for m in p.mappings()}
    deps = {m.path: m.dependencies for m in p.mappings() if m.kind == "dynamic"}
    alias_of = {t: a for a, t in PUMP["sources"].items()}
    outputs, errors, skipped, updates, invalid = Counter(), Counter(), Counter(), Counter(), Counter()
    dropped = no_topic = 0
    has_value = set()
    for start in range(0, len(messages), 1000):
        batch = messages[start:start + 1000]
        r = p.process(batch, trace=True)
        trace = r.trace
        assert [t.index for t in trace] == list(range(len(batch)))
        # The fired entries, in order, are the outputs; the error entries are the mapping error records.
        fired = [(t.index, m.path) for t in trace for m in t.mappings if m.result == "fired"]
        assert [path for _, path in fired] == [path_of[o.topic] for o in r.outputs]
        assert [(t.index, m.path, m.code) for t in trace for m in t.mappings if m.result == "error"] == \
            [(e.index, e.mapping, e.code) for e in r.errors if e.mapping is not None]
        rejected = [e.index for e in r.errors if e.mapping is None]
        assert [t.index for t in trace if t.outcome == "invalid"] == rejected
        assert sum(t.outcome == "dropped" for t in trace) == r.dropped

        # Expected counters, from the outputs, error records and inputs (not from the trace).
        outputs.update(path_of[o.topic] for o in r.outputs)
        errors.update(e.mapping for e in r.errors if e.mapping is not None)
        rejected = set(rejected)
        for i, m in enumerate(batch):
            alias = alias_of.get(m.get("topic"))
            if "topic" not in m:
                no_topic += 1
            if alias is None:
                continue
            if i in rejected:
                invalid[alias] += 1
                continue
            updates[alias] += 1
            has_value.add(alias)
            waiting = [(path, next((d for d in ds if d not in has_value), None))
                       for path, ds in deps.items() if alias in ds]
            skipped.update(path for path, w in waiting if w is not None)
            # ... and the trace names the first dependency without a value.
            assert [(e.path, e.waiting_for) for e in trace[i].mappings if e.result == "skipped"] == \
                [(path, w) for path, w in waiting if w is not None]
        dropped += r.dropped

    e = p.explain()
    for m in e.mappings:
        assert (m.path, m.outputs, m.errors, m.skipped) == (m.path, outputs[m.path], errors[m.path], skipped[m.path])
    for s in e.sources:
        assert (s.alias, s.updates, s.invalid) == (s.alias, updates[s.alias], invalid[s.alias])
    assert e.dropped.no_topic == no_topic
    assert e.dropped.no_topic + e.dropped.unknown_topic == dropped
    assert [(n.topic, n.did_you_mean) for n in e.dropped.near_misses] == [(RUN.upper(), RUN)]
    assert sum(m.outputs for m in e.mappings) == p.metrics()["outputs_generated"]
    assert sum(m.errors for m in e.mappings) == p.metrics()["expression_errors"]
    assert len(outputs) > 4 and len(skipped) > 0 and sum(invalid.values()) > 0
    p.close()


def test_trace_of_a_batch_split_over_the_input_area_counts_indexes_over_the_whole_batch():
    batch = [msg(PRESS, i, i + 1) for i in range(50)] + [msg("nope", 1)] + [msg(TEMP, 1, 99)]
    with StreamProcessor.create(PUMP, limits={"input_area_bytes": 1024}) as p:
        r = p.process(batch, trace=True)
    assert [t.index for t in r.trace] == list(range(len(batch)))
    assert r.trace[50].reason == "unknown topic" and r.trace[51].alias == "tF"
    assert [m.path for m in r.trace[51].mappings if m.result == "fired"] == ["temperature", "combined", "serialNumber"]


def test_without_trace_the_result_has_none():
    with create() as p:
        assert p.process([msg(PRESS, 1)]).trace is None
        assert p.process([], trace=True).trace == []


def test_a_module_of_another_abi_version_is_refused_with_the_version():
    import wasmtime
    old = wasmtime.wat2wasm('(module (memory (export "memory") 1) (func (export "abi_version") (result i32) i32.const 1))')
    with pytest.raises(ValueError, match="ABI version 1; this host implements version 2"):
        StreamProcessor.create(PUMP, wasm=bytes(old))
