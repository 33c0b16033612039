"""microTVM Project API server machinery: the JSON-RPC 2.0 side of a template server.

A template's ``microtvm_api_server.py`` subclasses :class:`ProjectAPIHandler`, implements the
eight methods and calls :func:`main`. This module owns everything the client can observe on
the wire, so that TVM's own Project API client (v0.13 ... v0.18) and ours both work:

* one JSON value per line on the ``--read-fd``/``--write-fd`` pipes, UTF-8, strictly one
  reply per request;
* request validation with TVM's exact error codes and messages;
* the ``ServerError`` family, whose subclass names travel as the error message so the client
  can rebuild the typed exception;
* ProjectOption / server info / transport timeout result shapes, and base85 payloads.

Python 3 standard library only: templates must run wherever a bare ``python3`` exists.
"""

import abc
import argparse
import base64
import collections
import enum
import io
import json
import logging
import os
import pathlib
import re
import signal
import sys
import threading
import time
import traceback

# Named as before the package existed, so the servers' log lines read the same.
_LOG = logging.getLogger("project_api_server")

PROTOCOL_VERSION = 1

# ---------------------------------------------------------------------------------------------
# Result shapes
# ---------------------------------------------------------------------------------------------

# The wire key order of a ProjectOption is this field order (clients print options in it).
_OPTION_FIELDS = ("name", "choices", "default", "type", "required", "optional", "help")


class ProjectOption(collections.namedtuple("ProjectOption", _OPTION_FIELDS)):
    """Metadata of one project option, as returned by server_info_query.

    Everything but ``name`` is keyword-only; ``type`` and at least one of ``required`` /
    ``optional`` are mandatory, as in TVM (RFC-0020). Unset fields are serialized as null.
    """

    __slots__ = ()

    def __new__(cls, name, **fields):
        unknown = set(fields) - set(_OPTION_FIELDS[1:])
        if unknown:
            raise TypeError(f"ProjectOption {name}: unknown fields {sorted(unknown)}")
        if "type" not in fields:
            raise TypeError(f"ProjectOption {name}: 'type' must be given")
        if fields.get("required") is None and fields.get("optional") is None:
            raise TypeError(f"ProjectOption {name}: give 'required' and/or 'optional'")
        values = {field: None for field in _OPTION_FIELDS[1:]}
        values.update(fields)
        return super().__new__(cls, name=name, **values)

    def to_json(self):
        return {field: getattr(self, field) for field in _OPTION_FIELDS}


# The four keys of docs/project-api.md, "server_info_query", then two extra keys of the bundled
# templates, sent only when set (TVM's client ignores keys it does not know; microtvm:* reads them):
#   firmware_images: artifact extension -> path, relative to the project, of each image build writes
#                    (what microtvm:build attaches to the Maven project);
#   required_tools:  [{"command": program or "{option}", "default": program when the option is unset,
#                    "needed_for": [methods]}, ...], the programs the methods run, so a client can tell
#                    before any call what an agent lacks.
ServerInfo = collections.namedtuple(
    "ServerInfo",
    ("platform_name", "is_template", "model_library_format_path", "project_options", "firmware_images",
     "required_tools"),
    defaults=(None, None),
)
_EXTRA_INFO_KEYS = ("firmware_images", "required_tools")

# The three session timeouts (seconds) the microTVM RPC session uses; 0 disables one.
TransportTimeouts = collections.namedtuple(
    "TransportTimeouts",
    ("session_start_retry_timeout_sec", "session_start_timeout_sec", "session_established_timeout_sec"),
)

# What a handler's open_transport may return instead of bare TransportTimeouts, to offer a client
# a direct channel to the device besides the relay. It travels as an extra key of the result,
# next to "timeouts" (TVM's client reads only "timeouts"; microtvm:run connects to the channel):
#   direct_channel: {"kind": "unix_socket", "path": absolute path of a socket to connect to}
OpenedTransport = collections.namedtuple("OpenedTransport", ("timeouts", "direct_channel"))

# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


class ErrorCode(enum.IntEnum):
    """JSON-RPC error codes, plus the custom SERVER_ERROR used for handler failures."""

    SERVER_ERROR = -32000
    PARSE_ERROR = -32700
    INVALID_REQUEST = -32600
    METHOD_NOT_FOUND = -32601
    INVALID_PARAMS = -32602
    INTERNAL_ERROR = -32603


class JSONRPCError(Exception):
    """An error that is sent to the client as a JSON-RPC error object."""

    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self):
        return {"code": int(self.code), "message": self.message, "data": self.data}

    def __str__(self):
        return f"JSON-RPC error # {int(self.code)}: {self.message}"


class ServerError(JSONRPCError):
    """A failure while running a valid request (code -32000).

    Raise ``ServerError("text")`` for a failure the user can act on: the text is the message.
    Subclasses take no message: their class name *is* the message, which is how TVM's client
    recognizes TransportClosedError, IoTimeoutError and UnsupportedTVMVersionError.
    """

    def __init__(self, message=None, data=None):
        if type(self) is ServerError:
            if message is None:
                raise TypeError("a plain ServerError needs a message")
        else:
            if message is not None:
                raise TypeError(f"{type(self).__name__} takes no message; its name is the message")
            message = type(self).__name__
        super().__init__(ErrorCode.SERVER_ERROR, message, data)

    def attach_traceback(self, exc):
        """Put the formatted traceback of ``exc`` into ``data.traceback`` (once)."""
        if self.data is None:
            self.data = {}
        self.data.setdefault("traceback", format_server_traceback(exc))


class TransportClosedError(ServerError):
    """The transport can no longer be used (EOF, broken pipe, or it is not open)."""


class IoTimeoutError(ServerError):
    """A transport read or write did not complete before its deadline."""


class UnsupportedTVMVersionError(ServerError):
    """The tvm_version given to server_info_query is not supported by this server."""


def format_server_traceback(exc):
    """Format ``exc``'s traceback, marking the first frame as the outermost server-side one.

    TVM's client may splice this text into a longer Python traceback, so the marker tells a
    reader where the server part begins.
    """
    parts = list(traceback.TracebackException.from_exception(exc).format())
    if len(parts) < 2 or not parts[0].startswith("Traceback"):
        return "".join(parts)
    first_line, _, rest = parts[1].partition("\n")
    marked = f"{first_line}  # <--- Outermost server-side stack frame\n{rest}"
    return parts[0] + marked + "".join(parts[2:])


# ---------------------------------------------------------------------------------------------
# Handler interface
# ---------------------------------------------------------------------------------------------


class ProjectAPIHandler(abc.ABC):
    """The eight Project API methods. Raise ServerError (or a subclass) to report failures."""

    @abc.abstractmethod
    def server_info_query(self, tvm_version):
        """Return a ServerInfo. ``tvm_version`` is the client's TVM version string."""

    @abc.abstractmethod
    def generate_project(self, model_library_format_path, standalone_crt_dir, project_dir, options):
        """Create ``project_dir`` (a pathlib.Path that must not exist) from the MLF tar.

        ``standalone_crt_dir`` is a pathlib.Path, or None when the client sent an empty string.
        """

    @abc.abstractmethod
    def build(self, options):
        """Build the generated project."""

    @abc.abstractmethod
    def flash(self, options):
        """Program the build onto the device."""

    @abc.abstractmethod
    def open_transport(self, options):
        """Open the byte channel to the device; return TransportTimeouts (or OpenedTransport)."""

    @abc.abstractmethod
    def close_transport(self):
        """Close the byte channel; a no-op when none is open."""

    @abc.abstractmethod
    def read_transport(self, n, timeout_sec):
        """Return 1..n bytes; IoTimeoutError on timeout, TransportClosedError on EOF."""

    @abc.abstractmethod
    def write_transport(self, data, timeout_sec):
        """Write all of ``data`` (bytes) or raise IoTimeoutError / TransportClosedError."""

    def shutdown(self):
        """Release resources (child processes) when the server exits. Override as needed."""


# Parameter names per method, in declaration order (they are all mandatory on the wire).
_METHOD_PARAMS = {
    "server_info_query": ("tvm_version",),
    "generate_project": ("model_library_format_path", "standalone_crt_dir", "project_dir", "options"),
    "build": ("options",),
    "flash": ("options",),
    "open_transport": ("options",),
    "close_transport": (),
    "read_transport": ("n", "timeout_sec"),
    "write_transport": ("data", "timeout_sec"),
}

# TVM type-checks parameters only for methods whose results need no conversion; the others are
# passed through as sent. Keeping the same rule keeps the same error replies.
_TYPE_CHECKED_PARAMS = {"build": {"options": dict}, "flash": {"options": dict}}

# ---------------------------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------------------------

_METHOD_NAME_RE = re.compile("^[a-zA-Z0-9_]+$")


class ProjectAPIServer:
    """Serves newline-delimited JSON-RPC 2.0 requests, one at a time, until EOF."""

    def __init__(self, read_file, write_file, handler):
        # Strict UTF-8 text over the unbuffered binary pipes; write_through so every reply line
        # reaches the client before the next request is read.
        self._reader = io.TextIOWrapper(read_file, encoding="UTF-8", errors="strict")
        self._writer = io.TextIOWrapper(write_file, encoding="UTF-8", errors="strict", write_through=True)
        self._handler = handler
        self._encoded_info = None  # (key, _EncodedResult) of the last server_info_query

    def serve_forever(self):
        while self.serve_one_request():
            pass

    def serve_one_request(self):
        """Handle one request line. Returns False when the server should stop."""
        try:
            line = self._reader.readline()
            if not line:
                _LOG.debug("request channel closed; exiting")
                return False
            _LOG.debug("request <- %s", line.rstrip("\n"))
            request = json.loads(line)
        except Exception:  # pylint: disable=broad-except
            # Bad JSON or bad UTF-8: the stream cannot be trusted any more, and without an id
            # there is nobody to reply to. TVM's server exits silently here too.
            _LOG.error("Caught error reading request", exc_info=True)
            return False

        validated = False
        try:
            self._validate(request)
            validated = True
            self._dispatch(request)
        except JSONRPCError as exc:
            if isinstance(exc, ServerError):
                exc.attach_traceback(exc)
                _LOG.error("%s: %s", request.get("method"), exc.message)
            else:
                _LOG.warning("rejected request: %s", exc.message)
            self._write_reply(request.get("id") if validated else None, error=exc.to_json())
            return validated
        except Exception as exc:  # pylint: disable=broad-except
            method = request.get("method") if isinstance(request, dict) else None
            error = ServerError(f"calling method {method}" if validated else "validating request")
            error.attach_traceback(exc)
            _LOG.error("%s failed", method if validated else "request validation", exc_info=True)
            self._write_reply(request.get("id") if isinstance(request, dict) else None, error=error.to_json())
            return validated
        return True

    @staticmethod
    def _validate(request):
        """Reject malformed requests with INVALID_REQUEST; the server then stops."""

        def invalid(message):
            return JSONRPCError(ErrorCode.INVALID_REQUEST, message, None)

        if not isinstance(request, dict):
            raise invalid(f"request: want dict; got {request!r}")
        version = request.get("jsonrpc")
        if version != "2.0":
            raise invalid(f'request["jsonrpc"]: want "2.0"; got {version!r}')
        method = request.get("method")
        if not isinstance(method, str):
            raise invalid(f'request["method"]: want str; got {method!r}')
        if not _METHOD_NAME_RE.match(method):
            raise invalid(f'request["method"]: should match regex {_METHOD_NAME_RE.pattern}; got {method!r}')
        params = request.get("params")
        if not isinstance(params, dict):
            raise invalid(f'request["params"]: want dict; got {type(params)}')
        request_id = request.get("id")
        # bool passes on purpose: it is an int in Python, and TVM accepts it as well.
        if not isinstance(request_id, (str, int, type(None))):
            raise invalid(f'request["id"]: want str, number, null; got {request_id!r}')

    def _dispatch(self, request):
        method = request["method"]
        if method not in _METHOD_PARAMS:
            raise JSONRPCError(ErrorCode.METHOD_NOT_FOUND, f"{method}: no such method", None)

        sent = request["params"]
        expected = _METHOD_PARAMS[method]
        for name in expected:
            if name not in sent:
                raise JSONRPCError(ErrorCode.INVALID_PARAMS, f"method {method}: parameter {name} not given", None)
            want = _TYPE_CHECKED_PARAMS.get(method, {}).get(name)
            if want is not None and not isinstance(sent[name], want):
                raise JSONRPCError(
                    ErrorCode.INVALID_PARAMS,
                    f"method {method}: parameter {name}: want {want!r}, got {type(sent[name])!r}",
                    None,
                )
        extra = [name for name in sent if name not in expected]
        if extra:
            raise JSONRPCError(ErrorCode.INVALID_PARAMS, f"{method}: extra parameters: {', '.join(extra)}", None)

        result = getattr(self, f"_call_{method}")(**{name: sent[name] for name in expected})
        # A request without "id" (a notification) still runs; this lookup then fails and the
        # client gets a SERVER_ERROR with a null id, exactly as from TVM's server.
        self._write_reply(request["id"], result=result)

    # One adapter per method: converts wire values to handler arguments and back.

    def _call_server_info_query(self, tvm_version):
        info = self._handler.server_info_query(tvm_version)
        # A client may ask before every method; the answer rarely changes, and encoding its
        # option list is most of the call's cost, so the encoded result is kept for an equal info.
        # The option list is copied into the key, as handlers often return one module-level list.
        key = (info, tuple(info.project_options))
        cached = self._encoded_info
        if cached is not None and cached[0] == key:
            return cached[1]
        encoded = _EncodedResult(json.dumps(self._server_info_result(info)))
        self._encoded_info = (key, encoded)
        return encoded

    @staticmethod
    def _server_info_result(info):
        result = dict(info._asdict())  # key order: the ServerInfo fields, then protocol_version
        if result["model_library_format_path"] is not None:
            result["model_library_format_path"] = str(result["model_library_format_path"])
        result["project_options"] = [option.to_json() for option in info.project_options]
        for key in _EXTRA_INFO_KEYS:
            if result[key] is None:
                del result[key]
        result["protocol_version"] = PROTOCOL_VERSION
        return result

    def _call_generate_project(self, model_library_format_path, standalone_crt_dir, project_dir, options):
        def as_path(value):
            return pathlib.Path(value) if value else None

        return self._handler.generate_project(
            as_path(model_library_format_path), as_path(standalone_crt_dir), as_path(project_dir), options
        )

    def _call_build(self, options):
        return self._handler.build(options)

    def _call_flash(self, options):
        return self._handler.flash(options)

    def _call_open_transport(self, options):
        opened = self._handler.open_transport(options)
        if not isinstance(opened, OpenedTransport):
            opened = OpenedTransport(opened, None)
        result = {"timeouts": dict(opened.timeouts._asdict())}
        if opened.direct_channel:
            result["direct_channel"] = opened.direct_channel
        return result

    def _call_close_transport(self):
        return self._handler.close_transport()

    def _call_read_transport(self, n, timeout_sec):
        return {"data": encode_payload(self._handler.read_transport(n, timeout_sec))}

    def _call_write_transport(self, data, timeout_sec):
        self._handler.write_transport(decode_payload(data), timeout_sec)

    def _write_reply(self, request_id, result=None, error=None):
        if isinstance(result, _EncodedResult) and error is None:
            # the very text json.dumps would give for the whole reply, the result already encoded
            line = '{"jsonrpc": "2.0", "id": ' + json.dumps(request_id) + ', "result": ' + result + "}"
        else:
            reply = {"jsonrpc": "2.0", "id": request_id}
            if error is not None:
                reply["error"] = error
            else:
                reply["result"] = result
            # json.dumps escapes newlines and non-ASCII, so the reply is exactly one line.
            line = json.dumps(reply)
        _LOG.debug("reply -> %s", line)
        self._writer.write(line + "\n")


class _EncodedResult(str):
    """A method's result already encoded as JSON text (json.dumps with its default separators)."""


def encode_payload(data):
    """Transport bytes -> wire string (base85, RFC 1924 alphabet, as Python's b85encode)."""
    return base64.b85encode(bytes(data)).decode("ascii")


def decode_payload(text):
    """Wire string -> transport bytes."""
    return base64.b85decode(text)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description="microTVM Project API server")
    parser.add_argument("--read-fd", type=int, required=True, help="file descriptor to read requests from")
    parser.add_argument("--write-fd", type=int, required=True, help="file descriptor to write replies to")
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level (requests and replies)")
    return parser.parse_args(argv)


def _exit_on_sigterm(signum, _frame):
    # Turn SIGTERM into SystemExit so the finally-block in main() reaps child processes.
    raise SystemExit(128 + signum)


def _stop_when_the_client_dies(poll_seconds=0.5):
    """A client killed outright (SIGKILL, a CI timeout) closes nothing and signals nobody; its
    pipe's EOF is only read between calls. Mid-call (a long build), its death shows as a new
    parent: the server then stops as on SIGTERM, stopping its tools and its transport too."""
    client = os.getppid()
    if client == 1:
        return  # started orphaned: nothing to watch

    def watch():
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != client:
                _LOG.warning("the client (pid %d) is gone; stopping", client)
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, name="client-watch", daemon=True).start()


def main(handler, argv=None):
    """Serve ``handler`` on the pipes named on the command line until the client hangs up."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # A client may have built the request/reply pipes from our stdin/stdout; a stray print()
    # must never reach the reply channel, so Python-level stdout goes to stderr from here on.
    sys.stdout = sys.stderr
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    _stop_when_the_client_dies()

    read_file = os.fdopen(args.read_fd, "rb", buffering=0)
    write_file = os.fdopen(args.write_fd, "wb", buffering=0)
    try:
        ProjectAPIServer(read_file, write_file, handler).serve_forever()
    finally:
        handler.shutdown()
