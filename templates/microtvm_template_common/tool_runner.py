"""Running build tools (make, the compiler) from inside a Project API server.

The server's stdout may be (a copy of) the client's reply channel, so a tool must never write
to it. Tools get stdin from /dev/null and one pipe for stdout+stderr, which is copied to our
stderr line by line as it arrives, so the client sees progress live. The tool runs in its own
process group: if the server is stopped (SIGTERM, client gone) the whole group is killed, which
also takes the compilers make started.
"""

import collections
import logging
import os
import shlex
import subprocess
import sys

from . import child_process
from .project_api_server import ServerError

_LOG = logging.getLogger("tool_runner")


class ToolResult:
    def __init__(self, returncode, tail):
        self.returncode = returncode
        self.tail = tail  # the last output lines, for error messages


def run_tool(argv, cwd, tail_lines=20):
    """Run ``argv`` in ``cwd``, streaming its output to stderr. Raises FileNotFoundError."""
    _LOG.info("running %s (in %s)", shlex.join(argv), cwd)
    proc = subprocess.Popen(
        argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    tail = collections.deque(maxlen=tail_lines)
    err = sys.stderr.buffer if hasattr(sys.stderr, "buffer") else None
    try:
        for line in iter(proc.stdout.readline, b""):
            tail.append(line.decode("utf-8", errors="replace").rstrip("\n"))
            if err is not None:
                err.write(line)
                err.flush()
            else:
                sys.stderr.write(tail[-1] + "\n")
        proc.wait()
    finally:
        if proc.poll() is None:  # we are being interrupted: stop the whole tool tree
            child_process.stop(proc, whole_group=True)
        proc.stdout.close()
    return ToolResult(proc.returncode, list(tail))


def run_make(variables, verbose, cwd):
    """The build method's make: every core, the template's make variables, VERBOSE when the verbose
    option was given; its output goes to the server's stderr. A missing make fails the build."""
    argv = ["make", f"-j{os.cpu_count() or 1}", *variables]
    if verbose is not None:
        argv.append(f"VERBOSE={1 if verbose else 0}")
    try:
        return run_tool(argv, cwd=cwd)
    except FileNotFoundError:
        raise ServerError("build failed: 'make' was not found on PATH; install GNU make") from None
