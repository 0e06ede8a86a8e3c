"""Runs a vectors file (the shape of tests/conformance/vectors.json) through the
wasmtime host and prints what it produced, for engines' cross-host test:

    python -m stream_processor_wasmtime.vectors VECTORS.json > result.json

Each step is one batch; the input's topic is also its umh_topic metadata (as
in a Benthos pipeline). Payloads are base64 (byte-exact); expectations in the
file are ignored.
"""

import base64
import json
import sys

from ._processor import StreamProcessor


def run(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        vectors = json.load(f)
    cases = []
    for case in vectors["cases"]:
        steps = []
        with StreamProcessor.create(case["config"], seed=1, clock=lambda: 1700000000000) as p:
            for step in case["steps"]:
                inputs = []
                for m in step["input"]:
                    meta = dict(m.get("metadata") or {})
                    if "topic" in m:
                        meta["umh_topic"] = m["topic"]
                    inputs.append({**m, "metadata": meta})
                r = p.process(inputs)
                steps.append({
                    "outputs": [{"topic": o.topic, "payload_b64": base64.b64encode(o.payload).decode(),
                                 "metadata": o.metadata} for o in r.outputs],
                    "errors": len(r.errors),
                    "dropped": r.dropped,
                })
        cases.append({"name": case["name"], "steps": steps})
    return {"engine": "wasmtime", "cases": cases}


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m stream_processor_wasmtime.vectors VECTORS.json")
    json.dump(run(sys.argv[1]), sys.stdout)


if __name__ == "__main__":
    main()
