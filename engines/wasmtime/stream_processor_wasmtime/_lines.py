"""Lines of a file descriptor for the runner, read in chunks with select(), so
that a read waiting for input also wakes for a signal (through
signal.set_wakeup_fd) and for a checkpoint that falls due. POSIX only."""

import os
import select
from typing import List, Optional

CHUNK = 1 << 16


class LineReader:
    """Complete lines (str, without the newline) of `fd` as they arrive."""

    def __init__(self, fd: int, wake_fd: Optional[int] = None):
        self.fd = fd
        self.wake_fd = wake_fd
        self.woken = False
        self.eof = False
        self._tail = b""

    def read(self, timeout: Optional[float] = None) -> List[str]:
        """The lines of the next chunk; [] when `timeout` (seconds) passed or a
        signal woke the read (`woken`); at the end, the last line without a
        newline, then [] with `eof` set."""
        if self.eof:
            return []
        watch = [self.fd] if self.wake_fd is None else [self.fd, self.wake_fd]
        ready, _, _ = select.select(watch, [], [], timeout)
        if self.wake_fd is not None and self.wake_fd in ready:
            try:
                while os.read(self.wake_fd, 512):
                    pass
            except BlockingIOError:
                pass
            self.woken = True
            return []
        if not ready:
            return []
        data = os.read(self.fd, CHUNK)
        if not data:
            self.eof = True
            tail, self._tail = self._tail, b""
            return [_text(tail)] if tail else []
        parts = (self._tail + data).split(b"\n")
        self._tail = parts.pop()
        return [_text(p) for p in parts]

    def pending(self) -> bool:
        """True when more input can be read at once (a live source that paused: False)."""
        return bool(select.select([self.fd], [], [], 0)[0])


def _text(line: bytes) -> str:
    if line.endswith(b"\r"):
        line = line[:-1]
    return line.decode("utf-8", "replace")
