"""Python host of the stream processor WebAssembly module, on wasmtime.

    from stream_processor_wasmtime import StreamProcessor
    with StreamProcessor.create(config_dict) as p:
        r = p.process([{"topic": "umh.v1.x._raw.a", "payload": b'{"value":1,"timestamp_ms":1}'}])

See engines/README.md.
"""

from ._module import ABI_VERSION, default_wasm_path
from ._processor import LIMIT_IDS, METRIC_NAMES, StreamProcessor
from ._types import (ConfigError, Diagnostic, MappingInfo, Output, ProcessError,
                     ProcessResult, SnapshotError, code_name)

__all__ = [
    "ABI_VERSION", "ConfigError", "Diagnostic", "LIMIT_IDS", "METRIC_NAMES", "MappingInfo",
    "Output", "ProcessError", "ProcessResult", "SnapshotError", "StreamProcessor",
    "code_name", "default_wasm_path",
]
