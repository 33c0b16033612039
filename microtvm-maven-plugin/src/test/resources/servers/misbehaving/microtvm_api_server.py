#!/usr/bin/env python3
"""A Project API server that breaks the protocol on purpose, for the Java client's tests.

The MISBEHAVE environment variable picks how (see MODES). Each mode reads requests from
--read-fd and misbehaves on the first one unless said otherwise. Python 3 stdlib only.
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
    "crash": "write 60 stderr lines, then exit 1 without replying",
    "exit_on_request": "exit 0 without replying (EOF for the client)",
    "never_answers": "start a child process, then never reply",
    "crash_leaving_child": "start a child process on the first request, then die with status 3 (orphaning it)",
    "orphaned_grandchild": "start a child that starts a grandchild and exits after 1 s, then never reply",
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


def send(replies, obj):
    replies.write((json.dumps(obj) + "\n").encode("utf-8"))
    replies.flush()


def sleep_forever():
    while True:
        time.sleep(60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--read-fd", type=int, required=True)
    parser.add_argument("--write-fd", type=int, required=True)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    mode = os.environ.get("MISBEHAVE", "")
    if mode not in MODES:
        sys.exit("unknown MISBEHAVE mode %r; one of %s" % (mode, ", ".join(MODES)))
    print("misbehaving server, mode %s: %s" % (mode, MODES[mode]), file=sys.stderr, flush=True)

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
        request_id = json.loads(raw)["id"]
        if mode == "missing_jsonrpc":
            send(replies, {"id": request_id, "result": None})
        elif mode == "wrong_id":
            send(replies, {"jsonrpc": "2.0", "id": request_id + 100, "result": None})
        elif mode == "null_id_error":
            send(replies, {"jsonrpc": "2.0", "id": None, "error": {
                "code": -32600, "message": "request[\"id\"]: want str, number, null; got 1.5", "data": None}})
            return
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
        elif mode == "crash":
            for i in range(60):
                print("stderr line %d" % i, file=sys.stderr)
            print("fatal: the server fell over", file=sys.stderr, flush=True)
            sys.exit(1)
        elif mode == "exit_on_request":
            return
        elif mode in ("never_answers", "orphaned_grandchild"):
            sleep_forever()
        elif mode == "crash_leaving_child":
            child = subprocess.Popen(["sleep", "300"])
            print("CHILD_PID=%d" % child.pid, file=sys.stderr, flush=True)
            # a build runs a while before the server falls over; os._exit skips any cleanup
            time.sleep(1)
            os._exit(3)
        else:
            send(replies, {"jsonrpc": "2.0", "id": request_id, "result": None})


if __name__ == "__main__":
    main()
