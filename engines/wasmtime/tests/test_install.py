"""The documented install route (engines/README.md): a fresh venv (no system
site packages), `pip install -e ./engines/wasmtime`, then the package imported
and the pump example run from another folder, with no PYTHONPATH. Needs the
package index (or pip's cache) for wasmtime, ruamel.yaml and setuptools."""

import json
import os
import subprocess
import sys

from conftest import REPO
from stream_processor_wasmtime.__main__ import raw_member_text


def lines_as_records(text):
    """(topic, payload bytes as written, metadata) of each output line."""
    out = []
    for line in text.splitlines():
        o = json.loads(line)
        out.append((o["topic"], raw_member_text(line, "payload"), o["metadata"]))
    return out


def test_fresh_venv_documented_install_imports_and_runs_the_pump_example(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "STREAM_PROCESSOR_WASM", "VIRTUAL_ENV")}
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              "-e", str(REPO / "engines" / "wasmtime")],
                             capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr

    where = subprocess.run([python, "-c", "import stream_processor_wasmtime as s; print(s.__file__)"],
                           capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert where.stdout.startswith(str(REPO / "engines" / "wasmtime" / "stream_processor_wasmtime"))

    run = subprocess.run([python, "-m", "stream_processor_wasmtime",
                          str(REPO / "examples" / "pump.yaml"), str(REPO / "examples" / "pump.jsonl")],
                         capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    expected = (REPO / "examples" / "benthos" / "expected_output.jsonl").read_text()
    assert lines_as_records(run.stdout) == lines_as_records(expected)
    assert run.stderr.splitlines()[-1] == f"{len(expected.splitlines())} outputs, 3 errors"
