"""Python host of the stream processor WebAssembly module, on wasmtime.

    from stream_processor_wasmtime import StreamProcessor
    with StreamProcessor.create(config_dict) as p:
        r = p.process([{"topic": "umh.v1.x._raw.a", "payload": b'{"value":1,"timestamp_ms":1}'}])
        p.explain()  # why each mapping did or did not fire

See engines/README.md.
"""

from ._module import ABI_VERSION, default_wasm_path
from ._processor import LIMIT_IDS, METRIC_NAMES, StreamProcessor
from ._types import (ConfigError, Diagnostic, DroppedReport, Explanation, LastError, MappingInfo,
                     MappingReport, NearMiss, Output, ProcessError, ProcessResult, SnapshotError,
                     SourceReport, TraceEntry, TraceMapping, code_name)

__all__ = [
    "ABI_VERSION", "ConfigError", "Diagnostic", "DroppedReport", "Explanation", "LIMIT_IDS",
    "LastError", "METRIC_NAMES", "MappingInfo", "MappingReport", "NearMiss", "Output",
    "ProcessError", "ProcessResult", "SnapshotError", "SourceReport", "StreamProcessor",
    "TraceEntry", "TraceMapping", "code_name", "default_wasm_path",
]
