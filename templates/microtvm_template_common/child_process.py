"""Stopping a child process the one way every template server does: ask, wait, then insist.

A transport's device program (build/main, QEMU) and a build tool's process group all end here,
so a server never leaves a child behind and never waits for one without a deadline.
"""

import os
import signal
import subprocess

# How long a child gets to exit after SIGTERM before it is killed.
GRACE_SEC = 5.0


def stop(proc, grace_sec=GRACE_SEC, whole_group=False):
    """Stop ``proc`` (a subprocess.Popen) and reap it; a no-op when it has already exited.

    SIGTERM first, SIGKILL when it is still running ``grace_sec`` later. With ``whole_group`` the
    signals go to the child's process group (a child started with start_new_session=True), so
    the processes it started (make's compilers) stop with it. Returns the exit status.
    """
    if proc.poll() is not None:
        return proc.returncode
    try:
        _signal(proc, signal.SIGTERM, whole_group)
        return proc.wait(timeout=grace_sec)
    except subprocess.TimeoutExpired:
        _signal(proc, signal.SIGKILL, whole_group)
    except ProcessLookupError:  # exited between poll() and the signal
        pass
    return proc.wait()


def _signal(proc, signum, whole_group):
    if whole_group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
