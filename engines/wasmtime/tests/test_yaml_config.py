"""Config text in the wasmtime host: YAML or JSON read exactly as the Node host
reads it (host/config.ts). The parity test runs the same texts through the
Node host (`node engines/config_node.mjs`, on dist/) and compares the config
JSON the module gets, or the ConfigError's line and column."""

import json
import re
import subprocess
import time

import pytest

from conftest import REPO
from stream_processor_wasmtime import ConfigError, StreamProcessor

HEAD = """model: { name: pump, version: v1 }
output_topic: umh.v1.corpA.plant-A.aawd
sources:
  press: umh.v1.corpA.plant-A.aawd._raw.press
  tF: umh.v1.corpA.plant-A.aawd._raw.tempF
"""
PRESS = "umh.v1.corpA.plant-A.aawd._raw.press"

# Whole configs and fragments that exercise what YAML parsers disagree on.
PARITY_TEXTS = [
    (REPO / "examples" / "pump.yaml").read_text(encoding="utf-8"),
    HEAD + "mapping:\n  ratio: 1.50\n  quoted: '1.50'\n  dq: \"1.50\"\n  int: 42\n  exp: 1e3\n  neg: -0\n"
           "  hex: 0x1F\n  oct: 0o17\n  leading0: 0777\n  under: 1_000\n  inf: .inf\n  dot: .5\n  trail: 1.\n",
    HEAD + "mapping:\n  a: yes\n  b: on\n  c: off\n  d: NO\n  e: y\n  f: True\n  g: false\n  h: null\n  i: ~\n  j:\n",
    HEAD + "mapping: {a: press + 1, b: 2.50, c: {d: \"x\", e: [1.50, true]}}\n",
    HEAD + "mapping:\n  lit: |\n    press +\n    1\n  fold: >\n    press\n    * 2\n  strip: >-\n    tF\n  keep: |+\n    press\n\n"
           "  plain: press\n    / 4\n",
    HEAD + "# a comment\nmapping:   # another\n  a: press # trailing\n  # between\n  b: '#not a comment' # c\n",
    "defaults: &d {scale: 2.50, offset: 1}\n" + HEAD + "mapping:\n  <<: *d\n  offset: 3.0\n  extra: press\n",
    "base: &b {x: 1.50}\nmore: &m {x: 9, y: 2.0}\n" + HEAD + "mapping:\n  <<: [*b, *m]\n  z: 0.10\n",
    HEAD + "mapping:\n  a: &n 1.50\n  b: *n\nother: *n\n",
    "n: &n 2.50\n" + HEAD + "mapping:\n  b: *n\nother: *n\n",
    # An alias of a scalar fixed earlier stays an alias and counts toward the alias limit.
    HEAD + "mapping:\n  a: {x: &n 1.50}\n  b: *n\nother: *n\n",
    HEAD + "mapping:\n  a: {x: &n 1.50}\n  l: [" + ", ".join(["*n"] * 100) + "]\n",
    "n: &n 1.50\n" + HEAD + "mapping:\n  l: [" + ", ".join(["*n"] * 100) + "]\n",
    HEAD + "mapping:\n  b: 1\n  10: 2\n  '2': 3\n  a: 4\n  4294967295: 5\n  4294967294: 6\n  '01': 7\n",
    HEAD + "mapping:\n  a: x\ty\n  b: 1 \t # tab before a comment\n  c:\t\t2\n  d: [1,\t2]\n",
    HEAD + "mapping:\r\n  crlf: 1.50\r\n",
    "\ufeff" + HEAD + "mapping: {bom: 1}\n",
    HEAD + "mapping:\n  a: !!str 12\n  b: !!int \"12\"\n  c: !!float 1\n  d: !!bool yes\n  e: ! 12\n  f: !custom 5\n",
    HEAD + "mapping:\n  s: \"tab\\there \\u00e9 \\U0001F600 \\x41\"\n  t: 'it''s'\n  u: \"\\ud83d\\ude00 \\ud800\"\n",
    "x: 12345678901234567890\ny: 1e21\nz: 1e-7\nw: 0.000001\nv: 123456789012345678901234\n"
    "u: .nan\nt: -.inf\ns: 5e-324\nr: -0x10\nq: +0o17\n",
    "x: &x 1\nl: [" + ", ".join(["*x"] * 99) + "]\n",
    "d: &d {x: 1}\n" + "\n".join(f"m{i}: {{<<: *d, y: {i}}}" for i in range(60)) + "\n",
    "a: 1\n...\n",
    "a:\n  b: 1\n\t\n  c: 2\n",
    "# only a comment\n",
    "",
    "just a string",
    "[1, 2]",
    '{"b": 1, "10": 2, "2": 3, "a": 4, "m": {"x": 1.50}}',
    '{"mapping": {"ratio": 1.50}}',
    # Errors: the same line and column.
    "a: 1\na: 2\n",
    "x: {a: 1, a: 2}\n",
    HEAD + "mapping:\n  a: 1\n  b: 2\n  a: 3\n",
    "k: 1\n1.0: x\n1: y\n",
    "~: 1\nnull: 2\n",
    '"quoted <<": 1\n"quoted <<": 2\n',
    '{"a": 1, "b": {"c": 2, "c": 3}}',
    '{"a": 1,\n "a": 2}',
    "---\na: 1\n---\nb: 2\n",
    'a: "unterminated',
    "a:\n\tb: 1\n",
    # Errors without a position.
    "a: &a [1]\nb: &b [" + ", ".join(["*a"] * 9) + "]\nc: [" + ", ".join(["*b"] * 10) + "]\n",
    "x: &x 1\nl: [" + ", ".join(["*x"] * 100) + "]\n",
    "a: *nope\n",
    "a: &x [*x]\n",
    "m:\n  <<: 5\n",
    "x: &x 1.50\nmapping: *x\n",
]

# Errors both hosts report, at positions their parsers choose differently.
SYNTAX_ERRORS = [
    " a: 1\nb: 2\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "- a\nb: 1\n",
]

POSITION = re.compile(r"line (\d+), column (\d+)")


def node_results(texts):
    """What the Node host makes of each text: {"json": ...} or {"error": [messages]}."""
    run = subprocess.run(["node", str(REPO / "engines" / "config_node.mjs")], input=json.dumps(texts),
                         capture_output=True, text=True, timeout=120, cwd=REPO)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def python_result(text):
    from stream_processor_wasmtime._config import config_json
    try:
        return {"json": config_json(text).decode("utf-8")}
    except ConfigError as e:
        return {"error": [d.message for d in e.diagnostics]}


def test_config_text_gives_the_node_hosts_config_json_or_error():
    for text, node in zip(PARITY_TEXTS, node_results(PARITY_TEXTS)):
        assert "crash" not in node, node
        py = python_result(text)
        if "json" in node:
            assert py == node, f"config text {text!r}"
        else:
            assert "error" in py, f"config text {text!r}: Node refuses it ({node['error']}), Python gives {py}"
            assert POSITION.findall(py["error"][0]) == POSITION.findall(node["error"][0]), \
                f"config text {text!r}: Node {node['error']}, Python {py['error']}"


def test_syntax_errors_are_config_errors_with_a_line_and_column_in_both_hosts():
    for text, node in zip(SYNTAX_ERRORS, node_results(SYNTAX_ERRORS)):
        py = python_result(text)
        assert "error" in node and "error" in py, (text, node, py)
        assert POSITION.search(py["error"][0]) and POSITION.search(node["error"][0])
        assert py["error"][0].startswith("invalid YAML: ")


def test_pump_yaml_runs_the_pump_example_like_the_other_hosts():
    expected = [json.loads(line) for line in
                (REPO / "examples" / "benthos" / "expected_output.jsonl").read_text().splitlines()]
    got = []
    with StreamProcessor.create((REPO / "examples" / "pump.yaml").read_text(encoding="utf-8"), seed=1) as p:
        for line in (REPO / "examples" / "pump.jsonl").read_text().splitlines():
            m = json.loads(line)
            payload = m["payload_raw"] if "payload_raw" in m else json.dumps(m["payload"])
            r = p.process([{"topic": m.get("topic"), "payload": payload, "metadata": m.get("metadata", {})}])
            got += [{"topic": o.topic, "payload": json.loads(o.payload), "metadata": o.metadata} for o in r.outputs]
    assert got == expected


def test_numbers_and_booleans_under_mapping_keep_their_source_text():
    text = HEAD.replace("tF:", "on:") + "mapping:\n  ratio: 1.50\n  flag: on\n  big: 1e21\n  t: true\n  q: '2.50'\n"
    with StreamProcessor.create(text) as p:
        m = {x.path: x for x in p.mappings()}
        assert m["ratio"].expression == "1.50"
        assert m["flag"].expression == "on" and m["flag"].dependencies == ("on",)  # the alias `on`, not true
        assert m["big"].expression == "1e21" and m["t"].expression == "true" and m["q"].expression == "2.50"


def test_yaml_and_json_text_and_a_dict_give_the_same_program():
    as_dict = {"model": {"name": "pump", "version": "v1"}, "output_topic": "umh.v1.corpA.plant-A.aawd",
               "sources": {"press": PRESS}, "mapping": {"b": "press", "a": {"x": "press * 2"}}}
    as_yaml = "model: {name: pump, version: v1}\noutput_topic: umh.v1.corpA.plant-A.aawd\n" \
              f"sources: {{press: {PRESS}}}\nmapping:\n  b: press\n  a:\n    x: press * 2\n"
    programs = []
    for config in (as_dict, json.dumps(as_dict), json.dumps(as_dict).encode(), as_yaml, as_yaml.encode()):
        with StreamProcessor.create(config) as p:
            programs.append(p.mappings())
    assert all(x == programs[0] for x in programs) and [m.path for m in programs[0]] == ["b", "a.x"]


@pytest.mark.parametrize("text, where", [
    (HEAD + "mapping:\n  a: press\n  b: tF\n  a: 1\n", "line 9, column 3"),
    (HEAD + "mapping: {a: press, 'a': tF}\n", "line 6, column 21"),
    ('{"model": {"name": "a",\n  "name": "b"}}', "line 2, column 3"),
    ("model:\n  name: [unclosed\n", "line 3, column 1"),
])
def test_config_text_errors_are_config_errors_with_line_and_column(text, where):
    with pytest.raises(ConfigError) as e:
        StreamProcessor.create(text)
    assert e.value.diagnostics[0].code == "config_invalid"
    assert where in str(e.value)


def test_alias_bombs_and_deep_nesting_are_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    deep = "a: " + "[" * 100000 + "]" * 100000
    deep_block = "".join(" " * i + "k:\n" for i in range(3000))
    for text in (bomb, deep, deep_block):
        start = time.monotonic()
        with pytest.raises(ConfigError) as e:
            StreamProcessor.create(text)
        assert time.monotonic() - start < 5
        assert re.search(r"Excessive alias count|nested too deeply", str(e.value))


def test_what_this_host_refuses_that_the_node_host_reads():
    # The npm package converts these (YAML 1.1 schema, dates, buffers, collection keys);
    # this host refuses them clearly rather than guessing.
    for text, message in [("%YAML 1.1\n---\na: yes\n", "%YAML 1.1 documents are not supported"),
                          ("a: !!timestamp 2001-12-14\n", "tag !!timestamp is not supported"),
                          ("a: !!binary aGVsbG8=\n", "tag !!binary is not supported"),
                          ("? [a, b]\n: c\n", "a mapping key must be a scalar")]:
        with pytest.raises(ConfigError, match=re.escape(message)):
            StreamProcessor.create(text)


def test_a_config_that_is_neither_text_nor_a_mapping_or_cannot_be_json_is_a_config_error():
    for config in (5, None, ["a"], {"model": {1, 2}}, {"model": {1: "a"}}, b"\xff\xfe"):
        with pytest.raises(ConfigError):
            StreamProcessor.create(config)
    cyclic = {"model": {}}
    cyclic["model"]["self"] = cyclic
    with pytest.raises(ConfigError, match="refers to itself"):
        StreamProcessor.create(cyclic)
