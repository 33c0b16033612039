"""A Project API transport to a child process (the device program), relayed or reached directly.

``open`` does not start the program yet. It offers a *direct channel*: a Unix socket in a private
temporary directory, which a client may connect to instead of relaying bytes through
``read_transport``/``write_transport``. Whichever comes first decides how the program runs:

* a connection to the socket: the program starts with the socket as its stdin and stdout, so the
  client's bytes reach it with no server in between; the relay then refuses (TransportClosedError);
* a relay call: the program starts on pipes to this server and the socket is withdrawn.

Clients that know nothing of the socket (TVM's own) see the relay exactly as before. The
program's stderr is inherited, so its diagnostics land on the server's stderr. Relay reads and
writes honour the Project API deadlines: ``timeout_sec`` None blocks, 0 polls, otherwise
IoTimeoutError when nothing could be read (or not everything written) in time. EOF or a broken
pipe closes the transport and raises TransportClosedError; so does using it while closed.
"""

import fcntl
import logging
import os
import select
import shutil
import socket
import subprocess
import tempfile
import threading

from microtvm_template_common import child_process
from microtvm_template_common.deadlines import deadline_after, remaining
from microtvm_template_common.project_api_server import IoTimeoutError, TransportClosedError

_LOG = logging.getLogger(__name__)

# how often the accepting thread looks whether the transport was closed meanwhile
_ACCEPT_POLL_SEC = 0.1
_SOCKET_NAME = "device.sock"


class ChildProcessTransport:
    def __init__(self):
        self._lock = threading.Lock()
        self._argv = None  # set while open
        self._cwd = None
        self._proc = None  # the program, once started
        self._channel = None  # the offered direct channel, until taken or withdrawn

    def open(self, argv, cwd):
        """Prepare to run ``argv``; returns the direct channel's description, or None if none could be made."""
        self.close()
        with self._lock:
            self._argv, self._cwd = list(argv), cwd
            try:
                self._channel = _DirectChannel(self._start_direct)
            except OSError as exc:  # no Unix sockets here, or a temp dir path too long for one
                _LOG.debug("no direct channel offered: %s", exc)
                self._channel = None
            return None if self._channel is None else self._channel.description()

    def close(self):
        """Withdraw the channel, stop the program (terminate, then kill) and reap it. A no-op when closed."""
        with self._lock:
            channel, self._channel = self._channel, None
            proc, self._proc = self._proc, None
            self._argv = None
        if channel is not None:
            channel.withdraw()
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            if stream is None:  # started on the direct channel: the client holds the other end
                continue
            try:
                stream.close()
            except OSError:  # e.g. EPIPE while closing stdin
                pass
        child_process.stop(proc)
        _LOG.info("transport closed; child %d exited with status %s", proc.pid, proc.returncode)

    def read(self, n, timeout_sec):
        proc = self._relay()
        deadline = deadline_after(timeout_sec)
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
        proc = self._relay()
        deadline = deadline_after(timeout_sec)
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

    def _relay(self):
        """The program on pipes to this server, started by the first relay call."""
        proc = self._proc
        if proc is not None and _on_pipes(proc):
            return proc
        channel = None
        try:
            with self._lock:
                proc = self._start_relayed()
                channel, self._channel = self._channel, None
            return proc
        finally:
            # outside the lock: the accepting thread may be waiting for it, and withdrawing joins that thread
            if channel is not None:
                channel.withdraw()

    def _start_relayed(self):
        """Under the lock: the program on pipes, started now unless it runs already."""
        if self._argv is None:
            raise TransportClosedError()
        if self._proc is None:
            self._proc = subprocess.Popen(self._argv, cwd=self._cwd, stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, bufsize=0)
            _LOG.info("started %s (pid %d), relayed", self._argv[0], self._proc.pid)
            # Non-blocking ends: select() says "some room / some data", never "all of it".
            for stream in (self._proc.stdin, self._proc.stdout):
                flags = fcntl.fcntl(stream.fileno(), fcntl.F_GETFL)
                fcntl.fcntl(stream.fileno(), fcntl.F_SETFL, flags | os.O_NONBLOCK)
        elif not _on_pipes(self._proc):
            # the client took the direct channel: bytes through the relay would interleave with its own
            raise TransportClosedError()
        return self._proc

    def _start_direct(self, connection):
        """Called by the channel with the client's connection: the program runs on it. False if too late."""
        with self._lock:
            if self._argv is None or self._proc is not None:
                return False
            self._proc = subprocess.Popen(self._argv, cwd=self._cwd, stdin=connection.fileno(),
                                          stdout=connection.fileno())
            self._channel = None
            _LOG.info("started %s (pid %d) on the direct channel", self._argv[0], self._proc.pid)
            return True


class _DirectChannel:
    """A listening Unix socket in a private temp dir, and the thread that takes its one connection."""

    def __init__(self, on_connection):
        self._dir = tempfile.mkdtemp(prefix="microtvm-direct-")  # mode 0700: only this user connects
        self._path = os.path.join(self._dir, _SOCKET_NAME)
        self._on_connection = on_connection
        self._withdrawn = threading.Event()
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._socket.bind(self._path)
            self._socket.listen(1)
        except OSError:
            self._socket.close()
            shutil.rmtree(self._dir, ignore_errors=True)
            raise
        self._thread = threading.Thread(target=self._accept, name="direct-channel", daemon=True)
        self._thread.start()

    def description(self):
        """What open_transport's reply says about the channel (its extra ``direct_channel`` key)."""
        return {"kind": "unix_socket", "path": self._path}

    def withdraw(self):
        """No connection is taken any more; the socket and its directory are gone when this returns."""
        self._withdrawn.set()
        if threading.current_thread() is not self._thread:
            self._thread.join()
        self._socket.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _accept(self):
        while not self._withdrawn.is_set():
            try:
                ready, _, _ = select.select([self._socket], [], [], _ACCEPT_POLL_SEC)
                if not ready:
                    continue
                connection, _ = self._socket.accept()
            except OSError as exc:
                _LOG.warning("direct channel: accepting failed: %s", exc)
                return
            with connection:  # the program keeps its own copy; this one closes either way
                if self._withdrawn.is_set() or not self._on_connection(connection):
                    continue
            # one connection only: the socket goes, the program runs until the client hangs up
            self._socket.close()
            shutil.rmtree(self._dir, ignore_errors=True)
            return


def _on_pipes(proc):
    """Whether the program was started for the relay (pipes) rather than on the direct channel."""
    return proc.stdout is not None


def _wait_ready(fd, for_write, deadline):
    """Block until ``fd`` is readable/writable; IoTimeoutError once ``deadline`` has passed."""
    watched = [fd]
    readable, writable, failed = select.select(
        [] if for_write else watched, watched if for_write else [], watched, remaining(deadline)
    )
    if not (readable or writable or failed):
        raise IoTimeoutError()
