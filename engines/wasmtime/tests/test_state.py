"""State across restarts: snapshots carry Math.random's generator
(tests/reliability/state_snapshot.test.ts "Math.random across a restart"), and
the runner's --state / --checkpoint-interval against real processes: SIGTERM
saves the state and a restarted run continues exactly; after a kill -9 at most
one checkpoint interval of updates is lost."""

import json
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import REPO
from stream_processor_wasmtime import StreamProcessor

WASMTIME = REPO / "engines" / "wasmtime"

RANDOM_CONFIG = {"model": {"name": "r", "version": "v1"}, "output_topic": "out", "sources": {"a": "t.a"},
                 "mapping": {"r": "Math.random() + a"}}


def test_a_processor_restored_from_a_snapshot_continues_math_random_exactly_whatever_its_own_seed():
    def values(p, t):
        return [o.payload for o in p.process([{"topic": "t.a", "payload": f'{{"value":0,"timestamp_ms":{t}}}'}]).outputs]

    with StreamProcessor.create(RANDOM_CONFIG, seed=11) as first, \
            StreamProcessor.create(RANDOM_CONFIG, seed=99) as restored, \
            StreamProcessor.create(RANDOM_CONFIG, seed=99) as fresh:
        for t in range(1, 6):
            values(first, t)
        restored.import_state(first.export_state())
        for t in range(6, 11):
            expected = values(first, t)
            assert values(restored, t) == expected
            assert values(fresh, t) != expected


# The runner's config: `echo` fires on every update of `a`; `probe` (a + b)
# shows a's value once b arrives; `r` draws from Math.random.
CONFIG = """
model: { name: s, version: v1 }
output_topic: out
sources: { a: t.a, b: t.b }
mapping:
  echo: a
  probe: a + b
  r: Math.random() + a
"""


def line(topic, value, t):
    return json.dumps({"topic": topic, "payload": {"value": value, "timestamp_ms": t}}) + "\n"


class Runner:
    """The runner as a child process fed through a pipe; each output line is
    recorded with the time it was read."""

    def __init__(self, tmp_path, *args):
        config = tmp_path / "config.yaml"
        config.write_text(CONFIG)
        self.proc = subprocess.Popen([sys.executable, "-m", "stream_processor_wasmtime", str(config), *map(str, args)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, cwd=WASMTIME)
        self.outputs = []  # (time read, output line as a dict)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for text in self.proc.stdout:
            self.outputs.append((time.monotonic(), json.loads(text)))

    def send(self, text):
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def wait_outputs(self, n, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.outputs) < n:
            assert self.proc.poll() is None, self.proc.stderr.read()
            assert time.monotonic() < deadline, f"{len(self.outputs)} of {n} outputs"
            time.sleep(0.005)

    def finish(self, timeout=30):
        rc = self.proc.wait(timeout)
        self._reader.join(timeout)
        return rc, self.proc.stderr.read()

    def payloads(self, path):
        return [o["payload"] for _, o in self.outputs if o["topic"] == f"out._s_v1.{path}"]


def outputs_of(tmp_path, text, *args):
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG)
    r = subprocess.run([sys.executable, "-m", "stream_processor_wasmtime", str(config), *map(str, args)],
                       input=text, capture_output=True, text=True, timeout=60, cwd=WASMTIME)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def test_sigterm_saves_the_state_and_a_restarted_run_continues_exactly(tmp_path):
    state = tmp_path / "state.bin"
    first_half = "".join(line("t.a", i, i) for i in range(1, 21)) + line("t.b", 1000, 21)
    second_half = "".join(line("t.a", i, i) for i in range(22, 41))
    whole = outputs_of(tmp_path, first_half + second_half, "--seed", 7)

    a = Runner(tmp_path, "--seed", 7, "--state", state)
    a.send(first_half)
    a.wait_outputs(20 * 2 + 1)  # echo and r per update of a (probe waits for b), then probe
    a.proc.send_signal(signal.SIGTERM)
    rc, err = a.finish()
    assert rc == 143, err
    assert err.splitlines()[-1] == f"stream_processor_wasmtime: SIGTERM: stopped after input line 21; state saved to {state}"

    # Another seed: Math.random continues from the snapshot, not from the seed.
    b = Runner(tmp_path, "--seed", 8, "--state", state)
    b.send(second_half)
    b.proc.stdin.close()
    rc, err = b.finish()
    assert rc == 0, err
    restarted = [json.dumps(o, separators=(",", ":")) for _, o in a.outputs + b.outputs]
    assert restarted == whole
    # ... and probe fired on the first new input, from b's value saved before the restart.
    assert b.payloads("probe")[0] == {"value": 1022, "timestamp_ms": 22}


def test_after_kill_9_at_most_one_checkpoint_interval_of_updates_is_lost(tmp_path):
    state = tmp_path / "state.bin"
    interval = 0.3
    slack = 0.3  # the save itself (fsync) and scheduling on a busy machine (2 cores, several sessions)
    runner = Runner(tmp_path, "--state", state, "--checkpoint-interval", f"{int(interval * 1000)}ms")
    runner.send(line("t.b", 0, 1) + line("t.a", 1, 2))
    runner.wait_outputs(3)  # started (Python and the module compiled): now a steady stream
    sent = 1
    started = time.monotonic()
    while time.monotonic() - started < 8 * interval:
        sent += 1
        runner.send(line("t.a", sent, sent + 1))
        time.sleep(0.005)
    runner.wait_outputs(3 * sent)  # echo, probe and r per update of a (b alone fires nothing)
    killed_at = time.monotonic()
    runner.proc.send_signal(signal.SIGKILL)
    rc, _ = runner.finish()
    assert rc == -signal.SIGKILL

    # What the checkpoint file holds: a's last saved value, shown by probe (a + 0).
    assert state.exists(), "no checkpoint was written"
    with StreamProcessor.create(CONFIG) as p:
        p.import_state(state.read_bytes())  # a complete snapshot, never a torn one
        saved = json.loads(p.process([{"topic": "t.b", "payload": '{"value":0,"timestamp_ms":1}'}]).outputs[0].payload)
    saved_a = saved["value"]
    echoed = [(t, o["payload"]["value"]) for t, o in runner.outputs if o["topic"] == "out._s_v1.echo"]
    assert [v for _, v in echoed] == list(range(1, sent + 1))
    # Every update answered more than one interval (plus slack) before the kill is in the snapshot.
    must_have = max((v for t, v in echoed if t <= killed_at - interval - slack), default=0)
    assert must_have > 0
    assert must_have <= saved_a <= sent, (must_have, saved_a, sent)

    # A restarted run resumes from the checkpoint: probe fires on the first new input.
    again = Runner(tmp_path, "--state", state)
    again.send(line("t.b", 1, 10_000))
    again.proc.stdin.close()
    rc, err = again.finish()
    assert rc == 0, err
    assert again.payloads("probe") == [{"value": saved_a + 1, "timestamp_ms": 10_000}]


def test_an_unusable_state_file_fails_the_start_with_the_reason(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG)
    state = tmp_path / "state.bin"
    outputs_of(tmp_path, line("t.a", 1, 1), "--state", state)
    broken = bytearray(state.read_bytes())
    broken[-6] ^= 1
    state.write_bytes(bytes(broken))
    run = [sys.executable, "-m", "stream_processor_wasmtime", str(config)]
    r = subprocess.run(run + ["--state", str(state)], input="", capture_output=True, text=True, cwd=WASMTIME)
    assert r.returncode == 2 and r.stderr.startswith(f"stream_processor_wasmtime: cannot restore state from '{state}'")
    assert "delete the file to start with an empty state" in r.stderr
    missing = tmp_path / "no" / "state.bin"
    r = subprocess.run(run + ["--state", str(missing)], input="", capture_output=True, text=True, cwd=WASMTIME)
    assert r.returncode == 2 and "its directory does not exist" in r.stderr


@pytest.mark.parametrize("sig, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_waiting_for_input_stops_at_once_and_saves(tmp_path, sig, status):
    state = tmp_path / "state.bin"
    runner = Runner(tmp_path, "--state", state)
    runner.send(line("t.a", 5, 1))
    runner.wait_outputs(2)
    runner.proc.send_signal(sig)  # the runner is blocked reading its (open) stdin
    rc, err = runner.finish(timeout=10)
    assert rc == status, err
    with StreamProcessor.create(CONFIG) as p:
        p.import_state(state.read_bytes())
        assert p.process([{"topic": "t.b", "payload": '{"value":1,"timestamp_ms":1}'}]).outputs[0].payload == \
            b'{"value":6,"timestamp_ms":1}'
