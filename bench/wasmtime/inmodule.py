"""In-module benchmark under wasmtime (the `wasmtime` PyPI package, which embeds
the real engine: Cranelift, default settings).

Call path: the cheapest wasmtime-py offers, `wasmtime_func_call_unchecked` of the
C API through ctypes, with one preallocated `wasmtime_val_raw_t` argument/result
cell per export (no type lookup, no Val conversion per call). Batches framed by
bench/run.mjs are copied into the input area with ctypes.memmove outside the
timed region; only the `process` call is timed (time.perf_counter_ns), minus the
measured clock overhead. The measured cost of an empty call (abi_version) is
reported too: it is the host's floor per batch.

Usage: python inmodule.py JOB.json  -> result JSON on stdout.
"""

import ctypes
import json
import statistics
import struct
import sys
import time

import wasmtime
from wasmtime import _ffi as ffi


class Raw:
    """The module's exports called through wasmtime_func_call_unchecked."""

    def __init__(self, wasm_bytes, explicit_bounds=False):
        self.engine = wasmtime.Engine(engine_config(explicit_bounds))
        self.module = wasmtime.Module(self.engine, wasm_bytes)
        self._instantiate()

    def fresh(self):
        """A new store and instance of the same compiled module."""
        other = Raw.__new__(Raw)
        other.engine = self.engine
        other.module = self.module
        other._instantiate()
        return other

    def _instantiate(self):
        self.store = wasmtime.Store(self.engine)
        self.instance = wasmtime.Instance(self.store, self.module, [])
        self.exports = self.instance.exports(self.store)
        self.memory = self.exports["memory"]
        self.ctx = self.store._context()
        self.cells = (ffi.wasmtime_val_raw_t * 2)()
        self.trap = ctypes.POINTER(ffi.wasm_trap_t)()
        self.funcs = {}

    def fn(self, name):
        f = self.funcs.get(name)
        if f is None:
            f = ctypes.byref(self.exports[name]._func)
            self.funcs[name] = f
        return f

    def call(self, name, *args):
        cells = self.cells
        for i, a in enumerate(args):
            cells[i].i32 = a
        err = ffi.wasmtime_func_call_unchecked(self.ctx, self.fn(name), cells, 2, ctypes.byref(self.trap))
        if err or self.trap:
            raise RuntimeError(f"{name} trapped or failed")
        return cells[0].i32

    def base(self):
        return ctypes.addressof(self.memory.data_ptr(self.store).contents)

    def write(self, ptr, data):
        ctypes.memmove(self.base() + ptr, data, len(data))

    def mem_size(self):
        return self.memory.data_len(self.store)


def engine_config(explicit_bounds):
    """wasmtime's defaults; with explicit_bounds, a bounds check on every memory
    access instead of guard regions (no reservation, no guard, no Spectre
    masking), as wazero compiles them."""
    c = wasmtime.Config()
    if explicit_bounds:
        c.memory_reservation = 0
        c.memory_guard_size = 0
        c.memory_reservation_for_growth = 0
        c.cranelift_flag_set("enable_heap_access_spectre_mitigation", "false")
    return c


def read_frames(path):
    with open(path, "rb") as f:
        data = f.read()
    (count,) = struct.unpack_from("<I", data, 0)
    p = 4
    frames = []
    for _ in range(count):
        (n,) = struct.unpack_from("<I", data, p)
        p += 4
        frames.append(data[p:p + n])
        p += n
    return frames


def clock_overhead(reps=200000):
    now = time.perf_counter_ns
    d = []
    for _ in range(reps):
        a = now()
        b = now()
        d.append(b - a)
    return statistics.median(d)


def main():
    job = json.load(open(sys.argv[1]))
    with open(job["wasm"], "rb") as f:
        wasm = f.read()
    config = job["config"].encode()
    # configure() on 5 fresh instances of one compiled module; the last one is benchmarked.
    configure_times = []
    for _ in range(5):
        x = Raw(wasm, job.get("explicitBounds", False)) if not configure_times else x.fresh()
        ptr = x.call("input_area", len(config))
        x.write(ptr, config)
        t0 = time.perf_counter_ns()
        r = x.call("configure", len(config), 1)
        configure_times.append((time.perf_counter_ns() - t0) / 1e6)
        if r != 0:
            raise RuntimeError(f"configure returned {r}")
    configure_ms = statistics.median(configure_times)
    prime = read_frames(job["prime"])
    for f in prime:
        ptr = x.call("input_area", len(f))
        x.write(ptr, f)
        if x.call("process", len(f)) < 0:
            raise RuntimeError("prime failed")
    frames = read_frames(job["frames"])
    area = x.call("input_area", max(len(f) for f in frames))
    messages = job["messages"]
    overhead = clock_overhead()

    # The floor of this host: an empty export call through the same path.
    now = time.perf_counter_ns
    empty = []
    for _ in range(100000):
        a = now()
        x.call("abi_version")
        empty.append(now() - a - overhead)
    empty_ns = statistics.median(empty)

    process = x.fn("process")
    cells = x.cells
    trap = ctypes.byref(x.trap)
    ctx = x.ctx
    call = ffi.wasmtime_func_call_unchecked
    memmove = ctypes.memmove

    def run_pass(samples):
        total = 0
        outputs = 0
        cpu0 = time.process_time_ns()
        for f in frames:
            memmove(x.base() + area, f, len(f))
            cells[0].i32 = len(f)
            a = now()
            err = call(ctx, process, cells, 2, trap)
            b = now()
            if err or x.trap:
                raise RuntimeError("process trapped")
            r = cells[0].i32
            if r < 0:
                raise RuntimeError(f"process returned {r}")
            outputs += r
            d = max(0, b - a - overhead)
            total += d
            if samples is not None:
                samples.append(d)
        # CPU time of the whole pass (Python's memmove and call overhead included).
        return {"ns": total, "cpuNs": time.process_time_ns() - cpu0, "messages": messages, "outputs": outputs}

    for _ in range(job.get("warmups", 2)):
        run_pass(None)
    heap0 = x.call("heap_top")
    mem0 = x.mem_size()
    samples = []
    per_run = [run_pass(samples) for _ in range(job["runs"])]
    json.dump({
        "perRun": per_run,
        "samples": samples,
        "batch": job["batch"],
        "configureMs": configure_ms,
        "timerOverheadNs": overhead,
        "emptyCallNs": empty_ns,
        "heapTopDelta": x.call("heap_top") - heap0,
        "memoryGrowth": x.mem_size() - mem0,
        "memoryBytes": x.mem_size(),
        "errors": x.call("error_count"),
        "wasmtime": wasmtime.__version__ if hasattr(wasmtime, "__version__") else "unknown",
    }, sys.stdout)


if __name__ == "__main__":
    main()
