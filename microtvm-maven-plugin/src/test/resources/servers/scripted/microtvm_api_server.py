#!/usr/bin/env python3
"""A well-behaved microTVM Project API server for the Java client's tests.

It speaks newline-delimited JSON-RPC 2.0 on --read-fd/--write-fd as the real template servers
do, validates requests and parameters the same way, and implements every Project API method
against an in-memory loopback "device". A few test-only methods let the tests see what really
arrived: introspect (argv, cwd, fds, environment), recorded_requests (every request line
received) and raw_error (replies with any error object).

Behaviour is steered by parameters (build/flash options "fail" and "stderr_lines",
open_transport options "quirk" and "direct_channel" (sent back as that extra key of the result),
tvm_version "reject-me") and by SCRIPTED_PROTOCOL_VERSION and
SCRIPTED_EXTRA_INFO (a JSON object merged into the server_info_query reply).
Python 3 standard library only.
"""

import argparse
import base64
import json
import logging
import os
import re
import subprocess
import sys
import traceback

LOG = logging.getLogger("scripted-server")

SERVER_ERROR = -32000
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602


class ServerError(Exception):
    """Raised by a method; the reply's message is chosen here rather than "calling method ..."."""

    def __init__(self, message=None):
        super().__init__(message)
        self.message = message if message is not None else type(self).__name__


class IoTimeoutError(ServerError):
    pass


class TransportClosedError(ServerError):
    pass


class UnsupportedTVMVersionError(ServerError):
    pass


# Parameter names per method; like the real server, each one is mandatory and no other is allowed.
PARAMETERS = {
    "server_info_query": ("tvm_version",),
    "generate_project": ("model_library_format_path", "standalone_crt_dir", "project_dir", "options"),
    "build": ("options",),
    "flash": ("options",),
    "open_transport": ("options",),
    "close_transport": (),
    "read_transport": ("n", "timeout_sec"),
    "write_transport": ("data", "timeout_sec"),
    "introspect": (),
    "recorded_requests": (),
    "raw_error": ("code", "message", "data"),
}
# Methods whose "options" the real server type-checks.
CHECKED_OPTIONS = ("build", "flash")

OPTIONS = [
    {"name": "verbose", "choices": None, "default": False, "type": "bool",
     "required": None, "optional": ["build"], "help": "Run build with verbose output."},
    {"name": "board", "choices": ["qemu_x86", "nucleo_l4r5zi"], "default": None, "type": "str",
     "required": ["generate_project"], "optional": ["flash", "open_transport"],
     "help": "Name of the board to build for."},
]


class ScriptedHandler:
    def __init__(self):
        self.requests = []
        self.device = None  # bytearray while the transport is open
        self.quirk = None

    def server_info_query(self, tvm_version):
        if tvm_version == "reject-me":
            raise UnsupportedTVMVersionError()
        reply = {
            "platform_name": "scripted",
            "is_template": True,
            "model_library_format_path": "",
            "project_options": OPTIONS,
            "protocol_version": json.loads(os.environ.get("SCRIPTED_PROTOCOL_VERSION", "1")),
        }
        # extra keys, as the bundled templates send firmware_images and required_tools
        reply.update(json.loads(os.environ.get("SCRIPTED_EXTRA_INFO", "{}")))
        return reply

    def generate_project(self, model_library_format_path, standalone_crt_dir, project_dir, options):
        os.makedirs(project_dir)
        with open(os.path.join(project_dir, "generated.json"), "w", encoding="utf-8") as f:
            json.dump({"mlf": model_library_format_path, "crt": standalone_crt_dir, "options": options}, f)

    def build(self, options):
        self._act(options)

    def flash(self, options):
        self._act(options)

    def _act(self, options):
        for i in range(int(options.get("stderr_lines", 0))):
            sys.stderr.write("build output line %d %s\n" % (i, "x" * 80))
        sys.stderr.flush()
        fail = options.get("fail")
        if fail == "make":
            # what a failing build tool looks like to a real server
            raise subprocess.CalledProcessError(2, ["make"])
        if fail == "custom":
            raise ServerError("custom failure")

    def open_transport(self, options):
        self.device = bytearray()
        self.quirk = options.get("quirk")
        result = {"timeouts": {
            "session_start_retry_timeout_sec": options.get("retry", 1.0),
            "session_start_timeout_sec": options.get("start", 2.0),
            "session_established_timeout_sec": options.get("established", 3.0),
        }}
        if "direct_channel" in options:  # sent back as the extra key, whatever its shape
            result["direct_channel"] = options["direct_channel"]
        return result

    def close_transport(self):
        self.device = None

    def read_transport(self, n, timeout_sec):
        if self.device is None:
            raise TransportClosedError()
        if not self.device:
            if self.quirk == "arduino":
                return {"data": ""}  # what the Arduino server does on a timeout
            raise IoTimeoutError()
        chunk = bytes(self.device[:n])
        del self.device[:n]
        return {"data": base64.b85encode(chunk).decode("ascii")}

    def write_transport(self, data, timeout_sec):
        if self.device is None:
            raise TransportClosedError()
        payload = base64.b85decode(data)
        if payload == b"TIMEOUT":
            raise IoTimeoutError()
        self.device.extend(payload)
        return len(payload) if self.quirk == "arduino" else None

    def introspect(self):
        return {
            "argv": sys.argv,
            "cwd": os.getcwd(),
            "pid": os.getpid(),
            "stdin": os.readlink("/proc/self/fd/0"),
            "stdout_is_stderr": os.fstat(1) == os.fstat(2),
            "debug": logging.getLogger().isEnabledFor(logging.DEBUG),
            "env": {k: v for k, v in os.environ.items() if k.startswith(("LAUNCH_", "SCRIPTED_"))},
        }

    def recorded_requests(self):
        return self.requests

    def raw_error(self, code, message, data):
        raise RawError(code, message, data)


class RawError(Exception):
    def __init__(self, code, message, data):
        super().__init__(message)
        self.error = {"code": code, "message": message, "data": data}


def error_reply(request_id, code, message, data=None):
    return {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message, "data": data}}


def validate(request):
    """The JSON-RPC envelope checks of the real server; returns an error message or None."""
    if not isinstance(request, dict):
        return "request: want dict; got %r" % (request,)
    if request.get("jsonrpc") != "2.0":
        return 'request["jsonrpc"]: want "2.0"; got %r' % (request.get("jsonrpc"),)
    method = request.get("method")
    if not isinstance(method, str):
        return 'request["method"]: want str; got %r' % (method,)
    if not re.match(r"^[a-zA-Z0-9_]+$", method):
        return 'request["method"]: should match regex ^[a-zA-Z0-9_]+$; got %r' % (method,)
    if not isinstance(request.get("params"), dict):
        return 'request["params"]: want dict; got %r' % (type(request.get("params")),)
    if not isinstance(request.get("id"), (str, int, type(None))):
        return 'request["id"]: want str, number, null; got %r' % (request.get("id"),)
    return None


def dispatch(handler, request):
    """Returns (reply, keep_serving)."""
    problem = validate(request)
    if problem:
        return error_reply(None, INVALID_REQUEST, problem), False
    method, params, request_id = request["method"], request["params"], request.get("id")
    if method not in PARAMETERS:
        return error_reply(request_id, METHOD_NOT_FOUND, "%s: no such method" % method), True
    expected = PARAMETERS[method]
    for name in expected:
        if name not in params:
            return error_reply(request_id, INVALID_PARAMS, "method %s: parameter %s not given" % (method, name)), True
    extra = sorted(set(params) - set(expected))
    if extra:
        return error_reply(request_id, INVALID_PARAMS, "%s: extra parameters: %s" % (method, ", ".join(extra))), True
    if method in CHECKED_OPTIONS and not isinstance(params["options"], dict):
        return error_reply(request_id, INVALID_PARAMS, "method %s: parameter options: want %r, got %r"
                           % (method, dict, type(params["options"]))), True
    try:
        result = getattr(handler, method)(**params)
    except RawError as e:
        return {"jsonrpc": "2.0", "id": request_id, "error": e.error}, True
    except ServerError as e:
        return error_reply(request_id, SERVER_ERROR, e.message, {"traceback": traceback.format_exc()}), True
    except Exception:  # anything else is reported the generic way, the type only in the traceback
        return error_reply(request_id, SERVER_ERROR, "calling method %s" % method,
                           {"traceback": traceback.format_exc()}), True
    return {"jsonrpc": "2.0", "id": request_id, "result": result}, True


def serve(requests, replies, handler):
    while True:
        raw = requests.readline()
        if not raw:
            LOG.info("EOF on the request pipe; exiting")
            return
        try:
            line = raw.decode("utf-8")
            request = json.loads(line)
        except ValueError:
            LOG.error("cannot parse request %r; exiting", raw[:200])
            return
        handler.requests.append({"raw": line, "request": request})
        LOG.debug("request: %s", line.rstrip("\n"))
        reply, keep_serving = dispatch(handler, request)
        replies.write((json.dumps(reply) + "\n").encode("utf-8"))
        replies.flush()
        if not keep_serving:
            return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--read-fd", type=int, required=True)
    parser.add_argument("--write-fd", type=int, required=True)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.debug else logging.INFO)
    LOG.debug("debug logging on")
    LOG.info("scripted server ready")
    with os.fdopen(args.read_fd, "rb") as requests, os.fdopen(args.write_fd, "wb") as replies:
        serve(requests, replies, ScriptedHandler())


if __name__ == "__main__":
    main()
