"""The shapes going in and out of a StreamProcessor, its errors and the ABI's
error-code names."""

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

# Error code numbers -> names (docs/ABI.md "Error codes", as host/codes.ts names them).
CODE_NAMES = {
    1: "invalid_json", 2: "missing_value", 3: "invalid_value_type", 4: "invalid_timestamp",
    5: "payload_too_large", 6: "string_too_long",
    10: "non_finite_result", 11: "nullish_result", 12: "type_error", 13: "string_limit",
    14: "memory_limit", 15: "range_error", 16: "non_scalar_result", 18: "callback_limit", 20: "bad_frame", 30: "config_invalid", 31: "config_limit",
    40: "syntax", 41: "unknown_identifier", 42: "unterminated_string", 43: "invalid_escape",
    44: "invalid_number", 45: "invalid_character", 46: "empty_expression", 47: "assignment",
    48: "statement", 49: "comma", 50: "function_literal", 51: "new", 52: "this", 53: "regex",
    54: "array_object_literal", 55: "optional_chaining", 56: "forbidden_global",
    57: "unknown_member", 58: "argument_count", 59: "unsupported_operator",
    60: "unsupported_index", 61: "mixed_coalesce", 62: "unary_exponent", 63: "too_deep",
    64: "too_complex", 65: "not_callable", 66: "builtin_as_value", 80: "snapshot_invalid",
}


def code_name(code: int) -> str:
    """The name of error code `code`; `expression_<n>` / `code_<n>` when unknown."""
    name = CODE_NAMES.get(code)
    if name is not None:
        return name
    return f"expression_{code}" if 40 <= code <= 69 else f"code_{code}"


@dataclass
class Output:
    """One output message: `{"value":<v>,"timestamp_ms":<T>}` as UTF-8 bytes on
    `topic`, with the input's metadata and `umh_topic` set to `topic`."""
    topic: str
    payload: bytes
    metadata: Dict[str, str]


@dataclass
class ProcessError:
    """One error record of a `process` call: the input's index in the batch, the
    code name, the module's message, and the mapping path when a mapping failed."""
    index: int
    code: str
    message: str
    mapping: Optional[str] = None


@dataclass
class TraceMapping:
    """One mapping an input triggered: `result` is `fired` (an output),
    `skipped` (`waiting_for`: the first dependency without a value) or `error`
    (`code`: the error code name)."""
    path: str
    result: str
    waiting_for: Optional[str] = None
    code: Optional[str] = None


@dataclass
class TraceEntry:
    """What became of one input of a `process(..., trace=True)` call.

    `outcome`: `processed` (a valid message on a source topic), `dropped`
    (`reason`: `no topic` or `unknown topic`, with `did_you_mean`: a source
    topic within two edits, ASCII case ignored) or `invalid` (its payload was
    rejected: its error record says why). `alias`: the source it arrived on;
    `mappings`: those it triggered, in declaration order; `not_dependent`: for a
    processed input, the dynamic mappings that do not depend on its alias."""
    index: int
    outcome: str
    topic: Optional[str] = None
    reason: Optional[str] = None
    did_you_mean: Optional[str] = None
    alias: Optional[str] = None
    mappings: List[TraceMapping] = field(default_factory=list)
    not_dependent: Optional[List[str]] = None

    def to_dict(self) -> Dict[str, Any]:
        """The Node host's TraceEntry (camelCase keys, absent fields left out)."""
        d: Dict[str, Any] = {"index": self.index}
        if self.topic:
            d["topic"] = self.topic
        d["outcome"] = self.outcome
        for key, value in (("reason", self.reason), ("didYouMean", self.did_you_mean), ("alias", self.alias)):
            if value is not None:
                d[key] = value
        d["mappings"] = [_present({"path": m.path, "result": m.result, "waitingFor": m.waiting_for, "code": m.code})
                         for m in self.mappings]
        if self.not_dependent is not None:
            d["notDependent"] = list(self.not_dependent)
        return d


@dataclass
class ProcessResult:
    """What one `process` call produced: outputs in input order (per input in
    mapping declaration order), errors in input order, and the number of inputs
    dropped (no topic, or a topic that is no source); `trace`, one entry per
    input, only when asked for (`process(inputs, trace=True)`), else None."""
    outputs: List[Output] = field(default_factory=list)
    errors: List[ProcessError] = field(default_factory=list)
    dropped: int = 0
    trace: Optional[List[TraceEntry]] = None


@dataclass(frozen=True)
class LastError:
    code: str
    message: str


@dataclass(frozen=True)
class MappingReport:
    """Counters of one mapping since create (Node: MappingReport). `waiting_for`:
    dependencies without a value yet (a dynamic mapping fires only when it is
    empty); `skipped`: times one of its aliases arrived while another dependency
    had no value; `errors_by_code`: error records by code name; `last_error`:
    the last error record of this mapping this processor returned."""
    path: str
    kind: str
    dependencies: Tuple[str, ...]
    waiting_for: Tuple[str, ...]
    outputs: int
    skipped: int
    errors: int
    errors_by_code: Dict[str, int]
    last_error: Optional[LastError] = None


@dataclass(frozen=True)
class SourceReport:
    """Counters of one source since create: valid messages (`updates`), rejected
    payloads (`invalid`) on its topic, timestamp_ms of the last valid one."""
    alias: str
    topic: str
    has_value: bool
    updates: int
    invalid: int
    last_timestamp_ms: Optional[float] = None


@dataclass(frozen=True)
class NearMiss:
    """A dropped topic within two edits (ASCII case ignored) of the source topic
    `did_you_mean`, and the messages dropped on it."""
    topic: str
    did_you_mean: str
    count: int


@dataclass(frozen=True)
class DroppedReport:
    """Inputs dropped without a topic, on a topic that is no source; up to 16
    near-miss topics, most messages first; near-miss messages on further topics."""
    no_topic: int
    unknown_topic: int
    near_misses: Tuple[NearMiss, ...]
    near_misses_not_listed: int


@dataclass(frozen=True)
class Explanation:
    """What `StreamProcessor.explain()` returns: the Node host's report with
    snake_case names; `to_dict()` gives the Node shape (camelCase keys)."""
    mappings: Tuple[MappingReport, ...]
    sources: Tuple[SourceReport, ...]
    dropped: DroppedReport

    def to_dict(self) -> Dict[str, Any]:
        """The report as the Node host's `explain()` returns it (its JSON shape)."""
        d = self.dropped
        return {
            "mappings": [_present({
                "path": m.path, "kind": m.kind, "dependencies": list(m.dependencies),
                "waitingFor": list(m.waiting_for), "outputs": m.outputs, "skipped": m.skipped,
                "errors": m.errors, "errorsByCode": dict(m.errors_by_code),
                "lastError": None if m.last_error is None else
                {"code": m.last_error.code, "message": m.last_error.message},
            }) for m in self.mappings],
            "sources": [_present({
                "alias": s.alias, "topic": s.topic, "hasValue": s.has_value, "updates": s.updates,
                "invalid": s.invalid, "lastTimestampMs": s.last_timestamp_ms,
            }) for s in self.sources],
            "dropped": {
                "noTopic": d.no_topic, "unknownTopic": d.unknown_topic,
                "nearMisses": [{"topic": n.topic, "didYouMean": n.did_you_mean, "count": n.count}
                               for n in d.near_misses],
                "nearMissesNotListed": d.near_misses_not_listed,
            },
        }


def _present(d: Dict[str, Any]) -> Dict[str, Any]:
    """d without its None values (the Node shape leaves absent fields out)."""
    return {k: v for k, v in d.items() if v is not None}


@dataclass(frozen=True)
class MappingInfo:
    """One mapping as the module compiled it. `kind` is `constant` (computed once),
    `volatile` (no aliases, uses Date.now()/Math.random()) or `dynamic`;
    `dependencies` are alias names in source declaration order."""
    path: str
    topic: str
    expression: str
    kind: str
    dependencies: Tuple[str, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One config problem: code name, the module's rendered message (path,
    expression, caret line), the mapping path or field, and the span [start, end)
    in UTF-16 code units when known."""
    code: str
    message: str
    path: Optional[str] = None
    span: Optional[Tuple[int, int]] = None


class ConfigError(ValueError):
    """The module rejected the config. `diagnostics` lists every problem;
    str(error) is their messages joined by newlines."""

    def __init__(self, diagnostics: List[Diagnostic]):
        super().__init__("\n".join(d.message for d in diagnostics))
        self.diagnostics = tuple(diagnostics)


class SnapshotError(ValueError):
    """The module rejected a state snapshot (the state is unchanged)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
