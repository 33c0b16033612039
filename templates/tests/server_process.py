"""A template server as TVM starts it, for the tests: a real ``python3 microtvm_api_server.py``.

The requests go over a pipe the server reads with --read-fd, the replies come back over another
it writes with --write-fd, one JSON value per line, in the server's own directory.
"""

import json
import os
import pathlib
import select
import subprocess
import sys
import tempfile
import time

TEMPLATES_DIR = pathlib.Path(__file__).resolve().parent.parent
REPO_DIR = TEMPLATES_DIR.parent
FIXTURES_DIR = REPO_DIR / "it" / "fixtures"

# Generous: a build of a small model takes seconds; the deadline only keeps a broken server from hanging the build.
CALL_TIMEOUT_SEC = 300


class ServerProcess:
    def __init__(self, server_dir):
        self.server_dir = pathlib.Path(server_dir)
        request_read, self._request_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        # A file, not a pipe: a build's output could fill a pipe nobody reads while we wait for the reply.
        self._stderr = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [sys.executable, "microtvm_api_server.py", "--read-fd", str(request_read),
             "--write-fd", str(reply_write)],
            cwd=self.server_dir, pass_fds=(request_read, reply_write), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._stderr)
        os.close(request_read)
        os.close(reply_write)
        self._requests = os.fdopen(self._request_write, "wb", buffering=0)
        self._pending = b""
        self._next_id = 1

    def call(self, method, **params):
        """The reply's result; AssertionError with the server's error and stderr otherwise."""
        reply = self.call_raw(method, **params)
        if "error" in reply:
            raise AssertionError(f"{method} failed: {reply['error']}")
        return reply["result"]

    def call_raw(self, method, **params):
        request = {"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params}
        self._next_id += 1
        self._requests.write((json.dumps(request) + "\n").encode("utf-8"))
        return json.loads(self._read_line(method))

    def _read_line(self, method):
        deadline = time.monotonic() + CALL_TIMEOUT_SEC
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._reply_read], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"{method}: no reply within {CALL_TIMEOUT_SEC} s; stderr:\n{self.close()}")
            chunk = os.read(self._reply_read, 65536)
            if not chunk:
                raise AssertionError(f"{method}: the server closed its reply pipe; stderr:\n{self.close()}")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line

    def close(self):
        """Hang up as a client does (EOF on the request pipe); the server's stderr."""
        if self._proc.returncode is not None:
            return ""
        self._requests.close()
        try:
            self._proc.wait(timeout=CALL_TIMEOUT_SEC)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._reply_read)
        self._stderr.seek(0)
        stderr = self._stderr.read().decode("utf-8", errors="replace")
        self._stderr.close()
        return stderr

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
