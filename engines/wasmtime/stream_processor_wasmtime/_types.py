"""The shapes going in and out of a StreamProcessor, its errors and the ABI's
error-code names."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

# Error code numbers -> names (docs/ABI.md "Error codes", as host/codes.ts names them).
CODE_NAMES = {
    1: "invalid_json", 2: "missing_value", 3: "invalid_value_type", 4: "invalid_timestamp",
    5: "payload_too_large", 6: "string_too_long",
    10: "non_finite_result", 11: "nullish_result", 12: "type_error", 13: "string_limit",
    14: "memory_limit", 15: "range_error", 20: "bad_frame", 30: "config_invalid", 31: "config_limit",
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
class ProcessResult:
    """What one `process` call produced: outputs in input order (per input in
    mapping declaration order), errors in input order, and the number of inputs
    dropped (no topic, or a topic that is no source)."""
    outputs: List[Output] = field(default_factory=list)
    errors: List[ProcessError] = field(default_factory=list)
    dropped: int = 0


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
