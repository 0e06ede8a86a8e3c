"""Run a config over JSON lines, in the Node CLI's format (`stream-processor run`):

    python -m stream_processor_wasmtime CONFIG [INPUT.jsonl] > outputs.jsonl

CONFIG is YAML or JSON. An input line is {"topic": ..., "payload": <JSON>,
"metadata": {...}} (or "payload_raw": "<text>"); `payload` is passed on as its
own text, exactly as written. Outputs go to stdout as
{"topic":...,"payload":<payload bytes>,"metadata":{...}}, one line each; error
records and unreadable lines to stderr, one line each. Lines are processed in
batches of up to 1000, in order.
"""

import json
import sys
from typing import Any, Dict, List, Tuple

from ._processor import StreamProcessor
from ._types import ConfigError

BATCH = 1000
_decoder = json.JSONDecoder()


def _skip_space(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t\r\n":
        i += 1
    return i


def raw_member_text(line: str, key: str) -> str:
    """The source text of the last member `key` of the top-level object in the
    JSON `line` (the Node CLI's rawMemberText)."""
    i = _skip_space(line, 0) + 1
    text = ""
    while True:
        i = _skip_space(line, i)
        if line[i] == "}":
            return text
        name, i = _decoder.raw_decode(line, i)
        i = _skip_space(line, _skip_space(line, i) + 1)  # past ":"
        _, end = _decoder.raw_decode(line, i)
        if name == key:
            text = line[i:end]
        i = _skip_space(line, end)
        if line[i] == ",":
            i += 1


def parse_line(line: str) -> Dict[str, Any]:
    """One input line as a message for `process`; ValueError when it is not one."""
    o = json.loads(line)
    if not isinstance(o, dict):
        raise ValueError("not a JSON object")
    message: Dict[str, Any] = {}
    if "payload_raw" in o:
        if "payload" in o or not isinstance(o["payload_raw"], str):
            raise ValueError('give "payload" or a string "payload_raw", not both')
        message["payload"] = o["payload_raw"]
    else:
        message["payload"] = raw_member_text(line, "payload") if "payload" in o else ""
    if "topic" in o:
        if not isinstance(o["topic"], str):
            raise ValueError('"topic" must be a string')
        message["topic"] = o["topic"]
    meta = o.get("metadata")
    if meta is not None:
        if not isinstance(meta, dict):
            raise ValueError('"metadata" must be an object of strings')
        message["metadata"] = {k: v if isinstance(v, str) else json.dumps(v, separators=(",", ":"))
                               for k, v in meta.items()}
    return message


def run(p: StreamProcessor, lines, out, err) -> Tuple[int, int]:
    """Process `lines`; (outputs, errors) written."""
    outputs = errors = 0
    batch: List[Tuple[int, Dict[str, Any]]] = []

    def flush():
        nonlocal outputs, errors
        r = p.process([m for _, m in batch])
        for o in r.outputs:
            out.write('{"topic":%s,"payload":%s,"metadata":%s}\n' % (
                json.dumps(o.topic, ensure_ascii=False), o.payload.decode("utf-8"),
                json.dumps(o.metadata, ensure_ascii=False, separators=(",", ":"))))
        for e in r.errors:
            where = f" mapping {e.mapping}:" if e.mapping else ""
            err.write(f"line {batch[e.index][0]}:{where} {e.code}: {e.message}\n")
        outputs += len(r.outputs)
        errors += len(r.errors)
        batch.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            batch.append((number, parse_line(line)))
        except ValueError as e:
            err.write(f"line {number}: unreadable: {e}\n")
            errors += 1
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return outputs, errors


def main(argv: List[str]) -> int:
    if len(argv) not in (1, 2) or argv[0].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        config = f.read()
    try:
        p = StreamProcessor.create(config)
    except ConfigError as e:
        sys.stderr.write(f"{argv[0]}: invalid config\n{e}\n")
        return 1
    with p:
        if len(argv) == 2:
            with open(argv[1], encoding="utf-8") as f:
                outputs, errors = run(p, f, sys.stdout, sys.stderr)
        else:
            outputs, errors = run(p, sys.stdin, sys.stdout, sys.stderr)
    sys.stderr.write(f"{outputs} outputs, {errors} errors\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
