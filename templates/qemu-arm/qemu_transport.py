"""A Project API transport to the UART of a board emulated by QEMU.

The UART goes over a loopback TCP socket with QEMU as the client: this side binds port 0 first
and then starts QEMU with ``-serial tcp:127.0.0.1:PORT``, so there is no port race and no byte the
firmware sends is lost before the connection exists (QEMU connects before the guest runs).

QEMU must never outlive its session: it runs under ``setpriv --pdeathsig KILL`` (util-linux), so
the kernel kills it when this server dies, even by SIGKILL; close() stops and reaps it on every
other path. QEMU's own messages go to ``build/qemu.log`` and are quoted in errors.

Semihosting is on (``-semihosting-config enable=on,target=native``): the standalone firmware reads
big inputs from and writes big outputs to files of this machine when the host asks it to (LOAD_INPUT,
SAVE_OUTPUT of the standalone protocol), much faster than the UART. A firmware that makes no
semihosting call (host-driven, or a standalone run through the UART only) sees no difference, and
the UART relay carries the same bytes as without it.

``nodelay=on``: QEMU sends every UART byte as its own write; with Nagle's algorithm on its socket, the
bytes after the first of a reply waited for our delayed ACK, ~40 ms per reply (measured: a RUN round
trip took 44.8 ms without it, 0.5 ms with it).
"""

import logging
import os
import select
import shutil
import socket
import subprocess

from microtvm_template_common import child_process
from microtvm_template_common.deadlines import deadline_after, remaining
from microtvm_template_common.project_api_server import IoTimeoutError, ServerError, TransportClosedError

_LOG = logging.getLogger(__name__)

CONNECT_TIMEOUT_SEC = 20.0
_LOG_TAIL_BYTES = 2000
# Host files for the firmware's LOAD_INPUT/SAVE_OUTPUT; the console stays the UART
SEMIHOSTING_ARGS = ["-semihosting-config", "enable=on,target=native"]


def _setpriv_with_pdeathsig():
    """setpriv, if it has --pdeathsig (util-linux 2.33 and later); older ones reject the option."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    try:
        usage = subprocess.run([setpriv, "--help"], stdin=subprocess.DEVNULL, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return setpriv if b"--pdeathsig" in usage.stdout + usage.stderr else None


class QemuTransport:
    def __init__(self):
        self._proc = None
        self._sock = None
        self._log_path = None
        self.port = None

    @property
    def is_open(self):
        return self._proc is not None

    def open(self, argv, log_path):
        """Start ``argv`` (a QEMU command line without -serial) with semihosting, and accept its UART connection."""
        self.close()
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            port = listener.getsockname()[1]
            command = list(argv) + ["-serial", f"tcp:127.0.0.1:{port},nodelay=on"] + SEMIHOSTING_ARGS
            setpriv = _setpriv_with_pdeathsig()
            if setpriv is not None:
                command = [setpriv, "--pdeathsig", "KILL", "--"] + command
            else:
                _LOG.warning("setpriv (util-linux) with --pdeathsig not found: QEMU may outlive this server if "
                             "it is killed")
            self._log_path = log_path
            with open(log_path, "wb") as log:
                try:
                    self._proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                                  stderr=subprocess.STDOUT)
                except FileNotFoundError:
                    raise ServerError(f"open_transport: cannot start {command[0]!r}: not found; install "
                                      "qemu-system-arm or set the qemu option to its path") from None
            _LOG.info("started QEMU (pid %d): %s", self._proc.pid, " ".join(command))
            self._sock = self._accept(listener)
            self.port = port
        except BaseException:
            self.close()
            raise
        finally:
            listener.close()
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.setblocking(False)

    def _accept(self, listener):
        deadline = deadline_after(CONNECT_TIMEOUT_SEC)
        while True:
            if self._proc.poll() is not None:
                raise ServerError(f"open_transport: QEMU exited with status {self._proc.returncode} before "
                                  f"connecting its UART. QEMU said: {self.log_tail()}")
            left = remaining(deadline)
            if left <= 0:
                raise ServerError(f"open_transport: QEMU did not connect its UART within {CONNECT_TIMEOUT_SEC:.0f} s "
                                  f"(pid {self._proc.pid}). QEMU said: {self.log_tail()}")
            ready, _, _ = select.select([listener], [], [], min(left, 0.1))
            if ready:
                conn, _ = listener.accept()
                return conn

    def log_tail(self):
        try:
            with open(self._log_path, "rb") as log:
                log.seek(0, os.SEEK_END)
                log.seek(max(0, log.tell() - _LOG_TAIL_BYTES))
                text = log.read().decode("utf-8", errors="replace").strip()
        except (OSError, TypeError):
            return "(no output)"
        return text or "(no output)"

    def close(self):
        """Stop QEMU (SIGTERM, then SIGKILL) and reap it. A no-op when closed."""
        sock, self._sock = self._sock, None
        proc, self._proc = self._proc, None
        self.port = None
        if sock is not None:
            sock.close()
        if proc is None:
            return
        child_process.stop(proc)
        _LOG.info("transport closed; QEMU (pid %d) exited with status %s", proc.pid, proc.returncode)

    def _gone(self):
        """The connection ended: say why if QEMU died, then close."""
        proc = self._proc
        status = None
        if proc is not None:
            try:
                status = proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
        _LOG.error("QEMU's UART connection ended (QEMU %s). QEMU said: %s",
                   "still running" if status is None else f"exited with status {status}", self.log_tail())
        self.close()
        raise TransportClosedError()

    def read(self, n, timeout_sec):
        sock = self._require_open()
        deadline = deadline_after(timeout_sec)
        while True:
            ready, _, _ = select.select([sock], [], [], remaining(deadline))
            if not ready:
                raise IoTimeoutError()
            try:
                data = sock.recv(n)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                self._gone()
            return data

    def write(self, data, timeout_sec):
        sock = self._require_open()
        deadline = deadline_after(timeout_sec)
        view = memoryview(data)
        while view:
            _, ready, _ = select.select([], [sock], [], remaining(deadline))
            if not ready:
                raise IoTimeoutError()
            try:
                view = view[sock.send(view):]
            except BlockingIOError:
                continue
            except OSError:
                self._gone()

    def _require_open(self):
        if self._sock is None:
            raise TransportClosedError()
        return self._sock
