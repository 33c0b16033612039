"""TransportHandler: the transport methods and shutdown both templates' handlers share."""

import unittest

from microtvm_template_common.handler_base import TransportHandler
from microtvm_template_common.project_api_server import ServerError


class FakeTransport:
    """Records what the handler asks of a transport (a real one needs a device program)."""

    def __init__(self):
        self.calls = []

    def read(self, n, timeout_sec):
        self.calls.append(("read", n, timeout_sec))
        return b"x" * n

    def write(self, data, timeout_sec):
        self.calls.append(("write", data, timeout_sec))

    def close(self):
        self.calls.append(("close",))


class MinimalHandler(TransportHandler):
    def server_info_query(self, tvm_version):
        raise NotImplementedError

    def generate_project(self, model_library_format_path, standalone_crt_dir, project_dir, options):
        raise NotImplementedError

    def build(self, options):
        raise NotImplementedError

    def flash(self, options):
        raise NotImplementedError

    def open_transport(self, options):
        raise NotImplementedError


class TransportHandlerTest(unittest.TestCase):
    def setUp(self):
        self.transport = FakeTransport()
        self.handler = MinimalHandler(self.transport)

    def test_read_passes_the_count_and_the_timeout_as_float_seconds(self):
        self.assertEqual(b"xxx", self.handler.read_transport(3, 2))
        self.assertEqual(("read", 3, 2.0), self.transport.calls[-1])
        self.handler.read_transport(1, None)
        self.assertEqual(("read", 1, None), self.transport.calls[-1])

    def test_read_refuses_a_count_that_is_not_a_positive_integer(self):
        for bad in (0, -1, 1.5, True, "2"):
            with self.subTest(bad=bad), self.assertRaises(ServerError) as raised:
                self.handler.read_transport(bad, 1)
            self.assertIn(f"read_transport: n must be a positive integer, got {bad!r}", str(raised.exception))
        self.assertEqual([], self.transport.calls)

    def test_write_passes_the_bytes_and_the_timeout(self):
        self.handler.write_transport(b"\x01\x02", 0)
        self.assertEqual(("write", b"\x01\x02", 0.0), self.transport.calls[-1])

    def test_a_bad_timeout_is_refused_before_the_transport_is_touched(self):
        with self.assertRaises(ServerError):
            self.handler.write_transport(b"x", -1)
        with self.assertRaises(ServerError):
            self.handler.read_transport(1, "soon")
        self.assertEqual([], self.transport.calls)

    def test_close_transport_and_shutdown_close_the_transport(self):
        self.handler.close_transport()
        self.handler.shutdown()
        self.assertEqual([("close",), ("close",)], self.transport.calls)


if __name__ == "__main__":
    unittest.main()
