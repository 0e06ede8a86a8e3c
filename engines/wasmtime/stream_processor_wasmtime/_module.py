"""The module boundary: loading build/stream_processor.wasm into wasmtime, the
raw ABI calls, batch framing and record decoding (docs/ABI.md). The only file
that knows the byte layouts.

Call path: `wasmtime_func_call_unchecked` of wasmtime's C API (through the
ctypes bindings of the wasmtime package), with one preallocated
`wasmtime_val_raw_t` argument/result cell array per instance: no type lookup
and no Val conversion per call. That is safe because every export's type is
checked once, at load, to be all-i32 (docs/ABI.md). Memory: `Memory.data_ptr`
gives the base address, read again after every call (any call may grow the
memory and move it); bytes go in with one `ctypes.memmove` per batch and come
out with one `ctypes.string_at` per area.
"""

import ctypes
import hashlib
import os
import struct
import threading
from pathlib import Path
from typing import List, Tuple, Union

import wasmtime
from wasmtime import _bindings, _ffi as ffi
from wasmtime._error import WasmtimeError
from wasmtime._trap import Trap

ABI_VERSION = 2

# export -> (parameter count, result count); every value is an i32.
EXPORTS = {
    "abi_version": (0, 1), "set_limit": (2, 1), "input_area": (1, 1), "configure": (2, 1),
    "describe": (0, 1), "process": (1, 1), "output_ptr": (0, 1), "output_len": (0, 1),
    "error_ptr": (0, 1), "error_len": (0, 1), "error_count": (0, 1), "metrics_ptr": (0, 1),
    "state_export": (0, 1), "state_import": (1, 1), "explain": (0, 1), "trace_ptr": (0, 1),
    "trace_len": (0, 1),
}

HEADER = struct.Struct("<dII")  # the batch header: now_ms, count, flags
FLAG_TRACE = 1  # header flag: write trace records (docs/ABI.md "Trace records")
INPUT_RECORD = struct.Struct("<III")
OUTPUT_RECORD = struct.Struct("<III")
ERROR_RECORD = struct.Struct("<iiIiiII")
METRICS = struct.Struct("<8Q")
EXPLAIN_HEADER = struct.Struct("<4I3Q8x")
EXPLAIN_MAPPING = struct.Struct("<3QI4x10I")
EXPLAIN_SOURCE = struct.Struct("<2QdI4x")
EXPLAIN_NEAR_MISS = struct.Struct("<iIQ")
TRACE_RECORD = struct.Struct("<IIiI")
TRACE_ENTRY = struct.Struct("<IIi")
EXPLAIN_FIRST_CODE = 10  # errors_by_code[k] counts error code 10 + k (10..19)
EXPLAIN_LAYOUT = 2
INITIAL_INPUT_AREA = 64 * 1024
PADS = (b"", b"\0\0\0", b"\0\0", b"\0")  # PADS[n & 3] pads n to 4


def record_size(topic: bytes, payload: bytes) -> int:
    """Bytes of one framed input record (docs/ABI.md "Batch")."""
    return INPUT_RECORD.size + ((len(topic) + len(payload) + 3) & ~3)


def default_wasm_path() -> Path:
    """$STREAM_PROCESSOR_WASM, else the repository's build/stream_processor.wasm."""
    env = os.environ.get("STREAM_PROCESSOR_WASM")
    if env:
        return Path(env)
    path = Path(__file__).resolve().parents[3] / "build" / "stream_processor.wasm"
    if not path.exists():
        raise FileNotFoundError(
            f"stream processor module not found at {path}: run `npm run build:wasm`, "
            "set STREAM_PROCESSOR_WASM, or pass wasm=")
    return path


_engine = wasmtime.Engine()
_compiled = {}
_compiled_lock = threading.Lock()


def compile_module(source: Union[None, str, os.PathLike, bytes]) -> wasmtime.Module:
    """The compiled module for `source` (a path, the bytes, or None for the
    default), compiled once per process."""
    data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) \
        else Path(source if source is not None else default_wasm_path()).read_bytes()
    key = hashlib.sha256(data).digest()
    with _compiled_lock:
        module = _compiled.get(key)
        if module is None:
            module = wasmtime.Module(_engine, data)
            _compiled[key] = module
        return module


class ErrorRecord:
    """One error record (docs/ABI.md "Error records")."""
    __slots__ = ("input", "mapping", "code", "span_start", "span_end", "path", "message")

    def __init__(self, input, mapping, code, span_start, span_end, path, message):
        self.input, self.mapping, self.code = input, mapping, code
        self.span_start, self.span_end, self.path, self.message = span_start, span_end, path, message


class Instance:
    """One module instance and the host's side of its ABI. Not thread-safe."""

    def __init__(self, module: wasmtime.Module):
        self.store = wasmtime.Store(_engine)
        instance = wasmtime.Instance(self.store, module, [])
        exports = instance.exports(self.store)
        self.memory = exports.get("memory")
        if not isinstance(self.memory, wasmtime.Memory):
            raise ValueError("not a stream processor module: no memory export")
        self._ctx = self.store._context()
        self._cells = (ffi.wasmtime_val_raw_t * 2)()
        self._trap = ctypes.POINTER(ffi.wasm_trap_t)()
        self._trap_ref = ctypes.byref(self._trap)
        self._call_unchecked = _bindings._wasmtime_func_call_unchecked  # the raw ctypes function
        self._fn = {}
        self._funcs = []  # keeps the Func objects (and their handles) alive
        abi_version = exports.get("abi_version")
        if isinstance(abi_version, wasmtime.Func):
            # Checked first: a module of another version lacks exports or has others.
            try:
                version = abi_version(self.store)
            except Exception:
                version = None
            if version != ABI_VERSION:
                raise ValueError(f"stream processor module has ABI version {version}; "
                                 f"this host implements version {ABI_VERSION} (rebuild it: npm run build:wasm)")
        for name, (nparams, nresults) in EXPORTS.items():
            f = exports.get(name)
            if not isinstance(f, wasmtime.Func):
                raise ValueError(f"not a stream processor module: missing export '{name}'")
            ty = f.type(self.store)
            i32 = wasmtime.ValType.i32()
            if len(ty.params) != nparams or len(ty.results) != nresults or \
                    any(t != i32 for t in list(ty.params) + list(ty.results)):
                raise ValueError(f"not a stream processor module: export '{name}' has type {ty}")
            self._funcs.append(f)
            self._fn[name] = ctypes.byref(f._func)
        self.area_ptr = 0
        self.area_cap = 0

    def call(self, name: str, a: int = 0, b: int = 0) -> int:
        """Call export `name` with up to two i32 arguments; its i32 result."""
        cells = self._cells
        cells[0].i32 = a
        cells[1].i32 = b
        err = self._call_unchecked(self._ctx, self._fn[name], cells, 2, self._trap_ref)
        if err:
            raise WasmtimeError._from_ptr(err)
        if self._trap:
            trap = Trap._from_ptr(self._trap)
            self._trap = ctypes.POINTER(ffi.wasm_trap_t)()
            self._trap_ref = ctypes.byref(self._trap)
            raise RuntimeError(f"stream processor module trapped in {name} (module bug): {trap.message}")
        return cells[0].i32

    def base(self) -> int:
        """The memory's current address (read again after every call)."""
        return ctypes.addressof(self.memory.data_ptr(self.store).contents)

    def read(self, ptr: int, n: int) -> bytes:
        if ptr < 0 or n < 0 or ptr + n > self.memory.data_len(self.store):
            raise RuntimeError(f"module area [{ptr}, +{n}) outside its memory (module bug)")
        return ctypes.string_at(self.base() + ptr, n)

    def reserve(self, n: int) -> bool:
        """Make the input area hold at least n bytes; False above the module's limit."""
        if n <= self.area_cap and self.area_ptr:
            return True
        want = max(n, 2 * self.area_cap, INITIAL_INPUT_AREA)
        if want >= 1 << 31:
            want = n
        ptr = self.call("input_area", want)
        if ptr == 0 and want > n:
            want = n
            ptr = self.call("input_area", n)
        if ptr == 0:
            self.area_ptr = self.area_cap = 0
            return False
        self.area_ptr, self.area_cap = ptr, want
        return True

    def put(self, data: bytes) -> None:
        """Copy data to the start of the input area (reserved by the caller)."""
        ctypes.memmove(self.base() + self.area_ptr, data, len(data))

    def output(self) -> bytes:
        """A copy of the output area."""
        ptr = self.call("output_ptr")
        n = self.call("output_len")
        return self.read(ptr, n)

    def errors(self) -> List[ErrorRecord]:
        """The error records of the last configure, process or state_import."""
        count = self.call("error_count")
        if count == 0:
            return []
        ptr = self.call("error_ptr")
        n = self.call("error_len")
        area = self.read(ptr, n)
        records = []
        p = 0
        for _ in range(count):
            inp, mapping, code, s0, s1, path_len, msg_len = ERROR_RECORD.unpack_from(area, p)
            body = p + ERROR_RECORD.size
            path = area[body:body + path_len].decode()
            message = area[body + path_len:body + path_len + msg_len].decode()
            records.append(ErrorRecord(inp, mapping, code, s0, s1, path, message))
            end = body + path_len + msg_len
            p = end + (-end & 3)
        return records

    def metrics(self) -> Tuple[int, ...]:
        ptr = self.call("metrics_ptr")
        return METRICS.unpack(self.read(ptr, METRICS.size))

    def describe(self) -> Tuple[List[Tuple[str, str]], List[Tuple[int, List[int], str, str, str]]]:
        """The program description: aliases (name, topic) and mappings
        (kind, deps, topic, path, expression)."""
        if self.call("describe") < 0:
            raise RuntimeError("module not configured")
        area = self.output()
        alias_count, mapping_count = struct.unpack_from("<II", area, 0)
        p = 8
        aliases = []
        for _ in range(alias_count):
            name_len, topic_len = struct.unpack_from("<II", area, p)
            p += 8
            aliases.append((area[p:p + name_len].decode(), area[p + name_len:p + name_len + topic_len].decode()))
            p += name_len + topic_len
            p += -p & 3
        mappings = []
        for _ in range(mapping_count):
            kind, dep_count, topic_len, path_len, expr_len = struct.unpack_from("<5I", area, p)
            p += 20
            deps = list(struct.unpack_from(f"<{dep_count}I", area, p))
            p += 4 * dep_count
            topic = area[p:p + topic_len].decode()
            p += topic_len
            path = area[p:p + path_len].decode()
            p += path_len
            expression = area[p:p + expr_len].decode()
            p += expr_len
            p += -p & 3
            mappings.append((kind, deps, topic, path, expression))
        return aliases, mappings

    def frame(self, topics: List[bytes], payloads: List[bytes], now_ms: float, flags: int = 0) -> int:
        """Frame a batch (docs/ABI.md "Batch") into the input area; its length,
        or -1 when it does not fit the module's input area (the caller splits it).
        `flags`: FLAG_TRACE for trace records."""
        parts = [HEADER.pack(now_ms, len(topics), flags)]
        append = parts.append
        pack = INPUT_RECORD.pack
        for i, (t, b) in enumerate(zip(topics, payloads)):
            n = len(t) + len(b)
            append(pack(i, len(t), len(b)))
            append(t)
            append(b)
            append(PADS[n & 3])
        data = b"".join(parts)
        if not self.reserve(len(data)):
            return -1
        self.put(data)
        return len(data)

    def output_records(self, count: int):
        """Yield (input_index, mapping_index, payload bytes) of the last process."""
        area = self.output()
        unpack = OUTPUT_RECORD.unpack_from
        p = 0
        for _ in range(count):
            inp, mapping, n = unpack(area, p)
            start = p + 12
            end = start + n
            yield inp, mapping, area[start:end]
            p = end + (-end & 3)

    def explain(self) -> "ExplainRecord":
        """`explain`, decoded (docs/ABI.md "Explain record")."""
        n = self.call("explain")
        if n == -1:
            raise RuntimeError("module not configured")
        if n < 0:
            raise RuntimeError("the explain record does not fit the output area")
        area = self.read(self.call("output_ptr"), n)
        layout, mapping_count, source_count, near_count, no_topic, unknown_topic, not_listed = \
            EXPLAIN_HEADER.unpack_from(area, 0)
        if layout != EXPLAIN_LAYOUT:
            raise RuntimeError(f"explain record has layout {layout}, not {EXPLAIN_LAYOUT} (module and host differ)")
        p = EXPLAIN_HEADER.size
        mappings = []
        for _ in range(mapping_count):
            outputs, skipped, errors, last_code, *by_code = EXPLAIN_MAPPING.unpack_from(area, p)
            mappings.append((outputs, skipped, errors, last_code, tuple(by_code)))
            p += EXPLAIN_MAPPING.size
        sources = []
        for _ in range(source_count):
            updates, invalid, last_ts, has_value = EXPLAIN_SOURCE.unpack_from(area, p)
            sources.append((updates, invalid, last_ts, has_value != 0))
            p += EXPLAIN_SOURCE.size
        near_misses = []
        for _ in range(near_count):
            alias, topic_len, count = EXPLAIN_NEAR_MISS.unpack_from(area, p)
            p += EXPLAIN_NEAR_MISS.size
            near_misses.append((alias, count, area[p:p + topic_len].decode()))
            p += topic_len
            p += -p & 3
        return ExplainRecord(no_topic, unknown_topic, not_listed, mappings, sources, near_misses)

    def trace(self):
        """The trace records of the last `process` (none unless its batch had
        FLAG_TRACE): (input, outcome, alias, [(mapping, result, detail), ...])."""
        n = self.call("trace_len")
        if n == 0:
            return []
        area = self.read(self.call("trace_ptr"), n)
        records = []
        entry = TRACE_ENTRY.unpack_from
        p = 0
        while p < n:
            inp, outcome, alias, count = TRACE_RECORD.unpack_from(area, p)
            p += TRACE_RECORD.size
            entries = [entry(area, p + 12 * k) for k in range(count)]
            p += 12 * count
            records.append((inp, outcome, alias, entries))
        return records


class ExplainRecord:
    """The explain record, decoded: mappings are (outputs, skipped, errors,
    last_error_code, errors_by_code), sources (updates, invalid,
    last_timestamp_ms, has_value), near misses (alias, count, topic)."""
    __slots__ = ("dropped_no_topic", "dropped_unknown_topic", "near_misses_not_listed",
                 "mappings", "sources", "near_misses")

    def __init__(self, no_topic, unknown_topic, not_listed, mappings, sources, near_misses):
        self.dropped_no_topic, self.dropped_unknown_topic = no_topic, unknown_topic
        self.near_misses_not_listed = not_listed
        self.mappings, self.sources, self.near_misses = mappings, sources, near_misses
