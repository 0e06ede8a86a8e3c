"""StreamProcessor: one configured module instance and its state."""

import random
import threading
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._config import config_json
from ._explain import explanation, trace_entries
from ._module import FLAG_TRACE, HEADER, Instance, compile_module, record_size
from ._types import (ConfigError, Diagnostic, Explanation, LastError, MappingInfo, Output, ProcessError,
                     ProcessResult, SnapshotError, TraceEntry, code_name)

METRIC_NAMES = (
    "messages_processed", "messages_dropped", "messages_errored", "invalid_data_type",
    "outputs_generated", "expression_errors", "active_mappings", "active_variables",
)
DROPPED = 1
KINDS = ("constant", "volatile", "dynamic")

# Limit name -> set_limit id (docs/ABI.md "Limits").
LIMIT_IDS = {
    "expression_bytes": 0, "mappings": 1, "sources": 2, "payload_bytes": 3,
    "value_string_units": 4, "eval_string_units": 5, "eval_arena_bytes": 6, "input_area_bytes": 7,
}
# The module's defaults of the limits the host itself needs to know.
LIMIT_DEFAULTS = {"payload_bytes": 1048576, "input_area_bytes": 268435456}

TOPIC_KEY = "umh_topic"
Config = Union[Mapping[str, Any], str, bytes]


def _topic_of(message: Mapping[str, Any]) -> Optional[str]:
    """The input's topic: `topic`, else `metadata["umh_topic"]`, else None."""
    t = message.get("topic")
    if t is None:
        meta = message.get("metadata")
        if meta:
            t = meta.get(TOPIC_KEY)
    return t


def _diagnostic(r) -> Diagnostic:
    span = (r.span_start, r.span_end) if r.span_start >= 0 and r.span_end >= 0 else None
    return Diagnostic(code=code_name(r.code), message=r.message, path=r.path or None, span=span)


class StreamProcessor:
    """Runs one config over a stream of UNS timeseries messages and keeps the
    latest value of each source alias between calls.

    Create one with `StreamProcessor.create`. Methods are thread-safe (a lock
    serialises them); `close()` drops the module instance, after which every
    method raises. Nothing returned is a view of module memory.
    """

    def __init__(self, instance: Instance, clock: Callable[[], float], mappings: Tuple[MappingInfo, ...],
                 aliases: Tuple[Tuple[str, str], ...], limits: Mapping[str, int]):
        self._instance: Optional[Instance] = instance
        self._aliases = aliases  # (name, topic) in declaration order
        self._last_errors: Dict[str, LastError] = {}  # by mapping path, for explain()
        self._payload_bytes = limits.get("payload_bytes", LIMIT_DEFAULTS["payload_bytes"])
        self._input_area_bytes = limits.get("input_area_bytes", LIMIT_DEFAULTS["input_area_bytes"])
        self._clock = clock
        self._mappings = mappings
        self._topics = [m.topic for m in mappings]
        self._paths = [m.path for m in mappings]
        self._topic_bytes: Dict[str, bytes] = {}
        self._lock = threading.Lock()

    @classmethod
    def create(cls, config: Config, *, seed: Optional[int] = None,
               clock: Optional[Callable[[], float]] = None,
               limits: Optional[Mapping[str, int]] = None,
               wasm: Union[None, str, bytes, Any] = None) -> "StreamProcessor":
        """Load the module, apply `limits`, and configure it.

        `config` is a mapping in the shape of docs/behaviour.md §2 (its key order is the
        output order), or its YAML or JSON text (str, or UTF-8 bytes), read as
        the Node host reads it (see _config.py). `seed` seeds Math.random (default: random);
        `clock` returns milliseconds since the epoch, read once per `process` call
        for Date.now() (default: the system clock); `limits` maps the names of
        LIMIT_IDS to positive integers (default: the module's); `wasm` is a path or
        the module's bytes (default: build/stream_processor.wasm, or
        $STREAM_PROCESSOR_WASM), compiled once per process.

        Raises ConfigError (the text does not parse, with line and column, or the
        module rejected the config: every diagnostic),
        ValueError / TypeError (a bad option, a limit the module refused, a module
        of another ABI version) and OSError (the module cannot be read).
        """
        data = config_json(config)
        instance = Instance(compile_module(wasm))
        for name, value in (limits or {}).items():
            if name not in LIMIT_IDS:
                raise ValueError(f"unknown limit {name!r}; known: {', '.join(LIMIT_IDS)}")
            if not isinstance(value, int) or value <= 0 or value >= 1 << 32 or \
                    instance.call("set_limit", LIMIT_IDS[name], value & 0xFFFFFFFF) != 0:
                raise ValueError(f"the module refused limit {name} = {value!r}")
        if not instance.reserve(len(data)):
            # A config problem like any other (as in the Node host).
            raise ConfigError([Diagnostic("config_limit", f"config of {len(data)} bytes is larger than the "
                                          "input area (input_area_bytes)")])
        instance.put(data)
        s = (random.getrandbits(32) if seed is None else seed) & 0xFFFFFFFF
        r = instance.call("configure", len(data), s - (1 << 32) if s >= 1 << 31 else s)
        if r == -2:
            raise RuntimeError("module already configured")
        if r != 0:
            records = instance.errors()
            raise ConfigError([_diagnostic(x) for x in records] or
                              [Diagnostic("config_invalid", "config rejected without a reason (module bug)")])
        aliases, mappings = instance.describe()
        infos = tuple(MappingInfo(path=path, topic=topic, expression=expr, kind=KINDS[kind] if kind < 3 else "dynamic",
                                  dependencies=tuple(aliases[d][0] for d in deps))
                      for kind, deps, topic, path, expr in mappings)
        return cls(instance, clock or (lambda: time.time() * 1000.0), infos, tuple(aliases), dict(limits or {}))

    def _live(self) -> Instance:
        if self._instance is None:
            raise RuntimeError("StreamProcessor is closed")
        return self._instance

    def _encode_topic(self, topic: str) -> bytes:
        b = self._topic_bytes.get(topic)
        if b is None:
            if len(self._topic_bytes) >= 4096:
                self._topic_bytes.clear()
            b = topic.encode()
            self._topic_bytes[topic] = b
        return b

    def process(self, inputs: Iterable[Mapping[str, Any]], *, trace: bool = False) -> ProcessResult:
        """Process one batch, in one module call when its frame fits the module's
        input area (`input_area_bytes`).

        Each input is a mapping with `payload` (bytes or str, sent as UTF-8) and
        optionally `topic` and `metadata` (str -> str); without `topic`,
        `metadata["umh_topic"]` is the topic; with neither, the input is dropped.
        Outputs carry the input's metadata with `umh_topic` set to the output topic.
        A bad input or mapping never affects the others: it shows up in `errors`.
        A larger batch is processed in consecutive parts that fit, with the result
        of processing them one after another (the clock is read once for all); a
        single message too large for the area is a `payload_too_large` error.

        With `trace=True`, the result's `trace` has one TraceEntry per input: what
        became of it and of each mapping it triggered (fired, skipped waiting for
        an alias, error code). Without it, nothing is traced (no cost).

        Raises TypeError (a payload of another type), RuntimeError (closed, or a
        module bug).
        """
        inputs = list(inputs)
        if not inputs:
            return ProcessResult(trace=[] if trace else None)
        topics = []
        payloads = []
        for i, m in enumerate(inputs):
            meta = m.get("metadata")
            t = m.get("topic")
            if t is None and meta:
                t = meta.get(TOPIC_KEY)
            topics.append(b"" if t is None else self._encode_topic(t))
            p = m["payload"]
            if isinstance(p, str):
                p = p.encode()
            elif not isinstance(p, (bytes, bytearray, memoryview)):
                raise TypeError(f"inputs[{i}].payload must be bytes or str")
            payloads.append(p)
        with self._lock:
            x = self._live()
            now_ms = float(self._clock())
            flags = FLAG_TRACE if trace else 0
            n = x.frame(topics, payloads, now_ms, flags)
            if n >= 0:
                return self._process_framed(x, n, inputs, 0, flags)
            return self._process_in_parts(x, inputs, topics, payloads, now_ms, flags)

    def _process_framed(self, x: Instance, n: int, inputs: List[Mapping[str, Any]], offset: int = 0,
                        flags: int = 0) -> ProcessResult:
        """One module call for the batch of `inputs` framed in `n` bytes with
        header `flags`; indexes are shifted by `offset` (the part's start in the
        whole batch)."""
        dropped_before = x.metrics()[DROPPED]
        count = x.call("process", n)
        if count < 0:
            raise RuntimeError(f"stream processor module rejected the batch (status {count}, host bug)")
        out_topics = self._topics
        outputs = []
        for inp, mapping, payload in x.output_records(count):
            topic = out_topics[mapping]
            meta = inputs[inp].get("metadata")
            outputs.append(Output(topic, payload, {**meta, TOPIC_KEY: topic} if meta else {TOPIC_KEY: topic}))
        errors = [ProcessError(r.input + offset, code_name(r.code), r.message,
                               self._paths[r.mapping] if r.mapping >= 0 else None) for r in x.errors()]
        dropped = x.metrics()[DROPPED] - dropped_before
        if errors:
            last = self._last_errors
            for e in errors:
                if e.mapping is not None:
                    last[e.mapping] = LastError(e.code, e.message)
        if not flags & FLAG_TRACE:
            return ProcessResult(outputs, errors, dropped)
        trace = trace_entries(x.trace(), [_topic_of(m) for m in inputs], offset, self._mappings, self._aliases)
        return ProcessResult(outputs, errors, dropped, trace)

    def _process_in_parts(self, x: Instance, inputs: List[Mapping[str, Any]], topics: List[bytes],
                          payloads: List[bytes], now_ms: float, flags: int) -> ProcessResult:
        """A batch larger than the input area: consecutive parts that each fit,
        all with the same clock reading, so the result is that of processing the
        parts one after another."""
        room = self._input_area_bytes - HEADER.size
        sizes = [record_size(t, b) for t, b in zip(topics, payloads)]
        whole = ProcessResult(trace=[] if flags & FLAG_TRACE else None)
        start = 0
        while start < len(inputs):
            end, size = start, 0
            while end < len(inputs) and size + sizes[end] <= room:
                size += sizes[end]
                end += 1
            if end == start:
                part = self._process_oversized(x, inputs[start], topics[start], payloads[start], sizes[start], now_ms,
                                               start, flags)
                end = start + 1
            else:
                n = x.frame(topics[start:end], payloads[start:end], now_ms, flags)
                if n < 0:
                    raise RuntimeError(f"a part of {end - start} messages sized to fit the input area did not (host bug)")
                part = self._process_framed(x, n, inputs[start:end], start, flags)
            whole.outputs.extend(part.outputs)
            whole.errors.extend(part.errors)
            whole.dropped += part.dropped
            if whole.trace is not None:
                whole.trace.extend(part.trace)
            start = end
        return whole

    def _process_oversized(self, x: Instance, message: Mapping[str, Any], topic: bytes, payload: bytes,
                           size: int, now_ms: float, index: int, flags: int) -> ProcessResult:
        """One message whose record alone is larger than the input area. The
        module checks the topic, then the payload's length, before reading the
        payload; so the message with its payload cut to one byte over
        `payload_bytes` gets exactly the full message's result (dropped, or
        `payload_too_large`, counted in the metrics). When even that does not
        fit (an input area smaller than the payload limit), the host reports
        `payload_too_large` itself, and the module's metrics do not count it."""
        room = self._input_area_bytes - HEADER.size
        if len(payload) > self._payload_bytes:
            cut = bytes(payload[:self._payload_bytes + 1])
            if record_size(topic, cut) <= room:
                n = x.frame([topic], [cut], now_ms, flags)
                if n >= 0:
                    return self._process_framed(x, n, [message], index, flags)
        trace = [TraceEntry(index=index, outcome="invalid", topic=_topic_of(message) or None)] \
            if flags & FLAG_TRACE else None
        return ProcessResult(errors=[ProcessError(
            index, "payload_too_large",
            f"message of {size} bytes does not fit the input area of {self._input_area_bytes} bytes (input_area_bytes)")],
            trace=trace)

    def explain(self) -> Explanation:
        """Why each mapping did or did not fire, from the module's counters since
        create: per mapping its outputs, skips, errors (by code, and the last one)
        and the dependencies it still waits for; per source its updates, invalid
        payloads and last timestamp; inputs dropped without a topic or on an
        unknown one, and dropped topics that nearly match a source topic (a typo
        or a case difference). Node's `explain()` with snake_case names;
        `.to_dict()` is its shape."""
        with self._lock:
            record = self._live().explain()
            return explanation(record, self._mappings, self._aliases, dict(self._last_errors))

    def metrics(self) -> Dict[str, int]:
        """The counters since create (docs/behaviour.md §9), a new dict each call."""
        with self._lock:
            return dict(zip(METRIC_NAMES, self._live().metrics()))

    def mappings(self) -> Tuple[MappingInfo, ...]:
        """The mappings in declaration order."""
        self._live()
        return self._mappings

    def export_state(self) -> bytes:
        """A snapshot of the state (the latest value of every alias), for
        `import_state` on a processor with the same sources."""
        with self._lock:
            x = self._live()
            if x.call("state_export") < 0:
                raise RuntimeError("module not configured")
            return x.output()

    def import_state(self, snapshot: bytes) -> None:
        """Replace the state with a snapshot from `export_state`. Raises
        SnapshotError (state unchanged): corrupted, another version, or another
        config's sources."""
        if not isinstance(snapshot, (bytes, bytearray, memoryview)):
            raise TypeError("snapshot must be bytes")
        with self._lock:
            x = self._live()
            if not x.reserve(len(snapshot)):
                raise SnapshotError("snapshot_invalid", f"state snapshot rejected: {len(snapshot)} bytes do not fit "
                                    "the input area (input_area_bytes)")
            x.put(bytes(snapshot))
            r = x.call("state_import", len(snapshot))
            if r == 0:
                return
            if r == -2:
                raise RuntimeError("module not configured")
            records = x.errors()
            if records:
                raise SnapshotError(code_name(records[0].code), records[0].message)
            raise SnapshotError("snapshot_invalid", "snapshot rejected")

    def close(self) -> None:
        """Drop the module instance. Idempotent."""
        with self._lock:
            self._instance = None

    def __enter__(self) -> "StreamProcessor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
