"""The runner's state file (`--state FILE`): a processor's state snapshot
(docs/ABI.md "State snapshot") on disk, read at start and replaced atomically,
so that a crash at any moment leaves the old or the new snapshot, never a torn
one (after host/state_file.ts)."""

import os
from typing import Optional


def read_state_file(path: str) -> Optional[bytes]:
    """The snapshot at `path`, or None when there is no such file. Other read errors raise."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write_state_file(path: str, data: bytes) -> None:
    """Replace the file at `path` by `data` atomically: write a temporary file in
    the same directory, fsync it, rename it over `path`, then fsync the directory
    so that the rename itself is durable."""
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    os.close(fd)
    os.replace(tmp, path)
    try:
        d = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(d)
        finally:
            os.close(d)
    except OSError:
        pass  # some platforms cannot fsync a directory; the rename is still atomic
