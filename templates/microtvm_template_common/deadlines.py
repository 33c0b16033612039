"""Timeouts as the Project API gives them (``timeout_sec``: null or seconds) and deadlines from them.

A deadline is a time.monotonic() value, or None for "wait as long as it takes".
"""

import time

from .project_api_server import ServerError


def checked_timeout(value):
    """A request's ``timeout_sec`` as float seconds, or None; ServerError for anything else."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ServerError(f"timeout_sec must be null or a number >= 0, got {value!r}")
    return float(value)


def deadline_after(timeout_sec):
    """The deadline ``timeout_sec`` seconds from now (None: none). A negative timeout is now."""
    return None if timeout_sec is None else time.monotonic() + max(0.0, float(timeout_sec))


def remaining(deadline):
    """Seconds left until ``deadline``, never negative; None when there is no deadline."""
    return None if deadline is None else max(0.0, deadline - time.monotonic())
