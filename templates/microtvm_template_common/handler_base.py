"""The part of a template's Project API handler that only moves bytes: the transport methods.

A template's ``Handler`` subclasses :class:`TransportHandler` with its transport object (which
has ``read(n, timeout_sec)``, ``write(data, timeout_sec)`` and ``close()``) and implements
server_info_query, generate_project, build, flash and open_transport.
"""

from .deadlines import checked_timeout
from .project_api_server import ProjectAPIHandler, ServerError


class TransportHandler(ProjectAPIHandler):
    def __init__(self, transport):
        self._transport = transport

    def close_transport(self):
        self._transport.close()

    def read_transport(self, n, timeout_sec):
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ServerError(f"read_transport: n must be a positive integer, got {n!r}")
        return self._transport.read(n, checked_timeout(timeout_sec))

    def write_transport(self, data, timeout_sec):
        self._transport.write(data, checked_timeout(timeout_sec))

    def shutdown(self):
        # The client hung up or the server is stopping: the device program must not outlive us.
        self._transport.close()
