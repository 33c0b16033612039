"""A Project API transport over a child process's stdin and stdout.

The child's stderr is inherited, so its diagnostics land on the server's stderr. Reads and
writes honour the Project API deadlines: ``timeout_sec`` None blocks, 0 polls, otherwise
IoTimeoutError when nothing could be read (or not everything written) in time. EOF or a broken
pipe closes the transport and raises TransportClosedError; so does using it while closed.
"""

import fcntl
import logging
import os
import select
import subprocess
import time

from project_api_server import IoTimeoutError, TransportClosedError

_LOG = logging.getLogger(__name__)


class ChildProcessTransport:
    def __init__(self):
        self._proc = None

    @property
    def is_open(self):
        return self._proc is not None

    def open(self, argv, cwd):
        self.close()
        self._proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        _LOG.info("started %s (pid %d)", argv[0], self._proc.pid)
        # Non-blocking ends: select() says "some room / some data", never "all of it".
        for stream in (self._proc.stdin, self._proc.stdout):
            flags = fcntl.fcntl(stream.fileno(), fcntl.F_GETFL)
            fcntl.fcntl(stream.fileno(), fcntl.F_SETFL, flags | os.O_NONBLOCK)

    def close(self):
        """Stop the child (terminate, then kill) and reap it. A no-op when closed."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:  # e.g. EPIPE while closing stdin
                pass
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        _LOG.info("transport closed; child %d exited with status %s", proc.pid, proc.returncode)

    def read(self, n, timeout_sec):
        proc = self._require_open()
        deadline = _deadline(timeout_sec)
        fd = proc.stdout.fileno()
        while True:
            _wait_ready(fd, for_write=False, deadline=deadline)
            try:
                data = os.read(fd, n)
                break
            except BlockingIOError:  # woken up without data after all: wait again
                continue
            except OSError:
                data = b""
                break
        if not data:
            self.close()
            raise TransportClosedError()
        return data

    def write(self, data, timeout_sec):
        proc = self._require_open()
        deadline = _deadline(timeout_sec)
        fd = proc.stdin.fileno()
        view = memoryview(data)
        while view:
            _wait_ready(fd, for_write=True, deadline=deadline)
            try:
                written = os.write(fd, view)
            except BlockingIOError:
                continue
            except OSError:  # EPIPE: the child is gone
                self.close()
                raise TransportClosedError() from None
            view = view[written:]

    def _require_open(self):
        if self._proc is None:
            raise TransportClosedError()
        return self._proc


def _deadline(timeout_sec):
    return None if timeout_sec is None else time.monotonic() + max(0.0, float(timeout_sec))


def _wait_ready(fd, for_write, deadline):
    """Block until ``fd`` is readable/writable; IoTimeoutError once ``deadline`` has passed."""
    remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
    watched = [fd]
    readable, writable, failed = select.select(
        [] if for_write else watched, watched if for_write else [], watched, remaining
    )
    if not (readable or writable or failed):
        raise IoTimeoutError()
