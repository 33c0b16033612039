"""child_process.stop: the one terminate -> wait -> kill of every template server, on real children."""

import os
import signal
import subprocess
import sys
import time
import unittest

from microtvm_template_common import child_process

# A child that says it is ready, then sleeps; with IGNORE_TERM it survives SIGTERM.
_SLEEPER = """
import signal, sys, time
if sys.argv[1] == "IGNORE_TERM":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(600)
"""

# A child that starts a grandchild in its own process group and prints the grandchild's pid.
_PARENT_OF_SLEEPER = """
import subprocess, sys, time
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print(grandchild.pid, flush=True)
time.sleep(600)
"""


def _start(script, *args, new_session=False):
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            start_new_session=new_session)
    line = proc.stdout.readline()  # waits until the child runs its script (signal handlers set)
    proc.stdout.close()
    return proc, line.decode().strip()


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class StopTest(unittest.TestCase):
    def test_a_child_that_obeys_sigterm_ends_by_sigterm(self):
        proc, _ = _start(_SLEEPER, "OBEY")
        status = child_process.stop(proc)
        self.assertEqual(-signal.SIGTERM, status)
        self.assertEqual(-signal.SIGTERM, proc.returncode)  # reaped

    def test_a_child_that_ignores_sigterm_is_killed_after_the_grace_period(self):
        proc, _ = _start(_SLEEPER, "IGNORE_TERM")
        status = child_process.stop(proc, grace_sec=0.5)
        self.assertEqual(-signal.SIGKILL, status)
        self.assertEqual(-signal.SIGKILL, proc.returncode)

    def test_an_exited_child_is_left_alone(self):
        proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
        proc.wait()
        self.assertEqual(3, child_process.stop(proc))

    def test_whole_group_stops_what_the_child_started(self):
        proc, grandchild = _start(_PARENT_OF_SLEEPER, new_session=True)
        grandchild = int(grandchild)
        self.assertTrue(_alive(grandchild))
        self.assertEqual(-signal.SIGTERM, child_process.stop(proc, whole_group=True))
        # The grandchild is not ours to reap (init adopts it); it is gone once init has reaped it.
        deadline = time.monotonic() + 10
        while _alive(grandchild) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(_alive(grandchild), f"grandchild {grandchild} survived its group's SIGTERM")

    def test_without_whole_group_only_the_child_is_signalled(self):
        proc, grandchild = _start(_PARENT_OF_SLEEPER, new_session=True)
        grandchild = int(grandchild)
        try:
            child_process.stop(proc)
            self.assertTrue(_alive(grandchild))
        finally:
            os.kill(grandchild, signal.SIGKILL)


if __name__ == "__main__":
    unittest.main()
