"""Every case of the shared conformance vectors through the wasmtime host: each
step one batch; outputs exact and in order (topic, payload bytes, metadata),
error records and drops counted."""

import pytest

from conftest import load_cases
from stream_processor_wasmtime import StreamProcessor

CASES = load_cases()


def test_the_vector_file_has_cases():
    assert len(CASES) > 0


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conformance_vector(case):
    with StreamProcessor.create(case["config"], seed=1) as p:
        for i, step in enumerate(case["steps"]):
            r = p.process(step["input"])
            got = []
            for o in r.outputs:
                meta = dict(o.metadata)
                assert meta.pop("umh_topic") == o.topic, f"step {i}: umh_topic carries the output topic"
                got.append({"topic": o.topic, "payload": o.payload.decode(), "metadata": meta})
            assert got == step["expect"]["outputs"], f"step {i} outputs"
            assert len(r.errors) == step["expect"]["errors"], f"step {i} errors: {r.errors}"
            assert r.dropped == step["expect"]["dropped"], f"step {i} dropped"
