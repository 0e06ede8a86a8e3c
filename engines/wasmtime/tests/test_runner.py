"""`python -m stream_processor_wasmtime`: --explain[=json] and --trace as the
Node CLI prints them (compared with `node dist/host/cli.js run`), and the
usage errors of the new options."""

import json
import random
import subprocess
import sys

import pytest

from conftest import REPO

WASMTIME = REPO / "engines" / "wasmtime"
BASE = "umh.v1.corpA.plant-A.aawd"


def python_run(*args, input_text=None):
    return subprocess.run([sys.executable, "-m", "stream_processor_wasmtime", *map(str, args)], input=input_text,
                          capture_output=True, text=True, timeout=120, cwd=WASMTIME)


def node_run(*args):
    return subprocess.run(["node", str(REPO / "dist" / "host" / "cli.js"), "run", *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def generated_input(path, n=3000, seed=3):
    """Every kind of input: the pump's sources, bad payloads, a NaN mapping,
    near-miss topics (case, typo), unknown and missing topics, invalid timestamps."""
    rnd = random.Random(seed)
    press, temp, run = f"{BASE}._raw.press", f"{BASE}._raw.tempF", f"{BASE}._raw.run"
    lines = []
    for i in range(n):
        k = rnd.random()
        t = 1732700000000 + i
        if k < 0.3:
            v = '"n/a"' if rnd.random() < 0.1 else repr(round(rnd.random() * 1000, 2))
            lines.append(f'{{"topic":"{press}","payload":{{"value":{v},"timestamp_ms":{t}}}}}')
        elif k < 0.55:
            ts = t + 0.25 if rnd.random() < 0.05 else t  # a fractional timestamp is invalid
            lines.append(f'{{"topic":"{temp}","payload":{{"value":{rnd.random() * 200!r},"timestamp_ms":{ts}}}}}')
        elif k < 0.62:
            lines.append(f'{{"topic":"{run}","payload":{{"value":{"true" if rnd.random() < 0.5 else "false"},"timestamp_ms":{t}}}}}')
        elif k < 0.7:
            lines.append(f'{{"topic":"{press}","payload_raw":"{{bad"}}')
        elif k < 0.78:
            lines.append(f'{{"topic":"{BASE}._raw.other{i % 40}","payload":{{"value":1,"timestamp_ms":{t}}}}}')
        elif k < 0.86:
            topic = rnd.choice([run.upper(), temp.replace("tempF", "tmepF"), press + "s"])
            lines.append(f'{{"topic":"{topic}","payload":{{"value":1,"timestamp_ms":{t}}}}}')
        elif k < 0.92:
            lines.append(f'{{"metadata":{{"umh_topic":"{press}","k":"v"}},"payload":{{"value":5,"timestamp_ms":{t}}}}}')
        else:
            lines.append(f'{{"payload":{{"value":1,"timestamp_ms":{t}}}}}')
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("input_name", ["pump.jsonl", "generated"])
def test_explain_and_trace_are_the_node_clis_byte_for_byte(tmp_path, input_name):
    data = REPO / "examples" / "pump.jsonl" if input_name == "pump.jsonl" else generated_input(tmp_path / "in.jsonl")
    config = REPO / "examples" / "pump.yaml"
    node = node_run("--config", config, "--input", data, "--seed", 5, "--explain=json", "--trace")
    py = python_run(config, data, "--seed", 5, "--explain=json", "--trace")
    assert node.returncode == 0 and py.returncode == 0, node.stderr + py.stderr
    assert py.stdout == node.stdout
    # JSON lines on stderr: the trace of every input, then the report.
    node_json = [line for line in node.stderr.splitlines() if line.startswith("{")]
    py_json = [line for line in py.stderr.splitlines() if line.startswith("{")]
    assert len(py_json) == sum(1 for line in data.read_text().splitlines() if line.strip()) + 1
    assert py_json == node_json
    report = json.loads(py_json[-1])
    if input_name == "generated":
        assert len(report["dropped"]["nearMisses"]) == 3 and report["dropped"]["noTopic"] > 0

    node_table = node_run("--config", config, "--input", data, "--seed", 5, "--explain")
    py_table = python_run(config, data, "--seed", 5, "--explain")
    # The report follows the summary line (whose wording differs between the two).
    table = py_table.stderr.split(" errors\n\n", 1)[1]
    assert table.startswith("mapping ") and "\nsource " in table and "\ndropped: " in table
    assert node_table.stderr.endswith("\n\n" + table)


@pytest.mark.parametrize("args, message", [
    (["--checkpoint-interval", "1s"], "--checkpoint-interval needs --state FILE"),
    (["--state", "s.bin", "--checkpoint-interval", "soon"], "--checkpoint-interval must be a duration"),
    (["--explain=yaml"], "--explain takes no value or =json"),
    (["--seed", "x"], "--seed must be an integer"),
    (["--frobnicate"], "unknown option --frobnicate"),
])
def test_bad_options_are_usage_errors(tmp_path, args, message):
    r = python_run(REPO / "examples" / "pump.yaml", *args, input_text="")
    assert r.returncode == 2 and r.stderr.startswith(message), r.stderr


def test_an_invalid_config_exits_2_with_the_diagnostics_as_the_node_cli(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("model: {name: p, version: v1}\noutput_topic: o\nsources: {press: t}\nmapping:\n  rpm: prss / 4\n")
    py = python_run(config, input_text="")
    node = node_run("--config", config)
    assert (py.returncode, node.returncode) == (2, 2)
    assert py.stdout == node.stdout == ""
    assert "prss / 4\n  ^^^^" in py.stderr
    assert py.stderr.splitlines()[0] == node.stderr.splitlines()[0] == f"{config}: invalid config"
