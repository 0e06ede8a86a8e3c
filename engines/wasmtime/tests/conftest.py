import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def vectors_path() -> Path:
    """<repo>/tests/conformance/vectors.json ($SP_VECTORS overrides)."""
    return Path(os.environ.get("SP_VECTORS") or REPO / "tests" / "conformance" / "vectors.json")


def load_cases():
    cases = json.loads(vectors_path().read_text())["cases"]
    assert cases, "the vector file has no cases"
    return cases


@pytest.fixture
def pump_config():
    return {
        "model": {"name": "pump", "version": "v1"},
        "output_topic": "umh.v1.corpA.plant-A.aawd",
        "sources": {"press": "umh.v1.corpA.plant-A.aawd._raw.press", "tF": "umh.v1.corpA.plant-A.aawd._raw.tempF"},
        "mapping": {"pressure": "press + 4.00001", "motor": {"rpm": "press / 4"}, "both": "press + tF"},
    }
