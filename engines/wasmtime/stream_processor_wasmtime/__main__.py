"""Run a config over JSON lines, in the Node CLI's format (`stream-processor run`):

    python -m stream_processor_wasmtime CONFIG [INPUT.jsonl | -] [options] > outputs.jsonl

CONFIG is YAML or JSON. An input line is {"topic": ..., "payload": <JSON>,
"metadata": {...}} (or "payload_raw": "<text>"); `payload` is passed on as its
own text, exactly as written. Outputs go to stdout as
{"topic":...,"payload":<payload bytes>,"metadata":{...}}, one line each; error
records and unreadable lines to stderr, one line each, then a summary. Lines are
processed in order, in batches of up to 1000; from a pipe, outputs follow each
line as it arrives.

options:
  --seed N          seed for Math.random (default: random)
  --state FILE      keep the state (latest value per alias, Math.random's
                    generator) in FILE: restored at start if the file exists,
                    written atomically at the end and on SIGINT/SIGTERM
  --checkpoint-interval DURATION
                    also save the state this often while running (500ms, 5s, 1m)
                    when it changed: a kill -9 loses at most one interval
  --explain[=json]  after the summary, why each mapping did or did not fire, on
                    stderr as a table or (=json) one JSON object
  --trace           one JSON line per input on stderr: what became of it and of
                    each mapping it triggered

SIGINT/SIGTERM: finish the lines read so far, save the state, say after which
input line it stopped, exit 130/143 (a second signal exits at once).
exit status: 0 done, 2 invalid config, usage error, unreadable file or
             unusable state file, 1 cannot write the state file (as the Node CLI)
"""

import json
import os
import re
import signal
import stat
import sys
import time
from typing import Any, Dict, List, Optional, Tuple

from ._explain import explanation_json, render_explanation, trace_line
from ._lines import LineReader
from ._processor import StreamProcessor
from ._state_file import read_state_file, write_state_file
from ._types import ConfigError, SnapshotError

BATCH = 1000
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
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


class Usage(Exception):
    """A bad command line (exit 2)."""


class Fail(Exception):
    """A reason to stop, with its exit status."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def parse_duration(text: str) -> Optional[float]:
    """`500ms`, `5s`, `2m`, `1h` (or plain seconds) in seconds; None if malformed."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)?", text.strip())
    if m is None:
        return None
    ms = float(m.group(1)) * {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[m.group(2) or "s"]
    return ms / 1000 if ms >= 1 else None


def parse_args(argv: List[str]) -> Dict[str, Any]:
    args: Dict[str, Any] = {"files": [], "seed": None, "state": None, "interval": None, "explain": None,
                            "trace": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, value = a.partition("=")
        if a in ("-h", "--help"):
            raise Usage()
        if name in ("--seed", "--state", "--checkpoint-interval"):
            if not eq:
                i += 1
                if i == len(argv):
                    raise Usage(f"{name} needs a value")
                value = argv[i]
            if name == "--seed":
                try:
                    args["seed"] = int(value)
                except ValueError:
                    raise Usage(f"--seed must be an integer, got '{value}'") from None
            elif name == "--state":
                args["state"] = value
            else:
                args["interval"] = parse_duration(value)
                if args["interval"] is None:
                    raise Usage(f"--checkpoint-interval must be a duration such as 500ms, 5s or 1m, got '{value}'")
        elif name == "--explain":
            if eq and value not in ("json", "table"):
                raise Usage(f"--explain takes no value or =json, got '{value}'")
            args["explain"] = value if eq else "table"
        elif a == "--trace":
            args["trace"] = True
        elif a.startswith("-") and a != "-":
            raise Usage(f"unknown option {a}")
        else:
            args["files"].append(a)
        i += 1
    if len(args["files"]) not in (1, 2):
        raise Usage("give CONFIG and optionally INPUT.jsonl")
    if args["interval"] is not None and args["state"] is None:
        raise Usage("--checkpoint-interval needs --state FILE")
    return args


class StateKeeper:
    """The state file: restored at start, saved when a checkpoint falls due (if
    the state changed since the last save) and at the end."""

    def __init__(self, p: StreamProcessor, path: Optional[str], interval: Optional[float]):
        self.p, self.path, self.interval = p, path, interval
        self.due = time.monotonic() + interval if interval else None
        self.saved = None

    def restore(self) -> None:
        if self.path is None:
            return
        try:
            data = read_state_file(self.path)
        except OSError as e:
            raise Fail(f"cannot read state file '{self.path}': {e.strerror or e}")
        if data is None:
            # Fail now rather than after the whole input if the state can never be saved.
            if not os.path.isdir(os.path.dirname(os.path.abspath(self.path))):
                raise Fail(f"cannot write state file '{self.path}': its directory does not exist")
        else:
            try:
                self.p.import_state(data)
            except SnapshotError as e:
                raise Fail(f"cannot restore state from '{self.path}': {e} "
                           "(delete the file to start with an empty state)")
        self.saved = self.p.metrics()["messages_processed"]

    def timeout(self) -> Optional[float]:
        """Seconds until the next checkpoint (None: no checkpoints)."""
        return None if self.due is None else max(0.0, self.due - time.monotonic())

    def checkpoint(self) -> None:
        """Save if a checkpoint is due and the state changed."""
        if self.due is None or time.monotonic() < self.due:
            return
        self.due = time.monotonic() + self.interval
        if self.p.metrics()["messages_processed"] != self.saved:
            self.save()

    def save(self) -> None:
        if self.path is None:
            return
        processed = self.p.metrics()["messages_processed"]
        try:
            write_state_file(self.path, self.p.export_state())
        except OSError as e:
            raise Fail(f"cannot write state file '{self.path}': {e.strerror or e}", 1)
        self.saved = processed


class Stop:
    """The first SIGINT/SIGTERM asks to stop at the next line; a second one exits at once."""

    def __init__(self, err, state_path: Optional[str]):
        self.signal: Optional[int] = None
        self.err, self.state_path = err, state_path
        r, w = os.pipe()
        os.set_blocking(r, False)
        os.set_blocking(w, False)
        self.wake_fd, self._w = r, w
        self._old_wakeup = signal.set_wakeup_fd(w)
        self._old = {s: signal.signal(s, self._handle) for s in SIGNAL_EXIT}

    def _handle(self, signum, _frame) -> None:
        if self.signal is not None:
            unsaved = "" if self.state_path is None else " without saving the state"
            self.err.write(f"\nstream_processor_wasmtime: {signal.Signals(signum).name} again: exiting at once{unsaved}\n")
            self.err.flush()
            os._exit(SIGNAL_EXIT[signum])
        self.signal = signum

    def close(self) -> None:
        for s, h in self._old.items():
            signal.signal(s, h)
        signal.set_wakeup_fd(self._old_wakeup)
        os.close(self.wake_fd)
        os.close(self._w)


def run(p: StreamProcessor, lines, out, err, *, trace: bool = False, state: Optional[StateKeeper] = None,
        stop: Optional[Stop] = None, live: bool = False) -> Tuple[int, int, int]:
    """Process the lines of `lines` (a LineReader, or any iterable of lines);
    (outputs, errors, last line number read). `live`: answer each chunk as it
    arrives rather than when a batch fills."""
    outputs = errors = 0
    number = 0
    batch: List[Dict[str, Any]] = []
    batch_lines: List[int] = []
    notes: List[Tuple[int, str]] = []  # stderr lines of this batch, by input line

    def flush():
        nonlocal outputs, errors
        if batch:
            r = p.process(batch, trace=trace)
            text = "".join('{"topic":%s,"payload":%s,"metadata":%s}\n' % (
                json.dumps(o.topic, ensure_ascii=False), o.payload.decode("utf-8"),
                json.dumps(o.metadata, ensure_ascii=False, separators=(",", ":"))) for o in r.outputs)
            for e in r.errors:
                where = f" mapping {e.mapping}:" if e.mapping else ""
                notes.append((batch_lines[e.index], f"line {batch_lines[e.index]}:{where} {e.code}: {e.message}"))
            for t in r.trace or ():
                notes.append((batch_lines[t.index], trace_line(batch_lines[t.index], t)))
            outputs += len(r.outputs)
            errors += len(r.errors)
            batch.clear()
            batch_lines.clear()
            out.write(text)
            if live:
                out.flush()
        if notes:
            notes.sort(key=lambda n: n[0])  # stable: per line, errors then the trace
            err.write("".join(n[1] + "\n" for n in notes))
            notes.clear()

    reader = lines if isinstance(lines, LineReader) else None
    chunks = _chunks(reader, state) if reader else [lines]
    for chunk in chunks:
        for line in chunk:
            if stop is not None and stop.signal is not None:
                break
            number += 1
            if not line.strip():
                continue
            try:
                batch.append(parse_line(line))
                batch_lines.append(number)
            except ValueError as e:
                notes.append((number, f"line {number}: unreadable: {e}"))
                errors += 1
            if len(batch) >= BATCH:
                flush()
        if stop is not None and stop.signal is not None:
            break
        if live and not reader.pending():
            flush()  # a live source paused: answer what arrived
        if state is not None:
            state.checkpoint()
    flush()
    return outputs, errors, number


def _chunks(reader: LineReader, state: Optional[StateKeeper]):
    while not reader.eof:
        timeout = state.timeout() if state is not None else None
        yield reader.read(timeout)


def main(argv: List[str]) -> int:
    try:
        args = parse_args(argv)
    except Usage as e:
        sys.stderr.write(f"{e}\n\n{__doc__}" if str(e) else __doc__)
        return 2
    config_path = args["files"][0]
    try:
        with open(config_path, encoding="utf-8") as f:
            config = f.read()
    except OSError as e:
        sys.stderr.write(f"stream_processor_wasmtime: cannot read config '{config_path}': {e.strerror or e}\n")
        return 2
    try:
        p = StreamProcessor.create(config, seed=args["seed"])
    except ConfigError as e:
        sys.stderr.write(f"{config_path}: invalid config\n{e}\n")
        return 2
    with p:
        state = StateKeeper(p, args["state"], args["interval"])
        try:
            state.restore()
            if len(args["files"]) == 2 and args["files"][1] != "-":
                try:
                    fd = os.open(args["files"][1], os.O_RDONLY)
                except OSError as e:
                    raise Fail(f"cannot read input '{args['files'][1]}': {e.strerror or e}")
            else:
                fd = sys.stdin.fileno()
            live = not stat.S_ISREG(os.fstat(fd).st_mode)
            stop = Stop(sys.stderr, args["state"])
            try:
                outputs, errors, last = run(p, LineReader(fd, stop.wake_fd), sys.stdout, sys.stderr,
                                            trace=args["trace"], state=state, stop=stop, live=live)
                sys.stdout.flush()
                state.save()
            finally:
                stop.close()
        except Fail as e:
            sys.stdout.flush()
            sys.stderr.write(f"stream_processor_wasmtime: {e}\n")
            return e.status
        sys.stderr.write(f"{outputs} outputs, {errors} errors\n")
        if args["explain"] == "table":
            sys.stderr.write("\n" + render_explanation(p.explain()))
        elif args["explain"] == "json":
            sys.stderr.write(explanation_json(p.explain()) + "\n")
    if stop.signal is not None:
        saved = "" if args["state"] is None else f"; state saved to {args['state']}"
        sys.stderr.write(f"stream_processor_wasmtime: {signal.Signals(stop.signal).name}: "
                         f"stopped after input line {last}{saved}\n")
        return SIGNAL_EXIT[stop.signal]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
