#!/usr/bin/env python3
"""The chaos server: a test fixture that breaks the Project API on purpose, for the client's fault tests.

Configured by environment (the Java tests set it through LaunchSpec.withEnvironment), or, where
the caller starts the server itself (a goal, ProjectCreator), by NAME=VALUE lines in a file
chaos.env beside this script; the environment wins:

  CHAOS_MODE         how to misbehave, one of MODES (required)
  CHAOS_METHOD       misbehave only on this method; every other request gets a well-formed
                     answer. Unset: misbehave on the first request, whatever it is
  CHAOS_DELAY_SEC    how long mode "slow" waits before answering (default 2)
  OVERSIZE_BYTES     length of the line mode "oversized" sends (default 8 MiB)
  CHAOS_IS_TEMPLATE  "0": server_info_query says it is a generated project, not a template

A stderr flood and a wrong protocol version are cases of the well-behaved "scripted" server.
Every process it starts prints "CHILD_PID=<pid>" (or GRANDCHILD_PID) on stderr, so that a test can
check the process table afterwards. Python 3 stdlib only.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

MODES = {
    "missing_jsonrpc": "reply without the jsonrpc member",
    "wrong_id": "reply with the request id + 100",
    "null_id_error": "reply id null with an INVALID_REQUEST error, then exit (what the real server does)",
    "no_result": "reply with neither result nor error",
    "garbage": "reply with a line that is not JSON",
    "invalid_utf8": "reply with a line that is not UTF-8",
    "oversized": "reply with one line of OVERSIZE_BYTES bytes",
    "partial_then_exit": "write half a reply line without its newline, then exit 0",
    "partial_then_hang": "write half a reply line without its newline, then never finish it",
    "crash_on_start": "exit 2 with an import error before reading any request",
    "crash": "write 60 stderr lines, then exit 1 without replying",
    "exit_on_request": "exit 0 without replying (EOF for the client)",
    "exit_unflushed": "put the reply in the write buffer, then exit at once without flushing it",
    "exit_flushing": "put the reply in the write buffer and exit normally, which flushes it",
    "slow": "wait CHAOS_DELAY_SEC, then answer correctly",
    "slow_once": "like slow the first time in this dir (a marker file remembers it), at once after that",
    "never_answers": "start a child process, then never reply",
    "crash_leaving_child": "start a child process on the first request, then die with status 3 (orphaning it)",
    "orphaned_grandchild": "start a child that starts a grandchild and exits after 1 s, then never reply",
    "pipe_holding_child": "start a child that inherits the reply pipe, then exit 5 at once without replying",
    "slow_start": "sleep a minute before reading anything, then answer normally",
    "ignores_eof": "answer normally, but ignore SIGTERM and keep running after EOF",
}


# Run as the server's child: starts a grandchild, then exits and leaves it to init.
ORPHANING_CHILD = """
import subprocess, sys, time
grandchild = subprocess.Popen(["sleep", "300"])
print("GRANDCHILD_PID=%d" % grandchild.pid, file=sys.stderr, flush=True)
time.sleep(1)
"""


# in the server's working directory, which is its own dir
SLOW_ONCE_MARKER = ".chaos-slow-once"


def load_chaos_env():
    """NAME=VALUE lines of chaos.env beside this script, under whatever the environment already says."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chaos.env")
    if os.path.exists(path):
        with open(path) as env:
            for line in env:
                name, sep, value = line.strip().partition("=")
                if sep and not name.startswith("#"):
                    os.environ.setdefault(name, value)


def send(replies, obj):
    replies.write((json.dumps(obj) + "\n").encode("utf-8"))
    replies.flush()


def sleep_forever():
    while True:
        time.sleep(60)


def well_formed_result(method):
    """What a healthy server answers, so that the calls before the faulty one succeed."""
    if method == "server_info_query":
        is_template = os.environ.get("CHAOS_IS_TEMPLATE", "1") != "0"
        return {"protocol_version": 1, "platform_name": "chaos", "is_template": is_template,
                "model_library_format_path": "", "project_options": []}
    if method == "open_transport":
        return {"timeouts": {"session_start_retry_timeout_sec": 2.0, "session_start_timeout_sec": 5.0,
                             "session_established_timeout_sec": 10.0}}
    if method == "read_transport":
        return {"data": ""}  # nothing arrived in time, as the Arduino server says it
    return None


def misbehave(mode, request, replies, write_fd):
    """Acts out the mode on one request; returns False when the server should stop serving."""
    request_id = request["id"]
    method = request["method"]
    ok = {"jsonrpc": "2.0", "id": request_id, "result": well_formed_result(method)}
    if mode == "missing_jsonrpc":
        send(replies, {"id": request_id, "result": None})
    elif mode == "wrong_id":
        send(replies, {"jsonrpc": "2.0", "id": request_id + 100, "result": None})
    elif mode == "null_id_error":
        send(replies, {"jsonrpc": "2.0", "id": None, "error": {
            "code": -32600, "message": "request[\"id\"]: want str, number, null; got 1.5", "data": None}})
        return False
    elif mode == "no_result":
        send(replies, {"jsonrpc": "2.0", "id": request_id})
    elif mode == "garbage":
        replies.write(b"this is not JSON at all\n")
        replies.flush()
    elif mode == "invalid_utf8":
        replies.write(b'{"jsonrpc": "2.0", "id": 1, "result": "\xff\xfe"}\n')
        replies.flush()
    elif mode == "oversized":
        size = int(os.environ.get("OVERSIZE_BYTES", str(8 * 1024 * 1024)))
        replies.write(b"x" * size + b"\n")  # blocks once the client stops reading
        replies.flush()
    elif mode in ("partial_then_exit", "partial_then_hang"):
        replies.write(('{"jsonrpc": "2.0", "id": %d, "res' % request_id).encode("ascii"))
        replies.flush()
        if mode == "partial_then_hang":
            sleep_forever()
        return False
    elif mode == "crash":
        for i in range(60):
            print("stderr line %d" % i, file=sys.stderr)
        print("fatal: the server fell over", file=sys.stderr, flush=True)
        sys.exit(1)
    elif mode == "exit_on_request":
        return False
    elif mode == "exit_unflushed":
        replies.write((json.dumps(ok) + "\n").encode("utf-8"))
        os._exit(0)  # skips the buffer flush that a normal exit does
    elif mode == "exit_flushing":
        replies.write((json.dumps(ok) + "\n").encode("utf-8"))
        sys.exit(0)
    elif mode == "slow_once" and os.path.exists(SLOW_ONCE_MARKER):
        send(replies, ok)
    elif mode in ("slow", "slow_once"):
        if mode == "slow_once":
            open(SLOW_ONCE_MARKER, "w").close()
        delay = float(os.environ.get("CHAOS_DELAY_SEC", "2"))
        print("slow: answering %s in %s s" % (method, delay), file=sys.stderr, flush=True)
        time.sleep(delay)
        send(replies, ok)
    elif mode in ("never_answers", "orphaned_grandchild"):
        sleep_forever()
    elif mode == "crash_leaving_child":
        child = subprocess.Popen(["sleep", "300"])
        print("CHILD_PID=%d" % child.pid, file=sys.stderr, flush=True)
        # a build runs a while before the server falls over; os._exit skips any cleanup
        time.sleep(1)
        os._exit(3)
    elif mode == "pipe_holding_child":
        # a tool left running in the background with the server's fds, as a careless flash script
        # does; the server exits at once, faster than any periodic look at the process table
        child = subprocess.Popen(["sleep", "300"], pass_fds=(write_fd,))
        print("CHILD_PID=%d" % child.pid, file=sys.stderr, flush=True)
        os._exit(5)
    else:
        send(replies, ok)
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--read-fd", type=int, required=True)
    parser.add_argument("--write-fd", type=int, required=True)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    load_chaos_env()
    mode = os.environ.get("CHAOS_MODE", "")
    if mode not in MODES:
        sys.exit("unknown CHAOS_MODE %r; one of %s" % (mode, ", ".join(MODES)))
    only_method = os.environ.get("CHAOS_METHOD", "")
    print("chaos server (pid %d), mode %s%s: %s" % (os.getpid(), mode, " on " + only_method if only_method else "",
                                                    MODES[mode]), file=sys.stderr, flush=True)

    if mode == "crash_on_start":
        print("ModuleNotFoundError: No module named 'serial' (the chaos server's start-up crash)",
              file=sys.stderr, flush=True)
        sys.exit(2)
    if mode == "slow_start":
        time.sleep(60)
    if mode == "never_answers":
        child = subprocess.Popen(["sleep", "300"])
        print("CHILD_PID=%d" % child.pid, file=sys.stderr, flush=True)
    if mode == "orphaned_grandchild":
        # the middle process exits on its own, as a crashing make leaves its compiler behind
        child = subprocess.Popen([sys.executable, "-c", ORPHANING_CHILD])
        print("CHILD_PID=%d" % child.pid, file=sys.stderr, flush=True)
    if mode == "ignores_eof":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)

    requests = os.fdopen(args.read_fd, "rb")
    replies = os.fdopen(args.write_fd, "wb")
    while True:
        raw = requests.readline()
        if not raw:
            if mode == "ignores_eof":
                print("EOF on the request pipe, staying anyway", file=sys.stderr, flush=True)
                sleep_forever()
            return
        request = json.loads(raw)
        if only_method and request["method"] != only_method:
            send(replies, {"jsonrpc": "2.0", "id": request["id"], "result": well_formed_result(request["method"])})
        elif not misbehave(mode, request, replies, args.write_fd):
            return


if __name__ == "__main__":
    main()
