"""Deterministic in-module figures for the performance gate (bench/gate.mjs).

wasmtime's fuel counts the WebAssembly operators a store executes, exactly: the
count depends only on the module and its inputs, not on the machine, its load or
a JIT's tiering. For each workload: configure, prime, one warm-up pass over the
batches, then one measured pass over the same batches; fuel/message is the
measured pass's fuel divided by its messages (configure and warm-up excluded).
The AssemblyScript heap top and the linear memory size are read around the
measured pass too (both must not move).

Usage: python fuel.py < job.json  -> JSON on stdout
job: {"wasm": path, "workloads": [{"name", "config" (JSON text),
      "prime": base64 frame or null, "frames": [base64 frame, ...], "messages"}]}
"""

import base64
import json
import sys

import wasmtime

FUEL = 1 << 62


class Module:
    def __init__(self, path):
        config = wasmtime.Config()
        config.consume_fuel = True
        self.engine = wasmtime.Engine(config)
        self.module = wasmtime.Module.from_file(self.engine, path)

    def instance(self):
        store = wasmtime.Store(self.engine)
        store.set_fuel(FUEL)
        return Instance(store, wasmtime.Instance(store, self.module, []))


class Instance:
    def __init__(self, store, instance):
        self.store = store
        self.x = instance.exports(store)
        self.memory = self.x["memory"]

    def call(self, name, *args):
        return self.x[name](self.store, *args)

    def fuel(self):
        return FUEL - self.store.get_fuel()

    def put(self, data):
        ptr = self.call("input_area", len(data))
        if ptr == 0:
            raise RuntimeError("input_area refused %d bytes" % len(data))
        self.memory.write(self.store, data, ptr)

    def process(self, frame):
        self.put(frame)
        r = self.call("process", len(frame))
        if r < 0:
            raise RuntimeError("process returned %d" % r)
        return r

    def memory_bytes(self):
        return self.memory.data_len(self.store)


def measure(module, w):
    x = module.instance()
    config = w["config"].encode()
    x.put(config)
    f0 = x.fuel()
    if x.call("configure", len(config), 1) != 0:
        raise RuntimeError("%s: configure failed" % w["name"])
    configure_fuel = x.fuel() - f0
    if w.get("prime"):
        x.process(base64.b64decode(w["prime"]))
    frames = [base64.b64decode(f) for f in w["frames"]]
    for f in frames:  # warm-up: areas sized, pools filled
        x.process(f)
    heap0, mem0 = x.call("heap_top"), x.memory_bytes()
    # Only the process calls are counted: input_area and the copy are outside.
    fuel = outputs = 0
    for f in frames:
        x.put(f)
        before = x.fuel()
        r = x.call("process", len(f))
        fuel += x.fuel() - before
        if r < 0:
            raise RuntimeError("%s: process returned %d" % (w["name"], r))
        outputs += r
    return {
        "messages": w["messages"],
        "outputs": outputs,
        "fuel": fuel,
        "fuelPerMsg": fuel / w["messages"],
        "configureFuel": configure_fuel,
        "heapTopDelta": x.call("heap_top") - heap0,
        "linearMemoryGrowth": x.memory_bytes() - mem0,
        "errors": x.call("error_count"),
    }


def main():
    job = json.load(sys.stdin)
    module = Module(job["wasm"])
    out = {w["name"]: measure(module, w) for w in job["workloads"]}
    json.dump({"wasmtime": wasmtime_version(), "workloads": out}, sys.stdout)


def wasmtime_version():
    import importlib.metadata
    return importlib.metadata.version("wasmtime")


if __name__ == "__main__":
    main()
